package ui

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/ui/messages"
)

// The picker's dialog: the folder shown with its breadcrumbs and path box,
// the side list of places, the choice so far and the buttons that end it.

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
	side    *placeList // the places
	list    *pickerList
	crumbs  *fyne.Container
	folders []*dialogButton // the breadcrumbs' buttons, from the top
	path    *dialogEntry
	status  *widget.Label
	ok      *widget.Button
	name    *dialogEntry // pickSave
	all     *widget.Button
	dialog  *dialog.CustomDialog
	canvas  fyne.Canvas
	current int         // the row last activated, for the keyboard
	keys    *dialogKeys // the session's: the picker and its question take Enter and Escape

	// failed says why the folder shown (p.dir) could not be read: the
	// list is empty and nothing in it can be chosen, so that the path box,
	// the breadcrumbs and what a confirm takes all name the same folder
	// (usertest finding 13: the folder shown before was imported).
	failed  string
	problem *widget.Label // failed, over the empty list
	readDir func(string) ([]os.DirEntry, error)
}

func newPicker(win fyne.Window, prefs fyne.Preferences, opt pickOptions, onDone func([]string)) *picker {
	p := &picker{win: win, prefs: prefs, opt: opt, onDone: onDone, canvas: win.Canvas(), readDir: os.ReadDir}
	p.places = places()
	p.build()
	p.open(p.start())
	return p
}

// start is the folder the picker opens in: the one its kind of pick was
// last in (its place, else the folder last saved into, or last chosen
// from), else Documents. A place never falls back to the folder of the
// last import: a backup or a pack is not kept among the originals.
func (p *picker) start() string {
	keys := []string{prefPickerDir}
	switch {
	case p.opt.place != "":
		keys = []string{p.opt.place, prefPickerSaveDir}
	case p.opt.mode == pickSave:
		keys = []string{prefPickerSaveDir}
	}
	for _, k := range keys {
		dir := p.prefs.String(k)
		if st, err := os.Stat(dir); dir != "" && err == nil && st.IsDir() {
			return dir
		}
	}
	return defaultStart()
}

// defaultStart is where a picker opens the first time: Documents, where
// office files are kept (usertest s12: every pick started at the home
// folder), else home.
func defaultStart() string {
	home, _ := os.UserHomeDir()
	if home != "" {
		if docs := userDirs(home, os.ReadFile)["DOCUMENTS"]; docs != "" {
			if st, err := os.Stat(docs); err == nil && st.IsDir() {
				return docs
			}
		}
	}
	return home
}

func (p *picker) build() {
	p.list = newPickerList(p)
	p.crumbs = container.NewHBox()
	// The path box and the name take Escape to the picker; Enter opens
	// the path typed, or saves under the name.
	p.path = newDialogEntry()
	p.path.OnSubmitted = p.onPathTyped
	up := newDialogButton(lang.L("Lên trên"), theme.MoveUpIcon(), p.onUp)
	top := container.NewVBox(
		container.New(layout.NewBorderLayout(nil, nil, up, nil), up, container.NewHScroll(p.crumbs)),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Đường dẫn")), nil, p.path),
	)
	p.side = newPlaceList(p.places, p.onPlace)
	hint := widget.NewLabel(p.hint())
	hint.Wrapping = fyne.TextWrapWord
	hint.TextStyle.Italic = true
	p.status = widget.NewLabel("")
	p.status.Truncation = fyne.TextTruncateEllipsis
	var bottom []fyne.CanvasObject
	if p.opt.mode == pickSave {
		p.name = newDialogEntry()
		p.name.SetText(p.opt.name)
		p.name.OnSubmitted = func(string) { p.onConfirm() }
		bottom = append(bottom, container.NewBorder(nil, nil, widget.NewLabel(lang.L("Tên tệp")), nil, p.name))
	}
	bottom = append(bottom, p.status)
	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	files := container.NewBorder(nil, container.NewVBox(bottom...), nil, nil, container.NewStack(p.list, container.NewVBox(p.problem)))
	split := container.NewHSplit(p.side, files)
	split.Offset = 0.25
	// In the order Tab takes them (a Border puts its centre first): the
	// folder and path, the places and files, the buttons.
	body := container.New(layout.NewBorderLayout(top, hint, nil, nil), top, split, hint)

	// Buttons that Enter presses, as Space does (dialogButton); p.ok and
	// p.all change with the choice.
	ok := newDialogButton(p.opt.confirm, theme.ConfirmIcon(), p.onConfirm)
	ok.Importance = widget.HighImportance
	p.ok = &ok.Button
	buttons := []fyne.CanvasObject{newDialogButton(lang.L("Hủy"), theme.CancelIcon(), p.onCancel)}
	if p.opt.mode == pickImport {
		all := newDialogButton(lang.L("Chọn tất cả ở đây"), nil, p.onSelectAll)
		p.all = &all.Button
		buttons = append(buttons, all)
	}
	buttons = append(buttons, ok)
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

// show puts the picker on screen with the keyboard in the file list;
// keys are the session's dialogs, which then give Enter (where no field
// or row takes it) to the confirm button and Escape to Hủy.
func (p *picker) show(keys *dialogKeys) {
	p.keys = keys
	keys.show(p.win, p.dialog, p.onConfirm, p.list)
}

// open shows the folder dir ("" is the list of drives on Windows).
func (p *picker) open(dir string) {
	entries, err := p.read(dir)
	if err != nil {
		p.fail(dir, cannotRead(dir, err))
		return
	}
	p.dir, p.entries, p.current, p.failed = dir, entries, -1, ""
	p.problem.Hide()
	p.path.SetText(dir)
	p.showCrumbs()
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.list.Refresh()
	p.update()
}

// fail shows the folder dir as one that could not be read, for why: an
// empty list that says so, and nothing of it to choose.
func (p *picker) fail(dir, why string) {
	p.dir, p.entries, p.current, p.failed = dir, nil, -1, why
	p.path.SetText(dir)
	p.problem.SetText(why)
	p.problem.Show()
	p.showCrumbs()
	p.list.UnselectAll()
	p.list.Refresh()
	p.update()
}

// cannotRead says why the folder dir could not be read.
func cannotRead(dir string, err error) string {
	arg := map[string]any{"Dir": dir}
	switch {
	case errors.Is(err, os.ErrPermission):
		return lang.L("Không đọc được thư mục {{.Dir}}: máy không cho phép đọc thư mục này. Hãy chọn thư mục khác.", arg)
	case errors.Is(err, os.ErrNotExist):
		return lang.L("Không có thư mục {{.Dir}}. Hãy kiểm tra đường dẫn hoặc chọn thư mục khác.", arg)
	}
	return lang.L("Không đọc được thư mục {{.Dir}}. Hãy chọn thư mục khác.", arg)
}

// showCrumbs writes the path as buttons, one per folder.
func (p *picker) showCrumbs() {
	var objs []fyne.CanvasObject
	p.folders = nil
	add := func(label, path string) {
		b := newDialogButton(label, nil, func() { p.open(path) })
		b.Importance = widget.LowImportance
		if len(objs) > 0 {
			objs = append(objs, widget.NewLabel("›"))
		}
		objs = append(objs, b)
		p.folders = append(p.folders, b)
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

// onPlace opens a place of the side list.
func (p *picker) onPlace(pl place) {
	p.open(pl.path)
	p.canvas.Focus(p.list)
}

func (p *picker) onUp() {
	p.open(parent(p.dir))
	p.canvas.Focus(p.list)
}

// onPathTyped opens a folder typed in the path box, or takes a file: a
// file to import is ticked, a file to open (a backup, a pack) is opened,
// a file to save (new or not) is saved there (usertest s26: Enter on a
// whole path did not open it).
func (p *picker) onPathTyped(text string) {
	text = typedPath(text)
	st, err := os.Stat(text)
	dir, name := filepath.Dir(text), filepath.Base(text)
	switch {
	case err == nil && st.IsDir():
		p.open(text)
		p.canvas.Focus(p.list)
	case p.opt.mode == pickSave && isDir(dir) && p.offers(name):
		// Saved there under that name; a file that is there is asked
		// about. A name without the extension is taken as a folder
		// mistyped, not saved as a file.
		p.open(dir)
		p.name.SetText(name)
		p.onConfirm()
	case err != nil:
		p.fail(text, cannotRead(text, err))
		p.canvas.Focus(p.list)
	case p.opt.mode != pickDir && p.offers(name):
		p.open(dir)
		if !slices.Contains(p.chosen, text) {
			p.toggle(text)
		}
		if p.opt.mode == pickOne {
			p.onConfirm()
			return
		}
		if i := slices.IndexFunc(p.entries, func(e pickEntry) bool { return e.path == text }); i >= 0 {
			p.list.ScrollTo(i)
		}
	default:
		// The folder of the file is shown, so the path box and the list agree.
		p.open(dir)
		p.path.SetText(text)
		p.status.SetText(lang.L("Không nhập được loại tệp này: {{.Path}}", map[string]any{"Path": text}))
	}
}

// typedPath is the path typed or pasted in the path box, without the
// quotes that Windows' "Copy as path" puts round it, from the file://
// address a file manager copies, and with ~ as the home folder.
func typedPath(text string) string {
	text = strings.TrimSpace(text)
	if len(text) >= 2 && (text[0] == '"' || text[0] == '\'') && text[len(text)-1] == text[0] {
		text = strings.TrimSpace(text[1 : len(text)-1])
	}
	if len(text) > 7 && strings.EqualFold(text[:7], "file://") {
		if u, err := url.Parse("file://" + text[7:]); err == nil && u.Path != "" {
			text = u.Path
			if runtime.GOOS == "windows" {
				text = strings.TrimPrefix(text, "/") // /C:/Users
			}
			text = filepath.FromSlash(text)
		}
	}
	if text == "~" || strings.HasPrefix(text, "~/") || strings.HasPrefix(text, "~"+string(filepath.Separator)) {
		if home, err := os.UserHomeDir(); err == nil {
			text = filepath.Join(home, text[1:])
		}
	}
	return text
}

// isDir reports whether path is a folder.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
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
	case p.opt.mode == pickDir:
		// A file of the folder to import: the folder is what is chosen.
	case p.opt.mode == pickSave:
		p.name.SetText(e.name)
	case p.opt.mode == pickOne && slices.Equal(p.chosen, []string{e.path}):
		// The chosen file again, as a double click: open it.
		p.onConfirm()
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
	if p.all != nil {
		setEnabled(p.all, p.failed == "")
	}
	if p.failed != "" {
		// The list says why (p.problem). Files ticked in other folders
		// can still be imported; the folder that could not be read
		// cannot be chosen.
		p.status.SetText("")
		switch p.opt.mode {
		case pickImport:
			p.status.SetText(messages.N("Đã chọn {{.Count}} mục", len(p.chosen), map[string]any{"Count": formatCount(len(p.chosen))}))
			p.ok.SetText(messages.N("Nhập {{.Count}} mục", len(p.chosen), map[string]any{"Count": formatCount(len(p.chosen))}))
			setEnabled(p.ok, len(p.chosen) > 0)
		case pickOne:
			setEnabled(p.ok, len(p.chosen) == 1)
		default:
			p.ok.Disable()
		}
		return
	}
	switch p.opt.mode {
	case pickImport:
		n := len(p.chosen)
		p.status.SetText(messages.N("Đã chọn {{.Count}} mục", n, map[string]any{"Count": formatCount(n)}))
		p.ok.SetText(messages.N("Nhập {{.Count}} mục", n, map[string]any{"Count": formatCount(n)}))
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
		if p.opt.importDir && p.dir != "" {
			files, dirs := 0, 0
			for _, e := range p.entries {
				if e.dir {
					dirs++
				} else {
					files++
				}
			}
			data := map[string]any{"Dir": p.dir, "Count": formatCount(files)}
			// The folders inside are imported too: "0 tệp" alone over a
			// folder of folders read as a folder with nothing to import
			// (usertest s23).
			if dirs > 0 {
				p.status.SetText(messages.N("Thư mục: {{.Dir}} · {{.Count}} tệp nhập được ở đây, cùng tệp trong thư mục con", files, data))
			} else {
				p.status.SetText(messages.N("Thư mục: {{.Dir}} · {{.Count}} tệp nhập được ở đây", files, data))
			}
		}
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
	if p.failed != "" && (p.opt.mode == pickDir || p.opt.mode == pickSave) {
		return
	}
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
		name = safeFileName(name) // "CON.txt" would write to a device on Windows
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
			p.keys.show(p.win, d, nil, nil)
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
	if p.dir != "" && p.failed == "" {
		switch {
		case p.opt.place != "":
			p.prefs.SetString(p.opt.place, p.dir)
		case p.opt.mode == pickSave:
			p.prefs.SetString(prefPickerSaveDir, p.dir)
		default:
			p.prefs.SetString(prefPickerDir, p.dir)
		}
	}
	p.dialog.Hide()
	p.onDone(paths)
}

func (p *picker) onCancel() { p.dialog.Hide() }
