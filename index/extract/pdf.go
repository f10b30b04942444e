package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ledongthuc/pdf"
)

// readPDF reads the text layer of a PDF page by page, rebuilding lines
// and paragraphs from the glyph positions. Pages without text are OCRed
// when opt.OCR is set; otherwise the result carries a "scanned-no-ocr"
// warning.
func readPDF(ctx context.Context, data []byte, opt Options) (Result, error) {
	if !bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF")) {
		return Result{}, corrupt("pdf", "no %PDF header")
	}
	data = trimAfterEOF(data)
	r, err := openPDF(&budgetReader{ctx: ctx, data: data, left: pdfReadBudget(len(data))}, int64(len(data)))
	if err != nil {
		return Result{}, err
	}
	n := r.NumPage()
	if n > opt.Limits.MaxPages {
		return Result{Pages: n}, fmt.Errorf("pdf: %w", &LimitError{What: limitPages, Limit: int64(opt.Limits.MaxPages), Got: int64(n)})
	}
	res := Result{Pages: n}
	pages := make([]string, n)
	var empty []int // 1-based numbers of pages without text, or nearly
	unreadable := 0
	inflation := &pdfInflation{lim: opt.Limits}
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		if err := inflation.checkPage(r, i); err != nil {
			if !inflation.skipped(err) {
				return res, err
			}
			unreadable++
			res.Warnings = append(res.Warnings, Warning{Code: WarnPageTooLarge, Detail: err.Error()})
			continue
		}
		text, err := pageText(r, i)
		if err != nil {
			unreadable++
			res.Warnings = append(res.Warnings, Warning{Code: WarnPageUnreadable, Detail: fmt.Sprintf("page %d: %v", i, err)})
			continue
		}
		if maybeScanned(text) {
			empty = append(empty, i)
		}
		pages[i-1] = text
		if err := inflation.addText(len(text)); err != nil {
			return res, err
		}
	}
	if n > 0 && unreadable == n {
		if err := inflation.pageErr; err != nil {
			return res, err
		}
		if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
			return res, fmt.Errorf("pdf: %w (cannot decrypt)", ErrEncrypted)
		}
		return res, corrupt("pdf", "no page could be read")
	}
	if len(empty) > 0 {
		w, read, err := ocrPages(ctx, data, empty, pages, opt)
		if err != nil {
			return res, err
		}
		res.Warnings = append(res.Warnings, w...)
		res.OCRPages = read
	}
	res.Text = strings.Join(pages, "\n\n")
	return res, nil
}

// trimAfterEOF drops what follows the last %%EOF marker: mail programs and
// downloads often leave padding or a signature there, and the PDF library
// wants the marker at the very end.
func trimAfterEOF(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("%%EOF"))
	if i < 0 {
		return data
	}
	return data[:i+len("%%EOF")]
}

// openPDF opens a PDF, refusing encrypted files it cannot open with the
// empty password.
func openPDF(f io.ReaderAt, size int64) (r *pdf.Reader, err error) {
	defer recoverCorrupt("pdf", &err)
	r, err = pdf.NewReaderEncrypted(f, size, nil)
	if err != nil {
		msg := strings.ToLower(err.Error())
		if err == pdf.ErrInvalidPassword || strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			return nil, fmt.Errorf("pdf: %w", ErrEncrypted)
		}
		return nil, corrupt("pdf", err)
	}
	return r, nil
}

// pageText lays out the glyphs of page i; a broken page gives an error
// instead of spoiling the document.
func pageText(r *pdf.Reader, i int) (text string, err error) {
	defer func() {
		if e := recover(); e != nil {
			text, err = "", fmt.Errorf("unreadable page: %v", e)
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return "", nil
	}
	return layoutPage(pageRuns(p)), nil
}

// pdfReadBudget is how many bytes the pdf library may read from a file of
// n bytes. It keeps no cache and re-reads objects, but a loop in a damaged
// file (a /Prev or /Kids or /Parent cycle) reads forever.
func pdfReadBudget(n int) int64 {
	return 8<<20 + 16*int64(n) // a normal read of all pages is about 1.5 × n
}

// errReadBudget stops the pdf library when it reads past its budget.
var errReadBudget = errors.New("reading loops: the file's structure has a cycle")

// budgetReader is the PDF file as the pdf library sees it. It stops the
// library, by panicking (recovered as ErrCorrupt), once it has read past
// its budget or when ctx is cancelled: the library has no other way to
// be stopped.
type budgetReader struct {
	ctx  context.Context
	data []byte
	left int64
}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if err := b.ctx.Err(); err != nil {
		panic(err)
	}
	b.left -= int64(len(p))
	if b.left < 0 {
		panic(errReadBudget)
	}
	if off < 0 || off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
