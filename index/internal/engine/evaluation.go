package engine

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
)

// evaluation is one plan over one snapshot.
type evaluation struct {
	ctx     context.Context
	eng     *Engine
	plan    *Plan
	order   Order // Relevance only when some term scores
	scored  bool
	keep    int
	facets  bool
	filters []Filter // Request.Filters, resolved
	count   []Node   // Request.Count, resolved
	segs    []*segEval
	weights map[termKey]float64 // idf² × queryNorm of each scoring term
	tops    map[topKey][]string // the terms that score of each Prefix with Top (weigh)
	budget  int                 // Request.PhraseBudget
	search  uint64              // which search this is (segCache.searches)
	docs    uint64              // the snapshot's documents, deleted ones included
	// share is sampleShare once every segment's matches are known, for
	// the rank phase (firstWindow), which reading it segment by segment
	// would race with the others' verifyOpen.
	share float64

	// floorBits is the float64 bits of the worst of the best hits of a
	// segment whose best hits are full, 0 before (blockmax.go).
	floorBits atomic.Uint64

	idMu sync.Mutex
	ids  map[[2]uint32]string // ids read for ties, by segment and document
}

// found is a matching document kept among the best.
type found struct {
	seg   int
	doc   uint32
	score float64
	date  uint32
}

func (e *Engine) newEvaluation(ctx context.Context, snap *Snapshot, req Request) *evaluation {
	order := req.Order
	if order != Newest && order != Oldest {
		order = Relevance
	}
	p := req.Plan
	ev := &evaluation{ctx: ctx, eng: e, plan: p, order: order, keep: req.Keep, facets: req.Facets, budget: req.PhraseBudget,
		search: e.segs.searches.Add(1)}
	// Without words to score, relevance lists the newest first.
	ev.scored = order == Relevance && (hasScoring(p.Must...) || hasScoring(p.Should...))
	if order == Relevance && !ev.scored {
		ev.order = Newest
	}
	for i, g := range snap.segs {
		ev.docs += g.count()
		ev.segs = append(ev.segs, &segEval{
			index:   i,
			seg:     g,
			info:    e.segs.get(g),
			deleted: g.deleted,
			dicts:   map[string]dict{},
			lists:   map[termKey]*postings{},
			expands: map[termKey][]string{},
			nodes:   map[string]*roaring.Bitmap{},
		})
	}
	e.segs.keepOnly(snap.segs)
	return ev
}

// resolve takes the request's plan, filters and counted nodes with each
// Fallback node replaced by the node it stands for on this snapshot.
func (ev *evaluation) resolve(req Request) error {
	var err error
	var walk func(nodes []Node) []Node
	walk = func(nodes []Node) []Node {
		out := make([]Node, len(nodes))
		for i, n := range nodes {
			switch n := n.(type) {
			case Fallback:
				out[i] = n.Second
				if ev.live(n.First, &err) {
					out[i] = n.First
				}
			case Phrase:
				var kept []Spelling
				for _, sp := range n.Spelt {
					if ev.live(sp.Exact, &err) {
						kept = append(kept, sp)
					}
				}
				n.Spelt = kept
				out[i] = n
			case And:
				out[i] = And{walk(n.Parts)}
			case Or:
				out[i] = Or{walk(n.Parts)}
			default:
				out[i] = n
			}
		}
		return out
	}
	p := req.Plan
	ev.plan = &Plan{Must: walk(p.Must), Should: walk(p.Should), MustNot: walk(p.MustNot), Collapse: p.Collapse}
	ev.filters = make([]Filter, len(req.Filters))
	for i, f := range req.Filters {
		ev.filters[i] = Filter{Node: walk([]Node{f.Node})[0], Facet: f.Facet}
	}
	ev.count = walk(req.Count)
	return err
}

// live tells whether n matches some live document of the snapshot; an
// error reading a segment is kept in *err.
func (ev *evaluation) live(n Node, err *error) bool {
	for _, s := range ev.segs {
		bm, berr := s.bitmap(n)
		if berr != nil {
			*err = berr
			continue
		}
		if s.deleted == nil && !bm.IsEmpty() || s.deleted != nil && !roaring.AndNot(bm, s.deleted).IsEmpty() {
			return true
		}
	}
	return false
}

// disjunctive lists the facets counted apart: those some filter names,
// each once.
func (ev *evaluation) disjunctive() []string {
	var out []string
	for _, f := range ev.filters {
		if f.Facet != "" && !slices.Contains(out, f.Facet) {
			out = append(out, f.Facet)
		}
	}
	return out
}

// apartCount is how many facets are counted apart.
func (ev *evaluation) apartCount() int {
	if !ev.facets {
		return 0
	}
	return len(ev.disjunctive())
}

// eachSegment runs a phase on every segment, the largest first, on up to
// four workers, and returns the first error.
func (ev *evaluation) eachSegment(ctx context.Context, phase func(*segEval, *evaluation) error) error {
	order := slices.Clone(ev.segs)
	slices.SortFunc(order, func(a, b *segEval) int { return cmp.Compare(b.seg.count(), a.seg.count()) })
	next := make(chan *segEval, len(order))
	for _, s := range order {
		next <- s
	}
	close(next)
	workers := min(runtime.GOMAXPROCS(0), 4, len(order))
	errs := make(chan error, workers)
	for range workers {
		go func() {
			errs <- func() (err error) {
				defer recoverDamage(&err)
				for s := range next {
					if err := ctx.Err(); err != nil {
						return err
					}
					if err := phase(s, ev); err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	var first error
	for range workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// matchPhase works out the segment's matches and counts their facet
// values.
func (s *segEval) matchPhase(ev *evaluation) error {
	if s.match == nil {
		if err := s.matchAll(ev); err != nil {
			return err
		}
	}
	if err := s.sampleOpen(ev); err != nil {
		return err
	}
	if ev.facets {
		if err := s.countFacets(ev); err != nil {
			return err
		}
	}
	if ev.scored {
		// Load the postings of every scoring term, for weigh.
		if err := s.loadScoring(ev.plan.Must...); err != nil {
			return err
		}
		return s.loadScoring(ev.plan.Should...)
	}
	return nil
}

// rankPhase keeps the segment's best matches.
func (s *segEval) rankPhase(ev *evaluation) error {
	if ev.keep <= 0 || s.match.IsEmpty() {
		return nil
	}
	var dates []uint32
	if ev.order != Relevance {
		var err error
		if dates, err = s.info.dates(s.seg); err != nil {
			return err
		}
	}
	var blocks *blockRanker
	var sc *scores
	switch {
	case ev.prunes(s):
		var err error
		if blocks, err = ev.newBlockRanker(s); err != nil {
			return err
		}
	case ev.scored:
		sc = ev.eng.scratch.Get().(*scores)
		defer ev.eng.scratch.Put(sc)
		if err := ev.scoreSegment(s, sc); err != nil {
			return err
		}
	}
	// The best matches, read until none of them is a match whose phrase
	// is unread (decidePhrases): a window of the best that grows until it
	// holds enough that hold their phrases (nextWindow).
	window := ev.firstWindow(s)
	failedAll := 0 // the documents read so far that did not hold them
	for {
		h := &hitHeap{less: ev.ranksBelow()}
		if blocks != nil {
			if err := blocks.rank(h, window); err != nil {
				return err
			}
		} else {
			it := s.match.Iterator()
			for it.HasNext() {
				doc := it.Next()
				cand := found{seg: s.index, doc: doc}
				if sc != nil {
					cand.score = sc.of(doc)
				}
				if dates != nil {
					cand.date = dates[doc]
				}
				h.offer(cand, window)
			}
		}
		if s.open == nil {
			s.best = h.hits
			break
		}
		best := roaring.New()
		for _, f := range h.hits {
			best.Add(f.doc)
		}
		failed, err := s.verifyOpen(ev, best)
		if err != nil {
			return err
		}
		for _, p := range s.openPhrases {
			s.info.phraseBestRead(signature(p.phrase))
		}
		held := len(h.hits) - int(failed.GetCardinality())
		if held >= ev.keep || len(h.hits) < window {
			top := &hitHeap{less: h.less}
			for _, f := range h.hits {
				if !failed.Contains(f.doc) {
					top.offer(f, ev.keep)
				}
			}
			s.best = top.hits
			break
		}
		failedAll += int(failed.GetCardinality())
		window = nextWindow(ev.keep, held, float64(held)/float64(held+failedAll), window)
	}
	return nil
}

// firstWindow is the window of rankPhase's first round: the best keep,
// and, when a phrase left open in the segment has not had the best of its
// candidates read by an earlier search's ranking (phraseDocs.bestRead),
// as many more as its sample says will not hold it (nextWindow, at the
// share ev.share). The best of a phrase an earlier search read (the same
// words typed on, a page turned) hold it or have left the match: a wider
// window would only score more blocks, a fifth more for a common phrase
// at a million documents.
func (ev *evaluation) firstWindow(s *segEval) int {
	if s.open == nil {
		return ev.keep
	}
	for _, p := range s.openPhrases {
		if s.info.phraseKnown(signature(p.phrase)).bestRead {
			return ev.keep
		}
	}
	return nextWindow(ev.keep, 0, ev.share, ev.keep)
}

// nextWindow is the window of rankPhase's next round, when held of the
// best hits hold their phrases and the share of the candidates read that
// held them is rate (the first round: none held, and the share of a
// sample, sampleOpen). Those that did not hold them have left the match,
// so the next round's best are the held ones again and new candidates:
// as many as are needed, and half as many again as are expected not to
// hold them, and one; four times the window when none held. Grown four
// times whatever the share, a common phrase of a million documents ("tổ
// chức thực hiện", 2 of its best 20 without it) ranked its best 80 next:
// 17,400 blocks scored after the first 6,800, where 22 or 23 score about
// as many as 20.
func nextWindow(keep, held int, rate float64, window int) int {
	if rate >= 1 {
		return max(window, keep)
	}
	if rate <= 0 {
		return 4 * window
	}
	need := float64(keep - held)
	fail := need * (1 - rate) / rate
	most := 16 * max(window, keep)
	return held + 1 + int(min(need+math.Ceil(1.5*fail), float64(most-held-1)))
}
