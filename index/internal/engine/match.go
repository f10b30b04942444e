package engine

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"khovanban/index/vntext"
)

// segEval is an evaluation's work in one segment. Only one worker at a
// time uses it.
type segEval struct {
	index   int // in the snapshot
	seg     seg
	info    *segInfo
	deleted *roaring.Bitmap
	dicts   map[string]dict
	lists   map[termKey]*postings
	expands map[termKey][]string       // prefix → the terms it stands for here
	nodes   map[string]*roaring.Bitmap // And or Or node → its documents
	// phraseDocs holds, by signature, the documents found to hold each
	// phrase of the plan (decidePhrases), and those still open for it;
	// until then a phrase node matches the documents that hold its pairs.
	phraseDocs map[string]*roaring.Bitmap
	// open are the documents, of those the plan may match, whose text
	// was not read for some phrase of openPhrases (nil when none).
	open        *roaring.Bitmap
	openPhrases []openPhrase

	match   *roaring.Bitmap   // the live documents the query matches
	apart   []facetMatch      // what each disjunctive facet is counted over
	counted []*roaring.Bitmap // the live documents of each counted node
	// counts are, by facet value (the segment's facetValues), how many
	// matching documents have it: slices, not maps by value, since a
	// segment has thousands of values and their strings were hashed
	// several times a value at every search (at 1,000,000 documents,
	// about 8% of a phrase search's CPU). nil when none were counted.
	counts []int
	// countsOpen are the counts of those matching documents that are
	// open (s.open), nil when none are.
	countsOpen []int
	best       []found // the best matches, in no order
	// tableWay is whether this search reads the segment's table of each
	// document's values (tableDue): 0 not yet asked, then tableRead or
	// tableNot, for every set it counts.
	tableWay int8
}

// The values of segEval.tableWay.
const (
	tableRead = 1 + iota
	tableNot
)

// postings is one term's postings list in a segment and, once asked for,
// the bitmap of its documents.
type postings struct {
	list plist
	bm   *roaring.Bitmap
}

// dict is the segment's term dictionary of a field.
func (s *segEval) dict(field string) (dict, error) {
	if d, ok := s.dicts[field]; ok {
		return d, nil
	}
	d, err := s.seg.dict(field)
	if err != nil {
		return dict{}, err
	}
	s.dicts[field] = d
	return d, nil
}

// list is a term's postings in the segment, nil when it has none.
func (s *segEval) list(k termKey) (*postings, error) {
	if p, ok := s.lists[k]; ok {
		return p, nil
	}
	d, err := s.dict(k.field)
	if err != nil {
		return nil, err
	}
	// Without the deleted documents: they must neither match nor count
	// in how many documents hold the term, or scores would shift when
	// Bleve merges them away.
	pl, err := d.postings(k.term, s.deleted)
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", k.field, k.term, err)
	}
	var p *postings
	if pl.pl != nil {
		p = &postings{list: pl}
	}
	s.lists[k] = p
	return p, nil
}

// bitmap is the set of documents holding the term, which the caller must
// not change.
func (p *postings) bitmap() *roaring.Bitmap {
	if p.bm == nil {
		var r bitmapReader
		p.bm = r.docs(p.list)
	}
	return p.bm
}

// expand lists the segment's terms of a field that start with a prefix.
func (s *segEval) expand(k termKey) ([]string, error) {
	if terms, ok := s.expands[k]; ok {
		return terms, nil
	}
	d, err := s.dict(k.field)
	if err != nil {
		return nil, err
	}
	terms := []string{}
	prefix, words, filtered := strings.Cut(k.term, "\x00")
	words, whole := strings.CutPrefix(words, "=")
	err = d.terms([]byte(prefix), prefixEnd([]byte(prefix)), func(term string) error {
		if !filtered || startsWithWords(term, strings.Fields(words), whole) {
			terms = append(terms, term)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("terms of %s:%s*: %w", k.field, k.term, err)
	}
	s.expands[k] = terms
	return terms, nil
}

// startsWithWords tells whether the folded syllables of term start with
// words, and with whole are words, no more.
func startsWithWords(term string, words []string, whole bool) bool {
	i, n := 0, 0
	ok := true
	vntext.ForEachToken(term, func(t vntext.Token) {
		n++
		if i < len(words) && ok {
			ok = vntext.Fold(t.Text) == words[i]
			i++
		}
	})
	return ok && i == len(words) && (!whole || n == len(words))
}

// prefixEnd is the first key after every key starting with prefix, or nil
// when there is none.
func prefixEnd(prefix []byte) []byte {
	end := append([]byte(nil), prefix...)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xff {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// bitmap is the set of documents n matches in the segment, deleted ones
// included; the caller must not change it. The same node asked twice gives
// the same bitmap.
func (s *segEval) bitmap(n Node) (*roaring.Bitmap, error) {
	switch n := n.(type) {
	case Term:
		p, err := s.list(termKey{n.Field, n.Term})
		if err != nil || p == nil {
			return roaring.New(), err
		}
		return p.bitmap(), nil
	case All:
		bm := roaring.New()
		bm.AddRange(0, s.seg.count())
		return bm, nil
	case None:
		return roaring.New(), nil
	case Phrase:
		if bm, ok := s.phraseDocs[signature(n)]; ok {
			return bm, nil
		}
		return s.bitmap(n.pairs())
	}
	key := signature(n)
	if bm, ok := s.nodes[key]; ok {
		return bm, nil
	}
	kept := keepable(n)
	if kept {
		if bm := s.info.keptNode(key, s.deleted); bm != nil {
			s.nodes[key] = bm
			return bm, nil
		}
	}
	var bms []*roaring.Bitmap
	switch n := n.(type) {
	case Prefix:
		terms, err := s.expand(n.key())
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			p, err := s.list(termKey{n.Field, t})
			if err != nil {
				return nil, err
			}
			if p != nil {
				bms = append(bms, p.bitmap())
			}
		}
	case And, Or:
		for _, part := range parts(n) {
			bm, err := s.bitmap(part)
			if err != nil {
				return nil, err
			}
			bms = append(bms, bm)
		}
	}
	var bm *roaring.Bitmap
	switch {
	case len(bms) == 0:
		bm = roaring.New()
	case len(bms) == 1:
		bm = bms[0]
	default:
		if _, ok := n.(And); ok {
			bm = roaring.FastAnd(bms...)
		} else {
			bm = roaring.FastOr(bms...)
		}
	}
	s.nodes[key] = bm
	if kept {
		s.info.keepNode(key, s.deleted, bm)
	}
	return bm, nil
}

// keepable tells whether n is of terms alone: its documents in a segment
// then change only with the segment's deletions, and are kept from search
// to search (keptNode). A phrase's change as its candidates are read; a
// prefix is expanded when its documents are worked out, and scoring reads
// the expansion (planScoring).
func keepable(n Node) bool {
	switch n := n.(type) {
	case Term, All, None:
		return true
	case And, Or:
		for _, p := range parts(n) {
			if !keepable(p) {
				return false
			}
		}
		return true
	}
	return false
}

// nodeState is the part of a segment's cache that keeps the documents of
// And and Or nodes of terms alone (keepable): a common phrase's pairs and
// the words it must hold with their accents are intersected again at
// every search otherwise (at 1,000,000 documents, 5-10% of such a
// search's CPU).
type nodeState struct {
	nodeMu sync.Mutex
	nodes  map[string]*roaring.Bitmap // by signature
	// nodesDeleted are the segment's deletions they were worked out
	// with, and nodesGone how many: other deletions forget them all.
	nodesDeleted *roaring.Bitmap
	nodesGone    uint64
}

// maxNodesKept bounds how many nodes' documents a segment keeps; each
// takes at most an eighth of a byte a document of the segment.
const maxNodesKept = 64

// keptNode returns the documents of a node kept for the segment with
// those deletions, nil when there are none.
func (info *segInfo) keptNode(key string, deleted *roaring.Bitmap) *roaring.Bitmap {
	info.nodeMu.Lock()
	defer info.nodeMu.Unlock()
	if !info.sameDeleted(deleted) {
		return nil
	}
	return info.nodes[key]
}

// keepNode keeps the documents of a node, worked out with those
// deletions, for the next searches.
func (info *segInfo) keepNode(key string, deleted, bm *roaring.Bitmap) {
	info.nodeMu.Lock()
	defer info.nodeMu.Unlock()
	if !info.sameDeleted(deleted) || len(info.nodes) >= maxNodesKept {
		info.nodes = map[string]*roaring.Bitmap{}
		info.nodesDeleted, info.nodesGone = deleted, 0
		if deleted != nil {
			info.nodesGone = deleted.GetCardinality()
		}
	}
	info.nodes[key] = bm
}

// sameDeleted tells whether the kept nodes were worked out with these
// deletions: the same bitmap, as many in it (a segment's deletions only
// grow, each time in a new bitmap).
func (info *segInfo) sameDeleted(deleted *roaring.Bitmap) bool {
	if info.nodes == nil || deleted != info.nodesDeleted {
		return false
	}
	return deleted == nil || deleted.GetCardinality() == info.nodesGone
}

// matchAll works out which live documents of the segment match the
// evaluation's plan and filters; with facets, those that match without the
// filters of each disjunctive facet; and the live documents of each
// counted node.
func (s *segEval) matchAll(ev *evaluation) error {
	p := ev.plan
	must := p.Must
	if len(must) == 0 {
		must = []Node{All{}}
	}
	nodes := slices.Concat(p.Must, p.MustNot)
	for _, f := range ev.filters {
		nodes = append(nodes, f.Node)
	}
	if phrases := phrasesIn(nil, nodes...); len(phrases) > 0 {
		// The documents that may match are those of the must nodes and
		// filters, with each phrase standing for its pairs: among them,
		// which hold the phrases decides the match.
		within, err := s.candidates(ev, must)
		if err != nil {
			return err
		}
		if err := s.decidePhrases(ev, phrases, within, narrowing(p, ev.filters)); err != nil {
			return err
		}
		clear(s.nodes)
	}
	base, err := s.bitmap(And{must})
	if err != nil {
		return err
	}
	filters, err := s.filterBitmaps(ev)
	if err != nil {
		return err
	}
	var not *roaring.Bitmap
	if len(p.MustNot) > 0 {
		if not, err = s.bitmap(Or{p.MustNot}); err != nil {
			return err
		}
	}
	// narrow is what base and the filters (but those of facet apart) let
	// through, live and not excluded.
	narrow := func(apart string) *roaring.Bitmap {
		bms := []*roaring.Bitmap{base}
		for i, f := range ev.filters {
			if apart == "" || f.Facet != apart {
				bms = append(bms, filters[i])
			}
		}
		m := roaring.FastAnd(bms...)
		if not != nil {
			m.AndNot(not)
		}
		if s.deleted != nil {
			m.AndNot(s.deleted)
		}
		return m
	}
	s.match = narrow("")
	s.apart = nil
	if ev.facets {
		for _, facet := range ev.disjunctive() {
			s.apart = append(s.apart, facetMatch{facet, narrow(facet)})
		}
	}
	s.counted = make([]*roaring.Bitmap, len(ev.count))
	for i, n := range ev.count {
		bm, err := s.bitmap(n)
		if err != nil {
			return err
		}
		if bm = bm.Clone(); s.deleted != nil {
			bm.AndNot(s.deleted)
		}
		s.counted[i] = bm
	}
	return nil
}

// narrowing names, by signature, the phrases of the plan that only narrow
// its matches: under Must through And nodes alone, nowhere else (not
// excluded, in no Or, no filter). Such a phrase's unread candidates can
// be read for the best hits alone (Request.PhraseBudget).
func narrowing(p *Plan, filters []Filter) map[string]bool {
	out := map[string]bool{}
	var must func(n Node)
	must = func(n Node) {
		switch n := n.(type) {
		case Phrase:
			if _, seen := out[signature(n)]; !seen {
				out[signature(n)] = true
			}
		case And:
			for _, part := range n.Parts {
				must(part)
			}
		}
	}
	for _, n := range p.Must {
		must(n)
	}
	var other []Node
	for _, n := range p.Must {
		other = append(other, otherUses(n)...)
	}
	other = append(other, p.MustNot...)
	other = append(other, p.Should...)
	for _, f := range filters {
		other = append(other, f.Node)
	}
	for _, n := range phrasesIn(nil, other...) {
		out[signature(n)] = false
	}
	return out
}

// otherUses are the nodes under n, a Must node, that are not reached
// through And nodes alone: the Or nodes on the way.
func otherUses(n Node) []Node {
	switch n := n.(type) {
	case And:
		var out []Node
		for _, part := range n.Parts {
			out = append(out, otherUses(part)...)
		}
		return out
	case Or:
		return []Node{n}
	}
	return nil
}

// facetMatch is what one facet is counted over: the documents that match
// without that facet's filters.
type facetMatch struct {
	facet string // its prefix
	docs  *roaring.Bitmap
}

// filterBitmaps are the documents each filter of the evaluation lets
// through.
func (s *segEval) filterBitmaps(ev *evaluation) ([]*roaring.Bitmap, error) {
	out := make([]*roaring.Bitmap, len(ev.filters))
	for i, f := range ev.filters {
		bm, err := s.bitmap(f.Node)
		if err != nil {
			return nil, err
		}
		out[i] = bm
	}
	return out, nil
}

// candidates are the live documents in which phrases must be decided:
// those of the must nodes and the filters, and, for disjunctive facets,
// those of the must nodes and all filters but a facet's.
func (s *segEval) candidates(ev *evaluation, must []Node) (*roaring.Bitmap, error) {
	base, err := s.bitmap(And{must})
	if err != nil {
		return nil, err
	}
	filters, err := s.filterBitmaps(ev)
	if err != nil {
		return nil, err
	}
	scopes := []string{""}
	if ev.facets {
		scopes = append(scopes, ev.disjunctive()...)
	}
	var lets []*roaring.Bitmap
	for _, apart := range scopes {
		bms := []*roaring.Bitmap{base}
		for i, f := range ev.filters {
			if apart == "" || f.Facet != apart {
				bms = append(bms, filters[i])
			}
		}
		lets = append(lets, roaring.FastAnd(bms...))
	}
	within := roaring.FastOr(lets...)
	if s.deleted != nil {
		within.AndNot(s.deleted)
	}
	return within, nil
}

// countFacets counts the facet values of the segment's matches, each
// disjunctive facet's over the documents that match without its filters.
func (s *segEval) countFacets(ev *evaluation) error {
	s.counts, s.countsOpen = nil, nil
	empty := s.match.IsEmpty()
	for _, a := range s.apart {
		empty = empty && a.docs.IsEmpty()
	}
	if empty {
		return nil
	}
	values, err := s.info.facetValues(s.seg)
	if err != nil {
		return err
	}
	s.counts = make([]int, len(values))
	if err := s.tallyFacets(ev, s.counts, values, nil); err != nil {
		return err
	}
	if s.open == nil || s.open.IsEmpty() {
		return nil
	}
	s.countsOpen = make([]int, len(values))
	open := s.match.AndCardinality(s.open)
	if open*2 < s.match.GetCardinality() {
		return s.tallyFacets(ev, s.countsOpen, values, s.open)
	}
	// Most matches open (a common phrase whose texts were not read):
	// each value's open documents are its matches less those decided,
	// which are few, rather than a second count as large as the first.
	decided := make([]int, len(values))
	if err := s.tallyFacets(ev, decided, values, roaring.Flip(s.open, 0, s.seg.count())); err != nil {
		return err
	}
	for v, n := range s.counts {
		if n -= decided[v]; n > 0 {
			s.countsOpen[v] = n
		}
	}
	return nil
}

// tallyFacets counts into counts (by value) the facet values of the segment's
// matches, each disjunctive facet's over the documents that match without
// its filters; with only, of those of them in only.
func (s *segEval) tallyFacets(ev *evaluation, counts []int, values []facetDocs, only *roaring.Bitmap) error {
	match := s.match
	apart := s.apart
	if only != nil {
		match = roaring.And(match, only)
		apart = make([]facetMatch, len(s.apart))
		for i, a := range s.apart {
			apart[i] = facetMatch{a.facet, roaring.And(a.docs, only)}
		}
	}
	var tallies []setTally
	for i, v := range values {
		if i%256 == 0 {
			if err := ev.ctx.Err(); err != nil {
				return err // superseded: see scoreSegment
			}
		}
		docs := match
		for _, a := range apart {
			if strings.HasPrefix(v.value, a.facet) {
				docs = a.docs
				break
			}
		}
		n, err := s.countValue(ev, docs, i, values, &tallies)
		if err != nil {
			return err
		}
		counts[i] += n
	}
	return nil
}

// addFacets adds the segment's counts into facets, by value, and its open
// counts into open, taking them out of facets.
func (s *segEval) addFacets(facets, open map[string]int) error {
	if s.counts == nil {
		return nil
	}
	values, err := s.info.facetValues(s.seg)
	if err != nil {
		return err
	}
	for i, n := range s.counts {
		if n != 0 {
			facets[values[i].value] += n
		}
	}
	for i, n := range s.countsOpen {
		if n != 0 {
			facets[values[i].value] -= n
			open[values[i].value] += n
		}
	}
	return nil
}

// setTally is the counts of every value of one set of documents
// (tallyValues), nil when they are counted by intersecting.
type setTally struct {
	docs *roaring.Bitmap
	t    []int32
}

// countValue is how many of docs have facet value i, from the counts of
// every value at once (tallyValues) when it gives them, else by
// intersecting docs with the value's documents. tallies keeps the counts
// by set (a few: the match and each facet counted apart).
func (s *segEval) countValue(ev *evaluation, docs *roaring.Bitmap, i int, values []facetDocs, tallies *[]setTally) (int, error) {
	k := slices.IndexFunc(*tallies, func(st setTally) bool { return st.docs == docs })
	if k < 0 {
		t, way, err := s.tallyValues(docs, len(values), ev)
		if err != nil {
			return 0, err
		}
		ev.eng.facetWays[way].Add(1)
		*tallies = append(*tallies, setTally{docs, t})
		k = len(*tallies) - 1
	}
	if t := (*tallies)[k].t; t != nil {
		return int(t[i]), nil
	}
	return int(docs.AndCardinality(values[i].docs)), nil
}

// tallyTableMax is the most documents of a snapshot (all its segments,
// deleted ones included) for which the first search counting a segment's
// facets builds its table of each document's values (valuesByDoc): a
// small archive's tables are quick to build; a big one's are built by the
// window's warming (WarmFacets), or by the second search (tableDue). It
// counts the whole snapshot, not the segment: an archive of 100,000
// documents imported online is some fifteen segments under this size
// each, whose tables took 78 ms of a first phrase search's 240 (load 10).
// Engine.tallyTableMax is this but in tests.
const tallyTableMax = 1 << 16

// tallyValues counts, for each of the segment's n facet values, the
// documents of docs that have it, reading the table of each document's
// values: document by document when docs are under half the segment,
// else those not in docs, taken from each value's total; or from a kept
// tally of a set near docs, when fewer documents differ (tallykept.go).
// It returns nil when the first search of a big snapshot counts the
// facets of a segment without its table (tableDue; every set that search
// counts): the caller intersects each value's documents with docs then. Building the table in that search took
// 150-350 ms at a million documents (408 values), where intersecting
// takes 5-50 ms: a `khovanban search` with facets took 0.24-0.29 s, the
// table built, and 0.09-0.10 s without (load 13). Later searches read
// the table, which the window builds beside (WarmFacets) or the second
// search builds: intersecting at every search cost 5-45 ms of CPU more a
// search than the table (a typed number 14 → 57 ms). Measured at a
// million documents (load 18), with the table: two words without
// accents 27-29 → 19 ms of CPU a search; a phrase matching 58% of the
// documents spends about a fifth of its CPU counting facets either way.
func (s *segEval) tallyValues(docs *roaring.Bitmap, n int, ev *evaluation) ([]int32, int, error) {
	e := ev.eng
	size := s.seg.count()
	if ev.docs > e.tallyTableMax {
		if s.tableWay == 0 {
			s.tableWay = tableNot
			if s.info.tableDue() {
				s.tableWay = tableRead
			}
		}
		if s.tableWay == tableNot {
			return nil, facetByValue, nil
		}
	}
	card := docs.GetCardinality()
	half := card*2 >= size
	byDoc, err := s.info.valuesByDoc(s.seg)
	if err != nil {
		return nil, 0, err
	}
	// What counting docs directly reads: docs, or the rest.
	cost := card
	if half {
		cost = size - card
	}
	if cost >= e.tallyKeptMin {
		if t := s.info.nearTally(byDoc, docs, card, cost, n); t != nil {
			return t, facetByKept, nil
		}
	}
	var t []int32
	way := facetByDoc
	if !half {
		t = byDoc.tally(docs, n)
	} else {
		way = facetByRest
		t = byDoc.tally(roaring.Flip(docs, 0, size), n)
		for v := range t {
			t[v] = byDoc.totals[v] - t[v]
		}
	}
	if cost >= e.tallyKeptMin {
		s.info.keepTally(docs, card, slices.Clone(t))
	}
	return t, way, nil
}

// The ways tallyValues counts a set of documents' facet values.
const (
	facetByDoc   = iota // each document's values, from the table
	facetByRest         // each value's total less the other documents'
	facetByValue        // each value's documents intersected with the set
	facetByKept         // a kept tally of a set near it (nearTally)
)

// loadScoring reads the postings lists of every scoring term under the
// nodes, prefixes expanded.
func (s *segEval) loadScoring(nodes ...Node) error {
	for _, n := range nodes {
		var err error
		switch n := n.(type) {
		case Term:
			if n.Boost > 0 {
				_, err = s.list(termKey{n.Field, n.Term})
			}
		case Prefix:
			if n.Boost > 0 {
				_, err = s.bitmap(n)
			}
		case And, Or, Phrase:
			err = s.loadScoring(parts(n)...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
