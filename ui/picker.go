package ui

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index/extract"
)

// Fyne's own file dialog names its places in English ("Home", "Computer",
// "Documents"…, hard-coded in fyne/dialog) and picks one file at a time.
// The picker here is ours: Vietnamese, several files (and folders) at once
// with check boxes, only the files the importer reads, drives on Windows.
// On Windows the system's own Open dialog is used first (picker_windows.go).

// importExts are the extensions the importer reads (index/extract), zip
// archives included: shown to people and used by the system's dialog. A
// test checks them against extract.Supported.
const importExts = ".doc .docx .odt .rtf .pdf .html .htm .txt .md .zip"

// pickMode says what a picker chooses.
type pickMode int

const (
	pickImport pickMode = iota // several files and folders to import
	pickOne                    // one file with one of the given extensions
	pickDir                    // a folder
	pickSave                   // a folder and the name of a new file
)

// pickOptions describe one use of the picker.
type pickOptions struct {
	mode    pickMode
	title   string
	confirm string   // the confirm button's text (pickImport counts the chosen)
	exts    []string // pickOne, pickSave: the extensions shown (".zip")
	name    string   // pickSave: the suggested file name
}

// errPickCancelled is a system dialog closed without a choice.
var errPickCancelled = errors.New("pick cancelled")

// nativePick, when set (on Windows), shows the system's own dialog for
// opt, owned by the window with handle owner; it blocks until closed.
var nativePick func(owner uintptr, opt pickOptions) ([]string, error)

// prefPickerDir is the folder the picker was last in.
const prefPickerDir = "picker.dir"

// pick asks for files or a folder as opt says and calls use with the
// chosen paths (none when cancelled: use is not called). It returns our
// own picker, or nil when the system's dialog is shown instead.
func (s *session) pick(opt pickOptions, use func(paths []string)) *picker {
	if nativePick != nil {
		owner := windowHandle(s.win)
		go func() {
			paths, err := nativePick(owner, opt)
			s.do(func() {
				switch {
				case err == nil && len(paths) > 0:
					use(paths)
				case err == nil || errors.Is(err, errPickCancelled):
				default:
					// The system dialog failed: ours is always there.
					fyne.LogError("system file dialog", err)
					s.pickOwn(opt, use)
				}
			})
		}()
		return nil
	}
	return s.pickOwn(opt, use)
}

// pickOwn shows our own picker.
func (s *session) pickOwn(opt pickOptions, use func([]string)) *picker {
	p := newPicker(s.win, s.app.Preferences(), opt, use)
	p.show()
	return p
}

// windowHandle is the Windows handle of w, or 0.
func windowHandle(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				h = c.HWND
			}
		})
	}
	return h
}

// picker is the file and folder chooser.
type picker struct {
	win    fyne.Window
	prefs  fyne.Preferences
	opt    pickOptions
	onDone func([]string)

	dir     string // the folder shown; "" is the computer's drives (Windows)
	entries []pickEntry
	chosen  []string // ticked paths, in the order they were ticked

	places  []place
	list    *pickerList
	crumbs  *fyne.Container
	path    *widget.Entry
	status  *widget.Label
	ok      *widget.Button
	name    *widget.Entry // pickSave
	all     *widget.Button
	dialog  *dialog.CustomDialog
	canvas  fyne.Canvas
	current int // the row last activated, for the keyboard
}

// pickEntry is one row: a folder or a file.
type pickEntry struct {
	name, path string
	dir        bool
}

// place is a shortcut in the picker's side list.
type place struct {
	label, path string
	icon        fyne.Resource
}

func newPicker(win fyne.Window, prefs fyne.Preferences, opt pickOptions, onDone func([]string)) *picker {
	p := &picker{win: win, prefs: prefs, opt: opt, onDone: onDone, canvas: win.Canvas()}
	p.places = places()
	p.build()
	start := prefs.String(prefPickerDir)
	if st, err := os.Stat(start); start == "" || err != nil || !st.IsDir() {
		start, _ = os.UserHomeDir()
	}
	p.open(start)
	return p
}

func (p *picker) build() {
	p.list = newPickerList(p)
	p.crumbs = container.NewHBox()
	p.path = widget.NewEntry()
	p.path.OnSubmitted = p.onPathTyped
	up := widget.NewButtonWithIcon(lang.L("Lên trên"), theme.MoveUpIcon(), p.onUp)
	top := container.NewVBox(
		container.NewBorder(nil, nil, up, nil, container.NewHScroll(p.crumbs)),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Đường dẫn")), nil, p.path),
	)
	side := widget.NewList(func() int { return len(p.places) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(nil), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(p.places[i].label)
			c.Objects[1].(*widget.Icon).SetResource(p.places[i].icon)
		})
	side.OnSelected = func(i widget.ListItemID) {
		side.UnselectAll()
		p.open(p.places[i].path)
		p.canvas.Focus(p.list)
	}
	hint := widget.NewLabel(p.hint())
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle.Italic = true
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	var bottom []fyne.CanvasObject
	if p.opt.mode == pickSave {
		p.name = widget.NewEntry()
		p.name.SetText(p.opt.name)
		p.name.OnSubmitted = func(string) { p.onConfirm() }
		bottom = append(bottom, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Tên tệp")), nil, p.name))
	}
	bottom = append(bottom, p.status)
	files := container.NewBorder(nil, container.NewVBox(bottom...), nil, nil, p.list)
	split := container.NewHSplit(side, files)
	split.Offset = 0.25
	body := container.NewBorder(top, hint, nil, nil, split)

	p.ok = widget.NewButtonWithIcon(p.opt.confirm, theme.ConfirmIcon(), p.onConfirm)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Hủy"), theme.CancelIcon(), p.onCancel)
	buttons := []fyne.CanvasObject{cancel}
	if p.opt.mode == pickImport {
		p.all = widget.NewButton(lang.L("Chọn tất cả ở đây"), p.onSelectAll)
		buttons = append(buttons, p.all)
	}
	buttons = append(buttons, p.ok)
	p.dialog = dialog.NewCustomWithoutButtons(p.opt.title, body, p.win)
	p.dialog.SetButtons(buttons)
	p.dialog.Resize(dialogSize(p.win))
}

// hint says which files are shown.
func (p *picker) hint() string {
	switch p.opt.mode {
	case pickImport:
		return lang.L("Đánh dấu các tệp (và thư mục) cần nhập, ở một hay nhiều thư mục, rồi bấm Nhập. Chỉ hiện thư mục và các tệp nhập được: {{.Ext}}", map[string]any{"Ext": importExts})
	case pickDir:
		return lang.L("Mở thư mục cần chọn rồi bấm nút chọn.")
	default:
		return lang.L("Chỉ hiện thư mục và các tệp {{.Ext}}", map[string]any{"Ext": strings.Join(p.opt.exts, " ")})
	}
}

// show puts the picker on screen with the keyboard in the file list.
func (p *picker) show() {
	p.dialog.Show()
	p.canvas.Focus(p.list)
}

// open shows the folder dir ("" is the list of drives on Windows).
func (p *picker) open(dir string) {
	entries, err := p.read(dir)
	if err != nil {
		p.status.SetText(lang.L("Không mở được thư mục: {{.Dir}}", map[string]any{"Dir": dir}))
		return
	}
	p.dir, p.entries, p.current = dir, entries, -1
	p.path.SetText(dir)
	p.showCrumbs()
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.list.Refresh()
	p.update()
}

// read lists dir's folders and the files this picker offers, folders
// first, by name.
func (p *picker) read(dir string) ([]pickEntry, error) {
	if dir == "" {
		var out []pickEntry
		for _, d := range listDrives(os.Stat) {
			out = append(out, pickEntry{name: d, path: d, dir: true})
		}
		return out, nil
	}
	des, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []pickEntry
	for _, de := range des {
		name := de.Name()
		if hiddenName(name) {
			continue
		}
		full := filepath.Join(dir, name)
		isDir := de.IsDir()
		if de.Type()&os.ModeSymlink != 0 {
			st, err := os.Stat(full)
			if err != nil {
				continue
			}
			isDir = st.IsDir()
		}
		if isDir || p.offers(name) {
			out = append(out, pickEntry{name: name, path: full, dir: isDir})
		}
	}
	slices.SortFunc(out, func(a, b pickEntry) int {
		if a.dir != b.dir {
			if a.dir {
				return -1
			}
			return 1
		}
		return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name))
	})
	return out, nil
}

// offers reports whether a file of this name is shown.
func (p *picker) offers(name string) bool {
	switch p.opt.mode {
	case pickImport:
		return extract.Supported(name) || extract.IsArchive(name)
	case pickOne, pickSave:
		ext := strings.ToLower(filepath.Ext(name))
		return len(p.opt.exts) == 0 || slices.Contains(p.opt.exts, ext)
	}
	return false
}

// hiddenName reports files and folders people do not look for.
func hiddenName(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return true
	}
	switch strings.ToLower(name) {
	case "$recycle.bin", "system volume information", "desktop.ini", "thumbs.db":
		return true
	}
	return false
}

// showCrumbs writes the path as buttons, one per folder.
func (p *picker) showCrumbs() {
	var objs []fyne.CanvasObject
	add := func(label, path string) {
		b := widget.NewButton(label, func() { p.open(path) })
		b.Importance = widget.LowImportance
		if len(objs) > 0 {
			objs = append(objs, widget.NewLabel("›"))
		}
		objs = append(objs, b)
	}
	for _, c := range crumbs(p.dir, runtime.GOOS == "windows") {
		label := c.label
		if label == "" {
			label = lang.L("Máy tính")
		}
		add(label, c.path)
	}
	p.crumbs.Objects = objs
	p.crumbs.Refresh()
}

// crumb is one step of a path.
type crumb struct{ label, path string }

// crumbs splits dir into its folders from the top: the computer ("", the
// drives on Windows, / elsewhere), then each folder.
func crumbs(dir string, windows bool) []crumb {
	if windows {
		out := []crumb{{"", ""}}
		if dir == "" {
			return out
		}
		vol := filepath.VolumeName(dir)
		out = append(out, crumb{vol + `\`, vol + `\`})
		at := vol + `\`
		for _, part := range strings.FieldsFunc(dir[len(vol):], func(r rune) bool { return r == '\\' || r == '/' }) {
			at = filepath.Join(at, part)
			out = append(out, crumb{part, at})
		}
		return out
	}
	out := []crumb{{"", "/"}}
	at := "/"
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		if part == "" {
			continue
		}
		at = filepath.Join(at, part)
		out = append(out, crumb{part, at})
	}
	return out
}

// parent is the folder above dir: "" (the drives) above a Windows drive.
func parent(dir string) string {
	if dir == "" {
		return ""
	}
	up := filepath.Dir(dir)
	if up == dir {
		if runtime.GOOS == "windows" {
			return ""
		}
		return dir
	}
	return up
}

func (p *picker) onUp() {
	p.open(parent(p.dir))
	p.canvas.Focus(p.list)
}

// onPathTyped opens a folder typed in the path box, or ticks a file.
func (p *picker) onPathTyped(text string) {
	text = strings.TrimSpace(text)
	st, err := os.Stat(text)
	switch {
	case err != nil:
		p.status.SetText(lang.L("Không có thư mục hay tệp này: {{.Path}}", map[string]any{"Path": text}))
	case st.IsDir():
		p.open(text)
		p.canvas.Focus(p.list)
	case p.opt.mode != pickDir && p.offers(filepath.Base(text)):
		p.open(filepath.Dir(text))
		if !slices.Contains(p.chosen, text) {
			p.toggle(text)
		}
	default:
		p.status.SetText(lang.L("Không nhập được loại tệp này: {{.Path}}", map[string]any{"Path": text}))
	}
}

// activate is a tap, Enter or Space on row i: a folder opens, a file is
// ticked or unticked (chosen, for one file).
func (p *picker) activate(i int) {
	if i < 0 || i >= len(p.entries) {
		return
	}
	p.current = i
	e := p.entries[i]
	switch {
	case e.dir:
		p.open(e.path)
	case p.opt.mode == pickSave:
		p.name.SetText(e.name)
	default:
		p.toggle(e.path)
	}
}

// toggle ticks or unticks a path; for one file, it replaces the choice.
func (p *picker) toggle(path string) {
	if i := slices.Index(p.chosen, path); i >= 0 {
		p.chosen = slices.Delete(p.chosen, i, i+1)
	} else if p.opt.mode == pickOne {
		p.chosen = []string{path}
	} else {
		p.chosen = append(p.chosen, path)
	}
	p.list.Refresh()
	p.update()
}

// onSelectAll ticks every file of the folder shown (or unticks them when
// they all are).
func (p *picker) onSelectAll() {
	var files []string
	for _, e := range p.entries {
		if !e.dir {
			files = append(files, e.path)
		}
	}
	all := len(files) > 0
	for _, f := range files {
		all = all && slices.Contains(p.chosen, f)
	}
	for _, f := range files {
		if i := slices.Index(p.chosen, f); i >= 0 && all {
			p.chosen = slices.Delete(p.chosen, i, i+1)
		} else if i < 0 && !all {
			p.chosen = append(p.chosen, f)
		}
	}
	p.list.Refresh()
	p.update()
}

// update shows what is chosen and whether it can be confirmed.
func (p *picker) update() {
	switch p.opt.mode {
	case pickImport:
		n := len(p.chosen)
		p.status.SetText(lang.L("Đã chọn {{.Count}} mục", map[string]any{"Count": n}))
		p.ok.SetText(lang.L("Nhập {{.Count}} mục", map[string]any{"Count": n}))
		setEnabled(p.ok, n > 0)
	case pickOne:
		if len(p.chosen) == 1 {
			p.status.SetText(lang.L("Đã chọn: {{.File}}", map[string]any{"File": p.chosen[0]}))
		} else {
			p.status.SetText(lang.L("Chưa chọn tệp nào"))
		}
		setEnabled(p.ok, len(p.chosen) == 1)
	case pickDir, pickSave:
		p.status.SetText(lang.L("Thư mục: {{.Dir}}", map[string]any{"Dir": p.dir}))
		setEnabled(p.ok, p.dir != "")
	}
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// onConfirm hands the choice over and closes the picker.
func (p *picker) onConfirm() {
	var paths []string
	switch p.opt.mode {
	case pickImport, pickOne:
		paths = slices.Clone(p.chosen)
	case pickDir:
		paths = []string{p.dir}
	case pickSave:
		name := strings.TrimSpace(p.name.Text)
		if name == "" || p.dir == "" || strings.ContainsAny(name, `/\`) {
			p.status.SetText(lang.L("Hãy gõ tên tệp."))
			return
		}
		if len(p.opt.exts) > 0 && !slices.Contains(p.opt.exts, strings.ToLower(filepath.Ext(name))) {
			name += p.opt.exts[0]
		}
		path := filepath.Join(p.dir, name)
		if _, err := os.Stat(path); err == nil {
			d := dialog.NewConfirm(lang.L("Tệp đã có"), lang.L("Đã có tệp {{.File}}. Ghi đè lên tệp đó?", map[string]any{"File": name}), func(ok bool) {
				if ok {
					p.done([]string{path})
				}
			}, p.win)
			d.SetConfirmImportance(widget.DangerImportance)
			d.Show()
			return
		}
		paths = []string{path}
	}
	if len(paths) == 0 || paths[0] == "" {
		return
	}
	p.done(paths)
}

func (p *picker) done(paths []string) {
	// The next picker starts here. Saved once, not at every folder: each
	// change rewrites the preferences file.
	if p.dir != "" {
		p.prefs.SetString(prefPickerDir, p.dir)
	}
	p.dialog.Hide()
	p.onDone(paths)
}

func (p *picker) onCancel() { p.dialog.Hide() }

// pickerList is the list of a folder's contents; Enter and Space open a
// folder or tick a file, Backspace goes up, Esc cancels.
type pickerList struct {
	widget.List
	p *picker
}

func newPickerList(p *picker) *pickerList {
	l := &pickerList{p: p}
	l.Length = func() int { return len(p.entries) }
	l.CreateItem = func() fyne.CanvasObject { return newPickerRow() }
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		e := p.entries[i]
		o.(*pickerRow).set(e, p.checkable(e), slices.Contains(p.chosen, e.path), func() { p.toggle(e.path) })
	}
	l.OnSelected = func(i widget.ListItemID) {
		l.UnselectAll()
		p.activate(i)
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey adds Enter, Backspace and Esc to the list's keys.
func (l *pickerList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyBackspace:
		l.p.onUp()
	case fyne.KeyEscape:
		l.p.onCancel()
	default:
		l.List.TypedKey(k)
	}
}

// checkable reports whether e gets a check box.
func (p *picker) checkable(e pickEntry) bool {
	return p.opt.mode == pickImport || p.opt.mode == pickOne && !e.dir
}

// pickerRow is one folder or file with its check box.
type pickerRow struct {
	widget.BaseWidget
	check *widget.Check
	icon  *widget.Icon
	name  *widget.Label
}

func newPickerRow() *pickerRow {
	r := &pickerRow{check: widget.NewCheck("", nil), icon: widget.NewIcon(theme.FileIcon()), name: widget.NewLabel("")}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickerRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, container.NewHBox(r.check, r.icon), nil, r.name))
}

func (r *pickerRow) set(e pickEntry, checkable, checked bool, onToggle func()) {
	r.check.OnChanged = nil
	r.check.SetChecked(checked)
	r.check.OnChanged = func(bool) { onToggle() }
	if checkable {
		r.check.Show()
	} else {
		r.check.Hide()
	}
	if e.dir {
		r.icon.SetResource(theme.FolderIcon())
	} else {
		r.icon.SetResource(theme.FileIcon())
	}
	r.name.SetText(e.name)
}

// places are the shortcuts: the person's folders, USB sticks and the
// computer (its drives on Windows), those that exist.
func places() []place {
	var out []place
	add := func(label, path string, icon fyne.Resource) {
		if path == "" || slices.ContainsFunc(out, func(o place) bool { return o.path == path }) {
			return
		}
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			out = append(out, place{label, path, icon})
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		add(lang.L("Thư mục cá nhân"), h, theme.HomeIcon())
		dirs := userDirs(h, os.ReadFile)
		add(lang.L("Màn hình nền"), dirs["DESKTOP"], theme.DesktopIcon())
		add(lang.L("Tài liệu"), dirs["DOCUMENTS"], theme.DocumentIcon())
		add(lang.L("Tải về"), dirs["DOWNLOAD"], theme.DownloadIcon())
	}
	if runtime.GOOS == "windows" {
		out = append(out, place{lang.L("Máy tính"), "", theme.ComputerIcon()})
		for _, d := range listDrives(os.Stat) {
			add(lang.L("Ổ đĩa {{.Drive}}", map[string]any{"Drive": d}), d, theme.StorageIcon())
		}
		return out
	}
	// USB sticks and other mounted disks.
	if u := os.Getenv("USER"); u != "" {
		for _, base := range []string{"/media/" + u, "/run/media/" + u} {
			des, _ := os.ReadDir(base)
			for _, de := range des {
				add(de.Name(), filepath.Join(base, de.Name()), theme.StorageIcon())
			}
		}
	}
	add(lang.L("Máy tính"), "/", theme.ComputerIcon())
	return out
}

// userDirs finds the Desktop, Documents and Download folders: those of
// ~/.config/user-dirs.dirs on Linux (named in the person's language), else
// the usual English names under home.
func userDirs(home string, readFile func(string) ([]byte, error)) map[string]string {
	dirs := map[string]string{
		"DESKTOP":   filepath.Join(home, "Desktop"),
		"DOCUMENTS": filepath.Join(home, "Documents"),
		"DOWNLOAD":  filepath.Join(home, "Downloads"),
	}
	if runtime.GOOS == "windows" {
		return dirs
	}
	data, err := readFile(filepath.Join(home, ".config", "user-dirs.dirs"))
	if err != nil {
		return dirs
	}
	for _, line := range strings.Split(string(data), "\n") {
		key, val, ok := strings.Cut(strings.TrimSpace(line), "=")
		name, isDir := strings.CutPrefix(key, "XDG_")
		name, isDir2 := strings.CutSuffix(name, "_DIR")
		if !ok || !isDir || !isDir2 {
			continue
		}
		if _, wanted := dirs[name]; !wanted {
			continue
		}
		val = strings.Trim(val, `"`)
		val = strings.Replace(val, "$HOME", home, 1)
		if filepath.IsAbs(val) && filepath.Clean(val) != filepath.Clean(home) {
			dirs[name] = val
		}
	}
	return dirs
}

// listDrives lists the drives C:\ to Z:\ that answer stat (A: and B:
// are floppy drives, slow to ask).
func listDrives(stat func(string) (os.FileInfo, error)) []string {
	var out []string
	for c := 'C'; c <= 'Z'; c++ {
		d := string(c) + `:\`
		if _, err := stat(d); err == nil {
			out = append(out, d)
		}
	}
	return out
}
