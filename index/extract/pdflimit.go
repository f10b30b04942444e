package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image/jpeg"
	"io"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// The pdf library inflates a stream whole wherever it reads one (a page's
// content, a form, a font's character map) and gives no way to bound it:
// a 3 MB file whose content stream inflates to 1 GiB took 4.3 GB. So
// before a page is laid out, pdfInflation inflates every stream the
// layout will read, counting and dropping the bytes, and stops at the
// limits. The streams are inflated twice; content streams are small next
// to the work of laying them out.

// WarnPageTooLarge says some PDF pages draw streams that inflate past
// Limits.MaxPageBytes; they were skipped and the others read.
const WarnPageTooLarge = "page-too-large"

// maxPageStreams bounds the streams checked for one page (forms drawing
// forms can fan out).
const maxPageStreams = 4096

// pdfInflation counts the bytes a PDF's streams inflate to: at most
// Limits.MaxPageBytes for one page, Limits.MaxUnzippedBytes for the file.
type pdfInflation struct {
	lim     Limits
	total   int64 // inflated for every page checked so far
	text    int   // bytes of text of the pages read so far
	pageErr error // the first page over the page limit
}

// skipped reports whether err from checkPage is a page over the page
// limit, to be skipped with a warning (a map drawn in vectors may be
// heavy; the other pages are still read): the file fails with it only
// when no page could be read. Over the file's limit, the file fails.
func (c *pdfInflation) skipped(err error) bool {
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitPartBytes {
		return false
	}
	if c.pageErr == nil {
		c.pageErr = err
	}
	return true
}

// addText counts a page's text against the text limit, so that the
// pages' text is not gathered past it.
func (c *pdfInflation) addText(n int) error {
	c.text += n
	if int64(c.text) > c.lim.MaxTextBytes {
		return fmt.Errorf("pdf: %w", &LimitError{What: limitTextBytes, Limit: c.lim.MaxTextBytes, Got: int64(c.text), AtLeast: true})
	}
	return nil
}

// checkPage inflates the streams page i's layout reads: its contents, the
// forms and annotation appearances it may draw (forms within forms too)
// and its fonts' ToUnicode maps. It returns a *LimitError when they go
// over a limit, reading no further than the limit. A damaged stream is
// left for the layout to report.
func (c *pdfInflation) checkPage(r *pdfDoc, i int) (err error) {
	w := &inflationWalk{page: c.lim.MaxPageBytes, file: c.lim.MaxUnzippedBytes - c.total}
	defer func() {
		if e := recover(); e != nil {
			err = nil // a damaged page: pageText says so
		}
		c.total += w.n
		if err != nil {
			err = fmt.Errorf("pdf: page %d: %w", i, err)
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return nil
	}
	if err := w.stream(p.V.Key("Contents")); err != nil {
		return err
	}
	if err := w.resources(p.Resources(), 0); err != nil {
		return err
	}
	annots := p.V.Key("Annots")
	for j := 0; j < annots.Len() && j < maxAnnotationsChecked; j++ {
		ap := annots.Index(j).Key("AP").Key("N")
		if ap.Kind() == pdf.Dict {
			for _, k := range ap.Keys() {
				if err := w.form(ap.Key(k), 0); err != nil {
					return err
				}
			}
			continue
		}
		if err := w.form(ap, 0); err != nil {
			return err
		}
	}
	return nil
}

// maxAnnotationsChecked bounds the annotations of one page checked.
const maxAnnotationsChecked = 1000

// inflationWalk is one checkPage.
type inflationWalk struct {
	page, file int64 // the limits left: of the page, of the file
	n          int64 // inflated so far on this page
	streams    int
}

// stream inflates a stream, or each stream of an array (a page's
// contents may be several).
func (w *inflationWalk) stream(v pdf.Value) error {
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len(); i++ {
			if err := w.stream(v.Index(i)); err != nil {
				return err
			}
		}
		return nil
	}
	if v.Kind() != pdf.Stream || w.streams >= maxPageStreams {
		return nil
	}
	w.streams++
	left := min(w.page, w.file) - w.n
	n, _ := io.Copy(io.Discard, io.LimitReader(v.Reader(), max(left, 0)+1))
	w.n += n
	if n > left {
		if w.page <= w.file {
			return &LimitError{What: limitPartBytes, Limit: w.page, Got: w.n, AtLeast: true}
		}
		return &LimitError{What: limitUnzippedBytes, Limit: w.file, Got: w.n, AtLeast: true}
	}
	return nil
}

// resources checks the forms and fonts a resource dictionary offers.
func (w *inflationWalk) resources(res pdf.Value, depth int) error {
	fonts := res.Key("Font")
	for _, k := range fonts.Keys() {
		if err := w.stream(fonts.Key(k).Key("ToUnicode")); err != nil {
			return err
		}
	}
	xs := res.Key("XObject")
	for _, k := range xs.Keys() {
		if err := w.form(xs.Key(k), depth); err != nil {
			return err
		}
	}
	return nil
}

// form checks a form XObject: its content and its own resources.
func (w *inflationWalk) form(x pdf.Value, depth int) error {
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" || depth >= maxFormDepth {
		return nil
	}
	if err := w.stream(x); err != nil {
		return err
	}
	return w.resources(x.Key("Resources"), depth+1)
}

// maxPDFObjects bounds the object numbers a PDF's cross-reference may
// name. The pdf library sizes its table by them: a 700-byte file whose
// xref section starts at object 100,000,000 took 3.2 GB, and one at
// 4,000,000,000 ended the whole program (out of memory, which cannot be
// recovered). A document of 2000 pages has about 50,000 objects.
const maxPDFObjects = 2_000_000

// maxPDFColumns bounds a stream's /Columns (a PNG predictor's row, for
// which the library makes two buffers: /Columns 20,000,000,000 took 20
// GB) and maxPDFXrefWidth an xref stream's /W fields (bytes of one
// entry's field, 1 to 8 in real files).
const (
	maxPDFColumns   = 4 << 20
	maxPDFXrefWidth = 64
)

// checkXref refuses a PDF whose numbers would make the pdf library
// allocate without bound, before it reads the file: object numbers past
// maxPDFObjects in the subsections of classic xref tables and in the
// /Size and /Index of xref streams and trailers, /Columns past
// maxPDFColumns, /W fields past maxPDFXrefWidth. The whole file is
// scanned for these keys (compressed object streams excepted, which the
// library never sizes anything by).
func checkXref(data []byte) error {
	if err := checkXrefTables(data); err != nil {
		return err
	}
	for _, key := range []string{"/Size", "/Index", "/Columns", "/W"} {
		for at := 0; ; {
			i := bytes.Index(data[at:], []byte(key))
			if i < 0 {
				break
			}
			at += i + len(key)
			if err := checkXrefKey(data, at, key); err != nil {
				return err
			}
		}
	}
	return nil
}

// xrefTooMany is the error for a cross-reference that names object n.
func xrefTooMany(n int64) error {
	return corrupt("pdf", fmt.Sprintf("the cross-reference names object %d, more than %d", n, maxPDFObjects))
}

// checkXrefTables checks the subsections of the classic xref tables.
func checkXrefTables(data []byte) error {
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("xref"))
		if i < 0 {
			return nil
		}
		at += i + len("xref")
		if at-len("xref") > 0 && !isPDFSpace(data[at-len("xref")-1]) || at < len(data) && !isPDFSpace(data[at]) {
			continue // "startxref", or "xref" inside a word
		}
		if err := checkXrefSubsections(data[at:]); err != nil {
			return err
		}
	}
}

// checkXrefSubsections reads the subsection headers ("start count") and
// their entries after an "xref", up to the first other line ("trailer").
func checkXrefSubsections(data []byte) error {
	for line := range bytes.Lines(data) {
		if len(line) > 64 {
			return nil // not an xref line (entries are 20 bytes)
		}
		f := bytes.Fields(line)
		if len(f) == 0 || len(f) == 3 {
			continue
		}
		if len(f) != 2 {
			return nil
		}
		start, err1 := strconv.ParseInt(string(f[0]), 10, 64)
		n, err2 := strconv.ParseInt(string(f[1]), 10, 64)
		if err1 != nil || err2 != nil {
			return nil
		}
		if start > maxPDFObjects || n > maxPDFObjects || start+n > maxPDFObjects {
			return xrefTooMany(max(start, start+n))
		}
	}
	return nil
}

// checkXrefKey checks the value of key (/Size, /Index, /Columns or /W)
// that starts at data[at:].
func checkXrefKey(data []byte, at int, key string) error {
	rest := data[at:min(len(data), at+256)]
	if key == "/W" && !bytes.Contains(data[max(0, at-512):min(len(data), at+512)], []byte("/XRef")) {
		return nil // a CID font's widths, not an xref stream's fields
	}
	if key == "/Index" || key == "/W" {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if !bytes.HasPrefix(rest, []byte("[")) {
			return nil
		}
		rest, _, _ = bytes.Cut(rest[1:], []byte("]"))
	} else if len(rest) > 0 && !isPDFSpace(rest[0]) {
		return nil // another name that starts so
	}
	nums := bytes.Fields(rest)
	if key == "/Size" || key == "/Columns" {
		nums = nums[:min(len(nums), 1)]
	}
	if key == "/Columns" || key == "/W" {
		bound := map[string]int64{"/Columns": maxPDFColumns, "/W": maxPDFXrefWidth}[key]
		for _, f := range nums {
			if n, err := strconv.ParseInt(string(f), 10, 64); err == nil && n > bound {
				return corrupt("pdf", fmt.Sprintf("%s %d, more than %d", key, n, bound))
			}
		}
		return nil
	}
	var start int64
	for j, f := range nums {
		n, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			break
		}
		if n > maxPDFObjects || j%2 == 1 && start+n > maxPDFObjects {
			return xrefTooMany(max(n, start+n))
		}
		start = n // /Index pairs: start, count
	}
	return nil
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// maxObjStmBytes bounds what one PDF object stream inflates to. The pdf
// library parses a compressed object whole each time it is used: a 260 KB
// file whose object stream held a 256 MB array took 5.5 GB and 4 minutes,
// one of 15 MB took 519 MB and 13 s. The largest of the 160 object
// streams in the 173 real PDFs inflates to 95 KB.
const maxObjStmBytes = 2 << 20

// checkObjectStreams inflates, counting and dropping the bytes, every
// Flate-compressed object stream of a PDF before the pdf library reads
// the file, and refuses one over maxObjStmBytes. Encrypted streams cannot
// be inflated before the file is opened; they are left to the library.
// It returns where each stream's compressed bytes lie and what they
// inflate to, for the read budget (see budgetReader.objStms).
func checkObjectStreams(data []byte) ([]objStmSpan, error) {
	var spans []objStmSpan
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("/ObjStm"))
		if i < 0 {
			return spans, nil
		}
		at += i + len("/ObjStm")
		dict := data[max(0, at-512):min(len(data), at+512)]
		s := bytes.Index(data[at:min(len(data), at+512)], []byte("stream"))
		if s < 0 || !bytes.Contains(dict, []byte("/FlateDecode")) {
			continue
		}
		body := data[at+s+len("stream"):]
		body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
		br := bytes.NewReader(body)
		zr, err := zlib.NewReader(br)
		if err != nil {
			continue // encrypted or damaged: the library says so
		}
		n, _ := io.Copy(io.Discard, io.LimitReader(zr, maxObjStmBytes+1))
		if n > maxObjStmBytes {
			return nil, fmt.Errorf("pdf: object stream: %w", &LimitError{What: limitPartBytes, Limit: maxObjStmBytes, Got: n, AtLeast: true})
		}
		start := int64(len(data) - len(body))
		if read := int64(len(body)) - int64(br.Len()); read > 0 && n > read {
			spans = append(spans, objStmSpan{start: start, end: start + read, inflated: n})
		}
	}
}

// objStmSpan is where the compressed bytes of an object stream lie in a
// PDF, [start, end), and how many bytes they inflate to.
type objStmSpan struct {
	start, end, inflated int64
}

// checkJPEGSize refuses a JPEG whose own header claims more than
// maxScanPixels: image/jpeg allocates the whole picture from that header
// before it reads a pixel, whatever the PDF's /Width and /Height say (a
// 1 KB PDF whose JPEG claimed 60000 × 60000 allocated 3.4 GB when OCR
// looked at the page).
func checkJPEGSize(data []byte) error {
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("jpeg: %w", err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxScanPixels {
		return fmt.Errorf("picture of %d pixels is too large", px)
	}
	return nil
}
