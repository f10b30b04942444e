package index

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// The query engine. Bleve keeps the index (scorch segments of postings
// lists, built and merged by Bleve); queries are evaluated here instead of
// through Bleve's searchers, which advance one document at a time through
// a tree of iterators and cost 30–70 ms on a query that matches most of a
// 100,000-document archive. Here, per segment:
//
//   - which documents match is worked out with roaring bitmap operations on
//     the postings lists of the query's terms;
//   - facets are counted by intersecting the matches with each facet
//     value's postings (see segInfo);
//   - for relevance, only the terms that score are read with their
//     frequencies and norms, one term at a time, adding into an array
//     indexed by document; for newest and oldest nothing is scored.
//
// The scores are Bleve's TF-IDF: each term adds
// boost·idf²·queryNorm·√freq·norm for the documents it occurs in.

// node is one part of a query.
type node interface{ isNode() }

// termNode matches the documents holding a term; boost 0 means it only
// filters and adds nothing to scores.
type termNode struct {
	field, term string
	boost       float64
}

// prefixNode matches the documents holding any term that starts with
// prefix.
type prefixNode struct {
	field, prefix string
	boost         float64
	// words, when set, keeps only the terms whose syllables start with
	// these (folded): a number typed "16/KH" is "16/kh" and
	// "16/kh-ubnd", not "16/khac".
	words []string
}

// key names the terms the node stands for, in segEval.expands.
func (n prefixNode) key() termKey {
	if n.words == nil {
		return termKey{n.field, n.prefix}
	}
	return termKey{n.field, n.prefix + "\x00" + strings.Join(n.words, " ")}
}

// andNode matches the documents every part matches, and scores only
// there.
type andNode struct{ parts []node }

// orNode matches the documents any part matches.
type orNode struct{ parts []node }

// fallbackNode matches what first matches when first matches some live
// document of the snapshot, else what second matches.
type fallbackNode struct{ first, second node }

func (fallbackNode) isNode() {}

// allNode matches every document; noneNode none.
type (
	allNode  struct{}
	noneNode struct{}
)

func (termNode) isNode()   {}
func (prefixNode) isNode() {}
func (andNode) isNode()    {}
func (orNode) isNode()     {}
func (allNode) isNode()    {}
func (noneNode) isNode()   {}

// plan is a whole query: documents must match every must node and no
// mustNot node; should nodes only add to the score of the documents they
// match.
type plan struct {
	must, should, mustNot []node
	// collapse lists each twin group once (twins.go).
	collapse bool
}

// hasScoring tells whether any term under the nodes adds to scores.
func hasScoring(nodes ...node) bool {
	for _, n := range nodes {
		switch n := n.(type) {
		case termNode:
			if n.boost > 0 {
				return true
			}
		case prefixNode:
			if n.boost > 0 {
				return true
			}
		case andNode, orNode, phraseNode:
			if hasScoring(parts(n)...) {
				return true
			}
		}
	}
	return false
}

// evaluation is one query over one index snapshot.
type evaluation struct {
	ctx     context.Context
	store   *store // to read texts, for phrases
	plan    *plan
	order   Sort // relevance only when some term scores
	scored  bool
	keep    int
	facets  bool
	segs    []*segEval
	weights map[termKey]float64 // idf² × queryNorm of each scoring term
	scratch *sync.Pool          // of *scores

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

// outcome is what an evaluation found.
type outcome struct {
	total  int
	hits   []foundDoc     // best first
	counts map[string]int // facet value ("y:2014") → documents
}

// foundDoc is a hit with its document id.
type foundDoc struct {
	id    string
	score float64
}

// evaluate runs p over the snapshot reader, keeping the best keep hits in
// sort order and counting facet values when facets is set. Segments are
// shared among as many workers as there are processors, up to four.
func (a *Archive) evaluate(ctx context.Context, reader bindex.IndexReader, p *plan, sort Sort, keep int, facets bool) (out *outcome, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: %v: %w", r, ErrDamaged)
		}
	}()
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("search: index of type %T: %w", reader, ErrDamaged)
	}
	if sort != Newest && sort != Oldest {
		sort = ByRelevance
	}
	e := &evaluation{ctx: ctx, store: a.store, plan: p, order: sort, keep: keep, facets: facets, scratch: &a.scratch}
	// Without words to score, relevance lists the newest first.
	e.scored = sort == ByRelevance && (hasScoring(p.must...) || hasScoring(p.should...))
	if sort == ByRelevance && !e.scored {
		e.order = Newest
	}
	for i, ss := range snap.Segments() {
		seg := ss.Segment()
		e.segs = append(e.segs, &segEval{
			index:   i,
			seg:     seg,
			info:    a.segs.get(seg),
			deleted: ss.Deleted(),
			dicts:   map[string]segment.TermDictionary{},
			lists:   map[termKey]*postings{},
			expands: map[termKey][]string{},
			nodes:   map[string]*roaring.Bitmap{},
		})
	}
	a.segs.keepOnly(e.segs)
	if e.plan, err = e.resolve(p); err != nil {
		return nil, err
	}

	// First which documents match (each twin group once, when asked: that
	// needs every segment's matches) and the facets, then, knowing how many
	// documents hold each term, the scores and the best hits.
	if p.collapse {
		matchOnly := func(s *segEval, e *evaluation) error { return s.matchAll(e) }
		if err := e.eachSegment(ctx, matchOnly); err != nil {
			return nil, err
		}
		if err := e.collapseTwins(); err != nil {
			return nil, err
		}
	}
	if err := e.eachSegment(ctx, (*segEval).matchPhase); err != nil {
		return nil, err
	}
	if e.scored {
		e.weigh()
	}
	if err := e.eachSegment(ctx, (*segEval).rankPhase); err != nil {
		return nil, err
	}

	out = &outcome{counts: map[string]int{}}
	h := &hitHeap{less: e.ranksBelow()}
	for _, s := range e.segs {
		out.total += int(s.match.GetCardinality())
		for v, n := range s.counts {
			out.counts[v] += n
		}
		for _, f := range s.best {
			h.offer(f, keep)
		}
	}
	best := h.sorted()
	out.hits = make([]foundDoc, len(best))
	for i, f := range best {
		id, err := e.idOf(f)
		if err != nil {
			return nil, err
		}
		out.hits[i] = foundDoc{id: id, score: f.score}
	}
	return out, nil
}

// resolve returns the plan with each fallback node replaced by the node
// it stands for on this snapshot.
func (e *evaluation) resolve(p *plan) (*plan, error) {
	var err error
	var walk func(nodes []node) []node
	walk = func(nodes []node) []node {
		out := make([]node, len(nodes))
		for i, n := range nodes {
			switch n := n.(type) {
			case fallbackNode:
				out[i] = n.second
				for _, s := range e.segs {
					bm, berr := s.bitmap(n.first)
					if berr != nil {
						err = berr
					}
					if berr == nil && (s.deleted == nil && !bm.IsEmpty() || s.deleted != nil && !roaring.AndNot(bm, s.deleted).IsEmpty()) {
						out[i] = n.first
						break
					}
				}
			case andNode:
				out[i] = andNode{walk(n.parts)}
			case orNode:
				out[i] = orNode{walk(n.parts)}
			default:
				out[i] = n
			}
		}
		return out
	}
	q := &plan{must: walk(p.must), should: walk(p.should), mustNot: walk(p.mustNot), collapse: p.collapse}
	return q, err
}

// eachSegment runs a phase on every segment, the largest first, on up to
// four workers, and returns the first error.
func (e *evaluation) eachSegment(ctx context.Context, phase func(*segEval, *evaluation) error) error {
	order := slices.Clone(e.segs)
	slices.SortFunc(order, func(a, b *segEval) int { return cmp.Compare(b.seg.Count(), a.seg.Count()) })
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
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("search: %v: %w", r, ErrDamaged)
					}
				}()
				for s := range next {
					if err := ctx.Err(); err != nil {
						return err
					}
					if err := phase(s, e); err != nil {
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
func (s *segEval) matchPhase(e *evaluation) error {
	if s.match == nil {
		if err := s.matchAll(e); err != nil {
			return err
		}
	}
	if e.facets {
		if err := s.countFacets(); err != nil {
			return err
		}
	}
	if e.scored {
		// Load the postings of every scoring term, for weigh.
		if err := s.loadScoring(e.plan.must...); err != nil {
			return err
		}
		return s.loadScoring(e.plan.should...)
	}
	return nil
}

// rankPhase keeps the segment's best matches.
func (s *segEval) rankPhase(e *evaluation) error {
	if e.keep <= 0 || s.match.IsEmpty() {
		return nil
	}
	var dates []uint32
	if e.order != ByRelevance {
		var err error
		if dates, err = s.info.dates(s.seg); err != nil {
			return err
		}
	}
	var sc *scores
	if e.scored {
		sc = e.scratch.Get().(*scores)
		defer e.scratch.Put(sc)
		if err := e.scoreSegment(s, sc); err != nil {
			return err
		}
	}
	h := &hitHeap{less: e.ranksBelow()}
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
		h.offer(cand, e.keep)
	}
	s.best = h.hits
	return nil
}
