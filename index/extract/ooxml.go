package extract

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
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

// maxXMLToken bounds one XML token (a run of text, a tag with its
// attributes) while a part is parsed: encoding/xml holds a whole token in
// memory, and no real document has a token of this size.
const maxXMLToken = 8 << 20

// docZip is an opened .docx or .odt. Its parts are parsed streaming, the
// inflated bytes counted while they are read: one part may not inflate to
// more than Limits.MaxPartBytes, all parts together to more than
// Limits.MaxUnzippedBytes, whatever sizes the zip's headers claim.
type docZip struct {
	format   string
	zr       *zip.Reader
	lim      Limits
	inflated int64 // bytes inflated from every part so far
}

func openDocZip(format string, data []byte, lim Limits) (*docZip, error) {
	zr, err := openZip(format, data, lim.MaxZipEntries)
	if err != nil {
		return nil, err
	}
	return &docZip{format: format, zr: zr, lim: lim}, nil
}

// eachToken parses one part streaming, calling fn with every token until
// the part ends or fn returns an error. A limit gone over is a
// *LimitError naming the part; bad XML is ErrCorrupt.
func (z *docZip) eachToken(f *zip.File, fn func(xml.Token) error) error {
	rc, err := f.Open()
	if err != nil {
		return corrupt(z.format, fmt.Sprintf("%s: %v", f.Name, err))
	}
	defer rc.Close()
	p := &partReader{r: rc, z: z, part: f.Name}
	d := xml.NewDecoder(p)
	for {
		p.mark = d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			// the decoder may report the bytes cut at the limit (half a
			// character) rather than the limit itself
			if _, ok := errors.AsType[*LimitError](p.err); ok {
				return fmt.Errorf("%s: %w", z.format, p.err)
			}
			if p.err != nil {
				err = p.err
			}
			return corrupt(z.format, fmt.Sprintf("%s: %v", f.Name, err))
		}
		if err := fn(tok); err != nil {
			return err
		}
	}
}

// textLimit is the error for text that grew past the text limit while a
// part was parsed, or nil.
func (z *docZip) textLimit(n int) error {
	if int64(n) > z.lim.MaxTextBytes {
		return fmt.Errorf("%s: %w", z.format, &LimitError{What: limitTextBytes, Limit: z.lim.MaxTextBytes, Got: int64(n), AtLeast: true})
	}
	return nil
}

// partReader inflates one part of a docZip, counting the bytes.
type partReader struct {
	r    io.Reader
	z    *docZip
	part string
	n    int64 // bytes of this part read so far
	mark int64 // where the XML token being read starts (the decoder's offset)
	err  error // a limit gone over
}

var errXMLToken = fmt.Errorf("an XML element of more than %d MB", maxXMLToken>>20)

func (p *partReader) Read(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	if p.n-p.mark > maxXMLToken {
		p.err = errXMLToken
		return 0, p.err
	}
	partLeft := p.z.lim.MaxPartBytes - p.n
	left := min(partLeft, p.z.lim.MaxUnzippedBytes-p.z.inflated)
	if int64(len(b)) > left+1 {
		b = b[:max(left+1, 1)]
	}
	n, err := p.r.Read(b)
	if int64(n) > left {
		// one byte past what is allowed: the part is over a limit
		le := &LimitError{What: limitPartBytes, Limit: p.z.lim.MaxPartBytes, Got: p.n + int64(n), AtLeast: true, Part: p.part}
		if partLeft > left {
			le = &LimitError{What: limitUnzippedBytes, Limit: p.z.lim.MaxUnzippedBytes, Got: p.z.inflated + int64(n), AtLeast: true, Part: p.part}
		}
		n = int(max(left, 0))
		p.n += int64(n)
		p.z.inflated += int64(n)
		p.err = le
		return n, le
	}
	p.n += int64(n)
	p.z.inflated += int64(n)
	return n, err
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
