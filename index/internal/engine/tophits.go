package engine

import "fmt"

// hitHeap keeps the best hits with the worst on top, so that it can be
// dropped when a better one comes.
type hitHeap struct {
	hits []found
	less func(a, b found) bool // a ranks below b
}

func (h *hitHeap) Len() int { return len(h.hits) }

func (h *hitHeap) push(f found) {
	h.hits = append(h.hits, f)
	for i := len(h.hits) - 1; i > 0; {
		parent := (i - 1) / 2
		if !h.less(h.hits[i], h.hits[parent]) {
			break
		}
		h.hits[i], h.hits[parent] = h.hits[parent], h.hits[i]
		i = parent
	}
}

// offer keeps f when it is among the keep best.
func (h *hitHeap) offer(f found, keep int) {
	switch {
	case len(h.hits) < keep:
		h.push(f)
	case keep > 0 && h.less(h.hits[0], f):
		h.replaceTop(f)
	}
}

// replaceTop puts f in place of the worst hit.
func (h *hitHeap) replaceTop(f found) {
	h.hits[0] = f
	h.down(0, len(h.hits))
}

func (h *hitHeap) down(i, n int) {
	for {
		worst, l, r := i, 2*i+1, 2*i+2
		if l < n && h.less(h.hits[l], h.hits[worst]) {
			worst = l
		}
		if r < n && h.less(h.hits[r], h.hits[worst]) {
			worst = r
		}
		if worst == i {
			return
		}
		h.hits[i], h.hits[worst] = h.hits[worst], h.hits[i]
		i = worst
	}
}

// sorted empties the heap into a list, best first.
func (h *hitHeap) sorted() []found {
	for n := len(h.hits) - 1; n > 0; n-- {
		h.hits[0], h.hits[n] = h.hits[n], h.hits[0]
		h.down(0, n)
	}
	out := h.hits
	h.hits = nil
	return out
}

// ranksBelow orders hits for the evaluation's sort: true when a comes
// after b. Equal scores and dates are ordered by document id, so that
// paging through a long list neither repeats nor skips a document and the
// order does not depend on the order files were imported in; ids are read
// only for such ties.
func (ev *evaluation) ranksBelow() func(a, b found) bool {
	byScore := func(a, b found) bool {
		if a.score != b.score {
			return a.score < b.score
		}
		return ev.mustID(a) > ev.mustID(b)
	}
	switch ev.order {
	case Newest:
		return func(a, b found) bool {
			if a.date != b.date {
				return a.date < b.date // unknown dates (0) last
			}
			return byScore(a, b)
		}
	case Oldest:
		return func(a, b found) bool {
			if a.date != b.date {
				if a.date == 0 || b.date == 0 {
					return a.date == 0
				}
				return a.date > b.date
			}
			return byScore(a, b)
		}
	}
	return byScore
}

// idOf is the external id of a hit.
func (ev *evaluation) idOf(f found) (string, error) {
	ev.idMu.Lock()
	defer ev.idMu.Unlock()
	key := [2]uint32{uint32(f.seg), f.doc}
	if id, ok := ev.ids[key]; ok {
		return id, nil
	}
	id, err := ev.segs[f.seg].seg.docID(uint64(f.doc))
	if err != nil {
		return "", fmt.Errorf("id of document %d: %w", f.doc, err)
	}
	if ev.ids == nil {
		ev.ids = map[[2]uint32]string{}
	}
	ev.ids[key] = id
	return id, nil
}

// mustID is idOf for comparisons, which cannot return an error: a
// damaged segment panics, and Search turns the panic into ErrDamaged.
func (ev *evaluation) mustID(f found) string {
	id, err := ev.idOf(f)
	if err != nil {
		panic(err)
	}
	return id
}
