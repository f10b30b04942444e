package vntext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	cases := map[string]string{
		"Quyết":                  "quyet",
		"ĐẢNG":                   "dang",
		"đảng viên":              "dang vien",
		"nông thôn mới":          "nong thon moi",
		norm.NFD.String("Tầm"):   "tam",
		"Ưu tiên dùng hàng Việt": "uu tien dung hang viet",
		"abc123":                 "abc123",
		"Français":               "francais",
	}
	for in, want := range cases {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeyToneplacement(t *testing.T) {
	pairs := [][2]string{
		{"hòa", "hoà"}, {"HÒA", "hoà"}, {"ủy", "uỷ"}, {"Ủy", "uỷ"},
		{"thúy", "thuý"}, {"khỏe", "khoẻ"}, {"họa", "hoạ"},
		{norm.NFD.String("hòa"), "hoà"},
	}
	for _, p := range pairs {
		if a, b := Key(p[0]), Key(p[1]); a != b {
			t.Errorf("Key(%q)=%q differs from Key(%q)=%q", p[0], a, p[1], b)
		}
	}
	// Words that only look alike must stay apart.
	for _, p := range [][2]string{{"quý", "quỳ"}, {"hoàng", "hoang"}, {"tâm", "tầm"}} {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("Key(%q) == Key(%q)", p[0], p[1])
		}
	}
	if got := Key("quý"); got != "quý" {
		t.Errorf("Key(quý) = %q", got)
	}
}

func TestTokens(t *testing.T) {
	s := "Số 12-KH/HU, ngày 14/4/2014: “Quyết tâm”"
	var words []string
	for _, tok := range Tokens(s) {
		if s[tok.Start:tok.End] != tok.Text {
			t.Fatalf("offsets of %q wrong", tok.Text)
		}
		words = append(words, tok.Text)
	}
	want := []string{"Số", "12", "KH", "HU", "ngày", "14", "4", "2014", "Quyết", "tâm"}
	if len(words) != len(want) {
		t.Fatalf("Tokens = %q, want %q", words, want)
	}
	for i := range want {
		if words[i] != want[i] {
			t.Fatalf("Tokens = %q, want %q", words, want)
		}
	}
	nfd := norm.NFD.String("quyết tâm")
	if got := len(Tokens(nfd)); got != 2 {
		t.Errorf("NFD text gave %d tokens, want 2", got)
	}
}

func TestHasMarksAndClean(t *testing.T) {
	if HasMarks("quyet tam") || !HasMarks("quyết") || !HasMarks("dđ") {
		t.Error("HasMarks wrong")
	}
	if got := Clean("a\u00a0b\u200bc\r\nd"); got != "a bc\nd" {
		t.Errorf("Clean = %q", got)
	}
}

// plainNFC may only say yes for strings that really are NFC.
func TestPlainNFCAgreesWithNorm(t *testing.T) {
	samples := []string{"", "abc", "Quyết tâm “3 không”", norm.NFD.String("Quyết"), "Ω\u2126", "\u2000", "e\u0301", "Đảng ủy – số 12", "\u1e9b\u0323"}
	for r := rune(0x80); r < 0x2100; r++ {
		samples = append(samples, "a"+string(r)+"b", string(r)+"\u0301")
	}
	for _, s := range samples {
		if plainNFC(s) && !norm.NFC.IsNormalString(s) {
			t.Errorf("plainNFC(%q) is true but the string is not NFC", s)
		}
	}
}

func FuzzNFC(f *testing.F) {
	f.Add("Quyết tâm")
	f.Add(norm.NFD.String("hòa"))
	f.Fuzz(func(t *testing.T, s string) {
		if NFC(s) != norm.NFC.String(s) {
			t.Fatalf("NFC(%q) differs from norm.NFC", s)
		}
	})
}

// cleanNFC may only say yes where plainNFC and isClean both do.
func TestCleanNFCAgreesWithChecks(t *testing.T) {
	samples := []string{"", "abc", "Quyết tâm “3 không” – số 12…", "a\r\nb", "a\u00a0b", "a\u00adb", "\u2028", "\u202f", "\u205f", "\u200b", "\ufeff", "e\u0301", "\xc3", "\xe1\xba", "\xe2\x80", "\xc3A", "\xff"}
	for r := rune(0x80); r < 0x3100; r++ {
		samples = append(samples, "a"+string(r)+"b", string(r), string(r)+"\u0301")
	}
	yes := 0
	for _, s := range samples {
		if cleanNFC(s) {
			yes++
			if !plainNFC(s) || !isClean(s) {
				t.Errorf("cleanNFC(%q) is true; plainNFC %v, isClean %v", s, plainNFC(s), isClean(s))
			}
		}
	}
	if yes < 1000 {
		t.Errorf("cleanNFC said yes to %d samples only", yes)
	}
	for _, s := range []string{"abc", "Quyết tâm “3 không” – số 12…", "ĐẢNG ỦY\tXÃ\n«Điều 1»"} {
		if !cleanNFC(s) {
			t.Errorf("cleanNFC(%q) is false: the common text goes the slow way", s)
		}
	}
}

func FuzzClean(f *testing.F) {
	f.Add("Quyết tâm “3 không”\r\n")
	f.Add("a\u00a0b\u200bc")
	f.Fuzz(func(t *testing.T, s string) {
		if cleanNFC(s) && (!plainNFC(s) || !isClean(s)) {
			t.Fatalf("cleanNFC(%q) is true; plainNFC %v, isClean %v", s, plainNFC(s), isClean(s))
		}
	})
}

// TestWordRuneBlocks holds isWordRune's shortcuts for the blocks of
// Vietnamese text to Unicode's tables, for every rune.
func TestWordRuneBlocks(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := isWordRune(r), wordRuneByTables(r); got != want {
			t.Errorf("isWordRune(%U) = %v, Unicode's tables say %v", r, got, want)
		}
	}
	// The shortcuts answer what the tables would: a change that made
	// them say otherwise (a mark or a sign taken for a letter) fails above.
	for _, r := range "ưƯơƠđĐăĂâÂêÊôÔ" + "ảẢạẠấẤầẦẩẨẫẪậẬắẮằẰẳẲẵẴặẶẻẺẽẼẹẸếẾềỀểỂễỄệỆỉỈịỊỏỎọỌốỐồỒổỔỗỖộỘớỚờỜởỞỡỠợỢủỦụỤứỨừỪửỬữỮựỰỳỲỵỴỷỶỹỸ" + "\u0300\u0301\u0303\u0309\u0323" {
		if !isWordRune(r) {
			t.Errorf("isWordRune(%q) = false", r)
		}
	}
	for _, r := range "×÷–—“”…§" {
		if isWordRune(r) {
			t.Errorf("isWordRune(%q) = true", r)
		}
	}
}

// BenchmarkForEachToken tokenises a paragraph of Vietnamese text.
func BenchmarkForEachToken(b *testing.B) {
	text := "Căn cứ Nghị quyết số 26-NQ/TW ngày 05/8/2008 của Ban Chấp hành Trung ương Đảng về nông nghiệp, nông dân, nông thôn; " +
		"Ủy ban nhân dân xã xây dựng kế hoạch thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024 như sau. "
	text += norm.NFD.String(text)
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		ForEachToken(text, func(Token) { n++ })
	}
}
