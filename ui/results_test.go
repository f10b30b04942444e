package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// importMany imports n small generated documents.
func importMany(t *testing.T, arc *index.Archive, n int) {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		date := "ngày " + itoa(i%28+1) + " tháng " + itoa(i/28%12+1) + " năm " + itoa(2000+i/336)
		text := "UBND XÃ AN PHÚ\nSố: " + itoa(i+1) + "/TB-UBND\nAn Phú, " + date + "\n\nTHÔNG BÁO\nVề việc số " + itoa(i+1) + "\n\nNội dung thông báo số " + itoa(i+1) + " về dân vận khéo và nông thôn mới.\n"
		if err := os.WriteFile(filepath.Join(dir, "tb-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := arc.Import(context.Background(), []string{dir}, index.ImportOptions{})
	if err != nil || rep.Added != n {
		t.Fatalf("import: %v, added %d", err, rep.Added)
	}
}

func TestResultsLoadPagesLazily(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 2*pageSize+10)
	// Documents with the same score or date come in no fixed order from
	// one page to the next, so this test pages by date, all different.
	h.v.search.sort.SetSelectedIndex(1)
	h.search("thông báo")
	r := h.v.results
	if r.total != 2*pageSize+10 {
		t.Fatalf("total %d", r.total)
	}
	if len(r.pages) != 1 || len(r.pages[0]) != pageSize {
		t.Fatalf("first search loaded %d pages", len(r.pages))
	}
	// Scrolling to the end asks for the last page only.
	r.list.ScrollToBottom()
	h.settle(func() bool { _, ok := r.pages[2]; return ok })
	if len(r.pages[2]) != 10 {
		t.Errorf("last page has %d", len(r.pages[2]))
	}
	seen := map[string]bool{}
	for _, p := range r.pages {
		for _, hit := range p {
			if seen[hit.ID] {
				t.Errorf("%s twice", hit.ID)
			}
			seen[hit.ID] = true
		}
	}
	// The row shows the loaded hit.
	r.list.Select(2*pageSize + 5)
	h.settle(func() bool { return h.v.reader.doc != nil })
	if h.v.reader.doc.ID != r.pages[2][5].ID {
		t.Errorf("opened %s", h.v.reader.doc.Title)
	}
}

func TestDropImports(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	path := filepath.Join(dir, "kh.txt")
	text := "ĐẢNG ỦY XÃ AN PHÚ\nSố 9-KH/ĐU\nKẾ HOẠCH\nVề việc ra quân làm đường giao thông nông thôn\n"
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	h.v.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	h.settle(func() bool { return h.idle() && h.v.results.total == 1 })
}

func TestFormatting(t *testing.T) {
	if got := formatDate("2014-04-18", 2014); got != "18/04/2014" {
		t.Errorf("date %q", got)
	}
	if got := formatDate("", 2014); got != "2014" {
		t.Errorf("year only %q", got)
	}
	if got := formatCount(1234567); got != "1.234.567" {
		t.Errorf("count %q", got)
	}
	s := index.Summary{Number: "12-KH/ĐU", Type: "Kế hoạch", Issuer: "Đảng ủy xã An Phú", Date: "2014-04-18"}
	if got := summaryLine(s); got != "18/04/2014 · 12-KH/ĐU · Kế hoạch · Đảng ủy xã An Phú" {
		t.Errorf("summary %q", got)
	}
	segs := markedSegments("phải nêu gương trước", []index.Range{{Start: 8, End: 12}}, 0)
	if len(segs) != 3 {
		t.Fatalf("%d segments", len(segs))
	}
}

func TestMergeMarks(t *testing.T) {
	text := "học tập và làm theo Bác"
	r := func(a, b int) index.Range { return index.Range{Start: a, End: b} }
	three := []index.Range{r(0, 5), r(6, 11), r(12, 15)}
	got, cur := mergeMarks(text, three, -1)
	if len(got) != 1 || got[0] != r(0, 15) || cur != -1 {
		t.Errorf("merged %v %d", got, cur)
	}
	got, cur = mergeMarks(text, three, 1)
	if len(got) != 3 || cur != 1 {
		t.Errorf("current kept apart: %v %d", got, cur)
	}
}

func TestKeysOpenRowOfUnloadedPage(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 4*pageSize)
	h.v.search.sort.SetSelectedIndex(1)
	h.search("thông báo")
	for range 7 {
		h.v.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	}
	want := 60
	if h.v.results.selected != want {
		t.Fatalf("selected %d", h.v.results.selected)
	}
	h.settle(func() bool {
		p, ok := h.v.results.pages[want/pageSize]
		return ok && h.v.reader.doc != nil && h.v.reader.doc.ID == p[want%pageSize].ID
	})
}

func TestMarkedSegmentsBadRanges(t *testing.T) {
	r := func(a, b int) index.Range { return index.Range{Start: a, End: b} }
	segs := markedSegments("ngắn", []index.Range{r(0, 3), r(5, 90), r(200, 300), r(2, 1)}, 2)
	if len(segs) == 0 {
		t.Error("no segments")
	}
}

// TestResultDateShows: sorted newest or oldest first, the list is ordered
// by date, and a long issuer pushed the date off the end of its row
// ("… · Ủy ban nhân dân xã Bình Hàng Trung · …") in a 1366×768 window.
func TestResultDateShows(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	width := h.v.results.list.Size().Width - 2*theme.InnerPadding() - theme.ScrollBarSize()
	if width < 200 {
		t.Fatalf("the list is %v wide", width)
	}
	s := index.Summary{Number: "145-TB/ĐU", Type: "Thông báo", Issuer: "Ủy ban nhân dân xã Bình Hàng Trung", Date: "2016-12-27"}
	if shown := fitText(summaryLine(s), width); !strings.Contains(shown, "27/12/2016") {
		t.Errorf("the row shows %q, without its date", shown)
	}
}

// TestMarkEndingAtLineEndWrapsWhole: a mark that ends where less than a
// character is left on the line does not make the text after it wrap one
// character per row (Fyne's RichText does, for a segment that starts
// there).
func TestMarkEndingAtLineEndWrapsWhole(t *testing.T) {
	test.NewTempApp(t)
	text := "Ngày bầu cử đại biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031"
	mark := index.Range{Start: strings.Index(text, "bầu"), End: strings.Index(text, " đại")}
	size := theme.TextSize()
	first := fyne.MeasureText("Ngày", size, fyne.TextStyle{}).Width +
		fyne.MeasureText(" bầu cử", size, fyne.TextStyle{Bold: true}).Width
	line := fyne.MeasureText("Ág", size, fyne.TextStyle{}).Height
	for _, spare := range []float32{0, 0.5, 1, 2, 3} {
		rt := widget.NewRichText(markedSegments(text, []index.Range{mark}, -1)...)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(first+spare+2*theme.InnerPadding(), 100))
		if rows := rt.MinSize().Height / line; rows > 12 {
			t.Errorf("%v px left after the mark: %.0f rows", spare, rows)
		}
	}
}

// TestNoSpaceStartsALineAfterAMark: where the text after a mark, or a
// mark, fits a fresh line and Fyne moves it there whole, the line does not
// start with the space before it (#12: a rare visible leading space).
func TestNoSpaceStartsALineAfterAMark(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	for _, c := range []struct{ text, marked string }{
		{"Ghi chép buổi họp chi bộ về trồng cây", "Ghi chép"},
		{"Báo cáo kết quả thực hiện nêu gương", "nêu gương"},
	} {
		start := strings.Index(c.text, c.marked)
		segs := markedSegments(c.text, []index.Range{{Start: start, End: start + len(c.marked)}}, -1)
		whole := fyne.MeasureText(c.text, size, fyne.TextStyle{Bold: true}).Width
		for w := whole * 0.55; w < whole; w += 3 {
			rt := widget.NewRichText(segs...)
			rt.Wrapping = fyne.TextWrapWord
			rt.Resize(fyne.NewSize(w+2*theme.InnerPadding(), 200))
			for _, o := range test.TempWidgetRenderer(t, rt).Objects() {
				if tx, ok := o.(*canvas.Text); ok && strings.HasPrefix(strings.TrimPrefix(tx.Text, zeroWidthSpace), " ") && tx.Position().X <= theme.InnerPadding() {
					t.Errorf("%q at %.0f px: a line starts with a space: %q", c.text, w, tx.Text)
				}
			}
		}
	}
}

// TestLongTitleTakesTwoLines: in the narrow list beside an open document a
// title too long for one line takes two (its snippet one), so that titles
// that begin alike are told apart; a short one keeps one line and a
// two-line snippet; every row stays as high (usertest finding 32).
func TestLongTitleTakesTwoLines(t *testing.T) {
	test.NewTempApp(t)
	long := index.Hit{Summary: index.Summary{ID: "a", Title: "Kế hoạch triển khai thực hiện phong trào thi đua Dân vận khéo trên địa bàn xã năm 2025"}}
	short := index.Hit{Summary: index.Summary{ID: "b", Title: "Kế hoạch năm 2025"}}
	for _, h := range []*index.Hit{&long, &short} {
		h.Snippet.Text = "Ủy ban nhân dân xã ban hành kế hoạch thực hiện phong trào thi đua với các nội dung chính như sau để các thôn, ấp triển khai."
	}
	heights := map[string]float32{}
	for _, c := range []struct {
		hit   index.Hit
		lines int
	}{{long, 2}, {short, 1}} {
		row := newResultRow()
		row.set(c.hit, false)
		w := test.NewTempWindow(t, row)
		w.Resize(fyne.NewSize(320, 200))
		size := fyne.NewSize(300, row.MinSize().Height)
		row.Resize(size)
		heights[c.hit.ID] = size.Height
		one := row.meta.Size().Height
		got := row.title.Size().Height
		if c.lines == 2 && got < one+textLineHeight()-1 || c.lines == 1 && got > one+1 {
			t.Errorf("%q: title %.0f high, a line is %.0f; want %d lines", c.hit.Title, got, one, c.lines)
		}
		// The meta line stays below the title, inside the row.
		if row.meta.Position().Y < got-2*theme.Padding() || row.meta.Position().Y+one > size.Height {
			t.Errorf("%q: meta at %v in a row %.0f high", c.hit.Title, row.meta.Position(), size.Height)
		}
	}
	if heights["a"] != heights["b"] {
		t.Errorf("rows of different heights: %v", heights)
	}
}

// TestOneSnippetLineShowsTheMatch: under a two-line title the snippet has
// one line, which starts a few words before the first marked word when
// that word lies beyond it; with two lines it starts at its start
// (usertest finding 12: "… tháng 11 năm 2022", no marked word).
func TestOneSnippetLineShowsTheMatch(t *testing.T) {
	test.NewTempApp(t)
	text := "… ĐẢNG BỘ XÃ AN PHÚ Số 12-NQ/ĐU An Phú, ngày 5 tháng 11 năm 2022 NGHỊ QUYẾT Về việc tiếp tục đẩy mạnh học tập và làm theo"
	at := strings.Index(text, "tiếp tục")
	next := at + len("tiếp ")
	hit := index.Hit{Summary: index.Summary{ID: "a", Title: "Nghị quyết về việc tiếp tục đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"},
		Snippet: index.Snippet{Text: text, Marks: []index.Range{{Start: at, End: at + len("tiếp")}, {Start: next, End: next + len("tục")}}}}
	row := newResultRow()
	row.set(hit, false)
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(340, 200))
	row.Resize(fyne.NewSize(320, row.MinSize().Height))
	if !row.oneLine {
		t.Fatal("the title does not take two lines")
	}
	// The snippet's words are runs of their own (snippetSegments).
	shown := func() string {
		var b strings.Builder
		for _, s := range row.snippet.Segments {
			b.WriteString(strings.ReplaceAll(s.(*widget.TextSegment).Text, zeroWidthSpace, ""))
		}
		return b.String()
	}
	if first := shown(); !strings.HasPrefix(first, "… ") || strings.HasPrefix(first, "… ĐẢNG BỘ") {
		t.Fatalf("the line starts %q", first)
	}
	// Both marked words of "tiếp tục" are on the line.
	var line string
	for _, s := range row.snippet.Segments {
		ts := s.(*widget.TextSegment)
		line += ts.Text
		if ts.Style.TextStyle.Bold {
			break
		}
	}
	if !strings.Contains(line, "tiếp tục") {
		t.Errorf("the line holds %q", line)
	}
	if room := float32(320) - 2*theme.InnerPadding(); fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{Bold: true}).Width > room {
		t.Errorf("the marked word is past the line: %q", line)
	}
	// Wide enough for a one-line title: the snippet starts at its start.
	row.Resize(fyne.NewSize(1200, row.MinSize().Height))
	if first := shown(); !strings.HasPrefix(first, "… ĐẢNG BỘ") {
		t.Errorf("with two lines the snippet starts %q", first)
	}
}

// TestTwoSnippetLinesShowTheMatch: two snippet lines whose room ends
// before the first marked words start a few words before them, so that
// they show whole (usertest s24: in the list beside an open document,
// "… Gắn chất lượng sinh hoạt chi bộ với trách nhiệm nêu …", the marked
// "gương" cut off, and the other row's mark not at all).
func TestTwoSnippetLinesShowTheMatch(t *testing.T) {
	test.NewTempApp(t)
	text := "… ủy trước ngày 12/9/2023. Cán bộ, công chức xã chủ động phối hợp thực hiện chất lượng sinh hoạt chi bộ, phát huy sức mạnh khối đại đoàn kết toàn dân tộc. Gắn chất lượng sinh hoạt chi bộ với trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu …"
	at := strings.Index(text, "nêu gương")
	next := at + len("nêu ")
	hit := index.Hit{Summary: index.Summary{ID: "a", Title: "Thông báo tổng kết"},
		Snippet: index.Snippet{Text: text, Marks: []index.Range{{Start: at, End: at + len("nêu")}, {Start: next, End: next + len("gương")}}}}
	row := newResultRow()
	row.set(hit, false)
	w := test.NewTempWindow(t, row)
	w.Resize(fyne.NewSize(440, 300))
	row.Resize(fyne.NewSize(420, row.MinSize().Height))
	if row.oneLine {
		t.Fatal("the title takes two lines")
	}
	var shown, marked strings.Builder
	for _, s := range row.snippet.Segments {
		ts := s.(*widget.TextSegment)
		shown.WriteString(strings.ReplaceAll(ts.Text, zeroWidthSpace, ""))
		if ts.Style.TextStyle.Bold {
			marked.WriteString(strings.ReplaceAll(ts.Text, zeroWidthSpace, ""))
		}
	}
	if !strings.Contains(marked.String(), "nêu") || !strings.Contains(marked.String(), "gương") {
		t.Errorf("the two lines %q mark %q, want nêu gương whole", shown.String(), marked.String())
	}
	if !strings.HasPrefix(shown.String(), "… ") || strings.HasPrefix(shown.String(), "… ủy trước") {
		t.Errorf("the two lines start %q, want a few words before the mark", shown.String())
	}
	// The lines hold what is shown: no third line.
	two := widget.NewRichTextWithText("x\nx")
	if need, room := row.snippet.MinSize().Height, two.MinSize().Height; need > room+0.5 {
		t.Errorf("%q takes %.0f, more than two lines (%.0f)", shown.String(), need, room)
	}
}

// TestListedEstimated: the list of an estimated answer (a quoted phrase
// whose texts were not all read) ends where a page comes short and goes
// on past a full page whose estimate is lower; an exact total is the
// list's length.
func TestListedEstimated(t *testing.T) {
	page := func(n, total int, estimated bool) *index.Result {
		return &index.Result{Hits: make([]index.Hit, n), Total: total, Estimated: estimated}
	}
	for _, c := range []struct {
		page int
		res  *index.Result
		want int
	}{
		{0, page(pageSize, 1000, false), 1000},
		{0, page(pageSize, 1000, true), 1000},
		{3, page(7, 1000, true), 3*pageSize + 7},
		{3, page(pageSize, 90, true), 4*pageSize + 1},
		{0, page(3, 40, true), 3},
	} {
		if got := listed(c.page, c.res); got != c.want {
			t.Errorf("listed(%d, %d hits, total %d, estimated %v) = %d, want %d", c.page, len(c.res.Hits), c.res.Total, c.res.Estimated, got, c.want)
		}
	}
}

// TestNoPunctuationStartsALineAfterAMark: a comma or a bracket that
// stands against a mark stays on its line with it, at every width (usertest
// s12: "… nông thôn mới⏎, đô thị văn minh": Fyne broke the line where the
// mark's run ended); a word's own letters after a mark are left unmarked.
func TestNoPunctuationStartsALineAfterAMark(t *testing.T) {
	test.NewTempApp(t)
	size := theme.TextSize()
	text := "… xây dựng nông thôn mới, đô thị văn minh (nông thôn mới) và số 1676/SNV-TCBC ngày 07/4/2026"
	var marks []index.Range
	for _, w := range []string{"nông thôn mới", "1676"} {
		for at := 0; ; {
			i := strings.Index(text[at:], w)
			if i < 0 {
				break
			}
			marks = append(marks, index.Range{Start: at + i, End: at + i + len(w)})
			at += i + len(w)
		}
	}
	slices.SortFunc(marks, func(a, b index.Range) int { return a.Start - b.Start })
	segs := markedSegments(text, marks, -1)
	var shown []string
	for _, s := range segs {
		shown = append(shown, strings.TrimPrefix(s.(*widget.TextSegment).Text, zeroWidthSpace))
	}
	if !slices.Contains(shown, "1676") {
		t.Errorf("the number's own letters were marked with it: %q", shown)
	}
	whole := fyne.MeasureText(text, size, fyne.TextStyle{Bold: true}).Width
	for w := whole * 0.2; w < whole; w += 2 {
		rt := widget.NewRichText(segs...)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(w+2*theme.InnerPadding(), 400))
		for _, o := range test.TempWidgetRenderer(t, rt).Objects() {
			if tx, ok := o.(*canvas.Text); ok && tx.Position().X <= theme.InnerPadding() && strings.ContainsAny(strings.TrimPrefix(tx.Text, zeroWidthSpace)[:1], ",)") {
				t.Errorf("at %.0f px a line starts with %q", w, tx.Text)
			}
		}
	}
}

// TestSnippetGoesOnAfterAMark: the words after a mark go on on the mark's
// line where they fit, rather than the rest of the snippet moving whole
// to the next line when it fits a line of its own (usertest s12: "… xây
// dựng nông thôn mới,⏎đô thị văn minh, thực hiện …").
func TestSnippetGoesOnAfterAMark(t *testing.T) {
	test.NewTempApp(t)
	text := "… xây dựng nông thôn mới, đô thị văn minh, thực hiện các phong trào"
	start := strings.Index(text, "nông")
	mark := index.Range{Start: start, End: start + len("nông thôn mới")}
	size := theme.TextSize()
	upTo := fyne.MeasureText(text[:strings.Index(text, " đô")], size, fyne.TextStyle{Bold: true}).Width
	rest := fyne.MeasureText(text[strings.Index(text, "đô"):], size, fyne.TextStyle{}).Width
	for _, room := range []float32{60, 120} {
		width := max(upTo+room, rest+20)
		rt := widget.NewRichText(snippetSegments(text, []index.Range{mark})...)
		rt.Wrapping = fyne.TextWrapWord
		rt.Resize(fyne.NewSize(width+2*theme.InnerPadding(), 400))
		first := ""
		for _, o := range test.TempWidgetRenderer(t, rt).Objects() {
			if tx, ok := o.(*canvas.Text); ok && tx.Position().Y < size {
				first += tx.Text
			}
		}
		if !strings.Contains(first, "đô") {
			t.Errorf("%v px wide: the first line is %q", width, first)
		}
	}
}

// TestSnippetCutEndsInEllipsis: a snippet longer than the row's lines is
// cut at a word with "…" after it, and all of what is shown fits the
// lines (usertest s20: at Rất lớn and 1024 wide, one line under a title of
// two stopped at the row's edge, "… nhận được Công văn số", with no sign
// that it went on).
func TestSnippetCutEndsInEllipsis(t *testing.T) {
	test.NewTempApp(t)
	text := "Kính gửi: Sở Nội Vụ Sở Xây dựng nhận được Công văn số 1676/SNV-TCBC ngày 07/4/2026 của Sở Nội vụ về việc đề nghị cho ý kiến công nhận Ban vận động thành lập Hiệp hội Bất động sản tỉnh Lâm Đồng …"
	at := strings.Index(text, "Công văn")
	for _, c := range []struct {
		title string
		width float32
		lines int
	}{
		{"V/v góp ý đề nghị công nhận Ban vận động thành lập Hiệp hội Bất động sản tỉnh Lâm Đồng", 320, 1},
		{"V/v góp ý", 320, 2},
	} {
		hit := index.Hit{Summary: index.Summary{ID: "a", Title: c.title},
			Snippet: index.Snippet{Text: text, Marks: []index.Range{{Start: at, End: at + len("Công")}}}}
		row := newResultRow()
		row.set(hit, false)
		w := test.NewTempWindow(t, row)
		w.Resize(fyne.NewSize(c.width+20, 300))
		row.Resize(fyne.NewSize(c.width, row.MinSize().Height))
		var shown strings.Builder
		for _, s := range row.snippet.Segments {
			shown.WriteString(strings.ReplaceAll(s.(*widget.TextSegment).Text, zeroWidthSpace, ""))
		}
		box := row.box.Objects[3]
		if !strings.HasSuffix(shown.String(), " …") || len(shown.String()) >= len(text) {
			t.Errorf("%d line(s): the snippet shows %q", c.lines, shown.String())
		}
		// As high as a text of c.lines lines: no line cut by the row's edge.
		lines := widget.NewRichTextWithText(strings.Repeat("x\n", c.lines-1) + "x")
		if need, room := row.snippet.MinSize().Height, lines.MinSize().Height; need > room+0.5 {
			t.Errorf("%d line(s): %q takes %.0f, more than %d lines (%.0f): cut by the row's edge", c.lines, shown.String(), need, c.lines, room)
		}
		if one := snippetHeight(1); box.Size().Height < float32(c.lines)*one*0.9 {
			t.Errorf("%d line(s): the snippet has %.0f, want %d lines of %.0f", c.lines, box.Size().Height, c.lines, one)
		}
	}
}
