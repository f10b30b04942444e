package index

import (
	"container/heap"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The archive collects search results itself instead of through Bleve's
// top-N collector: Bleve's reads every matching document's facet values
// from compressed doc values on every search, which on a query matching
// most of a 100,000-document archive costs tens of milliseconds. Here each
// index snapshot gets, once, a table of every document's facet values and
// sort date in memory (see facetTable); a search then walks the matches,
// counts facets and keeps the best hits with array lookups.

// facetTable holds the facet values and sort dates of every document of
// one index snapshot, by Bleve's internal document number.
type facetTable struct {
	reader bindex.IndexReader // the snapshot it was built from
	values []string           // value code → "y:2014", "t:Kế hoạch", ...
	facets [][]uint32         // document number → value codes
	dates  []uint32           // document number → YYYYMMDD, 0 when unknown
	keys   []uint64           // document number → its id as a number, to order ties
}

// tableCache keeps the table of the latest snapshot.
type tableCache struct {
	mu    sync.Mutex
	table *facetTable
}

// get returns the table for reader, building it when the index changed.
func (c *tableCache) get(reader bindex.IndexReader) (*facetTable, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.table != nil && c.table.reader == reader {
		return c.table, nil
	}
	t, err := buildFacetTable(reader)
	if err != nil {
		return nil, err
	}
	c.table = t
	return t, nil
}

func buildFacetTable(reader bindex.IndexReader) (*facetTable, error) {
	t := &facetTable{reader: reader}
	codes := map[string]uint32{}
	ids, err := reader.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("facet table: %w", err)
	}
	defer ids.Close()
	dvr, err := reader.DocValueReader([]string{fieldFacets, fieldDate})
	if err != nil {
		return nil, fmt.Errorf("facet table: %w", err)
	}
	for {
		id, err := ids.Next()
		if err != nil {
			return nil, fmt.Errorf("facet table: %w", err)
		}
		if id == nil {
			break
		}
		num := docNum(id)
		for uint64(len(t.facets)) <= num {
			t.facets = append(t.facets, nil)
			t.dates = append(t.dates, 0)
			t.keys = append(t.keys, 0)
		}
		if ext, err := reader.ExternalID(id); err == nil {
			t.keys[num], _ = strconv.ParseUint(ext, 16, 64)
		}
		var row []uint32
		err = dvr.VisitDocValues(id, func(field string, term []byte) {
			if field == fieldDate {
				t.dates[num] = dateKey(string(term))
				return
			}
			code, ok := codes[string(term)]
			if !ok {
				code = uint32(len(t.values))
				codes[string(term)] = code
				t.values = append(t.values, string(term))
			}
			row = append(row, code)
		})
		if err != nil {
			return nil, fmt.Errorf("facet table: %w", err)
		}
		t.facets[num] = row
	}
	return t, nil
}

func docNum(id bindex.IndexInternalID) uint64 {
	if len(id) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(id)
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

// hit is a match kept while collecting.
type hit struct {
	id    bindex.IndexInternalID
	key   uint64 // the document's id as a number
	score float64
	date  uint32
}

// hitHeap keeps the best hits with the worst on top, so it can be dropped
// when a better one comes.
type hitHeap struct {
	hits []hit
	less func(a, b hit) bool // a ranks below b
}

func (h *hitHeap) Len() int           { return len(h.hits) }
func (h *hitHeap) Less(i, j int) bool { return h.less(h.hits[i], h.hits[j]) }
func (h *hitHeap) Swap(i, j int)      { h.hits[i], h.hits[j] = h.hits[j], h.hits[i] }
func (h *hitHeap) Push(x any)         { h.hits = append(h.hits, x.(hit)) }
func (h *hitHeap) Pop() any {
	x := h.hits[len(h.hits)-1]
	h.hits = h.hits[:len(h.hits)-1]
	return x
}

// ranksBelow orders hits for a sort: true when a comes after b.
func ranksBelow(sort Sort) func(a, b hit) bool {
	// Equal scores and dates are ordered by document id, so that paging
	// through a long list neither repeats nor skips a document and the
	// order does not depend on the order files were imported in.
	byScore := func(a, b hit) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return a.key > b.key
	}
	switch sort {
	case Newest:
		return func(a, b hit) bool {
			if a.date != b.date {
				return a.date < b.date // unknown dates (0) last
			}
			return byScore(a, b)
		}
	case Oldest:
		return func(a, b hit) bool {
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

// collected is what collect found.
type collected struct {
	total  int
	hits   []hit   // best first
	counts []int32 // by value code
	table  *facetTable
	ids    []string           // external ids of hits, filled by run
	scores map[string]float64 // by external id
}

// collect runs q over one snapshot, keeping the best keep hits for sort and
// counting facet values when facets is set. The caller closes reader.
func (a *Archive) collect(ctx context.Context, reader bindex.IndexReader, q query.Query, sort Sort, keep int, facets bool) (*collected, error) {
	table, err := a.tables.get(reader)
	if err != nil {
		return nil, err
	}
	s, err := q.Searcher(ctx, reader, a.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer s.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0),
		IndexReader:       reader,
	}
	out := &collected{table: table}
	if facets {
		out.counts = make([]int32, len(table.values))
	}
	h := &hitHeap{less: ranksBelow(sort)}
	for n := 0; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		dm, err := s.Next(sctx)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		if dm == nil {
			break
		}
		out.total++
		num := docNum(dm.IndexInternalID)
		var date uint32
		var key uint64
		if num < uint64(len(table.facets)) {
			key = table.keys[num]
			if facets {
				for _, code := range table.facets[num] {
					out.counts[code]++
				}
			}
			date = table.dates[num]
		}
		score := dm.Score
		if math.IsNaN(score) || math.IsInf(score, 0) {
			score = 0
		}
		cand := hit{key: key, score: score, date: date}
		if keep > 0 && (h.Len() < keep || h.less(h.hits[0], cand)) {
			cand.id = append(bindex.IndexInternalID(nil), dm.IndexInternalID...)
			if h.Len() == keep {
				heap.Pop(h)
			}
			heap.Push(h, cand)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	out.hits = make([]hit, h.Len())
	for i := len(out.hits) - 1; i >= 0; i-- {
		out.hits[i] = heap.Pop(h).(hit)
	}
	return out, nil
}

// facetResult sorts the counted values into facets.
func (c *collected) facetResult(size int) map[string][]FacetValue {
	counts := map[string]int{}
	for code, n := range c.counts {
		if n > 0 {
			counts[c.table.values[code]] = int(n)
		}
	}
	return splitFacets(counts, size)
}
