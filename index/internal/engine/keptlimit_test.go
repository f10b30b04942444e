package engine

import (
	"strings"
	"testing"
)

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
	info.keepPostings(termKey{"f", "t"}, big, 1)
	if info.keptPostings(termKey{"f", "t"}, 1) == nil {
		t.Error("a word in every one of a million documents was not kept")
	}
	small := &segCache{infos: map[any]*segInfo{}}
	sinfo := &segInfo{owner: small, docs: 10_000}
	small.infos[0] = sinfo
	sinfo.keepPostings(termKey{"f", "t"}, big, 1)
	if sinfo.keptPostings(termKey{"f", "t"}, 1) != nil || small.keptBytes.Load() != 0 {
		t.Error("12 MB of postings kept where the bound is 32 MB")
	}
}

// TestKeptForgetsOlderSearchesFirst: past the bound, the lists of earlier
// searches are forgotten, not those the search itself kept or read; a
// list there is then no room for is not kept. A query whose words' lists
// are more than the bound (the seven-syllable phrase's at a million
// documents) so keeps most of them instead of forgetting them all on
// every search.
func TestKeptForgetsOlderSearchesFirst(t *testing.T) {
	cache := &segCache{infos: map[any]*segInfo{}}
	info := &segInfo{owner: cache, docs: 1000}
	cache.infos[0] = info
	const n = 7 << 20 / 12 // 7 MB lists: four fit under the 32 MB bound
	list := func() *termPostings {
		p := &termPostings{}
		p.grow(n)
		for range n {
			p.add(posting{doc: 1, freq: 1, norm: 1})
		}
		return p
	}
	kept := func() string {
		var out []string
		for _, name := range strings.Fields("a b c d e f g") {
			if info.kept[termKey{"f", name}] != nil {
				out = append(out, name)
			}
		}
		return strings.Join(out, " ")
	}
	for _, name := range []string{"a", "b", "c"} {
		info.keepPostings(termKey{"f", name}, list(), 1)
	}
	// Search 2 reads a again and keeps d and e: b and c go, a stays.
	info.keptPostings(termKey{"f", "a"}, 2)
	info.keepPostings(termKey{"f", "d"}, list(), 2)
	info.keepPostings(termKey{"f", "e"}, list(), 2)
	if got := kept(); got != "a d e" {
		t.Errorf("after search 2 kept %q, want \"a d e\"", got)
	}
	// Search 2 keeps f, and then no room is left without forgetting its own.
	info.keepPostings(termKey{"f", "f"}, list(), 2)
	info.keepPostings(termKey{"f", "g"}, list(), 2)
	if got := kept(); got != "a d e f" {
		t.Errorf("after two more lists of search 2 kept %q, want \"a d e f\"", got)
	}
	if cache.keptBytes.Load() != info.keptSize || info.keptSize != 4*n*12 {
		t.Errorf("kept %d bytes, segment %d", cache.keptBytes.Load(), info.keptSize)
	}
}
