package index

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckBundleBeforeAsking: CheckBundle, which the window calls
// before it asks where to restore, passes a backup and a pack each as
// its own kind, and refuses at once what RestoreBackup would refuse only
// after the questions: a backup cut short, a file that is not a zip, a
// zip that is not a bundle, a pack given as a backup and a backup as a
// pack, each with the reason opening it gives.
func TestCheckBundleBeforeAsking(t *testing.T) {
	ctx := t.Context()
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(5, 74))
	dir := t.TempDir()
	backup, pack := filepath.Join(dir, "sao-luu.zip"), filepath.Join(dir, "goi.kvbpack")
	if _, err := Backup(ctx, a.Dir(), backup, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportPack(ctx, Request{}, "Xã Thử", pack, nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckBundle(backup, "backup"); err != nil {
		t.Errorf("a backup: %v", err)
	}
	if err := CheckBundle(pack, "pack"); err != nil {
		t.Errorf("a pack: %v", err)
	}
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	photos := filepath.Join(dir, "anh.zip")
	f, err := os.Create(photos)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("anh/1.jpg")
	w.Write([]byte("not a photo"))
	zw.Close()
	f.Close()
	cases := []struct {
		name, file, kind, reason string
	}{
		{"cut short", write("cat.zip", data[:len(data)*2/3]), "backup", BundleUnreadable},
		{"cut to its first half", write("nua.zip", data[:len(data)/2]), "backup", BundleUnreadable},
		{"not a zip", write("van-ban.zip", []byte("Báo cáo tổng kết")), "backup", BundleUnreadable},
		{"a zip of photos", photos, "backup", BundleBadName},
		{"a pack as a backup", pack, "backup", BundleWrongKind},
		{"a backup as a pack", backup, "pack", BundleWrongKind},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := CheckBundle(c.file, c.kind)
			var be *BundleError
			if !errors.As(err, &be) || be.Reason != c.reason {
				t.Errorf("CheckBundle: %v, want %s", err, c.reason)
			}
			if c.kind != "backup" {
				return
			}
			// What the restore, after the questions, would say.
			_, rerr := RestoreBackup(ctx, c.file, filepath.Join(t.TempDir(), "kho"), nil)
			var re *BundleError
			if !errors.As(rerr, &re) || re.Reason != be.Reason {
				t.Errorf("RestoreBackup: %v, CheckBundle: %v", rerr, err)
			}
		})
	}
	if err := CheckBundle(dir, "backup"); err == nil {
		t.Error("a folder passed")
	}
}
