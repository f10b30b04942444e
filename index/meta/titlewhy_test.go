package meta

import (
	"strings"
	"testing"
)

// TestTitleReasons: each rule that reads a title says which it is, and a
// title read unsure (to review) says why in the words of its rule: the
// review list showed "Trích yếu: chưa chắc, độ tin cậy 60%" where the
// reason said only where the title was read (usertest s13).
func TestTitleReasons(t *testing.T) {
	const header = "ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"XÃ KIẾN AN                      Độc lập - Tự do - Hạnh phúc\n" +
		"Số: 45/KH-UBND                  Kiến An, ngày 3 tháng 2 năm 2021\n\n"
	// The header's two columns are lines of their own: the type line is
	// the 8th (the reasons count the lines so).
	long := strings.Repeat("về việc tổ chức các hoạt động tuyên truyền ", 9)
	cases := []struct {
		name, text string
		hint       Hint
		// why is the reason's start; unsure says the title is to review.
		why    string
		unsure bool
	}{
		{"type line and subject", header + "KẾ HOẠCH\nTriển khai xây dựng nông thôn mới năm 2021\n\nI. MỤC ĐÍCH\nThực hiện các tiêu chí.\n",
			Hint{}, "tên loại và trích yếu, dòng «KẾ HOẠCH»", false},
		{"type line alone", header + "KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích: bảo đảm các tiêu chí được thực hiện đúng thời hạn.\n",
			Hint{}, noSubjectWhy + ", dòng «KẾ HOẠCH»", true},
		{"subject too long", header + "KẾ HOẠCH\n" + long + "\n" + long + "\n\nI. MỤC ĐÍCH\nThực hiện các tiêu chí.\n",
			Hint{}, longSubjectWhy + ", dòng «KẾ HOẠCH»", true},
		{"V/v", strings.Replace(header, "45/KH-UBND", "45/UBND-VP", 1) + "V/v tổ chức Ngày hội Đại đoàn kết toàn dân tộc\n\nKính gửi: Các ấp.\n\nỦy ban nhân dân xã đề nghị các ấp tổ chức ngày hội.\n",
			Hint{}, "trích yếu V/v", false},
		{"a web page's title", strings.Replace(header, "45/KH-UBND", "45/UBND-VP", 1) + "Kính gửi: Các ấp.\n\nỦy ban nhân dân xã đề nghị các ấp tổ chức ngày hội đại đoàn kết năm nay.\n",
			Hint{Title: "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2021", FileName: "ngay-hoi.html"},
			"không thấy trích yếu trong văn bản, lấy tiêu đề của trang web", true},
		{"a scan", header + "KẾ HOẠCH\nTriển khai xây dựng nông thôn mới năm 2021\n\nI. MỤC ĐÍCH\nThực hiện các tiêu chí.\n",
			Hint{OCR: true}, "tên loại và trích yếu, dòng «KẾ HOẠCH» (chữ nhận dạng từ ảnh quét)", true},
		{"an article's headline", "Xã Kiến An ra quân làm đường giao thông nông thôn\n(TGAG)- Sáng ngày 14/4/2014, Ủy ban nhân dân xã Kiến An tổ chức lễ ra quân làm đường giao thông nông thôn tại các ấp.\n",
			Hint{}, headlineWhy, false},
		{"a web page's short title", "Xã Kiến An ra quân làm đường giao thông nông thôn\nSáng ngày 14/4/2014, Ủy ban nhân dân xã Kiến An tổ chức lễ ra quân làm đường giao thông nông thôn tại các ấp.\n",
			Hint{Title: "Tin tức", FileName: "tin.htm"}, "tiêu đề của trang web" + shortPageTitleWhy, true},
		{"an article's top line", "Xã Kiến An ra quân làm đường giao thông nông thôn\nSáng ngày 14/4/2014, Ủy ban nhân dân xã Kiến An tổ chức lễ ra quân làm đường giao thông nông thôn tại các ấp.\n",
			Hint{}, topLineWhy, true},
	}
	for _, c := range cases {
		r := Read(c.text, c.hint)
		if r.Title.Text == "" {
			t.Errorf("%s: no title", c.name)
			continue
		}
		if got := r.Why["title"]; !strings.HasPrefix(got, c.why) {
			t.Errorf("%s: title %q why %q, want %q", c.name, r.Title.Text, got, c.why)
		}
		if unsure := r.Title.Confidence < 0.7; unsure != c.unsure {
			t.Errorf("%s: title %q at %.2f, to review %v, want %v", c.name, r.Title.Text, r.Title.Confidence, unsure, c.unsure)
		}
	}
}
