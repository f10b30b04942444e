package index

import (
	"slices"
	"strings"

	"khovanban/index/vntext"
)

// Every state document opens with the country's name and motto,
// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and "Độc lập - Tự do - Hạnh
// phúc" (Nghị định 30/2020/NĐ-CP, Phụ lục I). Indexed, they made "xã hội",
// "độc lập", "tự do" and "hạnh phúc" match almost every document (224 of
// the 227 of the development set), and a document where such a word
// stands once in the text ranked no higher than one where it stands only
// in the motto. The heading stays in the stored text and the reader; the
// index leaves it out, and neither snippets nor the reader's marks point
// into it. The import finds the runs in its own counting pass
// (termCounter.followMotto); mottoSpans finds them for everything else.

// mottoRuns are the folded syllables of the country's name and motto.
// A file of several letters, or a letter with a form attached, holds
// them again at each heading: every whole run is left out, wherever it
// stands. Their words elsewhere (a "xã hội" of the text, "Việt Nam"
// alone) are indexed.
var mottoRuns = [][]string{
	{"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"},
	{"doc", "lap", "tu", "do", "hanh", "phuc"},
}

// mottoSpans returns the byte spans [start, end) of text where the
// country's name or motto stands whole, in order; nil when neither does.
// Only a syllable that starts with c, d or đ is folded to look for a
// run's start.
func mottoSpans(text string) [][2]int {
	var spans [][2]int
	var run []string // the run being matched, its first k syllables met
	k, start := 0, 0
	vntext.ForEachToken(text, func(t vntext.Token) {
		if run != nil {
			if vntext.Fold(t.Text) == run[k] {
				if k++; k == len(run) {
					spans = append(spans, [2]int{start, t.End})
					run = nil
				}
				return
			}
			run = nil
		}
		switch t.Text[0] {
		case 'c', 'C', 'd', 'D', 0xC4: // Đ and đ are C4 90 and C4 91
		default:
			return
		}
		f := vntext.Fold(t.Text)
		for _, r := range mottoRuns {
			if f == r[0] {
				run, k, start = r, 1, t.Start
				return
			}
		}
	})
	return spans
}

// isMottoWord tells whether the folded syllable f is one of mottoRuns'.
func isMottoWord(f string) bool {
	for _, r := range mottoRuns {
		if slices.Contains(r, f) {
			return true
		}
	}
	return false
}

// startsMottoWord tells whether some syllable of mottoRuns starts with
// the folded prefix p.
func startsMottoWord(p string) bool {
	for _, r := range mottoRuns {
		for _, w := range r {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
	}
	return false
}

// indexedParts cuts text around its mottoSpans: the parts the index
// counts, no pair joining one to the next.
func indexedParts(text string) []string {
	spans := mottoSpans(text)
	if spans == nil {
		return []string{text}
	}
	parts := make([]string, 0, len(spans)+1)
	at := 0
	for _, s := range spans {
		parts = append(parts, text[at:s[0]])
		at = s[1]
	}
	return append(parts, text[at:])
}
