package index

import (
	"archive/zip"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportReportIsBounded: a folder of more files than the report lists
// (issue 17: a million ImportItems took 280 MB) is imported with its files
// walked as they are read, zips in sub-folders included; the counts are of
// every file, every failure, unsupported file and warning is listed, the
// added files and the duplicates at most ReportListed each, and the Item
// callback and the progress hear every file.
func TestImportReportIsBounded(t *testing.T) {
	a := newTestArchive(t)
	src := t.TempDir()
	rng := rand.New(rand.NewPCG(17, 1))
	words := strings.Fields("dân vận khéo xã phường thôn bản hội nông dân phụ nữ thanh niên cựu chiến binh mặt trận tổ quốc đảng ủy chi bộ nghị quyết kế hoạch báo cáo tổng kết phong trào thi đua xây dựng nông thôn mới giảm nghèo bền vững")
	text := func(n int) string {
		var b strings.Builder
		fmt.Fprintf(&b, "UBND XÃ AN PHÚ\nTHÔNG BÁO số %d\n", n)
		for range 60 {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		fmt.Fprintf(&b, "mã %d-%d\n", n, rng.Int())
		return b.String()
	}
	const docs = ReportListed + 40
	for i := range docs {
		dir := filepath.Join(src, fmt.Sprintf("thon-%d", i%7))
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tb-%04d.txt", i)), []byte(text(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const broken, unsupported, zipped = 4, 3, 2
	for i := range broken {
		os.WriteFile(filepath.Join(src, fmt.Sprintf("hong-%d.docx", i)), []byte(fmt.Sprintf("not a docx %d", i)), 0o644)
	}
	for i := range unsupported {
		os.WriteFile(filepath.Join(src, fmt.Sprintf("chuong-trinh-%d.exe", i)), []byte("MZ"), 0o644)
	}
	f, err := os.Create(filepath.Join(src, "thon-3", "goi.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for i := range zipped {
		w, _ := zw.Create(fmt.Sprintf("trong-zip-%d.txt", i))
		w.Write([]byte(text(10000 + i)))
	}
	zw.Close()
	f.Close()

	var heard int
	var last Progress
	opt := ImportOptions{Item: func(ImportItem) { heard++ }, Progress: func(p Progress) { last = p }}
	rep, err := a.Import(context.Background(), []string{src}, opt)
	if err != nil {
		t.Fatal(err)
	}
	files := docs + zipped + broken + unsupported
	if rep.Added != docs+zipped || rep.Failed != broken || rep.Unsupported != unsupported || rep.Duplicates != 0 || heard != files {
		t.Fatalf("added %d, failed %d, unsupported %d, duplicates %d, Item heard %d; want %d added, %d failed, %d unsupported, %d heard",
			rep.Added, rep.Failed, rep.Unsupported, rep.Duplicates, heard, docs+zipped, broken, unsupported, files)
	}
	if last.Done != files || last.Total != files {
		t.Errorf("last progress %d/%d, want %d/%d", last.Done, last.Total, files, files)
	}
	count := map[Status]int{}
	for _, it := range rep.Items {
		count[it.Status]++
	}
	if count[Failed] != broken || count[Unsupported] != unsupported || count[Added] != ReportListed {
		t.Errorf("listed %v, want every failure (%d) and unsupported file (%d), %d added", count, broken, unsupported, ReportListed)
	}

	// Again: every file a duplicate, failures listed again, duplicates bounded.
	heard = 0
	rep, err = a.Import(context.Background(), []string{src}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Duplicates != docs+zipped || rep.Added != 0 || rep.Failed != broken || heard != files {
		t.Fatalf("second import: %d duplicates, %d added, %d failed, heard %d", rep.Duplicates, rep.Added, rep.Failed, heard)
	}
	count = map[Status]int{}
	for _, it := range rep.Items {
		count[it.Status]++
	}
	if count[Failed] != broken || count[Duplicate] != ReportListed {
		t.Errorf("second import listed %v, want %d failed, %d duplicates", count, broken, ReportListed)
	}
}
