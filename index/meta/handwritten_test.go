package meta

import (
	"strings"
	"testing"
)

// A handwriting reader's digits fill only what the scan's text leaves
// unread, and what they fill goes to review with the reason.
func TestHandwrittenDigitsFillBlanks(t *testing.T) {
	header := func(numberLine, dateLine string) string {
		return "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
			numberLine + "\n" + dateLine + "\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\n" +
			"Căn cứ Quyết định số 12/QĐ-UBND ngày 14/02/2023 của Ủy ban nhân dân tỉnh;\nNội dung kế hoạch như sau.\n"
	}
	tests := []struct {
		name               string
		numberLine, date   string
		handNumber, hDay   string
		wantNumber, wantDt string
		handN, handD       bool // the field is the reader's, for review
		ocrNumber, ocrDay  string
	}{
		{"blank number and day", "Số:      /KH-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "125", "12", "125/KH-UBND", "2025-09-12", true, true, "", ""},
		{"junk where the digits are", "Số: 4š /KH-UBND", "Hà Tiên, ngày Oÿ_ tháng 02 năm 2024", "47", "7", "47/KH-UBND", "2024-02-07", true, true, "", ""},
		{"codes with small letters", "Số: O{_ /TTr-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "01", "", "01/TTr-UBND", "", true, false, "", ""},
		{"a space OCR put in the codes", "Số: .{|5 /CV- BTV", "Hà Tiên, ngày     tháng 9 năm 2025", "113", "", "113/CV-BTV", "", true, false, "", ""},
		{"party codes", "Số:      -KH/HU", "Hà Tiên, ngày 3 tháng 9 năm 2025", "12", "", "12-KH/HU", "2025-09-03", true, false, "", ""},
		{"printed number and day are kept", "Số: 88/KH-UBND", "Hà Tiên, ngày 14 tháng 9 năm 2025", "125", "12", "88/KH-UBND", "2025-09-14", false, false, "", ""},
		{"no reading: unread as before", "Số:      /KH-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "", "", "", "", false, false, "", ""},
		{"no such day", "Số:      /KH-UBND", "Hà Tiên, ngày     tháng 2 năm 2025", "", "30", "", "", false, false, "", ""},
		{"month unread too", "Số:      /KH-UBND", "Hà Tiên, ngày     tháng     năm 2025", "", "12", "", "", false, false, "", ""},
		{"not digits", "Số:      /KH-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "1a", "123", "", "", false, false, "", ""},
		{"junk in two words", "Số: 5 6Ø/GM-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "560", "", "560/GM-UBND", "", true, false, "", ""},
		{"Số read with another mark", "Só:}492 /TB-UBND", "Hà Tiên, ngày     tháng 9 năm 2025", "493", "", "493/TB-UBND", "", true, false, "", ""},
		{"junk that starts with a slash", "Số: /26 /TTr-CAT-PC04", "Hà Tiên, ngày     tháng 9 năm 2025", "196", "", "196/TTr-CAT-PC04", "", true, false, "", ""},
		{"digits OCR was unsure of are replaced", "Số: 4140/KH-UBND", "Hà Tiên, ngày 01 tháng 6 năm 2025", "1710", "4", "1710/KH-UBND", "2025-06-04", true, true, "4140", "01"},
		{"digits OCR was unsure of go to review", "Số: 4140/KH-UBND", "Hà Tiên, ngày 01 tháng 6 năm 2025", "", "", "4140/KH-UBND", "2025-06-01", true, true, "4140", "01"},
		{"no such day replaces none", "Số: 4140/KH-UBND", "Hà Tiên, ngày 01 tháng 2 năm 2025", "", "30", "4140/KH-UBND", "2025-02-01", true, true, "4140", "1"},
		{"other digits than OCR's unsure ones are kept", "Số: 88/KH-UBND", "Hà Tiên, ngày 14 tháng 9 năm 2025", "125", "12", "88/KH-UBND", "2025-09-14", false, false, "8", "4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read(header(tt.numberLine, tt.date), Hint{OCR: true, HandNumber: tt.handNumber, HandDay: tt.hDay,
				OCRNumber: tt.ocrNumber, OCRDay: tt.ocrDay})
			if r.Number.Text != tt.wantNumber || r.Date.Text != tt.wantDt {
				t.Fatalf("number %q date %q, want %q %q", r.Number.Text, r.Date.Text, tt.wantNumber, tt.wantDt)
			}
			for _, f := range []struct {
				name string
				v    Value
				hand bool
			}{{"number", r.Number, tt.handN}, {"date", r.Date, tt.handD}} {
				said := strings.Contains(r.Why[f.name], handWhy)
				if said != f.hand || f.hand && f.v.Confidence > confWeak {
					t.Errorf("%s: confidence %.2f why %q, handwritten %v", f.name, f.v.Confidence, r.Why[f.name], f.hand)
				}
			}
			if r.Year != 2025 && r.Year != 2024 {
				t.Errorf("year %d", r.Year)
			}
		})
	}
}

// A handwritten day that would date the paper after its first digital
// signature is no day it can bear: it is left unread.
func TestHandwrittenDayNotAfterSigning(t *testing.T) {
	text := "Ký bởi: Ủy ban nhân dân tỉnh Hà Tiên\nThời gian ký: 14/09/2025 09:12:40\n" +
		"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
		"Số:      /KH-UBND\nHà Tiên, ngày     tháng 9 năm 2025\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\nNội dung kế hoạch như sau.\n"
	for day, want := range map[string]string{"12": "2025-09-12", "14": "2025-09-14", "17": ""} {
		if r := Read(text, Hint{OCR: true, HandDay: day}); r.Date.Text != want {
			t.Errorf("day %s: date %q, want %q", day, r.Date.Text, want)
		}
	}
}

// Digits OCR read apart in a number ("Số: 257 1/VNPT-LĐG", printed, or
// "Số: 47 7/CAT-PA05" for a handwritten 177) are joined, and the number
// is for review.
func TestNumberDigitsApart(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
		"Số: 257 1/KH-UBND\nHà Tiên, ngày 26 tháng 9 năm 2025\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\nNội dung kế hoạch như sau.\n"
	r := Read(text, Hint{OCR: true})
	if r.Number.Text != "2571/KH-UBND" || r.Number.Confidence > confWeak || !strings.Contains(r.Why["number"], joinedWhy) {
		t.Errorf("number %+v why %q", r.Number, r.Why["number"])
	}
}

// A day or month the reader read unsure of it fills only a blank the text
// leaves (or OCR's own unsure digits), a month only where the text has
// none, and the date made of them is a guess for review, never after the
// paper's first digital signature.
func TestHandwrittenGuessesAndMonths(t *testing.T) {
	header := func(dateLine string) string {
		return "Ký bởi: Ủy ban nhân dân tỉnh Hà Tiên\nThời gian ký: 14/09/2025 09:12:40\n" +
			"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
			"Số:      /KH-UBND\n" + dateLine + "\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\nNội dung kế hoạch như sau.\n"
	}
	tests := []struct {
		name, date string
		hint       Hint
		want       string
		why        string // what the reason says: handWhy, handGuessWhy or neither ("")
	}{
		{"a guessed day fills the blank", "Hà Tiên, ngày     tháng 9 năm 2025", Hint{HandDayGuess: "11"}, "2025-09-11", "ngày " + handGuessWhy},
		{"a day glued to ngày is OCR's guess", "Hà Tiên, ngày-14 tháng 9 năm 2025", Hint{HandDayGuess: "11", OCRDay: "14"}, "2025-09-11", "ngày " + handGuessWhy},
		{"a sure day before a guess", "Hà Tiên, ngày     tháng 9 năm 2025", Hint{HandDay: "12", HandDayGuess: "11"}, "2025-09-12", "ngày " + handWhy},
		{"a guess replaces OCR's unsure day", "Hà Tiên, ngày24tháng 9 năm 2025", Hint{HandDayGuess: "09", OCRDay: "24"}, "2025-09-09", "ngày " + handGuessWhy},
		{"a guess after the signature is none", "Hà Tiên, ngày     tháng 9 năm 2025", Hint{HandDayGuess: "17"}, "", ""},
		{"day and month written by hand", "Hà Tiên, ngày tháng đ năm 2025", Hint{HandDay: "12", HandMonth: "9"}, "2025-09-12", "ngày, tháng " + handWhy},
		{"a guessed month makes a guess", "Hà Tiên, ngày 2 thángØf năm 2025", Hint{HandDay: "04", HandMonthGuess: "09", OCRDay: "2"}, "2025-09-04", "ngày, tháng " + handGuessWhy},
		{"the printed month is kept", "Hà Tiên, ngày     tháng 8 năm 2025", Hint{HandDay: "12", HandMonth: "9"}, "2025-08-12", "ngày " + handWhy},
		{"no such month", "Hà Tiên, ngày tháng Ø năm 2025", Hint{HandDay: "12", HandMonth: "13"}, "", ""},
		{"a month without a day", "Hà Tiên, ngày tháng Ø năm 2025", Hint{HandMonth: "9"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.hint.OCR = true
			r := Read(header(tt.date), tt.hint)
			if r.Date.Text != tt.want {
				t.Fatalf("date %q, want %q (why %q)", r.Date.Text, tt.want, r.Why["date"])
			}
			if r.Year != 2025 {
				t.Errorf("year %d", r.Year)
			}
			if tt.want == "" {
				return
			}
			if r.Date.Confidence > confWeak || !strings.HasPrefix(r.Why["date"], tt.why+";") {
				t.Errorf("confidence %.2f why %q, want it to start with %q", r.Date.Confidence, r.Why["date"], tt.why)
			}
		})
	}
}

// The number's digits the reader read unsure of fill a number whose codes
// alone were read (or replace OCR's own unsure digits) as a guess, for
// review with its reason; sure digits come first, a printed number is
// kept, and a draft's blank number stays blank. The codes are found after
// the junk OCR made of four digits, with a type code's Đ read twice made
// one.
func TestHandwrittenNumberGuess(t *testing.T) {
	text := func(numberLine string) string {
		return "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
			numberLine + "\nHà Tiên, ngày 12 tháng 9 năm 2025\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\nNội dung kế hoạch như sau.\n"
	}
	tests := []struct {
		name, line string
		hint       Hint
		want, why  string // why: handWhy, handGuessWhy or neither ("")
	}{
		{"a guess fills the blank", "Số:      /KH-UBND", Hint{HandNumberGuess: "1716"}, "1716/KH-UBND", handGuessWhy},
		{"sure digits before a guess", "Số:      /KH-UBND", Hint{HandNumber: "125", HandNumberGuess: "126"}, "125/KH-UBND", handWhy},
		{"a guess replaces OCR's unsure digits", "Số: 4140/KH-UBND", Hint{HandNumberGuess: "1710", OCRNumber: "4140"}, "1710/KH-UBND", handGuessWhy},
		{"a printed number is kept", "Số: 88/KH-UBND", Hint{HandNumberGuess: "12"}, "88/KH-UBND", ""},
		{"OCR's leading zero is kept: the same number", "Số: 01/KH-UBND", Hint{HandNumber: "1", OCRNumber: "01"}, "01/KH-UBND", handWhy},
		{"a draft's blank stays blank", "Số:      /KH-UBND", Hint{}, "", ""},
		{"not digits", "Số:      /KH-UBND", Hint{HandNumberGuess: "12a"}, "", ""},
		{"four digits' junk", "Só/‡t2j# /UBND-NC", Hint{HandNumberGuess: "4377"}, "4377/UBND-NC", handGuessWhy},
		{"a type code's Đ read twice", "Số: /Z⁄46 /QĐÐ-UBND", Hint{HandNumberGuess: "1716"}, "1716/QĐ-UBND", handGuessWhy},
		{"an issuer's two Đ kept", "Số: $† /SNNMT-CCQLĐĐ", Hint{HandNumber: "4186"}, "4186/SNNMT-CCQLĐĐ", handWhy},
		{"a space in a blank's codes", "Số /TTr- CAT-PC04", Hint{HandNumberGuess: "298"}, "298/TTr-CAT-PC04", handGuessWhy},
		{"a code ending in small letters", "Số: 4#/QĐ-TTg", Hint{HandNumberGuess: "932"}, "932/QĐ-TTg", handGuessWhy},
		{"three codes after junk", "Só:}492/TB-UBND-VP", Hint{HandNumber: "493"}, "493/TB-UBND-VP", handWhy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.hint.OCR = true
			r := Read(text(tt.line), tt.hint)
			if r.Number.Text != tt.want {
				t.Fatalf("number %q, want %q (why %q)", r.Number.Text, tt.want, r.Why["number"])
			}
			if tt.why == "" {
				if strings.Contains(r.Why["number"], handWhy) || strings.Contains(r.Why["number"], handGuessWhy) {
					t.Errorf("why %q, want no handwriting", r.Why["number"])
				}
				return
			}
			if r.Number.Confidence > confWeak || !strings.HasPrefix(r.Why["number"], tt.why+";") {
				t.Errorf("confidence %.2f why %q, want it to start with %q", r.Number.Confidence, r.Why["number"], tt.why)
			}
		})
	}
}

// TestBlankNumberSaysWhy: a number cell without a number says why: on a
// scan, digits the reader could not read, unsure (to review); in a typed
// document, a number left blank on purpose, sure (usertest s13: a scanned
// letter's empty number was not marked for review).
func TestBlankNumberSaysWhy(t *testing.T) {
	text := "ỦY BAN MTTQ VIỆT NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\nĐộc lập - Tự do - Hạnh phúc\nSố:      /MTTQ-BTT\n" +
		"Lâm Đồng, ngày 13 tháng 11 năm 2025\nV/v đề nghị thống nhất sử dụng Điều lệ Hội\n\nKính gửi: Sở Nội vụ tỉnh Lâm Đồng\nNội dung đề nghị như sau.\n"
	for _, c := range []struct {
		ocr    bool
		why    string
		unsure bool
	}{{true, unreadNumberWhy, true}, {false, blankNumberWhy, false}} {
		r := Read(text, Hint{OCR: c.ocr})
		if r.Number.Text != "" || r.Why["number"] != c.why || (r.Number.Confidence < 0.7) != c.unsure {
			t.Errorf("OCR %v: number %q, confidence %.2f, why %q", c.ocr, r.Number.Text, r.Number.Confidence, r.Why["number"])
		}
	}
	// A document without a number cell says nothing of one.
	if r := Read(strings.Replace(text, "Số:      /MTTQ-BTT\n", "", 1), Hint{OCR: true}); r.Why["number"] != "" {
		t.Errorf("no number cell: why %q", r.Why["number"])
	}
}

// The codes of a tờ trình's unread number as OCR misreads them on a scan:
// "TTr" read as "TIr" or "ULIr", a unit's code in brackets after a space.
func TestHandwrittenNumberCodesMended(t *testing.T) {
	tests := []struct {
		typeLine, numberLine, hand, want string
	}{
		{"TỜ TRÌNH", "Số: 7# /TIr- CAT(PA05)", "197", "197/TTr-CAT(PA05)"},
		{"TỜ TRÌNH", "Số: 2/ /ULIr-CAT-PC04", "91", "91/TTr-CAT-PC04"},
		{"TỜ TRÌNH", "Số:#{Éˆ /TTr-CAT(PC04)", "416", "416/TTr-CAT(PC04)"},
		// only a tờ trình's codes are taken for TTr
		{"KẾ HOẠCH", "Số: 7# /TIr-CAT", "197", "197/TIr-CAT"},
	}
	for _, tt := range tests {
		text := "CÔNG AN TỈNH HÀ TIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" + tt.numberLine +
			"\nHà Tiên, ngày 19 tháng 9 năm 2025\n" + tt.typeLine + "\nĐề nghị kiện toàn đội ứng cứu sự cố mạng\n\nKính gửi: Ủy ban nhân dân tỉnh.\n\nNội dung như sau.\n"
		r := Read(text, Hint{OCR: true, HandNumber: tt.hand})
		if r.Number.Text != tt.want {
			t.Errorf("%s %q: number %q, want %q", tt.typeLine, tt.numberLine, r.Number.Text, tt.want)
		}
	}
}

// A digitally signed PDF whose number the signing program stamped apart
// from its cell: the digits alone on the line over "Số: /BNV-CCHC". A page
// number over the issuer is no number's digits.
func TestStampedNumberOverItsCell(t *testing.T) {
	body := "V/v hướng dẫn chấm điểm cải cách hành chính\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 15 tháng 12 năm 2025\n\nKính gửi: Các bộ, ngành.\n\nNội dung hướng dẫn như sau.\n"
	r := Read("BỘ XÂY DỰNG\n12094\nSố: /BXD-CCHC\n"+body, Hint{})
	if r.Number.Text != "12094/BXD-CCHC" || r.Number.Confidence >= 0.7 || !strings.Contains(r.Why["number"], "đứng riêng") {
		t.Errorf("stamped: number %q, confidence %.2f, why %q", r.Number.Text, r.Number.Confidence, r.Why["number"])
	}
	if r := Read("8\nBỘ XÂY DỰNG\nSố: /BXD-CCHC\n"+body, Hint{}); r.Number.Text != "" {
		t.Errorf("a page number over the issuer: number %q, want none", r.Number.Text)
	}
}
