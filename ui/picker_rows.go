package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index/extract"
)

// The picker's rows: a folder's entries as it offers them (folders first,
// only the files the mode takes), the list widget with its keys, and the
// row widgets of the file list and of the side list.

// pickEntry is one row: a folder or a file.
type pickEntry struct {
	name, path string
	dir        bool
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
	des, err := p.readDir(dir)
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
	case pickDir:
		return p.opt.importDir && (extract.Supported(name) || extract.IsArchive(name))
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
		// A file in a folder picker is shown, not chosen.
		o.(*pickerRow).dim(p.opt.mode == pickDir && !e.dir)
	}
	l.OnSelected = func(i widget.ListItemID) {
		l.UnselectAll()
		p.activate(i)
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey adds Enter, Backspace and Esc to the list's keys. In a
// folder picker, Enter in a folder with no folder inside chooses it: the
// path typed and Enter opened the folder, and Enter again, on its files,
// did nothing (usertest s28, "Nhập thư mục…").
func (l *pickerList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if l.p.opt.mode == pickDir && !slices.ContainsFunc(l.p.entries, func(e pickEntry) bool { return e.dir }) {
			l.p.onConfirm()
			return
		}
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyBackspace:
		l.p.onUp()
	case fyne.KeyEscape:
		l.p.onCancel()
	default:
		l.List.TypedKey(k)
	}
}

// checkable reports whether e gets a check box: only where several
// files may be chosen. The one file of a pickOne (a backup to restore, a
// pack) is shown chosen by its row's colour, as a system dialog shows it,
// not by a tick box that suggested several could be ticked (usertest s24).
func (p *picker) checkable(e pickEntry) bool {
	return p.opt.mode == pickImport
}

// pickerRow is one folder or file with its check box.
type pickerRow struct {
	widget.BaseWidget
	check *dialogCheck
	icon  *widget.Icon
	name  *widget.Label
	// chosen is the row's background while it is the one file chosen
	// (pickOne).
	chosen *canvas.Rectangle
}

func newPickerRow() *pickerRow {
	r := &pickerRow{check: newDialogCheck(), icon: widget.NewIcon(theme.FileIcon()), name: widget.NewLabel(""), chosen: canvas.NewRectangle(theme.Color(theme.ColorNameSelection))}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.chosen.CornerRadius = theme.SelectionRadiusSize()
	r.chosen.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickerRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(r.chosen, container.NewBorder(nil, nil, container.NewHBox(r.check, r.icon), nil, r.name)))
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
	if checked && !checkable {
		r.chosen.FillColor = theme.Color(theme.ColorNameSelection)
		r.chosen.Show()
		r.chosen.Refresh()
	} else {
		r.chosen.Hide()
	}
	if e.dir {
		r.icon.SetResource(theme.FolderIcon())
	} else {
		r.icon.SetResource(theme.FileIcon())
	}
	r.name.SetText(e.name)
}

// dim shows the row greyed (a file in a folder picker).
func (r *pickerRow) dim(on bool) {
	want := widget.MediumImportance
	if on {
		want = widget.LowImportance
	}
	if r.name.Importance != want {
		r.name.Importance = want
		r.name.Refresh()
	}
}

// newPlaceList is the side list of places; choosing one calls onChoose.
func newPlaceList(places []place, onChoose func(place)) *placeList {
	side := &placeList{}
	side.Length = func() int { return len(places) }
	side.CreateItem = func() fyne.CanvasObject { return newPlaceRow() }
	side.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) { o.(*placeRow).set(places[i]) }
	side.OnSelected = func(i widget.ListItemID) {
		side.UnselectAll()
		onChoose(places[i])
	}
	side.ExtendBaseWidget(side)
	return side
}

// placeList is the side list: Enter opens the place the arrows reached,
// as Space does, and Escape goes to the picker (Fyne's list kept both).
type placeList struct {
	widget.List
}

func (l *placeList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	case fyne.KeyEscape:
		dialogKey(l, k)
	default:
		l.List.TypedKey(k)
	}
}

// placeRow is one place of the side list: its icon and name.
type placeRow struct {
	widget.BaseWidget
	icon  *widget.Icon
	label *widget.Label
}

func newPlaceRow() *placeRow {
	r := &placeRow{icon: widget.NewIcon(nil), label: widget.NewLabel("")}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *placeRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.icon, nil, r.label))
}

func (r *placeRow) set(pl place) {
	r.label.SetText(pl.label)
	r.icon.SetResource(pl.icon)
}
