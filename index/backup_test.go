package index

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestBackupWhileOpenAndRestore(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "bc-typo.txt")
	a.Delete(idOf(t, rep, "tb-can-bo-far.txt"))
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "sao-luu.zip")
	// Edits go on while the backup is written.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 20 {
			a.Edit(id, map[string]string{"notes": "ghi chú " + string(rune('a'+i))})
		}
	}()
	info, err := Backup(ctx, a.Dir(), file, nil)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if info.Documents != 3 || info.Trash != 1 {
		t.Errorf("backup %+v, want 3 documents and 1 in the Trash", info)
	}
	dir := filepath.Join(t.TempDir(), "restored")
	// The restore tells the writing of the backup's files, then the move
	// of its documents into the new format and the removal of the old
	// files, each to its end.
	var last [3]Progress
	if _, err := RestoreBackup(ctx, file, dir, func(p Progress) {
		switch {
		case p.Cleaning:
			last[2] = p
		case p.Migrating:
			if last[2].Total > 0 {
				t.Error("the migration told after the removal began")
			}
			last[1] = p
		default:
			if last[1].Total > 0 {
				t.Error("the writing told after the migration began")
			}
			last[0] = p
		}
	}); err != nil {
		t.Fatal(err)
	}
	for i, p := range last {
		if p.Total == 0 || p.Done != p.Total {
			t.Errorf("restore's progress, phase %d: %+v, want told to its end", i, p)
		}
	}
	if last[1].Total != 4 {
		t.Errorf("migration of %d documents, want 4 (3 live, 1 in the Trash)", last[1].Total)
	}
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.Search(ctx, Request{Query: "quyet tam"})
	if err != nil || res.Total != 2 {
		t.Errorf("restored archive: %v, %d hits", err, res.Total)
	}
	if tr, _ := b.Trash(); len(tr) != 1 {
		t.Errorf("restored Trash has %d", len(tr))
	}
	requireCheck(t, b)
	if _, err := RestoreBackup(ctx, file, dir, nil); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("restore over an archive: %v", err)
	}
}

func TestDamagedBackupRefused(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Backup(ctx, a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	damage := map[string]func() []byte{
		"truncated": func() []byte { return good[:len(good)/2] },
		"not a zip": func() []byte { return []byte("hello") },
		"entry altered": func() []byte {
			return rewriteZip(t, good, func(name string, data []byte) []byte {
				if filepath.Ext(name) == ".txt" {
					return append(data, '!')
				}
				return data
			})
		},
		"entry removed": func() []byte {
			return rewriteZip(t, good, func(name string, data []byte) []byte {
				if filepath.Ext(name) == ".txt" {
					return nil
				}
				return data
			})
		},
	}
	for name, bad := range damage {
		p := filepath.Join(t.TempDir(), "bad.zip")
		os.WriteFile(p, bad(), 0o644)
		dir := filepath.Join(t.TempDir(), "r")
		if _, err := RestoreBackup(ctx, p, dir, nil); !errors.Is(err, ErrBadBundle) {
			t.Errorf("%s: %v, want ErrBadBundle", name, err)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%s: restore left a folder", name)
		}
	}
}

// rewriteZip copies a zip, passing each entry through edit; nil drops it.
func rewriteZip(t *testing.T, data []byte, edit func(string, []byte) []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		d, _ := io.ReadAll(rc)
		rc.Close()
		if d = edit(f.Name, d); d == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(d)
	}
	zw.Close()
	return buf.Bytes()
}

// TestRestoreCancelledDuringMigration: Cancel while the restore moves its
// hidden folder into format 2 stops it there, and nothing is left: not
// the folder chosen, not the hidden one.
func TestRestoreCancelledDuringMigration(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	file := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Backup(context.Background(), a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	parent := t.TempDir()
	dir := filepath.Join(parent, "restored")
	migrating := false
	_, err := RestoreBackup(ctx, file, dir, func(p Progress) {
		if p.Migrating {
			migrating = true
			cancel()
		}
	})
	if !migrating || !errors.Is(err, context.Canceled) {
		t.Fatalf("restore cancelled while migrating (told: %v): %v", migrating, err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Errorf("a cancelled restore left %v", left)
	}
}
