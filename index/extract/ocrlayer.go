package extract

import (
	"unicode"

	"khovanban/index/vntext"
)

// layerQuality measures how Vietnamese a page's text layer reads: of
// its words that have a small letter and are no number (n), how many
// are no Vietnamese syllable (bad: "ngdy", "viQc", "D6ng") and how many
// are syllables without any mark (plain: "ngay", "thang"; Vietnamese
// text writes most of its words with one).
func layerQuality(text string) (n, bad, plain int) {
	vntext.ForEachToken(text, func(t vntext.Token) {
		lower, digit := false, false
		for _, r := range t.Text {
			lower = lower || unicode.IsLower(r)
			digit = digit || r >= '0' && r <= '9'
		}
		if !lower || len(t.Text) < 2 && !digit {
			return // an abbreviation, a number, a letter alone
		}
		n++
		switch {
		case !vntext.IsSyllable(t.Text):
			bad++
		case !hasNonASCII(t.Text):
			plain++
		}
	})
	return n, bad, plain
}

// garbledText says whether a text layer reads as no Vietnamese (see
// garbledScanLayer).
func garbledText(text string) bool {
	words, bad, plain := layerQuality(text)
	return words >= 20 && (4*bad >= words || 5*(bad+plain) >= 3*words)
}

// garbledScanLayer says whether page n's text layer is an OCR program's
// that went wrong, to be read again by OCR: at least 20 words, a quarter
// or more of them no Vietnamese syllable ("Ldm D6ng, ngdy", "viQc"), or
// most of them without the marks Vietnamese writes ("Lam Dong, ngay"),
// over a picture of the whole page (a scan). Text a program wrote, even
// when it reads badly, has no such picture under it; on the development
// set's 414 pages with a text layer the highest share of such words was
// 0.09 against 0.36 for the least garbled scan.
func garbledScanLayer(r *pdfDoc, n int, text string) (ok bool) {
	if !garbledText(text) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	pics, pageW, pageH := pagePictures(r.Page(n))
	return len(pics) > 0 && coversPage(pics[0], pageW, pageH)
}
