package index

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index/extract"
)

// writeZipOf writes a zip of texts into dir and returns its path.
func writeZipOf(t *testing.T, dir, name string, texts map[string]string, order []string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(texts[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// bigText is a distinct text of about size bytes.
func bigText(i, size int) string {
	line := fmt.Sprintf("Báo cáo số %d về công tác dân vận khéo ở xã Kiến An năm 2021.\n", i)
	return strings.Repeat(line, size/len(line))
}

// TestZipEntriesOneAtATime is the zip of six 170 MB texts, scaled down to
// six of 1 MB with a memory budget of 512 KB: the zip's files are read and
// imported one at a time, never all held before the import.
func TestZipEntriesOneAtATime(t *testing.T) {
	a := newTestArchive(t)
	texts := map[string]string{}
	var order []string
	for i := range 6 {
		n := fmt.Sprintf("lon-%d.txt", i)
		texts[n], order = bigText(i, 1<<20), append(order, n)
	}
	p := writeZipOf(t, t.TempDir(), "sau-tep-lon.zip", texts, order)
	im, err := a.runImport(context.Background(), []string{p}, ImportOptions{MemoryBudget: 512 << 10, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if im.report.Added != 6 {
		t.Fatalf("added %d of 6: %+v", im.report.Added, im.report.Items)
	}
	if one := int64(len(texts[order[0]])); im.memory.peak > one {
		t.Errorf("%d bytes of files held at once; one file is %d", im.memory.peak, one)
	}
	if im.total != 6 {
		t.Errorf("progress total %d, want 6", im.total)
	}
	// With room for all, the same import holds several at once: the
	// budget is what makes it one at a time.
	b := newTestArchive(t)
	im, err = b.runImport(context.Background(), []string{p}, ImportOptions{Workers: 2})
	if err != nil || im.report.Added != 6 {
		t.Fatalf("%v, %d added", err, im.report.Added)
	}
	if one := int64(len(texts[order[0]])); im.memory.peak <= one {
		t.Logf("peak %d with the default budget (the workers kept up)", im.memory.peak)
	}
}

// TestZipStoppedByLimit: the files of a zip before one over a limit are
// imported; the zip is reported failed with the limit.
func TestZipStoppedByLimit(t *testing.T) {
	a := newTestArchive(t)
	texts := map[string]string{"a.txt": bigText(1, 4<<10), "b.txt": bigText(2, 4<<10), "lon.txt": bigText(3, 2<<20), "c.txt": bigText(4, 4<<10)}
	p := writeZipOf(t, t.TempDir(), "x.zip", texts, []string{"a.txt", "b.txt", "lon.txt", "c.txt"})
	rep, err := a.Import(context.Background(), []string{p}, ImportOptions{Extract: extract.Options{Limits: extract.Limits{MaxFileBytes: 1 << 20}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, it := range rep.Items {
		got[filepath.Base(it.Path)] = it.Status
		if filepath.Base(it.Path) == "x.zip" && !errors.Is(it.Err, extract.ErrTooLarge) {
			t.Errorf("zip failed with %v", it.Err)
		}
	}
	if got["a.txt"] != Added || got["b.txt"] != Added || got["x.zip"] != Failed || len(got) != 3 {
		t.Errorf("items %v", got)
	}
}
