package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"image/color"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// TestDimTextLegible: text drawn dimmed (a label of low importance: the
// files of a folder to import, "(không có)", the busy sign's words) and
// disabled is legible on the window in both themes, at least 3:1, and
// still dimmer than the text (usertest s23: Fyne's grey was 1.25:1 on
// white, the folder's files all but invisible).
func TestDimTextLegible(t *testing.T) {
	for _, v := range []string{themeLight, themeDark} {
		th := &appTheme{variant: v, scale: 1}
		dim := th.Color(theme.ColorNameDisabled, theme.VariantDark)
		text := th.Color(theme.ColorNameForeground, theme.VariantDark)
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			back := th.Color(bg, theme.VariantDark)
			if r := contrast(dim, back); r < 3 || r >= contrast(over(text, back), back) {
				t.Errorf("%s: dimmed text on %s: contrast %.2f, want at least 3 and below the text's %.2f", v, bg, r, contrast(over(text, back), back))
			}
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
//
// Every button the ui package makes is one of these kinds: a call of
// widget.NewButton or NewButtonWithIcon, a widget.Button literal, or a type
// embedding widget.Button without a keyRing (no ring, no Enter) fails, as
// does a kind with a ring that is not measured here (the welcome screen,
// the selection bar, the Trash and "Sao chép báo cáo" had Fyne's plain
// buttons, session 16).
func TestFocusShowsOnEveryButton(t *testing.T) {
	a := test.NewTempApp(t)
	kinds := map[string]func() (fyne.Focusable, *widget.Button){
		"tabButton":    func() (fyne.Focusable, *widget.Button) { b := newTabButton("Lưu", nil, nil); return b, &b.Button },
		"dialogButton": func() (fyne.Focusable, *widget.Button) { b := newDialogButton("Lưu", nil, nil); return b, &b.Button },
		"sectionHeader": func() (fyne.Focusable, *widget.Button) {
			b := newSectionHeader(&browsePanel{}, "Lưu", container.NewVBox())
			return b, &b.Button
		},
	}
	for _, kind := range ringedButtonTypes(t) {
		if kinds[kind] == nil {
			t.Errorf("%s has a ring that is not measured here: add it to kinds", kind)
		}
	}
	for _, variant := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		for name, imp := range map[string]widget.Importance{"medium": widget.MediumImportance, "high": widget.HighImportance,
			"danger": widget.DangerImportance, "warning": widget.WarningImportance, "low": widget.LowImportance,
			"success": widget.SuccessImportance} {
			for kind, make := range kinds {
				f, b := make()
				b.Importance = imp
				b.Refresh() // a section's title is drawn once made
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
				case widget.SuccessImportance:
					text = th.Color(theme.ColorNameForegroundOnSuccess, v)
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

// ringedButtonTypes are the ui package's types that embed widget.Button,
// each with a keyRing. It fails the test for a plain button made anywhere
// in the package (not its tests): widget.NewButton, NewButtonWithIcon, a
// widget.Button literal, or a type embedding widget.Button and no
// keyRing.
func ringedButtonTypes(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go") // those of every system: picker_windows.go too
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	isWidget := func(e ast.Expr, names ...string) bool {
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		x, ok := sel.X.(*ast.Ident)
		return ok && x.Name == "widget" && slices.Contains(names, sel.Sel.Name)
	}
	var ringed []string
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if isWidget(n.Fun, "NewButton", "NewButtonWithIcon") {
					t.Errorf("%s: a plain widget.Button (no focus ring, Enter does nothing): use newTabButton in the main window, newDialogButton in a dialog or a window of its own", fset.Position(n.Pos()))
				}
			case *ast.CompositeLit:
				if isWidget(n.Type, "Button") {
					t.Errorf("%s: a widget.Button literal: use newTabButton or newDialogButton", fset.Position(n.Pos()))
				}
			case *ast.TypeSpec:
				st, ok := n.Type.(*ast.StructType)
				if !ok {
					return true
				}
				embeds, ring := false, false
				for _, fl := range st.Fields.List {
					embeds = embeds || len(fl.Names) == 0 && isWidget(fl.Type, "Button")
					if id, ok := fl.Type.(*ast.Ident); ok && id.Name == "keyRing" {
						ring = true
					}
				}
				switch {
				case embeds && !ring:
					t.Errorf("%s: %s embeds widget.Button without a keyRing (focusring.go)", fset.Position(n.Pos()), n.Name.Name)
				case embeds:
					ringed = append(ringed, n.Name.Name)
				}
			}
			return true
		})
	}
	if len(ringed) < 3 {
		t.Fatalf("only %v found: the scan of the package's files is broken", ringed)
	}
	return ringed
}

// TestFocusFramesStandOut: the frame round the results or the open
// document's text, when it has the keyboard, stands out 3:1 from the
// window's background in the theme in use, also after a switch from the
// dark theme to the light one (it kept the dark theme's pale blue, 1.6:1
// on white, and the see-through focus colour gave 2.1:1 there).
func TestFocusFramesStandOut(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("nêu gương")
	a := fyne.CurrentApp()
	for _, variant := range []string{themeDark, themeLight} {
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		th, v := a.Settings().Theme(), a.Settings().ThemeVariant()
		bg := th.Color(theme.ColorNameBackground, v)
		for name, part := range map[string]struct {
			f     fyne.Focusable
			frame *canvas.Rectangle
		}{"results": {h.v.results.list, h.v.results.list.frame}, "text": {h.v.reader.text, h.v.reader.text.frame}} {
			h.v.results.list.keys.focus(part.f)
			if !part.frame.Visible() {
				t.Errorf("%s %s: no frame with the keyboard", variant, name)
			}
			if r := contrast(part.frame.StrokeColor, bg); r < 3 {
				t.Errorf("%s %s: frame %v on %v, contrast %.2f, want 3", variant, name, part.frame.StrokeColor, bg, r)
			}
			h.win.Canvas().Focus(h.v.search.entry)
			if part.frame.Visible() {
				t.Errorf("%s %s: the frame stays once the keyboard left", variant, name)
			}
		}
	}
}

// TestFocusedSelectReadable: a drop-down list (the order of the results,
// the settings' choices) that has the keyboard keeps its choice legible,
// at least 4.5:1, with a ring round it of at least 3:1 against the box
// and the window: Fyne's focus fill left it at 3.3:1 in the light theme
// (#565656 on #afafb9, seen under Xvfb, session 18).
func TestFocusedSelectReadable(t *testing.T) {
	a := test.NewTempApp(t)
	for _, variant := range []string{themeLight, themeDark} {
		a.Settings().SetTheme(&appTheme{variant: variant, scale: 1})
		s := newSelectBox(sortLabels(), nil)
		s.SetSelectedIndex(0)
		w := test.NewTempWindow(t, container.NewCenter(container.NewGridWrap(fyne.NewSize(180, 36), s)))
		w.Resize(fyne.NewSize(260, 100))
		at := func(x, y float32) color.Color {
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
			sc := w.Canvas().Scale()
			return w.Canvas().Capture().At(int((pos.X+x)*sc), int((pos.Y+y)*sc))
		}
		// Inside, right of the words and left of the arrow; the ring's
		// edge, at the middle of the left side.
		fill := func() color.Color { return at(130, 18) }
		edge := func() (cs []color.Color) {
			for x := float32(0); x <= 2*ringWidth+1; x++ {
				cs = append(cs, at(x, 18))
			}
			return cs
		}
		plainFill, plainEdge := fill(), edge()
		w.Canvas().Focus(s)
		th, v := a.Settings().Theme(), a.Settings().ThemeVariant()
		text, back := th.Color(theme.ColorNameForeground, v), th.Color(theme.ColorNameBackground, v)
		if r := contrast(fill(), text); r < 4.5 {
			t.Errorf("%s: the choice on the focused box, contrast %.2f, want 4.5", variant, r)
		}
		ring, plainRing := plainEdge[0], plainEdge[0]
		for i, c := range edge() {
			if contrast(c, plainEdge[i]) > contrast(ring, plainRing) {
				ring, plainRing = c, plainEdge[i]
			}
		}
		if r := min(contrast(ring, plainRing), contrast(ring, plainFill), contrast(ring, back)); r < 3 {
			t.Errorf("%s: the ring %v against the box %v and the window %v: %.2f, want 3", variant, ring, plainFill, back, r)
		}
		w.Canvas().Unfocus()
		if !slices.Equal(edge(), plainEdge) {
			t.Errorf("%s: the ring stays once the keyboard left", variant)
		}
	}
}

// TestMenuShortcutsLegible: the shortcuts Fyne draws at the right of a
// menu item ("Ctrl+O" by Nhập tệp…, "Ctrl+Q" by Thoát) were a pale grey
// on white, 1.3:1, hardly seen (usertest s17-s20, Xvfb 1366×768 light
// theme): Fyne means them at 95% of the text colour but truncates the
// alpha to its low byte. Drawn in a real menu, in both themes, they are
// to be legible (4.5:1 on the menu), and the text elsewhere is to look
// as Fyne's own (the same grey on the window within 2 levels).
func TestMenuShortcutsLegible(t *testing.T) {
	a := test.NewTempApp(t)
	for _, variant := range []string{themeLight, themeDark} {
		th := &appTheme{variant: variant, scale: 1}
		a.Settings().SetTheme(th)
		v := theme.VariantLight
		if variant == themeDark {
			v = theme.VariantDark
		}
		item := fyne.NewMenuItem("Nhập tệp…", func() {})
		item.Shortcut = shortcutImport
		m := widget.NewMenu(fyne.NewMenu("", item))
		w := test.NewTempWindow(t, m)
		w.Resize(fyne.NewSize(300, 100))
		menuBack := th.Color(theme.ColorNameMenuBackground, v)
		var seen []string
		for _, o := range test.LaidOutObjects(m) {
			txt, ok := o.(*canvas.Text)
			if !ok || txt.Text == "" {
				continue
			}
			seen = append(seen, txt.Text)
			drawn := over(txt.Color, menuBack)
			if r := contrast(drawn, menuBack); r < 4.5 {
				t.Errorf("%s: %q drawn %v on the menu %v: contrast %.2f, want 4.5", variant, txt.Text, drawn, menuBack, r)
			}
		}
		if len(seen) < 3 { // the label, "Ctrl+" and "O"
			t.Fatalf("%s: menu texts %q, want the label and its shortcut", variant, seen)
		}
		back := th.Color(theme.ColorNameBackground, v)
		ours := over(th.Color(theme.ColorNameForeground, v), back)
		fynes := over(theme.DefaultTheme().Color(theme.ColorNameForeground, v), back)
		r1, _, _, _ := ours.RGBA()
		r2, _, _, _ := fynes.RGBA()
		if d := int(r1>>8) - int(r2>>8); d < -2 || d > 2 {
			t.Errorf("%s: text drawn %v on the window, Fyne's %v", variant, ours, fynes)
		}
	}
}

// over is colour c drawn over the opaque colour back.
func over(c, back color.Color) color.NRGBA {
	r, g, b, a := c.RGBA() // premultiplied
	br, bg, bb, _ := back.RGBA()
	mix := func(s, d uint32) uint8 { return uint8((s + d*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{R: mix(r, br), G: mix(g, bg), B: mix(b, bb), A: 0xff}
}

// TestWarningLegible: a warning is read in both themes: the text of a
// label marked so on the window (the end of an import with files not
// read: Fyne's orange was 2.2:1 on white in the light theme, usertest s22)
// and the label of a button marked so on its colour ("Cần xem lại").
func TestWarningLegible(t *testing.T) {
	a := test.NewTempApp(t)
	for _, variant := range []string{themeLight, themeDark} {
		th := &appTheme{variant: variant, scale: 1}
		a.Settings().SetTheme(th)
		v := theme.VariantLight
		if variant == themeDark {
			v = theme.VariantDark
		}
		back := th.Color(theme.ColorNameBackground, v)
		label := widget.NewLabel("Đã nhập xong: thêm 290 văn bản, 7 không nhập được.")
		label.Importance = widget.WarningImportance
		button := newTabButton("Cần xem lại (24)", theme.WarningIcon(), func() {})
		button.Importance = widget.WarningImportance
		w := test.NewTempWindow(t, container.NewVBox(label, button))
		w.Resize(fyne.NewSize(500, 200))
		fill := th.Color(theme.ColorNameWarning, v)
		for _, c := range []struct {
			what string
			o    fyne.CanvasObject
			on   color.Color
		}{{"label", label, back}, {"button", button, fill}} {
			n := 0
			for _, o := range test.LaidOutObjects(c.o) {
				txt, ok := o.(*canvas.Text)
				if !ok || txt.Text == "" {
					continue
				}
				n++
				if r := contrast(over(txt.Color, c.on), c.on); r < 4.5 {
					t.Errorf("%s: the %s's %q drawn %v on %v: contrast %.2f, want 4.5", variant, c.what, txt.Text, txt.Color, c.on, r)
				}
			}
			if n == 0 {
				t.Fatalf("%s: no text in the %s", variant, c.what)
			}
		}
	}
}
