package index

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"khovanban/index/internal/cputime"
)

// hostileCorpus writes the broken and hostile files an archive must
// refuse or take without harm, and returns the folder and a marker path
// outside it that a zip tries to write to.
func hostileCorpus(t *testing.T) (dir, outside string) {
	t.Helper()
	root := t.TempDir()
	dir = filepath.Join(root, "in")
	outside = filepath.Join(root, "escaped.txt")
	os.MkdirAll(dir, 0o755)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zipOf := func(entries map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, data := range entries {
			w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			w.Write(data)
		}
		zw.Close()
		return buf.Bytes()
	}
	good := []byte(testDocs["kh-quyet-tam.txt"])
	write("tot.txt", good)
	write("rong.txt", nil)
	write("rac.txt", bytes.Repeat([]byte{0, 1, 2, 0xff, 0xfe, 7}, 5000))
	write("utf8-hong.txt", append([]byte("Nghị quyết \xff\xfe\xc3 về "), good...))
	write("utf16-le-le.txt", []byte{0xff, 0xfe, 'a', 0, 0x00, 0xd8, 'b'}) // a lone surrogate and an odd byte
	write("sau.html", []byte(strings.Repeat("<div>", 200000)+"Văn bản lồng sâu"+strings.Repeat("</div>", 200000)))
	write("mã-độc.html", []byte(`<html><head><title>Thông báo</title><script>fetch("http://127.0.0.1:9/steal")</script></head>
<body><iframe src="http://127.0.0.1:9/frame"></iframe><img src="http://127.0.0.1:9/pixel.png"><article><h1>Thông báo họp chi bộ</h1>
<p>Chi bộ họp định kỳ vào ngày 5 hằng tháng để quán triệt nghị quyết và kiểm điểm việc học tập và làm theo gương Bác.</p>
<p>Đề nghị các đảng viên tham dự đầy đủ, đúng giờ.</p></article></body></html>`))
	write("hong.pdf", []byte("%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF"))
	whole := zipOf(map[string][]byte{"word/document.xml": bytes.Repeat([]byte("<w:p><w:r><w:t>Nửa văn bản</w:t></w:r></w:p>"), 200)})
	write("cat-ngang.docx", whole[:len(whole)/2])
	write("ma-hoa.docx", append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 600)...))
	write("dat-ten-\x01-la.txt", good[:len(good)/2])
	write(norm.NFD.String("tên-dựng-sẵn.txt"), append(good, []byte("\nBản thứ hai.")...))
	write("thoat.zip", zipOf(map[string][]byte{
		"../escaped.txt":   []byte("ra ngoài"),
		"/etc/escaped.txt": []byte("tuyệt đối"),
		"trong/hop-le.txt": append(good, []byte("\nBản trong tệp nén.")...),
		"..\\..\\win.txt":  []byte("đường dẫn Windows"),
	}))
	bomb := zipOf(map[string][]byte{"bom.txt": bytes.Repeat([]byte("0"), 300<<20)})
	write("bom.zip", bomb)
	nested := zipOf(map[string][]byte{"a.txt": good})
	for range 6 {
		nested = zipOf(map[string][]byte{"long.zip": nested})
	}
	write("long-sau.zip", nested)
	// A 500 MB file that takes no room: the size is checked before reading.
	f, _ := os.Create(filepath.Join(dir, "khong-lo.txt"))
	f.Truncate(500 << 20)
	f.Close()
	os.Symlink("/etc/passwd", filepath.Join(dir, "lien-ket.txt"))
	return dir, outside
}

func TestHostileFiles(t *testing.T) {
	a := newTestArchive(t)
	dir, outside := hostileCorpus(t)
	var rep *ImportReport
	var err error
	took := cputime.Process(func() { rep, err = a.Import(context.Background(), []string{dir}, ImportOptions{}) })
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	if took > 2*time.Minute {
		t.Errorf("hostile corpus took %v of CPU", took)
	}
	byName := map[string]ImportItem{}
	for _, it := range rep.Items {
		byName[filepath.Base(it.Path)] = it
		if (it.Status == Failed || it.Status == Skipped) && (it.Err == nil || it.Err.Error() == "") {
			t.Errorf("%s: %s without a reason", it.Path, it.Status)
		}
	}
	mustFail := []string{"rong.txt", "rac.txt", "hong.pdf", "cat-ngang.docx", "ma-hoa.docx", "bom.zip", "khong-lo.txt", "long-sau.zip"}
	for _, name := range mustFail {
		if it, ok := byName[name]; !ok || it.Status != Failed {
			t.Errorf("%s: %+v, want failed with a reason", name, it)
		}
	}
	if it := byName["lien-ket.txt"]; it.Status != Skipped {
		t.Errorf("symlink: %s", it.Status)
	}
	for _, name := range []string{"tot.txt", "utf8-hong.txt", "mã-độc.html", "dat-ten-_-la.txt", "tên-dựng-sẵn.txt", "hop-le.txt"} {
		if it, ok := byName[name]; !ok || it.Status != Added {
			t.Errorf("%s: %+v, want added", name, it)
		}
	}
	if _, err := os.Stat(outside); err == nil {
		t.Error("a zip entry was written outside the archive")
	}
	// Scripts and remote content are never kept as text to run or fetch.
	res, _ := a.Search(context.Background(), Request{Query: "chi bộ họp định kỳ"})
	if res.Total != 1 {
		t.Fatalf("HTML article: %d hits", res.Total)
	}
	d, _ := a.Get(res.Hits[0].ID)
	if strings.Contains(d.Text, "fetch(") || strings.Contains(d.Text, "127.0.0.1") {
		t.Errorf("script or remote address kept in text: %q", d.Text)
	}
	t.Logf("%d hostile and broken files: %d added, %d failed, %d skipped, %d unsupported", len(rep.Items), rep.Added, rep.Failed, rep.Skipped, rep.Unsupported)
	for _, it := range rep.Items {
		if it.Err != nil {
			t.Logf("  %s: %s: %v", filepath.Base(it.Path), it.Status, it.Err)
		}
	}
}
