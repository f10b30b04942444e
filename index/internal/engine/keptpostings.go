package engine

import (
	"slices"
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
}

// maxKeptPostings bounds the memory termPostings take, all segments
// together; past it, every segment forgets them (keptLimit).
const maxKeptPostings = 32 << 20

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
func (t *termPostings) score(within *scope, w float64, acc []float32) {
	if within.docs.GetCardinality()*8 < uint64(len(t.docs)) {
		at := 0
		it := within.docs.Iterator()
		for it.HasNext() && at < len(t.docs) {
			doc := it.Next()
			i, found := slices.BinarySearch(t.docs[at:], doc)
			at += i
			if found {
				acc[doc] += float32(w * tf(uint64(t.freqs[at])) * float64(t.norms[at]))
			}
		}
		return
	}
	for i, doc := range t.docs {
		if within.has(uint64(doc)) {
			acc[doc] += float32(w * tf(uint64(t.freqs[i])) * float64(t.norms[i]))
		}
	}
}

// keptState is the part of a segment's cache that scoring uses.
type keptState struct {
	keptMu   sync.Mutex
	kept     map[termKey]*termPostings
	keptSize int64
}

// keptPostings returns the term's postings if a search kept them.
func (info *segInfo) keptPostings(k termKey) *termPostings {
	info.keptMu.Lock()
	defer info.keptMu.Unlock()
	return info.kept[k]
}

// keepPostings keeps a term's postings for the next searches, within
// maxKeptPostings for all segments.
func (info *segInfo) keepPostings(k termKey, t *termPostings) {
	c := info.owner
	if c == nil || t.bytes() > maxKeptPostings/4 {
		return
	}
	if c.keptBytes.Add(t.bytes()) > maxKeptPostings {
		c.forgetKept()
		c.keptBytes.Add(t.bytes())
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

// forgetKept drops every segment's kept postings.
func (c *segCache) forgetKept() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, info := range c.infos {
		info.dropKept()
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
