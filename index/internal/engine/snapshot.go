package engine

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
)

// Listings of a snapshot that are not searches.

// Probe reads every term of a field with its documents in every segment,
// to find damage early.
func (s *Snapshot) Probe(field string) (err error) {
	defer recoverDamage(&err)
	var r bitmapReader
	for _, g := range s.segs {
		if err := eachTerm(g, field, &r, func(string, *roaring.Bitmap) {}); err != nil {
			return err
		}
	}
	return nil
}

// FacetValues lists every facet value (prefix and term, "y:2014") in the
// snapshot, each once, deleted documents' included.
func (e *Engine) FacetValues(ctx context.Context, snap *Snapshot) (values []string, err error) {
	defer recoverDamage(&err)
	seen := map[string]bool{}
	for _, g := range snap.segs {
		if err := ctx.Err(); err != nil {
			return values, err
		}
		facts, err := e.segs.get(g).facetValues(g)
		if err != nil {
			return values, err
		}
		for _, v := range facts {
			if !seen[v.value] {
				seen[v.value] = true
				values = append(values, v.value)
			}
		}
	}
	return values, nil
}

// WarmFacets reads each segment's facet values and builds its table of
// every document's values (valuesByDoc), which the second search
// counting a big segment's facets builds otherwise (the first intersects
// each value's documents with its match): about 150 ms of CPU at a
// million documents. It is for a process that will search again and
// again (the window), in the background; the end of ctx stops it
// between segments.
func (e *Engine) WarmFacets(ctx context.Context, snap *Snapshot) (err error) {
	defer recoverDamage(&err)
	for _, g := range snap.segs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := e.segs.get(g).valuesByDoc(g); err != nil {
			return err
		}
	}
	return nil
}

// FacetTables counts the segments whose table of every document's facet
// values is built (WarmFacets), for tests.
func (e *Engine) FacetTables() int {
	c := &e.segs
	c.mu.Lock()
	infos := make([]*segInfo, 0, len(c.infos))
	for _, info := range c.infos {
		infos = append(infos, info)
	}
	c.mu.Unlock()
	n := 0
	for _, info := range infos {
		info.mu.Lock()
		if info.byDoc != nil {
			n++
		}
		info.mu.Unlock()
	}
	return n
}

// DocRef names a document of a snapshot, for DocID.
type DocRef uint64

// DocFreqs tells how many live documents hold each term of a field.
func (s *Snapshot) DocFreqs(field string, terms []string) (df []uint64, err error) {
	return s.DocFreqsUpTo(field, terms, math.MaxUint64)
}

// DocFreqsUpTo is DocFreqs for a caller that needs a count only while it
// is at most limit: the segments are read the largest first, and a term
// found in more than limit documents is not looked up in the others (its
// count is then some number above limit). Finding twins while importing
// asks it for 24 terms of each new document in every segment, and most of
// them are common: without the limit that took 6% of an import's CPU at
// 14,000 documents and 14% at 200,000.
func (s *Snapshot) DocFreqsUpTo(field string, terms []string, limit uint64) (df []uint64, err error) {
	defer recoverDamage(&err)
	df = make([]uint64, len(terms))
	order := make([]int, len(s.segs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(s.segs[y].count(), s.segs[x].count()) })
	for _, i := range order {
		g := s.segs[i]
		d, err := g.dict(field)
		if err != nil {
			return nil, err
		}
		for j, t := range terms {
			if df[j] > limit {
				continue
			}
			p, err := d.postings(t, g.deleted)
			if err != nil {
				return nil, fmt.Errorf("postings of %s:%s: %w", field, t, err)
			}
			if p.pl != nil {
				df[j] += p.count()
			}
		}
	}
	return df, nil
}

// CountHolders tells, for each live document holding some of the terms of
// a field, how many of them it holds.
func (s *Snapshot) CountHolders(field string, terms []string) (counts map[DocRef]int, err error) {
	defer recoverDamage(&err)
	counts = map[DocRef]int{}
	var r bitmapReader
	for i, g := range s.segs {
		d, err := g.dict(field)
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			p, err := d.postings(t, g.deleted)
			if err != nil {
				return nil, fmt.Errorf("postings of %s:%s: %w", field, t, err)
			}
			if p.pl == nil {
				continue
			}
			it := r.docs(p).Iterator()
			for it.HasNext() {
				counts[DocRef(uint64(i)<<32|uint64(it.Next()))]++
			}
		}
	}
	return counts, nil
}

// DocID is the id of a document.
func (s *Snapshot) DocID(ref DocRef) (id string, err error) {
	defer recoverDamage(&err)
	return s.segs[ref>>32].docID(uint64(ref & (1<<32 - 1)))
}
