package meta

import "testing"

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
