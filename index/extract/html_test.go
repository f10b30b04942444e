package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"khovanban/index/internal/cputime"
)

func TestHTMLArticle(t *testing.T) {
	res, err := Extract(context.Background(), "article.html", readTestdata(t, "article.html"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Nghị quyết về thực hiện phong trào “3 không - 3 cần - 3 quyết tâm”"; res.Title != want {
		t.Errorf("title %q, want %q", res.Title, want)
	}
	for _, chrome := range []string{"Trang chủ", "Thống kê truy cập", "Đang truy cập", "Lượt xem", "Tin liên quan",
		"Bản quyền", "Chia sẻ Facebook", "Liên kết website", "_gaq"} {
		if strings.Contains(res.Text, chrome) {
			t.Errorf("chrome %q in text", chrome)
		}
	}
}

func TestHTMLWordExport(t *testing.T) {
	res, err := Extract(context.Background(), "word-export.htm", readTestdata(t, "word-export.htm"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"ĐẢNG BỘ HUYỆN CHỢ MỚI",
		"Nghị quyết về thực hiện phong trào “3 không - 3 cần - 3 quyết tâm”",
		"Chợ Mới với khẩu hiệu “3 không - 3 cần - 3 quyết tâm”. Ban Thường vụ Huyện ủy Chợ Mới ban hành ngày 14/4/2014.",
		"Quyết tâm phát huy dân chủ - kỷ cương - đoàn kết; Đảng viên, cán bộ, công chức, viên chức và người lao động phải gương mẫu, thực hiện nghiêm túc Quy chế làm việc.",
		"STT", "Nội dung", "1", "Quán triệt nghị quyết đến toàn thể đảng viên",
	}
	if found, missing := matchPieces(res.Text, want); found != len(want) {
		t.Errorf("found %d/%d, missing %q in\n%s", found, len(want), missing, res.Text)
	}
	if res.Encoding != "windows-1258" || res.Title != "Nghị quyết về thực hiện phong trào" {
		t.Errorf("encoding %q, title %q", res.Encoding, res.Title)
	}
	for _, junk := range []string{"mso-", "VP Huyen uy", "Section1"} {
		if strings.Contains(res.Text, junk) {
			t.Errorf("%q in text", junk)
		}
	}
}

func TestHTMLCharsets(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"no charset, utf-8", "<p>Chợ Mới</p>", "Chợ Mới"},
		{"http-equiv 1258", "<meta http-equiv=Content-Type content='text/html; charset=windows-1258'><p>Ch\xf5\xf2 M\xf5\xeci</p>", "Chợ Mới"},
		{"wrong utf-8 claim", "<meta charset=utf-8><p>Ch\xf5\xf2 M\xf5\xeci l\xe0 huy\xea\xf2n</p>", "Chợ Mới là huyện"},
		{"latin-1", "<meta charset=iso-8859-1><p>caf\xe9</p>", "café"},
		// Declarations a page's bytes belie (session 13 safety review):
		// before, the text read was CJK, one U+FFFD or private-use letters.
		{"utf-16 declared, utf-8", "<meta charset=utf-16><p>Chợ Mới là huyện</p>", "Chợ Mới là huyện"},
		{"ucs-2 declared, utf-8", "<meta charset=\"ucs-2\"><p>Chợ Mới là huyện</p>", "Chợ Mới là huyện"},
		{"utf-16be declared, 1258", "<meta charset=utf-16be><p>Ch\xf5\xf2 M\xf5\xeci l\xe0 huy\xea\xf2n</p>", "Chợ Mới là huyện"},
		{"iso-2022-kr declared, utf-8", "<meta charset=iso-2022-kr><p>Chợ Mới là huyện</p>", "Chợ Mới là huyện"},
		{"replacement declared, 1258", "<meta charset=replacement><p>Ch\xf5\xf2 M\xf5\xeci l\xe0 huy\xea\xf2n</p>", "Chợ Mới là huyện"},
		{"x-user-defined declared, 1258", "<meta charset=x-user-defined><p>Ch\xf5\xf2 M\xf5\xeci l\xe0 huy\xea\xf2n</p>", "Chợ Mới là huyện"},
		{"shift_jis declared, utf-8", "<meta charset=shift_jis><p>Chợ Mới là huyện</p>", "Chợ Mới là huyện"},
		{"windows-1258 declared, utf-8", "<meta charset=windows-1258><p>Chợ Mới là huyện</p>", "Chợ Mới là huyện"},
		{"no script", "<script>var x='hidden'</script><style>p{}</style><p>shown</p><iframe src='http://x'>frame</iframe>", "shown"},
	}
	for _, tt := range tests {
		res, err := Extract(context.Background(), "a.html", []byte(tt.page), Options{})
		if err != nil || res.Text != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, res.Text, err, tt.want)
		}
	}
}

// TestHTMLTCVN3Page: old sites drew TCVN3 text in .VnTime fonts and
// declared Western European.
func TestHTMLTCVN3Page(t *testing.T) {
	page := latin1("<meta charset=iso-8859-1><p><font face='.VnTime'>Uû ban nh©n d©n x· T©n Hßa triÓn khai ChØ thÞ sè 03</font></p>")
	res, err := Extract(context.Background(), "old.htm", page, Options{})
	if err != nil || res.Text != "Uỷ ban nhân dân xã Tân Hòa triển khai Chỉ thị số 03" || res.Encoding != encTCVN3 {
		t.Errorf("got %q (%s), %v", res.Text, res.Encoding, err)
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>sâu</p>" + strings.Repeat("</div>", 100000) + "</body></html>"
	var res Result
	var err error
	d := cputime.Process(func() { res, err = Extract(context.Background(), "deep.html", []byte(page), Options{}) })
	if err != nil || res.Text != "sâu" {
		t.Errorf("got %q, %v", res.Text, err)
	}
	if d > 60*time.Second {
		t.Errorf("took %v of CPU", d)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add(readTestdata(f, "article.html"))
	f.Add(readTestdata(f, "word-export.htm"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.html", data, Options{})
	})
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hội nghị sơ kết 6 tháng - Cổng thông tin điện tử huyện Chợ Mới", "Hội nghị sơ kết 6 tháng"},
		{"Báo cáo | UBND xã", "Báo cáo | UBND xã"},
		{"Kế hoạch số 12 năm 2015", "Kế hoạch số 12 năm 2015"},
		{"Phong trào “3 không - 3 cần - 3 quyết tâm”", "Phong trào “3 không - 3 cần - 3 quyết tâm”"},
		{"Học tập và làm theo Bác | baoangiang.com.vn", "Học tập và làm theo Bác"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// word1252 writes s as Word does in a page saved as windows-1252: the
// letters the code page has as bytes, the others as numeric references.
func word1252(s string) string {
	var b strings.Builder
	for _, r := range s {
		if c, ok := charmap.Windows1252.EncodeRune(r); ok {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.String()
}

// TestHTMLWordWindows1252: a Word page declaring windows-1252, its
// Vietnamese letters as bytes and numeric references, in Times New Roman,
// is not a legacy table; words split over spans and source lines stay
// apart; a page in .VnTime declaring windows-1252 is TCVN3.
func TestHTMLWordWindows1252(t *testing.T) {
	page := "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\r\n" +
		"<head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">\r\n" +
		"<meta name=Generator content=\"Microsoft Word 15\">\r\n" +
		"<style>p.MsoNormal {font-family:\"Times New Roman\",serif;}</style></head>\r\n<body lang=EN-US>\r\n" +
		"<div class=WordSection1>\r\n" +
		"<p class=MsoNormal align=center><b><span style='font-size:13.0pt'>" + word1252("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "<o:p></o:p></span></b></p>\r\n" +
		"<p class=MsoNormal><span lang=VI>" + word1252("Báo cáo công tác") + "</span>\r\n<span lang=VI>" + word1252("kiểm") + "</span>\r\n" +
		"<span lang=VI>" + word1252("tra của Ban Chấp hành khóa XVI") + "</span><span\r\nlang=VI>" + word1252(" nhiệm kỳ 2020 - 2025.") + "<o:p></o:p></span></p>\r\n" +
		"<table><tr><td><p class=MsoNormal>" + word1252("Số") + "</p></td><td><p class=MsoNormal>" + word1252("Nội dung") + "</p></td></tr></table>\r\n" +
		"</div></body></html>"
	res, err := Extract(context.Background(), "baocao.htm", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != "windows-1252" {
		t.Errorf("encoding %q", res.Encoding)
	}
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Báo cáo công tác kiểm tra của Ban Chấp hành khóa XVI nhiệm kỳ 2020 - 2025.",
		"Số", "Nội dung",
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("no %q in\n%s", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "Số Nội dung") {
		t.Errorf("table cells run together:\n%s", res.Text)
	}

	vn := "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">" +
		"<style>p {font-family:\"Times New Roman\";} span.v {font-family:\".VnTime\";}</style>" +
		"<p><span class=v>Th\xf9c hi\xd6n Ch\xd8 th\xde s\xe8 03-CT/TW</span></p>"
	res, err = Extract(context.Background(), "vntime.htm", []byte(vn), Options{})
	if err != nil || res.Encoding != "tcvn3" || !strings.Contains(res.Text, "Thực hiện Chỉ thị số 03-CT/TW") {
		t.Errorf("err %v, encoding %q, text %q", err, res.Encoding, res.Text)
	}
}

// TestHTMLTitleNotGluedToHeader: a saved page whose <title> is the type
// word its own header carries ("KẾ HOẠCH") keeps its text as it is; the
// title was put in front of it and read as the start of the subject.
func TestHTMLTitleNotGluedToHeader(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>Kế hoạch</title></head><body><article>
<p>ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ AN PHÚ</p>
<p>Số: 05/KH-MTTQ</p>
<p>KẾ HOẠCH</p>
<p>Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2025 ở các khu dân cư trên địa bàn xã.</p>
<p>Thực hiện Hướng dẫn của Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện về việc tổ chức Ngày hội Đại đoàn kết toàn dân tộc, Ban Thường trực xây dựng kế hoạch như sau. Các khu dân cư tổ chức phần lễ và phần hội gọn, thiết thực, tiết kiệm; biểu dương gia đình văn hóa tiêu biểu.</p>
</article></body></html>`
	res, err := Extract(context.Background(), "kh.htm", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(strings.TrimSpace(res.Text), "Kế hoạch") {
		t.Errorf("the page title was glued in front of the header: %.80q", res.Text)
	}
	if !strings.Contains(res.Text, "ỦY BAN MẶT TRẬN") {
		t.Errorf("the header is lost: %.200q", res.Text)
	}
}
