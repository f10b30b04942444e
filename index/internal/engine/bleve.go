package engine

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// This file is the engine's only contact with Bleve's internals: no other
// file of the module imports scorch, zapx or the segment API. It rests on
// these assumptions about Bleve v2 (scorch with zapx segments, Bleve's
// default index type), each checked by a test where one can be:
//
//  1. An index's Advanced() is a *scorch.Scorch, and its Reader() a
//     *scorch.IndexSnapshot whose Segments() are the whole index: every
//     document is in exactly one segment, live unless its segment's
//     Deleted() bitmap has it (TestScoresEqualBleve, TestEngineAgainstDocuments
//     in index).
//  2. A segment never changes while a snapshot holds it: its postings,
//     dictionaries and document numbers (0 to Count()-1) stay as read, and
//     bitmaps read in place from its file (ActualBitmap) stay valid while
//     the snapshot is open. A document edited or deleted stays in its
//     segment, marked in Deleted(), until a merge drops it.
//  3. A persisted segment is the file <index>/store/<name>, which Bleve
//     never rewrites nor, while the index lives, reuses the name of
//     (TestFacetCache in index). A new index starts names again: the facet
//     cache must then be emptied (Engine.ClearCache).
//  4. Document ids are the terms of the field "_id"; DocID(n) gives
//     document n's.
//  5. TermDictionary.PostingsList(term, except, nil) leaves out the
//     documents of except, and its Count() is how many documents remain.
//     A Posting's Frequency() is how often the term stands in the field,
//     and Norm() is 1/√(the field's length in terms), as float32.
//  6. Scores are Bleve's TF-IDF as its term, conjunction and boolean
//     searchers compute them (score.go; TestScoresEqualBleve).
//  7. zapx offers four optional fast paths, reached through interfaces
//     Bleve does not export or declares optional (TestFastPaths fails when
//     one is missing, instead of searches slowing down without a word):
//     TermDictionary.AutomatonIteratorOmitCount (terms without reading
//     their postings), PostingsList.OrInto (a list's documents into a
//     bitmap), segment.OptimizablePostingsIterator (ActualBitmap and
//     DocNum1Hit: the bitmap as it lies in the file) and
//     Posting.NormUint64 (the field length as an integer).
//  8. Bleve counts the batches it failed to write to disk in
//     scorch.Stats.TotPersistLoopErr, and does not pass the error on.
//  9. A persisted segment (one with a Path()) maps its file once, read
//     only and shared (zapx's Open, mmap-go's RDONLY), and unmaps it only
//     when the last snapshot holding it is closed (ReleaseMapped;
//     TestReleaseMapped in index).
// 10. A zapx postings list read without exceptions (and not of one
//     document) keeps in chunkSize how many document numbers a chunk of
//     frequencies and norms spans (document n's posting is in chunk
//     n/chunkSize), and its iterator's freqNormReader holds the segment's
//     bytes (data), where the chunks start (dataStartOffset) and where
//     each ends (chunkOffsets), with no file callback to apply (all read
//     by reflection). A chunk holds, for each of the list's documents in
//     it, in order, an uvarint of the frequency times two (plus one when
//     the posting has locations, kept elsewhere) and, unless the
//     frequency is 0 (a field indexed without frequencies), an uvarint
//     of the norm's bits. blockCursor reads blocks, and plist.each whole
//     lists, straight from there (TestBlockCursor reads every list of a
//     segment whole and by blocks in any order, and compares each with
//     Bleve's iterator). Without them, lists are read through Bleve's
//     iterator.
//
// Anything else the engine needs from a segment goes through the small
// types below (seg, dict, plist, postingIter, blockCursor).

// idField is the field in which Bleve indexes document ids.
const idField = "_id"

// segmentsDir is the folder of Bleve's index that holds segment files.
const segmentsDir = "store"

// Snapshot is one state of an index, as a search or a listing reads it.
// It must be closed.
type Snapshot struct {
	reader bindex.IndexReader
	segs   []seg
}

// OpenSnapshot takes the index's current state. Reading a damaged segment
// gives, here and in every method of the engine, an error wrapping
// ErrDamaged instead of Bleve's panic.
func OpenSnapshot(idx bleve.Index) (_ *Snapshot, err error) {
	defer recoverDamage(&err)
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		_ = reader.Close()
		return nil, fmt.Errorf("index of type %T: %w", reader, ErrNotScorch)
	}
	if snap == nil {
		// Scorch hands out no snapshot once closed, and no error: an index
		// closed under its caller (a rebuild's or a bulk import's swap)
		// read on as a damaged one (CI, TestSearchDuringRebuild).
		return nil, bleve.ErrorIndexClosed
	}
	s := &Snapshot{reader: reader}
	for _, ss := range snap.Segments() {
		s.segs = append(s.segs, seg{s: ss.Segment(), deleted: ss.Deleted()})
	}
	return s, nil
}

// Close releases the snapshot.
func (s *Snapshot) Close() error { return s.reader.Close() }

// PersistFailures is how many times Bleve failed to write the index to
// disk since it was opened.
func PersistFailures(idx bleve.Index) uint64 {
	adv, err := idx.Advanced()
	if err != nil {
		return 0
	}
	if s, ok := adv.(*scorch.Scorch); ok {
		if st, ok := s.Stats().(*scorch.Stats); ok {
			return atomic.LoadUint64(&st.TotPersistLoopErr)
		}
	}
	return 0
}

// segmentExists tells whether a segment file of that name is in the index
// folder.
func segmentExists(indexDir, name string) bool {
	_, err := os.Stat(filepath.Join(indexDir, segmentsDir, name))
	return !os.IsNotExist(err)
}

// segmentFiles lists the names of the segment files in the index folder.
func segmentFiles(indexDir string) []string {
	entries, _ := os.ReadDir(filepath.Join(indexDir, segmentsDir))
	var out []string
	for _, f := range entries {
		if strings.HasSuffix(f.Name(), ".zap") {
			out = append(out, f.Name())
		}
	}
	return out
}

// seg is one segment of a snapshot.
type seg struct {
	s       segment.Segment
	deleted *roaring.Bitmap // nil when none
}

// key tells the segment from others, for caches.
func (g seg) key() any { return g.s }

// count is how many documents the segment has, deleted ones included.
func (g seg) count() uint64 { return g.s.Count() }

// docID is the id of document n.
func (g seg) docID(n uint64) (string, error) {
	raw, err := g.s.DocID(n)
	return string(raw), err
}

// file is the segment's file, "" for a segment only in memory.
func (g seg) file() string {
	if p, ok := g.s.(segment.PersistedSegment); ok {
		return p.Path()
	}
	return ""
}

// dict is the segment's term dictionary of a field.
func (g seg) dict(field string) (dict, error) {
	d, err := g.s.Dictionary(field)
	if err != nil {
		return dict{}, fmt.Errorf("dictionary %s: %w", field, err)
	}
	return dict{d}, nil
}

// dict is a term dictionary of one field of a segment.
type dict struct{ d segment.TermDictionary }

// postings is the postings list of a term without the documents of
// except; its pl is nil when no document is left.
func (d dict) postings(term string, except *roaring.Bitmap) (plist, error) {
	pl, err := d.d.PostingsList([]byte(term), except, nil)
	if err != nil || pl == nil || pl.Count() == 0 {
		return plist{}, err
	}
	return plist{pl}, nil
}

// omitCount is zapx's way to list terms without reading their postings.
type omitCount interface {
	AutomatonIteratorOmitCount(a segment.Automaton, start, end []byte) segment.DictionaryIterator
}

// terms calls fn with every term from start up to end (nil for no bound),
// in order.
func (d dict) terms(start, end []byte, fn func(term string) error) error {
	var it segment.DictionaryIterator
	if o, ok := d.d.(omitCount); ok {
		it = o.AutomatonIteratorOmitCount(nil, start, end)
	} else {
		it = d.d.AutomatonIterator(nil, start, end)
	}
	for {
		entry, err := it.Next()
		if err != nil {
			return err
		}
		if entry == nil {
			return nil
		}
		if err := fn(entry.Term); err != nil {
			return err
		}
	}
}

// plist is a term's postings list in a segment.
type plist struct{ pl segment.PostingsList }

// count is how many documents hold the term.
func (p plist) count() uint64 { return p.pl.Count() }

// orInto is zapx's way to add a list's documents to a bitmap at once.
type orInto interface{ OrInto(*roaring.Bitmap) }

// bitmapReader reads postings lists as bitmaps, reusing one iterator.
type bitmapReader struct{ it segment.PostingsIterator }

// docs is the bitmap of the list's documents, which the caller must not
// change: as it lies in the segment file when the segment allows it, else
// made.
func (r *bitmapReader) docs(p plist) *roaring.Bitmap {
	r.it = p.pl.Iterator(false, false, false, r.it)
	if it, ok := r.it.(segment.OptimizablePostingsIterator); ok {
		if doc, ok := it.DocNum1Hit(); ok {
			return roaring.BitmapOf(uint32(doc))
		}
		if bm := it.ActualBitmap(); bm != nil {
			return bm
		}
	}
	bm := roaring.New()
	if o, ok := p.pl.(orInto); ok {
		o.OrInto(bm)
		return bm
	}
	for q, err := r.it.Next(); err == nil && q != nil; q, err = r.it.Next() {
		bm.Add(uint32(q.Number()))
	}
	return bm
}

// rawNorm is a posting that gives its field's length, which zapx's do.
type rawNorm interface{ NormUint64() uint64 }

// postingIter reads a postings list one document at a time, with each
// document's frequency and, when asked for, norm.
type postingIter struct {
	it    segment.PostingsIterator
	norms bool
}

// iterator starts reading the list.
func (p plist) iterator(norms bool) *postingIter {
	return &postingIter{it: p.pl.Iterator(true, norms, false, nil), norms: norms}
}

// posting is one document of a postings list.
type posting struct {
	doc, freq uint64
	norm      float64 // 1/√(the field's length), when asked for
}

// advance reads into p the first posting of a document at or after doc.
func (it *postingIter) advance(doc uint64, p *posting) (bool, error) {
	q, err := it.it.Advance(doc)
	if err != nil || q == nil {
		return false, err
	}
	it.read(q, p)
	return true, nil
}

func (it *postingIter) read(q segment.Posting, p *posting) {
	p.doc, p.freq = q.Number(), q.Frequency()
	if !it.norms {
		return
	}
	if r, ok := q.(rawNorm); ok {
		if n := r.NormUint64(); n < uint64(len(invSqrtLen)) {
			p.norm = invSqrtLen[n]
			return
		}
	}
	p.norm = q.Norm()
}

// missingFastPaths names the fast paths of assumption 7 that the first
// segment holding a term of field lacks; nil when it has them all or no
// segment has such a term.
func (s *Snapshot) missingFastPaths(field string) ([]string, error) {
	for _, g := range s.segs {
		d, err := g.s.Dictionary(field)
		if err != nil {
			return nil, err
		}
		it := d.AutomatonIterator(nil, nil, nil)
		entry, err := it.Next()
		if err != nil || entry == nil {
			continue
		}
		var missing []string
		if _, ok := d.(omitCount); !ok {
			missing = append(missing, "AutomatonIteratorOmitCount")
		}
		pl, err := d.PostingsList([]byte(entry.Term), nil, nil)
		if err != nil {
			return nil, err
		}
		if _, ok := pl.(orInto); !ok {
			missing = append(missing, "OrInto")
		}
		pit := pl.Iterator(true, true, false, nil)
		if _, ok := pit.(segment.OptimizablePostingsIterator); !ok {
			missing = append(missing, "OptimizablePostingsIterator")
		}
		q, err := pit.Next()
		if err != nil {
			return nil, err
		}
		if _, ok := q.(rawNorm); !ok {
			missing = append(missing, "NormUint64")
		}
		return missing, nil
	}
	return nil, nil
}

// IDs lists the ids of every live document, sorted.
func (s *Snapshot) IDs() (ids []string, err error) {
	defer recoverDamage(&err)
	for _, g := range s.segs {
		d, err := g.dict(idField)
		if err != nil {
			return nil, err
		}
		err = d.terms(nil, nil, func(id string) error {
			if g.deleted != nil {
				// An older version of an edited document stays in its
				// segment, marked deleted.
				p, err := d.postings(id, g.deleted)
				if err != nil || p.pl == nil {
					return err
				}
			}
			ids = append(ids, id)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// readAll reads the whole list into memory.
func (p plist) readAll() (*termPostings, error) {
	t := &termPostings{}
	t.grow(int(p.count()))
	err := p.each(func(doc, freq uint32, norm float32) {
		t.docs = append(t.docs, doc)
		t.freqs = append(t.freqs, freq)
		t.norms = append(t.norms, norm)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// directMin is how many postings a list must have to be read straight
// from its chunks (blockCursor.each) rather than through Bleve's iterator.
const directMin = 512

// each calls fn with each posting of the list in order: its document,
// frequency and norm as readAll keeps them. A list of directMin postings
// or more is read straight from its chunks (assumption 10), at 3-5 ns a
// posting against Bleve's 35-42.
func (p plist) each(fn func(doc, freq uint32, norm float32)) error {
	if p.count() >= directMin {
		if c := newBlockCursor(p); c != nil {
			return c.each(fn)
		}
	}
	return p.eachPosting(fn)
}

// eachPosting is each through Bleve's iterator.
func (p plist) eachPosting(fn func(doc, freq uint32, norm float32)) error {
	it := p.pl.Iterator(true, true, false, nil)
	for {
		q, err := it.Next()
		if err != nil || q == nil {
			return err
		}
		fn(postingOf(q))
	}
}

// postingOf reads a posting's document, frequency and norm as readAll
// keeps them.
func postingOf(q segment.Posting) (doc uint32, freq uint32, norm float32) {
	n := 0.0
	if r, ok := q.(rawNorm); ok && r.NormUint64() < uint64(len(invSqrtLen)) {
		n = invSqrtLen[r.NormUint64()]
	} else {
		n = float64(q.Norm())
	}
	return uint32(q.Number()), uint32(min(q.Frequency(), 1<<32-1)), float32(n)
}

// blockMaxima is the list's bounds by block (see blockMaxima), read
// without keeping the list.
func (p plist) blockMaxima(nb int) ([]float32, error) {
	b := make([]float32, nb)
	j, m := -1, 0.0
	err := p.each(func(doc, freq uint32, norm float32) {
		if k := int(doc >> blockShift); k != j {
			if j >= 0 && j < nb {
				b[j] = roundUp32(m)
			}
			j, m = k, 0
		}
		if x := tf(uint64(freq)) * float64(norm); x > m {
			m = x
		}
	})
	if err != nil {
		return nil, err
	}
	if j >= 0 && j < nb {
		b[j] = roundUp32(m)
	}
	return b, nil
}

// blockCursor reads the postings of a term's list, deleted documents
// included, block after block, in any order. It reads the frequencies and
// norms of the documents it is asked for straight from the list's chunks
// in the segment file (assumption 10), passing over the postings before
// them in their chunk without decoding them, and marks where each block
// starts in its chunk once passed, so that no posting is passed twice: a
// search that scores a few blocks of a segment reads about those blocks'
// postings alone. Bleve's own Advance decodes every posting from the
// start of the chunk on each jump (at a million documents, 70% of the CPU
// of a whole search of "tổ chức thực hiện kế hoạch").
type blockCursor struct {
	*cursorList
	// passed counts the postings passed over to reach blocks, for tests.
	passed int
	buf    termPostings // the last block read
	lo     uint64       // its first document
	full   bool         // buf holds the block from lo
}

// cursorList is what a blockCursor reads of a list, the same for every
// search and every cursor of the segment's term: kept with the segment
// (segInfo.cursorList) and shared, its marks found once for all. Its data
// are the segment's mapped bytes, read only by a search whose snapshot
// holds the segment, and so keeps it mapped (assumption 9).
type cursorList struct {
	chunk uint64   // documents a chunk spans
	docs  []uint64 // the list's documents, a dense bit set
	data  []byte   // the segment file's bytes
	base  uint64   // where the chunks of frequencies and norms start in data
	ends  []uint64 // where each chunk ends, from base
	// marks holds, for each block, 1 + where in its chunk's bytes the
	// first posting at or after the block's first document starts (the
	// chunk's length when none does); 0 when not known yet. Each mark is
	// the same whoever finds it, so cursors of several searches or of
	// parts of one ranking (blockPart) may share them.
	marks []atomic.Uint32
}

// newMarks is the marks of a list whose dense bit set has n words, none
// known.
func newMarks(n int) []atomic.Uint32 {
	return make([]atomic.Uint32, n*64>>blockShift+1)
}

// size is about the memory the list takes, for maxBounds.
func (c *cursorList) size() int64 {
	return int64(len(c.docs))*8 + int64(len(c.ends))*8 + int64(len(c.marks))*4 + 64
}

// cursor is a new cursor over the list, with its own buffer.
func (c *cursorList) cursor() *blockCursor { return &blockCursor{cursorList: c} }

// newBlockCursor starts reading the list, nil when the list is not laid
// out as assumption 10 says.
func newBlockCursor(p plist) *blockCursor {
	defer func() { _ = recover() }() // a field of another kind: no cursor
	pl, ok := structOf(p.pl)
	if !ok {
		return nil
	}
	chunk, ok1 := uintField(pl, "chunkSize")
	hit1, ok2 := uintField(pl, "normBits1Hit")
	except := pl.FieldByName("except")
	if !ok1 || chunk == 0 || !ok2 || hit1 != 0 || except.Kind() != reflect.Pointer || !except.IsNil() {
		return nil // a list with exceptions, or of one document
	}
	it, ok := p.pl.Iterator(true, true, false, nil).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil
	}
	docs := it.ActualBitmap()
	if docs == nil || docs.IsEmpty() {
		return nil
	}
	c := &blockCursor{cursorList: &cursorList{chunk: chunk}}
	if !c.readChunks(it) || uint64(len(c.ends)) <= uint64(docs.Maximum())/c.chunk {
		return nil
	}
	// Each posting has a frequency (skipPostings): the list's first.
	if b, err := c.chunkBytes(uint64(docs.Minimum()) / c.chunk); err != nil || len(b) == 0 || b[0]>>1 == 0 {
		return nil
	}
	c.docs = docs.ToDense()
	return c
}

// readChunks finds where the chunks of frequencies and norms of the
// iterator's list lie in the segment file, from its freqNormReader; false
// when they are not found there.
func (c *cursorList) readChunks(it any) bool {
	iv, ok := structOf(it)
	if !ok {
		return false
	}
	fn, ok := structOf(iv.FieldByName("freqNormReader"))
	if !ok {
		return false
	}
	start, ok1 := uintField(fn, "startOffset")
	base, ok2 := uintField(fn, "dataStartOffset")
	ends, data, fr := fn.FieldByName("chunkOffsets"), fn.FieldByName("data"), fn.FieldByName("fr")
	if !ok1 || start == 0 || !ok2 || // start 0: a list without frequencies
		ends.Kind() != reflect.Slice || ends.Type().Elem().Kind() != reflect.Uint64 ||
		data.Kind() != reflect.Slice || data.Type().Elem().Kind() != reflect.Uint8 || fr.Kind() != reflect.Pointer {
		return false
	}
	if !fr.IsNil() {
		// A reader that changes the bytes (zapx's file callbacks, for
		// encrypted segments) would have to be applied to each chunk.
		proc := fr.Elem().FieldByName("processor")
		if proc.Kind() != reflect.Func || !proc.IsNil() {
			return false
		}
	}
	c.data, c.base = data.Bytes(), base
	c.ends = make([]uint64, ends.Len())
	for i := range c.ends {
		c.ends[i] = ends.Index(i).Uint()
	}
	return len(c.ends) > 0 && c.base <= uint64(len(c.data)) && c.ends[len(c.ends)-1] <= uint64(len(c.data))-c.base
}

// structOf is the struct x points to (x a value or a reflect.Value).
func structOf(x any) (reflect.Value, bool) {
	v, ok := x.(reflect.Value)
	if !ok {
		v = reflect.ValueOf(x)
	}
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return v.Elem(), true
}

// uintField is the uint64 field of that name of struct v.
func uintField(v reflect.Value, name string) (uint64, bool) {
	f := v.FieldByName(name)
	if f.Kind() != reflect.Uint64 {
		return 0, false
	}
	return f.Uint(), true
}

// chunkBytes is the bytes of chunk ch's frequencies and norms.
func (c *cursorList) chunkBytes(ch uint64) ([]byte, error) {
	if ch >= uint64(len(c.ends)) {
		return nil, fmt.Errorf("chunk %d of %d: %w", ch, len(c.ends), ErrDamaged)
	}
	start := uint64(0)
	if ch > 0 {
		start = c.ends[ch-1]
	}
	if start > c.ends[ch] {
		return nil, fmt.Errorf("chunk %d at %d–%d: %w", ch, start, c.ends[ch], ErrDamaged)
	}
	return c.data[c.base+start : c.base+c.ends[ch]], nil
}

// mark notes that the first posting at or after document x starts at off
// in its chunk's bytes, when x starts a block.
func (c *cursorList) mark(x uint64, off int) {
	if b := x >> blockShift; b<<blockShift == x && b < uint64(len(c.marks)) && c.marks[b].Load() == 0 {
		c.marks[b].Store(uint32(off) + 1)
	}
}

// block reads the postings of the documents from lo (a block's first
// document) up to hi: the cursor's buffer, valid until the next call.
func (c *blockCursor) block(lo, hi uint64) (*termPostings, error) {
	if c.full && c.lo == lo {
		return &c.buf, nil
	}
	c.buf.docs, c.buf.freqs, c.buf.norms = c.buf.docs[:0], c.buf.freqs[:0], c.buf.norms[:0]
	c.full, c.lo = false, lo
	if c.marks == nil { // a cursor of its own (a shared list has them)
		c.marks = newMarks(len(c.docs))
	}
	// Where to start: the block's mark, or the nearest mark before it in
	// its chunk, or the chunk's start.
	ch := lo / c.chunk
	first := ch * c.chunk
	x, off := first, 0
	for b := lo >> blockShift; b<<blockShift >= first; b-- {
		if b < uint64(len(c.marks)) {
			if m := c.marks[b].Load(); m != 0 {
				x, off = b<<blockShift, int(m-1)
				break
			}
		}
		if b == 0 {
			break
		}
	}
	bytes, err := c.chunkBytes(ch)
	if err != nil {
		return nil, err
	}
	// Pass over the postings from x up to lo, block by block, marking
	// each block passed.
	for x < lo {
		y := min((x>>blockShift+1)<<blockShift, lo)
		n := countIn(c.docs, x, y)
		if off, err = skipPostings(bytes, off, n); err != nil {
			return nil, err
		}
		c.passed += n
		x = y
		c.mark(x, off)
	}
	// Read the block's postings.
	for wi := lo / 64; wi < (hi+63)/64 && wi < uint64(len(c.docs)); wi++ {
		w := c.docs[wi] & rangeMask(wi, lo, hi)
		for w != 0 {
			d := wi*64 + uint64(bits.TrailingZeros64(w))
			w &= w - 1
			if d/c.chunk != ch {
				ch, off = d/c.chunk, 0
				if bytes, err = c.chunkBytes(ch); err != nil {
					return nil, err
				}
			}
			var freq, norm uint64
			if freq, norm, off, err = readPosting(bytes, off); err != nil {
				return nil, err
			}
			c.buf.docs = append(c.buf.docs, uint32(d))
			c.buf.freqs = append(c.buf.freqs, uint32(min(freq, 1<<32-1)))
			c.buf.norms = append(c.buf.norms, float32(normOf(norm)))
		}
	}
	if hi/c.chunk != ch {
		off = 0
	}
	c.mark(hi, off)
	c.full = true
	return &c.buf, nil
}

// each calls fn with every posting of the list, in order (plist.each).
func (c *blockCursor) each(fn func(doc, freq uint32, norm float32)) error {
	ch, off := ^uint64(0), 0
	var bytes []byte
	for wi, w := range c.docs {
		for w != 0 {
			d := uint64(wi)*64 + uint64(bits.TrailingZeros64(w))
			w &= w - 1
			if d/c.chunk != ch {
				ch, off = d/c.chunk, 0
				var err error
				if bytes, err = c.chunkBytes(ch); err != nil {
					return err
				}
			}
			freq, norm, next, err := readPosting(bytes, off)
			if err != nil {
				return err
			}
			off = next
			fn(uint32(d), uint32(min(freq, 1<<32-1)), float32(normOf(norm)))
		}
	}
	return nil
}

// rangeMask is the bits of word wi of a dense bit set that stand for
// documents from lo up to hi.
func rangeMask(wi, lo, hi uint64) uint64 {
	m := ^uint64(0)
	if w0 := wi * 64; lo > w0 {
		m <<= lo - w0
	}
	if w1 := wi*64 + 64; hi < w1 {
		m &= ^uint64(0) >> (w1 - hi)
	}
	return m
}

// countIn is how many documents from lo up to hi the dense bit set holds.
func countIn(dense []uint64, lo, hi uint64) int {
	n := 0
	for wi := lo / 64; wi < (hi+63)/64 && wi < uint64(len(dense)); wi++ {
		n += bits.OnesCount64(dense[wi] & rangeMask(wi, lo, hi))
	}
	return n
}

// A posting's frequency and norm in a chunk, as zapx v17 writes them: an
// uvarint of the frequency times two (plus one when the posting has
// locations, which lie elsewhere), then, unless the frequency is 0, an
// uvarint of the norm's bits: the field's length (Posting.NormUint64).

// readPosting reads the frequency and norm bits of the posting at off in
// a chunk's bytes, and where the next starts.
func readPosting(b []byte, off int) (freq, norm uint64, next int, err error) {
	if off >= len(b) {
		return 0, 0, 0, fmt.Errorf("posting past its chunk's end: %w", ErrDamaged)
	}
	v, n := binary.Uvarint(b[off:])
	if n <= 0 {
		return 0, 0, 0, fmt.Errorf("posting's frequency: %w", ErrDamaged)
	}
	off += n
	if freq = v >> 1; freq == 0 {
		return 0, 0, off, nil
	}
	if off >= len(b) {
		return 0, 0, 0, fmt.Errorf("posting past its chunk's end: %w", ErrDamaged)
	}
	if norm, n = binary.Uvarint(b[off:]); n <= 0 {
		return 0, 0, 0, fmt.Errorf("posting's norm: %w", ErrDamaged)
	}
	return freq, norm, off + n, nil
}

// skipPostings is where the posting n postings after the one at off
// starts, in a list whose every posting has a frequency (and so a norm:
// two uvarints), as every list of a field indexed with frequencies has
// (newBlockCursor checks the list's first). Eight bytes at a time: their
// uvarints end at the bytes below 0x80.
func skipPostings(b []byte, off, n int) (int, error) {
	n *= 2
	for n > 0 && off+8 <= len(b) {
		ends := ^binary.LittleEndian.Uint64(b[off:]) & 0x8080808080808080
		k := bits.OnesCount64(ends)
		if k >= n {
			for ; n > 1; n-- {
				ends &= ends - 1
			}
			return off + bits.TrailingZeros64(ends)/8 + 1, nil
		}
		n -= k
		off += 8
	}
	for ; n > 0 && off < len(b); off++ {
		if b[off] < 0x80 {
			n--
		}
	}
	if n > 0 {
		return 0, fmt.Errorf("posting past its chunk's end: %w", ErrDamaged)
	}
	return off, nil
}

// normOf is 1/√(the field's length) of a posting's norm bits, as
// postingOf reads it through zapx.
func normOf(bits uint64) float64 {
	n := uint64(uint32(bits))
	if n < uint64(len(invSqrtLen)) {
		return invSqrtLen[n]
	}
	return float64(float32(1.0 / math.Sqrt(float64(n))))
}
