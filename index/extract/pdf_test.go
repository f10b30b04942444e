package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"khovanban/index/internal/cputime"
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

// TestPDFScannedOCR reads the shared fixture's scanned page (raw RGB
// pixels, Flate) with the system's tesseract, where it is installed.
func TestPDFScannedOCR(t *testing.T) {
	if _, err := findTesseract(context.Background()); err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("OCR takes seconds")
	}
	ocr := NewOCR(OCRConfig{System: true})
	defer ocr.Close()
	res, err := Extract(context.Background(), "scanned.pdf", readTestdata(t, "scanned.pdf"), Options{OCR: ocr})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 || res.OCRPages != 1 {
		t.Errorf("warnings %+v, OCR pages %d", res.Warnings, res.OCRPages)
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

// TestPDFEncrypted: the AES-256 file qpdf made with an empty user
// password is read (see TestPDFAES256); the RC4 one is still refused.
func TestPDFEncrypted(t *testing.T) {
	res, err := Extract(context.Background(), "encrypted-aes256.pdf", readTestdata(t, "encrypted-aes256.pdf"), Options{})
	if err != nil || !strings.Contains(res.Text, "Quyết tâm phát huy dân chủ - kỷ cương - đoàn kết") {
		t.Errorf("aes256: err = %v, text:\n%s", err, res.Text)
	}
	// qpdf's RC4 (40 bits; 128 bits named by a crypt filter) and AES-128
	for _, name := range []string{"encrypted-rc4-40.pdf", "encrypted-rc4-cf.pdf", "encrypted-aes128.pdf"} {
		res, err := Extract(context.Background(), name, readTestdata(t, name), Options{})
		if err != nil || !strings.Contains(res.Text, "Quyết tâm phát huy dân chủ - kỷ cương - đoàn kết") {
			t.Errorf("%s: err = %v, text:\n%s", name, err, res.Text)
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

func TestPDFNoTools(t *testing.T) {
	// Without tesseract and without the built-in engine, OCR only warns.
	t.Setenv("PATH", t.TempDir())
	ocr := NewOCR(OCRConfig{System: true})
	defer ocr.Close()
	res, err := Extract(context.Background(), "scanned.pdf", readTestdata(t, "scanned.pdf"), Options{OCR: ocr})
	if err != nil || len(res.Warnings) != 1 || res.Warnings[0].Code != WarnScannedNoOCR || res.OCRPages != 0 {
		t.Errorf("err %v, warnings %+v", err, res.Warnings)
	}
}

// jpegPDF writes a one-page PDF showing one grey JPEG, as scanners do.
func jpegPDF(jpeg []byte, w, h int) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n")
	content := []byte("q 595 0 0 842 0 0 cm /Im0 Do Q")
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", nil)
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", w, h, len(jpeg)), jpeg)
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// TestPDFCycles: damaged files whose structure loops (a page tree that
// contains itself, an xref /Prev chain back to itself) must end with
// ErrCorrupt, not hang: the pdf library would loop forever.
func TestPDFCycles(t *testing.T) {
	kidsLoop := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 5 >>")
	prevLoop := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>")
	at := bytes.Index(prevLoop, []byte("\nxref\n")) + 1
	prevLoop = bytes.Replace(prevLoop, []byte("/Root 1 0 R"), fmt.Appendf(nil, "/Root 1 0 R /Prev %d", at), 1)
	for name, data := range map[string][]byte{"kids": kidsLoop, "prev": prevLoop} {
		var err error
		d := cputime.Process(func() { _, err = Extract(context.Background(), name+".pdf", data, Options{}) })
		if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrEmpty) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
		t.Logf("%s: %v in %v of CPU", name, err, d)
		if d > 60*time.Second {
			t.Errorf("%s: took %v of CPU", name, d)
		}
	}
}

// TestPDFFormText: text drawn inside a form XObject is read, and a form
// that draws itself does not recurse forever.
func TestPDFFormText(t *testing.T) {
	stream := func(dict, content string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content)
	}
	font := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	data := rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /XObject << /F1 4 0 R >> /Font << /H 6 0 R >> >> /Contents 5 0 R >>",
		stream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /H 6 0 R >> /XObject << /F1 4 0 R >> >>",
			"BT /H 12 Tf 72 700 Td (Form header) Tj ET /F1 Do"),
		stream("", "q /F1 Do Q BT /H 12 Tf 72 600 Td (Body text) Tj ET"),
		font,
	)
	res, err := Extract(context.Background(), "form.pdf", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, "Form header") || !strings.HasSuffix(res.Text, "Body text") {
		t.Errorf("got %q", res.Text)
	}
}

// rawPDF writes a PDF of the given objects (numbered from 1).
func rawPDF(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offsets []int
	for i, o := range objects {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
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

// Bytes after the last %%EOF (mail padding, a signature) do not stop the
// text being read.
func TestPDFWithTrailingBytes(t *testing.T) {
	data, err := os.ReadFile("testdata/vn.pdf")
	if err != nil {
		t.Fatal(err)
	}
	data = append(append([]byte(nil), data...), []byte("\n% appended by a mail program\n\x00\x00")...)
	res, err := Extract(context.Background(), "vn.pdf", data, Options{})
	if err != nil || !strings.Contains(res.Text, "3 quyết tâm") {
		t.Fatalf("Extract: %v, %d characters", err, len(res.Text))
	}
}

// TestPDFLongFileReadToItsEnd: the pdf library reads again, for each
// page, the objects the pages share; a long file whose pages share a large
// font read past the whole file's budget and every page after that was
// "unreadable" (a real 343-page consolidated text lost pages 131 to 343).
// Each page has its own budget and adds to the file's.
func TestPDFLongFileReadToItsEnd(t *testing.T) {
	n := 400
	data := sharedFontPDF(t, n, 48<<10)
	res, err := Extract(context.Background(), "long.pdf", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %+v", res.Warnings)
	}
	for _, p := range []int{1, 200, n} {
		if want := pageWords(p); !strings.Contains(res.Text, want) {
			t.Errorf("%q not read", want)
		}
	}
}

// sharedFontPDF makes a PDF of n pages, each drawing one line with the
// same font, whose ToUnicode map is size bytes long: every page reads it.
func sharedFontPDF(t *testing.T, n, size int) []byte {
	t.Helper()
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n")
	for cmap.Len() < size { // the same mappings again and again, as large as an embedded font's
		cmap.WriteString("95 beginbfchar\n")
		for c := 0x20; c < 0x7f; c++ {
			fmt.Fprintf(&cmap, "<%02X> <%04X>\n", c, c)
		}
		cmap.WriteString("endbfchar\n")
	}
	cmap.WriteString("endcmap CMapName currentdict /CMap defineresource pop end end\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, below
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", cmap.Len(), cmap.String()),
	}
	var kids []string
	for p := 1; p <= n; p++ {
		page, content := len(objs)+1, len(objs)+2
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		text := fmt.Sprintf("BT /F 12 Tf 72 700 Td (%s) Tj ET", pageWords(p))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F 3 0 R >> >> /Contents %d 0 R >>", content),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(text), text))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return rawPDF(objs...)
}

// pageWords is a line of its own for page p: words of letters, which the
// running headers' and page numbers' removal leaves alone.
func pageWords(p int) string {
	var w []byte
	for ; p > 0; p /= 26 {
		w = append(w, byte('a'+p%26))
	}
	return "Muc " + string(w) + " quy dinh rieng cua trang " + string(w)
}

// TestPDFForgedPagesEndInSeconds: forged files whose every page reads
// until its budget stops it. Each page adds to the file's budget, so
// 2000 such pages read up to 4 GB: 4.9 s of CPU for a page tree whose
// pages loop through /Parent, and minutes where the reading inflates
// far more than it reads: a form of 512 KB of spaces (compressed to
// 1 KB) drawn 20,000 times a page (4.8 s for the first page, 0.25 s
// for each other: about 500 s), or a /Parent stored behind 2 MB of
// spaces in an object stream (2 ms a look-up). The pages' allowances
// add up to at most three times the file's own budget, and what the
// library inflates is charged as read.
func TestPDFForgedPagesEndInSeconds(t *testing.T) {
	pad := strings.Repeat("%", 1<<20) // the file is 1 MB: each page adds its most, 1 MB
	limit := 3 * time.Second
	if raceDetector {
		limit *= 20
	}
	for name, data := range map[string][]byte{
		"parent loop":        loopingPagesPDF(2000, 0, 0, pad),
		"form drawn again":   loopingPagesPDF(400, 512<<10, 20000, pad),
		"object stream loop": objStmLoopPDF(2000, 2<<20-64),
	} {
		var res Result
		var err error
		d := cputime.Process(func() { res, err = Extract(context.Background(), "forged.pdf", data, Options{}) })
		t.Logf("%s: %d bytes, %v of CPU, %v", name, len(data), d, err)
		if !errors.Is(err, ErrCorrupt) || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Detail, "reading loops") {
			t.Errorf("%s: err %v, warnings %+v", name, err, res.Warnings)
		}
		if d > limit {
			t.Errorf("%s: took %v of CPU", name, d)
		}
	}
}

// TestPDFAllowanceCapped: the pages' allowances add up to three times the
// file's own budget, however many pages there are.
func TestPDFAllowanceCapped(t *testing.T) {
	for _, size := range []int{10 << 10, 1 << 20, 8 << 20} {
		b := &budgetReader{ctx: context.Background(), data: make([]byte, size), left: pdfReadBudget(size)}
		for range 2 * 2000 { // each page twice, as readPDF does
			b.nextPage()
		}
		if want := 4 * pdfReadBudget(size); b.left != want {
			t.Errorf("%d bytes: budget %d after 2000 pages, want %d", size, b.left, want)
		}
	}
}

// TestPDFInflatedCharged: a form drawn again and again costs the budget
// what it inflates to each time, and an object stream's compressed bytes
// cost what they inflate to.
func TestPDFInflatedCharged(t *testing.T) {
	data := loopingPagesPDF(1, 64<<10, 100, "")
	r, err := openPDF(&budgetReader{ctx: context.Background(), data: data, left: 1 << 40}, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	before := r.budget.left
	if _, _, err := pageText(r, 1); err != nil {
		t.Fatal(err)
	}
	if drawn := before - r.budget.left; drawn < 100*64<<10 {
		t.Errorf("100 draws of a 64 KB form cost %d of the budget", drawn)
	}
	data = objStmLoopPDF(1, 1<<20)
	spans, err := checkObjectStreams(data)
	want := int64(len(fmt.Sprintf("4 %d ", 1<<20)) + 1<<20 + len(objStmLoopObject))
	if err != nil || len(spans) != 1 || spans[0].inflated != want {
		t.Fatalf("spans %+v, err %v", spans, err)
	}
	b := &budgetReader{objStms: spans}
	s := spans[0]
	if got := b.inflatedCost(s.start, s.end-s.start); got != s.inflated {
		t.Errorf("the whole stream costs %d, want %d", got, s.inflated)
	}
	if got := b.inflatedCost(s.end, 100); got != 100 {
		t.Errorf("bytes after the stream cost %d", got)
	}
	if got := b.inflatedCost(s.start-50, 100); got != 50+50*s.inflated/(s.end-s.start) {
		t.Errorf("50 bytes before and 50 in the stream cost %d", got)
	}
}

// loopingPagesPDF makes a PDF of n pages. Without a form, each page's
// /Parent is a node that is its own parent: looking up the page's
// resources loops. With a form of that many spaces (compressed), each
// page draws it draws times. pad, an unused stream, makes the file
// larger.
func loopingPagesPDF(n, form, draws int, pad string) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Pages /Parent 4 0 R >>"}
	content := "BT /H 12 Tf 72 700 Td (Trang van ban) Tj ET"
	page := "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 600 800] /Contents 6 0 R >>"
	if form > 0 {
		content = strings.Repeat("/X Do\n", draws)
		page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /H 3 0 R >> /XObject << /X 5 0 R >> >> /Contents 6 0 R >>"
	}
	z := deflated("", " ", " BT /H 12 Tf 72 700 Td (x) Tj ET", form)
	objs = append(objs, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(z), z))
	z = deflated("", content, "", 1)
	objs = append(objs, fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(z), z))
	var kids []string
	for range n {
		objs = append(objs, page)
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	if pad != "" {
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(pad), pad))
	}
	return rawPDF(objs...)
}

// objStmLoopObject is the node objStmLoopPDF stores in its object stream.
const objStmLoopObject = "<< /Type /Pages /Parent 4 0 R >>"

// objStmLoopPDF makes a PDF of n pages whose /Parent, a node that is its
// own parent, is object 4, stored in an object stream after pad spaces.
func objStmLoopPDF(n, pad int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	type entry struct{ kind, off, gen int }
	xref := []entry{{0, 0, 65535}}
	add := func(body string) {
		xref = append(xref, entry{1, b.Len(), 0})
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(xref)-1, body)
	}
	var kids []string
	for i := range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", 6+i))
	}
	add("<< /Type /Catalog /Pages 2 0 R >>")
	add(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	z := deflated("", "BT /H 12 Tf 72 700 Td (Trang) Tj ET", "", 1)
	add(fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(z), z))
	xref = append(xref, entry{2, 5, 0}) // object 4: the first of stream 5
	head := fmt.Sprintf("4 %d ", pad)
	z = deflated(head, " ", objStmLoopObject, pad)
	add(fmt.Sprintf("<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(head), len(z), z))
	for range n {
		add("<< /Type /Page /Parent 4 0 R /MediaBox [0 0 600 800] /Contents 3 0 R >>")
	}
	at := b.Len()
	xref = append(xref, entry{1, at, 0})
	var xs bytes.Buffer
	for _, e := range xref {
		xs.Write([]byte{byte(e.kind), byte(e.off >> 24), byte(e.off >> 16), byte(e.off >> 8), byte(e.off), byte(e.gen >> 8), byte(e.gen)})
	}
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n",
		len(xref)-1, len(xref), xs.Len(), xs.Bytes(), at)
	return b.Bytes()
}
