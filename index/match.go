package index

import (
	"fmt"
	"slices"
	"strings"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"khovanban/index/vntext"
)

// segEval is an evaluation's work in one segment. Only one worker at a
// time uses it.
type segEval struct {
	index   int // in the snapshot
	seg     segment.Segment
	info    *segInfo
	deleted *roaring.Bitmap
	dicts   map[string]segment.TermDictionary
	lists   map[termKey]*postings
	expands map[termKey][]string       // prefix → the terms it stands for here
	nodes   map[string]*roaring.Bitmap // and/or node → its documents
	// phraseDocs holds, by signature, the documents found to hold each
	// phrase of the plan (decidePhrases); until then a phrase node
	// matches the documents that hold its pairs.
	phraseDocs map[string]*roaring.Bitmap

	match  *roaring.Bitmap // the live documents the query matches
	counts map[string]int  // facet value → matching documents
	best   []found         // the best matches, in no order
}

// termKey names a term of a field.
type termKey struct{ field, term string }

// postings is one term's postings list in a segment and, once asked for,
// the bitmap of its documents.
type postings struct {
	list segment.PostingsList
	bm   *roaring.Bitmap
}

// dict is the segment's term dictionary of a field.
func (s *segEval) dict(field string) (segment.TermDictionary, error) {
	if d, ok := s.dicts[field]; ok {
		return d, nil
	}
	d, err := s.seg.Dictionary(field)
	if err != nil {
		return nil, fmt.Errorf("search: dictionary %s: %w", field, err)
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
	pl, err := d.PostingsList([]byte(k.term), s.deleted, nil)
	if err != nil {
		return nil, fmt.Errorf("search: postings of %s:%s: %w", k.field, k.term, err)
	}
	var p *postings
	if pl != nil && pl.Count() > 0 {
		p = &postings{list: pl}
	}
	s.lists[k] = p
	return p, nil
}

// bitmap is the set of documents holding the term, which the caller must
// not change.
func (p *postings) bitmap() *roaring.Bitmap {
	if p.bm != nil {
		return p.bm
	}
	var it segment.PostingsIterator
	if bm, ok := inPlace(p.list, &it); ok {
		p.bm = bm
		return bm
	}
	bm := roaring.New()
	if o, ok := p.list.(interface{ OrInto(*roaring.Bitmap) }); ok {
		o.OrInto(bm)
	} else {
		it := p.list.Iterator(false, false, false, nil)
		for q, err := it.Next(); err == nil && q != nil; q, err = it.Next() {
			bm.Add(uint32(q.Number()))
		}
	}
	p.bm = bm
	return bm
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
	it := termsIn(d, []byte(prefix), prefixEnd([]byte(prefix)))
	for {
		entry, err := it.Next()
		if err != nil {
			return nil, fmt.Errorf("search: terms of %s:%s*: %w", k.field, k.term, err)
		}
		if entry == nil {
			break
		}
		if filtered && !startsWithWords(entry.Term, strings.Fields(words)) {
			continue
		}
		terms = append(terms, entry.Term)
	}
	s.expands[k] = terms
	return terms, nil
}

// startsWithWords tells whether the folded syllables of term start with
// words.
func startsWithWords(term string, words []string) bool {
	i := 0
	ok := true
	vntext.ForEachToken(term, func(t vntext.Token) {
		if i < len(words) && ok {
			ok = vntext.Fold(t.Text) == words[i]
			i++
		}
	})
	return ok && i == len(words)
}

// termsIn iterates over the terms of a dictionary from start up to end
// (nil for no bound) without reading each term's postings, where the
// segment allows it.
func termsIn(d segment.TermDictionary, start, end []byte) segment.DictionaryIterator {
	type omitCount interface {
		AutomatonIteratorOmitCount(a segment.Automaton, start, end []byte) segment.DictionaryIterator
	}
	if o, ok := d.(omitCount); ok {
		return o.AutomatonIteratorOmitCount(nil, start, end)
	}
	return d.AutomatonIterator(nil, start, end)
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
func (s *segEval) bitmap(n node) (*roaring.Bitmap, error) {
	switch n := n.(type) {
	case termNode:
		p, err := s.list(termKey{n.field, n.term})
		if err != nil || p == nil {
			return roaring.New(), err
		}
		return p.bitmap(), nil
	case allNode:
		bm := roaring.New()
		bm.AddRange(0, s.seg.Count())
		return bm, nil
	case noneNode:
		return roaring.New(), nil
	case phraseNode:
		if bm, ok := s.phraseDocs[signature(n)]; ok {
			return bm, nil
		}
		return s.bitmap(n.pairs)
	}
	key := signature(n)
	if bm, ok := s.nodes[key]; ok {
		return bm, nil
	}
	var bms []*roaring.Bitmap
	switch n := n.(type) {
	case prefixNode:
		terms, err := s.expand(n.key())
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			p, err := s.list(termKey{n.field, t})
			if err != nil {
				return nil, err
			}
			if p != nil {
				bms = append(bms, p.bitmap())
			}
		}
	case andNode, orNode:
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
		if _, ok := n.(andNode); ok {
			bm = roaring.FastAnd(bms...)
		} else {
			bm = roaring.FastOr(bms...)
		}
	}
	s.nodes[key] = bm
	return bm, nil
}

// parts are the parts of an and or or node, nil for other nodes.
func parts(n node) []node {
	switch n := n.(type) {
	case andNode:
		return n.parts
	case orNode:
		return n.parts
	case phraseNode:
		return n.pairs.parts
	}
	return nil
}

// signature names the documents a node matches: two nodes that differ
// only in boosts have the same.
func signature(n node) string {
	switch n := n.(type) {
	case termNode:
		return n.field + ":" + n.term
	case prefixNode:
		return n.field + ":" + n.key().term + "*"
	case andNode, orNode:
		op := " OR "
		if _, ok := n.(andNode); ok {
			op = " AND "
		}
		var names []string
		for _, p := range parts(n) {
			names = append(names, signature(p))
		}
		return "(" + strings.Join(names, op) + ")"
	case phraseNode:
		return `"` + strings.Join(n.words, " ") + `"`
	case allNode:
		return "*"
	}
	return "-"
}

// matchAll works out which live documents of the segment match the
// evaluation's plan.
func (s *segEval) matchAll(e *evaluation) error {
	p := e.plan
	must := p.must
	if len(must) == 0 {
		must = []node{allNode{}}
	}
	bm, err := s.bitmap(andNode{must})
	if err != nil {
		return err
	}
	if phrases := phrasesIn(nil, append(slices.Clone(p.must), p.mustNot...)...); len(phrases) > 0 {
		// The documents that may match are those of the must nodes with
		// each phrase standing for its pairs: among them, which hold the
		// phrases decides the match.
		within := bm.Clone()
		if s.deleted != nil {
			within.AndNot(s.deleted)
		}
		if err := s.decidePhrases(e, phrases, within); err != nil {
			return err
		}
		clear(s.nodes)
		if bm, err = s.bitmap(andNode{must}); err != nil {
			return err
		}
	}
	match := bm.Clone()
	if len(p.mustNot) > 0 {
		not, err := s.bitmap(orNode{p.mustNot})
		if err != nil {
			return err
		}
		match.AndNot(not)
	}
	if s.deleted != nil {
		match.AndNot(s.deleted)
	}
	s.match = match
	return nil
}

// countFacets counts the facet values of the segment's matches.
func (s *segEval) countFacets() error {
	s.counts = map[string]int{}
	if s.match.IsEmpty() {
		return nil
	}
	values, err := s.info.facetValues(s.seg)
	if err != nil {
		return err
	}
	for _, v := range values {
		if n := s.match.AndCardinality(v.docs); n > 0 {
			s.counts[v.value] += int(n)
		}
	}
	return nil
}

// loadScoring reads the postings lists of every scoring term under the
// nodes, prefixes expanded.
func (s *segEval) loadScoring(nodes ...node) error {
	for _, n := range nodes {
		var err error
		switch n := n.(type) {
		case termNode:
			if n.boost > 0 {
				_, err = s.list(termKey{n.field, n.term})
			}
		case prefixNode:
			if n.boost > 0 {
				_, err = s.bitmap(n)
			}
		case andNode, orNode, phraseNode:
			err = s.loadScoring(parts(n)...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
