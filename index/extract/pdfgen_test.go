package extract

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The tests of the PDF layout write their own PDFs: text placed where an
// office's Word would place it, in a Type0 font whose codes are the
// characters' UTF-16 code units (a ToUnicode map says so), every glyph
// half an em wide.

// pdfText is one string drawn at (x, y) in points, size points high.
type pdfText struct {
	x, y, size float64
	s          string
	width      float64 // when set, the line is stretched to this width (justified)
	tc         float64 // letter spacing (Tc), in points
}

// pdfAnnot is an annotation whose appearance draws texts, placed in rect.
type pdfAnnot struct {
	rect  [4]float64
	texts []pdfText // in the appearance's own space (its BBox is rect's size)
}

// genPDF writes a PDF of A4 pages, each with its texts and annotations.
func genPDF(pages [][]pdfText, annots map[int][]pdfAnnot) []byte {
	objs := []string{"", ""} // 1 catalog, 2 pages: filled in below
	add := func(o string) int {
		objs = append(objs, o)
		return len(objs)
	}
	stream := func(dict, content string) string {
		return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(content), content)
	}
	var ranges strings.Builder // a range may only vary in its last byte
	for hi := 0; hi < 256; hi += 64 {
		fmt.Fprintf(&ranges, "64 beginbfrange\n")
		for h := hi; h < hi+64; h++ {
			fmt.Fprintf(&ranges, "<%02X00> <%02XFF> <%02X00>\n", h, h, h)
		}
		ranges.WriteString("endbfrange\n")
	}
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /UCS def " +
		"1 begincodespacerange <0000> <FFFF> endcodespacerange\n" + ranges.String() +
		"endcmap CMapName currentdict /CMap defineresource pop end end"
	toUnicode := add(stream("", cmap))
	desc := add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>")
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, toUnicode))
	res := fmt.Sprintf("<< /Font << /F1 %d 0 R >> >>", font)
	var kids []string
	for i, texts := range pages {
		var ann []string
		for _, a := range annots[i] {
			w, h := a.rect[2]-a.rect[0], a.rect[3]-a.rect[1]
			ap := add(stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 %g %g] /Resources %s", w, h, res), showTexts(a.texts)))
			ann = append(ann, fmt.Sprintf("%d 0 R", add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /F 4 /Rect [%g %g %g %g] /AP << /N %d 0 R >> >>",
				a.rect[0], a.rect[1], a.rect[2], a.rect[3], ap))))
		}
		content := add(stream("", showTexts(texts)))
		kids = append(kids, fmt.Sprintf("%d 0 R", add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R /Annots [%s] >>",
			res, content, strings.Join(ann, " ")))))
	}
	objs[0] = "<< /Type /Catalog /Pages 2 0 R >>"
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	return rawPDF(objs...)
}

// showTexts is the content stream drawing texts.
func showTexts(texts []pdfText) string {
	var b strings.Builder
	for _, t := range texts {
		scale := 100.0
		if t.width > 0 {
			scale = 100 * t.width / (float64(utf8.RuneCountInString(t.s)) * t.size / 2)
		}
		fmt.Fprintf(&b, "BT /F1 %g Tf %g Tc %g Tz 1 0 0 1 %g %g Tm <", t.size, t.tc, scale, t.x, t.y)
		for _, u := range utf16.Encode([]rune(t.s)) {
			fmt.Fprintf(&b, "%04X", u)
		}
		b.WriteString("> Tj ET\n")
	}
	return b.String()
}

// wrapLines sets text as a justified paragraph of lines at most n
// characters long, from x at y downwards, lead points apart, the first
// line indented, all but the last stretched to the right margin x+width.
func wrapLines(text string, x, y, size, lead, width float64, n int, indent float64) []pdfText {
	var out []pdfText
	var line []string
	flush := func(last bool) {
		lx := x
		if len(out) == 0 {
			lx += indent
		}
		t := pdfText{x: lx, y: y - lead*float64(len(out)), size: size, s: strings.Join(line, " ")}
		if !last {
			t.width = x + width - lx
		}
		out = append(out, t)
		line = nil
	}
	for _, w := range strings.Fields(text) {
		if utf8.RuneCountInString(strings.Join(append(line, w), " ")) > n && len(line) > 0 {
			flush(false)
		}
		line = append(line, w)
	}
	if len(line) > 0 {
		flush(true)
	}
	return out
}
