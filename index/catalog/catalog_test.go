package catalog

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"khovanban/index"
)

var labels = Labels{Heading: "DANH MỤC VĂN BẢN", Subtitle: "Tìm: “nông thôn mới”", No: "STT", Number: "Số, ký hiệu",
	Date: "Ngày ban hành", Type: "Loại văn bản", Issuer: "Cơ quan ban hành", Title: "Trích yếu", Campaigns: "Phong trào", Sheet: "Danh mục"}

var docs = []index.Summary{
	{ID: "a", Number: "12-KH/ĐU", Date: "2014-04-18", Year: 2014, Type: "Kế hoạch", Issuer: "Đảng ủy xã An Phú",
		Title: "Kế hoạch thực hiện \"3 không - 3 cần - 3 quyết tâm\" <trong> cán bộ", Campaigns: []string{"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Dân vận khéo"}},
	{ID: "b", Number: "", Year: 2016, Type: "Báo cáo", Issuer: "Ủy ban nhân dân xã An Phú", Title: "Báo cáo sơ kết"},
	{ID: "c", Title: "Ghi chép không rõ ngày"},
}

// TestXLSX writes the list and reads it back with the same library: the
// heading, the captions and every document in order, with its date as a
// Vietnamese paper writes it.
func TestXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "xlsx", labels, docs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("the workbook does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Danh mục")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4+len(docs) {
		t.Fatalf("%d rows: %q", len(rows), rows)
	}
	if rows[0][0] != "DANH MỤC VĂN BẢN" || rows[1][0] != "Tìm: “nông thôn mới”" {
		t.Errorf("heading %q %q", rows[0], rows[1])
	}
	if got := strings.Join(rows[3], "|"); got != "STT|Số, ký hiệu|Ngày ban hành|Loại văn bản|Cơ quan ban hành|Trích yếu|Phong trào" {
		t.Errorf("captions %q", got)
	}
	want := [][]string{
		{"1", "12-KH/ĐU", "18/04/2014", "Kế hoạch", "Đảng ủy xã An Phú", docs[0].Title, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Dân vận khéo"},
		{"2", "", "2016", "Báo cáo", "Ủy ban nhân dân xã An Phú", "Báo cáo sơ kết"},
		{"3", "", "", "", "", "Ghi chép không rõ ngày"},
	}
	for i, w := range want {
		if got, want := strings.Join(rows[4+i], "|"), strings.Join(w, "|"); got != want {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, want)
		}
	}
	// A full date is a date cell, which sorts and filters as a date; a
	// year alone stays a text (usertest finding 9).
	if v, err := f.GetCellType("Danh mục", "C5"); err != nil || v != excelize.CellTypeUnset && v != excelize.CellTypeNumber {
		t.Errorf("the date is a %v, not a number (%v)", v, err)
	}
	if raw, err := f.GetCellValue("Danh mục", "C5", excelize.Options{RawCellValue: true}); err != nil || raw != "41747" {
		t.Errorf("18/04/2014 is %q, want the day 41747 (%v)", raw, err)
	}
	if v, err := f.GetCellType("Danh mục", "C6"); err != nil || v != excelize.CellTypeSharedString {
		t.Errorf("a year alone is a %v (%v)", v, err)
	}
	// The captions repeat on every printed page.
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm.Print_Titles" || names[0].RefersTo != "'Danh mục'!$4:$4" || names[0].Scope != "Danh mục" {
		t.Errorf("print titles: %+v", names)
	}
	checkXLSXLayout(t, f, "Danh mục", len(docs))
}

// checkXLSXLayout checks, through the library that reads the workbook
// independently of the writer: A4 landscape, the captions frozen, the
// heading and subtitle merged across, the widths, the styles.
func checkXLSXLayout(t *testing.T, f *excelize.File, sheet string, n int) {
	t.Helper()
	layout, err := f.GetPageLayout(sheet)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.Size == nil || *layout.Size != 9 {
		t.Errorf("page layout %+v, %v", layout, err)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 4 || panes.TopLeftCell != "A5" {
		t.Errorf("panes %+v, %v", panes, err)
	}
	merged, err := f.GetMergeCells(sheet)
	if err != nil || len(merged) != 2 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "G1" || merged[1].GetEndAxis() != "G2" {
		t.Errorf("merged cells %v, %v", merged, err)
	}
	for i, want := range xlsxWidths {
		col := columnName(i + 1)
		if got, err := f.GetColWidth(sheet, col); err != nil || got != want {
			t.Errorf("column %s width %v, want %v (%v)", col, got, want, err)
		}
	}
	style := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := style("A1"); s.Font == nil || !s.Font.Bold || s.Font.Size != 14 || s.Alignment == nil || s.Alignment.Horizontal != "center" {
		t.Errorf("heading style %+v", s)
	}
	if s := style("F4"); s.Font == nil || !s.Font.Bold || len(s.Border) != 4 || s.Fill.Type != "pattern" || s.Fill.Pattern != 1 || !strings.Contains(xlsxStyles, `<fgColor rgb="FFDDEBF7"/>`) ||
		s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("caption style %+v", s)
	}
	if n > 0 {
		last := "G" + strconv.Itoa(n+4)
		if s := style(last); len(s.Border) != 4 || s.Alignment == nil || !s.Alignment.WrapText || s.Alignment.Vertical != "top" {
			t.Errorf("cell style of %s %+v", last, s)
		}
	}
	if v, err := f.GetCellType(sheet, "A5"); n > 0 && (err != nil || v != excelize.CellTypeUnset && v != excelize.CellTypeNumber) {
		t.Errorf("STT is a %v, not a number (%v)", v, err)
	}
}

// TestXLSXOddTexts: texts with spaces at their ends, markup, quotes,
// control characters from a damaged document, the same text twice, a
// sheet name Excel refuses, and an empty list all give a workbook that
// reads back as written.
func TestXLSXOddTexts(t *testing.T) {
	odd := []index.Summary{
		{Title: "  hai dấu cách  ", Issuer: `<b>"Đảng ủy"</b> & 'xã'`, Type: "Kế hoạch"},
		{Title: "ký tự\x01 lạ", Issuer: `<b>"Đảng ủy"</b> & 'xã'`, Type: "Kế hoạch"},
	}
	l := labels
	l.Sheet = "Tìm: [quyết/tâm]*? rất dài hơn ba mươi mốt ký tự"
	for _, list := range [][]index.Summary{odd, nil} {
		var buf bytes.Buffer
		if err := Write(&buf, "xlsx", l, list); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatalf("the workbook does not open: %v", err)
		}
		sheet := f.GetSheetName(0)
		if sheet != "Tìm- -quyết-tâm--- rất dài hơn " {
			t.Errorf("sheet name %q", sheet)
		}
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4+len(list) {
			t.Fatalf("%d rows: %q", len(rows), rows)
		}
		for i, d := range list {
			r := rows[4+i]
			if want := strings.ReplaceAll(d.Title, "\x01", "\uFFFD"); r[5] != want || r[4] != d.Issuer || r[0] != strconv.Itoa(i+1) {
				t.Errorf("row %d %q, want %q %q", i+1, r, want, d.Issuer)
			}
		}
		if names := f.GetDefinedName(); len(names) != 1 || names[0].RefersTo != "'"+sheet+"'!$4:$4" {
			t.Errorf("print titles: %+v", names)
		}
		checkXLSXLayout(t, f, sheet, len(list))
		f.Close()
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 7: "G", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := columnName(n); got != want {
			t.Errorf("column %d: %q, want %q", n, got, want)
		}
	}
}

// TestHTML writes the page to print: every document in a row, text escaped.
func TestHTML(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "html", labels, docs); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"<h1>DANH MỤC VĂN BẢN</h1>", "<td>12-KH/ĐU</td><td>18/04/2014</td><td>Kế hoạch</td>",
		"&lt;trong&gt;", "<td>Ghi chép không rõ ngày</td>", "@page { size: A4 landscape"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Count(page, "<tr>") != 1+len(docs) {
		t.Errorf("%d rows", strings.Count(page, "<tr>"))
	}
	for _, remote := range []string{"http:", "https:", "<script", "<link"} {
		if strings.Contains(page, remote) {
			t.Errorf("the page refers to %q", remote)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "pdf", labels, docs); err == nil {
		t.Error("an unknown format was written")
	}
}
