package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/theme"
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
