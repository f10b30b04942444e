package index

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestPackCapSaidBeforeExport: a pack is signed over its manifest, which a
// receiving archive reads whole up to its limit of one JSON entry; a pack
// of more documents than that manifest can list would be written (hours,
// at half a million documents) and refused by every archive it is
// brought to. Here the limit is lowered to three documents: a pack of
// five is refused at once with PackTooLargeError (the count and the
// most), and nothing is left in the folder; a pack of three is written
// and another archive plans it whole.
func TestPackCapSaidBeforeExport(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, distinctDocs(5, 23))
	a.opts.packManifest = packManifestReserve + 3*packManifestDocBytes
	out := t.TempDir()
	file := filepath.Join(out, "goi.kvbpack")
	_, err := a.ExportPack(ctx, Request{}, "Xã A", file, nil)
	var tl *PackTooLargeError
	if !errors.As(err, &tl) || !errors.Is(err, ErrPackTooLarge) || tl.Documents != 5 || tl.Most != 3 {
		t.Fatalf("a pack of 5 with room for 3: %v", err)
	}
	if left, _ := os.ReadDir(out); len(left) != 0 {
		t.Errorf("left in the folder: %v", left)
	}
	ids := []string{rep.Items[0].ID, rep.Items[1].ID, rep.Items[2].ID}
	info, err := a.ExportPackOf(ctx, ids, "Xã A", file, nil)
	if err != nil || info.Files != 3 {
		t.Fatalf("a pack of 3: %+v %v", info, err)
	}
	b := newTestArchive(t)
	plan, err := b.PlanPack(file)
	if err != nil || plan.Info.Files != 3 {
		t.Fatalf("planned: %v", err)
	}
}

// TestPackManifestBytesPerDocument: what a pack's manifest says of one
// document stays under packManifestDocBytes, from which the cap is
// counted: measured on real packs of 4 and 12 documents.
func TestPackManifestBytesPerDocument(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, distinctDocs(12, 5))
	size := func(n int) int64 {
		var ids []string
		for _, it := range rep.Items[:n] {
			ids = append(ids, it.ID)
		}
		file := filepath.Join(t.TempDir(), "goi.kvbpack")
		if _, err := a.ExportPackOf(ctx, ids, "Xã A", file, nil); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if f.Name == bundleManifest {
				return int64(f.UncompressedSize64)
			}
		}
		t.Fatal("no manifest")
		return 0
	}
	small, large := size(4), size(12)
	// The originals here end in .txt; one in five letters says two more.
	per := (large - small) / 8
	t.Logf("%d bytes of manifest a document (.txt originals)", per)
	if per+2 > packManifestDocBytes {
		t.Errorf("%d bytes of manifest a document, the cap counts %d", per+2, packManifestDocBytes)
	}
}

// TestBundleWriterRefusesAnUnreadableManifest: a bundle whose manifest
// would be over what a reader takes is not written; its temporary file
// goes.
func TestBundleWriterRefusesAnUnreadableManifest(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "goi.kvbpack")
	bw, err := newBundleWriter(file)
	if err != nil {
		t.Fatal(err)
	}
	bw.maxManifest = 100
	if err := bw.add(docEntry(docsDir, "0123456789abcdef"), []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	err = bw.close(map[string]any{"kind": "pack", "office": "Xã A"}, nil)
	if !errors.Is(err, errManifestTooLarge) {
		t.Fatalf("closed: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the folder: %v", left)
	}
}
