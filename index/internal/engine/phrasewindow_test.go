package engine

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"testing"
)

// holdsByHash is a PhraseText under which a document holds a phrase when
// the hash of its id and the phrase falls below rem of mod.
func holdsByHash(mod, rem uint32) func(p Phrase) func(id string) bool {
	return func(p Phrase) func(id string) bool {
		return func(id string) bool {
			h := fnv.New32a()
			h.Write([]byte(id + p.Typed))
			return h.Sum32()%mod < rem
		}
	}
}

// threeWords is a phrase of three of the rank index's words.
func threeWords(a, b, c int) Phrase {
	return Phrase{Words: []string{rankWord(a), rankWord(b), rankWord(c)}, Typed: fmt.Sprint(a, b, c),
		Pairs: []Term{term("body", rankWord(a), 1), term("body", rankWord(b), 1)},
	}
}

// TestOpenPhrasesRankAsExact checks that a search with phrases left open
// (a budget of two texts: the best are read in windows that grow as some
// of them turn out not to hold their phrases) finds the hits a search
// reading every candidate finds, in three segments ranked side by side,
// by blocks or whole, in one part or three, whatever share of the
// candidates holds the phrases, and searched again (the best already
// read). Under the race detector it also caught the rank phase reading
// every segment's open phrases while another segment's changed them.
func TestOpenPhrasesRankAsExact(t *testing.T) {
	snap := rankSnapshot(t, 3000)
	defer func(least uint64, parts int) { pruneMin, forceParts = least, parts }(pruneMin, forceParts)
	plans := []Plan{
		{Must: []Node{threeWords(0, 1, 2)}},
		{Must: []Node{threeWords(0, 1, 2), threeWords(1, 3, 4)}},
		{Must: []Node{threeWords(0, 2, 1)}, Should: []Node{term("body", rankWord(5), 2)}},
	}
	diffs := 0
	for _, least := range []uint64{256, 1 << 40} {
		for _, parts := range []int{1, 3} {
			pruneMin, forceParts = least, parts
			for _, frac := range [][2]uint32{{2, 1}, {10, 9}, {20, 1}, {50, 1}, {1, 0}} {
				for pi, plan := range plans {
					for _, keep := range []int{1, 7, 20, 60} {
						exactE := New(Config{Schema: testSchema, PhraseText: holdsByHash(frac[0], frac[1])})
						want, err := exactE.Search(context.Background(), snap, Request{Plan: &plan, Keep: keep})
						if err != nil {
							t.Fatal(err)
						}
						e := New(Config{Schema: testSchema, PhraseText: holdsByHash(frac[0], frac[1])})
						for round := range 3 {
							got, err := e.Search(context.Background(), snap, Request{Plan: &plan, Keep: keep, PhraseBudget: 2})
							if err != nil {
								t.Fatal(err)
							}
							if !slices.Equal(got.Hits, want.Hits) {
								diffs++
								if diffs < 10 {
									t.Errorf("prune %d parts %d frac %v plan %d keep %d round %d: got %d hits %v, want %d %v", least, parts, frac, pi, keep, round, len(got.Hits), firstHits(got.Hits), len(want.Hits), firstHits(want.Hits))
								}
							}
						}
					}
				}
			}
		}
	}
}

// firstHits are the first three hits, for messages.
func firstHits(h []Hit) []Hit { return h[:min(3, len(h))] }
