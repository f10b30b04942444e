package ui

import (
	"encoding/json"
	"strings"
	"testing"

	"khovanban/assets"
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
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Đang đổi cách hiển thị") {
		t.Error("no busy sign while the window is built again")
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
	if z := h.v.reader.zoom.Theme.(*zoomTheme); z.Theme != h.app.Settings().Theme() {
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
