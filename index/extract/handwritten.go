package extract

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"khovanban/index/extract/digits"
	"khovanban/index/vntext"
)

// A scanned document's number and day are often written by hand in the
// blanks of the printed form ("Số:  125 /KH-UBND", "ngày 12 tháng 9"),
// where Tesseract reads nothing. The words it does read give the blanks'
// place on the page; the digits written there are cut apart and read one
// by one by a small network trained on MNIST (package digits).

// ocrWord is one word of Tesseract's TSV, with its box in pixels.
type ocrWord struct {
	text           string
	x0, y0, x1, y1 int
	conf           float64
	line           int // block, paragraph and line, as one key
}

// parseTSV reads the words of Tesseract's TSV output, in its order.
func parseTSV(tsv string) []ocrWord {
	var words []ocrWord
	for _, l := range strings.Split(tsv, "\n") {
		f := strings.Split(l, "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		n := make([]int, 10)
		for i := range n {
			n[i], _ = strconv.Atoi(f[i])
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		words = append(words, ocrWord{text: text, x0: n[6], y0: n[7], x1: n[6] + n[8], y1: n[7] + n[9],
			conf: conf, line: n[2]<<20 | n[3]<<10 | n[4]})
	}
	return words
}

// Handwritten is what was read by hand-digit recognition in a scanned
// header's blanks. A field is "" when its blank was not found, was empty,
// or its digits could not be read with confidence.
type Handwritten struct {
	// Number is the digits written before the printed part of the number
	// ("125" of "125/KH-UBND").
	Number string `json:",omitempty"`
	// NumberGuess is the number's digits the reader read unsure of them
	// (see handNumberGuess), where Number is "": a guess, for review.
	NumberGuess string `json:",omitempty"`
	// Day is the day of the month written after "ngày" ("12").
	Day string `json:",omitempty"`
	// OCRNumber and OCRDay are the digits Tesseract itself read in those
	// blanks without being sure of them (below 80): the text holds them,
	// and they are a guess as much as the reader's.
	OCRNumber string `json:",omitempty"`
	OCRDay    string `json:",omitempty"`
	// Month is the month written by hand after "tháng" where Tesseract
	// read none ("1" of "tháng 1").
	Month string `json:",omitempty"`
	// DayGuess and MonthGuess are a day and a month the reader read with
	// every digit more likely than not but unsure (see handGuess), where
	// Day or Month is "": a guess, for review.
	DayGuess   string `json:",omitempty"`
	MonthGuess string `json:",omitempty"`
}

// slot is a blank on the page where digits may be written: x0–x1 across,
// y0–y1 down, on a printed line whose capital letters are about h pixels
// high; ocr is the digits Tesseract read there unsure of them, if any.
type slot struct {
	x0, y0, x1, y1, h int
	ocr               string
	// read is set on a blank where Tesseract read digits sure of them
	// (digits): printed, or written clearly enough, unless the ink there
	// is a coloured pen's (see numberBlank).
	read   bool
	digits string
	// endGuessed is set when the blank's end was measured inside a word
	// Tesseract glued the handwriting into ("4#/QĐ-TTg"), taking its
	// letters as equally wide: the printed slash may lie either side of
	// it by a digit's width.
	endGuessed bool
	// slashX is, in such a word, where the printed slash begins as
	// measured from the codes' printed width (see slashAt), or 0: the
	// blank read ending there is a guess where the reading to the
	// guessed end is unsure.
	slashX int
}

// sameRow reports whether two words stand on one printed line: their
// boxes overlap down the page by half the lower one's height.
func sameRow(a, b ocrWord) bool {
	over := min(a.y1, b.y1) - max(a.y0, b.y0)
	return over*2 >= min(a.y1-a.y0, b.y1-b.y0)
}

// runeX is where rune k of a word begins across the page, taking its
// letters as equally wide.
func runeX(w ocrWord, k int) int {
	n := len([]rune(w.text))
	return w.x0 + (w.x1-w.x0)*k/max(1, n)
}

// codeSlash is the index of the slash or hyphen that starts a number's
// codes in a word ("/KH-UBND", "6Ø/GM-UBND", "/TTr-SNV", and the Party's
// "-CV/BTG", "113-CV/B&PTTH"): a slash followed by a capital and a letter
// (or "&"), or a hyphen followed so with a slash after it.
func codeSlash(text string) int {
	rs := []rune(text)
	for k := 0; k+2 < len(rs); k++ {
		codes := unicode.IsUpper(rs[k+1]) && (unicode.IsLetter(rs[k+2]) || rs[k+2] == '&')
		switch {
		case !codes:
		case rs[k] == '/' || rs[k] == '⁄':
			return k
		case (rs[k] == '-' || rs[k] == '–') && strings.ContainsAny(string(rs[k+2:]), "/⁄"):
			return k
		}
	}
	return -1
}

// slashAt is where the printed slash of a number's codes begins across
// the page when Tesseract glued the handwritten digits to the codes in
// one word c (the codes from its rune k: "4†1#/MTTQ-BTT"). The codes are
// printed in Times New Roman, the font of Nghị định 30/2020, so their
// width is their letters' advances in ems times the em of the line,
// measured on the printed words after them on the line ("Lâm Đồng, ngày
// … tháng … năm"); the handwriting, wider than print, makes equal widths
// wrong by a digit. Without enough printed words, or measured more than
// half a capital's height from runeX's guess (words in another font or
// size), it is runeX's guess (measured false).
func slashAt(words []ocrWord, c ocrWord, k int) (x int, measured bool) {
	codes := []rune(c.text)[k:]
	var px, ems float64
	for _, w := range words {
		if w.x0 <= c.x1 || w.line != c.line && !sameRow(w, c) || w.conf < readDigitsWell || !hasLetter(w.text) {
			continue
		}
		if e := timesEms(strings.TrimRight(w.text, ",.;:")); e > 0 {
			px += float64(w.x1 - w.x0)
			ems += e
		}
	}
	width := timesEms(string(codes))
	guess := runeX(c, k)
	if ems < minEms || width == 0 {
		return guess, false
	}
	// a measure far from the guess is of words in another font or size
	// (a bold motto on the line, a page not in Times): not taken
	x = c.x1 - int(width*px/ems+0.5)
	if capH := c.y1 - c.y0; x < guess-capH/2 || x > guess+capH/2 {
		return guess, false
	}
	return x, true
}

// minEms is the least width of printed words, in ems, from which a line's
// em is measured: about two words.
const minEms = 3

// hasLetter reports whether s holds a letter.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// timesEms is the width of s set in Times New Roman, in ems (its letters'
// advances, a letter with Vietnamese marks as wide as its base), or 0 if
// s holds a character not known.
func timesEms(s string) float64 {
	var e float64
	for _, r := range s {
		w := timesAdvance(r)
		if w == 0 {
			return 0
		}
		e += w
	}
	return e / 1000
}

// timesAdvance is a character's advance in Times New Roman, in
// thousandths of an em (Adobe's Times-Roman metrics), or 0.
func timesAdvance(r rune) float64 {
	switch {
	case r == 'Đ':
		r = 'D'
	case r == 'đ':
		r = 'd'
	case r > unicode.MaxASCII:
		r = baseLetter(r)
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return timesUpper[r-'A']
	case r >= 'a' && r <= 'z':
		return timesLower[r-'a']
	case r >= '0' && r <= '9':
		return 500
	}
	switch r {
	case '/', ':':
		return 278
	case '-', '(', ')':
		return 333
	case '&':
		return 778
	case ',', '.':
		return 250
	}
	return 0
}

var timesUpper = [26]float64{722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611}
var timesLower = [26]float64{444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444}

// baseLetter is a Latin letter without its Vietnamese marks ('ắ' → 'a',
// 'Ơ' → 'O'), or r itself.
func baseLetter(r rune) rune {
	if b := vntext.Fold(string(r)); len(b) == 1 && b[0] >= 'a' && b[0] <= 'z' {
		if unicode.IsUpper(r) {
			return unicode.ToUpper(rune(b[0]))
		}
		return rune(b[0])
	}
	return r
}

// readDigitsWell is the confidence from which Tesseract's own reading of
// digits is taken: a number printed, or written clearly enough.
const readDigitsWell = 80

// blankText gathers what Tesseract read in a blank, word by word: the
// digits, whether it was sure of some of the words holding them, and
// whether anything else was read there (junk: "}492", "6Ø", "Á").
type blankText struct {
	digits       string
	sure, unsure bool
	junk         bool
}

// add takes the part of a word that lies in the blank; conf is the
// word's.
func (b *blankText) add(text string, conf float64) {
	text = strings.Trim(text, ".,:;…_-")
	switch {
	case text == "":
	case strings.Trim(text, "0123456789") == "":
		b.digits += text
		b.sure = b.sure || conf >= readDigitsWell
		b.unsure = b.unsure || conf < readDigitsWell
	default:
		b.junk = true
	}
}

// read reports whether Tesseract read the blank's digits, sure of some
// ("257" of "Số: 257 1/VNPT-LĐG", whose last word is unsure for its
// codes), with no junk: then it is no blank to read by hand.
func (b blankText) read() bool { return b.digits != "" && b.sure && !b.junk }

// guess is the digits Tesseract read in a blank unsure of them all (and
// nothing else): the text's number or day holds them, and the hand
// reader's may replace them.
func (b blankText) guess() string {
	if b.junk || b.sure {
		return ""
	}
	return b.digits
}

// numberSlot finds the blank between the header's "Số:" and the printed
// codes of the number ("/KH-UBND") in the top of the page. Tesseract
// reads the digits written there as nothing, as junk ("Só:}492",
// "/Z⁄46", "5 6Ø/GM-UBND") or as digits it is unsure of: the digits are
// read from the pixels. A blank where Tesseract read digits alone, sure
// of them, is not one.
func numberSlot(words []ocrWord, pageH int) (slot, bool) {
	s, ok := numberBlank(words, pageH)
	return s, ok && !s.read
}

// numberBlank is numberSlot's blank, also where Tesseract read digits
// there sure of them (s.read, s.digits).
func numberBlank(words []ocrWord, pageH int) (slot, bool) {
	for i, w := range words {
		if w.y1 > pageH*2/5 || !strings.HasPrefix(w.text, "S") {
			continue
		}
		f := vntext.Fold(w.text)
		if !strings.HasPrefix(f, "so") || len(f) > 2 && unicode.IsLetter(rune(f[2])) {
			continue
		}
		var seen blankText
		for _, c := range words[i:min(len(words), i+4)] {
			if !sameRow(w, c) || c.x0 < w.x0 {
				break
			}
			k := codeSlash(c.text)
			if c == w && k < 3 {
				seen.add(string([]rune(c.text)[min(len([]rune(c.text)), 2):]), c.conf)
				continue
			}
			before := c.text
			if k >= 0 {
				before = string([]rune(c.text)[:k])
			}
			conf := c.conf
			switch {
			case c == w:
				before = string([]rune(before)[2:])
			case k < 0 && (c.y1-c.y0)*10 > (w.y1-w.y0)*9:
				// digits as tall as "Số" with its accent are no print
				// (printed digits are three quarters of it): Tesseract's
				// reading of a hand's digits is a guess ("44" for 11)
				conf = 0
			}
			seen.add(before, conf)
			if k < 0 {
				continue
			}
			capH := c.y1 - c.y0
			start := min(w.x1, w.x0+capH*3/2) // the printed "Số:"
			if c == w {                       // "Só:}492/TB-UBND": the box holds all
				capH = min(capH, refHeight(words[i:], w))
				start = w.x0 + capH*3/2
			}
			end, slashX := runeX(c, k), 0
			if x, ok := slashAt(words, c, k); k > 0 && ok && x-start >= capH {
				slashX = x
			}
			if end-start < capH {
				return slot{}, false
			}
			return slot{x0: start, x1: end, y0: c.y1 - capH*2, y1: c.y1 + capH*2/3, h: capH, ocr: seen.guess(),
				read: seen.read(), digits: seen.digits, endGuessed: k > 0, slashX: slashX}, true
		}
	}
	return slot{}, false
}

// daySlot finds the blank between "ngày" and "tháng" in the top half of
// the page. Tesseract may read the digits written there as junk, glued
// to either word ("ngàyO6", "6tháng"), or as digits it is unsure of,
// which this ignores.
func daySlot(words []ocrWord, pageH int) (slot, bool) {
	for i, w := range words {
		if w.y1 > pageH/2 {
			continue
		}
		f := vntext.Fold(w.text)
		if !strings.HasPrefix(f, "ngay") {
			continue
		}
		var seen blankText
		for _, c := range words[i:min(len(words), i+4)] {
			if !sameRow(w, c) {
				break
			}
			cf := vntext.Fold(c.text)
			k := strings.Index(cf, "thang")
			// digits glued to the printed words ("ngày99", "ngày-14",
			// "6tháng") are the pen's run over them, whatever Tesseract's
			// confidence in the whole word: a guess
			switch {
			case c == w && k < 0:
				seen.add(string([]rune(c.text)[min(4, len([]rune(c.text))):]), 0) // "ngàyO6"
			case c == w:
				seen.add(cf[len("ngay"):k], 0)
			case k < 0:
				seen.add(c.text, c.conf)
			default:
				seen.add(cf[:k], 0) // "6tháng"
			}
			if k < 0 || (c == w && k < 4) {
				continue
			}
			if seen.read() {
				return slot{}, false // Tesseract read the day
			}
			capH := refHeight(words[i:], w)
			start := w.x0 + printedNgay(words[i:], w, capH)
			end := runeX(c, len([]rune(cf[:k])))
			if t := printedThang(words[i:], w); strings.HasSuffix(cf, "thang") && t > 0 && c.x1-c.x0 > t+capH/3 {
				// the box of "tháng" took in the last digit written
				// against it, read as nothing or as junk ("{tháng")
				end = max(end, c.x1-t)
			}
			if end-start < capH/2 {
				return slot{}, false
			}
			return slot{x0: start, x1: end, y0: w.y1 - capH*2, y1: w.y1 + capH/2, h: capH, ocr: seen.guess()}, true
		}
	}
	return slot{}, false
}

// monthSlot finds the blank between "tháng" and "năm" of the header's
// date line (a "năm" and a year after it), where a clerk wrote the month
// by hand too: Tesseract reads it as junk ("thángØ†", "đ") or as digits
// it is unsure of. A month it read as digits, sure of them, is no blank.
func monthSlot(words []ocrWord, pageH int) (slot, bool) {
	for i, w := range words {
		if w.y1 > pageH/2 {
			continue
		}
		wf := vntext.Fold(w.text)
		k := strings.Index(wf, "thang")
		if k < 0 {
			continue
		}
		var seen blankText
		seen.add(string([]rune(w.text)[min(k+5, len([]rune(w.text))):]), 0) // "thángØ†": glued, a guess
		for j, c := range words[i+1 : min(len(words), i+4)] {
			if !sameRow(w, c) {
				break
			}
			cf := vntext.Fold(c.text)
			n := strings.Index(cf, "nam")
			if n < 0 {
				seen.add(c.text, c.conf)
				continue
			}
			seen.add(cf[:n], 0) // "01năm"
			if !yearAfter(words[i+1+j:], c) || seen.read() {
				return slot{}, false
			}
			capH := refHeight(words[i:], w)
			start := runeX(w, k+5)
			if t := printedThang(words[i:], w); t > 0 && w.x1-w.x0 > t+capH/3 && k == 0 {
				start = w.x0 + t // the box took in the digits written against it
			}
			end := runeX(c, len([]rune(cf[:n])))
			if end-start < capH/2 {
				return slot{}, false
			}
			return slot{x0: start, x1: end, y0: w.y1 - capH*2, y1: w.y1 + capH/2, h: capH, ocr: seen.guess()}, true
		}
		return slot{}, false
	}
	return slot{}, false
}

// yearAfter reports whether the word after "năm" (c, the first of words)
// on its line is a year, or "năm" holds one ("năm2025").
func yearAfter(words []ocrWord, c ocrWord) bool {
	f := strings.TrimLeft(vntext.Fold(c.text), "abcdefghijklmnopqrstuvwxyz")
	if len(f) >= 4 && strings.Trim(f[:4], "0123456789") == "" {
		return true
	}
	return len(words) > 1 && sameRow(c, words[1]) && len(words[1].text) >= 4 &&
		strings.Trim(words[1].text[:4], "0123456789") == ""
}

// printedNgay is how wide the printed word "ngày" of w is: Tesseract's
// box for it often takes in the digits written over its end. It is
// measured on a word printed beside it in the same type, "tháng" or
// "năm", when Tesseract read one well, else on the capitals' height.
func printedNgay(words []ocrWord, w ocrWord, capH int) int {
	for _, c := range words[1:min(len(words), 10)] {
		if c.conf < readDigitsWell || !sameRow(w, c) {
			continue
		}
		switch vntext.Fold(c.text) {
		case "thang":
			return min(w.x1-w.x0, (c.x1-c.x0)*4/5)
		case "nam":
			return min(w.x1-w.x0, (c.x1-c.x0)*6/5)
		}
	}
	return min(w.x1-w.x0, capH*18/5)
}

// printedThang is how wide the printed word "tháng" of w's line is,
// measured on "năm" read well beside it (in the same type "tháng" is 1.36
// times as wide), or 0.
func printedThang(words []ocrWord, w ocrWord) int {
	for _, c := range words[1:min(len(words), 10)] {
		if c.conf >= readDigitsWell && sameRow(w, c) && vntext.Fold(c.text) == "nam" {
			return (c.x1 - c.x0) * 34 / 25
		}
	}
	return 0
}

// refHeight is the height of a printed year ("2025") on w's line, the
// best measure of its capitals; else three quarters of w's height.
func refHeight(words []ocrWord, w ocrWord) int {
	for _, c := range words[:min(len(words), 12)] {
		if len(c.text) == 4 && strings.Trim(c.text, "0123456789") == "" && c.conf >= readDigitsWell && sameRow(w, c) {
			return c.y1 - c.y0
		}
	}
	return (w.y1 - w.y0) * 3 / 4
}

// inkBox is a piece of ink in a blank: its box and its pixels' offsets.
type inkBox struct {
	x0, y0, x1, y1 int // inclusive
	px             []int
}

// readSlot reads the digits written in a blank, left to right, and the
// least confidence of them. The ink is cut into pieces: pieces too small
// or too flat for a digit (dust, dotted or ruled leaders, a speck of the
// printed letters beside) are dropped and pieces above one another joined
// (the bar of a 5). The pieces are then read as the digits they most
// likely are, all the ways being weighed together: a piece as one digit,
// or cut into two or three where digits were written touching, or two
// neighbouring pieces as one digit (a 1's lead-in stroke written apart,
// a 5's bar); the network's NotDigit output makes a wrong cut or join
// unlikely.
func readSlot(m *digits.Net, img grayImage, s slot) (string, float32) {
	r := readBlank(m, img, s)
	return r.text, r.least
}

// readBlank is readSlot's reading, with the logarithms of its digits'
// probabilities.
func readBlank(m *digits.Net, img grayImage, s slot) reading {
	if s.slashX > 0 {
		guessed := s
		guessed.slashX = 0
		r := readBlank(m, img, guessed)
		if r.least >= handSure {
			return r
		}
		// unsure to the guessed end (a digit cut, the slash taken in):
		// the blank to the slash measured from the codes' printed width,
		// as a guess at most
		measured := guessed
		measured.x1, measured.endGuessed = s.slashX, false
		if r2 := readBlank(m, img, measured); r2.text != "" {
			r2.least = min(r2.least, endTouched)
			return r2
		}
		return r
	}
	pieces, w := slotPieces(img, s)
	if len(pieces) == 0 {
		return reading{}
	}
	// best[i] is the likeliest reading of the first i pieces.
	best := make([]reading, len(pieces)+1)
	best[0] = reading{least: 1}
	for i := 1; i <= len(pieces); i++ {
		best[i] = best[i-1].then(readWide(m, pieces[i-1], w))
		if i >= 2 {
			// two pieces as one digit, when that reads surer than each
			if q := joinBoxes(pieces[i-2], pieces[i-1]); q.x1-q.x0 <= (q.y1-q.y0)*11/10 {
				one := readGlyphs(m, []digits.Glyph{cutGlyph(q, w, 0, q.x1-q.x0+1)})
				if two := readWide(m, pieces[i-2], w).then(readWide(m, pieces[i-1], w)); one.least > two.least {
					best[i] = best[i-2].then(one)
				}
			}
		}
	}
	r := best[len(pieces)]
	if s.endGuessed && inkAcross(img, s, s.x1) {
		// a stroke across a guessed end of the blank: a digit cut there,
		// or the printed slash taken in. The blank ends at the first
		// column free of ink a little further, else its reading is unsure.
		for x := s.x1 + 1; x < min(img.w, s.x1+s.h/2); x++ {
			if !inkAcross(img, s, x) {
				s.x1, s.endGuessed = x, false
				return readBlank(m, img, s)
			}
		}
		r.least = min(r.least, endUnsure)
	}
	return r
}

// inkAcross reports whether ink crosses column x of a number's blank on
// the printed line's rows (from the codes' capitals to a little under
// their baseline), where a coloured pen's ink is not read apart from the
// print (see slotInk).
func inkAcross(img grayImage, s slot, x int) bool {
	if _, pen := penInk(img, s); pen || x < 1 || x >= img.w {
		return false
	}
	cut := inkCut(img, s)
	base := s.y1 - s.h*2/3 // the codes' word's bottom
	for y := max(0, base-s.h); y < min(img.h, base+s.h/3); y++ {
		if img.pix[y*img.w+x-1] < cut && img.pix[y*img.w+x] < cut {
			return true
		}
	}
	return false
}

// endTouched is the most a reading to a blank's measured end (see
// slot.slashX) is sure of: a guess, never sure.
const endTouched = 0.8

// endUnsure is the most a reading is sure of when its ink runs into a
// blank's guessed end.
const endUnsure = 0.5

// reading is digits read, the sum of the logarithms of their
// probabilities and the least of these.
type reading struct {
	text  string
	logP  float64
	least float32
}

// then is r followed by next.
func (r reading) then(next reading) reading {
	return reading{r.text + next.text, r.logP + next.logP, min(r.least, next.least)}
}

// readGlyphs reads glyphs as one digit each. A digit's probability is the
// mean of the network's for the glyph as cut and a pen-width thicker.
func readGlyphs(m *digits.Net, glyphs []digits.Glyph) reading {
	r := reading{least: 1}
	for _, g := range glyphs {
		in := digits.Normalize(g)
		p := m.Classify(&in)
		// and once more a pen-width thicker: a digit read alike both
		// ways is read for sure; one whose reading hangs on a stroke's
		// thickness (a 3 or a 9 left open, a 0 and 6 run together) is not
		in = digits.Normalize(thicken(g))
		p2 := m.Classify(&in)
		for k := range p {
			p[k] = (p[k] + p2[k]) / 2
		}
		best := 0
		for k := range p[:10] { // NotDigit lowers the digits' probabilities
			if p[k] > p[best] {
				best = k
			}
		}
		r.text += string(rune('0' + best))
		r.logP += math.Log(max(1e-6, float64(p[best])))
		r.least = min(r.least, p[best])
	}
	return r
}

// readWide reads a piece as one digit, or as two to four written
// touching, cut where n digits of equal width would meet (at the column
// with least ink near there); a cut reading is taken only when it is much
// surer than the whole.
func readWide(m *digits.Net, p inkBox, w int) reading {
	bw, bh := p.x1-p.x0+1, p.y1-p.y0+1
	var best, one reading
	score := float32(-1)
	for n := 1; n <= 4 && bw*10 >= bh*7*(n-1); n++ {
		r := readGlyphs(m, splitWide(p, w, n))
		sc := r.least
		if n == 1 {
			one = r
		} else {
			sc -= 0.15 // a digit is one piece, unless cut apart much better
		}
		if sc > score {
			best, score = r, sc
		}
	}
	if bw*10 >= bh*7 {
		// two digits sharing the stroke where they meet, read likelier
		// than the reading above, are a guess
		if c, ok := sharedCut(m, p, w); ok && c.text != best.text && c.logP > best.logP {
			best = c
			best.least = min(best.least, sharedSure)
		}
	}
	if bw*5 > bh*6 {
		// A piece wider than tall is seldom one digit, though the
		// network may take two run together for one ("22" for a sure
		// 2); cut apart, it is read less surely the surer it is read
		// as one.
		if len(best.text) == 1 {
			best.least = min(best.least, wideOne)
		} else {
			best.least = min(best.least, 1-one.least*wideOne)
		}
	}
	return best
}

// wideOne is the most a piece wider than tall may be sure to be one digit.
const wideOne = 0.5

// splitWide cuts a piece into n glyphs at the columns with least ink
// near where n digits of equal width would meet; w is the blank's width
// (the pixels' row length).
func splitWide(p inkBox, w, n int) []digits.Glyph {
	bw := p.x1 - p.x0 + 1
	cols := make([]int, bw)
	for _, q := range p.px {
		cols[q%w-p.x0]++
	}
	cuts := []int{0}
	for k := 1; k < n; k++ {
		at := bw * k / n
		best := at
		for x := max(1, at-bw/(3*n)); x < min(bw-1, at+bw/(3*n)); x++ {
			if cols[x] < cols[best] {
				best = x
			}
		}
		cuts = append(cuts, best)
	}
	cuts = append(cuts, bw)
	var out []digits.Glyph
	for k := 0; k+1 < len(cuts); k++ {
		if cuts[k+1] > cuts[k] {
			out = append(out, cutGlyph(p, w, cuts[k], cuts[k+1]))
		}
	}
	return out
}

// sharedCut reads a piece as two digits that share a stroke where they
// meet (the right side of a 0 drawn as the stem of the 6 after it): the
// upright stroke nearest the piece's middle, columns each crossed by a
// run of ink half the piece's height or longer, is given to both. It
// reports false without such a stroke in the piece's middle third.
func sharedCut(m *digits.Net, p inkBox, w int) (reading, bool) {
	bw, bh := p.x1-p.x0+1, p.y1-p.y0+1
	on := make([]bool, bw*bh)
	for _, q := range p.px {
		on[(q/w-p.y0)*bw+q%w-p.x0] = true
	}
	upright := func(x int) bool {
		run := 0
		for y := 0; y < bh; y++ {
			if !on[y*bw+x] {
				run = 0
				continue
			}
			if run++; run*2 >= bh {
				return true
			}
		}
		return false
	}
	mid, best := bw/2, -1
	for x := bw / 3; x <= bw*2/3; x++ {
		if upright(x) && (best < 0 || abs(x-mid) < abs(best-mid)) {
			best = x
		}
	}
	if best < 0 {
		return reading{}, false
	}
	a, b := best, best
	for a > 0 && upright(a-1) {
		a--
	}
	for b < bw-1 && upright(b+1) {
		b++
	}
	if a == 0 || b == bw-1 {
		return reading{}, false // the stroke is a side of the piece
	}
	return readGlyphs(m, []digits.Glyph{cutGlyph(p, w, 0, b+1), cutGlyph(p, w, a, bw)}), true
}

// sharedSure is the most a reading of two digits sharing a stroke (see
// sharedCut) is sure of: a guess, never sure.
const sharedSure = 0.8

// joinBoxes is two pieces as one.
func joinBoxes(a, b inkBox) inkBox {
	px := make([]int, 0, len(a.px)+len(b.px))
	return inkBox{min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1), append(append(px, a.px...), b.px...)}
}

// cutGlyph is the glyph of a piece's ink in its columns [a, b) (counted
// from the piece's left edge); w is the blank's width (the pixels' row
// length).
func cutGlyph(p inkBox, w, a, b int) digits.Glyph {
	bh := p.y1 - p.y0 + 1
	g := digits.Glyph{W: b - a, H: bh, Ink: make([]float32, (b-a)*bh)}
	for _, q := range p.px {
		x, y := q%w-p.x0, q/w-p.y0
		if x >= a && x < b {
			g.Ink[y*g.W+x-a] = 1
		}
	}
	return g
}

// slotPieces is the ink in a blank cut into pieces, left to right, and
// the blank's width (the pixels' row length).
func slotPieces(img grayImage, s slot) ([]inkBox, int) {
	ink, s := slotInk(img, s)
	w, h := s.x1-s.x0, s.y1-s.y0
	if ink == nil {
		return nil, w
	}
	var pieces []inkBox
	for _, b := range components(ink, w, h) {
		bw, bh := b.x1-b.x0+1, b.y1-b.y0+1
		if bh < s.h*3/5 || len(b.px) < s.h*s.h/30 || bw > 4*bh ||
			(b.y0 == 0 || b.y1 == h-1) && bh < s.h*3/2 ||
			b.x0 == 0 && bh < s.h {
			continue
		}
		pieces = append(pieces, b)
	}
	sort.Slice(pieces, func(i, j int) bool { return pieces[i].x0 < pieces[j].x0 })
	return joinStacked(pieces), w
}

// slotInk is the ink in a blank, row by row, and the blank as it was
// read: clipped to the page, and, where the pen's ink is told from the
// print by its colour (see penInk), widened over the print beside it,
// since the pen often runs over "Số:", the slash or "tháng". The ink is
// then the pen's alone; else it is every pixel darker than the blank's
// Otsu threshold.
func slotInk(img grayImage, s slot) ([]bool, slot) {
	s.x0, s.y0 = max(0, s.x0), max(0, s.y0)
	s.x1, s.y1 = min(img.w, s.x1), min(img.h, s.y1)
	if s.x1-s.x0 < s.h/3 || s.y1 <= s.y0 {
		return nil, s
	}
	cut := inkCut(img, s)
	least, pen := penInk(img, s)
	if pen {
		s.x0, s.x1 = max(0, s.x0-s.h), min(img.w, s.x1+s.h/2)
	}
	w, h := s.x1-s.x0, s.y1-s.y0
	ink := make([]bool, w*h)
	for y := 0; y < h; y++ {
		at := (s.y0+y)*img.w + s.x0
		for x := 0; x < w; x++ {
			ink[y*w+x] = img.pix[at+x] < cut
		}
	}
	if !pen {
		return ink, s
	}
	// The ink's pieces are the pen's or the print's by their colour: a
	// stroke's colour is uneven (a JPEG keeps it at half the resolution,
	// a thin stroke looks greyer), so a piece is the pen's when a good
	// part of it is blue, the print's when hardly any is; of a piece
	// that is both (a digit written over the slash or a letter) the
	// pixels near blue ones are kept.
	blue := make([]bool, w*h)
	for y := 0; y < h; y++ {
		at := (s.y0+y)*img.w + s.x0
		for x := 0; x < w; x++ {
			blue[y*w+x] = ink[y*w+x] && img.blue[at+x] >= least
		}
	}
	var near, nearer []bool
	for _, b := range components(ink, w, h) {
		n := 0
		for _, q := range b.px {
			if blue[q] {
				n++
			}
		}
		switch {
		case n*printShare <= len(b.px):
			for _, q := range b.px {
				ink[q] = false
			}
		case n*penShare >= len(b.px): // the pen's: print it runs into cut off farther out
			if near == nil {
				near = grow(blue, w, h, max(3, s.h/5))
			}
			for _, q := range b.px {
				ink[q] = near[q]
			}
		default:
			if nearer == nil {
				nearer = grow(blue, w, h, 3)
			}
			for _, q := range b.px {
				ink[q] = nearer[q]
			}
		}
	}
	return ink, s
}

// grow is a mask with every pixel within r of one set (a square).
func grow(m []bool, w, h, r int) []bool {
	rows := make([]bool, len(m)) // grown across, then down
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			for dx := -r; dx <= r && !rows[y*w+x]; dx++ {
				rows[y*w+x] = x+dx >= 0 && x+dx < w && m[y*w+x+dx]
			}
		}
	}
	out := make([]bool, len(m))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			for dy := -r; dy <= r && !out[y*w+x]; dy++ {
				out[y*w+x] = y+dy >= 0 && y+dy < h && rows[(y+dy)*w+x]
			}
		}
	}
	return out
}

// penBlue is how much bluer than the print (see grayImage.blue) a
// coloured pen's ink is at least: on the scans of the development set
// black print's blue is mostly under 8, a blue ballpoint's strokes 15 to
// 100 (their cores; a page counts as written in colour when the blank
// holds a digit's worth of pixels darker than penDark and 4 bluer still).
const (
	penBlue = 12
	penDark = 175
	// a piece of ink is the pen's when one of its pixels in penShare is
	// blue, the print's when at most one in printShare is
	penShare   = 3
	printShare = 12
)

// penInk reports whether what is written in a blank of a page in colour
// is in a coloured pen (blue or violet, as clerks mostly write) while the
// print beside it is black: the pen's ink can then be read apart from
// the printed words, rules and slash it touches. It gives the least blue
// of the pen's ink: penBlue above the print's (a photographed page can
// be all a little blue).
func penInk(img grayImage, s slot) (byte, bool) {
	if img.blue == nil {
		return 0, false
	}
	// the print on the blank's line, left and right of it
	var blues []int
	for y := max(0, s.y0); y < min(img.h, s.y1); y++ {
		for _, span := range [][2]int{{s.x0 - 2*s.h, s.x0}, {s.x1, s.x1 + 2*s.h}} {
			for x := max(0, span[0]); x < min(img.w, span[1]); x++ {
				if img.pix[y*img.w+x] < 128 {
					blues = append(blues, int(img.blue[y*img.w+x]))
				}
			}
		}
	}
	if len(blues) < s.h*s.h/10 {
		return 0, false
	}
	sort.Ints(blues)
	printed := blues[len(blues)/2]
	if printed > 2*penBlue {
		return 0, false // the print is not black
	}
	least := byte(printed + penBlue)
	pen := 0
	for y := max(0, s.y0); y < min(img.h, s.y1); y++ {
		for x := max(0, s.x0); x < min(img.w, s.x1); x++ {
			if img.blue[y*img.w+x] >= least+4 && img.pix[y*img.w+x] < penDark {
				pen++
			}
		}
	}
	return least, pen >= s.h*s.h/6
}

// inkCut is the grey below which a pixel of the blank is ink: Otsu's
// threshold over the blank, but never above mid-grey (a blank with
// nothing written has only paper and specks).
func inkCut(img grayImage, s slot) byte {
	var hist [256]int
	n := 0
	for y := s.y0; y < s.y1; y++ {
		for _, v := range img.pix[y*img.w+s.x0 : y*img.w+s.x1] {
			hist[v]++
			n++
		}
	}
	var sum, sumB, wB float64
	for i, c := range hist {
		sum += float64(i * c)
	}
	best, cut := 0.0, 128
	for t := 0; t < 256; t++ {
		wB += float64(hist[t])
		if wB == 0 || wB == float64(n) {
			continue
		}
		sumB += float64(t * hist[t])
		wF := float64(n) - wB
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, cut = v, t+1
		}
	}
	return byte(min(cut, 160))
}

// components labels the 8-connected pieces of ink.
func components(ink []bool, w, h int) []inkBox {
	seen := make([]bool, len(ink))
	var out []inkBox
	var stack []int
	for start, on := range ink {
		if !on || seen[start] {
			continue
		}
		b := inkBox{x0: w, y0: h, x1: -1, y1: -1}
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			b.px = append(b.px, p)
			x, y := p%w, p/w
			b.x0, b.x1, b.y0, b.y1 = min(b.x0, x), max(b.x1, x), min(b.y0, y), max(b.y1, y)
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					X, Y := x+dx, y+dy
					if X < 0 || Y < 0 || X >= w || Y >= h {
						continue
					}
					if q := Y*w + X; ink[q] && !seen[q] {
						seen[q] = true
						stack = append(stack, q)
					}
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// joinStacked joins pieces (sorted by x0) that overlap across by more
// than half the narrower one: strokes of one digit.
func joinStacked(ps []inkBox) []inkBox {
	var out []inkBox
	for _, p := range ps {
		if n := len(out); n > 0 {
			q := &out[n-1]
			over := min(q.x1, p.x1) - max(q.x0, p.x0) + 1
			if over*2 > min(q.x1-q.x0+1, p.x1-p.x0+1) {
				q.x0, q.x1, q.y0, q.y1 = min(q.x0, p.x0), max(q.x1, p.x1), min(q.y0, p.y0), max(q.y1, p.y1)
				q.px = append(q.px, p.px...)
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// handSure is the least confidence, for every digit of a number or day,
// at which the digit reader's reading is kept (each digit's probability
// being the mean of two readings, see readGlyphs). Below it the field
// stays unread, as it is without the reader.
const handSure = 0.9

// readHandwritten reads the number and day written by hand in a scanned
// header (img, with Tesseract's words in tsv).
func readHandwritten(m *digits.Net, img grayImage, tsv string) Handwritten {
	var hand Handwritten
	words := parseTSV(tsv)
	s, ok := numberBlank(words, img.h)
	if ok && s.read {
		// Digits Tesseract read sure of in a coloured pen among black
		// print are handwritten all the same: a guess ("47 7" for 177)
		if _, pen := penInk(img, s); pen {
			s.ocr = s.digits
		} else {
			ok = false
		}
	}
	if ok {
		hand.OCRNumber = s.ocr
		hand.Number, hand.NumberGuess = pickNumber(readSlot(m, img, s))
	}
	if s, ok := daySlot(words, img.h); ok {
		hand.OCRDay = s.ocr
		hand.Day, hand.DayGuess = handDigits(m, img, s)
	}
	if s, ok := monthSlot(words, img.h); ok {
		hand.Month, hand.MonthGuess = handDigits(m, img, s)
	}
	return hand
}

// handGuess is the confidence above which a day or month that the digit
// reader read unsure of it (below handSure) is still given, as a guess
// for review: each digit more likely than any other reading. A piece
// wider than tall read as one digit (wideOne) is never one.
const handGuess = wideOne

// handDigits reads one or two digits written in a blank (a day or a
// month): sure, or as a guess, or neither.
func handDigits(m *digits.Net, img grayImage, s slot) (sure, guess string) {
	return pickDigits(readSlot(m, img, s))
}

// pickDigits sorts the reading of a day's or a month's blank, its text
// and least confidence, into sure, a guess, or neither.
func pickDigits(text string, least float32) (sure, guess string) {
	switch {
	case text == "" || len(text) > 2:
	case least >= handSure:
		return text, ""
	case least > handGuess:
		return "", text
	}
	return "", ""
}

// handNumberGuess is the least confidence at which a number's digits the
// reader read unsure of them (below handSure) are still given, as a guess
// for review. A number has more digits than a day, each one a chance to
// be unsure, so its floor is lower than a day's (handGuess): on the
// unsure readings of numbers and days on page 1 of the development set's
// 35 scanned headers, 1 of 5 under 0.4 was right (numbers 0 of 3: ink the
// reader hardly knows as digits), 11 of 24 from 0.4 up (numbers 6 of 16).
const handNumberGuess = 0.4

// pickNumber sorts the reading of a number's blank, its text and least
// confidence, into sure, a guess, or neither. A blank without ink has no
// reading, so a draft's blank number stays blank.
func pickNumber(text string, least float32) (sure, guess string) {
	switch {
	case text == "" || len(text) > 5:
	case least >= handSure:
		return text, ""
	case least >= handNumberGuess:
		return "", text
	}
	return "", ""
}

// thicken is a glyph with its strokes a pixel thicker on every side.
func thicken(g digits.Glyph) digits.Glyph {
	out := digits.Glyph{W: g.W, H: g.H, Ink: make([]float32, len(g.Ink))}
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			if g.Ink[y*g.W+x] == 0 {
				continue
			}
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					X, Y := x+dx, y+dy
					if X >= 0 && Y >= 0 && X < g.W && Y < g.H {
						out.Ink[Y*g.W+X] = 1
					}
				}
			}
		}
	}
	return out
}
