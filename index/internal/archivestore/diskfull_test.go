package archivestore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiskFull commits documents with originals that do not compress
// into a 6 MB file system until a commit fails for want of room: every
// document committed before is whole, none of the failed commit is seen,
// the store goes on (a smaller commit after the failed one), and it opens
// again, read-only and for writing, and passes Check.
func TestDiskFull(t *testing.T) {
	dir := filepath.Join(mountSmall(t, "6m"), "store")
	s, err := Open(dir, Options{VolumeSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 9))
	noise := func(n int) testDoc {
		data := make([]byte, n)
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
		sum := sha256.Sum256(data)
		h := hex.EncodeToString(sum[:])
		return testDoc{id: h[:16], hash: h, original: data, text: "văn bản " + h}
	}
	var committed []testDoc
	var failed []testDoc
	for len(failed) == 0 {
		batch := []testDoc{noise(200 << 10), noise(150 << 10)}
		tx, _ := s.Begin()
		var err error
		for _, d := range batch {
			if err = tx.PutOriginal(d.hash, d.original); err != nil {
				break
			}
			if err = tx.PutDoc(Live, d.id, []byte(`{"id":"`+d.id+`"}`), d.text, d.hash); err != nil {
				break
			}
		}
		if err == nil {
			_, err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if err != nil {
			failed = batch
			t.Logf("after %d documents: %v", len(committed), err)
		} else {
			committed = append(committed, batch...)
		}
		if len(committed) > 100 {
			t.Fatal("6 MB never filled")
		}
	}
	check := func(s *Store) {
		t.Helper()
		for _, d := range committed {
			checkDoc(t, s, Live, d)
		}
		for _, d := range failed {
			if s.Has(Live, d.id) || s.HasOriginal(d.hash) {
				t.Fatalf("%s of the failed commit is in the store", d.id)
			}
		}
		requireClean(t, s)
	}
	check(s)
	// A small commit still fits after the failed one.
	small := makeDoc(3)
	putDocs(t, s, small)
	committed = append(committed, small)
	check(s)
	s.Close()
	for _, readOnly := range []bool{true, false} {
		r, err := Open(dir, Options{ReadOnly: readOnly, VolumeSize: 1 << 20})
		if err != nil {
			t.Fatalf("open on a full disk (read-only %v): %v", readOnly, err)
		}
		check(r)
		r.Close()
	}
}

// mountSmall mounts a tmpfs of this size for the test.
func mountSmall(t *testing.T, size string) string {
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

// TestCatalogFull fills the disk just before the catalog's transaction
// (the volume written and synced): the commit fails, the volume is cut
// back, nothing of it is seen, and once room is made the store goes on.
func TestCatalogFull(t *testing.T) {
	mnt := mountSmall(t, "8m")
	dir := filepath.Join(mnt, "store")
	filler := filepath.Join(mnt, "filler")
	fill := false
	s, err := Open(dir, Options{BeforeFileOp: func(op, _ string) {
		if op == "commit" && fill {
			f, _ := os.Create(filler)
			buf := make([]byte, 64<<10)
			for {
				if _, err := f.Write(buf); err != nil {
					break
				}
			}
			f.Close()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var committed []testDoc
	for i := range 20 {
		committed = append(committed, makeDoc(uint64(i)))
	}
	putDocs(t, s, committed...)
	before := volumeSizes(t, dir)
	fill = true
	tx, _ := s.Begin()
	// Many entries at once: the catalog must grow.
	for i := range 3000 {
		tx.PutDoc(Live, fmt.Sprintf("%016x", i), bytes.Repeat([]byte("metadata "), 200), "", "")
	}
	d := makeDoc(40)
	tx.PutOriginal(d.hash, d.original)
	tx.PutDoc(Live, d.id, nil, d.text, d.hash)
	_, err = tx.Commit()
	fill = false
	if err == nil || !strings.Contains(err.Error(), "commit catalog") {
		t.Fatalf("a commit on a full disk: %v", err)
	}
	if s.Has(Live, d.id) || s.HasOriginal(d.hash) || s.Has(Live, fmt.Sprintf("%016x", 1)) {
		t.Fatal("the failed commit is seen")
	}
	if after := volumeSizes(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("volumes %v after the failed commit, %v before", after, before)
	}
	os.Remove(filler)
	putDocs(t, s, d)
	for _, c := range append(committed, d) {
		checkDoc(t, s, Live, c)
	}
	requireClean(t, s)
}

// TestReadOnlyMedium: a store on a file system mounted read-only opens
// for reading (every document whole, Check clean); opening it for
// writing fails and changes nothing.
func TestReadOnlyMedium(t *testing.T) {
	mnt := mountSmall(t, "16m")
	dir := filepath.Join(mnt, "store")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := []testDoc{makeDoc(1), makeDoc(2), makeDoc(7)}
	putDocs(t, s, docs...)
	s.Close()
	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("remount read-only: %v %s", err, out)
	}
	defer exec.Command("mount", "-o", "remount,rw", mnt).Run()
	if w, err := Open(dir, Options{}); err == nil {
		w.Close()
		t.Fatal("opened for writing on a read-only file system")
	}
	r, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open on a read-only file system: %v", err)
	}
	defer r.Close()
	for _, d := range docs {
		checkDoc(t, r, Live, d)
	}
	requireClean(t, r)
}
