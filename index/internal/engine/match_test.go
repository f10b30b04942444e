package engine

import (
	"context"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
)

// TestOpenFacetsByRest counts the facets of matches mostly open (a common
// phrase's unread candidates) as each value's matches less those decided,
// and checks each value against counting the open matches themselves, on
// the rank index (segments of 1,500) with a disjunctive facet filter, for shares of open
// matches from none to all, with and without the tables of each
// document's values.
func TestOpenFacetsByRest(t *testing.T) {
	snap := rankSnapshot(t, 1500)
	plan := Plan{Must: []Node{term("body", rankWord(0), 1)}}
	req := Request{Plan: &plan, Facets: true, Filters: []Filter{{Node: term("y", "2012", 0), Facet: "y:"}}}
	r := rand.New(rand.NewPCG(11, 11))
	byRest := 0
	for _, tableMax := range []uint64{0, tallyTableMax} {
		e := New(Config{Schema: testSchema})
		e.tallyTableMax = tableMax
		for _, share := range []float64{0, 0.3, 0.5, 0.7, 0.99, 1} {
			ev := e.newEvaluation(context.Background(), snap, req)
			if err := ev.resolve(req); err != nil {
				t.Fatal(err)
			}
			for _, s := range ev.segs {
				if err := s.matchAll(ev); err != nil {
					t.Fatal(err)
				}
				// Open: a share of the matches and of the documents the
				// year facet is counted over, and some others.
				s.open = roaring.New()
				for doc := range uint32(s.seg.count()) {
					if r.Float64() < share {
						s.open.Add(doc)
					}
				}
				if err := s.countFacets(ev); err != nil {
					t.Fatal(err)
				}
				values, err := s.info.facetValues(s.seg)
				if err != nil {
					t.Fatal(err)
				}
				wantBy := make([]int, len(values))
				if err := s.tallyFacets(ev, wantBy, values, s.open); err != nil {
					t.Fatal(err)
				}
				want := byValue(values, wantBy)
				if s.match.AndCardinality(s.open)*2 >= s.match.GetCardinality() {
					byRest++
				}
				got := byValue(values, s.countsOpen)
				if s.open.IsEmpty() {
					got = map[string]int{} // none counted
				}
				if !maps.Equal(got, want) {
					t.Errorf("table max %d, %.0f%% open, segment %d: open counted %v, want %v", tableMax, share*100, s.index, got, want)
				}
				if len(want) == 0 && share > 0 {
					t.Errorf("%.0f%% open, segment %d: no value counted", share*100, s.index)
				}
			}
		}
	}
	if byRest == 0 {
		t.Error("no open matches counted by the rest")
	}
}

// TestKeptNodesForgetDeletions searches an And node of two words, keeps
// its documents with the segment, deletes documents holding both (in
// one segment, then in another) and searches again: each search counts
// the live documents of the index as Bleve's own does, and the node is
// kept with the segment while its deletions stay the same.
func TestKeptNodesForgetDeletions(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), testMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for batch := range 2 {
		b := idx.NewBatch()
		for id, d := range testDocs(uint64(batch), 300) {
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	both := And{[]Node{term("body", "alpha", 1), term("body", "beta", 1)}}
	plan := Plan{Must: []Node{both}}
	e := New(Config{Schema: testSchema})
	want := func() int {
		q := bleve.NewConjunctionQuery(bleveTerm("alpha", 1), bleveTerm("beta", 1))
		res, err := idx.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
		if err != nil {
			t.Fatal(err)
		}
		return int(res.Total)
	}
	kept := func() int {
		n := 0
		e.segs.mu.Lock()
		defer e.segs.mu.Unlock()
		for _, info := range e.segs.infos {
			info.nodeMu.Lock()
			if info.nodes[signature(both)] != nil {
				n++
			}
			info.nodeMu.Unlock()
		}
		return n
	}
	check := func(what string) {
		t.Helper()
		for range 2 {
			if got, w := search(t, e, idx, Request{Plan: &plan}).Total, want(); got != w {
				t.Errorf("%s: %d documents hold both words, want %d", what, got, w)
			}
		}
		if kept() == 0 {
			t.Errorf("%s: the node's documents kept in no segment", what)
		}
	}
	check("before deleting")
	for _, id := range []string{"s0-0001", "s0-0002", "s0-0003", "s1-0004", "s1-0005"} {
		if err := idx.Delete(id); err != nil {
			t.Fatal(err)
		}
		check("after deleting " + id)
	}
}

// byValue turns counts by value index into counts by value, those above 0.
func byValue(values []facetDocs, counts []int) map[string]int {
	out := map[string]int{}
	for i, n := range counts {
		if n > 0 {
			out[values[i].value] = n
		}
	}
	return out
}
