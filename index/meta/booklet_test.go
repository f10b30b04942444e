package meta

import (
	"strings"
	"testing"
)

// A booklet's cover: the body that compiled it (the issuer), its title over several
// lines in capitals, the first a word or two ("SỔ TAY" over "VỀ ..."),
// then who published and wrote it. The title is the lines of the title
// joined, not the publisher's lines run on after it. Fixture written for
// this test.
const bookletCover = `BAN CHỈ ĐẠO PHỔ BIẾN GIÁO DỤC PHÁP LUẬT TỈNH AN GIANG

SỔ TAY

VỀ PHÒNG, CHỐNG THIÊN TAI

DÀNH CHO CÁN BỘ ẤP, KHÓM
VÀ TỔ HÒA GIẢI Ở CƠ SỞ

NHÀ XUẤT BẢN TƯ PHÁP

BIÊN SOẠN
- Ông Nguyễn Văn Hùng, Phó Giám đốc Sở Tư pháp tỉnh An Giang.
- Bà Lê Thị Mai, Trưởng phòng Phổ biến, giáo dục pháp luật.

LỜI NÓI ĐẦU

Thiên tai ngày càng diễn biến phức tạp, gây thiệt hại lớn về người và tài sản của Nhân dân. Để giúp cán bộ ở cơ sở nắm vững các quy định của pháp luật về phòng, chống thiên tai, Ban Chỉ đạo biên soạn cuốn sổ tay này.

Câu 1. Thiên tai là gì?

Thiên tai là hiện tượng tự nhiên bất thường có thể gây thiệt hại về người, tài sản, môi trường, điều kiện sống và các hoạt động kinh tế - xã hội.
`

func TestBookletCoverTitle(t *testing.T) {
	r := Read(bookletCover, Hint{})
	want := "SỔ TAY VỀ PHÒNG, CHỐNG THIÊN TAI DÀNH CHO CÁN BỘ ẤP, KHÓM VÀ TỔ HÒA GIẢI Ở CƠ SỞ"
	if r.Title.Text != want {
		t.Errorf("Title = %q, want %q", r.Title.Text, want)
	}
	if want := "Ban Chỉ đạo phổ biến giáo dục pháp luật tỉnh An Giang"; r.Issuer.Text != want {
		t.Errorf("Issuer = %q, want %q", r.Issuer.Text, want)
	}
}

// TestBookletCoverYear: a booklet's cover says when it was printed, on a
// line of its own under the publisher's ("An Giang, tháng 6 năm 2025",
// "AN GIANG - 2025"): that is the booklet's year; it has no day. The
// dates of the laws it explains, further down, are not its own.
func TestBookletCoverYear(t *testing.T) {
	for _, line := range []string{"An Giang, tháng 6 năm 2025", "AN GIANG - 2025", "An Giang, năm 2025", "NĂM 2025", "Long Xuyên, 6/2025"} {
		text := strings.Replace(bookletCover, "NHÀ XUẤT BẢN TƯ PHÁP\n", "NHÀ XUẤT BẢN TƯ PHÁP\n\n"+line+"\n", 1) +
			"\nCâu 2. Luật Phòng, chống thiên tai được ban hành ngày 19 tháng 6 năm 2013?\n"
		r := Read(text, Hint{})
		if r.Year != 2025 || r.Date.Text != "" || !strings.Contains(r.Why["date"], "bìa") {
			t.Errorf("%q: date %q year %d why %q, want the year 2025 from the cover", line, r.Date.Text, r.Year, r.Why["date"])
		}
	}
	if r := Read(bookletCover, Hint{}); r.Year != 0 {
		t.Errorf("no year on the cover: year %d", r.Year)
	}
}
