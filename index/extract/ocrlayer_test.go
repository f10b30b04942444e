package extract

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"khovanban/assets"
)

// garbledLayer is the shape of an old OCR program's text layer over a
// scan (its fonts lacked the Vietnamese letters): "ngày" as "ngdy",
// "Lâm Đồng" as "Ldm D6ng", capitals inside words.
var garbledLayer = []string{
	"UY BAN NHAN DAN TINH LAM DONG",
	"s6: 12 /KH-UBND Ldm D6ng, ngdy 12 thdng 9 ndm 2025",
	"KE HOACH xdy dung n6ng th6n m6i ndm 2024",
	"Uy ban nhdn ddn xd ddy manh phong trdo thi dua viQc",
	"tri6n khai thuc hiQn c6ng t6c ph6ng ch6ng tham nhfing",
}

// TestLayerQuality tells a garbled or unmarked OCR layer from Vietnamese
// text, with its abbreviations, numbers and a few foreign words.
func TestLayerQuality(t *testing.T) {
	tests := []struct {
		name, text string
		garbled    bool
	}{
		{"Vietnamese", strings.Repeat("Ủy ban nhân dân xã triển khai thực hiện công tác phòng chống tham nhũng năm 2025. ", 3), false},
		{"a header", "UBND TỈNH LÂM ĐỒNG Số: 12/KH-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Lâm Đồng, ngày 12 tháng 9 năm 2025 Kính gửi: Sở Nội vụ, Sở Tài chính, Công an tỉnh về việc triển khai kế hoạch", false},
		{"a table of numbers", strings.Repeat("20 Lạng Sơn 15 1 1 2 1 21 Lào Cai 39 1 2 1 4 1 22 Nghệ An 41 2 1 ", 3), false},
		{"foreign words among Vietnamese", strings.Repeat("Hệ thống PAR INDEX, PAPI, SIPAS và chỉ số Covid-19 của tỉnh được đánh giá cao trong năm. ", 3), false},
		{"garbled", strings.Join(garbledLayer, " "), true},
		{"without marks", strings.Repeat("Lam Dong, ngay 03 thang 9 nam 2025 Thuc hien Cong van so 1189 cua So Noi vu ve viec cu dai dien lanh dao ", 2), true},
		{"too few words", "Ldm D6ng, ngdy 12 thdng 9", false},
	}
	for _, tt := range tests {
		n, bad, plain := layerQuality(tt.text)
		got := garbledText(tt.text)
		if got != tt.garbled {
			t.Errorf("%s: %d words, %d bad, %d without marks: garbled %v, want %v", tt.name, n, bad, plain, got, tt.garbled)
		}
	}
}

// layerScanPDF is a scanned page (a JPEG of the whole page at 300 dpi)
// under an invisible text layer, as an OCR program leaves it.
func layerScanPDF(t *testing.T, lines []string, layer []string) []byte {
	t.Helper()
	img := renderScan(t, lines)
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	pw, ph := float64(w)*72/scanDPI, float64(h)*72/scanDPI
	var content strings.Builder
	fmt.Fprintf(&content, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n", pw, ph)
	for i, l := range layer {
		fmt.Fprintf(&content, "BT 3 Tr /F1 10 Tf 1 0 0 1 30 %.2f Tm (%s) Tj ET\n", ph-40-14*float64(i), l)
	}
	return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>", pw, ph),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", w, h, j.Len(), j.Bytes()),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
		helveticaFont)
}

// TestGarbledLayerOCRed: a scanned page whose OCR layer is garbled is read
// again by OCR and marked so; a good layer over a scan is kept, and
// without OCR the garbled layer is kept with a warning.
func TestGarbledLayerOCRed(t *testing.T) {
	pdf := layerScanPDF(t, scanLines, garbledLayer)
	res, err := Extract(context.Background(), "garbled.pdf", pdf, Options{})
	if err != nil || !strings.Contains(res.Text, "Ldm D6ng") || res.OCRPages != 0 || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnScannedNoOCR || !strings.Contains(res.Warnings[0].Detail, "garbled") {
		t.Errorf("without OCR: err %v, OCR pages %d, warnings %+v, text %q", err, res.OCRPages, res.Warnings, res.Text)
	}

	ocr := NewOCR(OCRConfig{System: true, Engine: assets.OCREngine, Model: assets.OCRVietnamese})
	defer ocr.Close()
	if name, err := ocr.Engine(); err != nil {
		t.Skipf("no OCR engine here: %q, %v", name, err)
	}
	res, err = Extract(context.Background(), "garbled.pdf", pdf, Options{OCR: ocr})
	if err != nil || res.OCRPages != 1 || len(res.Warnings) != 0 {
		t.Fatalf("err %v, OCR pages %d, warnings %+v", err, res.OCRPages, res.Warnings)
	}
	if strings.Contains(res.Text, "D6ng") || strings.Contains(res.Text, "ngdy") || !strings.Contains(res.Text, "KẾ HOẠCH") || !strings.Contains(res.Text, "Ủy ban nhân dân") {
		t.Errorf("the garbled layer is not replaced by OCR:\n%s", res.Text)
	}

	// A layer of 60 words or more that reads as Vietnamese (here in the
	// letters WinAnsi has) is kept, the page not OCRed.
	good := []string{
		"Tình hình thi hành án, công tác tài chính và thu chi ngân sách",
		"các ngành có ý chí; chính sách tìm cách lo cho nhân dân",
		"và doanh nhân trong nông thôn; các xã có kinh phí, có lãi",
		"Tình hình thi hành án, công tác tài chính và thu chi ngân sách",
		"các ngành có ý chí; chính sách tìm cách lo cho nhân dân",
		"và doanh nhân trong nông thôn; các xã có kinh phí, có lãi",
	}
	for i, l := range good {
		if good[i], err = charmap.Windows1252.NewEncoder().String(l); err != nil {
			t.Fatal(err)
		}
	}
	res, err = Extract(context.Background(), "good.pdf", layerScanPDF(t, scanLines, good), Options{OCR: ocr})
	if err != nil || res.OCRPages != 0 || !strings.Contains(res.Text, "tìm cách lo cho") {
		t.Errorf("a good layer: err %v, OCR pages %d, text %q", err, res.OCRPages, res.Text)
	}
}
