package extract

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ocrDPI is the resolution pages are rendered at for tesseract: enough
// for 10-point text, and about 8 seconds a page on an office PC.
const ocrDPI = "300"

// ocrPageTimeout stops a page whose rendering or OCR hangs; the page is
// reported as failed and the others go on.
const ocrPageTimeout = 3 * time.Minute

// ocrPages fills pages (0-based texts) for the 1-based page numbers in
// empty by OCR, when opt.OCR is set and tesseract with Vietnamese is
// installed. It returns the warnings to report: "scanned-no-ocr" when the
// pages could not be OCRed at all, "ocr-failed" for pages that failed.
func ocrPages(ctx context.Context, data []byte, empty []int, pages []string, opt Options) ([]Warning, error) {
	noOCR := func(why string) []Warning {
		return []Warning{{Code: WarnScannedNoOCR, Detail: fmt.Sprintf("%d of %d pages have no text layer; %s", len(empty), len(pages), why)}}
	}
	if !opt.OCR {
		return noOCR("OCR is off"), nil
	}
	tesseract, err := findTesseract(ctx)
	if err != nil {
		return noOCR(err.Error()), nil
	}
	images := pageImages(data, len(pages))
	if images == nil {
		return noOCR("pdftoppm not found and the pages are not one JPEG each"), nil
	}
	var failed []string
	for _, n := range empty {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pageCtx, cancel := context.WithTimeout(ctx, ocrPageTimeout)
		img, err := images(pageCtx, n)
		if err == nil {
			pages[n-1], err = runTesseract(pageCtx, tesseract, img)
		}
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			failed = append(failed, fmt.Sprintf("page %d: %v", n, err))
		}
	}
	if len(failed) > 0 {
		return []Warning{{Code: WarnOCRFailed, Detail: strings.Join(failed, "; ")}}, nil
	}
	return nil, nil
}

// findTesseract returns the path of tesseract if it is installed with
// the Vietnamese language data.
func findTesseract(ctx context.Context) (string, error) {
	path, err := exec.LookPath("tesseract")
	if err != nil {
		return "", fmt.Errorf("tesseract not found")
	}
	out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tesseract --list-langs failed: %v", err)
	}
	for _, l := range strings.Fields(string(out)) {
		if l == "vie" {
			return path, nil
		}
	}
	return "", fmt.Errorf("tesseract has no Vietnamese (vie) language data")
}

// pageImages returns a function giving the image of a 1-based page, or
// nil when there is no way to get one. pdftoppm renders any page; without
// it, a PDF with exactly one JPEG per page (the usual scan) gives its
// JPEGs, taken in file order.
func pageImages(data []byte, pageCount int) func(ctx context.Context, page int) ([]byte, error) {
	if pdftoppm, err := exec.LookPath("pdftoppm"); err == nil {
		return func(ctx context.Context, page int) ([]byte, error) {
			n := strconv.Itoa(page)
			cmd := exec.CommandContext(ctx, pdftoppm, "-r", ocrDPI, "-gray", "-png", "-f", n, "-l", n, "-")
			cmd.Stdin = bytes.NewReader(data)
			out, err := cmd.Output()
			if err != nil {
				return nil, fmt.Errorf("pdftoppm: %v", err)
			}
			return out, nil
		}
	}
	jpegs := pdfJPEGs(data)
	if len(jpegs) != pageCount {
		return nil
	}
	return func(_ context.Context, page int) ([]byte, error) { return jpegs[page-1], nil }
}

// pdfJPEGs finds the DCTDecode (JPEG) image streams of a PDF in file
// order, by their JPEG start and end markers.
func pdfJPEGs(data []byte) [][]byte {
	var out [][]byte
	rest := data
	for {
		i := bytes.Index(rest, []byte("/DCTDecode"))
		if i < 0 {
			return out
		}
		rest = rest[i:]
		s := bytes.Index(rest, []byte("stream"))
		if s < 0 {
			return out
		}
		rest = rest[s+len("stream"):]
		start := bytes.Index(rest[:min(len(rest), 8)], []byte{0xFF, 0xD8})
		end := bytes.Index(rest, []byte("endstream"))
		if start < 0 || end < start {
			continue
		}
		img := bytes.TrimRight(rest[start:end], "\r\n ")
		if bytes.HasSuffix(img, []byte{0xFF, 0xD9}) {
			out = append(out, img)
		}
		rest = rest[end:]
	}
}

// runTesseract OCRs one image in Vietnamese and returns its text, lines of
// a block joined into one paragraph.
func runTesseract(ctx context.Context, tesseract string, img []byte) (string, error) {
	cmd := exec.CommandContext(ctx, tesseract, "stdin", "stdout", "-l", "vie")
	cmd.Stdin = bytes.NewReader(img)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	var paras []string
	for _, block := range strings.Split(string(out), "\n\n") {
		if p := strings.Join(strings.Fields(block), " "); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n"), nil
}
