package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/ui/messages"
)

// Preference keys.
const (
	prefArchiveDir = "archive.dir"
	prefLanguage   = "ui.language"
	prefTheme      = "ui.theme"
	prefTextScale  = "ui.textScale"
)

// settings are the person's choices, kept in the app's preferences.
type settings struct {
	ArchiveDir string
	Language   string
	Theme      string
	TextScale  float64
}

func loadSettings(p fyne.Preferences) settings {
	return settings{
		ArchiveDir: p.String(prefArchiveDir),
		Language:   p.StringWithFallback(prefLanguage, messages.Vietnamese),
		Theme:      p.StringWithFallback(prefTheme, themeSystem),
		TextScale:  p.FloatWithFallback(prefTextScale, 1.1),
	}
}

func (s settings) save(p fyne.Preferences) {
	p.SetString(prefLanguage, s.Language)
	p.SetString(prefTheme, s.Theme)
	p.SetFloat(prefTextScale, s.TextScale)
}

func (s settings) theme() fyne.Theme {
	return &appTheme{variant: s.Theme, scale: float32(s.TextScale)}
}

// textScales are the offered text sizes.
var textScales = []float64{1, 1.1, 1.25, 1.4}

func textScaleLabels() []string {
	return []string{lang.L("Nhỏ"), lang.L("Vừa"), lang.L("Lớn"), lang.L("Rất lớn")}
}

func themeLabels() []string {
	return []string{lang.L("Theo hệ thống"), lang.L("Sáng"), lang.L("Tối")}
}

var themeNames = []string{themeSystem, themeLight, themeDark}

// settingsForm is the settings dialog.
type settingsForm struct {
	v        *view
	language *selectBox
	theme    *selectBox
	size     *selectBox
	dialog   *dialog.CustomDialog
}

// onShowSettings opens the settings.
func (v *view) onShowSettings() { v.showSettings() }

func (v *view) showSettings() *settingsForm {
	st := loadSettings(v.s.app.Preferences())
	f := &settingsForm{v: v}
	dir := widget.NewLabel(v.arc.Dir())
	dir.Wrapping = fyne.TextWrapBreak
	choose := newDialogButton(lang.L("Mở kho khác…"), theme.FolderOpenIcon(), func() {
		f.dialog.Hide()
		v.s.onChooseArchive()
	})
	f.language = newSelectBox([]string{"Tiếng Việt", "English"}, nil)
	f.language.SetSelectedIndex(map[bool]int{true: 1, false: 0}[st.Language == messages.English])
	f.theme = newSelectBox(themeLabels(), nil)
	f.theme.SetSelectedIndex(max(0, indexOf(themeNames, st.Theme)))
	f.size = newSelectBox(textScaleLabels(), nil)
	f.size.SetSelectedIndex(max(0, indexOf(textScales, st.TextScale)))
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Thư mục kho"), container.NewBorder(nil, nil, nil, choose, dir)),
		widget.NewFormItem(lang.L("Ngôn ngữ"), f.language),
		widget.NewFormItem(lang.L("Giao diện"), f.theme),
		widget.NewFormItem(lang.L("Cỡ chữ"), f.size),
	)
	save := newDialogButton(lang.L("Lưu"), nil, f.onSave)
	save.Importance = widget.HighImportance
	f.dialog = dialog.NewCustomWithoutButtons(lang.L("Cài đặt"), form, v.win)
	f.dialog.SetButtons([]fyne.CanvasObject{newDialogButton(lang.L("Hủy"), nil, func() { f.dialog.Hide() }), save})
	f.dialog.Resize(fyne.NewSize(640, 340))
	v.s.keys.show(v.win, f.dialog, f.onSave, f.language)
	return f
}

// onSave saves and applies the choices. A new text size or theme is a new
// theme, which every widget follows in place: the document open stays
// open, and an import goes on (usertest finding 3: the text size was
// refused during an import). A new language builds the screen again with
// the same search and the same document open (finding 11), which an
// import under way must not see (it belongs to the screen). Either takes
// seconds on a slow PC: a sign says so meanwhile, over the window, so
// that a click waiting for the change does not open something else.
func (f *settingsForm) onSave() {
	v := f.v
	a := v.s.app
	st := loadSettings(a.Preferences())
	was := st
	st.Language = []string{messages.Vietnamese, messages.English}[max(0, f.language.SelectedIndex())]
	st.Theme = themeNames[max(0, f.theme.SelectedIndex())]
	st.TextScale = textScales[max(0, f.size.SelectedIndex())]
	rebuild := st.Language != was.Language
	if rebuild && v.importing != nil {
		v.s.showInfo(lang.L("Đang nhập văn bản"),
			lang.L("Đổi ngôn ngữ phải chờ việc nhập văn bản xong (thanh ở cuối cửa sổ), hoặc bấm “Dừng nhập”. Cỡ chữ và giao diện thì đổi được ngay."), v.win)
		return
	}
	if rebuild && v.refuseWhileRefiling() {
		return
	}
	st.save(a.Preferences())
	f.dialog.Hide()
	if st == was {
		return
	}
	// The sign speaks the language chosen, which the window is about to
	// speak (it said "Đang đổi cách hiển thị…" to one who chose English).
	if rebuild {
		messages.UseLanguage(st.Language)
	}
	busy := newBusyOverlay(&v.s.keys, v.win, lang.L("Đang đổi cách hiển thị…"))
	// After a frame, so that the sign is drawn before the work.
	time.AfterFunc(busyFrame, func() {
		v.do(func() {
			// The open document's text leaves the window while the theme
			// reaches every widget, then is laid out once (refit, or the
			// new screen's reader): see takeText.
			v.reader.takeText()
			a.Settings().SetTheme(st.theme())
			if rebuild {
				// The sign stays until the document is back: laying it
				// out holds the window too.
				v.s.rebuildView(busy.Hide)
			} else {
				v.reader.refit()
				busy.Hide()
			}
		})
	})
}

// busyFrame is how long work that blocks the window waits for a sign
// shown before it to be drawn.
const busyFrame = 80 * time.Millisecond

// newBusyOverlay shows text with a moving bar over the window, which
// takes the clicks and keys meanwhile, until Hide.
func newBusyOverlay(keys *dialogKeys, win fyne.Window, text string) *dialog.CustomDialog {
	d := dialog.NewCustomWithoutButtons(text, widget.NewProgressBarInfinite(), win)
	keys.showWork(win, d, nil)
	return d
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}
