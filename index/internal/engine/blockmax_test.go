package engine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// newRankIndex makes an index of three segments of 5,000 documents whose
// words are drawn unevenly from 40, a fifth of them copies of eight texts
// (so that many scores tie and document ids decide), with documents
// deleted.
func newRankIndex(t *testing.T) bleve.Index {
	t.Helper()
	return newRankIndexOf(t, 5000)
}

// rankSnapshot is a snapshot of a rank index with segments of n
// documents, both closed when the test ends.
func rankSnapshot(t *testing.T, n int) *Snapshot {
	t.Helper()
	idx := newRankIndexOf(t, n)
	t.Cleanup(func() { idx.Close() })
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { snap.Close() })
	return snap
}

// newRankIndexOf is newRankIndex with segments of n documents.
func newRankIndexOf(t *testing.T, n int) bleve.Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := bleve.New(dir, testMapping())
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	var words []string
	for i := range 40 {
		words = append(words, rankWord(i))
	}
	text := func() string {
		var body []string
		for range 1 + r.IntN(60) {
			k := int(math.Floor(math.Pow(float64(len(words)+1), r.Float64()))) - 1
			body = append(body, words[min(k, len(words)-1)])
		}
		return strings.Join(body, " ")
	}
	var copies []string
	for range 8 {
		copies = append(copies, text())
	}
	for batch := range 3 {
		b := idx.NewBatch()
		for i := range n {
			body := text()
			if r.IntN(5) == 0 {
				body = copies[r.IntN(len(copies))]
			}
			year := 2010 + r.IntN(5)
			doc := map[string]any{"body": body, "y": fmt.Sprint(year), "t": []string{"plan", "report"}[r.IntN(2)], "date": fmt.Sprintf("%d-01-01", year)}
			if err := b.Index(fmt.Sprintf("b%d-%05d", batch, (i*7919)%n), doc); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 300 {
		if err := idx.Delete(fmt.Sprintf("b%d-%05d", i%3, i*13%n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if idx, err = bleve.OpenUsing(dir, map[string]any{"read_only": true}); err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestBlockRankingEqualsPlain ranks many plans of common words, with
// should nodes, scopes, prefixes, exclusions and unscored filters, keeping
// from 1 to 2,000 hits, by blocks and by scoring every match: the same
// documents in the same order with the same scores, the same totals and
// facets; by blocks with the terms' postings kept in memory and read from
// the index again. A block skipped that held a document of the best would
// change the list.
func TestBlockRankingEqualsPlain(t *testing.T) {
	idx := newRankIndex(t)
	defer idx.Close()
	w := func(i int, boost float64) Term { return term("body", rankWord(i), boost) }
	plans := []Plan{
		{Must: []Node{w(0, 1)}},
		{Must: []Node{w(1, 1)}},
		{Must: []Node{w(0, 1), w(1, 1)}},
		{Must: []Node{w(0, 1), w(1, 1), w(2, 1)}, Should: []Node{w(3, 4), And{[]Node{w(4, 1.5), w(5, 1.5)}}}},
		{Must: []Node{w(0, 1), Or{[]Node{w(1, 1), Prefix{Field: "body", Prefix: "wb", Boost: 0.5}}}}, Should: []Node{w(6, 4)}},
		{Must: []Node{w(0, 1)}, Should: []Node{And{[]Node{w(1, 1), w(2, 1)}}, w(0, 3), w(30, 2)}, MustNot: []Node{w(7, 1)}},
		{Must: []Node{w(0, 1), Or{[]Node{term("y", "2011", 0), term("y", "2013", 0)}}}},
		{Must: []Node{w(0, 1), w(1, 0)}},
		{Should: []Node{w(0, 1), w(2, 1)}},
		{Must: []Node{Prefix{Field: "body", Prefix: "wa", Boost: 1}}, Should: []Node{w(39, 6)}},
		// A should node that no document matches still counts in the
		// share of them each document matches.
		{Must: []Node{w(0, 1), w(1, 1)}, Should: []Node{w(2, 4), term("body", "absent", 1)}},
		// Scopes of every match (the must And's, and the should And's of
		// the same words), and a should And no document is in: its term
		// held by most documents scores none.
		{Must: []Node{And{[]Node{w(0, 1), w(1, 1)}}}, Should: []Node{And{[]Node{w(0, 3), w(1, 2)}}, w(2, 1)}},
		{Must: []Node{w(0, 1)}, Should: []Node{And{[]Node{w(1, 2), term("body", "absent", 1)}}, w(3, 2)}},
	}
	defer func(shift uint, least uint64, parts int) { blockShift, pruneMin, forceParts = shift, least, parts }(blockShift, pruneMin, forceParts)
	for _, shift := range []uint{6, 8} {
		// Each segment ranked whole, and in three parts side by side
		// (rankParts), which must keep the same best.
		for _, parts := range []int{1, 3} {
			blockShift, pruneMin, forceParts = shift, 256, parts
			e := New(Config{Schema: testSchema})
			for i, plan := range plans {
				compareRankings(t, e, idx, shift, i, plan)
			}
			if e.blocksScored.Load() == 0 {
				t.Error("no segment ranked by blocks")
			}
		}
	}
}

// TestRankParts checks in how many parts a segment is ranked: alone in
// its snapshot, in as many as there are processors (at most four), none
// smaller than partMin; beside a segment as large, in its share of them.
func TestRankParts(t *testing.T) {
	idx := newRankIndex(t)
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	defer func(least uint64, procs int) { partMin = least; runtime.GOMAXPROCS(procs) }(partMin, runtime.GOMAXPROCS(0))
	e := New(Config{Schema: testSchema})
	ev := e.newEvaluation(context.Background(), snap, Request{Plan: &Plan{}})
	s := ev.segs[0]
	n := s.seg.count()
	for _, c := range []struct {
		procs  int
		others uint64 // the documents of the snapshot's other segments
		least  uint64
		parts  int
	}{
		{procs: 2, others: 0, least: 1, parts: 2},
		{procs: 8, others: 0, least: 1, parts: 4},
		{procs: 8, others: 0, least: n / 3, parts: 3},
		{procs: 2, others: 0, least: n + 1, parts: 1},
		{procs: 1, others: 0, least: 1, parts: 1},
		{procs: 2, others: n / 10, least: 1, parts: 2}, // a small segment beside it
		{procs: 4, others: 2 * n, least: 1, parts: 1},  // three segments of a third each
		{procs: 2, others: n, least: 1, parts: 1},
	} {
		runtime.GOMAXPROCS(c.procs)
		partMin = c.least
		ev.docs = n + c.others
		if got := ev.rankParts(s); got != c.parts {
			t.Errorf("%d processors, %d documents beside, parts of %d documents at least: %d parts, want %d", c.procs, c.others, c.least, got, c.parts)
		}
	}
}

func compareRankings(t *testing.T, e *Engine, idx bleve.Index, shift uint, i int, plan Plan) {
	t.Helper()
	for _, keep := range []int{1, 3, 10, 25, 100, 2000} {
		req := Request{Plan: &plan, Keep: keep, Facets: true}
		e.SetPlainRanking(true)
		want := fmt.Sprint(search(t, e, idx, req))
		e.SetPlainRanking(false)
		blocks := e.blocksScored.Load()
		kept := fmt.Sprint(search(t, e, idx, req))
		scored := e.blocksScored.Load() - blocks
		if i == 0 && keep == 10 && shift == 6 && forceParts <= 1 && scored > 60 {
			t.Errorf("plan 0, 10 kept: %d blocks of 64 scored of 237", scored)
		}
		t.Logf("blocks of %d, plan %d, %d kept: %d blocks scored", 1<<shift, i, keep, scored)
		e.segs.forgetKept(math.MaxUint64)
		read := fmt.Sprint(search(t, e, idx, req))
		if kept != want || read != want {
			t.Errorf("blocks of %d, plan %d, %d kept:\nevery match: %s\nby blocks:   %s\nread again:  %s", 1<<shift, i, keep, want, kept, read)
		}
	}
}

// rankWord is the i-th word of newRankIndex: "waa", "wab", …
func rankWord(i int) string { return string([]byte{'w', byte('a' + i/26), byte('a' + i%26)}) }

// TestBlockOrder checks that blocks handed out as far as asked for come
// in the order a whole sort gives, equal bounds by number, also past the
// blocks put in the heap at first (more than 4·heapMin blocks); and that
// none is taken from the heap past one not worth scoring, while those
// after it still come in order when asked for again.
func TestBlockOrder(t *testing.T) {
	every := func(float64) bool { return true }
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{0, 1, 2, 7, 64, 1000, 5 * heapMin, 20 * heapMin} {
		for _, spread := range []int{20, 1 << 30} {
			var all []block
			for i := range n {
				all = append(all, block{uint32(i), float32(r.IntN(spread))})
			}
			want := slices.Clone(all)
			slices.SortFunc(want, func(a, b block) int { return cmp.Or(cmp.Compare(b.bound, a.bound), cmp.Compare(a.n, b.n)) })
			r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
			var o blockOrder
			o.init(all)
			if n > 4*heapMin && spread > n && (len(o.spill) == 0 || len(o.rest) < heapMin/2) {
				t.Errorf("%d blocks: %d in the heap, %d waiting", n, len(o.rest), len(o.spill))
			}
			if n > 0 {
				// Worth scoring: the bounds of the first third.
				cut := want[n/3].bound
				above := 0
				for _, b := range want {
					if b.bound >= cut {
						above++
					}
				}
				got := o.first(n, func(bound float64) bool { return bound >= float64(cut) })
				if !slices.Equal(got, want[:above]) || len(o.sorted) != above || o.len() != n {
					t.Fatalf("%d blocks, worth from %v: %d handed out (%d taken), want %d", n, cut, len(got), len(o.sorted), above)
				}
			}
			for _, k := range []int{1, 3, 2, 10, heapMin, n / 2, n + 5} {
				if got := o.first(k, every); !slices.Equal(got, want[:min(k, n)]) || o.len() != n {
					t.Fatalf("%d blocks, first %d: %v, want %v", n, k, got[:min(len(got), 20)], want[:min(k, n, 20)])
				}
			}
		}
	}
}
