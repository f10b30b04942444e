package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// panelText is what the facet panel and the timeline say, value by value.
func panelText(h *harness) string {
	var lines []string
	for name, checks := range h.v.browse.checks {
		for value, c := range checks {
			lines = append(lines, name+"/"+value+": "+c.label.Text)
		}
	}
	lines = append(lines, fmt.Sprint(h.v.timeline.years))
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// TestFacetsWhenTypingPauses checks that a keystroke's results come
// without its facets, the panel and the year chart keeping an earlier
// search's counts greyed meanwhile, "Đang đếm…" beside the panel's title
// (usertest s11: the whole archive's counts stood for seconds beside a
// search's results, read as its own; s13: taken away at each key, they
// flickered while the person typed); and that the facets then shown are
// the query's as SearchAsTyped counts them.
func TestFacetsWhenTypingPauses(t *testing.T) {
	h := newHarness(t, true)
	before := panelText(h)
	defer func(d time.Duration) { facetPause = d }(facetPause)
	facetPause = time.Hour
	results := func(q string) func() bool {
		return func() bool {
			return !h.v.state.pending && h.v.state.shown == h.v.state.gen && h.v.state.query == q
		}
	}
	test.Type(h.v.search.entry, "nêu")
	h.settle(results("nêu"))
	if h.v.results.total == 0 || h.v.state.facets == h.v.state.gen {
		t.Fatalf("%d results, facets of search %d of %d", h.v.results.total, h.v.state.facets, h.v.state.gen)
	}
	if got := panelText(h); got != before {
		t.Errorf("before typing paused the panel changed:\n%s\nwas\n%s", got, before)
	}
	for name, checks := range h.v.browse.checks {
		for value, c := range checks {
			if c.label.Importance != widget.LowImportance {
				t.Errorf("before typing paused %s/%s is not greyed: %q", name, value, c.label.Text)
			}
		}
	}
	if !h.v.browse.counting.Visible() || !h.v.timeline.pending || len(timelineTexts(h.v.timeline)) < 2 {
		t.Errorf("before typing paused: panel says counting %v, chart waits %v %q", h.v.browse.counting.Visible(), h.v.timeline.pending, timelineTexts(h.v.timeline))
	}
	// The next keys: this query's facets come after the pause (the count
	// that waited for "nêu" is stopped by the next search).
	facetPause = time.Millisecond
	test.Type(h.v.search.entry, " gư")
	h.settleSearch("nêu gư")
	typed, err := h.arc.SearchAsTyped(context.Background(), index.Request{Query: "nêu gư", Limit: pageSize})
	if err != nil {
		t.Fatal(err)
	}
	got := panelText(h)
	if h.v.browse.counting.Visible() || h.v.timeline.pending {
		t.Error("still counting once the counts came")
	}
	for name, checks := range h.v.browse.checks {
		for value, c := range checks {
			if c.label.Importance == widget.LowImportance {
				t.Errorf("once typing paused %s/%s is still greyed", name, value)
			}
		}
	}
	h.v.showFacets(typed.Request, typed.Facets)
	if want := panelText(h); got == before || got != want {
		t.Errorf("facets once typing paused:\n%s\nwant\n%s\nbefore\n%s", got, want, before)
	}
}

// timelineTexts are the words the year chart draws.
func timelineTexts(t *timeline) []string {
	var out []string
	for _, o := range test.WidgetRenderer(t).Objects() {
		if txt, ok := o.(*canvas.Text); ok && !txt.Hidden {
			out = append(out, txt.Text)
		}
	}
	return out
}
