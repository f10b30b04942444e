package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

// tcvn3Bytes writes s in TCVN3 (ABC), the bytes a .VnTime font draws;
// for a .VnTimeH font pass s in lower case: that font draws capitals at
// the lower-case positions.
func tcvn3Bytes(t testing.TB, s string) []byte {
	rev := map[string]byte{}
	table := legacyByName(encTCVN3)
	for b := 255; b >= 0x20; b-- {
		rev[vntext.NFC(table.decode([]byte{byte(b)}))] = byte(b)
	}
	var out []byte
	for _, r := range vntext.NFC(s) {
		b, ok := rev[string(r)]
		if !ok {
			t.Fatalf("%q has no TCVN3 byte", r)
		}
		out = append(out, b)
	}
	return out
}

// legacyRun is a line of a page drawn in one font of factoryPDF.
type legacyRun struct {
	font string // resource name: /F1 .VnTime, /F2 .VnTimeH
	y    float64
	text []byte
}

// factoryPDF writes a PDF as pdfFactory 2.x printed Word 97 files: PDF
// 1.2, every stream deflated under the abbreviated filter name "/Fl" (one
// as an array), lengths in objects of their own, xref lines ending in
// CR LF; the page's text in simple TrueType fonts named as the system
// knew them, subset-tagged (".VnTime", ".VnTimeH"); .VnTime re-encoded as
// Distiller does, its glyph names giving a minus sign for TCVN3's ư and a
// bullet operator for its ã.
func factoryPDF(runs []legacyRun) []byte {
	var objs []string
	add := func(o string) int { objs = append(objs, o); return len(objs) }
	stream := func(content, filter string) int {
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write([]byte(content))
		w.Close()
		n := len(objs) + 1
		add(fmt.Sprintf("<<\n/Filter %s\n/Length %d 0 R\n>>\nstream\r\n%s\nendstream", filter, n+1, z.Bytes()))
		add(strconv.Itoa(z.Len() + 1)) // pdfFactory counts the newline before endstream
		return n
	}
	add("<<\n/Title (Nghi dinh.doc)\n/Creator (pdfFactory Pro www.pdffactory.com)\n/Producer (pdfFactory Pro 2.10 \\(Windows XP\\))\n>>")
	var content strings.Builder
	for _, r := range runs {
		fmt.Fprintf(&content, "BT\n/%s 13 Tf\n1 0 0 1 72 %g Tm\n<%X> Tj\nET\n", r.font, r.y, r.text)
	}
	c := stream(content.String(), "/Fl")
	widths := strings.TrimSpace(strings.Repeat("500 ", 224))
	f1 := add("<<\n/Type /Font\n/Subtype /TrueType\n/BaseFont /AARIQC+.VnTime\n/FirstChar 32\n/LastChar 255\n/Widths [" + widths + "]\n/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [173 /minus 183 /bulletoperator] >>\n>>")
	f2 := add("<<\n/Type /Font\n/Subtype /TrueType\n/BaseFont /AARIQC+.VnTimeH,Bold\n/FirstChar 32\n/LastChar 255\n/Widths [" + widths + "]\n/Encoding /WinAnsiEncoding\n>>")
	unused := stream("nothing", "[/Fl]") // an array of filters
	page := add(fmt.Sprintf("<<\n/Type /Page\n/Parent %d 0 R\n/MediaBox [0 0 595 842]\n/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> /Unused %d 0 R >>\n/Contents %d 0 R\n>>", len(objs)+2, f1, f2, unused, c))
	pages := add(fmt.Sprintf("<<\n/Type /Pages\n/Kids [%d 0 R]\n/Count 1\n>>", page))
	root := add(fmt.Sprintf("<<\n/Type /Catalog\n/Pages %d 0 R\n>>", pages))
	var b bytes.Buffer
	b.WriteString("%PDF-1.2\n%\xc0\xc8\xcc\xd2\r\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f\r\n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n\r\n", off)
	}
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Info 1 0 R\n/Root %d 0 R\n>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, root, xref)
	return b.Bytes()
}

// TestPDFShortFilterNames reads a pdfFactory file (every stream under
// "/Filter /Fl"), whose capitals are drawn in .VnTimeH: not one of its
// pages could be read, and the capitals came out in lower case.
func TestPDFShortFilterNames(t *testing.T) {
	data := factoryPDF([]legacyRun{
		{"F2", 760, tcvn3Bytes(t, "chính phủ")},
		{"F1", 740, tcvn3Bytes(t, "Số: 27/2004/NĐ-CP")},
		{"F2", 700, tcvn3Bytes(t, "nghị định của chính phủ")},
		{"F1", 680, tcvn3Bytes(t, "Về đăng ký hộ kinh doanh cá thể")},
		{"F1", 600, tcvn3Bytes(t, "Bộ trưởng Bộ Kế hoạch và Đầu tư đã trình")},
	})
	res, err := Extract(context.Background(), "nghidinh.pdf", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"CHÍNH PHỦ", "Số: 27/2004/NĐ-CP", "NGHỊ ĐỊNH CỦA CHÍNH PHỦ", "Về đăng ký hộ kinh doanh cá thể",
		"Bộ trưởng Bộ Kế hoạch và Đầu tư đã trình"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q missing from\n%s", want, res.Text)
		}
	}
}

// TestExpandShortFilters checks the rewritten file object by object: each
// offset of the xref table and startxref lands where it should.
func TestExpandShortFilters(t *testing.T) {
	data := factoryPDF([]legacyRun{{"F1", 700, []byte("abc")}})
	out := expandShortFilters(data)
	if bytes.Contains(out, []byte("/Fl\n")) || bytes.Count(out, []byte("/FlateDecode")) != 2 {
		t.Fatalf("filters not expanded:\n%s", out)
	}
	sx := bytes.LastIndex(out, []byte("startxref"))
	at, _, _ := pdfNumberAfter(out, sx+len("startxref"))
	if !bytes.HasPrefix(out[at:], []byte("xref")) {
		t.Fatalf("startxref %d points at %q", at, out[at:min(len(out), int(at)+10)])
	}
	entries, ok := xrefEntries(out, int(at)+len("xref"))
	if !ok || len(entries) == 0 {
		t.Fatal("xref table not read")
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(out[e : e+10]))
		if want := fmt.Sprintf("%d 0 obj", i+1); !bytes.HasPrefix(out[off:], []byte(want)) {
			t.Errorf("object %d at %d: %q", i+1, off, out[off:min(len(out), off+12)])
		}
	}
	// a file updated since (a second xref section) is left as it is
	updated := regexp.MustCompile(`/Size`).ReplaceAll(data, []byte("/Prev 9 /Size"))
	if got := expandShortFilters(updated); !bytes.Equal(got, updated) {
		t.Error("a file with /Prev was rewritten")
	}
}

func TestLegacyFontName(t *testing.T) {
	for base, want := range map[string]string{
		"AARIQC+.VnTimeH,Bold": ".VnTimeH", "GDNPMF+VnTimeHBold": ".VnTimeH", "CCBODP+.VnTime": ".VnTime",
		".VnArial": ".VnArial", "FBHPLC+VnTimeBoldItalic": ".VnTime", "BCDFEE+VNI-Times": "VNI-Times",
		"TimesNewRoman": "", "ABCDEF+Arial,Bold": "", "Verdana": "",
	} {
		if got := legacyFontName(base); got != want {
			t.Errorf("%q: %q, want %q", base, got, want)
		}
	}
}
