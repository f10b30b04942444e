package extract

import (
	"context"
	"strings"
	"testing"

	"khovanban/index/meta"
)

// A kế hoạch written in Markdown, as an office's AI assistant or a wiki
// writes one: the header as a pipe table with <br> inside cells.
const markdownPlan = `| **UBND XÃ AN BÌNH**<br>**BAN CHỈ ĐẠO** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập \- Tự do \- Hạnh phúc** |
|:---:|:---:|
| Số: 12/KH\-BCĐ | *An Bình, ngày 14 tháng 4 năm 2025* |

# KẾ HOẠCH

## Triển khai phong trào "Dân vận khéo" năm 2025

Căn cứ [Kết luận số 01-KL/TW](https://example.invalid/kl01) của Bộ Chính trị;\
thực hiện chỉ đạo của **Đảng ủy xã**, Ban Chỉ đạo ban hành kế hoạch như sau:

* Tuyên truyền sâu rộng trong _cán bộ, đảng viên_;
+ Biểu dương ` + "`điển hình`" + ` tiêu biểu, chi phí 5 \* 2 triệu đồng.

+------------------+-----------------------+
| Nội dung         | Thời gian             |
+==================+=======================+
| Sơ kết           | Quý II/2025           |
+------------------+-----------------------+
| Tổng kết         | Tháng 12/2025         |
+------------------+-----------------------+

> Nơi nhận:
> - Đảng ủy xã;
> - Lưu: VT.
`

func TestMarkdown(t *testing.T) {
	res, err := Extract(context.Background(), "kehoach.md", []byte(markdownPlan), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text
	for _, want := range []string{
		"UBND XÃ AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBAN CHỈ ĐẠO\tĐộc lập - Tự do - Hạnh phúc\nSố: 12/KH-BCĐ\tAn Bình, ngày 14 tháng 4 năm 2025",
		"\nKẾ HOẠCH\n",
		"\nTriển khai phong trào \"Dân vận khéo\" năm 2025\n",
		"Căn cứ Kết luận số 01-KL/TW của Bộ Chính trị;\nthực hiện chỉ đạo của Đảng ủy xã, Ban Chỉ đạo",
		"- Tuyên truyền sâu rộng trong cán bộ, đảng viên;\n- Biểu dương điển hình tiêu biểu, chi phí 5 * 2 triệu đồng.",
		"Nội dung\tThời gian\nSơ kết\tQuý II/2025\nTổng kết\tTháng 12/2025",
		"Nơi nhận:\n- Đảng ủy xã;\n- Lưu: VT.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	for _, mark := range []string{"**", "#", "\\", "|", "](", "+--", "`", "> "} {
		if strings.Contains(text, mark) {
			t.Errorf("mark %q left in\n%s", mark, text)
		}
	}
	m := meta.Read(text, meta.Hint{})
	if m.Number.Text != "12/KH-BCĐ" || m.Type.Text != "Kế hoạch" || m.Date.Text != "2025-04-14" ||
		!strings.Contains(m.Issuer.Text, "Ban Chỉ đạo") {
		t.Errorf("meta read number %q type %q date %q issuer %q", m.Number.Text, m.Type.Text, m.Date.Text, m.Issuer.Text)
	}
}

func TestMarkdownInline(t *testing.T) {
	for in, want := range map[string]string{
		"**đậm** và *nghiêng* và ***cả hai***":      "đậm và nghiêng và cả hai",
		"tên_biến_giữ_nguyên":                       "tên_biến_giữ_nguyên",
		`\*không nghiêng\*`:                         "*không nghiêng*",
		"~~bỏ~~ [liên kết](http://x) ![ảnh](a.png)": "bỏ liên kết ảnh",
		"dòng có ngắt cứng  ":                       "dòng có ngắt cứng",
	} {
		if got := inlineText(in); got != want {
			t.Errorf("inlineText(%q) = %q, want %q", in, got, want)
		}
	}
}
