package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// press types a key into whatever has the keyboard.
func (h *harness) press(k fyne.KeyName) {
	h.t.Helper()
	c := h.win.Canvas()
	f := c.Focused()
	if f == nil {
		h.t.Fatalf("nothing has the keyboard for %s", k)
	}
	// As the window does: Tab goes to the next widget in Fyne's order
	// unless the one that has the keyboard takes it.
	if t, ok := f.(fyne.Tabbable); k == fyne.KeyTab && (!ok || !t.AcceptsTab()) {
		c.FocusNext()
		return
	}
	f.TypedKey(&fyne.KeyEvent{Name: k})
}

// TestTabGoesRoundTheParts: Tab goes from the search box to the results,
// the open document's text, the browse column (Lưu tìm kiếm này…, the
// panel) and back; Shift+Tab back.
func TestTabGoesRoundTheParts(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("")
	c := h.win.Canvas()
	c.Focus(h.v.search.entry)
	h.press(fyne.KeyTab)
	if c.Focused() != h.v.results.list {
		t.Fatalf("Tab from the search box went to %T", c.Focused())
	}
	if !h.v.results.list.frame.Visible() {
		t.Error("the results show no frame while they have the keyboard")
	}
	h.press(fyne.KeyTab)
	if c.Focused() != h.v.reader.text || !h.v.reader.text.frame.Visible() || h.v.results.list.frame.Visible() {
		t.Fatalf("Tab from the results went to %T", c.Focused())
	}
	// Tab goes on through the reader's buttons, then to the browse panel.
	h.press(fyne.KeyTab)
	if b, ok := c.Focused().(*tabButton); !ok || b.Text != "Sửa thông tin" {
		t.Fatalf("Tab from the text went to %T, want the edit button", c.Focused())
	}
	for range 20 {
		if c.Focused() == fyne.Focusable(h.v.reader.closeDoc) {
			break
		}
		h.press(fyne.KeyTab)
	}
	if c.Focused() != fyne.Focusable(h.v.reader.closeDoc) {
		t.Fatalf("Tab through the reader's buttons stopped at %T", c.Focused())
	}
	// The browse column: Lưu tìm kiếm này…, then its values.
	h.press(fyne.KeyTab)
	if c.Focused() != fyne.Focusable(h.v.saved.save) {
		t.Fatalf("Tab from the reader's last button went to %T, want Lưu tìm kiếm này…", c.Focused())
	}
	h.press(fyne.KeyTab)
	box, ok := c.Focused().(*facetBox)
	if !ok || box != h.v.browse.boxes()[0] {
		t.Fatalf("Tab from the reader's last button went to %T, want the browse panel's first value", c.Focused())
	}
	// Then the toolbar's controls, each in turn, and the search box again
	// (#12: they were out of the Tab order).
	for i, want := range h.v.toolbar {
		h.press(fyne.KeyTab)
		if c.Focused() != want {
			t.Fatalf("Tab %d after the browse panel went to %T, want %T", i+1, c.Focused(), want)
		}
	}
	if len(h.v.toolbar) != 7 {
		t.Errorf("%d toolbar controls in the Tab order, want 7", len(h.v.toolbar))
	}
	h.press(fyne.KeyTab)
	if c.Focused() != h.v.search.entry {
		t.Fatalf("Tab from the toolbar's last control went to %T", c.Focused())
	}
	h.v.moveFocus(h.v.search.entry, -1) // Shift+Tab
	if c.Focused() != h.v.toolbar[len(h.v.toolbar)-1] {
		t.Errorf("Shift+Tab from the search box went to %T", c.Focused())
	}
	h.v.moveFocus(h.v.toolbar[0], -1)
	if c.Focused() != box {
		t.Errorf("Shift+Tab from the toolbar's first control went to %T", c.Focused())
	}
	// With the document closed and the panel folded, Tab skips them.
	h.v.reader.clear()
	h.v.panels.toggleBrowse()
	h.v.moveFocus(h.v.search.entry, 1)
	h.press(fyne.KeyTab)
	if c.Focused() != h.v.toolbar[0] {
		t.Errorf("Tab with no document and no panel went to %T", c.Focused())
	}
}

// TestResultKeys: with the results holding the keyboard, the arrows, Page
// Down, End and Home open other results, Space ticks one, and a letter
// goes to the search box.
func TestResultKeys(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	r := h.v.results
	c := h.win.Canvas()
	c.Focus(r.list)
	if c.Focused() != h.v.search.entry {
		t.Errorf("a click on the list took the keyboard from the search box")
	}
	h.v.moveFocus(h.v.search.entry, 1) // Tab
	if c.Focused() != r.list {
		t.Fatalf("Tab from the search box went to %T", c.Focused())
	}
	h.press(fyne.KeyDown)
	if r.selected != 0 {
		t.Fatalf("Down selected %d", r.selected)
	}
	h.settle(func() bool { return h.v.reader.doc != nil && h.v.reader.doc.ID == r.idAt(0) })
	h.press(fyne.KeyPageDown)
	if want := min(r.total-1, resultsPage); r.selected != want {
		t.Errorf("Page Down selected %d, want %d", r.selected, want)
	}
	h.press(fyne.KeyEnd)
	if r.selected != r.total-1 {
		t.Errorf("End selected %d of %d", r.selected, r.total)
	}
	h.press(fyne.KeyHome)
	if r.selected != 0 {
		t.Errorf("Home selected %d", r.selected)
	}
	c.Focused().TypedRune(' ')
	if _, ok := r.marked[r.idAt(0)]; !ok || len(r.marked) != 1 {
		t.Errorf("Space ticked %v", r.markedIDs())
	}
	h.settle(func() bool { return h.v.reader.doc != nil && h.v.reader.doc.ID == r.idAt(0) })
	c.Focused().TypedRune('k')
	if c.Focused() != h.v.search.entry || h.v.search.entry.Text != "k" {
		t.Errorf("a letter typed in the results: focus %T, search box %q", c.Focused(), h.v.search.entry.Text)
	}
}

// longText is a plan long enough to scroll many screens.
func longText() string {
	var b strings.Builder
	b.WriteString("ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 45/KH-UBND\nKẾ HOẠCH\nTriển khai xây dựng nông thôn mới nâng cao năm 2025\n")
	for i := 1; i <= 150; i++ {
		fmt.Fprintf(&b, "%d. Ấp %d rà soát tiêu chí giao thông, thủy lợi, điện, trường học và cơ sở vật chất văn hóa; báo cáo kết quả về Ban chỉ đạo xã trước ngày mười lăm hằng tháng.\n", i, i)
	}
	return b.String()
}

// TestReaderTextScrollsByKeys: the open document's text, once it has the
// keyboard (tapped or tabbed to), scrolls by the arrows, the page keys,
// Home and End.
func TestReaderTextScrollsByKeys(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"kh45.txt": longText()})
	h.openFirst("nông thôn mới")
	text := h.v.reader.text
	s := text.scroll
	text.Tapped(&fyne.PointEvent{})
	if h.win.Canvas().Focused() != text {
		t.Fatalf("tapping the text gave the keyboard to %T", h.win.Canvas().Focused())
	}
	h.press(fyne.KeyDown)
	if s.Offset.Y != scrollStep() {
		t.Errorf("Down scrolled to %v, want %v", s.Offset.Y, scrollStep())
	}
	h.press(fyne.KeyPageDown)
	if want := scrollStep() + s.Size().Height - scrollStep(); s.Offset.Y != want {
		t.Errorf("Page Down scrolled to %v, want %v", s.Offset.Y, want)
	}
	h.press(fyne.KeyEnd)
	if end := s.Content.MinSize().Height - s.Size().Height; end < 3*s.Size().Height || s.Offset.Y != end {
		t.Errorf("End scrolled to %v of %v", s.Offset.Y, end)
	}
	h.press(fyne.KeyPageUp)
	h.press(fyne.KeyHome)
	if s.Offset.Y != 0 {
		t.Errorf("Home scrolled to %v", s.Offset.Y)
	}
	h.press(fyne.KeyUp)
	if s.Offset.Y != 0 {
		t.Errorf("Up at the top scrolled to %v", s.Offset.Y)
	}
}

// TestFacetKeys: in the browse panel the arrows and End move from value
// to value, the panel scrolls to show the one that has the keyboard, and
// Space ticks it.
func TestFacetKeys(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1024, 500))
	h.search("")
	p := h.v.browse
	// The sections folded at first are unfolded from the keyboard: End
	// goes to the last title, Enter unfolds it, Up goes to the one before.
	c := h.win.Canvas()
	h.v.moveFocus(h.v.toolbar[0], -1) // Shift+Tab from the toolbar
	for i := len(p.headers) - 1; i >= 2; i-- {
		h.press(fyne.KeyEnd)
		for c.Focused() != p.headers[i] {
			h.press(fyne.KeyUp)
		}
		h.press(fyne.KeyReturn)
		if !p.headers[i].open {
			t.Fatalf("Enter did not unfold section %d", i)
		}
	}
	boxes := p.boxes()
	if len(boxes) < 10 || p.scroll.Content.MinSize().Height <= p.scroll.Size().Height {
		t.Fatalf("%d values, panel %v tall in %v: nothing to scroll", len(boxes), p.scroll.Content.MinSize().Height, p.scroll.Size().Height)
	}
	h.v.moveFocus(h.v.search.entry, 1)
	p.focused = nil
	h.v.moveFocus(h.v.toolbar[0], -1)
	if c.Focused() != boxes[0] {
		t.Fatalf("Shift+Tab from the toolbar went to %T", c.Focused())
	}
	h.press(fyne.KeyDown)
	if c.Focused() != boxes[1] {
		t.Errorf("Down went to %T", c.Focused())
	}
	h.press(fyne.KeyEnd)
	last := boxes[len(boxes)-1]
	if c.Focused() != last {
		t.Fatalf("End went to %T", c.Focused())
	}
	inView := func(b *facetBox) bool {
		d := fyne.CurrentApp().Driver()
		top := d.AbsolutePositionForObject(b.owner).Y - d.AbsolutePositionForObject(p.scroll).Y
		return top >= 0 && top+b.owner.Size().Height <= p.scroll.Size().Height
	}
	if p.scroll.Offset.Y <= 0 || !inView(last) {
		t.Errorf("the last value is not scrolled into view (offset %v)", p.scroll.Offset.Y)
	}
	h.press(fyne.KeyHome)
	if c.Focused() != p.headers[0] {
		t.Errorf("Home went to %T, want the first title", c.Focused())
	}
	h.press(fyne.KeyDown)
	if c.Focused() != boxes[0] || !inView(boxes[0]) {
		t.Errorf("Down from the first title: focus %T, first value in view %v", c.Focused(), inView(boxes[0]))
	}
	value := ""
	for v, fc := range p.checks[index.FacetCampaign] {
		if fc.check == boxes[0] {
			value = v
		}
	}
	c.Focused().TypedRune(' ')
	h.settle(func() bool { return h.idle() && len(h.v.state.filters.Campaigns) == 1 })
	if h.v.state.filters.Campaigns[0] != value {
		t.Errorf("Space chose %v, want %q", h.v.state.filters.Campaigns, value)
	}
	// Away and back by Tab: the same value has the keyboard, wherever
	// new counts put it (its box, reused, may show another value).
	h.press(fyne.KeyTab)
	p.update(map[string][]index.FacetValue{index.FacetCampaign: {{Value: "Phong trào chỉ có trong phép thử", Count: 9}, {Value: value, Count: 1}}}, h.v.state.filters)
	h.v.moveFocus(h.v.toolbar[0], -1)
	if b, ok := c.Focused().(*facetBox); !ok || b.owner.value != value {
		t.Errorf("back by Shift+Tab: %T, want the value %q", c.Focused(), value)
	}
	// A letter typed there goes to the search box.
	h.v.search.entry.SetText("")
	c.Focused().TypedRune('x')
	if c.Focused() != h.v.search.entry || h.v.search.entry.Text != "x" {
		t.Errorf("a letter typed in the browse panel: focus %T, search box %q", c.Focused(), h.v.search.entry.Text)
	}
}

// TestTypingWhileALongDocumentOpens: letters typed while a long document
// is being opened, in the search box or after clicking its row in the
// results, all reach the search box, in order, and the box keeps the
// keyboard once the document is shown.
func TestTypingWhileALongDocumentOpens(t *testing.T) {
	h := newHarness(t, false)
	h.importTexts(map[string]string{"kh45.txt": longText()})
	c := h.win.Canvas()
	for _, from := range []string{"search box", "results"} {
		h.v.reader.clear()
		h.search("nông thôn")
		// Enter in the search box, or a click on the row, starts opening;
		// the document comes when the queued UI work runs (settle).
		if from == "search box" {
			h.press(fyne.KeyReturn)
		} else {
			c.Focus(h.v.results.list)
			h.v.results.list.Select(0)
		}
		if h.v.reader.doc != nil {
			t.Fatalf("%s: the document was shown before its reading ended", from)
		}
		if c.Focused() != h.v.search.entry {
			t.Errorf("%s: the keyboard went to %T while the document opens", from, c.Focused())
		}
		for _, r := range " mới nâng cao" {
			c.Focused().TypedRune(r)
		}
		h.settle(func() bool { return h.idle() && h.v.reader.doc != nil })
		if got := h.v.search.entry.Text; got != "nông thôn mới nâng cao" {
			t.Errorf("%s: the search box holds %q", from, got)
		}
		if c.Focused() != h.v.search.entry {
			t.Errorf("%s: after the document opened the keyboard is with %T", from, c.Focused())
		}
	}
}

// TestLongDocumentMarksWaitForTyping: with a long document open, a new
// query's marks wait for typing to pause (laying the text out again takes
// seconds), then follow it.
func TestLongDocumentMarksWaitForTyping(t *testing.T) {
	h := newHarness(t, false)
	var law strings.Builder
	for law.Len() < longDocument+10_000 {
		law.WriteString(longText())
	}
	h.importTexts(map[string]string{"kh45.txt": law.String()})
	r := h.v.reader
	h.openFirst("nông thôn")
	before := len(r.marks)
	if before == 0 {
		t.Fatal("nothing marked")
	}
	h.search("thủy lợi")
	if r.query != "thủy lợi" || len(r.marks) != before {
		t.Fatalf("the marks followed the query at once: query %q, %d marks (were %d)", r.query, len(r.marks), before)
	}
	h.settle(func() bool { return len(r.marks) != before })
	d := r.doc.Text
	if m := r.marks[0]; !strings.EqualFold(d[m.Start:m.End], "thủy lợi") && !strings.EqualFold(d[m.Start:m.End], "thủy") {
		t.Errorf("marked %q", d[m.Start:m.End])
	}
}

// TestFocusBackFromAnotherWindow: the results, having the keyboard when
// the window lost it (the Trash or the campaigns window opened, a system
// dialog), keep it when the window gets it back, where a click on them
// gives it to the search box (seen under Xvfb: closing the Trash left the
// keyboard in the search box).
func TestFocusBackFromAnotherWindow(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	l := h.v.results.list
	c := h.win.Canvas()
	h.v.moveFocus(h.v.search.entry, 1) // Tab
	if c.Focused() != l {
		t.Fatalf("Tab went to %T", c.Focused())
	}
	// The window loses the keyboard and gets it back, as Fyne's window
	// does: FocusLost, then FocusGained on the part that had it.
	l.FocusLost()
	h.settle(func() bool { return true })
	l.FocusGained()
	if c.Focused() != l {
		t.Errorf("back from another window the keyboard is in %T", c.Focused())
	}
	// A click on the list still leaves it in the search box.
	c.Focus(h.v.search.entry)
	c.Focus(l)
	if c.Focused() != h.v.search.entry {
		t.Errorf("a click on the list took the keyboard from the search box")
	}
}

// TestEveryButtonShownIsOurs: no button Fyne draws plain (no ring, Enter
// does nothing) is on the window or its dialogs, on the welcome screen of
// an empty archive or on the main screen with a document open, a filter
// chosen, results ticked, the import strip ended, the edit form and the
// import report open; TestFocusShowsOnEveryButton checks the package's
// code, this the buttons Fyne's widgets make (the drop-down of the edit
// form's type). Enter presses the ones a person reaches by Tab: the
// welcome's "Xem hướng dẫn sử dụng", the selection bar's "Bỏ chọn", the
// import report's "Sao chép báo cáo"; Escape on them keeps the search.
func TestEveryButtonShownIsOurs(t *testing.T) {
	// plain fails for each plain button shown under o (a hidden one, as
	// a form's unused Submit, takes no keyboard).
	var plain func(where string, o fyne.CanvasObject)
	plain = func(where string, o fyne.CanvasObject) {
		t.Helper()
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			t.Errorf("%s: a plain widget.Button %q (icon %v)", where, x.Text, x.Icon != nil)
		case *fyne.Container:
			for _, c := range x.Objects {
				plain(where, c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				plain(where, c)
			}
		}
	}
	empty := newHarness(t, false)
	plain("welcome", empty.win.Content())
	c := empty.win.Canvas()
	guide := ourButton(t, empty.win.Content(), "Xem hướng dẫn sử dụng")
	c.Focus(guide)
	typeKey(t, c, fyne.KeyReturn)
	if g, ok := findWindow[*guideWindow](empty.s); !ok {
		t.Error("Enter on Xem hướng dẫn sử dụng opened no guide")
	} else {
		g.w.Close()
	}

	h := newHarness(t, true)
	c = h.win.Canvas()
	h.openFirst("nêu gương")
	h.v.onFilterToggled(index.FacetYear, strconv.Itoa(h.v.reader.doc.Year), true)
	h.settle(h.idle)
	h.v.results.mark(0, true, false)
	h.v.imports.showEnded("Đã thêm 1 văn bản.", false, func() {})
	plain("main screen", h.win.Content())

	none := ourButton(t, h.win.Content(), "Bỏ chọn")
	c.Focus(none)
	typeKey(t, c, fyne.KeyEscape)
	if c.Focused() != h.v.search.entry || h.v.search.entry.Text != "nêu gương" {
		t.Errorf("Escape on Bỏ chọn: the keyboard in %T, the search box holds %q", c.Focused(), h.v.search.entry.Text)
	}
	c.Focus(none)
	typeKey(t, c, fyne.KeyReturn)
	if len(h.v.results.marked) != 0 {
		t.Errorf("Enter on Bỏ chọn left %d ticked", len(h.v.results.marked))
	}

	h.v.reader.onEdit()
	h.settle(func() bool { return c.Overlays().Top() != nil })
	plain("edit form", c.Overlays().Top())
	clearOverlays(h.win)

	run := &importRun{v: h.v, report: &index.ImportReport{Added: 1}, reportText: newDialogEntry()}
	run.reportText.SetText("báo cáo nhập")
	run.showReport()
	top := c.Overlays().Top()
	plain("import report", top)
	copyBtn := ourButton(t, top, "Sao chép báo cáo")
	c.Focus(copyBtn)
	typeKey(t, c, fyne.KeyReturn)
	if got := h.app.Clipboard().Content(); got != "báo cáo nhập" {
		t.Errorf("Enter on Sao chép báo cáo: the clipboard holds %q", got)
	}
	typeKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape on Sao chép báo cáo left the report open")
	}
}

// ourButton is the button of ours labelled text under o.
func ourButton(t *testing.T, o fyne.CanvasObject, text string) fyne.Focusable {
	t.Helper()
	for _, b := range findAll[*tabButton](o) {
		if b.Text == text {
			return b
		}
	}
	for _, b := range findAll[*dialogButton](o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}

// TestTabReachesEveryButtonShown: Tab from the search box goes round to
// it again through every button of ours shown on the main screen: the
// selection bar, the chips, the saved searches and the import strip were
// reached by no key (session 16), so their ring and Enter were of no use.
// Shift+Tab goes round the other way through the same.
func TestTabReachesEveryButtonShown(t *testing.T) {
	h := newHarness(t, true)
	c := h.win.Canvas()
	storeSavedSearches(h.app.Preferences(), []savedSearch{{Name: "Nêu gương", Query: "nêu gương"}})
	h.v.saved.refresh()
	h.openFirst("nêu gương")
	h.v.onFilterToggled(index.FacetYear, strconv.Itoa(h.v.reader.doc.Year), true)
	h.settle(h.idle)
	h.v.results.mark(0, true, false)
	h.v.imports.showEnded("Đã thêm 1 văn bản.", false, func() {})
	h.v.reader.foldMeta(false) // its related documents beside the text
	want := map[fyne.Focusable]string{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *tabButton:
			want[x] = x.Text
			if x.Text == "" {
				want[x] = x.Icon.Name()
			}
		case *readerLink:
			want[x] = x.Text
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(h.win.Content())
	// The reader's too: its row of matches and its related documents
	// were reached by no key (session 17).
	r := h.v.reader
	if len(r.links) == 0 {
		t.Fatal("the document opened links to no related one")
	}
	for _, b := range []*tabButton{r.prev, r.next, r.copyPassage, r.closeDoc} {
		if _, ok := want[b]; !ok {
			t.Fatalf("the reader's %q is not shown", want[b])
		}
	}
	for _, name := range []string{"Bỏ chọn", "Lưu tìm kiếm này…", "Nêu gương", "Xem báo cáo", "Sửa thông tin", "Chép đoạn này", r.links[0].Text} {
		if !slices.Contains(slices.Collect(maps.Values(want)), name) {
			t.Fatalf("no %q shown to reach: %v", name, slices.Collect(maps.Values(want)))
		}
	}
	for _, back := range []bool{false, true} {
		key := map[bool]string{false: "Tab", true: "Shift+Tab"}[back]
		c.Focus(h.v.search.entry)
		reached := map[fyne.Focusable]bool{}
		for range 200 {
			typeGuideKey(t, h.s, h.win, key)
			f := c.Focused()
			if f == fyne.Focusable(h.v.search.entry) {
				break
			}
			if f == nil {
				t.Fatalf("%s left nothing with the keyboard", key)
			}
			reached[f] = true
		}
		for b, name := range want {
			if !reached[b] {
				t.Errorf("%s never reaches %q", key, name)
			}
		}
	}
	// In the reader, Tab goes from the text through its buttons in the
	// order they are read, and Shift+Tab back the same way.
	var order []fyne.Focusable
	c.Focus(r.text)
	for range 40 {
		typeGuideKey(t, h.s, h.win, "Tab")
		if c.Focused() == fyne.Focusable(h.v.saved.save) {
			break
		}
		order = append(order, c.Focused())
	}
	names := func(fs []fyne.Focusable) []string {
		var out []string
		for _, f := range fs {
			out = append(out, want[f])
		}
		return out
	}
	at := func(f fyne.Focusable) int { return slices.Index(order, f) }
	if at(r.edit) != 0 || !(at(r.edit) < at(r.closeDoc) && at(r.closeDoc) < at(r.prev) && at(r.prev) < at(r.next) &&
		at(r.next) < at(r.copyPassage) && at(r.copyPassage) < at(r.links[0])) {
		t.Errorf("Tab from the text goes through %v", names(order))
	}
	var back []fyne.Focusable
	for range order {
		typeGuideKey(t, h.s, h.win, "Shift+Tab")
		back = append(back, c.Focused())
	}
	slices.Reverse(back)
	if typeGuideKey(t, h.s, h.win, "Shift+Tab"); c.Focused() != r.text || !slices.Equal(back, order) {
		t.Errorf("Shift+Tab from Lưu tìm kiếm này… goes through %v then %T, want %v then the text", names(back), c.Focused(), names(order))
	}
}
