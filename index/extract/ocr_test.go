package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"khovanban/assets"
	"khovanban/index/internal/cputime"
)

// scanLines is the text of the test's scanned page.
// A tab separates the header's two columns.
var scanLines = []string{
	"UBND XÃ AN PHÚ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Số: 12/KH-UBND\tĐộc lập - Tự do - Hạnh phúc",
	"KẾ HOẠCH",
	"Xây dựng nông thôn mới năm 2024",
	"Ủy ban nhân dân xã đẩy mạnh phong trào thi đua.",
}

// renderScan draws lines of text, black on white, at 300 dpi in 12-point
// Noto Sans (the window's font), as a scanner would give them.
func renderScan(t *testing.T, lines []string) *image.Gray {
	t.Helper()
	f, err := opentype.Parse(theme.DefaultTextFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 12, DPI: scanDPI, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	lineH := face.Metrics().Height.Ceil() * 3 / 2
	img := image.NewGray(image.Rect(0, 0, 2400, 150+lineH*len(lines)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	for i, l := range lines {
		for j, cell := range strings.Split(l, "\t") {
			d.Dot = fixed.P(120+j*1000, 100+lineH*(i+1))
			d.DrawString(cell)
		}
	}
	return img
}

// scanPDF wraps one picture stream in a one-page PDF whose size makes it
// 300 dpi.
func scanPDF(w, h int, dict string, stream []byte) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, data []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if data != nil {
			b.WriteString("\nstream\n")
			b.Write(data)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	pw, ph := float64(w)*72/scanDPI, float64(h)*72/scanDPI
	content := fmt.Appendf(nil, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 %.2f %.2f] >>", pw, ph), nil)
	obj("<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>", w, h, dict, len(stream)), stream)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

func jpegScanPDF(t *testing.T, img *image.Gray) []byte {
	t.Helper()
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	return scanPDF(b.Dx(), b.Dy(), "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", j.Bytes())
}

// TestBuiltinOCR reads a scanned page (a JPEG in a PDF, drawn by the test)
// with the engine built into the program, as on a Windows PC with nothing
// installed, and stops a page when the import is cancelled.
func TestBuiltinOCR(t *testing.T) {
	ocr := NewOCR(OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese})
	defer ocr.Close()
	start := time.Now()
	if name, err := ocr.Engine(); err != nil || name != "built-in" {
		t.Skipf("the built-in engine cannot run here: %q, %v", name, err)
	}
	t.Logf("engine compiled in %v", time.Since(start))
	pdf := jpegScanPDF(t, renderScan(t, scanLines))

	var progress []string
	var res Result
	var err error
	page := cputime.Process(func() {
		res, err = Extract(context.Background(), "scan.pdf", pdf, Options{OCR: ocr, OCRProgress: func(page, pages int) {
			progress = append(progress, fmt.Sprintf("%d/%d", page, pages))
		}})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page read in %v of CPU:\n%s", page, res.Text)
	if res.OCRPages != 1 || len(res.Warnings) != 0 || strings.Join(progress, " ") != "1/1" {
		t.Errorf("OCR pages %d, warnings %+v, progress %q", res.OCRPages, res.Warnings, progress)
	}
	for _, want := range []string{"KẾ HOẠCH", "nông thôn mới", "Ủy ban nhân dân", "phong trào thi đua"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q not read", want)
		}
	}
	// The header's columns and lines stay apart.
	for _, line := range []string{"UBND XÃ AN PHÚ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 12/KH-UBND", "Độc lập - Tự do - Hạnh phúc"} {
		if !slices.Contains(strings.Split(res.Text, "\n"), line) {
			t.Errorf("%q is not a line of its own", line)
		}
	}

	// A scanned page with nothing written on it is kept, saying so.
	blank := image.NewGray(image.Rect(0, 0, 600, 800))
	draw.Draw(blank, blank.Bounds(), image.White, image.Point{}, draw.Src)
	res, err = Extract(context.Background(), "blank.pdf", jpegScanPDF(t, blank), Options{OCR: ocr})
	if err != nil || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnOCRFailed || res.OCRPages != 0 {
		t.Errorf("blank page: err %v, warnings %+v, OCR pages %d", err, res.Warnings, res.OCRPages)
	}

	// Cancelled while the engine reads the page: it stops part way, not
	// at the page's end (less CPU time than the whole page took above,
	// whatever else the machine does), and the next page is read by a
	// fresh instance.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	cancelled := cputime.Process(func() { _, err = Extract(ctx, "scan.pdf", pdf, Options{OCR: ocr}) })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	t.Logf("cancelled page: %v of CPU, the whole page %v", cancelled, page)
	if cancelled > page*3/4 {
		t.Errorf("cancel took %v of CPU, the whole page %v", cancelled, page)
	}
	res, err = Extract(context.Background(), "scan.pdf", pdf, Options{OCR: ocr})
	if err != nil || !strings.Contains(res.Text, "KẾ HOẠCH") {
		t.Errorf("after a cancel: err %v, text %q", err, res.Text)
	}
}

// TestScanScale brings coarse scans up to 200 dpi and fine ones down to
// 300, keeping 120-400 dpi pictures as they are.
func TestScanScale(t *testing.T) {
	img := grayImage{w: 100, h: 50, pix: bytes.Repeat([]byte{200}, 5000)}
	for _, c := range []struct{ dpi, wantW, wantDPI int }{{100, 200, 200}, {150, 100, 150}, {300, 100, 300}, {600, 50, 300}} {
		got, dpi := toScanDPI(img, c.dpi)
		if got.w != c.wantW || dpi != c.wantDPI || len(got.pix) != got.w*got.h || got.pix[len(got.pix)/2] != 200 {
			t.Errorf("%d dpi: %dx%d at %d", c.dpi, got.w, got.h, dpi)
		}
	}
}

// TestWriteScanFixture writes testdata/scan-small.pdf (the test's page
// as a JPEG scan, for other packages' tests) when WRITE_FIXTURES is set,
// and checks the committed file is a scan with no text layer.
func TestWriteScanFixture(t *testing.T) {
	const name = "testdata/scan-small.pdf"
	if os.Getenv("WRITE_FIXTURES") != "" {
		if err := os.WriteFile(name, jpegScanPDF(t, renderScan(t, scanLines)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Extract(context.Background(), "scan-small.pdf", readTestdata(t, "scan-small.pdf"), Options{})
	if err != nil || res.Pages != 1 || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnScannedNoOCR {
		t.Errorf("err %v, pages %d, warnings %+v", err, res.Pages, res.Warnings)
	}
}

// TestRotateGray turns a picture as a page's /Rotate shows it.
func TestRotateGray(t *testing.T) {
	img := grayImage{w: 3, h: 2, pix: []byte{1, 2, 3, 4, 5, 6}} // rows 1 2 3 / 4 5 6
	for deg, want := range map[int][]byte{0: {1, 2, 3, 4, 5, 6}, 90: {4, 1, 5, 2, 6, 3}, 180: {6, 5, 4, 3, 2, 1}, 270: {3, 6, 2, 5, 1, 4}, -90: {3, 6, 2, 5, 1, 4}} {
		got := rotateGray(img, deg)
		if !bytes.Equal(got.pix, want) || got.w*got.h != 6 || (deg%180 != 0) != (got.w == 2) {
			t.Errorf("%d: %dx%d %v, want %v", deg, got.w, got.h, got.pix, want)
		}
	}
}

// TestOCRCells cuts Tesseract's lines at wide gaps before a capital only.
func TestOCRCells(t *testing.T) {
	got := ocrText("UBND XÃ AN PHÚ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:    /KH-UBND      An Phú, ngày      tháng 9 năm 2025\n\n\nKẾ HOẠCH  \n")
	want := "UBND XÃ AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: /KH-UBND\nAn Phú, ngày tháng 9 năm 2025\n\nKẾ HOẠCH"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// a signature's stroke read as a quote before the signer's name
	got = ocrText("- Lưu: VT, KTTH.          “Đặng Văn Minh\n- Như trên;      ~ các sở")
	want = "- Lưu: VT, KTTH.\n“Đặng Văn Minh\n- Như trên; ~ các sở"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// lineHeight and textWidth measure renderScan's type.
func lineHeight(t *testing.T) int {
	face := scanFace(t)
	defer face.Close()
	return face.Metrics().Height.Ceil() * 3 / 2
}

func textWidth(t *testing.T, s string) float64 {
	face := scanFace(t)
	defer face.Close()
	return float64(font.MeasureString(face, s).Ceil())
}

func scanFace(t *testing.T) font.Face {
	t.Helper()
	f, err := opentype.Parse(theme.DefaultTextFont().Content())
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 12, DPI: scanDPI, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	return face
}
