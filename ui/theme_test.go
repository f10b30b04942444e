package ui

import (
	"image/color"
	"slices"
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
func contrast(a, b color.Color) float64 { return contrastRatio(a, b) }

// TestFocusShowsOnEveryButton: a button of ours that has the keyboard
// looks different from the same button without it, whatever its
// importance and in both themes: on the blue (HighImportance) buttons,
// Lưu, Nhập, Sửa thông tin, the blend of a blue focus colour over blue
// showed nothing (1.25:1), and in the dark theme the light blue focus
// showed 1.07 to 1.43:1 on the blue, red and orange ones (session 15).
// Drawn buttons are compared: a pixel of the ring inside their edge is to
// stand out 3:1 (WCAG's contrast for a control's parts) from the same
// pixel without the keyboard, and a pixel of their background, where the
// label is, keeps the label legible (3:1).
func TestFocusShowsOnEveryButton(t *testing.T) {
	a := test.NewTempApp(t)
	kinds := map[string]func() (fyne.Focusable, *widget.Button){
		"tabButton":    func() (fyne.Focusable, *widget.Button) { b := newTabButton("Lưu", nil, nil); return b, &b.Button },
		"dialogButton": func() (fyne.Focusable, *widget.Button) { b := newDialogButton("Lưu", nil, nil); return b, &b.Button },
	}
	for _, variant := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		for name, imp := range map[string]widget.Importance{"medium": widget.MediumImportance, "high": widget.HighImportance,
			"danger": widget.DangerImportance, "warning": widget.WarningImportance} {
			for kind, make := range kinds {
				f, b := make()
				b.Importance = imp
				w := test.NewTempWindow(t, container.NewCenter(container.NewGridWrap(fyne.NewSize(120, 40), f.(fyne.CanvasObject))))
				w.Resize(fyne.NewSize(200, 100))
				at := func(dx float32) color.Color {
					o := f.(fyne.CanvasObject)
					pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
					img := w.Canvas().Capture()
					s := w.Canvas().Scale()
					return img.At(int((pos.X+dx)*s), int((pos.Y+o.Size().Height/2)*s))
				}
				// The ring's pixels, inside the left edge: the one that
				// changes most is compared.
				edge := func() (cs []color.Color) {
					for dx := float32(1); dx <= 2*ringWidth+1; dx++ {
						cs = append(cs, at(dx))
					}
					return cs
				}
				plainEdge, plain := edge(), at(8)
				w.Canvas().Focus(f)
				focusedEdge, focused := edge(), at(8)
				ring, plainRing := focusedEdge[0], plainEdge[0]
				for i := range focusedEdge {
					if contrast(plainEdge[i], focusedEdge[i]) > contrast(plainRing, ring) {
						ring, plainRing = focusedEdge[i], plainEdge[i]
					}
				}
				th := a.Settings().Theme()
				v := a.Settings().ThemeVariant()
				text := th.Color(theme.ColorNameForeground, v)
				switch imp {
				case widget.HighImportance:
					text = th.Color(theme.ColorNameForegroundOnPrimary, v)
				case widget.DangerImportance:
					text = th.Color(theme.ColorNameForegroundOnError, v)
				case widget.WarningImportance:
					text = th.Color(theme.ColorNameForegroundOnWarning, v)
				}
				what := variant + " " + name + " " + kind
				t.Logf("%s: ring %v on %v: %.2f; background %v, label %.1f", what, ring, plainRing, contrast(plainRing, ring), plain, contrast(focused, text))
				if r := contrast(plainRing, ring); r < 3 {
					t.Errorf("%s: focus ring %v against %v, contrast %.2f, want 3", what, ring, plainRing, r)
				}
				if r := contrast(focused, text); r < 3 {
					t.Errorf("%s: label on the focused button, contrast %.2f, want 3", what, r)
				}
				w.Canvas().Unfocus()
				if again := edge(); !slices.Equal(again, plainEdge) {
					t.Errorf("%s: the ring stays once the keyboard left: %v, was %v", what, again, plainEdge)
				}
			}
		}
	}
}
