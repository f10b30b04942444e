package ui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

func TestFacetAndYearFilter(t *testing.T) {
	h := newHarness(t, true)
	checks := h.v.browse.checks[index.FacetCampaign]
	c, ok := checks["Dân vận khéo"]
	if !ok {
		t.Fatalf("campaign facet lacks Dân vận khéo: %v", keys(checks))
	}
	test.Tap(c)
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Campaigns) == 1 })
	n := h.v.results.total
	if n == 0 || n >= 10 {
		t.Fatalf("campaign filter gives %d", n)
	}
	for _, hit := range h.v.results.pages[0] {
		if !slices.Contains(hit.Campaigns, "Dân vận khéo") {
			t.Errorf("%q is not in the campaign", hit.Title)
		}
	}
	if len(h.v.chips.chips) != 1 {
		t.Fatalf("%d chips, want 1", len(h.v.chips.chips))
	}

	// A year from the timeline narrows further.
	years := h.v.timeline.years
	if len(years) == 0 {
		t.Fatal("no timeline")
	}
	year := years[0].year
	h.v.timeline.Resize(fyne.NewSize(400, timelineHeight))
	test.TapAt(h.v.timeline, fyne.NewPos(2, 40))
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Years) == 1 })
	for _, hit := range h.v.results.pages[0] {
		if hit.Year != year {
			t.Errorf("year filter %d shows a %d document", year, hit.Year)
		}
	}
	// The other years stay on the timeline to add.
	if len(h.v.timeline.years) < 2 {
		t.Errorf("timeline shows %d years under a year filter", len(h.v.timeline.years))
	}

	// One tap on a chip removes its filter.
	test.Tap(h.v.chips.chips[0])
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Campaigns) == 0 })
	if len(h.v.state.filters.Years) != 1 {
		t.Error("removing the campaign chip removed the year")
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestBrowseColumnFollowsAShorterList: scrolled far down, the browse
// column made shorter by a narrower search still shows its top part, not
// an empty offset past its end (usertest finding 39).
func TestBrowseColumnFollowsAShorterList(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1024, 500))
	h.search("")
	p := h.v.browse
	for _, hd := range p.headers {
		hd.setOpen(true)
	}
	s := p.scroll
	end := s.Content.MinSize().Height - s.Size().Height
	if end <= 100 {
		t.Fatalf("the column is %v tall in %v: nothing to scroll", s.Content.MinSize().Height, s.Size().Height)
	}
	s.ScrollToOffset(fyne.NewPos(0, end))
	h.search("so:215/UBND-VP")
	if end := max(0, s.Content.MinSize().Height-s.Size().Height); s.Offset.Y > end {
		t.Errorf("offset %v past the column's end %v", s.Offset.Y, end)
	}
}

// TestBadQueryTakesTheCounts: while a query's mistake is said and the list
// is empty, the browse column keeps no count of the query before (they
// were read as this one's); a chosen value stays, without a count, to be
// taken off. Fixing the query brings the counts back.
func TestBadQueryTakesTheCounts(t *testing.T) {
	h := newHarness(t, true)
	test.Tap(h.v.browse.checks[index.FacetCampaign]["Dân vận khéo"])
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Campaigns) == 1 })
	counted := func() (n int, labels []string) {
		for _, ft := range facetTitles() {
			for _, c := range h.v.browse.checks[ft.name] {
				labels = append(labels, c.label.Text)
				if strings.HasSuffix(c.label.Text, ")") {
					n++
				}
			}
		}
		return n, labels
	}
	if n, labels := counted(); n < 3 {
		t.Fatalf("before: %d values counted: %q", n, labels)
	}

	test.Type(h.v.search.entry, "ngày:31/02/2026")
	h.settle(func() bool { return h.idle() && !h.v.search.queryErr.Hidden })
	if h.v.search.count.Text != "Chưa tìm được" {
		t.Fatalf("count says %q", h.v.search.count.Text)
	}
	if n, labels := counted(); n != 0 || !slices.Equal(labels, []string{"Dân vận khéo"}) {
		t.Errorf("under the message the column shows %q (%d counted), want the chosen value alone, no count", labels, n)
	}

	h.v.search.entry.SetText("")
	h.settle(func() bool { return h.idle() && h.v.search.queryErr.Hidden && h.v.results.total > 0 })
	if n, labels := counted(); n < 3 {
		t.Errorf("after the fix: %d values counted: %q", n, labels)
	}
}

// TestFacetRowsFollowTheirLines: a search that moves a long value to
// where a short one was (the rows are reused) must lay the rows out
// again. At a million documents "Cải cách hành chính (37.047)" kept the
// two-line row of the campaign shown there before, and the three-line
// campaign below it ran over the next one.
func TestFacetRowsFollowTheirLines(t *testing.T) {
	test.NewTempApp(t)
	p := newBrowsePanel(func(string, string, bool) {})
	w := test.NewTempWindow(t, p.content(widget.NewLabel("")))
	w.Resize(fyne.NewSize(280, 2000))
	long := "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau"
	mid := "Toàn dân bảo vệ an ninh Tổ quốc"
	short := "Cải cách hành chính"
	show := func(values ...string) {
		var fv []index.FacetValue
		for i, v := range values {
			fv = append(fv, index.FacetValue{Value: v, Count: 120_000 - i})
		}
		p.update(map[string][]index.FacetValue{index.FacetCampaign: fv}, index.Filters{})
	}
	show(mid, long, short)
	show(short, mid, long)
	rows := p.sections[index.FacetCampaign].Objects
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for i, r := range rows {
		c := r.(*facetCheck)
		if got, want := r.Size().Height, r.MinSize().Height; got != want {
			t.Errorf("row %d %q is %.0f high, its lines need %.0f", i, c.label.Text, got, want)
		}
		if i > 0 {
			prev := rows[i-1]
			if end := prev.Position().Y + prev.Size().Height; r.Position().Y < end {
				t.Errorf("row %d %q starts at %.0f, over row %d which ends at %.0f", i, c.label.Text, r.Position().Y, i-1, end)
			}
		}
	}
}

// TestFilterWithNoDocumentLeftIsTakenOff: once the Trash that held every
// document of a chosen campaign is emptied, a search under its chip that
// finds nothing takes the chip off, says so, and shows what the search
// finds without it; a chosen value that still has documents stays
// (usertest session 10, finding 6: "0 kết quả" under the chip of a
// campaign gone from the panel).
func TestFilterWithNoDocumentLeftIsTakenOff(t *testing.T) {
	h := newHarness(t, true)
	ctx := context.Background()
	const name = "Dân vận khéo"
	f := index.Filters{Campaigns: []string{name}}
	res, err := h.arc.Search(ctx, index.Request{Filters: f, Limit: 1000, NoFacets: true})
	if err != nil || res.Total == 0 {
		t.Fatalf("%s: %v (%v)", name, res, err)
	}
	var ids []string
	for _, hit := range res.Hits {
		ids = append(ids, hit.ID)
	}
	h.v.onFilterToggled(index.FacetCampaign, name, true)
	h.settle(h.idle)
	// A search under the chip that finds nothing while the campaign has
	// documents keeps it.
	h.search("zzkhongcotuaynao")
	if h.v.results.total != 0 || !slices.Contains(h.v.state.filters.Campaigns, name) {
		t.Fatalf("with documents left: %d results, filters %+v", h.v.results.total, h.v.state.filters)
	}
	if err := h.arc.Delete(ids...); err != nil {
		t.Fatal(err)
	}
	// While the undo of the delete is offered, the chip stays.
	h.v.search.deleted = ids
	h.search("nêu gương")
	if !slices.Contains(h.v.state.filters.Campaigns, name) {
		t.Fatalf("taken off while the delete can be undone: %+v", h.v.state.filters)
	}
	h.v.forgetDeleted()
	if _, err := h.arc.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	h.search("nêu gương ")
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Campaigns) == 0 })
	all, err := h.arc.Search(ctx, index.Request{Query: "nêu gương ", AsYouType: true, Limit: 1, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if h.v.results.total != all.Total || all.Total == 0 {
		t.Errorf("the list shows %d documents, the archive has %d for the search", h.v.results.total, all.Total)
	}
	if len(h.v.chips.chips) != 0 {
		t.Errorf("chips left: %d", len(h.v.chips.chips))
	}
	want := "Đã bỏ bộ lọc “Phong trào: " + name + "”: không còn văn bản nào thuộc bộ lọc đó."
	if !h.v.search.noteBox.Visible() || h.v.search.note.Text != want {
		t.Errorf("note shown %v: %q, want %q", h.v.search.noteBox.Visible(), h.v.search.note.Text, want)
	}
	// It stays while the person types on, and goes with a change of the
	// filters.
	h.search("nêu gương tốt")
	if !h.v.search.noteBox.Visible() || h.v.search.note.Text != want {
		t.Errorf("after typing on: note shown %v: %q", h.v.search.noteBox.Visible(), h.v.search.note.Text)
	}
	h.v.onFilterToggled(index.FacetYear, "2020", true)
	h.settle(h.idle)
	if h.v.search.noteBox.Visible() && h.v.search.note.Text == want {
		t.Error("the note stayed after the filters changed")
	}
}

// TestChipOfUnknownYear: the chip of the undated documents says so as
// the year chart does (usertest s11: "Năm: 0").
func TestChipOfUnknownYear(t *testing.T) {
	test.NewTempApp(t)
	c := newChipBar(func(f func()) { f() })
	c.update(index.Filters{Years: []int{0, 2016}}, func(chip) {})
	if len(c.chips) != 2 {
		t.Fatalf("%d chips, want two years", len(c.chips))
	}
	if got := c.chips[0].Text; !strings.Contains(got, "Chưa rõ") || strings.Contains(got, ": 0") {
		t.Errorf("chip of the unknown year reads %q", got)
	}
	if got := c.chips[1].Text; !strings.Contains(got, "2016") {
		t.Errorf("chip of 2016 reads %q", got)
	}
}

// TestChipFitsTheColumn: a chip is never wider than the bar, its words
// cut to fit with its "✕" kept, and whole again when the bar widens
// (usertest s25: beside an open document at 1024x768 the results column
// is about 315 pixels, and the chip of "Học tập và làm theo tư tưởng, đạo
// đức, phong cách Hồ Chí Minh" overflowed it on both sides).
func TestChipFitsTheColumn(t *testing.T) {
	test.NewTempApp(t)
	c := newChipBar(func(f func()) { f() })
	long := "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	c.update(index.Filters{Campaigns: []string{long}, Years: []int{2016}}, func(chip) {})
	c.box.Resize(fyne.NewSize(2000, 200))
	wide := c.chips[0].Text
	for _, width := range []float32{315, 200} {
		c.box.Resize(fyne.NewSize(width, 200))
		for _, b := range c.chips {
			if b.MinSize().Width > width || !strings.HasSuffix(b.Text, "✕") {
				t.Errorf("in %v pixels the chip %q is %v wide", width, b.Text, b.MinSize().Width)
			}
		}
		if !strings.Contains(c.chips[0].Text, "…") || !strings.HasPrefix(c.chips[0].Text, "Phong trào: Học tập") {
			t.Errorf("in %v pixels the campaign's chip reads %q", width, c.chips[0].Text)
		}
	}
	c.box.Resize(fyne.NewSize(2000, 200))
	if got := c.chips[0].Text; got != wide || fyne.MeasureText(got, theme.TextSize(), fyne.TextStyle{Bold: true}).Width > chipWidth+50 {
		t.Errorf("in a wide bar the campaign's chip reads %q", got)
	}
	if got := c.chips[1].Text; got != "Năm: 2016"+chipX {
		t.Errorf("the year's chip reads %q", got)
	}
}
