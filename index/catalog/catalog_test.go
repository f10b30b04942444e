package catalog

import (
	"bytes"
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
	// The captions repeat on every printed page.
	names := f.GetDefinedName()
	if len(names) == 0 || names[0].Name != "_xlnm.Print_Titles" {
		t.Errorf("print titles: %+v", names)
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
