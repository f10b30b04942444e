package ui

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// openFirst searches q and opens the first result.
func (h *harness) openFirst(q string) *index.Document {
	h.t.Helper()
	h.search(q)
	if h.v.results.total == 0 {
		h.t.Fatalf("%q finds nothing", q)
	}
	h.v.results.openSelected()
	want := h.v.results.pages[0][0].ID
	h.settle(func() bool { return h.v.reader.doc != nil && h.v.reader.doc.ID == want })
	return h.v.reader.doc
}

func TestReaderMarksAndMatches(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	r := h.v.reader
	if len(r.marks) < 2 {
		t.Fatalf("%q: %d marks", d.Title, len(r.marks))
	}
	if r.current != 0 || !strings.Contains(r.matchNo.Text, "1/") {
		t.Errorf("opening goes to the first match: current %d, %q", r.current, r.matchNo.Text)
	}
	for _, m := range r.marks {
		// The words side by side are one match.
		for _, w := range strings.Fields(strings.ToLower(d.Text[m.Start:m.End])) {
			if w != "nêu" && w != "gương" && w != "nếu" {
				t.Errorf("marked %q", w)
			}
		}
	}
	test.Tap(r.next)
	if r.current != 1 {
		t.Errorf("next: current %d", r.current)
	}
	test.Tap(r.prev)
	test.Tap(r.prev)
	if r.current != len(r.marks)-1 {
		t.Errorf("previous from the first wraps to the last: %d", r.current)
	}

	// A+ makes the text larger.
	before := r.scale
	r.onZoom(0.15)
	if r.scale <= before {
		t.Error("A+ did not grow the text")
	}

	// Copy puts the whole text on the clipboard.
	r.onCopy()
	if got := h.app.Clipboard().Content(); got != d.Text {
		t.Errorf("clipboard has %d bytes, want %d", len(got), len(d.Text))
	}

	// The original file opens through a file URL.
	path, err := h.arc.OriginalPath(d)
	if err != nil {
		t.Fatal(err)
	}
	u, err := originalURL(path)
	if err != nil || u.Scheme != "file" {
		t.Fatalf("original URL %v, %v", u, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
}

func TestReaderLayout(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("nêu gương so:38-BC/ĐU")
	test.AssertRendersToMarkup(t, "reader.xml", h.win.Canvas())
}

// TestReaderStepsPhraseByPhrase: a quoted phrase is marked whole where it
// stands, as in the snippets, and next/previous step from one to the next
// (the reader used to mark every syllable of it anywhere).
func TestReaderStepsPhraseByPhrase(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst(`"nêu gương"`)
	r := h.v.reader
	if len(r.marks) == 0 {
		t.Fatalf("%q: no marks", d.Title)
	}
	for _, m := range r.marks {
		if got := strings.ToLower(d.Text[m.Start:m.End]); got != "nêu gương" {
			t.Errorf("marked %q, want the whole phrase", got)
		}
	}
	if len(r.marks) > 1 {
		test.Tap(r.next)
		if r.current != 1 {
			t.Errorf("next: current %d", r.current)
		}
	}
}

// allTexts is every label and rich text shown inside o.
func allTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *canvas.Text:
		if x.Visible() {
			return []string{x.Text}
		}
	case *widget.RichText:
		return []string{x.String()}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, allTexts(t, c)...)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, x).Objects() {
			out = append(out, allTexts(t, c)...)
		}
	}
	return out
}

// TestReaderOpensAtTheWordsTogether: a document opens at the place where
// the query's words stand together, not at a lone one of them in the
// header (usertest findings 5 and 28: "hoa don dien tu" opened at "HOÀ"
// of "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), and calls it the first match:
// "quyet tam" opened at "6/34 chỗ khớp", each "Quyết" of "Quyết định"
// and each "tạm" above it counted (session 17). A word alone is painted
// still; with no place where the words stand together each is a match.
func TestReaderOpensAtTheWordsTogether(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nCHỈ THỊ\nVề việc tăng cường quản lý thuế\n\nCác cơ quan thuế đôn đốc doanh nghiệp; điện lực bảo đảm điện cho các hộ.\nTriển khai hóa đơn điện tử khởi tạo từ máy tính tiền đến mọi hộ kinh doanh.\n"
	marks := func(words ...string) []index.Range {
		var out []index.Range
		for _, w := range words {
			at := 0
			for {
				i := strings.Index(text[at:], w)
				if i < 0 {
					break
				}
				out = append(out, index.Range{Start: at + i, End: at + i + len(w)})
				at += i + len(w)
			}
		}
		slices.SortFunc(out, func(a, b index.Range) int { return a.Start - b.Start })
		return out
	}
	words := marks("HOÀ", "hóa", "đơn", "điện", "tử")
	matches, painted := placesOf(text, words)
	if len(matches) != 1 || text[matches[0].Start:matches[0].End] != "hóa đơn điện tử" || len(painted) != 4 {
		t.Errorf("%d matches (%v), %d places painted, want the one of hóa đơn điện tử among 4", len(matches), matches, len(painted))
	}
	if matches, painted := placesOf(text, marks("thuế")); len(matches) != 2 || len(painted) != 2 {
		t.Errorf("one word: %d matches, %d painted, want 2 of each", len(matches), len(painted))
	}

	h := newHarness(t, false)
	h.importTexts(map[string]string{
		"ct.txt": text,
		"kh.txt": "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 15/KH-UBND\n\nKẾ HOẠCH\nThực hiện phong trào thi đua\n\nCăn cứ Quyết định số 12/QĐ-UBND ngày 3/2/2024; căn cứ tình hình thực tế, tạm thời giao nhiệm vụ như sau.\n" +
			"Các chi bộ quyết tâm hoàn thành chỉ tiêu năm 2024.\nMỗi đảng viên quyết tâm nêu gương; quyết định khen thưởng do xã ban hành.\n",
	})
	r := h.v.reader
	for _, c := range []struct{ q, at, no string }{
		{"hoa don dien tu", "hóa đơn điện tử", "1/1 chỗ khớp"},
		{"quyet tam", "quyết tâm", "1/2 chỗ khớp"},
		{"quyết tâm", "quyết tâm", "1/2 chỗ khớp"},
	} {
		h.openFirst(c.q)
		if m := r.marks[r.current]; r.doc.Text[m.Start:m.End] != c.at || r.matchNo.Text != c.no {
			t.Errorf("%s: the reader opens at %q, %q; want %q, %q", c.q, r.doc.Text[m.Start:m.End], r.matchNo.Text, c.at, c.no)
		}
	}
	// The lone words are painted, not the current match.
	b := &r.body.blocks[r.body.blockOf(strings.Index(r.doc.Text, "Quyết định"))]
	got, cur := r.blockMarks(b)
	str := func(m index.Range) string { return r.doc.Text[b.start+m.Start : b.start+m.End] }
	if !slices.ContainsFunc(got, func(m index.Range) bool { return str(m) == "Quyết" }) || cur < 0 || str(got[cur]) != "quyết tâm" {
		t.Errorf("the block of Quyết định paints %v, the current match %d of them", got, cur)
	}
}

// TestLongTitleClamped: a long title takes at most three lines above the
// text, ending in "…", and is whole in the details (usertest finding 23).
func TestLongTitleClamped(t *testing.T) {
	long := "Thông báo kết luận của đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc về tiến độ giải phóng mặt bằng, tái định cư và các vướng mắc trong thực hiện dự án đầu tư xây dựng tuyến đường cao tốc đi qua địa bàn các huyện phía nam của tỉnh trong năm hai nghìn không trăm hai mươi sáu"
	style := fyne.TextStyle{Bold: true}
	test.NewTempApp(t)
	width := float32(560)
	got := clampLines(long, width, 3, style)
	if !strings.HasSuffix(got, "…") || strings.HasSuffix(got, " …") || len(got) >= len(long) {
		t.Fatalf("not cut: %q", got)
	}
	if n := wrappedLines(got, width, style); n > 3 {
		t.Errorf("%d lines: %q", n, got)
	}
	if short := "Kế hoạch học tập và làm theo Bác năm 2025"; clampLines(short, width, 3, style) != short {
		t.Error("a short title was cut")
	}
}

// TestOpenDocumentOutsideNewResults: a document left open by an earlier
// search says so when a new search does not find it, and stops saying so
// when it is among the results again (usertest finding 40).
func TestOpenDocumentOutsideNewResults(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("so:215/UBND-VP")
	r := h.v.reader
	if r.outside.Visible() {
		t.Fatal("the hint shows for the document just opened")
	}
	h.search("so:12-KH/ĐU")
	if !r.outside.Visible() {
		t.Error("no hint when the open document is not among the new results")
	}
	h.search("nông thôn")
	if r.outside.Visible() {
		t.Error("the hint stays while the open document is among the results")
	}
}

// TestReaderButtonsOneRow: at every text size on a 1024×768 window the
// reader's buttons take one row; those that do not fit are in the "⋯"
// menu, whose items do what the buttons do (usertest findings 23, 30).
func TestReaderButtonsOneRow(t *testing.T) {
	for _, scale := range textScales {
		t.Run(strconv.FormatFloat(scale, 'f', 2, 64), func(t *testing.T) {
			h := newHarness(t, true)
			h.app.Settings().SetTheme(settings{Theme: themeLight, TextScale: scale}.theme())
			h.win.Resize(fyne.NewSize(1024, 768))
			h.openFirst("nêu gương")
			h.settle(func() bool { return true })
			r := h.v.reader
			bar := r.bar
			row := bar.keep.MinSize().Height
			if got := r.actions.Size().Height; got > row+1 {
				t.Errorf("the buttons take %.0f px, a row is %.0f", got, row)
			}
			shown := 0
			for _, b := range bar.items {
				if b.Visible() {
					shown++
					if b.Position().X+b.Size().Width > bar.keep.Position().X {
						t.Errorf("%q overlaps Đóng", b.Text)
					}
				}
			}
			// A− and A+ go together.
			if bar.items[3].Visible() != bar.items[4].Visible() {
				t.Errorf("%s shown %v, %s shown %v", bar.items[3].Text, bar.items[3].Visible(), bar.items[4].Text, bar.items[4].Visible())
			}
			if !bar.keep.Visible() || shown == 0 {
				t.Fatalf("Đóng shown %v, %d buttons shown", bar.keep.Visible(), shown)
			}
			// Quay lại has nowhere to go, Tách khỏi nhóm no group: neither
			// shown nor in the menu.
			if shown+len(bar.over) != len(bar.items)-2 || bar.more.Visible() != (len(bar.over) > 0) {
				t.Errorf("%d shown, %d in the menu of %d; ⋯ shown %v", shown, len(bar.over), len(bar.items), bar.more.Visible())
			}
			t.Logf("reader %.0f px wide: %d buttons shown, %d in the menu", r.actions.Size().Width, shown, len(bar.over))
			if scale < textScales[len(textScales)-1] || len(bar.over) == 0 {
				return
			}
			// At the largest size the menu holds the rest; its items do what
			// the buttons do (the last one's, Xóa, asks first).
			test.Tap(bar.more)
			if h.win.Canvas().Overlays().Top() == nil {
				t.Fatal("⋯ opens no menu")
			}
			h.win.Canvas().Overlays().Top().Hide()
			menu := bar.menu()
			if len(menu.Items) != len(bar.over) {
				t.Fatalf("%d menu items for %d buttons", len(menu.Items), len(bar.over))
			}
			last := menu.Items[len(menu.Items)-1]
			if last.Label != "Xóa" {
				t.Fatalf("last menu item %q", last.Label)
			}
			last.Action()
			if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Xóa") {
				t.Error("Xóa in the menu does not ask to delete")
			}
		})
	}
}

// TestOpenDocumentOutsideManyResults: with more results than the list has
// loaded, the reader still says when the open document is not among them,
// and marks only the spellings typed (usertest finding 1: "ban vận động
// -pickleball", 39 results without the open document, no word said, and
// "ĐỒNG" of "LÂM ĐỒNG" marked for "động").
func TestOpenDocumentOutsideManyResults(t *testing.T) {
	h := newHarness(t, false)
	docs := map[string]string{
		"td.txt": "UBND TỈNH LÂM ĐỒNG\nSố: 05/TTr-SNV\nTỜ TRÌNH\nVề việc ban hành Kế hoạch tuyên truyền cải cách hành chính tỉnh Lâm Đồng năm 2026\n",
	}
	for i := range pageSize + 5 {
		docs[fmt.Sprintf("vd-%02d.txt", i)] = fmt.Sprintf("UBND XÃ AN PHÚ\nSố: %d/KH-UBND\nKẾ HOẠCH\nVề việc thành lập Ban vận động đợt %d\nBan vận động họp lần %d.\n", i+1, i+1, i+1)
	}
	h.importTexts(docs)
	d := h.openFirst("so:05/TTr-SNV")
	r := h.v.reader
	h.search("ban vận động -pickleball")
	if h.v.results.total <= pageSize {
		t.Fatalf("%d results: not more than a page", h.v.results.total)
	}
	h.settle(func() bool { return r.outside.Visible() })
	if r.doc != d {
		t.Fatal("the open document changed")
	}
	for _, m := range r.marks {
		if w := d.Text[m.Start:m.End]; w != "ban" {
			t.Errorf("marked %q", w)
		}
	}
	// "ban" finds it, beyond the first page: the word goes.
	h.search("ban")
	h.settle(func() bool { return !r.outside.Visible() })
}

// TestTappedTitleShowsWhole: a title cut to three lines shows whole when
// tapped, and is cut again by another tap (usertest finding 18: at Rất lớn
// on 1024x768 the subject was readable whole nowhere on screen).
func TestTappedTitleShowsWhole(t *testing.T) {
	h := newHarness(t, false)
	h.app.Settings().SetTheme(settings{Theme: themeLight, TextScale: textScales[3]}.theme())
	h.win.Resize(fyne.NewSize(1008, 720))
	subject := "Về việc kết luận của đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc về tiến độ giải phóng mặt bằng, tái định cư và các vướng mắc trong thực hiện dự án đầu tư xây dựng tuyến đường cao tốc đi qua địa bàn các huyện phía nam của tỉnh"
	h.importTexts(map[string]string{"tb.txt": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 12/TB-UBND\nLâm Đồng, ngày 2 tháng 3 năm 2026\n\nTHÔNG BÁO\n" + subject + "\n\nNội dung thông báo kết luận về giải phóng mặt bằng.\n"})
	d := h.openFirst("giai phong mat bang")
	r := h.v.reader
	if !strings.HasSuffix(r.title.Text, "…") {
		t.Fatalf("the title is not cut: %q", r.title.Text)
	}
	cut := r.title.Text
	test.Tap(r.title)
	if r.title.Text != d.Title {
		t.Errorf("tapped, the title shows %q, want %q", r.title.Text, d.Title)
	}
	test.Tap(r.title)
	if r.title.Text != cut {
		t.Errorf("tapped again, the title shows %q", r.title.Text)
	}
}

// TestReaderKeepsTheMatchInView: a long report opened at a match near its
// end shows that match, and still does once the reader's width changes
// (the reader takes its share of the window a frame after a document
// opens; on the real window the text was left pages above the match:
// realdev lamdong-143.doc opened for "Tánh Linh"); once the person has
// scrolled away, a new width leaves the text where the person put it.
func TestReaderKeepsTheMatchInView(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"bao-cao.txt": longMarkedText() + "\nXã Tánh Linh\nIII\n"})
	h.openFirst("Tánh Linh")
	r := h.v.reader
	if r.current < 0 || r.scroll.Offset.Y < 1000 {
		t.Fatalf("match %d, text at %v: not a match deep in a long text", r.current, r.scroll.Offset)
	}
	for _, offset := range []float64{0.6, 0.3, 0.45} {
		h.v.panels.inner.SetOffset(offset)
		if !matchInView(r) {
			t.Errorf("reader at %.2f of the window: the match is out of view (text at %v)", offset, r.scroll.Offset)
		}
	}
	r.scroll.ScrollToTop()
	h.v.panels.inner.SetOffset(0.5)
	if r.scroll.Offset.Y != 0 {
		t.Errorf("scrolled to the top by the person, then moved to %v by a new width", r.scroll.Offset)
	}
}

// TestMatchCountWholeAtLargestText: at 1024 wide and the largest text
// size, the reader's "N/M chỗ khớp" is whole: "Chép đoạn này" gives up
// its words for its icon first (usertest session 8: "2/646 chỗ k…"), and
// where the words still do not fit (English's "259 of 259 matches",
// usertest s20: "1 of 259 match…"; the details beside the text) the
// count is written short, "259/259", never cut.
func TestMatchCountWholeAtLargestText(t *testing.T) {
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	for _, c := range []struct {
		lang  string
		wide  float32 // the reader's share of the window
		words bool    // the count's words fit
	}{
		{messages.Vietnamese, 0.45, true},
		{messages.English, 0.45, false},
		{messages.English, 0.7, true},
	} {
		h := newHarness(t, true)
		messages.UseLanguage(c.lang)
		h.app.Settings().SetTheme(&appTheme{scale: float32(textScales[len(textScales)-1])})
		h.win.Resize(fyne.NewSize(1023, 768))
		h.win.Resize(fyne.NewSize(1024, 768))
		h.openFirst("nêu gương")
		r := h.v.reader
		h.v.panels.inner.SetOffset(1 - float64(c.wide))
		for len(r.marks) < 646 { // as many as the tester's document had
			r.marks = append(r.marks, r.marks[0])
		}
		r.current = len(r.marks) - 1
		r.updateMatchNo()
		h.win.Resize(fyne.NewSize(1023, 768))
		h.win.Resize(fyne.NewSize(1024, 768))
		if !r.matchNo.Visible() || cutLabel(r.matchNo) {
			t.Errorf("%s, reader %.0f wide: the count %q is cut: %v wide", c.lang, r.textCol.Size().Width, r.matchNo.Text, r.matchNo.Size().Width)
		}
		if words := strings.Contains(r.matchNo.Text, " "); words != c.words || !strings.HasPrefix(r.matchNo.Text, "646") {
			t.Errorf("%s, reader %.0f wide: the count says %q", c.lang, r.textCol.Size().Width, r.matchNo.Text)
		}
		if !r.copyPassage.Visible() {
			t.Error("Chép đoạn này is gone")
		}
		t.Logf("%s, reader %.0f wide: %q", c.lang, r.textCol.Size().Width, r.matchNo.Text)
	}
}

// drawnTexts are the texts drawn under o, as the window draws them (a cut
// text ends in "…").
func drawnTexts(o fyne.CanvasObject) []string {
	if !o.Visible() {
		return nil
	}
	switch x := o.(type) {
	case *canvas.Text:
		return []string{x.Text}
	case *fyne.Container:
		var out []string
		for _, c := range x.Objects {
			out = append(out, drawnTexts(c)...)
		}
		return out
	case fyne.Widget:
		var out []string
		for _, c := range test.WidgetRenderer(x).Objects() {
			out = append(out, drawnTexts(c)...)
		}
		return out
	}
	return nil
}

// TestReaderHeaderWhole: at 1024x768 the line under the title holds the
// issuer whole, wrapped rather than cut ("Công an tỉnh Lâ…", usertest
// s11), and the signer's name; a draft's signer title without a name
// ("CHỦ TỊCH", realdev lamdong-144) is no signer: not in that line, and
// in the details as the title it is, "Chức vụ người ký".
func TestReaderHeaderWhole(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"signed.txt": signedText, "draft.txt": draftText})
	h.win.Resize(fyne.NewSize(1024, 768))
	h.openFirst("khen thưởng")
	r := h.v.reader
	h.settle(func() bool { return true })
	drawn := strings.Join(drawnTexts(r.sub), " ")
	for _, want := range []string{"Công an tỉnh Lâm Đồng", "Người ký: Nguyễn Văn Bình"} {
		if !strings.Contains(drawn, want) {
			t.Errorf("the header draws %q, not %q whole", drawn, want)
		}
	}
	if strings.Contains(drawn, "…") || strings.Contains(drawn, "GIÁM ĐỐC") {
		t.Errorf("header %q", drawn)
	}
	if r.captions[fieldSignerTitle] != "Chức vụ người ký" {
		t.Errorf("the signer's title is shown as %q", r.captions[fieldSignerTitle])
	}
	h.openFirst("ma túy")
	h.settle(func() bool { return true })
	if drawn := strings.Join(drawnTexts(r.sub), " "); strings.Contains(drawn, "Người ký") || strings.Contains(drawn, "CHỦ TỊCH") {
		t.Errorf("a draft's header: %q", drawn)
	}
	if _, ok := r.captions[index.FieldSigner]; ok {
		t.Errorf("a draft's details name a signer: %q", r.captions[index.FieldSigner])
	}
	if details := strings.Join(allTexts(t, r.meta), "\n"); !strings.Contains(details, "Chức vụ người ký\nCHỦ TỊCH") {
		t.Errorf("a draft's details:\n%s", details)
	}
}

// signedText is a submission signed by a deputy director, its issuer long
// enough to be cut at 1024 wide; draftText a draft that has its signer's
// title and no name.
const (
	signedText = `CÔNG AN TỈNH LÂM ĐỒNG
Số: 238/TTr-CAT-PC04
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày 29 tháng 10 năm 2025
TỜ TRÌNH
Về việc đề nghị khen thưởng phong trào toàn dân bảo vệ an ninh Tổ quốc

Công an tỉnh kính trình Ủy ban nhân dân tỉnh xem xét.

Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Nguyễn Văn Bình
`
	draftText = `ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: /KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lâm Đồng, ngày tháng 9 năm 2025
DỰ THẢO
KẾ HOẠCH
Triển khai thực hiện Chương trình phòng, chống ma túy đến năm 2030

Các sở, ngành triển khai thực hiện kế hoạch này.

Nơi nhận:
- Như trên;
- Lưu: VT.
CHỦ TỊCH
`
)

// TestMatchesCountWordsTogetherOnce: the reader counts and steps through
// the places the query's words stand together once each, not once per
// word (usertest s11: "nêu" 6/95, then "gương" beside it 7/95); a word
// alone is no match where the words stand together elsewhere
// (TestReaderOpensAtTheWordsTogether); a quoted phrase is one match a
// place.
func TestMatchesCountWordsTogetherOnce(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"kh.txt": "KẾ HOẠCH\nVề việc nêu gương của cán bộ\n\nCán bộ phải nêu gương. Người đứng đầu nêu\ngương trước. Mỗi người nêu ý kiến.\n"})
	r := h.v.reader
	for _, c := range []struct {
		q     string
		n     int
		first string
	}{
		{"nêu gương", 3, "nêu gương"},
		{`"nêu gương"`, 3, "nêu gương"},
		{"neu guong can bo", 5, "nêu gương"},
	} {
		h.openFirst(c.q)
		if len(r.marks) != c.n || !strings.HasSuffix(r.matchNo.Text, "/"+strconv.Itoa(c.n)+" chỗ khớp") {
			t.Errorf("%s: %d matches, %q, want %d", c.q, len(r.marks), r.matchNo.Text, c.n)
			continue
		}
		if m := r.marks[r.current]; r.doc.Text[m.Start:m.End] != c.first {
			t.Errorf("%s: opens at %q, want %q", c.q, r.doc.Text[m.Start:m.End], c.first)
		}
		r.onMatch(1)
		if !strings.HasPrefix(r.matchNo.Text, "2/") {
			t.Errorf("%s: the next match is %q", c.q, r.matchNo.Text)
		}
	}
}

// TestReaderNoMatchRowWithoutQuery: a document opened with no query has
// its text right under the buttons, not under an empty band where the
// row of matches stands for a query; with a query the row is there.
func TestReaderNoMatchRowWithoutQuery(t *testing.T) {
	h := newHarness(t, true)
	r := h.v.reader
	h.v.results.openSelected()
	want := h.v.results.pages[0][0].ID
	h.settle(func() bool { return r.doc != nil && r.doc.ID == want && h.idle() })
	without := r.text.Position().Y
	h.openFirst("nêu gương")
	if len(r.marks) == 0 {
		t.Fatal("no match marked")
	}
	with := r.text.Position().Y
	if without > theme.Padding() || with < r.prev.MinSize().Height {
		t.Errorf("the text is %.0f under the buttons without a query, %.0f with the row of matches", without, with)
	}
}

// TestReaderButtonsTakeEnterAndEscape: the reader's buttons (Sửa thông
// tin, Mở tệp gốc, A−, A+, …, Đóng), reached by Tab from the text as a
// person does, each do their work on Enter, as on Space (session 15:
// Fyne's buttons took Space only and kept Escape). Escape on any of them,
// on the text, on a related link or on a format's button gives the
// keyboard back to the results, on the open document's row, the search,
// the results and the document kept (session 16 emptied the search).
// Sửa thông tin pressed by Enter opens the edit form, and A+ makes the
// text larger.
func TestReaderButtonsTakeEnterAndEscape(t *testing.T) {
	h := newHarness(t, true)
	c := h.win.Canvas()
	h.openFirst("nêu gương")
	r := h.v.reader
	c.Focus(r.text)
	typeKey(t, c, fyne.KeyTab)
	var seen []string
	for range 20 {
		b, ok := c.Focused().(*tabButton)
		if !ok {
			t.Fatalf("after %v Tab reached %T, not a button", seen, c.Focused())
		}
		name := b.Text
		if name == "" {
			name = "icon"
		}
		seen = append(seen, name)
		pressed := 0
		tapped := b.OnTapped
		b.OnTapped = func() { pressed++ }
		typeKey(t, c, fyne.KeyReturn)
		b.OnTapped = tapped
		if pressed != 1 {
			t.Errorf("Enter on %q pressed it %d times", name, pressed)
		}
		if b == r.closeDoc {
			break
		}
		typeKey(t, c, fyne.KeyTab)
	}
	if !slices.Contains(seen, "Sửa thông tin") || !slices.Contains(seen, "A+") || seen[len(seen)-1] != "Đóng" {
		t.Fatalf("Tab went through %v", seen)
	}

	// The third result is opened, then the list chooses the first: the
	// keyboard comes back to the open document's row, not to the row
	// chosen last.
	h.search("nêu gương")
	third := h.v.results.pages[0][2].ID
	h.v.results.list.Select(2)
	h.settle(func() bool { return r.doc != nil && r.doc.ID == third && h.idle() })
	h.v.results.selected = 0
	escapeFrom := map[string]fyne.Focusable{"the text": r.text, "Đóng": r.closeDoc, "▲": r.prev, "▼": r.next}
	for _, b := range r.bar.items {
		if b.Visible() {
			escapeFrom[b.Text] = b
		}
	}
	for name, f := range escapeFrom {
		c.Focus(f)
		if c.Focused() != f {
			t.Errorf("%s takes no keyboard", name)
			continue
		}
		typeKey(t, c, fyne.KeyEscape)
		h.settle(h.idle)
		if c.Focused() != h.v.results.list || h.v.search.entry.Text != "nêu gương" || r.doc == nil || r.doc.ID != third ||
			h.v.results.selected != 2 || h.v.results.total == 0 {
			t.Errorf("Escape on %s: the keyboard is in %T, the search box holds %q, the row chosen is %d of %d, the document open %v",
				name, c.Focused(), h.v.search.entry.Text, h.v.results.selected, h.v.results.total, r.doc != nil && r.doc.ID == third)
		}
		h.v.results.selected = 0
	}
	// A second Escape, from the results, goes to the search box, which
	// keeps its text; a third, there, empties it.
	typeKey(t, c, fyne.KeyEscape)
	if c.Focused() != h.v.search.entry || h.v.search.entry.Text != "nêu gương" {
		t.Errorf("Escape on the results: the keyboard is in %T, the search box holds %q", c.Focused(), h.v.search.entry.Text)
	}
	typeKey(t, c, fyne.KeyEscape)
	if h.v.search.entry.Text != "" {
		t.Errorf("Escape in the search box keeps %q", h.v.search.entry.Text)
	}

	h.openFirst("nêu gương")
	for _, b := range r.bar.items {
		switch b.Text {
		case "A+":
			before := r.scale
			c.Focus(b)
			typeKey(t, c, fyne.KeyReturn)
			if r.scale <= before {
				t.Errorf("Enter on A+: text scale %v, was %v", r.scale, before)
			}
		case "Sửa thông tin":
			c.Focus(b)
			typeKey(t, c, fyne.KeyReturn)
			h.settle(func() bool { return c.Overlays().Top() != nil })
			if !slices.ContainsFunc(allTexts(t, c.Overlays().Top()), func(s string) bool { return strings.HasPrefix(s, "Sửa thông tin văn bản") }) {
				t.Errorf("Enter on Sửa thông tin shows %v", allTexts(t, c.Overlays().Top()))
			}
			clearOverlays(h.win)
		}
	}
}

// TestLastWordMarkedWhereverItStands: the query's last word, whole, is
// marked wherever it stands in the open document, as the search found it
// and the list's snippet marks it, not only next to the word typed before
// it (usertest s24: for neu guong, a plan with its "gương" far from any
// "nêu" opened at its one "nếu" as "1/1 chỗ khớp", the "gương" unmarked).
func TestLastWordMarkedWhereverItStands(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"ke-hoach.txt": "ĐẢNG BỘ XÃ PHÚ HỘI\nSố: 204-KH/ĐU\nKẾ HOẠCH\nVề việc học tập tấm gương đạo đức\n\n" +
		"Mỗi cán bộ học theo tấm gương của Bác.\nĐảng viên phải thật sự gương mẫu trong công tác.\n" +
		"Trong quá trình thực hiện, nếu có khó khăn thì báo cáo về Đảng ủy.\n"})
	d := h.openFirst("neu guong")
	r := h.v.reader
	var marked []string
	for _, m := range r.marks {
		marked = append(marked, d.Text[m.Start:m.End])
	}
	if n := strings.Count(strings.Join(marked, " "), "gương"); n != strings.Count(d.Text, "gương") {
		t.Errorf("neu guong marks %q as the matches: %d of the text's %d \"gương\"", marked, n, strings.Count(d.Text, "gương"))
	}
	if len(r.marks) > 0 && d.Text[r.marks[r.current].Start:r.marks[r.current].End] == "nếu" {
		t.Errorf("the document opens at %q", "nếu")
	}
}

// TestCommaKeepsAPlaceTogether: the query's words with a comma between
// them in the text are one place, the match, as with spaces alone
// (usertest s24: for phong chong tham nhung, "phòng," of "phòng, chống
// tham nhũng" was painted apart and the match was the three words after
// it).
func TestCommaKeepsAPlaceTogether(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"thong-bao.txt": "UBND XÃ TÀ NĂNG\nSố: 29/TB-UBND\nTHÔNG BÁO\nVề việc tiếp tục đẩy mạnh phòng, chống tham nhũng, lãng phí\n\n" +
		"Phát hiện tham nhũng qua kiểm tra nội bộ. Công tác phòng, chống tham nhũng được gắn với thi đua.\n"})
	d := h.openFirst("phong chong tham nhung")
	r := h.v.reader
	var places []string
	for _, m := range r.marks {
		places = append(places, d.Text[m.Start:m.End])
	}
	if len(places) != 2 || places[0] != "phòng, chống tham nhũng" || places[1] != "phòng, chống tham nhũng" {
		t.Errorf("the matches are %q, want the two \"phòng, chống tham nhũng\"", places)
	}
}
