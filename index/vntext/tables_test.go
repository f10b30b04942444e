package vntext

import (
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestFoldTables derives the fold of every character from its Unicode
// decomposition and checks foldRune gives the same: the constants were
// written from this rule.
func TestFoldTables(t *testing.T) {
	want := map[rune]rune{}
	add := func(r rune) {
		if !unicode.IsLetter(r) {
			return
		}
		d := []rune(norm.NFD.String(string(r)))
		if len(d) < 2 || d[0] >= 0x80 {
			return
		}
		want[r] = unicode.ToLower(d[0])
	}
	for r := rune(0x00C0); r <= 0x024F; r++ {
		add(r)
	}
	for r := rune(0x1E00); r <= 0x1EFF; r++ {
		add(r)
	}
	want['đ'], want['Đ'] = 'd', 'd'
	for _, r := range "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b" {
		want[r] = 0
	}
	for r := rune(0); r <= 0x2FFF; r++ {
		f, ok := foldRune(r)
		w, wok := want[r]
		if ok != wok || f != w {
			t.Errorf("foldRune(%U) = %q, %v; want %q, %v", r, f, ok, w, wok)
		}
	}
}

func BenchmarkFold(b *testing.B) {
	words := []string{"Nghị", "quyết", "ĐẢNG", "thôn", "mới", "xây", "dựng", "ubnd", "Hồ", "Chí", "Minh"}
	for b.Loop() {
		for _, w := range words {
			Fold(w)
		}
	}
}
