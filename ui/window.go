// Package ui is the desktop window of Kho Văn Bản Phong Trào: search as you
// type, browse by campaign, year, topic, type and issuer, read, import,
// edit, review and manage campaigns, in Vietnamese by default.
package ui

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

// Config is what main passes to the window.
type Config struct {
	ArchiveDir string // from -archive; "" means the saved setting or index.DefaultDir()
	Version    string
	Registry   []byte // built-in registry JSON (assets.Registry)
}

// appTitle is the product's name; it is not translated.
const appTitle = "Kho Văn Bản Phong Trào"

// Run opens the archive (showing progress when it must rebuild, and a clear
// message when it is locked by another process or unusable), shows the
// main window and runs the app until it is closed, then closes the archive.
func Run(a fyne.App, cfg Config) {
	useSteadyCursor(a)
	st := loadSettings(a.Preferences())
	messages.UseLanguage(st.Language)
	a.Settings().SetTheme(st.theme())
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	a.SetIcon(icon)
	w := a.NewWindow(appTitle)
	w.SetIcon(icon)
	prefs := a.Preferences()
	w.Resize(defaultWindowSize)
	w.CenterOnScreen()
	w.SetMaster()
	s := newSession(a, w, cfg, fyne.Do)
	w.SetCloseIntercept(s.onCloseRequested)
	// The screen can be measured once the app runs: the window then takes
	// the size it had last time, or less where the screen is smaller.
	a.Lifecycle().SetOnStarted(func() { fitWindow(w, prefs) })
	// Saved before the app writes its preferences at exit.
	a.Lifecycle().SetOnStopped(s.saveGeometry)
	dir := cfg.ArchiveDir
	if dir == "" {
		dir = st.ArchiveDir
		// A folder named on the command line is for this run only; one
		// chosen in the window is remembered.
		s.remember = true
	}
	s.openArchive(dir)
	w.ShowAndRun()
	s.closeArchive()
}

// onCloseRequested closes the window (Thoát, Ctrl+Q, the title bar's
// cross), after asking when something typed and not saved would be lost
// (unsaved), then when an import is under way: closing stops it, and the
// files not reached yet are not imported (those in are kept; importing the
// same files again skips them).
func (s *session) onCloseRequested() {
	lost, cw := s.unsaved()
	if len(lost) == 0 {
		s.closeUnlessImporting()
		return
	}
	ask := dialog.NewConfirm(lang.L("Bỏ những gì đã sửa?"), strings.Join(lost, " ")+" "+lang.L("Thoát bây giờ thì mất các thay đổi đó."),
		func(discard bool) {
			switch {
			case discard:
				s.closeUnlessImporting()
			case cw != nil:
				cw.w.RequestFocus() // back to the rules
			}
		}, s.win)
	ask.SetConfirmText(lang.L("Bỏ, không lưu"))
	ask.SetConfirmImportance(widget.DangerImportance)
	ask.SetDismissText(lang.L("Tiếp tục sửa"))
	// Enter and Escape go back to what is being typed, as when the
	// campaigns window or the edit form alone is closed. Asked from
	// another window (Ctrl+Q there), the main window comes forward with
	// the question: it stayed behind, unseen.
	s.win.RequestFocus()
	s.keys.showKeyed(s.win, ask, ask.Hide, ask.Hide, nil)
	s.quitShown = s.win.Canvas().Overlays().Top()
}

// onQuitKey is Ctrl+Q and Tệp › Thoát: the window's cross, also while a
// dialog is open over the window (the edit form: Ctrl+Q did nothing from
// its boxes, usertest s27), but for the question quitting asks, which
// is not asked again while it is up (the key held).
func (s *session) onQuitKey() {
	if q := s.quitShown; q != nil && q.Visible() && slices.Contains(s.win.Canvas().Overlays().List(), q) {
		return
	}
	s.onCloseRequested()
}

// unsaved says what is typed and not saved that quitting would lose: the
// edit form's changes, rules typed in the campaigns window (then cw is
// that window). Quitting closed the campaigns window without a word, when
// closing it alone asked (usertest s26).
func (s *session) unsaved() (lost []string, cw *categoriesWindow) {
	if v := s.view; v != nil && v.editing != nil && !v.editing.saving && v.editing.changed() {
		lost = append(lost, lang.L("Những gì vừa gõ hoặc đánh dấu trong bảng sửa chưa được lưu."))
	}
	if w, ok := findWindow[*categoriesWindow](s); ok {
		if names := w.unsavedRules(); len(names) > 0 {
			lost = append(lost, lang.L("Quy tắc vừa gõ cho {{.Names}} trong cửa sổ Phong trào và chủ đề chưa được lưu.", map[string]any{"Names": strings.Join(names, ", ")}))
			cw = w
		}
	}
	return lost, cw
}

// closeUnlessImporting closes the window, after asking when an import is
// under way.
func (s *session) closeUnlessImporting() {
	v := s.view
	if v == nil || v.importing == nil {
		s.win.Close()
		return
	}
	title, msg := lang.L("Đang nhập văn bản"),
		lang.L("Việc nhập chưa xong. Thoát bây giờ thì dừng nhập: các tệp đã nhập được giữ, các tệp còn lại chưa được nhập (nhập lại thư mục đó sau, tệp đã có sẽ được bỏ qua).")
	confirm, dismiss := lang.L("Dừng và thoát"), lang.L("Tiếp tục nhập")
	if v.importing.progress != nil && v.importing.progress.shown.Tidying {
		// Every file is in: only the index's tidy is left, which loses
		// nothing when stopped (usertest s27, under Xvfb at 100,000: the
		// question said the other files would not be imported).
		title = lang.L("Đang sắp xếp lại chỉ mục")
		msg = lang.L("Các văn bản vừa nhập đã được lưu xong. Chương trình đang sắp xếp lại chỉ mục để tìm nhanh hơn; thoát bây giờ thì dừng việc này, không mất văn bản nào.")
		confirm, dismiss = lang.L("Thoát"), lang.L("Chờ xong")
	}
	d := dialog.NewConfirm(title, msg,
		func(stop bool) {
			if stop {
				if run := v.importing; run != nil {
					run.progress.onCancel()
				}
				s.win.Close()
			}
		}, s.win)
	d.SetConfirmText(confirm)
	d.SetDismissText(dismiss)
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetOnClosed(func() {
		if s.closeAsk == d {
			s.closeAsk = nil
		}
	})
	s.closeAsk = d
	s.win.RequestFocus() // asked from another window (Ctrl+Q there)
	s.keys.show(s.win, d, nil, nil)
	s.quitShown = s.win.Canvas().Overlays().Top()
}

// onImportEnded turns the question asked at closing during an import, if
// it is still up, into the question for an import that has ended
// (usertest finding 14: "Việc nhập chưa xong" stayed after the end).
func (s *session) onImportEnded() {
	ask := s.closeAsk
	if ask == nil {
		return
	}
	s.closeAsk = nil
	ask.Hide()
	d := dialog.NewConfirm(lang.L("Đã nhập xong"), lang.L("Việc nhập văn bản đã xong. Thoát chương trình bây giờ?"), func(quit bool) {
		if quit {
			s.win.Close()
		}
	}, s.win)
	d.SetConfirmText(lang.L("Thoát"))
	d.SetDismissText(lang.L("Ở lại"))
	s.keys.show(s.win, d, nil, nil)
}

// session is the window and the archive open in it; the archive can be
// swapped for another from the settings.
type session struct {
	app fyne.App
	win fyne.Window
	cfg Config
	// do runs a function on the UI goroutine: fyne.Do, or a queue in tests.
	do   func(func())
	arc  *index.Archive
	view *view
	// closeAsk is the question asked at closing during an import, while
	// it is up.
	closeAsk *dialog.ConfirmDialog
	// quitShown is the last question quitting asked (closeAsk, or the
	// one about what is typed and not saved), as shown over the window:
	// Ctrl+Q does not ask again while it is there (onQuitKey). Read from
	// the window, not kept by the dialog's callback, which a dialog
	// taken off another way would not run, leaving Ctrl+Q dead.
	quitShown fyne.CanvasObject
	// keys are the dialogs open over the windows, with what Enter and
	// Escape do in them.
	keys dialogKeys
	// status says what opening the archive is doing, or why it failed.
	status   *widget.Label
	rebuilt  bool // opening had to rebuild the index
	remember bool // save the archive folder in the preferences once open
	// open and openReadOnly open an archive (index.Open and
	// index.OpenReadOnly; tests replace them).
	open, openReadOnly func(dir string, opts index.Options) (*index.Archive, error)
	// canOpen reports whether the system has a program for a file (see
	// hasOpener; tests replace it).
	canOpen func(path string) bool
	// windows are the open windows of their own (the Trash, the campaigns
	// and topics); they follow when the archive or the view changes.
	windows []secondary
	// lastImport is the last import into the open archive, whose report
	// the menu opens again.
	lastImport *importRun
	// readOnlyErr kept the open archive from opening for writing: it was
	// opened for reading only (nil otherwise, or when not known).
	readOnlyErr error
	// keyModifiers are the modifier keys held now, which a key event does
	// not say (Shift+Tab, Shift+F1): keyModifiers, which tests replace.
	keyModifiers func() fyne.KeyModifier
}

// secondary is a window of its own over the open archive.
type secondary interface {
	// attach shows the window's content over v, a new view (another
	// archive, or the same one after a change of language), and reloads it.
	attach(v *view)
	// detach empties the window while the archive is being changed, and
	// drops any dialog open in it: what it was asking about is gone.
	detach()
	// window is the Fyne window.
	window() fyne.Window
}

// addWindow opens w over the current view and keeps it following the
// archive until it is closed.
func (s *session) addWindow(w secondary) {
	s.windows = append(s.windows, w)
	w.window().SetOnClosed(func() {
		s.windows = slices.DeleteFunc(s.windows, func(o secondary) bool { return o == w })
	})
	w.attach(s.view)
	// Within the screen, centred: the size each window asks for may be more
	// than a small screen has.
	win := w.window()
	win.Resize(fitSize(win.Canvas().Size(), fyne.NewSize(320, 240), screenArea(s.win)))
	win.CenterOnScreen()
	win.Show()
}

// showWindow brings the open window of type T to the front, or opens a
// new one of the given title and size, made by newT, over the archive.
func showWindow[T secondary](s *session, title string, size fyne.Size, newT func(fyne.Window) T) T {
	if t, ok := findWindow[T](s); ok {
		t.window().RequestFocus()
		return t
	}
	w := s.app.NewWindow(title)
	w.Resize(size)
	var t T
	// Escape closes it, unless a dialog is open in it (whose key it is)
	// or a field has the keyboard; Ctrl+W closes it too.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if !s.keys.typed(w.Canvas(), k) && k.Name == fyne.KeyEscape && w.Canvas().Overlays().Top() == nil {
			closeWindow(t)
		}
	})
	w.Canvas().AddShortcut(shortcutClose, func(fyne.Shortcut) {
		if w.Canvas().Overlays().Top() == nil {
			closeWindow(t)
		}
	})
	w.SetCloseIntercept(func() { closeWindow(t) })
	// Ctrl+Q quits from here too, asking as from the main window (it did
	// nothing in the campaigns window, usertest s27).
	w.Canvas().AddShortcut(shortcutQuit, func(fyne.Shortcut) {
		if w.Canvas().Overlays().Top() == nil {
			s.onQuitKey()
		}
	})
	t = newT(w)
	s.addWindow(t)
	return t
}

// closeAsker is a window of its own that may ask before it closes: what
// is typed in it and not saved would be lost.
type closeAsker interface{ requestClose() }

// closeWindow closes t, or asks it to (closeAsker).
func closeWindow(t secondary) {
	if a, ok := t.(closeAsker); ok {
		a.requestClose()
		return
	}
	t.window().Close()
}

// findWindow is the open secondary window of type T, if any.
func findWindow[T secondary](s *session) (T, bool) {
	for _, w := range s.windows {
		if t, ok := w.(T); ok {
			return t, true
		}
	}
	var zero T
	return zero, false
}

// detachedContent is what a secondary window shows while the archive is
// being changed.
func detachedContent() fyne.CanvasObject {
	l := widget.NewLabel(lang.L("Đang mở kho văn bản…"))
	l.Alignment = fyne.TextAlignCenter
	return container.NewCenter(l)
}

// clearOverlays removes the dialogs open in window w.
func clearOverlays(w fyne.Window) {
	o := w.Canvas().Overlays()
	for top := o.Top(); top != nil; top = o.Top() {
		top.Hide()
		o.Remove(top)
	}
}

func newSession(a fyne.App, w fyne.Window, cfg Config, do func(func())) *session {
	return &session{app: a, win: w, cfg: cfg, do: do, canOpen: hasOpener, open: index.Open, openReadOnly: index.OpenReadOnly, keyModifiers: keyModifiers}
}

// openArchive opens dir ("" is the default folder) in the background,
// showing progress, then shows the archive or why it could not be opened.
func (s *session) openArchive(dir string) {
	if dir == "" {
		d, err := index.DefaultDir()
		if err != nil {
			s.showOpenFailure(dir, err)
			return
		}
		dir = d
	}
	status := widget.NewLabel(lang.L("Đang mở kho văn bản…"))
	status.Alignment = fyne.TextAlignCenter
	s.status = status
	bar := widget.NewProgressBar()
	bar.Hide()
	s.win.SetContent(container.NewCenter(container.NewVBox(status, container.NewGridWrap(fyne.NewSize(420, bar.MinSize().Height), bar))))
	progress := newThrottle(100*time.Millisecond, s.do, func(p index.Progress) {
		if p.Cleaning {
			status.SetText(lang.L("Đang dọn các tệp của định dạng cũ. Xin đừng tắt máy."))
		} else if p.Unsharing {
			status.SetText(lang.L("Đang tách kho này khỏi bản sao dùng chung tệp với nó ({{.Name}}), để những gì ghi vào đây không làm đổi bản sao. Có thể mất vài phút; xin đừng tắt máy.", map[string]any{"Name": p.Current}))
		} else if p.Migrating || p.CheckingTwins {
			status.SetText(progressText(p))
		} else {
			s.rebuilt = true
			status.SetText(messages.N("Đang dựng lại chỉ mục tìm kiếm: {{.Done}}/{{.Total}} văn bản", p.Total, map[string]any{"Done": formatCount(p.Done), "Total": formatCount(p.Total)}))
		}
		if p.Total > 0 {
			bar.Show()
			bar.SetValue(float64(p.Done) / float64(p.Total))
		}
	})
	go func() {
		opts := index.Options{Registry: s.cfg.Registry, Progress: progress}
		arc, err := s.open(dir, opts)
		openErr, readOnly := err, false
		if err != nil && cannotWrite(err) {
			// A full disk or a write-protected USB stick: the archive can
			// still be searched and read.
			if ro, rerr := s.openReadOnly(dir, opts); rerr == nil {
				arc, err, readOnly = ro, nil, true
			}
		}
		s.do(func() {
			if err != nil {
				s.showOpenFailure(dir, err)
				return
			}
			s.arc = arc
			s.readOnlyErr = nil
			if readOnly {
				s.readOnlyErr = openErr
			}
			if s.remember {
				s.app.Preferences().SetString(prefArchiveDir, dir)
			}
			s.showArchive()
			if readOnly {
				s.showInfo(lang.L("Kho chỉ mở để xem"), readOnlyMessage(openErr), s.win)
			}
		})
	}()
}

// readOnlyMessage says why the archive was opened for reading only.
func readOnlyMessage(openErr error) string {
	var nr *index.NoRoomError
	if errors.As(openErr, &nr) {
		// Its own sentence says the archive is read as before.
		return messages.Error(openErr)
	}
	return lang.L("Không ghi được vào thư mục kho ({{.Reason}}). Kho được mở để tìm và đọc; chưa nhập, sửa hay xóa được cho đến khi ổ đĩa có chỗ trống hoặc cho ghi.",
		map[string]any{"Reason": messages.Error(openErr)})
}

// cannotWrite reports whether err comes from a disk that takes no writes:
// full, or read-only.
func cannotWrite(err error) bool {
	return index.IsDiskFull(err) || errors.Is(err, syscall.EROFS) || errors.Is(err, os.ErrPermission)
}

// showArchive builds the main screen over the open archive.
func (s *session) showArchive() {
	s.view = newView(s, s.arc)
	s.win.SetContent(s.view.content())
	s.win.SetMainMenu(s.view.mainMenu())
	s.view.start()
	s.attachWindows()
	s.view.offerUnfinishedImport()
	s.view.resumeRefile()
	s.view.tellCopiedTwins()
}

// saveGeometry remembers the window's size and its panels' widths for the
// next start.
func (s *session) saveGeometry() {
	p := s.app.Preferences()
	saveWindowSize(p, s.win.Canvas().Size())
	if s.view != nil {
		s.view.panels.save(p)
	}
}

// attachWindows has the secondary windows follow the current view.
func (s *session) attachWindows() {
	for _, w := range slices.Clone(s.windows) {
		w.attach(s.view)
	}
}

// showOpenFailure says why the archive could not be opened and offers a
// way on.
func (s *session) showOpenFailure(dir string, err error) {
	title := widget.NewLabelWithStyle(lang.L("Không mở được kho văn bản"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	msg := widget.NewLabel(messages.Error(err))
	s.status = msg
	msg.Wrapping = fyne.TextWrapWord
	msg.Alignment = fyne.TextAlignCenter
	where := widget.NewLabel(lang.L("Thư mục: {{.Dir}}", map[string]any{"Dir": dir}))
	where.Wrapping = fyne.TextWrapWord
	where.Alignment = fyne.TextAlignCenter
	retry := newTabButton(lang.L("Thử lại"), theme.ViewRefreshIcon(), func() { s.openArchive(dir) })
	retry.Importance = widget.HighImportance
	choose := newTabButton(lang.L("Chọn thư mục khác…"), theme.FolderOpenIcon(), s.onChooseArchive)
	quit := newTabButton(lang.L("Thoát"), nil, s.app.Quit)
	box := container.NewVBox(title, msg, where, container.NewCenter(container.NewHBox(retry, choose, quit)))
	s.win.SetContent(container.NewCenter(container.NewGridWrap(fyne.NewSize(640, box.MinSize().Height+40), box)))
	// Nothing is open for the secondary windows to show.
	for _, w := range slices.Clone(s.windows) {
		w.window().Close()
	}
	if errors.Is(err, index.ErrLocked) {
		fyne.LogError("open archive", err)
	}
}

// onChooseArchive lets the person pick another archive folder and opens it.
func (s *session) onChooseArchive() { s.chooseArchive() }

func (s *session) chooseArchive() *picker {
	opt := pickOptions{mode: pickDir, title: lang.L("Chọn thư mục kho văn bản"), confirm: lang.L("Mở kho này"), place: prefPickerArchive}
	return s.pick(opt, func(paths []string) { s.onArchiveChosen(paths[0]) })
}

// onArchiveChosen opens the archive in dir. A folder of documents is no
// archive: the one open stays open, and the folder's files may be
// imported into it instead (what such a choice most often meant).
func (s *session) onArchiveChosen(dir string) {
	if v := s.view; v != nil && errors.Is(index.CanOpen(dir), index.ErrNotArchive) {
		d := dialog.NewConfirm(lang.L("Không phải kho văn bản"),
			lang.L("Thư mục {{.Dir}} có tệp khác, không phải kho văn bản; kho đang dùng vẫn mở. Nhập các tệp trong thư mục này vào kho đang dùng?", map[string]any{"Dir": dir}),
			func(ok bool) {
				if ok && s.view == v {
					v.startImport([]string{dir}, nil)
				}
			}, s.win)
		d.SetConfirmText(lang.L("Nhập các tệp"))
		d.SetDismissText(lang.L("Không"))
		s.keys.show(s.win, d, nil, nil)
		return
	}
	s.switchArchive(dir)
}

// switchArchive closes the open archive and opens dir.
func (s *session) switchArchive(dir string) {
	if s.view != nil && (s.view.refuseWhileImporting() || s.view.refuseWhileRefiling()) {
		return
	}
	s.remember = true
	s.closeArchive()
	s.openArchive(dir)
}

// closeArchive stops the view's work and closes the archive.
func (s *session) closeArchive() {
	for _, w := range s.windows {
		w.detach()
	}
	if s.view != nil {
		s.view.stop()
		s.view = nil
	}
	s.lastImport = nil // its report is of the archive closed
	if s.arc != nil {
		if err := s.arc.Close(); err != nil {
			fyne.LogError("close archive", err)
		}
		s.arc = nil
	}
}

// rebuildView builds the screen again, keeping the search, after a change
// of language, then calls shown once the document that was open is shown
// again (a long one takes seconds to lay out).
func (s *session) rebuildView(shown func()) {
	if s.view == nil {
		shown()
		return
	}
	q, f, sort := s.view.state.query, s.view.state.filters, s.view.state.sort
	// The document open and the browse column folded stay so (usertest
	// finding 11: a change of language closed the document).
	open, folded, match := "", s.view.panels.folded, s.view.reader.current
	if d := s.view.reader.doc; d != nil {
		open = d.ID
	}
	ended := s.view.imports.endedShown()
	// The edit form open, with what is typed in it, opens again over the
	// new screen (usertest s25: a note being typed was lost).
	draft := s.view.takeEditDraft()
	if draft != nil {
		shown = draft.reopenThen(s, shown)
	}
	for _, w := range s.windows {
		w.detach()
	}
	s.view.stop()
	old := s.view
	s.view = newView(s, s.arc)
	s.view.state.query, s.view.state.filters, s.view.state.sort = q, f, sort
	s.win.SetContent(s.view.content())
	s.win.SetMainMenu(s.view.mainMenu())
	s.view.showAnswerOf(old)
	s.view.start()
	// The first search's answer refreshes the list shown, keeping the row
	// chosen and the scroll.
	s.view.state.keep = s.view.state.gen
	if run := s.lastImport; ended && run != nil && run.reportText != nil {
		run.showIn(s.view)
	}
	if folded {
		s.view.panels.toggleBrowse()
	}
	if open != "" {
		s.view.reader.keepMatch(open, match)
		s.view.openDocumentThen(open, shown)
	} else {
		shown()
	}
	s.attachWindows()
}

// dialogSize is a dialog size that fits in the window.
func dialogSize(w fyne.Window) fyne.Size {
	size := w.Canvas().Size()
	return fyne.NewSize(min(size.Width-40, 1000), min(size.Height-40, 620))
}

// throttle calls show on the UI goroutine (through do) at most once per
// interval, always for the last one (when Done reaches Total); a value
// held back is passed on when the interval ends unless a later one was,
// so that the last word is never lost (an import's "file started" can be
// followed by minutes of OCR). At most one call waits in the UI
// goroutine's queue, with the newest value (see latest).
func newThrottle(every time.Duration, do func(func()), show func(index.Progress)) func(index.Progress) {
	fn := latest(do, show)
	var mu sync.Mutex
	var last time.Time
	var held *index.Progress
	var timer *time.Timer
	return func(p index.Progress) {
		mu.Lock()
		defer mu.Unlock()
		// The last, and a scanned page (seconds each), always pass.
		if wait := every - time.Since(last); wait > 0 && p.Done < p.Total && p.Pages == 0 {
			held = &p
			if timer == nil {
				timer = time.AfterFunc(wait, func() {
					mu.Lock()
					defer mu.Unlock()
					timer = nil
					if held != nil {
						last = time.Now()
						fn(*held)
						held = nil
					}
				})
			}
			return
		}
		held = nil
		last = time.Now()
		fn(p)
	}
}

// latest returns a function, safe from any goroutine, that has show
// called with its value on the UI goroutine (through do). While a call
// waits in the UI goroutine's queue, a newer value replaces the one it
// will show rather than queue another call. Fyne's queue has no bound
// and its loop runs one queued call per frame drawn when frames are
// slow: on a loaded machine (software OpenGL, load 20) it ran fewer
// calls than an import's progress queued, and the strip showed minutes
// old counts ("1.719/8.001" with 7,900 stored), the answer to a search
// or a save waiting behind them (usertest session 9, findings 1 and 2).
func latest[T any](do func(func()), show func(T)) func(T) {
	var (
		mu     sync.Mutex
		val    T
		queued bool
	)
	return func(x T) {
		mu.Lock()
		val = x
		wait := queued
		queued = true
		mu.Unlock()
		if wait {
			return
		}
		do(func() {
			mu.Lock()
			x := val
			queued = false
			mu.Unlock()
			show(x)
		})
	}
}

// once returns a function, safe from any goroutine, that has fn called
// on the UI goroutine (through do), with at most one call queued (see
// latest).
func once(do func(func()), fn func()) func() {
	call := latest(do, func(struct{}) { fn() })
	return func() { call(struct{}{}) }
}

// view is the main screen over one open archive.
type view struct {
	s   *session
	arc *index.Archive
	win fyne.Window
	do  func(func())
	// find runs the searches of the list (arc), busyWaits apart while the
	// index is being replaced (untilNotBusy).
	find      searcher
	busyWaits []time.Duration
	// importInto imports into the archive (arc.Import; tests look at
	// what is asked).
	importInto func(ctx context.Context, paths []string, opt index.ImportOptions) (*index.ImportReport, error)
	// readOnlyText is the strip's sentence over an archive opened for
	// reading only (nil over a writable one).
	readOnlyText *widget.Label

	search   *searchBar
	browse   *browsePanel
	chips    *chipBar
	timeline *timeline
	results  *resultList
	reader   *reader
	review   *reviewButton
	panels   *panels  // the columns' widths
	bulk     *bulkBar // what to do with the ticked results
	// importing is the import under way, if any (the window's X asks
	// before it stops one).
	importing *importRun
	// imports is the strip at the window's foot that shows an import.
	imports *importStrip
	// refiling is the change of the campaigns or topics whose documents
	// are being filed again, if any, shown in refiles (refiling.go).
	refiling *refiling
	refiles  *refileStrip
	// news counts the documents an import added since the list was
	// shown, which the list does not move to show.
	news *importNews
	// toolbar are the controls of the top row, in Tab's order (focus.go).
	toolbar []fyne.Focusable
	saved   *savedPanel     // the saved searches, atop the browse column
	body    *fyne.Container // the welcome or the search screen
	main    fyne.CanvasObject
	welcome *welcome

	// state is what is searched for and where its search stands.
	state searchState

	ctx     context.Context // cancelled when the view stops
	stopAll context.CancelFunc
	wg      sync.WaitGroup // the view's goroutines

	stopped bool
	// warmStarted says that the facet tables' warming was started
	// (warmFacets).
	warmStarted bool
	busy        int // progress dialogs open
	// busySign shows, beside the result count, work that takes a while.
	busySign *busySign
	wantDoc  string // the document last asked for in the reader
	// lastEdit is the edit form opened last by "save and next" (for tests).
	lastEdit *editForm
	// editing is the edit form open over the window, nil when none is:
	// a change of language carries what is typed in it to the new view.
	editing *editForm
}

func newView(s *session, arc *index.Archive) *view {
	v := &view{s: s, arc: arc, win: s.win, do: s.do, state: searchState{sort: index.ByRelevance}, find: arc, busyWaits: busyWaits, importInto: arc.Import}
	v.ctx, v.stopAll = context.WithCancel(context.Background())
	v.busySign = newBusySign(v.do)
	v.news = newImportNews(v.onShowNews)
	v.search = newSearchBar(v)
	v.browse = newBrowsePanel(v.onFilterToggled)
	v.chips = newChipBar(v.do)
	v.timeline = newTimeline(v.onYearTapped)
	v.results = newResultList(v.onResultSelected, v.fetchPage)
	v.results.later = v.do
	v.bulk = newBulkBar(v)
	v.results.onMarked = v.bulk.update
	v.reader = newReader(v)
	v.review = newReviewButton(&v.state, v.runSearch)
	v.welcome = newWelcome(v)
	v.imports = newImportStrip()
	v.refiles = newRefileStrip()
	v.wireKeys()
	return v
}

// content lays out the main screen.
func (v *view) content() fyne.CanvasObject {
	resultsCol := container.NewBorder(
		// The bar for ticked results sits below the list, so that showing it
		// does not move the rows under the pointer.
		container.NewVBox(v.search.statusRow(), v.chips.object(), v.timeline), v.bulk.object(), nil, nil,
		v.results.object())
	v.chips.flow.outer = resultsCol
	v.saved = newSavedPanel(v)
	v.panels = newPanels(v.browse.content(v.saved.object()), resultsCol, v.reader.content(), v.s.app.Preferences())
	v.panels.onToggled = func() {
		if v.reader.doc != nil && len(v.reader.metaBox.Objects) > 0 {
			v.reader.placeMeta() // beside the text or under it, for the new width
		}
	}
	v.panels.setReading(v.reader.doc != nil)
	v.main = v.panels.object()
	v.body = container.NewStack(v.main)
	toolbar := container.NewBorder(nil, nil, v.panels.fold, v.actionButtons(), v.search.content())
	top := toolbar
	if strip := v.readOnlyStrip(); strip != nil {
		top = container.NewVBox(strip, toolbar)
	}
	foot, fit := newFoot(v.refiles.object(), v.imports.object())
	v.refiles.changed, v.imports.changed = fit, fit
	return container.NewBorder(top, foot, nil, nil, v.body)
}

// actionButtons are the toolbar's buttons beside the search box.
func (v *view) actionButtons() fyne.CanvasObject {
	// One import button with a choice of files or a folder keeps the
	// toolbar within a 1024-pixel screen.
	var imp *tabButton
	imp = newTabButton(lang.L("Nhập"), theme.ContentAddIcon(), func() {
		if v.refuseReadOnly() {
			return
		}
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(lang.L("Nhập tệp…"), v.onImportFiles),
			fyne.NewMenuItem(lang.L("Nhập thư mục…"), v.onImportFolder))
		showMenuUnder(menu, imp)
	})
	if v.readOnly() {
		imp.Disable()
	}
	trash := newTabButton("", theme.DeleteIcon(), v.onShowTrash)
	settings := newTabButton("", theme.SettingsIcon(), v.onShowSettings)
	v.toolbar = []fyne.Focusable{v.panels.fold, v.search.help, v.search.sort, imp, v.review.button, trash, settings}
	v.wireToolbar()
	v.review.bar = container.NewHBox(imp, v.review.button, trash, settings)
	return v.review.bar
}

// mainMenu is the window's menu bar.
func (v *view) mainMenu() *fyne.MainMenu {
	// Shortcuts of menu items work wherever the keyboard is, but not
	// while a dialog is open; those of the canvas not while a text box
	// (the search box, most of the time) has it. Quitting asks during an
	// import, as closing the window does.
	keyed := func(label string, sc *desktop.CustomShortcut, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, v.unlessDialog(f))
		it.Shortcut = sc
		return it
	}
	importFiles := keyed(lang.L("Nhập tệp…"), shortcutImport, v.onImportFiles)
	// Thoát quits over a dialog too, as the window's cross does (usertest
	// s28: Ctrl+Q did nothing with the edit form open).
	quit := fyne.NewMenuItem(lang.L("Thoát"), v.s.onQuitKey)
	quit.Shortcut = shortcutQuit
	quit.IsQuit = true
	find := keyed(lang.L("Tìm văn bản"), shortcutSearch, v.onFocusSearch)
	// Delete, F1 and Shift+F1 take no modifier Fyne's menus run: the menu
	// shows them, onKey does them.
	del := fyne.NewMenuItem(lang.L("Chuyển vào Thùng rác…"), v.onDeleteKey)
	del.Shortcut = shortcutDelete
	guide := fyne.NewMenuItem(lang.L("Hướng dẫn sử dụng"), v.onShowGuide)
	guide.Shortcut = shortcutGuide
	searchHelp := fyne.NewMenuItem(lang.L("Cách tìm kiếm"), v.search.onHelp)
	searchHelp.Shortcut = shortcutSearchHelp
	file := fyne.NewMenu(lang.L("Tệp"),
		importFiles,
		fyne.NewMenuItem(lang.L("Nhập thư mục…"), v.onImportFolder),
		fyne.NewMenuItem(lang.L("Nhập văn bản mẫu"), v.onImportSamples),
		fyne.NewMenuItem(lang.L("Kết quả lần nhập gần nhất…"), v.onShowImportReport),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Xuất danh mục văn bản (Excel hoặc trang in)…"), v.onExportCatalog),
		fyne.NewMenuItem(lang.L("Xuất gói văn bản (danh sách đang hiện hoặc văn bản đã chọn)…"), v.onExportPack),
		fyne.NewMenuItem(lang.L("Nhập gói văn bản…"), v.onImportPack),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Sao lưu kho…"), v.onBackup),
		fyne.NewMenuItem(lang.L("Khôi phục từ bản sao lưu…"), v.onRestoreBackup),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Thùng rác"), v.onShowTrash),
		fyne.NewMenuItem(lang.L("Cài đặt…"), v.onShowSettings),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	docs := fyne.NewMenu(lang.L("Văn bản"),
		find,
		keyed(lang.L("Sửa thông tin văn bản…"), shortcutEdit, v.reader.onEdit),
		del,
		keyed(lang.L("Đóng văn bản"), shortcutClose, v.onCloseDocument),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Văn bản cần xem lại"), v.review.onToggle),
		fyne.NewMenuItem(lang.L("Chọn tất cả kết quả"), v.onMarkAll),
		fyne.NewMenuItem(lang.L("Phong trào và chủ đề…"), v.onShowCategories),
		fyne.NewMenuItem(lang.L("Ẩn/hiện bảng duyệt"), v.panels.toggleBrowse),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.L("Xây dựng lại chỉ mục tìm kiếm"), v.onRebuild),
	)
	help := fyne.NewMenu(lang.L("Trợ giúp"),
		guide,
		searchHelp,
		fyne.NewMenuItem(lang.L("Giới thiệu"), v.onAbout),
	)
	return fyne.NewMainMenu(file, docs, help)
}

// start wires the keyboard and the dropped files, and runs the first
// search.
func (v *view) start() {
	v.addShortcuts()
	v.win.SetOnDropped(v.onDropped)
	v.search.entry.SetText(v.state.query)
	v.search.showSort(v.state.sort) // a view built again keeps the order
	v.runSearch()
	v.win.Canvas().Focus(v.search.entry)
}

// stop cancels the view's pending work and waits (a few seconds at
// most) for its goroutines to end, so that the archive can be closed.
func (v *view) stop() {
	v.stopped = true
	if v.state.timer != nil {
		v.state.timer.Stop()
	}
	if v.state.errTimer != nil {
		v.state.errTimer.Stop()
	}
	if v.state.facetTimer != nil {
		v.state.facetTimer.Stop()
	}
	v.stopAll()
	done := make(chan struct{})
	go func() {
		v.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		fyne.LogError("close window", errors.New("background work did not stop in time"))
	}
}

// spawn runs work in the background as part of the view.
func (v *view) spawn(work func()) {
	v.wg.Add(1)
	go func() {
		defer v.wg.Done()
		work()
	}()
}

// showError shows err as a short message. Safe from any goroutine.
func (v *view) showError(err error) {
	if err == nil {
		return
	}
	msg := messages.Error(err)
	v.do(func() { v.s.showInfo(lang.L("Có lỗi"), msg, v.win) })
}

// onAbout says what the program is.
func (v *view) onAbout() {
	text := widget.NewLabel(lang.L("Kho lưu trữ và tìm kiếm văn bản phong trào, chạy không cần mạng.") + "\n" +
		lang.L("Phiên bản: {{.Version}}", map[string]any{"Version": v.s.cfg.Version}) + "\n" +
		lang.L("Kho văn bản: {{.Dir}}", map[string]any{"Dir": v.arc.Dir()}))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(appTitle, lang.L("Đóng"), text, v.win)
	d.Resize(fyne.NewSize(560, 240))
	v.showDialog(d, nil)
}

// onRebuild rebuilds the search index from the stored documents.
func (v *view) onRebuild() {
	if v.refuseReadOnly() {
		return
	}
	v.s.showConfirm(lang.L("Xây dựng lại chỉ mục tìm kiếm"),
		lang.L("Đọc lại toàn bộ văn bản để dựng lại chỉ mục tìm kiếm. Việc này có thể mất vài phút. Tiếp tục?"),
		func(ok bool) {
			if !ok || v.refuseWhileImporting() || v.refuseWhileRefiling() {
				return
			}
			p := newProgressDialog(v, lang.L("Đang dựng lại chỉ mục tìm kiếm"))
			v.spawn(func() {
				err := v.arc.Rebuild(p.ctx, p.update)
				v.do(func() {
					p.hide()
					if err != nil && !errors.Is(err, context.Canceled) {
						// The index in place stays (index.Rebuild).
						v.s.showInfo(lang.L("Có lỗi"), lang.L("Chưa dựng lại được chỉ mục tìm kiếm: {{.Reason}} Chỉ mục cũ vẫn được dùng để tìm.",
							map[string]any{"Reason": messages.Error(err)}), v.win)
					}
					if err == nil {
						v.tellCopiedTwins()
					}
					v.runSearch()
				})
			})
		}, v.win)
}
