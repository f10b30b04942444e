package index

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"khovanban/index/internal/archivestore"
	"khovanban/index/internal/cputime"
)

// forge rewrites a bundle as a forger would: each entry through edit
// (which may rename it, change it, or drop it by returning ""), then a
// manifest whose sums are recomputed to match. With unsign the signer and
// the signature go, making a pack that claims no sender.
func forge(t *testing.T, data []byte, unsign bool, edit func(name string, data []byte) (string, []byte)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	sums := map[string]string{}
	var meta map[string]any
	var sig []byte
	for _, f := range zr.File {
		rc, _ := f.Open()
		d, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case bundleManifest:
			json.Unmarshal(d, &meta)
			continue
		case bundleSignature:
			sig = d
			continue
		}
		name, d := edit(f.Name, d)
		if name == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(d)
		sum := sha256.Sum256(d)
		sums[name] = hex.EncodeToString(sum[:])
	}
	meta["files"] = sums
	if unsign {
		delete(meta, "signer")
	}
	m, _ := json.Marshal(meta)
	w, _ := zw.Create(bundleManifest)
	w.Write(m)
	if sig != nil && !unsign {
		w, _ := zw.Create(bundleSignature)
		w.Write(sig)
	}
	zw.Close()
	return buf.Bytes()
}

// bundleReason is the reason of a *BundleError, or "" for another error.
func bundleReason(err error) string {
	var be *BundleError
	if errors.As(err, &be) {
		return be.Reason
	}
	return ""
}

// snapshot lists every file below dir with its SHA-256.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(p, filepath.Join(dir, "index")) {
			return nil
		}
		data, _ := os.ReadFile(p)
		sum := sha256.Sum256(data)
		out[p] = hex.EncodeToString(sum[:])
		return nil
	})
	return out
}

// TestForgedPackRefused: the shapes of issue 15 point 1. A pack whose
// format field climbs out of originals/ towards a local document's
// original, and one whose original bytes were swapped, both with
// recomputed sums, are refused whole; nothing in the archive changes.
func TestForgedPackRefused(t *testing.T) {
	ctx := context.Background()
	local := newTestArchive(t)
	rep := importDocs(t, local, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	victim, _ := local.Get(idOf(t, rep, "kh.txt"))
	sender := newTestArchive(t)
	importDocs(t, sender, map[string]string{"bc.txt": testDocs["bc-typo.txt"]})
	file := filepath.Join(t.TempDir(), "goi.kvbpack")
	if _, err := sender.ExportPack(ctx, Request{}, "Huyện ủy", file, nil); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	evilFormat := "x/../../" + victim.Hash[:2] + "/" + victim.Hash + ".txt"
	setFormat := func(d []byte) []byte {
		var doc map[string]any
		json.Unmarshal(d, &doc)
		doc["format"] = evilFormat
		out, _ := json.Marshal(doc)
		return out
	}
	cases := map[string]struct {
		edit func(string, []byte) (string, []byte)
		want string
	}{
		"format climbing out, original named by it": {func(name string, d []byte) (string, []byte) {
			switch {
			case strings.HasPrefix(name, "docs/"):
				return name, setFormat(d)
			case strings.HasPrefix(name, "originals/"):
				return strings.TrimSuffix(name, ".txt") + "." + evilFormat, []byte("overwritten")
			}
			return name, d
		}, BundleBadName},
		"format climbing out, original where it was": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "docs/") {
				return name, setFormat(d)
			}
			return name, d
		}, BundleBadDocument},
		"original bytes swapped": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "originals/") {
				return name, []byte("Nội dung khác hẳn, đã bị tráo.")
			}
			return name, d
		}, BundleWrongOriginal},
		"document under trash/": {func(name string, d []byte) (string, []byte) {
			return strings.Replace(name, "docs/", "trash/", 1), d
		}, BundleBadName},
		"an entry outside the archive": {func(name string, d []byte) (string, []byte) {
			return strings.Replace(name, "categories.json", "../categories.json", 1), d
		}, BundleBadName},
		"a document without its original": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "originals/") {
				return "", nil
			}
			return name, d
		}, BundleNoOriginal},
	}
	before := snapshot(t, local.Dir())
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "forged.kvbpack")
			os.WriteFile(p, forge(t, good, true, c.edit), 0o644)
			plan, err := local.PlanPack(p)
			if got := bundleReason(err); got != c.want {
				t.Fatalf("PlanPack: %v (reason %q), want %q", err, got, c.want)
			}
			if plan != nil {
				t.Error("a plan came back with the error")
			}
		})
	}
	if after := snapshot(t, local.Dir()); len(after) != len(before) {
		t.Errorf("archive files: %d before, %d after", len(before), len(after))
	} else {
		for p, sum := range before {
			if after[p] != sum {
				t.Errorf("%s changed", p)
			}
		}
	}
	// The untouched pack, unsigned the same way, still imports.
	p := filepath.Join(t.TempDir(), "plain.kvbpack")
	os.WriteFile(p, forge(t, good, true, func(n string, d []byte) (string, []byte) { return n, d }), 0o644)
	plan, err := local.PlanPack(p)
	if err != nil || len(plan.New) != 1 {
		t.Fatalf("plain pack: %v", err)
	}
	if err := local.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := originalBytes(local, victim); sha256.Sum256(got) != mustHash(victim.Hash) {
		t.Error("the local original changed")
	}
}

func mustHash(h string) (out [32]byte) {
	b, _ := hex.DecodeString(h)
	copy(out[:], b)
	return out
}

// TestForgedBackupRefused: the shape of issue 15 point 2. A Trash entry
// whose format climbs out of the archive, with recomputed sums, is
// refused, and so are docs/ entries and swapped originals; restore leaves
// nothing behind.
func TestForgedBackupRefused(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	a.Delete(idOf(t, rep, "tb-can-bo-far.txt"))
	file := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Backup(ctx, a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	outside := "txt/../../../../victim.txt"
	formatIn := func(prefix string) func(string, []byte) (string, []byte) {
		return func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, prefix) {
				var doc map[string]any
				json.Unmarshal(d, &doc)
				doc["format"] = outside
				d, _ = json.Marshal(doc)
			}
			return name, d
		}
	}
	cases := map[string]struct {
		edit func(string, []byte) (string, []byte)
		want string
	}{
		"trash entry with a format outside": {formatIn("trash/"), BundleBadDocument},
		"docs entry with a format outside":  {formatIn("docs/"), BundleBadDocument},
		"a format that is no format": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "docs/") {
				d = bytes.Replace(d, []byte(`"format":"txt"`), []byte(`"format":"exe"`), 1)
			}
			return name, d
		}, BundleBadDocument},
		"original bytes swapped": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "originals/") {
				return name, append(d, " thêm"...)
			}
			return name, d
		}, BundleWrongOriginal},
		"original named outside": {func(name string, d []byte) (string, []byte) {
			if strings.HasPrefix(name, "originals/") {
				return strings.Replace(name, ".txt", ".txt/../../x", 1), d
			}
			return name, d
		}, BundleBadName},
		"the office key smuggled in": {func(name string, d []byte) (string, []byte) {
			return strings.Replace(name, manifestFile, officeKeyFile, 1), d
		}, BundleBadName},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			p := filepath.Join(t.TempDir(), "forged.zip")
			os.WriteFile(p, forge(t, good, false, c.edit), 0o644)
			_, err := RestoreBackup(ctx, p, filepath.Join(parent, "r"), nil)
			if got := bundleReason(err); got != c.want {
				t.Fatalf("RestoreBackup: %v (reason %q), want %q", err, got, c.want)
			}
			if left, _ := os.ReadDir(parent); len(left) != 0 {
				t.Errorf("restore left %v", left)
			}
		})
	}
}

// TestRestoreOnlyIntoNewOrEmpty: the shapes of issue 15 point 4. Restore
// onto a file or a non-empty folder is refused and changes nothing; an
// existing DIR.restoring folder is not touched.
func TestRestoreOnlyIntoNewOrEmpty(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	file := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Backup(ctx, a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	report := filepath.Join(parent, "report.docx")
	os.WriteFile(report, []byte("báo cáo của người dùng"), 0o644)
	if _, err := RestoreBackup(ctx, file, report, nil); !errors.Is(err, ErrNotFolder) {
		t.Errorf("onto a file: %v, want ErrNotFolder", err)
	}
	if got, _ := os.ReadFile(report); string(got) != "báo cáo của người dùng" {
		t.Errorf("the file became %q", got)
	}
	full := filepath.Join(parent, "full")
	os.MkdirAll(full, 0o755)
	os.WriteFile(filepath.Join(full, "a.txt"), []byte("x"), 0o644)
	if _, err := RestoreBackup(ctx, file, full, nil); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("onto a non-empty folder: %v, want ErrNotEmpty", err)
	}
	link := filepath.Join(parent, "link")
	if os.Symlink(t.TempDir(), link) == nil {
		if _, err := RestoreBackup(ctx, file, link, nil); !errors.Is(err, ErrNotFolder) {
			t.Errorf("onto a link to an empty folder: %v, want ErrNotFolder", err)
		}
	}
	// DIR.restoring belongs to the person: kept whole.
	dir := filepath.Join(parent, "kho")
	os.MkdirAll(dir+".restoring", 0o755)
	os.WriteFile(filepath.Join(dir+".restoring", "giu.txt"), []byte("giữ"), 0o644)
	before := snapshot(t, parent)
	if _, err := RestoreBackup(ctx, file, dir, nil); err != nil {
		t.Fatal(err)
	}
	checkArchiveAt(t, dir)
	after := snapshot(t, parent)
	for p, sum := range before {
		if after[p] != sum {
			t.Errorf("%s changed or removed", p)
		}
	}
	// An empty folder is taken.
	empty := filepath.Join(parent, "empty")
	os.MkdirAll(empty, 0o755)
	if info, err := RestoreBackup(ctx, file, empty, nil); err != nil || info.Documents != len(testDocs) {
		t.Errorf("into an empty folder: %+v %v", info, err)
	}
	checkArchiveAt(t, empty)
	// Nothing else was left beside them.
	names, _ := os.ReadDir(parent)
	var got []string
	for _, n := range names {
		got = append(got, n.Name())
	}
	if strings.Join(got, " ") != "empty full kho kho.restoring link report.docx" && strings.Join(got, " ") != "empty full kho kho.restoring report.docx" {
		t.Errorf("parent holds %v", got)
	}
}

// inflating writes a zip entry that inflates to n MiB of zeros from about
// n KB of deflate data (the same compressed block repeated), declaring
// size as its uncompressed size.
func inflating(t *testing.T, zw *zip.Writer, name string, n int, size uint64) {
	t.Helper()
	var blk bytes.Buffer
	fw, _ := flate.NewWriter(&blk, flate.BestCompression)
	fw.Write(make([]byte, 1<<20))
	fw.Flush()
	var body bytes.Buffer
	for range n {
		body.Write(blk.Bytes())
	}
	body.Write([]byte{0x03, 0x00}) // an empty final block
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CompressedSize64: uint64(body.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
}

// bomb is a bundle of the given kind holding one entry that inflates to
// mib MiB and declares declared bytes.
func bomb(t *testing.T, kind, entry string, mib int, declared uint64) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	inflating(t, zw, entry, mib, declared)
	m, _ := json.Marshal(map[string]any{"kind": kind, "format": archiveFmt, "files": map[string]string{entry: strings.Repeat("0", 64)}})
	w, _ := zw.Create(bundleManifest)
	w.Write(m)
	zw.Close()
	p := filepath.Join(t.TempDir(), "bomb.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

// TestInflatingBundleRefused: the shape of issue 15 point 5. A 1 MB pack
// or backup with one 1 GiB entry is refused at once, naming the limit,
// without holding the entry; a lying header is caught while reading.
func TestInflatingBundleRefused(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	lim := defaultBundleLimits()
	docName := "docs/ab/abcdef0123456789.json"
	origName := originalEntry(strings.Repeat("ab", 32), "txt")
	for _, c := range []struct {
		kind, entry string
		limit       int64
	}{{"pack", docName, lim.json}, {"backup", docName, lim.json}, {"pack", origName, lim.original}, {"backup", origName, lim.original}} {
		p := bomb(t, c.kind, c.entry, 1024, 1<<30)
		if st, _ := os.Stat(p); st.Size() > 2<<20 {
			t.Fatalf("the bomb is %d bytes", st.Size())
		}
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		var err error
		d := cputime.Process(func() {
			if c.kind == "pack" {
				_, err = a.PlanPack(p)
			} else {
				_, err = RestoreBackup(ctx, p, filepath.Join(t.TempDir(), "r"), nil)
			}
		})
		runtime.ReadMemStats(&ms1)
		var be *BundleError
		if !errors.As(err, &be) || be.Reason != BundleTooLarge || be.Limit != c.limit || be.Entry != c.entry {
			t.Errorf("%s %s: %v, want too-large with limit %d", c.kind, c.entry, err, c.limit)
		}
		if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 32<<20 {
			t.Errorf("%s %s: allocated %d MB", c.kind, c.entry, alloc>>20)
		}
		if d > 5*time.Second {
			t.Errorf("%s %s: took %v of CPU", c.kind, c.entry, d)
		}
	}
	// A header that understates the size: reading stops early.
	p := bomb(t, "pack", docName, 64, 1000)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	_, err := a.PlanPack(p)
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, ErrBadBundle) {
		t.Errorf("lying header: %v", err)
	}
	if alloc := ms1.TotalAlloc - ms0.TotalAlloc; alloc > 16<<20 {
		t.Errorf("lying header: allocated %d MB", alloc>>20)
	}
	// The counting limit itself, lowered: 64 MiB inflated against 8 MiB.
	small := lim
	small.json = 8 << 20
	p = bomb(t, "pack", docName, 64, 64<<20)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := zr.File[0].Open()
	r := &entryReader{b: &bundle{name: "bomb.zip", lim: small}, name: docName, rc: rc, left: small.json, sha: sha256.New()}
	n, err := io.Copy(io.Discard, r)
	if bundleReason(err) != BundleTooLarge || n > small.json {
		t.Errorf("counted read: %d bytes, %v", n, err)
	}
	zr.Close()
	// All entries together over the total limit.
	small = lim
	small.total = 32 << 20
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	sums := map[string]string{}
	for i := range 3 {
		name := originalEntry(strings.Repeat(string(rune('a'+i)), 64), "txt")
		inflating(t, zw, name, 16, 16<<20)
		sums[name] = strings.Repeat("0", 64)
	}
	m, _ := json.Marshal(map[string]any{"kind": "backup", "files": sums})
	w, _ := zw.Create(bundleManifest)
	w.Write(m)
	zw.Close()
	p = filepath.Join(t.TempDir(), "many.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	if _, err := restore(ctx, p, filepath.Join(t.TempDir(), "r"), small, nil); bundleReason(err) != BundleTooLarge {
		t.Errorf("total: %v", err)
	}
}

// TestBackupRefusesMissingOriginal: a document without its original fails
// the backup, naming it; no backup file and no temporary file is left.
func TestBackupRefusesMissingOriginal(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "bc-typo.txt")
	trashed := idOf(t, rep, "tb-can-bo-far.txt")
	a.Delete(trashed)
	// Format 1 as earlier versions wrote it, read as it is: a backup
	// needs no lock there.
	a.Close()
	toFormat1(t, a.Dir())
	s := &store{dir: a.Dir()}
	for _, gone := range []string{id, trashed} {
		d, err := s.getDoc(gone)
		if err != nil {
			d, _ = s.getIn(trashDir, gone, false)
		}
		p := s.originalPath(d.Hash, d.Format)
		data, _ := os.ReadFile(p)
		os.Remove(p)
		t.Cleanup(func() { os.WriteFile(p, data, 0o644) }) // whole again for the archive's check
	}
	out := t.TempDir()
	file := filepath.Join(out, "b.zip")
	_, err := Backup(ctx, a.Dir(), file, nil)
	var me *BackupMissingError
	if !errors.As(err, &me) || len(me.Docs) != 2 {
		t.Fatalf("backup: %v, want both documents named", err)
	}
	names := map[string]bool{}
	for _, d := range me.Docs {
		names[d.ID] = d.Title != ""
	}
	if !names[id] || !names[trashed] {
		t.Errorf("named %+v", me.Docs)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("backup left %v", left)
	}
}

// TestStaleBundleTempRemoved: a killed backup's temporary file is removed
// by the next backup into that folder; one being written is not.
func TestStaleBundleTempRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an open file cannot be removed there; the check is the remove itself")
	}
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	out := t.TempDir()
	stale := filepath.Join(out, ".khovanban-123.tmp")
	os.WriteFile(stale, []byte("half a backup"), 0o644)
	live, _ := os.CreateTemp(out, bundleTempPattern)
	defer live.Close()
	holdTemp(live)
	if _, err := Backup(context.Background(), a.Dir(), filepath.Join(out, "b.zip"), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the stale temporary file is still there")
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Error("the temporary file being written was removed")
	}
}

// TestRepeatedIDCountedOnce: a document left both in docs/ and trash/ (a
// kill between the two renames) counts once, as live, in backup and
// restore.
func TestRepeatedIDCountedOnce(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "bc-typo.txt")
	v := a.store.vol
	d, _ := v.getDoc(id)
	meta, _ := encodeMeta(d)
	v.commit(nil, func(tx *archivestore.Tx) error { return tx.PutDoc(archivestore.Trash, id, meta, d.Text, d.Hash) })
	t.Cleanup(func() { // whole again for the archive's check
		v.commit(nil, func(tx *archivestore.Tx) error { tx.Remove(archivestore.Trash, id); return nil })
	})
	file := filepath.Join(t.TempDir(), "b.zip")
	info, err := Backup(ctx, a.Dir(), file, nil)
	if err != nil || info.Documents != len(testDocs) || info.Trash != 0 {
		t.Fatalf("backup %+v %v", info, err)
	}
	dir := filepath.Join(t.TempDir(), "r")
	info, err = RestoreBackup(ctx, file, dir, nil)
	if err != nil || info.Documents != len(testDocs) || info.Trash != 0 {
		t.Errorf("restore %+v %v", info, err)
	}
	// The restored archive is the backed-up one: Check finds the same
	// one problem there, and nothing else.
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cr, err := b.Check(ctx, nil)
	if err != nil || len(cr.Problems) != 1 || cr.Problems[0].ID != id || cr.Problems[0].Kind != LiveAndTrash {
		t.Errorf("check of the restored archive: %+v %v", cr, err)
	}
}

// TestStaleRestoreFolderRemoved: what a killed restore left beside its
// target goes with the next restore there; a folder of the same shape
// without the mark, or one a running restore holds, is kept.
func TestStaleRestoreFolderRemoved(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("an open file cannot be removed there; the check is the remove itself")
	}
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	file := filepath.Join(t.TempDir(), "b.zip")
	if _, err := Backup(ctx, a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	stale := filepath.Join(parent, ".kho.restoring-1")
	os.MkdirAll(filepath.Join(stale, "docs"), 0o755)
	os.WriteFile(filepath.Join(stale, stagingMark), nil, 0o644)
	os.WriteFile(filepath.Join(stale, "docs", "x.json"), []byte("{}"), 0o644)
	notOurs := filepath.Join(parent, ".kho.restoring-2")
	os.MkdirAll(notOurs, 0o755)
	os.WriteFile(filepath.Join(notOurs, "giu.txt"), []byte("giữ"), 0o644)
	running := filepath.Join(parent, ".kho.restoring-3")
	os.MkdirAll(running, 0o755)
	mark, _ := os.Create(filepath.Join(running, stagingMark))
	defer mark.Close()
	holdTemp(mark)
	if _, err := RestoreBackup(ctx, file, filepath.Join(parent, "kho"), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("the killed restore's folder is still there")
	}
	for _, keep := range []string{filepath.Join(notOurs, "giu.txt"), mark.Name()} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s was removed", keep)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "kho", stagingMark)); err == nil {
		t.Error("the mark stayed in the restored archive")
	}
}

// TestPackTextLimit: a pack document whose text is over the importer's
// text limit is refused, naming the limit, before it is indexed.
func TestPackTextLimit(t *testing.T) {
	ctx := context.Background()
	sender := newTestArchive(t)
	importDocs(t, sender, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"] + strings.Repeat("Cán bộ quyết tâm. ", 100000)})
	file := filepath.Join(t.TempDir(), "p.kvbpack")
	if _, err := sender.ExportPack(ctx, Request{}, "x", file, nil); err != nil {
		t.Fatal(err)
	}
	a := newTestArchive(t)
	lim := defaultBundleLimits()
	lim.text = 1 << 20
	_, err := a.planPack(file, lim)
	var be *BundleError
	if !errors.As(err, &be) || be.Reason != BundleTooLarge || be.Limit != 1<<20 || !strings.HasPrefix(be.Entry, "docs/") {
		t.Errorf("text over 1 MB: %v", err)
	}
	if _, err := a.PlanPack(file); err != nil {
		t.Errorf("under the default limit: %v", err)
	}
}

// checkArchiveAt opens the archive a restore made and requires Check to
// find nothing wrong, as `khovanban check` would.
func checkArchiveAt(t *testing.T, dir string) {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("open restored archive: %v", err)
	}
	defer a.Close()
	requireCheck(t, a)
}
