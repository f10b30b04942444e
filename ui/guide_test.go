package ui

import (
	"regexp"
	"strings"
	"testing"

	"khovanban/ui/messages"
)

// menuPath is a guide's "**Menu › Item**": the place of an action in the
// window's menus.
var menuPath = regexp.MustCompile(`\*\*([^*›\n]+) › ([^*\n]+)\*\*`)

// TestGuideNamesTheMenus: every "Menu › Item" the user guide names is an
// item of that menu, in each language, so that a renamed or moved menu item
// fails here instead of sending a clerk to look for what is not there.
func TestGuideNamesTheMenus(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	for _, code := range []string{messages.Vietnamese, messages.English} {
		messages.UseLanguage(code)
		items := map[string]bool{}
		for _, m := range h.v.mainMenu().Items {
			for _, it := range m.Items {
				items[m.Label+" › "+it.Label] = true
			}
		}
		paths := menuPath.FindAllStringSubmatch(guideText(code), -1)
		if len(paths) < 8 {
			t.Fatalf("%s: only %d menu paths found in the guide", code, len(paths))
		}
		for _, p := range paths {
			if !items[p[1]+" › "+p[2]] {
				t.Errorf("%s guide names %q, which no menu has", code, p[0])
			}
		}
		if !items[map[string]string{"vi": "Trợ giúp › Hướng dẫn sử dụng", "en": "Help › User guide"}[code]] {
			t.Errorf("%s: the Help menu does not offer the guide", code)
		}
	}
}

// TestGuideWindow: the guide opens in a window of its own, once however
// often it is asked for, in the language chosen, and follows a change of
// language.
func TestGuideWindow(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	h.v.onShowGuide()
	h.v.onShowGuide()
	n := 0
	var g *guideWindow
	for _, w := range h.s.windows {
		if gw, ok := w.(*guideWindow); ok {
			n++
			g = gw
		}
	}
	if n != 1 {
		t.Fatalf("%d guide windows open, want 1", n)
	}
	text := strings.Join(allTexts(t, g.w.Content()), "\n")
	if !strings.Contains(text, "Đưa văn bản vào kho") || g.w.Title() != "Hướng dẫn sử dụng" {
		t.Errorf("Vietnamese guide %q shows: %.200q", g.w.Title(), text)
	}
	h.app.Preferences().SetString(prefLanguage, messages.English)
	messages.UseLanguage(messages.English)
	g.attach(h.v)
	text = strings.Join(allTexts(t, g.w.Content()), "\n")
	if !strings.Contains(text, "Bringing documents in") || strings.Contains(text, "Đưa văn bản vào kho") || g.w.Title() != "User guide" {
		t.Errorf("English guide %q shows: %.200q", g.w.Title(), text)
	}
}
