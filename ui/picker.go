package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Fyne's own file dialog names its places in English ("Home", "Computer",
// "Documents"…, hard-coded in fyne/dialog) and picks one file at a time.
// The picker here is ours: Vietnamese, several files (and folders) at once
// with check boxes, only the files the importer reads, drives on Windows.
// On Windows the system's own Open dialog is used first (picker_windows.go).
// This file says what a pick asks for and which dialog answers it; ours is
// in picker_dialog.go, its rows in picker_rows.go, the system's places in
// picker_places.go.

// importExts are the extensions the importer reads (index/extract), zip
// archives included: shown to people and used by the system's dialog. A
// test checks them against extract.Supported.
const importExts = ".doc .docx .odt .rtf .pdf .html .htm .mht .mhtml .txt .md .zip"

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
	// importDir (pickDir) is a folder to import: the files the import
	// takes are shown in it, dimmed, and counted, where the list looked
	// empty for a folder of files (/work/realdev: 240 files, no folder).
	importDir bool
	// place, when set, is the preference under which pickers of one
	// kind of file remember their folder: a backup is looked for where
	// backups were saved or opened, not among the originals last
	// imported (usertest s20: the restore picker opened in the import's
	// folder).
	place string
}

// errPickCancelled is a system dialog closed without a choice.
var errPickCancelled = errors.New("pick cancelled")

// nativePick, when set (on Windows), shows the system's own dialog for
// opt, owned by the window with handle owner; it blocks until closed.
var nativePick func(owner uintptr, opt pickOptions) ([]string, error)

// prefPickerDir is the folder the picker was last in to choose files or a
// folder to import, prefPickerSaveDir the one it last saved into: a
// catalog or a copy is not saved among the originals last imported.
// prefRestoreDir and prefPickerArchive are the places (pickOptions.place) of
// the folder a backup was last restored into and of the archive folder
// last opened: chosen with the import's, the next import began in the
// restored archive's folder (usertest s24).
const (
	prefPickerDir     = "picker.dir"
	prefPickerSaveDir = "picker.saveDir"
	prefRestoreDir    = "picker.restoreDir"
	prefPickerArchive = "picker.archiveDir"
)

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
	p.show(&s.keys)
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
