package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestCheckBoxesVisibleInLightTheme: an unticked check box is drawn with
// the input border colour on the input background; in the light theme
// Fyne's pale grey gave about 1.3:1, near invisible. WCAG asks 3:1 for
// the parts of a control.
func TestCheckBoxesVisibleInLightTheme(t *testing.T) {
	th := &appTheme{variant: themeLight, scale: 1}
	border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
	bg := th.Color(theme.ColorNameInputBackground, theme.VariantLight)
	page := th.Color(theme.ColorNameBackground, theme.VariantLight)
	for name, c := range map[string]color.Color{"input background": bg, "window background": page} {
		if r := contrast(border, c); r < 3 {
			t.Errorf("check box border on the %s: contrast %.2f, want at least 3", name, r)
		}
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.Color) float64 {
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

// TestFocusShowsOnEveryButton: a button that has the keyboard looks
// different from the same button without it, whatever its importance:
// on the blue (HighImportance) buttons, Lưu, Nhập, Sửa thông tin, the
// blend of a blue focus colour over blue showed nothing (1.25:1). Drawn
// buttons are compared, a pixel of their background each, and the label
// stays legible on the focused one. In the dark theme only the grey
// buttons are held to it (see lightFocus).
func TestFocusShowsOnEveryButton(t *testing.T) {
	a := test.NewTempApp(t)
	for _, variant := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		for name, imp := range map[string]widget.Importance{"medium": widget.MediumImportance, "high": widget.HighImportance,
			"danger": widget.DangerImportance, "warning": widget.WarningImportance} {
			if variant == themeDark && imp != widget.MediumImportance {
				continue
			}
			b := widget.NewButton("Lưu", nil)
			b.Importance = imp
			w := test.NewTempWindow(t, container.NewCenter(container.NewGridWrap(fyne.NewSize(120, 40), b)))
			w.Resize(fyne.NewSize(200, 100))
			at := func() color.Color {
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				img := w.Canvas().Capture()
				s := w.Canvas().Scale()
				return img.At(int((pos.X+8)*s), int((pos.Y+b.Size().Height/2)*s))
			}
			plain := at()
			w.Canvas().Focus(b)
			focused := at()
			text := a.Settings().Theme().Color(theme.ColorNameForeground, a.Settings().ThemeVariant())
			switch imp {
			case widget.HighImportance:
				text = a.Settings().Theme().Color(theme.ColorNameForegroundOnPrimary, a.Settings().ThemeVariant())
			case widget.DangerImportance:
				text = a.Settings().Theme().Color(theme.ColorNameForegroundOnError, a.Settings().ThemeVariant())
			case widget.WarningImportance:
				text = a.Settings().Theme().Color(theme.ColorNameForegroundOnWarning, a.Settings().ThemeVariant())
			}
			t.Logf("%s %s: plain %v focused %v: %.2f, label %.1f", variant, name, plain, focused, contrast(plain, focused), contrast(focused, text))
			if r := contrast(plain, focused); r < 1.5 {
				t.Errorf("%s %s button: focused %v against %v, contrast %.2f, want 1.5", variant, name, focused, plain, r)
			}
			if r := contrast(focused, text); r < 3 {
				t.Errorf("%s %s button: label on the focused button, contrast %.2f, want 3", variant, name, r)
			}
		}
	}
}
