package ui

import (
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// radioChoice is one of a few options, as widget.RadioGroup, for dialogs:
// Fyne's radio items keep every key but Space to themselves, and Escape
// did not close the export dialogs once Tab had reached their choice.
// Each option is a radioBox, a check box drawn as a radio button, that
// hands Enter and Escape to the dialog; the arrows move the choice.
type radioChoice struct {
	Options   []string
	Selected  string
	OnChanged func(string)
	boxes     []*radioBox
	box       fyne.CanvasObject
}

func newRadioChoice(options []string, changed func(string)) *radioChoice {
	c := &radioChoice{Options: options}
	list := container.NewVBox()
	for _, o := range options {
		b := &radioBox{choice: c, option: o}
		b.Text = o
		b.OnChanged = func(on bool) { c.onBox(b, on) }
		b.ExtendBaseWidget(b)
		c.boxes = append(c.boxes, b)
		list.Add(b)
	}
	c.box = container.NewThemeOverride(list, radioTheme{})
	c.OnChanged = changed
	return c
}

func (c *radioChoice) object() fyne.CanvasObject { return c.box }

// SetSelected chooses option o.
func (c *radioChoice) SetSelected(o string) {
	if i := slices.Index(c.Options, o); i >= 0 {
		c.boxes[i].SetChecked(true)
	}
}

// onBox follows a tick or untick of b: one option is chosen at a time,
// and the chosen one cannot be unticked but by choosing another.
func (c *radioChoice) onBox(b *radioBox, on bool) {
	if !on {
		if b.option == c.Selected {
			b.SetChecked(true)
		}
		return
	}
	if c.Selected == b.option {
		return
	}
	c.Selected = b.option
	for _, o := range c.boxes {
		if o != b && o.Checked {
			o.SetChecked(false)
		}
	}
	if c.OnChanged != nil {
		c.OnChanged(b.option)
	}
}

// radioBox is one option of a radioChoice.
type radioBox struct {
	widget.Check
	choice *radioChoice
	option string
}

func (b *radioBox) TypedKey(k *fyne.KeyEvent) {
	i := slices.Index(b.choice.boxes, b)
	switch k.Name {
	case fyne.KeyUp, fyne.KeyLeft:
		b.choice.move(i - 1)
	case fyne.KeyDown, fyne.KeyRight:
		b.choice.move(i + 1)
	default:
		dialogKey(b, k)
	}
}

// move chooses option i and gives it the keyboard.
func (c *radioChoice) move(i int) {
	if i < 0 || i >= len(c.boxes) {
		return
	}
	c.boxes[i].SetChecked(true)
	if cv := canvasOf(c.boxes[i]); cv != nil {
		cv.Focus(c.boxes[i])
	}
}

// radioTheme draws a check box as a radio button.
type radioTheme struct{}

func (radioTheme) th() fyne.Theme { return fyne.CurrentApp().Settings().Theme() }

func (t radioTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.th().Color(n, v)
}

func (t radioTheme) Font(s fyne.TextStyle) fyne.Resource { return t.th().Font(s) }

func (t radioTheme) Size(n fyne.ThemeSizeName) float32 { return t.th().Size(n) }

func (t radioTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameCheckButton:
		n = theme.IconNameRadioButton
	case theme.IconNameCheckButtonChecked:
		n = theme.IconNameRadioButtonChecked
	case theme.IconNameCheckButtonFill:
		n = theme.IconNameRadioButtonFill
	}
	return t.th().Icon(n)
}
