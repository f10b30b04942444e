package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReadOnlyAndBackupRefuseLinksOutside: an archive on a USB stick
// whose parts are links out of its folder, to where a person's private
// files (or /etc) are on the machine that reads it. Opened for reading
// only, or backed up, it is refused naming the part (before, only an
// opening for writing was: a reader showed, and a backup copied, what
// the links led to), and no backup is written. In an archive of format
// 1, whose document files are not walked one by one, a document and an
// original that are links to private files are not read: the backup is
// refused naming the part, a reader's Get says so, and the private
// bytes are in no backup.
func TestReadOnlyAndBackupRefuseLinksOutside(t *testing.T) {
	ctx := context.Background()
	opts := Options{Registry: testRegistry(t)}
	base := filepath.Join(t.TempDir(), "kho")
	a, err := Open(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"], "bc.txt": testDocs["bc-typo.txt"]})
	kh, bc := idOf(t, rep, "kh.txt"), idOf(t, rep, "bc.txt")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(base, filepath.Join(t.TempDir(), "probe")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}

	for _, part := range []string{"volumes", "catalog.db", indexDir, registryFile, officesFile, manifestFile, filepath.Join("volumes", "000001.vol")} {
		dir := filepath.Join(t.TempDir(), "kho")
		copyTree(t, base, dir)
		if _, err := os.Stat(filepath.Join(dir, part)); err != nil {
			writeFile(t, filepath.Join(dir, part), []byte("{}")) // not made yet by this archive
		}
		private := filepath.Join(t.TempDir(), "rieng-tu")
		if err := os.Rename(filepath.Join(dir, part), private); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(private, filepath.Join(dir, part)); err != nil {
			t.Fatal(err)
		}
		refused := func(what string, err error) {
			var le *LinkOutsideError
			if !errors.As(err, &le) || le.Part != part || !le.Reading || le.Target != private {
				t.Errorf("%s with %s a link out: %v, want the part refused", what, part, err)
			}
		}
		r, err := OpenReadOnly(dir, opts)
		refused("OpenReadOnly", err)
		if r != nil {
			r.Close()
		}
		out := filepath.Join(t.TempDir(), "sao-luu.zip")
		_, err = Backup(ctx, dir, out, nil)
		refused("Backup", err)
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s a link out: a backup was written", part)
		}
	}

	// Format 1: a document file and an original are links to private
	// files of the same shape (a document of another archive, a file).
	old := filepath.Join(t.TempDir(), "kho")
	copyTree(t, base, old)
	toFormat1(t, old)
	s := &store{dir: old}
	outside := t.TempDir()
	doc, err := readDocFile(old, s.docPath(kh))
	if err != nil {
		t.Fatal(err)
	}
	const secret = "bimatriengtu của người dùng"
	doc.Text = secret
	data, _ := json.Marshal(doc)
	privateDoc := filepath.Join(outside, "nhat-ky.json")
	writeFile(t, privateDoc, data)
	linkOver(t, s.docPath(kh), privateDoc)
	d, err := readDocFile(old, s.docPath(bc))
	if err != nil {
		t.Fatal(err)
	}
	privateFile := filepath.Join(outside, "thu-rieng.txt")
	writeFile(t, privateFile, []byte(secret))
	linkOver(t, s.originalPath(d.Hash, d.Format), privateFile)

	out := filepath.Join(t.TempDir(), "sao-luu.zip")
	_, err = Backup(ctx, old, out, nil)
	var le *LinkOutsideError
	if !errors.As(err, &le) || !le.Reading || le.Target != privateDoc && le.Target != privateFile {
		t.Errorf("Backup of format 1 with documents linked out: %v", err)
	}
	if data, err := os.ReadFile(out); err == nil && bytes.Contains(data, []byte("bimatriengtu")) {
		t.Errorf("the private file is in the backup")
	}
	r, err := OpenReadOnly(old, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got, err := r.Get(kh); !errors.Is(err, ErrLinkOutside) {
		t.Errorf("Get of a document linked out: %v %+v", err, got)
	}
	if p, err := r.OriginalPath(d); !errors.Is(err, ErrLinkOutside) {
		t.Errorf("the original linked out given to open: %q %v", p, err)
	}
	if rc, _, err := r.store.openOriginal(d); !errors.Is(err, ErrLinkOutside) {
		if rc != nil {
			rc.Close()
		}
		t.Errorf("the original linked out opened: %v", err)
	}
	// A shard folder linked out is refused whole when the archive opens.
	shard := filepath.Dir(s.docPath(bc))
	if err := os.Rename(shard, filepath.Join(outside, "shard")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "shard"), shard); err != nil {
		t.Fatal(err)
	}
	if _, err := Backup(ctx, old, out, nil); !errors.As(err, &le) || le.Part != filepath.Join(docsDir, filepath.Base(shard)) {
		t.Errorf("Backup of format 1 with a shard linked out: %v", err)
	}
}

// linkOver replaces the file at path by a link to target.
func linkOver(t *testing.T, path, target string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}
