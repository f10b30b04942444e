package archivestore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"

	"github.com/golang/snappy"
)

// A record is one piece of content in a pack file:
//
//	0   u32 length of the whole record, this header included
//	4   u32 CRC-32C of the length and of everything after this field
//	8   u8  kind (kindOriginal, kindText)
//	9   u8  codec (codecSnappy: Snappy's framed format)
//	10  u16 length of the key
//	12  u64 length of the content before compression
//	20  the key: a document id for a text, a SHA-256 for an original
//	    the content, compressed
//
// Little-endian throughout. The CRC covers the whole record, so a record a
// kill cut short, or bytes altered on disk, are caught when the record is
// read whole; Snappy's framed format also checks each 64 KB of content, so
// a text read only in part (a snippet) is checked as it is read.
const (
	recordHeader = 20
	kindOriginal = 1
	kindText     = 2
	codecSnappy  = 1

	// maxRecord bounds a record's length (it must fit its u32 field).
	maxRecord = 1<<32 - 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encoder makes records, reusing its buffers from one to the next.
type encoder struct {
	buf bytes.Buffer
	w   *snappy.Writer
}

// encode returns the record of one piece of content; it is valid until
// the next call.
func (e *encoder) encode(kind byte, key string, content []byte) ([]byte, error) {
	if len(key) > 1<<16-1 {
		return nil, fmt.Errorf("record key of %d bytes: too long", len(key))
	}
	e.buf.Reset()
	e.buf.Write(make([]byte, recordHeader))
	e.buf.WriteString(key)
	if e.w == nil {
		e.w = snappy.NewBufferedWriter(&e.buf)
	} else {
		e.w.Reset(&e.buf)
	}
	if _, err := e.w.Write(content); err != nil {
		return nil, err
	}
	if err := e.w.Close(); err != nil {
		return nil, err
	}
	rec := e.buf.Bytes()
	if len(rec) > maxRecord {
		return nil, fmt.Errorf("record of %d bytes: too large", len(rec))
	}
	binary.LittleEndian.PutUint32(rec[0:], uint32(len(rec)))
	rec[8] = kind
	rec[9] = codecSnappy
	binary.LittleEndian.PutUint16(rec[10:], uint16(len(key)))
	binary.LittleEndian.PutUint64(rec[12:], uint64(len(content)))
	binary.LittleEndian.PutUint32(rec[4:], recordCRC(rec))
	return rec, nil
}

func recordCRC(rec []byte) uint32 {
	c := crc32.Update(0, castagnoli, rec[0:4])
	return crc32.Update(c, castagnoli, rec[8:])
}

// recordHead is a record's header.
type recordHead struct {
	length uint32
	crc    uint32
	kind   byte
	codec  byte
	keyLen uint16
	rawLen uint64
}

func parseHead(b []byte) (recordHead, error) {
	h := recordHead{
		length: binary.LittleEndian.Uint32(b[0:]),
		crc:    binary.LittleEndian.Uint32(b[4:]),
		kind:   b[8],
		codec:  b[9],
		keyLen: binary.LittleEndian.Uint16(b[10:]),
		rawLen: binary.LittleEndian.Uint64(b[12:]),
	}
	if h.length < recordHeader+uint32(h.keyLen) || h.codec != codecSnappy ||
		(h.kind != kindOriginal && h.kind != kindText) {
		return h, ErrDamaged
	}
	return h, nil
}

// checkRecord verifies a whole record read into rec and returns its
// header and key.
func checkRecord(rec []byte) (recordHead, string, error) {
	if len(rec) < recordHeader {
		return recordHead{}, "", ErrDamaged
	}
	h, err := parseHead(rec)
	if err != nil {
		return h, "", err
	}
	if int(h.length) != len(rec) || recordCRC(rec) != h.crc {
		return h, "", ErrDamaged
	}
	return h, string(rec[recordHeader : recordHeader+int(h.keyLen)]), nil
}

// decodeContent decompresses a checked record's content with a reader
// from pool (of *snappy.Reader), which it puts back.
func decodeContent(rec []byte, h recordHead, pool *sync.Pool) ([]byte, error) {
	body := rec[recordHeader+int(h.keyLen):]
	// Snappy expands a 64 KB block at most about 20 times: a length past
	// that is a damaged or forged header, not an allocation to make.
	if h.rawLen > uint64(len(body))*32+64<<10 {
		return nil, ErrDamaged
	}
	r, _ := pool.Get().(*snappy.Reader)
	if r == nil {
		r = snappy.NewReader(nil)
	}
	defer pool.Put(r)
	r.Reset(bytes.NewReader(body))
	out := make([]byte, h.rawLen)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	if n, err := r.Read(make([]byte, 1)); n != 0 || !errors.Is(err, io.EOF) {
		return nil, ErrDamaged
	}
	return out, nil
}

// contentReader reads a record's content as it decompresses, checking
// each 64 KB against its checksum and the whole length at the end; the
// CRC of the whole record is not checked (the record is not read whole).
type contentReader struct {
	r    io.Reader
	left uint64 // content bytes still to come
}

func (c *contentReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if uint64(n) > c.left {
		return 0, ErrDamaged
	}
	c.left -= uint64(n)
	if errors.Is(err, io.EOF) && c.left != 0 {
		return n, ErrDamaged
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return n, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	return n, err
}
