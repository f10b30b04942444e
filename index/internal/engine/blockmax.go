package engine

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Block-max ranking. A query of common words matches most of a large
// archive ("to chuc thuc hien": 936,685 of 1,000,000 documents), and
// scoring every match reads every posting of every term, while only the
// best few are kept. Instead the documents of a segment are taken in
// blocks of 16 numbers: for each term, the most any document of a
// block can get from it (√freq·norm at most) is read from the segment's
// bounds file (boundsfile.go) or worked out once per segment and term, and
// kept (termBounds), so that a block's bound is the
// sum of its terms' bounds times their weights. Blocks are scored the
// highest bound first, each document exactly as scoreSegment would (the
// same terms added in the same order in float32), and once the best hits
// are full, a block whose bound is below the worst of them cannot hold a
// document that belongs among them: it and every block after it are
// skipped. Only a bound strictly below the worst hit skips, so ties, which
// document ids decide, are never skipped.

// Variables, so that tests can make blocks small.
var (
	// Blocks of 16 document numbers: the documents of vncorpus differ
	// little, and the bound of a larger block is near the best score of
	// the whole segment (at 100,000 documents, "quyet tam" scored 9% of
	// its blocks of 64, half of its blocks of 256, all of 1,024; at a
	// million, "tổ chức thực hiện kế hoạch" scored 65% of its blocks of
	// 64 and the postings of 12.7 million documents, 18% of its blocks of
	// 16 and 0.9 million). With the bounds read from a file, only the
	// postings of the blocks scored are read.
	blockShift uint = 4
	// pruneMin is how many matches a segment must have for its ranking
	// to go by blocks; fewer are scored whole.
	pruneMin uint64 = 4096
)

const (
	// maxBounds is the memory the bounds of every segment's terms (a
	// byte a block) and what their cursors read (cursorList: where their
	// blocks start, 4 bytes a block, and their documents, a bit each) may
	// take together (440 kB a term at a million documents); past it,
	// every segment forgets them. A term held by fewer documents than
	// there are blocks is read again instead.
	maxBounds = 32 << 20
)

// prunes tells whether the segment's best matches are found by blocks. A
// Prefix whose every term scores stands for many terms, whose bounds add
// up to far more than any document gets: at 1,000,000 documents a
// keystroke of "quyet tam cong tac" took 169 ms of CPU by blocks against
// 77 ms scoring every match, so such plans score every match; a Prefix
// with Top scores as that many words.
func (ev *evaluation) prunes(s *segEval) bool {
	return !ev.eng.plainRank.Load() && ev.scored && s.match.GetCardinality() >= pruneMin &&
		!scoresPrefix(ev.plan.Must...) && !scoresPrefix(ev.plan.Should...)
}

// scoresPrefix tells whether a Prefix under the nodes adds to scores with
// all its terms (a Prefix with Top scores as a few words do).
func scoresPrefix(nodes ...Node) bool {
	for _, n := range nodes {
		switch n := n.(type) {
		case Prefix:
			if n.Boost > 0 && n.Top <= 0 {
				return true
			}
		case Fallback:
			if scoresPrefix(n.First, n.Second) {
				return true
			}
		case And, Or, Phrase:
			if scoresPrefix(parts(n)...) {
				return true
			}
		}
	}
	return false
}

// SetPlainRanking makes every search score every match when on, as before
// block-max ranking: for tests and measurements that compare the two.
func (e *Engine) SetPlainRanking(on bool) { e.plainRank.Store(on) }

// block is one block of a segment with the bound of its documents' scores.
type block struct {
	n     uint32  // its number: documents n<<blockShift up to (n+1)<<blockShift
	bound float32 // never below the most a document of the block scores (order)
}

// newBlockRanker reads, for rank, the bounds of each scoring term's blocks
// in the segment and how its postings will be read; each part of the
// segment's blocks (rankParts) adds its blocks' bounds up itself.
func (ev *evaluation) newBlockRanker(s *segEval) (*blockRanker, error) {
	sp, err := ev.planScoring(s)
	if err != nil {
		return nil, err
	}
	n := s.seg.count()
	nb := int((n + 1<<blockShift - 1) >> blockShift)
	r := &blockRanker{ev: ev, s: s, sp: sp, match: sp.scopes[""].dense,
		bounds: make([]blockBounds, len(sp.jobs)), lists: make([]*termPostings, len(sp.jobs)), cursors: make([]*blockCursor, len(sp.jobs)),
		within: sp.within(s.match.GetCardinality()), weights: make([]float64, len(sp.jobs))}
	byTerm := map[termKey]*blockCursor{}
	for i, job := range sp.jobs {
		r.weights[i] = sp.boosts[i] * ev.weights[job.term]
		p := s.lists[job.term]
		if p == nil || sp.scopes[job.scope].docs.IsEmpty() {
			// Not in the segment, or under And nodes no match is in (a
			// title holding every word of a long phrase): it scores no
			// match here, and its bounds and postings are not read.
			continue
		}
		if err := ev.ctx.Err(); err != nil {
			return nil, err // superseded: see scoreSegment
		}
		b, list, err := s.bounds(ev, job.term, p, nb)
		if err != nil {
			return nil, err
		}
		if list == nil {
			// Bounds known without reading the postings: those kept
			// serve, else only the blocks scored are read.
			list = s.info.keptPostings(job.term, ev.search)
		}
		if list == nil {
			if r.cursors[i], err = s.cursor(job.term, byTerm); err != nil {
				return nil, err
			}
		}
		if list == nil && r.cursors[i] == nil {
			if list, err = s.postingsOf(ev, job.term, p); err != nil {
				return nil, err
			}
		}
		r.bounds[i], r.lists[i] = b, list
	}
	for _, bm := range sp.should {
		r.should = append(r.should, bm.ToDense())
	}
	parts := ev.rankParts(s)
	for k := range parts {
		r.parts = append(r.parts, r.newPart(k*nb/parts, (k+1)*nb/parts))
	}
	return r, nil
}

// rankParts is in how many parts the segment's blocks are ranked side by
// side: the segments are ranked side by side on up to four processors
// (eachSegment), but an archive built at once is one segment, which
// ranked alone left the second processor idle. A segment gets the
// processors in its share of the documents, one part for each partMin
// documents at most.
func (ev *evaluation) rankParts(s *segEval) int {
	if forceParts > 0 {
		return forceParts
	}
	n := s.seg.count()
	procs := uint64(min(runtime.GOMAXPROCS(0), 4))
	parts := (procs*n + ev.docs/2) / max(ev.docs, 1)
	return int(max(min(parts, n/partMin), 1))
}

// partMin is the fewest documents of a part of a segment ranked side by
// side with others; forceParts, above 0, the parts of every segment, for
// tests.
var (
	partMin    uint64 = 1 << 15
	forceParts int
)

// newPart is the part of the ranking that scores blocks from up to to.
func (r *blockRanker) newPart(from, to int) *blockPart {
	size := 1 << blockShift
	p := &blockPart{r: r, from: from, to: to, cursors: make([]*blockCursor, len(r.cursors)),
		must: make([]float32, size), shouldSum: make([]float32, size), matched: make([]uint16, size)}
	// Cursors of its own, a term's jobs sharing one, over the lists the
	// other parts read too.
	own := map[*blockCursor]*blockCursor{}
	for i, c := range r.cursors {
		if c == nil {
			continue
		}
		if _, ok := own[c]; !ok {
			own[c] = c.cursorList.cursor()
		}
		p.cursors[i] = own[c]
	}
	return p
}

// order works out the bound of each block of the part that holds a match,
// and puts them in order.
func (p *blockPart) order() {
	r := p.r
	nb := p.to - p.from
	scopeBlocks := map[*scope][]bool{} // which blocks hold a document of each scope
	for i := range r.sp.jobs {
		if r.bounds[i].q != nil && r.within[i] != r.sp.scopes[""] {
			if _, ok := scopeBlocks[r.within[i]]; !ok {
				scopeBlocks[r.within[i]] = blocksHolding(r.within[i].dense, p.from, p.to)
			}
		}
	}
	// Each term's levels times its weight, once: a block's byte then
	// adds the same as its level times the weight would.
	weighted := make([][256]float64, len(r.sp.jobs))
	for i := range r.sp.jobs {
		if b := r.bounds[i]; b.q != nil {
			for x, level := range b.level {
				weighted[i][x] = r.weights[i] * float64(level)
			}
		}
	}
	// Each term's share rounds to float32 and so does each sum: a
	// relative 2⁻²⁴ each, which the margin covers many times over. The
	// bound kept is a float32, the nearest to the bound with its margin
	// and 2⁻²³ more: never below it (rounding it up exactly, as
	// roundUp32 does, was a sixth of a warm search of a common word).
	margin := (1 + float64(len(r.sp.jobs)+4)*0x1p-20) * (1 + 0x1p-23)
	nshould := len(r.ev.plan.Should)
	all := make([]block, 0, nb)
	// A tile of blocks at a time, every term's bounds added to it in the
	// jobs' order (the same sums): the tile's sums stay in the
	// processor's cache, where a term's bounds over a million documents'
	// blocks went through memory once per term, and sums over the whole
	// part took a megabyte of new memory at each search. What the must
	// and the should nodes may add up to in each block: a term under an
	// And node scores only in the documents of the And, so in a block
	// without any it adds nothing.
	const tile = 512
	var must, should [tile]float64
	for lo := 0; lo < nb; lo += tile {
		hi := min(lo+tile, nb)
		clear(must[:])
		clear(should[:])
		for i, job := range r.sp.jobs {
			q := r.bounds[i].q
			if q == nil {
				continue
			}
			q = q[p.from+lo : p.from+hi]
			wl := &weighted[i]
			sum := must[:len(q)]
			if job.should {
				sum = should[:len(q)]
			}
			if r.within[i] == r.sp.scopes[""] {
				// No test: a bound of 0 adds 0.
				for j, x := range q {
					sum[j] += wl[x]
				}
				continue
			}
			has := scopeBlocks[r.within[i]][lo:hi]
			for j, x := range q {
				if x > 0 && has[j] {
					sum[j] += wl[x]
				}
			}
		}
		for j := p.from + lo; j < p.from+hi; j++ {
			if !anyIn(r.match, j) {
				continue
			}
			bound := must[j-p.from-lo]
			if nshould > 0 {
				// A document's should score is scaled by the share of
				// should nodes it matches: at most those that match in
				// the block.
				matched := 0
				for _, d := range r.should {
					if anyIn2(r.match, d, j) {
						matched++
					}
				}
				bound += should[j-p.from-lo] * float64(matched) / float64(nshould)
			}
			all = append(all, block{uint32(j), float32(bound * margin)})
		}
	}
	p.blocks.init(all)
	p.ordered = true
}

// within is each job's scope, the scope of every match for a scope that
// holds every match (of whole): a scope is a part of the matches
// (planScoring), often all of them, as the words of a quoted phrase and
// their exact accents are in every match. A term of such a scope is
// bounded as one of every match, without looking up, block by block,
// whether the scope is there (at 1,000,000 documents a third of a common
// phrase's set-up).
func (sp *scorePlan) within(whole uint64) []*scope {
	out := make([]*scope, len(sp.jobs))
	for i, job := range sp.jobs {
		out[i] = sp.scopes[job.scope]
		if job.scope != "" && out[i].docs.GetCardinality() == whole {
			out[i] = sp.scopes[""]
		}
	}
	return out
}

// rank keeps the segment's best window matches in h, scoring only the
// blocks that may hold one, its parts side by side. Asked again (phrases
// found missing from some of the best, which left the matches), it reads
// the matches again.
func (r *blockRanker) rank(h *hitHeap, window int) error {
	if r.ranked {
		r.match = r.s.match.ToDense()
	}
	r.ranked = true
	r.partFloor.Store(0)
	if len(r.parts) == 1 {
		r.parts[0].h = h
		return r.parts[0].rank(window)
	}
	// Each part keeps the best of its blocks; the best of them all are
	// the best of those. A part whose best are full lets the others skip
	// what scores below its worst (floor).
	errs := make([]error, len(r.parts))
	var wg sync.WaitGroup
	for k, p := range r.parts {
		p.h = &hitHeap{less: h.less}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverDamage(&errs[k])
			errs[k] = p.rank(window)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, p := range r.parts {
		for _, f := range p.h.hits {
			h.offer(f, window)
		}
	}
	return nil
}

// rank keeps the part's best window matches in p.h.
func (p *blockPart) rank(window int) error {
	if !p.ordered {
		p.order()
	}
	p.window = window
	// Rounds of blocks, twice as many each time, are scored in document
	// order, so that each term's postings are read forward in a round.
	var round []block
	for at, size := 0, 1; ; at, size = at+size, size*2 {
		got := p.blocks.first(at+size, p.worth)
		if len(got) <= at || !p.worth(float64(got[at].bound)) {
			break
		}
		if err := p.r.ev.ctx.Err(); err != nil {
			return err // superseded: see scoreSegment
		}
		round = append(round[:0], got[at:]...)
		slices.SortFunc(round, func(a, b block) int { return cmp.Compare(a.n, b.n) })
		p.restart()
		for _, b := range round {
			if !p.worth(float64(b.bound)) {
				continue
			}
			p.score(b.n)
		}
		if p.err != nil {
			return p.err
		}
		p.publish()
	}
	for _, c := range p.cursors {
		if c != nil {
			p.r.ev.eng.postingsPassed.Add(int64(c.passed))
			c.passed = 0
		}
	}
	return nil
}

// blockOrder hands out a segment's blocks the highest bound first (equal
// bounds by number), putting them in order only as far as they are asked
// for: most blocks are skipped, and sorting every block of a million
// documents at each keystroke took 7% of its CPU. Only the blocks of the
// highest bounds are put in a heap at first, the others (spill, all of
// bounds below them) only if those run out: a heap of every block of a
// million documents took a quarter of a quoted phrase's ranking.
type blockOrder struct {
	sorted []block // the first blocks, in order
	rest   []block // the others, a heap whose top is the next
	spill  []block // blocks of bounds below every one of rest, in no order
}

// before tells whether block a comes before b.
func (a block) before(b block) bool {
	return a.bound > b.bound || a.bound == b.bound && a.n < b.n
}

// heapMin is about how many blocks the heap takes at first.
const heapMin = 4096

// init takes the blocks to hand out (and keeps the slice).
func (o *blockOrder) init(all []block) {
	o.sorted, o.rest, o.spill = nil, all, nil
	if len(all) > 4*heapMin {
		// The bound that about heapMin blocks reach, from a sample:
		// those below it wait.
		sample := make([]float32, 0, 1024)
		for i := 0; i < len(all); i += len(all)/1024 + 1 {
			sample = append(sample, all[i].bound)
		}
		slices.Sort(sample)
		cut := sample[len(sample)-1-len(sample)*heapMin/len(all)]
		high := 0
		for i, b := range all {
			if b.bound >= cut {
				all[high], all[i] = all[i], all[high]
				high++
			}
		}
		o.rest, o.spill = all[:high], all[high:]
	}
	o.heapify()
}

// heapify makes rest a heap.
func (o *blockOrder) heapify() {
	for i := len(o.rest)/2 - 1; i >= 0; i-- {
		o.down(i)
	}
}

func (o *blockOrder) len() int { return len(o.sorted) + len(o.rest) + len(o.spill) }

// first returns the first n blocks in order, fewer if the blocks run out
// or the next one's bound is not worth scoring: the bounds only fall, and
// what is worth scoring only rises, so none after it is either. Handing
// out every block of a million documents' common phrase (a heap of
// 31,250 blocks emptied, a sixth of them scored) took an eighth of its
// ranking, in the heap and in the growing list's fresh pages.
func (o *blockOrder) first(n int, worth func(bound float64) bool) []block {
	for len(o.sorted) < n {
		if len(o.rest) == 0 {
			if len(o.spill) == 0 {
				break
			}
			o.rest, o.spill = o.spill, nil
			o.heapify()
		}
		if !worth(float64(o.rest[0].bound)) {
			break
		}
		o.sorted = append(o.sorted, o.rest[0])
		last := len(o.rest) - 1
		o.rest[0] = o.rest[last]
		o.rest = o.rest[:last]
		o.down(0)
	}
	return o.sorted[:min(n, len(o.sorted))]
}

// down moves the heap's block i down to its place.
func (o *blockOrder) down(i int) {
	h := o.rest
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && h[c+1].before(h[c]) {
			c++
		}
		if !h[c].before(h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// blocksHolding tells, for each block from up to to, whether the dense
// bit set holds a document of it: once per scope, not once per term.
func blocksHolding(dense []uint64, from, to int) []bool {
	out := make([]bool, to-from)
	for j := range out {
		out[j] = anyIn(dense, from+j)
	}
	return out
}

// anyIn tells whether the dense bit set holds a document of block j.
func anyIn(dense []uint64, j int) bool {
	if blockShift < 6 {
		w := j << blockShift / 64
		return w < len(dense) && dense[w]&blockMask(j) != 0
	}
	lo, hi := j<<blockShift/64, min((j+1)<<blockShift/64, len(dense))
	for _, w := range dense[min(lo, hi):hi] {
		if w != 0 {
			return true
		}
	}
	return false
}

// anyIn2 tells whether dense bit sets a and b hold a document of block j
// both.
func anyIn2(a, b []uint64, j int) bool {
	if blockShift < 6 {
		w := j << blockShift / 64
		return w < len(a) && w < len(b) && a[w]&b[w]&blockMask(j) != 0
	}
	lo, hi := j<<blockShift/64, min((j+1)<<blockShift/64, len(a), len(b))
	for i := lo; i < hi; i++ {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

// blockMask is the bits of block j in its word of a dense bit set, for
// blocks smaller than a word.
func blockMask(j int) uint64 {
	return (uint64(1)<<(1<<blockShift) - 1) << (j << blockShift & 63)
}

// blockRanker scores blocks of one segment into a heap of the best hits,
// in parts side by side (blockPart).
type blockRanker struct {
	ev     *evaluation
	s      *segEval
	sp     *scorePlan
	bounds []blockBounds   // each job's term's bounds by block (nil bytes: not read)
	match  []uint64        // the segment's matches, dense
	should [][]uint64      // each should node's documents, dense
	lists  []*termPostings // each job's term's postings, kept or read for this search
	// cursors read, for the jobs without lists, the postings of the
	// blocks scored alone; each part reads them with cursors of its own.
	cursors []*blockCursor
	// Each job's scope and weight (boost × the term's), looked up once
	// rather than at every block (two map lookups a term and block).
	within  []*scope
	weights []float64
	parts   []*blockPart
	ranked  bool // rank was called
	// partFloor is the float64 bits of the worst of the best hits of a
	// part whose best are full, 0 before: no document of the segment
	// scoring below it is among the segment's best.
	partFloor atomic.Uint64
}

// blockPart scores the blocks of one part of a segment, those from up to
// to.
type blockPart struct {
	r        *blockRanker
	from, to int
	blocks   blockOrder // the blocks holding a match, the highest bound first
	ordered  bool       // blocks worked out
	h        *hitHeap   // the best hits
	window   int        // how many of them rank keeps
	cursors  []*blockCursor
	err      error // of a cursor
	pos      []int // where each job's postings were left in a round
	// The scores of one block's documents, by number in the block.
	must, shouldSum []float32
	matched         []uint16
}

// worth tells whether a block of that bound may hold one of the best
// hits: the hits are not full, or the bound is not below the worst of
// them nor below the worst of another segment's or part's full hits.
func (p *blockPart) worth(bound float64) bool {
	if bound < p.r.ev.floor() || bound < floatOf(&p.r.partFloor) {
		return false
	}
	return len(p.h.hits) < p.window || bound >= p.h.hits[0].score
}

// publish lets the other parts skip what cannot beat this one's worst
// hit once its hits are full, and the other segments once its hits are
// also sure to hold their phrases (the hits of a segment where some are
// unread may yet lose some).
func (p *blockPart) publish() {
	if len(p.h.hits) >= p.window {
		raiseTo(&p.r.partFloor, p.h.hits[0].score)
	}
	if p.r.s.open == nil && len(p.h.hits) >= p.r.ev.keep {
		p.r.ev.raiseFloor(p.h.hits[0].score)
	}
}

// restart reads each term's postings from the start again.
func (p *blockPart) restart() {
	p.pos = make([]int, len(p.r.sp.jobs))
}

// score scores the matches of block b and offers them to the heap.
func (p *blockPart) score(b uint32) {
	r := p.r
	s, sp := r.s, r.sp
	r.ev.eng.blocksScored.Add(1)
	lo := uint64(b) << blockShift
	hi := min(lo+1<<blockShift, s.seg.count())
	clear(p.must)
	clear(p.shouldSum)
	clear(p.matched)
	for i, job := range sp.jobs {
		if r.bounds[i].q == nil || r.bounds[i].q[b] == 0 {
			continue // the term is in no document of the block
		}
		acc := p.must
		if job.should {
			acc = p.shouldSum
		}
		p.addTerm(i, lo, hi, acc)
	}
	for _, d := range r.should {
		eachIn(r.match, d, lo, hi, func(doc uint64) { p.matched[doc-lo]++ })
	}
	nshould := len(r.ev.plan.Should)
	eachIn(r.match, r.match, lo, hi, func(doc uint64) {
		i := doc - lo
		p.h.offer(found{seg: s.index, doc: uint32(doc), score: combine(p.must[i], p.shouldSum[i], p.matched[i], nshould)}, p.window)
	})
	if len(r.parts) > 1 && len(p.h.hits) >= p.window {
		// At once rather than after the round: the other parts skip
		// more the sooner they know.
		raiseTo(&r.partFloor, p.h.hits[0].score)
	}
}

// addTerm adds job i's term's scores to acc (by number in the block) for
// the documents from lo up to hi of the job's scope, as scoreTerm does.
func (p *blockPart) addTerm(i int, lo, hi uint64, acc []float32) {
	list, from := p.r.lists[i], p.pos[i]
	if c := p.cursors[i]; c != nil {
		var err error
		if list, err = c.block(lo, hi); err != nil {
			p.err = err
			return
		}
		from = 0
	}
	if list == nil {
		return
	}
	within, w := p.r.within[i], p.r.weights[i]
	// From where the last block of the round left it, by leaps.
	at := gallop(list.docs, from, uint32(lo))
	for ; at < len(list.docs) && uint64(list.docs[at]) < hi; at++ {
		if doc := uint64(list.docs[at]); within.has(doc) {
			acc[doc-lo] += float32(w * tf(uint64(list.freqs[at])) * float64(list.norms[at]))
		}
	}
	p.pos[i] = at
}

// cursor reads the term's postings in the segment block by block, one
// cursor for every job of the term; nil when the list offers no way to
// jump (assumption 10 of bleve.go). What it reads of the list is kept
// with the segment (cursorList): at 100,000 documents setting it up again
// at each search was a tenth of a quoted phrase's ranking.
func (s *segEval) cursor(k termKey, byTerm map[termKey]*blockCursor) (*blockCursor, error) {
	if c, ok := byTerm[k]; ok {
		return c, nil
	}
	l, ok := s.info.cursorList(k)
	if !ok {
		d, err := s.dict(k.field)
		if err != nil {
			return nil, err
		}
		// Without exceptions: a cursor jumps only in such a list. The
		// deleted documents it holds are in no scope.
		p, err := d.postings(k.term, nil)
		if err != nil {
			return nil, fmt.Errorf("postings of %s:%s: %w", k.field, k.term, err)
		}
		if p.pl != nil {
			if c := newBlockCursor(p); c != nil {
				l = c.cursorList
				l.marks = newMarks(len(l.docs))
			}
		}
		s.info.keepCursorList(k, l)
	}
	var c *blockCursor
	if l != nil {
		c = l.cursor()
	}
	byTerm[k] = c
	return c, nil
}

// gallop is the index of the first of docs (sorted) at or after from
// that is at least doc.
func gallop(docs []uint32, from int, doc uint32) int {
	step, lo := 1, from
	for lo+step < len(docs) && docs[lo+step] < doc {
		lo += step
		step *= 2
	}
	hi := min(lo+step+1, len(docs))
	i, _ := slices.BinarySearch(docs[lo:hi], doc)
	return lo + i
}

// eachIn calls fn with every document from lo up to hi in both dense
// sets a and b (an empty set may be nil), in order.
func eachIn(a, b []uint64, lo, hi uint64, fn func(doc uint64)) {
	for wi := lo / 64; wi < (hi+63)/64 && wi < uint64(min(len(a), len(b))); wi++ {
		w := a[wi] & b[wi]
		for w != 0 {
			doc := wi*64 + uint64(bits.TrailingZeros64(w))
			w &= w - 1
			if doc >= lo && doc < hi {
				fn(doc)
			}
		}
	}
}

// floor is the worst of the best hits some segment has found full, or
// -Inf: no document scoring below it belongs among the best.
func (ev *evaluation) floor() float64 { return floatOf(&ev.floorBits) }

// raiseFloor makes the floor at least score.
func (ev *evaluation) raiseFloor(score float64) { raiseTo(&ev.floorBits, score) }

// floatOf is the float64 whose bits x holds, -Inf for 0.
func floatOf(x *atomic.Uint64) float64 {
	bits := x.Load()
	if bits == 0 {
		return math.Inf(-1)
	}
	return math.Float64frombits(bits)
}

// raiseTo makes the float64 whose bits x holds at least score.
func raiseTo(x *atomic.Uint64, score float64) {
	for {
		old := x.Load()
		if old != 0 && math.Float64frombits(old) >= score {
			return
		}
		if x.CompareAndSwap(old, math.Float64bits(score)) {
			return
		}
	}
}

// bounds gives, for each block of the segment, the most a document of it
// gets from the term: the largest √freq·norm, or a little above it (a
// byte a block, quantize), whether read from the bounds file or worked
// out from the postings. Read once per segment and term,
// from the bounds file, the kept postings or the index; list is then the
// postings they were read from (nil when the bounds were kept or read
// from the file).
func (s *segEval) bounds(ev *evaluation, k termKey, p *postings, nb int) (b blockBounds, list *termPostings, err error) {
	if b := s.info.termBounds(k); b.q != nil {
		return b, nil, nil
	}
	if b := s.info.storedBounds(s.seg, k, nb); b.q != nil {
		s.info.keepBounds(k, b)
		return b, nil, nil
	}
	if list, err = s.postingsOf(ev, k, p); err != nil {
		return blockBounds{}, nil, err
	}
	b = newBlockBounds(quantize(blockMaxima(list, nb)))
	if p.list.count() >= uint64(nb) {
		s.info.keepBounds(k, b)
	}
	return b, list, nil
}

// postingsOf is the term's postings in the segment: those kept, or read
// whole and kept (as scoreTerm keeps a list read whole). A list the kept
// postings have no room for is used by this search all the same: the
// blocks are scored in rounds, each reading every term's postings forward
// from the first, and reading them again through Bleve's iterator at each
// round cost several times one reading (at 1,000,000 documents, "quyet tam
// cong tac" typed after "xay dung nong thon moi", whose postings had
// filled the room, took 1.9 s of CPU against 0.5 s the first time).
func (s *segEval) postingsOf(ev *evaluation, k termKey, p *postings) (*termPostings, error) {
	if kept := s.info.keptPostings(k, ev.search); kept != nil {
		return kept, nil
	}
	list, err := p.list.readAll()
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", k.field, k.term, err)
	}
	s.info.keepPostings(k, list, ev.search)
	return list, nil
}

// blockMaxima is bounds from a term's postings: the largest √freq·norm of
// each block's documents, rounded up to a float32 once per block (rounding
// up keeps the order, so the largest rounded is the largest's rounding).
func blockMaxima(t *termPostings, nb int) []float32 {
	b := make([]float32, nb)
	j, m := -1, 0.0
	for i, doc := range t.docs {
		if k := int(doc >> blockShift); k != j {
			if j >= 0 && j < nb {
				b[j] = roundUp32(m)
			}
			j, m = k, 0
		}
		if x := tf(uint64(t.freqs[i])) * float64(t.norms[i]); x > m {
			m = x
		}
	}
	if j >= 0 && j < nb {
		b[j] = roundUp32(m)
	}
	return b
}

// roundUp32 is the least float32 not below x.
func roundUp32(x float64) float32 {
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// blockBounds are a term's bounds by block in a segment, a byte a block
// (quantize): byte x stands for level[x], a bound not below the block's
// exact one, 0 for a block without the term. Kept as bytes rather than
// float32s, a term's bounds at a million documents take 62 kB rather
// than 250, read from the bounds file without being widened: a whole
// `search` process took each of its words' bounds into new memory, the
// most pages of any part of it on a machine where a new page costs tens
// of microseconds.
type blockBounds struct {
	q     []byte
	level *[256]float32
}

// newBlockBounds are the bounds of bytes q whose 255 stands for m.
func newBlockBounds(m float32, q []byte) blockBounds {
	level := new([256]float32)
	for x := range level {
		level[x] = boundLevel(m, byte(x))
	}
	return blockBounds{q: q, level: level}
}

// size is the memory the bounds take.
func (b blockBounds) size() int64 { return int64(len(b.q)) + 256*4 }

// boundsState is the part of a segment's cache that block-max ranking
// uses.
type boundsState struct {
	boundsMu   sync.Mutex
	bounds     map[termKey]blockBounds
	boundsSize int64
	// cursors are, by term, what a blockCursor reads of its postings,
	// with where its blocks start (cursorList.marks), found by earlier
	// searches: a search that finds them need not set the cursor up nor
	// pass over the postings before each block again. They count in
	// boundsSize.
	cursors map[termKey]*cursorList
	// file is the table of the segment's bounds file (boundsfile.go), nil
	// when it has none to trust; fileRead once it was looked for.
	file     *boundsFile
	fileRead bool
}

// termBounds returns the term's block bounds if a search kept them.
func (info *segInfo) termBounds(k termKey) blockBounds {
	info.boundsMu.Lock()
	defer info.boundsMu.Unlock()
	return info.bounds[k]
}

// keepBounds keeps a term's block bounds for the next searches, within
// maxBounds for all segments.
func (info *segInfo) keepBounds(k termKey, b blockBounds) {
	c := info.owner
	if c == nil {
		return
	}
	size := b.size()
	if c.boundsBytes.Add(size) > maxBounds {
		c.forgetBounds()
		c.boundsBytes.Add(size)
	}
	info.boundsMu.Lock()
	defer info.boundsMu.Unlock()
	if info.bounds == nil {
		info.bounds = map[termKey]blockBounds{}
	}
	if old, ok := info.bounds[k]; ok {
		c.boundsBytes.Add(-old.size())
		info.boundsSize -= old.size()
	}
	info.bounds[k] = b
	info.boundsSize += size
}

// cursorList returns what a cursor reads of the term's list in the
// segment, kept by an earlier search (nil with ok: the list has no way to
// jump).
func (info *segInfo) cursorList(k termKey) (l *cursorList, ok bool) {
	info.boundsMu.Lock()
	defer info.boundsMu.Unlock()
	l, ok = info.cursors[k]
	return l, ok
}

// keepCursorList keeps what a cursor reads of the term's list (nil: it
// has no way to jump) for the next searches, within maxBounds for all
// segments with the bounds.
func (info *segInfo) keepCursorList(k termKey, l *cursorList) {
	c := info.owner
	if c == nil {
		return
	}
	var size int64
	if l != nil {
		size = l.size()
	}
	if c.boundsBytes.Add(size) > maxBounds {
		c.forgetBounds()
		c.boundsBytes.Add(size)
	}
	info.boundsMu.Lock()
	defer info.boundsMu.Unlock()
	if info.cursors == nil {
		info.cursors = map[termKey]*cursorList{}
	}
	if old, ok := info.cursors[k]; ok && old != nil {
		c.boundsBytes.Add(-old.size())
		info.boundsSize -= old.size()
	}
	info.cursors[k] = l
	info.boundsSize += size
}

// forgetBounds drops every segment's block bounds.
func (c *segCache) forgetBounds() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, info := range c.infos {
		info.dropBounds()
	}
}

// dropBounds drops the segment's block bounds, and their size from the
// cache's total.
func (info *segInfo) dropBounds() {
	info.boundsMu.Lock()
	defer info.boundsMu.Unlock()
	if info.owner != nil {
		info.owner.boundsBytes.Add(-info.boundsSize)
	}
	info.bounds, info.cursors, info.boundsSize = nil, nil, 0
}
