package engine

import "testing"

// TestDocFreqsUpTo: a count at most the limit is exact, as DocFreqs gives
// it; a larger one is some number above the limit.
func TestDocFreqsUpTo(t *testing.T) {
	idx, _ := newTestIndex(t, t.TempDir())
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if len(snap.segs) < 2 {
		t.Fatalf("%d segments: the test needs several", len(snap.segs))
	}
	terms := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "nosuch"}
	want, err := snap.DocFreqs("body", terms)
	if err != nil {
		t.Fatal(err)
	}
	above := 0
	for _, limit := range []uint64{0, 5, 40, 100, 200, 1000} {
		got, err := snap.DocFreqsUpTo("body", terms, limit)
		if err != nil {
			t.Fatal(err)
		}
		for j, term := range terms {
			switch {
			case want[j] <= limit && got[j] != want[j]:
				t.Errorf("limit %d, %s: %d, want %d", limit, term, got[j], want[j])
			case want[j] > limit && (got[j] <= limit || got[j] > want[j]):
				t.Errorf("limit %d, %s: %d, want above the limit, at most %d", limit, term, got[j], want[j])
			case want[j] > limit && got[j] < want[j]:
				above++ // a segment was left unread
			}
		}
	}
	if above == 0 {
		t.Error("no count stopped at its limit: the test proves nothing")
	}
}
