package ui

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// twinText is a short plan written for this test, saved below as a text
// file and as a web page.
const twinText = `ỦY BAN NHÂN DÂN XÃ PHÚ LỘC
Số: 21/KH-UBND
KẾ HOẠCH
Ra quân làm sạch kênh mương nội đồng trước mùa mưa năm 2024
Ủy ban nhân dân xã phát động các ấp ra quân nạo vét kênh mương, phát quang bờ bao, thu gom rác thải nhựa dọc các tuyến đường liên ấp.
Đoàn thanh niên nhận tuyến kênh Ba Xã; Hội Nông dân vận động các hộ góp ngày công, máy bơm và ghe chở bùn.`

// The same plan as .txt and .htm shows as one row with both formats, and
// the reader has a button to open each original.
func TestTwinsOneRowAndButtons(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	page := "<html><body><p>" + strings.ReplaceAll(html.EscapeString(twinText), "\n", "</p><p>") + "</p></body></html>"
	os.WriteFile(filepath.Join(dir, "kh.txt"), []byte(twinText), 0o644)
	os.WriteFile(filepath.Join(dir, "kh.htm"), []byte(page), 0o644)
	rep, err := h.arc.Import(context.Background(), []string{dir}, index.ImportOptions{})
	if err != nil || rep.Added != 2 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	twinned := 0
	for _, it := range rep.Items {
		if it.Twin != "" {
			twinned++
		}
	}
	if twinned != 1 || !strings.Contains(reportLines(rep), "trùng nội dung với kh.") {
		t.Errorf("report: %d twinned\n%s", twinned, reportLines(rep))
	}

	h.search("nạo vét kênh mương")
	if h.v.results.total != 1 {
		t.Fatalf("%d results, want the two files as one", h.v.results.total)
	}
	hit := h.v.results.pages[0][0]
	row := newResultRow()
	row.set(hit)
	if !strings.HasPrefix(row.meta.Text, "TXT · HTML — ") && !strings.HasPrefix(row.meta.Text, "HTML · TXT — ") {
		t.Errorf("row: %q, want both formats first", row.meta.Text)
	}

	d := h.openFirst("nạo vét kênh mương")
	r := h.v.reader
	if !r.formats.Visible() || len(r.twins) != 2 {
		t.Fatalf("reader: formats shown %v, twins %+v", r.formats.Visible(), r.twins)
	}
	var opened string
	h.s.canOpen = func(p string) bool { opened = p; return false }
	tapped := false
	for _, o := range r.formats.Objects {
		b, ok := o.(*widget.Button)
		if !ok || b.Importance == widget.HighImportance { // the open one
			continue
		}
		test.Tap(b)
		tapped = true
	}
	other := r.twins[0]
	if other.ID == d.ID {
		other = r.twins[1]
	}
	if !tapped || opened != h.arc.TwinPath(other) {
		t.Errorf("opened %q, want the other original %q", opened, h.arc.TwinPath(other))
	}
	if _, err := os.Stat(opened); err != nil {
		t.Error(err)
	}
}
