package index

import (
	"math/bits"
	"slices"
	"strings"
	"unsafe"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"khovanban/index/vntext"
)

// How text is split into terms. Every text is split into syllables with
// vntext.Tokens, and each syllable makes terms in three fields:
//
//   - exact: the syllable's Key (lower case, NFC, one tone placement), so
//     that a query typed with accents can rank the exact spelling first;
//     only syllables with marks, as one without marks is its own folded
//     form;
//   - folded: the syllable's Fold (no diacritics, "quyet");
//   - pairs: each pair of adjacent folded syllables as one term
//     ("quyet tam"). Vietnamese words are mostly two syllables, so pair
//     terms make phrase and adjacency queries single-term lookups, and a
//     prefix query on pairs ("quyet ta*") completes the last word as
//     someone types it without losing adjacency.
//
// None of them keeps positions: phrases are matched by their pair terms.
// Documents reach Bleve already counted (textFields, fields.go); Bleve
// analyses only the short filter values, with foldedAnalyzer, and keyword
// fields, with keywordAnalyzer. analyzeText gives the same terms as token
// streams, which the tests hold textFields to.

// analyzerFolded is the index's default analyzer, by its name in Bleve's
// registry.
const analyzerFolded = "vi_folded"

func init() {
	// Bleve finds analyzers by name in its global registry; registering
	// there is the library's only way in.
	registry.RegisterAnalyzer(analyzerFolded, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return foldedAnalyzer{}, nil
	})
}

// foldedAnalyzer gives the folded terms of a text.
type foldedAnalyzer struct{}

func (foldedAnalyzer) Analyze(input []byte) analysis.TokenStream {
	return analyzeText(string(input)).folded
}

// pair is the term for two adjacent folded syllables.
func pair(a, b string) string { return a + " " + b }

type keywordAnalyzer struct{}

func (keywordAnalyzer) Analyze(input []byte) analysis.TokenStream {
	if len(input) == 0 {
		return nil
	}
	return analysis.TokenStream{{Term: input, Start: 0, End: len(input), Position: 1, Type: analysis.AlphaNumeric}}
}

// textStreams are the exact, folded and pair token streams of one text.
type textStreams struct {
	exact, folded, pairs analysis.TokenStream
}

// analyzeText computes, in one pass over s, the exact, folded and pairs
// token streams of a text. Syllables repeat a lot in
// Vietnamese text, so each distinct one is keyed and folded only once.
func analyzeText(s string) textStreams {
	type forms struct{ key, fold []byte }
	toks := vntext.Tokens(s)
	// Sized for the text: filter values and titles are a few syllables,
	// and a map made for 512 costs 40 kB each time.
	seen := make(map[string]forms, min(512, len(toks)))
	store := make([]analysis.Token, 3*len(toks))
	out := textStreams{
		exact:  make(analysis.TokenStream, 0, len(toks)),
		folded: make(analysis.TokenStream, 0, len(toks)),
		pairs:  make(analysis.TokenStream, 0, len(toks)),
	}
	// Pair terms are cut from one buffer instead of allocated one by one.
	arena := make([]byte, 0, 2*len(s)+len(toks))
	var prevFold []byte
	prevStart := 0
	for i, t := range toks {
		f, ok := seen[t.Text]
		if !ok {
			f = forms{key: []byte(vntext.Key(t.Text)), fold: []byte(vntext.Fold(t.Text))}
			seen[t.Text] = f
		}
		pos := i + 1
		// A syllable without marks is its own folded form: queries look
		// for exact spellings only of words typed with marks, so the
		// exact stream keeps just the syllables that have them.
		if string(f.key) != string(f.fold) {
			x := &store[3*i]
			*x = analysis.Token{Term: f.key, Start: t.Start, End: t.End, Position: pos, Type: analysis.AlphaNumeric}
			out.exact = append(out.exact, x)
		}
		fo := &store[3*i+1]
		*fo = analysis.Token{Term: f.fold, Start: t.Start, End: t.End, Position: pos, Type: analysis.AlphaNumeric}
		out.folded = append(out.folded, fo)
		if prevFold != nil {
			start := len(arena)
			arena = append(append(append(arena, prevFold...), ' '), f.fold...)
			term := arena[start:len(arena):len(arena)]
			p := &store[3*i+2]
			*p = analysis.Token{Term: term, Start: prevStart, End: t.End, Position: i, Type: analysis.Shingle}
			out.pairs = append(out.pairs, p)
		}
		prevFold, prevStart = f.fold, t.Start
	}
	return out
}

// entryFields are the counted text fields of one document's index entry:
// exact, folded and pairs of its title and text, and the title's own
// exact and folded (nil when it has none).
type entryFields struct {
	exact, folded, pairs    *termsField
	titleExact, titleFolded *termsField
}

// documentTerms counts d's text fields on their own (see termCounter for
// many documents).
func documentTerms(d *Document) *entryFields {
	f := &entryFields{}
	f.exact, f.folded, f.pairs = textFields(append([]string{d.Title}, indexedParts(d.Text)...), fieldExact, fieldFolded, fieldPairs)
	// The text's own size, its motto included, as termCounter counts it.
	plain := uint64(len(d.Title) + 1 + len(d.Text))
	f.exact.plain, f.folded.plain, f.pairs.plain = plain, plain, plain
	if d.Title != "" {
		f.titleExact, f.titleFolded, _ = textFields([]string{d.Title}, fieldTitleExact, fieldTitleFolded, "")
	}
	return f
}

// termCounter counts the text fields of many documents, one after the
// other, and cuts their texts into shingles for twins (twins.go), all in
// one pass over each text's syllables. It remembers every spelling it has
// met, with its exact and folded forms and the folded form's hash, so
// that across documents each spelling is keyed, folded and hashed once,
// and counts by numbers instead of by strings. One goroutine uses it.
type termCounter struct {
	limit     int // of spellings remembered
	spellings map[string]spelling
	foldIDs   map[string]int32
	exactIDs  map[string]int32
	folds     []*counted // by id
	exacts    []*counted

	// Per text, reused.
	foldN, exactN       []int32 // counts by id
	foldSeen, exactSeen []int32 // the ids counted, in order met
	pairN               map[uint64]int32
	pairSeen            []uint64
	syls                []int32 // the text's folded syllables, for shingles
	sylBuf              []syllable
	tokens              int
	partStart           int // where in syls the part being read (title, text) starts
	pairStart           int // where in syls the syllables a pair may join start

	// The country's name and motto, watched for in a text: their runs'
	// folded ids, and the run being met (its first syllable's place in
	// syls, the exact ids met so far, whether a pair joined it).
	mottoIDs  [][]int32
	watch     bool
	run       []int32
	runAt     int
	runExact  []int32
	runJoined bool
	words     []string // textWords' buffer
	pairTotal int      // how many pairs were counted
	marked    int
}

// spelling is what a termCounter knows of one spelling of a syllable.
type spelling struct {
	fold, exact int32 // exact is -1 for a syllable without marks
}

// counted is one term a termCounter knows.
type counted struct {
	term  string
	bytes []byte // the same, for Bleve's TokenFreq (which only reads it)
	hash  uint64 // of a folded term, for shingles
}

// termCounterMax bounds the spellings a termCounter remembers; it starts
// afresh past it (typing errors and numbers make new ones without end).
const termCounterMax = 1 << 17

// newTermCounter is a counter that remembers at most limit spellings.
func newTermCounter(limit int) *termCounter {
	tc := &termCounter{
		limit:     limit,
		spellings: map[string]spelling{},
		foldIDs:   map[string]int32{},
		exactIDs:  map[string]int32{},
		pairN:     map[uint64]int32{},
	}
	for _, run := range mottoRuns {
		ids := make([]int32, len(run))
		for i, w := range run {
			ids[i] = termID(tc.foldIDs, &tc.folds, &tc.foldN, w)
		}
		tc.mottoIDs = append(tc.mottoIDs, ids)
	}
	return tc
}

// docTerms are a document's counted text fields kept small while the
// document waits in an import's batches (a tenth of the fields Bleve
// takes): fields makes those when its batch is indexed.
type docTerms struct {
	exact, folded, titleExact, titleFolded termCounts
	pairs                                  pairCounts
	hasTitle                               bool
	plain, titlePlain                      uint64
}

// termCounts are the terms of one field and how often each occurs.
type termCounts struct {
	terms  []*counted
	n      []int32
	length int // terms in all
}

// pairCounts are the pair terms of a text, cut from keys at ends.
type pairCounts struct {
	keys   string // the bytes of buf, never written after
	buf    []byte
	ends   []int32
	n      []int32
	length int
}

// analyze counts d's text fields, the same as documentTerms, and cuts its
// text into shingles, the same as shingle.
func (tc *termCounter) analyze(d *Document) (*docTerms, *shingled) {
	if len(tc.spellings) > tc.limit {
		*tc = *newTermCounter(tc.limit)
	}
	tc.start()
	t := &docTerms{hasTitle: d.Title != "", titlePlain: uint64(len(d.Title)), plain: uint64(len(d.Title) + 1 + len(d.Text))}
	if t.hasTitle {
		vntext.ForEachToken(d.Title, tc.add)
		t.titleExact = countsOf(tc.exactSeen, tc.exactN, tc.exacts, tc.marked)
		t.titleFolded = countsOf(tc.foldSeen, tc.foldN, tc.folds, tc.tokens)
	}
	title := tc.tokens
	tc.partStart = len(tc.syls) // no pair joins the title's end to the text's start
	tc.pairStart = tc.partStart
	tc.watch = true // for the country's name and motto (motto.go)
	vntext.ForEachToken(d.Text, tc.add)
	tc.watch, tc.run = false, nil
	t.exact = countsOf(tc.exactSeen, tc.exactN, tc.exacts, tc.marked)
	t.folded = countsOf(tc.foldSeen, tc.foldN, tc.folds, tc.tokens)
	t.pairs = tc.pairCounts()
	return t, tc.shingles(tc.syls[title:])
}

// textWords are the folded syllables of the text analyze counted last
// (not its title), in order, as classify.Input's BodyWords; valid until
// the next analyze.
func (tc *termCounter) textWords() []string {
	tc.words = tc.words[:0]
	for _, id := range tc.syls[tc.partStart:] {
		tc.words = append(tc.words, tc.folds[id].term)
	}
	return tc.words
}

// start clears the counts of the previous text.
func (tc *termCounter) start() {
	for _, id := range tc.foldSeen {
		tc.foldN[id] = 0
	}
	for _, id := range tc.exactSeen {
		tc.exactN[id] = 0
	}
	clear(tc.pairN)
	tc.foldSeen, tc.exactSeen, tc.pairSeen, tc.syls = tc.foldSeen[:0], tc.exactSeen[:0], tc.pairSeen[:0], tc.syls[:0]
	tc.tokens, tc.marked, tc.partStart, tc.pairStart, tc.pairTotal = 0, 0, 0, 0, 0
}

// add counts one syllable.
func (tc *termCounter) add(t vntext.Token) {
	sp, ok := tc.spellings[t.Text]
	if !ok {
		sp = tc.learn(t.Text)
	}
	if tc.foldN[sp.fold] == 0 {
		tc.foldSeen = append(tc.foldSeen, sp.fold)
	}
	tc.foldN[sp.fold]++
	if sp.exact >= 0 {
		if tc.exactN[sp.exact] == 0 {
			tc.exactSeen = append(tc.exactSeen, sp.exact)
		}
		tc.exactN[sp.exact]++
		tc.marked++
	}
	if n := len(tc.syls); n > tc.pairStart {
		k := uint64(tc.syls[n-1])<<32 | uint64(sp.fold)
		if tc.pairN[k] == 0 {
			tc.pairSeen = append(tc.pairSeen, k)
		}
		tc.pairN[k]++
		tc.pairTotal++
	}
	tc.syls = append(tc.syls, sp.fold)
	tc.tokens++
	if tc.watch {
		tc.followMotto(sp)
	}
}

// followMotto follows the runs of the country's name and motto through
// the text's syllables, sp the one just counted: once a run is met whole,
// its syllables and pairs are counted out again, and no pair joins its
// last syllable to the next (as indexedParts cuts them out for
// documentTerms).
func (tc *termCounter) followMotto(sp spelling) {
	if tc.run != nil {
		if sp.fold == tc.run[len(tc.runExact)] {
			tc.runExact = append(tc.runExact, sp.exact)
			if len(tc.runExact) == len(tc.run) {
				tc.uncountRun()
			}
			return
		}
		tc.run = nil
	}
	for _, ids := range tc.mottoIDs {
		if sp.fold == ids[0] {
			tc.run, tc.runAt = ids, len(tc.syls)-1
			tc.runExact = append(tc.runExact[:0], sp.exact)
			tc.runJoined = tc.runAt > tc.pairStart
			return
		}
	}
}

// uncountRun takes the run just met whole out of the counts.
func (tc *termCounter) uncountRun() {
	for i, id := range tc.syls[tc.runAt:] {
		if tc.foldN[id]--; tc.foldN[id] == 0 {
			tc.foldSeen = unlist(tc.foldSeen, id)
		}
		tc.tokens--
		if x := tc.runExact[i]; x >= 0 {
			if tc.exactN[x]--; tc.exactN[x] == 0 {
				tc.exactSeen = unlist(tc.exactSeen, x)
			}
			tc.marked--
		}
	}
	from := tc.runAt + 1
	if tc.runJoined {
		from = tc.runAt
	}
	for i := from; i < len(tc.syls); i++ {
		k := uint64(tc.syls[i-1])<<32 | uint64(tc.syls[i])
		if tc.pairN[k]--; tc.pairN[k] == 0 {
			tc.pairSeen = unlist(tc.pairSeen, k)
		}
		tc.pairTotal--
	}
	tc.pairStart = len(tc.syls)
	tc.run = nil
}

// unlist takes id out of seen, a list of the terms counted, when its count
// is taken back to none (uncountRun): add lists a term again when it is
// met again, and a term listed twice would be given to Bleve twice (the
// patched zapx reads the lists, not a map of them). The run's terms were
// listed lately: the list is searched from its end.
func unlist[T comparable](seen []T, id T) []T {
	for i := len(seen) - 1; i >= 0; i-- {
		if seen[i] == id {
			return slices.Delete(seen, i, i+1)
		}
	}
	return seen
}

// learn keys and folds a spelling met for the first time.
func (tc *termCounter) learn(text string) spelling {
	key, fold := vntext.Key(text), vntext.Fold(text)
	sp := spelling{fold: termID(tc.foldIDs, &tc.folds, &tc.foldN, fold), exact: -1}
	if key != fold {
		sp.exact = termID(tc.exactIDs, &tc.exacts, &tc.exactN, key)
	}
	tc.spellings[strings.Clone(text)] = sp
	return sp
}

// termID numbers a term, the first time it is met.
func termID(ids map[string]int32, terms *[]*counted, counts *[]int32, term string) int32 {
	if id, ok := ids[term]; ok {
		return id
	}
	id := int32(len(*terms))
	term = strings.Clone(term) // not a piece of a text that would stay in memory
	ids[term] = id
	*terms = append(*terms, &counted{term: term, bytes: []byte(term), hash: hashString(term)})
	*counts = append(*counts, 0)
	return id
}

// countsOf copies the counts of the terms seen so far.
func countsOf(seen, counts []int32, terms []*counted, length int) termCounts {
	c := termCounts{terms: make([]*counted, 0, len(seen)), n: make([]int32, 0, len(seen)), length: length}
	for _, id := range seen {
		if counts[id] > 0 {
			c.terms, c.n = append(c.terms, terms[id]), append(c.n, counts[id])
		}
	}
	return c
}

// pairCounts copies the pairs counted, their terms cut from one string.
func (tc *termCounter) pairCounts() pairCounts {
	c := pairCounts{ends: make([]int32, len(tc.pairSeen)), n: make([]int32, len(tc.pairSeen)), length: tc.pairTotal}
	size := 0
	for _, k := range tc.pairSeen {
		size += len(tc.folds[k>>32].term) + 1 + len(tc.folds[uint32(k)].term)
	}
	buf := make([]byte, 0, size)
	for i, k := range tc.pairSeen {
		buf = append(append(append(buf, tc.folds[k>>32].term...), ' '), tc.folds[uint32(k)].term...)
		c.ends[i], c.n[i] = int32(len(buf)), tc.pairN[k]
	}
	// One copy of the terms, as the map's keys and Bleve's bytes.
	c.buf, c.keys = buf, unsafe.String(unsafe.SliceData(buf), len(buf))
	return c
}

// shingles cuts the folded syllables given by id into shingles.
func (tc *termCounter) shingles(ids []int32) *shingled {
	tc.sylBuf = tc.sylBuf[:0]
	for _, id := range ids {
		tc.sylBuf = append(tc.sylBuf, syllable{tc.folds[id].term, tc.folds[id].hash})
	}
	return shingleSyllables(tc.sylBuf)
}

// fields are the index entry's text fields of the counted terms.
func (t *docTerms) fields() *entryFields {
	f := &entryFields{
		exact:  t.exact.field(fieldExact, t.plain),
		folded: t.folded.field(fieldFolded, t.plain),
		pairs:  t.pairs.field(fieldPairs, t.plain),
	}
	if t.hasTitle {
		f.titleExact = t.titleExact.field(fieldTitleExact, t.titlePlain)
		f.titleFolded = t.titleFolded.field(fieldTitleFolded, t.titlePlain)
	}
	return f
}

func (c termCounts) field(name string, plain uint64) *termsField {
	f := &termsField{name: name, length: c.length, plain: plain, freqs: make(bindex.TokenFrequencies, len(c.terms))}
	c.fill(f.freqs, make([]bindex.TokenFreq, len(c.terms)))
	return f
}

func (c *pairCounts) field(name string, plain uint64) *termsField {
	f := &termsField{name: name, length: c.length, plain: plain, freqs: make(bindex.TokenFrequencies, len(c.ends))}
	c.fill(f.freqs, make([]bindex.TokenFreq, len(c.ends)))
	return f
}

// fill puts the terms and their counts into freqs, their frequencies
// into slab.
func (c *termCounts) fill(freqs bindex.TokenFrequencies, slab []bindex.TokenFreq) {
	for i, t := range c.terms {
		slab[i] = bindex.TokenFreq{Term: t.bytes}
		slab[i].SetFrequency(int(c.n[i]))
		freqs[t.term] = &slab[i]
	}
}

func (c *pairCounts) fill(freqs bindex.TokenFrequencies, slab []bindex.TokenFreq) {
	at := int32(0)
	for i, end := range c.ends {
		slab[i] = bindex.TokenFreq{Term: c.buf[at:end:end]}
		slab[i].SetFrequency(int(c.n[i]))
		freqs[c.keys[at:end]] = &slab[i]
		at = end
	}
}

// lazyFields are the index entry's text fields of the counted terms, for
// a bulk build: they keep only the counts, and give Bleve the frequency
// maps it reads, each time it asks, in s's maps (fieldScratch).
func (t *docTerms) lazyFields(s *fieldScratch) *entryFields {
	f := &entryFields{
		exact:  &termsField{name: fieldExact, length: t.exact.length, plain: t.plain, scratch: s, slot: 0, terms: &t.exact},
		folded: &termsField{name: fieldFolded, length: t.folded.length, plain: t.plain, scratch: s, slot: 1, terms: &t.folded},
		pairs:  &termsField{name: fieldPairs, length: t.pairs.length, plain: t.plain, scratch: s, slot: 2, pairs: &t.pairs},
	}
	if t.hasTitle {
		f.titleExact = &termsField{name: fieldTitleExact, length: t.titleExact.length, plain: t.titlePlain, scratch: s, slot: 3, terms: &t.titleExact}
		f.titleFolded = &termsField{name: fieldTitleFolded, length: t.titleFolded.length, plain: t.titlePlain, scratch: s, slot: 4, terms: &t.titleFolded}
	}
	return f
}

// fieldScratch holds the frequency maps one goroutine of a bulk build
// hands Bleve (zapx v17) the counted fields of a segment's documents in.
// Bleve reads them twice while it builds the segment: first every
// document's fields, each map read before it asks for the next, then one
// document at a time, its fields' maps read once it has them all; never
// two documents' maps at once. A map for each field of the entry (its
// slot) and each size is enough, and the entries of the segments being
// built keep only their counts, about 12 bytes a term where a map and
// its slab took about 100 (an import's peak fell by 70 MB), and no maps
// are allocated afresh for each document (they were a fifth of what an
// import allocated).
type fieldScratch struct {
	maps  [scratchSlots][]bindex.TokenFrequencies // by slot, then by size class
	slabs [scratchSlots][][]bindex.TokenFreq
}

// scratchSlots: exact, folded and pairs of the text, the title's exact
// and folded (lazyFields).
const scratchSlots = 5

// freqs fills the map of f's slot and size with f's terms.
func (s *fieldScratch) freqs(f *termsField) bindex.TokenFrequencies {
	n := 0
	if f.terms != nil {
		n = len(f.terms.terms)
	} else {
		n = len(f.pairs.ends)
	}
	// A map made for at most twice its terms: one made for many more
	// would cost Bleve's walks through it.
	class := bits.Len(uint(n))
	for len(s.maps[f.slot]) <= class {
		s.maps[f.slot] = append(s.maps[f.slot], nil)
		s.slabs[f.slot] = append(s.slabs[f.slot], nil)
	}
	m := s.maps[f.slot][class]
	if m == nil {
		m = make(bindex.TokenFrequencies, 1<<class)
		s.maps[f.slot][class] = m
		s.slabs[f.slot][class] = make([]bindex.TokenFreq, 1<<class)
	} else {
		clear(m)
	}
	slab := s.slabs[f.slot][class][:n]
	if f.terms != nil {
		f.terms.fill(m, slab)
	} else {
		f.pairs.fill(m, slab)
	}
	return m
}
