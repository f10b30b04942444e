package vntext

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode"

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

// TestSplitToneMarks: wherever splitToneMarks answers without normalising,
// its answer is splitToneNorm's, for words of Vietnamese letters (upper
// and lower case, with and without their tones), a..z, the five tone
// marks, other combining marks and other letters, in random orders; and it
// answers the words Windows-1258 writes.
func TestSplitToneMarks(t *testing.T) {
	var alphabet []rune
	for r := range toneTable() {
		alphabet = append(alphabet, r, unicode.ToUpper(r))
	}
	slices.Sort(alphabet) // the map's order is random; the test is not
	alphabet = append(alphabet, []rune("abcdefghijklmnopqrstuvwxyzAZ\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\u0308ðÐßøİıǅ0-")...)
	rng := rand.New(rand.NewPCG(1, 2))
	sure := 0
	check := func(word string) {
		base, tone, ok, s := splitToneMarks(nil, word)
		if !s {
			return
		}
		sure++
		wb, wt, wok := splitToneNorm(nil, word)
		if ok != wok || tone != wt || string(base) != string(wb) {
			t.Errorf("%q (%+q): %q %q %v, normalised %q %q %v", word, word, base, tone, ok, wb, wt, wok)
		}
	}
	for _, r := range alphabet {
		for _, m := range "\u0300\u0301\u0303\u0309\u0323" {
			check(string(r) + string(m))
			check("ngh" + string(r) + string(m) + "nh")
		}
	}
	for range 20000 {
		w := make([]rune, 1+rng.IntN(6))
		for i := range w {
			w[i] = alphabet[rng.IntN(len(alphabet))]
		}
		check(string(w))
	}
	for _, w := range []string{"Quy\u00ea\u0300n", "nghi\u0303a", "Vi\u00ea\u0323t", "đươ\u0300ng", "xa\u0303"} {
		before := sure
		check(w)
		if sure == before {
			t.Errorf("%q normalised: splitToneMarks should answer it", w)
		}
	}
	if sure < 2000 {
		t.Errorf("splitToneMarks answered only %d words", sure)
	}
}
