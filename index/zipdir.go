package index

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"sync"
)

// zipDir reads the central directory of a bundle's zip one record at a
// time, in the order written, so that opening a backup of a million
// documents (two million entries) holds no record it does not keep
// itself: Go's archive/zip loads the whole directory first, about 300
// bytes an entry (1.2 GB for such a backup with what was kept beside
// it). It reads the zips the program writes (archive/zip's writer), and
// is strict where they allow it: the directory must end where its end
// record begins, hold exactly the records that record counts, and lie
// after every entry's data; an entry's data must not overlap the next
// entry (checked as the entries are read in order, zipDataChecker);
// only stored and deflated entries, none encrypted. An entry inflates to
// exactly its declared size and CRC-32, or reading it fails.
type zipDir struct {
	r          io.ReaderAt
	count      uint64 // records, as the end record says
	start, end int64  // the directory's bytes
}

// errZipFormat means a zip is not one the program wrote: cut short,
// forged, or of a kind it never writes.
var errZipFormat = errors.New("zip: not a valid bundle zip")

// errZipClosed is what reading an entry gives once it is closed.
var errZipClosed = errors.New("zip: entry read after close")

// zipRecord is one central directory record.
type zipRecord struct {
	name   string
	flags  uint16
	method uint16
	crc    uint32
	csize  uint64 // compressed
	usize  uint64 // inflated
	local  int64  // where its local header begins
	at     int64  // where this record begins
}

const (
	zipRecordLen  = 46 // a central directory record without its name, extra and comment
	zipLocalLen   = 30 // a local header without its name and extra
	zipEndLen     = 22 // the end of central directory record
	zipFlagCrypto = 0x1
	zipFlagDesc   = 0x8 // sizes and CRC after the data; the directory has them
)

// readZipDir finds the directory of the zip in r (size bytes).
func readZipDir(r io.ReaderAt, size int64) (*zipDir, error) {
	end, ok := zipDirectoryEnd(r, size)
	if !ok {
		return nil, errZipFormat
	}
	// Nothing may follow the end record but its own comment, which the
	// program never writes: a "PK\x05\x06" in a comment is not the end.
	var rec [zipEndLen]byte
	endRec := size - zipEndLen
	if _, err := r.ReadAt(rec[:], endRec); err != nil || !bytes.HasPrefix(rec[:], []byte("PK\x05\x06")) || binary.LittleEndian.Uint16(rec[20:]) != 0 {
		return nil, errZipFormat
	}
	// The directory ends where the end record begins (or zip64's, which
	// its locator and the end record follow: 56 and 20 bytes).
	if end.endAt != endRec && end.endAt != endRec-20-56 {
		return nil, errZipFormat
	}
	start := int64(end.offset)
	if end.offset > uint64(size) || end.size > uint64(size) || start+int64(end.size) != end.endAt {
		return nil, errZipFormat
	}
	// Each record takes at least zipRecordLen bytes: a count the
	// directory cannot hold is a lie.
	if end.records > end.size/zipRecordLen {
		return nil, errZipFormat
	}
	return &zipDir{r: r, count: end.records, start: start, end: end.endAt}, nil
}

// each gives the directory's records to fn in order; it stops at fn's
// first error. A record that is not one, or a count that is not the
// directory's, fails with errZipFormat.
func (d *zipDir) each(fn func(*zipRecord) error) error {
	rr := zipRecordReader{br: bufio.NewReaderSize(io.NewSectionReader(d.r, d.start, d.end-d.start), 64<<10)}
	at := d.start
	for range d.count {
		rec, n, err := rr.next()
		if err != nil {
			return err
		}
		rec.at = at
		at += n
		if err := fn(&rec); err != nil {
			return err
		}
	}
	if at != d.end {
		return errZipFormat
	}
	return nil
}

// record reads the record that begins at at (one each gave).
func (d *zipDir) record(at int64) (zipRecord, error) {
	if at < d.start || at >= d.end {
		return zipRecord{}, errZipFormat
	}
	rr := zipRecordReader{br: bufio.NewReaderSize(io.NewSectionReader(d.r, at, d.end-at), 512)}
	rec, _, err := rr.next()
	rec.at = at
	return rec, err
}

// zipRecordReader reads central directory records one after another,
// its buffer reused.
type zipRecordReader struct {
	br  *bufio.Reader
	buf []byte
}

// next reads one record; n is its length in bytes.
func (rr *zipRecordReader) next() (rec zipRecord, n int64, err error) {
	var h [zipRecordLen]byte
	if _, err := io.ReadFull(rr.br, h[:]); err != nil || !bytes.HasPrefix(h[:], []byte("PK\x01\x02")) {
		return rec, 0, errZipFormat
	}
	le := binary.LittleEndian
	rec.flags, rec.method = le.Uint16(h[8:]), le.Uint16(h[10:])
	rec.crc = le.Uint32(h[16:])
	csize, usize, local := le.Uint32(h[20:]), le.Uint32(h[24:]), le.Uint32(h[42:])
	nameLen, extraLen, commentLen := int(le.Uint16(h[28:])), int(le.Uint16(h[30:])), int(le.Uint16(h[32:]))
	if le.Uint16(h[34:]) != 0 { // a multi-disk zip
		return rec, 0, errZipFormat
	}
	if cap(rr.buf) < nameLen+extraLen {
		rr.buf = make([]byte, nameLen+extraLen)
	}
	buf := rr.buf[:nameLen+extraLen]
	if _, err := io.ReadFull(rr.br, buf); err != nil {
		return rec, 0, errZipFormat
	}
	if _, err := rr.br.Discard(commentLen); err != nil {
		return rec, 0, errZipFormat
	}
	rec.name = string(buf[:nameLen])
	rec.csize, rec.usize, rec.local = uint64(csize), uint64(usize), int64(local)
	if err := readZip64(&rec, buf[nameLen:], csize, usize, local); err != nil {
		return rec, 0, err
	}
	return rec, int64(zipRecordLen + nameLen + extraLen + commentLen), nil
}

// readZip64 takes from a record's extra field the 64-bit sizes and offset
// its 32-bit fields leave to it (those that are all ones), as the zip64
// extension says; a field it lacks is a forgery.
func readZip64(rec *zipRecord, extra []byte, csize, usize, local uint32) error {
	const max32 = 0xFFFFFFFF
	if csize != max32 && usize != max32 && local != max32 {
		return nil
	}
	le := binary.LittleEndian
	for len(extra) >= 4 {
		tag, size := le.Uint16(extra), int(le.Uint16(extra[2:]))
		extra = extra[4:]
		if size > len(extra) {
			return errZipFormat
		}
		field := extra[:size]
		extra = extra[size:]
		if tag != 0x0001 {
			continue
		}
		take := func(want bool) (uint64, bool) {
			if !want {
				return 0, true
			}
			if len(field) < 8 {
				return 0, false
			}
			v := le.Uint64(field)
			field = field[8:]
			return v, true
		}
		var ok1, ok2, ok3 bool
		var u, c, l uint64
		u, ok1 = take(usize == max32)
		c, ok2 = take(csize == max32)
		l, ok3 = take(local == max32)
		if !ok1 || !ok2 || !ok3 {
			return errZipFormat
		}
		if usize == max32 {
			rec.usize = u
		}
		if csize == max32 {
			rec.csize = c
		}
		if local == max32 {
			rec.local = int64(l)
		}
		if rec.local < 0 {
			return errZipFormat
		}
		return nil
	}
	return errZipFormat
}

// dataAt checks the local header of rec and says where its data begins
// and ends: after its local header, before the directory.
func (d *zipDir) dataAt(rec *zipRecord) (start, end int64, err error) {
	if rec.flags&zipFlagCrypto != 0 || rec.method != zip0Store && rec.method != zip8Deflate {
		return 0, 0, errZipFormat
	}
	if rec.local < 0 || rec.local > d.start-zipLocalLen {
		return 0, 0, errZipFormat
	}
	h := make([]byte, zipLocalLen+len(rec.name))
	if _, err := d.r.ReadAt(h, rec.local); err != nil || !bytes.HasPrefix(h, []byte("PK\x03\x04")) {
		return 0, 0, errZipFormat
	}
	le := binary.LittleEndian
	// The local header names the entry as the directory does: a reader
	// that trusts either finds the same entry.
	if int(le.Uint16(h[26:])) != len(rec.name) || string(h[zipLocalLen:]) != rec.name {
		return 0, 0, errZipFormat
	}
	start = rec.local + zipLocalLen + int64(len(rec.name)) + int64(le.Uint16(h[28:]))
	if rec.csize > uint64(d.start-start) || start > d.start {
		return 0, 0, errZipFormat
	}
	return start, start + int64(rec.csize), nil
}

const (
	zip0Store   = 0
	zip8Deflate = 8
)

// open streams rec's inflated bytes: reading fails with errZipFormat past
// its declared size, or at its end when its size or CRC-32 is not the
// declared one.
func (d *zipDir) open(rec *zipRecord) (io.ReadCloser, error) {
	start, end, err := d.dataAt(rec)
	if err != nil {
		return nil, err
	}
	sr := io.NewSectionReader(d.r, start, end-start)
	r := &zipEntryReader{rec: rec, left: rec.usize, crc: crc32.NewIEEE()}
	if rec.flags&zipFlagDesc != 0 {
		r.desc = io.NewSectionReader(d.r, end, 16)
	}
	if rec.method == zip0Store {
		r.r = sr
		return r, nil
	}
	inf, _ := inflaters.Get().(*inflater)
	if inf == nil {
		inf = &inflater{br: bufio.NewReaderSize(sr, 4<<10)}
		inf.fr = flate.NewReader(inf.br)
	} else {
		inf.br.Reset(sr)
		if err := inf.fr.(flate.Resetter).Reset(inf.br, nil); err != nil {
			return nil, errZipFormat
		}
	}
	r.r, r.inflater = inf.fr, inf
	return r, nil
}

// inflater is a decompressor and its buffer, kept for the next entry
// (tens of KB each; a backup has millions of entries).
type inflater struct {
	br *bufio.Reader
	fr io.ReadCloser
}

var inflaters sync.Pool

// zipEntryReader counts and checks what an entry inflates to.
type zipEntryReader struct {
	rec      *zipRecord
	r        io.Reader
	inflater *inflater
	left     uint64 // declared bytes not read yet
	crc      hash.Hash32
	desc     io.Reader // the data descriptor, when the entry has one
	err      error
}

// descriptorCRC checks the CRC-32 of a data descriptor (its signature
// optional) against the directory's, as archive/zip does: a reader that
// trusts either reads the same bytes.
func descriptorCRC(r io.Reader, want uint32) error {
	var buf [16]byte
	if _, err := io.ReadFull(r, buf[:12]); err != nil {
		return errZipFormat
	}
	crc := buf[:4]
	if bytes.HasPrefix(buf[:], []byte("PK\x07\x08")) {
		crc = buf[4:8]
	}
	if binary.LittleEndian.Uint32(crc) != want {
		return errZipFormat
	}
	return nil
}

func (r *zipEntryReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if uint64(len(p)) > r.left {
		p = p[:r.left+1] // one more: an entry longer than declared is seen
	}
	n, err := r.r.Read(p)
	if uint64(n) > r.left {
		r.err = errZipFormat
		return 0, r.err
	}
	r.left -= uint64(n)
	r.crc.Write(p[:n])
	switch {
	case err == io.EOF && (r.left != 0 || r.crc.Sum32() != r.rec.crc):
		err = errZipFormat
	case err == io.EOF && r.desc != nil && descriptorCRC(r.desc, r.rec.crc) != nil:
		err = errZipFormat
	case err == io.ErrUnexpectedEOF || err != nil && err != io.EOF:
		err = errZipFormat
	}
	r.err = err
	return n, err
}

func (r *zipEntryReader) Close() error {
	if r.inflater != nil {
		r.inflater.br.Reset(nil)
		inflaters.Put(r.inflater)
		r.inflater = nil
	}
	r.r, r.err = nil, errZipClosed
	return nil
}

// zipDataChecker, given the records in the directory's order, checks that
// each entry's data begins after the previous one's ends: no entry's
// bytes are another's (a zip bomb of overlapping entries inflates the
// same bytes many times over).
type zipDataChecker struct {
	d    *zipDir
	last int64
}

func (c *zipDataChecker) check(rec *zipRecord) error {
	start, end, err := c.d.dataAt(rec)
	if err != nil {
		return err
	}
	if rec.local < c.last || start > end {
		return errZipFormat
	}
	c.last = end
	return nil
}
