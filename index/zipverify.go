package index

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
)

// ErrNotAsWritten means a backup or pack, read back once written and
// synced, is not what was written: the disk lost or changed it (a worn
// or counterfeit USB stick, one pulled out). It is not put in place: an
// older backup of that name is kept as it was.
var ErrNotAsWritten = errors.New("the file written does not read back as written")

// bundleWritten, when set (by tests), is given a bundle's file once
// written and synced, before it is read back.
var bundleWritten func(f *os.File)

// verify reads back the zip z wrote to f, once synced, its pages dropped
// from the system's cache where it allows (so that the disk is read, not
// what memory kept of it): as many bytes as were written, with the CRC-32
// of what was written; the directory's bytes the records made for the
// entries as they ended (SHA-256); and the directory as a restore reads
// it (zipDir): every entry counted, each local header naming its entry,
// no entry's data over another's. The file is read once more but not
// inflated: a fraction of the time deflating it took.
func (z *zipWriter) verify(f *os.File) error {
	dropCache(f)
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNotAsWritten, err)
	}
	if st.Size() != z.out.n {
		return fmt.Errorf("%w: %d bytes of %d", ErrNotAsWritten, st.Size(), z.out.n)
	}
	crc, records := crc32.NewIEEE(), sha256.New()
	buf := make([]byte, 1<<20)
	for _, part := range []struct {
		from, to int64
		w        io.Writer
	}{{0, z.dirStart, crc}, {z.dirStart, z.dirEnd, io.MultiWriter(crc, records)}, {z.dirEnd, z.out.n, crc}} {
		if _, err := io.CopyBuffer(part.w, io.NewSectionReader(f, part.from, part.to-part.from), buf); err != nil {
			return fmt.Errorf("%w: %w", ErrNotAsWritten, err)
		}
	}
	if crc.Sum32() != z.out.crc {
		return fmt.Errorf("%w: CRC-32 %08x, written %08x", ErrNotAsWritten, crc.Sum32(), z.out.crc)
	}
	if !bytes.Equal(records.Sum(nil), z.records.Sum(nil)) {
		return fmt.Errorf("%w: the directory is not the records made", ErrNotAsWritten)
	}
	d, err := readZipDir(f, z.out.n)
	if err != nil || d.count != z.count || d.start != z.dirStart {
		return fmt.Errorf("%w: the directory does not read as written", ErrNotAsWritten)
	}
	data := zipDataChecker{d: d}
	if err := d.each(data.check); err != nil {
		return fmt.Errorf("%w: %w", ErrNotAsWritten, err)
	}
	return nil
}
