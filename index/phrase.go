package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"

	"khovanban/index/vntext"
)

// Exact phrases. Terms carry no positions (analysis.go): a phrase of two
// syllables is its pair term, but one of three or more matches by its
// pairs also the documents that hold the pairs apart ("nhất là", "là
// trong", "trong các" in three places). Such candidates are decided one by
// one, among the documents the rest of the query lets through:
//
//   - by the counts the index keeps (how often each pair and each inner
//     syllable stands in the document), which prove most holders hold it
//     without reading them (holdsByCounts);
//   - else by the stored text, read a piece at a time as snippets read it,
//     with punctuation between syllables ignored, as in the pairs.
//
// What was decided is kept with the segment (segInfo.phrases), so paging,
// a facet chosen or the next keystroke do not decide it again.

// phraseNode matches the documents that hold words (folded syllables, three
// or more) next to each other, in order.
type phraseNode struct {
	words []string
	pairs andNode // the pair terms, which every holder has
	typed string  // as typed, to look for in stored texts as it is
}

func (phraseNode) isNode() {}

// newPhraseNode is the node for a phrase of folded syllables, typed so: a
// term for one, the pair for two, else a phraseNode. Its terms score with
// boost (0: they only filter).
func newPhraseNode(words []string, typed string, boost float64) node {
	switch len(words) {
	case 0:
		return noneNode{}
	case 1:
		return termNode{fieldFolded, words[0], boost}
	}
	var parts []node
	for i := 1; i < len(words); i++ {
		parts = append(parts, termNode{fieldPairs, pair(words[i-1], words[i]), boost})
	}
	if len(words) == 2 {
		return andNode{parts}
	}
	return phraseNode{words: words, pairs: andNode{parts}, typed: typed}
}

// phrasesIn lists the phrase nodes under nodes, each once.
func phrasesIn(out []phraseNode, nodes ...node) []phraseNode {
	for _, n := range nodes {
		switch n := n.(type) {
		case phraseNode:
			if !containsPhrase(out, n) {
				out = append(out, n)
			}
		case andNode, orNode:
			out = phrasesIn(out, parts(n)...)
		}
	}
	return out
}

func containsPhrase(list []phraseNode, n phraseNode) bool {
	for _, p := range list {
		if signature(p) == signature(n) {
			return true
		}
	}
	return false
}

// phraseDocs is what is known of one phrase in one segment: the documents
// checked, and those of them that hold it. Both are replaced, never
// changed, so a search may keep using the ones it read.
type phraseDocs struct {
	checked, holds *roaring.Bitmap
}

// maxPhrasesKept bounds how many phrases a segment remembers.
const maxPhrasesKept = 64

// phraseKnown returns what the segment knows of a phrase.
func (info *segInfo) phraseKnown(key string) phraseDocs {
	info.phraseMu.Lock()
	defer info.phraseMu.Unlock()
	if d, ok := info.phrases[key]; ok {
		return d
	}
	return phraseDocs{checked: roaring.New(), holds: roaring.New()}
}

// phraseLearnt adds documents checked and those that hold the phrase.
func (info *segInfo) phraseLearnt(key string, checked, holds *roaring.Bitmap) {
	info.phraseMu.Lock()
	defer info.phraseMu.Unlock()
	if info.phrases == nil || len(info.phrases) >= maxPhrasesKept {
		info.phrases = map[string]phraseDocs{}
	}
	d, ok := info.phrases[key]
	if !ok {
		info.phrases[key] = phraseDocs{checked: checked, holds: holds}
		return
	}
	info.phrases[key] = phraseDocs{checked: roaring.Or(d.checked, checked), holds: roaring.Or(d.holds, holds)}
}

// decidePhrases works out, for every phrase under the plan, which of the
// candidate documents (those of within that hold its pairs) hold it, and
// keeps the answer for bitmap.
func (s *segEval) decidePhrases(e *evaluation, phrases []phraseNode, within *roaring.Bitmap) error {
	if s.phraseDocs == nil {
		s.phraseDocs = map[string]*roaring.Bitmap{}
	}
	for _, n := range phrases {
		key := signature(n)
		cand, err := s.bitmap(n.pairs)
		if err != nil {
			return err
		}
		cand = roaring.And(cand, within)
		known := s.info.phraseKnown(key)
		todo := roaring.AndNot(cand, known.checked)
		holds := known.holds
		if !todo.IsEmpty() {
			found, err := s.holdersOf(e, n, todo)
			if err != nil {
				return err
			}
			s.info.phraseLearnt(key, todo, found)
			holds = roaring.Or(holds, found)
		}
		s.phraseDocs[key] = holds
	}
	return nil
}

// holdersOf returns the documents of todo that hold the phrase.
func (s *segEval) holdersOf(e *evaluation, n phraseNode, todo *roaring.Bitmap) (*roaring.Bitmap, error) {
	docs := todo.ToArray()
	proved, err := s.holdsByCounts(n, docs)
	if err != nil {
		return nil, err
	}
	out := roaring.New()
	var ids []string
	var undecided []uint32
	for i, doc := range docs {
		if proved[i] {
			out.Add(doc)
			continue
		}
		raw, err := s.seg.DocID(uint64(doc))
		if err != nil {
			return nil, err
		}
		ids, undecided = append(ids, string(raw)), append(undecided, doc)
	}
	// The texts are read by as many workers as there are processors.
	holds := make([]bool, len(ids))
	workers := min(runtime.GOMAXPROCS(0), 4, (len(ids)+31)/32)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := newPhraseScan(n.words, n.typed)
			for i := w; i < len(ids); i += workers {
				if i%16 == w {
					if errs[w] = e.ctx.Err(); errs[w] != nil {
						return
					}
				}
				holds[i] = e.store.holdsPhrase(ids[i], sc)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, doc := range undecided {
		if holds[i] {
			out.Add(doc)
		}
	}
	return out, nil
}

// holdsByCounts tells, for each document, whether the counts of the
// phrase's pairs and inner syllables prove that it holds the phrase. Going
// along the phrase w1 … wn: at least p(w1 w2) occurrences of w2 follow w1;
// of the tf(w2) occurrences of w2, p(w2 w3) are followed by w3, so at
// least p(w1 w2) + p(w2 w3) − tf(w2) of them are both, each one w3 that
// ends "w1 w2 w3"; and so on to wn. A count still at least one at the end
// proves the phrase. One that falls to zero proves nothing: the text
// decides.
func (s *segEval) holdsByCounts(n phraseNode, docs []uint32) ([]bool, error) {
	pairs := make([][]uint32, len(n.words)-1)
	for i := range pairs {
		var err error
		if pairs[i], err = s.freqs(termKey{fieldPairs, pair(n.words[i], n.words[i+1])}, docs); err != nil {
			return nil, err
		}
	}
	inner := make([][]uint32, len(n.words)-1)
	for i := 1; i < len(n.words)-1; i++ {
		var err error
		if inner[i], err = s.freqs(termKey{fieldFolded, n.words[i]}, docs); err != nil {
			return nil, err
		}
	}
	out := make([]bool, len(docs))
	for j := range docs {
		at := int64(pairs[0][j])
		for i := 1; i < len(n.words)-1 && at > 0; i++ {
			at += int64(pairs[i][j]) - int64(inner[i][j])
		}
		out[j] = at > 0
	}
	return out, nil
}

// freqs reads how often a term stands in each of docs (in increasing
// order); 0 where it does not.
func (s *segEval) freqs(k termKey, docs []uint32) ([]uint32, error) {
	out := make([]uint32, len(docs))
	p, err := s.list(k)
	if err != nil || p == nil {
		return out, err
	}
	it := p.list.Iterator(true, false, false, nil)
	for j, doc := range docs {
		q, err := it.Advance(uint64(doc))
		if err != nil {
			return nil, err
		}
		if q == nil {
			break
		}
		if q.Number() == uint64(doc) {
			out[j] = uint32(min(q.Frequency(), 1<<31))
		}
	}
	return out, nil
}

// phraseScan finds a phrase in a stream of words. It keeps the folded
// form of every spelling it met, and is used by one goroutine at a time.
type phraseScan struct {
	words     []string
	spellings [][]byte // the phrase as typed, in lower, upper and sentence case
	tail      []string // the last words seen, at most len(words)
	folds     map[string]string
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
		}
		p.tail = append(p.tail, f)
		if len(p.tail) == n && f == p.words[n-1] {
			found = equalWords(p.tail, p.words)
		}
	})
	return found
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
	path := s.docPath(id)
	if st, err := os.Stat(path); err == nil && st.Size() <= wholeDocMax {
		raw, err := os.ReadFile(path)
		if err != nil {
			return false
		}
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
		return sc.feed(d.Title+"\n") || sc.feed(d.Text)
	}
	h, err := openDocHead(path)
	if err != nil {
		return false
	}
	defer h.Close()
	sc.reset()
	if sc.feed(h.doc.Title + "\n") {
		return true
	}
	if h.text == nil {
		return false
	}
	t, err := newDocText(h.text)
	if err != nil {
		return false
	}
	for {
		text, err := t.next(phrasePiece)
		if errors.Is(err, io.EOF) || err != nil {
			return false
		}
		if sc.feed(text) {
			return true
		}
	}
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
	text := raw[at+len(textKey):]
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
			if (start == 0 || !isWordChar(before) || escapedBreak(text[:start])) && end < len(text) && !isWordChar(after) {
				return true
			}
			rest, off = text[start+1:], start+1
		}
	}
	return false
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

// phraseState is the part of a segment's cache that phrases use.
type phraseState struct {
	phraseMu sync.Mutex
	phrases  map[string]phraseDocs // by the phrase's signature
}
