package extract

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func TestPDFScannedWithoutOCR(t *testing.T) {
	res, err := Extract(context.Background(), "scanned.pdf", readTestdata(t, "scanned.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 1 || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnScannedNoOCR {
		t.Errorf("pages %d, warnings %+v", res.Pages, res.Warnings)
	}
}

// TestPDFScannedOCR runs only where tesseract with Vietnamese is installed.
func TestPDFScannedOCR(t *testing.T) {
	if _, err := findTesseract(context.Background()); err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("OCR takes seconds")
	}
	res, err := Extract(context.Background(), "scanned.pdf", readTestdata(t, "scanned.pdf"), Options{OCR: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %+v", res.Warnings)
	}
	pieces := expectedPieces(t)
	found, missing := matchPieces(res.Text, pieces)
	c := cer(res.Text, strings.Join(pieces, "\n"))
	t.Logf("OCR found %d/%d, cer %.1f%%", found, len(pieces), c*100)
	// Tables come out as rows of words, so only the prose must be found.
	if found < len(pieces)/2 || c > 0.25 {
		t.Errorf("found %d/%d (first missing %q), cer %.3f; text:\n%s", found, len(pieces), missing, c, res.Text)
	}
}

func TestPDFPureGoJPEGs(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj << /Filter /DCTDecode /Length 6 >>\nstream\n\xff\xd8abc\xff\xd9\nendstream\nendobj\n" +
		"2 0 obj << /Filter /FlateDecode >>\nstream\nxx\nendstream\n")
	got := pdfJPEGs(pdf)
	if len(got) != 1 || string(got[0]) != "\xff\xd8abc\xff\xd9" {
		t.Errorf("got %q", got)
	}
}

func TestPDFEncrypted(t *testing.T) {
	for _, name := range []string{"encrypted-aes256.pdf", "encrypted-rc4-40.pdf"} {
		_, err := Extract(context.Background(), name, readTestdata(t, name), Options{})
		if !errors.Is(err, ErrEncrypted) {
			t.Errorf("%s: err = %v, want ErrEncrypted", name, err)
		}
	}
}

func TestPDFLimitsAndCancel(t *testing.T) {
	data := readTestdata(t, "vn.pdf")
	_, err := Extract(context.Background(), "vn.pdf", data, Options{Limits: Limits{MaxPages: 1}})
	var le *LimitError
	if !errors.As(err, &le) || le.What != "pages" || !errors.Is(err, ErrTooLarge) ||
		!strings.Contains(err.Error(), "pages is 2, limit 1") {
		t.Errorf("err = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Extract(ctx, "vn.pdf", data, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

func TestPDFTools(t *testing.T) {
	// The OCR path must not fail when tools are missing: it warns.
	if _, err := exec.LookPath("tesseract"); err == nil {
		t.Skip("tesseract installed; covered by TestPDFScannedOCR")
	}
	res, err := Extract(context.Background(), "scanned.pdf", readTestdata(t, "scanned.pdf"), Options{OCR: true})
	if err != nil || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnScannedNoOCR {
		t.Errorf("err %v, warnings %+v", err, res.Warnings)
	}
}

func BenchmarkPDF(b *testing.B) {
	data := readTestdata(b, "vn.pdf")
	ctx := context.Background()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Extract(ctx, "bench.pdf", data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

func FuzzPDF(f *testing.F) {
	f.Add(readTestdata(f, "vn.pdf"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.pdf", data, Options{Limits: Limits{MaxPages: 50}})
	})
}
