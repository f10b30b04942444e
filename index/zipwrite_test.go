package index

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTestZip writes entries (name, then its bytes) with zipWriter to a
// file in dir, its first entry skip bytes in (a sparse hole: offsets
// past 4 GB without writing them).
func writeTestZip(t *testing.T, dir string, skip int64, entries ...string) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "test.zip"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if _, err := f.Seek(skip, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	z, err := newZipWriter(f)
	if err != nil {
		t.Fatal(err)
	}
	z.out.n = skip
	for i := 0; i+1 < len(entries); i += 2 {
		if err := z.create(entries[i], strings.NewReader(entries[i+1]), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.close(); err != nil {
		t.Fatal(err)
	}
	return f
}

// checkBothRead reads f with archive/zip and with zipDir, and checks both
// give entries (name, then its bytes) in order; it returns archive/zip's
// reader.
func checkBothRead(t *testing.T, f *os.File, entries []string) *zip.Reader {
	t.Helper()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		t.Fatalf("archive/zip: %v", err)
	}
	if len(zr.File) != len(entries)/2 {
		t.Fatalf("archive/zip reads %d entries, want %d", len(zr.File), len(entries)/2)
	}
	for i, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("archive/zip: %s: %v", zf.Name, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || zf.Name != entries[2*i] || string(got) != entries[2*i+1] {
			t.Fatalf("archive/zip: entry %d is %q (%d bytes, %v), want %q (%d bytes)", i, zf.Name, len(got), err, entries[2*i], len(entries[2*i+1]))
		}
		if zf.Flags&zipFlagUTF8 == 0 || zf.NonUTF8 {
			t.Errorf("%s: its name is not flagged UTF-8 (flags %#x)", zf.Name, zf.Flags)
		}
	}
	got, names, err := readAllZipAt(f, st.Size())
	if err != nil || len(names) != len(entries)/2 {
		t.Fatalf("zipDir read %d entries of %d: %v", len(names), len(entries)/2, err)
	}
	for i, name := range names {
		if name != entries[2*i] || got[i] != entries[2*i+1] {
			t.Fatalf("zipDir: entry %d is %q (%d bytes), want %q (%d bytes)", i, name, len(got[i]), entries[2*i], len(entries[2*i+1]))
		}
	}
	return zr
}

// TestZipWriterReadByBoth: what zipWriter writes (empty, small, large and
// incompressible entries, Vietnamese names) is read back whole, names,
// bytes and times, by archive/zip and by zipDir, and leaves no temporary
// file beside it.
func TestZipWriterReadByBoth(t *testing.T) {
	random := make([]byte, 300<<10)
	rand.Read(random)
	entries := []string{
		"manifest.json", `{"kind":"backup"}`,
		"empty.json", "",
		"docs/ab/abcdef0123456789.json", strings.Repeat("văn bản ", 20_000),
		"originals/ab/random.pdf", string(random),
		"tài liệu/Quyết định số 1.txt", "Quyết định",
	}
	dir := t.TempDir()
	before := time.Now().Add(-2 * time.Second)
	f := writeTestZip(t, dir, 0, entries...)
	zr := checkBothRead(t, f, entries)
	for _, zf := range zr.File {
		if zf.Modified.Before(before) || zf.Modified.After(time.Now().Add(2*time.Second)) {
			t.Errorf("%s: modified %v, not now", zf.Name, zf.Modified)
		}
	}
	names, _ := filepath.Glob(filepath.Join(dir, bundleTempPattern))
	if len(names) != 0 {
		t.Errorf("left beside the zip: %v", names)
	}
}

// TestZipWriterZip64: a zip of more entries than the end record's 16-bit
// count holds, and one whose entries and directory begin past 4 GB (a
// sparse hole before them), get zip64's records and fields, which both
// readers take.
func TestZipWriterZip64(t *testing.T) {
	var many []string
	for i := range 0x10000 + 10 {
		many = append(many, fmt.Sprintf("docs/%02x/%016x.json", i%256, i), fmt.Sprint(i))
	}
	far := []string{"a.json", "{}", "b.txt", strings.Repeat("b", 70_000)}
	for name, c := range map[string]struct {
		skip    int64
		entries []string
	}{
		"entries": {0, many},
		"offsets": {5 << 30, far},
	} {
		t.Run(name, func(t *testing.T) {
			f := writeTestZip(t, t.TempDir(), c.skip, c.entries...)
			checkBothRead(t, f, c.entries)
			st, _ := f.Stat()
			tail := make([]byte, 22+20+56)
			f.ReadAt(tail, st.Size()-int64(len(tail)))
			if !bytes.HasPrefix(tail, []byte("PK\x06\x06")) {
				t.Errorf("no zip64 end record: % x", tail[:4])
			}
		})
	}
}

// TestZipWriterSmallZipNoZip64: a zip under every 32-bit limit has no
// zip64 field or record, as archive/zip writes it (the readers of old
// Windows know no zip64).
func TestZipWriterSmallZipNoZip64(t *testing.T) {
	f := writeTestZip(t, t.TempDir(), 0, "a.json", "{}", "b.json", "[]")
	data, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte("PK\x06\x06")) || bytes.Contains(data, []byte{0x01, 0x00, 0x18, 0x00}) {
		t.Errorf("zip64 in a small zip")
	}
	checkBothRead(t, f, []string{"a.json", "{}", "b.json", "[]"})
}

// TestZipWriterDropRemovesSpill: a zip dropped unfinished leaves no
// temporary file of its directory.
func TestZipWriterDropRemovesSpill(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "x.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := newZipWriter(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := z.create("a.json", strings.NewReader("{}"), time.Now()); err != nil {
		t.Fatal(err)
	}
	if names, _ := filepath.Glob(filepath.Join(dir, bundleTempPattern)); len(names) != 1 {
		t.Fatalf("directory's spill file: %v, want one", names)
	}
	z.drop()
	if names, _ := filepath.Glob(filepath.Join(dir, bundleTempPattern)); len(names) != 0 {
		t.Errorf("left: %v", names)
	}
}

// TestBackupOnFullDiskKeepsTheOldOne: a backup that fills the disk it is
// written to (a USB stick) fails saying the disk is full, leaves the
// older backup of that name byte for byte, and leaves no temporary file
// of its own (the zip's, or its directory's) to fill the stick further.
func TestBackupOnFullDiskKeepsTheOldOne(t *testing.T) {
	ctx := t.Context()
	mnt := mountTmpfs(t, "2m")
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(2, 41))
	target := filepath.Join(mnt, "sao-luu.zip")
	if _, err := Backup(ctx, a.Dir(), target, nil); err != nil {
		t.Fatal(err)
	}
	old, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	// Texts that deflate little: the new backup is over the room left.
	docs := map[string]string{}
	for i := range 6 {
		b := make([]byte, 150<<10)
		rand.Read(b)
		docs[fmt.Sprintf("ngau-nhien-%d.txt", i)] = base32.StdEncoding.EncodeToString(b)
	}
	importDocs(t, a, docs)
	filler := fillDisk(t, mnt)
	st, _ := os.Stat(filler)
	if err := os.Truncate(filler, max(0, st.Size()-300<<10)); err != nil {
		t.Fatal(err)
	}
	if _, err := Backup(ctx, a.Dir(), target, nil); !IsDiskFull(err) {
		t.Fatalf("backup onto a full disk: %v, want a full disk's error", err)
	}
	if now, _ := os.ReadFile(target); !bytes.Equal(now, old) {
		t.Error("the older backup changed")
	}
	if left, _ := filepath.Glob(filepath.Join(mnt, bundleTempPattern)); len(left) != 0 {
		t.Errorf("left on the disk: %v", left)
	}
}
