package engine

import (
	"sync"
)

// Scoring reads a common term's whole postings list through Bleve's
// iterator, some 30 ns a posting: at 100,000 documents, the five words of
// "xay dung nong thon moi" and their pairs are a million postings. A list
// read whole is kept here, per segment, as plain arrays, so that the next
// search naming the term (the next keystroke, the next page, the same
// words again) adds its scores from memory, with the same arithmetic. The
// documents deleted when it was read are in it, but are never in a scope
// again: a segment's deletions only grow.

// termPostings is a term's postings in a segment: documents in order,
// with each one's frequency and norm.
type termPostings struct {
	docs  []uint32
	freqs []uint32
	norms []float32 // exact: Bleve's norms are float32
	used  uint64    // the last search that read it (segCache.searches), under keptMu
}

// The memory termPostings take, all segments together, is bounded by
// keptLimit: maxKeptPostings, or keptPerDoc bytes for each document of the
// segments the cache knows when that is more; past it, every segment
// forgets them. One query's terms take a share that grows with the
// documents ("xay dung nong thon moi" keeps 0.8 MB at 10,000 documents,
// 7.8 MB at 100,000): a bound that did not grow with them would, at a
// million, make every search of common words read their postings again
// (at 100,000 with a tenth of the bound, five words took 50 ms of CPU a
// search instead of 13-17).
const (
	maxKeptPostings = 32 << 20
	keptPerDoc      = 128 // about ten postings of 12 bytes per document
)

// keptLimit is the bound on the kept postings of every segment together.
func (c *segCache) keptLimit() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	var docs int64
	for _, info := range c.infos {
		docs += int64(info.docs)
	}
	return max(maxKeptPostings, docs*keptPerDoc)
}

func (t *termPostings) grow(n int) {
	t.docs, t.freqs, t.norms = make([]uint32, 0, n), make([]uint32, 0, n), make([]float32, 0, n)
}

func (t *termPostings) add(q posting) {
	t.docs = append(t.docs, uint32(q.doc))
	t.freqs = append(t.freqs, uint32(min(q.freq, 1<<32-1)))
	t.norms = append(t.norms, float32(q.norm))
}

func (t *termPostings) bytes() int64 { return int64(len(t.docs)) * 12 }

// score adds w·√freq·norm to acc for the documents of within that hold
// the term, as scoreTerm does.
func (t *termPostings) score(within *scope, w float64, acc accumulator) {
	if within.docs.GetCardinality()*8 < uint64(len(t.docs)) {
		at := 0
		it := within.docs.Iterator()
		for it.HasNext() && at < len(t.docs) {
			doc := it.Next()
			// By leaps from the last: the next is near it more often
			// than not (a small segment's matches scored whole).
			if at = gallop(t.docs, at, doc); at < len(t.docs) && t.docs[at] == doc {
				acc.add(uint64(doc), float32(w*tf(uint64(t.freqs[at]))*float64(t.norms[at])))
			}
		}
		return
	}
	for i, doc := range t.docs {
		if within.has(uint64(doc)) {
			acc.add(uint64(doc), float32(w*tf(uint64(t.freqs[i]))*float64(t.norms[i])))
		}
	}
}

// keptState is the part of a segment's cache that scoring uses.
type keptState struct {
	keptMu   sync.Mutex
	kept     map[termKey]*termPostings
	keptSize int64
}

// keptPostings returns the term's postings if a search kept them, and
// marks them as read by search (segCache.searches).
func (info *segInfo) keptPostings(k termKey, search uint64) *termPostings {
	info.keptMu.Lock()
	defer info.keptMu.Unlock()
	t := info.kept[k]
	if t != nil && search > t.used {
		t.used = search
	}
	return t
}

// keepPostings keeps a term's postings, read by search, for the next
// searches, within keptLimit for all segments. Past the limit the lists no
// later search than an earlier one read are forgotten first (a query of
// common words that keeps more than the limit does not forget, term after
// term, what it kept itself, to read it again the next time); if that is
// not room enough, the list is not kept.
func (info *segInfo) keepPostings(k termKey, t *termPostings, search uint64) {
	c := info.owner
	if c == nil {
		return
	}
	limit := c.keptLimit()
	if t.bytes() > limit/4 {
		return
	}
	t.used = search
	if c.keptBytes.Add(t.bytes()) > limit {
		c.keptBytes.Add(-t.bytes())
		c.forgetKept(search)
		if c.keptBytes.Add(t.bytes()) > limit {
			c.keptBytes.Add(-t.bytes())
			return
		}
	}
	info.keptMu.Lock()
	defer info.keptMu.Unlock()
	if info.kept == nil {
		info.kept = map[termKey]*termPostings{}
	}
	if old, ok := info.kept[k]; ok {
		c.keptBytes.Add(-old.bytes())
		info.keptSize -= old.bytes()
	}
	info.kept[k] = t
	info.keptSize += t.bytes()
}

// forgetKept drops every segment's kept postings that searches before
// search read last.
func (c *segCache) forgetKept(search uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, info := range c.infos {
		info.keptMu.Lock()
		for k, t := range info.kept {
			if t.used < search {
				delete(info.kept, k)
				info.keptSize -= t.bytes()
				c.keptBytes.Add(-t.bytes())
			}
		}
		info.keptMu.Unlock()
	}
}

// dropKept drops the segment's kept postings, and their size from the
// cache's total.
func (info *segInfo) dropKept() {
	info.keptMu.Lock()
	defer info.keptMu.Unlock()
	info.owner.keptBytes.Add(-info.keptSize)
	info.kept, info.keptSize = nil, 0
}
