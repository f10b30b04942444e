package meta

import (
	"slices"
	"strings"
	"testing"
)

// TestTypes checks that the list of types holds every type the reader
// can give, once each.
func TestTypes(t *testing.T) {
	types := Types()
	for _, name := range []string{"Quy chế", "Bài viết", "Kế hoạch", "Nghị quyết liên tịch", "Thông tư", "Công điện"} {
		if !slices.Contains(types, name) {
			t.Errorf("%q is missing from %v", name, types)
		}
	}
	for _, tn := range typeNames {
		if !slices.Contains(types, tn.name) {
			t.Errorf("type line %q is missing", tn.name)
		}
	}
	for code, name := range typeCodes {
		if !slices.Contains(types, name) {
			t.Errorf("code %s's %q is missing", code, name)
		}
	}
	if typ, ok := typeByCode("TT", false); !ok || !slices.Contains(types, typ) {
		t.Errorf("state TT: %q", typ)
	}
	seen := map[string]bool{}
	for _, name := range types {
		if seen[name] {
			t.Errorf("%q twice", name)
		}
		seen[name] = true
	}
	if i, j := slices.Index(types, "Báo cáo"), slices.Index(types, "Đề án"); i > j || j > slices.Index(types, "Hướng dẫn") {
		t.Errorf("not in alphabetical order: %v", types)
	}
}

// TestTypeLineWithTheWordForAPaper: "BẢN QUY ĐỊNH" names a Quy định
// ("bản" is the word for a paper): the type, its subject and the issuer
// over it are read as for "QUY ĐỊNH". (Before, the line was taken for
// the issuer, and no type or subject was read.)
func TestTypeLineWithTheWordForAPaper(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nXÃ TÂN LẬP\n\n--------------------\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"Tân Lập, ngày 07 tháng 3 năm 2026\n\nBẢN QUY ĐỊNH\n\nQuản lý và sử dụng nhà văn hóa các thôn\n\n" +
		"(Ban hành kèm theo Quyết định số: 52/QĐ-UBND\n\nngày 07/3/2026 của UBND xã Tân Lập)\n\n" +
		"Chương I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nBản Quy định này áp dụng cho các nhà văn hóa thôn.\n"
	r := Read(text, Hint{FileName: "x.doc"})
	if r.Type.Text != "Quy định" || r.Title.Text != "Quy định quản lý và sử dụng nhà văn hóa các thôn" || r.Issuer.Text != "Ủy ban nhân dân xã Tân Lập" {
		t.Errorf("type %q title %q issuer %q", r.Type.Text, r.Title.Text, r.Issuer.Text)
	}
}

// TestTypeLineHoldsTheWholeTitle: a form's type line that names its
// subject too ("BÁO CÁO TỔNG KẾT ..."), with no subject under it but
// "Kính gửi", is the whole title, not the type word alone.
func TestTypeLineHoldsTheWholeTitle(t *testing.T) {
	text := "Mẫu số 03\n\nTên đơn vị: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n....., ngày tháng năm\n\n" +
		"BÁO CÁO TỔNG KẾT CÔNG TÁC PHÒNG CHÁY NĂM 2025\n\nKính gửi: Ủy ban nhân dân xã Tân Lập\n\n1. Số vụ cháy:\n\n2. Thiệt hại:\n"
	r := Read(text, Hint{FileName: "x.doc"})
	if r.Type.Text != "Báo cáo" || r.Title.Text != "Báo cáo TỔNG KẾT CÔNG TÁC PHÒNG CHÁY NĂM 2025" || r.Why["title"] == "" || strings.HasPrefix(r.Why["title"], noSubjectWhy) {
		t.Errorf("type %q title %q (%s)", r.Type.Text, r.Title.Text, r.Why["title"])
	}
}
