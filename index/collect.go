package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segCache keeps what the engine reads once per index segment: segments
// never change, so facet value postings and sort dates read for one
// search serve every later one until Bleve merges the segment away.
type segCache struct {
	mu    sync.Mutex
	infos map[segment.Segment]*segInfo
}

// get returns the segment's entry, adding an empty one.
func (c *segCache) get(seg segment.Segment) *segInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.infos == nil {
		c.infos = map[segment.Segment]*segInfo{}
	}
	info, ok := c.infos[seg]
	if !ok {
		info = &segInfo{}
		c.infos[seg] = info
	}
	return info
}

// keepOnly forgets the segments of older snapshots that are not among
// segs. A search still running on an older snapshot keeps its own
// references.
func (c *segCache) keepOnly(segs []*segEval) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.infos) <= len(segs) {
		return
	}
	live := make(map[segment.Segment]bool, len(segs))
	for _, s := range segs {
		live[s.seg] = true
	}
	for seg := range c.infos {
		if !live[seg] {
			delete(c.infos, seg)
		}
	}
}

// segInfo is what is known of one segment, read when first needed.
type segInfo struct {
	mu       sync.Mutex
	rows     *facetRows
	dateDocs []uint32 // document number → YYYYMMDD, 0 unknown; nil until read
}

// facetRows lists the facet values of each document of a segment:
// document d has values[codes[start[d]:start[d+1]]].
type facetRows struct {
	values []string // code → "y:2014", "t:Kế hoạch", …
	start  []uint32
	codes  []uint32
}

// facetFieldsInOrder are the keyword fields facets are counted on.
var facetFieldsInOrder = []string{fieldCampaign, fieldYear, fieldTopic, fieldType, fieldIssuer}

// facetRows reads the facet values of every document of the segment from
// the postings of each value.
func (info *segInfo) facetRows(seg segment.Segment) (*facetRows, error) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.rows != nil {
		return info.rows, nil
	}
	n := seg.Count()
	rows := &facetRows{start: make([]uint32, n+1)}
	var docs []*roaring.Bitmap
	for _, field := range facetFieldsInOrder {
		err := eachTerm(seg, field, func(term string, bm *roaring.Bitmap) {
			rows.values = append(rows.values, facetPrefix[field]+term)
			docs = append(docs, bm)
			it := bm.Iterator()
			for it.HasNext() {
				if d := it.Next(); uint64(d) < n {
					rows.start[d+1]++
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	for d := uint64(1); d <= n; d++ {
		rows.start[d] += rows.start[d-1]
	}
	rows.codes = make([]uint32, rows.start[n])
	fill := slices.Clone(rows.start[:n])
	for code, bm := range docs {
		it := bm.Iterator()
		for it.HasNext() {
			if d := it.Next(); uint64(d) < n {
				rows.codes[fill[d]] = uint32(code)
				fill[d]++
			}
		}
	}
	info.rows = rows
	return rows, nil
}

// dates gives each document of the segment its sort date.
func (info *segInfo) dates(seg segment.Segment) ([]uint32, error) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.dateDocs != nil {
		return info.dateDocs, nil
	}
	dates := make([]uint32, seg.Count())
	err := eachTerm(seg, fieldDate, func(term string, docs *roaring.Bitmap) {
		key := dateKey(term)
		it := docs.Iterator()
		for it.HasNext() {
			if doc := it.Next(); int(doc) < len(dates) {
				dates[doc] = key
			}
		}
	})
	if err != nil {
		return nil, err
	}
	info.dateDocs = dates
	return dates, nil
}

// eachTerm calls fn with every term of a field in the segment and a copy
// of its documents.
func eachTerm(seg segment.Segment, field string, fn func(term string, docs *roaring.Bitmap)) error {
	d, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("search: dictionary %s: %w", field, err)
	}
	it := d.AutomatonIterator(nil, nil, nil)
	for {
		entry, err := it.Next()
		if err != nil {
			return fmt.Errorf("search: terms of %s: %w", field, err)
		}
		if entry == nil {
			return nil
		}
		pl, err := d.PostingsList([]byte(entry.Term), nil, nil)
		if err != nil {
			return fmt.Errorf("search: postings of %s:%s: %w", field, entry.Term, err)
		}
		fn(entry.Term, (&postings{list: pl}).bitmap())
	}
}

// dateKey turns "2014-04-14" (or "2014-00-00" for a year alone) into
// 20140414 for sorting.
func dateKey(s string) uint32 {
	n, err := strconv.Atoi(strings.ReplaceAll(s, "-", ""))
	if err != nil || n < 0 {
		return 0
	}
	return uint32(n)
}

// hitHeap keeps the best hits with the worst on top, so that it can be
// dropped when a better one comes.
type hitHeap struct {
	hits []found
	less func(a, b found) bool // a ranks below b
}

func (h *hitHeap) Len() int { return len(h.hits) }

func (h *hitHeap) push(f found) {
	h.hits = append(h.hits, f)
	for i := len(h.hits) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h.less(h.hits[i], h.hits[parent]) {
			break
		}
		h.hits[i], h.hits[parent] = h.hits[parent], h.hits[i]
		i = parent
	}
}

// offer keeps f when it is among the keep best.
func (h *hitHeap) offer(f found, keep int) {
	switch {
	case len(h.hits) < keep:
		h.push(f)
	case keep > 0 && h.less(h.hits[0], f):
		h.replaceTop(f)
	}
}

// replaceTop puts f in place of the worst hit.
func (h *hitHeap) replaceTop(f found) {
	h.hits[0] = f
	h.down(0, len(h.hits))
}

func (h *hitHeap) down(i, n int) {
	for {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < n && h.less(h.hits[l], h.hits[worst]) {
			worst = l
		}
		if r < n && h.less(h.hits[r], h.hits[worst]) {
			worst = r
		}
		if worst == i {
			return
		}
		h.hits[i], h.hits[worst] = h.hits[worst], h.hits[i]
		i = worst
	}
}

// sorted empties the heap into a list, best first.
func (h *hitHeap) sorted() []found {
	for n := len(h.hits) - 1; n > 0; n-- {
		h.hits[0], h.hits[n] = h.hits[n], h.hits[0]
		h.down(0, n)
	}
	out := h.hits
	h.hits = nil
	return out
}

// ranksBelow orders hits for the evaluation's sort: true when a comes
// after b. Equal scores and dates are ordered by document id, so that
// paging through a long list neither repeats nor skips a document and the
// order does not depend on the order files were imported in; ids are read
// only for such ties.
func (e *evaluation) ranksBelow() func(a, b found) bool {
	byScore := func(a, b found) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return e.mustID(a) > e.mustID(b)
	}
	switch e.order {
	case Newest:
		return func(a, b found) bool {
			if a.date != b.date {
				return a.date < b.date // unknown dates (0) last
			}
			return byScore(a, b)
		}
	case Oldest:
		return func(a, b found) bool {
			if a.date != b.date {
				if a.date == 0 || b.date == 0 {
					return a.date == 0
				}
				return a.date > b.date
			}
			return byScore(a, b)
		}
	}
	return byScore
}

// idOf is the external id of a hit.
func (e *evaluation) idOf(f found) (string, error) {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	key := [2]uint32{uint32(f.seg), f.doc}
	if id, ok := e.ids[key]; ok {
		return id, nil
	}
	raw, err := e.segs[f.seg].seg.DocID(uint64(f.doc))
	if err != nil {
		return "", fmt.Errorf("search: id of document %d: %w", f.doc, err)
	}
	if e.ids == nil {
		e.ids = map[[2]uint32]string{}
	}
	e.ids[key] = string(raw)
	return string(raw), nil
}

// mustID is idOf for comparisons, which cannot return an error: a
// damaged segment panics, and evaluate turns the panic into ErrDamaged.
func (e *evaluation) mustID(f found) string {
	id, err := e.idOf(f)
	if err != nil {
		panic(err)
	}
	return id
}
