package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestImportFollowsANamedLink: a link named to Import (khovanban import
// LINK, or dropped on the window) is followed, to a file or to a folder;
// links met while walking a folder are still skipped, and a link to an
// archive's folder imports nothing from it.
func TestImportFollowsANamedLink(t *testing.T) {
	a := newTestArchive(t)
	src := t.TempDir()
	doc := func(n string) []byte {
		return []byte("UBND XÃ AN PHÚ\nTHÔNG BÁO\nVề việc số " + n + "\nNội dung thông báo số " + n + " về dân vận khéo.\n")
	}
	for _, n := range []string{"1", "2", "3"} {
		if err := os.WriteFile(filepath.Join(src, "tb-"+n+".txt"), doc(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folder := filepath.Join(src, "thu-muc")
	os.Mkdir(folder, 0o755)
	os.WriteFile(filepath.Join(folder, "tb-4.txt"), doc("4"), 0o644)
	// Inside the folder: a link to a file outside it, not followed.
	links := t.TempDir()
	if err := os.Symlink(filepath.Join(src, "tb-3.txt"), filepath.Join(folder, "lien-ket.txt")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	fileLink := filepath.Join(links, "lien-ket-tep.txt")
	dirLink := filepath.Join(links, "lien-ket-thu-muc")
	archiveLink := filepath.Join(links, "lien-ket-kho")
	os.Symlink(filepath.Join(src, "tb-1.txt"), fileLink)
	os.Symlink(folder, dirLink)
	os.Symlink(a.Dir(), archiveLink)

	rep, err := a.Import(context.Background(), []string{fileLink, dirLink, archiveLink}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]ImportItem{}
	for _, it := range rep.Items {
		got[filepath.Base(it.Path)] = it
	}
	if it := got["tb-1.txt"]; it.Status != Added {
		t.Errorf("the file a named link points to: %+v", it)
	}
	if it := got["tb-4.txt"]; it.Status != Added {
		t.Errorf("a file in the folder a named link points to: %+v", it)
	}
	if it := got["lien-ket.txt"]; it.Status != Skipped || !errors.Is(it.Err, ErrSymlink) {
		t.Errorf("a link inside the folder: %+v", it)
	}
	if rep.Added != 2 || len(rep.Items) != 3 {
		t.Errorf("added %d of %d items: %+v", rep.Added, len(rep.Items), rep.Items)
	}
}
