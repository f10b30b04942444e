package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progressLine is one line of words around a file's name ("4.035/10.001:
// doc.txt · tìm được khi nhập xong"): the words keep their width and the
// name gets what is left, cut with an ellipsis; only when the words
// alone do not fit are they cut (usertest session 8: at 1024 wide the
// import's line was cut before the name, at 1366 its last step's words).
type progressLine struct {
	before, name, after *widget.Label
	box                 *fyne.Container
	// measure are labels out of the window, never cut, whose widths are
	// those the three texts want.
	measure [3]*widget.Label
	// row, if set, is the strip's row the line is laid out in
	// (stripRowLayout), which gives the words their room.
	row *fyne.Container
}

func newProgressLine() *progressLine {
	l := &progressLine{before: widget.NewLabel(""), name: widget.NewLabel(""), after: widget.NewLabel("")}
	for i, w := range []*widget.Label{l.before, l.name, l.after} {
		w.Truncation = fyne.TextTruncateEllipsis
		l.measure[i] = widget.NewLabel("")
	}
	l.box = container.New(&progressLineLayout{l: l}, l.before, l.name, l.after)
	return l
}

// set shows the words before the name, the name and the words after it.
// Other words are laid out again in the strip's row, which gives them
// their room (the title gives way): laid out in the line's old width
// only, the time a page had taken, added a minute after, was cut
// (usertest s13, at 1024 wide).
func (l *progressLine) set(before, name, after string) {
	words := before != l.measure[0].Text || after != l.measure[2].Text
	for i, s := range []string{before, name, after} {
		l.measure[i].SetText(s)
	}
	l.before.SetText(before)
	l.name.SetText(name)
	l.after.SetText(after)
	if words && l.row != nil {
		l.row.Refresh()
		return
	}
	l.box.Refresh()
}

// setText shows words alone.
func (l *progressLine) setText(s string) { l.set(s, "", "") }

// text is the whole line.
func (l *progressLine) text() string { return l.before.Text + l.name.Text + l.after.Text }

type progressLineLayout struct{ l *progressLine }

// widths are the widths of the three texts as laid out in width w of
// the line: the words first, then the name.
func (p *progressLineLayout) widths(w float32) (before, name, after, pad float32) {
	pad = p.l.before.Theme().Size(theme.SizeNameInnerPadding)
	measure := func(l *widget.Label) float32 {
		if l.Text == "" {
			return 0
		}
		// A pixel more: a text that misses its width by a rounding is
		// cut with an ellipsis on a real canvas.
		return l.MinSize().Width - 2*pad + 1
	}
	room := max(0, w-2*pad)
	before = min(measure(p.l.measure[0]), room)
	after = min(measure(p.l.measure[2]), room-before)
	name = min(measure(p.l.measure[1]), room-before-after)
	return before, name, after, pad
}

// Layout puts the three labels side by side, each one's text where the
// one before ends (the labels' paddings overlap).
func (p *progressLineLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	before, name, after, pad := p.widths(size.Width)
	x := float32(0)
	for _, c := range []struct {
		l *widget.Label
		w float32
	}{{p.l.before, before}, {p.l.name, name}, {p.l.after, after}} {
		c.l.Move(fyne.NewPos(x, 0))
		c.l.Resize(fyne.NewSize(c.w+2*pad, size.Height))
		c.l.Hidden = c.w <= 0
		x += c.w
	}
}

// MinSize is a label's height; the line takes any width, cutting what
// does not fit.
func (p *progressLineLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(p.l.name.MinSize().Width, p.l.before.MinSize().Height)
}

// stripRowLayout lays out the running import's row: its title, the line,
// the bar and the stop button. The button keeps its width; the line's
// words come next, then the file's name, then the bar (220 down to 100
// wide), then the title, which gives way when the row is narrow (1024
// wide at the largest text: the bar and the button say what goes on).
// The name came after the bar: at 1024 wide and a large text the bar
// kept 220 and the name had none ("của tệp · đã 8 giây").
type stripRowLayout struct {
	title *widget.Label
	line  *progressLine
	bar   fyne.CanvasObject
	stop  fyne.CanvasObject
}

func (r *stripRowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	stopW := r.stop.MinSize().Width
	titleW := r.title.MinSize().Width
	lay := &progressLineLayout{l: r.line}
	before, name, after, innerPad := lay.widths(1e6)
	words := func(w float32) float32 { return min(w, before+after+2*innerPad) }
	rest := size.Width - stopW - 2*pad // the line and the bar, and the title
	barW := min(float32(220), max(float32(100), rest-words(rest)-name))
	showTitle := rest-barW-titleW-pad >= words(rest)+name
	x := float32(0)
	if !showTitle {
		r.title.Hide()
	} else {
		r.title.Show()
		r.title.Move(fyne.NewPos(0, 0))
		r.title.Resize(fyne.NewSize(titleW, size.Height))
		x = titleW + pad
	}
	lineW := max(0, size.Width-x-barW-stopW-2*pad)
	r.line.box.Move(fyne.NewPos(x, 0))
	r.line.box.Resize(fyne.NewSize(lineW, size.Height))
	barH := r.bar.MinSize().Height
	r.bar.Move(fyne.NewPos(x+lineW+pad, (size.Height-barH)/2))
	r.bar.Resize(fyne.NewSize(barW, barH))
	stopH := r.stop.MinSize().Height
	r.stop.Move(fyne.NewPos(size.Width-stopW, (size.Height-stopH)/2))
	r.stop.Resize(fyne.NewSize(stopW, stopH))
}

func (r *stripRowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	h := max(r.title.MinSize().Height, r.line.box.MinSize().Height, r.bar.MinSize().Height, r.stop.MinSize().Height)
	return fyne.NewSize(r.stop.MinSize().Width+100+2*theme.Padding(), h)
}
