package ui

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

func TestSearchAsYouType(t *testing.T) {
	h := newHarness(t, true)
	all := h.v.results.total
	if all < 10 {
		t.Fatalf("empty query lists %d documents, want every sample", all)
	}
	for _, q := range []string{"nêu gương", "neu guong", "NÊU GƯƠNG"} {
		h.search(q)
		if h.v.results.total == 0 || h.v.results.total >= all {
			t.Errorf("%q: %d results of %d", q, h.v.results.total, all)
		}
		if !strings.Contains(h.v.search.count.Text, "kết quả") {
			t.Errorf("%q: count says %q", q, h.v.search.count.Text)
		}
		hit := h.v.results.pages[0][0]
		if len(hit.Snippet.Marks) == 0 {
			t.Errorf("%q: the first snippet has no marks: %q", q, hit.Snippet.Text)
		}
	}
	// An unfinished last word completes as a prefix.
	h.search("nông thôn mớ")
	if h.v.results.total == 0 {
		t.Error("an unfinished word finds nothing")
	}
	// The query language: a field filter.
	h.search("loại:\"báo cáo\"")
	for _, hit := range h.v.results.pages[0] {
		if hit.Type != "Báo cáo" {
			t.Errorf("loại:báo cáo found a %q", hit.Type)
		}
	}
}

func TestMalformedQueryShowsMessage(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	before := h.v.results.total
	// "năm:2" is on its way to "năm:2016": no telling off yet.
	test.Type(h.v.search.entry, " năm:2")
	h.settle(h.idle)
	if !h.v.search.queryErr.Hidden {
		t.Errorf("while typing, the message %q shows at once", h.v.search.queryErr.Text)
	}
	if h.v.results.total != before {
		t.Errorf("while typing, the list changed to %d results", h.v.results.total)
	}
	// When typing stops there, the message says what is wrong, and the
	// list of the query before goes: it is no answer to this one
	// (usertest finding 10: "481 kết quả" under a bad date).
	h.settle(func() bool { return h.idle() && !h.v.search.queryErr.Hidden })
	if msg := h.v.search.queryErr.Text; !strings.Contains(msg, "Năm") {
		t.Errorf("message %q does not say what is wrong", msg)
	}
	if h.v.results.total != 0 || h.v.search.count.Text != "Chưa tìm được" || !strings.Contains(h.v.results.empty.Text, "chưa đúng") || !h.v.results.empty.Visible() {
		t.Errorf("under the message: %d results, count %q, list says %q", h.v.results.total, h.v.search.count.Text, h.v.results.empty.Text)
	}
	// Fixing it hides the message.
	test.Type(h.v.search.entry, "016")
	h.settle(func() bool { return h.idle() && h.v.search.queryErr.Hidden })
	if h.v.results.total == 0 || h.v.results.total >= before {
		t.Errorf("nêu gương năm:2016: %d results", h.v.results.total)
	}
}

// TestTypingAPhrase: the results follow a quoted phrase as it is typed,
// before its closing quote, instead of a message about the missing quote
// at every keystroke; the message comes if typing stops without it.
func TestTypingAPhrase(t *testing.T) {
	h := newHarness(t, true)
	h.search(`"nông thôn mới"`)
	phrase := h.v.results.total
	h.search("nêu gương")
	h.v.search.entry.SetText("")
	for _, part := range []string{`"nông`, ` thôn`, ` mớ`} {
		test.Type(h.v.search.entry, part)
		h.settle(h.idle)
		if !h.v.search.queryErr.Hidden {
			t.Errorf("typing %q shows %q", h.v.state.query, h.v.search.queryErr.Text)
		}
		if h.v.results.req.Query == "nêu gương" || h.v.results.total == 0 {
			t.Errorf("typing %q: the list shows %q, %d results", h.v.state.query, h.v.results.req.Query, h.v.results.total)
		}
	}
	h.settle(func() bool { return !h.v.search.queryErr.Hidden })
	if msg := h.v.search.queryErr.Text; !strings.Contains(msg, "ngoặc kép") {
		t.Errorf("message %q does not say what is wrong", msg)
	}
	test.Type(h.v.search.entry, `i"`)
	h.settle(func() bool { return h.idle() && h.v.search.queryErr.Hidden })
	if h.v.results.total != phrase {
		t.Errorf("the closed phrase finds %d, want %d", h.v.results.total, phrase)
	}
	// An exclusion being typed waits for its closing quote.
	h.search(`nông thôn -"xây dựng`)
	if h.v.results.req.Query != "nông thôn " {
		t.Errorf("while typing an excluded phrase the list shows %q", h.v.results.req.Query)
	}
}

func TestEscClearsAndArrowsMove(t *testing.T) {
	h := newHarness(t, true)
	h.search("kế hoạch")
	h.v.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.v.results.selected != 0 {
		t.Fatalf("Down selected %d", h.v.results.selected)
	}
	h.settle(func() bool { return h.v.reader.doc != nil })
	h.v.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if h.v.results.selected != 1 {
		t.Errorf("Down again selected %d", h.v.results.selected)
	}
	h.v.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	h.settle(func() bool { return h.idle() && h.v.state.query == "" })
	if h.v.search.entry.Text != "" {
		t.Errorf("Esc left %q", h.v.search.entry.Text)
	}
}

func TestSortNewestOldest(t *testing.T) {
	h := newHarness(t, true)
	h.v.search.sort.SetSelectedIndex(2) // oldest
	h.settle(func() bool { return h.idle() && h.v.results.req.Sort == index.Oldest })
	hits := h.v.results.pages[0]
	if hits[0].Year != 2014 {
		t.Errorf("oldest first starts with %d", hits[0].Year)
	}
	h.v.search.sort.SetSelectedIndex(1) // newest
	h.settle(func() bool { return h.idle() && h.v.results.req.Sort == index.Newest })
	if y := h.v.results.pages[0][0].Year; y != 2025 {
		t.Errorf("newest first starts with %d", y)
	}
}

func TestKeyboard(t *testing.T) {
	h := newHarness(t, true)
	c := h.win.Canvas()
	if c.Focused() != h.v.search.entry {
		t.Error("the search box is not focused at start")
	}
	c.Unfocus()
	sc, ok := c.(fyne.Shortcutable)
	if !ok {
		t.Fatal("canvas takes no shortcuts")
	}
	sc.TypedShortcut(shortcutSearch)
	if c.Focused() != h.v.search.entry {
		t.Error("Ctrl+F did not focus the search box")
	}
	sc.TypedShortcut(shortcutImport)
	if c.Overlays().Top() == nil {
		t.Fatal("Ctrl+O opened no file picker")
	}
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Esc did not close the file picker")
	}
	// Ctrl+O, Ctrl+F and Ctrl+Q are also menu shortcuts, which the window
	// runs even while the search box has the keyboard (it takes the
	// canvas's shortcuts for itself).
	want := map[fyne.Shortcut]bool{shortcutImport: false, shortcutSearch: false, shortcutQuit: false}
	for _, m := range h.v.mainMenu().Items {
		for _, it := range m.Items {
			if _, ok := want[it.Shortcut]; ok {
				want[it.Shortcut] = true
			}
		}
	}
	for sc, found := range want {
		if !found {
			t.Errorf("no menu item for %s", sc.ShortcutName())
		}
	}
	// Enter opens the first result; arrows move on.
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle(func() bool { return h.v.reader.doc != nil })
	first := h.v.reader.doc.ID
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	h.settle(func() bool { return h.v.reader.doc.ID != first })
}

func TestNothingFoundSaysSo(t *testing.T) {
	h := newHarness(t, true)
	if !h.v.results.empty.Hidden {
		t.Error("the note shows over results")
	}
	h.search("xyzxyz")
	if h.v.results.total != 0 || h.v.results.empty.Hidden {
		t.Errorf("nothing found: total %d, note hidden %v", h.v.results.total, h.v.results.empty.Hidden)
	}
}

// TestResultCountInEachLanguage: the count above the list groups its
// thousands as the language writes them (usertest session 9, finding 4:
// English said "5.973 result(s)" on a build before messages.Count).
func TestResultCountInEachLanguage(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	for _, c := range []struct {
		lang      string
		total     int
		estimated bool
		want      string
	}{
		{messages.Vietnamese, 5973, false, "5.973 kết quả"},
		{messages.Vietnamese, 2955, true, "khoảng 2.955 kết quả"},
		{messages.English, 5973, false, "5,973 results"},
		{messages.English, 2955, true, "about 2,955 results"},
		{messages.English, 1000000, false, "1,000,000 results"},
		{messages.English, 1, false, "1 result"},
		{messages.English, 1, true, "about 1 result"},
	} {
		messages.UseLanguage(c.lang)
		h.v.showResults(h.v.results.req, &index.Result{Total: c.total, Estimated: c.estimated}, nil)
		if got := h.v.search.count.Text; got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.lang, c.total, got, c.want)
		}
	}
}

// TestHelpExamplesKeepFilterValuesWhole: the query language reads a
// field filter's value up to the next space, so an example such as
// loại:kế hoạch taught a search for the type "kế" and the word "hoạch"
// anywhere (loại:báo cáo also found every "Thông báo"). Every value with
// a space in the help is quoted, in each language.
func TestHelpExamplesKeepFilterValuesWhole(t *testing.T) {
	span := regexp.MustCompile(`\*\*([^*]+)\*\*|\*([^*]+)\*`)
	filter := regexp.MustCompile(`^(?:năm|nam|ngày|ngay|date|loại|loai|phongtrao|chude|coquan|so|year|type|campaign|topic|issuer|number):(.*)$`)
	for _, l := range []string{"vi", "en"} {
		messages.UseLanguage(l)
		for _, m := range span.FindAllStringSubmatch(lang.L(queryHelp), -1) {
			example := m[1] + m[2]
			for _, item := range strings.Fields(example) {
				f := filter.FindStringSubmatch(item)
				if f == nil || strings.HasPrefix(f[1], `"`) {
					continue
				}
				// An unquoted value must be the whole of what follows it.
				if rest := strings.TrimSpace(example[strings.Index(example, item)+len(item):]); rest != "" && !strings.Contains(rest, ":") {
					t.Errorf("%s: the example %q reads as the filter %q and the words %q", l, example, item, rest)
				}
			}
		}
	}
	messages.UseLanguage("vi")
}

// TestSortKeptOnRebuild: the order chosen stays chosen, and is shown,
// when the screen is built again (after a change of language).
func TestSortKeptOnRebuild(t *testing.T) {
	h := newHarness(t, true)
	h.v.search.sort.SetSelectedIndex(1) // newest
	h.settle(func() bool { return h.idle() && h.v.results.req.Sort == index.Newest })
	h.s.rebuildView(func() {})
	h.v = h.s.view
	h.settle(h.idle)
	if h.v.results.req.Sort != index.Newest || h.v.search.sort.SelectedIndex() != 1 {
		t.Errorf("after the rebuild: sorted %v, the list shows %q", h.v.results.req.Sort, h.v.search.sort.Selected)
	}
}

// TestNoResultsDuringLaterImport: while an import whose documents are
// searchable only at its end runs (a bulk import), a search that finds
// nothing says so, not "Hãy bớt từ" (usertest session 8, finding 3); the
// advice comes back when the import ends.
func TestNoResultsDuringLaterImport(t *testing.T) {
	h := newHarness(t, true)
	h.search("xyzqwv")
	if h.v.results.total != 0 || !strings.Contains(h.v.results.empty.Text, "bớt từ") {
		t.Fatalf("before the import: %d results, list says %q", h.v.results.total, h.v.results.empty.Text)
	}
	p := h.v.imports.begin(h.v)
	p.show(index.Progress{Done: 3, Total: 2000, Current: "a.txt", Later: true})
	if !strings.Contains(h.v.results.empty.Text, "khi nhập xong") {
		t.Errorf("during the import the shown note says %q", h.v.results.empty.Text)
	}
	h.search("xyzqwvb")
	if !strings.Contains(h.v.results.empty.Text, "khi nhập xong") || !h.v.results.empty.Visible() {
		t.Errorf("a new search during the import says %q", h.v.results.empty.Text)
	}
	p.end("xong", false, func() {})
	if !strings.Contains(h.v.results.empty.Text, "bớt từ") {
		t.Errorf("after the import the note says %q", h.v.results.empty.Text)
	}
}

// TestSearchHintFitsTheBox: the empty search box's hint is written whole,
// its shortcut with it: at 1024×768 the longest was cut after "có dấu
// hoặc không" (session 17); at 1366×768 it fits.
func TestSearchHintFitsTheBox(t *testing.T) {
	h := newHarness(t, true)
	e := h.v.search.entry
	for _, c := range []struct {
		size fyne.Size
		full int // 1: the longest hint, -1: a shorter one
	}{{fyne.NewSize(1366, 768), 1}, {fyne.NewSize(1024, 768), 0}, {fyne.NewSize(800, 600), -1}} {
		h.win.Resize(c.size)
		h.settle(h.idle)
		room := e.Size().Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
		w := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
		if w > room || !strings.HasSuffix(e.PlaceHolder, "(Ctrl+F)") || c.full != 0 && (e.PlaceHolder == searchHints()[0]) != (c.full > 0) {
			t.Errorf("%v: the hint %q is %.0f px in %.0f", c.size, e.PlaceHolder, w, room)
		}
	}
}

// TestDeleteAtTheEndOfTheSearchAsks: Delete in the search box deletes the
// letter after the cursor, as in every text box; at the end of the text,
// where it has nothing to delete, it asks to move the open document to
// the Trash, as the menu item does, where it did nothing (usertest s24:
// a result opened with Enter from the search box kept the cursor there).
// A held Delete that has just taken the last letters stops at the end.
func TestDeleteAtTheEndOfTheSearchAsks(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	e, c := h.v.search.entry, h.win.Canvas()
	c.Focus(e)
	asking := func() bool {
		top := c.Overlays().Top()
		return top != nil && strings.Contains(strings.Join(allTexts(t, top), " "), "vào Thùng rác")
	}

	e.CursorColumn = 2
	typeKey(t, c, fyne.KeyDelete)
	if e.Text != "nê gương" || asking() {
		t.Fatalf("Delete inside the text: %q, asking %v", e.Text, asking())
	}
	e.CursorColumn = len([]rune(e.Text)) - 1
	typeKey(t, c, fyne.KeyDelete)
	typeKey(t, c, fyne.KeyDelete) // held: its repeat reaches the end
	if e.Text != "nê gươn" || asking() {
		t.Fatalf("a held Delete at the end: %q, asking %v", e.Text, asking())
	}

	e.deleted = time.Time{} // a fresh press
	typeKey(t, c, fyne.KeyDelete)
	if !asking() {
		t.Fatal("Delete at the end of the search does not ask to move the open document to the Trash")
	}
	if e.Text != "nê gươn" || h.v.reader.doc == nil || h.v.reader.doc.ID != d.ID {
		t.Errorf("asking changed the search to %q or closed the document", e.Text)
	}
}

// TestHelpYearExamplesAreTaken: the help shows the year filters, the
// open ranges among them (năm:2016- and after, năm:..2016 up to), in
// each language, and the archive takes every year example it shows.
func TestHelpYearExamplesAreTaken(t *testing.T) {
	arc, err := index.Open(filepath.Join(t.TempDir(), "archive"), index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	example := regexp.MustCompile(`\*\*(năm:[^*]+)\*\*`)
	defer messages.UseLanguage("vi")
	for _, l := range []string{"vi", "en"} {
		messages.UseLanguage(l)
		help := lang.L(queryHelp)
		var shown []string
		for _, m := range example.FindAllStringSubmatch(help, -1) {
			shown = append(shown, m[1])
			if _, err := arc.Search(context.Background(), index.Request{Query: m[1]}); err != nil {
				t.Errorf("%s: the help's example %q: %v", l, m[1], err)
			}
		}
		for _, want := range []string{"năm:2014-2016", "năm:2016-", "năm:..2016"} {
			if !slices.Contains(shown, want) {
				t.Errorf("%s: the help shows %q, not %q", l, shown, want)
			}
		}
	}
}

// TestEnterOpensTheFirstOfWhatWasTyped: Enter typed in the search box
// right after the words, before their search is on screen, opens the
// first result of those words, not the first of the list still shown
// (usertest s27, under Xvfb at 100,000: "nong thon moi" and Enter at once
// opened the document on top of the whole archive, about Tổ quốc).
func TestEnterOpensTheFirstOfWhatWasTyped(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	first := func() string {
		hit, ok := h.v.results.hit(0)
		if !ok {
			t.Fatal("no first result")
		}
		return hit.ID
	}
	before := first()
	h.v.search.entry.SetText("")
	test.Type(h.v.search.entry, "phongtrao:\"dân vận khéo\"")
	if !h.v.state.pending {
		t.Fatal("the search ran before Enter: nothing to test")
	}
	h.v.search.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle(func() bool { return h.idle() && h.v.reader.doc != nil })
	want := first()
	if want == before {
		t.Fatal("both searches have the same first result: nothing to test")
	}
	if got := h.v.reader.doc.ID; got != want {
		t.Errorf("Enter opened %s (first of the search before: %v), want %s, the first of what was typed", got, got == before, want)
	}
}

// TestEnglishHelpNamesTheEnglishFilters: in English, "How to search" gives
// each filter's English name beside the Vietnamese one, and each filters
// as the Vietnamese does (usertest s28: it named only date:, though
// year:, type:, campaign:, topic:, issuer: and number: work).
func TestEnglishHelpNamesTheEnglishFilters(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("nêu gương")
	if d.Year == 0 || d.Type == "" || d.Issuer == "" || len(d.Campaigns) == 0 || d.Number == "" {
		t.Fatalf("a sample without a year, type, issuer, campaign or number: %+v", d)
	}
	h.toEnglish()
	help := lang.L(queryHelp)
	total := func(q string) int {
		h.search(q)
		return h.v.results.total
	}
	for _, f := range []struct{ vi, en, value string }{
		{"năm:", "year:", itoa(d.Year)},
		{"loại:", "type:", `"` + d.Type + `"`},
		{"phongtrao:", "campaign:", `"` + d.Campaigns[0] + `"`},
		{"coquan:", "issuer:", `"` + d.Issuer + `"`},
		{"so:", "number:", d.Number},
	} {
		if !strings.Contains(help, "*"+f.en+"*") {
			t.Errorf("the English help does not name %s", f.en)
		}
		vi, en := total(f.vi+f.value), total(f.en+f.value)
		if vi == 0 || en != vi {
			t.Errorf("%s%s lists %d, %s%s %d", f.vi, f.value, vi, f.en, f.value, en)
		}
	}
	if !strings.Contains(help, "*topic:*") {
		t.Error("the English help does not name topic:")
	}
}
