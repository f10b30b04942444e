package ui

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index/extract"
	"khovanban/ui/messages"
)

// notice is a short text document the importer reads.
func notice(n string) string {
	return "UBND XÃ AN PHÚ\nSố: " + n + "/TB-UBND\nAn Phú, ngày 2 tháng 5 năm 2022\n\nTHÔNG BÁO\nVề lịch tiếp dân đợt " + n + "\n\nỦy ban nhân dân xã tiếp dân đợt " + n + " vào thứ Năm.\n"
}

// writeTree writes files (path → text) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func entryNames(p *picker) []string {
	var names []string
	for _, e := range p.entries {
		names = append(names, e.name)
	}
	return names
}

// TestPickerImportsSeveralFiles picks files in two folders with the
// keyboard and the select-all button, confirms, and checks that every
// one of them was imported.
func TestPickerImportsSeveralFiles(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"dot-1/tb-1.txt":     notice("1"),
		"dot-1/tb-2.txt":     notice("2"),
		"dot-1/anh.jpg":      "không phải văn bản",
		"dot-1/.an.txt":      notice("9"),
		"dot-1/~$tb-1.docx":  "tệp khóa của Word",
		"dot-2/tb-3.txt":     notice("3"),
		"dot-2/tb-4.txt":     notice("4"),
		"dot-2/ghi-chu.xlsx": "bảng tính",
		"le.txt":             notice("5"),
	})
	h.app.Preferences().SetString(prefPickerDir, dir)
	p := h.v.importFiles()
	if p == nil {
		t.Fatal("no picker")
	}
	shown := h.win.Canvas().Overlays().Top()
	if shown == nil {
		t.Fatal("the picker is not on screen")
	}
	if got := entryNames(p); !slices.Equal(got, []string{"dot-1", "dot-2", "le.txt"}) {
		t.Fatalf("start folder shows %v", got)
	}
	if !p.ok.Disabled() {
		t.Error("Import is enabled with nothing chosen")
	}

	// Into dot-1 with the keyboard: Enter opens the folder under the focus.
	key := func(k fyne.KeyName) { p.list.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyReturn)
	if p.dir != filepath.Join(dir, "dot-1") {
		t.Fatalf("Enter opened %q", p.dir)
	}
	if got := entryNames(p); !slices.Equal(got, []string{"tb-1.txt", "tb-2.txt"}) {
		t.Fatalf("dot-1 shows %v", got)
	}
	key(fyne.KeySpace) // tick tb-1
	key(fyne.KeyDown)
	key(fyne.KeyReturn) // tick tb-2
	if len(p.chosen) != 2 {
		t.Fatalf("chosen %v", p.chosen)
	}
	// Back up with Backspace, then into dot-2 by its breadcrumb-free row,
	// and tick all of it.
	key(fyne.KeyBackspace)
	if p.dir != dir {
		t.Fatalf("Backspace went to %q", p.dir)
	}
	p.activate(slices.Index(entryNames(p), "dot-2"))
	test.Tap(p.all)
	if len(p.chosen) != 4 {
		t.Fatalf("after select all: %v", p.chosen)
	}
	// The breadcrumb leads back; the choice stays.
	test.Tap(p.folders[len(p.folders)-2]) // the folder above dot-2
	if p.dir != dir {
		t.Fatalf("the breadcrumb went to %q", p.dir)
	}
	if p.ok.Text != "Nhập 4 mục" || p.ok.Disabled() {
		t.Errorf("confirm button %q, disabled %v", p.ok.Text, p.ok.Disabled())
	}

	test.Tap(p.ok)
	if slices.Contains(h.win.Canvas().Overlays().List(), shown) {
		t.Error("the picker stayed open")
	}
	h.settle(func() bool { return h.idle() && h.v.results.total == 4 })
	for _, n := range []string{"1", "2", "3", "4"} {
		h.search("so:" + n + "/TB-UBND")
		if h.v.results.total != 1 {
			t.Errorf("notice %s: %d results", n, h.v.results.total)
		}
	}
	if got := h.app.Preferences().String(prefPickerDir); got != dir {
		t.Errorf("remembered folder %q", got)
	}
}

// TestPickerPathBox types a folder and a file into the path box.
func TestPickerPathBox(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/tb-1.txt": notice("1"), "a/b/tb-2.txt": notice("2")})
	p := h.v.importFiles()
	p.path.SetText(filepath.Join(dir, "a", "b"))
	p.path.OnSubmitted(p.path.Text)
	if p.dir != filepath.Join(dir, "a", "b") {
		t.Fatalf("typed folder: at %q", p.dir)
	}
	p.onPathTyped(filepath.Join(dir, "a", "tb-1.txt"))
	if p.dir != filepath.Join(dir, "a") || !slices.Equal(p.chosen, []string{filepath.Join(dir, "a", "tb-1.txt")}) {
		t.Fatalf("typed file: at %q, chosen %v", p.dir, p.chosen)
	}
	p.onPathTyped(filepath.Join(dir, "nowhere"))
	if !strings.Contains(p.problem.Text, "Không có") {
		t.Errorf("says %q", p.problem.Text)
	}
	p.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc left the picker open")
	}
}

// TestPickerFolderAndSave chooses a folder, and a place to save that
// asks before replacing a file.
func TestPickerFolderAndSave(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"kho/x.txt": "x", "cu.zip": "PK"})
	var got []string
	use := func(paths []string) { got = paths }

	p := h.s.pickOwn(pickOptions{mode: pickDir, title: "t", confirm: "c"}, use)
	p.open(dir)
	if names := entryNames(p); !slices.Equal(names, []string{"kho"}) {
		t.Errorf("folder mode shows %v", names)
	}
	p.activate(0)
	test.Tap(p.ok)
	if !slices.Equal(got, []string{filepath.Join(dir, "kho")}) {
		t.Errorf("folder chosen: %v", got)
	}

	got = nil
	p = h.s.pickOwn(pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".zip"}, name: "moi"}, use)
	p.open(dir)
	if names := entryNames(p); !slices.Equal(names, []string{"kho", "cu.zip"}) {
		t.Errorf("save mode shows %v", names)
	}
	test.Tap(p.ok)
	if !slices.Equal(got, []string{filepath.Join(dir, "moi.zip")}) {
		t.Errorf("save to %v", got)
	}
	got = nil
	p = h.s.pickOwn(pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".zip"}, name: "x"}, use)
	p.open(dir)
	p.activate(1) // cu.zip: its name is taken
	test.Tap(p.ok)
	if got != nil {
		t.Fatalf("replaced without asking: %v", got)
	}
	h.win.Canvas().Focus(nil)
	test.Tap(findButton(t, h.win.Canvas().Overlays().Top(), "Có"))
	if !slices.Equal(got, []string{filepath.Join(dir, "cu.zip")}) {
		t.Errorf("after agreeing to replace: %v", got)
	}
}

// findButton finds the button with this text in o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if b, ok := o.(*dialogButton); ok && b.Text == text {
			found = &b.Button
		}
		if b, ok := o.(*tabButton); ok && b.Text == text {
			found = &b.Button
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// TestNativePickReachesImporter stands in for the Windows Open dialog: the
// files it returns are imported, a cancel does nothing, and a failure
// falls back to our picker.
func TestNativePickReachesImporter(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"tb-1.txt": notice("1"), "tb-2.txt": notice("2"), "tb-3.txt": notice("3")})
	// Each call of the stand-in takes its answer from the channel and
	// reports what it was asked.
	type reply struct {
		paths []string
		err   error
	}
	replies := make(chan reply, 1)
	asked := make(chan pickOptions, 1)
	nativePick = func(_ uintptr, opt pickOptions) ([]string, error) {
		r := <-replies
		asked <- opt
		return r.paths, r.err
	}
	t.Cleanup(func() { nativePick = nil })

	replies <- reply{paths: []string{filepath.Join(dir, "tb-1.txt"), filepath.Join(dir, "tb-3.txt")}}
	if p := h.v.importFiles(); p != nil {
		t.Fatal("our picker was shown instead of the system's")
	}
	if opt := <-asked; opt.mode != pickImport {
		t.Errorf("asked for mode %v", opt.mode)
	}
	h.settle(func() bool { return h.idle() && h.v.results.total == 2 })

	// Cancelled: nothing happens.
	before := len(h.win.Canvas().Overlays().List())
	replies <- reply{err: errPickCancelled}
	h.v.importFiles()
	<-asked
	h.settle(func() bool { return len(h.queue) == 0 })
	if n := len(h.win.Canvas().Overlays().List()); n != before {
		t.Errorf("a cancelled pick left %d dialogs open, before %d", n, before)
	}

	// Failed: our picker comes instead.
	replies <- reply{err: errors.New("COM failure")}
	h.v.importFiles()
	<-asked
	h.settle(func() bool { return len(h.win.Canvas().Overlays().List()) > before })
}

func TestImportExtsAreTheImporters(t *testing.T) {
	for _, e := range strings.Fields(importExts) {
		if !extract.Supported("a"+e) && !extract.IsArchive("a"+e) {
			t.Errorf("%s is offered but not read", e)
		}
	}
	for _, e := range []string{".doc", ".docx", ".odt", ".rtf", ".pdf", ".html", ".htm", ".mht", ".mhtml", ".txt", ".md", ".zip"} {
		if !strings.Contains(" "+importExts+" ", " "+e+" ") {
			t.Errorf("%s is read but not offered", e)
		}
	}
}

// TestEveryListOfFormatsIsTheImporters: the welcome screen, the message
// for a file that cannot be read and the picker name the same formats
// (usertest finding 12a: the welcome text lacked .htm and .md).
func TestEveryListOfFormatsIsTheImporters(t *testing.T) {
	h := newHarness(t, false)
	welcome := strings.Join(allTexts(t, h.v.welcome.content()), "\n")
	if !strings.Contains(welcome, "kéo thả") {
		t.Fatalf("no drop hint in the welcome screen: %q", welcome)
	}
	for name, text := range map[string]string{"welcome": welcome, "unsupported": messages.Error(extract.ErrUnsupported)} {
		for _, e := range strings.Fields(importExts) {
			if !strings.Contains(text+"\n", e+",") && !strings.Contains(text, e+")") && !strings.Contains(text, e+" ") && !strings.Contains(text+"\n", e+"\n") {
				t.Errorf("%s does not name %s: %q", name, e, text)
			}
		}
	}
}

// TestPickerUnreadableFolder types a folder that cannot be read into the
// path box of the folder picker and of the file picker: the picker says
// so, shows that folder (empty), and nothing of the folder shown before
// can be imported (usertest finding 13: "Nhập thư mục này" imported it).
func TestPickerUnreadableFolder(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"doc/tb-1.txt": notice("1"), "doc/tb-2.txt": notice("2"), "khoa/tb-3.txt": notice("3")})
	shown, locked := filepath.Join(dir, "doc"), filepath.Join(dir, "khoa")
	noRead := func(p *picker) {
		p.readDir = func(d string) ([]os.DirEntry, error) {
			if d == locked {
				return nil, &os.PathError{Op: "open", Path: d, Err: os.ErrPermission}
			}
			return os.ReadDir(d)
		}
	}
	typeIn := func(p *picker, path string) {
		p.path.SetText(path)
		p.path.OnSubmitted(p.path.Text)
	}
	var got []string
	use := func(paths []string) { got = paths }

	// The folder picker (Nhập cả thư mục…).
	p := h.s.pickOwn(pickOptions{mode: pickDir, title: "t", confirm: "c"}, use)
	noRead(p)
	p.open(shown)
	typeIn(p, locked)
	if !p.ok.Disabled() {
		t.Error("the folder picker can confirm after an unreadable folder was typed")
	}
	p.onConfirm()
	if got != nil {
		t.Fatalf("confirmed %v", got)
	}
	if text := p.problem.Text; !strings.Contains(text, "Không đọc được thư mục "+locked) || !strings.Contains(text, "không cho phép đọc") {
		t.Errorf("says %q", text)
	}
	if !p.problem.Visible() || len(p.entries) != 0 || p.path.Text != locked {
		t.Errorf("shows %v, path %q, problem shown %v", entryNames(p), p.path.Text, p.problem.Visible())
	}
	// A folder that does not exist is said so, and not confirmed either.
	typeIn(p, filepath.Join(dir, "khong-co"))
	if !p.ok.Disabled() || !strings.Contains(p.problem.Text, "Không có thư mục") {
		t.Errorf("missing folder: enabled %v, says %q", !p.ok.Disabled(), p.problem.Text)
	}
	// A readable folder again: all is back.
	typeIn(p, shown)
	if p.ok.Disabled() || p.problem.Visible() || p.dir != shown {
		t.Errorf("after a readable folder: enabled %v, problem %v, at %q", !p.ok.Disabled(), p.problem.Visible(), p.dir)
	}
	p.onCancel()

	// The file picker (Nhập tệp…): select-all ticks nothing of the folder before.
	p = h.s.pickOwn(pickOptions{mode: pickImport, title: "t", confirm: "c"}, use)
	noRead(p)
	p.open(shown)
	typeIn(p, locked)
	p.onSelectAll()
	if len(p.chosen) != 0 || !p.ok.Disabled() || !p.all.Disabled() {
		t.Errorf("file picker: chosen %v, import enabled %v", p.chosen, !p.ok.Disabled())
	}
	if h.app.Preferences().String(prefPickerDir) == locked {
		t.Error("the unreadable folder was remembered")
	}
}

// TestSaveStartsInDocuments: a save picker starts in Documents, not in
// the folder documents were last imported from, and then where the last
// file was saved; the import picker keeps its own folder (usertest
// finding 9: the catalog's save dialog opened among the originals).
func TestSaveStartsInDocuments(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	docs := filepath.Join(home, "Documents")
	imported := filepath.Join(home, "usb", "dot-1")
	for _, d := range []string{docs, imported} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, false)
	h.app.Preferences().SetString(prefPickerDir, imported)
	save := pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".xlsx"}, name: "danh-muc"}
	var got []string
	p := h.s.pickOwn(save, func(paths []string) { got = paths })
	if p.dir != docs {
		t.Fatalf("the save picker starts in %q, want %q", p.dir, docs)
	}
	p.open(home)
	test.Tap(p.ok)
	if !slices.Equal(got, []string{filepath.Join(home, "danh-muc.xlsx")}) {
		t.Fatalf("saved to %v", got)
	}
	if p = h.s.pickOwn(save, func([]string) {}); p.dir != home {
		t.Errorf("the next save picker starts in %q, want %q", p.dir, home)
	}
	p.onCancel()
	if p = h.s.pickOwn(pickOptions{mode: pickDir, title: "t", confirm: "c"}, func([]string) {}); p.dir != imported {
		t.Errorf("the import picker starts in %q, want %q", p.dir, imported)
	}
}

// TestFolderToImportShowsItsFiles: the folder picker of "Nhập thư mục…"
// shows the files in the folder that the import takes, dimmed, and counts
// them, where the list of a folder holding only files looked empty (usertest
// session 8: /work/realdev, 240 documents and no folder, showed an empty
// pane under "Thư mục: /work/realdev"); tapping a file chooses nothing, the
// folder is what is imported. Other folder pickers show folders only.
func TestFolderToImportShowsItsFiles(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.pdf": "%PDF", "b.docx": "PK", "c.txt": "x", "ghi-chu.xyz": "x", "con/d.doc": "x"})
	var got []string
	p := h.v.pickImportFolder(func(d string) { got = []string{d} })
	p.open(dir)
	if names := entryNames(p); !slices.Equal(names, []string{"con", "a.pdf", "b.docx", "c.txt"}) {
		t.Errorf("shows %v", names)
	}
	if !strings.Contains(p.status.Text, "3 tệp nhập được ở đây, cùng tệp trong thư mục con") {
		t.Errorf("status %q", p.status.Text)
	}
	// Without folders inside, no word of them; a folder of folders is
	// not said to hold nothing to import (usertest s23: "0 tệp nhập được
	// ở đây" over the folder of the batch's four folders).
	p.open(filepath.Join(dir, "con"))
	if !strings.HasSuffix(p.status.Text, "1 tệp nhập được ở đây") {
		t.Errorf("a folder of files: status %q", p.status.Text)
	}
	only := t.TempDir()
	writeTree(t, only, map[string]string{"a/x.pdf": "%PDF", "b/y.doc": "x"})
	p.open(only)
	if !strings.HasSuffix(p.status.Text, "0 tệp nhập được ở đây, cùng tệp trong thư mục con") {
		t.Errorf("a folder of folders: status %q", p.status.Text)
	}
	p.open(dir)
	row := newPickerRow()
	p.list.UpdateItem(1, row)
	if row.name.Importance != widget.LowImportance || row.check.Visible() {
		t.Error("a file of the folder is not shown dimmed, without a check box")
	}
	p.activate(1)
	if len(p.chosen) != 0 || got != nil || p.dir != dir {
		t.Errorf("tapping a file: chosen %v, confirmed %v, folder %q", p.chosen, got, p.dir)
	}
	test.Tap(p.ok)
	if !slices.Equal(got, []string{dir}) {
		t.Errorf("imports %v, want the folder", got)
	}

	other := h.v.pickFolder("t", "c", prefRestoreDir, func(string) {})
	other.open(dir)
	if names := entryNames(other); !slices.Equal(names, []string{"con"}) {
		t.Errorf("a folder picker for a restore shows %v", names)
	}
}

// TestPickerStartsWhereLastImported: the first picker opens in Documents,
// not the home folder, and after files dropped on the window the next one
// opens where they were (usertest s12: every pick started at home).
func TestPickerStartsWhereLastImported(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	docs := filepath.Join(home, "Documents")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, false)
	p := h.v.importFiles()
	if p.dir != docs {
		t.Errorf("the first picker opens in %q, want %q", p.dir, docs)
	}
	p.onCancel()
	dir := filepath.Join(t.TempDir(), "cong-van-den")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "tb-1.txt")
	if err := os.WriteFile(file, []byte(notice("1")), 0o644); err != nil {
		t.Fatal(err)
	}
	h.v.onDropped(fyne.Position{}, []fyne.URI{storage.NewFileURI(file)})
	h.settleWithin(2*time.Minute, func() bool { return h.v.importing == nil && h.idle() })
	if p = h.v.importFiles(); p.dir != dir {
		t.Errorf("after a drop the picker opens in %q, want %q", p.dir, dir)
	}
	p.onCancel()
}

// TestPickerKeys: the picker and its "Tệp đã có" question take Enter and
// Escape as every dialog does (dialogKeys), and no key reaches the window
// behind them; Escape in the path box closes the picker.
func TestPickerKeys(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	c := h.win.Canvas()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"cu.zip": "PK"})
	var got []string
	use := func(paths []string) { got = paths }

	p := h.s.pickOwn(pickOptions{mode: pickImport, title: "t", confirm: "c"}, use)
	p.open(dir)
	c.Unfocus()
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyReturn, fyne.KeyDelete} {
		typeKey(t, c, k)
	}
	h.settle(h.idle)
	if h.v.reader.doc != nil || got != nil || c.Overlays().Top() == nil {
		t.Fatalf("keys under the picker: document %v, chosen %v, picker closed %v", h.v.reader.doc != nil, got, c.Overlays().Top() == nil)
	}
	// Tab from nothing starts at the top, Lên trên; Escape closes the
	// picker from each part that takes the keyboard.
	typeKey(t, c, fyne.KeyTab)
	if b, ok := c.Focused().(*dialogButton); !ok || b.Text != "Lên trên" {
		t.Errorf("Tab starts at %T", c.Focused())
	}
	parts := map[string]func() fyne.Focusable{
		"the path box":   func() fyne.Focusable { return p.path },
		"a folder above": func() fyne.Focusable { return p.folders[0] },
		"the places":     func() fyne.Focusable { return p.side },
		"a file's box":   func() fyne.Focusable { return findAll[*dialogCheck](p.list)[0] },
	}
	for name, part := range parts {
		if c.Overlays().Top() == nil {
			p = h.s.pickOwn(pickOptions{mode: pickImport, title: "t", confirm: "c"}, use)
			p.open(dir)
		}
		c.Focus(part())
		typeKey(t, c, fyne.KeyEscape)
		if c.Overlays().Top() != nil {
			t.Errorf("Escape in %s left the picker open", name)
			clearOverlays(h.win)
		}
	}

	// Saving over cu.zip asks; Escape answers no and the picker stays,
	// Enter then (nothing focused) confirms the picker, and Enter on the
	// question replaces.
	p = h.s.pickOwn(pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".zip"}, name: "cu"}, use)
	p.open(dir)
	picker := c.Overlays().Top()
	c.Focus(p.name)
	typeKey(t, c, fyne.KeyReturn)
	if top := c.Overlays().Top(); top == picker || !slices.Contains(allTexts(t, top), "Tệp đã có") {
		t.Fatalf("Enter in the name asked nothing: %v", allTexts(t, top))
	}
	typeKey(t, c, fyne.KeyEscape)
	if c.Overlays().Top() != picker || got != nil {
		t.Fatalf("Escape on the question: picker on top %v, chosen %v", c.Overlays().Top() == picker, got)
	}
	c.Unfocus()
	typeKey(t, c, fyne.KeyReturn)
	typeKey(t, c, fyne.KeyReturn)
	if !slices.Equal(got, []string{filepath.Join(dir, "cu.zip")}) || c.Overlays().Top() != nil {
		t.Errorf("Enter on the question chose %v, left open %v", got, c.Overlays().Top() != nil)
	}
}

// TestEachPickerRemembersItsOwnFolder: the import's picker, the restore's
// folder picker and the archive chooser each open where the last one of
// their own kind was left (usertest s24: after a restore into Documents
// the next "Nhập thư mục…" began there, not in the USB folder imported
// from).
func TestEachPickerRemembersItsOwnFolder(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	usb := filepath.Join(home, "usb", "dot-1")
	restored := filepath.Join(home, "Documents", "kho-moi")
	archives := filepath.Join(home, "kho")
	for _, d := range []string{usb, restored, archives} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, false)
	pickIn := func(p *picker, dir string) {
		t.Helper()
		p.open(dir)
		p.done([]string{dir})
	}
	pickIn(h.v.pickImportFolder(func(string) {}), usb)
	pickIn(h.v.pickFolder("t", "c", prefRestoreDir, func(string) {}), restored)
	archiver := h.s.chooseArchive()
	archiver.open(archives)
	archiver.onCancel() // the folder was looked at, not chosen: not remembered
	if p := h.s.chooseArchive(); p.dir == archives {
		t.Errorf("the archive chooser opens in %q, where it was cancelled", p.dir)
	}

	if p := h.v.pickImportFolder(func(string) {}); p.dir != usb {
		t.Errorf("the import's folder picker opens in %q, want %q", p.dir, usb)
	}
	if p := h.v.importFiles(); p.dir != usb {
		t.Errorf("the import's file picker opens in %q, want %q", p.dir, usb)
	}
	if p := h.v.pickRestoreFolder("ban-sao.zip"); p.dir != restored {
		t.Errorf("the restore's folder picker opens in %q, want %q", p.dir, restored)
	}
	if p := h.s.chooseArchive(); p.dir == usb || p.dir == restored {
		t.Errorf("the archive chooser opens in %q, another picker's folder", p.dir)
	}
}

// TestOneFilePickerHasNoTickBoxes: a picker of one file (the backup to
// restore) shows no tick boxes, which suggested that several could be
// ticked; the file chosen is shown by its row's colour, another tap
// chooses another, and a second tap on the chosen one opens it, as a
// double click does (usertest s24).
func TestOneFilePickerHasNoTickBoxes(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"cu.zip": "PK", "moi.zip": "PK", "con/x.zip": "PK"})
	var got []string
	p := h.s.pickOwn(pickOptions{mode: pickOne, title: "t", confirm: "c", exts: []string{".zip"}}, func(paths []string) { got = paths })
	p.open(dir)
	names := entryNames(p)
	rowOf := func(name string) *pickerRow {
		row := newPickerRow()
		p.list.UpdateItem(slices.Index(names, name), row)
		return row
	}
	for _, name := range names {
		if rowOf(name).check.Visible() {
			t.Errorf("%s has a tick box", name)
		}
	}
	p.activate(slices.Index(names, "cu.zip"))
	p.activate(slices.Index(names, "moi.zip"))
	if !slices.Equal(p.chosen, []string{filepath.Join(dir, "moi.zip")}) {
		t.Fatalf("chosen %v", p.chosen)
	}
	if !rowOf("moi.zip").chosen.Visible() || rowOf("cu.zip").chosen.Visible() {
		t.Error("the chosen file's row is not the one coloured")
	}
	if got != nil {
		t.Fatalf("opened %v before the second tap", got)
	}
	p.activate(slices.Index(names, "moi.zip"))
	if !slices.Equal(got, []string{filepath.Join(dir, "moi.zip")}) {
		t.Errorf("a second tap on the chosen file opens %v", got)
	}

	// Where several may be chosen, the tick boxes stay.
	imp := h.s.pickOwn(pickOptions{mode: pickImport, title: "t", confirm: "c"}, func([]string) {})
	imp.open(dir)
	row := newPickerRow()
	imp.list.UpdateItem(1, row)
	if !row.check.Visible() {
		t.Error("the import's picker lost its tick boxes")
	}
}

// TestPickerTypedPathOpensOnEnter: a whole path typed in the path box and
// Enter (typed, through the dialog's keys) does what a person asked for:
// a backup's or a pack's file is opened at once, a file to save is saved
// there, a folder opens; a path copied with quotes ("Copy as path" on
// Windows), as a file:// address or starting with ~ is taken too
// (usertest s26: a full path typed did not open on Enter).
func TestPickerTypedPathOpensOnEnter(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	writeTree(t, dir, map[string]string{"sao luu/kho.zip": "PK", "a/b/tb-2.txt": notice("2")})
	c := h.win.Canvas()
	enter := func(p *picker, typed string) {
		t.Helper()
		c.Focus(p.path)
		p.path.SetText("")
		test.Type(p.path, typed)
		typeKey(t, c, fyne.KeyReturn)
	}
	var got []string
	use := func(paths []string) { got = paths }

	backup := filepath.Join(dir, "sao luu", "kho.zip")
	for _, typed := range []string{backup, `"` + backup + `"`, "file://" + strings.ReplaceAll(filepath.ToSlash(backup), " ", "%20"), "~/sao luu/kho.zip"} {
		got = nil
		p := h.s.pickOwn(pickOptions{mode: pickOne, title: "t", confirm: "c", exts: []string{".zip"}}, use)
		enter(p, typed)
		if !slices.Equal(got, []string{backup}) {
			t.Errorf("restore, %q and Enter: opened %q", typed, got)
		}
		if c.Overlays().Top() != nil {
			t.Errorf("restore, %q and Enter: the picker is still open", typed)
			clearOverlays(h.win)
		}
	}

	got = nil
	p := h.s.pickOwn(pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".kvbpack"}, name: "goi"}, use)
	enter(p, filepath.Join(dir, "a", "gui-huyen.kvbpack"))
	if !slices.Equal(got, []string{filepath.Join(dir, "a", "gui-huyen.kvbpack")}) {
		t.Errorf("save, a whole path and Enter: saved to %q (the picker at %q, name %q, %q)", got, p.dir, p.name.Text, p.problem.Text)
	}
	clearOverlays(h.win)
	// A folder mistyped is no file to save.
	got = nil
	p = h.s.pickOwn(pickOptions{mode: pickSave, title: "t", confirm: "c", exts: []string{".kvbpack"}, name: "goi"}, use)
	enter(p, filepath.Join(dir, "sao lu"))
	if got != nil || !strings.Contains(p.problem.Text, "Không có thư mục") {
		t.Errorf("save, a folder mistyped and Enter: saved to %q, %q", got, p.problem.Text)
	}
	clearOverlays(h.win)

	p = h.s.pickOwn(pickOptions{mode: pickImport, title: "t", confirm: "c"}, use)
	for _, typed := range []string{`"` + filepath.Join(dir, "a", "b") + `"`, "~/a/b/"} {
		enter(p, typed)
		if filepath.Clean(p.dir) != filepath.Join(dir, "a", "b") || p.failed != "" {
			t.Errorf("import, %q and Enter: at %q, %q", typed, p.dir, p.failed)
		}
	}
	enter(p, filepath.Join(dir, "a", "b", "tb-2.txt"))
	if !slices.Equal(p.chosen, []string{filepath.Join(dir, "a", "b", "tb-2.txt")}) {
		t.Errorf("import, a file's path and Enter: chosen %q", p.chosen)
	}
	clearOverlays(h.win)
}

// TestEnterChoosesTheFolderTyped: in the folder picker, the path typed and
// Enter open the folder, and Enter again chooses it when it holds no
// folder (usertest s28, "Nhập thư mục…" under Xvfb: the second Enter did
// nothing); where it holds folders, Enter opens the one the arrows reached.
func TestEnterChoosesTheFolderTyped(t *testing.T) {
	h := newHarness(t, false)
	c := h.win.Canvas()
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.pdf": "%PDF", "b.docx": "PK", "con/c.txt": "x"})
	var got []string
	p := h.v.pickImportFolder(func(d string) { got = append(got, d) })
	p.path.SetText(dir)
	p.path.OnSubmitted(p.path.Text)
	if p.dir != dir || c.Focused() != p.list {
		t.Fatalf("Enter on the path: folder %q, focus %v", p.dir, c.Focused())
	}
	typeKey(t, c, fyne.KeyReturn)
	if got != nil || p.dir != filepath.Join(dir, "con") {
		t.Fatalf("Enter in a folder of folders: chosen %v, folder %q", got, p.dir)
	}
	typeKey(t, c, fyne.KeyReturn)
	if !slices.Equal(got, []string{filepath.Join(dir, "con")}) || c.Overlays().Top() != nil {
		t.Errorf("Enter in a folder of files: chosen %v, picker open %v", got, c.Overlays().Top() != nil)
	}
}
