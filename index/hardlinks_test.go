package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// linkCopy copies the archive folder src to dst as `cp -al` (rsnapshot,
// a backup tool) does: every folder made anew, every file a hard link to
// src's.
func linkCopy(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return os.Link(p, filepath.Join(dst, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHardLinkedCopyKeepsItsDocuments: a person copies the archive with
// hard links (cp -al, rsnapshot) as a backup, then goes on working in the
// original: imports more, deletes a document and empties the Trash. The
// copy still has every document it had, each original byte for byte,
// and Check finds nothing wrong with it; the working archive has what was
// done to it. Before, both shared the catalog and the active volume,
// which the archive writes in place: the copy lost the document deleted
// in the other and named documents it never held.
func TestHardLinkedCopyKeepsItsDocuments(t *testing.T) {
	ctx := context.Background()
	base := t.TempDir()
	work, copyDir := filepath.Join(base, "archive"), filepath.Join(base, "copy")
	a, err := Open(work, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, distinctDocs(6, 41))
	gone := rep.Items[0].ID
	want := map[string][]byte{}
	for _, it := range rep.Items {
		d, err := a.Get(it.ID)
		if err != nil {
			t.Fatal(err)
		}
		if want[it.ID], err = originalBytes(a, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	linkCopy(t, work, copyDir)
	// What a kill left past the committed length of the volume, or what
	// the copy committed there (an earlier version appended to it): the
	// working archive's Open must not cut it.
	vols, _ := filepath.Glob(filepath.Join(work, "volumes", "*.vol"))
	f, err := os.OpenFile(vols[len(vols)-1], os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(bytes.Repeat([]byte("tail"), 100)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := folderHashes(t, copyDir)

	// Working on in the original folder, with the copy open meanwhile:
	// the two no longer share their lock either.
	if a, err = Open(work, Options{Registry: testRegistry(t)}); err != nil {
		t.Fatal(err)
	}
	opened := make(chan error, 1)
	go func() {
		reader, err := OpenReadOnly(copyDir, Options{Registry: testRegistry(t)})
		if err == nil {
			err = reader.Close()
		}
		opened <- err
	}()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatalf("the copy, opened while the archive is: %v", err)
		}
	case <-time.After(time.Minute):
		// Bleve's root.bolt shared: bbolt's lock of it waits for ever.
		t.Fatal("the copy, opened while the archive is: still waiting after a minute")
	}
	importDocs(t, a, distinctDocs(4, 97))
	if _, err := a.Import(ctx, []string{writeDocs(t, distinctDocs(3, 7))}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(gone); err != nil {
		t.Fatal(err)
	}
	if _, err := a.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	requireCheck(t, a)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	after := folderHashes(t, copyDir)
	for name, h := range before {
		if after[name] != h {
			t.Errorf("the copy's %s changed (%q, was %q)", name, after[name], h)
		}
	}
	if len(after) != len(before) {
		t.Errorf("the copy has %d files, had %d", len(after), len(before))
	}

	c, err := Open(copyDir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, err := c.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(want) {
		t.Errorf("the copy holds %d documents, want the %d it was made with", st.Documents, len(want))
	}
	for id, orig := range want {
		d, err := c.Get(id)
		if err != nil {
			t.Errorf("the copy lost %s: %v", id, err)
			continue
		}
		if got, err := originalBytes(c, d); err != nil || !bytes.Equal(got, orig) {
			t.Errorf("the copy's original of %s changed: %v", id, err)
		}
	}
	requireCheck(t, c)
}

// folderHashes is the SHA-256 of each file below dir, by its path there.
func folderHashes(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestUnsharingIsTold: opening for writing a hard-linked copy of an
// archive copies each file it writes in place (the catalog, 2 GB and 4 s
// for a million documents) and says so first, naming the file, so a
// window can tell the person what the wait is; the next open, with
// nothing shared left, says nothing of it.
func TestUnsharingIsTold(t *testing.T) {
	base := t.TempDir()
	work, copyDir := filepath.Join(base, "archive"), filepath.Join(base, "copy")
	a, err := Open(work, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, distinctDocs(3, 5))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	linkCopy(t, work, copyDir)
	told := func() map[string]bool {
		seen := map[string]bool{}
		var mu sync.Mutex
		a, err := Open(copyDir, Options{Registry: testRegistry(t), Progress: func(p Progress) {
			if p.Unsharing {
				mu.Lock()
				seen[p.Current] = true
				mu.Unlock()
			}
		}})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		return seen
	}
	if seen := told(); !seen["catalog.db"] || !seen[indexDir+"/store/root.bolt"] {
		t.Errorf("unsharing told of %v; want catalog.db and the index's root.bolt", seen)
	}
	if seen := told(); len(seen) != 0 {
		t.Errorf("nothing shared any more, yet told of %v", seen)
	}
}
