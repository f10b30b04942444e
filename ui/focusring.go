package ui

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Our buttons (tabButton, dialogButton) draw a ring inside their edge
// while they have the keyboard, in the colour of their label: Fyne only
// blends its focus colour over the button's, and in the dark theme no one
// colour showed on the grey, blue, red and orange buttons alike (1.07 to
// 1.43:1 on the bright ones, session 15). The label's colour is the one
// the theme makes legible on each button's fill
// (TestFocusShowsOnEveryButton measures the ring drawn, in both themes).

// keyRing is what a button needs to draw its ring: whether it has the
// keyboard. Its FocusGained and FocusLost are the button's.
type keyRing struct {
	button  *widget.Button
	hasKeys bool
}

func (k *keyRing) FocusGained() {
	k.hasKeys = true
	k.button.FocusGained()
}

func (k *keyRing) FocusLost() {
	k.hasKeys = false
	k.button.FocusLost()
}

// renderer is the button's own renderer with the ring over it.
func (k *keyRing) renderer() fyne.WidgetRenderer {
	ring := canvas.NewRectangle(color.Transparent)
	ring.StrokeWidth = ringWidth
	r := &ringRenderer{WidgetRenderer: k.button.CreateRenderer(), ring: ring, k: k}
	r.update()
	return r
}

// ringWidth is the ring's width, and its inset from the button's edge.
const ringWidth = 2

type ringRenderer struct {
	fyne.WidgetRenderer
	ring *canvas.Rectangle
	k    *keyRing
	objs []fyne.CanvasObject
}

func (r *ringRenderer) Objects() []fyne.CanvasObject {
	inner := r.WidgetRenderer.Objects()
	// The button's renderer adds its icon once it has one.
	if len(r.objs) != len(inner)+1 || len(inner) > 0 && r.objs[0] != inner[0] {
		r.objs = append(append(make([]fyne.CanvasObject, 0, len(inner)+1), inner...), r.ring)
	}
	return r.objs
}

func (r *ringRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.ring.Move(fyne.NewPos(ringWidth, ringWidth))
	r.ring.Resize(fyne.NewSize(max(0, size.Width-2*ringWidth), max(0, size.Height-2*ringWidth)))
}

func (r *ringRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.update()
	r.ring.Refresh()
}

func (r *ringRenderer) update() {
	b := r.k.button
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	r.ring.FillColor = color.Transparent
	r.ring.StrokeColor = ringColor(th, v, b.Importance)
	r.ring.CornerRadius = max(0, th.Size(theme.SizeNameInputRadius)-ringWidth)
	r.ring.Hidden = !r.k.hasKeys || b.Disabled()
}

// ringColor is, of the button's label colour and the theme's text and
// background colours, the one that stands out most from the button's fill
// at importance imp: white labels on Fyne's orange give only 2.2:1.
func ringColor(th fyne.Theme, v fyne.ThemeVariant, imp widget.Importance) color.Color {
	fill := th.Color(fillColor(imp), v)
	best := th.Color(labelColor(imp), v)
	for _, n := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameBackground} {
		if c := th.Color(n, v); contrastRatio(c, fill) > contrastRatio(best, fill) {
			best = c
		}
	}
	return best
}

// labelColor and fillColor are the colours Fyne's button gives its label
// and its background at importance imp (widget/button.go
// buttonColorNames).
func labelColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.HighImportance:
		return theme.ColorNameForegroundOnPrimary
	case widget.DangerImportance:
		return theme.ColorNameForegroundOnError
	case widget.WarningImportance:
		return theme.ColorNameForegroundOnWarning
	case widget.SuccessImportance:
		return theme.ColorNameForegroundOnSuccess
	}
	return theme.ColorNameForeground
}

func fillColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameButton
}

// contrastRatio is the WCAG contrast ratio of two colours.
func contrastRatio(a, b color.Color) float64 {
	la, lb := relLuminance(a), relLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func relLuminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
