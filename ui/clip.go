package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// clipBox shows its content cut to the box's own size. A Scroll container
// with no direction clips too, but it takes the mouse wheel and does
// nothing with it, so a list of such rows would barely scroll.
type clipBox struct {
	widget.BaseWidget
	content fyne.CanvasObject
}

func newClipBox(content fyne.CanvasObject) *clipBox {
	c := &clipBox{content: content}
	c.ExtendBaseWidget(c)
	return c
}

func (c *clipBox) CreateRenderer() fyne.WidgetRenderer {
	return &clipRenderer{box: c, objects: []fyne.CanvasObject{c.content}}
}

// clipRenderer lays the content out at the box's width and its own full
// height; the painter cuts what falls outside the box.
type clipRenderer struct {
	box     *clipBox
	objects []fyne.CanvasObject
}

// IsClip tells Fyne's painter to clip to this widget's bounds.
func (r *clipRenderer) IsClip() {}

func (r *clipRenderer) Layout(size fyne.Size) {
	c := r.box.content
	c.Move(fyne.NewPos(0, 0))
	c.Resize(fyne.NewSize(size.Width, max(size.Height, c.MinSize().Height)))
}

// MinSize is nothing: the box is as large as its container makes it.
func (r *clipRenderer) MinSize() fyne.Size { return fyne.Size{} }

func (r *clipRenderer) Refresh() {
	r.Layout(r.box.Size())
	r.box.content.Refresh()
}

func (r *clipRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *clipRenderer) Destroy() {}
