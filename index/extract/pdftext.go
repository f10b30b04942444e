package extract

import (
	"math"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfRun is one string shown on a page, placed in page space.
type pdfRun struct {
	X, Y, EndX, Size float64
	S                string
	fill             bool    // an annotation's text written into a blank of the page
	tc               float64 // the letter spacing (Tc) it was drawn with, in page units
}

// pdfMatrix is a PDF transformation matrix [a b c d e f] as 3×3.
type pdfMatrix [3][3]float64

var pdfIdentity = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) pdfMatrix {
	return pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}}
}

// pdfFont is a page font with its decoder and glyph widths.
type pdfFont struct {
	enc    pdf.TextEncoding
	twoB   bool // Type0 font: two-byte codes
	widths map[int]float64
	dw     float64 // default width

	// spaces is set when the font's ToUnicode map gives a space for
	// several codes (Word 2010 wrote maps sending capitals to spaces):
	// such a space is read from the embedded font's own character map.
	spaces *glyphRunes

	// legacy is the font's name as Word knows it (".VnTimeH", "VNI-Times")
	// when it is a legacy Vietnamese font: its text is decoded as the
	// runs of a .doc in that font are (see decodeFontRun).
	legacy string
}

// legacyFontName returns the name of a legacy Vietnamese font as Word
// names it, from a PDF font's BaseFont ("AARIQC+.VnTimeH,Bold",
// "GDNPMF+VnTimeHBold": a subset tag, the dot sometimes dropped, the
// style glued on), or "" for any other font.
func legacyFontName(base string) string {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[i+1:]
	}
	base, _, _ = strings.Cut(base, ",")
	lower := strings.ToLower(base)
	switch {
	case strings.HasPrefix(lower, "vni-") || strings.HasPrefix(lower, "vni "):
		return base
	case strings.HasPrefix(lower, ".vn"):
	case strings.HasPrefix(lower, "vn"):
		base = "." + base
	default:
		return ""
	}
	for _, style := range []string{"-BoldItalic", "BoldItalic", "-Bold", "Bold", "-Italic", "Italic"} {
		if s, ok := strings.CutSuffix(base, style); ok {
			return s
		}
	}
	return base
}

// text decodes a string shown in the font. The glyph names of a legacy
// font re-encoded by the PDF's maker give a minus sign for TCVN3's ư
// (0xAD) and a bullet operator for its ã (0xB7): they are taken back to
// those bytes first (see legacyByte).
func (f *pdfFont) text(raw string) string {
	s := f.decode(raw)
	if f.legacy == "" {
		return s
	}
	s, _ = decodeFontRun(legacyGlyphs.Replace(s), f.legacy)
	return s
}

var legacyGlyphs = strings.NewReplacer("\u2212", "\u00ad", "\u2219", "\u00b7")

func loadFont(f pdf.Font) *pdfFont {
	pf := &pdfFont{enc: f.Encoder(), widths: map[int]float64{}, dw: 500,
		legacy: legacyFontName(f.BaseFont())}
	if f.V.Key("Subtype").Name() == "Type0" {
		pf.twoB = true
		pf.dw = 1000
		d := f.V.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() != pdf.Null {
			pf.dw = dw.Float64()
		}
		pf.spaces = suspectSpaces(f.V, d)
		w := d.Key("W")
		for i := 0; i < w.Len() && i < 100000; {
			first := int(w.Index(i).Int64())
			next := w.Index(i + 1)
			if next.Kind() == pdf.Array {
				for j := 0; j < next.Len() && j < 65536; j++ {
					pf.widths[first+j] = next.Index(j).Float64()
				}
				i += 2
				continue
			}
			last := int(next.Int64())
			for c := first; c <= last && c-first < 65536; c++ {
				pf.widths[c] = w.Index(i + 2).Float64()
			}
			i += 3
		}
		return pf
	}
	first := f.FirstChar()
	ws := f.V.Key("Widths")
	for i := 0; i < ws.Len() && i < 256; i++ {
		pf.widths[first+i] = ws.Index(i).Float64()
	}
	return pf
}

// advance is the width of raw in text space units (thousandths of the
// font size), and how many glyphs and word spaces it has.
func (f *pdfFont) advance(raw string) (w float64, glyphs, spaces int) {
	step := 1
	if f.twoB {
		step = 2
	}
	for i := 0; i+step <= len(raw); i += step {
		code := int(raw[i])
		if f.twoB {
			code = code<<8 | int(raw[i+1])
		}
		cw, ok := f.widths[code]
		if !ok {
			cw = f.dw
		}
		w += cw
		glyphs++
		if !f.twoB && code == ' ' {
			spaces++
		}
	}
	return w, glyphs, spaces
}

// textState is the part of the graphics state that places text.
type textState struct {
	ctm                        pdfMatrix
	font                       *pdfFont
	size, tc, tw, th, tl, rise float64
}

// pageRuns interprets a page's content stream and returns the strings it
// shows, in stream order, with their positions.
func pageRuns(p pdf.Page, budget *budgetReader) []pdfRun {
	contents := p.V.Key("Contents")
	if contents.Kind() == pdf.Null {
		return nil
	}
	w := &pageWalker{resources: p.Resources(), fonts: map[string]*pdfFont{}, st: textState{ctm: pdfIdentity, th: 1}, budget: budget}
	w.interpret(contents)
	return w.runs
}

func (w *pageWalker) interpret(contents pdf.Value) {
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		w.op(op, args)
	})
}

// maxFormDepth bounds form XObjects drawn inside form XObjects (a form
// may even draw itself).
const maxFormDepth = 8

// drawForm shows the text of a form XObject (page headers and the text
// of some PDF makers live in forms), with its own resources and matrix.
func (w *pageWalker) drawForm(name string) {
	x := w.resources.Key("XObject").Key(name)
	if x.Key("Subtype").Name() != "Form" || w.depth >= maxFormDepth {
		return
	}
	w.runs = append(w.runs, formRuns(x, w.resources, w.st, w.depth+1, w.budget)...)
}

// formRuns interprets a form (a form XObject or an annotation's
// appearance) drawn with the text state st. What its content inflates to
// counts against the budget each time it is drawn (see chargeInflated).
func formRuns(x, parentResources pdf.Value, st textState, depth int, budget *budgetReader) []pdfRun {
	budget.chargeInflated(x)
	sub := &pageWalker{resources: x.Key("Resources"), fonts: map[string]*pdfFont{}, st: st, depth: depth, budget: budget}
	if sub.resources.Kind() == pdf.Null {
		sub.resources = parentResources
	}
	sub.st.ctm = formMatrix(x).mul(sub.st.ctm)
	sub.interpret(x)
	return sub.runs
}

// formMatrix is a form's /Matrix, or the identity.
func formMatrix(x pdf.Value) pdfMatrix {
	m := x.Key("Matrix")
	if m.Len() != 6 {
		return pdfIdentity
	}
	return pdfMatrix{{m.Index(0).Float64(), m.Index(1).Float64(), 0}, {m.Index(2).Float64(), m.Index(3).Float64(), 0}, {m.Index(4).Float64(), m.Index(5).Float64(), 1}}
}

// appearanceMatrix maps an annotation's appearance onto the page: its
// bounding box, through its matrix, fitted into the annotation's /Rect.
func appearanceMatrix(annot, ap pdf.Value) pdfMatrix {
	rect, box := annot.Key("Rect"), ap.Key("BBox")
	if rect.Len() != 4 || box.Len() != 4 {
		return pdfIdentity
	}
	m := formMatrix(ap)
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range [][2]int{{0, 1}, {0, 3}, {2, 1}, {2, 3}} {
		p := pdfMatrix{{1, 0, 0}, {0, 1, 0}, {box.Index(c[0]).Float64(), box.Index(c[1]).Float64(), 1}}.mul(m)
		x0, x1 = math.Min(x0, p[2][0]), math.Max(x1, p[2][0])
		y0, y1 = math.Min(y0, p[2][1]), math.Max(y1, p[2][1])
	}
	rx0, ry0 := math.Min(rect.Index(0).Float64(), rect.Index(2).Float64()), math.Min(rect.Index(1).Float64(), rect.Index(3).Float64())
	rx1, ry1 := math.Max(rect.Index(0).Float64(), rect.Index(2).Float64()), math.Max(rect.Index(1).Float64(), rect.Index(3).Float64())
	sx, sy := 1.0, 1.0
	if x1-x0 > 0.01 && y1-y0 > 0.01 {
		sx, sy = (rx1-rx0)/(x1-x0), (ry1-ry0)/(y1-y0)
	}
	return pdfMatrix{{sx, 0, 0}, {0, sy, 0}, {rx0 - x0*sx, ry0 - y0*sy, 1}}
}

// maxAnnotations bounds the annotations read on one page.
const maxAnnotations = 500

// annotationRuns returns, for each visible annotation of the page that
// draws text (the stamp of a digital signature, "Ký bởi: ...", a
// filled-in form field, a note), the strings its appearance shows.
func annotationRuns(p pdf.Page, budget *budgetReader) [][]pdfRun {
	annots := p.V.Key("Annots")
	var out [][]pdfRun
	for i := 0; i < annots.Len() && i < maxAnnotations; i++ {
		a := annots.Index(i)
		const hidden, noView = 2, 32
		if a.Key("F").Int64()&(hidden|noView) != 0 || a.Key("Subtype").Name() == "Popup" {
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() != pdf.Stream {
			continue
		}
		st := textState{ctm: appearanceMatrix(a, ap), th: 1}
		if runs := formRuns(ap, p.Resources(), st, 1, budget); len(runs) > 0 {
			out = append(out, runs)
		}
	}
	return out
}

// pageWalker is the state of one pageRuns walk: the graphics and text
// state the PDF operators change.
type pageWalker struct {
	resources pdf.Value // of the page, or of the form being drawn
	budget    *budgetReader
	depth     int // form XObjects nesting
	fonts     map[string]*pdfFont
	st        textState
	stack     []textState // saved by q, restored by Q
	tm, tlm   pdfMatrix   // text matrix and text line matrix
	runs      []pdfRun
}

// op applies one content-stream operator.
func (w *pageWalker) op(op string, args []pdf.Value) {
	num := func(i int) float64 {
		if i < len(args) {
			return args[i].Float64()
		}
		return 0
	}
	matrix := func() pdfMatrix {
		return pdfMatrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
	}
	st := &w.st
	switch op {
	case "q":
		if len(w.stack) < 1000 {
			w.stack = append(w.stack, w.st)
		}
	case "Q":
		if n := len(w.stack); n > 0 {
			w.st, w.stack = w.stack[n-1], w.stack[:n-1]
		}
	case "cm":
		if len(args) == 6 {
			st.ctm = matrix().mul(st.ctm)
		}
	case "BT":
		w.tm, w.tlm = pdfIdentity, pdfIdentity
	case "Tf":
		if len(args) == 2 {
			st.font = w.font(args[0].Name())
			st.size = num(1)
		}
	case "Tc":
		st.tc = num(0)
	case "Tw":
		st.tw = num(0)
	case "Tz":
		st.th = num(0) / 100
	case "TL":
		st.tl = num(0)
	case "Ts":
		st.rise = num(0)
	case "Td":
		w.nextLine(num(0), num(1))
	case "TD":
		st.tl = -num(1)
		w.nextLine(num(0), num(1))
	case "Tm":
		if len(args) == 6 {
			w.tlm = matrix()
			w.tm = w.tlm
		}
	case "T*":
		w.nextLine(0, -st.tl)
	case "Tj", "'", "\"":
		if op == "\"" && len(args) == 3 {
			st.tw, st.tc = num(0), num(1)
		}
		if op != "Tj" {
			w.nextLine(0, -st.tl)
		}
		if len(args) > 0 {
			w.show(args[len(args)-1].RawString())
		}
	case "TJ":
		if len(args) == 1 {
			w.showArray(args[0])
		}
	case "Do":
		if len(args) == 1 {
			w.drawForm(args[0].Name())
		}
	}
}

// showArray shows a TJ array: strings, and numbers that move the pen.
func (w *pageWalker) showArray(v pdf.Value) {
	for i := 0; i < v.Len(); i++ {
		x := v.Index(i)
		if x.Kind() == pdf.String {
			w.show(x.RawString())
			continue
		}
		w.tm = translate(-x.Float64()/1000*w.st.size*w.st.th, 0).mul(w.tm)
	}
}

// show places one string and moves the pen past it.
func (w *pageWalker) show(raw string) {
	st := &w.st
	if st.font == nil {
		return
	}
	trm := pdfMatrix{{st.size * st.th, 0, 0}, {0, st.size, 0}, {0, st.rise, 1}}.mul(w.tm).mul(st.ctm)
	width, glyphs, spaces := st.font.advance(raw)
	tx := (width/1000*st.size + st.tc*float64(glyphs) + st.tw*float64(spaces)) * st.th
	w.tm = translate(tx, 0).mul(w.tm)
	end := translate(0, st.rise).mul(w.tm).mul(st.ctm)
	w.runs = append(w.runs, pdfRun{
		X: trm[2][0], Y: trm[2][1], EndX: end[2][0],
		Size: math.Hypot(trm[1][0], trm[1][1]),
		S:    st.font.text(raw),
		tc:   st.tc * st.th * math.Hypot(trm[0][0], trm[0][1]) / math.Max(st.size*st.th, 1e-9),
	})
}

func (w *pageWalker) nextLine(tx, ty float64) {
	w.tlm = translate(tx, ty).mul(w.tlm)
	w.tm = w.tlm
}

// font returns the page font by resource name, loading it once.
func (w *pageWalker) font(name string) *pdfFont {
	if f, ok := w.fonts[name]; ok {
		return f
	}
	v := w.resources.Key("Font").Key(name)
	if w.depth > 0 {
		// loaded again each time the form is drawn; a page's own fonts
		// are loaded once, their maps counted by pdfInflation.checkPage
		w.budget.chargeInflated(v.Key("ToUnicode"))
	}
	f := loadFont(pdf.Font{V: v})
	w.fonts[name] = f
	return f
}
