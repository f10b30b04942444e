package extract

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// openZip opens an in-memory zip (a .docx, .odt or .zip) of at most
// maxEntries members. The count is read from the archive's end record
// first, so that a directory of millions of entries is refused before
// archive/zip builds it in memory.
func openZip(format string, data []byte, maxEntries int) (*zip.Reader, error) {
	if n := zipEntryCount(data); n > int64(maxEntries) {
		return nil, fmt.Errorf("%s: %w", format, &LimitError{What: limitZipEntries, Limit: int64(maxEntries), Got: n})
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if errors.Is(err, zip.ErrInsecurePath) && zr != nil {
		err = nil // names are only shown, never used as paths
	}
	if err != nil {
		return nil, corrupt(format, err)
	}
	return zr, nil
}

// zipEntryCount reads the number of members from a zip's end of central
// directory record (zip64 included); -1 if it cannot be found.
func zipEntryCount(data []byte) int64 {
	const eocdLen = 22
	from := max(0, len(data)-eocdLen-0xFFFF)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(data) {
		return -1
	}
	eocd := data[from+i:]
	n := int64(binary.LittleEndian.Uint16(eocd[10:]))
	if n != 0xFFFF || from+i < 20 {
		return n
	}
	// zip64: the locator just before the end record points at the zip64 end record
	loc := data[from+i-20:]
	if !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return n
	}
	off := binary.LittleEndian.Uint64(loc[8:])
	if off > uint64(len(data)-56) || !bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) {
		return n
	}
	return int64(min(binary.LittleEndian.Uint64(data[off+32:]), 1<<62))
}

// readZipFile reads one member of a zip, counting the bytes actually
// inflated against max (the header's size may lie).
func readZipFile(f *zip.File, max int64) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	if f.UncompressedSize64 > 0 && f.UncompressedSize64 < uint64(max) {
		buf.Grow(int(f.UncompressedSize64))
	}
	n, err := io.Copy(&buf, io.LimitReader(rc, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, &LimitError{What: limitUnzippedBytes, Limit: max, Got: n}
	}
	return buf.Bytes(), nil
}

// zipMember finds a member by name (case-insensitively, as Word does).
func zipMember(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// readMember reads a named member of a document zip, within the limits.
func readMember(format string, zr *zip.Reader, name string, lim Limits) ([]byte, error) {
	f := zipMember(zr, name)
	if f == nil {
		return nil, corrupt(format, fmt.Sprintf("no %s inside", name))
	}
	b, err := readZipFile(f, lim.MaxUnzippedBytes)
	if err != nil {
		if _, ok := err.(*LimitError); ok {
			return nil, fmt.Errorf("%s: %s: %w", format, name, err)
		}
		return nil, corrupt(format, err)
	}
	return b, nil
}

// isOLE reports whether data is an OLE compound file (Word 97, or an
// encrypted Office 2007+ document).
func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// isZip reports whether data starts like a zip archive.
func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}
