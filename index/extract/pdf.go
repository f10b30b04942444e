package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// readPDF reads the text layer of a PDF page by page, rebuilding lines
// and paragraphs from the glyph positions. Pages without text are OCRed
// when opt.OCR is set and tesseract is installed; otherwise the result
// carries a "scanned-no-ocr" warning.
func readPDF(ctx context.Context, data []byte, opt Options) (Result, error) {
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF")) {
		return Result{}, corrupt("pdf", "no %PDF header")
	}
	r, err := openPDF(data)
	if err != nil {
		return Result{}, err
	}
	n := r.NumPage()
	if n > opt.Limits.MaxPages {
		return Result{Pages: n}, fmt.Errorf("pdf: %w", &LimitError{What: limitPages, Limit: int64(opt.Limits.MaxPages), Got: int64(n)})
	}
	res := Result{Pages: n}
	pages := make([]string, n)
	var empty []int // 1-based numbers of pages without text
	unreadable := 0
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		text, err := pageText(r.Page(i))
		if err != nil {
			unreadable++
			res.Warnings = append(res.Warnings, Warning{Code: WarnPageUnreadable, Detail: fmt.Sprintf("page %d: %v", i, err)})
			continue
		}
		if strings.TrimSpace(text) == "" {
			empty = append(empty, i)
		}
		pages[i-1] = text
	}
	if n > 0 && unreadable == n {
		if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
			return res, fmt.Errorf("pdf: %w (cannot decrypt)", ErrEncrypted)
		}
		return res, corrupt("pdf", "no page could be read")
	}
	if len(empty) > 0 {
		w, err := ocrPages(ctx, data, empty, pages, opt)
		if err != nil {
			return res, err
		}
		res.Warnings = append(res.Warnings, w...)
	}
	res.Text = strings.Join(pages, "\n\n")
	return res, nil
}

// openPDF opens a PDF, refusing encrypted files it cannot open with the
// empty password.
func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer recoverCorrupt("pdf", &err)
	r, err = pdf.NewReaderEncrypted(bytes.NewReader(data), int64(len(data)), nil)
	if err != nil {
		msg := strings.ToLower(err.Error())
		if err == pdf.ErrInvalidPassword || strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			return nil, fmt.Errorf("pdf: %w", ErrEncrypted)
		}
		return nil, corrupt("pdf", err)
	}
	return r, nil
}

// pageText lays out one page's glyphs as text; a broken page gives an
// error instead of spoiling the document.
func pageText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("unreadable page: %v", r)
		}
	}()
	if p.V.IsNull() {
		return "", nil
	}
	return layoutPage(pageRuns(p)), nil
}
