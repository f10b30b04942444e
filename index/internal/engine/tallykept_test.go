package engine

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
)

// TestKeptTallies counts, in each segment of the rank index (segments of
// 1,500), sets of documents near a set counted before (some of its
// documents gone, some others added, under and over half the segment):
// each is counted from the kept tally (facetByKept), and every value's
// count is the one intersecting the value's documents gives. A set far
// from every kept one is counted directly.
func TestKeptTallies(t *testing.T) {
	snap := rankSnapshot(t, 1500)
	e := New(Config{Schema: testSchema})
	e.tallyKeptMin = 1
	plan := Plan{Must: []Node{term("body", rankWord(0), 1)}}
	req := Request{Plan: &plan, Facets: true}
	ev := e.newEvaluation(context.Background(), snap, req)
	if err := ev.resolve(req); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 5))
	random := func(n uint64, share float64) *roaring.Bitmap {
		bm := roaring.New()
		for doc := range uint32(n) {
			if r.Float64() < share {
				bm.Add(doc)
			}
		}
		return bm
	}
	for _, s := range ev.segs {
		values, err := s.info.facetValues(s.seg)
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string, docs *roaring.Bitmap, way int) {
			t.Helper()
			got, gotWay, err := s.tallyValues(docs, len(values), ev)
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]int{}
			have := map[string]int{}
			for i, v := range values {
				want[v.value] = int(docs.AndCardinality(v.docs))
				have[v.value] = int(got[i])
			}
			if !maps.Equal(have, want) {
				t.Errorf("segment %d, %s: counted %v, want %v", s.index, what, have, want)
			}
			if gotWay != way {
				t.Errorf("segment %d, %s: counted way %d, want %d", s.index, what, gotWay, way)
			}
		}
		n := s.seg.count()
		for _, share := range []float64{0.2, 0.7} {
			first := random(n, share)
			way := facetByDoc
			if share > 0.5 {
				way = facetByRest
			}
			check(fmt.Sprintf("%.0f%% first", share*100), first, way)
			near := first.Clone()
			near.AndNot(random(n, 0.02))
			near.Or(random(n, 0.02))
			check(fmt.Sprintf("%.0f%% near", share*100), near, facetByKept)
			check(fmt.Sprintf("%.0f%% again", share*100), near, facetByKept)
			gone := first.Clone()
			gone.RemoveRange(0, n/10)
			check(fmt.Sprintf("%.0f%% less a tenth", share*100), gone, facetByKept)
		}
		far := roaring.Flip(random(n, 0.2), 0, n)
		far.AndNot(random(n, 0.3))
		check("far", far, facetByRest)
	}
}

// TestKeptTalliesSearch searches a word with facets, deletes documents of
// it and searches again: the second search counts its facets from the
// first's kept tallies, and gives the facets and total a new engine
// counting directly gives.
func TestKeptTalliesSearch(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), testMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	for batch := range 2 {
		b := idx.NewBatch()
		for id, d := range testDocs(uint64(batch), 1000) {
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	plan := Plan{Must: []Node{term("body", "alpha", 1)}}
	req := Request{Plan: &plan, Facets: true, Keep: 10, Filters: []Filter{{Node: Or{[]Node{term("y", "2011", 0), term("y", "2012", 0), term("y", "2013", 0)}}, Facet: "y:"}}}
	e := New(Config{Schema: testSchema})
	e.tallyKeptMin = 1
	search(t, e, idx, req)
	for _, id := range []string{"s0-0001", "s0-0002", "s0-0003", "s1-0004", "s1-0005"} {
		if err := idx.Delete(id); err != nil {
			t.Fatal(err)
		}
	}
	before := e.facetWays[facetByKept].Load()
	res := search(t, e, idx, req)
	if e.facetWays[facetByKept].Load() == before {
		t.Error("no facets counted from a kept tally")
	}
	want := search(t, New(Config{Schema: testSchema}), idx, req)
	if res.Total != want.Total || !maps.Equal(res.Facets, want.Facets) {
		t.Errorf("total %d, facets %v; counted directly: %d, %v", res.Total, res.Facets, want.Total, want.Facets)
	}
	if len(want.Facets) < 6 {
		t.Errorf("facets %v: the test wants several values", want.Facets)
	}
}
