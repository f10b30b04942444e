package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestArchiveLinksOutsideRefused: an archive folder brought on a USB
// stick, restored or copied may hold links. Each part of a real archive
// is in turn made a link out of its folder: the part moved out and
// linked back (the archive would work, writing there), or a link to a
// file or folder not made yet out there (a write would create it). Open
// refuses every one naming the part, and nothing out there is written,
// created or changed; a reader takes no lock through a link either. A
// link that stays inside the folder, and a folder reached through a link
// (a Documents folder that is one), open and are written as before.
func TestArchiveLinksOutsideRefused(t *testing.T) {
	base := filepath.Join(t.TempDir(), "kho")
	a, err := Open(base, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	probe := filepath.Join(t.TempDir(), "probe")
	if err := os.Symlink(base, probe); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}

	opts := Options{Registry: testRegistry(t)}
	cases := []struct {
		part  string
		moved bool // the part moved out and linked back; else a link to nothing yet
	}{
		{"index", true}, {"volumes", true}, {"catalog.db", true}, {"facets", true},
		{"lock", true}, {"lock.owner", true}, {"khovanban-archive.json", true},
		{filepath.Join("volumes", "000001.vol"), true}, {filepath.Join("index", "store"), true},
		{"cache", true}, {"cache", false}, {"index.open", false}, {"journal", false}, {"tmp", false},
		{"offices.json", false}, {"registry.json", false}, {"summary.json", false}, {"lock", false},
	}
	for _, c := range cases {
		dir := filepath.Join(t.TempDir(), "kho")
		copyTree(t, base, dir)
		outside := t.TempDir()
		target := filepath.Join(outside, "của-người-khác")
		if c.part == "cache" && c.moved {
			// A folder of the person's that has an "originals" of its
			// own: opening and closing empty the archive's.
			writeFile(t, filepath.Join(target, "originals", "báo-cáo.docx"), []byte("của người dùng"))
		} else if c.moved {
			if err := os.Rename(filepath.Join(dir, c.part), target); err != nil {
				t.Fatal(err)
			}
		} else if err := os.RemoveAll(filepath.Join(dir, c.part)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, c.part)); err != nil {
			t.Fatal(err)
		}
		before := tree(t, outside)
		a, err := Open(dir, opts)
		var le *LinkOutsideError
		if !errors.As(err, &le) || !errors.Is(err, ErrLinkOutside) || le.Part != c.part {
			t.Errorf("%s (moved %v): Open: %v, want the part refused", c.part, c.moved, err)
			if a != nil {
				a.Close()
			}
		}
		if c.part == "lock" {
			// A reader takes the lock first: not through the link either.
			if r, err := OpenReadOnly(dir, opts); !errors.Is(err, ErrLinkOutside) {
				t.Errorf("lock (moved %v): OpenReadOnly: %v, want the lock refused", c.moved, err)
				if r != nil {
					r.Close()
				}
			}
		}
		if after := tree(t, outside); after != before {
			t.Errorf("%s (moved %v): written outside the archive:\n%s\nwas\n%s", c.part, c.moved, after, before)
		}
	}

	// A link inside the folder to a part of it, relative, and the folder
	// reached through a link: opened and written.
	inside := filepath.Join(t.TempDir(), "kho")
	copyTree(t, base, inside)
	if err := os.Symlink("volumes", filepath.Join(inside, "volumes-cu")); err != nil {
		t.Fatal(err)
	}
	via := filepath.Join(t.TempDir(), "Tài liệu")
	if err := os.Symlink(filepath.Dir(inside), via); err != nil {
		t.Fatal(err)
	}
	a, err = Open(filepath.Join(via, "kho"), opts)
	if err != nil {
		t.Fatalf("an archive reached through a link, with a link inside it: %v", err)
	}
	rep := importDocs(t, a, map[string]string{"bc.txt": testDocs["bc-typo.txt"]})
	if _, err := a.Get(idOf(t, rep, "bc.txt")); err != nil {
		t.Errorf("the document imported through the link: %v", err)
	}
	if st, err := a.Stats(context.Background()); err != nil || st.Documents != 2 {
		t.Errorf("stats through the link: %v %+v", err, st)
	}
	requireCheck(t, a)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
}
