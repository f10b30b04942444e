package engine

import (
	"context"
	"slices"
	"testing"
)

// TestImpliedScopesScoreAsWorkedOut checks that a must node's scope
// taken as the match's own (planScoring's implied: every match holds a
// must phrase, its pairs, and the parts of a must And) scores every hit
// as the scope worked out from the node's documents does: the same plans
// with each must node under an Or of one part, where nothing is implied.
func TestImpliedScopesScoreAsWorkedOut(t *testing.T) {
	snap := rankSnapshot(t, 3000)
	musts := [][]Node{
		{threeWords(0, 1, 2)},
		{And{Parts: []Node{threeWords(0, 1, 2), term("body", rankWord(1), 1), term("body", rankWord(2), 1)}}},
		{threeWords(0, 2, 1), And{Parts: []Node{term("body", rankWord(3), 1), term("body", rankWord(4), 1)}}},
	}
	for mi, must := range musts {
		for _, should := range [][]Node{nil, {term("body", rankWord(5), 2)}} {
			var wrapped []Node
			for _, n := range must {
				wrapped = append(wrapped, Or{Parts: []Node{n}})
			}
			implied, worked := Plan{Must: must, Should: should}, Plan{Must: wrapped, Should: should}
			for _, keep := range []int{5, 60} {
				e := New(Config{Schema: testSchema, PhraseText: holdsByHash(10, 7)})
				want, err := e.Search(context.Background(), snap, Request{Plan: &worked, Keep: keep})
				if err != nil {
					t.Fatal(err)
				}
				got, err := e.Search(context.Background(), snap, Request{Plan: &implied, Keep: keep})
				if err != nil {
					t.Fatal(err)
				}
				if len(want.Hits) == 0 {
					t.Fatalf("plan %d: no hits", mi)
				}
				if !slices.Equal(got.Hits, want.Hits) || got.Total != want.Total {
					t.Errorf("plan %d should %d keep %d: %d of %d hits %v, worked out %d of %d %v", mi, len(should), keep, len(got.Hits), got.Total, firstHits(got.Hits), len(want.Hits), want.Total, firstHits(want.Hits))
				}
			}
		}
	}
}
