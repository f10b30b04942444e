package index

import (
	"bufio"
	"compress/flate"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"
)

// zipWriter writes a zip as archive/zip's Writer does (each entry
// deflated and streamed: its local header, its data, a data descriptor;
// then the central directory and the end records, zip64's when over
// 65,535 entries or 4 GB), but keeps no entry in memory: archive/zip's
// holds every entry's header until Close writes the directory, about
// 860 bytes an entry with the sums beside it (1.7 GB for the backup of a
// million documents, two million entries). Each entry's directory record
// is written instead, as soon as the entry ends, to a temporary file
// beside the zip (spill), which close copies after the last entry.
//
// What it writes is a standard zip: names flagged UTF-8, a modification
// time in MS-DOS form and as the extended timestamp, zip64 fields only
// where a 32-bit one overflows and only those, as the zip64 extension
// says (archive/zip, 7-Zip and Windows Explorer read them). zipDir reads
// it back.
type zipWriter struct {
	out   countWriter   // the zip, buffered
	spill *os.File      // the directory's records, until close
	held  func()        // releases the mark that spill is in use
	dir   countWriter   // spill, buffered
	count uint64        // entries written
	fw    *flate.Writer // reused: a megabyte each, a backup has millions of entries
	err   error         // the first write that failed: the zip is not finished

	// What verify reads back: the directory's records as made (their
	// SHA-256) and where close put them.
	records          hash.Hash
	dirStart, dirEnd int64
}

// countWriter counts what goes through its buffer, and sums it (CRC-32).
type countWriter struct {
	w   *bufio.Writer
	n   int64
	crc uint32
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, p[:n])
	return n, err
}

const (
	zipVersion20 = 20 // deflate, data descriptor
	zipVersion45 = 45 // zip64
	zipFlagUTF8  = 0x800
	zipDescLen   = 16 // a data descriptor with its signature
	zipDesc64Len = 24
	zipTimeLen   = 9 // the extended timestamp field: tag, size, flags, seconds
	max16        = 0xFFFF
	max32        = 0xFFFFFFFF
)

// newZipWriter writes a zip to f; the directory's records wait in a
// temporary file beside it (named as a bundle's, so one a killed process
// left is removed as one).
func newZipWriter(f *os.File) (*zipWriter, error) {
	spill, err := os.CreateTemp(filepath.Dir(f.Name()), bundleTempPattern)
	if err != nil {
		return nil, err
	}
	return &zipWriter{
		out:   countWriter{w: bufio.NewWriterSize(f, 64<<10)},
		spill: spill,
		held:  holdTemp(spill),
		dir:   countWriter{w: bufio.NewWriterSize(spill, 64<<10)},

		records: sha256.New(),
	}, nil
}

// msDosTime is t in the MS-DOS form of a zip's headers (local time, two
// seconds apart, from 1980).
func msDosTime(t time.Time) (date, clock uint16) {
	if t.Year() < 1980 {
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, t.Location())
	}
	date = uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock = uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	return date, clock
}

// errZipName means an entry's name cannot be one of a zip's.
var errZipName = errors.New("zip: entry name too long or not UTF-8")

// create writes an entry named name, deflated, from r.
func (z *zipWriter) create(name string, r io.Reader, modified time.Time) error {
	if z.err != nil {
		return z.err
	}
	if len(name) > max16 || !utf8.ValidString(name) {
		return errZipName
	}
	z.err = z.writeEntry(name, r, modified)
	return z.err
}

// zipEntry is what the directory's record of an entry says of it.
type zipEntry struct {
	name        string
	date, clock uint16
	unix        uint32
	crc         uint32
	csize       uint64
	usize       uint64
	local       uint64
}

func (z *zipWriter) writeEntry(name string, r io.Reader, modified time.Time) error {
	e := zipEntry{name: name, local: uint64(z.out.n), unix: uint32(modified.Unix())}
	e.date, e.clock = msDosTime(modified)
	var h [zipLocalLen]byte
	le := binary.LittleEndian
	le.PutUint32(h[0:], 0x04034b50)
	le.PutUint16(h[4:], zipVersion20)
	le.PutUint16(h[6:], zipFlagDesc|zipFlagUTF8)
	le.PutUint16(h[8:], zip8Deflate)
	le.PutUint16(h[10:], e.clock)
	le.PutUint16(h[12:], e.date)
	// CRC-32 and sizes (14-25) follow the data, in its descriptor.
	le.PutUint16(h[26:], uint16(len(name)))
	le.PutUint16(h[28:], zipTimeLen)
	z.out.Write(h[:])
	io.WriteString(&z.out, name)
	z.out.Write(timeField(e.unix))

	start := z.out.n
	crc := crc32.NewIEEE()
	if z.fw == nil {
		z.fw, _ = flate.NewWriter(&z.out, flate.DefaultCompression)
	} else {
		z.fw.Reset(&z.out)
	}
	n, err := io.Copy(z.fw, io.TeeReader(r, crc))
	if err != nil {
		return err
	}
	if err := z.fw.Close(); err != nil {
		return err
	}
	e.crc, e.usize, e.csize = crc.Sum32(), uint64(n), uint64(z.out.n-start)

	d := make([]byte, 0, zipDesc64Len)
	d = le.AppendUint32(d, 0x08074b50)
	d = le.AppendUint32(d, e.crc)
	if e.csize >= max32 || e.usize >= max32 {
		d = le.AppendUint64(d, e.csize)
		d = le.AppendUint64(d, e.usize)
	} else {
		d = le.AppendUint32(d, uint32(e.csize))
		d = le.AppendUint32(d, uint32(e.usize))
	}
	if _, err := z.out.Write(d); err != nil {
		return err
	}
	rec := e.record()
	z.records.Write(rec)
	if _, err := z.dir.Write(rec); err != nil {
		return fmt.Errorf("zip directory: %w", err)
	}
	z.count++
	return nil
}

// timeField is the extended timestamp extra field: the modification time
// in Unix seconds (archive/zip and 7-Zip read it as UTC).
func timeField(unix uint32) []byte {
	b := make([]byte, 0, zipTimeLen)
	b = binary.LittleEndian.AppendUint16(b, 0x5455)
	b = binary.LittleEndian.AppendUint16(b, 5)
	b = append(b, 1) // the modification time only
	return binary.LittleEndian.AppendUint32(b, unix)
}

// record is e's central directory record. A size or offset that does not
// fit 32 bits is all ones there and in its zip64 field, in the order the
// extension gives (inflated size, compressed size, offset), the others
// not.
func (e *zipEntry) record() []byte {
	var z64 []byte
	le := binary.LittleEndian
	u32 := func(v uint64) uint32 {
		if v >= max32 {
			z64 = le.AppendUint64(z64, v)
			return max32
		}
		return uint32(v)
	}
	usize, csize, local := u32(e.usize), u32(e.csize), u32(e.local)
	version := uint16(zipVersion20)
	extra := timeField(e.unix)
	if len(z64) > 0 {
		version = zipVersion45
		extra = le.AppendUint16(extra, 0x0001)
		extra = le.AppendUint16(extra, uint16(len(z64)))
		extra = append(extra, z64...)
	}
	b := make([]byte, 0, zipRecordLen+len(e.name)+len(extra))
	b = le.AppendUint32(b, 0x02014b50)
	b = le.AppendUint16(b, version) // made by: MS-DOS's attributes, this version
	b = le.AppendUint16(b, version) // needed to extract
	b = le.AppendUint16(b, zipFlagDesc|zipFlagUTF8)
	b = le.AppendUint16(b, zip8Deflate)
	b = le.AppendUint16(b, e.clock)
	b = le.AppendUint16(b, e.date)
	b = le.AppendUint32(b, e.crc)
	b = le.AppendUint32(b, csize)
	b = le.AppendUint32(b, usize)
	b = le.AppendUint16(b, uint16(len(e.name)))
	b = le.AppendUint16(b, uint16(len(extra)))
	b = le.AppendUint16(b, 0) // comment
	b = le.AppendUint16(b, 0) // disk
	b = le.AppendUint16(b, 0) // internal attributes
	b = le.AppendUint32(b, 0) // external attributes
	b = le.AppendUint32(b, local)
	b = append(b, e.name...)
	return append(b, extra...)
}

// close writes the directory and the end records after the last entry
// and flushes the zip; the caller syncs and closes its file. The spill
// file is removed, whatever happens.
func (z *zipWriter) close() error {
	defer z.drop()
	if z.err != nil {
		return z.err
	}
	if err := z.dir.w.Flush(); err != nil {
		return fmt.Errorf("zip directory: %w", err)
	}
	start := z.out.n
	if _, err := z.spill.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("zip directory: %w", err)
	}
	copied, err := io.Copy(&z.out, z.spill)
	if err != nil {
		return fmt.Errorf("zip directory: %w", err)
	}
	if copied != z.dir.n {
		return fmt.Errorf("zip directory: %d bytes of %d read back", copied, z.dir.n)
	}
	z.dirStart, z.dirEnd = start, z.out.n
	if _, err := z.out.Write(zipEndRecords(z.count, uint64(copied), uint64(start), uint64(z.out.n))); err != nil {
		return err
	}
	return z.out.w.Flush()
}

// zipEndRecords is the end of central directory record, after zip64's record
// and locator when the directory's count, size or offset overflows its
// field (end is where the directory ends).
func zipEndRecords(records, size, offset, end uint64) []byte {
	le := binary.LittleEndian
	var b []byte
	if records >= max16 || size >= max32 || offset >= max32 {
		b = le.AppendUint32(b, 0x06064b50)
		b = le.AppendUint64(b, 56-12) // the record's length after this field
		b = le.AppendUint16(b, zipVersion45)
		b = le.AppendUint16(b, zipVersion45)
		b = le.AppendUint32(b, 0) // this disk
		b = le.AppendUint32(b, 0) // the directory's disk
		b = le.AppendUint64(b, records)
		b = le.AppendUint64(b, records)
		b = le.AppendUint64(b, size)
		b = le.AppendUint64(b, offset)
		// The locator.
		b = le.AppendUint32(b, 0x07064b50)
		b = le.AppendUint32(b, 0)
		b = le.AppendUint64(b, end)
		b = le.AppendUint32(b, 1) // disks
		records, size, offset = max16, max32, max32
	}
	b = le.AppendUint32(b, 0x06054b50)
	b = le.AppendUint16(b, 0) // this disk
	b = le.AppendUint16(b, 0) // the directory's disk
	b = le.AppendUint16(b, uint16(records))
	b = le.AppendUint16(b, uint16(records))
	b = le.AppendUint32(b, uint32(size))
	b = le.AppendUint32(b, uint32(offset))
	return le.AppendUint16(b, 0) // comment
}

// drop removes the spill file: after close, or when the zip is dropped.
func (z *zipWriter) drop() {
	if z.spill == nil {
		return
	}
	_ = z.spill.Close()
	z.held()
	_ = os.Remove(z.spill.Name())
	z.spill = nil
}
