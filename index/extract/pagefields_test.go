package extract

import (
	"context"
	"strings"
	"testing"
)

// propertiesPage is written for this test in the shape of a legal portal's
// "properties" tab saved from a browser: menus, the headline, and a table
// whose label and value cells run together once their text is taken; the
// document itself is not on the page. Names and numbers are made up.
const propertiesPage = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Văn bản pháp luật | Cơ sở dữ liệu</title></head>
<body><nav><a href="/">Trang chủ</a> <a href="/tw">Văn bản trung ương</a> <a href="/dp">Văn bản địa phương</a></nav>
<main><article><h1>Thông tư số 21/2025/TT-BXD Quy định về bảo trì công trình thủy lợi nhỏ</h1>
<p>Còn hiệu lực</p>
<div><table><tbody>
<tr><td><span>Số hiệu</span><span><span>21/2025/TT-BXD</span></span></td><td><span>Loại văn bản</span><span>Thông tư</span></td></tr>
<tr><td><span>Ngành</span><span>--</span></td><td><span>Ngày ban hành</span><span>14/11/2025</span></td></tr>
<tr><td><span>Cơ quan ban hành</span><span>Bộ Xây dựng</span></td><td><span>Chức danh</span><span>Thứ trưởng</span></td></tr>
<tr><td><span>Người ký</span><span>Hoàng Văn Lực</span></td><td></td></tr>
</tbody></table></div></article></main>
<footer>Đơn vị chủ quản: Bộ Tư pháp. Điện thoại: 024.0000.0000</footer></body></html>`

func TestPortalPropertiesKept(t *testing.T) {
	res, err := Extract(context.Background(), "thuoc-tinh.html", []byte(propertiesPage), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Số hiệu: 21/2025/TT-BXD", "Loại văn bản: Thông tư", "Ngày ban hành: 14/11/2025",
		"Cơ quan ban hành: Bộ Xây dựng", "Người ký: Hoàng Văn Lực"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q not in the text:\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "Số hiệu21") || strings.Count(res.Text, "Số hiệu") != 1 {
		t.Errorf("the table's cells kept glued, or twice:\n%s", res.Text)
	}
}

func TestFieldLabelOf(t *testing.T) {
	for line, want := range map[string]string{
		"Số hiệu34/2024/TT-BTNMT": "Số hiệu", "Số hiệu": "Số hiệu", "Số hiệu: 5/KH-UBND": "Số hiệu",
		"Người kýNguyễn Thị Hoa": "Người ký", "Ngày ban hành16/12/2024": "Ngày ban hành",
		"Số hiệu lực thi hành": "", "Người kýt": "", "Cơ quan ban hành: Bộ Y tế": "Cơ quan ban hành",
	} {
		if got := fieldLabelOf(line); got != want {
			t.Errorf("fieldLabelOf(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestFramesetPageHasNoText(t *testing.T) {
	// a workbook saved as a web page: the frameset's page holds only the
	// message for browsers without frames, which is no text of the paper
	page := `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"><meta name="ProgId" content="Excel.Sheet"></head>
<frameset rows="*,39"><frame src="x_files/sheet001.htm" name="frSheet"><noframes><body><p>This page uses frames, but your browser doesn't support them.</p></body></noframes></frameset></html>`
	res, _ := Extract(context.Background(), "danh-sach.htm", []byte(page), Options{})
	if strings.Contains(res.Text, "frames") || strings.Contains(res.Title, "frames") {
		t.Errorf("text %q title %q, want neither to hold the frameset's message", res.Text, res.Title)
	}
}
