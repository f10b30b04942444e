package ui

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// startReaped starts cmd and waits for it in the background, so that it
// leaves no defunct process behind, and returns its process id.
func startReaped(cmd *exec.Cmd) (int, error) {
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	pid := cmd.Process.Pid
	go func() { _ = cmd.Wait() }()
	return pid, nil
}

// openFile opens path (a stored original, name its own name) with the
// system's program for its kind. When the computer has none (a .doc on a
// PC without Word or LibreOffice), it says so, names a program for that
// kind, and offers to save a copy under its name, to take to another
// computer, instead of failing silently: the system's own "open" gives no
// error then. Its buttons say what they do (usertest finding 8: the only
// button, "Đồng ý", opened the save dialog).
func (v *view) openFile(path, name string) *dialog.CustomDialog {
	if v.s.canOpen(path) {
		v.openPath(path)
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	msg := widget.NewLabel(lang.L("Máy này chưa có chương trình mở tệp {{.Ext}}.", map[string]any{"Ext": ext}) + " " + programFor(ext) + " " +
		lang.L("Cũng có thể lưu một bản sao của tệp để chép sang máy khác."))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("Chưa có chương trình mở tệp"), msg, v.win)
	save := newDialogButton(lang.L("Lưu bản sao…"), theme.DocumentSaveIcon(), func() {
		d.Hide()
		v.saveCopy(path, name)
	})
	closeBtn := newDialogButton(lang.L("Đóng"), theme.CancelIcon(), d.Hide)
	closeBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{save, closeBtn})
	d.Resize(fyne.NewSize(min(560, v.win.Canvas().Size().Width-40), d.MinSize().Height))
	v.showDialog(d, nil)
	return d
}

// programFor names a free program that opens files of kind ext.
func programFor(ext string) string {
	switch ext {
	case ".pdf":
		return lang.L("Tệp PDF mở được bằng trình duyệt web (Microsoft Edge, Chrome, Firefox) hoặc một chương trình đọc PDF như Foxit Reader, Adobe Acrobat Reader (miễn phí).")
	case ".html", ".htm":
		return lang.L("Tệp trang web mở được bằng trình duyệt web (Microsoft Edge, Chrome, Firefox).")
	case ".txt", ".md":
		return lang.L("Tệp chữ mở được bằng Notepad hoặc một chương trình soạn văn bản.")
	}
	return lang.L("Tệp {{.Ext}} mở được bằng Microsoft Word hoặc LibreOffice (miễn phí).", map[string]any{"Ext": ext})
}

// saveCopy asks where to save a copy of the stored file path under name,
// and writes it there.
func (v *view) saveCopy(path, name string) *picker {
	ext := filepath.Ext(name)
	return v.pickSaveFile(lang.L("Lưu bản sao của tệp gốc vào"), strings.TrimSuffix(filepath.Base(name), ext), strings.ToLower(ext), func(to string) {
		v.spawn(func() {
			err := copyFile(path, to)
			v.do(func() {
				if err != nil {
					v.showError(err)
					return
				}
				v.s.showInfo(lang.L("Đã lưu bản sao"), to, v.win)
			})
		})
	})
}

// copyFile copies the file from to to, a new file or one replaced.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
