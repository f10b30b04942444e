package extract

import (
	"context"
	"strings"

	"khovanban/index/internal/lazyre"
)

// readMarkdown reads a .md file as text, then takes the Markdown out of
// it, so that what reads the text sees what a person reading the
// rendered page sees.
func readMarkdown(ctx context.Context, data []byte, opt Options) (Result, error) {
	res, err := readText(ctx, data, opt)
	if err != nil {
		return res, err
	}
	res.Text = markdownText(res.Text)
	return res, nil
}

// markdownText turns Markdown into plain text: heading marks, emphasis,
// code marks, escapes, hard breaks, quote marks and link targets are
// taken out, list items keep their dash, each line stays a line, and
// pipe and grid tables become rows of tab-separated cells (a cell of
// several lines, "<br>" in a pipe table, gives several rows), so the two
// columns of a document's header stay apart.
func markdownText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	fence := ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
				continue
			}
			out = append(out, line) // code is kept as written
			continue
		}
		switch {
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			continue
		case gridBorder.MatchString(trimmed):
			n, rows := gridTable(lines[i:])
			out = append(out, rows...)
			i += n - 1
			continue
		case isPipeRow(trimmed) && i+1 < len(lines) && pipeSeparator.MatchString(strings.TrimSpace(lines[i+1])):
			n, rows := pipeTable(lines[i:])
			out = append(out, rows...)
			i += n - 1
			continue
		case setextUnderline.MatchString(trimmed) && len(out) > 0 && strings.TrimSpace(out[len(out)-1]) != "",
			horizontalRule.MatchString(trimmed):
			out = append(out, "")
			continue
		}
		if m := atxHeading.FindStringSubmatch(trimmed); m != nil {
			out = append(out, "", inlineText(m[1]), "")
			continue
		}
		for strings.HasPrefix(trimmed, ">") {
			trimmed = strings.TrimSpace(trimmed[1:])
		}
		if m := bulletItem.FindStringSubmatch(trimmed); m != nil {
			trimmed = "- " + m[1]
		}
		out = append(out, inlineText(trimmed))
	}
	return strings.Join(out, "\n")
}

var (
	atxHeading      = lazyre.New(`^#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$`)
	setextUnderline = lazyre.New(`^(=+|-+)$`)
	horizontalRule  = lazyre.New(`^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$`)
	bulletItem      = lazyre.New(`^[*+]\s+(.*)$`)
	pipeSeparator   = lazyre.New(`^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$`)
	gridBorder      = lazyre.New(`^\+(?:[-=:]+\+)+$`)
	htmlBreak       = lazyre.New(`(?i)<br\s*/?>`)

	mdImage    = lazyre.New(`!\[([^\]]*)\]\([^)]*\)`)
	mdLink     = lazyre.New(`\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]`)
	mdAutolink = lazyre.New(`<((?:https?|mailto):[^>\s]+)>`)
	mdCode     = lazyre.New("`+([^`]*)`+")
	mdStrong   = lazyre.New(`\*\*([^*\s](?:[^*]*[^*\s])?)\*\*|__([^_\s](?:[^_]*[^_\s])?)__`)
	mdEmph     = lazyre.New(`(^|[^\p{L}\p{N}\\*_])[*_]([^*_\s](?:[^*_]*[^*_\s])?)[*_]($|[^\p{L}\p{N}*_])`)
	mdStrike   = lazyre.New(`~~([^~]+)~~`)
	mdEscape   = lazyre.New("\\\\([!-/:-@\\[-`{-~])")
)

// inlineText takes the inline marks out of one line.
func inlineText(s string) string {
	s = strings.TrimRight(s, " ")
	s = strings.TrimSuffix(s, "\\") // a hard break
	s = htmlBreak.ReplaceAllString(s, " ")
	s = mdImage.ReplaceAllString(s, "$1")
	s = mdLink.ReplaceAllString(s, "$1$2")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	// escaped marks are kept aside while the marks are taken out
	s = mdEscape.ReplaceAllStringFunc(s, func(m string) string { return string(rune(escapeBase + int(m[1]))) })
	for range 3 { // nested emphasis
		s = mdStrong.ReplaceAllString(s, "$1$2")
		s = mdStrike.ReplaceAllString(s, "$1")
		s = mdEmph.ReplaceAllString(s, "$1$2$3")
	}
	s = strings.Map(func(r rune) rune {
		if r >= escapeBase && r < escapeBase+0x80 {
			return r - escapeBase
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// escapeBase is where escaped marks wait, in the private use area.
const escapeBase = 0xF780

// isPipeRow reports a line that may be a row of a pipe table.
func isPipeRow(s string) bool {
	return strings.Count(strings.ReplaceAll(s, `\|`, ""), "|") >= 1 && !strings.HasPrefix(s, "```")
}

// pipeCells splits a pipe table's row into its cells.
func pipeCells(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, `\|`) {
		s = s[:len(s)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == '|':
			b.WriteByte('|')
			i++
		case s[i] == '|':
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteByte(s[i])
		}
	}
	return append(cells, b.String())
}

// pipeTable reads the pipe table starting at lines[0] (its header row,
// then the separator) and returns how many lines it took and its rows.
func pipeTable(lines []string) (int, []string) {
	var rows []string
	n := 0
	for ; n < len(lines); n++ {
		t := strings.TrimSpace(lines[n])
		if n == 1 {
			continue // the separator row
		}
		if t == "" || !isPipeRow(t) {
			break
		}
		var cells [][]string
		for _, c := range pipeCells(t) {
			cells = append(cells, htmlBreak.Split(c, -1))
		}
		rows = append(rows, cellRows(cells)...)
	}
	return n, append(append([]string{""}, rows...), "")
}

// cellRows writes one table row whose cells may hold several lines as
// rows of tab-separated cells, line by line.
func cellRows(cells [][]string) []string {
	height := 0
	for _, c := range cells {
		height = max(height, len(c))
	}
	var rows []string
	for i := range height {
		parts := make([]string, len(cells))
		for j, c := range cells {
			if i < len(c) {
				parts[j] = inlineText(strings.TrimSpace(c[i]))
			}
		}
		for len(parts) > 0 && parts[len(parts)-1] == "" {
			parts = parts[:len(parts)-1]
		}
		if len(parts) > 0 {
			rows = append(rows, strings.Join(parts, "\t"))
		}
	}
	return rows
}

// gridTable reads the grid table starting at lines[0], a border line:
// the lines between two borders are one row, each cell's lines kept.
func gridTable(lines []string) (int, []string) {
	border := strings.TrimSpace(lines[0])
	var cuts []int // the columns of the '+' in the border
	for i, c := range []rune(border) {
		if c == '+' {
			cuts = append(cuts, i)
		}
	}
	rows := []string{""}
	var cells [][]string
	flush := func() {
		if cells != nil {
			rows = append(rows, cellRows(cells)...)
		}
		cells = nil
	}
	n := 1
	for ; n < len(lines); n++ {
		t := strings.TrimSpace(lines[n])
		if gridBorder.MatchString(t) {
			flush()
			continue
		}
		if !strings.HasPrefix(t, "|") {
			break
		}
		if cells == nil {
			cells = make([][]string, len(cuts)-1)
		}
		r := []rune(t)
		for j := 0; j+1 < len(cuts); j++ {
			a, b := min(cuts[j]+1, len(r)), min(cuts[j+1], len(r))
			if part := strings.TrimSpace(string(r[a:b])); part != "" {
				cells[j] = append(cells[j], part)
			}
		}
	}
	flush()
	return n, append(rows, "")
}
