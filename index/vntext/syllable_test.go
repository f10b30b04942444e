package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestIsSyllable(t *testing.T) {
	valid := []string{
		"Nghị", "quyết", "về", "thực", "hiện", "phong", "trào", "Đảng", "Ủy", "uỷ",
		"hoà", "hòa", "gìn", "giữ", "người", "khuya", "nguyễn", "Huỳnh", "thuở",
		"ngoằn", "ngoèo", "xoong", "chuyển", "quốc", "yêu", "a", "ạ", "tỷ", "Xuân",
		"khỏe", "khoẻ", "NGHỊ", "Nghi\u0323",
	}
	for _, w := range valid {
		if !IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = false, want true", w)
		}
	}
	invalid := []string{
		"", "café", "très", "garçon", "online", "STT", "2014", "at", "ngàt",
		"quyê", "xyz", "hoá́", "Ngh©", "th¸ng", "chaøo", "ñaûng",
	}
	for _, w := range invalid {
		if IsSyllable(w) {
			t.Errorf("IsSyllable(%q) = true, want false", w)
		}
	}
}

func TestIsSyllableExpectedText(t *testing.T) {
	text := "Những điều cần thực hiện không tham nhũng lãng phí không gây phiền hà sách nhiễu nhân dân " +
		"Tỷ lệ hộ nghèo giảm còn thu nhập bình quân đầu người đạt triệu đồng năm giặt giũ phải ra sông"
	for _, tok := range Tokens(text) {
		if !IsSyllable(tok.Text) {
			t.Errorf("IsSyllable(%q) = false", tok.Text)
		}
	}
}

// FuzzIsSyllable checks that the fast path for precomposed letters and the
// normalising path for decomposed ones agree.
func FuzzIsSyllable(f *testing.F) {
	for _, w := range []string{"Nghị", "quyết", "Đảng", "uỷ", "ngoằn", "café", "STT", "hoá"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		nfc, nfd := norm.NFC.String(w), norm.NFD.String(w)
		if IsSyllable(nfc) != IsSyllable(nfd) {
			t.Errorf("IsSyllable(%q) = %v but NFD gives %v", nfc, IsSyllable(nfc), IsSyllable(nfd))
		}
	})
}
