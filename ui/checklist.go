package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// checkList is names to tick, each wrapped over as many lines as the
// width needs, as the browse panel's values are: a CheckGroup cuts a long
// name off, and two campaigns may differ only in their last words.
type checkList struct {
	Options  []string // in the order shown
	Selected []string // in the order ticked
	box      *fyne.Container
	checks   []*facetCheck
}

func newCheckList(options []string) *checkList {
	c := &checkList{box: container.NewVBox()}
	for _, o := range options {
		c.add(o)
	}
	return c
}

func (c *checkList) object() fyne.CanvasObject { return c.box }

// add shows one more name, not ticked.
func (c *checkList) add(name string) {
	c.Options = append(c.Options, name)
	f := newFacetCheck()
	f.set(name, false, false, func(on bool) { c.toggle(name, on) })
	c.checks = append(c.checks, f)
	c.box.Add(f)
}

func (c *checkList) toggle(name string, on bool) {
	c.Selected = slices.DeleteFunc(c.Selected, func(s string) bool { return s == name })
	if on {
		c.Selected = append(c.Selected, name)
	}
}

// SetSelected ticks the names in sel and no other.
func (c *checkList) SetSelected(sel []string) {
	c.Selected = nil
	for i, o := range c.Options {
		on := slices.Contains(sel, o)
		if on {
			c.Selected = append(c.Selected, o)
		}
		c.checks[i].set(o, on, false, func(on bool) { c.toggle(o, on) })
	}
}
