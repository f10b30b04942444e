package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestFixtures checks that every format of the shared sample document
// gives back expected.txt: every paragraph and table cell, in order and
// apart, and little else.
func TestFixtures(t *testing.T) {
	pieces := expectedPieces(t)
	want := strings.Join(pieces, "\n")
	tests := []struct {
		file, format, encoding string
		maxCER                 float64
	}{
		{"txt-utf8.txt", "txt", "utf-8", 0.01},
		{"txt-utf8-bom.txt", "txt", "utf-8-bom", 0.01},
		{"txt-nfd.txt", "txt", "utf-8", 0.01},
		{"txt-utf16le-bom.txt", "txt", "utf-16le", 0.01},
		{"txt-cp1258.txt", "txt", "windows-1258", 0.01},
		{"txt-tcvn3.txt", "txt", "tcvn3", 0.01},
		{"txt-vni.txt", "txt", "vni", 0.01},
		{"vn.docx", "docx", "", 0.05},
		{"vn.doc", "doc", "", 0.05},
		{"vn.odt", "odt", "", 0.05},
		{"vn.pdf", "pdf", "", 0.05},
		{"article.html", "html", "utf-8", 0.05},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Extract(context.Background(), tt.file, readTestdata(t, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Format != tt.format || res.Encoding != tt.encoding {
				t.Errorf("format, encoding = %q, %q; want %q, %q", res.Format, res.Encoding, tt.format, tt.encoding)
			}
			found, missing := matchPieces(res.Text, pieces)
			c := cer(res.Text, want)
			t.Logf("found %d/%d, cer %.1f%%", found, len(pieces), c*100)
			if found != len(pieces) {
				t.Errorf("found %d/%d pieces; first missing %q\ntext:\n%s", found, len(pieces), missing, res.Text)
			}
			if c > tt.maxCER {
				t.Errorf("cer %.3f > %.3f", c, tt.maxCER)
			}
		})
	}
}

func TestFrenchStaysFrench(t *testing.T) {
	res, err := Extract(context.Background(), "fr.txt", readTestdata(t, "txt-french-cp1252.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Le café est très bon. Où est la gare? Ça coûte deux euros. Noël à Paris, garçon, élève, forêt."
	if res.Encoding != "windows-1252" || res.Text != want {
		t.Errorf("got %q (%s), want %q (windows-1252)", res.Text, res.Encoding, want)
	}
}

func TestSupported(t *testing.T) {
	for _, name := range []string{"a.txt", "B.DOCX", "c.Doc", "d.odt", "e.rtf", "f.PDF", "g.html", "h.HTM", "i.md", `dir\x.docx`} {
		if !Supported(name) {
			t.Errorf("Supported(%q) = false", name)
		}
	}
	for _, name := range []string{"a.xls", "b", "c.zip", "d.docx.exe", ".pdf.", "bảng.xlsx"} {
		if Supported(name) {
			t.Errorf("Supported(%q) = true", name)
		}
	}
	if !IsArchive("A.ZIP") || IsArchive("a.docx") {
		t.Error("IsArchive is wrong")
	}
}

func TestExtractErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"x.xls", []byte("abc"), ErrUnsupported},
		{"empty.txt", nil, ErrEmpty},
		{"blank.txt", []byte(" \n\t\n"), ErrEmpty},
		{"junk.txt", []byte{0x00, 0x01, 0x02, 0xFF, 0x13, 0x00, 0x88, 0x00, 0x00, 0x7F, 0x00, 0x1B}, ErrBinary},
		{"junk.docx", []byte("this is not a zip"), ErrCorrupt},
		{"junk.odt", []byte("PK\x03\x04 truncated"), ErrCorrupt},
		{"junk.doc", []byte("not OLE"), ErrCorrupt},
		{"junk.pdf", []byte("%PDF-1.4 garbage"), ErrCorrupt},
		{"nopdf.pdf", []byte("hello"), ErrCorrupt},
		{"junk.rtf", []byte("hello"), ErrCorrupt},
		{"empty.html", []byte("<html><body></body></html>"), ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(ctx, tt.name, tt.data, Options{})
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestTruncatedFixtures(t *testing.T) {
	for _, name := range []string{"vn.docx", "vn.odt", "vn.doc", "vn.pdf"} {
		data := readTestdata(t, name)
		for _, n := range []int{10, len(data) / 3, len(data) / 2, len(data) - 10} {
			_, err := Extract(context.Background(), name, data[:n], Options{})
			if err != nil && !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrEmpty) {
				t.Errorf("%s cut to %d bytes: err = %v, want ErrCorrupt", name, n, err)
			}
		}
	}
}

func TestEthIsD(t *testing.T) {
	res, err := Extract(context.Background(), "a.txt", []byte("Ðộc lập - Tự do\nÐiều 3. ðồng chí Ð. Ð"), Options{})
	if want := "Độc lập - Tự do\nĐiều 3. đồng chí Ð. Ð"; err != nil || res.Text != want {
		t.Errorf("got %q, %v; want %q", res.Text, err, want)
	}
}

// TestWideGapIsAColumn reads a typed .rtf whose signer's name was spaced
// across to the right, beside a recipient line (the two columns of the
// signature block on one line): the wide gap stays a tab, which the
// metadata reader splits cells at; a draft's blanks stay one space.
func TestWideGapIsAColumn(t *testing.T) {
	esc := func(s string) string { // letters past ASCII as \uN?
		var b strings.Builder
		for _, r := range s {
			if r < 0x80 {
				b.WriteRune(r)
			} else {
				fmt.Fprintf(&b, "\\u%d?", r)
			}
		}
		return b.String()
	}
	gap := strings.Repeat(" ", 90)
	rtf := `{\rtf1\ansi {\fs20 ` + esc("Nơi nhận:") + `\par - UBND ` + esc("các tỉnh,") + `\par   ` + esc("thành phố") + gap + `}{\b\i\fs26 ` + esc("Lê Văn An") +
		`}{\fs20 \par - ` + esc("Lưu") + `: VT.\par ` + esc("Số") + `:           /UBND\par ` + esc("ngày      tháng 5 năm 2003") + `}}`
	res, err := Extract(context.Background(), "a.rtf", []byte(rtf), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"thành phố\tLê Văn An", "Số: /UBND", "ngày tháng 5 năm 2003"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q missing from %q", want, res.Text)
		}
	}
}

// collapseControls, byte by byte, gives what collapseRunes does.
func FuzzCollapseControls(f *testing.F) {
	for _, s := range []string{"Quyết  tâm\tsố 12 \n", " a  b", "a" + strings.Repeat(" ", 30) + "b" + strings.Repeat(" ", 23) + "c", "a\t \tb", "a\x01b", "a \x7f b", "\xc3 x", "đ  ð\u0085\u00a0Ð", "  \t", "\x1b[0m x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseControls(s), collapseRunes(s); got != want {
			t.Fatalf("collapseControls(%q) = %q, rune by rune %q", s, got, want)
		}
	})
}

// A line dropControls leaves as it is (plainLine) is what the rune by
// rune collapse gives, once tidy trims it.
func FuzzPlainLine(f *testing.F) {
	for _, s := range []string{"Quyết tâm số 12 \n", " a  b", "a\tb", "a\x01b", "a \x7f b", "\xc3 x", "đ ð Ð"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(strings.TrimSuffix(s, "\n"), "\n") {
			return // tidy hands it one line at a time
		}
		if plainLine(s) && strings.TrimSpace(s) != strings.TrimSpace(collapseRunes(s)) {
			t.Fatalf("plainLine(%q) but the collapse gives %q", s, collapseRunes(s))
		}
		if (strings.ContainsAny(s, "Ðð")) != (strings.Contains(s, "Ð") || strings.Contains(s, "ð")) {
			t.Fatalf("ethToD's test differs on %q", s)
		}
	})
}
