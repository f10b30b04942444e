package main

import (
	"context"
	"hash/maphash"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"khovanban/index"
	"khovanban/index/vntext"
)

// The query families, in the order of the table.
const (
	famTitle          = "title words"
	famTitleFolded    = "title words, no accents"
	famPhraseQuoted   = `body phrase, "quoted"`
	famPhrase         = "body phrase, unquoted"
	famPhraseFolded   = "body phrase, unquoted, no accents"
	famPhraseTyping   = "body phrase being typed, no accents"
	famPair           = "two body words side by side, no accents"
	famPairTyping     = "two body words, the second being typed"
	famNumber         = "number as written (33-NQ/ĐU)"
	famNumberSwapped  = "number, / and - swapped (33/NQ-ĐU)"
	famNumberSpaced   = "number with spaces (33 NQ ĐU)"
	famNumberFolded   = "number without accents (33-NQ/DU)"
	famNumberNoSpaces = "number glued (33NQĐU)"
)

var families = []string{famTitle, famTitleFolded, famPhraseQuoted, famPhrase, famPhraseFolded, famPhraseTyping,
	famPair, famPairTyping, famNumber, famNumberSwapped, famNumberSpaced, famNumberFolded}

// query is one known-item query.
type query struct {
	family string
	text   string
	target int // the document it was made from (index in corpus.list)
	// number: any document bearing it is right ("" for other families).
	number string
	// holders: the documents holding a body phrase, each a right answer
	// (and, quoted, every other hit is wrong to show).
	holders map[int]bool
	// asYouType: the last word is unfinished, as the window searches
	// while a person types.
	asYouType bool
}

// right tells whether document d answers q.
func (q query) right(docs *corpus, d int) bool {
	if q.number != "" {
		return slices.Contains(docs.list[d].numbers, q.number)
	}
	if q.holders != nil {
		return q.holders[d]
	}
	return d == q.target
}

// doc is one document of the archive: a twin group counts once.
type doc struct {
	file    string   // its original's name (the first of its twins)
	names   []string // the names of its original and its twins'
	ids     []string // its id and its twins'
	numbers []string // the labels' numbers of its files, keyed (numberKey)
	number  string   // the labels' number of its file, as written
	title   string   // the labels' title, or else the archive's
	read    string   // the number the archive read
	text    string
	group   int // its index in corpus.list
}

type corpus struct {
	list   []doc
	byFile map[string]int // every original's name, twins too → its document
	byID   map[string]int // every document id, twins too → its document
	groups int            // documents with twins
	unread int            // numbers not made into queries: not in the archive's reading
}

// loadDocs lists the archive's documents with their labels.
func loadDocs(ctx context.Context, a *index.Archive, truth map[string]truthRow) (*corpus, error) {
	c := &corpus{byFile: map[string]int{}, byID: map[string]int{}}
	const page = 500
	for offset := 0; ; offset += page {
		res, err := a.Search(ctx, index.Request{Sort: index.Oldest, Offset: offset, Limit: page, NoFacets: true})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			d, err := a.Get(h.ID)
			if err != nil {
				return nil, err
			}
			names, ids := []string{vntext.NFC(d.OriginalName)}, []string{d.ID}
			for _, t := range h.Twins {
				if t.ID != d.ID {
					names = append(names, vntext.NFC(t.OriginalName))
					ids = append(ids, t.ID)
				}
			}
			if len(h.Twins) > 0 {
				c.groups++
			}
			dd := doc{file: names[0], text: d.Text, title: d.Title, read: d.Number}
			if t, ok := truth[names[0]]; ok {
				dd.number = t.number
				if t.title != "" {
					dd.title = t.title
				}
			}
			dd.names, dd.ids = names, ids
			for _, n := range names {
				if k := numberKey(truth[n].number); k != "" && !slices.Contains(dd.numbers, k) {
					dd.numbers = append(dd.numbers, k)
				}
			}
			c.list = append(c.list, dd)
		}
		if len(res.Hits) < page {
			break
		}
	}
	// A fixed order, whatever the archive's: by file name.
	slices.SortFunc(c.list, func(a, b doc) int { return strings.Compare(a.file, b.file) })
	for i, d := range c.list {
		c.list[i].group = i
		for _, n := range d.names {
			c.byFile[n] = i
		}
		for _, id := range d.ids {
			c.byID[id] = i
		}
	}
	return c, nil
}

// at is the document a name or id stands for, -1 when none.
func (c *corpus) at(m map[string]int, key string) int {
	if i, ok := m[key]; ok {
		return i
	}
	return -1
}

// name is the file name of the first of hits, for the list of misses.
func (c *corpus) name(hits []int) string {
	if len(hits) == 0 {
		return ""
	}
	if hits[0] < 0 {
		return "?"
	}
	return c.list[hits[0]].file
}

// numberKey is a number as compared: folded, without spaces.
func numberKey(s string) string {
	s = vntext.Fold(vntext.NFC(strings.TrimSpace(s)))
	return strings.Join(strings.Fields(s), "")
}

// makeQueries makes the queries of every family from the documents by a
// fixed rule, seeded:
//
//   - title words: 3 to 5 words side by side from the title, at a seeded
//     place, such that no other document's title holds them side by side;
//     typed in lower case as they stand, and again without accents;
//   - body phrase: 4 to 6 syllables side by side in the text (separated by
//     single spaces, each a Vietnamese syllable), at a few seeded places,
//     the one that fewest other documents hold in their title or text (at
//     most maxHolders in all; each holder is a right answer); quoted,
//     unquoted, unquoted without accents;
//   - number: the labels' number of the file, as written, with "/" and "-"
//     swapped, with spaces for them, and (when it has accents) without
//     accents; any document bearing that number is a right answer. Only
//     numbers that the archive read, or that stand in the text it read:
//     a scan's number that OCR did not read is not searchable at all;
//   - two body words: 2 syllables side by side in the text, chosen as the
//     body phrase is, typed without accents, and with the second cut to
//     half its letters, searched as typed.
//
// Each family goes through the documents in a seeded order and takes the
// first per documents that give a query.
func makeQueries(c *corpus, seed uint64, per int) []query {
	var out []query
	out = append(out, titleQueries(c, rand.New(rand.NewPCG(seed, 1)), per)...)
	out = append(out, phraseQueries(c, rand.New(rand.NewPCG(seed, 2)), per)...)
	out = append(out, numberQueries(c, rand.New(rand.NewPCG(seed, 3)), per)...)
	out = append(out, pairQueries(c, rand.New(rand.NewPCG(seed, 4)), per)...)
	return out
}

func lowerWords(toks []vntext.Token) []string {
	var out []string
	for _, t := range toks {
		out = append(out, strings.ToLower(vntext.NFC(t.Text)))
	}
	return out
}

func foldWords(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = vntext.Fold(w)
	}
	return out
}

// holdsRun tells whether words (folded) stand side by side in seq.
func holdsRun(seq, words []string) bool {
	for i := 0; i+len(words) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(words)], words) {
			return true
		}
	}
	return false
}

func titleQueries(c *corpus, r *rand.Rand, per int) []query {
	titles := make([][]string, len(c.list))
	for i, d := range c.list {
		titles[i] = foldWords(lowerWords(vntext.Tokens(d.title)))
	}
	var out []query
	for _, i := range r.Perm(len(c.list)) {
		if len(out) >= 2*per {
			break
		}
		words := lowerWords(vntext.Tokens(c.list[i].title))
		k := 3 + r.IntN(3)
		if len(words) < 3 {
			continue
		}
		k = min(k, len(words))
		starts := r.Perm(len(words) - k + 1)
		for _, s := range starts {
			w := words[s : s+k]
			f := titles[i][s : s+k]
			if !slices.ContainsFunc(w, hasLetter) {
				continue
			}
			unique := true
			for j, t := range titles {
				if j != i && holdsRun(t, f) {
					unique = false
					break
				}
			}
			if !unique {
				continue
			}
			out = append(out,
				query{family: famTitle, text: strings.Join(w, " "), target: i},
				query{family: famTitleFolded, text: strings.Join(f, " "), target: i})
			break
		}
	}
	return out
}

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// phraseCandidate is a phrase considered for a document.
type phraseCandidate struct {
	words   []string // lower case, as in the text
	doc     int
	hash    uint64
	holders []int // those holding it, at most maxHolders+1
}

// maxHolders is how many documents at most may hold a body phrase: each
// is a right answer (generated corpora have few phrases that only one
// document holds).
const maxHolders = 5

func phraseQueries(c *corpus, r *rand.Rand, per int) []query {
	var out []query
	for _, pc := range rareRuns(c, r, per, func() int { return 4 + r.IntN(3) }) {
		text := strings.Join(pc.words, " ")
		holders := pc.holderSet()
		out = append(out,
			query{family: famPhraseQuoted, text: `"` + text + `"`, target: pc.doc, holders: holders},
			query{family: famPhrase, text: text, target: pc.doc, holders: holders},
			query{family: famPhraseFolded, text: strings.Join(foldWords(pc.words), " "), target: pc.doc, holders: holders},
			query{family: famPhraseTyping, text: strings.Join(cutLast(foldWords(pc.words)), " "), target: pc.doc, holders: holders, asYouType: true})
	}
	return out
}

// pairQueries are two words side by side in the text, typed without
// accents, the commonest search: a document holding them so must rank
// above those holding them apart (in a short title, say).
func pairQueries(c *corpus, r *rand.Rand, per int) []query {
	var out []query
	for _, pc := range rareRuns(c, r, per, func() int { return 2 }) {
		out = append(out,
			query{family: famPair, text: strings.Join(foldWords(pc.words), " "), target: pc.doc, holders: pc.holderSet()},
			query{family: famPairTyping, text: strings.Join(cutLast(foldWords(pc.words)), " "), target: pc.doc, holders: pc.holderSet(), asYouType: true})
	}
	return out
}

// rareRuns picks, for up to per documents in a seeded order, a run of
// length() syllables side by side in its text at a few seeded places: the
// one that fewest other documents hold (at most maxHolders in all).
func rareRuns(c *corpus, r *rand.Rand, per int, length func() int) []*phraseCandidate {
	// Candidates for more documents than needed, since some have none
	// that few others hold.
	var cands []*phraseCandidate
	seen := 0
	for _, i := range r.Perm(len(c.list)) {
		if seen >= 10*per {
			break
		}
		toks := vntext.Tokens(c.list[i].text)
		k := length()
		if len(toks) < k {
			continue
		}
		n := 0
		for _, s := range r.Perm(len(toks) - k + 1)[:min(40, len(toks)-k+1)] {
			if n == 6 {
				break
			}
			if w, ok := cleanRun(c.list[i].text, toks[s:s+k]); ok {
				cands = append(cands, &phraseCandidate{words: w, doc: i})
				n++
			}
		}
		if n > 0 {
			seen++
		}
	}
	countHolders(c, cands, maxHolders+1)
	// Per document, the candidate fewest others hold: one only it holds
	// when there is one.
	best := map[int]*phraseCandidate{}
	var order []int
	for _, pc := range cands {
		if len(pc.holders) > maxHolders || !slices.Contains(pc.holders, pc.doc) {
			continue
		}
		b, ok := best[pc.doc]
		if !ok {
			order = append(order, pc.doc)
		}
		if !ok || len(pc.holders) < len(b.holders) {
			best[pc.doc] = pc
		}
	}
	var out []*phraseCandidate
	for _, d := range order[:min(per, len(order))] {
		out = append(out, best[d])
	}
	return out
}

// holderSet is the documents holding the run, each a right answer.
func (pc *phraseCandidate) holderSet() map[int]bool {
	holders := map[int]bool{}
	for _, h := range pc.holders {
		holders[h] = true
	}
	return holders
}

// cutLast returns words with the last cut to the first half of its
// letters ("moi" to "mo", "thon" to "th"), as a person still typing it.
func cutLast(words []string) []string {
	out := slices.Clone(words)
	last := []rune(out[len(out)-1])
	out[len(out)-1] = string(last[:(len(last)+1)/2])
	return out
}

// cleanRun returns the words of toks in lower case when they are
// Vietnamese syllables separated by single spaces in text.
func cleanRun(text string, toks []vntext.Token) ([]string, bool) {
	var out []string
	for j, t := range toks {
		if !vntext.IsSyllable(t.Text) {
			return nil, false
		}
		if j > 0 && text[toks[j-1].End:t.Start] != " " {
			return nil, false
		}
		out = append(out, strings.ToLower(vntext.NFC(t.Text)))
	}
	return out, true
}

// countHolders finds, for every candidate, which documents hold its
// words side by side (folded, punctuation between them ignored, as both
// engines do) in their title or text: one pass over all texts, by hashes
// of the folded words.
func countHolders(c *corpus, cands []*phraseCandidate, most int) {
	seed := maphash.MakeSeed()
	wordHash := func(w string) uint64 { return maphash.String(seed, w) }
	runHash := func(hs []uint64) uint64 {
		var h uint64 = 14695981039346656037
		for _, x := range hs {
			h = (h ^ x) * 1099511628211
		}
		return h
	}
	byHash := map[uint64][]*phraseCandidate{}
	lengths := map[int]bool{}
	for _, pc := range cands {
		var hs []uint64
		for _, w := range pc.words {
			hs = append(hs, wordHash(vntext.Fold(w)))
		}
		pc.hash = runHash(hs)
		byHash[pc.hash] = append(byHash[pc.hash], pc)
		lengths[len(pc.words)] = true
	}
	folded := map[string]uint64{}
	for i, d := range c.list {
		var tail []uint64
		feed := func(t vntext.Token) {
			h, ok := folded[t.Text]
			if !ok {
				h = wordHash(vntext.Fold(vntext.NFC(t.Text)))
				if len(folded) < 1<<20 {
					folded[t.Text] = h
				}
			}
			tail = append(tail, h)
			if len(tail) > 6 {
				tail = tail[1:]
			}
			for k := range lengths {
				if len(tail) < k {
					continue
				}
				for _, pc := range byHash[runHash(tail[len(tail)-k:])] {
					if len(pc.words) == k && len(pc.holders) < most && !slices.Contains(pc.holders, i) {
						pc.holders = append(pc.holders, i)
					}
				}
			}
		}
		vntext.ForEachToken(d.title, feed)
		tail = tail[:0]
		vntext.ForEachToken(d.text, feed)
	}
}

func numberQueries(c *corpus, r *rand.Rand, per int) []query {
	var out []query
	n := 0
	for _, i := range r.Perm(len(c.list)) {
		if n >= per {
			break
		}
		num := c.list[i].number
		if !strings.ContainsAny(num, "0123456789") || !strings.ContainsFunc(num, unicode.IsLetter) || !strings.ContainsAny(num, "/-") {
			continue
		}
		// A number nowhere in the archive's reading of the document (a
		// scan whose number OCR did not read) is no test of the search.
		d := c.list[i]
		words := foldWords(lowerWords(vntext.Tokens(num)))
		if numberKey(d.read) != numberKey(num) && !holdsRun(foldWords(lowerWords(vntext.Tokens(d.title+"\n"+d.text))), words) {
			c.unread++
			continue
		}
		n++
		key := numberKey(num)
		add := func(fam, text string) {
			out = append(out, query{family: fam, text: text, target: i, number: key})
		}
		add(famNumber, num)
		add(famNumberSwapped, strings.Map(func(r rune) rune {
			switch r {
			case '/':
				return '-'
			case '-':
				return '/'
			}
			return r
		}, num))
		add(famNumberSpaced, strings.Join(strings.FieldsFunc(num, func(r rune) bool { return r == '/' || r == '-' }), " "))
		if f := stripMarks(num); f != num {
			add(famNumberFolded, f)
		}
	}
	return out
}

// stripMarks removes the diacritics and turns đ into d, keeping case.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == 'Đ':
			r = 'D'
		}
		b.WriteRune(r)
	}
	return b.String()
}
