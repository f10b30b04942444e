package index

import (
	"strings"

	"khovanban/index/vntext"
)

// numberKey is the form a số hiệu is indexed and looked up in: folded,
// without spaces and without a leading "Số", so "Số: 45/KH-UBND",
// "45/kh-ubnd" and "45 / KH-UBND" meet, as do "05-NQ/ĐU" and "05-NQ/DU".
func numberKey(s string) string {
	s = strings.TrimSpace(vntext.Fold(vntext.NFC(s)))
	for _, p := range []string{"so:", "so "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s = rest
			break
		}
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case ' ', '\t', '\u00a0':
			continue
		case '–', '—', '‐':
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}
