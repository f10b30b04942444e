package index

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLargeManifestRestores: the manifest of a backup lists a sum for
// every entry, 263 bytes a document; it was read whole under the limit
// of one JSON entry (128 MB), so the backup of an archive of more than
// about 510,000 documents was written but could never be restored. Here
// the limit of a JSON entry is lowered until the manifest of a backup of
// a few documents is over it: the backup restores whole. A manifest
// larger than its entries can need (a forged one) is still refused
// before it is read, and one with garbage after its object is refused.
func TestLargeManifestRestores(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, distinctDocs(12, 7))
	file := filepath.Join(t.TempDir(), "sao-luu.zip")
	if _, err := Backup(ctx, a.Dir(), file, nil); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	var manifestSize, largestJSON uint64
	for _, f := range zr.File {
		switch {
		case f.Name == bundleManifest:
			manifestSize = f.UncompressedSize64
		case !bundleOriginal.MatchString(f.Name):
			largestJSON = max(largestJSON, f.UncompressedSize64)
		}
	}
	zr.Close()
	lim := defaultBundleLimits()
	lim.json = int64(largestJSON)
	if manifestSize <= largestJSON {
		t.Fatalf("manifest %d bytes, largest document %d: not over the limit", manifestSize, largestJSON)
	}
	into := filepath.Join(t.TempDir(), "kho")
	info, err := restore(ctx, file, into, lim, nil)
	if err != nil {
		t.Fatalf("a backup whose manifest is over one JSON entry's limit: %v", err)
	}
	if info.Documents != 12 {
		t.Errorf("restored %+v, want 12 documents", info)
	}

	// A manifest padded beyond what its entries can need.
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	padded := rewriteZip(t, data, func(name string, d []byte) []byte {
		if name != bundleManifest {
			return d
		}
		return append(d[:len(d)-1], []byte(`, "pad": "`+strings.Repeat("x", 300*30+int(lim.json))+`"}`)...)
	})
	if err := os.WriteFile(file, padded, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := restore(ctx, file, filepath.Join(t.TempDir(), "r"), lim, nil); bundleReason(err) != BundleTooLarge {
		t.Errorf("a manifest padded beyond its entries: %v", err)
	}
	trailing := rewriteZip(t, data, func(name string, d []byte) []byte {
		if name != bundleManifest {
			return d
		}
		return append(bytes.Clone(d), []byte(`{"kind": "backup"}`)...)
	})
	if err := os.WriteFile(file, trailing, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := restore(ctx, file, filepath.Join(t.TempDir(), "r"), defaultBundleLimits(), nil); bundleReason(err) != BundleNoManifest {
		t.Errorf("a manifest with a second object after it: %v", err)
	}
}
