package ui

import (
	"testing"
)

func TestReviewList(t *testing.T) {
	h := newHarness(t, true)
	n := h.v.review.count
	rb := h.v.review
	rb.onToggle()
	h.settle(func() bool { return h.idle() && h.v.state.filters.Unsure })
	if h.v.results.total != n {
		t.Errorf("review lists %d, button says %d", h.v.results.total, n)
	}
	if n > 0 && len(h.v.chips.chips) != 1 {
		t.Error("no chip for the review filter")
	}
	rb.onToggle()
	h.settle(func() bool { return h.idle() && !h.v.state.filters.Unsure })
}
