package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
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

// TestReviewListWithAQuery: pressed with words in the search box, the
// review list says how many of the documents to review they match, and
// one click lists them all (usertest finding 4: "Cần xem lại (21)" gave
// "0 kết quả" with nothing said).
func TestReviewListWithAQuery(t *testing.T) {
	h := newHarness(t, true)
	n := h.v.review.count
	if n == 0 {
		t.Skip("the samples have nothing to review")
	}
	h.search("khongcotu")
	h.v.review.onToggle()
	h.settle(func() bool { return h.idle() && h.v.state.filters.Unsure })
	b := h.v.search
	if h.v.results.total != 0 || !b.noteBox.Visible() || !strings.Contains(b.note.Text, fmt.Sprintf("%d văn bản cần xem lại; 0 trong số đó khớp", n)) {
		t.Fatalf("%d results, note shown %v: %q", h.v.results.total, b.noteBox.Visible(), b.note.Text)
	}
	test.Tap(b.noteAction)
	h.settle(func() bool { return h.idle() && h.v.state.query == "" })
	if h.v.results.total != n || b.noteBox.Visible() || !h.v.state.filters.Unsure {
		t.Errorf("after %q: %d results of %d, note shown %v", b.noteAction.Text, h.v.results.total, n, b.noteBox.Visible())
	}
}

// TestLowerCaseOr: a lower-case "or" between words that finds nothing
// says OR is written in capitals, and one click searches so (usertest
// finding 15).
func TestLowerCaseOr(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương or khongcotu")
	b := h.v.search
	if h.v.results.total != 0 || !b.noteBox.Visible() || !strings.Contains(b.note.Text, "nêu gương OR khongcotu") {
		t.Fatalf("%d results, note shown %v: %q", h.v.results.total, b.noteBox.Visible(), b.note.Text)
	}
	test.Tap(b.noteAction)
	h.settleSearch("nêu gương OR khongcotu")
	if h.v.results.total == 0 || b.noteBox.Visible() {
		t.Errorf("OR: %d results, note shown %v", h.v.results.total, b.noteBox.Visible())
	}
	for q, want := range map[string]string{
		"a or b":         "a OR b",
		"a hoặc b":       "a OR b",
		"a OR b":         "",
		"or a":           "",
		"a or":           "",
		`"a or b"`:       "",
		`"x y" or "z t"`: `"x y" OR "z t"`,
		"hồ chí minh":    "",
		"a or OR b":      "",
	} {
		if got := orSuggestion(q); got != want {
			t.Errorf("orSuggestion(%q) = %q, want %q", q, got, want)
		}
	}
}
