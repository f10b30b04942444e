package ui

import (
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

// openFile opens path with the system's program for its kind. When the
// computer has none (a .doc on a PC without Word or LibreOffice), it says
// so and shows the file in its folder instead of failing silently: the
// system's own "open" gives no error then.
func (v *view) openFile(path string) {
	if !v.s.canOpen(path) {
		ext := strings.ToLower(filepath.Ext(path))
		dialog.ShowInformation(lang.L("Chưa có chương trình mở tệp"),
			lang.L("Máy này chưa có chương trình mở tệp {{.Ext}}. Thư mục chứa tệp sẽ được mở để có thể chép tệp sang máy khác, hoặc cài một chương trình đọc tệp {{.Ext}} (ví dụ LibreOffice, miễn phí).",
				map[string]any{"Ext": ext}), v.win)
		v.showInFolder(path)
		return
	}
	v.openPath(path)
}

// showInFolder opens the folder that holds path in the file manager, with
// the file chosen where the system allows it (Windows).
func (v *view) showInFolder(path string) {
	if err := selectInFileManager(path); err == nil {
		return
	}
	v.openPath(filepath.Dir(path))
}
