package index

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// Snippet is a short passage of a document's accented text with the words
// that matched the query marked, also when they matched only without
// accents.
type Snippet struct {
	Text  string
	Marks []Range // byte ranges of Text, in order, not overlapping
}

// Range is a half-open byte range.
type Range struct{ Start, End int }

// Marked returns the snippet with each mark wrapped in open and close. With
// html set, the text is escaped for HTML first.
func (s Snippet) Marked(open, close string, escape bool) string {
	esc := func(t string) string {
		if escape {
			return html.EscapeString(t)
		}
		return t
	}
	var b strings.Builder
	at := 0
	for _, m := range s.Marks {
		b.WriteString(esc(s.Text[at:m.Start]))
		b.WriteString(open)
		b.WriteString(esc(s.Text[m.Start:m.End]))
		b.WriteString(close)
		at = m.End
	}
	b.WriteString(esc(s.Text[at:]))
	return b.String()
}

// highlighter finds the query's words in a text. It is used by one
// goroutine at a time and keeps its buffers from one text to the next.
type highlighter struct {
	words   map[string]bool   // folded syllables to mark wherever they are
	phrases [][]string        // folded phrases, marked only whole
	prefix  string            // folded unfinished last syllable, if any
	typed   map[string]string // words typed with accents: folded → as typed (typedSpellings)
	after   string            // the folded word the unfinished one follows, if any

	starts, ends []int32  // byte offsets of each token of the text
	folds        []string // each token folded
	hits         []int32  // indexes of the tokens that match
	seen         map[string]string
	shown        map[string]bool // the folded words a snippet marks
	// starters holds the first bytes (ASCII) that a folded word the query
	// marks can start with: a token starting with another ASCII byte is
	// none of them and is not folded. All set when some word starts with
	// another character.
	starters [utf8.RuneSelf]bool
	wanted   int  // how many distinct folded words a snippet can mark at most
	motto    bool // a word to mark is one of the country's name or motto's
}

func newHighlighter(clauses []clause) *highlighter {
	h := &highlighter{words: map[string]bool{}, typed: typedSpellings(clauses), shown: map[string]bool{}}
	defer h.findStarters()
	for i, c := range clauses {
		if c.negate || c.kind == clauseFilter {
			continue
		}
		if c.kind == clauseDate {
			h.phrases = append(h.phrases, dateSpellings(c)...)
			continue
		}
		if c.kind == clausePhrase && len(c.words) > 1 {
			var phrase []string
			for _, w := range c.words {
				phrase = append(phrase, vntext.Fold(w))
			}
			h.phrases = append(h.phrases, phrase)
			continue
		}
		for j, w := range c.words {
			f := vntext.Fold(w)
			if c.prefix && j == len(c.words)-1 {
				h.prefix = f
				// As in the search, an unfinished word completes next to
				// the word typed before it.
				if j > 0 {
					h.after = vntext.Fold(c.words[j-1]) // in a group of words beside OR
				} else if prev := i - 1; prev >= 0 && clauses[prev].kind == clauseWords && !clauses[prev].negate && !clauses[prev].orNext {
					h.after = vntext.Fold(clauses[prev].words[len(clauses[prev].words)-1])
				}
				continue
			}
			h.words[f] = true
		}
	}
	return h
}

// findStarters fills starters and wanted from the words, phrases and
// prefix to mark.
func (h *highlighter) findStarters() {
	wanted := map[string]bool{}
	add := func(f string) {
		wanted[f] = true
		h.motto = h.motto || isMottoWord(f)
		if f == "" || f[0] >= utf8.RuneSelf {
			for c := range h.starters {
				h.starters[c] = true
			}
			return
		}
		h.starters[f[0]] = true
	}
	for w := range h.words {
		add(w)
	}
	for _, p := range h.phrases {
		for _, w := range p {
			add(w)
		}
	}
	if h.prefix != "" {
		add(h.prefix)
		h.motto = h.motto || startsMottoWord(h.prefix)
		h.wanted++ // the words it completes to count as one
		delete(wanted, h.prefix)
	}
	if h.after != "" {
		add(h.after)
		if !h.words[h.after] {
			delete(wanted, h.after)
		}
	}
	h.wanted += len(wanted)
}

// Sizes of a snippet, in syllables.
const (
	snippetWords  = 32
	snippetBefore = 8
)

// snippetHead is how much of a text is looked at for a snippet when there
// are no words to mark (more than snippetWords syllables take).
const snippetHead = 2 << 10

// windowScore is how well a snippet shows the query: how many of its
// distinct words and phrases' words it marks, and the weight densest gives
// its marks.
type windowScore struct{ distinct, weight int }

func (a windowScore) better(b windowScore) bool {
	return a.distinct > b.distinct || a.distinct == b.distinct && a.weight > b.weight
}

// none reports whether the highlighter has nothing to mark.
func (h *highlighter) none() bool {
	return len(h.words) == 0 && len(h.phrases) == 0 && h.prefix == ""
}

// snippetOf picks the passage of text where the query's words are
// densest; text may be a piece of a longer text, with more before or
// after it (then the snippet says so). With nothing to mark, only the
// start of text is looked at, past its letterhead.
func (h *highlighter) snippetOf(text string, before, after bool) (Snippet, windowScore) {
	if h.none() && !before {
		// Nothing to mark: the subject and the start of the body, not
		// the letterhead every document of an office shares.
		text = text[bodyStart(text):]
	}
	if h.none() && len(text) > snippetHead {
		text, after = headOf(text), true
	}
	h.scan(text)
	if h.motto && len(h.hits) > 0 {
		h.dropMotto(mottoSpans(text))
	}
	n := len(h.starts)
	if n == 0 {
		return Snippet{}, windowScore{}
	}
	first, weight := h.densest()
	spans := h.spans(first, min(n-1, first+snippetWords-1))
	var s Snippet
	var b strings.Builder
	clear(h.shown)
	for k, sp := range spans {
		switch {
		case k > 0:
			b.WriteString(" … ")
		case sp.first > 0 || before:
			b.WriteString("… ")
		}
		at := int(h.starts[sp.first])
		for _, i := range h.hits {
			if int(i) >= sp.first && int(i) <= sp.last {
				writeSpaced(&b, text[at:h.starts[i]])
				mark := b.Len()
				b.WriteString(text[h.starts[i]:h.ends[i]]) // a token: no spaces
				s.Marks = append(s.Marks, Range{mark, b.Len()})
				h.shown[h.folds[i]] = true
				at = int(h.ends[i])
			}
		}
		writeSpaced(&b, text[at:h.ends[sp.last]])
	}
	if spans[len(spans)-1].last < n-1 || after {
		b.WriteString(" …")
	}
	s.Text = b.String()
	return s, windowScore{distinct: len(h.shown), weight: weight}
}

// span is a run of tokens a snippet shows, first to last.
type span struct{ first, last int }

// Sizes of the passages of a snippet whose words stand apart, in
// syllables: each passage, at least, and before its word.
const (
	spanMin    = 8
	spanBefore = 2
	maxSpans   = 4
)

// spans are the passages a snippet shows: the window of snippetWords
// tokens from first, to last, when it shows each word of the query the
// text holds; otherwise a short passage around each word, at most
// maxSpans, where the window shows it or else where it first stands, in
// the order of the text, so that a document found for words
// standing far apart shows each of them ("… cải cách hành chính … nghiên
// cứu, đề xuất …", usertest s10 finding 13).
func (h *highlighter) spans(first, last int) []span {
	whole := []span{{first, last}}
	if h.wanted < 2 || len(h.hits) < 2 {
		return whole
	}
	key := func(i int32) string {
		f := h.folds[i]
		if h.prefix != "" && !h.words[f] && strings.HasPrefix(f, h.prefix) {
			return "\x00" // the words an unfinished one completes to count as one
		}
		return f
	}
	// A passage around the first place of each word the window shows,
	// then around the first place of each word it lacks.
	in := map[string]bool{}
	var anchors []int32
	for _, i := range h.hits {
		if k := key(i); int(i) >= first && int(i) <= last && !in[k] && len(anchors) < maxSpans {
			in[k] = true
			anchors = append(anchors, i)
		}
	}
	shown := len(anchors)
	for _, i := range h.hits {
		if k := key(i); !in[k] && len(anchors) < maxSpans {
			in[k] = true
			anchors = append(anchors, i)
		}
	}
	if shown == 0 || len(anchors) == shown {
		return whole
	}
	slices.Sort(anchors)
	size := max(spanMin, snippetWords/len(anchors))
	n := len(h.starts)
	var out []span
	for _, i := range anchors {
		sp := span{max(0, int(i)-spanBefore), 0}
		sp.last = min(n-1, sp.first+size-1)
		if k := len(out) - 1; k >= 0 && sp.first <= out[k].last+1 {
			out[k].last = max(out[k].last, sp.last)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// headOf is the start of a long text, cut between words: a snippet with
// nothing to mark.
func headOf(text string) string {
	cut := strings.LastIndexAny(text[:snippetHead], " \n\t")
	if cut < 0 {
		cut = snippetHead
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut]
}

// scan reads text's tokens into h.starts, h.ends and h.folds, and the
// tokens the query matches into h.hits, in order.
func (h *highlighter) scan(text string) {
	h.starts, h.ends, h.folds, h.hits = h.starts[:0], h.ends[:0], h.folds[:0], h.hits[:0]
	if h.seen == nil {
		h.seen = make(map[string]string, 256) // syllables repeat: fold each once
	}
	clear(h.seen)
	// A word typed with accents is a match only in that spelling when the
	// text has it (as the search finds it): other spellings wait in loose.
	var loose []int32
	spelt := map[string]bool{}
	vntext.ForEachToken(text, func(t vntext.Token) {
		if c := t.Text[0]; c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !h.starters[c] {
				// Folded, it would start with c: none of the query's words.
				h.starts = append(h.starts, int32(t.Start))
				h.ends = append(h.ends, int32(t.End))
				h.folds = append(h.folds, "")
				return
			}
		}
		f, ok := h.seen[t.Text]
		if !ok {
			f = vntext.Fold(t.Text)
			h.seen[t.Text] = f
		}
		i := len(h.starts)
		switch {
		case h.words[f]:
			if want, ok := h.typed[f]; ok && vntext.Key(t.Text) != want {
				loose = append(loose, int32(i))
				break
			} else if ok {
				spelt[f] = true
			}
			h.hits = append(h.hits, int32(i))
		case h.prefix != "" && (f == h.prefix || strings.HasPrefix(f, h.prefix) && (h.after == "" || i > 0 && h.folds[i-1] == h.after)):
			// The unfinished word matches as the finished word would too,
			// wherever it stands (buildPlan).
			h.hits = append(h.hits, int32(i))
		}
		h.starts = append(h.starts, int32(t.Start))
		h.ends = append(h.ends, int32(t.End))
		h.folds = append(h.folds, f)
	})
	sorted := true
	for _, i := range loose {
		if !spelt[h.folds[i]] {
			h.hits, sorted = append(h.hits, i), false
		}
	}
	for _, phrase := range h.phrases {
		for i := 0; i+len(phrase) <= len(h.folds); i++ {
			if slices.Equal(h.folds[i:i+len(phrase)], phrase) {
				for j := range phrase {
					h.hits = append(h.hits, int32(i+j))
				}
			}
		}
	}
	if len(h.phrases) > 0 || !sorted {
		slices.Sort(h.hits)
		h.hits = slices.Compact(h.hits)
	}
}

// dropMotto leaves out of h.hits the matches in the country's name and
// motto at the head of the text (spans, from mottoSpans): the index does
// not find a document by them, and a snippet showing them would show the
// same heading for every document.
func (h *highlighter) dropMotto(spans [][2]int) {
	if spans == nil {
		return
	}
	h.hits = slices.DeleteFunc(h.hits, func(i int32) bool {
		at := int(h.starts[i])
		for _, s := range spans {
			if at >= s[0] && at < s[1] {
				return true
			}
		}
		return false
	})
}

// densest is the first token of the snippet (snippetWords tokens,
// snippetBefore of them before its first match) whose shown matches weigh
// the most: a match next to the one before it counts twice, so that the
// words typed side by side ("đô thị") come before a list of names with
// "Thị". 0 when nothing matched.
func (h *highlighter) densest() (first, best int) {
	weight := func(k int) int {
		if k > 0 && h.hits[k-1] == h.hits[k]-1 {
			return 2
		}
		return 1
	}
	sum := 0
	for i, j := 0, 0; i < len(h.hits); i++ {
		for j < len(h.hits) && h.hits[j] < h.hits[i]+snippetWords-snippetBefore {
			sum += weight(j)
			j++
		}
		if sum > best {
			best, first = sum, max(0, int(h.hits[i])-snippetBefore)
		}
		sum -= weight(i)
	}
	return first, best
}

// writeSpaced writes s with each run of white space one space: the text's
// line and page ends (\n, Word's line break \v, \f, the Unicode
// separators), a blank line, the spaces that set a table's cells apart.
// A snippet is one line of words, and a list showed them with uneven gaps
// ("Sở Nội vụ  Sở Xây dựng", usertest s13) or broke its line where the
// text did. A single space of another kind (a no-break one) stays.
func writeSpaced(b *strings.Builder, s string) {
	for s != "" {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		s = s[i:]
		j := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) })
		if j < 0 {
			j = len(s)
		}
		r, size := utf8.DecodeRuneInString(s)
		if size == j && r != '\n' && r != '\r' && r != '\t' && r != '\v' && r != '\f' && r != '\u0085' && r != '\u2028' && r != '\u2029' {
			b.WriteString(s[:j]) // one space, of any kind but a line's end
		} else {
			b.WriteByte(' ')
		}
		s = s[j:]
	}
}
