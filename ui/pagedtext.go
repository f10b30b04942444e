package ui

import (
	"image/color"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// pagedText is the reader's text, made into widgets only where it is seen.
//
// Fyne wraps a RichText by shaping its words, and a law of 200 pages is
// hundreds of blocks: laid out all at once on the UI goroutine, 1 MB took
// 15 s of CPU and 5 MB a minute, the window frozen meanwhile (session 10:
// 15-45 s at a load of 40). Here a block is laid out when it comes within a
// screen of the part shown, and let go when it leaves; the blocks never
// laid out at the width have a height guessed from their length. As
// guesses above the top of the screen become measured heights, the scroll
// moves with them, so that the text shown stays still. The blocks are
// wrapped by wrapSpaces, each word measured once, rather than by the
// RichText, which measures a paragraph's text many times over.
//
// It is a widget of its own rather than a widget.List: a list marks the
// row under the mouse and selects the row tapped, and takes the keys that
// scroll the text (focus.go) for moving its selection.
type pagedText struct {
	widget.BaseWidget
	scroll *container.Scroll // whose content p is
	// marks are the marks inside block b, from its start, and which of
	// them is the current match (-1: none).
	marks  func(b *textBlock) ([]index.Range, int)
	text   string
	blocks []textBlock
	// theme is the text's own: the app's, with the reader's text size.
	theme fyne.Theme
	// width is the width the blocks' heights are for.
	width float32
	guess heightGuess
	words *wordWidths // at the theme's text size
	// shown are the blocks laid out, on screen or within a screen of it,
	// in order; free are laid out ones let go, to be used again.
	shown []*blockView
	free  []*blockView
	objs  []fyne.CanvasObject
	// mark is refreshed to have the window drawn again: a refresh of p
	// would free the drawn text of every block shown, drawn anew at each
	// step of a scroll.
	mark *canvas.Rectangle
	busy bool // in fill
	// paused holds a new text back from being laid out until show: as
	// the reader opens, its columns change width, and each width would
	// lay the blocks in sight out again.
	paused bool
	// laidOut counts the blocks laid out at a width (for tests).
	laidOut int
}

// textBlock is a run of lines shown by one RichText.
type textBlock struct {
	start, end int
	// lines are the lengths in runes of its lines, for guessing its height.
	lines []int32
	// y and h are its place in the text; h is measured when sure, guessed
	// otherwise.
	y, h float32
	sure bool
	view *blockView // while shown
}

// blockView is a block's RichText, in a theme override for the reader's
// text size.
type blockView struct {
	rt    *widget.RichText
	over  *container.ThemeOverride
	block int
	// wrapped is the block's text as wrapSpaces wrapped it, a line end at
	// each row's end ("" when the RichText wraps it itself): rowOf.
	wrapped string
}

// blockBytes is about how much text one block shows: a block ends at the
// first line end after it. maxBlockBytes ends a block with no line end (a
// saved web page in one line) at a space.
const (
	blockBytes    = 1500
	maxBlockBytes = 4 * blockBytes
)

func newPagedText(marks func(b *textBlock) ([]index.Range, int), th fyne.Theme) *pagedText {
	p := &pagedText{marks: marks, theme: th, mark: canvas.NewRectangle(color.Transparent)}
	p.ExtendBaseWidget(p)
	return p
}

func (p *pagedText) CreateRenderer() fyne.WidgetRenderer { return &pagedRenderer{p: p} }

// Move follows the scroll: whatever moved the text (the wheel, the bar,
// the keys, a match scrolled to, a new size of the scroll), the blocks
// now in sight are laid out.
func (p *pagedText) Move(pos fyne.Position) {
	p.BaseWidget.Move(pos)
	p.fill()
}

// setText puts text in, to be laid out by show. The same text keeps the
// heights measured (a new query marks it again), its blocks laid out anew.
func (p *pagedText) setText(text string) {
	p.releaseAll()
	p.paused = true
	if text == p.text && len(p.blocks) > 0 {
		return
	}
	if p.words != nil && len(p.words.plain)+len(p.words.bold) > 200_000 {
		p.words = nil // words of documents read before
	}
	p.text = text
	p.blocks = cutBlocks(text)
	p.guess = heightGuess{}
	p.restack()
}

// setTheme lays the text out again with a new theme (a new text size).
func (p *pagedText) setTheme(th fyne.Theme) {
	p.releaseAll()
	p.free = nil // their overrides hold the old theme
	p.theme, p.words = th, nil
	p.regauge()
}

// clear lets go of every block: nothing of the text is laid out until the
// next fill.
func (p *pagedText) clear() {
	p.releaseAll()
	p.place()
}

// show lays out the text set in where it is scrolled to.
func (p *pagedText) show() {
	p.paused = false
	p.fill()
}

// forget lets go of block i if it is shown, so that the next fill lays it
// out again (its marks changed).
func (p *pagedText) forget(i int) {
	if i >= 0 && i < len(p.blocks) && p.blocks[i].view != nil {
		p.release(p.blocks[i].view)
	}
}

// blockOf is the block holding byte offset at.
func (p *pagedText) blockOf(at int) int {
	i := sort.Search(len(p.blocks), func(i int) bool { return p.blocks[i].end > at })
	return min(i, len(p.blocks)-1)
}

// height is the text's height, as far as it is known.
func (p *pagedText) height() float32 {
	if len(p.blocks) == 0 {
		return 0
	}
	b := p.blocks[len(p.blocks)-1]
	return b.y + b.h
}

// scrollTo scrolls the text to y and lays out what is then in sight.
func (p *pagedText) scrollTo(y float32) {
	p.scroll.ScrollToOffset(fyne.NewPos(0, max(0, y)))
	p.fill()
}

// inSight reports whether the row holding byte offset at is laid out and
// wholly in sight, by the rows its block was wrapped into.
func (p *pagedText) inSight(at int) bool {
	if len(p.blocks) == 0 || p.scroll == nil || p.scroll.Size().Height <= 0 {
		return false
	}
	b := &p.blocks[p.blockOf(at)]
	if b.view == nil || b.view.wrapped == "" {
		return false
	}
	w := b.view.wrapped
	rows := strings.Count(w, "\n") + 1
	row := strings.Count(w[:max(0, min(len(w), at-b.start))], "\n")
	pad := p.theme.Size(theme.SizeNameInnerPadding)
	rowH := (b.h - 2*pad) / float32(rows)
	top := b.y + pad + float32(row)*rowH
	from, to := p.sight()
	return top >= from && top+rowH <= to
}

// cutBlocks cuts text into blocks at line ends.
func cutBlocks(text string) []textBlock {
	var blocks []textBlock
	for start := 0; start < len(text); {
		end := min(len(text), start+blockBytes)
		if end < len(text) {
			limit := min(len(text), start+maxBlockBytes)
			if nl := strings.IndexByte(text[end:limit], '\n'); nl >= 0 {
				end += nl + 1
			} else if limit == len(text) {
				end = limit
			} else if sp := strings.LastIndexByte(text[start:limit], ' '); sp > 0 {
				end = start + sp + 1
			} else {
				for end = limit; end > start+1 && !utf8.RuneStart(text[end]); end-- {
				}
			}
		}
		b := textBlock{start: start, end: end}
		for line := range strings.SplitSeq(strings.TrimRight(text[start:end], "\n"), "\n") {
			b.lines = append(b.lines, int32(utf8.RuneCountInString(line)))
		}
		blocks = append(blocks, b)
		start = end
	}
	return blocks
}

// heightGuess guesses a block's height from its lines' lengths: the
// average width of a character of the text, the height of a line and the
// RichText's padding, at the text's size.
type heightGuess struct {
	charW, lineH, pad, gap float32
}

func (p *pagedText) gauge() heightGuess {
	if p.guess.lineH > 0 {
		return p.guess
	}
	size := p.theme.Size(theme.SizeNameText)
	g := heightGuess{
		lineH: fyne.MeasureText("M", size, fyne.TextStyle{}).Height,
		pad:   2 * p.theme.Size(theme.SizeNameInnerPadding),
		gap:   p.theme.Size(theme.SizeNamePadding),
	}
	// A sample from the middle of the text: the header's capitals are wider
	// than its body.
	from := len(p.text) / 2
	for from > 0 && !utf8.RuneStart(p.text[from]) {
		from--
	}
	sample := strings.ToValidUTF8(p.text[from:min(len(p.text), from+2000)], "")
	sample = strings.Join(strings.Fields(sample), " ")
	if n := utf8.RuneCountInString(sample); n > 0 {
		g.charW = fyne.MeasureText(sample, size, fyne.TextStyle{}).Width / float32(n)
	}
	if g.charW <= 0 {
		g.charW = size / 2
	}
	p.guess = g
	return g
}

// guessHeight is block b's height at the width, before it is laid out.
func (p *pagedText) guessHeight(b *textBlock) float32 {
	g := p.gauge()
	width := p.width
	if width <= 0 {
		width = 600 // before the first layout: any width, guessed again then
	}
	// Words wrap whole: a line holds a little less than its width.
	perLine := max(1, math.Floor(float64((width-g.pad)*0.94/g.charW)))
	rows := 0
	for _, n := range b.lines {
		rows += max(1, int(math.Ceil(float64(n)/perLine)))
	}
	return float32(rows)*g.lineH + g.pad
}

// regauge guesses every block's height again (for a new width or theme),
// keeping the text at the top of the screen where it is.
func (p *pagedText) regauge() {
	if len(p.blocks) == 0 {
		return
	}
	off := p.offset()
	a := p.blockAt(off)
	frac := (off - p.blocks[a].y) / max(1, p.blocks[a].h)
	p.guess = heightGuess{}
	for i := range p.blocks {
		p.blocks[i].h, p.blocks[i].sure = p.guessHeight(&p.blocks[i]), false
	}
	p.restack()
	if p.scroll != nil {
		p.scroll.Offset.Y = max(0, p.blocks[a].y+frac*p.blocks[a].h)
	}
}

// restack places the blocks one under the other.
func (p *pagedText) restack() {
	y := float32(0)
	gap := p.gauge().gap
	for i := range p.blocks {
		b := &p.blocks[i]
		if b.h <= 0 {
			b.h = p.guessHeight(b)
		}
		b.y = y
		y += b.h + gap
	}
}

// blockAt is the block at height y of the text.
func (p *pagedText) blockAt(y float32) int {
	i := sort.Search(len(p.blocks), func(i int) bool { return p.blocks[i].y+p.blocks[i].h > y })
	return max(0, min(i, len(p.blocks)-1))
}

func (p *pagedText) offset() float32 {
	if p.scroll == nil {
		return 0
	}
	return p.scroll.Offset.Y
}

// layout follows a new size: a new width wraps every block again.
func (p *pagedText) layout(size fyne.Size) {
	if p.busy || size.Width == p.width {
		return
	}
	p.width = size.Width
	p.releaseAll()
	p.regauge()
	p.fill()
}

// fill lays out the blocks within half a screen of the part shown and lets go
// of the others. A block laid out gets its measured height; when blocks
// above the top of the screen change height, the scroll moves by as much,
// so that what is read stays put.
func (p *pagedText) fill() {
	if p.busy || p.paused || p.scroll == nil || len(p.blocks) == 0 || p.width <= 0 {
		return
	}
	p.busy = true
	defer func() { p.busy = false }()
	view := p.scroll.Size().Height
	margin := max(view/2, 100)
	off := p.offset()
	moved := false
	// Heights measured move the blocks, which may bring others in sight: a
	// few rounds settle it.
	for range 8 {
		off = min(off, max(0, p.height()-view))
		first, last := p.blockAt(off-margin), p.blockAt(off+view+margin)
		anchor := p.blockAt(off)
		into := off - p.blocks[anchor].y
		for _, v := range slices.Clone(p.shown) {
			if v.block < first || v.block > last {
				p.release(v)
			}
		}
		changed := false
		for i := first; i <= last; i++ {
			if p.blocks[i].view == nil && p.layOut(i) {
				changed = true
			}
		}
		if !changed {
			break
		}
		p.restack()
		off, moved = max(0, p.blocks[anchor].y+into), true
	}
	if size := fyne.NewSize(p.width, max(p.height(), view)); size != p.Size() {
		p.Resize(size)
		moved = true
	}
	if moved {
		p.scroll.Offset.Y = off
		p.scroll.Refresh()
	}
	p.place() // where the scroll settled: which blocks are in sight
}

// layOut lays block i out at the width; it reports whether its height
// changed.
func (p *pagedText) layOut(i int) bool {
	b := &p.blocks[i]
	v := p.take()
	v.block, b.view = i, v
	p.shown = append(p.shown, v)
	marks, cur := p.marks(b)
	if p.words == nil {
		p.words = newWordWidths(p.theme.Size(theme.SizeNameText))
	}
	text := strings.TrimRight(tabsToSpaces(vntextSafe(p.text[b.start:b.end])), "\n")
	segs, wrapped := wrappedSegments(text, marks, cur, p.width-2*p.theme.Size(theme.SizeNameInnerPadding), p.words)
	v.rt.Segments, v.rt.Wrapping, v.wrapped = segs, fyne.TextWrapOff, wrapped
	if wrapped == "" {
		v.rt.Wrapping = fyne.TextWrapWord
	}
	// Through the override's Resize, which lays the text out in the
	// override's theme: new segments have no RichText of their own until
	// it is refreshed, and measure themselves in the theme current
	// meanwhile, the app's (text wrapped for the app's size, drawn at the
	// reader's, ran past the right edge).
	v.over.Resize(fyne.NewSize(p.width, 0))
	h := v.over.MinSize().Height
	v.over.Resize(fyne.NewSize(p.width, h))
	p.laidOut++
	changed := !b.sure || b.h != h
	b.h, b.sure = h, true
	return changed
}

func (p *pagedText) take() *blockView {
	if n := len(p.free); n > 0 {
		v := p.free[n-1]
		p.free = p.free[:n-1]
		return v
	}
	rt := widget.NewRichText()
	rt.Wrapping = fyne.TextWrapWord
	return &blockView{rt: rt, over: container.NewThemeOverride(rt, p.theme)}
}

func (p *pagedText) release(v *blockView) {
	if v.block < len(p.blocks) && p.blocks[v.block].view == v {
		p.blocks[v.block].view = nil
	}
	p.shown = slices.DeleteFunc(p.shown, func(s *blockView) bool { return s == v })
	v.rt.Segments, v.wrapped = nil, "" // the text is not kept alive by a block let go
	p.free = append(p.free, v)
}

func (p *pagedText) releaseAll() {
	for len(p.shown) > 0 {
		p.release(p.shown[len(p.shown)-1])
	}
}

// place puts the blocks shown where they belong; only those in sight are
// drawn. Fyne draws every object of the window's tree, on screen or not,
// and makes a picture of each new line of text it draws: the margin's
// blocks, laid out half a screen above and below, were drawn at each next
// match. They are left out of the tree, not hidden: showing a block
// refreshes its theme override, which empties Fyne's cache of measured
// text for the whole window (every label measured again).
func (p *pagedText) place() {
	sort.Slice(p.shown, func(i, j int) bool { return p.shown[i].block < p.shown[j].block })
	p.objs = append(p.objs[:0], p.mark)
	top, bottom := p.sight()
	for _, v := range p.shown {
		b := p.blocks[v.block]
		v.over.Move(fyne.NewPos(0, b.y))
		v.over.Resize(fyne.NewSize(p.width, b.h))
		if b.y+b.h > top && b.y < bottom {
			p.objs = append(p.objs, v.over)
		}
	}
	canvas.Refresh(p.mark)
}

// sight is the part of the text the scroll shows, from top to bottom
// (all of it before the scroll has a size).
func (p *pagedText) sight() (top, bottom float32) {
	if p.scroll == nil || p.scroll.Size().Height <= 0 {
		return 0, float32(math.Inf(1))
	}
	top = p.offset()
	return top, top + p.scroll.Size().Height
}

type pagedRenderer struct{ p *pagedText }

func (r *pagedRenderer) Layout(size fyne.Size)        { r.p.layout(size) }
func (r *pagedRenderer) MinSize() fyne.Size           { return fyne.NewSize(0, r.p.height()) }
func (r *pagedRenderer) Objects() []fyne.CanvasObject { return r.p.objs }
func (r *pagedRenderer) Refresh()                     { canvas.Refresh(r.p.mark) }
func (r *pagedRenderer) Destroy()                     {}
