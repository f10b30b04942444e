package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/assets"
	"khovanban/ui/messages"
)

// guideWindow shows the user guide (assets/guide) in the window's
// language, in a window of its own so that it can stay open beside the
// archive while the person follows it.
type guideWindow struct {
	w fyne.Window
}

// onShowGuide opens the guide, or brings it to the front.
func (v *view) onShowGuide() {
	showWindow(v.s, lang.L("Hướng dẫn sử dụng"), fyne.NewSize(820, 700), func(w fyne.Window) *guideWindow {
		return &guideWindow{w: w}
	})
}

func (g *guideWindow) window() fyne.Window { return g.w }

// attach shows the guide in the language chosen now: a change of language
// attaches the open windows to the new view.
func (g *guideWindow) attach(v *view) {
	g.w.SetTitle(lang.L("Hướng dẫn sử dụng"))
	text := widget.NewRichTextFromMarkdown(guideText(loadSettings(v.s.app.Preferences()).Language))
	text.Wrapping = fyne.TextWrapWord
	closeBtn := newDialogButton(lang.L("Đóng"), theme.CancelIcon(), g.w.Close)
	g.w.SetContent(container.NewBorder(nil, container.NewBorder(nil, nil, nil, closeBtn), nil, nil, container.NewVScroll(text)))
}

// detach leaves the guide as it is: it needs no archive.
func (g *guideWindow) detach() {}

// guideText is the guide in language code (messages.Vietnamese or
// messages.English), Vietnamese for any other.
func guideText(code string) string {
	if code != messages.English {
		code = messages.Vietnamese
	}
	data, err := assets.Guide.ReadFile("guide/" + code + ".md")
	if err != nil {
		// Embedded at build time: only a build without the folder fails.
		fyne.LogError("read the user guide", err)
		return lang.L("Không đọc được hướng dẫn sử dụng.")
	}
	return string(data)
}
