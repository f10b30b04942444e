//go:build unix

package index

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// hangAfter is how long a call may take before it is taken to wait on a
// named pipe: each takes well under a second, also under -race.
const hangAfter = 20 * time.Second

// endsInSeconds runs fn and fails the test when it has not returned
// after a few seconds: it waits on a named pipe. The pipes are then
// opened for writing and closed, again and again, until fn returns, so
// that the test itself ends.
func endsInSeconds(t *testing.T, what string, pipes []string, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
		return
	case <-time.After(hangAfter):
	}
	t.Errorf("%s: still waiting after %v: it opened a named pipe", what, hangAfter)
	for {
		for _, p := range pipes {
			if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				w.Close()
			}
		}
		select {
		case <-done:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// mkfifo makes a named pipe at path, in place of what is there.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// TestImportSkipsPipes: a folder to import (a USB stick's) holds a named
// pipe named as a document and as a zip, and a socket; the folder also
// holds a document and a zip that are replaced by named pipes between
// the walk that listed them and their reading. The import ends in
// seconds (before, the first opening of a pipe waited for ever), each
// of them is reported skipped with the reason that it is no regular
// file, and the documents beside them are imported.
func TestImportSkipsPipes(t *testing.T) {
	a := newTestArchive(t)
	src := writeDocs(t, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"], "bc.txt": testDocs["bc-typo.txt"]})
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("ct.txt")
	w.Write([]byte(testDocs["kh-quyet-tam.txt"] + "\nbản trong zip\n"))
	zw.Close()
	writeFile(t, filepath.Join(src, "goi.zip"), zb.Bytes())
	pipes := []string{filepath.Join(src, "ong.pdf"), filepath.Join(src, "ong.zip")}
	for _, p := range pipes {
		mkfifo(t, p)
	}
	sock := filepath.Join(src, "o.docx")
	if l, err := net.Listen("unix", sock); err == nil {
		defer l.Close()
	} else {
		sock = ""
	}
	swapped := map[string]bool{filepath.Join(src, "bc.txt"): true, filepath.Join(src, "goi.zip"): true}
	var mu sync.Mutex
	swap := func(path string) {
		mu.Lock()
		defer mu.Unlock()
		if swapped[path] {
			delete(swapped, path)
			mkfifo(t, path)
		}
	}
	for p := range swapped {
		pipes = append(pipes, p)
	}
	var rep *ImportReport
	var err error
	endsInSeconds(t, "import", pipes, func() {
		rep, err = a.Import(context.Background(), []string{src}, ImportOptions{beforeOpen: swap})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(swapped) != 0 {
		t.Fatalf("not swapped: %v", swapped)
	}
	got := map[string]ImportItem{}
	for _, it := range rep.Items {
		got[filepath.Base(it.Path)] = it
	}
	notRegular := []string{"ong.pdf", "ong.zip", "bc.txt", "goi.zip"}
	if sock != "" {
		notRegular = append(notRegular, "o.docx")
	}
	for _, name := range notRegular {
		if it, ok := got[name]; !ok || it.Status != Skipped || !errors.Is(it.Err, ErrNotRegular) {
			t.Errorf("%s: %+v, want skipped as no regular file", name, it)
		}
	}
	if it := got["kh.txt"]; it.Status != Added {
		t.Errorf("kh.txt: %+v", it)
	}
	// A pipe named to Import itself is skipped alike.
	lone := filepath.Join(t.TempDir(), "van-ban.docx")
	mkfifo(t, lone)
	endsInSeconds(t, "import of a named pipe", []string{lone}, func() {
		rep, err = a.Import(context.Background(), []string{lone}, ImportOptions{})
	})
	if err != nil || len(rep.Items) != 1 || rep.Items[0].Status != Skipped || !errors.Is(rep.Items[0].Err, ErrNotRegular) {
		t.Errorf("a named pipe named to Import: %v %+v", err, rep)
	}
}

// TestPackAndBackupPipesRefused: a named pipe chosen as a document pack
// or as a backup to restore (a stick's file named goi.kvbpack) is
// refused at once as no regular file, and the restore leaves nothing.
func TestPackAndBackupPipesRefused(t *testing.T) {
	a := newTestArchive(t)
	pipe := filepath.Join(t.TempDir(), "goi.kvbpack")
	mkfifo(t, pipe)
	var err error
	endsInSeconds(t, "PlanPack", []string{pipe}, func() { _, err = a.PlanPack(pipe) })
	if !errors.Is(err, ErrNotRegular) {
		t.Errorf("PlanPack of a named pipe: %v", err)
	}
	into := filepath.Join(t.TempDir(), "kho")
	endsInSeconds(t, "RestoreBackup", []string{pipe}, func() { _, err = RestoreBackup(context.Background(), pipe, into, nil) })
	if !errors.Is(err, ErrNotRegular) {
		t.Errorf("RestoreBackup of a named pipe: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(into)); len(entries) != 0 {
		t.Errorf("the restore left %v", entries)
	}
}

// TestArchivePipesRefused: a part of an archive folder (on a stick, from
// a copy) is a named pipe: its marker, its registry, its known offices,
// its lock, its catalog, a volume, a file of its index. Open, OpenReadOnly
// and Backup each end in seconds, refusing the archive with the part
// named (before, each waited for ever on the pipe), and no backup is
// written. A socket in the folder is refused alike. In an archive of
// format 1, whose document files are not walked one by one, a pipe in
// place of a document is not waited on either: its backup is refused
// naming it.
func TestArchivePipesRefused(t *testing.T) {
	ctx := context.Background()
	opts := Options{Registry: testRegistry(t)}
	base := filepath.Join(t.TempDir(), "kho")
	a, err := Open(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	id := idOf(t, rep, "kh.txt")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	parts := []string{manifestFile, registryFile, officesFile, "lock", "lock.owner", "catalog.db",
		filepath.Join("volumes", "000001.vol"), filepath.Join(indexDir, "ong"), filepath.Join("cache", "originals", "x.pdf")}
	for _, part := range parts {
		dir := filepath.Join(t.TempDir(), "kho")
		copyTree(t, base, dir)
		pipe := filepath.Join(dir, part)
		if err := os.MkdirAll(filepath.Dir(pipe), 0o755); err != nil {
			t.Fatal(err)
		}
		mkfifo(t, pipe)
		refused := func(what string, err error) {
			var se *SpecialFileError
			if !errors.As(err, &se) || se.Part != part || !errors.Is(err, ErrNotRegular) {
				t.Errorf("%s with %s a named pipe: %v, want the part refused", what, part, err)
			}
		}
		endsInSeconds(t, "Open", []string{pipe}, func() {
			a, err := Open(dir, opts)
			refused("Open", err)
			if a != nil {
				a.Close()
			}
		})
		endsInSeconds(t, "OpenReadOnly", []string{pipe}, func() {
			a, err := OpenReadOnly(dir, opts)
			refused("OpenReadOnly", err)
			if a != nil {
				a.Close()
			}
		})
		out := filepath.Join(t.TempDir(), "sao-luu.zip")
		endsInSeconds(t, "Backup", []string{pipe}, func() {
			_, err := Backup(ctx, dir, out, nil)
			refused("Backup", err)
		})
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s a named pipe: a backup was written", part)
		}
	}

	dir := filepath.Join(t.TempDir(), "kho")
	copyTree(t, base, dir)
	sock := filepath.Join(dir, "o")
	if l, err := net.Listen("unix", sock); err == nil {
		if _, err := OpenReadOnly(dir, opts); !errors.Is(err, ErrNotRegular) {
			t.Errorf("OpenReadOnly with a socket in the folder: %v", err)
		}
		l.Close()
	}

	old := filepath.Join(t.TempDir(), "kho")
	copyTree(t, base, old)
	toFormat1(t, old)
	pipe := (&store{dir: old}).docPath(id)
	mkfifo(t, pipe)
	out := filepath.Join(t.TempDir(), "sao-luu.zip")
	endsInSeconds(t, "Backup of format 1", []string{pipe}, func() {
		_, err = Backup(ctx, old, out, nil)
	})
	var se *SpecialFileError
	if !errors.As(err, &se) || filepath.Base(se.Part) != id+".json" {
		t.Errorf("Backup of format 1 with a document a named pipe: %v", err)
	}
	endsInSeconds(t, "OpenReadOnly of format 1", []string{pipe}, func() {
		r, err := OpenReadOnly(old, opts)
		if err != nil {
			return // refused: fine, it did not wait
		}
		defer r.Close()
		if _, err := r.Get(id); !errors.Is(err, ErrNotRegular) {
			t.Errorf("Get of a document that is a named pipe: %v", err)
		}
	})
}
