package engine

import (
	"fmt"
	"os"
	"path/filepath"
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
//
// Anything else the engine needs from a segment goes through the small
// types below (seg, dict, plist, postingIter).

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
