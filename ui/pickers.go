package ui

import (
	"fyne.io/fyne/v2/lang"
)

// pickFile asks for an existing file with the extension ext (".zip"),
// under title, which says what the file is for (usertest s23: the backup
// to restore was asked for as "Chọn tệp", choose a file), and calls use
// with its path. Cancelling does nothing.
func (v *view) pickFile(title, ext string, use func(path string)) *picker {
	opt := pickOptions{mode: pickOne, title: title, confirm: lang.L("Mở"), exts: []string{ext}, place: bundlePlace(ext)}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { use(paths[0]) }))
}

// pickBundleSave is pickSaveFile for a backup or a pack (ext .zip or
// .kvbpack): its folder is remembered for the next one and for the
// picker that opens one (pickFile).
func (v *view) pickBundleSave(title, name, ext string, use func(path string)) *picker {
	opt := pickOptions{mode: pickSave, title: title, confirm: lang.L("Lưu"), exts: []string{ext}, name: safeFileName(name), place: bundlePlace(ext)}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { use(paths[0]) }))
}

// bundlePlace is the preference under which the pickers of backups (a
// .zip) or packs remember their folder.
func bundlePlace(ext string) string { return "picker.dir" + ext }

// pickSaveFile asks where to save a new file with extension ext,
// suggesting name (made safe: safeFileName), under title, which says what
// is saved, and calls use with its path.
func (v *view) pickSaveFile(title, name, ext string, use func(path string)) *picker {
	opt := pickOptions{mode: pickSave, title: title, confirm: lang.L("Lưu"), exts: []string{ext}, name: safeFileName(name)}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { use(paths[0]) }))
}

// pickFolder asks for a folder and calls use with it. The picker opens
// where the last one of its place (pickOptions.place) was left.
func (v *view) pickFolder(title, confirm, place string, use func(dir string)) *picker {
	opt := pickOptions{mode: pickDir, title: title, confirm: confirm, place: place}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { use(paths[0]) }))
}

// pickImportFolder asks for a folder to import, showing the files in it
// that the import takes, and calls use with it.
func (v *view) pickImportFolder(use func(dir string)) *picker {
	opt := pickOptions{mode: pickDir, title: lang.L("Chọn thư mục cần nhập"), confirm: lang.L("Nhập thư mục này"), importDir: true}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { use(paths[0]) }))
}

// whileCurrent calls use only while v is the view on screen: the system's
// dialog returns later, maybe after the archive was changed.
func (v *view) whileCurrent(use func([]string)) func([]string) {
	return func(paths []string) {
		if v.s.view == v && !v.stopped {
			use(paths)
		}
	}
}
