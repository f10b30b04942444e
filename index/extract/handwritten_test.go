package extract

import (
	"cmp"
	"context"
	"math"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index/extract/digits"
)

// tsvWord writes one word as a line of Tesseract's TSV.
func tsvWord(line, x, y, w, h int, conf, text string) string {
	return "5\t1\t1\t1\t" + itoa(line) + "\t1\t" + itoa(x) + "\t" + itoa(y) + "\t" + itoa(w) + "\t" + itoa(h) + "\t" + conf + "\t" + text + "\n"
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// The blanks are found from the printed words around them, whatever junk
// Tesseract made of the handwriting, and not where it read digits well.
func TestHandwrittenSlots(t *testing.T) {
	const pageH = 3500
	tests := []struct {
		name       string
		tsv        string
		number     [2]int // the blank across (x0, x1), or 0, 0 for none
		day        [2]int
		numberSeen bool
		ocr        [2]string // the digits Tesseract read unsure in the blanks
	}{
		{"blank, then codes",
			tsvWord(1, 300, 300, 43, 33, "95", "Số:") + tsvWord(1, 450, 305, 150, 28, "92", "/KH-UBND") +
				tsvWord(2, 1000, 300, 98, 36, "96", "ngày") + tsvWord(2, 1200, 300, 90, 36, "95", "tháng") + tsvWord(2, 1300, 300, 30, 27, "95", "9") +
				tsvWord(2, 1350, 300, 65, 27, "96", "năm") + tsvWord(2, 1430, 301, 75, 27, "95", "2025"),
			[2]int{342, 450}, [2]int{1072, 1200}, true, [2]string{}},
		{"junk glued to the words",
			tsvWord(1, 287, 260, 123, 37, "32", "Só:}492") + tsvWord(1, 433, 268, 184, 28, "91", "/TB-UBND") +
				tsvWord(2, 980, 274, 117, 36, "21", "ngàyO6") + tsvWord(2, 1105, 275, 89, 36, "36", "6tháng") + tsvWord(2, 1252, 277, 75, 27, "95", "2025"),
			[2]int{329, 433}, [2]int{1077, 1119}, true, [2]string{}},
		{"codes glued to the number's junk",
			tsvWord(1, 383, 181, 234, 36, "35", "Số:6Ø/GM-UBND"),
			[2]int{423, 473}, [2]int{}, true, [2]string{}},
		{"printed number and day",
			tsvWord(1, 300, 300, 43, 33, "95", "Số:") + tsvWord(1, 350, 305, 200, 28, "92", "125/KH-UBND") +
				tsvWord(2, 1000, 300, 98, 36, "96", "ngày") + tsvWord(2, 1105, 300, 30, 36, "96", "12") + tsvWord(2, 1150, 300, 90, 36, "95", "tháng"),
			[2]int{}, [2]int{}, false, [2]string{}},
		{"a number in the body is not the header's",
			tsvWord(9, 300, 300, 43, 33, "95", "số") + tsvWord(9, 450, 305, 150, 28, "32", "/KH-UBND"),
			[2]int{}, [2]int{}, false, [2]string{}},
		{"junk in two words",
			tsvWord(1, 298, 185, 43, 33, "94", "Số:") + tsvWord(1, 360, 180, 14, 33, "87", "5") + tsvWord(1, 383, 181, 234, 36, "35", "6Ø/GM-UBND"),
			[2]int{341, 429}, [2]int{}, true, [2]string{}},
		{"digits read unsure",
			tsvWord(1, 300, 300, 130, 33, "56", "Số:4140") + tsvWord(1, 450, 305, 150, 28, "90", "/CAT-PA05") +
				tsvWord(2, 1000, 300, 98, 36, "96", "ngày") + tsvWord(2, 1110, 300, 40, 36, "64", "01") + tsvWord(2, 1200, 300, 90, 36, "96", "tháng"),
			[2]int{342, 450}, [2]int{1072, 1200}, true, [2]string{"4140", "01"}},
		{"printed digits, the last glued to the codes",
			tsvWord(1, 372, 504, 60, 46, "96", "Số:") + tsvWord(1, 452, 515, 71, 34, "96", "257") + tsvWord(1, 534, 506, 435, 66, "45", "1/VNPT-LĐG-NSTH"),
			[2]int{}, [2]int{}, false, [2]string{}},
		{"the box of tháng took in the last digit",
			tsvWord(2, 1468, 442, 114, 53, "86", "ngày") + tsvWord(2, 1629, 440, 177, 58, "97", "tháng") + tsvWord(2, 1865, 448, 99, 39, "97", "năm"),
			[2]int{}, [2]int{1582, 1672}, false, [2]string{}},
		{"a Party number: the codes start at -CV",
			tsvWord(1, 300, 300, 43, 33, "93", "Số") + tsvWord(1, 400, 300, 260, 40, "0", "ÍÄ3-CV/B&PTTH"),
			[2]int{343, 460}, [2]int{}, true, [2]string{}},
		{"a Party number, the number read unsure apart",
			tsvWord(1, 300, 300, 43, 33, "93", "Số") + tsvWord(1, 360, 300, 30, 33, "40", "0") + tsvWord(1, 420, 300, 200, 33, "91", "-CV/BTGDVTU"),
			[2]int{343, 420}, [2]int{}, true, [2]string{"0", ""}},
		{"digits glued to ngày, read sure of the word",
			tsvWord(2, 1000, 300, 140, 36, "86", "ngày99") + tsvWord(2, 1200, 300, 90, 36, "96", "tháng") +
				tsvWord(2, 1300, 300, 30, 27, "95", "9") + tsvWord(2, 1350, 300, 65, 27, "96", "năm"),
			[2]int{}, [2]int{1072, 1200}, false, [2]string{"", "99"}},
		{"junk glued to tháng: the printed word is read from its right end",
			tsvWord(2, 1516, 504, 103, 40, "97", "ngày") + tsvWord(2, 1628, 495, 195, 49, "13", "{tháng") +
				tsvWord(2, 1840, 501, 48, 40, "97", "02") + tsvWord(2, 1905, 501, 88, 40, "97", "năm"),
			[2]int{}, [2]int{1619, 1704}, false, [2]string{}},
		{"handwritten digits read sure: as tall as Số with its accent",
			tsvWord(1, 453, 514, 64, 50, "96", "Số:") + tsvWord(1, 560, 525, 64, 54, "90", "44") + tsvWord(1, 655, 527, 250, 41, "92", "/CT-UBND"),
			[2]int{514, 655}, [2]int{}, true, [2]string{"44", ""}},
		{"printed digits apart from the codes",
			tsvWord(1, 252, 296, 59, 47, "96", "Số:") + tsvWord(1, 328, 306, 70, 35, "84", "310") + tsvWord(1, 413, 303, 228, 37, "84", "/HHDN-K4"),
			[2]int{}, [2]int{}, false, [2]string{}},
		{"too low on the page",
			tsvWord(1, 300, 2000, 43, 33, "95", "Số:") + tsvWord(1, 450, 2005, 150, 28, "92", "/KH-UBND"),
			[2]int{}, [2]int{}, false, [2]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words := parseTSV("level\tpage_num\n" + tt.tsv)
			s, ok := numberSlot(words, pageH)
			if got := [2]int{s.x0, s.x1}; ok != tt.numberSeen || ok && got != tt.number {
				t.Errorf("number blank %v (%v), want %v", got, ok, tt.number)
			}
			ocr := s.ocr
			s, ok = daySlot(words, pageH)
			if got := [2]int{s.x0, s.x1}; ok != (tt.day != [2]int{}) || ok && got != tt.day {
				t.Errorf("day blank %v (%v), want %v", got, ok, tt.day)
			}
			if got := [2]string{ocr, s.ocr}; got != tt.ocr {
				t.Errorf("read unsure %q, want %q", got, tt.ocr)
			}
		})
	}
}

// pen draws a stroke through the points, r pixels thick, on a white page.
func pen(img grayImage, r float64, pts ...[2]float64) {
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		n := int(math.Hypot(b[0]-a[0], b[1]-a[1])) + 1
		for k := 0; k <= n; k++ {
			x := a[0] + (b[0]-a[0])*float64(k)/float64(n)
			y := a[1] + (b[1]-a[1])*float64(k)/float64(n)
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					X, Y := int(x+dx), int(y+dy)
					if dx*dx+dy*dy <= r*r && X >= 0 && Y >= 0 && X < img.w && Y < img.h {
						img.pix[Y*img.w+X] = 30
					}
				}
			}
		}
	}
}

// ring is a closed stroke: an ellipse of centre c and radii rx, ry.
func ring(c [2]float64, rx, ry float64) [][2]float64 {
	var pts [][2]float64
	for a := 0.0; a <= 2*math.Pi+0.1; a += 0.1 {
		pts = append(pts, [2]float64{c[0] + rx*math.Sin(a), c[1] - ry*math.Cos(a)})
	}
	return pts
}

// A scanned header whose number and day a clerk wrote by pen in the
// printed blanks gives them in Result.Handwritten, read from the page by
// the built-in engine and the digit reader together.
func TestHandwrittenHeaderRead(t *testing.T) {
	ocr := NewOCR(OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese, Digits: assets.HandDigits})
	defer ocr.Close()
	if name, err := ocr.Engine(); err != nil || name != "built-in" {
		t.Skipf("the built-in engine cannot run here: %q, %v", name, err)
	}
	checkHandwrittenHeader(t, ocr)
}

// The same page read by the system's tesseract: its words' boxes are
// asked for too, so the digit reader reads the blanks as with the
// built-in engine (without them a machine with tesseract installed read
// 20 fewer numbers of the development set's scans than one without).
func TestHandwrittenHeaderReadSystemTesseract(t *testing.T) {
	ocr := NewOCR(OCRConfig{System: true, Digits: assets.HandDigits})
	defer ocr.Close()
	if name, err := ocr.Engine(); err != nil || name != "tesseract" {
		t.Skipf("no system tesseract with Vietnamese here: %q, %v", name, err)
	}
	checkHandwrittenHeader(t, ocr)
}

// checkHandwrittenHeader reads a scanned header with 170 and 4 written by
// pen in the number's and day's blanks.
func checkHandwrittenHeader(t *testing.T, ocr *OCR) {
	t.Helper()
	lines := []string{
		"UBND XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Số:              /KH-UBND\tĐộc lập - Tự do - Hạnh phúc",
		"\tAn Phú, ngày          tháng 9 năm 2025",
		"KẾ HOẠCH",
		"Xây dựng nông thôn mới năm 2025",
		"Ủy ban nhân dân xã đẩy mạnh phong trào thi đua.",
	}
	img := renderScan(t, lines)
	page := grayImage{w: img.Rect.Dx(), h: img.Rect.Dy(), pix: img.Pix}
	// where renderScan put the blanks: 120 px in, 1000 px for the second
	// column, lines lineH apart from 100 px down; Noto Sans at 12 pt
	lineH := lineHeight(t)
	x := 120 + textWidth(t, "Số:") + 30
	base := float64(100 + lineH*2)
	pen(page, 2.5, [2]float64{x, base - 25}, [2]float64{x + 18, base - 52}, [2]float64{x + 12, base + 6}) // 1
	pen(page, 2.5, [2]float64{x + 45, base - 50}, [2]float64{x + 85, base - 52}, [2]float64{x + 60, base + 6})
	pen(page, 2.5, ring([2]float64{x + 125, base - 22}, 17, 28)...) // 0
	x = 1120 + textWidth(t, "An Phú, ngày") + 25
	base = float64(100 + lineH*3)
	pen(page, 2.5, [2]float64{x + 18, base - 52}, [2]float64{x, base - 10}, [2]float64{x + 35, base - 12}) // 4
	pen(page, 2.5, [2]float64{x + 28, base - 40}, [2]float64{x + 27, base + 8})
	res, err := Extract(context.Background(), "scan.pdf", jpegScanPDF(t, img), Options{OCR: ocr})
	if err != nil {
		t.Fatal(err)
	}
	// Tesseract reads the lone 4 itself, in most runs: then its blank is
	// no blank (the day is in the text), else the digit reader reads it.
	if res.Handwritten == nil || res.Handwritten.Number != "170" ||
		res.Handwritten.Day != "4" && !strings.Contains(res.Text, "ngày 4 tháng 9") {
		t.Errorf("handwritten %+v, want 170 and 4; text:\n%s", res.Handwritten, res.Text)
	}
}

// inkPen draws a stroke like pen, in ink of the given grey and blue (see
// grayImage.blue) on a page in colour.
func inkPen(img grayImage, r float64, grey, blue byte, pts ...[2]float64) {
	mark := grayImage{w: img.w, h: img.h, pix: make([]byte, len(img.pix))}
	pen(mark, r, pts...)
	for i, v := range mark.pix {
		if v != 0 {
			img.pix[i], img.blue[i] = grey, blue
		}
	}
}

// Digits written in blue ballpoint over black print are read apart from
// it: the 0 run into the printed slash, a 1 whose thin stroke looks grey
// (its colour kept at half the resolution), and the colon of "Số:"
// inside the blank. In black pen the same page is read by its grey, as
// before, and not for sure.
func TestReadSlotBluePen(t *testing.T) {
	m, err := digits.LoadNet(assets.HandDigits)
	if err != nil {
		t.Fatal(err)
	}
	page := func(blue byte) grayImage {
		img := grayImage{w: 400, h: 200, pix: make([]byte, 400*200), blue: make([]byte, 400*200)}
		for i := range img.pix {
			img.pix[i] = 240
		}
		// the print: "Số:" (a ring and a bar), its colon, the slash and
		// the codes after it, black
		inkPen(img, 2, 25, 0, ring([2]float64{60, 118}, 10, 14)...)
		inkPen(img, 2, 25, 0, [2]float64{78, 104}, [2]float64{78, 132})
		inkPen(img, 2.5, 25, 0, [2]float64{104, 110}, [2]float64{104, 111})
		inkPen(img, 2.5, 25, 0, [2]float64{104, 128}, [2]float64{104, 129})
		inkPen(img, 2, 25, 0, [2]float64{250, 134}, [2]float64{272, 84})
		inkPen(img, 2, 25, 0, [2]float64{282, 104}, [2]float64{282, 132}, [2]float64{300, 132})
		// the pen: 1 7 0, the 0 over the slash
		inkPen(img, 2.5, 90, blue, [2]float64{120, 104}, [2]float64{140, 80})
		inkPen(img, 2.5, 90, blue/3, [2]float64{140, 80}, [2]float64{136, 132}) // greyer
		inkPen(img, 2.5, 90, blue, [2]float64{165, 84}, [2]float64{205, 82}, [2]float64{180, 134})
		inkPen(img, 2.5, 90, blue, ring([2]float64{240, 108}, 15, 24)...)
		return img
	}
	s := slot{x0: 100, x1: 258, y0: 72, y1: 152, h: 30}
	img := page(45)
	if _, ok := penInk(img, s); !ok {
		t.Fatal("blue pen over black print not seen")
	}
	if got, least := readSlot(m, img, s); got != "170" || least < handSure {
		t.Errorf("blue pen read %q (least %.2f), want 170", got, least)
	}
	img = page(0)
	if _, ok := penInk(img, s); ok {
		t.Error("black pen taken for a coloured one")
	}
	if got, least := readSlot(m, img, s); least >= handSure && got != "170" {
		t.Errorf("black pen read %q for sure (least %.2f)", got, least)
	}
	img.blue = nil
	if got, least := readSlot(m, img, s); least >= handSure && got != "170" {
		t.Errorf("grey page read %q for sure (least %.2f)", got, least)
	}
}

// The month's blank is found between "tháng" and "năm" of the date line
// where Tesseract read junk or unsure digits there, not where it read the
// month well, nor on a line that is no date.
func TestMonthSlot(t *testing.T) {
	const pageH = 3500
	tests := []struct {
		name string
		tsv  string
		want [2]int // the blank across, or 0, 0 for none
		ocr  string
	}{
		{"junk glued to tháng",
			tsvWord(2, 1042, 282, 70, 40, "96", "ngày") + tsvWord(2, 1118, 285, 54, 40, "50", "2") + tsvWord(2, 1186, 282, 124, 44, "19", "thángØ†") +
				tsvWord(2, 1322, 288, 61, 40, "96", "năm") + tsvWord(2, 1394, 288, 67, 40, "96", "2021"),
			[2]int{1268, 1322}, ""},
		{"junk apart", tsvWord(2, 1014, 314, 124, 40, "62", "ngày⁄k?") + tsvWord(2, 1157, 314, 90, 40, "91", "tháng") + tsvWord(2, 1259, 306, 14, 40, "74", "đ") +
			tsvWord(2, 1287, 318, 65, 40, "96", "năm") + tsvWord(2, 1364, 316, 76, 40, "96", "2025"),
			[2]int{1247, 1287}, ""},
		{"digits read unsure", tsvWord(2, 1157, 314, 90, 40, "91", "tháng") + tsvWord(2, 1290, 306, 40, 40, "63", "11") +
			tsvWord(2, 1340, 318, 65, 40, "96", "năm") + tsvWord(2, 1414, 316, 76, 40, "96", "2025"),
			[2]int{1247, 1340}, "11"},
		{"the box of tháng took in the digit", tsvWord(2, 1157, 314, 118, 40, "91", "tháng") +
			tsvWord(2, 1287, 318, 65, 40, "96", "năm") + tsvWord(2, 1364, 316, 76, 40, "96", "2025"),
			[2]int{1245, 1287}, ""},
		{"the month printed", tsvWord(2, 1157, 314, 118, 40, "96", "tháng") + tsvWord(2, 1290, 314, 20, 40, "96", "9") +
			tsvWord(2, 1340, 318, 65, 40, "96", "năm") + tsvWord(2, 1414, 316, 76, 40, "96", "2025"),
			[2]int{}, ""},
		{"no year: no date line", tsvWord(2, 1157, 314, 118, 40, "96", "tháng") + tsvWord(2, 1290, 314, 20, 40, "30", "đ") +
			tsvWord(2, 1340, 318, 65, 40, "96", "năm") + tsvWord(2, 1414, 316, 76, 40, "96", "học"),
			[2]int{}, ""},
	}
	for _, tt := range tests {
		s, ok := monthSlot(parseTSV("level\tpage_num\n"+tt.tsv), pageH)
		if got := [2]int{s.x0, s.x1}; ok != (tt.want != [2]int{}) || ok && (got != tt.want || s.ocr != tt.ocr) {
			t.Errorf("%s: blank %v %q (%v), want %v %q", tt.name, got, s.ocr, ok, tt.want, tt.ocr)
		}
	}
}

// A day or month read sure is given; one read unsure, every digit more
// likely than not, is a guess; a digit the reader hardly knows, a piece
// wider than tall read as one digit (at most wideOne), or more than two
// digits, neither.
func TestPickDigits(t *testing.T) {
	tests := []struct {
		text        string
		least       float32
		sure, guess string
	}{
		{"12", 0.97, "12", ""},
		{"29", 0.54, "", "29"},
		{"2", wideOne, "", ""},
		{"65", 0.31, "", ""},
		{"128", 0.95, "", ""},
		{"", 0, "", ""},
	}
	for _, tt := range tests {
		if sure, guess := pickDigits(tt.text, tt.least); sure != tt.sure || guess != tt.guess {
			t.Errorf("%q at %.2f: sure %q guess %q, want %q %q", tt.text, tt.least, sure, guess, tt.sure, tt.guess)
		}
	}
}

// Digits Tesseract read sure of in a blue pen's ink among black print are
// handwritten all the same: a guess ("47 7" for 177) that the digit
// reader reads again; in black ink, the same words are taken as printed.
func TestHandwrittenReadSureInBluePen(t *testing.T) {
	m, err := digits.LoadNet(assets.HandDigits)
	if err != nil {
		t.Fatal(err)
	}
	page := func(blue byte) grayImage {
		img := grayImage{w: 400, h: 1000, pix: make([]byte, 400*1000), blue: make([]byte, 400*1000)}
		for i := range img.pix {
			img.pix[i] = 240
		}
		inkPen(img, 2, 25, 0, ring([2]float64{60, 118}, 10, 14)...) // "Số:"
		inkPen(img, 2, 25, 0, [2]float64{78, 104}, [2]float64{78, 132})
		inkPen(img, 2, 25, 0, [2]float64{252, 134}, [2]float64{272, 84}) // the slash and codes
		inkPen(img, 2, 25, 0, [2]float64{282, 104}, [2]float64{282, 132}, [2]float64{300, 132})
		inkPen(img, 2.5, 90, blue, [2]float64{120, 104}, [2]float64{140, 80}, [2]float64{136, 132}) // 1
		inkPen(img, 2.5, 90, blue, [2]float64{160, 84}, [2]float64{200, 82}, [2]float64{175, 134})  // 7
		inkPen(img, 2.5, 90, blue, ring([2]float64{225, 108}, 13, 24)...)                           // 0
		return img
	}
	tsv := "level\tpage_num\n" + tsvWord(1, 50, 70, 58, 64, "95", "Số:") + tsvWord(1, 118, 84, 122, 50, "93", "170") +
		tsvWord(1, 250, 84, 80, 50, "92", "/KH")
	if h := readHandwritten(m, page(45), tsv); h.OCRNumber != "170" || h.Number != "170" {
		t.Errorf("blue pen: %+v, want the reading 170 in place of Tesseract's sure 170", h)
	}
	if h := readHandwritten(m, page(0), tsv); h.OCRNumber != "" || h.Number != "" {
		t.Errorf("black ink: %+v, want the digits taken as printed", h)
	}
}

// A number's digits the reader is sure of are the number; read unsure
// but not below handNumberGuess, a guess for review; under it (ink the
// reader hardly knows as digits), neither. A blank left empty (a draft's)
// gives nothing, sure or guessed.
func TestHandwrittenNumberGuess(t *testing.T) {
	m, err := digits.LoadNet(assets.HandDigits)
	if err != nil {
		t.Fatal(err)
	}
	page := func(write func(img grayImage)) grayImage {
		img := grayImage{w: 400, h: 1000, pix: make([]byte, 400*1000)}
		for i := range img.pix {
			img.pix[i] = 240
		}
		pen(img, 2, ring([2]float64{60, 118}, 10, 14)...) // "Số:"
		pen(img, 2, [2]float64{78, 104}, [2]float64{78, 132})
		pen(img, 2, [2]float64{262, 134}, [2]float64{282, 84}) // the slash and codes
		pen(img, 2, [2]float64{292, 104}, [2]float64{292, 132}, [2]float64{310, 132})
		write(img)
		return img
	}
	// Tesseract read junk in the blank
	tsv := "level\tpage_num\n" + tsvWord(1, 50, 70, 58, 64, "95", "Số:") + tsvWord(1, 118, 84, 122, 50, "31", "#t") +
		tsvWord(1, 260, 84, 80, 50, "92", "/KH")
	wide := func(v float64) float64 { return 120 + (v-120)*2.5 }
	tests := []struct {
		name        string
		write       func(img grayImage)
		sure, guess string
	}{
		{"a draft's empty blank", func(grayImage) {}, "", ""},
		{"77 written clearly", func(img grayImage) {
			pen(img, 2.5, [2]float64{130, 84}, [2]float64{165, 82}, [2]float64{142, 132})
			pen(img, 2.5, [2]float64{170, 84}, [2]float64{205, 82}, [2]float64{182, 132})
		}, "77", ""},
		{"a 2 wider than tall: unsure", func(img grayImage) {
			pen(img, 2.5, [2]float64{wide(120), 95}, [2]float64{wide(135), 80}, [2]float64{wide(150), 86},
				[2]float64{wide(148), 104}, [2]float64{wide(122), 132}, [2]float64{wide(158), 131})
		}, "", "2"},
		{"a scribble: noise", func(img grayImage) {
			pen(img, 2.5, ring([2]float64{170, 108}, 14, 22)...)
			pen(img, 2.5, [2]float64{180, 84}, [2]float64{158, 106}, [2]float64{157, 116})
			pen(img, 2.5, ring([2]float64{168, 118}, 10, 12)...)
		}, "", ""},
	}
	for _, tt := range tests {
		if h := readHandwritten(m, page(tt.write), tsv); h.Number != tt.sure || h.NumberGuess != tt.guess {
			t.Errorf("%s: %+v, want sure %q guess %q", tt.name, h, tt.sure, tt.guess)
		}
	}
}

// A number read with every digit at handSure is taken; from
// handNumberGuess up to it, a guess; under it, or more than five digits,
// or nothing, neither.
func TestPickNumber(t *testing.T) {
	tests := []struct {
		text        string
		least       float32
		sure, guess string
	}{
		{"1704", 0.97, "1704", ""},
		{"1716", 0.62, "", "1716"},
		{"4377", handNumberGuess, "", "4377"},
		{"14", 0.37, "", ""},
		{"123456", 0.99, "", ""},
		{"", 0, "", ""},
	}
	for _, tt := range tests {
		if sure, guess := pickNumber(tt.text, tt.least); sure != tt.sure || guess != tt.guess {
			t.Errorf("%q at %.2f: sure %q guess %q, want %q %q", tt.text, tt.least, sure, guess, tt.sure, tt.guess)
		}
	}
}

// Where Tesseract glued the handwritten digits to the printed codes in
// one word, the slash is placed by the codes' width in Times New Roman at
// the em of the printed words after them on the line; without printed
// words there, by taking the word's letters as equally wide.
func TestSlashAt(t *testing.T) {
	// an em of 50 px: "ngày" is 1.944 em, "tháng" 2.222 em, "năm" 1.722 em
	date := tsvWord(1, 1000, 100, 97, 40, "96", "ngày") + tsvWord(1, 1150, 100, 111, 40, "96", "tháng") +
		tsvWord(1, 1320, 100, 86, 40, "96", "năm")
	glued := tsvWord(1, 200, 100, 400, 50, "40", "4†1#/MTTQ-BTT")
	words := parseTSV("level\tpage_num\n" + tsvWord(1, 100, 100, 60, 45, "95", "Số:") + glued + date)
	// "/MTTQ-BTT" is 5.333 em: 267 px before the word's right end
	if x, ok := slashAt(words, words[1], 4); !ok || x < 600-267-2 || x > 600-267+2 {
		t.Errorf("slash at %d (%v), want about %d", x, ok, 600-267)
	}
	words = parseTSV("level\tpage_num\n" + tsvWord(1, 100, 100, 60, 45, "95", "Số:") + glued)
	if x, ok := slashAt(words, words[1], 4); ok || x != runeX(words[1], 4) {
		t.Errorf("no printed words: slash at %d (%v), want runeX's %d", x, ok, runeX(words[1], 4))
	}
	if got := timesEms("QĐ-TTg"); math.Abs(got-3.499) > 0.001 {
		t.Errorf("QĐ-TTg is %.3f em, want 3.499", got)
	}
}

// How a drawn blank must read (see TestReadSlotDrawn).
type slotReading int

const (
	readSure      slotReading = iota // want, at handSure or more
	readGuess                        // want, from handNumberGuess up to under handSure
	readCapped                       // want, at endTouched or less (a guess at most)
	readAny                          // want, however sure
	readNotSure                      // anything, under handSure
	readRightSure                    // under handSure, or want
	readNothing                      // nothing
)

// Digits drawn with a pen in a blank, as a clerk writes them, read by the
// built-in weights (readSlot): each case draws on a blank page (600 × 200
// unless said) and says what the blank s must read.
func TestReadSlotDrawn(t *testing.T) {
	m, err := digits.LoadNet(assets.HandDigits)
	if err != nil {
		t.Fatal(err)
	}
	wide := slot{x0: 20, x1: 580, y0: 20, y1: 180, h: 30}
	// 1, 7 and 0 as in "170", and 1, 7, 7 whose last 7's bar reaches the
	// slash
	oneSevenZero := func(img grayImage) {
		pen(img, 2.5, [2]float64{40, 95}, [2]float64{62, 60}, [2]float64{55, 150})    // 1
		pen(img, 2.5, [2]float64{110, 65}, [2]float64{160, 62}, [2]float64{128, 150}) // 7
		pen(img, 2.5, ring([2]float64{220, 105}, 24, 42)...)                          // 0
	}
	oneSevenSeven := func(img grayImage) {
		pen(img, 2.5, [2]float64{40, 95}, [2]float64{62, 60}, [2]float64{55, 150})    // 1
		pen(img, 2.5, [2]float64{110, 65}, [2]float64{160, 62}, [2]float64{128, 150}) // 7
		pen(img, 2.5, [2]float64{175, 65}, [2]float64{232, 62}, [2]float64{198, 150}) // 7
	}
	slashTouching177 := func(img grayImage) {
		oneSevenSeven(img)
		pen(img, 2, [2]float64{236, 160}, [2]float64{260, 58}) // the printed slash, touching the 7's bar
		pen(img, 2.5, [2]float64{232, 62}, [2]float64{258, 62})
	}
	six := func(img grayImage, dx float64) {
		pen(img, 2.5, [2]float64{262 - dx, 62}, [2]float64{230 - dx, 110}, [2]float64{228 - dx, 130})
		pen(img, 2.5, ring([2]float64{246 - dx, 128}, 18, 20)...)
	}
	// the codes' word ends at y 150, 60 high: the blank's rows as
	// numberBlank sets them
	glued := slot{x0: 20, x1: 300, y0: 30, y1: 190, h: 60}
	guessedEnd := glued
	guessedEnd.endGuessed = true
	throughZero := guessedEnd
	throughZero.x1 = 225
	measured := slot{x0: 20, y0: 30, y1: 190, h: 60, endGuessed: true, x1: 250, slashX: 236}
	measured256, measured268 := measured, measured
	measured256.x1, measured268.x1 = 256, 268

	tests := []struct {
		name  string
		w, h  int
		s     slot
		write func(img grayImage)
		want  string
		read  slotReading
	}{
		// A 1 with its lead-in stroke, a 7, a 0 and a 4.
		{name: "1704", s: wide, write: func(img grayImage) {
			pen(img, 2.5, [2]float64{40, 95}, [2]float64{62, 60}, [2]float64{55, 150})     // 1
			pen(img, 2.5, [2]float64{110, 65}, [2]float64{160, 62}, [2]float64{128, 150})  // 7
			pen(img, 2.5, ring([2]float64{220, 105}, 24, 42)...)                           // 0
			pen(img, 2.5, [2]float64{300, 60}, [2]float64{282, 120}, [2]float64{335, 118}) // 4
			pen(img, 2.5, [2]float64{322, 75}, [2]float64{320, 150})
		}, want: "1704", read: readSure},
		// A 7 with the bar across its stem, a 1 whose lead-in stroke is
		// apart from it (two pieces, one digit), a 0 and a 6.
		{name: "7106", s: wide, write: func(img grayImage) {
			pen(img, 2.5, [2]float64{40, 65}, [2]float64{90, 62}, [2]float64{58, 150}) // 7
			pen(img, 2.5, [2]float64{55, 105}, [2]float64{85, 104})                    // its bar
			pen(img, 2.5, [2]float64{120, 98}, [2]float64{136, 72})                    // lead-in
			pen(img, 2.5, [2]float64{142, 60}, [2]float64{135, 150})                   // 1
			pen(img, 2.5, ring([2]float64{200, 105}, 22, 42)...)                       // 0
			six(img, 0)
		}, want: "7106", read: readSure},
		// The 6 written into the 0: no sure reading (a wrong one would be
		// the worst).
		{name: "a 6 written into the 0", s: wide, write: func(img grayImage) {
			pen(img, 2.5, ring([2]float64{200, 105}, 22, 42)...)
			six(img, 4)
		}, want: "06", read: readRightSure},
		// A 2 three times as wide as written, as two run together may
		// look: a piece wider than tall is no sure digit, nor two cut
		// apart.
		{name: "a 2 three times as wide", s: wide, write: func(img grayImage) {
			wider := func(v float64) float64 { return 40 + (v-40)*3 }
			pen(img, 2.5, [2]float64{wider(40), 80}, [2]float64{wider(55), 62}, [2]float64{wider(72), 70}, [2]float64{wider(70), 95},
				[2]float64{wider(42), 148}, [2]float64{wider(84), 146})
		}, read: readNotSure},
		{name: "an empty blank", s: wide, write: func(grayImage) {}, read: readNothing},
		{name: "a dotted leader", s: wide, write: func(img grayImage) {
			for x := 30.0; x < 560; x += 14 {
				pen(img, 2, [2]float64{x, 140}, [2]float64{x + 1, 140})
			}
		}, read: readNothing},

		// The arm of the printed "y" of "ngày" (or another letter beside
		// the blank) that reaches into the blank's left edge is print, not
		// a digit: joined with a 1 it read as a 7 ("75" for 15).
		{name: "a letter at the edge", w: 400, s: slot{x0: 40, x1: 380, y0: 40, y1: 180, h: 30}, write: func(img grayImage) {
			pen(img, 2.5, [2]float64{10, 150}, [2]float64{30, 128}, [2]float64{60, 98}) // the y's arm, cut by the edge
			pen(img, 2.5, [2]float64{90, 98}, [2]float64{106, 72})                      // 1, its lead-in apart
			pen(img, 2.5, [2]float64{112, 60}, [2]float64{105, 150})
			pen(img, 2.5, [2]float64{190, 62}, [2]float64{160, 64}, [2]float64{156, 100}, // 5
				[2]float64{180, 96}, [2]float64{192, 120}, [2]float64{180, 146}, [2]float64{152, 144})
		}, want: "15", read: readAny},

		// A blank whose end was measured inside a word Tesseract glued the
		// handwriting into ("4#/QĐ-TTg") may cut the last digit or take in
		// the printed slash: where ink crosses that end the blank goes on
		// to the next gap a little further, and without one the reading is
		// unsure. Where nothing crosses it, the reading stands.
		{name: "170 to the codes", s: glued, write: oneSevenZero, want: "170", read: readSure},
		{name: "170, nothing across the guessed end", s: guessedEnd, write: oneSevenZero, want: "170", read: readSure},
		{name: "the guessed end through the 0", s: throughZero, write: oneSevenZero, want: "170", read: readSure},
		{name: "a digit cut by the guessed end, run into the slash", s: throughZero, write: func(img grayImage) {
			oneSevenZero(img)
			pen(img, 2, [2]float64{243, 150}, [2]float64{265, 62}) // the printed slash, touching the 0
		}, read: readNotSure},

		// Where the reading to a glued word's guessed end is unsure (the
		// slash taken in, a digit cut), the blank is read to the slash
		// measured from the codes' printed width, and that reading is
		// kept, as a guess; a sure reading to the guessed end stands.
		{name: "177, nothing at the guessed end", s: measured, write: oneSevenSeven, want: "177", read: readSure},
		{name: "the slash in the guessed blank to 256", s: measured256, write: slashTouching177, want: "177", read: readCapped},
		{name: "the slash in the guessed blank to 268", s: measured268, write: slashTouching177, want: "177", read: readCapped},

		// Two digits written touching so that one stroke is both's (the
		// 0's right side the 6's stem, two 0s sharing a side) are read
		// with that stroke given to each, as a guess: cut at the column
		// with least ink, one of them loses the stroke ("16" read for sure
		// for 06, "10" for 00). Digits read for sure as one piece each
		// stay sure.
		{name: "06, the 0's right side the 6's stem", s: wide, write: func(img grayImage) {
			pen(img, 2.5, ring([2]float64{200, 105}, 18, 40)...)
			pen(img, 2.5, [2]float64{252, 64}, [2]float64{236, 64}, [2]float64{222, 78}, [2]float64{218, 100}, [2]float64{218, 135})
			pen(img, 2.5, ring([2]float64{236, 128}, 18, 17)...)
		}, want: "06", read: readGuess},
		{name: "06 in a thinner pen", s: wide, write: func(img grayImage) {
			pen(img, 2, ring([2]float64{200, 105}, 16, 38)...)
			pen(img, 2, [2]float64{248, 62}, [2]float64{230, 66}, [2]float64{219, 80}, [2]float64{216, 100}, [2]float64{216, 135})
			pen(img, 2, ring([2]float64{233, 127}, 17, 18)...)
		}, want: "06", read: readGuess},
		{name: "60, the 6's bowl against the 0", s: wide, write: func(img grayImage) {
			pen(img, 2.5, [2]float64{205, 64}, [2]float64{186, 90}, [2]float64{184, 130})
			pen(img, 2.5, ring([2]float64{197, 128}, 13, 16)...)
			pen(img, 2.5, ring([2]float64{228, 105}, 18, 40)...)
		}, want: "60", read: readGuess},
		{name: "00 sharing a side", s: wide, write: func(img grayImage) {
			pen(img, 2.5, ring([2]float64{200, 105}, 18, 40)...)
			pen(img, 2.5, ring([2]float64{236, 105}, 18, 40)...)
		}, want: "00", read: readGuess},
		{name: "a wide 4, its stem in its middle", s: wide, write: func(img grayImage) {
			pen(img, 2.5, [2]float64{230, 60}, [2]float64{180, 120}, [2]float64{270, 118})
			pen(img, 2.5, [2]float64{240, 75}, [2]float64{240, 150})
		}, want: "4", read: readSure},
		{name: "a wide 0", s: wide, write: func(img grayImage) { pen(img, 2.5, ring([2]float64{220, 105}, 34, 42)...) }, want: "0", read: readSure},
		{name: "a wide 9", s: wide, write: func(img grayImage) {
			pen(img, 2.5, ring([2]float64{215, 88}, 30, 24)...)
			pen(img, 2.5, [2]float64{245, 88}, [2]float64{242, 150})
		}, want: "9", read: readSure},
	}
	for _, tt := range tests {
		w, h := cmp.Or(tt.w, 600), cmp.Or(tt.h, 200)
		img := grayImage{w: w, h: h, pix: make([]byte, w*h)}
		for i := range img.pix {
			img.pix[i] = 235
		}
		tt.write(img)
		got, least := readSlot(m, img, tt.s)
		sure := least >= handSure
		var ok bool
		switch tt.read {
		case readSure:
			ok = got == tt.want && sure
		case readGuess:
			ok = got == tt.want && !sure && least >= handNumberGuess
		case readCapped:
			ok = got == tt.want && least <= endTouched
		case readAny:
			ok = got == tt.want
		case readNotSure:
			ok = !sure
		case readRightSure:
			ok = !sure || got == tt.want
		case readNothing:
			ok = got == ""
		}
		if !ok {
			t.Errorf("%s: read %q (least %.2f), want %q (%s)", tt.name, got, least, tt.want,
				[...]string{"sure", "a guess", "a guess at most", "however sure", "not sure", "not sure unless right", "nothing"}[tt.read])
		}
	}
}
