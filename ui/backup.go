package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/ui/messages"
)

// job is long work with a progress dialog; done is closed when its
// outcome is on screen (tests wait on it).
type job struct {
	done chan struct{}
	err  error
}

func newJob() *job { return &job{done: make(chan struct{})} }

// onBackup saves a copy of the whole archive in a zip file.
func (v *view) onBackup() { v.backup() }

func (v *view) backup() *picker {
	return v.pickBundleSave(lang.L("Lưu bản sao lưu vào"), backupName(time.Now()), ".zip", func(path string) { v.backupTo(path) })
}

// The names suggested for a backup, a restored archive and a pack are in
// the language in use, with the day: in English they were Vietnamese
// ("khovanban-sao-luu-2026-12-04.zip", usertest s28).

// backupName is the name suggested for a backup made on day.
func backupName(day time.Time) string {
	return lang.L("khovanban-sao-luu") + "-" + day.Format("2006-01-02") + ".zip"
}

// backupTo writes the backup in the background.
func (v *view) backupTo(path string) *job {
	j := newJob()
	dir := v.arc.Dir()
	var info *index.BackupInfo
	v.withProgress(lang.L("Đang sao lưu kho văn bản"), j, func(ctx context.Context, progress func(index.Progress)) (err error) {
		info, err = index.Backup(ctx, dir, path, progress)
		return err
	}, func() {
		v.s.showInfo(lang.L("Đã sao lưu"), messages.N("Đã sao lưu {{.Docs}} văn bản{{.Files}}, và {{.Trash}} văn bản trong Thùng rác, vào tệp:\n{{.File}}\n\nHãy chép tệp này sang USB hoặc máy khác để giữ an toàn.", info.Documents,
			map[string]any{"Docs": formatCount(info.Documents), "Files": messages.FilesBeside(info.Documents, info.Files), "Trash": formatCount(info.Trash), "File": path}), v.win)
	})
	return j
}

// onRestoreBackup brings an archive back from a backup into a new folder
// and offers to open it.
func (v *view) onRestoreBackup() { v.restoreBackup() }

func (v *view) restoreBackup() *picker {
	return v.pickFile(lang.L("Chọn bản sao lưu cần khôi phục"), ".zip", func(file string) {
		v.checkBackup(file, func() { v.askWhereToRestore(file) })
	})
}

// checkBackup looks file over (its zip directory and manifest, not its
// data: a second or two for a million documents) away from the window,
// then calls then, or tells why it cannot be restored: a cut or broken
// file was refused only after the explanation and the folder were
// answered (usertest s20).
func (v *view) checkBackup(file string, then func()) {
	go func() {
		err := index.CheckBundle(file, "backup")
		v.do(func() {
			if v.s.view != v || v.stopped {
				return
			}
			if err != nil {
				v.showError(err)
				return
			}
			then()
		})
	}()
}

// askWhereToRestore explains the restore, then asks for the folder.
func (v *view) askWhereToRestore(file string) {
	// The explanation first; the folder is chosen once it is read (shown
	// together, it stayed under the picker until the restore was over).
	d := dialog.NewInformation(lang.L("Khôi phục từ bản sao lưu"),
		lang.L("Tiếp theo, chọn thư mục để đặt kho khôi phục. Một thư mục mới sẽ được tạo trong đó; kho đang dùng không bị thay đổi."), v.win)
	d.SetOnClosed(func() { v.pickRestoreFolder(file) })
	v.showDialog(d, nil)
}

// pickRestoreFolder asks for the folder to restore file into, and asks
// again, saying why, while the folder chosen cannot be written in, such as
// a folder the person may only read (usertest s23: the restore failed
// there with "Không có quyền đọc hoặc ghi ở thư mục này.", and had to be
// begun again from the backup file). It opens where the last restore was
// put, not among the originals last imported, and the import's picker
// does not open here next.
func (v *view) pickRestoreFolder(file string) *picker {
	return v.pickFolder(lang.L("Chọn nơi đặt kho khôi phục"), lang.L("Khôi phục vào đây"), prefRestoreDir, func(parent string) {
		if err := canWriteIn(parent); err != nil {
			d := dialog.NewInformation(lang.L("Chọn thư mục khác"),
				lang.L("Không ghi được vào thư mục {{.Dir}}: {{.Why}}\nHãy chọn thư mục khác, ví dụ thư mục Tài liệu (Documents) hoặc một ổ USB.",
					map[string]any{"Dir": parent, "Why": messages.Error(err)}), v.win)
			d.SetOnClosed(func() { v.pickRestoreFolder(file) })
			v.showDialog(d, nil)
			return
		}
		v.restoreFrom(file, restoreFolder(parent))
	})
}

// canWriteIn reports why a file cannot be made in dir, if it cannot.
func canWriteIn(dir string) error {
	f, err := os.CreateTemp(dir, ".khovanban-*.tmp")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// restoreFolder is a new folder inside parent for a restored archive.
func restoreFolder(parent string) string {
	base := filepath.Join(parent, lang.L("kho-khoi-phuc")+"-"+time.Now().Format("2006-01-02"))
	dir := base
	for i := 2; ; i++ {
		if _, err := os.Stat(dir); os.IsNotExist(err) {
			return dir
		}
		dir = fmt.Sprintf("%s-%d", base, i)
	}
}

// restoreFrom restores file into dir in the background, then offers to
// open the restored archive.
func (v *view) restoreFrom(file, dir string) *job {
	j := newJob()
	var info *index.BackupInfo
	v.withProgress(lang.L("Đang khôi phục kho văn bản"), j, func(ctx context.Context, progress func(index.Progress)) (err error) {
		info, err = index.RestoreBackup(ctx, file, dir, progress)
		return err
	}, func() {
		// The Trash too, in the backup message's words (usertest session 7,
		// finding 4: the documents restored into it went unsaid).
		msg := messages.N("Đã khôi phục {{.Docs}} văn bản{{.Files}}, và {{.Trash}} văn bản trong Thùng rác, vào thư mục:\n{{.Dir}}\n\nMở kho này ngay bây giờ?", info.Documents,
			map[string]any{"Docs": formatCount(info.Documents), "Files": messages.FilesBeside(info.Documents, info.Files), "Trash": formatCount(info.Trash), "Dir": dir})
		d := dialog.NewConfirm(lang.L("Đã khôi phục"), msg, func(ok bool) {
			if ok {
				v.s.switchArchive(dir)
			}
		}, v.win)
		d.SetConfirmText(lang.L("Mở kho này"))
		d.SetDismissText(lang.L("Để sau"))
		v.showDialog(d, nil)
	})
	return j
}
