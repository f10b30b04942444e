package extract

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The layout of a PDF page is rebuilt from the strings the content stream
// shows and where it shows them:
//
//  1. runs that follow each other on one baseline become pieces of text
//     (pdfCell), with a space where the pen skipped one;
//  2. pieces whose baselines agree become a line, left to right; a wide
//     gap between two pieces keeps them apart as cells;
//  3. a line of several cells opens a region of columns (the two header
//     columns of a Vietnamese document, a signature block, a table) that
//     goes on while the lines below fit its columns; a region of two
//     columns is written column after column, each line on its own line
//     (as Word's header table reads), a table of more columns row by row
//     with a tab between cells;
//  4. the other lines are joined into paragraphs: a wrapped line goes on
//     the paragraph, a short, centred or all-capital line ends it, a wide
//     gap, a change of size or an indented line after a full stop starts
//     a new one.
//
// Lines repeated at the top or bottom of most pages (the page header of
// a gazette, page numbers) are dropped across the document before the
// pages are written (see dropRepeated).

// pdfCell is a piece of one line: runs drawn one after the other.
type pdfCell struct {
	x0, x1, y, size float64
	text            string
	spaced          bool // ends with a space glyph
	seq             int  // order in the content stream (of the last piece merged in)
}

// pdfLine is one line of a page: cells on one baseline, left to right.
type pdfLine struct {
	cells   []*pdfCell
	y, size float64
	x0, x1  float64
	drop    bool // a repeated page header or footer
}

func (l *pdfLine) text() string {
	if len(l.cells) == 1 {
		return l.cells[0].text
	}
	parts := make([]string, len(l.cells))
	for i, c := range l.cells {
		parts[i] = c.text
	}
	return strings.Join(parts, "\t")
}

// pieceRuns joins runs, in content-stream order, into pieces of lines: a
// new piece starts when the baseline moves, the pen goes back, or jumps
// right over a column's gap or over a word's gap with no space glyph.
// Blank runs (the blanks of a draft's "Số:      /KH-UBND", or spaces
// typed to align a header) bridge a gap unless it is very wide.
func pieceRuns(runs []pdfRun) []*pdfCell {
	var out []*pdfCell
	var cur *pdfCell
	var b strings.Builder
	blankTo := 0.0 // where the blanks right after cur end
	afterFill := false
	justified := false // a space glyph stands alone in the gap after cur
	tc := 0.0          // the letter spacing of the run before
	flush := func() {
		if cur != nil {
			cur.text = strings.TrimSpace(b.String())
			if cur.text != "" {
				cur.seq = len(out)
				out = append(out, cur)
			}
		}
		b.Reset()
	}
	for _, g := range runs {
		if g.S == "" || math.IsNaN(g.X+g.Y+g.EndX) || math.IsInf(g.X+g.Y+g.EndX, 0) {
			continue
		}
		size := math.Max(g.Size, 1)
		if strings.TrimSpace(g.S) == "" {
			if cur != nil && math.Abs(g.Y-cur.y) <= cur.size*0.3 {
				switch {
				case g.X <= math.Max(cur.x1, blankTo)+size*0.8:
					cur.spaced = true
					blankTo = math.Max(blankTo, g.EndX)
				case g.X < cur.x1+size*4:
					// a space glyph set apart in a wide gap: a justified
					// line of few words
					cur.spaced, justified = true, true
				}
			}
			continue
		}
		x0, x1 := inkSpan(g)
		spaced := cur != nil && (cur.spaced || strings.HasPrefix(g.S, " "))
		end, gap := 0.0, columnGap(size)
		if cur != nil {
			end = math.Max(cur.x1, blankTo)
		}
		if g.fill || afterFill || justified {
			gap = size * 4 // a number written into a blank, what follows the blank, a justified gap
		}
		joinGap := wordGap
		if afterFill && startsWithMark(g.S) {
			// a number written into a blank is placed by the e-office
			// system, not set with the line: the sign that follows it
			// joins it when close ("1468" + "/STP-BTTP")
			joinGap = fillJoinGap
		}
		// In a letter-spaced line (Tc) the letters of a word stand Tc
		// apart; a letter drawn in another font without the spacing (a
		// TCVN3 "ư" a PDF maker took from a fallback font) leaves that
		// gap after it: "THỦ TƯ ỚNG" was read for "THỦ TƯỚNG".
		spacing := math.Max(0, math.Max(tc, g.tc))
		tc = g.tc
		afterFill, justified = g.fill, false
		if cur == nil ||
			math.Abs(g.Y-cur.y) > math.Min(size, cur.size)*0.3 ||
			x0 < cur.x1-size*0.5 ||
			x0 > end+gap ||
			x0 > cur.x1+size*4 ||
			x0 > end+size*0.8 && !spaced {
			flush()
			cur = &pdfCell{x0: x0, y: g.Y, size: size}
			blankTo = 0
		} else if spaced || x0 > cur.x1+size*joinGap+spacing {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Trim(g.S, " "))
		cur.x1 = math.Max(x1, cur.x0)
		blankTo = math.Max(blankTo, cur.x1)
		cur.size = math.Max(cur.size, size)
		cur.spaced = strings.HasSuffix(g.S, " ")
	}
	flush()
	return out
}

// inkSpan is where a run's visible characters start and end: the blanks
// it starts or ends with (two or more) are taken off, in proportion.
func inkSpan(g pdfRun) (x0, x1 float64) {
	x0, x1 = g.X, g.EndX
	n := float64(len([]rune(g.S)))
	lead := n - float64(len([]rune(strings.TrimLeft(g.S, " "))))
	trail := n - float64(len([]rune(strings.TrimRight(g.S, " "))))
	w := g.EndX - g.X
	if lead >= 2 {
		x0 += w * lead / n
	}
	if trail >= 2 {
		x1 -= w * trail / n
	}
	return x0, x1
}

// pageLines groups the pieces of a page into lines, top to bottom, each
// left to right; pieces close together on a line are merged and pieces
// drawn twice on the same spot (fake bold) are dropped.
func pageLines(runs []pdfRun) []*pdfLine {
	cells := pieceRuns(runs)
	slices.SortStableFunc(cells, func(a, b *pdfCell) int { return cmp.Compare(b.y, a.y) })
	var lines []*pdfLine
	var cur *pdfLine
	for _, c := range cells {
		if cur == nil || cur.y-c.y > math.Min(c.size, cur.size)*0.45 {
			cur = &pdfLine{y: c.y, size: c.size}
			lines = append(lines, cur)
		}
		cur.cells = append(cur.cells, c)
		cur.size = math.Max(cur.size, c.size)
	}
	for _, l := range lines {
		l.cells = mergeCells(l.cells)
		l.x0, l.x1 = l.cells[0].x0, l.cells[len(l.cells)-1].x1
		for _, c := range l.cells {
			l.x1 = math.Max(l.x1, c.x1)
		}
	}
	return lines
}

// mergeCells sorts the pieces of one line left to right and joins those
// that are not a column apart: pieces drawn one after the other with
// less than a column's gap between them, or touching. (A table's cells,
// drawn cell by cell, are not drawn one after the other.)
func mergeCells(cells []*pdfCell) []*pdfCell {
	slices.SortStableFunc(cells, func(a, b *pdfCell) int { return cmp.Compare(a.x0, b.x0) })
	out := cells[:1]
	for _, c := range cells[1:] {
		prev := out[len(out)-1]
		size := math.Max(prev.size, c.size)
		if c.text == prev.text && math.Abs(c.x0-prev.x0) < size*0.5 {
			continue // drawn twice
		}
		gap := c.x0 - prev.x1
		if gap > columnGap(size) || c.seq != prev.seq+1 && gap > size*0.3 {
			out = append(out, c)
			continue
		}
		merged := *prev
		// A piece ending with a space glyph is a word's end even when the
		// next piece starts right there: an OCR layer's words on a skewed
		// line, each a little lower, come as pieces one word long.
		if prev.spaced || gap > size*wordGap || gap < -size*0.1 { // overlapping: widths were wrong (OCR layers)
			merged.text += " "
		}
		merged.text += c.text
		merged.x1 = math.Max(prev.x1, c.x1)
		merged.size = size
		merged.seq = c.seq
		merged.spaced = c.spaced
		out[len(out)-1] = &merged
	}
	return out
}

// columnGap is the gap that separates two columns of text of this size,
// measured after any space glyph: the widest gap between two words of a
// justified line is well under it.
func columnGap(size float64) float64 { return size }

// layoutLines writes the lines of one page (those not dropped) as text.
func layoutLines(lines []*pdfLine) string {
	var kept []*pdfLine
	for _, l := range lines {
		if !l.drop {
			kept = append(kept, l)
		}
	}
	left, right := margins(kept)
	spacing := lineSpacing(kept)
	var b strings.Builder
	var prev *pdfLine // the previous line of running text
	for i := 0; i < len(kept); {
		l := kept[i]
		if len(l.cells) > 1 {
			n, text := region(kept[i:])
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(text)
			i += n
			prev = nil
			continue
		}
		if prev != nil {
			b.WriteString(lineBreak(prev, l, left, right, spacing))
		} else if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l.cells[0].text)
		prev = l
		i++
	}
	return b.String()
}

// margins are where the page's running text starts and ends.
func margins(lines []*pdfLine) (left, right float64) {
	left = math.Inf(1)
	for _, l := range lines {
		left = math.Min(left, l.x0)
		right = math.Max(right, l.x1)
	}
	return left, right
}

// lineSpacing is the usual distance between the baselines of two lines of
// one paragraph on the page (the median), or 0 when there are too few.
func lineSpacing(lines []*pdfLine) float64 {
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		a, b := lines[i-1], lines[i]
		g := a.y - b.y
		if math.Abs(a.size-b.size) < 0.5 && g > a.size*0.8 && g < a.size*3 {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) < 3 {
		return 0
	}
	slices.Sort(gaps)
	return gaps[len(gaps)/2]
}

// lineBreak is what goes between two lines of running text: a space when
// cur goes on prev's paragraph (a wrapped line, also of a centred title),
// "\n" when prev ends a line of its own (a short or all-capital line),
// "\n\n" when cur starts a paragraph.
func lineBreak(prev, cur *pdfLine, left, right, spacing float64) string {
	size := math.Max(prev.size, cur.size)
	gap := prev.y - cur.y
	wide := gap > size*1.9
	if spacing > 0 {
		wide = gap > spacing*1.3+1
	}
	last := prev.cells[0].text
	end := last[max(len(last)-4, 0):]
	sentence := strings.ContainsAny(end, ".:;!?”\"")
	switch {
	case wide, math.Abs(prev.size-cur.size) > 0.5:
		return "\n\n"
	case sentence && cur.x0 > left+size*1.2 && cur.x0 > prev.x0+size*0.5:
		return "\n\n" // an indented first line after a full stop
	case allCaps(last) || allCaps(cur.cells[0].text):
		return "\n"
	case sentence && (prev.x1 < right-size*3 || listItem(cur.cells[0].text)):
		return "\n\n"
	case centred(prev, left, right) && cur.x0 > left+size*1.5 && cur.x1 < right-size*1.5:
		return " " // the wrapped lines of a centred title
	case prev.x1 < right-size*3 || prev.x0 > left+size*3:
		return "\n"
	}
	return " "
}

// centred reports a line set in the middle of the page, as the lines of
// a title are, rather than against the left margin.
func centred(l *pdfLine, left, right float64) bool {
	return l.x0 > left+l.size*1.5 && math.Abs((l.x0+l.x1)/2-(left+right)/2) < l.size*2
}

// allCaps reports a line whose letters are all capitals (a heading, an
// issuer, a document type), with at least two of them.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// listItem reports a line that starts an item: "- ", "+ ", "a) ", "1. ".
func listItem(s string) bool {
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "+ ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "• ") {
		return true
	}
	i := strings.IndexAny(s, ".)")
	return i > 0 && i <= 4 && strings.IndexFunc(s[:i], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) < 0
}

// column is one column of a region, as the span its text covers.
type column struct {
	x0, x1 float64
	lines  []string
}

// region reads the columns that start at lines[0], a line of several
// cells: the lines below belong to it while each of their cells falls in
// one of its columns and they follow closely. It returns how many lines
// it took and their text.
func region(lines []*pdfLine) (int, string) {
	first := lines[0]
	cols := make([]*column, len(first.cells))
	for i, c := range first.cells {
		cols[i] = &column{x0: c.x0, x1: c.x1}
	}
	rows := [][]*pdfCell{first.cells}
	multi := 1 // lines of the region with more than one cell
	n := 1
	for ; n < len(lines); n++ {
		l, above := lines[n], lines[n-1]
		gap := above.y - l.y
		if len(l.cells) == 1 && gap > l.size*2 || gap > l.size*4 {
			break
		}
		if !fitsColumns(l.cells, cols) {
			break
		}
		rows = append(rows, l.cells)
		if len(l.cells) > 1 {
			multi++
		}
	}
	// the columns are those of the line with the most cells
	widest := rows[0]
	for _, r := range rows {
		if len(r) > len(widest) {
			widest = r
		}
	}
	if len(widest) > len(cols) {
		cols = cols[:0]
		for _, c := range widest {
			cols = append(cols, &column{x0: c.x0, x1: c.x1})
		}
	}
	tabular := len(cols) > 2 || multi == len(rows) && len(rows) >= 4
	if tabular {
		return n, tableText(rows, cols)
	}
	for _, r := range rows {
		for _, c := range r {
			col := columnOf(c, cols)
			col.lines = append(col.lines, c.text)
		}
	}
	var parts []string
	for _, c := range cols {
		if len(c.lines) > 0 {
			parts = append(parts, strings.Join(joinSubject(c.lines), "\n"))
		}
	}
	return n, strings.Join(parts, "\n\n")
}

// tableText writes a table row by row, a tab between cells: a line with
// text in the first column starts a row, the lines under it without one
// are the wrapped lines of its cells.
func tableText(lines [][]*pdfCell, cols []*column) string {
	var rows [][]string
	for _, l := range lines {
		if len(rows) == 0 || columnOf(l[0], cols) == cols[0] {
			rows = append(rows, make([]string, len(cols)))
		}
		row := rows[len(rows)-1]
		for _, c := range l {
			j := slices.Index(cols, columnOf(c, cols))
			row[j] = strings.TrimSpace(row[j] + " " + c.text)
		}
	}
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		b.WriteString(strings.Join(r, "\t"))
	}
	return b.String()
}

// joinSubject joins the wrapped lines of a công văn's subject ("V/v ...")
// under its number into one line, as Word's header cell holds it.
func joinSubject(lines []string) []string {
	out := lines[:0:0]
	in := false
	for _, l := range lines {
		if in && !allCaps(l) && !strings.HasPrefix(l, "Số") && !strings.HasPrefix(l, "Kính gửi") && !isRule(l) {
			out[len(out)-1] += " " + l
			in = !strings.ContainsAny(l[len(l)-1:], ".:;")
			continue
		}
		out = append(out, l)
		in = strings.HasPrefix(strings.ToLower(l), "v/v")
	}
	return out
}

// isRule reports a line drawn with characters: "_____", "-----".
func isRule(s string) bool {
	return strings.Trim(s, "_-–—=*. ") == ""
}

// fitsColumns reports whether every cell falls within one column, and
// widens the columns to take them.
func fitsColumns(cells []*pdfCell, cols []*column) bool {
	idx := make([]int, len(cells))
	for i, c := range cells {
		idx[i] = -1
		for j, col := range cols {
			if c.x0 < col.x1 && c.x1 > col.x0 {
				if idx[i] >= 0 {
					return false // spans two columns
				}
				idx[i] = j
			}
		}
		if idx[i] < 0 { // in a gutter: the column it nearly touches
			for j, col := range cols {
				if c.x0 < col.x1+c.size && c.x1 > col.x0-c.size {
					idx[i] = j
				}
			}
		}
		if idx[i] < 0 {
			return false
		}
	}
	for i, c := range cells {
		col := cols[idx[i]]
		col.x0, col.x1 = math.Min(col.x0, c.x0), math.Max(col.x1, c.x1)
	}
	return true
}

// columnOf is the column a cell falls in (the nearest one).
func columnOf(c *pdfCell, cols []*column) *column {
	best, dist := cols[0], math.Inf(1)
	for _, col := range cols {
		mid := (c.x0 + c.x1) / 2
		d := math.Max(0, math.Max(col.x0-mid, mid-col.x1))
		if d < dist {
			best, dist = col, d
		}
	}
	return best
}

// dropRepeated marks the lines at the top or bottom of the pages that
// come back, digits aside and at the same height, on most pages of a
// document of three pages or more: a gazette's "CÔNG BÁO/Số 1265 +
// 1266/Ngày 31-12-2015", a running title, page numbers. (The last lines
// of the documents of a bundle, "Nơi nhận", the signer, stay: they do
// not fall at the same height.)
func dropRepeated(pages [][]*pdfLine) {
	withText := 0
	for _, p := range pages {
		if len(p) > 0 {
			withText++
		}
	}
	if withText < 3 {
		return
	}
	edges := func(p []*pdfLine) []*pdfLine {
		if len(p) <= 4 {
			return p
		}
		return []*pdfLine{p[0], p[1], p[len(p)-2], p[len(p)-1]}
	}
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, l := range edges(p) {
			k := chromeKey(l)
			if k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	for _, p := range pages {
		for _, l := range edges(p) {
			k := chromeKey(l)
			if n := count[k]; n >= 2 && n*2 >= withText && !nationalHeader(k) {
				l.drop = true
			}
		}
	}
}

// chromeKey is a line's text with digits and spaces folded, so that page
// numbers and "Số 1265" / "Số 1266" compare equal; a page number in a
// cell of its own, left on even pages and right on odd ones, is left out.
func chromeKey(l *pdfLine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d@", int(math.Round(l.y/6)))
	for _, c := range l.cells {
		if strings.IndexFunc(c.text, unicode.IsLetter) < 0 && len(l.cells) > 1 {
			continue
		}
		digit := false
		for _, r := range strings.ToLower(c.text) {
			switch {
			case unicode.IsDigit(r):
				if !digit {
					b.WriteByte('#')
				}
				digit = true
				continue
			case !unicode.IsSpace(r):
				b.WriteRune(r)
			}
			digit = false
		}
	}
	return b.String()
}

// nationalHeader reports a chrome key of the national header or motto,
// which a bundle of documents repeats at the top of its pages and which
// must stay.
func nationalHeader(key string) bool {
	return strings.Contains(key, "xãhộichủnghĩa") || strings.Contains(key, "độclập") || strings.Contains(key, "đảngcộngsản")
}

// wordGap is the gap, as a share of the font size, past which two pieces
// of text drawn without a space glyph between them are two words: the
// share poppler's pdftotext uses. OCR layers draw each word on its own,
// often a fifth of the size apart or less; letters of one word drawn
// apart (kerning, a change of font) sit much closer.
const wordGap = 0.1

// fillJoinGap is wordGap between an annotation's text written into a
// blank of the line and a sign after it.
const fillJoinGap = 0.2

// startsWithMark reports whether s starts with neither a letter nor a
// digit (after spaces): a slash, a dash, a full stop.
func startsWithMark(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " "))
	return r != utf8.RuneError && !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
