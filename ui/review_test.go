package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
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

// TestReviewListSaysWhy: in the list of documents to review each row
// says which fields to check and why, in a few words, where the snippet
// stood (usertest s13: the list showed documents with doubts, not what
// was doubted); the list of a search shows the snippet.
func TestReviewListSaysWhy(t *testing.T) {
	h := newHarness(t, false)
	// A note with no header, dated in its first sentence: its date and
	// year guessed, no type or issuer found; its title is its first line.
	h.importTexts(map[string]string{"ghi-chep.txt": "Ngày 12/3/2024, chi bộ thôn Đông họp về trồng cây xanh ở các thôn."})
	h.v.review.onToggle()
	h.settle(func() bool { return h.idle() && h.v.results.req.Filters.Unsure })
	if h.v.results.total != 1 {
		t.Fatalf("%d documents to review", h.v.results.total)
	}
	hit, _ := h.v.results.hit(0)
	row := newResultRow()
	h.v.results.updateItem(0, row)
	text := rowSnippet(row)
	for _, want := range []string{"⚠ ", "Trích yếu: không thấy trích yếu, lấy dòng đầu của văn bản", "Loại văn bản, Cơ quan ban hành: không tìm thấy trong văn bản", "Ngày ban hành, Năm: chưa chắc, độ tin cậy 60%"} {
		if !strings.Contains(text, want) {
			t.Errorf("the row lacks %q: %q (doubts %+v)", want, text, hit.Doubts)
		}
	}
	if s := row.snippet.Segments[0].(*widget.TextSegment); s.Style.ColorName != theme.ColorNameWarning {
		t.Errorf("the doubts are in %q", s.Style.ColorName)
	}
	// The same document found by a search: its text.
	h.v.review.onToggle()
	h.search("trồng cây")
	h.v.results.updateItem(0, row)
	if text := rowSnippet(row); strings.Contains(text, "⚠") || !strings.Contains(text, "trồng cây") {
		t.Errorf("a search's row shows %q", text)
	}
}

// rowSnippet is the text a result row shows under its title.
func rowSnippet(row *resultRow) string {
	var b strings.Builder
	for _, s := range row.snippet.Segments {
		b.WriteString(strings.ReplaceAll(s.(*widget.TextSegment).Text, zeroWidthSpace, ""))
	}
	return b.String()
}

// TestReviewReasonsWhole: a row of the list to review shows all its
// reasons, wrapped, under a title of two lines too, at 1024×768 and
// narrower (usertest s13: cut after one line), and is no higher than they
// need; a search's rows are again as high as before.
func TestReviewReasonsWhole(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{
		"ghi-chep.txt": "Ghi chép buổi họp chi bộ về trồng cây xanh ở các thôn, làm đường giao thông nông thôn và giữ gìn vệ sinh môi trường trong khu dân cư",
		"so-tay.txt":   "Sổ tay tuyên truyền về phòng chống dịch bệnh cho gia súc, gia cầm trong mùa mưa",
	})
	h.v.runSearch()
	h.settle(func() bool { return h.idle() && h.v.results.total == 2 })
	rowHeight := func() float32 {
		return findAll[*resultRow](h.win.Canvas().Content())[0].Size().Height
	}
	searchRow := rowHeight()
	h.v.review.onToggle()
	for _, size := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 760, Height: 600}} {
		h.win.Resize(size)
		h.settle(func() bool { return h.idle() && h.v.results.req.Filters.Unsure && h.v.results.total == 2 })
		rows := findAll[*resultRow](h.win.Canvas().Content())
		if len(rows) == 0 {
			t.Fatalf("%v: no rows", size)
		}
		for _, row := range rows {
			if !row.doubts {
				continue
			}
			// The text's lines, without the padding under the last one
			// (a row cuts it: snippetHeight).
			clip := row.box.Objects[3]
			shown, whole := clip.Size().Height, row.snippet.MinSize().Height-theme.InnerPadding()
			if whole > shown+1 || clip.Position().Y+shown > row.Size().Height+1 {
				t.Errorf("%v: %q: reasons %.0f high in %.0f at %.0f of a row %.0f high: %q", size, row.fullTitle, whole, shown, clip.Position().Y, row.Size().Height, rowSnippet(row))
			}
			if spare := row.Size().Height - clip.Position().Y - whole; spare > textLineHeight() {
				t.Errorf("%v: %q: %.0f px to spare under the reasons", size, row.fullTitle, spare)
			}
			if whole < 2*textLineHeight() {
				t.Errorf("%v: reasons on one line: %q", size, rowSnippet(row))
			}
		}
	}
	h.v.review.onToggle()
	h.win.Resize(defaultWindowSize)
	h.settle(func() bool { return h.idle() && !h.v.results.req.Filters.Unsure })
	if got := rowHeight(); got != searchRow {
		t.Errorf("a search's rows are %.0f high after the list to review, %.0f before", got, searchRow)
	}
}
