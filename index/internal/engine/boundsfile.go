package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Block bounds kept on disk. Block-max ranking needs, for each term of a
// query and each block of a segment, the most a document of the block gets
// from the term (blockmax.go); worked out from the term's whole postings,
// that is 40-120 ms for a common word at a million documents, paid by
// every new process (`khovanban search`) and by a word's first keystroke
// in the window, for every word of the query. Bleve's segments hold no
// such bounds, so a writable archive that closes writes them beside the
// index (Engine.KeepBounds), one file per segment file, as the facet cache
// is kept (facetcache.go): for each term of the ranked fields
// (Schema.Ranked) held by pruneMin documents or more, one byte a block.
// A search then reads a few kilobytes per term and segment, and reads
// only the postings of the blocks it scores (blockCursor).
//
// The bounds are derived data, never trusted blindly: a file made for
// another segment (its size, document count and CRC differ), for blocks
// of another size, cut short or with a changed byte is not used, and the
// bounds are then worked out from the postings as before. A byte b of a
// term whose largest bound is m stands for the least float32 not below
// m·b/255 (255 for m itself, 0 for a block without the term), and each
// byte is chosen when writing so that what it stands for is not below the
// block's exact bound: a bound read from the file can be higher than the
// exact one (a block is then scored that need not be), never lower.

// boundsMagic starts every bounds file.
const boundsMagic = "khovanban bounds 1\n"

// boundsSuffix ends the name of a segment's bounds file.
const boundsSuffix = ".bounds"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// boundsPath is the bounds file of a segment, "" for a segment only in
// memory.
func boundsPath(dir string, g seg) string {
	file := g.file()
	if file == "" || dir == "" {
		return ""
	}
	return filepath.Join(dir, filepath.Base(file)+boundsSuffix)
}

// segmentCRC is the checksum zapx keeps at the end of a segment file, 0
// when the segment gives none.
func segmentCRC(g seg) uint32 {
	if c, ok := g.s.(interface{ CRC() uint32 }); ok {
		return c.CRC()
	}
	return 0
}

// boundsEntry is where a term's bounds lie in a bounds file.
type boundsEntry struct {
	at  int64   // offset of its bytes, one a block
	max float32 // what byte 255 stands for
	crc uint32  // of its bytes
}

// boundsFile is the table of a segment's bounds file, read once.
type boundsFile struct {
	path  string
	nb    int
	terms map[termKey]boundsEntry
}

// errBoundsFile says a bounds file is not one for this segment.
var errBoundsFile = errors.New("bounds file of another segment, or damaged")

// openBoundsFile reads the table of a bounds file made for a segment of
// that stamp and CRC with nb blocks of the current size.
func openBoundsFile(path string, stamp uint64, crc uint32, nb int) (*boundsFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := fi.Size()
	head := make([]byte, min(size, 128))
	if _, err := f.ReadAt(head, 0); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(head, []byte(boundsMagic)) {
		return nil, errBoundsFile
	}
	rest := head[len(boundsMagic):]
	var v [6]uint64
	for i := range v {
		n, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, errBoundsFile
		}
		v[i], rest = n, rest[k:]
	}
	fileStamp, fileCRC, shift, fileNB, count, dirLen := v[0], v[1], v[2], v[3], v[4], v[5]
	if stamp == 0 || fileStamp != stamp || fileCRC != uint64(crc) || shift != uint64(blockShift) || fileNB != uint64(nb) {
		return nil, errBoundsFile
	}
	headLen := int64(len(head) - len(rest))
	dataAt := headLen + int64(dirLen) + 4
	if dirLen > uint64(size) || count > uint64(size) || dataAt+int64(count)*int64(nb) != size {
		return nil, errBoundsFile // cut short, or more than it says
	}
	dir := make([]byte, dirLen+4)
	if _, err := f.ReadAt(dir, headLen); err != nil {
		return nil, err
	}
	sum := crc32.Update(crc32.Checksum(head[:headLen], castagnoli), castagnoli, dir[:dirLen])
	if binary.LittleEndian.Uint32(dir[dirLen:]) != sum {
		return nil, errBoundsFile
	}
	bf := &boundsFile{path: path, nb: nb, terms: make(map[termKey]boundsEntry, count)}
	d := dir[:dirLen]
	str := func() (string, bool) {
		n, k := binary.Uvarint(d)
		if k <= 0 || n > uint64(len(d)-k) {
			return "", false
		}
		s := string(d[k : k+int(n)])
		d = d[k+int(n):]
		return s, true
	}
	for i := range int64(count) {
		field, ok1 := str()
		term, ok2 := str()
		if !ok1 || !ok2 || len(d) < 8 {
			return nil, errBoundsFile
		}
		m := math.Float32frombits(binary.LittleEndian.Uint32(d))
		if !(m > 0) || math.IsInf(float64(m), 0) {
			return nil, errBoundsFile
		}
		bf.terms[termKey{field, term}] = boundsEntry{at: dataAt + i*int64(nb), max: m, crc: binary.LittleEndian.Uint32(d[4:])}
		d = d[8:]
	}
	if len(d) != 0 {
		return nil, errBoundsFile
	}
	return bf, nil
}

// read gives the term's bounds, nil when the file has none for it or its
// bytes are not those written.
func (bf *boundsFile) read(k termKey) []float32 {
	e, ok := bf.terms[k]
	if !ok {
		return nil
	}
	f, err := os.Open(bf.path)
	if err != nil {
		return nil
	}
	defer f.Close()
	q := make([]byte, bf.nb)
	if _, err := f.ReadAt(q, e.at); err != nil || crc32.Checksum(q, castagnoli) != e.crc {
		return nil
	}
	b := make([]float32, len(q))
	if len(q) < 256 {
		for j, x := range q {
			b[j] = boundLevel(e.max, x)
		}
		return b
	}
	var levels [256]float32 // each level worked out once
	for x := range levels {
		levels[x] = boundLevel(e.max, byte(x))
	}
	for j, x := range q {
		b[j] = levels[x]
	}
	return b
}

// boundLevel is the bound byte x stands for when byte 255 stands for m.
func boundLevel(m float32, x byte) float32 {
	switch x {
	case 0:
		return 0
	case 255:
		return m
	}
	return roundUp32(float64(m) * float64(x) / 255)
}

// quantize turns a term's bounds into bytes: each stands for a bound not
// below the one it replaces (boundLevel). m is 0 when every bound is.
func quantize(b []float32) (m float32, q []byte) {
	m = slices.Max(b)
	q = make([]byte, len(b))
	if !(m > 0) {
		return 0, q
	}
	for j, x := range b {
		if x <= 0 {
			continue
		}
		y := byte(min(255, max(1, math.Ceil(float64(x)/float64(m)*255))))
		for y < 255 && boundLevel(m, y) < x {
			y++
		}
		q[j] = y
	}
	return m, q
}

// storedBounds returns the term's bounds from the segment's bounds file,
// nil when there are none to trust.
func (info *segInfo) storedBounds(g seg, k termKey, nb int) []float32 {
	info.boundsMu.Lock()
	if !info.fileRead {
		info.fileRead = true
		if path := boundsPath(info.owner.dir, g); path != "" {
			info.file, _ = openBoundsFile(path, segmentStamp(g), segmentCRC(g), nb)
		}
	}
	bf := info.file
	info.boundsMu.Unlock()
	if bf == nil || bf.nb != nb {
		return nil
	}
	b := bf.read(k)
	if b != nil {
		info.owner.boundsRead.Add(1)
	}
	return b
}

// KeepBounds writes the bounds file of every segment of the snapshot that
// is on disk and has none that reads back (Engine.CacheMissing), for the
// terms of Schema.Ranked held by pruneMin documents or more: read-only
// processes then rank without reading those terms' postings whole. It
// reads every such term's postings once (at a million documents, some 500
// million postings: tens of seconds), so it is for an archive being
// closed. It does its best: a file it cannot write is left out, and it
// stops when ctx is done.
func (e *Engine) KeepBounds(ctx context.Context, snap *Snapshot) (err error) {
	defer recoverDamage(&err)
	if e.cfg.CacheDir == "" || e.cfg.ReadOnly {
		return nil
	}
	e.segs.files.RLock()
	gen := e.segs.gen
	e.segs.files.RUnlock()
	for _, g := range snap.segs {
		if err := ctx.Err(); err != nil {
			return err
		}
		path := boundsPath(e.cfg.CacheDir, g)
		if path == "" {
			continue
		}
		stamp, crc := segmentStamp(g), segmentCRC(g)
		nb := int((g.count() + 1<<blockShift - 1) >> blockShift)
		if _, err := openBoundsFile(path, stamp, crc, nb); err == nil || stamp == 0 {
			continue
		}
		if err := e.writeBounds(ctx, g, path, stamp, crc, nb, gen); err != nil {
			return err
		}
		// The segment's postings, read whole, stay mapped until released:
		// at a million documents, 4 GB resident by the last segment.
		snap.ReleaseMapped()
	}
	return nil
}

// writeBounds works out and writes one segment's bounds file. Its fields
// are worked out at once, one a core (the segment a bulk import leaves is
// bounded as the import ends, when nothing else is left to do).
func (e *Engine) writeBounds(ctx context.Context, g seg, path string, stamp uint64, crc uint32, nb int, gen uint64) error {
	fields := slices.Sorted(slices.Values(e.cfg.Schema.Ranked))
	parts := make([]fieldBounds, len(fields))
	next := make(chan int, len(fields))
	for i := range fields {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fields)) {
		wg.Go(func() {
			for i := range next {
				parts[i] = fieldBoundsOf(ctx, g, fields[i], nb)
			}
		})
	}
	wg.Wait()
	var dir bytes.Buffer
	var data [][]byte
	for _, p := range parts {
		if p.err != nil {
			return p.err
		}
		dir.Write(p.dir.Bytes())
		data = append(data, p.data...)
	}
	var out bytes.Buffer
	out.WriteString(boundsMagic)
	for _, v := range []uint64{stamp, uint64(crc), uint64(blockShift), uint64(nb), uint64(len(data)), uint64(dir.Len())} {
		out.Write(binary.AppendUvarint(nil, v))
	}
	out.Write(dir.Bytes())
	out.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(out.Bytes(), castagnoli)))
	for _, q := range data {
		out.Write(q)
	}
	e.segs.writeFile(gen, func() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return
		}
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, out.Bytes(), 0o644); err != nil {
			_ = os.Remove(tmp)
			return
		}
		if err := os.Rename(tmp, path); err != nil {
			_ = os.Remove(tmp)
		}
	})
	return nil
}

// fieldBounds are the bounds of one field's terms in a segment: its part
// of the bounds file's directory, and the terms' quantised bounds.
type fieldBounds struct {
	dir  bytes.Buffer
	data [][]byte
	err  error
}

// fieldBoundsOf works out the bounds of the terms of field in g held by
// pruneMin documents or more, in the terms' order. A damaged segment's
// panic comes back as fb.err (it runs in a goroutine of its own).
func fieldBoundsOf(ctx context.Context, g seg, field string, nb int) (fb fieldBounds) {
	defer recoverDamage(&fb.err)
	d, err := g.dict(field)
	if err != nil {
		fb.err = err
		return fb
	}
	fb.err = d.terms(nil, nil, func(term string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		// The deleted documents' postings are read too: bounds over
		// more documents are still bounds.
		p, err := d.postings(term, nil)
		if err != nil || p.pl == nil || p.count() < pruneMin {
			return err
		}
		b, err := p.blockMaxima(nb)
		if err != nil {
			return fmt.Errorf("postings of %s:%s: %w", field, term, err)
		}
		m, q := quantize(b)
		if m == 0 {
			return nil
		}
		for _, s := range []string{field, term} {
			fb.dir.Write(binary.AppendUvarint(nil, uint64(len(s))))
			fb.dir.WriteString(s)
		}
		fb.dir.Write(binary.LittleEndian.AppendUint32(nil, math.Float32bits(m)))
		fb.dir.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(q, castagnoli)))
		fb.data = append(fb.data, q)
		return nil
	})
	return fb
}

// cacheFileSegment is the segment file a cache file is kept for ("" for a
// file that is no cache file).
func cacheFileSegment(name string) string {
	for _, suffix := range []string{".facets", boundsSuffix} {
		if seg, ok := strings.CutSuffix(name, suffix); ok {
			return seg
		}
	}
	return ""
}
