package index

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readAnswersOf is what an archive open for reading answers: searches
// with their hits and snippets, documents by id and by prefix, the Trash,
// the originals' bytes, the counts and the check.
type readAnswersOf struct {
	Searches  map[string]*Result
	Docs      map[string]*Document
	Prefixes  map[string]string
	Trash     []Summary
	Originals map[string]string
	Twins     map[string]string
	Stats     Stats
	Problems  []Problem
	CheckDocs [2]int
}

// readEverything opens the archive in dir for reading and asks it
// everything it answers without writing.
func readEverything(t *testing.T, dir string, ids []string) readAnswersOf {
	t.Helper()
	a, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	out := readAnswersOf{Searches: map[string]*Result{}, Docs: map[string]*Document{}, Prefixes: map[string]string{},
		Originals: map[string]string{}, Twins: map[string]string{}}
	for _, q := range []string{"", "quyết tâm", "ngày hội đoàn kết", `"thi đua"`, `"phong trào" nông thôn`, "12-KH/ĐU", "số 45", "dân vận -huyện", "tỉnh OR xã", "xkcdword"} {
		res, err := a.Search(ctx, Request{Query: q, Limit: 100})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		res.Took = 0
		out.Searches[q] = res
		for _, h := range res.Hits {
			for _, tw := range h.Twins {
				data, err := readPath(a.TwinPath(tw))
				if err != nil {
					t.Fatalf("twin %s: %v", tw.ID, err)
				}
				out.Twins[tw.ID] = string(data)
			}
		}
	}
	for _, id := range ids {
		d, err := a.Get(id)
		if errors.Is(err, ErrNotFound) {
			continue // in the Trash
		}
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		out.Docs[id] = d
		data, err := readPath(a.OriginalPath(d))
		if err != nil {
			t.Fatalf("original of %s: %v", id, err)
		}
		out.Originals[id] = string(data)
		p, err := a.Get(id[:5])
		out.Prefixes[id[:5]] = fmt.Sprint(err)
		if err == nil {
			out.Prefixes[id[:5]] = p.ID
		}
	}
	if out.Trash, err = a.Trash(); err != nil {
		t.Fatal(err)
	}
	st, err := a.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.IndexBytes, st.StoredBytes = 0, 0
	out.Stats = *st
	rep, err := a.Check(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	out.Problems, out.CheckDocs = rep.Problems, [2]int{rep.Documents, rep.Trash}
	return out
}

// TestReadOnlyOpensFormat2: an archive migrated to format 2 (volumes and
// a catalog) answers, open for reading, every read as it did in format 1:
// searches with their snippets (a text over wholeDocMax read a piece at a
// time), quoted phrases, numbers, documents by id and prefix, the Trash,
// the originals and twins' bytes (written out for another program), the
// counts and the check; and ids its store marked as not yet indexed are
// indexed in memory, as the journal is.
func TestReadOnlyOpensFormat2(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	var ids []string
	dir, _ := makeFormat1ArchiveWith(t, 30, func(a *Archive) {
		docs := map[string]string{"lon.txt": "Báo cáo thi đua rất dài\n\n" + strings.Repeat("nội dung phong trào nông thôn mới ", 50000) + "quyết tâm thi đua cuối văn bản"}
		for name, text := range testDocs {
			docs[name] = text
		}
		importDocs(t, a, docs)
		twins := t.TempDir()
		writeTwinFiles(t, twins, "ke-hoach.txt", "ke-hoach.htm")
		if _, err := a.Import(context.Background(), []string{twins}, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		ids, _ = a.store.ids(docsDir)
		trashed, _ := a.store.ids(trashDir)
		ids = append(ids, trashed...)
	})
	before := readEverything(t, dir, ids)
	if len(before.Problems) > 0 || before.Stats.Trash == 0 || len(before.Twins) == 0 {
		t.Fatalf("format 1: %+v, %d problems, %d twins", before.Stats, len(before.Problems), len(before.Twins))
	}
	if _, err := migrateToVolumes(dir, nil); err != nil {
		t.Fatal(err)
	}
	after := readEverything(t, dir, ids)
	t.Logf("%d searches, %d hits of the first, snippet of lon.txt %q, %d twins, %d in the Trash", len(after.Searches), len(after.Searches[""].Hits), after.Searches["\"phong trào\" nông thôn"].Hits[0].Snippet.Text[:40], len(after.Twins), len(after.Trash))
	for _, f := range []string{"Searches", "Docs", "Prefixes", "Trash", "Originals", "Twins", "Stats", "Problems", "CheckDocs"} {
		b, a := reflect.ValueOf(before).FieldByName(f).Interface(), reflect.ValueOf(after).FieldByName(f).Interface()
		if !reflect.DeepEqual(b, a) {
			t.Errorf("%s in format 2 differ:\n%+v\nformat 1:\n%+v", f, a, b)
		}
	}
	// A commit whose index entries a kill lost: marked, indexed in memory.
	v, err := openVolumeStore(dir, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := v.getDoc(ids[1])
	if err != nil {
		t.Fatal(err)
	}
	d.Title = "Tiêu đề chưa kịp vào chỉ mục"
	tx, err := v.st.Begin()
	if err != nil {
		t.Fatal(err)
	}
	meta, _ := encodeMeta(d)
	tx.SetMeta(bucketOf(docsDir), d.ID, meta)
	tx.MarkUnindexed(d.ID)
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	v.close()
	r, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(context.Background(), Request{Query: `"chưa kịp vào chỉ mục"`})
	if err != nil || res.Total != 1 || res.Hits[0].ID != d.ID {
		t.Errorf("marked edit not indexed in memory: %+v %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, originalCacheDir)); err == nil {
		t.Error("open for reading wrote originals into the archive")
	}
}

// TestBackupOfFormat2: a backup of an archive of format 2, taken while
// this process has it open and after it is closed, is laid out as every
// backup (its marker says format 1) and restores every document, live or
// in the Trash, with its original byte for byte.
func TestBackupOfFormat2(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 12)
	if _, err := migrateToVolumes(dir, nil); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, open := range []bool{true, false} {
		if !open {
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
		}
		file := filepath.Join(t.TempDir(), "b.zip")
		info, err := Backup(ctx, dir, file, nil)
		if err != nil || info.Documents+info.Trash != len(docs) {
			t.Fatalf("open %v: backup %+v, %v", open, info, err)
		}
		restored := filepath.Join(t.TempDir(), "r")
		if _, err := RestoreBackup(ctx, file, restored, nil); err != nil {
			t.Fatal(err)
		}
		// The backup is laid out as format 1, which every version
		// restores; the archive restored is of format 2.
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		var m manifest
		if rc, err := zr.Open(manifestFile); err != nil || json.NewDecoder(rc).Decode(&m) != nil || m.Format != archiveFmt {
			t.Fatalf("backup's marker: %v %+v", err, m)
		}
		zr.Close()
		data, _ := os.ReadFile(filepath.Join(restored, manifestFile))
		if json.Unmarshal(data, &m) != nil || m.Format != archiveFmtVolumes {
			t.Fatalf("restored marker: %s", data)
		}
		for _, sub := range format1Dirs {
			if _, err := os.Stat(filepath.Join(restored, sub)); !os.IsNotExist(err) {
				t.Errorf("restored archive has %s/: %v", sub, err)
			}
		}
		b, err := Open(restored, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		trash, _ := b.Trash()
		inTrash := map[string]bool{}
		for _, s := range trash {
			inTrash[s.ID] = true
		}
		for _, f := range docs {
			if f.sub == trashDir {
				if !inTrash[f.doc.ID] {
					t.Errorf("open %v: %s not in the Trash restored", open, f.doc.ID)
				}
				continue
			}
			d, err := b.Get(f.doc.ID)
			if err != nil || d.Text != f.doc.Text {
				t.Fatalf("open %v: %s restored: %v", open, f.doc.ID, err)
			}
			if orig, err := originalBytes(b, d); err != nil || !bytes.Equal(orig, f.original) {
				t.Fatalf("open %v: original of %s restored: %v", open, f.doc.ID, err)
			}
		}
		requireCheck(t, b)
		b.Close()
	}
}

// TestOpenMigratesFormat1: Open, writing format 2, migrates an archive
// of format 1 with progress, and the archive then answers and is changed
// as before.
func TestOpenMigratesFormat1(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 20)
	var last, cleaned Progress
	opts := Options{Registry: testRegistry(t), Progress: func(p Progress) {
		if p.Cleaning {
			cleaned = p
		} else {
			last = p
		}
	}}
	a, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if last.Done != len(docs) || last.Total != len(docs) || !last.Migrating {
		t.Errorf("last progress %+v for %d documents", last, len(docs))
	}
	if cleaned.Total == 0 || cleaned.Done != cleaned.Total {
		t.Errorf("the removal of the format-1 files ended at %+v", cleaned)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
	a, err = Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	var live, trashed string
	for _, f := range docs {
		if f.sub == docsDir {
			live = f.doc.ID
		} else {
			trashed = f.doc.ID
		}
	}
	if _, err := a.Edit(live, map[string]string{FieldTitle: "Tiêu đề sửa sau khi chuyển"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Undelete(trashed); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(live); err != nil {
		t.Fatal(err)
	}
	if n, err := a.EmptyTrash(ctx); err != nil || n == 0 {
		t.Fatalf("empty trash: %d, %v", n, err)
	}
	importDocs(t, a, testDocs)
	res, err := a.Search(ctx, Request{Query: `"quyết tâm"`})
	if err != nil || res.Total == 0 {
		t.Fatalf("search after migrating: %+v %v", res, err)
	}
	if _, err := a.Get(live); !errors.Is(err, ErrNotFound) {
		t.Errorf("emptied from the Trash, still there: %v", err)
	}
	if d, err := a.Get(trashed); err != nil || d.ID != trashed {
		t.Errorf("restored: %v", err)
	}
	requireCheck(t, a)
}

// TestBackupRefusesMissingOriginalFormat2: documents of format 2 without
// their original (their files were lost before the migration) fail the
// backup, naming them, live and in the Trash; no backup file is left.
func TestBackupRefusesMissingOriginalFormat2(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 10)
	lost := map[string]bool{}
	picked := map[string]bool{} // one live, one in the Trash
	for _, f := range docs {
		if !picked[f.sub] {
			picked[f.sub] = true
			lost[f.doc.ID] = true
			old := &store{dir: dir}
			if err := os.Remove(old.originalPath(f.doc.Hash, f.doc.Format)); err != nil {
				t.Fatal(err)
			}
		}
	}
	rep, err := migrateToVolumes(dir, nil)
	if err != nil || len(rep.NoOriginal) != 2 {
		t.Fatalf("migrate: %+v %v", rep, err)
	}
	out := t.TempDir()
	_, err = Backup(context.Background(), dir, filepath.Join(out, "b.zip"), nil)
	var me *BackupMissingError
	if !errors.As(err, &me) || len(me.Docs) != 2 || !lost[me.Docs[0].ID] || !lost[me.Docs[1].ID] {
		t.Fatalf("backup: %v, want both documents named", err)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("backup left %v", left)
	}
}

// TestOriginalPathWritesItOut: in an archive of format 2 an original to
// open or to copy is written out, byte for byte and read-only, into the
// archive's cache (the person's cache folder when open for reading only);
// a copy another program changed is written anew, a missing original is
// an error, and closing the archive empties the cache.
func TestOriginalPathWritesItOut(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	name := "kh-quyet-tam.txt"
	id := idOf(t, importDocs(t, a, map[string]string{name: testDocs[name]}), name)
	d, err := a.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	path, err := a.OriginalPath(d)
	if err != nil {
		t.Fatal(err)
	}
	if rel, _ := filepath.Rel(dir, path); rel != filepath.Join(originalCacheDir, d.Hash+".txt") {
		t.Errorf("written out at %s", path)
	}
	if data, _ := os.ReadFile(path); string(data) != testDocs[name] {
		t.Errorf("original written out: %q", data)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o222 != 0 {
		t.Errorf("original written out writable: %v %v", st.Mode(), err)
	}
	// Changed by the program that opened it, at the same size.
	os.Chmod(path, 0o644)
	os.WriteFile(path, bytes.Repeat([]byte("x"), len(testDocs[name])), 0o644)
	if data, err := readPath(a.OriginalPath(d)); err != nil || string(data) != testDocs[name] {
		t.Errorf("after a change: %q, %v", data, err)
	}
	forged := *d
	forged.Hash = strings.Repeat("ab", 32)
	if _, err := a.OriginalPath(&forged); !errors.Is(err, ErrNotFound) {
		t.Errorf("an original not stored: %v", err)
	}
	forged.Hash = "../../x"
	if _, err := a.OriginalPath(&forged); !errors.Is(err, ErrDamaged) {
		t.Errorf("a forged hash: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "cache")); !os.IsNotExist(err) {
		t.Errorf("cache after Close: %v", err)
	}
	if _, err := a.OriginalPath(d); !errors.Is(err, ErrClosed) {
		t.Errorf("closed: %v", err)
	}
	r, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	path, err = r.OriginalPath(d)
	if err != nil {
		t.Fatal(err)
	}
	cache, _ := os.UserCacheDir()
	if !strings.HasPrefix(path, cache+string(filepath.Separator)) {
		t.Errorf("read only: written out at %s, not in %s", path, cache)
	}
	if data, _ := os.ReadFile(path); string(data) != testDocs[name] {
		t.Errorf("read only: %q", data)
	}
}
