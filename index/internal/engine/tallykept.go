package engine

import (
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
)

// Facet tallies kept. Counting the facet values of a large match reads
// the table of each document's values (valuesByDoc) for every document
// of the match, or of the rest of the segment: at 1,000,000 documents a
// common phrase's match is half of each segment, and the same search
// again (a page, a sort, the window coming back to its results, the next
// search of a phrase whose texts are being read) counted it all again:
// about a sixth of such a search's CPU. A segment keeps the tallies of
// the last few large sets it counted, and a set near one of them is
// counted from it: its tally less the documents it has and the set has
// not, plus those the set has and it has not. The numbers are the same
// as counting the set itself: a segment's values never change.

// maxTalliesKept is how many tallies a segment keeps, the newest.
const maxTalliesKept = 4

// tallyKeptMin is the fewest documents a tally must read, counted
// directly, for it to be kept (Engine.tallyKeptMin, lowered by tests):
// a smaller one costs about what finding a near one does.
const tallyKeptMin = 1024

// tallyState is the part of a segment's cache that keeps tallies.
type tallyState struct {
	tallyMu sync.Mutex
	tallies []keptTally // the newest last; each never changed once kept
}

// keptTally is how many documents of docs (a copy) have each facet value.
type keptTally struct {
	docs   *roaring.Bitmap
	card   uint64
	counts []int32
}

// nearTally counts the n facet values of docs (card documents) from a
// kept tally whose documents differ from them in fewer than cost
// documents, the cost of counting docs directly; nil when none does.
func (info *segInfo) nearTally(byDoc *docValues, docs *roaring.Bitmap, card, cost uint64, n int) []int32 {
	info.tallyMu.Lock()
	kept := slices.Clone(info.tallies)
	info.tallyMu.Unlock()
	best := -1
	for i, k := range kept {
		if len(k.counts) != n {
			continue
		}
		both := k.docs.AndCardinality(docs)
		if d := k.card - both + card - both; d < cost {
			best, cost = i, d
		}
	}
	if best < 0 {
		return nil
	}
	k := kept[best]
	out := slices.Clone(k.counts)
	byDoc.add(out, roaring.AndNot(k.docs, docs), -1)
	byDoc.add(out, roaring.AndNot(docs, k.docs), 1)
	return out
}

// keepTally keeps the tally of docs (card documents), replacing the
// oldest past maxTalliesKept. The caller must not change counts after.
func (info *segInfo) keepTally(docs *roaring.Bitmap, card uint64, counts []int32) {
	k := keptTally{docs: docs.Clone(), card: card, counts: counts}
	info.tallyMu.Lock()
	defer info.tallyMu.Unlock()
	if len(info.tallies) >= maxTalliesKept {
		info.tallies = slices.Delete(slices.Clone(info.tallies), 0, 1)
	}
	info.tallies = append(info.tallies, k)
}
