package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"khovanban/index/extract"
)

// TestLargeBackupKnownAsOne: a backup of a few thousand documents (its
// manifest over 1 MB) and one of more entries than the importer takes
// from a zip are known as backups: an import of the folder that holds
// them skips them with the reason, and a new backup may replace them.
// Before, the first was read as a zip of new documents (its hash-named
// originals imported, the person's edits lost) and neither could be
// replaced ("not a backup").
func TestLargeBackupKnownAsOne(t *testing.T) {
	if testing.Short() {
		t.Skip("writes backups of 8,000 and 14,000 entries")
	}
	usb := t.TempDir()
	for name, docs := range map[string]int{"sao-luu-4000.zip": 4_000, "sao-luu-7000.zip": 7_000} {
		if err := os.Rename(restorableBackup(t, docs), filepath.Join(usb, name)); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(usb, name)
		if kind := bundleKindOf(file, extract.Limits{}); kind != "backup" {
			t.Errorf("%s: known as %q", name, kind)
		}
		if err := checkBackupTarget(t.TempDir(), file); err != nil {
			t.Errorf("%s: a backup cannot replace it: %v", name, err)
		}
	}
	a, err := Open(filepath.Join(t.TempDir(), "kho"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	rep, err := a.Import(context.Background(), []string{usb}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range rep.Items {
		if it.Status != Skipped || !errors.Is(it.Err, ErrBackupFile) {
			t.Errorf("%s: %s %v, want skipped as a backup", filepath.Base(it.Path), it.Status, it.Err)
		}
	}
	if rep.Added != 0 || len(rep.Items) != 2 {
		t.Errorf("added %d of %d items", rep.Added, len(rep.Items))
	}
}
