package ui

import (
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// resultList is the list of documents found. It holds the pages loaded so
// far and asks for the others as the person scrolls to them.
type resultList struct {
	list     *keyList
	empty    *widget.Label // says that nothing was found
	box      *fyne.Container
	req      index.Request
	total    int
	found    int // the search's Total (total is the rows: see listed)
	pages    map[int][]index.Hit
	loading  map[int]bool
	selected int
	onOpen   func(index.Hit)
	fetch    func(req index.Request, page int)

	// marked are the results ticked for work on many at once (see
	// selection.go), by id; anchor is where a Shift-click range starts.
	marked   map[string]index.Summary
	anchor   int
	onMarked func() // the ticked results changed
	// mods reports the keyboard's modifier keys at a click.
	mods func() fyne.KeyModifier
	// reselecting is set while the list's selection is put back after a
	// Ctrl- or Shift-click, which ticks rows instead of opening them.
	reselecting bool
	// importLater: an import runs whose documents are searchable only
	// at its end (see emptyText); importing: an import runs.
	importLater, importing bool
	// deletedFrom is the search the person just moved documents to the
	// Trash from, while Hoàn tác can bring them back (setDeletedFrom):
	// emptied by it, the list says where they went rather than advise
	// other words (usertest s23: "Không tìm thấy… Hãy bớt từ" stood beside
	// the undo button after the only result was deleted).
	deletedFrom *index.Request
	// note is the last note the list wrote under an empty answer (not a
	// query's error), which the import's changes write again.
	note string
	// lines are the lines of text under the meta line of each row of a
	// list of documents to review (by row), as many as its reasons take
	// (fitRows); sized are the rows whose height the list was given, and
	// width is the rows' text's width they were fitted at. later runs a
	// function after the list's layout (the window's do): none, and the
	// rows keep snippetLines.
	lines   map[int]int
	sized   map[int]bool
	width   float32
	fitting bool
	later   func(func())
}

// snippetLines is the lines a row of a search's results has under its
// meta line.
const snippetLines = 2

func newResultList(onOpen func(index.Hit), fetch func(index.Request, int)) *resultList {
	r := &resultList{pages: map[int][]index.Hit{}, loading: map[int]bool{}, selected: -1, onOpen: onOpen, fetch: fetch,
		marked: map[string]index.Summary{}, anchor: -1, onMarked: func() {}, mods: keyModifiers,
		lines: map[int]int{}, sized: map[int]bool{}}
	r.list = newKeyList(r)
	r.list.CreateItem = r.newRow
	r.list.OnSelected = r.onSelected
	r.note = emptyText(false)
	r.empty = widget.NewLabel(r.note)
	r.empty.Wrapping = fyne.TextWrapWord
	r.empty.Alignment = fyne.TextAlignCenter
	r.empty.TextStyle.Italic = true
	r.empty.Hide()
	r.box = container.NewStack(r.list, container.NewVBox(r.empty), r.list.frame)
	return r
}

// emptyText is what the list says when nothing was found: while an
// import whose documents are searchable only at its end runs (a bulk
// import, index/bulkimport.go), that they will be, rather than advice
// about the words (usertest session 8, finding 3).
func emptyText(importLater bool) string {
	if importLater {
		return lang.L("Không tìm thấy văn bản nào. Các văn bản đang nhập sẽ tìm được khi nhập xong.")
	}
	return lang.L("Không tìm thấy văn bản nào. Hãy bớt từ, gõ không dấu, hoặc bỏ bộ lọc.")
}

// setImportLater says whether an import whose documents are searchable
// only at its end is running, and updates the note if it is shown.
func (r *resultList) setImportLater(later bool) {
	if r.importLater == later {
		return
	}
	r.importLater = later
	r.updateNote()
}

// setImporting says whether an import runs: the whole list of an empty
// archive then says that its documents are coming, where the welcome
// page stood (usertest session 8: the welcome stayed through a bulk
// import into a new archive, inviting a second import).
func (r *resultList) setImporting(on bool) {
	if r.importing == on {
		return
	}
	r.importing = on
	r.updateNote()
}

// updateNote writes the note under an empty answer again, unless it is
// a query's error.
func (r *resultList) updateNote() {
	if r.empty.Text != r.note {
		return
	}
	r.note = r.noteText()
	r.empty.SetText(r.note)
}

// setDeletedFrom says that documents were just moved to the Trash from
// the search req (nil: nothing left to undo), and updates the note if it
// is shown.
func (r *resultList) setDeletedFrom(req *index.Request) {
	r.deletedFrom = req
	r.updateNote()
}

// noteText is the note under an empty answer: just after documents were
// deleted from this search, while they can be brought back, where they
// went; while an import runs into an archive that lists nothing yet, that
// its documents are coming.
func (r *resultList) noteText() string {
	if d := r.deletedFrom; d != nil && d.Query == r.req.Query && reflect.DeepEqual(d.Filters, r.req.Filters) {
		return lang.L("Văn bản vừa xóa đã được chuyển vào Thùng rác. Bấm “Hoàn tác” ở trên để lấy lại.")
	}
	if !r.importing || !isBlank(r.req.Query) || !isEmpty(r.req.Filters) {
		return emptyText(r.importLater)
	}
	if r.importLater {
		return lang.L("Đang nhập văn bản. Chúng sẽ hiện ra ở đây và tìm được khi nhập xong (thanh ở cuối cửa sổ).")
	}
	return lang.L("Đang nhập văn bản. Chúng sẽ hiện ra ở đây khi được lưu (thanh ở cuối cửa sổ).")
}

// newRow is a row of the list, which says its text's width at layout.
func (r *resultList) newRow() fyne.CanvasObject {
	row := newResultRow()
	row.onWidth = r.rowsWidth
	return row
}

// rowsWidth is told the width of a row's text at its layout: at another
// width, the rows of a list of documents to review are fitted again.
func (r *resultList) rowsWidth(w float32) {
	if w == r.width {
		return
	}
	r.width = w
	if r.req.Filters.Unsure {
		r.fitRowsLater()
	}
}

// fitRowsLater fits the rows once the list's layout is done: a list whose
// rows change height from inside its own layout would lay itself out
// again on the rows it is laying out.
func (r *resultList) fitRowsLater() {
	if r.later == nil || r.fitting {
		return
	}
	r.fitting = true
	r.later(func() {
		r.fitting = false
		r.fitRows()
	})
}

// fitRows gives each loaded row of a list of documents to review the
// height its reasons take, wrapped at the rows' width, so that they show
// whole (usertest s13: cut after one line under a title of two); the
// rows of a search have snippetLines. Fyne's List keeps the heights it
// was given, and looks them up row by row from then on: the rows given
// one are given the template's again for a search, and none are given
// one before a list to review.
func (r *resultList) fitRows() {
	clear(r.lines)
	if w := r.width; r.req.Filters.Unsure && w > 0 {
		for page, hits := range r.pages {
			for i, h := range hits {
				if n := rowLines(rowTitle(h), doubtsLine(h.Doubts), w); len(h.Doubts) > 0 && n > snippetLines {
					r.lines[page*pageSize+i] = n
				}
			}
		}
	}
	if len(r.lines) == 0 && len(r.sized) == 0 {
		return
	}
	base := r.newRow().MinSize().Height
	for id := range r.sized {
		if _, ok := r.lines[id]; !ok {
			r.list.SetItemHeight(id, base)
		}
	}
	for id, n := range r.lines {
		r.sized[id] = true
		r.list.SetItemHeight(id, base+float32(n-snippetLines)*textLineHeight())
	}
}

// linesOf is the lines of text row id has under its meta line.
func (r *resultList) linesOf(id int) int {
	if n, ok := r.lines[id]; ok {
		return n
	}
	return snippetLines
}

// rowLines is how many lines under its meta line a row with title and
// reasons to review takes at text width w: the title's second line, if
// any, and the reasons wrapped.
func rowLines(title, reasons string, w float32) int {
	n := countLines(reasons, w-2*theme.InnerPadding()-theme.Padding(), fyne.TextStyle{})
	if rowTitleLines(title, w) > 1 {
		n++
	}
	return n
}

// countLines is how many lines text takes wrapped between words at width
// (as clampLines wraps; the width given a little under the text's own).
func countLines(text string, width float32, style fyne.TextStyle) int {
	if width <= 0 {
		return 1
	}
	size := theme.TextSize()
	space := fyne.MeasureText(" ", size, style).Width
	n, x := 1, float32(0)
	for _, w := range strings.Fields(text) {
		ww := fyne.MeasureText(w, size, style).Width
		if x > 0 && x+space+ww > width {
			n++
			x = 0
		}
		if x > 0 {
			x += space
		}
		x += ww
	}
	return n
}

// object is the list, with the note shown when nothing was found.
func (r *resultList) object() fyne.CanvasObject { return r.box }

func (r *resultList) length() int { return r.total }

func (r *resultList) updateItem(id widget.ListItemID, o fyne.CanvasObject) {
	row := o.(*resultRow)
	h, ok := r.hit(id)
	if !ok {
		row.setLoading()
		return
	}
	row.setLines(r.linesOf(id))
	row.set(h, r.req.Filters.Unsure)
	_, marked := r.marked[h.ID]
	row.setMarked(marked, func(on bool) { r.mark(id, on, r.mods()&fyne.KeyModifierShift != 0) })
}

// hit returns result i, asking for its page when it is not loaded yet.
func (r *resultList) hit(i int) (index.Hit, bool) {
	page := i / pageSize
	hits, ok := r.pages[page]
	if !ok {
		if !r.loading[page] {
			r.loading[page] = true
			r.fetch(r.req, page)
		}
		return index.Hit{}, false
	}
	if j := i - page*pageSize; j < len(hits) {
		return hits[j], true
	}
	return index.Hit{}, false
}

// reset shows a new search's first page.
func (r *resultList) reset(req index.Request, res *index.Result) {
	r.req, r.total, r.found = req, listed(0, res), res.Total
	r.pages = map[int][]index.Hit{0: res.Hits}
	r.loading = map[int]bool{}
	r.selected = -1
	r.anchor = -1
	if len(r.marked) > 0 {
		clear(r.marked)
		r.onMarked()
	}
	r.note = r.noteText()
	r.empty.Text = r.note
	r.empty.Hidden = r.total > 0
	r.empty.Refresh()
	r.list.UnselectAll()
	r.list.ScrollToTop()
	r.fitRows()
	r.list.Refresh()
}

// refresh shows the same search's answer again, with documents that came
// in: the row chosen (when still on the first page), the ticks and the
// scroll stay where the person had them.
func (r *resultList) refresh(req index.Request, res *index.Result) {
	chosen := ""
	if r.selected >= 0 {
		if h, ok := r.hit(r.selected); ok {
			chosen = h.ID
		}
	}
	offset := r.list.GetScrollOffset()
	r.req, r.total, r.found = req, listed(0, res), res.Total
	r.pages = map[int][]index.Hit{0: res.Hits}
	r.loading = map[int]bool{}
	r.selected = slices.IndexFunc(res.Hits, func(h index.Hit) bool { return h.ID == chosen && chosen != "" })
	r.anchor = r.selected
	r.updateNote()
	r.empty.Hidden = r.total > 0
	r.empty.Refresh()
	r.reselecting = true
	if r.selected >= 0 {
		r.list.Select(r.selected)
	} else {
		r.list.UnselectAll()
	}
	r.reselecting = false
	r.fitRows()
	r.list.Refresh()
	r.list.ScrollToOffset(offset)
}

// keepChoiceOf chooses again, without opening it, the row old had chosen
// when the first page shown holds the same document there, and scrolls to
// where old was: a change of language builds the list anew, and the
// document stayed open with no row chosen (usertest s20).
func (r *resultList) keepChoiceOf(old *resultList) {
	i := old.selected
	was, shown := old.pages[i/pageSize], r.pages[0]
	if i < 0 || i >= len(shown) || i%pageSize >= len(was) || was[i%pageSize].ID != shown[i].ID {
		return
	}
	r.selected, r.anchor = i, i
	r.reselecting = true
	r.list.Select(i)
	r.reselecting = false
	r.list.ScrollToOffset(old.list.GetScrollOffset())
}

// listed is how many rows the list has once page (of pageSize) of res
// came: res.Total, but an estimated total (a quoted phrase whose texts were
// not all read) ends where a page comes short, and goes on one row past
// a full page, whose loading asks for the next.
func listed(page int, res *index.Result) int {
	if !res.Estimated {
		return res.Total
	}
	if len(res.Hits) < pageSize {
		return page*pageSize + len(res.Hits)
	}
	return max(res.Total, (page+1)*pageSize+1)
}

// addPage shows a page that was loaded.
func (r *resultList) addPage(page int, res *index.Result) {
	hits := res.Hits
	if res.Estimated {
		r.total = listed(page, res)
	}
	r.pages[page] = hits
	delete(r.loading, page)
	r.fitRows()
	r.list.Refresh()
	// A row chosen with the keyboard before its page came is opened now.
	if j := r.selected - page*pageSize; r.selected >= 0 && j >= 0 && j < len(hits) {
		r.onOpen(hits[j])
	}
}

func (r *resultList) onSelected(id widget.ListItemID) {
	if r.reselecting {
		return
	}
	// Ctrl-click ticks or unticks a row, Shift-click the rows from the
	// last one ticked; the open document stays open.
	if m := r.mods(); m&(fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift) != 0 && r.selected != id {
		_, on := r.marked[r.idAt(id)]
		r.mark(id, !on, m&fyne.KeyModifierShift != 0)
		r.reselecting = true
		if r.selected >= 0 {
			r.list.Select(r.selected)
		} else {
			r.list.UnselectAll()
		}
		r.reselecting = false
		return
	}
	r.selected = id
	r.anchor = id
	if h, ok := r.hit(id); ok {
		r.onOpen(h)
	}
}

// move selects the result delta rows away from the selected one.
func (r *resultList) move(delta int) {
	if r.total == 0 {
		return
	}
	next := max(0, min(r.total-1, r.selected+delta))
	if r.selected < 0 {
		next = 0
	}
	r.list.Select(next)
	r.list.ScrollTo(next)
}

// choose selects the row of document id, when its page is loaded,
// without opening it again, and scrolls to it.
func (r *resultList) choose(id string) {
	for page, hits := range r.pages {
		j := slices.IndexFunc(hits, func(h index.Hit) bool { return h.ID == id })
		if j < 0 {
			continue
		}
		i := page*pageSize + j
		if i != r.selected {
			r.selected, r.anchor = i, i
			r.reselecting = true
			r.list.Select(i)
			r.reselecting = false
		}
		r.list.ScrollTo(i)
		return
	}
}

// openSelected opens the selected result, or the first one.
func (r *resultList) openSelected() {
	if r.total == 0 {
		return
	}
	if r.selected < 0 {
		r.move(1)
		return
	}
	r.onSelected(r.selected)
}

// resultRow shows one result: title, date · number · type · issuer, and a
// snippet with the matched words marked.
type resultRow struct {
	widget.BaseWidget
	// check ticks the row for work on many documents at once.
	check   *widget.Check
	onCheck func(bool)
	title   *widget.Label
	meta    *widget.Label
	snippet *widget.RichText
	box     *fyne.Container // laid out by rowLayout
	// fullTitle is the title, of which the label shows two lines at most.
	fullTitle string
	// the snippet shown
	snippetText  string
	snippetMarks []index.Range
	// snippetFrom is where in snippetText the row's text starts: past
	// its start when one line shows and the first mark lies beyond it.
	// oneLine and width are the room the layout last gave the snippet.
	snippetFrom int
	// snippetEnd is where in the text shown (from snippetFrom) it is cut
	// to the row's lines, with "…" after; its length when whole.
	snippetEnd int
	oneLine    bool
	width      float32
	// doubts says that the snippet's place holds the fields to review
	// and why (doubtsLine), in the list of documents to review.
	doubts bool
	// nLines is how many lines of text the row has under its meta line
	// (0: snippetLines), which its list gives it room for; onWidth, if
	// set, is told the width of the row's text at each layout.
	nLines  int
	onWidth func(float32)
}

// lines is how many lines of text the row has under its meta line.
func (r *resultRow) lines() int {
	return max(r.nLines, snippetLines)
}

// setLines gives the row n lines under its meta line.
func (r *resultRow) setLines(n int) {
	if r.lines() == n {
		return
	}
	r.nLines = n
	if r.box != nil {
		r.box.Layout.Layout(r.box.Objects, r.box.Size())
	}
}

var _ fyne.Widget = (*resultRow)(nil)

func newResultRow() *resultRow {
	r := &resultRow{title: widget.NewLabel(""), meta: widget.NewLabel(""), snippet: widget.NewRichText()}
	r.check = widget.NewCheck("", func(on bool) {
		if r.onCheck != nil {
			r.onCheck(on)
		}
	})
	r.title.TextStyle.Bold = true
	// Two lines for a long title, cut with "…" after them (rowLayout):
	// titles that begin alike ("Kế hoạch triển khai…") are told apart by
	// their ends. Not Fyne's Truncation with Wrapping: its ellipsis panics
	// on a label laid out less than a line high (Fyne 2.7.1 richtext.go
	// ellipsisPriorBound), as a row is before its first layout.
	r.title.Wrapping = fyne.TextWrapWord
	r.meta.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Wrapping = fyne.TextWrapWord
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	// The snippet is clipped to the lines the row has room for.
	clip := newClipBox(r.snippet)
	r.box = &fyne.Container{Layout: rowLayout{r}, Objects: []fyne.CanvasObject{r.check, r.title, r.meta, clip}}
	return widget.NewSimpleRenderer(r.box)
}

// set shows h. A new search redraws every visible row, so what has not
// changed (the same document, the same marked words) is left alone:
// shortening a long title to fit is what costs most. With doubts (the
// list of documents to review) the row says, in place of the snippet,
// which fields to check and why: the list said only that a document had
// some (usertest s13).
func (r *resultRow) set(h index.Hit, doubts bool) {
	title := rowTitle(h)
	if r.fullTitle != title {
		r.fullTitle = title
		r.title.Text = title
		if r.box != nil { // one line or two: the snippet's room changes
			r.box.Layout.Layout(r.box.Objects, r.box.Size())
		}
		r.title.Refresh()
	}
	setLabel(r.meta, formatsLine(h.Twins)+summaryLine(h.Summary))
	text, marks := h.Snippet.Text, h.Snippet.Marks
	doubts = doubts && len(h.Doubts) > 0
	if doubts {
		text, marks = doubtsLine(h.Doubts), nil
	}
	if r.snippetText == text && slices.Equal(r.snippetMarks, marks) && r.doubts == doubts && r.snippet.Segments != nil {
		return
	}
	r.snippetText, r.snippetMarks, r.doubts = text, slices.Clone(marks), doubts
	r.snippet.Segments = nil
	r.fitSnippet(r.oneLine, r.width)
}

// rowTitle is the title a row shows for h.
func rowTitle(h index.Hit) string {
	if strings.TrimSpace(h.Title) == "" {
		return lang.L("(Chưa có trích yếu)")
	}
	return h.Title
}

// fitSnippet shows the snippet in the room the layout gives it: when the
// first marked word would be beyond its lines (one under a two-line
// title, two under one), they start a few words before that word, after
// "…" (usertest finding 12: at Rất lớn rows showed "… tháng 11 năm 2022"
// and no marked word; s24: in the list beside an open document, two
// lines ended "… trách nhiệm nêu …", "gương" cut off).
func (r *resultRow) fitSnippet(oneLine bool, width float32) {
	if oneLine == r.oneLine && width == r.width && r.snippet.Segments != nil {
		return // laid out again in the same room: measured already
	}
	r.oneLine, r.width = oneLine, width
	if r.doubts {
		if r.snippet.Segments == nil {
			r.snippet.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: r.snippetText,
				Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameWarning}}}
			r.snippet.Refresh()
		}
		return
	}
	lines := snippetLines
	if oneLine {
		lines = 1
	}
	from := 0
	text, marks := r.snippetText, r.snippetMarks
	if len(marks) > 0 && width > 0 {
		// The words of a phrase are marked one by one: the first mark
		// runs on over the marks just after it.
		first := marks[0]
		for _, m := range marks[1:] {
			if m.Start-first.End > 1 {
				break
			}
			first.End = m.End
		}
		if first.End <= len(text) {
			from = snippetStart(text, first, lines, width-2*theme.InnerPadding())
		}
	}
	shown, shownMarks := text, marks
	if from > 0 {
		shift := len(snippetCut) - from
		shownMarks = nil
		for _, m := range marks {
			if m.Start >= from {
				shownMarks = append(shownMarks, index.Range{Start: m.Start + shift, End: m.End + shift})
			}
		}
		shown = snippetCut + text[from:]
	}
	// What does not fit the row's lines ends in "…", not cut mid-word by
	// the row's edge (usertest s20: at Rất lớn, one line under a title of
	// two, "… nhận được Công văn số" stopped with nothing to say more).
	end := len(shown)
	if width > 0 {
		lines := snippetLines
		if oneLine {
			lines = 1
		}
		end = snippetEnd(shown, lines, width-2*theme.InnerPadding())
	}
	if from == r.snippetFrom && end == r.snippetEnd && r.snippet.Segments != nil {
		return
	}
	r.snippetFrom, r.snippetEnd = from, end
	if end < len(shown) {
		var kept []index.Range
		for _, m := range shownMarks {
			if m.Start < end {
				kept = append(kept, index.Range{Start: m.Start, End: min(m.End, end)})
			}
		}
		shown, shownMarks = shown[:end]+" …", kept
	}
	r.snippet.Segments = snippetSegments(shown, shownMarks)
	r.snippet.Refresh()
}

// snippetStart is where a snippet shown in lines lines of width room
// starts so that its first mark (first) is among them whole: 0 when it is
// from the start, else the start of a word as far before the mark as
// leaves it in (shown after snippetCut), or the mark's own start when
// even that does not.
func snippetStart(text string, first index.Range, lines int, room float32) int {
	holds := func(p int) bool {
		s, end := text[p:], first.End-p
		if p > 0 {
			s, end = snippetCut+s, end+len(snippetCut)
		}
		return snippetEnd(s, lines, room) >= end
	}
	if holds(0) {
		return 0
	}
	var starts []int // where each word up to the mark starts
	for p := 1; p < first.Start; p++ {
		if text[p-1] == ' ' {
			starts = append(starts, p)
		}
	}
	starts = append(starts, first.Start)
	// The later the start, the nearer the mark to the lines' start.
	i := sort.Search(len(starts), func(i int) bool { return holds(starts[i]) })
	return starts[min(i, len(starts)-1)]
}

// snippetEnd is how much of s fits lines lines of width room, wrapped at
// spaces as the row wraps it, with room left on the last line for " …"
// when not all of it fits: len(s) when it does. Widths are measured in
// bold, as the marked words are, so that what is kept surely fits.
func snippetEnd(s string, lines int, room float32) int {
	fits := func(t string) bool {
		return fyne.MeasureText(t, theme.TextSize(), fyne.TextStyle{Bold: true}).Width <= room
	}
	if fits(s) {
		return len(s)
	}
	var ends []int // where each word of the current line ends
	start, line := 0, 1
	for at := 0; at < len(s); {
		next := strings.IndexByte(s[at:], ' ')
		if next < 0 {
			next = len(s)
		} else {
			next += at
		}
		if len(ends) == 0 || fits(s[start:next]) {
			ends = append(ends, next)
			at = next + 1
			continue
		}
		if line == lines {
			break
		}
		line, start, ends = line+1, at, nil
	}
	if line < lines || ends[len(ends)-1] >= len(s) {
		return len(s)
	}
	for len(ends) > 1 && !fits(s[start:ends[len(ends)-1]]+" …") {
		ends = ends[:len(ends)-1]
	}
	return ends[len(ends)-1]
}

// snippetSegments are a snippet's runs, marked and plain, with each plain
// word a run of its own: Fyne's RichText moves a run that fits a fresh
// line but not the rest of the line whole to the next line, and the text
// after a mark (the rest of the snippet) then started a line, leaving the
// mark's line half empty (usertest s12: "… xây dựng nông thôn mới,⏎đô
// thị văn minh, thực hiện …"). A snippet is a few dozen words.
func snippetSegments(text string, marks []index.Range) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for i, s := range markedSegments(text, marks, -1) {
		t := s.(*widget.TextSegment)
		if t.Style.TextStyle.Bold {
			out = append(out, t)
			continue
		}
		words := strings.SplitAfter(strings.TrimPrefix(t.Text, zeroWidthSpace), " ")
		for j, w := range words {
			if w == "" {
				continue
			}
			if i > 0 || j > 0 {
				w = zeroWidthSpace + w // as markedSegments starts each run
			}
			out = append(out, &widget.TextSegment{Text: w, Style: t.Style})
		}
	}
	return out
}

// snippetCut starts a snippet shown from past its start.
const snippetCut = "… "

// setMarked shows whether the row is ticked; onCheck is called when the
// person ticks or unticks it. The box is redrawn only when it changes.
func (r *resultRow) setMarked(on bool, onCheck func(bool)) {
	r.onCheck = nil
	if r.check.Checked != on {
		r.check.SetChecked(on)
	}
	r.onCheck = onCheck
}

func (r *resultRow) setLoading() {
	r.setMarked(false, nil)
	r.fullTitle = lang.L("Đang tải…")
	setLabel(r.title, r.fullTitle)
	setLabel(r.meta, "")
	r.snippetText, r.snippetMarks, r.doubts = "", nil, false
	r.snippet.Segments = nil
	r.snippet.Refresh()
}

// doubtsLine says which fields of a document to review and why, in a
// few words each: "⚠ Số hiệu: số viết tay, đọc tự động — cần kiểm tra ·
// Ngày ban hành, Năm: không tìm thấy trong văn bản". Fields with the same
// reason (the year read with the date) share it: said twice, it took a
// line of the row (realdev).
func doubtsLine(doubts []index.Doubt) string {
	var reasons []string
	fields := map[string][]string{}
	for _, d := range doubts {
		why := doubtReason(d)
		if _, ok := fields[why]; !ok {
			reasons = append(reasons, why)
		}
		fields[why] = append(fields[why], fieldLabel(d.Field))
	}
	parts := make([]string, len(reasons))
	for i, why := range reasons {
		parts[i] = strings.Join(fields[why], ", ") + ": " + why
	}
	return "⚠ " + strings.Join(parts, " · ")
}

// doubtReason is why a field is to review, short: the reader's words of
// doubt, else that nothing was found, else how sure the reading was.
func doubtReason(d index.Doubt) string {
	if why := messages.ShortReason(d.Why); why != "" {
		return why
	}
	if d.Empty {
		return lang.L("không tìm thấy trong văn bản")
	}
	return lang.L("chưa chắc, độ tin cậy {{.Percent}}%", map[string]any{"Percent": int(math.Round(d.Confidence * 100))})
}

// setLabel changes l's text, if it is another.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// rowLayout puts the check box at the left of the title, stacks the title
// and the meta line beside it and gives the snippet the rest. Every row
// has the height of a one-line title and its lines (two for a search's
// snippets, more for long reasons to review: fitRows); a title
// too long for one line takes two, and the snippet one line less.
type rowLayout struct{ r *resultRow }

func (l rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	check := objs[0].MinSize()
	line := objs[2].MinSize().Height // a label of one line
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(check.Width, line))
	x := check.Width
	w := max(0, size.Width-x)
	if l.r.onWidth != nil && w > 0 {
		l.r.onWidth(w)
	}
	lines := l.r.lines()
	title := line
	if l.fitTitle(w) {
		title += textLineHeight()
		lines-- // whole lines: no sliver of a cut one
	}
	snippet := snippetHeight(lines)
	l.r.fitSnippet(lines == 1, w)
	objs[1].Move(fyne.NewPos(x, 0))
	objs[1].Resize(fyne.NewSize(w, title))
	y := title - theme.Padding()
	objs[2].Move(fyne.NewPos(x, y))
	objs[2].Resize(fyne.NewSize(w, line))
	y += line - theme.Padding()
	objs[3].Move(fyne.NewPos(x, y))
	objs[3].Resize(fyne.NewSize(w, snippet))
}

// fitTitle cuts the row's title to two lines of width w and reports
// whether it takes two.
func (l rowLayout) fitTitle(w float32) bool {
	t, full := l.r.title, l.r.fullTitle
	// A little narrower than the label's own wrapping, so that the cut
	// text never wraps to a third line.
	room := w - 2*theme.InnerPadding() - theme.Padding()
	two := rowTitleLines(full, w) > 1
	if text := clampLines(full, room, 2, t.TextStyle); t.Text != text {
		t.Text = text
		t.Refresh()
	}
	return two
}

// rowTitleLines is how many lines a row's title takes at width w: 1 or 2
// (fitTitle cuts it there).
func rowTitleLines(title string, w float32) int {
	room := w - 2*theme.InnerPadding() - theme.Padding()
	if fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width > room {
		return 2
	}
	return 1
}

// textLineHeight is the height one more line of text takes.
func textLineHeight() float32 {
	return fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{}).Height + theme.LineSpacing()
}

func (l rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := 2*objs[2].MinSize().Height - 2*theme.Padding() + snippetHeight(l.r.lines()) + theme.Padding()
	return fyne.NewSize(120+objs[0].MinSize().Width, h)
}

// snippetHeight is the height of n lines of a RichText.
func snippetHeight(n int) float32 {
	line := fyne.MeasureText("Ág", theme.TextSize(), fyne.TextStyle{}).Height
	return theme.InnerPadding() + float32(n)*line + float32(n-1)*theme.LineSpacing()
}

// summaryLine is "18/04/2014 · 12-KH/ĐU · Kế hoạch · Đảng ủy xã An Phú".
// The date comes first: lists are sorted by it, and a long issuer at the
// end of a row is what gets cut short.
func summaryLine(s index.Summary) string {
	var parts []string
	for _, p := range []string{formatDate(s.Date, s.Year), s.Number, s.Type, s.Issuer} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// formatsLine is "PDF · DOCX · HTM — " for a document saved in several
// formats (its twins, listed once), "" otherwise.
func formatsLine(twins []index.Twin) string {
	if len(twins) < 2 {
		return ""
	}
	var names []string
	for _, t := range twins {
		if n := formatName(t.Format); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, " · ") + " — "
}

// formatName is a file format as people write it: "pdf" → "PDF".
func formatName(f string) string {
	return strings.ToUpper(f)
}

// formatDate writes "2014-04-18" as "18/04/2014", a bare year as itself.
func formatDate(date string, year int) string {
	if len(date) == 10 && date[4] == '-' && date[7] == '-' {
		return date[8:10] + "/" + date[5:7] + "/" + date[:4]
	}
	if year > 0 {
		return strconv.Itoa(year)
	}
	return ""
}

func itoa(n int) string { return strconv.Itoa(n) }

// mergeMarks joins marks separated only by spaces ("học tập và làm
// theo"), except the current one: RichText wraps a long segment at its
// spaces, while many short segments can break inside a word at a line's
// end. It returns the merged marks and the new index of current.
func mergeMarks(text string, marks []index.Range, current int) ([]index.Range, int) {
	var out []index.Range
	cur := -1
	for i, m := range marks {
		if n := len(out); n > 0 && i != current && i-1 != current && m.Start >= out[n-1].End &&
			m.Start <= len(text) && strings.TrimSpace(text[out[n-1].End:m.Start]) == "" {
			out[n-1].End = m.End
			continue
		}
		if i == current {
			cur = len(out)
		}
		out = append(out, m)
	}
	return out, cur
}

// gluePunctuation takes into each mark the punctuation that stands
// against it, no space between ("mới," "(nông"): Fyne may break a line
// where one run of text ends and the next begins, and a line then began
// with the comma after a mark (usertest s12: "… nông thôn mới⏎, đô thị
// văn minh"). marks are in order and apart (mergeMarks).
func gluePunctuation(text string, marks []index.Range) []index.Range {
	out := slices.Clone(marks)
	// allGlued reports whether s is punctuation alone (a word's own
	// letters after a mark, "1676" in "1676/SNV", are left as they are).
	allGlued := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPunct(r) && !unicode.IsSymbol(r) }) < 0
	}
	for i := range out {
		m := &out[i]
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			continue
		}
		limit, floor := len(text), 0
		if i+1 < len(out) {
			limit = min(limit, max(m.End, out[i+1].Start))
		}
		if i > 0 {
			floor = min(m.Start, max(0, out[i-1].End))
		}
		end := m.End + strings.IndexAny(text[m.End:limit]+" ", " \n\t")
		if allGlued(text[m.End:end]) {
			m.End = end
		}
		start := floor + strings.LastIndexAny(" "+text[floor:m.Start], " \n\t")
		if allGlued(text[start:m.Start]) {
			m.Start = start
		}
	}
	return out
}

// markedSegments splits text into plain and marked runs; the mark numbered
// current (if any) stands out more than the others.
func markedSegments(text string, marks []index.Range, current int) []widget.RichTextSegment {
	marks, current = mergeMarks(text, marks, current)
	marks = gluePunctuation(text, marks)
	var segs []widget.RichTextSegment
	plain := widget.RichTextStyleInline
	at := 0
	for i, m := range marks {
		if m.Start < at || m.End > len(text) || m.Start >= m.End {
			continue
		}
		start := m.Start
		if start > at {
			segs = append(segs, &widget.TextSegment{Text: text[at:start], Style: plain})
		}
		style := widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}
		if i == current {
			style.ColorName = theme.ColorNameError
		}
		segs = append(segs, &widget.TextSegment{Text: text[start:m.End], Style: style})
		at = m.End
	}
	if at < len(text) {
		segs = append(segs, &widget.TextSegment{Text: text[at:], Style: plain})
	}
	// A space between two runs ends the first: Fyne moves a run that fits
	// a fresh line there whole, and one that began with its space showed
	// it at the line's start.
	for i := 1; i < len(segs); i++ {
		t, prev := segs[i].(*widget.TextSegment), segs[i-1].(*widget.TextSegment)
		if strings.HasPrefix(t.Text, " ") {
			t.Text = t.Text[1:]
			prev.Text += " "
		}
	}
	segs = slices.DeleteFunc(segs, func(s widget.RichTextSegment) bool { return s.(*widget.TextSegment).Text == "" })
	// Each segment after the first starts with a zero-width space. Fyne
	// 2.7.1 wraps a segment that starts where less than one character's
	// width is left on the line one character per row, to the end of the
	// segment (widget/richtext.go lineBounds keeps the first line's width
	// for the next rows): a long law read as a column of letters. The
	// zero-width space fits there, and the rest wraps at the full width;
	// a run whose first word does not fit the rest of a line so goes whole
	// to the next, not cut inside the word.
	for _, s := range segs[min(1, len(segs)):] {
		t := s.(*widget.TextSegment)
		t.Text = zeroWidthSpace + t.Text
	}
	return segs
}

// zeroWidthSpace is drawn as nothing and measures 0.
const zeroWidthSpace = "\u200b"
