package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// debounce is how long typing must pause before a search runs. Measured
// with BenchmarkKeystroke on 100,000 documents: 80 ms gave 121 ms from key
// to results (p50) and 182 ms (p95); 30 ms gives 67 and 117. Stale searches
// are cancelled, so searching between fast keystrokes costs little.
const debounce = 30 * time.Millisecond

// facetPause is how long typing must pause, once a keystroke's results
// are on screen, before the facets are counted for them: counting them
// was a quarter to a third of a keystroke's CPU at a million documents
// (BenchmarkSearchAsTyped), and a key typed meanwhile makes them stale.
// Until then the panel shows the facets of an earlier search.
var facetPause = 250 * time.Millisecond

// errorDelay is how long typing must pause before a message about a
// malformed query shows: "năm:2" on its way to "năm:2015" is not a
// mistake yet, nor a phrase whose closing quote is still to come.
var errorDelay = time.Second

// pageSize is how many results one search or one page load fetches.
const pageSize = 25

// searchBar is the search box with its help, the sort order, the result
// count and the inline message for a malformed query.
type searchBar struct {
	state    *searchState
	run      func() // runs the search
	win      fyne.Window
	keys     *dialogKeys // the session's (dialogkeys.go)
	busy     *busySign
	news     *importNews // the documents an import added, not listed yet
	entry    *searchEntry
	sort     *selectBox
	help     *tabButton // the query language's help
	count    *widget.Label
	queryErr *widget.Label
	undo     *tabButton // undoes the last deletion
	deleted  []string
	// note says why the results may be fewer than the person expects,
	// with a way to what was meant (noteAction): the review list narrowed
	// by the search box, a lower-case "or".
	note       *widget.Label
	noteAction *tabButton
	noteBox    *fyne.Container
}

func newSearchBar(v *view) *searchBar {
	b := &searchBar{state: &v.state, win: v.win, keys: &v.s.keys, busy: v.busySign, news: v.news}
	b.entry = newSearchEntry()
	b.entry.OnChanged = v.onQueryChanged
	b.entry.OnSubmitted = func(string) { v.onSubmit() }
	b.entry.onEscape = v.escape(func() { v.onClearSearch() })
	b.entry.onMove = func(delta int) { v.results.move(delta) }
	b.count = widget.NewLabel("")
	b.count.TextStyle.Bold = true
	b.queryErr = widget.NewLabel("")
	b.queryErr.Importance = widget.DangerImportance
	b.queryErr.Wrapping = fyne.TextWrapWord
	b.queryErr.Hide()
	b.undo = newTabButton(lang.L("Hoàn tác xóa"), theme.ContentUndoIcon(), func() { v.onUndoDelete() })
	b.undo.Importance = widget.WarningImportance
	b.undo.Hide()
	b.note = widget.NewLabel("")
	b.note.Wrapping = fyne.TextWrapWord
	b.note.Importance = widget.WarningImportance
	b.noteAction = newTabButton("", nil, nil)
	// The button under the words: beside them, in the narrow list next
	// to an open document, it left them a word a line.
	b.noteBox = container.NewVBox(b.note, container.NewHBox(b.noteAction))
	b.noteBox.Hide()
	b.sort = newSelectBox(sortLabels(), b.onSort)
	b.help = newTabButton("", theme.QuestionIcon(), b.onHelp)
	b.sort.PlaceHolder = sortLabels()[0]
	b.sort.SetSelectedIndex(0)
	b.run = v.runSearch // after: choosing the first order is no search
	return b
}

func sortLabels() []string {
	return []string{lang.L("Liên quan nhất"), lang.L("Mới nhất trước"), lang.L("Cũ nhất trước")}
}

var sortOrders = []index.Sort{index.ByRelevance, index.Newest, index.Oldest}

// content is the search box row.
func (b *searchBar) content() fyne.CanvasObject {
	// The help is also in the Help menu; an icon keeps the toolbar narrow.
	sortBox := container.New(sortWidth{}, b.sort)
	return container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), container.NewHBox(b.help, sortBox), b.entry)
}

// sortWidth gives the sort order the width of its longest choice at the
// text size of the moment (a new text size applies in place).
type sortWidth struct{}

func (sortWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(fyne.MeasureText(sortLabels()[0], theme.TextSize(), fyne.TextStyle{}).Width+70, objs[0].MinSize().Height)
}

func (sortWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width, objs[0].MinSize().Height))
}

// statusRow shows the result count, or what is wrong with the query.
func (b *searchBar) statusRow() fyne.CanvasObject {
	row := container.New(statusLayout{b.news}, b.count, b.news.line, container.NewHBox(b.busy.object(), b.undo))
	b.news.row, b.busy.row = row, row
	return container.NewVBox(row, b.queryErr, b.noteBox)
}

func (b *searchBar) onSort(label string) {
	i := slices.Index(sortLabels(), label)
	if i < 0 || b.run == nil {
		return
	}
	b.state.sort = sortOrders[i]
	b.run()
}

// showSort shows the order s in the list, without searching again.
func (b *searchBar) showSort(s index.Sort) {
	if i := slices.Index(sortOrders, s); i >= 0 && b.sort.Selected != sortLabels()[i] {
		b.sort.Selected = sortLabels()[i]
		b.sort.Refresh()
	}
}

// onHelp shows the query language in a few lines.
func (b *searchBar) onHelp() {
	text := widget.NewRichTextFromMarkdown(lang.L(queryHelp))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Cách tìm kiếm"), lang.L("Đóng"), container.NewVScroll(text), b.win)
	d.Resize(fyne.NewSize(720, 560))
	b.keys.show(b.win, d, nil, nil)
}

// queryHelp is the query language, for people (Markdown).
const queryHelp = `**Gõ các từ cần tìm**, có dấu hoặc không dấu: *nêu gương* hoặc *neu guong*. Văn bản có đủ các từ sẽ hiện ra, văn bản có các từ đứng liền nhau trước. Gõ có dấu là tìm đúng dấu đó (*đô thị* không ra *do*, *độ*, *thi*); gõ không dấu là tìm mọi cách viết.

- **"cụm từ"** trong ngoặc kép: các từ đứng liền nhau, ví dụ *"nông thôn mới"*.
- **-từ** (dấu trừ phía trước): bỏ các văn bản có từ đó, ví dụ *dân vận -khéo*; các từ sau dấu trừ, đến dấu ngoặc kép, dấu trừ, OR hay bộ lọc kế tiếp, là một cụm: *chuyển đổi số -đề án* bỏ văn bản có "đề án", vẫn giữ "đề nghị".
- **OR** (chữ in hoa): một trong hai, ví dụ *nông thôn OR đô thị*: các từ ở mỗi bên OR (đến dấu ngoặc kép, dấu trừ hay bộ lọc) đi cùng nhau.
- **15/04/2026** hoặc **ngày 9 tháng 4 năm 2026**: văn bản ban hành ngày đó đứng trước, rồi văn bản nhắc đến ngày đó (có số 0 hay không đều được).
- **năm:2014** hoặc **năm:2014-2016**: văn bản của năm hoặc các năm đó; **năm:2016-** là từ năm 2016 trở về sau, **năm:..2016** là đến hết năm 2016.
- **ngày:15/04/2026**, **ngày:04/2026**, **ngày:2026** hoặc **ngày:1/3/2026..15/4/2026** (hay *date:*): chỉ văn bản ban hành ngày, tháng, năm đó hoặc trong khoảng đó; văn bản chỉ rõ năm thì có trong cả năm, không có trong một tháng hay một ngày.
- **loại:"kế hoạch"**: loại văn bản (kế hoạch, báo cáo, chỉ thị, hướng dẫn…).
- **phongtrao:"dân vận khéo"**: văn bản thuộc phong trào.
- **chude:"giáo dục"**: văn bản thuộc chủ đề.
- **coquan:"huyện ủy"**: cơ quan ban hành.
- **so:12-KH/ĐU**: số hiệu văn bản.

Giá trị có khoảng trắng thì đặt trong ngoặc kép: *coquan:"đảng ủy xã"*. Có thể kết hợp: *nêu gương năm:2016-2020 loại:"kế hoạch"*.

Bấm **Esc** để xóa ô tìm kiếm; dùng phím mũi tên lên/xuống để chọn kết quả, **Enter** để mở. **Tab** chuyển lần lượt giữa ô tìm kiếm, danh sách kết quả, văn bản đang đọc, các nút của nó và bảng duyệt (**Shift+Tab** đi ngược lại); ở mỗi phần, phím mũi tên, **Page Up/Page Down**, **Home/End** di chuyển hoặc cuộn, **phím cách** đánh dấu.`

// searchEntry is the search box: Esc clears it and the arrow keys move
// through the results.
type searchEntry struct {
	widget.Entry
	onEscape func()
	onMove   func(delta int)
	onTab    func() // see focus.go
	onHelp   func() // F1 and Shift+F1
	onF3     func() // F3 and Shift+F3: the open document's next or previous match
	// onDelete is the window's Delete (the open or ticked documents to
	// the Trash, after asking), for Delete where it has nothing to
	// delete: at the end of the text, nothing selected (deleteKey).
	onDelete func()
	// deleted is when Delete last took a letter: a held key that reaches
	// the end stops there, without asking (deleteKey).
	deleted time.Time
}

// AcceptsTab: Tab goes to the results (focus.go), not to the next button.
func (e *searchEntry) AcceptsTab() bool { return e.onTab != nil }

func newSearchEntry() *searchEntry {
	e := &searchEntry{}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(searchHints()[0])
	return e
}

// searchHints are the search box's words while it is empty, longest first.
func searchHints() []string {
	return []string{
		lang.L("Tìm văn bản: gõ từ cần tìm, có dấu hoặc không dấu (Ctrl+F)"),
		lang.L("Tìm văn bản, có dấu hoặc không dấu (Ctrl+F)"),
		lang.L("Tìm văn bản (Ctrl+F)"),
	}
}

// Resize shows the longest hint that fits the box whole: at 1024×768 the
// longest was cut after "có dấu hoặc không" (session 17), the shortcut
// lost with it.
func (e *searchEntry) Resize(size fyne.Size) {
	e.Entry.Resize(size)
	hints := searchHints()
	room := size.Width - 2*theme.InnerPadding() - 2*theme.InputBorderSize()
	hint := hints[len(hints)-1]
	for _, h := range hints {
		if fyne.MeasureText(h, theme.TextSize(), fyne.TextStyle{}).Width <= room {
			hint = h
			break
		}
	}
	if hint != e.PlaceHolder {
		e.SetPlaceHolder(hint)
	}
}

// TypedKey handles Esc and the arrow keys before the entry does.
func (e *searchEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		if e.onTab != nil {
			e.onTab()
		}
		return
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
		return
	case fyne.KeyF1:
		if e.onHelp != nil {
			e.onHelp()
		}
		return
	case fyne.KeyF3:
		if e.onF3 != nil {
			e.onF3()
		}
		return
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		if e.onMove != nil {
			e.onMove(map[fyne.KeyName]int{fyne.KeyUp: -1, fyne.KeyDown: 1, fyne.KeyPageUp: -10, fyne.KeyPageDown: 10}[k.Name])
		}
		return
	case fyne.KeyDelete:
		e.deleteKey(k)
		return
	}
	e.Entry.TypedKey(k)
}

// deleteKey is Delete in the search box: it deletes the letter after the
// cursor, or the selection, as in every text box; where there is nothing
// to delete (the cursor at the end, nothing selected) it is the window's
// Delete and asks to move the open document to the Trash, as the menu
// item does. The search box keeps the cursor after Enter or an arrow
// opened a result, and there Delete did nothing at all (usertest s24).
// A held Delete that has just taken the text's last letters stops at the
// end without asking.
func (e *searchEntry) deleteKey(k *fyne.KeyEvent) {
	atEnd := e.SelectedText() == "" && e.CursorColumn >= len([]rune(e.Text))
	if !atEnd {
		e.deleted = time.Now()
		e.Entry.TypedKey(k)
		return
	}
	if e.onDelete != nil && time.Since(e.deleted) > heldKeyGap {
		e.onDelete()
	}
}

// heldKeyGap is longer than the pause between a held key's repeats (about
// 30 ms on Windows, up to 500 ms before the first repeat) and shorter than
// a person's second, deliberate press.
const heldKeyGap = 600 * time.Millisecond

// addShortcuts wires the window's keyboard shortcuts (shortcuts.go).
func (v *view) addShortcuts() {
	c := v.win.Canvas()
	for sc, f := range v.shortcuts() {
		do := f
		if sc != shortcutQuit {
			do = v.unlessDialog(f)
		}
		c.AddShortcut(sc, func(fyne.Shortcut) { do() })
	}
	c.SetOnTypedKey(v.onWindowKey)
}

// onWindowKey handles a key typed where nothing has the keyboard, or
// handed on by a dialog's field: an open dialog takes it first
// (dialogkeys.go).
func (v *view) onWindowKey(k *fyne.KeyEvent) {
	if v.s.keys.typed(v.win.Canvas(), k) || v.onKey(k) {
		return
	}
	switch k.Name {
	case fyne.KeyEscape:
		v.onEscape()
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyPageUp, fyne.KeyPageDown:
		v.search.entry.TypedKey(k)
	case fyne.KeyReturn, fyne.KeyEnter:
		v.results.openSelected()
	}
}

// onEscape closes the dialog on top (unless work is in progress), or
// gives the search box the keyboard, keeping its text: only Escape in
// the box empties it (a click left nothing with the keyboard, or a
// button handed the key on, and the search typed was thrown away).
func (v *view) onEscape() {
	if v.reader.cancelEdit() {
		return
	}
	if top := v.win.Canvas().Overlays().Top(); top != nil {
		if v.busy == 0 {
			top.Hide()
			v.win.Canvas().Overlays().Remove(top)
		}
		return
	}
	v.onFocusSearch()
}

// onClearSearch empties the search box and puts the cursor back in it.
func (v *view) onClearSearch() {
	v.search.entry.SetText("")
	v.win.Canvas().Focus(v.search.entry)
}

// onQueryChanged searches as the person types, once typing pauses.
func (v *view) onQueryChanged(text string) {
	v.state.query = text
	v.state.pending = true
	if v.state.typed == nil {
		v.state.typed = v.busySign.start(lang.L("Đang tìm…"))
	}
	v.search.undo.Hide()
	v.results.setDeletedFrom(nil)
	if v.state.timer != nil {
		v.state.timer.Stop()
	}
	if v.state.errTimer != nil {
		v.state.errTimer.Stop() // typing goes on: the message can wait
	}
	if index.WaitForMore(text) {
		v.state.pending = false
		v.state.endTyped()
		return // one letter finds nothing yet: keep what is shown
	}
	// The search of the keys before is stale: it stops now, and its answer
	// is not drawn, rather than run on until the debounce and the UI's
	// queue get round to the next one (seconds while an import keeps the
	// machine busy, usertest s11), taking the CPU the window needs.
	if v.state.cancel != nil {
		v.state.cancel()
	}
	v.state.timer = time.AfterFunc(debounce, func() { v.do(func() { v.startSearch(true) }) })
}

// onSubmit is Enter in the search box: it opens the result chosen, or the
// first, of what is typed. Typed before the search of the last keys is on
// screen, it runs that search at once and opens its first result when it
// shows: it opened the first of the list still shown (usertest s27, under
// Xvfb at 100,000: "nong thon moi" and Enter opened the document on top
// of the whole archive).
func (v *view) onSubmit() {
	if !v.state.pending && v.state.shown == v.state.gen {
		v.results.openSelected()
		return
	}
	v.state.afterShow = v.results.openSelected
	if v.state.pending {
		v.startSearch(true)
	}
}

// runSearch starts the search for the current query and filters,
// cancelling the one before; its result is shown when it arrives, unless
// a newer search started meanwhile.
func (v *view) runSearch() { v.startSearch(false) }

// startSearch is runSearch; typed says that typing started it: its facets
// are counted once typing pauses (facetPause).
func (v *view) startSearch(typed bool) {
	if v.stopped {
		return
	}
	if v.state.timer != nil {
		v.state.timer.Stop()
	}
	if v.state.facetTimer != nil {
		v.state.facetTimer.Stop()
	}
	v.state.pending = false
	v.state.gen++
	gen := v.state.gen
	if v.state.cancel != nil {
		v.state.cancel()
	}
	ctx, cancel := context.WithCancel(v.ctx)
	v.state.cancel = cancel
	req := v.state.request()
	req.NoFacets = typed
	// The sign started by the key typed goes on for the search it asked
	// for: it shows busyDelay after the key, not after the UI got round
	// to starting the search.
	done := v.state.typed
	v.state.typed = nil
	if done == nil {
		done = v.busySign.start(lang.L("Đang tìm…"))
	}
	find, waits := v.find, v.busyWaits
	v.spawn(func() {
		defer v.do(done)
		// One call: the results, the facets as the panel counts them, a
		// phrase being typed searched as its words (its missing quote said
		// only if typing stops there), and the count to review.
		typed, err := untilNotBusy(ctx, waits, func() (*index.Typed, error) { return find.SearchAsTyped(ctx, req) })
		var (
			res    *index.Result
			later  error
			unsure int
		)
		if err == nil {
			res, req, later, unsure = &typed.Result, typed.Request, typed.Later, typed.Unsure
		}
		if errors.Is(err, context.Canceled) || ctx.Err() != nil {
			return
		}
		v.do(func() {
			if gen == v.state.gen && !v.stopped && ctx.Err() == nil {
				v.state.shown = gen
				v.showResults(req, res, err)
				if err == nil && req.NoFacets {
					v.countFacetsLater(ctx, gen, req)
				} else {
					v.state.facets = gen
				}
				if err == nil {
					v.warmFacets()
					v.review.show(unsure)
					v.showNote(req, res)
					v.showQueryError(later, nil)
					if res.Total == 0 {
						v.dropEmptyFilters(ctx, gen, v.state.filters)
					}
				}
				if then := v.state.afterShow; then != nil {
					v.state.afterShow = nil
					then()
				}
			}
		})
	})
}

// searcher is what the window asks the archive's index (an
// *index.Archive), each retried while the index is being replaced
// (untilNotBusy); tests give one whose index is being replaced.
type searcher interface {
	SearchAsTyped(ctx context.Context, req index.Request) (*index.Typed, error)
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	Related(ctx context.Context, d *index.Document) ([]index.Related, error)
	Twins(ctx context.Context, d *index.Document) ([]index.Twin, error)
	CategoryCounts(ctx context.Context, kind classify.Kind) ([]index.CategoryCount, error)
	ExportPack(ctx context.Context, req index.Request, office, file string, progress func(index.Progress)) (*index.PackInfo, error)
}

// busyWaits are the waits after which a search that found the search
// index being replaced (index.ErrIndexBusy: a rebuild closing the old
// one and opening the new, a bulk import's swap) runs again by itself;
// the message shows only if the index is still being replaced after the
// last. The replacement takes moments (the million opens for writing in
// 0.19-0.22 s), removing the old index at a rebuild's start longer.
var busyWaits = []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second}

// untilNotBusy runs search, and again after each of waits while it finds
// the index being replaced; the end of ctx stops the waiting.
func untilNotBusy[T any](ctx context.Context, waits []time.Duration, search func() (T, error)) (T, error) {
	res, err := search()
	for _, w := range waits {
		if !errors.Is(err, index.ErrIndexBusy) {
			break
		}
		t := time.NewTimer(w)
		select {
		case <-ctx.Done():
			t.Stop()
			return res, err
		case <-t.C:
		}
		res, err = search()
	}
	return res, err
}

// refreshSearch runs the search again for documents that came in (an
// import's batch), keeping the list where the person has it.
func (v *view) refreshSearch() {
	if v.stopped || v.state.pending {
		return // the search being typed will show them
	}
	v.runSearch()
	v.state.keep = v.state.gen
}

// showResults puts a search's answer on screen.
func (v *view) showResults(req index.Request, res *index.Result, err error) {
	if err != nil {
		// The list keeps the last results while the person types; once
		// the message shows, they go, so that they are not read as the
		// answer to this query (usertest finding 10: "481 kết quả", the
		// whole archive, under a bad date).
		v.showQueryError(err, v.showNoResults)
		return
	}
	v.showQueryError(nil, nil)
	v.state.asked, v.state.answer = req, res
	if count := map[string]any{"Count": formatCount(res.Total)}; res.Estimated {
		v.search.count.SetText(messages.N("khoảng {{.Count}} kết quả", res.Total, count))
	} else {
		v.search.count.SetText(messages.N("{{.Count}} kết quả", res.Total, count))
	}
	if !req.NoFacets {
		v.showFacets(req, res.Facets)
	} else if !v.state.facetsOf(req) {
		// Its counts come once typing pauses: until then those shown are
		// an earlier search's, and are not to be read as this one's.
		v.browse.setPending(v.state.filters)
		v.timeline.setPending()
	}
	v.chips.update(v.state.filters, v.onChipRemoved)
	if v.state.keep == v.state.shown {
		v.results.refresh(req, res)
	} else {
		v.results.reset(req, res)
	}
	v.reader.setQuery(req.Query)
	v.reader.followResults(req, res)
	v.afterShown()
	// During an import the list says its documents are coming instead.
	v.showWelcome(res.Total == 0 && isBlank(req.Query) && isEmpty(v.state.filters) && v.importing == nil)
}

// showAnswerOf shows at once the answer old shows, and its counts: a
// change of language builds the screen again, and the list stood empty
// until the new screen's first search came back (usertest s11: 8-12 s
// under load). The search run then refreshes the list in place.
func (v *view) showAnswerOf(old *view) {
	req, res := old.state.asked, old.state.answer
	if res == nil {
		return
	}
	v.showResults(req, res, nil)
	v.results.keepChoiceOf(old.results)
	if old.state.facetsOf(req) {
		v.showFacets(req, old.browse.facets)
	}
}

// showFacets shows the facets of the search on screen, req, in the panel
// and the timeline.
func (v *view) showFacets(req index.Request, facets map[string][]index.FacetValue) {
	v.state.counted = countedSearch{query: req.Query, filters: req.Filters, ok: true}
	v.browse.update(facets, v.state.filters)
	v.timeline.update(facets[index.FacetYear], v.state.filters.Years)
}

// countFacetsLater counts the facets of search gen, whose results req
// showed without them, once typing has paused for facetPause; the next
// search stops it (ctx is gen's).
func (v *view) countFacetsLater(ctx context.Context, gen uint64, req index.Request) {
	v.state.facetTimer = time.AfterFunc(facetPause, func() {
		v.do(func() {
			if gen != v.state.gen || v.stopped {
				return
			}
			find, waits := v.find, v.busyWaits
			v.spawn(func() {
				req.NoFacets, req.NoHits = false, true
				typed, err := untilNotBusy(ctx, waits, func() (*index.Typed, error) { return find.SearchAsTyped(ctx, req) })
				if ctx.Err() != nil {
					return
				}
				v.do(func() {
					if gen == v.state.gen && !v.stopped && ctx.Err() == nil {
						v.state.facets = gen
						if err == nil {
							v.showFacets(req, typed.Facets)
						}
					}
				})
			})
		})
	})
}

// showQueryError says what is wrong with the query (nil: nothing). A
// mistake in the query shows once typing has paused for errorDelay, or
// at once when a message is already showing; other errors at once.
// shown, if any, runs when the message shows.
func (v *view) showQueryError(err error, shown func()) {
	if v.state.errTimer != nil {
		v.state.errTimer.Stop()
		v.state.errTimer = nil
	}
	label := v.search.queryErr
	if err == nil {
		label.Hide()
		return
	}
	msg := messages.Error(err)
	show := func() {
		label.SetText(msg)
		label.Show()
		if shown != nil {
			shown()
		}
	}
	var qe *index.QueryError
	if !errors.As(err, &qe) || label.Visible() {
		show()
		return
	}
	gen := v.state.gen
	v.state.errTimer = time.AfterFunc(errorDelay, func() {
		v.do(func() {
			if gen == v.state.gen && !v.stopped {
				show()
			}
		})
	})
}

// showNoResults empties the list, the timeline and the browse column's
// counts while the query cannot be run: the message above says what to
// fix.
func (v *view) showNoResults() {
	v.search.count.SetText(lang.L("Chưa tìm được"))
	v.search.noteBox.Hide()
	v.state.counted = countedSearch{}
	v.timeline.update(nil, v.state.filters.Years)
	v.browse.update(nil, v.state.filters)
	v.results.reset(v.results.req, &index.Result{})
	v.results.empty.SetText(lang.L("Câu tìm có chỗ chưa đúng nên chưa tìm; hãy sửa theo dòng chữ đỏ ở trên."))
}

// showNote says, under the count, why the results may be fewer than the
// person expects, with a button to what was likely meant: the review
// list narrowed by the search box and the filters (usertest finding 4:
// "Cần xem lại (21)" gave "0 kết quả"), or a lower-case "or" between
// words when nothing was found (finding 15).
func (v *view) showNote(req index.Request, res *index.Result) {
	b := v.search
	b.noteBox.Hide()
	switch {
	case req.Filters.Unsure && res.Total < v.review.count:
		n := v.review.count
		b.note.SetText(messages.N("{{.Count}} văn bản cần xem lại; {{.Shown}} trong số đó khớp với ô tìm và bộ lọc.", n, map[string]any{"Count": formatCount(n), "Shown": formatCount(res.Total)}))
		b.noteAction.SetText(messages.N("Xem cả {{.Count}} văn bản", n, map[string]any{"Count": formatCount(n)}))
		b.noteAction.OnTapped = v.onAllToReview
	case res.Total == 0:
		q := orSuggestion(req.Query)
		if q == "" {
			return
		}
		b.note.SetText(lang.L("Dùng OR viết hoa để tìm văn bản có một trong hai từ: {{.Query}}", map[string]any{"Query": q}))
		b.noteAction.SetText(lang.L("Tìm như vậy"))
		b.noteAction.OnTapped = func() { v.search.entry.SetText(q) }
	case v.state.dropped != "":
		v.showDropped()
		return
	default:
		return
	}
	b.noteBox.Show()
}

// onAllToReview lists every document to review: the search box and the
// other filters are emptied.
func (v *view) onAllToReview() {
	v.state.filters = index.Filters{Unsure: true}
	v.search.entry.SetText("")
	v.runSearch()
}

// orSuggestion is q with a lower-case "or" or "hoặc" that stands between
// two words (outside quotes) written OR, as the query language reads it;
// "" when there is none. People type "pickleball or karate" without
// knowing OR must be capitals.
func orSuggestion(q string) string {
	fields := strings.Fields(q)
	quoted, changed := false, false
	for i, f := range fields {
		if !quoted && i > 0 && i < len(fields)-1 && fields[i-1] != "OR" && fields[i+1] != "OR" &&
			(strings.EqualFold(f, "or") && f != "OR" || strings.EqualFold(f, "hoặc")) {
			fields[i] = "OR"
			changed = true
		}
		if strings.Count(f, `"`)%2 == 1 {
			quoted = !quoted
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(fields, " ")
}

// fetchPage loads one more page of the current results as the person
// scrolls to it.
func (v *view) fetchPage(req index.Request, page int) {
	gen := v.state.gen
	req.Offset, req.Limit, req.NoFacets = page*pageSize, pageSize, true
	find, waits := v.find, v.busyWaits
	v.spawn(func() {
		res, err := untilNotBusy(v.ctx, waits, func() (*index.Result, error) { return find.Search(v.ctx, req) })
		v.do(func() {
			if gen != v.state.gen || v.stopped {
				return
			}
			if err != nil {
				v.showError(err)
				return
			}
			v.results.addPage(page, res)
		})
	})
}

// showWelcome swaps the search screen for the welcome of an empty archive.
func (v *view) showWelcome(empty bool) {
	want := v.main
	if empty {
		want = v.welcome.content()
	}
	if len(v.body.Objects) == 1 && v.body.Objects[0] == want {
		return
	}
	v.body.Objects = []fyne.CanvasObject{want}
	v.body.Refresh()
}

func isBlank(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' {
			return false
		}
	}
	return true
}

func isEmpty(f index.Filters) bool {
	return len(f.Campaigns)+len(f.Topics)+len(f.Types)+len(f.Issuers)+len(f.Years) == 0 && !f.Unsure
}

// formatCount writes a count the Vietnamese way: 1.234.
func formatCount(n int) string { return messages.Count(n) }
