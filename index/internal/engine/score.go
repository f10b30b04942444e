package engine

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/bits"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// Scoring follows Bleve's TF-IDF: a term adds boost·idf²·queryNorm·√freq·norm
// to the documents it occurs in, where idf = 1 + ln(documents / (1 +
// documents holding the term)), norm = 1/√(length of the field) and
// queryNorm = 1/√Σ(boost·idf)² over the query's terms.

// weigh works out each scoring term's idf²·queryNorm from how many
// documents of the whole snapshot hold it.
func (ev *evaluation) weigh() {
	var live uint64
	for _, s := range ev.segs {
		live += s.seg.count()
		if s.deleted != nil {
			live -= s.deleted.GetCardinality()
		}
	}
	boosts := map[termKey]float64{}
	ev.tops = map[topKey][]string{}
	var visit func(nodes ...Node)
	visit = func(nodes ...Node) {
		for _, n := range nodes {
			switch n := n.(type) {
			case Term:
				if n.Boost > 0 {
					boosts[termKey{n.Field, n.Term}] += n.Boost
				}
			case Prefix:
				if n.Boost <= 0 {
					continue
				}
				for _, t := range ev.scoringTerms(n) {
					boosts[termKey{n.Field, t}] = max(boosts[termKey{n.Field, t}], n.Boost)
				}
			case And, Or, Phrase:
				visit(parts(n)...)
			}
		}
	}
	visit(ev.plan.Must...)
	visit(ev.plan.Should...)
	idfs := map[termKey]float64{}
	var sumSq float64
	for _, k := range slices.SortedFunc(maps.Keys(boosts), compareTerms) {
		boost := boosts[k]
		var df uint64
		for _, s := range ev.segs {
			if p := s.lists[k]; p != nil {
				df += p.list.count()
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
	ev.weights = make(map[termKey]float64, len(idfs))
	for k, idf := range idfs {
		ev.weights[k] = idf * idf * queryNorm
	}
}

// topKey names the terms that score for a Prefix with Top.
type topKey struct {
	prefix termKey
	top    int
}

// scoringTerms are the terms of a scoring prefix that score, in every
// segment: with Top, the Top held by the most live documents of the
// snapshot (kept in ev.tops for planScoring), else every term it stands
// for in some segment. Called by weigh alone, after every segment's
// matches, when the postings of every term are known.
func (ev *evaluation) scoringTerms(n Prefix) []string {
	seen := map[string]bool{}
	var terms []string
	for _, s := range ev.segs {
		for _, t := range s.expands[n.key()] {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	if n.Top <= 0 || len(terms) <= n.Top {
		if n.Top > 0 {
			ev.tops[topKey{n.key(), n.Top}] = terms
		}
		return terms
	}
	dfs := make(map[string]uint64, len(terms))
	for _, t := range terms {
		for _, s := range ev.segs {
			if p := s.lists[termKey{n.Field, t}]; p != nil {
				dfs[t] += p.list.count()
			}
		}
	}
	slices.SortFunc(terms, func(a, b string) int { return cmp.Or(cmp.Compare(dfs[b], dfs[a]), cmp.Compare(a, b)) })
	terms = terms[:n.Top]
	ev.tops[topKey{n.key(), n.Top}] = terms
	return terms
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

// scores are the scores of one segment's matches, by document number, or,
// when the matches are few for the segment's size, by their place among
// the matches (places). They are float32 and reused from search to
// search: a 100,000-document segment needs 1 MB of them by number, and
// fresh memory costs a page fault per 4 kB on first touch.
type scores struct {
	must    []float32 // what the must nodes score
	should  []float32 // what the should nodes score
	matched []uint16  // how many should nodes match
	nshould int
	places  places
	byPlace bool // the arrays are by place, not by number
}

// reset sizes the arrays for the n documents of a segment whose matches
// are the dense bit set match (count of them), all zero. Writing the
// zeros (instead of reading fresh memory first) also spares the kernel
// mapping its zero page and then copying it on the first write. Matches
// fewer than an eighth of the documents are kept by place: a number
// typed whole at a million documents (30,000 matches, a should node of
// the numbers it begins) cleared and touched 10 MB of scores for them,
// a fifth of its whole process.
func (sc *scores) reset(n int, match []uint64, count uint64, nshould int) {
	sc.byPlace = count*8 < uint64(n)
	if sc.byPlace {
		sc.places.number(match)
		n = int(count)
	}
	if cap(sc.must) < n {
		sc.must, sc.should, sc.matched = make([]float32, n), make([]float32, n), make([]uint16, n)
	}
	sc.must, sc.should, sc.matched = sc.must[:n], sc.should[:n], sc.matched[:n]
	clear(sc.must)
	clear(sc.should)
	clear(sc.matched)
	sc.nshould = nshould
}

// at is where a match's scores are.
func (sc *scores) at(doc uint64) uint64 {
	if sc.byPlace {
		return sc.places.of(doc)
	}
	return doc
}

// of is a match's score. As in Bleve, the should nodes' score is
// scaled by the share of them that match, so that a document matching
// every optional Node (exact accents, the words next to each other, in
// the title) ranks above one that matches a few of them often.
func (sc *scores) of(doc uint32) float64 {
	i := sc.at(uint64(doc))
	return combine(sc.must[i], sc.should[i], sc.matched[i], sc.nshould)
}

// acc is where one kind of scores (must or should) is added up.
func (sc *scores) acc(should bool) accumulator {
	a := accumulator{v: sc.must}
	if should {
		a.v = sc.should
	}
	if sc.byPlace {
		a.places = &sc.places
	}
	return a
}

// accumulator adds scores up by document number, or by place when places
// is set.
type accumulator struct {
	v      []float32
	places *places
}

// add adds x to the document's score.
func (a accumulator) add(doc uint64, x float32) {
	if a.places != nil {
		doc = a.places.of(doc)
	}
	a.v[doc] += x
}

// places numbers the documents of a dense bit set in order: a document's
// place is how many of the set come before it.
type places struct {
	set    []uint64
	before []uint32 // how many of the set are in the words before each
}

// number takes the set (and keeps it) and counts its words.
func (p *places) number(set []uint64) {
	p.set = set
	if cap(p.before) < len(set) {
		p.before = make([]uint32, len(set))
	}
	p.before = p.before[:len(set)]
	n := uint32(0)
	for i, w := range set {
		p.before[i] = n
		n += uint32(bits.OnesCount64(w))
	}
}

// of is the place of doc, which the set holds.
func (p *places) of(doc uint64) uint64 {
	w := doc >> 6
	return uint64(p.before[w]) + uint64(bits.OnesCount64(p.set[w]&(1<<(doc&63)-1)))
}

// combine is a document's score from what its must and should nodes add
// up to and how many should nodes it matches, the same arithmetic for
// every way of ranking.
func combine(must, should float32, matched uint16, nshould int) float64 {
	score := float64(must)
	if nshould > 0 {
		score += float64(should) * float64(matched) / float64(nshould)
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

// scorePlan is what scoring a segment's documents reads: each term once
// per scope, in a fixed order, and the documents of each should node.
type scorePlan struct {
	jobs   []scoreJob
	boosts []float64 // each job's boost, summed over the nodes naming it
	scopes map[string]*scope
	should []*roaring.Bitmap // each should node's documents, deleted ones included
}

// planScoring lists what scoring the segment's matches reads. Each term is
// read once per scope however many nodes name it: "quyết tâm" typed with
// accents names x:quyết both for its own exact accents and for all the
// words' exact accents together.
func (ev *evaluation) planScoring(s *segEval) (*scorePlan, error) {
	jobs := map[scoreJob]float64{}
	sp := &scorePlan{scopes: map[string]*scope{"": newScope(s.match)}}
	// implied says that every document of the scope within matches n:
	// so do the must nodes of the plan (the match is theirs), the parts
	// of such an And, and a phrase's pairs. The scope of such an And is
	// within's own, not worked out again: at a million documents, those
	// of "tổ chức thực hiện" and of its words' exact accents took 0.8 MB
	// of new bit sets to find the same 624,000 documents twice more.
	var plan func(n Node, within string, should, implied bool) error
	plan = func(n Node, within string, should, implied bool) error {
		switch n := n.(type) {
		case Term:
			if n.Boost > 0 {
				jobs[scoreJob{termKey{n.Field, n.Term}, within, should}] += n.Boost
			}
		case Prefix:
			if n.Boost > 0 {
				terms := s.expands[n.key()]
				if n.Top > 0 {
					terms = ev.tops[topKey{n.key(), n.Top}]
				}
				for _, t := range terms {
					jobs[scoreJob{termKey{n.Field, t}, within, should}] += n.Boost
				}
			}
		case And:
			if !hasScoring(n) {
				return nil
			}
			if len(n.Parts) > 1 {
				key := within + "&" + signature(n)
				if _, ok := sp.scopes[key]; !ok && implied {
					sp.scopes[key] = sp.scopes[within]
				} else if !ok {
					bm, err := s.bitmap(n)
					if err != nil {
						return err
					}
					sp.scopes[key] = newScope(roaring.And(sp.scopes[within].docs, bm))
				}
				within = key
			}
			for _, p := range n.Parts {
				if err := plan(p, within, should, implied); err != nil {
					return err
				}
			}
		case Or:
			for _, p := range n.Parts {
				if err := plan(p, within, should, false); err != nil {
					return err
				}
			}
		case Phrase:
			return plan(n.pairs(), within, should, implied) // its documents hold its pairs
		}
		return nil
	}
	for _, n := range ev.plan.Must {
		if err := plan(n, "", false, true); err != nil {
			return nil, err
		}
	}
	for _, n := range ev.plan.Should {
		if err := plan(n, "", true, false); err != nil {
			return nil, err
		}
		bm, err := s.bitmap(n)
		if err != nil {
			return nil, err
		}
		sp.should = append(sp.should, bm)
	}
	// In a fixed order, so that equal scores add up to equal sums on every
	// search and paging neither repeats nor skips a document.
	sp.jobs = slices.SortedFunc(maps.Keys(jobs), func(a, b scoreJob) int {
		return cmp.Or(compareTerms(a.term, b.term), cmp.Compare(a.scope, b.scope), compareBools(a.should, b.should))
	})
	sp.boosts = make([]float64, len(sp.jobs))
	for i, job := range sp.jobs {
		sp.boosts[i] = jobs[job]
	}
	return sp, nil
}

// scoreSegment works out the scores of every one of the segment's
// matches.
func (ev *evaluation) scoreSegment(s *segEval, sc *scores) error {
	sp, err := ev.planScoring(s)
	if err != nil {
		return err
	}
	sc.reset(int(s.seg.count()), sp.scopes[""].dense, s.match.GetCardinality(), len(ev.plan.Should))
	for _, bm := range sp.should {
		it := roaring.And(bm, s.match).Iterator()
		for it.HasNext() {
			sc.matched[sc.at(uint64(it.Next()))]++
		}
	}
	for i, job := range sp.jobs {
		// A search superseded by the next keystroke stops between terms,
		// not only between segments: a segment of 140,000 documents at a
		// million takes tens of milliseconds.
		if err := ev.ctx.Err(); err != nil {
			return err
		}
		if err := ev.scoreTerm(s, job.term, sp.scopes[job.scope], sp.boosts[i], sc.acc(job.should)); err != nil {
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

// scoreTerm adds one term's score to acc for the documents of within that
// hold it. A term held by many more documents than the scope jumps from
// one scope document to the next instead of reading every posting. A term
// read whole is kept (termPostings) for the next searches, which then add
// its scores from memory.
func (ev *evaluation) scoreTerm(s *segEval, k termKey, within *scope, boost float64, acc accumulator) error {
	p := s.lists[k]
	if p == nil {
		return nil
	}
	w := boost * ev.weights[k]
	if kept := s.info.keptPostings(k, ev.search); kept != nil {
		kept.score(within, w, acc)
		return nil
	}
	it := p.list.iterator(true)
	var q posting
	// Jumping still decodes the frequencies and norms it passes in each
	// chunk of postings it lands in: only a scope far sparser than the
	// list gains by it, and a list read whole is kept.
	if within.docs.GetCardinality()*sparseScope < p.list.count() {
		docs := within.docs.Iterator()
		ok := false
		for docs.HasNext() {
			doc := uint64(docs.Next())
			if !ok || q.doc < doc {
				var err error
				if ok, err = it.advance(doc, &q); err != nil {
					return fmt.Errorf("postings of %s:%s: %w", k.field, k.term, err)
				}
				if !ok {
					return nil
				}
			}
			if q.doc == doc {
				acc.add(q.doc, float32(w*tf(q.freq)*q.norm))
			} else {
				docs.AdvanceIfNeeded(uint32(q.doc))
			}
		}
		return nil
	}
	kept, err := p.list.readAll()
	if err != nil {
		return fmt.Errorf("postings of %s:%s: %w", k.field, k.term, err)
	}
	s.info.keepPostings(k, kept, ev.search)
	kept.score(within, w, acc)
	return nil
}

// sparseScope is how many times more documents a term must have than the
// scope for scoreTerm to jump through its postings.
const sparseScope = 1024

// tf is the weight of a term's frequency in a document: √freq.
func tf(freq uint64) float64 {
	if freq < uint64(len(sqrtFreq)) {
		return sqrtFreq[freq]
	}
	return math.Sqrt(float64(freq))
}
