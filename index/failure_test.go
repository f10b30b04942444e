package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// checkConsistent reopens an archive and checks that the index agrees with
// the stored documents and that nothing half-written remains.
func checkConsistent(t *testing.T, dir string) int {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer a.Close()
	requireCheck(t, a)
	stored, _ := a.store.ids(docsDir)
	indexed, _ := a.indexedIDs()
	slices.Sort(stored)
	slices.Sort(indexed)
	if !slices.Equal(stored, indexed) {
		t.Fatalf("%d stored, %d indexed", len(stored), len(indexed))
	}
	for _, id := range stored {
		d, err := a.Get(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if _, err := originalBytes(a, d); err != nil {
			t.Fatalf("%s has no original", id)
		}
	}
	if left, _ := os.ReadDir(filepath.Join(dir, tmpDir)); len(left) > 0 {
		t.Errorf("%d half-written files left", len(left))
	}
	return len(stored)
}

// TestDiskFull fills a small file system (a tmpfs mounted for the test,
// which needs root) and checks that the import stops with an error and
// the archive stays whole.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	dir := filepath.Join(mnt, "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	// Room kept aside, freed after the import as a person would: the
	// index built again on reopening must fit (format 2 stores about
	// twice the documents in the same room, so their index is larger).
	reserve := filepath.Join(mnt, "reserve")
	if err := os.WriteFile(reserve, make([]byte, 8<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	// Words in random order: texts that compress little (the volume
	// store compresses them), with few terms to index.
	words := strings.Fields(testDocs["ct-dan-van.txt"])
	rng := rand.New(rand.NewPCG(3000, 1))
	docs := map[string]string{}
	for i := range 3000 {
		var b strings.Builder
		fmt.Fprintf(&b, "%s đoạn %d", testDocs["ct-dan-van.txt"], i)
		for range 1500 {
			b.WriteString(" " + words[rng.IntN(len(words))])
		}
		docs[fmt.Sprintf("d%04d.txt", i)] = b.String()
	}
	rep, err := a.Import(context.Background(), []string{writeDocs(t, docs)}, ImportOptions{})
	if err == nil {
		t.Fatalf("import filled the disk without an error: %d added", rep.Added)
	}
	t.Logf("stopped with %v after %d added", err, rep.Added)
	// Bleve's offline builder (this import into an empty archive is a
	// bulk one) is what most often meets the full disk: it keeps only
	// the text of its error.
	var re *ImportRoomError
	if !errors.As(err, &re) || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("import stopped by a full disk: %v, want an ImportRoomError", err)
	}
	failed := 0 // every failure is listed (added files at most ReportListed)
	for _, it := range rep.Items {
		if it.Status == Failed {
			failed++
		}
	}
	if failed != rep.Failed || rep.Added+rep.Failed != len(docs) {
		t.Errorf("the report counts %d of %d files (%d added, %d failed), lists %d failed", rep.Added+rep.Failed, len(docs), rep.Added, rep.Failed, failed)
	}
	if rep.Added == 0 {
		t.Error("nothing was added before the disk filled; the test proves little")
	}
	a.Close()
	// Free room, as a person would, and check what is there. The
	// reserve alone was not always enough for the index built again:
	// how many documents went in before the disk filled depends on how
	// the import's writes and Bleve's interleaved, so the disk grows too.
	os.Remove(reserve)
	if out, err := exec.Command("mount", "-o", "remount,size=96m", mnt).CombinedOutput(); err != nil {
		t.Logf("cannot grow the tmpfs: %v %s", err, out)
	}
	os.RemoveAll(filepath.Join(dir, "index"))
	n := checkConsistent(t, dir)
	if n != rep.Added {
		t.Errorf("%d documents in the archive, %d reported added", n, rep.Added)
	}
}

// TestReadOnlyFolder puts an archive on a file system that then becomes
// read-only (a tmpfs remounted, which needs root; Linux refuses to remount
// while files are open for writing, so the archive is closed first):
// opening it says why it cannot write, and it is whole afterwards.
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("remounting a file system needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	remount := func(mode string) {
		t.Helper()
		if out, err := exec.Command("mount", "-o", "remount,"+mode, mnt).CombinedOutput(); err != nil {
			t.Fatalf("remount %s: %v %s", mode, err, out)
		}
	}
	dir := filepath.Join(mnt, "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	a.Close()
	remount("ro")
	_, err = Open(dir, Options{Registry: testRegistry(t)})
	if err == nil || !errors.Is(err, syscall.EROFS) {
		t.Errorf("opening a read-only archive: %v, want an error saying the folder is read-only", err)
	}
	remount("rw")
	if n := checkConsistent(t, dir); n != 1 {
		t.Errorf("%d documents after the read-only spell, want 1", n)
	}
}
