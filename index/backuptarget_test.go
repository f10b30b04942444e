package index

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestBackupNeverOverAnotherFile: a backup's zip is renamed over its
// target. Written to the archive's own catalog.db (a path typed or picked
// by mistake), it replaced the catalog and the archive could not be read;
// over a volume, every original. Such a target, one reached through a
// link to the archive folder, and a file that is not a backup (a
// report.docx, a zip of photos) are refused, each unchanged, and the
// archive stays whole; an older backup of the same name is replaced.
func TestBackupNeverOverAnotherFile(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(1, 41))
	out := t.TempDir()
	report := filepath.Join(out, "report.docx")
	os.WriteFile(report, []byte("báo cáo của tôi"), 0o644)
	photos := filepath.Join(out, "anh.zip")
	os.WriteFile(photos, []byte("PK\x05\x06"+string(make([]byte, 18))), 0o644)
	cases := map[string]error{
		filepath.Join(a.Dir(), "catalog.db"):             ErrBackupInsideArchive,
		filepath.Join(a.Dir(), "volumes", "000001.vol"):  ErrBackupInsideArchive,
		filepath.Join(a.Dir(), "sao-luu.zip"):            ErrBackupInsideArchive,
		filepath.Join(a.Dir(), "volumes", "..", "x.zip"): ErrBackupInsideArchive,
		report: ErrNotBackupFile,
		photos: ErrNotBackupFile,
		out:    ErrNotBackupFile,
	}
	if runtime.GOOS != "windows" {
		link := filepath.Join(out, "kho-link")
		if err := os.Symlink(a.Dir(), link); err != nil {
			t.Fatal(err)
		}
		cases[filepath.Join(link, "catalog.db")] = ErrBackupInsideArchive
	}
	before := map[string][]byte{}
	for _, p := range []string{report, photos} {
		before[p], _ = os.ReadFile(p)
	}
	for target, want := range cases {
		if _, err := Backup(ctx, a.Dir(), target, nil); !errors.Is(err, want) {
			t.Errorf("backup to %s: %v, want %v", target, err, want)
		}
	}
	for p, data := range before {
		if now, _ := os.ReadFile(p); string(now) != string(data) {
			t.Errorf("%s changed", p)
		}
	}
	// The archive's own files are written by it meanwhile (the index's
	// marks cleared): each is checked not to be a zip now.
	for _, p := range []string{filepath.Join(a.Dir(), "catalog.db"), filepath.Join(a.Dir(), "volumes", "000001.vol")} {
		if data, err := os.ReadFile(p); err != nil || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
			t.Errorf("%s replaced by a backup (%v)", p, err)
		}
	}
	backup := filepath.Join(out, "sao-luu.zip")
	for range 2 { // the second replaces the first
		if info, err := Backup(ctx, a.Dir(), backup, nil); err != nil || info.Documents != 1 {
			t.Fatalf("backup: %+v %v", info, err)
		}
	}
	if cr, err := a.Check(ctx, nil); err != nil || len(cr.Problems) != 0 {
		t.Errorf("check: %+v %v", cr, err)
	}
}
