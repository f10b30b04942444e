package engine

import "testing"

// TestKeptLimitGrowsWithDocuments: the kept postings' bound is 32 MB up to
// 262,144 documents, then keptPerDoc bytes a document, so that one query's
// common words (7.8 MB at 100,000 documents, ten times that at a million)
// stay kept however large the archive; a term past a quarter of it is not.
func TestKeptLimitGrowsWithDocuments(t *testing.T) {
	for _, c := range []struct {
		segs []uint64
		want int64
	}{
		{nil, maxKeptPostings},
		{[]uint64{10_000}, maxKeptPostings},
		{[]uint64{60_000, 40_000}, maxKeptPostings},
		{[]uint64{600_000, 300_000, 90_000, 10_000}, 1_000_000 * keptPerDoc},
	} {
		cache := &segCache{infos: map[any]*segInfo{}}
		for i, n := range c.segs {
			cache.infos[i] = &segInfo{owner: cache, docs: n}
		}
		if got := cache.keptLimit(); got != c.want {
			t.Errorf("%v documents: limit %d, want %d", c.segs, got, c.want)
		}
	}
	cache := &segCache{infos: map[any]*segInfo{}}
	info := &segInfo{owner: cache, docs: 1_000_000}
	cache.infos[0] = info
	big := &termPostings{}
	big.grow(1_000_000) // a word in every document of a million: 12 MB
	for range 1_000_000 {
		big.add(posting{doc: 1, freq: 1, norm: 1})
	}
	info.keepPostings(termKey{"f", "t"}, big)
	if info.keptPostings(termKey{"f", "t"}) == nil {
		t.Error("a word in every one of a million documents was not kept")
	}
	small := &segCache{infos: map[any]*segInfo{}}
	sinfo := &segInfo{owner: small, docs: 10_000}
	small.infos[0] = sinfo
	sinfo.keepPostings(termKey{"f", "t"}, big)
	if sinfo.keptPostings(termKey{"f", "t"}) != nil || small.keptBytes.Load() != 0 {
		t.Error("12 MB of postings kept where the bound is 32 MB")
	}
}
