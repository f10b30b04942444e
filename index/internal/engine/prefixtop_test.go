package engine

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
)

// TestPrefixTopScoresItsMostFrequentTerms checks what a Prefix with Top
// gives against scoring every term it stands for: the same total and
// facets, every match still matching; and the hits, scores included,
// that the plan gives with the prefix's Top most frequent terms scoring
// and the others matching only (the definition), by blocks and scoring
// every match. A prefix of no more terms than Top ranks as it did. Run
// with every term's postings kept and read again.
func TestPrefixTopScoresItsMostFrequentTerms(t *testing.T) {
	idx := newRankIndexOf(t, 1500)
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	// The prefix "wa" stands for waa…waz, drawn unevenly: waa most often.
	var terms []string
	for i := range 26 {
		terms = append(terms, rankWord(i))
	}
	dfs, err := snap.DocFreqs("body", terms)
	snap.Close()
	if err != nil {
		t.Fatal(err)
	}
	byFreq := slices.Clone(terms)
	slices.SortFunc(byFreq, func(a, b string) int {
		return cmp.Or(cmp.Compare(dfs[slices.Index(terms, b)], dfs[slices.Index(terms, a)]), cmp.Compare(a, b))
	})
	w := func(i int, boost float64) Term { return term("body", rankWord(i), boost) }
	defer func(shift uint, least uint64) { blockShift, pruneMin = shift, least }(blockShift, pruneMin)
	blockShift, pruneMin = 6, 256
	e := New(Config{Schema: testSchema})
	for _, top := range []int{1, 3} {
		prefix := Prefix{Field: "body", Prefix: "wa", Boost: 4}
		// As a word being typed after another: a word typed whole, or one
		// of the completions, ranked. (The word is not one of them: a
		// term named twice adds up its boosts, a prefix's term takes the
		// largest, and the definition below would weigh it otherwise.)
		typed := func(p Prefix) Plan {
			return Plan{Must: []Node{w(27, 1), Or{[]Node{w(30, 1), p}}}, Should: []Node{w(28, 3), And{[]Node{w(29, 1.5), w(27, 1.5)}}}}
		}
		withTop := prefix
		withTop.Top = top
		// The definition: the top terms score, the prefix only matches.
		scoring := []Node{Prefix{Field: "body", Prefix: "wa"}}
		for _, t := range byFreq[:top] {
			scoring = append(scoring, term("body", t, 4))
		}
		defined := typed(Prefix{})
		defined.Must[1] = Or{[]Node{w(30, 1), Or{scoring}}}
		for _, keep := range []int{1, 25, 200} {
			for _, plain := range []bool{true, false} {
				e.SetPlainRanking(plain)
				every := search(t, e, idx, Request{Plan: ptr(typed(prefix)), Keep: keep, Facets: true})
				got := search(t, e, idx, Request{Plan: ptr(typed(withTop)), Keep: keep, Facets: true})
				want := search(t, e, idx, Request{Plan: &defined, Keep: keep, Facets: true})
				e.segs.forgetKept(math.MaxUint64)
				again := search(t, e, idx, Request{Plan: ptr(typed(withTop)), Keep: keep, Facets: true})
				if got.Total != every.Total || !reflect.DeepEqual(got.Facets, every.Facets) {
					t.Errorf("top %d, %d kept, plain %v: total %d, facets %v; every term scoring: %d, %v", top, keep, plain, got.Total, got.Facets, every.Total, every.Facets)
				}
				if g, w, a := fmt.Sprint(got.Hits), fmt.Sprint(want.Hits), fmt.Sprint(again.Hits); g != w || a != w {
					t.Errorf("top %d, %d kept, plain %v:\ngot        %.300s\nread again %.300s\ndefined    %.300s", top, keep, plain, g, a, w)
				}
				if g, x := fmt.Sprint(got.Hits), fmt.Sprint(every.Hits); g == x && keep >= 25 {
					t.Errorf("top %d, %d kept: the same hits as every term scoring (the test shows nothing)", top, keep)
				}
			}
		}
	}
	if e.blocksScored.Load() == 0 {
		t.Error("no segment ranked by blocks")
	}
	// A prefix of fewer terms than Top: what every term scoring gives.
	few := Plan{Must: []Node{w(27, 1), Prefix{Field: "body", Prefix: "wab", Boost: 0.5, Top: 3}}}
	all := Plan{Must: []Node{w(27, 1), Prefix{Field: "body", Prefix: "wab", Boost: 0.5}}}
	e.SetPlainRanking(false)
	got, want := search(t, e, idx, Request{Plan: &few, Keep: 25, Facets: true}), search(t, e, idx, Request{Plan: &all, Keep: 25, Facets: true})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("one term, Top 3:\n%v\nevery term: %v", got, want)
	}
}

func ptr(p Plan) *Plan { return &p }
