package index

import (
	bindex "github.com/blevesearch/bleve_index_api"

	"khovanban/index/vntext"
)

// termsField is a text field handed to Bleve already analyzed: its terms
// with their frequencies, which is what Bleve's segments are built from.
// Counting them here, in one pass over the text for all three fields,
// spares a Bleve token for every syllable of every field and Bleve's own
// count of them: a third of what an import used to allocate.
type termsField struct {
	name   string
	freqs  bindex.TokenFrequencies
	length int    // number of terms, for the norm
	plain  uint64 // bytes of text, for Bleve's statistics

	// A bulk build's field (fieldScratch) keeps only its counts, and
	// gives Bleve its frequencies in maps its builder reuses.
	scratch *fieldScratch
	slot    int
	terms   *termCounts // or
	pairs   *pairCounts
}

func (f *termsField) Name() string                         { return f.name }
func (f *termsField) ArrayPositions() []uint64             { return nil }
func (f *termsField) Options() bindex.FieldIndexingOptions { return textOpts }
func (f *termsField) Analyze()                             {}
func (f *termsField) Value() []byte                        { return nil }
func (f *termsField) NumPlainTextBytes() uint64            { return f.plain }
func (f *termsField) EncodedFieldType() byte               { return 't' }
func (f *termsField) AnalyzedLength() int                  { return f.length }

// AnalyzedTokenFrequencies are the field's terms and their frequencies;
// those of a bulk build's field are valid until the builder's next
// document (fieldScratch).
func (f *termsField) AnalyzedTokenFrequencies() bindex.TokenFrequencies {
	if f.scratch == nil {
		return f.freqs
	}
	return f.scratch.freqs(f)
}

// VisitTermFreqs calls fn with each of the field's terms and its frequency.
// The patched zapx (third_party/zapx, TermFreqsVisitor) reads a new
// segment's fields so: a bulk build's then fill no map.
func (f *termsField) VisitTermFreqs(fn func(term string, freq int)) {
	switch {
	case f.scratch == nil:
		for term, tf := range f.freqs {
			fn(term, tf.Frequency())
		}
	case f.terms != nil:
		for i, t := range f.terms.terms {
			fn(t.term, int(f.terms.n[i]))
		}
	default:
		at := int32(0)
		for i, end := range f.pairs.ends {
			fn(f.pairs.keys[at:end], int(f.pairs.n[i]))
			at = end
		}
	}
}

// Size is what Bleve counts the field as in memory.
func (f *termsField) Size() int {
	n := len(f.freqs)
	if f.terms != nil {
		n = len(f.terms.terms)
	} else if f.pairs != nil {
		n = len(f.pairs.ends)
	}
	return 64 + n*80
}

// textFields analyses a text into its exact, folded and pairs fields (see
// analysis.go for what each holds), named after the given names. The text
// is given in parts (a title, then the text): no pair joins the last
// syllable of one part to the first of the next, which do not stand side
// by side on the page.
func textFields(parts []string, exactName, foldedName, pairsName string) (exact, folded, pairs *termsField) {
	plain := uint64(max(len(parts)-1, 0)) // a line break between parts
	for _, s := range parts {
		plain += uint64(len(s))
	}
	exact = &termsField{name: exactName, plain: plain}
	folded = &termsField{name: foldedName, plain: plain}
	pairs = &termsField{name: pairsName, plain: plain}

	// Each distinct spelling is keyed and folded once; each distinct folded
	// syllable gets a number, and pairs are counted by numbers.
	type spelling struct {
		exact *bindex.TokenFreq // nil for a syllable without marks
		fold  int32
	}
	spellings := map[string]spelling{}
	var folds []*bindex.TokenFreq
	foldIDs := map[string]int32{}
	var exactSlab, foldSlab []bindex.TokenFreq
	newFreq := func(slab *[]bindex.TokenFreq, term []byte) *bindex.TokenFreq {
		if len(*slab) == cap(*slab) {
			*slab = make([]bindex.TokenFreq, 0, 64)
		}
		*slab = append(*slab, bindex.TokenFreq{Term: term})
		return &(*slab)[len(*slab)-1]
	}
	exact.freqs, folded.freqs = bindex.TokenFrequencies{}, bindex.TokenFrequencies{}
	type pairKey struct{ a, b int32 }
	pairCounts := map[pairKey]int{}
	var pairOrder []pairKey
	prev := int32(-1)
	count := func(t vntext.Token) {
		sp, ok := spellings[t.Text]
		if !ok {
			key, fold := vntext.Key(t.Text), vntext.Fold(t.Text)
			id, ok := foldIDs[fold]
			if !ok {
				id = int32(len(folds))
				foldIDs[fold] = id
				tf := newFreq(&foldSlab, []byte(fold))
				folds = append(folds, tf)
				folded.freqs[fold] = tf
			}
			sp.fold = id
			if key != fold {
				// A syllable without marks is its own folded form: queries
				// look for exact spellings only of words typed with marks.
				if tf, ok := exact.freqs[key]; ok {
					sp.exact = tf
				} else {
					sp.exact = newFreq(&exactSlab, []byte(key))
					exact.freqs[key] = sp.exact
				}
			}
			spellings[t.Text] = sp
		}
		tf := folds[sp.fold]
		tf.SetFrequency(tf.Frequency() + 1)
		folded.length++
		if sp.exact != nil {
			sp.exact.SetFrequency(sp.exact.Frequency() + 1)
			exact.length++
		}
		if prev >= 0 {
			k := pairKey{prev, sp.fold}
			if pairCounts[k] == 0 {
				pairOrder = append(pairOrder, k)
			}
			pairCounts[k]++
			pairs.length++
		}
		prev = sp.fold
	}
	for _, s := range parts {
		prev = -1
		vntext.ForEachToken(s, count)
	}

	// The pair terms, cut from one buffer.
	size := 0
	for _, k := range pairOrder {
		size += len(folds[k.a].Term) + 1 + len(folds[k.b].Term)
	}
	buf := make([]byte, 0, size)
	for _, k := range pairOrder {
		buf = append(append(append(buf, folds[k.a].Term...), ' '), folds[k.b].Term...)
	}
	keys := string(buf)
	pairs.freqs = make(bindex.TokenFrequencies, len(pairOrder))
	slab := make([]bindex.TokenFreq, len(pairOrder))
	at := 0
	for i, k := range pairOrder {
		n := len(folds[k.a].Term) + 1 + len(folds[k.b].Term)
		slab[i].Term = buf[at : at+n : at+n]
		slab[i].SetFrequency(pairCounts[k])
		pairs.freqs[keys[at:at+n]] = &slab[i]
		at += n
	}
	return exact, folded, pairs
}
