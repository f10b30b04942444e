package index

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestFileSwappedForALinkIsNotRead: a file (and a zip) listed by the walk
// of a folder and replaced by a link to a private file between the
// listing and the reading (a race the walk cannot see) is skipped with
// the reason, and the link's target is not imported; the other files of
// the folder are.
func TestFileSwappedForALinkIsNotRead(t *testing.T) {
	a := newTestArchive(t)
	private := t.TempDir()
	secret := filepath.Join(private, "nhat-ky.txt")
	writeFile(t, secret, []byte("NHẬT KÝ RIÊNG\nChuyện riêng tư bimatrieng của người dùng, không phải văn bản của cơ quan.\n"))
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, _ := zw.Create("rieng.txt")
	w.Write([]byte("THƯ RIÊNG\nThư riêng thuriengtu gửi gia đình.\n"))
	zw.Close()
	secretZip := filepath.Join(private, "rieng.zip")
	writeFile(t, secretZip, zb.Bytes())

	src := writeDocs(t, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"], "bc.txt": testDocs["bc-typo.txt"]})
	var zb2 bytes.Buffer
	zw = zip.NewWriter(&zb2)
	w, _ = zw.Create("ct.txt")
	w.Write([]byte(testDocs["kh-quyet-tam.txt"] + "\nbản trong zip\n"))
	zw.Close()
	writeFile(t, filepath.Join(src, "goi.zip"), zb2.Bytes())
	if err := os.Symlink(secret, filepath.Join(t.TempDir(), "probe")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}

	swaps := map[string]string{filepath.Join(src, "bc.txt"): secret, filepath.Join(src, "goi.zip"): secretZip}
	var mu sync.Mutex
	swap := func(path string) {
		mu.Lock()
		defer mu.Unlock()
		if to, ok := swaps[path]; ok {
			delete(swaps, path)
			if err := os.Remove(path); err != nil {
				t.Error(err)
			}
			if err := os.Symlink(to, path); err != nil {
				t.Error(err)
			}
		}
	}
	rep, err := a.Import(context.Background(), []string{src}, ImportOptions{beforeOpen: swap})
	if err != nil {
		t.Fatal(err)
	}
	if len(swaps) != 0 {
		t.Fatalf("not swapped: %v", swaps)
	}
	got := map[string]ImportItem{}
	for _, it := range rep.Items {
		got[filepath.Base(it.Path)] = it
	}
	for _, name := range []string{"bc.txt", "goi.zip"} {
		if it := got[name]; it.Status != Skipped || !errors.Is(it.Err, ErrFileSwapped) {
			t.Errorf("%s swapped for a link: %+v", name, it)
		}
	}
	if it := got["kh.txt"]; it.Status != Added {
		t.Errorf("kh.txt: %+v", it)
	}
	for _, q := range []string{"bimatrieng", "thuriengtu"} {
		if res, err := a.Search(context.Background(), Request{Query: q}); err != nil || res.Total != 0 {
			t.Errorf("search %s: %v %+v: the link's target was imported", q, err, res)
		}
	}
	if st, err := a.Stats(context.Background()); err != nil || st.Files != 1 {
		t.Errorf("stats: %v %+v, want the one file not swapped", err, st)
	}
}
