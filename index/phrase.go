package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/archivestore"
	"khovanban/index/internal/engine"
	"khovanban/index/internal/parallel"
	"khovanban/index/vntext"
)

// Exact phrases. Terms carry no positions (analysis.go): a phrase of two
// syllables is its pair term, but one of three or more is an engine.Phrase,
// which matches by its pairs and is then decided document by document: by
// the counts of its terms where they prove it, else by the stored text
// (phraseText), read a piece at a time as snippets read it, with
// punctuation between syllables ignored, as in the pairs. A search reads
// at most phraseBudget texts for it; past that its hits are still read
// one by one (each holds the phrase) but its total is estimated
// (Result.Estimated).

// newPhraseNode is the node for a phrase of folded syllables, typed so: a
// term for one, the pair for two, else an engine.Phrase. Its terms score
// with boost (0: they only filter).
func newPhraseNode(words []string, typed string, boost float64) engine.Node {
	switch len(words) {
	case 0:
		return engine.None{}
	case 1:
		return engine.Term{Field: fieldFolded, Term: words[0], Boost: boost}
	}
	p := phraseOf(words, typed, boost)
	if len(words) == 2 {
		return engine.And{Parts: []engine.Node{p.Pairs[0]}}
	}
	return p
}

// phraseOf is the engine.Phrase of folded syllables (two or more).
func phraseOf(words []string, typed string, boost float64) engine.Phrase {
	p := engine.Phrase{Words: words, Typed: typed}
	for i := 1; i < len(words); i++ {
		p.Pairs = append(p.Pairs, engine.Term{Field: fieldPairs, Term: pair(words[i-1], words[i]), Boost: boost})
	}
	for _, w := range words[1 : len(words)-1] {
		p.Inner = append(p.Inner, engine.Term{Field: fieldFolded, Term: w})
	}
	return p
}

// speltPhraseNode is the node for a quoted phrase of words as typed: its
// words typed with accents must stand with those accents in the phrase
// itself ("quyết tâm" is not a document's "quyet tam" with "quyết" and
// "tâm" elsewhere), by the engine's rule for a spelling no document holds.
func speltPhraseNode(typedWords []string, typed string, boost float64) engine.Node {
	words := foldAll(typedWords)
	var spelt []engine.Spelling
	for i, w := range typedWords {
		if vntext.HasMarks(w) {
			spelt = append(spelt, engine.Spelling{At: i,
				Exact:  engine.Term{Field: fieldExact, Term: vntext.Key(w)},
				Folded: engine.Term{Field: fieldFolded, Term: words[i]}})
		}
	}
	if len(words) < 2 || spelt == nil {
		return newPhraseNode(words, typed, boost)
	}
	p := phraseOf(words, typed, boost)
	p.Spelt = spelt
	return p
}

// phraseText is the engine's PhraseText: whether a stored document holds
// the phrase, read from its title and text.
func (s *store) phraseText(p engine.Phrase) func(id string) bool {
	sc := newPhraseScan(p.Words, p.Typed)
	for _, sp := range p.Spelt {
		if sc.exact == nil {
			sc.exact = make([]string, len(p.Words))
		}
		sc.exact[sp.At] = sp.Exact.Term
	}
	return func(id string) bool { return s.holdsPhrase(id, sc) }
}

// phraseScan finds a phrase in a stream of words. It keeps the folded
// form of every spelling it met, and is used by one goroutine at a time.
type phraseScan struct {
	words     []string
	exact     []string // nil, or by word: its spelling as typed (vntext.Key), "" for any
	spellings [][]byte // the phrase as typed, in lower, upper and sentence case
	tail      []string // the last words seen (folded), at most len(words)
	tailText  []string // the same words as they stand
	folds     map[string]string
	raw       []byte // the last document file read (store.rawDoc)
}

func newPhraseScan(words []string, typed string) *phraseScan {
	sc := &phraseScan{words: words, folds: map[string]string{}}
	typed = strings.TrimFunc(typed, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if typed == "" {
		return sc
	}
	lower := strings.ToLower(typed)
	r, size := utf8.DecodeRuneInString(lower)
	for _, s := range []string{typed, lower, strings.ToUpper(typed), string(unicode.ToUpper(r)) + lower[size:]} {
		if !slices.ContainsFunc(sc.spellings, func(b []byte) bool { return string(b) == s }) {
			sc.spellings = append(sc.spellings, []byte(s))
		}
	}
	return sc
}

// reset forgets the words seen.
func (p *phraseScan) reset() {
	p.tail = p.tail[:0]
	p.tailText = p.tailText[:0]
	if len(p.folds) > 1<<16 {
		clear(p.folds)
	}
}

// feed reads the words of text after those fed before, and tells whether
// the phrase now stands whole among them.
func (p *phraseScan) feed(text string) bool {
	found := false
	n := len(p.words)
	vntext.ForEachToken(text, func(t vntext.Token) {
		if found {
			return
		}
		f, ok := p.folds[t.Text]
		if !ok {
			f = vntext.Fold(t.Text)
			p.folds[strings.Clone(t.Text)] = f
		}
		if len(p.tail) == n {
			copy(p.tail, p.tail[1:])
			p.tail = p.tail[:n-1]
			if p.exact != nil {
				copy(p.tailText, p.tailText[1:])
				p.tailText = p.tailText[:n-1]
			}
		}
		p.tail = append(p.tail, f)
		if p.exact != nil {
			p.tailText = append(p.tailText, t.Text)
		}
		if len(p.tail) == n && f == p.words[n-1] {
			found = equalWords(p.tail, p.words) && p.spelt()
		}
	})
	return found
}

// spelt tells whether the words seen have the accents the phrase's words
// were typed with.
func (p *phraseScan) spelt() bool {
	for i, x := range p.exact {
		if x != "" && vntext.Key(p.tailText[i]) != x {
			return false
		}
	}
	return true
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// phrasePiece is how much of a text is read at a time to find a phrase.
const phrasePiece = 256 << 10

// holdsPhrase tells whether a stored document holds the phrase in its
// title followed by its text (as they are indexed), reading the text a
// piece at a time and stopping where the phrase is. A document gone or
// unreadable holds nothing.
func (s *store) holdsPhrase(id string, sc *phraseScan) bool {
	if raw, ok := s.rawDoc(id, wholeDocMax, &sc.raw); ok {
		if sc.inRawText(raw) {
			return true
		}
		var d struct {
			Title string `json:"title"`
			Text  string `json:"text"`
		}
		if json.Unmarshal(raw, &d) != nil {
			return false
		}
		sc.reset()
		if sc.feed(d.Title) {
			return true
		}
		sc.reset() // a phrase does not run from the title's end into the text (as no pair does)
		return sc.feed(d.Text)
	}
	if s.vol != nil {
		if holds, decided := s.holdsPhraseInVolume(id, sc); decided {
			return holds
		}
	}
	h, err := s.openHead(id)
	if err != nil {
		return false
	}
	defer h.Close()
	sc.reset()
	if sc.feed(h.doc.Title) {
		return true
	}
	sc.reset() // a phrase does not run from the title's end into the text (as no pair does)
	t := h.openText()
	for {
		text, err := t.next(phrasePiece)
		if err != nil {
			return false // io.EOF: the whole text read
		}
		if sc.feed(text) {
			return true
		}
	}
}

// openText starts reading a stored document's text a piece at a time
// (docText.next); a document without text, or whose text cannot be read,
// gives none (io.EOF at once).
func (h *docHead) openText() *docText {
	if h.text != nil {
		if t, err := h.newText(); err == nil {
			return t
		}
	}
	return &docText{done: true}
}

// firstText is the first piece, of about size bytes, of a stored
// document's text; "" when it has none or it cannot be read.
func (h *docHead) firstText(size int) string {
	text, err := h.openText().next(size)
	if err != nil {
		return ""
	}
	return text
}

// textKey starts the text in a stored document file. Quotes inside JSON
// strings are escaped, so a quote after a comma or a brace is the file's
// own.
var textKey = []byte(`"text":"`)

// inRawText tells whether the text of a stored document file, as its
// bytes lie in the file, holds the phrase spelt as typed (or in another
// case) between word boundaries: the quick way to find most holders, which
// spell it as it is typed. Not finding it proves nothing.
func (p *phraseScan) inRawText(raw []byte) bool {
	at := bytes.Index(raw, textKey)
	if at < 1 || raw[at-1] != ',' && raw[at-1] != '{' {
		return false
	}
	return p.spelledIn(raw[at+len(textKey):], true)
}

// spelledIn tells whether text holds the phrase spelt as typed (or in
// another case) between word boundaries; escaped, text is a JSON string's
// bytes (the rest of a document file).
func (p *phraseScan) spelledIn(text []byte, escaped bool) bool {
	for _, s := range p.spellings {
		for rest, off := text, 0; ; {
			i := bytes.Index(rest, s)
			if i < 0 {
				break
			}
			start, end := off+i, off+i+len(s)
			// A word character on either side (or an escape such as
			// \u003c, whose last character is one) is not a boundary.
			before, _ := utf8.DecodeLastRune(text[:start])
			after, _ := utf8.DecodeRune(text[end:])
			startOK := start == 0 || !isWordChar(before) || escaped && escapedBreak(text[:start])
			endOK := end < len(text) && !isWordChar(after) || !escaped && end == len(text)
			if startOK && endOK {
				return true
			}
			rest, off = text[start+1:], start+1
		}
	}
	return false
}

// holdsPhraseInVolume is holdsPhrase for a document of the volume store
// whose text is at most wholeDocMax: its text (plain there) is read whole
// into the scan's buffer and the phrase looked for as typed first, as in
// a document file, then word by word; the metadata is decoded only then,
// for the title. decided is false when the text is larger or cannot be
// read so (the stream then decides).
func (s *store) holdsPhraseInVolume(id string, sc *phraseScan) (holds, decided bool) {
	e, err := s.vol.st.Get(archivestore.Live, id)
	if err != nil {
		return false, false
	}
	r, err := s.vol.st.OpenText(id, e)
	if err != nil {
		return false, false
	}
	defer r.Close()
	b := sc.raw[:0]
	for {
		if len(b) == cap(b) {
			if len(b) > wholeDocMax {
				return false, false
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return false, false
		}
	}
	sc.raw = b
	if sc.spelledIn(b, false) {
		return true, true
	}
	d, err := decodeMeta(id, e)
	if err != nil {
		return false, true
	}
	sc.reset()
	if sc.feed(d.Title) {
		return true, true
	}
	sc.reset() // a phrase does not run from the title's end into the text (as no pair does)
	return sc.feed(string(b)), true
}

// escapedBreak tells whether s ends in an escaped line break or tab (\n,
// \r, \t), where a line of the text starts.
func escapedBreak(s []byte) bool {
	n := len(s)
	return n >= 2 && s[n-2] == '\\' && (s[n-1] == 'n' || s[n-1] == 'r' || s[n-1] == 't') && (n < 3 || s[n-3] != '\\')
}

func isWordChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// A query that is one quoted phrase asks for the documents that hold it,
// and they all hold it: the order among the best of them is how the
// phrase stands in each (in the title, near the start of the text, how
// often), not how often its pairs of syllables stand apart. The best hits
// are read again for that. Three words or more typed without quotes are
// ranked so too: those that hold them side by side first.

// standingWindow is how many of the best hits a quoted phrase reorders.
const standingWindow = 10

// standingText is how much of a document's text is read to see where and
// how often a phrase stands in it.
const standingText = 32 << 10

// leadWords: a phrase that starts within the text's first leadWords words
// stands near its start.
const leadWords = 300

// onlyPhrase is the folded syllables of the query's phrase when the query
// is one quoted phrase of two syllables or more (filters beside it), not
// a number, or three plain words or more, typed whole, which rank first
// where they stand side by side as typed; nil otherwise.
func onlyPhrase(clauses []clause) []string {
	var quoted, plain []string
	for i, c := range clauses {
		switch {
		case c.kind == clauseFilter:
			continue
		case c.negate || c.orNext || c.prefix || quoted != nil:
			return nil
		case c.kind == clausePhrase && len(c.words) >= 2 && !isNumber(c.words) && plain == nil:
			quoted = foldAll(c.words)
		case c.kind == clauseWords && spacedNumber(clauses, i) == nil:
			plain = append(plain, vntext.Fold(c.words[0]))
		default:
			return nil
		}
	}
	if quoted != nil {
		return quoted
	}
	if len(plain) >= 3 {
		return plain
	}
	return nil
}

// byStanding orders hits by how the phrase (folded syllables) stands in
// their documents, best first; hits whose phrase stands alike keep their
// order.
func (s *store) byStanding(ctx context.Context, hits []engine.Hit, words []string) ([]engine.Hit, error) {
	rates := make([]float64, len(hits))
	err := parallel.Each(ctx, len(hits), func() *phraseScan { return newPhraseScan(words, "") }, func(sc *phraseScan, i int) {
		rates[i] = s.standing(hits[i].ID, sc)
	})
	if err != nil {
		return nil, err
	}
	standing := make(map[string]float64, len(hits))
	for i, h := range hits {
		standing[h.ID] = rates[i]
	}
	out := slices.Clone(hits)
	slices.SortStableFunc(out, func(a, b engine.Hit) int {
		switch sa, sb := standing[a.ID], standing[b.ID]; {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return out, nil
}

// standing rates how a phrase stands in a stored document: 3 when its
// title holds it, 1 when it starts within the text's first leadWords
// words, and log2(1 + how often the text holds it), reading at most
// standingText of the text.
func (s *store) standing(id string, sc *phraseScan) float64 {
	d, text, ok := s.headText(id, standingText)
	if !ok {
		return 0
	}
	v := 0.0
	if n, _ := sc.occurrences(d.Title); n > 0 {
		v += 3
	}
	if text == "" {
		return v
	}
	n, first := sc.occurrences(text)
	if n > 0 && first < leadWords {
		v++
	}
	return v + math.Log2(1+float64(n))
}

// occurrences counts how often the phrase stands in text, and at which
// word the first occurrence starts (-1 when none).
func (p *phraseScan) occurrences(text string) (n, first int) {
	p.reset()
	first = -1
	at := 0
	size := len(p.words)
	// A word whose first letter (ASCII, so folded by lower-casing) starts
	// none of the phrase's words is not one of them: most words are
	// passed over without folding them.
	var starts [128]bool
	for _, w := range p.words {
		if w != "" && w[0] < utf8.RuneSelf {
			starts[w[0]] = true
		}
	}
	vntext.ForEachToken(text, func(t vntext.Token) {
		at++
		if c := t.Text[0]; c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !starts[c] {
				p.tail = p.tail[:0]
				return
			}
		}
		f, ok := p.folds[t.Text]
		if !ok {
			f = vntext.Fold(t.Text)
			p.folds[strings.Clone(t.Text)] = f
		}
		if len(p.tail) == size {
			copy(p.tail, p.tail[1:])
			p.tail = p.tail[:size-1]
		}
		p.tail = append(p.tail, f)
		if len(p.tail) == size && f == p.words[size-1] && equalWords(p.tail, p.words) {
			if n == 0 {
				first = at - size
			}
			n++
			p.tail = p.tail[:0] // occurrences do not overlap
		}
	})
	return n, first
}
