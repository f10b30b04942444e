package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// wordWidths measures words of the reader's text at one text size, each
// word once: a document says the same syllables over and over.
type wordWidths struct {
	size  float32
	space float32
	plain map[string]float32
	bold  map[string]float32
}

func newWordWidths(size float32) *wordWidths {
	return &wordWidths{
		size:  size,
		space: fyne.MeasureText(" ", size, fyne.TextStyle{}).Width,
		plain: map[string]float32{},
		bold:  map[string]float32{},
	}
}

func (w *wordWidths) width(word string, bold bool) float32 {
	m, style := w.plain, fyne.TextStyle{}
	if bold {
		m, style = w.bold, fyne.TextStyle{Bold: true}
	}
	if x, ok := m[word]; ok {
		return x
	}
	x := fyne.MeasureText(word, w.size, style).Width
	m[word] = x
	return x
}

// wrapSpaces wraps text at width by turning the space before each word
// that does not fit its row into a line end, which keeps every byte
// offset (the marks') as it is; a word inside a mark is measured bold. It
// reports false when a word alone is wider than width (a long link): text
// is then half wrapped, to be dropped.
//
// Fyne wraps a RichText itself by measuring ever shorter runs of a line
// until one fits, for each row: the text of a paragraph is shaped many
// times over, more the longer the paragraph (a 6,000-byte line took
// seconds). Here each word is measured once (wordWidths), and the RichText
// only splits the rows at their line ends. Words keep to rows a little
// narrower than width, since a run is measured whole when drawn.
func wrapSpaces(text []byte, marks []index.Range, width float32, w *wordWidths) bool {
	width -= 1 + width/200
	x := float32(0)
	lineStart := true
	m := 0 // the first mark not ending before the word
	for i := 0; i < len(text); {
		switch text[i] {
		case '\n':
			x, lineStart = 0, true
			i++
			continue
		case ' ':
			i++
			continue
		}
		// A word, and the spaces before it on its row.
		j := i
		for j < len(text) && text[j] != ' ' && text[j] != '\n' {
			j++
		}
		sp := i
		for sp > 0 && text[sp-1] == ' ' {
			sp--
		}
		for m < len(marks) && marks[m].End <= i {
			m++
		}
		bold := m < len(marks) && marks[m].Start < j
		ww := w.width(string(text[i:j]), bold)
		gap := float32(i-sp) * w.space
		switch {
		case lineStart:
			x = gap + ww
			lineStart = false
		case x+gap+ww > width:
			text[i-1] = '\n'
			x = ww
		default:
			x += gap + ww
		}
		if x > width {
			return false
		}
		i = j
	}
	return true
}

// wrappedSegments is block text with its marks as RichText segments,
// wrapped at width, and the text as wrapped (its rows); wrapped "" leaves
// them for the RichText to wrap.
func wrappedSegments(text string, marks []index.Range, current int, width float32, w *wordWidths) (segs []widget.RichTextSegment, wrapped string) {
	b := []byte(text)
	if wrapSpaces(b, marks, width, w) {
		text, wrapped = string(b), string(b)
	}
	return markedSegments(text, marks, current), wrapped
}
