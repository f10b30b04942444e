package engine

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"iter"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
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

// boundsFile is the directory of a segment's bounds file, read once and
// kept as it is in the file, with where each entry starts: the entries
// are in the order of their fields and terms, and a term is found by
// halves. Taken into a map, the 11,136 terms of a million documents'
// segment were a twentieth of a whole `search` process.
type boundsFile struct {
	path   string
	nb     int
	dataAt int64    // where the first term's bytes lie
	dir    []byte   // the directory: each term's field, term, largest bound and CRC
	starts []uint32 // where each entry starts in dir
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
	bf := &boundsFile{path: path, nb: nb, dataAt: dataAt, dir: dir[:dirLen], starts: make([]uint32, 0, count)}
	var prevField, prevTerm []byte
	for off := 0; off < len(bf.dir); {
		field, term, m, _, next := bf.entryAt(off)
		if next < 0 || !(m > 0) || math.IsInf(float64(m), 0) ||
			len(bf.starts) > 0 && !entryBefore(prevField, prevTerm, field, term) {
			return nil, errBoundsFile
		}
		bf.starts = append(bf.starts, uint32(off))
		prevField, prevTerm, off = field, term, next
	}
	if uint64(len(bf.starts)) != count {
		return nil, errBoundsFile
	}
	return bf, nil
}

// entryAt decodes the directory entry at off: its field, term, largest
// bound and CRC, and where the next one starts (-1 when it is cut short).
func (bf *boundsFile) entryAt(off int) (field, term []byte, m float32, crc uint32, next int) {
	d := bf.dir[off:]
	str := func() ([]byte, bool) {
		n, k := binary.Uvarint(d)
		if k <= 0 || n > uint64(len(d)-k) {
			return nil, false
		}
		s := d[k : k+int(n)]
		d = d[k+int(n):]
		return s, true
	}
	field, ok1 := str()
	term, ok2 := str()
	if !ok1 || !ok2 || len(d) < 8 {
		return nil, nil, 0, 0, -1
	}
	m = math.Float32frombits(binary.LittleEndian.Uint32(d))
	crc = binary.LittleEndian.Uint32(d[4:])
	return field, term, m, crc, len(bf.dir) - len(d) + 8
}

// entryBefore tells whether the entry of field f and term t comes after
// that of pf and pt in the directory's order.
func entryBefore(pf, pt, f, t []byte) bool {
	if c := bytes.Compare(pf, f); c != 0 {
		return c < 0
	}
	return bytes.Compare(pt, t) < 0
}

// entries are the directory's terms and where their bounds lie, in order.
func (bf *boundsFile) entries() iter.Seq2[termKey, boundsEntry] {
	return func(yield func(termKey, boundsEntry) bool) {
		for i, off := range bf.starts {
			field, term, m, crc, _ := bf.entryAt(int(off))
			e := boundsEntry{at: bf.dataAt + int64(i)*int64(bf.nb), max: m, crc: crc}
			if !yield(termKey{string(field), string(term)}, e) {
				return
			}
		}
	}
}

// find looks the term up in the directory.
func (bf *boundsFile) find(k termKey) (boundsEntry, bool) {
	i, ok := slices.BinarySearchFunc(bf.starts, k, func(off uint32, k termKey) int {
		field, term, _, _, _ := bf.entryAt(int(off))
		switch {
		case string(field) < k.field:
			return -1
		case string(field) > k.field:
			return 1
		case string(term) < k.term:
			return -1
		case string(term) > k.term:
			return 1
		}
		return 0
	})
	if !ok {
		return boundsEntry{}, false
	}
	_, _, m, crc, _ := bf.entryAt(int(bf.starts[i]))
	return boundsEntry{at: bf.dataAt + int64(i)*int64(bf.nb), max: m, crc: crc}, true
}

// read gives the term's bounds, none (nil bytes) when the file has none
// for it or its bytes are not those written.
func (bf *boundsFile) read(k termKey) blockBounds {
	e, ok := bf.find(k)
	if !ok {
		return blockBounds{}
	}
	f, err := os.Open(bf.path)
	if err != nil {
		return blockBounds{}
	}
	defer f.Close()
	q := make([]byte, bf.nb)
	if _, err := f.ReadAt(q, e.at); err != nil || crc32.Checksum(q, castagnoli) != e.crc {
		return blockBounds{}
	}
	return newBlockBounds(e.max, q)
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
func (info *segInfo) storedBounds(g seg, k termKey, nb int) blockBounds {
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
		return blockBounds{}
	}
	b := bf.read(k)
	if b.q != nil {
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
		// The segment's postings, read whole, stay mapped until released:
		// at a million documents, 4 GB resident by the last segment, or
		// 3.2 GB within one segment of 800,000 documents. They are let go
		// of as they are read.
		stop := releaseEvery(snap, releaseMappedEvery)
		err := e.writeBounds(ctx, g, path, stamp, crc, nb, gen)
		stop()
		if err != nil {
			return err
		}
	}
	return nil
}

// releaseMappedEvery is how often KeepBounds lets go of the postings
// it has read (Snapshot.ReleaseMapped): it reads 50-100 MB a second here.
const releaseMappedEvery = 250 * time.Millisecond

// releaseEvery lets go of the snapshot's mapped pages every d until the
// function it returns is called, and once more then.
func releaseEvery(snap *Snapshot, d time.Duration) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				snap.ReleaseMapped()
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		snap.ReleaseMapped()
	}
}

// writeBounds works out and writes one segment's bounds file. Its fields
// are worked out at once, one a core (the segment a bulk import leaves is
// bounded as the import ends, when nothing else is left to do). Each
// field's bytes go to a file of their own as they are worked out, and the
// bounds file is put together from those: a segment of 800,000 documents
// has 513 MB of bounds, which held in memory, then copied into the file's
// image, took the closing import to 1.8 GB of heap.
func (e *Engine) writeBounds(ctx context.Context, g seg, path string, stamp uint64, crc uint32, nb int, gen uint64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil // does its best
	}
	fields := slices.Sorted(slices.Values(e.cfg.Schema.Ranked))
	parts := make([]fieldBounds, len(fields))
	defer func() {
		for _, p := range parts {
			if p.file != nil {
				_ = p.file.Close()
				_ = os.Remove(p.file.Name())
			}
		}
	}()
	for i := range parts {
		f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.part")
		if err != nil {
			return nil
		}
		parts[i].file = f
	}
	next := make(chan int, len(fields))
	for i := range fields {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(fields)) {
		wg.Go(func() {
			for i := range next {
				fieldBoundsOf(ctx, g, fields[i], nb, &parts[i])
			}
		})
	}
	wg.Wait()
	var dir bytes.Buffer
	count := 0
	for _, p := range parts {
		if p.err != nil {
			return p.err
		}
		dir.Write(p.dir.Bytes())
		count += p.count
	}
	var head bytes.Buffer
	head.WriteString(boundsMagic)
	for _, v := range []uint64{stamp, uint64(crc), uint64(blockShift), uint64(nb), uint64(count), uint64(dir.Len())} {
		head.Write(binary.AppendUvarint(nil, v))
	}
	head.Write(dir.Bytes())
	head.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(head.Bytes(), castagnoli)))
	e.segs.writeFile(gen, func() {
		tmp := path + ".tmp"
		if err := assembleBounds(tmp, head.Bytes(), parts); err != nil {
			_ = os.Remove(tmp)
			return
		}
		if err := os.Rename(tmp, path); err != nil {
			_ = os.Remove(tmp)
		}
	})
	return nil
}

// assembleBounds writes a bounds file: its head and directory, then each
// field's bytes from its part file.
func assembleBounds(path string, head []byte, parts []fieldBounds) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	_, err = w.Write(head)
	for _, p := range parts {
		if err != nil {
			break
		}
		if _, err = p.file.Seek(0, io.SeekStart); err == nil {
			_, err = io.Copy(w, p.file)
		}
	}
	if err == nil {
		err = w.Flush()
	}
	return errors.Join(err, f.Close())
}

// fieldBounds are the bounds of one field's terms in a segment: its part
// of the bounds file's directory, the count of its terms, and the file
// their quantised bounds are written to, in order.
type fieldBounds struct {
	dir   bytes.Buffer
	count int
	file  *os.File
	err   error
}

// fieldBoundsOf works out the bounds of the terms of field in g held by
// pruneMin documents or more, in the terms' order, into fb. A damaged
// segment's panic comes back as fb.err (it runs in a goroutine of its
// own).
func fieldBoundsOf(ctx context.Context, g seg, field string, nb int, fb *fieldBounds) {
	defer recoverDamage(&fb.err)
	d, err := g.dict(field)
	if err != nil {
		fb.err = err
		return
	}
	w := bufio.NewWriterSize(fb.file, 1<<20)
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
		fb.count++
		_, err = w.Write(q)
		return err
	})
	if fb.err == nil {
		fb.err = w.Flush()
	}
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
