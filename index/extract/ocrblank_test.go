package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jpegScanPagesPDF makes a scanned PDF with one page for each picture
// (JPEG, 300 dpi).
func jpegScanPagesPDF(t *testing.T, imgs ...*image.Gray) []byte {
	t.Helper()
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", ""}
	var kids []string
	for _, img := range imgs {
		var j bytes.Buffer
		if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 85}); err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		pw, ph := float64(b.Dx())*72/scanDPI, float64(b.Dy())*72/scanDPI
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		n := len(objs)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", pw, ph, n+2, n+3),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", b.Dx(), b.Dy(), j.Len(), j.Bytes()),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		kids = append(kids, fmt.Sprintf("%d 0 R", n+1))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(imgs))
	return rawPDF(objs...)
}

// backPage draws the back of a sheet (A4's shape, a quarter of its
// 300 dpi size, which keeps the test quick under the race detector) as a scanner gives it: white, a dark
// band along its bottom edge (the scanner's lid), a few specks of dust
// and, when seal is set, a red seal's ring (light once grey).
func backPage(seal bool) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 620, 877))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 857, 620, 877), image.NewUniform(color.Gray{30}), image.Point{}, draw.Src)
	for i := range 10 {
		img.SetGray(75+i*50, 300+(i*37)%225, color.Gray{60})
	}
	if seal {
		for y := -54; y <= 54; y++ {
			for x := -54; x <= 54; x++ {
				if d := x*x + y*y; d >= 50*50 && d <= 54*54 {
					img.SetGray(300+x, 650+y, color.Gray{215})
				}
			}
		}
	}
	return img
}

// printedPage is backPage with fifteen lines of "words" in its middle.
func printedPage() *image.Gray {
	img := backPage(false)
	for i := range 15 {
		for w := range 12 {
			draw.Draw(img, image.Rect(75+w*38, 150+i*20, 100+w*38, 158+i*20), image.NewUniform(color.Gray{20}), image.Point{}, draw.Src)
		}
	}
	return img
}

// countingTesseract installs a fake tesseract that writes "KẾ HOẠCH" for the
// first page it is given (or every page, when always) and nothing after,
// and returns the file that counts its runs.
func countingTesseract(t *testing.T, always bool) string {
	t.Helper()
	runs := filepath.Join(t.TempDir(), "runs")
	body := fmt.Sprintf("echo x >> %q\n", runs)
	if always {
		body += "echo 'KẾ HOẠCH'"
	} else {
		body += fmt.Sprintf("[ \"$(wc -l < %q)\" -eq 1 ] && echo 'KẾ HOẠCH'\nexit 0", runs)
	}
	fakeTesseract(t, body)
	return runs
}

func tesseractRuns(t *testing.T, runs string) int {
	t.Helper()
	b, err := os.ReadFile(runs)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func extractWithFakeOCR(t *testing.T, data []byte) Result {
	t.Helper()
	ocr := NewOCR(OCRConfig{System: true})
	defer ocr.Close()
	res, err := Extract(context.Background(), "scan.pdf", data, Options{OCR: ocr})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestOCRBlankBackPage: a letter scanned both sides has blank backs, some
// with only the red seal. They are not read (Tesseract took 15-30 s a page
// on a busy PC to find nothing) and are no failure: before, each such file
// was imported with "OCR failed on some pages", as if text had been lost
// (6 of the 129 real scans of the first unseen set).
func TestOCRBlankBackPage(t *testing.T) {
	for _, seal := range []bool{false, true} {
		runs := countingTesseract(t, false) // as Tesseract does: nothing from a blank page
		res := extractWithFakeOCR(t, jpegScanPagesPDF(t, printedPage(), backPage(seal)))
		if len(res.Warnings) != 0 || res.OCRPages != 1 || !strings.Contains(res.Text, "KẾ HOẠCH") {
			t.Errorf("seal %v: warnings %+v, OCR pages %d, text %q", seal, res.Warnings, res.OCRPages, res.Text)
		}
		if n := tesseractRuns(t, runs); n != 1 {
			t.Errorf("seal %v: tesseract ran %d times, want 1 (the blank page not read)", seal, n)
		}
	}
}

// TestOCRPrintedPageNotBlank: a page with print on it that the engine reads
// nothing from is still a failure, told to the person.
func TestOCRPrintedPageNotBlank(t *testing.T) {
	runs := countingTesseract(t, false)
	res := extractWithFakeOCR(t, jpegScanPagesPDF(t, printedPage(), printedPage()))
	if len(res.Warnings) != 1 || res.Warnings[0].Code != WarnOCRFailed || !strings.Contains(res.Warnings[0].Detail, "page 2: no text found") {
		t.Errorf("warnings %+v, want page 2 failed", res.Warnings)
	}
	if n := tesseractRuns(t, runs); n != 2 {
		t.Errorf("tesseract ran %d times, want 2", n)
	}
}

// TestOCRAllPagesBlank: a scan with nothing on any page is kept, with the
// person told, not refused as an empty file.
func TestOCRAllPagesBlank(t *testing.T) {
	runs := countingTesseract(t, true)
	res := extractWithFakeOCR(t, jpegScanPagesPDF(t, backPage(false), backPage(true)))
	if len(res.Warnings) != 1 || res.Warnings[0].Code != WarnOCRFailed ||
		res.Warnings[0].Detail != "page 1: the page's pictures are blank; page 2: the page's pictures are blank" {
		t.Errorf("warnings %+v", res.Warnings)
	}
	if n := tesseractRuns(t, runs); n != 0 {
		t.Errorf("tesseract ran %d times, want 0", n)
	}
}
