package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"khovanban/index"
)

// TestExportCatalog exports the shown results as a spreadsheet and as a
// page to print, and reads them back: every result, in the list's order.
func TestExportCatalog(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	h.v.onFilterToggled(index.FacetType, "Kế hoạch", true)
	h.settle(func() bool { return h.idle() && len(h.v.results.req.Filters.Types) == 1 })
	n := h.v.results.total
	if n < 2 {
		t.Fatalf("%d Kế hoạch among the samples", n)
	}
	first, _ := h.v.results.hit(0)

	file := filepath.Join(t.TempDir(), "danh-muc.xlsx")
	j := h.v.exportCatalog(file, nil)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatal(j.err)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("the spreadsheet does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+n {
		t.Fatalf("%d rows for %d documents", len(rows), n)
	}
	if !strings.Contains(rows[1][0], "Loại văn bản: Kế hoạch") {
		t.Errorf("the subtitle does not say what the list holds: %q", rows[1][0])
	}
	if rows[4][1] != first.Number || rows[4][5] != first.Title {
		t.Errorf("first row %q, want %q %q", rows[4], first.Number, first.Title)
	}
	for _, r := range rows[4:] {
		if len(r) < 4 || r[3] != "Kế hoạch" {
			t.Errorf("a row of another type: %q", r)
		}
	}

	page := filepath.Join(t.TempDir(), "danh-muc.html")
	j = h.v.exportCatalog(page, nil)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatal(j.err)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(data), "<tr>"); got != n+1 {
		t.Errorf("the page has %d rows for %d documents", got-1, n)
	}
	// Nothing is left beside the files.
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".khovanban-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCatalogOfTickedDocuments: with results ticked, the catalog offers
// them, and holds only them, in the list's order (usertest finding 44).
func TestCatalogOfTickedDocuments(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	r := h.v.results
	if r.total < 5 {
		t.Fatalf("%d samples", r.total)
	}
	r.mark(3, true, false)
	r.mark(1, true, false)
	chosen := r.markedInOrder()
	second, _ := r.hit(1)
	if len(chosen) != 2 || chosen[0].ID != second.ID {
		t.Fatalf("chosen %+v", chosen)
	}
	h.v.onExportCatalog()
	if texts := strings.Join(allTexts(t, h.win.Canvas().Overlays().Top()), " "); !strings.Contains(texts, "2 văn bản đã chọn") || !strings.Contains(texts, "Danh mục gồm 2 văn bản đã chọn") {
		t.Errorf("the dialog does not offer the ticked ones: %q", texts)
	}
	page := filepath.Join(t.TempDir(), "danh-muc.html")
	j := h.v.exportCatalog(page, chosen)
	h.settle(func() bool { return closed(j.done) })
	data, err := os.ReadFile(page)
	if err != nil || j.err != nil {
		t.Fatal(err, j.err)
	}
	if got := strings.Count(string(data), "<tr>"); got != 3 {
		t.Errorf("the page has %d rows for 2 documents", got-1)
	}
}

// TestCatalogNamedByWhatItLists: the catalog's suggested file name says
// the campaign (or topic) and the year it lists, when one of each is
// chosen: every catalog was "danh-muc-van-ban-" and the day, so the
// catalogs of two campaigns made the same day had one name (usertest s25).
func TestCatalogNamedByWhatItLists(t *testing.T) {
	day := time.Date(2026, 12, 4, 9, 0, 0, 0, time.Local)
	for _, c := range []struct {
		f    index.Filters
		want string
	}{
		{index.Filters{}, "danh-muc-van-ban-2026-12-04"},
		{index.Filters{Campaigns: []string{"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}, Years: []int{2025}},
			"danh-muc-hoc-tap-va-lam-theo-tu-tuong-nam-2025-2026-12-04"},
		{index.Filters{Campaigns: []string{"3 không - 3 cần - 3 quyết tâm"}}, "danh-muc-3-khong-3-can-3-quyet-tam-2026-12-04"},
		{index.Filters{Topics: []string{"Giáo dục"}, Years: []int{2016, 2017}}, "danh-muc-giao-duc-2026-12-04"},
		{index.Filters{Campaigns: []string{"Dân vận khéo", "Chuyển đổi số"}, Years: []int{0}}, "danh-muc-van-ban-2026-12-04"},
		{index.Filters{Years: []int{2014}}, "danh-muc-van-ban-nam-2014-2026-12-04"},
	} {
		if got := catalogName(c.f, day); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}
