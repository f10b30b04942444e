package engine

import (
	"fmt"
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
// 10. A zapx postings iterator of a list read without exceptions keeps its
//     bitmap's iterator in the exported field Actual, and the list keeps
//     how many documents a chunk of frequencies and norms spans in
//     chunkSize (read by reflection): moving Actual to the first document
//     of a later chunk before Advance lands on the right posting without
//     decoding the chunks between (blockCursor; TestBlockCursor reads
//     every list of a segment both ways). Without them, lists are read
//     whole.
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

// next reads the next posting into p; false after the last.
func (it *postingIter) next(p *posting) (bool, error) {
	q, err := it.it.Next()
	if err != nil || q == nil {
		return false, err
	}
	it.read(q, p)
	return true, nil
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
	n := int(p.count())
	t.grow(n)
	it := p.pl.Iterator(true, true, false, nil)
	for {
		q, err := it.Next()
		if err != nil {
			return nil, err
		}
		if q == nil {
			return t, nil
		}
		freq, norm := q.Frequency(), 0.0
		if r, ok := q.(rawNorm); ok && r.NormUint64() < uint64(len(invSqrtLen)) {
			norm = invSqrtLen[r.NormUint64()]
		} else {
			norm = q.Norm()
		}
		t.docs = append(t.docs, uint32(q.Number()))
		t.freqs = append(t.freqs, uint32(min(freq, 1<<32-1)))
		t.norms = append(t.norms, float32(norm))
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
	it := p.pl.Iterator(true, true, false, nil)
	j, m := -1, 0.0
	for {
		q, err := it.Next()
		if err != nil {
			return nil, err
		}
		if q == nil {
			break
		}
		doc, freq, norm := postingOf(q)
		if k := int(doc >> blockShift); k != j {
			if j >= 0 && j < nb {
				b[j] = roundUp32(m)
			}
			j, m = k, 0
		}
		if x := tf(uint64(freq)) * float64(norm); x > m {
			m = x
		}
	}
	if j >= 0 && j < nb {
		b[j] = roundUp32(m)
	}
	return b, nil
}

// blockCursor reads the postings of a term's list, deleted documents
// included, block after block, forward: a block before the last one read
// starts the list again. It jumps over whole chunks of frequencies and
// norms (assumption 10), so that a search that scores a few blocks of a
// segment does not read the postings of the others.
type blockCursor struct {
	pl    segment.PostingsList
	chunk uint64 // documents a chunk spans
	it    segment.PostingsIterator
	docs  interface{ AdvanceIfNeeded(uint32) } // it's bitmap iterator
	at    uint64                               // the postings of documents below at were passed
	last  int64                                // the chunk of the last posting read, -1 before any
	q     segment.Posting                      // the posting read last and not handed out, or nil
	buf   termPostings                         // the last block read
	lo    uint64                               // its first document
	full  bool                                 // buf holds the block from lo
}

// newBlockCursor starts reading the list, nil when the list does not
// offer the way to jump (assumption 10).
func newBlockCursor(p plist) *blockCursor {
	c := &blockCursor{pl: p.pl}
	v := reflect.ValueOf(p.pl)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("chunkSize")
	if !f.IsValid() || f.Kind() != reflect.Uint64 || f.Uint() == 0 {
		return nil
	}
	c.chunk = f.Uint()
	if !c.restart() {
		return nil
	}
	return c
}

// restart reads the list from its start again.
func (c *blockCursor) restart() bool {
	c.it = c.pl.Iterator(true, true, false, c.it)
	c.at, c.last, c.q, c.full = 0, -1, nil, false
	v := reflect.ValueOf(c.it)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return false
	}
	f := v.Elem().FieldByName("Actual")
	if !f.IsValid() || !f.CanInterface() || f.IsNil() {
		return false
	}
	docs, ok := f.Interface().(interface{ AdvanceIfNeeded(uint32) })
	c.docs = docs
	return ok
}

// block reads the postings of the documents from lo up to hi: the
// cursor's buffer, valid until the next call.
func (c *blockCursor) block(lo, hi uint64) (*termPostings, error) {
	if c.full && c.lo == lo {
		return &c.buf, nil
	}
	if lo < c.at && !c.restart() {
		return nil, fmt.Errorf("postings read again: %w", ErrNotScorch)
	}
	c.buf.docs, c.buf.freqs, c.buf.norms = c.buf.docs[:0], c.buf.freqs[:0], c.buf.norms[:0]
	c.full, c.lo, c.at = false, lo, hi
	if c.q == nil || c.q.Number() < lo {
		if ch := int64(lo / c.chunk); ch > c.last && ch > 0 {
			// The first posting at or after the chunk's first document
			// is the first of its chunk.
			c.docs.AdvanceIfNeeded(uint32(uint64(ch) * c.chunk))
		}
		q, err := c.it.Advance(lo)
		if err != nil {
			return nil, err
		}
		c.q = q
	}
	for c.q != nil && c.q.Number() < hi {
		doc, freq, norm := postingOf(c.q)
		c.buf.docs = append(c.buf.docs, doc)
		c.buf.freqs = append(c.buf.freqs, freq)
		c.buf.norms = append(c.buf.norms, norm)
		c.last = int64(uint64(doc) / c.chunk)
		q, err := c.it.Next()
		if err != nil {
			return nil, err
		}
		c.q = q
	}
	if c.q != nil {
		c.last = int64(c.q.Number() / c.chunk)
	}
	c.full = true
	return &c.buf, nil
}
