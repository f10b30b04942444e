package index

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestKillDuringTrash kills a child process at each file it creates,
// renames or removes while moving documents to the Trash, back, and while
// emptying the Trash (the hook stops it just before that file operation),
// then reopens the archive: Check finds nothing wrong, and the operation
// is either not done at all or wholly done. It once removed an original
// before its trash entry with no journal, which left a restorable document
// without its original.
func TestKillDuringTrash(t *testing.T) {
	if op := os.Getenv(envChild); op != "" {
		trashChild(t, op)
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	template := filepath.Join(t.TempDir(), "template")
	a, err := Open(template, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]string{}
	for name, text := range testDocs {
		docs[name] = text
	}
	rep := importDocs(t, a, docs)
	var ids []string
	for _, it := range rep.Items {
		ids = append(ids, it.ID)
	}
	slices.Sort(ids)
	// Two documents stay live, two are in the Trash.
	if err := a.Delete(ids[2], ids[3]); err != nil {
		t.Fatal(err)
	}
	a.Close()

	for _, tc := range []struct {
		op     string
		before func(*Archive) bool // the state before the operation
		after  func(*Archive) bool
	}{
		{"delete", isLive(ids[0], ids[1]), inTrash(ids[0], ids[1])},
		{"restore", inTrash(ids[2]), isLive(ids[2])},
		{"empty", trashCount(2), trashCount(0)},
	} {
		seen := map[string]int{}
		for k := 1; ; k++ {
			dir := filepath.Join(t.TempDir(), "a")
			copyTree(t, template, dir)
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringTrash$", "-test.count=1")
			cmd.Env = append(os.Environ(), envChild+"="+tc.op, envArchive+"="+dir, "KHOVANBAN_KILL_AT="+strconv.Itoa(k))
			out, err := cmd.CombinedOutput()
			_, statErr := os.Stat(dir + ".done")
			killed := statErr != nil
			if killed && !strings.Contains(string(out), "killing itself") {
				t.Fatalf("%s: child: %v\n%s", tc.op, err, out)
			}
			b := openChecked(t, dir)
			switch {
			case tc.after(b):
				seen["after"]++
			case tc.before(b) && killed:
				seen["before"]++
			default:
				t.Errorf("%s, kill at file operation %d: neither before nor after", tc.op, k)
			}
			b.Close()
			if !killed {
				t.Logf("%s: %d kill points: %v", tc.op, k-1, seen)
				// A move is one commit of the catalog.
				if k < 2 {
					t.Errorf("%s: only %d file operations; the hook is not reached", tc.op, k-1)
				}
				break
			}
		}
	}
}

// trashChild runs one operation and kills itself just before the file
// operation numbered KHOVANBAN_KILL_AT.
func trashChild(t *testing.T, op string, opts ...func(*Options)) {
	at, _ := strconv.Atoi(os.Getenv("KHOVANBAN_KILL_AT"))
	n := 0
	hook := func(string, string) {
		if n++; n == at {
			fmt.Println("killing itself")
			p, _ := os.FindProcess(os.Getpid())
			p.Kill()
			select {}
		}
	}
	o := Options{Registry: testRegistry(t), beforeFileOp: hook}
	for _, f := range opts {
		f(&o)
	}
	a, err := Open(os.Getenv(envArchive), o)
	if err != nil {
		t.Fatal(err)
	}
	live, _ := a.store.ids(docsDir)
	trash, _ := a.store.ids(trashDir)
	slices.Sort(live)
	slices.Sort(trash)
	switch op {
	case "delete":
		err = a.Delete(live[0], live[1])
	case "restore":
		err = a.Undelete(trash[0])
	case "empty":
		_, err = a.EmptyTrash(context.Background())
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(os.Getenv(envArchive)+".done", nil, 0o644)
}

// openChecked opens an archive and fails the test if Check finds a
// problem.
func openChecked(t *testing.T, dir string) *Archive {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	requireCheck(t, a)
	if files, _ := os.ReadDir(filepath.Join(dir, journalDir)); len(files) > 0 && len(a.pendingSteps()) > 0 {
		t.Errorf("a step journal is left after opening")
	}
	return a
}

// inTrash: these documents are in the Trash and not live.
func inTrash(ids ...string) func(*Archive) bool {
	return func(a *Archive) bool {
		for _, id := range ids {
			if !a.store.inTrash(id) || a.store.hasDoc(id) {
				return false
			}
		}
		return true
	}
}

// isLive: these documents are live and not in the Trash.
func isLive(ids ...string) func(*Archive) bool {
	return func(a *Archive) bool {
		for _, id := range ids {
			if a.store.inTrash(id) || !a.store.hasDoc(id) {
				return false
			}
		}
		return true
	}
}

func trashCount(n int) func(*Archive) bool {
	return func(a *Archive) bool {
		ids, _ := a.store.ids(trashDir)
		return len(ids) == n
	}
}

// copyTree copies a folder of plain files.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportAgainAfterDelete imports a deleted document again, once with
// the same name and once under another extension: it leaves the Trash,
// and its old original goes when it is another file (Check, run when the
// test ends, finds no original without a document).
func TestImportAgainAfterDelete(t *testing.T) {
	for _, name := range []string{"kh.txt", "kh.md"} {
		a := newTestArchive(t)
		id := idOf(t, importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]}), "kh.txt")
		if err := a.Delete(id); err != nil {
			t.Fatal(err)
		}
		rep := importDocs(t, a, map[string]string{name: testDocs["kh-quyet-tam.txt"]})
		if rep.Added != 1 || idOf(t, rep, name) != id {
			t.Fatalf("%s: %+v", name, rep)
		}
		if trash, _ := a.Trash(); len(trash) != 0 || !a.store.hasDoc(id) {
			t.Errorf("%s: %d in the Trash after importing it again", name, len(trash))
		}
		d, _ := a.Get(id)
		if _, err := originalBytes(a, d); err != nil {
			t.Errorf("%s: the original of the live document: %v", name, err)
		}
	}
}
