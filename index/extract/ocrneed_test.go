package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"strings"
	"testing"

	"khovanban/assets"
)

// testPage is one A4 page for needsOCR's tests: lines of text in
// Helvetica and, when w > 0, a grey picture of w×h pixels drawn at (x, y)
// over dw×dh points.
type testPage struct {
	lines        []string
	w, h         int
	x, y, dw, dh float64
}

// pagesPDF writes a PDF of A4 pages with their text and pictures.
func pagesPDF(pages []testPage) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	add := func(o string) int { objs = append(objs, o); return len(objs) }
	stream := func(dict string, data []byte) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
	}
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, p := range pages {
		var content strings.Builder
		xobj := ""
		if p.w > 0 {
			var z bytes.Buffer
			zw := zlib.NewWriter(&z)
			zw.Write(bytes.Repeat([]byte{0xF0}, p.w*p.h))
			zw.Close()
			im := add(stream(fmt.Sprintf("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", p.w, p.h), z.Bytes()))
			xobj = fmt.Sprintf("/XObject << /Im0 %d 0 R >>", im)
			fmt.Fprintf(&content, "q %g 0 0 %g %g %g cm /Im0 Do Q\n", p.dw, p.dh, p.x, p.y)
		}
		for i, l := range p.lines {
			fmt.Fprintf(&content, "BT /F1 12 Tf 1 0 0 1 60 %d Tm (%s) Tj ET\n", 780-16*i, l)
		}
		c := add(stream("", []byte(content.String())))
		kids = append(kids, fmt.Sprintf("%d 0 R", add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> %s >> /Contents %d 0 R >>", font, xobj, c))))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return rawPDF(objs...)
}

// paragraph is n lines of twelve words of running text.
func paragraph(n int) []string {
	var out []string
	for range n {
		out = append(out, "Uy ban nhan dan xa trien khai thuc hien cong tac phong chong")
	}
	return out
}

// TestNeedsOCR: only a page without text that has a picture, or a page
// whose few words lie over a picture of the whole page, is OCRed.
func TestNeedsOCR(t *testing.T) {
	few := []string{"Noi nhan:", "- Nhu tren;", "- Luu: VT."}
	stamp := []string{"Ky boi: Uy ban nhan dan xa", "Thoi gian ky: 24.10.2025 09:15:00 +07:00"}
	tests := []struct {
		name string
		page testPage
		want bool
	}{
		{"a page of text", testPage{lines: paragraph(20)}, false},
		{"a last page of a few lines", testPage{lines: few}, false},
		{"a few lines and a logo", testPage{lines: few, w: 300, h: 300, x: 60, y: 600, dw: 80, dh: 80}, false},
		{"a few lines and a signature picture", testPage{lines: few, w: 600, h: 240, x: 330, y: 500, dw: 200, dh: 80}, false},
		{"a blank page", testPage{}, false},
		{"a scan", testPage{w: 1240, h: 1754, dw: 595, dh: 842}, true},
		{"a scan cropped", testPage{w: 1100, h: 900, x: 40, y: 300, dw: 520, dh: 420}, true},
		{"a scan with a signing stamp", testPage{lines: stamp, w: 1240, h: 1754, dw: 595, dh: 842}, true},
		{"a scan with its OCR layer", testPage{lines: paragraph(20), w: 1240, h: 1754, dw: 595, dh: 842}, false},
	}
	for _, tt := range tests {
		data := pagesPDF([]testPage{tt.page})
		r, err := openPDF(&budgetReader{ctx: context.Background(), data: data, left: 1 << 30}, int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		lines, _, err := pageText(r, 1)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := needsOCR(r, 1, layoutLines(lines)); got != tt.want {
			t.Errorf("%s: needsOCR = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestNeedsOCRForm: a page without text that draws a form XObject may
// hold its scan in it: it is tried (and reported if OCR finds no
// picture), not taken for a blank page.
func TestNeedsOCRForm(t *testing.T) {
	data := rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Fm0 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Length 0 >>\nstream\n\nendstream",
		"<< /Length 8 >>\nstream\n/Fm0 Do\nendstream",
	)
	r, err := openPDF(&budgetReader{ctx: context.Background(), data: data, left: 1 << 30}, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !needsOCR(r, 1, "") {
		t.Error("a page drawing a form is taken for a blank page")
	}
}

// TestTextPDFNotOCRed: a letter whose second page holds only "Nơi nhận"
// and a signature picture is not OCRed: no page is announced and the
// engine is not started.
func TestTextPDFNotOCRed(t *testing.T) {
	data := pagesPDF([]testPage{
		{lines: paragraph(30)},
		{lines: []string{"Noi nhan:", "- Nhu tren;", "- Luu: VT."}, w: 600, h: 240, x: 330, y: 500, dw: 200, dh: 80},
	})
	ocr := NewOCR(OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese})
	defer ocr.Close()
	announced := 0
	res, err := Extract(context.Background(), "letter.pdf", data, Options{OCR: ocr, OCRProgress: func(int, int) { announced++ }})
	if err != nil || res.Pages != 2 || res.OCRPages != 0 || len(res.Warnings) != 0 || announced != 0 {
		t.Errorf("pages %d, OCR pages %d, warnings %v, pages announced %d, %v", res.Pages, res.OCRPages, res.Warnings, announced, err)
	}
	if !strings.Contains(res.Text, "Luu: VT.") {
		t.Errorf("page 2 lost:\n%s", res.Text)
	}
	if ocr.wasm != nil {
		t.Error("the OCR engine was started")
	}
}
