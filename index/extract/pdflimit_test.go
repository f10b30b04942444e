package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"slices"
	"strings"
	"testing"
)

// deflated is head, unit repeated n times and tail, zlib-compressed
// without holding the whole in memory.
func deflated(head, unit, tail string, n int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte(head))
	block := strings.Repeat(unit, max(1, min(n, (64<<10)/len(unit))))
	per := len(block) / len(unit)
	for left := n; left > 0; left -= per {
		if left < per {
			block = strings.Repeat(unit, left)
		}
		zw.Write([]byte(block))
	}
	zw.Write([]byte(tail))
	zw.Close()
	return z.Bytes()
}

func flateStream(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", dict, len(data), data)
}

const (
	helveticaFont = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	helloRun      = "(Hello world) Tj "
)

// flatePDF is a PDF of one page per content: each content is text shown
// n times, Flate-compressed, so a small file whose streams inflate to
// n × 17 bytes each.
func flatePDF(ns ...int) []byte {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", helveticaFont}
	var kids []string
	for _, n := range ns {
		page := len(objs) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /H 3 0 R >> >> /Contents %d 0 R >>", page+1),
			flateStream("", deflated("BT /H 12 Tf 72 700 Td ", helloRun, " ET", n)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(ns))
	return rawPDF(objs...)
}

// TestPDFInflatingStream is the 3 MB PDF whose content stream inflates to
// 1 GiB, scaled down: 64 MB from a file of under 200 KB, with the page
// limit lowered to 1 MB. Inflating stops at the limit, before the page is
// laid out: far less than the stream is allocated.
func TestPDFInflatingStream(t *testing.T) {
	data := flatePDF((64 << 20) / len(helloRun))
	if len(data) > 200<<10 {
		t.Fatalf("the PDF is %d KB, not small", len(data)>>10)
	}
	var err error
	alloc := allocated(func() {
		_, err = Extract(context.Background(), "bom.pdf", data, Options{Limits: Limits{MaxPageBytes: 1 << 20}})
	})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitPartBytes || le.Limit != 1<<20 || !le.AtLeast {
		t.Fatalf("err = %v", err)
	}
	if want := "pdf: page 1: part size is over 1.0 MB, the limit"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MB: the stream was not stopped while inflated", alloc>>20)
	}
	// Within the limit, the same shape of file is read.
	res, err := Extract(context.Background(), "a.pdf", flatePDF(1000), Options{Limits: Limits{MaxPageBytes: 1 << 20}})
	if err != nil || strings.Count(res.Text, "Hello world") != 1000 {
		t.Errorf("within the limit: %v, %d runs", err, strings.Count(res.Text, "Hello world"))
	}
}

// TestPDFHeavyPageSkipped: one page over the page limit among others is
// skipped with a warning; the others are read.
func TestPDFHeavyPageSkipped(t *testing.T) {
	res, err := Extract(context.Background(), "a.pdf", flatePDF(10, (4<<20)/len(helloRun), 20), Options{Limits: Limits{MaxPageBytes: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(res.Text, "Hello world"); got != 30 {
		t.Errorf("%d runs read, want the 30 of pages 1 and 3", got)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Code != WarnPageTooLarge || !strings.Contains(res.Warnings[0].Detail, "page 2") {
		t.Errorf("warnings %+v", res.Warnings)
	}
}

// TestPDFInflationAddsUp: pages each under the page limit stop at the
// file's limit.
func TestPDFInflationAddsUp(t *testing.T) {
	n := (600 << 10) / len(helloRun)
	_, err := Extract(context.Background(), "a.pdf", flatePDF(n, n, n), Options{Limits: Limits{MaxUnzippedBytes: 1 << 20}})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitUnzippedBytes || !strings.Contains(err.Error(), "page 2") {
		t.Fatalf("err = %v", err)
	}
}

// TestPDFInflatingForm: a bomb in a form XObject the page draws, or in an
// annotation's appearance, is stopped the same way.
func TestPDFInflatingForm(t *testing.T) {
	bomb := deflated("BT /H 12 Tf 72 700 Td ", helloRun, " ET", (16<<20)/len(helloRun))
	form := flateStream("/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Resources << /Font << /H 3 0 R >> >>", bomb)
	for name, page := range map[string]string{
		"form":       "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /H 3 0 R >> /XObject << /X1 5 0 R >> >> /Contents 4 0 R >>",
		"annotation": "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /H 3 0 R >> >> /Contents 4 0 R /Annots [<< /Type /Annot /Subtype /FreeText /Rect [0 0 100 100] /AP << /N 5 0 R >> >>] >>",
	} {
		data := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [6 0 R] /Count 1 >>", helveticaFont,
			flateStream("", deflated("", "q /X1 Do Q ", "", 1)), form, page)
		var err error
		alloc := allocated(func() {
			_, err = Extract(context.Background(), name+".pdf", data, Options{Limits: Limits{MaxPageBytes: 1 << 20}})
		})
		if le, ok := errors.AsType[*LimitError](err); !ok || le.What != limitPartBytes {
			t.Errorf("%s: err = %v", name, err)
		}
		if alloc > 16<<20 {
			t.Errorf("%s: allocated %d MB", name, alloc>>20)
		}
	}
}

// TestPDFTextLimit: the pages' text stops being gathered once it passes
// the text limit.
func TestPDFTextLimit(t *testing.T) {
	n := (400 << 10) / len(helloRun)
	_, err := Extract(context.Background(), "a.pdf", flatePDF(n, n, n, n), Options{Limits: Limits{MaxTextBytes: 512 << 10}})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitTextBytes || !le.AtLeast {
		t.Fatalf("err = %v", err)
	}
}

// TestPDFHugeXref: a PDF of under 1 KB whose cross-reference names
// object 100,000,000 (which took 3.2 GB) or 4,000,000,000 (which ended
// the program out of memory) is refused before the pdf library sizes its
// table by it; so is an xref stream with such a /Size, /Index or /W, and
// a stream whose predictor has /Columns 20,000,000,000 (which took 20 GB).
func TestPDFHugeXref(t *testing.T) {
	good := flatePDF(3)
	trailer := bytes.Index(good, []byte("trailer"))
	for name, data := range map[string][]byte{
		"table 1e8": slices.Concat(good[:trailer], []byte("100000000 1\n0000000009 00000 n \n"), good[trailer:]),
		"table 4e9": slices.Concat(good[:trailer], []byte("4000000000 1\n0000000009 00000 n \n"), good[trailer:]),
		"size":      bytes.Replace(good, []byte("/Size 6"), []byte("/Size 1000000000"), 1),
		"index":     bytes.Replace(good, []byte("/Size 6"), []byte("/Size 6 /Index [0 6 99999990 20]"), 1),
		"columns":   bytes.Replace(good, []byte("/Filter /FlateDecode"), []byte("/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 20000000000 >>"), 1),
		"w":         bytes.Replace(good, []byte("/Size 6"), []byte("/Size 6 /Type /XRef /W [1 2000000000 1]"), 1),
	} {
		var err error
		alloc := allocated(func() { _, err = Extract(context.Background(), "x.pdf", data, Options{}) })
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "more than") {
			t.Errorf("%s: err = %v", name, err)
		}
		if alloc > 1<<20 {
			t.Errorf("%s: allocated %d KB", name, alloc>>10)
		}
	}
	if _, err := Extract(context.Background(), "x.pdf", good, Options{}); err != nil {
		t.Errorf("the same PDF unchanged: %v", err)
	}
}

// objStmPDF is a PDF 1.5 whose page's resources are object 6, an array
// of n zeros kept in a Flate-compressed object stream (object 7), with an
// xref stream (object 8).
func objStmPDF(n int) []byte {
	head := "6 0 "
	stm := deflated(head+"[", "0 ", "]", n)
	objs := map[int]string{
		1: "<< /Type /Catalog /Pages 2 0 R >>",
		2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources 6 0 R /Contents 4 0 R >>",
		4: "<< /Length 42 >>\nstream\nBT /H 12 Tf 72 700 Td (Hello world) Tj ET\nendstream",
		5: helveticaFont,
		7: flateStream(fmt.Sprintf("/Type /ObjStm /N 1 /First %d", len(head)), stm),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offs := map[int]int{}
	for _, i := range []int{1, 2, 3, 4, 5, 7} {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i])
	}
	offs[8] = b.Len()
	var rows []byte
	for i := range 9 {
		switch {
		case i == 0:
			rows = append(rows, 0, 0, 0, 0, 0, 0xff, 0xff)
		case i == 6:
			rows = append(rows, 2, 0, 0, 0, 7, 0, 0)
		default:
			o := offs[i]
			rows = append(rows, 1, byte(o>>24), byte(o>>16), byte(o>>8), byte(o), 0, 0)
		}
	}
	fmt.Fprintf(&b, "8 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(rows), rows)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", offs[8])
	return b.Bytes()
}

// TestPDFInflatingObjectStream: an object stream that inflates past
// maxObjStmBytes (here 64 MB of an array from a file of under 100 KB) is
// refused before the pdf library parses its objects; a small one is read.
func TestPDFInflatingObjectStream(t *testing.T) {
	res, err := Extract(context.Background(), "a.pdf", objStmPDF(1000), Options{})
	if err != nil || !strings.Contains(res.Text, "Hello world") {
		t.Fatalf("small object stream: %v, %q", err, res.Text)
	}
	data := objStmPDF((64 << 20) / 2)
	if len(data) > 100<<10 {
		t.Fatalf("the PDF is %d KB", len(data)>>10)
	}
	alloc := allocated(func() { _, err = Extract(context.Background(), "b.pdf", data, Options{}) })
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitPartBytes || le.Limit != maxObjStmBytes || !strings.Contains(err.Error(), "object stream") {
		t.Fatalf("err = %v", err)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}

// TestPDFJPEGClaimingHugeSize: a 1 KB PDF whose page picture is a JPEG
// whose own header claims 60000 × 60000 pixels (the PDF says 1000 ×
// 1414) is refused by the OCR's picture reader before image/jpeg
// allocates it (3.4 GB before).
func TestPDFJPEGClaimingHugeSize(t *testing.T) {
	var buf bytes.Buffer
	jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	j := buf.Bytes()
	sof := bytes.Index(j, []byte{0xFF, 0xC0})
	j[sof+5], j[sof+6], j[sof+7], j[sof+8] = 0xEA, 0x60, 0xEA, 0x60
	data := jpegPDF(j, 1000, 1414)
	r, err := openPDF(&budgetReader{ctx: context.Background(), data: data, left: 1 << 30}, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	alloc := allocated(func() { _, _, err = pageScan(r, data, 1, true, 0) })
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("err = %v", err)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}

// TestPDFSkippedPagesOneWarning: many pages skipped for one reason give
// one warning naming them, not one a page (a 343-page file with 213
// damaged pages made the import say the same sentence 213 times).
func TestPDFSkippedPagesOneWarning(t *testing.T) {
	heavy := (4 << 20) / len(helloRun)
	res, err := Extract(context.Background(), "a.pdf", flatePDF(10, heavy, 20, heavy, heavy), Options{Limits: Limits{MaxPageBytes: 1 << 20}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(res.Text, "Hello world"); got != 30 {
		t.Errorf("%d runs read, want the 30 of pages 1 and 3", got)
	}
	if len(res.Warnings) != 1 || res.Warnings[0].Code != WarnPageTooLarge {
		t.Fatalf("warnings %+v, want one", res.Warnings)
	}
	if d := res.Warnings[0].Detail; !strings.HasPrefix(d, "3 of 5 pages (2, 4, 5); ") || !strings.Contains(d, "page 2") {
		t.Errorf("detail %q", d)
	}
}

// TestOCRLongScanReadToItsEnd: the pages read again for OCR have the
// budget the text was read with, each its own and the file's growing with
// each page. Read with the file's budget alone, a 400-page scan whose
// pages all draw a shared 48 KB content stream (the frame of a form)
// lost its pages past about the 200th as "reading loops".
func TestOCRLongScanReadToItsEnd(t *testing.T) {
	const n = 400
	data := sharedContentScanPDF(n, 48<<10)
	objStms, err := checkObjectStreams(data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := openScans(context.Background(), data, objStms)
	if err != nil {
		t.Fatal(err)
	}
	ocr := NewOCR(OCRConfig{}) // no engine: each page's picture is read, then the OCR fails
	defer ocr.Close()
	_, noEngine := ocr.Engine()
	for p := 1; p <= n; p++ {
		if _, _, err := readScan(context.Background(), ocr, r, data, p, false, p == 1); err == nil || err.Error() != noEngine.Error() {
			t.Fatalf("page %d: %v, want the picture read (then %v)", p, err, noEngine)
		}
	}
}

// sharedContentScanPDF makes a scanned PDF of n pages, each drawing its
// picture (200 pixels a side at 300 dpi) after a content stream of size
// bytes that all pages share.
func sharedContentScanPDF(n, size int) []byte {
	frame := "%" + strings.Repeat("-", size) + "\nq Q\n" // a comment, which the library reads fastest
	img := deflated("", "\x20", "", 200*200)             // dark: a blank picture is not read
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(frame), frame),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 200 /Height 200 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(img), img),
		"<< /Length 27 >>\nstream\nq 48 0 0 48 0 0 cm /Im Do Q\nendstream",
	}
	var kids []string
	for range n {
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)+1))
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 48 48] /Resources << /XObject << /Im 4 0 R >> >> /Contents [3 0 R 5 0 R] >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n)
	return rawPDF(objs...)
}
