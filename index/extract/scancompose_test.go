package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"strings"
	"testing"

	"khovanban/assets"
)

// layeredScanPDF stores a scanned page as a copier's "compact PDF" does:
// a coarse background picture at 100 dpi holding only the paper's tone,
// and the text as 1-bit stencils at 300 dpi painted in dark blue over
// it, the header in one, the body in another.
func layeredScanPDF(t *testing.T, img *image.Gray, split int) []byte {
	t.Helper()
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	pw, ph := float64(w)*72/scanDPI, float64(h)*72/scanDPI
	bg := image.NewGray(image.Rect(0, 0, w/3, h/3))
	draw.Draw(bg, bg.Bounds(), image.NewUniform(color.Gray{Y: 235}), image.Point{}, draw.Src)
	var j bytes.Buffer
	if err := jpeg.Encode(&j, bg, nil); err != nil {
		t.Fatal(err)
	}
	stencil := func(y0, y1 int) string {
		row := (w + 7) / 8
		bits := make([]byte, row*(y1-y0))
		for y := y0; y < y1; y++ {
			for x := range w {
				if img.GrayAt(x, y).Y >= 128 { // 1: not painted
					bits[(y-y0)*row+x/8] |= 0x80 >> (x % 8)
				}
			}
		}
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(bits)
		zw.Close()
		return fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", w, y1-y0, z.Len(), z.Bytes())
	}
	// the stencils' places: PDF's y goes up from the bottom of the page
	topH, bodyH := float64(split)*72/scanDPI, float64(h-split)*72/scanDPI
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Bg Do Q\n0.1 0.1 0.45 rg\nq %.2f 0 0 %.2f 0 %.2f cm /S1 Do Q\nq %.2f 0 0 %.2f 0 0 cm /S2 Do Q\n",
		pw, ph, pw, topH, ph-topH, pw, bodyH)
	return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Bg 4 0 R /S1 5 0 R /S2 6 0 R >> >> /Contents 7 0 R >>", pw, ph),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", bg.Bounds().Dx(), bg.Bounds().Dy(), j.Len(), j.Bytes()),
		stencil(0, split), stencil(split, h),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
}

// TestLayeredScan: a page stored as a background and text stencils is
// put back together as the page shows it, every stencil in its place,
// and its header is read by OCR.
func TestLayeredScan(t *testing.T) {
	src := renderScan(t, scanLines)
	split := src.Bounds().Dy() * 2 / 5 // the header lines
	data := layeredScanPDF(t, src, split)
	r, err := openPDF(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	img, dpi, err := pageScan(r, data, 1, false, 0)
	if err != nil || dpi != scanDPI || img.w != src.Bounds().Dx() || img.h != src.Bounds().Dy() {
		t.Fatalf("page drawn %d×%d at %d dpi, err %v; want %v at %d", img.w, img.h, dpi, err, src.Bounds().Size(), scanDPI)
	}
	// the ink is where the source has it, the paper's tone elsewhere
	wrong, ink := 0, 0
	for y := range img.h {
		for x := range img.w {
			got, dark := img.pix[y*img.w+x], src.GrayAt(x, y).Y < 128
			if dark {
				ink++
			}
			if dark && got > 60 || !dark && (got < 225 || got > 245) {
				wrong++
			}
		}
	}
	if ink == 0 || wrong > img.w*img.h/1000 {
		t.Errorf("%d of %d pixels wrong (%d of ink)", wrong, img.w*img.h, ink)
	}
	if _, _, err := pageScan(r, data, 1, false, 1); err != errNoScan {
		t.Errorf("picture 1 of a layered page: %v, want errNoScan", err)
	}

	ocr := NewOCR(OCRConfig{System: true, Engine: assets.OCREngine, Model: assets.OCRVietnamese})
	defer ocr.Close()
	if name, err := ocr.Engine(); err != nil {
		t.Skipf("no OCR engine here: %q, %v", name, err)
	}
	res, err := Extract(context.Background(), "layered.pdf", data, Options{OCR: ocr})
	if err != nil || res.OCRPages != 1 {
		t.Fatalf("err %v, OCR pages %d", err, res.OCRPages)
	}
	for _, want := range []string{"UBND XÃ AN PHÚ", "Số: 12/KH-UBND", "KẾ HOẠCH", "phong trào thi đua"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q not read:\n%s", want, res.Text)
		}
	}
}

// TestTurnedPhotoScan: a phone's photo of a page stored on its side and
// drawn turned a quarter comes to OCR upright, as the page shows it.
func TestTurnedPhotoScan(t *testing.T) {
	src := renderScan(t, scanLines)
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	stored := rotateGray(grayImage{w: w, h: h, pix: src.Pix}, 270) // on its side
	data := turnedPagePDF(stored.pix, w, h, "DeviceGray")
	r, err := openPDF(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	pics, pageW, pageH := pagePictures(r.Page(1))
	if len(pics) != 1 || !coversPage(pics[0], pageW, pageH) {
		t.Errorf("the photo on its side does not cover its page")
	}
	img, _, err := pageScan(r, data, 1, true, 0)
	if err != nil || img.w != w || img.h != h {
		t.Fatalf("page drawn %d×%d, err %v; want %d×%d", img.w, img.h, err, w, h)
	}
	wrong := 0
	for i, g := range img.pix {
		if (g < 128) != (src.Pix[i] < 128) {
			wrong++
		}
	}
	if wrong > len(img.pix)/1000 {
		t.Errorf("%d of %d pixels wrong: not upright", wrong, len(img.pix))
	}
}

// TestTurnedColourPhotoKeepsBlue: a page drawn whole from a colour photo
// stored on its side keeps how blue its pixels are, where the page shows
// them, so a blue pen is told from black print there as well.
func TestTurnedColourPhotoKeepsBlue(t *testing.T) {
	const w, h = 300, 420         // the page upright, at 300 dpi
	stored := make([]byte, h*w*3) // on its side: h wide, w high
	for y := range w {
		for x := range h {
			c := []byte{20, 20, 25} // black print
			if y < w/2 {            // the stored top half is the page's right half
				c = []byte{40, 60, 150} // blue pen
			}
			copy(stored[(y*h+x)*3:], c)
		}
	}
	data := turnedPagePDF(stored, w, h, "DeviceRGB")
	r, err := openPDF(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	img, _, err := pageScan(r, data, 1, true, 0)
	if err != nil || img.w != w || img.h != h || img.blue == nil {
		t.Fatalf("page drawn %d×%d (blue %v), err %v; want %d×%d with its blue", img.w, img.h, img.blue != nil, err, w, h)
	}
	for _, at := range [][2]int{{w / 4, h / 2}, {w * 3 / 4, h / 2}} {
		b := img.blue[at[1]*img.w+at[0]]
		if pen := at[0] > w/2; pen != (b >= penBlue+4) || !pen && b > penBlue/2 {
			t.Errorf("blue %d at %v", b, at)
		}
	}
}

// turnedPagePDF is a one-page PDF, w×h pixels upright at scanDPI, drawn
// whole from one picture stored on its side (h wide, w high) and turned
// a quarter: pix are the stored picture's samples in colour space cs.
func turnedPagePDF(pix []byte, w, h int, cs string) []byte {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(pix)
	zw.Close()
	pw, ph := float64(w)*72/scanDPI, float64(h)*72/scanDPI
	content := fmt.Sprintf("q 0 %.2f %.2f 0 0 %.2f cm /Im0 Do Q", -ph, pw, ph)
	return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", pw, ph),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /%s /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", h, w, cs, z.Len(), z.Bytes()),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
}
