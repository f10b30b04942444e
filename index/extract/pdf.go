package extract

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
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
	data, err := decryptPDF(expandShortFilters(trimAfterEOF(trimBeforeHeader(data))))
	if err != nil {
		return Result{}, err
	}
	if err := checkXref(data); err != nil {
		return Result{}, err
	}
	objStms, err := checkObjectStreams(data)
	if err != nil {
		return Result{}, err
	}
	budget := newPDFBudget(ctx, data, objStms)
	r, err := openPDF(budget, int64(len(data)))
	if err != nil {
		return Result{}, err
	}
	n := r.NumPage()
	if n > opt.Limits.MaxPages {
		return Result{Pages: n}, fmt.Errorf("pdf: %w", &LimitError{What: limitPages, Limit: int64(opt.Limits.MaxPages), Got: int64(n)})
	}
	res := Result{Pages: n}
	lines := make([][]*pdfLine, n)
	stamps := make([]string, n)
	bad := make([]bool, n) // pages unreadable or too large: not OCRed
	unreadable := 0
	skipped := pageWarnings{} // one warning a kind, naming its pages
	inflation := &pdfInflation{lim: opt.Limits}
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		budget.nextPage()
		if err := inflation.checkPage(r, i); err != nil {
			if !inflation.skipped(err) {
				return res, err
			}
			unreadable++
			bad[i-1] = true
			skipped.add(WarnPageTooLarge, i, err)
			continue
		}
		l, stamp, err := pageText(r, i)
		if err != nil {
			unreadable++
			bad[i-1] = true
			skipped.add(WarnPageUnreadable, i, fmt.Errorf("page %d: %w", i, err))
			continue
		}
		lines[i-1], stamps[i-1] = l, stamp
		size := len(stamp)
		for _, line := range l {
			for _, c := range line.cells {
				size += len(c.text) + 1
			}
		}
		if err := inflation.addText(size); err != nil {
			return res, err
		}
	}
	res.Warnings = append(res.Warnings, skipped.warnings(n)...)
	dropRepeated(lines)
	pages := make([]string, n)
	var empty []int           // 1-based numbers of the pages to OCR (see needsOCR)
	garbled := map[int]bool{} // those whose OCR layer is garbled: replaced
	for i, l := range lines {
		pages[i] = layoutLines(l)
		budget.nextPage() // the page's pictures and fonts are looked at again
		switch {
		case bad[i]:
		case garbledScanLayer(r, i+1, pages[i]):
			empty = append(empty, i+1)
			garbled[i+1] = true
		case needsOCR(r, i+1, pages[i]):
			empty = append(empty, i+1)
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
		w, read, hand, err := ocrPages(ctx, data, objStms, empty, garbled, pages, opt)
		if err != nil {
			return res, err
		}
		res.Handwritten = hand
		res.Warnings = append(res.Warnings, w...)
		res.OCRPages = read
	}
	for i, stamp := range stamps {
		if stamp != "" {
			pages[i] = strings.TrimSpace(pages[i] + "\n\n" + stamp)
		}
	}
	res.Text = strings.Join(pages, "\n\n")
	return res, nil
}

// trimBeforeHeader drops bytes in front of the %PDF header (left by some
// mail and download programs): the file's offsets count from the header.
func trimBeforeHeader(data []byte) []byte {
	if i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF")); i > 0 {
		return data[i:]
	}
	return data
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
func openPDF(f io.ReaderAt, size int64) (r *pdfDoc, err error) {
	defer recoverCorrupt("pdf", &err)
	pr, err := pdf.NewReaderEncrypted(f, size, nil)
	if err != nil {
		msg := strings.ToLower(err.Error())
		if err == pdf.ErrInvalidPassword || strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") {
			return nil, fmt.Errorf("pdf: %w", ErrEncrypted)
		}
		return nil, corrupt("pdf", err)
	}
	budget, _ := f.(*budgetReader)
	return &pdfDoc{Reader: pr, budget: budget}, nil
}

// pdfDoc is an open PDF whose pages are found by one walk of its page
// tree. The library's own Page(i) reads the i pages before page i again
// (it keeps no cache), so reading every page of a long file read its page
// objects a number of times growing with the square of its length: 54
// times its size for a 343-page consolidated text.
type pdfDoc struct {
	*pdf.Reader
	pages  []pdf.Page
	walked bool
	budget *budgetReader // nil when the file is read without one
}

// Page returns page num (1-based), or a null page when there is none.
func (d *pdfDoc) Page(num int) pdf.Page {
	if !d.walked {
		d.walked = true // a walk stopped by the read budget leaves the library's lookup
		d.pages = pageTree(d.Reader)
	}
	if num >= 1 && num <= len(d.pages) {
		return d.pages[num-1]
	}
	return d.Reader.Page(num)
}

// pageTree lists the pages of r in order, walking its page tree once: at
// most as many pages as it says it has, 64 levels deep and a bounded
// number of nodes, so that a tree that holds itself ends.
func pageTree(r *pdf.Reader) []pdf.Page {
	n := min(r.NumPage(), 1<<20)
	var pages []pdf.Page
	nodes := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if len(pages) >= n || depth > 64 || nodes > 4*n+64 {
			return
		}
		nodes++
		switch v.Key("Type").Name() {
		case "Pages":
			kids := v.Key("Kids")
			for i := 0; i < kids.Len() && len(pages) < n; i++ {
				walk(kids.Index(i), depth+1)
			}
		case "Page":
			pages = append(pages, pdf.Page{V: v})
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages
}

// pageText returns the lines of page i and, apart, the text of its
// annotations (the stamp of a digital signature, "Ký bởi: ...", each
// line on its own); a broken page gives an error instead of spoiling the
// document.
func pageText(r *pdfDoc, i int) (lines []*pdfLine, stamps string, err error) {
	defer func() {
		if e := recover(); e != nil {
			lines, stamps, err = nil, "", fmt.Errorf("unreadable page: %v", e)
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return nil, "", nil
	}
	runs := pageRuns(p, r.budget)
	var parts []string
	for _, a := range annotationRuns(p, r.budget) {
		var ls []string
		for _, l := range pageLines(a) {
			ls = append(ls, strings.ReplaceAll(l.text(), "\t", " "))
		}
		if text := strings.Join(ls, "\n"); signatureStamp(text) {
			parts = append(parts, text)
		} else {
			runs = placeRuns(runs, a)
		}
	}
	return pageLines(runs), strings.Join(parts, "\n\n"), nil
}

// signatureStamp reports the text of a digital signature's stamp: "Ký
// bởi: ...", "Thời gian ký: ...", the signer's e-mail, a time stamp.
func signatureStamp(s string) bool {
	for _, w := range []string{"Ký bởi", "Ký số", "Người ký", "Thời gian ký", "Ngày ký", "@", "+07:00"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// placeRuns puts the runs of an annotation (a number or date the e-office
// system writes into the blanks of a signed document) among the page's
// runs, each after the run it follows on its line, so it is read in
// place; a run of blanks it falls into is cut in two around it.
func placeRuns(runs, add []pdfRun) []pdfRun {
	for _, a := range add {
		a.fill = true
		at := -1
		for i, r := range runs {
			if math.Abs(r.Y-a.Y) < math.Max(a.Size, 1)*0.3 && r.X <= a.X && (at < 0 || r.X > runs[at].X) {
				at = i
			}
		}
		if at < 0 {
			runs = append(runs, a)
			continue
		}
		if head, tail, ok := cutRun(runs[at], a.X); ok && strings.TrimSpace(runs[at].S) != "" {
			runs[at] = head
			if strings.TrimSpace(tail.S) == "" {
				runs = slices.Insert(runs, at+1, tail, a) // the blank bridges to a
			} else {
				runs = slices.Insert(runs, at+1, a, tail)
			}
			continue
		}
		runs = slices.Insert(runs, at+1, a)
	}
	return runs
}

// cutRun cuts r at x when x falls in a stretch of spaces inside it,
// placing the cut in proportion to the characters.
func cutRun(r pdfRun, x float64) (head, tail pdfRun, ok bool) {
	rs := []rune(r.S)
	if len(rs) < 2 || x >= r.EndX || r.EndX <= r.X {
		return r, r, false
	}
	at := int(math.Round((x - r.X) / (r.EndX - r.X) * float64(len(rs))))
	at = min(max(at, 1), len(rs)-1)
	if rs[at-1] != ' ' && rs[at] != ' ' {
		return r, r, false
	}
	cut := r.X + (r.EndX-r.X)*float64(at)/float64(len(rs))
	head, tail = r, r
	head.S, head.EndX = string(rs[:at]), cut
	tail.S, tail.X = string(rs[at:]), cut
	return head, tail, true
}

// pdfReadBudget is how many bytes the pdf library may read from a file of
// n bytes before its pages. It keeps no cache and re-reads objects, but a
// loop in a damaged file (a /Prev or /Kids or /Parent cycle) reads
// forever.
func pdfReadBudget(n int) int64 {
	return 8<<20 + 16*int64(n)
}

// pdfPageBudget is how many bytes reading one page of a file of n bytes
// may take: a page re-reads the objects it shares with the others (fonts,
// their maps, its pictures); the largest seen, of 106 real laws and
// decrees, read 11.7 MB (page 86 of a 1.3 MB Thông tư).
func pdfPageBudget(n int) int64 {
	return 16<<20 + 4*int64(n)
}

// pdfPageAllowance is how much each page adds to the whole file's budget,
// so that a long file whose pages share large objects is read to its end
// (that 343-page text stopped at page 131 with the budget of the file
// alone, 62 MB of the 180 MB its pages read, before its page tree was
// walked once; it reads 46.5 MB now) while a loop on every page still
// stops within about the reading of a real file of its size.
func pdfPageAllowance(n int) int64 {
	return min(int64(n), 1<<20)
}

// pdfAllowanceCap bounds what the pages' allowances add up to: three
// times the file's own budget. Without it a forged 1 MB file of 2000
// pages, each looping to its budget, could read 4 GB (2000 pages read
// twice, a MB each): 5 s of CPU for a /Parent loop, minutes where what
// it read inflated a thousand times. With what the library inflates
// charged as read (see chargeInflated, inflatedCost), of 106 real laws
// and decrees and 173 campaign documents the most read 1.04 times the
// file's own budget (a 13-page letter whose objects lie in object
// streams), the 343-page text 0.80.
func pdfAllowanceCap(n int) int64 {
	return 3 * pdfReadBudget(n)
}

// errReadBudget stops the pdf library when it reads past its budget.
var errReadBudget = errors.New("reading loops: the file's structure has a cycle")

// budgetReader is the PDF file as the pdf library sees it. It stops the
// library, by panicking (recovered as ErrCorrupt), once it has read past
// its budget, the whole file's or the page's, or when ctx is cancelled:
// the library has no other way to be stopped.
type budgetReader struct {
	ctx     context.Context
	data    []byte
	left    int64 // the whole file's
	page    int64 // the page's, once nextPage was called
	paged   bool
	allowed int64 // the pages' allowances added to left so far
	// objStms are the file's object streams, in the file's order. The
	// library inflates one from its start each time it looks up an
	// object in it, where only the compressed bytes pass through ReadAt:
	// their reading is charged as what they inflate to (an object that
	// loops, stored behind 2 MB of spaces that compress to 2 KB, cost
	// 2 ms a look-up for 6 KB of the budget: 2.6 s for a 2.6 KB file).
	objStms []objStmSpan
}

// newPDFBudget is the budget of a reading of a PDF's pages, the text's
// or OCR's: the file's own to start with, and what its object streams
// (objStms, from checkObjectStreams) inflate to charged as read; each
// page read is started with nextPage.
func newPDFBudget(ctx context.Context, data []byte, objStms []objStmSpan) *budgetReader {
	return &budgetReader{ctx: ctx, data: data, left: pdfReadBudget(len(data)), objStms: objStms}
}

// startPage starts the reading of a page against d's budget (see
// nextPage); a file read without one reads on.
func (d *pdfDoc) startPage() {
	if d.budget != nil {
		d.budget.nextPage()
	}
}

// nextPage starts the reading of a page: its own budget, and the file's
// grown by a page's allowance.
func (b *budgetReader) nextPage() {
	b.page, b.paged = pdfPageBudget(len(b.data)), true
	add := min(pdfPageAllowance(len(b.data)), pdfAllowanceCap(len(b.data))-b.allowed)
	b.left += add
	b.allowed += add
}

func (b *budgetReader) ReadAt(p []byte, off int64) (int, error) {
	if err := b.ctx.Err(); err != nil {
		panic(err)
	}
	b.charge(b.inflatedCost(off, int64(len(p))))
	if off < 0 || off >= int64(len(b.data)) {
		return 0, io.EOF
	}
	n := copy(p, b.data[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// inflatedCost is what reading n bytes at off costs: n, and for the
// part of them that lies in an object stream, its share of what the
// stream inflates to instead.
func (b *budgetReader) inflatedCost(off, n int64) int64 {
	cost := n
	i, _ := slices.BinarySearchFunc(b.objStms, off, func(s objStmSpan, off int64) int {
		return cmp.Compare(s.end, off+1)
	})
	for ; i < len(b.objStms) && b.objStms[i].start < off+n; i++ {
		s := b.objStms[i]
		if over := min(s.end, off+n) - max(s.start, off); over > 0 {
			cost += over*s.inflated/(s.end-s.start) - over
		}
	}
	return cost
}

// charge counts n bytes against the budgets, and stops the library
// (panicking with errReadBudget) past one of them.
func (b *budgetReader) charge(n int64) {
	b.left -= n
	b.page -= n
	if b.left < 0 || b.paged && b.page < 0 {
		panic(errReadBudget)
	}
}

// chargeInflated counts what stream v inflates to against the budgets,
// inflating no further than they allow. The library inflates a stream
// whole each time it is used, and only the compressed bytes pass through
// ReadAt: a form that inflates a thousand times and is drawn again and
// again, or a font map loaded with each form, would cost next to nothing
// of the budget for seconds of work (a 1 MB file of forms drawn 20,000
// times a page took 4.8 s of CPU for its first page, 0.25 s for each
// other). A nil b charges nothing.
func (b *budgetReader) chargeInflated(v pdf.Value) {
	if b == nil || v.Kind() != pdf.Stream {
		return
	}
	left := b.left
	if b.paged {
		left = min(left, b.page)
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(v.Reader(), max(left, 0)+1))
	b.charge(n)
}

// pageWarnings gathers the pages of a PDF skipped for one reason or
// another, so that a file with hundreds of damaged pages gives one
// warning a reason, not one a page (a 343-page consolidated text gave
// 213, and the import said the same sentence 213 times).
type pageWarnings struct {
	codes []string
	pages map[string][]int
	first map[string]error
}

func (p *pageWarnings) add(code string, page int, err error) {
	if p.pages == nil {
		p.pages, p.first = map[string][]int{}, map[string]error{}
	}
	if _, seen := p.pages[code]; !seen {
		p.codes = append(p.codes, code)
		p.first[code] = err
	}
	p.pages[code] = append(p.pages[code], page)
}

// warnings returns one warning a reason, in the order first met: its
// detail is the first page's error, and, when more pages were skipped for
// it, how many of the file's n and which (the first 20).
func (p *pageWarnings) warnings(n int) []Warning {
	var ws []Warning
	for _, code := range p.codes {
		pages, detail := p.pages[code], p.first[code].Error()
		if len(pages) > 1 {
			var list []string
			for _, pg := range pages[:min(len(pages), 20)] {
				list = append(list, strconv.Itoa(pg))
			}
			if len(pages) > 20 {
				list = append(list, "…")
			}
			detail = fmt.Sprintf("%d of %d pages (%s); %s", len(pages), n, strings.Join(list, ", "), detail)
		}
		ws = append(ws, Warning{Code: code, Detail: detail})
	}
	return ws
}
