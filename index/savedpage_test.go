package index

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestSavedPageReadsNoFileItNames: a saved web page names files outside
// its folder (a secret text beside it, by ../ and by an absolute path and
// file:// address) in every way a page can: an image, a frame, an inline
// frame, an object, an embed, a style sheet, a script, a link, a base
// address. Importing the page's folder reads the page only: the secret's
// words are not found, no original but the page's is stored, and no
// stored byte is the secret's (the volumes are searched for it). An
// audit's check, not a fix: extract reads the bytes of the file it is
// given and nothing else.
func TestSavedPageReadsNoFileItNames(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	outside := t.TempDir()
	const secret = "mậtkhẩungoàithưmục quyết định riêng tư"
	secretPath := filepath.Join(outside, "bi-mat.txt")
	os.WriteFile(secretPath, []byte(secret), 0o644)
	os.WriteFile(filepath.Join(outside, "bi-mat.htm"), []byte("<p>"+secret+"</p>"), 0o644)
	url := "file://" + filepath.ToSlash(secretPath)
	var refs strings.Builder
	for _, target := range []string{"../" + filepath.Base(outside) + "/bi-mat.txt", secretPath, url, "../" + filepath.Base(outside) + "/bi-mat.htm"} {
		refs.WriteString(`<img src="` + target + `"><iframe src="` + target + `"></iframe><object data="` + target + `"></object>` +
			`<embed src="` + target + `"><link rel="stylesheet" href="` + target + `"><script src="` + target + `"></script>` +
			`<a href="` + target + `">xem</a><frameset><frame src="` + target + `"></frameset>`)
	}
	page := `<html><head><base href="` + url + `"><meta charset="utf-8"><title>Kế hoạch tuyên truyền</title></head><body>` +
		`<p>KẾ HOẠCH tuyên truyền phong trào thi đua năm 2026 của xã.</p>` + refs.String() + `</body></html>`
	folder := filepath.Join(filepath.Dir(outside), "trang-luu")
	os.MkdirAll(filepath.Join(folder, "trang_files"), 0o755)
	os.WriteFile(filepath.Join(folder, "trang.htm"), []byte(page), 0o644)
	t.Cleanup(func() { os.RemoveAll(folder) })

	rep, err := a.Import(ctx, []string{folder}, ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("import: %+v %v", rep, err)
	}
	res, err := a.Search(ctx, Request{Query: "mậtkhẩungoàithưmục"})
	if err != nil || res.Total != 0 {
		t.Errorf("the secret's word is found: %d hits, %v", res.Total, err)
	}
	st, err := a.Stats(ctx)
	if err != nil || st.Files != 1 {
		t.Errorf("stats: %+v %v", st, err)
	}
	vols, _ := filepath.Glob(filepath.Join(a.Dir(), "volumes", "*"))
	seen := false // the page's own words, as the check would see the secret's
	for _, v := range vols {
		data, _ := os.ReadFile(v)
		seen = seen || bytes.Contains(data, []byte("thi đua năm 2026"))
		if bytes.Contains(data, []byte("ngoàithưmục")) {
			t.Errorf("%s holds the secret's bytes", v)
		}
	}
	if !seen {
		t.Error("the page's own words are not seen in the volumes: the check sees nothing")
	}
}

// TestSavedPagesReadOneAtATime: a saved web page takes many times its
// size while it is read (a 12 MB page of 1.5 million paragraphs took
// 826 MB), so the import's memory budget counts it so (readWeight):
// pages whose weight is over the budget are read one at a time, never
// one a worker, and what the reading took is given back whole once the
// import ends. The same files as plain text are not held back.
func TestSavedPagesReadOneAtATime(t *testing.T) {
	dir := t.TempDir()
	for i := range 4 {
		var b strings.Builder
		b.WriteString("<html><body>")
		for j := range 4000 {
			fmt.Fprintf(&b, "<p>Trang %d đoạn %d phong trào thi đua", i, j)
		}
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("trang-%d.htm", i)), []byte(b.String()), 0o644)
	}
	var mu sync.Mutex
	reading, most := 0, 0
	opt := ImportOptions{Workers: 2, MemoryBudget: 2 << 20,
		beforeOpen: func(string) {
			mu.Lock()
			reading++
			most = max(most, reading)
			mu.Unlock()
		},
		afterRead: func() {
			mu.Lock()
			reading--
			mu.Unlock()
		}}
	a := newTestArchive(t)
	im, err := a.runImport(context.Background(), []string{dir}, opt)
	if err != nil || im.report.Added != 4 {
		t.Fatalf("import: %v, %d added", err, im.report.Added)
	}
	if most != 1 {
		t.Errorf("%d pages read at once; each weighs more than the budget", most)
	}
	if im.memory.held != 0 {
		t.Errorf("%d bytes still counted in memory after the import", im.memory.held)
	}
	st, _ := os.Stat(filepath.Join(dir, "trang-0.htm"))
	if w := readWeight("trang-0.htm", st.Size()); w <= opt.MemoryBudget || im.memory.peak > w {
		t.Errorf("a page weighs %d against a budget of %d; peak %d", w, opt.MemoryBudget, im.memory.peak)
	}
	if w := readWeight("trang-0.txt", st.Size()); w != st.Size() {
		t.Errorf("a text of %d bytes weighs %d", st.Size(), w)
	}
}
