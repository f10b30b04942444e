package extract

import (
	"context"
	"strings"
	"testing"
)

func TestLegacyWordsLeftInText(t *testing.T) {
	tests := []struct{ in, want string }{
		// a PDF made from a .VnTime file, half mapped: Unicode words, TCVN3
		// words, and the reader's minus sign and bullet for ư and ã
		{"Quyết định cña Thñ t−íng ChÝnh phñ sè 15/2004/Q§-TTg ngµy 25 th¸ng 6 n¨m 2004",
			"Quyết định của Thủ tướng Chính phủ số 15/2004/QĐ-TTg ngày 25 tháng 6 năm 2004"},
		{"céng hoµ x∙ héi chñ nghÜa viÖt nam", "cộng hoà xã hội chủ nghĩa việt nam"},
		// a number line in a Unicode font over .VnTime text: one code with
		// § is enough, and the word beside it goes too
		{"Sè: 28 /2003/N§-CP", "Số: 28 /2003/NĐ-CP"},
		{"- Lu VP (02), Vô C§KT.", "- Lu VP (02), Vụ CĐKT."},
		// the number's label alone: TCVN3's "Số" before a number
		{"Sè : 01/2006/TT-NHNN", "Số : 01/2006/TT-NHNN"},
	}
	for _, tt := range tests {
		if got, _ := fixLegacyWords(tt.in); got != tt.want {
			t.Errorf("fixLegacyWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, keep := range []string{
		"Theo § 3 của hợp đồng, hạt bụi 5 µm ở Hà Nội",
		"- Các Bộ, cơ quan ngang Bộ, cơ quan (ĐÃ KÝ)",
		"Nhiệt độ 25°C, ông Peña và bà Müller đến Hà Nội",
		"Ça coûte 5 € à Noël, dit François",
		"Số: 28/2003/NĐ-CP ngày 31 tháng 3 năm 2003",
		"Sè sè tiếng ve",
		"Điều 3. ðồng chí Ð. Ð", // eths, for ethToD
	} {
		if got, changed := fixLegacyWords(keep); changed || got != keep {
			t.Errorf("fixLegacyWords(%q) = %q, want it kept", keep, got)
		}
	}
}

func TestLegacyRunInUnicodeFont(t *testing.T) {
	// a Word file's header in .VnTime whose number run is set in a
	// Unicode font: the run keeps TCVN3's bytes
	rtf := `{\rtf1\ansi{\fonttbl{\f0 Times New Roman;}{\f1 .VnTime;}}` +
		`{\f1 B\'e9 t\'b5i ch\'ddnh\par}{\f0 S\'e8: 15/2002/Q\'a7-BTC\par}{\f1 Quy\'d5t \'ae\'denh\par}}`
	res, err := Extract(context.Background(), "qd.rtf", []byte(rtf), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Số: 15/2002/QĐ-BTC") || !strings.Contains(res.Text, "Quyết định") {
		t.Errorf("text %q: the number run is still TCVN3", res.Text)
	}
}
