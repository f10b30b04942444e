package extract

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"khovanban/index/meta"
)

// signedToTrinh is the first page of a tờ trình as a province's e-office
// system sends it: the two header columns side by side, the number and
// day written into the blanks by annotations, the signature's stamp in
// a corner, the body justified.
func signedToTrinh() []byte {
	const size = 13
	page := []pdfText{
		{x: 80, y: 780, size: size, s: "UBND TỈNH BÌNH AN"},
		{x: 300, y: 780, size: size, s: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{x: 107, y: 765, size: size, s: "SỞ NỘI VỤ"},
		{x: 330, y: 764, size: size + 1, s: "Độc lập - Tự do - Hạnh phúc"},
		{x: 95, y: 745, size: size, s: "Số:        /TTr-SNV"},
		{x: 320, y: 745, size: size, s: "Bình An, ngày 05 tháng 3 năm 2025"},
		{x: 266, y: 710, size: size + 1, s: "TỜ TRÌNH"},
		{x: 150, y: 694, size: size + 1, s: "Về việc công nhận Điều lệ Hội Khuyến học tỉnh"},
		{x: 190, y: 662, size: size + 1, s: "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh"},
	}
	page = append(page, wrapLines("Thực hiện Nghị định số 126/2024/NĐ-CP của Chính phủ về tổ chức, hoạt động và quản lý hội, "+
		"Sở Nội vụ đã thẩm định hồ sơ đề nghị công nhận Điều lệ của Hội Khuyến học tỉnh và thấy hồ sơ đầy đủ, đúng quy định.",
		85, 630, size+1, 20, 455, 64, 28)...)
	page = append(page, wrapLines("Sở Nội vụ kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.", 85, 560, size+1, 20, 455, 64, 28)...)
	page = append(page,
		pdfText{x: 85, y: 500, size: 12, s: "Nơi nhận:"},
		pdfText{x: 360, y: 500, size: size, s: "GIÁM ĐỐC"},
		pdfText{x: 85, y: 486, size: 11, s: "- Như trên;"},
		pdfText{x: 85, y: 473, size: 11, s: "- Lưu: VT, TCBC."},
		pdfText{x: 345, y: 420, size: size + 1, s: "Trần Văn Bình"},
	)
	annots := map[int][]pdfAnnot{0: {
		{rect: [4]float64{120, 742, 142, 758}, texts: []pdfText{{x: 1, y: 3, size: size, s: "125"}}},
		{rect: [4]float64{370, 795, 570, 835}, texts: []pdfText{
			{x: 2, y: 28, size: 8, s: "Ký bởi: Sở Nội vụ"},
			{x: 2, y: 18, size: 8, s: "Cơ quan: Tỉnh Bình An"},
			{x: 2, y: 8, size: 8, s: "Thời gian ký: 05.03.2025 09:12:40 +07:00"},
		}},
	}}
	return genPDF([][]pdfText{page}, annots)
}

func TestPDFHeaderColumns(t *testing.T) {
	res, err := Extract(context.Background(), "totrinh.pdf", signedToTrinh(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := res.Text
	lines := strings.Split(text, "\n")
	has := func(line string) bool {
		for _, l := range lines {
			if l == line {
				return true
			}
		}
		return false
	}
	for _, want := range []string{
		"UBND TỈNH BÌNH AN", "SỞ NỘI VỤ", "Số: 125 /TTr-SNV", // the number is read in its blank
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bình An, ngày 05 tháng 3 năm 2025",
		"TỜ TRÌNH", "Về việc công nhận Điều lệ Hội Khuyến học tỉnh",
		"Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh",
		// wrapped lines of a paragraph are one line
		"Thực hiện Nghị định số 126/2024/NĐ-CP của Chính phủ về tổ chức, hoạt động và quản lý hội, " +
			"Sở Nội vụ đã thẩm định hồ sơ đề nghị công nhận Điều lệ của Hội Khuyến học tỉnh và thấy hồ sơ đầy đủ, đúng quy định.",
		"Nơi nhận:", "- Lưu: VT, TCBC.", "GIÁM ĐỐC", "Trần Văn Bình",
	} {
		if !has(want) {
			t.Errorf("no line %q in:\n%s", want, text)
		}
	}
	// the left column comes before the right one
	if strings.Index(text, "Số: 125") > strings.Index(text, "CỘNG HÒA") {
		t.Errorf("right column before the left one:\n%s", text)
	}
	// the stamp is a paragraph of its own, each line kept
	stamp := "Ký bởi: Sở Nội vụ\nCơ quan: Tỉnh Bình An\nThời gian ký: 05.03.2025 09:12:40 +07:00"
	if !strings.Contains("\n\n"+text+"\n\n", "\n\n"+stamp+"\n\n") {
		t.Errorf("stamp not apart:\n%s", text)
	}
	m := meta.Read(text, meta.Hint{})
	if m.Number.Text != "125/TTr-SNV" || m.Type.Text != "Tờ trình" || m.Date.Text != "2025-03-05" ||
		!strings.Contains(m.Issuer.Text, "Sở Nội vụ") || m.Signer.Text != "Trần Văn Bình" {
		t.Errorf("meta read number %q type %q date %q issuer %q signer %q from:\n%s",
			m.Number.Text, m.Type.Text, m.Date.Text, m.Issuer.Text, m.Signer.Text, text)
	}
}

// TestPDFRepeatedPageHeader: a gazette's page header and page numbers,
// on every page at the same height, are dropped; a bundle's national
// headers, repeated too, stay.
func TestPDFRepeatedPageHeader(t *testing.T) {
	bodies := []string{
		"Điều 1. Phê duyệt Kế hoạch phát triển giáo dục nghề nghiệp của tỉnh giai đoạn hai năm tới với các chỉ tiêu cụ thể.",
		"Điều 2. Giao Sở Lao động chủ trì, phối hợp với các sở, ngành liên quan tổ chức thực hiện Kế hoạch này.",
		"Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh và thủ trưởng các cơ quan có liên quan chịu trách nhiệm thi hành.",
	}
	var pages [][]pdfText
	for i, body := range bodies {
		p := []pdfText{{x: 200, y: 810, size: 11, s: "CÔNG BÁO/Số 1265 + 1266/Ngày 31-12-2015"}}
		num := pdfText{x: 60, y: 810, size: 11, s: []string{"15", "16", "17"}[i]}
		if i%2 == 1 {
			num.x = 530
		}
		p = append(p, num, pdfText{x: 60, y: 795, size: 11, s: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"})
		p = append(p, wrapLines(body, 60, 760, 13, 18, 470, 70, 0)...)
		pages = append(pages, p)
	}
	res, err := Extract(context.Background(), "congbao.pdf", genPDF(pages, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Text, "CÔNG BÁO") || strings.Contains(res.Text, "1266") {
		t.Errorf("page header kept:\n%s", res.Text)
	}
	for _, n := range []string{"15", "16", "17"} {
		for _, l := range strings.Split(res.Text, "\n") {
			if strings.TrimSpace(l) == n {
				t.Errorf("page number %s kept:\n%s", n, res.Text)
			}
		}
	}
	if got := strings.Count(res.Text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"); got != 3 {
		t.Errorf("%d national headers, want 3:\n%s", got, res.Text)
	}
	for _, b := range bodies {
		if !strings.Contains(res.Text, b) {
			t.Errorf("body %q missing:\n%s", b, res.Text)
		}
	}
	// two pages are not enough to call a line a page header
	two, err := Extract(context.Background(), "two.pdf", genPDF(pages[:2], nil), Options{})
	if err != nil || strings.Count(two.Text, "CÔNG BÁO") != 2 {
		t.Errorf("err %v, two pages:\n%s", err, two.Text)
	}
}

// TestPDFTable: a table of more than two columns is written row by row,
// cells apart.
func TestPDFTable(t *testing.T) {
	var p []pdfText
	rows := [][]string{{"TT", "Đơn vị", "Số hội", "Ghi chú"}, {"1", "Phường Bình An", "12", "đủ hồ sơ"}, {"2", "Xã Tân Lập", "7", "thiếu điều lệ"}}
	for i, r := range rows {
		for j, c := range r {
			p = append(p, pdfText{x: []float64{70, 110, 300, 400}[j], y: 700 - 20*float64(i), size: 12, s: c})
		}
	}
	res, err := Extract(context.Background(), "table.pdf", genPDF([][]pdfText{p}, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "TT\tĐơn vị\tSố hội\tGhi chú\n1\tPhường Bình An\t12\tđủ hồ sơ\n2\tXã Tân Lập\t7\tthiếu điều lệ"
	if res.Text != want {
		t.Errorf("got\n%q\nwant\n%q", res.Text, want)
	}
}

// TestPDFOCRLayerWords: the text layer a scanner's OCR lays over a scan
// draws each word on its own, without space glyphs, a little apart, and
// on a skewed scan each word a little lower than the one before. The
// words stay apart (pdftotext splits at a tenth of the size).
func TestPDFOCRLayerWords(t *testing.T) {
	const size = 13.0
	var page []pdfText
	x := 300.0
	for _, w := range []string{"CỘNG", "HÒA", "XÃ", "HỘI"} { // 0.12 em apart, no spaces
		page = append(page, pdfText{x: x, y: 790, size: size, s: w})
		x += float64(len([]rune(w)))*size/2 + 0.12*size
	}
	x, y := 70.0, 700.0
	for _, w := range []string{"thông ", "qua ", "và ", "hoàn ", "thiện ", "hồ ", "sơ"} { // skewed, each word ends with a space
		page = append(page, pdfText{x: x, y: y, size: size, s: w})
		x += float64(len([]rune(w))) * size / 2
		y -= 0.9
	}
	res, err := Extract(context.Background(), "ocrlayer.pdf", genPDF([][]pdfText{page}, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI", "thông qua và hoàn thiện hồ sơ"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("no %q in\n%s", want, res.Text)
		}
	}
}

// TestPDFLetterSpacedHeading: a heading set with letter spacing (Tc) in
// which one letter comes from another font drawn without the spacing, as
// PDF makers draw a TCVN3 "ư" they take from a fallback font: the letters
// after it stand the spacing apart from it, and are still one word
// ("THỦ TƯ ỚNG" was read). Words the pen moved apart without a space
// glyph stay apart.
func TestPDFLetterSpacedHeading(t *testing.T) {
	const size, tc = 10.0, 1.2 // glyphs are half an em wide: 5 points, then the spacing
	var p []pdfText
	x := 100.0
	draw := func(s string, spacing, gapAfter float64) {
		p = append(p, pdfText{x: x, y: 700, size: size, s: s, tc: spacing})
		x += float64(utf8.RuneCountInString(s))*(size/2+spacing) + gapAfter
	}
	draw("CỦA THỦ T", tc, 0)
	draw("Ư", 0, tc) // where the letter-spaced font would have ended it
	draw("ỚNG CHÍNH", tc, 3.5)
	draw("PHỦ", tc, 0)
	res, err := Extract(context.Background(), "heading.pdf", genPDF([][]pdfText{p}, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "CỦA THỦ TƯỚNG CHÍNH PHỦ"; res.Text != want {
		t.Errorf("got %q, want %q", res.Text, want)
	}
}
