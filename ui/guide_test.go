package ui

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

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

// guideKey is a key or shortcut as the guide writes it in bold: "Ctrl+E",
// "Shift+F1", "Esc", "Page Up", "phím cách".
var guideKey = regexp.MustCompile(`^(((Ctrl|Shift)\+)+[A-Z]|((Ctrl|Shift)\+)*(F[0-9]+|Tab|Esc|Enter|Del|Page Up|Page Down|Home|End|Space|phím cách))$`)

// guideKeys are the keys and shortcuts the guide in language code names.
func guideKeys(code string) map[string]bool {
	keys := map[string]bool{}
	for _, m := range regexp.MustCompile(`\*\*([^*\n]+)\*\*`).FindAllStringSubmatch(guideText(code), -1) {
		for k := range strings.SplitSeq(m[1], "/") {
			if k = strings.TrimSpace(k); guideKey.MatchString(k) {
				keys[k] = true
			}
		}
	}
	return keys
}

// typeGuideKey types k, written as the guide writes it, into window w of
// session s as Fyne's window does: a shortcut with Ctrl runs the menu
// item that shows it, else the canvas's; a key with Shift alone arrives as
// the key, with Shift held.
func typeGuideKey(t *testing.T, s *session, w fyne.Window, k string) {
	t.Helper()
	mods := fyne.KeyModifier(0)
	for {
		mod, rest, ok := strings.Cut(k, "+")
		if !ok {
			break
		}
		mods |= map[string]fyne.KeyModifier{"Ctrl": fyne.KeyModifierShortcutDefault, "Shift": fyne.KeyModifierShift}[mod]
		k = rest
	}
	name := fyne.KeyName(k)
	if n, ok := map[string]fyne.KeyName{"Esc": fyne.KeyEscape, "Enter": fyne.KeyReturn, "Del": fyne.KeyDelete, "Page Up": fyne.KeyPageUp,
		"Page Down": fyne.KeyPageDown, "phím cách": fyne.KeySpace}[k]; ok {
		name = n
	}
	if mods&^fyne.KeyModifierShift != 0 {
		sc := &desktop.CustomShortcut{KeyName: name, Modifier: mods}
		if m := w.MainMenu(); m != nil {
			for _, menu := range m.Items {
				for _, it := range menu.Items {
					if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
						it.Action()
						return
					}
				}
			}
		}
		w.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
		return
	}
	held := s.keyModifiers
	s.keyModifiers = func() fyne.KeyModifier { return mods }
	defer func() { s.keyModifiers = held }()
	typeKey(t, w.Canvas(), name)
	if f := w.Canvas().Focused(); name == fyne.KeySpace && f != nil {
		f.TypedRune(' ') // the window sends both
	}
}

// shortcutText is sc as Fyne's menu shows it, read from a menu drawn
// with it: "Ctrl+E", "Del" (the guide said "Delete" while the menu showed
// "Del", session 15).
func shortcutText(t *testing.T, sc fyne.Shortcut) string {
	t.Helper()
	const label = "menu item"
	texts := allTexts(t, widget.NewMenu(fyne.NewMenu("", &fyne.MenuItem{Label: label, Shortcut: sc})))
	return strings.Join(slices.DeleteFunc(texts, func(s string) bool { return s == label || s == "" }), "")
}

// TestGuideKeysAreBound: every key and shortcut the guide names (in
// bold, in either language) does what the guide says when typed into
// the window, and every shortcut a menu shows is in the guide. A key
// the guide names that no probe here knows fails too: write its probe.
func TestGuideKeysAreBound(t *testing.T) {
	h := newHarness(t, true)
	c := h.win.Canvas()
	guideOpen := func() *guideWindow {
		g, _ := findWindow[*guideWindow](h.s)
		return g
	}
	overlayShows := func(text string) bool {
		top := c.Overlays().Top()
		return top != nil && slices.ContainsFunc(allTexts(t, top), func(s string) bool { return strings.HasPrefix(s, text) })
	}
	// openDoc opens a document anew: one still loading would open again
	// after the key.
	openDoc := func() {
		h.v.onCloseDocument()
		h.openFirst("nêu gương")
	}
	focusResults := func() {
		h.search("")
		h.v.results.list.keys.focus(h.v.results.list)
		h.v.results.move(3 - h.v.results.selected)
	}
	// Each probe puts the window where the guide says the key works, and
	// says what is wrong after the key ("" when it did its work).
	type probe struct {
		key   string
		setup func()
		check func() string
	}
	probes := []probe{
		{"F1", func() { c.Focus(h.v.search.entry) }, func() string {
			if g := guideOpen(); g != nil {
				g.w.Close()
				return ""
			}
			return "no guide window"
		}},
		{"F1", c.Unfocus, func() string {
			if g := guideOpen(); g != nil {
				g.w.Close()
				return ""
			}
			return "no guide window from the window itself"
		}},
		{"Shift+F1", func() { c.Focus(h.v.search.entry) }, func() string {
			if !overlayShows("Cách tìm kiếm") {
				return "no search help"
			}
			typeKey(t, c, fyne.KeyEscape)
			return ""
		}},
		{"F3", func() { openDoc(); c.Focus(h.v.search.entry) }, func() string {
			return map[bool]string{false: fmt.Sprintf("at match %d of %d", h.v.reader.current, len(h.v.reader.marks))}[h.v.reader.current == 1]
		}},
		{"Shift+F3", func() { openDoc(); c.Focus(h.v.reader.text) }, func() string {
			return map[bool]string{false: fmt.Sprintf("at match %d of %d", h.v.reader.current, len(h.v.reader.marks))}[h.v.reader.current == len(h.v.reader.marks)-1]
		}},
		{"Ctrl+F", focusResults, func() string {
			return map[bool]string{false: "the search box has no keyboard"}[c.Focused() == h.v.search.entry]
		}},
		{"Ctrl+O", nil, func() string {
			if !overlayShows("Chọn tệp cần nhập") {
				return "no file picker"
			}
			typeKey(t, c, fyne.KeyEscape)
			return ""
		}},
		{"Ctrl+E", openDoc, func() string {
			if !overlayShows("Sửa thông tin văn bản") {
				return "no edit form"
			}
			typeKey(t, c, fyne.KeyEscape)
			return ""
		}},
		{"Ctrl+W", openDoc, func() string {
			if h.v.reader.doc != nil {
				return "the document is still open"
			}
			tr := h.v.showTrash()
			typeGuideKey(t, h.s, tr.w, "Ctrl+W")
			if _, open := findWindow[*trashView](h.s); open {
				return "the Trash window is still open"
			}
			return ""
		}},
		{"Del", func() { openDoc(); focusResults() }, func() string {
			if !overlayShows("Chuyển") {
				return "nothing asked"
			}
			typeKey(t, c, fyne.KeyEscape)
			if trash, _ := h.arc.Trash(); len(trash) > 0 {
				return "Escape on the question trashed the document"
			}
			return ""
		}},
		{"Esc", func() { c.Focus(h.v.search.entry); h.v.search.entry.SetText("nêu") }, func() string {
			return map[bool]string{false: "the search box keeps " + h.v.search.entry.Text}[h.v.search.entry.Text == ""]
		}},
		// Elsewhere Escape keeps the search: from the reader (its text, a
		// button) to the open document's row, from the results, the
		// browse panel or a toolbar button to the search box.
		{"Esc", func() { openDoc(); h.v.results.selected = 5; c.Focus(h.v.reader.edit) }, func() string {
			return escapedTo(h, h.v.results.list, 0)
		}},
		{"Esc", func() { openDoc(); c.Focus(h.v.reader.text) }, func() string { return escapedTo(h, h.v.results.list, 0) }},
		{"Esc", func() { openDoc(); h.v.results.list.keys.focus(h.v.results.list) }, func() string {
			return escapedTo(h, h.v.search.entry, 0)
		}},
		{"Esc", func() { openDoc(); h.v.results.list.keys.focus(h.v.browse.focusTarget()) }, func() string {
			return escapedTo(h, h.v.search.entry, 0)
		}},
		{"Esc", func() { openDoc(); c.Focus(h.v.toolbar[len(h.v.toolbar)-1]) }, func() string {
			return escapedTo(h, h.v.search.entry, 0)
		}},
		{"Enter", focusResults, func() string {
			h.settle(func() bool { return h.v.reader.doc != nil })
			h.v.onCloseDocument()
			return ""
		}},
		{"Tab", func() { c.Focus(h.v.search.entry) }, func() string {
			return map[bool]string{false: "Tab did not reach the results"}[c.Focused() == h.v.results.list]
		}},
		{"Shift+Tab", focusResults, func() string {
			return map[bool]string{false: "Shift+Tab did not go back to the search box"}[c.Focused() == h.v.search.entry]
		}},
		{"Page Down", focusResults, func() string { return moved(h.v.results.selected, 3+resultsPage, h.v.results.total) }},
		{"Page Up", focusResults, func() string { return moved(h.v.results.selected, 0, h.v.results.total) }},
		{"Home", focusResults, func() string { return moved(h.v.results.selected, 0, h.v.results.total) }},
		{"End", focusResults, func() string { return moved(h.v.results.selected, h.v.results.total-1, h.v.results.total) }},
		{"Space", focusResults, func() string {
			defer h.v.results.setMarked(nil)
			return map[bool]string{false: "nothing ticked"}[len(h.v.results.marked) == 1]
		}},
		{"phím cách", focusResults, func() string {
			defer h.v.results.setMarked(nil)
			return map[bool]string{false: "nothing ticked"}[len(h.v.results.marked) == 1]
		}},
		// During an import, which it asks to stop: the test's window
		// cannot be closed twice.
		{"Ctrl+Q", func() { h.v.importing = &importRun{} }, func() string {
			defer func() { h.v.importing = nil }()
			if !overlayShows("Đang nhập văn bản") {
				return "nothing asked during an import"
			}
			typeKey(t, c, fyne.KeyEscape)
			if !slices.Contains(fyne.CurrentApp().Driver().AllWindows(), h.win) {
				t.Fatal("Escape on the question closed the window")
			}
			return ""
		}},
	}
	named := map[string]bool{}
	for _, code := range []string{messages.Vietnamese, messages.English} {
		keys := guideKeys(code)
		if len(keys) < 12 {
			t.Fatalf("%s: only %d keys found in the guide: %v", code, len(keys), keys)
		}
		for k := range keys {
			named[k] = true
			if !slices.ContainsFunc(probes, func(p probe) bool { return p.key == k }) {
				t.Errorf("%s guide names %q, which no probe here types", code, k)
			}
		}
	}
	for _, m := range h.v.mainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && !named[shortcutText(t, it.Shortcut)] {
				t.Errorf("menu %q shows %s, which the guide does not name", it.Label, shortcutText(t, it.Shortcut))
			}
		}
	}
	for _, p := range probes {
		if !named[p.key] {
			continue
		}
		if p.setup != nil {
			p.setup()
		}
		typeGuideKey(t, h.s, h.win, p.key)
		h.settle(h.idle)
		if why := p.check(); why != "" {
			t.Errorf("%s: %s", p.key, why)
		}
		if top := c.Overlays().Top(); top != nil {
			t.Errorf("%s left %v open", p.key, allTexts(t, top))
			clearOverlays(h.win)
		}
	}
}

// escapedTo says what is wrong after Escape, which was to give the
// keyboard to want, keep the search "nêu gương", its results and the
// open document, and leave row chosen in the results.
func escapedTo(h *harness, want fyne.Focusable, row int) string {
	c := h.win.Canvas()
	switch {
	case c.Focused() != want:
		return fmt.Sprintf("the keyboard went to %T, not %T", c.Focused(), want)
	case h.v.search.entry.Text != "nêu gương" || h.v.results.total == 0:
		return fmt.Sprintf("the search box holds %q, %d results", h.v.search.entry.Text, h.v.results.total)
	case h.v.reader.doc == nil:
		return "the document was closed"
	case h.v.results.selected != row:
		return fmt.Sprintf("row %d chosen, not the open document's %d", h.v.results.selected, row)
	}
	return ""
}

// moved says what is wrong with the result chosen, got, where want was
// expected among total.
func moved(got, want, total int) string {
	want = min(max(want, 0), total-1)
	if got != want {
		return fmt.Sprintf("result %d chosen, want %d of %d", got, want, total)
	}
	return ""
}
