package index

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
)

// bundleMaxEntries is the most entries a pack or backup may list. Go's
// zip reader loads a zip's whole directory (about 300 bytes of memory an
// entry, twice the zip's own bytes) before anything of it can be looked
// at. A backup lists a document file and an original per document; the
// program is measured at a million documents, whose backup lists about
// two million: twice that is more than any real archive's.
const bundleMaxEntries = 4_000_000

// zipEntries counts the entries of the zip in r (size bytes) as Go's zip
// reader would load them, without loading them: the count its end record
// claims, and the directory headers that follow one another from where
// the reader starts (it reads headers until one is not, whatever the end
// record says: a forged end record may claim few). Counting stops past
// most. A zip whose end record cannot be found counts 0: the zip reader
// refuses it.
func zipEntries(r io.ReaderAt, size int64, most int64) int64 {
	end, ok := zipDirectoryEnd(r, size)
	if !ok {
		return 0
	}
	n := int64(min(end.records, uint64(most)+1))
	for _, at := range end.starts() {
		if n > most {
			break
		}
		n = max(n, countHeaders(io.NewSectionReader(r, at, max(size-at, 0)), most))
	}
	return n
}

// zipEnd is what a zip's end records say of its directory.
type zipEnd struct {
	records, size, offset uint64
	endAt                 int64 // where the end record (or zip64's) begins
}

// starts are where the zip reader may start reading the directory: at its
// offset, or past data before the zip (the reader's base offset).
func (e zipEnd) starts() []int64 {
	at := int64(e.offset)
	base := e.endAt - int64(e.size) - int64(e.offset)
	if base > 0 && base+at >= 0 {
		return []int64{at, base + at}
	}
	return []int64{at}
}

// zipDirectoryEnd reads a zip's end of central directory record, and its
// zip64 record when the first points to one.
func zipDirectoryEnd(r io.ReaderAt, size int64) (zipEnd, bool) {
	const eocdLen = 22
	tail := make([]byte, min(size, eocdLen+0xFFFF))
	if _, err := r.ReadAt(tail, size-int64(len(tail))); err != nil && err != io.EOF {
		return zipEnd{}, false
	}
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || i+eocdLen > len(tail) {
		return zipEnd{}, false
	}
	d := tail[i:]
	e := zipEnd{
		records: uint64(binary.LittleEndian.Uint16(d[10:])),
		size:    uint64(binary.LittleEndian.Uint32(d[12:])),
		offset:  uint64(binary.LittleEndian.Uint32(d[16:])),
		endAt:   size - int64(len(tail)) + int64(i),
	}
	if e.records != 0xFFFF && e.size != 0xFFFFFFFF && e.offset != 0xFFFFFFFF || e.endAt < 20 {
		return e, true
	}
	loc := make([]byte, 20)
	if _, err := r.ReadAt(loc, e.endAt-20); err != nil || !bytes.HasPrefix(loc, []byte("PK\x06\x07")) {
		return e, true
	}
	at := int64(binary.LittleEndian.Uint64(loc[8:]))
	rec := make([]byte, 56)
	if at < 0 || at+56 > size {
		return e, true
	}
	if _, err := r.ReadAt(rec, at); err != nil || !bytes.HasPrefix(rec, []byte("PK\x06\x06")) {
		return e, true
	}
	return zipEnd{
		records: binary.LittleEndian.Uint64(rec[32:]),
		size:    binary.LittleEndian.Uint64(rec[40:]),
		offset:  binary.LittleEndian.Uint64(rec[48:]),
		endAt:   at,
	}, true
}

// countHeaders counts the central directory headers that follow one
// another from the start of r, stopping past most.
func countHeaders(r io.Reader, most int64) int64 {
	br := bufio.NewReaderSize(r, 64<<10)
	var h [46]byte
	var n int64
	for n <= most {
		if _, err := io.ReadFull(br, h[:]); err != nil || !bytes.HasPrefix(h[:], []byte("PK\x01\x02")) {
			break
		}
		n++
		skip := int64(binary.LittleEndian.Uint16(h[28:])) + int64(binary.LittleEndian.Uint16(h[30:])) + int64(binary.LittleEndian.Uint16(h[32:]))
		if _, err := br.Discard(int(skip)); err != nil {
			break
		}
	}
	return n
}
