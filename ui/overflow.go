package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// overflowBar is a row of buttons that never wraps: those that do not fit
// its width, the last ones first, go into a "⋯" menu at its end, as in a
// desktop program's toolbar. At 1024×768 with the largest text the
// reader's ten buttons took three rows of the text's height (usertest
// findings 23 and 30); now they take one, whatever the text size.
type overflowBar struct {
	box  *fyne.Container
	more *tabButton
	// items are the buttons in their order; keep is the last, always
	// shown, at the right (Đóng).
	items []*tabButton
	keep  fyne.CanvasObject
	// names are the menu's words for buttons whose own are too short
	// (A−, A+).
	names map[*tabButton]string
	icons map[*tabButton]fyne.Resource
	// after pairs a button with the one before it that it goes with (A+
	// with A−): both are shown, or both are in the menu.
	after map[*tabButton]*tabButton
	// absent reports a button that has no use now (Quay lại with nowhere
	// to go back to): neither shown nor in the menu.
	absent func(*tabButton) bool
	// over are the buttons in the menu at the last layout.
	over []*tabButton
	// outer is laid out again (through do) when the bar's width changes:
	// a wrapped label above it (the reader's title) is measured for its
	// new width only then.
	outer fyne.CanvasObject
	do    func(func())
	width float32
}

func newOverflowBar(items []*tabButton, keep fyne.CanvasObject) *overflowBar {
	b := &overflowBar{items: items, keep: keep, names: map[*tabButton]string{}, icons: map[*tabButton]fyne.Resource{}, after: map[*tabButton]*tabButton{}, absent: func(*tabButton) bool { return false }}
	b.more = newTabButton("", theme.MoreHorizontalIcon(), b.onMore)
	objs := make([]fyne.CanvasObject, 0, len(items)+2)
	for _, it := range items {
		objs = append(objs, it)
	}
	b.box = &fyne.Container{Layout: overflowLayout{b}, Objects: append(objs, b.more, keep)}
	return b
}

// onMore shows the buttons that did not fit as a menu under "⋯".
func (b *overflowBar) onMore() {
	showMenuUnder(b.menu(), b.more)
}

// menu is the buttons that did not fit, as menu items.
func (b *overflowBar) menu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, it := range b.over {
		name := it.Text
		if n, ok := b.names[it]; ok {
			name = n
		}
		mi := fyne.NewMenuItem(name, it.OnTapped)
		mi.Icon = it.Icon
		if ic, ok := b.icons[it]; ok {
			mi.Icon = ic
		}
		mi.Disabled = it.Disabled()
		items = append(items, mi)
	}
	return fyne.NewMenu("", items...)
}

// overflowLayout places the bar's buttons in one row.
type overflowLayout struct{ b *overflowBar }

func (l overflowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	b := l.b
	if size.Width != b.width {
		b.width = size.Width
		if b.outer != nil {
			b.do(func() { relayout(b.outer) })
		}
	}
	pad := theme.Padding()
	place := func(o fyne.CanvasObject, x float32) float32 {
		m := o.MinSize()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(m.Width, max(m.Height, size.Height)))
		return x + m.Width + pad
	}
	var shown []*tabButton
	for _, it := range b.items {
		if !b.absent(it) {
			shown = append(shown, it)
		}
	}
	keepW := b.keep.MinSize().Width
	room := size.Width - keepW - pad // right of the last button shown
	fit := len(shown)
	if width(shown, pad) > room {
		room -= b.more.MinSize().Width + pad
		fit = 0
		for x := float32(0); fit < len(shown); fit++ {
			x += shown[fit].MinSize().Width + pad
			if x > room {
				break
			}
		}
	}
	for fit > 0 && fit < len(shown) && b.after[shown[fit]] == shown[fit-1] {
		fit--
	}
	b.over = slices.Clone(shown[fit:])
	x := float32(0)
	for _, it := range b.items {
		i := slices.Index(shown, it)
		if i < 0 || i >= fit {
			it.Hide()
			continue
		}
		it.Show()
		x = place(it, x)
	}
	if len(b.over) > 0 {
		b.more.Show()
		place(b.more, x)
	} else {
		b.more.Hide()
	}
	place(b.keep, size.Width-keepW)
}

// width is how wide buttons stand in a row.
func width(buttons []*tabButton, pad float32) float32 {
	w := float32(0)
	for _, it := range buttons {
		w += it.MinSize().Width + pad
	}
	return w
}

// MinSize is one row, as narrow as Đóng and "⋯": the bar gives way to the
// reader's width, not the reverse.
func (l overflowLayout) MinSize(_ []fyne.CanvasObject) fyne.Size {
	b := l.b
	h := max(b.keep.MinSize().Height, b.more.MinSize().Height)
	for _, it := range b.items {
		h = max(h, it.MinSize().Height)
	}
	return fyne.NewSize(b.keep.MinSize().Width+b.more.MinSize().Width+theme.Padding(), h)
}
