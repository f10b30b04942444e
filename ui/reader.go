package ui

import (
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// reader shows one document: its text with the query's words marked and a
// way from match to match, its details beside it, and the documents it
// cites or that cite it.
type reader struct {
	v       *view
	doc     *index.Document
	related []index.Related
	query   string

	// edit and del change the archive: disabled over one opened for
	// reading only.
	edit, del *tabButton

	title   *titleLabel
	matchNo *widget.Label
	nav     *matchRowLayout // lays matchNo out beside the arrows and Chép đoạn này
	navBox  *fyne.Container // the row nav lays out
	// textCol is the text with the row of matches above it.
	textCol *fyne.Container
	prev    *tabButton
	next    *tabButton
	// copyPassage copies the paragraph of the current match.
	copyPassage *tabButton
	actions     *fyne.Container
	// bar is the row of actions, with its "⋯" menu of those that do not fit.
	bar   *overflowBar
	marks []index.Range // the matches in the whole text (placesOf)
	// painted are all the places marked: the matches, and the query's
	// words that stand elsewhere without the others (placesOf).
	painted []index.Range
	current int
	// body is the text, laid out where it is seen.
	body   *pagedText
	scroll *container.Scroll
	text   *textScroll // the scroll, taking the keyboard (focus.go)
	// remark marks a long document for a new query once typing pauses.
	remark *time.Timer
	// closeDoc is the last of the actions, which Tab leaves for the
	// browse panel (focus.go).
	closeDoc *tabButton
	scale    float32
	meta     *fyne.Container
	// outside says the open document is not among the results of the
	// search typed since it was opened.
	outside    *widget.Label
	outsideGen int // followResults' check, so that a late answer is dropped
	// captions and links are the shown field captions and related links.
	captions map[string]string
	// reasons are the lines under the fields read from the text: why they
	// were read so, and how sure (fieldReason).
	reasons map[string]string
	links   []*readerLink
	stack   *fyne.Container
	empty   fyne.CanvasObject
	page    fyne.CanvasObject
	// split is the text beside the details; metaBox holds the details, or
	// nothing while they are folded away.
	split    *container.Split
	metaBox  *fyne.Container
	metaFold *tabButton
	// history holds the documents related links were followed from, the
	// last one on top; back returns to it.
	history []string
	back    *tabButton
	// sub is the date, number, type, issuer and signer under the title,
	// there also when the details are folded away.
	sub *widget.Label
	// twins are the originals of the same text (index.Twin), formats a
	// button for each under the title, hidden when there are none.
	twins   []index.Twin
	formats *fyne.Container
	// editOpening, while the edit form is being built (onEdit), puts the
	// button back as it was; cancelEdit stops the opening.
	editOpening func()
	// matchY is where scrollToCurrent last scrolled the text to.
	matchY float32
	// kept is the match the next showing of a document stays at (keepMatch).
	kept struct {
		id    string
		match int
	}
}

func newReader(v *view) *reader {
	r := &reader{v: v, scale: 1, title: newTitleLabel(), matchNo: widget.NewLabel("")}
	r.title.TextStyle.Bold = true
	r.title.Wrapping = fyne.TextWrapWord
	r.prev = newTabButton("", theme.MoveUpIcon(), func() { r.onMatch(-1) })
	r.next = newTabButton("", theme.MoveDownIcon(), func() { r.onMatch(1) })
	smaller := newTabButton("A−", nil, func() { r.onZoom(-0.15) })
	larger := newTabButton("A+", nil, func() { r.onZoom(0.15) })
	copyText := newTabButton(lang.L("Sao chép"), theme.ContentCopyIcon(), r.onCopy)
	r.copyPassage = newTabButton(lang.L("Chép đoạn này"), theme.ContentCopyIcon(), r.onCopyPassage)
	open := newTabButton(lang.L("Mở tệp gốc"), theme.FileApplicationIcon(), r.onOpenOriginal)
	edit := newTabButton(lang.L("Sửa thông tin"), theme.DocumentCreateIcon(), r.onEdit)
	del := newTabButton(lang.L("Xóa"), theme.DeleteIcon(), r.onDelete)
	r.closeDoc = newTabButton(lang.L("Đóng"), theme.CancelIcon(), r.clear)
	closeDoc := r.closeDoc
	r.back = newTabButton(lang.L("Quay lại"), theme.NavigateBackIcon(), r.onBack)
	saveCopy := newTabButton(lang.L("Lưu bản sao…"), theme.DocumentSaveIcon(), r.onSaveCopy)
	separate := newTabButton(lang.L("Tách khỏi nhóm"), theme.ContentCutIcon(), r.onSeparateTwin)
	r.back.Hide()
	r.metaFold = newTabButton(lang.L("Ẩn thông tin"), theme.InfoIcon(), r.onFoldMeta)
	edit.Importance = widget.HighImportance
	if v.readOnly() {
		edit.Disable()
		del.Disable()
	}
	r.edit, r.del = edit, del
	// One row of buttons at any text size: those that do not fit go into
	// its "⋯" menu, Xóa first, rather than wrap into rows that take the
	// text's height or widen the reader and squeeze the results list.
	r.bar = newOverflowBar([]*tabButton{r.back, edit, open, smaller, larger, copyText, saveCopy, r.metaFold, separate, del}, closeDoc)
	r.bar.names[smaller], r.bar.names[larger] = lang.L("Chữ nhỏ hơn"), lang.L("Chữ to hơn")
	r.bar.icons[smaller], r.bar.icons[larger] = theme.ZoomOutIcon(), theme.ZoomInIcon()
	r.bar.after[larger] = smaller
	r.bar.absent = func(b *tabButton) bool {
		return b == r.back && len(r.history) == 0 || b == separate && len(r.twins) < 2
	}
	r.actions = r.bar.box
	// Delete and F1 on any of them do what they do in the window.
	for _, b := range r.buttons() {
		b.onKey = v.onKey
	}
	// One row too: the count gives way ("1/42 chỗ kh…") before the row
	// wraps.
	r.matchNo.Truncation = fyne.TextTruncateEllipsis
	arrows := container.NewHBox(r.prev, r.next)
	r.nav = &matchRowLayout{arrows: arrows, count: r.matchNo, copy: r.copyPassage, copyText: r.copyPassage.Text}
	nav := container.New(r.nav, r.matchNo, arrows, r.copyPassage)
	r.navBox = nav
	r.body = newPagedText(r.blockMarks, &zoomTheme{Theme: theme.Current(), scale: 1})
	r.scroll = container.NewVScroll(r.body)
	r.body.scroll = r.scroll
	r.meta = container.NewVBox()
	r.text = newTextScroll(r.scroll)
	r.text.onWidth = r.onTextWidth
	textCol := container.NewBorder(nav, nil, nil, nil, r.text)
	r.textCol = textCol
	r.metaBox = container.NewStack(container.NewVScroll(r.meta))
	r.split = container.NewHSplit(textCol, r.metaBox)
	r.split.Offset = readerTextOffset
	r.outside = widget.NewLabel(lang.L("Văn bản đang mở không nằm trong kết quả tìm này."))
	r.outside.Importance = widget.WarningImportance
	r.outside.Wrapping = fyne.TextWrapWord
	r.outside.Hide()
	// Wrapped, never cut: at 1024x768 the issuer lost its end ("Công an
	// tỉnh Lâ…", usertest s11).
	r.sub = widget.NewLabel("")
	r.sub.Wrapping = fyne.TextWrapWord
	formatsFlow := newFlowLayout(v.do)
	r.formats = container.New(formatsFlow)
	r.formats.Hide()
	r.page = container.NewBorder(container.NewVBox(r.title, r.sub, r.outside, r.formats, r.actions), nil, nil, nil, r.split)
	formatsFlow.outer = r.page
	r.bar.outer, r.bar.do = r.page, v.do
	// Nothing while no document is open: the results have the width then
	// (see panels), and an empty reader must not hold any of it.
	r.empty = layout.NewSpacer()
	r.stack = container.NewStack(r.empty)
	return r
}

func (r *reader) content() fyne.CanvasObject { return r.stack }

// buttons are the reader's buttons but those of the formats under the
// title, which come and go with the document (setTwins).
func (r *reader) buttons() []*tabButton {
	return append(slices.Clone(r.bar.items), r.bar.more, r.prev, r.next, r.copyPassage, r.closeDoc)
}

// onResultSelected opens a result in the reader.
func (v *view) onResultSelected(h index.Hit) {
	// A document opened from the list starts a new way through related
	// documents.
	v.reader.history = nil
	v.openDocument(h.ID)
}

// onBack goes back to the document a related link was followed from.
func (r *reader) onBack() {
	n := len(r.history)
	if n == 0 {
		return
	}
	id := r.history[n-1]
	r.history = r.history[:n-1]
	r.v.openDocument(id)
}

// openDocument reads a document and its related ones in the background
// and shows them.
func (v *view) openDocument(id string) { v.openDocumentThen(id, nil) }

// openDocumentThen is openDocument, then calls then (if not nil) on the UI
// goroutine once the document is shown, or will not be.
func (v *view) openDocumentThen(id string, then func()) {
	// Moving through the list with the keys asks for many documents; only
	// the last one asked for is shown.
	v.wantDoc = id
	done := v.busySign.start(lang.L("Đang mở văn bản…"))
	find, waits := v.find, v.busyWaits
	v.spawn(func() {
		d, err := v.arc.Get(id)
		var rel []index.Related
		var twins []index.Twin
		if err == nil {
			rel, err = untilNotBusy(v.ctx, waits, func() ([]index.Related, error) { return find.Related(v.ctx, d) })
		}
		if err == nil {
			twins, err = untilNotBusy(v.ctx, waits, func() ([]index.Twin, error) { return find.Twins(v.ctx, d) })
		}
		v.do(func() {
			done()
			if then != nil {
				defer then()
			}
			if v.stopped || v.wantDoc != id {
				return
			}
			if err != nil {
				v.showError(err)
				return
			}
			v.reader.twins = twins
			v.reader.show(d, rel)
		})
	})
}

// longDocument is the length of text above which the marks of a new
// query wait for typing to pause: marking looks for the query's words in
// the whole text, which takes a while for a long law, and while it runs
// the keys typed wait. Without the wait each search of a query being
// typed did it again.
const longDocument = 200_000

// remarkDelay is how long typing must pause before a long document's
// marks follow the query.
var remarkDelay = 700 * time.Millisecond

// setQuery marks the words of a new query in the open document.
func (r *reader) setQuery(q string) {
	if q == r.query {
		return
	}
	r.query = q
	if r.doc == nil {
		return
	}
	if r.remark != nil {
		r.remark.Stop()
	}
	if len(r.doc.Text) < longDocument {
		r.show(r.doc, r.related)
		return
	}
	d, v := r.doc, r.v
	r.remark = time.AfterFunc(remarkDelay, func() {
		v.do(func() {
			if !v.stopped && r.doc == d && r.query == q {
				r.show(d, r.related)
			}
		})
	})
}

// clear closes the document.
func (r *reader) clear() {
	r.doc = nil
	r.history = nil
	r.body.setText("")
	r.body.place()
	r.stack.Objects = []fyne.CanvasObject{r.empty}
	r.stack.Refresh()
	r.v.panels.setReading(false)
}

// takeText takes the open document's text out of the window before a new
// theme, text size or language, which refit or a new screen puts back.
// Fyne lays out each widget a new theme reaches, then again from each
// container above it (the scroll, the split…): a long report with
// hundreds of marks was laid out a dozen times over, a minute of a frozen
// window at a large text size (usertest session 7, finding 5: realdev
// lamdong-143.doc, 646 marks, 60 s). The blocks in sight are few since
// the text is laid out only there, but are laid out once, not by each
// container.
func (r *reader) takeText() {
	r.body.clear()
}

// refit lays the open document out again for a new theme or text size: its title
// is cut to lines of the new size, its text wrapped again; where the
// person was reading stays.
func (r *reader) refit() {
	// The text's own zoom wraps the theme it was made with.
	r.body.setTheme(&zoomTheme{Theme: theme.Current(), scale: r.scale})
	if r.doc == nil {
		return
	}
	out, match := r.outside.Visible(), r.current
	r.keepMatch(r.doc.ID, match)
	r.show(r.doc, r.related)
	r.setOutside(out)
}

// show puts a document in the reader.
func (r *reader) show(d *index.Document, related []index.Related) {
	same := r.doc != nil && r.doc.ID == d.ID
	r.doc, r.related = d, related
	r.outside.Hide()
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = d.OriginalName
	}
	// A long title is cut to a few lines, so that the text keeps the
	// height (60 words took six lines at 1024x768); it is whole in the
	// details, as the subject.
	// The label has less than the reader's width: its padding, the
	// divider's and the scroll bar's.
	r.title.set(title, clampLines(title, r.v.panels.readerWidth()-2*theme.InnerPadding()-4*theme.Padding(), titleLines, r.title.TextStyle))
	r.sub.SetText(headerLine(d))
	r.showFormats()
	r.actions.Refresh() // Quay lại, when there is a document to go back to
	// The new text goes in first (with its marks, which its blocks are
	// painted with), so that the old one is not laid out again as the
	// columns change.
	r.marks, r.painted = placesOf(d.Text, r.v.highlight(r.query, d.Text))
	r.current = -1
	r.body.setText(d.Text)
	r.updateMatchNo()
	r.meta.Objects = r.metaObjects()
	r.updateFoldButton()
	r.meta.Refresh()
	// The columns take their widths before the text is laid out: text
	// laid out in a folded reader, then again at each change of width,
	// made a long law take seconds to open.
	if r.stack.Objects[0] != r.page {
		r.stack.Objects = []fyne.CanvasObject{r.page}
		r.stack.Refresh()
	}
	r.v.panels.setReading(true)
	// The choice kept applies where the reader is wide enough for the
	// details beside the text; in a narrow one a document always opens with
	// them folded (under the text they leave it a few lines, at a large
	// text size one), and "Hiện thông tin" shows them for that document.
	switch {
	case r.v.panels.readerWidth() < narrowReader:
		r.foldMeta(true)
	case r.v.s.app.Preferences().String(prefReaderDetails) == detailsFolded:
		r.foldMeta(true)
	default:
		r.foldMeta(false)
	}
	if !same {
		r.scroll.ScrollToTop()
	}
	r.body.show()
	if len(r.marks) > 0 {
		if r.kept.id == d.ID && r.kept.match >= 0 && r.kept.match < len(r.marks) {
			r.current = r.kept.match - 1
		}
		r.kept.id = ""
		r.stepMatch(1, false)
	}
	// A new screen may show the document before its search is back to
	// mark it: the match is kept for then.
	if r.kept.id != d.ID {
		r.kept.id = ""
	}
}

// keepMatch has the next showing of document id, laid out again for a new
// text size or language, stay at match (r.current): the one read, not the
// first (it went back to "2/646" from wherever the person was).
func (r *reader) keepMatch(id string, match int) {
	r.kept.id, r.kept.match = id, match
}

// followResults says whether the open document is among new results
// (res, for req): a clerk glancing at the reader must not take a document
// left open from an earlier search for an answer to this one. When the
// list has not loaded them all, the index is asked (usertest finding 1:
// 39 results, the open document not among them, and no word said).
func (r *reader) followResults(req index.Request, res *index.Result) {
	r.outsideGen++
	d := r.doc
	if d == nil {
		r.setOutside(false)
		return
	}
	ids := []string{d.ID}
	for _, t := range r.twins {
		ids = append(ids, t.ID)
	}
	if slices.ContainsFunc(res.Hits, func(h index.Hit) bool {
		return slices.Contains(ids, h.ID) || slices.ContainsFunc(h.Twins, func(t index.Twin) bool { return slices.Contains(ids, t.ID) })
	}) {
		r.setOutside(false)
		return
	}
	if !res.Estimated && res.Total <= len(res.Hits) {
		r.setOutside(true)
		return
	}
	gen, v := r.outsideGen, r.v
	v.spawn(func() {
		found, err := v.arc.Finds(v.ctx, req, ids...)
		v.do(func() {
			if err == nil && gen == r.outsideGen && r.doc == d {
				r.setOutside(!found)
			}
		})
	})
}

// setOutside shows or hides the word that the open document is not among
// the results.
func (r *reader) setOutside(out bool) {
	if out != r.outside.Visible() {
		r.outside.Hidden = !out
		relayout(r.page) // as the rows of buttons: the text is not measured again
	}
}

// headerLine is the line under the reader's title: the date, number,
// type and issuer, then who signed. A signer's title without a name (a
// draft: "CHỦ TỊCH") is no signer, and is left to the details.
func headerLine(d *index.Document) string {
	line := summaryLine(d.Summary())
	if name := strings.TrimSpace(d.Signer); name != "" {
		signed := lang.L("Người ký: {{.Name}}", map[string]any{"Name": name})
		if line == "" {
			return signed
		}
		line += " · " + signed
	}
	return line
}

// titleLabel is the reader's title: cut to titleLines lines, whole while
// it is tapped open, since at a large text size on a small screen the
// subject could be read nowhere whole (usertest finding 18).
type titleLabel struct {
	widget.Label
	full, cut string
}

func newTitleLabel() *titleLabel {
	t := &titleLabel{}
	t.ExtendBaseWidget(t)
	return t
}

// set shows a new title, cut.
func (t *titleLabel) set(full, cut string) {
	t.full, t.cut = full, cut
	t.SetText(cut)
}

// Tapped shows a cut title whole, or cuts it again.
func (t *titleLabel) Tapped(*fyne.PointEvent) {
	if t.full == t.cut {
		return
	}
	if t.Text == t.cut {
		t.SetText(t.full)
	} else {
		t.SetText(t.cut)
	}
}

// titleLines is the most lines a document's title takes above its text.
const titleLines = 3

// clampLines cuts text, wrapped at spaces to width, to at most lines
// lines, ending in "…" when it was cut.
func clampLines(text string, width float32, lines int, style fyne.TextStyle) string {
	if width <= 0 {
		return text
	}
	size := theme.TextSize()
	space := fyne.MeasureText(" ", size, style).Width
	words := strings.Fields(text)
	n, x := 1, float32(0)
	for i, w := range words {
		ww := fyne.MeasureText(w, size, style).Width
		if x > 0 && x+space+ww > width {
			if n++; n > lines {
				// Room for the "…" on the last line: one word less, and
				// "…" glued to the last word, not wrapped alone.
				return strings.Join(words[:max(1, i-1)], " ") + "…"
			}
			x = 0
		}
		if x > 0 {
			x += space
		}
		x += ww
	}
	return text
}

// placesOf are the matches of a document, which the reader counts and
// steps through and opens at the first of, and the places it paints:
// the marked words, those side by side (only spaces between them) joined
// into one ("nêu gương" typed without quotes, or "cai nghiện" for cai
// nghien: usertest s11 had "nêu" as match 6/95 and "gương" beside it
// 7/95; a quoted phrase is one mark already). The matches are the places
// where the most of the query's words stand together: a word of it alone
// elsewhere is painted but is no match. A document opened at the first
// place of "quyết tâm" and called it "6/34 chỗ khớp": each "Quyết" of
// "Quyết định" above it counted, and without accents each "nếu" for neu
// guong, "tạm" for tam (session 17); before that it opened at "HOÀ" of
// the national motto for hoa don dien tu (usertest findings 5 and 28).
func placesOf(text string, marks []index.Range) (matches, painted []index.Range) {
	words := make([]int, 0, len(marks))
	for _, m := range marks {
		if n := len(painted); n > 0 && together(text, painted[n-1], m) {
			painted[n-1].End = m.End
		} else {
			painted = append(painted, m)
			words = append(words, 0)
		}
	}
	most := 0
	for i, p := range painted {
		words[i] = len(strings.Fields(text[p.Start:p.End]))
		most = max(most, words[i])
	}
	for i, p := range painted {
		if words[i] == most {
			matches = append(matches, p)
		}
	}
	return matches, painted
}

// together reports whether mark b follows mark a with only spaces
// between, or a comma, in one paragraph (a line end, not a blank line):
// "phòng, chống tham nhũng" is one place for phong chong tham nhung
// (usertest s24: its "phòng," was painted apart, and the match was
// "chống tham nhũng").
func together(text string, a, b index.Range) bool {
	if b.Start < a.End || b.Start > len(text) {
		return false
	}
	gap := text[a.End:b.Start]
	return strings.TrimSpace(strings.Replace(gap, ",", "", 1)) == "" && strings.Count(gap, "\n") < 2
}

// blockMarks are the places painted inside block b, from its start (the
// parts inside it of one across its edge), and which of them is the
// current match (-1: none).
func (r *reader) blockMarks(b *textBlock) ([]index.Range, int) {
	from, _ := slices.BinarySearchFunc(r.painted, b.start, func(m index.Range, start int) int { return m.End - start - 1 })
	var marks []index.Range
	cur := -1
	for j := from; j < len(r.painted) && r.painted[j].Start < b.end; j++ {
		m := r.painted[j]
		if m.End <= b.start {
			continue
		}
		if r.current >= 0 && r.current < len(r.marks) && m == r.marks[r.current] {
			cur = len(marks)
		}
		marks = append(marks, index.Range{Start: max(m.Start, b.start) - b.start, End: min(m.End, b.end) - b.start})
	}
	return marks, cur
}

// onMatch moves to the next (+1) or previous (-1) match. A match already
// in sight is not scrolled to, as a browser's find does: the text read
// stays put, and only the blocks of the two matches are laid out again
// (usertest s22: every press moved the text, the match jumping to a third
// of the way down, and every block in sight was drawn anew).
func (r *reader) onMatch(delta int) { r.stepMatch(delta, true) }

// stepMatch moves delta matches on; stay keeps the text where it is when
// the match is in sight. A document opens with its match scrolled to
// (show), a third of the way down, since its columns may still change
// width.
func (r *reader) stepMatch(delta int, stay bool) {
	if len(r.marks) == 0 {
		return
	}
	old := r.current
	r.current = (r.current + delta + len(r.marks)) % len(r.marks)
	seen := stay && r.body.inSight(r.marks[r.current].Start)
	// The blocks of the match left and the one reached are laid out again
	// with their new colours, where the text is or where it scrolls to.
	if old >= 0 && old < len(r.marks) {
		r.forgetMatch(old)
	}
	r.forgetMatch(r.current)
	if seen {
		r.body.fill()
		r.matchY = r.scroll.Offset.Y
	} else {
		r.scrollToCurrent()
	}
	r.updateMatchNo()
}

// forgetMatch has the blocks of match j laid out again when next in
// sight, with its new colour.
func (r *reader) forgetMatch(j int) {
	m := r.marks[j]
	for i := r.body.blockOf(m.Start); i <= r.body.blockOf(max(m.Start, m.End-1)); i++ {
		r.body.forget(i)
	}
}

// scrollToCurrent scrolls the text so that the current match is about a
// third of the way down. Its block's place is known for sure only once it
// and those above it in sight are laid out: the text is scrolled to where
// it is guessed, then again to where it is.
func (r *reader) scrollToCurrent() {
	if r.current < 0 || r.current >= len(r.marks) {
		return
	}
	m := r.marks[r.current]
	i := r.body.blockOf(m.Start)
	for range 3 {
		b := r.body.blocks[i]
		// About where the match is within its block.
		frac := float32(m.Start-b.start) / float32(max(1, b.end-b.start))
		y := max(0, b.y+frac*b.h-r.scroll.Size().Height/3)
		if b.view != nil && math.Abs(float64(y-r.scroll.Offset.Y)) < 1 {
			break
		}
		r.body.scrollTo(y)
	}
	r.matchY = r.scroll.Offset.Y
}

// onTextWidth follows the current match when the text's width changes
// (the reader takes its share of the window a frame after a document
// opens; the window or a divider is dragged), unless the person has
// scrolled away from it since.
func (r *reader) onTextWidth(before fyne.Position) {
	if r.doc != nil && before.Y == r.matchY {
		r.scrollToCurrent()
	}
}

func (r *reader) updateMatchNo() {
	if shown := r.prev.Visible(); shown != (len(r.marks) > 0) && r.textCol != nil {
		defer relayout(r.textCol) // the row of matches comes or goes
	}
	if len(r.marks) == 0 {
		r.setMatchNo("", "")
		r.prev.Hide()
		r.next.Hide()
		r.matchNo.Hide()
		r.copyPassage.Hide()
		return
	}
	r.prev.Show()
	r.next.Show()
	r.matchNo.Show()
	r.copyPassage.Show()
	n, total := formatCount(r.current+1), formatCount(len(r.marks))
	r.setMatchNo(messages.N("{{.N}}/{{.Total}} chỗ khớp", len(r.marks), map[string]any{"N": n, "Total": total}), n+"/"+total)
}

// setMatchNo writes text in the row of matches, or short ("2/646") where
// text does not fit beside the arrows (usertest s20: at 1024x768 and the
// largest text, English's "1 of 259 matches" was cut to "1 of 259
// match…"); short "" cuts text with "…" where it must.
func (r *reader) setMatchNo(text, short string) {
	r.nav.long, r.nav.short = text, short
	r.matchNo.SetText(text)
	if r.navBox.Size().Width > 0 {
		r.nav.Layout(r.navBox.Objects, r.navBox.Size()) // the words or the short form, as they fit
	}
}

// onZoom makes the text larger or smaller.
func (r *reader) onZoom(delta float32) {
	r.scale = max(0.7, min(2.5, r.scale+delta))
	r.body.setTheme(&zoomTheme{Theme: theme.Current(), scale: r.scale})
	r.body.show()
}

// tabsToSpaces keeps byte offsets while making tabs show as spaces.
func tabsToSpaces(s string) string { return strings.ReplaceAll(s, "\t", " ") }

// vntextSafe drops carriage returns without changing offsets.
func vntextSafe(s string) string { return strings.ReplaceAll(s, "\r", " ") }

// highlight is where the query matches text, as the index marks it. A
// query still being typed (an unclosed quote, an unfinished last word) is
// read as the search reads it meanwhile: the last word, whole, is marked
// wherever it stands, as the list's snippets mark it; a malformed query
// marks nothing.
func (v *view) highlight(q, text string) []index.Range {
	return v.arc.HighlightAsTyped(v.ctx, q, text)
}

// matchRowLayout lays out the reader's row of matches: the arrows, the
// count and "Chép đoạn này". When the count does not fit whole, the
// button gives up its words for its icon; only then is the count cut
// (usertest session 8: "2/646 chỗ k…" at the largest text size).
type matchRowLayout struct {
	arrows   fyne.CanvasObject
	count    *widget.Label
	copy     *tabButton
	copyText string // the button's words
	// measure, full and bare are out of the window: the count uncut, the
	// button with its words and with its icon alone.
	measure    *widget.Label
	full, bare *tabButton
	// long and short are the count's words and its short form (see
	// reader.setMatchNo).
	long, short string
}

func (m *matchRowLayout) measures() {
	if m.measure == nil {
		m.measure = widget.NewLabel("")
		m.full = newTabButton(m.copyText, m.copy.Icon, nil)
		m.bare = newTabButton("", m.copy.Icon, nil)
	}
	if m.measure.Text != m.long {
		m.measure.SetText(m.long)
	}
}

func (m *matchRowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	m.measures()
	pad := theme.Padding()
	arrowsW := m.arrows.MinSize().Width
	want := m.copyText
	if m.copy.Visible() && arrowsW+m.measure.MinSize().Width+m.full.MinSize().Width+2*pad > size.Width {
		want = ""
	}
	if m.copy.Text != want {
		m.copy.SetText(want)
	}
	copyW := float32(0)
	if m.copy.Visible() {
		copyW = m.copy.MinSize().Width
	}
	count := m.long
	if m.short != "" && arrowsW+m.measure.MinSize().Width+copyW+2*pad > size.Width {
		count = m.short
	}
	if m.count.Text != count {
		m.count.SetText(count)
	}
	m.arrows.Move(fyne.NewPos(0, 0))
	m.arrows.Resize(fyne.NewSize(arrowsW, size.Height))
	m.count.Move(fyne.NewPos(arrowsW+pad, 0))
	m.count.Resize(fyne.NewSize(max(0, size.Width-arrowsW-copyW-2*pad), size.Height))
	m.copy.Move(fyne.NewPos(size.Width-copyW, 0))
	m.copy.Resize(fyne.NewSize(copyW, size.Height))
}

// MinSize is nothing with no match to go to (the count and the button
// hidden): a document opened without a query had a band the row's
// height empty above its text (seen at 1024, 1366 and 1920 wide).
func (m *matchRowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	if !m.count.Visible() && !m.copy.Visible() {
		return fyne.Size{}
	}
	m.measures()
	h := max(m.arrows.MinSize().Height, m.count.MinSize().Height, m.copy.MinSize().Height)
	return fyne.NewSize(m.arrows.MinSize().Width+m.count.MinSize().Width+m.bare.MinSize().Width+2*theme.Padding(), h)
}
