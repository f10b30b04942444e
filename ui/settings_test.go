package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/widget"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

// TestSettingsLanguageAndTheme: a new language builds the screen again in
// that language with the same document open and the browse column still
// folded (usertest finding 11: the document was closed), a busy sign over
// the window meanwhile.
func TestSettingsLanguageAndTheme(t *testing.T) {
	h := newHarness(t, true)
	t.Cleanup(func() { messages.UseLanguage("vi") })
	d := h.openFirst("nêu gương")
	h.v.panels.toggleBrowse()
	old := h.v
	f := h.v.showSettings()
	f.language.SetSelectedIndex(1) // English
	f.theme.SetSelectedIndex(2)    // dark
	f.size.SetSelectedIndex(2)
	f.onSave()
	// In the language chosen, which the window is about to speak.
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Changing the display") {
		t.Error("no busy sign in English while the window is built again")
	}
	h.settle(func() bool { return h.s.view != old })
	h.v = h.s.view
	h.settle(func() bool { return h.idle() && h.v.reader.doc != nil })
	if h.v.reader.doc.ID != d.ID || !h.v.panels.folded {
		t.Errorf("after the change: document %q (was %q), browse folded %v", h.v.reader.doc.ID, d.ID, h.v.panels.folded)
	}
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Errorf("left over the window: %v", allTexts(t, top))
	}
	if !strings.Contains(h.v.search.count.Text, "result") {
		t.Errorf("English count: %q", h.v.search.count.Text)
	}
	st := loadSettings(h.app.Preferences())
	if st.Language != "en" || st.Theme != themeDark || st.TextScale != textScales[2] {
		t.Errorf("saved %+v", st)
	}
	th, ok := h.app.Settings().Theme().(*appTheme)
	if !ok || th.variant != themeDark {
		t.Errorf("theme %T", h.app.Settings().Theme())
	}
}

// TestLanguageKeepsTheImportStrip: what the last import did stays at the
// window's foot after a change of language, in the new language, its
// report too (usertest session 10, finding 9: the strip went); a strip
// folded away with its × stays folded.
func TestLanguageKeepsTheImportStrip(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage("vi") })
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tb.txt"), []byte("UBND XÃ AN PHÚ\nSố: 7/TB-UBND\n\nTHÔNG BÁO\nVề lịch tiếp dân tháng 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "rong.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	run := h.v.startImport([]string{dir}, nil)
	h.settleWithin(time.Minute, func() bool { return closed(run.done) && h.idle() })
	if !h.v.imports.endedShown() || !strings.HasPrefix(h.v.imports.summary.Text, "Nhập xong: thêm 1 văn bản") {
		t.Fatalf("strip before the change: shown %v, %q", h.v.imports.endedShown(), h.v.imports.summary.Text)
	}
	change := func(lang int) {
		h.chooseLanguage(lang)
		h.settle(h.idle)
	}
	change(1) // English
	strip := h.v.imports
	if !strip.endedShown() || !strings.HasPrefix(strip.summary.Text, "Import finished: added 1 document,") || strip.summary.Importance != widget.WarningImportance {
		t.Errorf("strip after the change: shown %v, %q, importance %v", strip.endedShown(), strip.summary.Text, strip.summary.Importance)
	}
	if strip.report.OnTapped == nil || !strings.HasPrefix(h.s.lastImport.reportText.Text, "Documents added: 1;") {
		t.Errorf("report after the change: %q", h.s.lastImport.reportText.Text)
	}
	strip.hide()
	change(0) // Vietnamese
	if h.v.imports.endedShown() {
		t.Errorf("a strip folded away came back: %q", h.v.imports.summary.Text)
	}
}

// TestLanguageKeepsTheList: the screen built again for a new language
// shows the results at once, counted in that language, not an empty list
// until its first search comes back (usertest s11: 8-12 s under load);
// that search then refreshes them in place, the row chosen staying.
func TestLanguageKeepsTheList(t *testing.T) {
	h := newHarness(t, true)
	t.Cleanup(func() { messages.UseLanguage("vi") })
	h.search("nêu gương")
	total, first := h.v.results.total, h.v.results.pages[0][0].ID
	h.v.results.list.Select(1)
	h.settle(h.idle)
	chosen := h.v.results.pages[0][1].ID
	messages.UseLanguage("en")
	h.s.rebuildView(func() {})
	h.v = h.s.view
	// Before the UI's queue runs: the new search has not come back.
	if h.v.results.total != total || len(h.v.results.pages[0]) == 0 || h.v.results.pages[0][0].ID != first {
		t.Fatalf("the new screen lists %d results (was %d)", h.v.results.total, total)
	}
	if want := formatCount(total) + " results"; h.v.search.count.Text != want {
		t.Errorf("count %q, want %q", h.v.search.count.Text, want)
	}
	for name, checks := range h.v.browse.checks {
		for value, c := range checks {
			if !strings.Contains(c.label.Text, "(") {
				t.Errorf("the counts did not come with the list: %s/%s %q", name, value, c.label.Text)
			}
		}
	}
	h.v.results.list.Select(1)
	h.settle(h.idle)
	if h.v.results.selected != 1 || h.v.results.pages[0][1].ID != chosen || h.v.results.total != total {
		t.Errorf("after the search: row %d chosen, %d results", h.v.results.selected, h.v.results.total)
	}
}

// TestLanguageKeepsTheRowChosen: after a change of language the document
// open stays open and its row in the results stays chosen, not opened
// again: under Xvfb the row of the open document lost its highlight
// (usertest s20, 1024x768, lsw2.png).
func TestLanguageKeepsTheRowChosen(t *testing.T) {
	h := newHarness(t, true)
	t.Cleanup(func() { messages.UseLanguage("vi") })
	h.search("nêu gương")
	if h.v.results.total < 3 {
		t.Fatalf("%d results", h.v.results.total)
	}
	h.v.results.list.Select(2)
	chosen := h.v.results.pages[0][2].ID
	h.settle(func() bool { return h.v.reader.doc != nil && h.v.reader.doc.ID == chosen })
	messages.UseLanguage("en")
	h.s.rebuildView(func() {})
	h.v = h.s.view
	check := func(when string) {
		t.Helper()
		if h.v.results.selected != 2 {
			t.Errorf("%s: row %d chosen, want 2", when, h.v.results.selected)
		}
	}
	check("before the new search")
	h.settle(func() bool { return h.idle() && h.v.reader.doc != nil })
	check("after it")
	if d := h.v.reader.doc; d == nil || d.ID != chosen {
		t.Errorf("the document open is not the one chosen")
	}
}

// TestTextSizeDuringImport: during an import the text size and the theme
// change at once, in place, the document open staying open; the language
// waits, and says that the others do not (usertest finding 3).
func TestTextSizeDuringImport(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	h.v.importing = &importRun{v: h.v, done: make(chan struct{})}
	t.Cleanup(func() { h.v.importing = nil })
	v := h.v
	f := h.v.showSettings()
	f.size.SetSelectedIndex(3)
	f.onSave()
	h.settle(func() bool { return h.win.Canvas().Overlays().Top() == nil })
	if h.s.view != v || h.v.reader.doc == nil || h.v.reader.doc.ID != d.ID {
		t.Fatal("the text size rebuilt the window or closed the document")
	}
	th, ok := h.app.Settings().Theme().(*appTheme)
	if !ok || th.scale != float32(textScales[3]) {
		t.Errorf("theme %T %+v", h.app.Settings().Theme(), th)
	}
	if z := h.v.reader.body.theme.(*zoomTheme); z.Theme != h.app.Settings().Theme() {
		t.Error("the reader's text keeps the old theme")
	}
	f = h.v.showSettings()
	f.language.SetSelectedIndex(1)
	f.onSave()
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Cỡ chữ và giao diện thì đổi được ngay") {
		t.Fatal("the language is not refused during the import with why")
	}
	if st := loadSettings(h.app.Preferences()); st.Language != "vi" {
		t.Errorf("language saved as %q during the import", st.Language)
	}
}

// TestLanguageLeavesNoOtherWords: after a change of language the main
// window, its menus, the reader with its details and the edit form hold
// no label of the other language (a text built once and kept over the
// change), and back.
func TestLanguageLeavesNoOtherWords(t *testing.T) {
	h := newHarness(t, true)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	vi, en := translationPairs(t)
	d := h.openFirst("nêu gương")
	for _, c := range []struct {
		index      int
		own, other map[string]bool // labels that must, and must not, show
	}{{1, en, vi}, {0, vi, en}} {
		old := h.v
		f := h.v.showSettings()
		f.language.SetSelectedIndex(c.index)
		f.onSave()
		h.settle(func() bool { return h.s.view != old })
		h.v = h.s.view
		h.settle(func() bool { return h.idle() && h.v.reader.doc != nil && h.win.Canvas().Overlays().Top() == nil })
		h.v.reader.foldMeta(false)
		texts := allTexts(t, h.win.Content())
		for _, m := range h.win.MainMenu().Items {
			texts = append(texts, m.Label)
			for _, it := range m.Items {
				texts = append(texts, it.Label)
			}
		}
		form := h.v.showEdit(d)
		texts = append(texts, allTexts(t, h.win.Canvas().Overlays().Top())...)
		form.dialog.Hide()
		own := 0
		for _, s := range texts {
			if c.other[strings.TrimSpace(s)] {
				t.Errorf("language %d: %q is left", c.index, s)
			}
			if c.own[strings.TrimSpace(s)] {
				own++
			}
		}
		t.Logf("language %d: %d of its labels in %d texts", c.index, own, len(texts))
		if own < 40 {
			t.Errorf("language %d: %d labels of it in %d texts; is the scan broken?", c.index, own, len(texts))
		}
	}
}

// longMarkedText is a report like realdev lamdong-143.doc: 36,000
// characters in 700 lines, some of them paragraphs of 500 to 2,000
// characters, and the words of reportQuery about 950 times.
func longMarkedText() string {
	words := strings.Fields("công tác phòng chống tội phạm trên các tuyến địa bàn trọng điểm phức tạp về ma túy của tỉnh đã được triển khai đồng bộ với sự tham gia của cả hệ thống chính trị và nhân dân các xã phường thị trấn trong toàn tỉnh lực lượng công an phối hợp chặt chẽ")
	var b strings.Builder
	b.WriteString("BÁO CÁO\nKết quả thực hiện việc xác định tuyến, địa bàn trọng điểm phức tạp về ma túy\n")
	w := 0
	for p := 0; b.Len() < 48000; p++ {
		n := 8
		if p%20 == 0 {
			n = 60 + p%7*40
		}
		for range n {
			b.WriteString(words[w%len(words)])
			w++
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d.\n", p)
	}
	return b.String()
}

const reportQuery = "tuyến địa bàn trọng điểm ma túy"

// TestDisplayChangeWithLongMarkedDocument: a new text size or language
// with a long report open, its hundreds of marks shown, costs about what
// opening the report costs, not ten times that (usertest session 7,
// finding 5: realdev lamdong-143.doc with 646 marks froze the window for a
// minute, the text laid out again by every container the new theme
// reached), and the report stays at the match that was being read. CPU
// times, not the clock's, so that a loaded machine does not fail it.
func TestDisplayChangeWithLongMarkedDocument(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	h.importTexts(map[string]string{"bao-cao-ma-tuy.txt": longMarkedText()})
	c := cpuTime(t)
	d := h.openFirst(reportQuery)
	opening := cpuTime(t) - c
	r := h.v.reader
	// 646 words marked, 310 places painted: the query's words side by
	// side are one; 101 matches, where the most of them stand together.
	if len(r.painted) < 300 || len(r.marks) < 40 || len(r.body.blocks) < 10 {
		t.Fatalf("%d places painted, %d matches in %d blocks: not the long marked report meant", len(r.painted), len(r.marks), len(r.body.blocks))
	}
	for range 20 { // about where 40 words were before they were joined
		r.onMatch(1)
	}
	at := r.current
	if !matchInView(r) {
		t.Fatalf("match %d is not in view", at)
	}
	for _, c := range []struct {
		name   string
		choose func(f *settingsForm)
	}{
		{"larger text", func(f *settingsForm) { f.size.SetSelectedIndex(3) }},
		{"smaller text", func(f *settingsForm) { f.size.SetSelectedIndex(0) }},
		{"English", func(f *settingsForm) { f.language.SetSelectedIndex(1) }},
	} {
		old := h.v
		f := h.v.showSettings()
		c.choose(f)
		start, laid := cpuTime(t), h.v.reader.body.laidOut
		f.onSave()
		// A minute of the clock: the bounds below are of CPU (under -race
		// at a load of 20-26, 2 of 20 runs took over 15 s to show the
		// English screen again).
		h.settleWithin(time.Minute, func() bool { return h.win.Canvas().Overlays().Top() == nil })
		// The sign stays until the document is back (it is laid out
		// then, holding the window).
		if h.s.view.reader.doc == nil {
			t.Fatalf("%s: the sign went before the document was back", c.name)
		}
		h.v = h.s.view
		took := cpuTime(t) - start
		t.Logf("%s: %v of CPU (opening the report: %v)", c.name, took, opening)
		// A new language builds the screen again (the search run and the
		// document opened and laid out again): 3.6-5.2 times the opening
		// under -race (CI session 10 failed at 5.2 with a bound of 4);
		// the defect meant was ten times and more.
		bound := 4*opening + time.Second
		if c.name == "English" {
			bound = 7*opening + time.Second
		}
		if took > bound {
			t.Errorf("%s took %v of CPU, opening the report %v", c.name, took, opening)
		}
		if c.name == "English" && h.v == old {
			t.Error("English did not build the screen again")
		}
		r = h.v.reader
		// The text is laid out once, where it is seen: a few blocks, not
		// the report's dozens, nor a dozen times.
		if h.v != old {
			laid = 0
		}
		if n := r.body.laidOut - laid; n > 3*len(r.body.shown)+2 {
			t.Errorf("%s laid out %d blocks, %d of them shown", c.name, n, len(r.body.shown))
		}
		if r.doc.ID != d.ID || r.current != at {
			t.Errorf("%s: document %s at match %d, was %s at %d", c.name, r.doc.ID, r.current, d.ID, at)
		}
		if want := fmt.Sprintf("%d/%d", at+1, len(r.marks)); !strings.Contains(r.matchNo.Text, want) && !strings.Contains(r.matchNo.Text, fmt.Sprintf("%d of %d", at+1, len(r.marks))) {
			t.Errorf("%s: %q, want match %s", c.name, r.matchNo.Text, want)
		}
		if !matchInView(r) {
			t.Errorf("%s: match %d is out of view (text scrolled to %v)", c.name, r.current, r.scroll.Offset)
		}
	}
}

// matchInView reports whether the reader's current match is in the part
// of the text shown, and its block laid out.
func matchInView(r *reader) bool {
	m := r.marks[r.current]
	b := r.body.blocks[r.body.blockOf(m.Start)]
	frac := float32(m.Start-b.start) / float32(max(1, b.end-b.start))
	y := b.y + frac*b.h
	return b.view != nil && y >= r.scroll.Offset.Y && y <= r.scroll.Offset.Y+r.scroll.Size().Height
}

// translationPairs are the labels of each language that differ from the
// other's: Vietnamese keys and English values.
func translationPairs(t *testing.T) (vi, en map[string]bool) {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	vi, en = map[string]bool{}, map[string]bool{}
	for k, v := range m {
		if s, ok := v.(string); ok && s != k && !strings.Contains(k, "{{") {
			vi[k], en[s] = true, true
		}
	}
	return vi, en
}

// toEnglish chooses English in the settings and saves, as a person does,
// and waits for the screen built again in it, which becomes h.v; the test
// is back in Vietnamese when it ends.
func (h *harness) toEnglish() { h.chooseLanguage(1) }

// chooseLanguage is toEnglish for the language of the settings' list at i
// (0 Tiếng Việt, 1 English).
func (h *harness) chooseLanguage(i int) {
	h.t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	old := h.v
	f := h.v.showSettings()
	f.language.SetSelectedIndex(i)
	f.onSave()
	h.settle(func() bool { return h.s.view != old })
	h.v = h.s.view
}

// TestLanguageKeepsTheFormBeingTyped: a note typed in the edit form, not
// saved yet, is still there, in the form open again over the same
// document, after the language changes and the window is built again
// (usertest s25: the form went with the old window and the note with it;
// where the menu is the system's, Cài đặt… is reachable over the form).
func TestLanguageKeepsTheFormBeingTyped(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	form := h.v.showEdit(d)
	const note = "Đã gửi bản chính cho Văn phòng Huyện ủy ngày 3/12"
	form.entries[index.FieldNotes].SetText(note)
	form.entries[index.FieldSigner].SetText("Nguyễn Văn Tư")
	picked := form.campaigns.group.Options[len(form.campaigns.group.Options)-1]
	if slices.Contains(d.Campaigns, picked) {
		form.campaigns.group.SetSelected(slices.DeleteFunc(slices.Clone(form.campaigns.group.Selected), func(s string) bool { return s == picked }))
	} else {
		form.campaigns.group.SetSelected(append(slices.Clone(form.campaigns.group.Selected), picked))
	}
	h.toEnglish()
	h.settle(func() bool { return h.idle() && h.v.reader.doc != nil && h.v.editing != nil })
	again := h.v.editing
	if again.doc.ID != d.ID {
		t.Fatalf("the form is open on %q, was on %q", again.doc.ID, d.ID)
	}
	if got := again.entries[index.FieldNotes].Text; got != note {
		t.Errorf("the note typed: %q after the change, want %q", got, note)
	}
	if got := again.entries[index.FieldSigner].Text; got != "Nguyễn Văn Tư" {
		t.Errorf("the signer typed: %q after the change", got)
	}
	if again.campaigns.value() != form.campaigns.value() {
		t.Errorf("campaigns ticked: %q after the change, were %q", again.campaigns.value(), form.campaigns.value())
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Save") {
		t.Errorf("the form over the window is not in English: %v", top)
	}
	// Saving it saves what was typed before the change.
	again.onSave()
	h.settle(func() bool { return closed(again.saved) && h.idle() })
	got, err := h.arc.Get(d.ID)
	if err != nil || got.Notes != note {
		t.Errorf("saved notes %q, %v", got.Notes, err)
	}
}
