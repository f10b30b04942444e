package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
)

// repeated is a zip member made of head, unit repeated n times, and tail,
// written without holding it in memory: a small file that inflates large.
type repeated struct {
	name, head, unit, tail string
	n                      int
}

func inflatingZip(t testing.TB, members ...repeated) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, m := range members {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, m.head)
		block := strings.Repeat(m.unit, max(1, min(m.n, (64<<10)/max(len(m.unit), 1))))
		per := max(1, len(block)/max(len(m.unit), 1))
		for left := m.n; left > 0; left -= per {
			if left < per {
				block = strings.Repeat(m.unit, left)
			}
			if _, err := io.WriteString(w, block); err != nil {
				t.Fatal(err)
			}
		}
		io.WriteString(w, m.tail)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const (
	docxHead = `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>`
	docxTail = `</w:body></w:document>`
	docxPara = `<w:p><w:r><w:t>Đoạn văn lặp lại nhiều lần trong văn bản.</w:t></w:r></w:p>`
)

// TestDocxInflatingPart is the 3.4 MB .docx whose document.xml inflates
// to 950 MB, scaled down: 64 MB of XML from a file of about 200 KB, with
// the part limit lowered to 1 MB. Reading stops at the limit, while the
// part is read: far less than the part is allocated.
func TestDocxInflatingPart(t *testing.T) {
	const n = (64 << 20) / len(docxPara)
	data := inflatingZip(t, repeated{name: "word/document.xml", head: docxHead, unit: docxPara, tail: docxTail, n: n})
	if len(data) > 1<<20 {
		t.Fatalf("the docx is %d bytes, not small", len(data))
	}
	var err error
	alloc := allocated(func() {
		_, err = Extract(context.Background(), "bom.docx", data, Options{Limits: Limits{MaxPartBytes: 1 << 20}})
	})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitPartBytes || le.Limit != 1<<20 || !le.AtLeast || le.Part != "word/document.xml" {
		t.Fatalf("err = %v (%+v)", err, le)
	}
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "word/document.xml: part size is over 1.0 MB, the limit") {
		t.Errorf("message %q", err)
	}
	if alloc > 16<<20 {
		t.Errorf("reading allocated %d MB: the part was not stopped while read", alloc>>20)
	}
	// Under the limit, the same shape of file is read whole.
	const small = (2 << 20) / len(docxPara)
	data = inflatingZip(t, repeated{name: "word/document.xml", head: docxHead, unit: docxPara, tail: docxTail, n: small})
	res, err := Extract(context.Background(), "a.docx", data, Options{Limits: Limits{MaxPartBytes: 4 << 20}})
	if err != nil || strings.Count(res.Text, "Đoạn văn lặp lại") != small {
		t.Fatalf("whole read: %v, %d paragraphs", err, strings.Count(res.Text, "Đoạn văn lặp lại"))
	}
}

// TestDocxTextLimit: XML within the part limit whose text is over the
// text limit stops once the text passes it.
func TestDocxTextLimit(t *testing.T) {
	data := inflatingZip(t, repeated{name: "word/document.xml", head: docxHead, unit: docxPara, tail: docxTail, n: (8 << 20) / len(docxPara)})
	var err error
	alloc := allocated(func() {
		_, err = Extract(context.Background(), "a.docx", data, Options{Limits: Limits{MaxTextBytes: 1 << 20}})
	})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitTextBytes || le.Limit != 1<<20 || !le.AtLeast {
		t.Fatalf("err = %v", err)
	}
	if alloc > 24<<20 {
		t.Errorf("allocated %d MB for 1 MB of text", alloc>>20)
	}
}

// TestDocxHugeToken: one run of text of 128 MB (a single XML token, which
// encoding/xml would hold whole) is refused once it passes maxXMLToken,
// having allocated less than the token (the race detector's build
// allocates more than a plain one: the bound is loose).
func TestDocxHugeToken(t *testing.T) {
	data := inflatingZip(t, repeated{name: "word/document.xml", head: docxHead + `<w:p><w:r><w:t>`, unit: "aaaaaaaaaaaaaaaa", tail: `</w:t></w:r></w:p>` + docxTail, n: 8 << 20})
	var err error
	alloc := allocated(func() {
		_, err = Extract(context.Background(), "a.docx", data, Options{})
	})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "XML element of more than 8 MB") {
		t.Fatalf("err = %v", err)
	}
	if alloc > 100<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
	t.Logf("allocated %d MB", alloc>>20)
}

// TestDocxPartsAddUp: every part counts towards the document's unzipped
// total, so many parts each under the part limit still stop.
func TestDocxPartsAddUp(t *testing.T) {
	hdr := repeated{head: `<w:hdr ` + wordNS + `>`, unit: docxPara, tail: `</w:hdr>`, n: (600 << 10) / len(docxPara)}
	var members []repeated
	for _, name := range []string{"word/header1.xml", "word/header2.xml", "word/header3.xml"} {
		h := hdr
		h.name = name
		members = append(members, h)
	}
	members = append(members, repeated{name: "word/document.xml", head: docxHead, unit: docxPara, tail: docxTail, n: 10})
	data := inflatingZip(t, members...)
	_, err := Extract(context.Background(), "a.docx", data, Options{Limits: Limits{MaxPartBytes: 1 << 20, MaxUnzippedBytes: 1 << 20}})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitUnzippedBytes || le.Part != "word/header2.xml" {
		t.Fatalf("err = %v", err)
	}
	if _, err := Extract(context.Background(), "a.docx", data, Options{Limits: Limits{MaxPartBytes: 1 << 20}}); err != nil {
		t.Errorf("within the limits: %v", err)
	}
}

// TestODTInflatingPart: the same for an .odt's content.xml.
func TestODTInflatingPart(t *testing.T) {
	const ns = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"`
	data := inflatingZip(t, repeated{
		name: "content.xml", head: `<office:document-content ` + ns + `><office:body><office:text>`,
		unit: `<text:p>Đoạn văn lặp lại nhiều lần.</text:p>`, tail: `</office:text></office:body></office:document-content>`,
		n: (32 << 20) / 40,
	})
	var err error
	alloc := allocated(func() {
		_, err = Extract(context.Background(), "bom.odt", data, Options{Limits: Limits{MaxPartBytes: 1 << 20}})
	})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitPartBytes || le.Part != "content.xml" || !le.AtLeast {
		t.Fatalf("err = %v", err)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}

// TestTextLimit: a text file whose text is over the text limit is refused
// with the text's size.
func TestTextLimit(t *testing.T) {
	data := bytes.Repeat([]byte("Văn bản dài. "), 100000)
	_, err := Extract(context.Background(), "a.txt", data, Options{Limits: Limits{MaxTextBytes: 1 << 20}})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitTextBytes || le.Got != int64(len(data)) || le.AtLeast {
		t.Fatalf("err = %v", err)
	}
	if _, err := Extract(context.Background(), "a.txt", data, Options{}); err != nil {
		t.Errorf("under the default limit: %v", err)
	}
	// UTF-16 text is half its file's size: judged on the text.
	u16 := []byte{0xFF, 0xFE}
	for _, c := range strings.Repeat("Van ban dai. ", 60000) {
		u16 = append(u16, byte(c), 0)
	}
	if res, err := Extract(context.Background(), "b.txt", u16, Options{Limits: Limits{MaxTextBytes: 1 << 20}}); err != nil || len(u16) < 1<<20 || res.Encoding != "utf-16le" {
		t.Errorf("UTF-16 of %d bytes, text under the limit: %v", len(u16), err)
	}
}

// TestWalkZipOneAtATime is the zip of six 170 MB texts, scaled down to
// six of 4 MB: WalkZip hands each entry over as it is inflated, so the
// heap holds one entry at a time, not all six.
func TestWalkZipOneAtATime(t *testing.T) {
	const size = 4 << 20
	var members []repeated
	for _, name := range []string{"1.txt", "2.txt", "3.txt", "4.txt", "5.txt", "6.txt"} {
		members = append(members, repeated{name: name, unit: "Văn bản dài lặp lại. ", n: size / 25})
	}
	data := inflatingZip(t, members...)
	var names []string
	var peak uint64
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	err := WalkZip(context.Background(), data, Limits{}, func(e Entry) error {
		names = append(names, e.Name)
		if len(e.Data) < size-32 {
			t.Errorf("%s: %d bytes", e.Name, len(e.Data))
		}
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc-min(base, ms.HeapAlloc))
		return nil
	})
	if err != nil || len(names) != 6 {
		t.Fatalf("%v, %q", err, names)
	}
	if peak > 3*size {
		t.Errorf("%d MB held while walking six entries of %d MB", peak>>20, size>>20)
	}
}

// TestWalkZipStopsAtBomb: the entries before a bomb are handed over; the
// bomb stops the walk with the entry's name and its size (the header's
// size here, so nothing of it is inflated).
func TestWalkZipStopsAtBomb(t *testing.T) {
	data := inflatingZip(t,
		repeated{name: "a.txt", unit: "Văn bản một. ", n: 1000},
		repeated{name: "b.txt", unit: "Văn bản hai. ", n: 1000},
		repeated{name: "bom.txt", unit: "0000000000000000", n: (64 << 20) / 16},
		repeated{name: "c.txt", unit: "Văn bản ba. ", n: 1000},
	)
	var names []string
	var err error
	alloc := allocated(func() {
		err = WalkZip(context.Background(), data, Limits{MaxFileBytes: 1 << 20}, func(e Entry) error {
			names = append(names, e.Name)
			return nil
		})
	})
	le, ok := errors.AsType[*LimitError](err)
	if !ok || le.What != limitFileBytes || le.Part != "bom.txt" || le.Got != 64<<20 || le.AtLeast || le.Limit != 1<<20 {
		t.Fatalf("err = %v", err)
	}
	if strings.Join(names, " ") != "a.txt b.txt" {
		t.Errorf("entries %q", names)
	}
	if alloc > 16<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}
