package index

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// hostileNames are file names that a careless program turns into a path
// outside the folder it writes to, or into no file at all on Windows:
// parts of a path in either separator, a drive or a server, the
// devices Windows reserves, trailing dots and spaces (Windows drops
// them), a name longer than a file system takes, and the same name in
// NFC and NFD (one file on macOS, two elsewhere). hostile_test.go has
// "../" and "/etc/" in a zip; these are the rest.
func hostileNames() []string {
	return []string{
		`..\..\win.txt`, `C:\Windows\win-ini.txt`, `C:drive-relative.txt`, `\\server\share\unc.txt`,
		"CON.txt", "NUL.txt", "aux.txt", "com1.txt", "LPT9.txt", "CON", "NUL",
		"dot-at-end.txt.", "space-at-end.txt ", "dots-at-end.txt...", " leading-space.txt",
		strings.Repeat("dài", 60) + ".txt", // 244 bytes
		norm.NFC.String("tên-trùng.txt"), norm.NFD.String("tên-trùng.txt"),
	}
}

// hostileNamesInZip are entry names a zip may hold and a folder cannot.
func hostileNamesInZip() []string {
	return slices.Concat(hostileNames(), []string{
		"C:/Windows/slash-drive.txt", "./././here.txt", "a/./../../up-inside.txt",
		strings.Repeat("rất-dài/", 60) + "deep.txt", strings.Repeat("x", 2000) + ".txt",
	})
}

// hostileText is a document's text of its own for the name.
func hostileText(i int) []byte {
	return fmt.Appendf(nil, "%s\nMã kiểm tra tênxấu%d.\n", testDocs["kh-quyet-tam.txt"], i)
}

// pathsBelow lists every file and folder below dir with its size.
func pathsBelow(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out[p] = info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// requireOnlyInside fails when a path of after below root is neither in
// before nor inside one of the archives: something was written where the
// archive must not write.
func requireOnlyInside(t *testing.T, root string, archives []string, before, after map[string]int64) {
	t.Helper()
	for p := range after {
		if _, ok := before[p]; ok || slices.ContainsFunc(archives, func(in string) bool {
			return p == in || strings.HasPrefix(p, in+string(filepath.Separator))
		}) {
			continue
		}
		t.Errorf("written outside the archives: %s (below %s)", p, root)
	}
}

// archiveTopLevel is what an archive folder may hold at its top.
var archiveTopLevel = []string{manifestFile, "volumes", "catalog.db", registryFile, indexDir, "facets", "cache",
	officeKeyFile, officesFile, officesGoodFile, dirtyFile, "lock", lockOwnerFile}

// requireOriginalsInside checks that each live document's original,
// written out for another program, is in the archive's cache under its
// hash, whatever the name it came with, with the bytes of that hash.
func requireOriginalsInside(t *testing.T, a *Archive) int {
	t.Helper()
	ids, err := a.store.ids(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.OriginalPath(d)
		if err != nil {
			t.Fatalf("%q: %v", d.OriginalName, err)
		}
		want := filepath.Join(a.Dir(), originalCacheDir, d.Hash)
		if d.Format != "" {
			want += "." + d.Format
		}
		if p != want {
			t.Errorf("%q: written out at %s, want %s", d.OriginalName, p, want)
		}
		data, err := os.ReadFile(p)
		if sum := sha256.Sum256(data); err != nil || hex.EncodeToString(sum[:]) != d.Hash {
			t.Errorf("%q: the original written out is not its hash's: %v", d.OriginalName, err)
		}
	}
	entries, err := os.ReadDir(a.Dir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !slices.Contains(archiveTopLevel, e.Name()) {
			t.Errorf("the archive holds %q at its top", e.Name())
		}
	}
	return len(ids)
}

// TestHostileNamesStayInside imports files and zip entries whose names
// are paths, drives, servers, Windows' devices, names Windows trims,
// 240-byte and 2,000-byte names and NFC/NFD twins, then sends them in a
// pack to another archive: nothing is written anywhere but in the two
// archives (every file below the test's folders listed before and
// after), each document's original is written out for another program
// under its hash in the archive's cache, never under its name, and the
// archives hold nothing else at their top. The names are kept as the
// documents' original names (what the person sees), and each document
// with a name the importer takes is added.
func TestHostileNamesStayInside(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	in := filepath.Join(root, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	written := 0
	for i, name := range hostileNames() {
		if strings.ContainsAny(name, `/`) {
			continue
		}
		if err := os.WriteFile(filepath.Join(in, name), hostileText(i), 0o644); err != nil {
			t.Logf("%q: not a file name here: %v", name, err)
			continue
		}
		written++
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, name := range hostileNamesInZip() {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(hostileText(100 + i))
	}
	zw.Close()
	if err := os.WriteFile(filepath.Join(in, "ten-xau.zip"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(root, "archive")
	other := filepath.Join(root, "other")
	packFile := filepath.Join(root, "packs", "goi.kvbpack")
	os.Mkdir(filepath.Dir(packFile), 0o755)
	before := pathsBelow(t, root)

	a, err := Open(archive, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	rep, err := a.Import(ctx, []string{in}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]int{}
	for _, it := range rep.Items {
		if it.Status == Failed || it.Status == Skipped {
			t.Errorf("%q: %s: %v", it.Path, it.Status, it.Err)
		}
		if it.Status == Added {
			d, err := a.Get(it.ID)
			if err != nil {
				t.Fatal(err)
			}
			names[d.OriginalName]++
		}
	}
	// Names are kept as given (a zip's entry by its last part), in NFC:
	// each once in the folder and once in the zip, the NFC/NFD twins
	// twice in each.
	for name, want := range map[string]int{"CON.txt": 2, "NUL.txt": 2, "com1.txt": 2, `..\..\win.txt`: 1,
		`C:\Windows\win-ini.txt`: 1, strings.Repeat("dài", 60) + ".txt": 2, norm.NFC.String("tên-trùng.txt"): 4} {
		if names[name] != want {
			t.Errorf("%q: %d documents of that name, want %d", name, names[name], want)
		}
	}
	n := requireOriginalsInside(t, a)
	t.Logf("%d files, %d zip entries: %d added, %d unsupported; %d documents", written, len(hostileNamesInZip()), rep.Added, rep.Unsupported, n)

	if _, err := a.ExportPack(ctx, Request{}, "Xã Tân Hòa", packFile, nil); err != nil {
		t.Fatal(err)
	}
	b, err := Open(other, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	plan, err := b.PlanPack(packFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if m := requireOriginalsInside(t, b); m != n {
		t.Errorf("the pack brought %d documents of %d", m, n)
	}
	after := pathsBelow(t, root)
	delete(after, packFile)
	requireOnlyInside(t, root, []string{archive, other}, before, after)
	requireCheck(t, a)
	requireCheck(t, b)
}

// rezip copies a zip entry by entry, each through edit, keeping the rest
// (the manifest and the signature as they are).
func rezip(t *testing.T, data []byte, edit func(name string, d []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(f.Name)
		w.Write(edit(f.Name, d))
	}
	zw.Close()
	return buf.Bytes()
}

// TestDamagedPackChangesNothing: a signed pack damaged on its way (cut
// short anywhere, a byte of any entry's data changed, its directory
// gone, empty, garbage), or with its signature changed, is refused
// (ErrBadBundle) and nothing in the archive changes: no document, no
// campaign, no file (every file of the archive but its index compared
// by its SHA-256). So is a pack planned whole and damaged or re-signed
// before it is imported: ApplyPack reads it again, and refuses it before
// it writes anything.
func TestDamagedPackChangesNothing(t *testing.T) {
	ctx := context.Background()
	local := newTestArchive(t)
	importDocs(t, local, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	sender := newTestArchive(t)
	importDocs(t, sender, map[string]string{"bc.txt": testDocs["bc-typo.txt"], "ct.txt": testDocs["ct-dan-van.txt"]})
	good := filepath.Join(t.TempDir(), "goi.kvbpack")
	if _, err := sender.ExportPack(ctx, Request{}, "Huyện ủy", good, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damaged := map[string][]byte{
		"empty":                  nil,
		"garbage":                bytes.Repeat([]byte{0x50, 0x4b, 0x03, 0x04, 0xff}, 300),
		"cut at its half":        data[:len(data)/2],
		"cut by one byte":        data[:len(data)-1],
		"directory's end cut":    data[:len(data)-22],
		"only its first entries": data[:200],
		"signature changed": rezip(t, data, func(name string, d []byte) []byte {
			if name == bundleSignature {
				d = slices.Clone(d)
				d[len(d)/2] ^= 0x20
			}
			return d
		}),
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		at, err := f.DataOffset()
		if err != nil || f.CompressedSize64 == 0 {
			t.Fatal(f.Name, err)
		}
		d := slices.Clone(data)
		d[at+int64(f.CompressedSize64)/2] ^= 0x01
		damaged["a byte changed in "+f.Name] = d
	}
	before := snapshot(t, local.Dir())
	docs, _ := local.store.ids(docsDir)
	unchanged := func(what string) {
		t.Helper()
		after := snapshot(t, local.Dir())
		for p, sum := range before {
			if after[p] != sum {
				t.Errorf("%s: %s changed", what, p)
			}
		}
		for p := range after {
			if _, ok := before[p]; !ok {
				t.Errorf("%s: %s written", what, p)
			}
		}
		if ids, _ := local.store.ids(docsDir); !slices.Equal(ids, docs) {
			t.Errorf("%s: documents %v, were %v", what, ids, docs)
		}
	}
	dir := t.TempDir()
	for name, d := range damaged {
		p := filepath.Join(dir, "hong.kvbpack")
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		if plan, err := local.PlanPack(p); !errors.Is(err, ErrBadBundle) || plan != nil {
			t.Errorf("%s: PlanPack %v, want ErrBadBundle and no plan", name, err)
		}
		unchanged(name)

		// Planned whole, damaged before it is imported.
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		plan, err := local.PlanPack(p)
		if err != nil || len(plan.New) != 2 {
			t.Fatalf("the pack whole: %v", err)
		}
		if err := os.WriteFile(p, d, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := local.ApplyPack(ctx, plan, nil, nil); !errors.Is(err, ErrBadBundle) {
			t.Errorf("%s after its plan: ApplyPack %v, want ErrBadBundle", name, err)
		}
		unchanged(name + " after its plan")
	}
	t.Logf("%d damaged packs refused", len(damaged))
	requireCheck(t, local)
}
