package index

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Scoring follows Bleve's TF-IDF: a term adds boost·idf²·queryNorm·√freq·norm
// to the documents it occurs in, where idf = 1 + ln(documents / (1 +
// documents holding the term)), norm = 1/√(length of the field) and
// queryNorm = 1/√Σ(boost·idf)² over the query's terms.

// weigh works out each scoring term's idf²·queryNorm from how many
// documents of the whole snapshot hold it.
func (e *evaluation) weigh() {
	var live uint64
	for _, s := range e.segs {
		live += s.seg.Count()
		if s.deleted != nil {
			live -= s.deleted.GetCardinality()
		}
	}
	boosts := map[termKey]float64{}
	var visit func(nodes ...node)
	visit = func(nodes ...node) {
		for _, n := range nodes {
			switch n := n.(type) {
			case termNode:
				if n.boost > 0 {
					boosts[termKey{n.field, n.term}] += n.boost
				}
			case prefixNode:
				if n.boost <= 0 {
					continue
				}
				for _, s := range e.segs {
					for _, t := range s.expands[n.key()] {
						boosts[termKey{n.field, t}] = max(boosts[termKey{n.field, t}], n.boost)
					}
				}
			case andNode, orNode, phraseNode:
				visit(parts(n)...)
			}
		}
	}
	visit(e.plan.must...)
	visit(e.plan.should...)
	idfs := map[termKey]float64{}
	var sumSq float64
	for _, k := range slices.SortedFunc(maps.Keys(boosts), compareTerms) {
		boost := boosts[k]
		var df uint64
		for _, s := range e.segs {
			if p := s.lists[k]; p != nil {
				df += p.list.Count()
			}
		}
		idf := 1 + math.Log(float64(live)/float64(df+1))
		idfs[k] = idf
		sumSq += (boost * idf) * (boost * idf)
	}
	queryNorm := 1.0
	if sumSq > 0 {
		queryNorm = 1 / math.Sqrt(sumSq)
	}
	e.weights = make(map[termKey]float64, len(idfs))
	for k, idf := range idfs {
		e.weights[k] = idf * idf * queryNorm
	}
}

func compareBools(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func compareTerms(a, b termKey) int {
	return cmp.Or(cmp.Compare(a.field, b.field), cmp.Compare(a.term, b.term))
}

// scores are the scores of one segment's documents, by document number.
// They are float32 and reused from search to search: a 100,000-document
// segment needs 1 MB of them, and fresh memory costs a page fault per 4 kB
// on first touch.
type scores struct {
	must    []float32 // what the must nodes score
	should  []float32 // what the should nodes score
	matched []uint16  // how many should nodes match
	nshould int
}

// reset sizes the arrays for n documents, all zero. Writing the zeros
// (instead of reading fresh memory first) also spares the kernel mapping
// its zero page and then copying it on the first write.
func (sc *scores) reset(n, nshould int) {
	if cap(sc.must) < n {
		sc.must, sc.should, sc.matched = make([]float32, n), make([]float32, n), make([]uint16, n)
	}
	sc.must, sc.should, sc.matched = sc.must[:n], sc.should[:n], sc.matched[:n]
	clear(sc.must)
	clear(sc.should)
	clear(sc.matched)
	sc.nshould = nshould
}

// of is a document's score. As in Bleve, the should nodes' score is
// scaled by the share of them that match, so that a document matching
// every optional node (exact accents, the words next to each other, in
// the title) ranks above one that matches a few of them often.
func (sc *scores) of(doc uint32) float64 {
	score := float64(sc.must[doc])
	if sc.nshould > 0 {
		score += float64(sc.should[doc]) * float64(sc.matched[doc]) / float64(sc.nshould)
	}
	return score
}

// scoreJob is one term to read, for the documents of one scope.
type scoreJob struct {
	term   termKey
	scope  string // "" for every match, else the and-nodes it is under
	should bool
}

// scope is a set of documents scoring is restricted to, both as a bitmap
// and as a dense bit set for quick lookups.
type scope struct {
	docs  *roaring.Bitmap
	dense []uint64
}

func newScope(docs *roaring.Bitmap) *scope {
	return &scope{docs: docs, dense: docs.ToDense()}
}

func (sc *scope) has(doc uint64) bool {
	i := doc >> 6
	return i < uint64(len(sc.dense)) && sc.dense[i]&(1<<(doc&63)) != 0
}

// scoreSegment works out the scores of the segment's matches. Each term is
// read once per scope however many nodes name it: "quyết tâm" typed with
// accents names x:quyết both for its own exact accents and for all the
// words' exact accents together.
func (e *evaluation) scoreSegment(s *segEval, sc *scores) error {
	sc.reset(int(s.seg.Count()), len(e.plan.should))
	jobs := map[scoreJob]float64{}
	scopes := map[string]*scope{"": newScope(s.match)}
	var plan func(n node, within string, should bool) error
	plan = func(n node, within string, should bool) error {
		switch n := n.(type) {
		case termNode:
			if n.boost > 0 {
				jobs[scoreJob{termKey{n.field, n.term}, within, should}] += n.boost
			}
		case prefixNode:
			if n.boost > 0 {
				for _, t := range s.expands[n.key()] {
					jobs[scoreJob{termKey{n.field, t}, within, should}] += n.boost
				}
			}
		case andNode:
			if !hasScoring(n) {
				return nil
			}
			if len(n.parts) > 1 {
				key := within + "&" + signature(n)
				if _, ok := scopes[key]; !ok {
					bm, err := s.bitmap(n)
					if err != nil {
						return err
					}
					scopes[key] = newScope(roaring.And(scopes[within].docs, bm))
				}
				within = key
			}
			for _, p := range n.parts {
				if err := plan(p, within, should); err != nil {
					return err
				}
			}
		case orNode:
			for _, p := range n.parts {
				if err := plan(p, within, should); err != nil {
					return err
				}
			}
		case phraseNode:
			return plan(n.pairs, within, should)
		}
		return nil
	}
	for _, n := range e.plan.must {
		if err := plan(n, "", false); err != nil {
			return err
		}
	}
	for _, n := range e.plan.should {
		if err := plan(n, "", true); err != nil {
			return err
		}
		bm, err := s.bitmap(n)
		if err != nil {
			return err
		}
		it := roaring.And(bm, s.match).Iterator()
		for it.HasNext() {
			sc.matched[it.Next()]++
		}
	}
	// In a fixed order, so that equal scores add up to equal sums on every
	// search and paging neither repeats nor skips a document.
	order := slices.SortedFunc(maps.Keys(jobs), func(a, b scoreJob) int {
		return cmp.Or(compareTerms(a.term, b.term), cmp.Compare(a.scope, b.scope), compareBools(a.should, b.should))
	})
	for _, job := range order {
		boost := jobs[job]
		acc := sc.must
		if job.should {
			acc = sc.should
		}
		if err := e.scoreTerm(s, job.term, scopes[job.scope], boost, acc); err != nil {
			return err
		}
	}
	return nil
}

// sqrtFreq holds √n for small term frequencies, and invSqrtLen 1/√n for
// short fields.
var sqrtFreq, invSqrtLen = func() (sq [64]float64, inv [4096]float64) {
	for i := range sq {
		sq[i] = math.Sqrt(float64(i))
	}
	for i := 1; i < len(inv); i++ {
		inv[i] = float64(float32(1 / math.Sqrt(float64(i))))
	}
	return sq, inv
}()

// rawNorm is a posting that gives its field's length, which zapx's do.
type rawNorm interface{ NormUint64() uint64 }

// scoreTerm adds one term's score to acc for the documents of within that
// hold it. A term held by many more documents than the scope jumps from
// one scope document to the next instead of reading every posting.
func (e *evaluation) scoreTerm(s *segEval, k termKey, within *scope, boost float64, acc []float32) error {
	p := s.lists[k]
	if p == nil {
		return nil
	}
	w := boost * e.weights[k]
	add := func(q segment.Posting) {
		tf := 0.0
		if f := q.Frequency(); f < uint64(len(sqrtFreq)) {
			tf = sqrtFreq[f]
		} else {
			tf = math.Sqrt(float64(f))
		}
		var norm float64
		if r, ok := q.(rawNorm); ok {
			if n := r.NormUint64(); n < uint64(len(invSqrtLen)) {
				norm = invSqrtLen[n]
			} else {
				norm = q.Norm()
			}
		} else {
			norm = q.Norm()
		}
		acc[q.Number()] += float32(w * tf * norm)
	}
	it := p.list.Iterator(true, true, false, nil)
	if within.docs.GetCardinality()*8 < p.list.Count() {
		docs := within.docs.Iterator()
		var q segment.Posting
		var err error
		for docs.HasNext() {
			doc := uint64(docs.Next())
			if q == nil || q.Number() < doc {
				if q, err = it.Advance(doc); err != nil {
					return fmt.Errorf("search: postings of %s:%s: %w", k.field, k.term, err)
				}
				if q == nil {
					return nil
				}
			}
			if q.Number() == doc {
				add(q)
			} else {
				docs.AdvanceIfNeeded(uint32(q.Number()))
			}
		}
		return nil
	}
	for {
		q, err := it.Next()
		if err != nil {
			return fmt.Errorf("search: postings of %s:%s: %w", k.field, k.term, err)
		}
		if q == nil {
			return nil
		}
		if within.has(q.Number()) {
			add(q)
		}
	}
}
