package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// pickFile asks for an existing file, with the given extension when ext is
// not "", and calls use with its path. Cancelling does nothing; an error
// is shown.
func (v *view) pickFile(ext string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		use(path)
	}, v.win)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.Resize(dialogSize(v.win))
	d.Show()
}

// pickSaveFile asks where to save a new file, suggesting name, and calls
// use with its path.
func (v *view) pickSaveFile(name, ext string, use func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.showError(err)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		use(path)
	}, v.win)
	d.SetFileName(name)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.Resize(dialogSize(v.win))
	d.Show()
}
