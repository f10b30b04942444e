package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
)

// wordSpacesPDF draws text in a Type0 font embedding a TrueType font
// (the window's Noto Sans), its codes the font's glyphs, with the
// ToUnicode map Word 2010 sometimes wrote: capitals read as spaces. With
// embed false the font file is left out.
func wordSpacesPDF(t *testing.T, text string, embed bool) []byte {
	t.Helper()
	ttf := theme.DefaultTextFont().Content()
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	var codes strings.Builder
	toUnicode := map[sfnt.GlyphIndex]rune{}
	for _, r := range text {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			t.Fatalf("no glyph for %q: %v", r, err)
		}
		fmt.Fprintf(&codes, "%04X", g)
		if r >= 'A' && r <= 'Z' || r == 'Ỉ' || r == 'Ú' {
			r = ' ' // the broken map
		}
		toUnicode[g] = r
	}
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(toUnicode))
	for g, r := range toUnicode {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", g, r)
	}
	cmap.WriteString("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end")
	stream := func(dict, data string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
	}
	descriptor := "<< /Type /FontDescriptor /FontName /NotoSans /Flags 32 /FontBBox [0 -300 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent -300 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>"
	if !embed {
		descriptor = "<< /Type /FontDescriptor /FontName /NotoSans /Flags 32 /FontBBox [0 -300 1000 1000] /ItalicAngle 0 /Ascent 1000 /Descent -300 /CapHeight 700 /StemV 80 >>"
	}
	content := fmt.Sprintf("BT /F1 12 Tf 1 0 0 1 60 780 Tm <%s> Tj ET", codes.String())
	return rawPDF("<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 8 0 R >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /NotoSans /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 9 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NotoSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /CIDToGIDMap /Identity /DW 600 /FontDescriptor 6 0 R >>",
		descriptor,
		stream("", string(ttf)),
		stream("", content),
		stream("", cmap.String()))
}

// TestWordSpacesToUnicode: capitals that a broken ToUnicode map reads as
// spaces are read from the embedded font's own character map.
func TestWordSpacesToUnicode(t *testing.T) {
	const text = "UBND TỈNH AN PHÚ - Hiệp hội Doanh nghiệp Tỉnh"
	res, err := Extract(context.Background(), "word.pdf", wordSpacesPDF(t, text, true), Options{})
	if err != nil || strings.TrimSpace(res.Text) != text {
		t.Errorf("got %q, %v; want %q", res.Text, err, text)
	}
	// The fixture has the fault: without the font file, the capitals
	// are gone (as pdftotext reads such a file).
	res, err = Extract(context.Background(), "word.pdf", wordSpacesPDF(t, text, false), Options{})
	if err != nil || strings.Contains(res.Text, "UBND") || !strings.Contains(res.Text, "iệp hội") {
		t.Errorf("without the font file: %q, %v", res.Text, err)
	}
}

// TestTrueTypeGlyphRunes reads the window's font's character map.
func TestTrueTypeGlyphRunes(t *testing.T) {
	ttf := theme.DefaultTextFont().Content()
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	runes, err := trueTypeGlyphRunes(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, r := range "AZaĐđỈữ0" {
		g, _ := f.GlyphIndex(&buf, r)
		if got := runes[uint16(g)]; got != r {
			t.Errorf("glyph %d of %q: %q", g, r, got)
		}
	}
	if _, err := trueTypeGlyphRunes([]byte("not a font")); err == nil {
		t.Error("not a font: no error")
	}
}
