package index

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestBundleEntriesBoundedBeforeLoading: a pack or backup whose directory
// lists more entries than any archive's is refused before Go's zip reader
// loads them (about 300 bytes of memory an entry), with the reason and the
// limit (lowered to 1,000): one that lists 65,546 entries, and the same
// whose end record claims 10 (the zip reader reads headers until one is
// not, and compares the count modulo 65,536); before, each was loaded
// (42 MB allocated) and refused later for another reason. Under 2 MB
// is allocated to refuse them. One whose zip64 end record claims 5
// billion entries in a file of 1 KB is refused with that reason too (the
// zip reader, which checks a count against the file's size, called it
// unreadable), and restoring it leaves nothing.
func TestBundleEntriesBoundedBeforeLoading(t *testing.T) {
	dir := t.TempDir()
	z := tinyEntriesZip(t, 65_536+10)
	many := filepath.Join(dir, "nhieu.zip")
	writeFile(t, many, z)
	understated := filepath.Join(dir, "khai-it.zip")
	writeFile(t, understated, understate(t, z))
	claims := filepath.Join(dir, "khai-nhieu.zip")
	writeFile(t, claims, claimRecords(t, tinyEntriesZip(t, 3), 5_000_000_000))

	lowered := defaultBundleLimits()
	lowered.entries = 1000
	cases := []struct {
		path string
		lim  bundleLimits
	}{{many, lowered}, {understated, lowered}, {claims, defaultBundleLimits()}}
	for _, c := range cases {
		for _, kind := range []string{"backup", "pack"} {
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			b, err := openBundle(c.path, kind, c.lim)
			runtime.ReadMemStats(&m1)
			if b != nil {
				b.close()
			}
			var be *BundleError
			if !errors.As(err, &be) || be.Reason != BundleTooManyEntries || be.Limit != cmp0(c.lim.entries, bundleMaxEntries) {
				t.Errorf("%s as a %s: %v, want too many entries", filepath.Base(c.path), kind, err)
			}
			if alloc := m1.TotalAlloc - m0.TotalAlloc; alloc > 2<<20 {
				t.Errorf("%s as a %s: %d bytes allocated to refuse it", filepath.Base(c.path), kind, alloc)
			}
		}
	}
	// The public way in, at the default limit: a forged backup claiming
	// billions of entries is refused naming the reason, nothing restored.
	target := filepath.Join(dir, "kho")
	_, err := RestoreBackup(context.Background(), claims, target, nil)
	var be *BundleError
	if !errors.As(err, &be) || be.Reason != BundleTooManyEntries {
		t.Errorf("restore: %v, want too many entries", err)
	}
	if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("restore left %s: %v", target, err)
	}
	// A real count under the limit is no count at all for the check.
	if n := zipEntries(bytes.NewReader(tinyEntriesZip(t, 50)), int64(len(tinyEntriesZip(t, 50))), 1000); n != 50 {
		t.Errorf("a zip of 50 entries counts %d", n)
	}
}

func cmp0(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

// tinyEntriesZip is a zip of n empty stored entries named as originals.
func tinyEntriesZip(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		if _, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("originals/00/%064x.txt", i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// understate rewrites the end record of a zip Go wrote with zip64 records
// (over 65,535 entries) as a plain one claiming the entry count modulo
// 65,536, as the zip reader takes it.
func understate(t *testing.T, z []byte) []byte {
	t.Helper()
	end := bytes.LastIndex(z, []byte("PK\x05\x06"))
	rec := bytes.LastIndex(z, []byte("PK\x06\x06"))
	if end < 0 || rec < 0 {
		t.Fatal("no zip64 end record")
	}
	records := binary.LittleEndian.Uint64(z[rec+32:])
	size := binary.LittleEndian.Uint64(z[rec+40:])
	offset := binary.LittleEndian.Uint64(z[rec+48:])
	out := bytes.Clone(z)
	binary.LittleEndian.PutUint16(out[end+8:], uint16(records))
	binary.LittleEndian.PutUint16(out[end+10:], uint16(records))
	binary.LittleEndian.PutUint32(out[end+12:], uint32(size))
	binary.LittleEndian.PutUint32(out[end+16:], uint32(offset))
	return out
}

// claimRecords gives a small zip zip64 end records claiming n entries.
func claimRecords(t *testing.T, z []byte, n uint64) []byte {
	t.Helper()
	end := bytes.LastIndex(z, []byte("PK\x05\x06"))
	size := uint64(binary.LittleEndian.Uint32(z[end+12:]))
	offset := uint64(binary.LittleEndian.Uint32(z[end+16:]))
	out := bytes.Clone(z[:end])
	rec := len(out)
	out = append(out, "PK\x06\x06"...)
	out = binary.LittleEndian.AppendUint64(out, 44)
	out = append(out, 45, 0, 45, 0)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint64(out, n)
	out = binary.LittleEndian.AppendUint64(out, n)
	out = binary.LittleEndian.AppendUint64(out, size)
	out = binary.LittleEndian.AppendUint64(out, offset)
	out = append(out, "PK\x06\x07"...)
	out = binary.LittleEndian.AppendUint32(out, 0)
	out = binary.LittleEndian.AppendUint64(out, uint64(rec))
	out = binary.LittleEndian.AppendUint32(out, 1)
	out = append(out, "PK\x05\x06"...)
	out = append(out, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0)
	return out
}
