package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"khovanban/index/classify"
)

// leaveJournal makes, in a closed archive, what a kill in the middle of
// two writes leaves: a new document stored but not indexed, an edited one
// stored but indexed as before, both named in the journal, and the
// unclean mark. It returns their ids. With format1, the archive is of
// format 1 (an earlier version's, see toFormat1), its journal a file.
func leaveJournal(t *testing.T, dir string, format1 bool) (added, edited string) {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"], "bc.txt": testDocs["bc-typo.txt"]})
	edited = idOf(t, rep, "kh.txt")
	a.Close()
	b, err := Open(filepath.Join(t.TempDir(), "b"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	added = idOf(t, importDocs(t, b, map[string]string{"ct.txt": testDocs["ct-dan-van.txt"]}), "ct.txt")
	d, _ := b.Get(added)
	orig, err := originalBytes(b, d)
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	if !format1 {
		e := storedDoc(t, dir, edited)
		e.Title = "Tiêu đề ghi dở"
		storeUnindexed(t, dir, []*Document{d, e}, map[string][]byte{added: orig})
		return added, edited
	}
	toFormat1(t, dir)
	s := &store{dir: dir}
	writeFile(t, s.originalPath(d.Hash, d.Format), orig)
	data, _ := json.Marshal(d)
	writeFile(t, s.docPath(added), data)
	e, _ := s.getDoc(edited)
	e.Title = "Tiêu đề ghi dở"
	data, _ = json.Marshal(e)
	writeFile(t, s.docPath(edited), data)
	writeFile(t, filepath.Join(dir, journalDir, "1.ids"), []byte(added+"\n"+edited+"\n"))
	writeFile(t, filepath.Join(dir, dirtyFile), nil)
	return added, edited
}

// tree lists every file below dir with its size and time, to tell that
// nothing was written.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			info, _ := d.Info()
			fmt.Fprintf(&b, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
		}
		return nil
	})
	return b.String()
}

// readAnswers checks what a read-only archive over leaveJournal's state
// answers: the journaled writes as if replayed.
func readAnswers(t *testing.T, a *Archive, added, edited string) {
	t.Helper()
	ctx := context.Background()
	for q, want := range map[string]string{"dan van kheo": added, `"ghi dở"`: edited} {
		res, err := a.Search(ctx, Request{Query: q})
		if err != nil || res.Total != 1 || res.Hits[0].ID != want {
			t.Errorf("search %s: %v %+v, want %s", q, err, res, want)
		}
	}
	if res, _ := a.Search(ctx, Request{Query: `"khẩu hiệu hành động" -"ghi dở"`}); res == nil || res.Total != 0 {
		t.Errorf("the edited document is still found as it was: %+v", res)
	}
	if st, err := a.Stats(ctx); err != nil || st.Documents != 3 {
		t.Errorf("stats: %v %+v", err, st)
	}
	if _, err := a.CategoryCounts(ctx, classify.Campaign); err != nil {
		t.Errorf("campaigns: %v", err)
	}
	if d, err := a.Get(added); err != nil || d.ID != added {
		t.Errorf("get: %v", err)
	}
	requireCheck(t, a)
}

// TestReadOnlyOpen opens an archive a kill left with a journal for
// reading only: answers agree with the stored documents, nothing is
// written, readers share the archive and keep a writer out, writes are
// refused; the next Open replays the journal for good. An archive of
// format 1 (an earlier version's, not migrated yet) is read as it is,
// and migrated by the next Open.
func TestReadOnlyOpen(t *testing.T) {
	for _, format1 := range []bool{false, true} {
		t.Run(fmt.Sprint("format 1 ", format1), func(t *testing.T) { testReadOnlyOpen(t, format1) })
	}
}

func testReadOnlyOpen(t *testing.T, format1 bool) {
	dir := filepath.Join(t.TempDir(), "a")
	added, edited := leaveJournal(t, dir, format1)
	before := tree(t, dir)
	a, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !a.ReadOnly() {
		t.Error("an archive opened by OpenReadOnly says it is writable")
	}
	readAnswers(t, a, added, edited)
	b, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("a second reader: %v", err)
	}
	readAnswers(t, b, added, edited)
	if _, err := Open(dir, Options{Registry: testRegistry(t)}); !errors.Is(err, ErrLocked) {
		t.Errorf("a writer beside readers: %v", err)
	}
	if _, err := a.Edit(added, map[string]string{"title": "x"}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("edit: %v", err)
	}
	if err := a.Delete(added); !errors.Is(err, ErrReadOnly) {
		t.Errorf("delete: %v", err)
	}
	if _, err := a.EmptyTrash(context.Background()); !errors.Is(err, ErrReadOnly) {
		t.Errorf("empty trash: %v", err)
	}
	if err := a.Rebuild(context.Background(), nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("rebuild: %v", err)
	}
	// A pack is signed with the office key; a reader cannot make it.
	if _, err := a.ExportPack(context.Background(), Request{}, "x", filepath.Join(t.TempDir(), "p.kvbpack"), nil); !errors.Is(err, ErrReadOnly) {
		t.Errorf("export with no office key yet: %v", err)
	}
	a.Close()
	b.Close()
	if after := tree(t, dir); after != before {
		t.Errorf("reading wrote to the archive:\nbefore\n%s\nafter\n%s", before, after)
	}
	w, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if w.ReadOnly() {
		t.Error("an archive opened by Open says it is read-only")
	}
	readAnswers(t, w, added, edited)
	if w.store.vol == nil {
		t.Error("a writer's Open did not migrate the archive")
	}
	w.Close()
	if files, _ := os.ReadDir(filepath.Join(dir, journalDir)); len(files) != 0 {
		t.Errorf("%d journal files left after a writer's Open", len(files))
	}

	// What needs writing first is said so.
	if _, err := OpenReadOnly(filepath.Join(t.TempDir(), "none"), Options{}); !errors.Is(err, ErrNeedsWrite) {
		t.Errorf("no archive yet: %v", err)
	}
	os.RemoveAll(filepath.Join(dir, indexDir))
	if _, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)}); !errors.Is(err, ErrNeedsWrite) {
		t.Errorf("no index: %v", err)
	}
}

// TestLockNamesHolder: a process that finds the archive in use is told
// which program and process hold it.
func TestLockNamesHolder(t *testing.T) {
	if os.Getenv(envChild) == "hold" {
		a, err := Open(os.Getenv(envArchive), Options{Registry: testRegistry(t), Program: "khovanban import"})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Println("ready")
		bufio.NewReader(os.Stdin).ReadString('\n') // until the parent says
		a.Close()
		return
	}
	dir := filepath.Join(t.TempDir(), "a")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockNamesHolder$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=hold", envArchive+"="+dir)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer in.Close()
	if line, _ := bufio.NewReader(out).ReadString('\n'); line != "ready\n" {
		t.Fatalf("child: %q", line)
	}
	backup := func(dir string, opts Options) (*Archive, error) {
		file := filepath.Join(t.TempDir(), "b.zip")
		_, err := Backup(context.Background(), dir, file, nil)
		if _, serr := os.Stat(file); serr == nil {
			t.Error("backup: a file was written")
		}
		return nil, err
	}
	// The catalog and the index are not read beside a writer: every
	// other process is told at once who holds the archive.
	for name, open := range map[string]func(string, Options) (*Archive, error){"Open": Open, "OpenReadOnly": OpenReadOnly, "Backup": backup} {
		start := time.Now()
		_, err := open(dir, Options{Registry: testRegistry(t)})
		var le *LockedError
		if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.Program != "khovanban import" || le.PID != cmd.Process.Pid || time.Since(le.Since) > time.Minute {
			t.Errorf("%s: %v, want the holder named", name, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: told after %s", name, d)
		}
	}
}

// mountTmpfs mounts a small file system for the test, which needs root.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	return mnt
}

// fillDisk writes a file until the file system holding dir is full, and
// returns its path.
func fillDisk(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, size := range []int{1 << 20, 4 << 10, 1} {
		buf := make([]byte, size)
		for {
			if _, err := f.Write(buf); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
	return p
}

// TestReadCommandsOnFullDisk fills a real small file system (a tmpfs)
// holding an archive a kill left with a journal: opening it for reading
// still answers every read, as the journal replayed; a rebuild that
// cannot be written says so instead of reporting success.
func TestReadCommandsOnFullDisk(t *testing.T) {
	mnt := mountTmpfs(t, "16m")
	dir := filepath.Join(mnt, "a")
	added, edited := leaveJournal(t, dir, false)
	filler := fillDisk(t, mnt)
	for range 3 {
		a, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatalf("open for reading on a full disk: %v", err)
		}
		readAnswers(t, a, added, edited)
		a.Close()
	}
	os.Remove(filler)

	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// The old index is gone once the rebuild reports its first document:
	// the disk fills then.
	filled := false
	err = a.Rebuild(context.Background(), func(Progress) {
		if !filled {
			filled = true
			filler = fillDisk(t, mnt)
		}
	})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("rebuild on a full disk: %v, want an error saying the disk is full", err)
	}
}

// TestIndexNotSavedIsReported leaves room on a full file system (a tmpfs)
// for the files of an import but not for its index: closing says the
// index could not be written, and the next Open indexes what was stored.
func TestIndexNotSavedIsReported(t *testing.T) {
	mnt := mountTmpfs(t, "16m")
	dir := filepath.Join(mnt, "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	src := writeDocs(t, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	// 8 KB: enough for the records, compressed, appended to a volume
	// (4 to 16 KB do), not for the index's segment (48 KB is).
	room := filepath.Join(mnt, "room")
	if err := os.WriteFile(room, make([]byte, 8<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	fillDisk(t, mnt)
	os.Remove(room)
	rep, err := a.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("import: %v %+v (the room left is not enough for the files)", err, rep)
	}
	if err := a.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("close: %v, want an error saying the disk is full", err)
	}
	os.Remove(filepath.Join(mnt, "filler"))
	if n := checkConsistent(t, dir); n != 1 {
		t.Errorf("%d documents after freeing room, want 1", n)
	}
}
