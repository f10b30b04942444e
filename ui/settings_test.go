package ui

import (
	"strings"
	"testing"

	"khovanban/ui/messages"
)

func TestSettingsLanguageAndTheme(t *testing.T) {
	h := newHarness(t, true)
	t.Cleanup(func() { messages.UseLanguage("vi") })
	f := h.v.showSettings()
	f.language.SetSelectedIndex(1) // English
	f.theme.SetSelectedIndex(2)    // dark
	f.size.SetSelectedIndex(2)
	f.onSave()
	h.v = h.s.view
	h.settle(h.idle)
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
