package ui

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
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
// PC without Word or LibreOffice), it says so and offers to save a copy
// under its name, to take to another computer, instead of failing
// silently: the system's own "open" gives no error then.
func (v *view) openFile(path, name string) {
	if !v.s.canOpen(path) {
		ext := strings.ToLower(filepath.Ext(path))
		d := dialog.NewInformation(lang.L("Chưa có chương trình mở tệp"),
			lang.L("Máy này chưa có chương trình mở tệp {{.Ext}}. Hãy lưu một bản sao của tệp để chép sang máy khác, hoặc cài một chương trình đọc tệp {{.Ext}} (ví dụ LibreOffice, miễn phí).",
				map[string]any{"Ext": ext}), v.win)
		d.SetOnClosed(func() { v.saveCopy(path, name) })
		d.Show()
		return
	}
	v.openPath(path)
}

// saveCopy asks where to save a copy of the stored file path under name,
// and writes it there.
func (v *view) saveCopy(path, name string) *picker {
	ext := filepath.Ext(name)
	return v.pickSaveFile(strings.TrimSuffix(filepath.Base(name), ext), strings.ToLower(ext), func(to string) {
		v.spawn(func() {
			err := copyFile(path, to)
			v.do(func() {
				if err != nil {
					v.showError(err)
					return
				}
				dialog.ShowInformation(lang.L("Đã lưu bản sao"), to, v.win)
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
