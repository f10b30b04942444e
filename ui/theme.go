package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme choices saved in the preferences.
const (
	themeSystem = "system"
	themeLight  = "light"
	themeDark   = "dark"
)

// appTheme is the default theme with a chosen light or dark variant and
// larger text when the person asks for it.
type appTheme struct {
	variant string  // themeSystem, themeLight or themeDark
	scale   float32 // text and padding scale, 1 is Fyne's size
}

var _ fyne.Theme = (*appTheme)(nil)

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case themeLight:
		v = theme.VariantLight
	case themeDark:
		v = theme.VariantDark
	}
	// Fyne's light input border is a pale grey that an unticked check box
	// all but vanishes in on white; this grey is legible (4.5:1 on white).
	if n == theme.ColorNameInputBorder && v == theme.VariantLight {
		return lightInputBorder
	}
	// Fyne draws a menu item's shortcut ("Ctrl+O") in the text colour at
	// what it means to be 95% opacity, but it takes the low byte of a
	// 16-bit value (widget/menu_item.go shortcutColor): from an opaque
	// colour that is 20%, grey #565656 at 20% on white, 1.3:1, unreadable.
	// Text drawn at this opacity, in a colour that gives the same grey on
	// the window, makes Fyne's sum land on a legible one (7:1 light,
	// 11:1 dark) and every other text looks as before.
	if n == theme.ColorNameForeground {
		if v == theme.VariantDark {
			return darkForeground
		}
		return lightForeground
	}
	// Fyne's focus colour is its blue at a sixth: a button or a check box
	// that had the keyboard looked like the others (usertest s13).
	if n == theme.ColorNameFocus {
		if v == theme.VariantDark {
			return darkFocus
		}
		return lightFocus
	}
	// Fyne's orange (#ff9800) is 2.2:1 on white: in the light theme the
	// end of an import ("7 not imported"), a document outside the results
	// and the unsure fields were pale, and the white label of "Cần xem lại"
	// on it too (usertest s22, 1366x768 light). This amber is 5.1:1 both
	// ways.
	if n == theme.ColorNameWarning && v == theme.VariantLight {
		return lightWarning
	}
	// Fyne's disabled grey, which a low-importance label is drawn in too,
	// is 1.25:1 on white and 1.5:1 on the dark background: the files of a
	// folder to import, shown dimmed so that the folder is seen to hold
	// them, all but vanished in the light theme, and so did "(không có)"
	// and the busy sign's words (usertest s23, 1024x768 light). These
	// greys are legible (3.3:1, 4.2:1) and still dimmer than the text.
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return darkDisabled
		}
		return lightDisabled
	}
	return theme.DefaultTheme().Color(n, v)
}

// lightDisabled and darkDisabled draw what is disabled or dimmed.
var (
	lightDisabled = color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}
	darkDisabled  = color.NRGBA{R: 0x7a, G: 0x7a, B: 0x7a, A: 0xff}
)

// lightWarning is the light theme's warning colour, for text on the
// window and under a white label.
var lightWarning = color.NRGBA{R: 0xa6, G: 0x5b, B: 0x00, A: 0xff}

// lightInputBorder outlines check boxes and text boxes in the light theme.
var lightInputBorder = color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}

// lightForeground and darkForeground are Fyne's #565656 and #f3f3f3 as
// drawn on its window backgrounds, white and #171717, at the opacity that
// keeps the menus' shortcuts legible (TestMenuShortcutsLegible).
var (
	lightForeground = color.NRGBA{R: 0x4a, G: 0x4a, B: 0x4a, A: 0xee}
	darkForeground  = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xf1}
)

// lightFocus and darkFocus mark what has the keyboard: the button's
// background blended with them, the check box's ring, the frames of the
// results and the text. Light is a navy-black at 31%: its blue at 44%
// (70e9257) darkened a grey button (2.16:1) but left a blue one, Lưu or
// Nhập, as it was (1.25:1); this one gives 2.16 on grey, 1.72 on blue,
// 1.84 on red, 2.03 on orange, each label still legible
// (TestFocusShowsOnEveryButton). In the dark theme no one colour blended
// over both the dark grey and the bright buttons does that (the bright
// ones' labels are dark on red and orange, white on blue): the dark
// focus stays the light blue that shows on grey (2.94:1).
var (
	lightFocus = color.NRGBA{R: 0x00, G: 0x00, B: 0x20, A: 0x50}
	darkFocus  = color.NRGBA{R: 0x6a, G: 0xaa, B: 0xff, A: 0x90}
)

func (t *appTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (t *appTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t *appTheme) Size(n fyne.ThemeSizeName) float32 {
	s := theme.DefaultTheme().Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameSubHeadingText, theme.SizeNameHeadingText,
		theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// zoomTheme scales text inside one part of the window (the reader's A+/A−).
type zoomTheme struct {
	fyne.Theme
	scale float32
}

func (t *zoomTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameSubHeadingText, theme.SizeNameHeadingText, theme.SizeNameCaptionText:
		return s * t.scale
	}
	return s
}
