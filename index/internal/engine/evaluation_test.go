package engine

import (
	"math/rand/v2"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestNextWindow checks how far the best hits are read again when some
// of them turn out not to hold their phrase: a few more than are missing
// when most held, no more than asked when all are expected to hold, four
// times as many when none held, and always more than held, so that each
// round brings new candidates.
func TestNextWindow(t *testing.T) {
	for _, c := range []struct {
		name               string
		keep, held, window int
		rate               float64
		atLeast, atMost    int
	}{
		// "tổ chức thực hiện" at a million: 2 of the best 20 without it.
		{"most held", 20, 18, 20, 0.9, 21, 24},
		{"first round, the sample all held", 20, 0, 20, 1, 20, 20},
		{"first round, a twentieth of the sample without it", 20, 0, 20, 0.958, 21, 24},
		{"first round, half the sample without it", 20, 0, 20, 0.5, 40, 70},
		{"none held", 20, 0, 80, 0, 320, 320},
		{"one in eight held", 20, 10, 80, 0.125, 90, 200},
		{"one short", 1, 0, 1, 0.99, 2, 3},
		{"a sample of several phrases all but none held", 20, 0, 20, 1e-30, 21, 320},
	} {
		got := nextWindow(c.keep, c.held, c.rate, c.window)
		if got < c.atLeast || got > c.atMost || got <= c.held {
			t.Errorf("%s: nextWindow(keep %d, held %d, rate %v, window %d) = %d, want %d to %d",
				c.name, c.keep, c.held, c.rate, c.window, got, c.atLeast, c.atMost)
		}
	}
}

// TestScoresByPlace checks that scores kept by place among few matches
// add up and read back as by document number: each match's sums, and
// the count of should nodes, at its own place whatever documents lie
// between the matches.
func TestScoresByPlace(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	const n = 10_000
	for _, share := range []int{3, 50, 100} { // matches per thousand documents
		match := roaring.New()
		for doc := range uint32(n) {
			if r.IntN(1000) < share {
				match.Add(doc)
			}
		}
		match.Add(n - 1) // the last word's last bit
		var sc scores
		sc.reset(n, match.ToDense(), match.GetCardinality(), 2)
		if want := match.GetCardinality()*8 < n; sc.byPlace != want {
			t.Fatalf("%d‰: by place %v, want %v", share, sc.byPlace, want)
		}
		must, should := map[uint32]float32{}, map[uint32]float32{}
		matched := map[uint32]uint16{}
		docs := match.ToArray()
		for range 3 * len(docs) {
			doc := docs[r.IntN(len(docs))]
			x := float32(r.IntN(100)) / 8
			switch r.IntN(3) {
			case 0:
				sc.acc(false).add(uint64(doc), x)
				must[doc] += x
			case 1:
				sc.acc(true).add(uint64(doc), x)
				should[doc] += x
			default:
				sc.matched[sc.at(uint64(doc))]++
				matched[doc]++
			}
		}
		for _, doc := range docs {
			if got, want := sc.of(doc), combine(must[doc], should[doc], matched[doc], 2); got != want {
				t.Fatalf("%d‰: document %d scores %v, want %v", share, doc, got, want)
			}
		}
	}
}
