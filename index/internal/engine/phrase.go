package engine

import (
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"

	"khovanban/index/internal/parallel"
)

// Exact phrases. A phrase of three syllables or more matches by its pairs
// also the documents that hold the pairs apart ("nhất là", "là trong",
// "trong các" in three places); one with words typed with accents (Spelt),
// of two syllables too, those that hold it with other accents, the typed
// spellings standing elsewhere. Such candidates are decided one by one,
// among the documents the rest of the plan lets through:
//
//   - by the counts the index keeps (how often each pair and each inner
//     syllable stands in the document), which prove most holders hold it
//     without reading them (holdsByCounts);
//   - else by Config.PhraseText, which reads the document.
//
// What was decided is kept with the segment (segInfo.phrases), so paging,
// a facet chosen or the next keystroke do not decide it again.
//
// A phrase that only narrows the matches (narrowing) reads at most
// Request.PhraseBudget texts a search: past it, its unread candidates
// stay open (they match until read), the best hits are read until none
// of them is open (rankPhase), a sample of the open ones is read once per
// segment (sampleOpen), and the total and facets count the open ones at
// the sample's share (Result.Estimated). So a common phrase's first
// search in a million documents reads some tens of texts, not the
// hundreds of thousands its pairs cannot decide.

// phrasesIn lists the phrase nodes under nodes, each once.
func phrasesIn(out []Phrase, nodes ...Node) []Phrase {
	for _, n := range nodes {
		switch n := n.(type) {
		case Phrase:
			if !containsPhrase(out, n) {
				out = append(out, n)
			}
		case And, Or:
			out = phrasesIn(out, parts(n)...)
		}
	}
	return out
}

func containsPhrase(list []Phrase, n Phrase) bool {
	for _, p := range list {
		if signature(p) == signature(n) {
			return true
		}
	}
	return false
}

// phraseDocs is what is known of one phrase in one segment: the documents
// checked, those of them that hold it, and those whose counts were read
// and proved nothing, whose text was not read yet (open). All are
// replaced, never changed, so a search may keep using the ones it read.
type phraseDocs struct {
	checked, holds, open *roaring.Bitmap
	// sampled are how many open documents were read as a sample
	// (sampleOpen), and held how many of them held the phrase.
	sampled, held int
	// bestRead says that a search's ranking read the best of its
	// candidates (rankPhase): they hold it or have left the match.
	bestRead bool
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
	return phraseDocs{checked: roaring.New(), holds: roaring.New(), open: roaring.New()}
}

// phraseLearnt adds documents checked, those that hold the phrase, and
// those left open (counted, not read); a document checked is open no
// more. Any of them may be nil.
func (info *segInfo) phraseLearnt(key string, checked, holds, open *roaring.Bitmap) {
	info.phraseMu.Lock()
	defer info.phraseMu.Unlock()
	if info.phrases == nil || len(info.phrases) >= maxPhrasesKept {
		info.phrases = map[string]phraseDocs{}
	}
	d, ok := info.phrases[key]
	if !ok {
		d = phraseDocs{checked: roaring.New(), holds: roaring.New(), open: roaring.New()}
	}
	or := func(a, b *roaring.Bitmap) *roaring.Bitmap {
		if b == nil || b.IsEmpty() {
			return a
		}
		return roaring.Or(a, b)
	}
	d = phraseDocs{checked: or(d.checked, checked), holds: or(d.holds, holds), open: or(d.open, open),
		sampled: d.sampled, held: d.held, bestRead: d.bestRead}
	if checked != nil && d.open.Intersects(checked) {
		d.open = roaring.AndNot(d.open, checked)
	}
	info.phrases[key] = d
}

// openPhrase is a phrase of the plan whose candidates in the segment were
// not all read: open are those still unread.
type openPhrase struct {
	phrase Phrase
	open   *roaring.Bitmap
}

// decidePhrases works out, for every phrase under the plan, which of the
// candidate documents (those of within that hold its pairs) hold it, and
// keeps the answer for bitmap. A phrase of narrowing (bounded by
// Request.PhraseBudget) whose unread candidates are more than the
// segment's share of the budget stays open: it matches them too until
// they are read (verifyOpen), and s.open has them.
func (s *segEval) decidePhrases(ev *evaluation, phrases []Phrase, within *roaring.Bitmap, narrowing map[string]bool) error {
	if s.phraseDocs == nil {
		s.phraseDocs = map[string]*roaring.Bitmap{}
	}
	for _, n := range phrases {
		key := signature(n)
		cand, err := s.bitmap(n.pairs())
		if err != nil {
			return err
		}
		cand = roaring.And(cand, within)
		known := s.info.phraseKnown(key)
		todo := roaring.AndNot(cand, known.checked)
		todo.AndNot(known.open)
		open := roaring.And(known.open, cand)
		proved := roaring.New()
		budget := ev.segBudget(s)
		bounded := narrowing[key] && budget > 0
		switch {
		case todo.IsEmpty():
		case bounded && todo.GetCardinality()+open.GetCardinality() > countedBudgets*budget:
			// So many that the counts of their terms are not read
			// either: the texts read decide (verifyOpen).
			open.Or(todo)
			todo = roaring.New()
		default:
			if proved, err = s.provedByCounts(n, todo); err != nil {
				return err
			}
			open.Or(roaring.AndNot(todo, proved))
		}
		holds := roaring.Or(known.holds, proved)
		if !bounded || open.GetCardinality() <= budget {
			found, err := s.readHolders(ev, n, open.ToArray())
			if err != nil {
				return err
			}
			s.info.phraseLearnt(key, roaring.Or(todo, open), roaring.Or(proved, found), nil)
			s.phraseDocs[key] = roaring.Or(holds, found)
			continue
		}
		s.info.phraseLearnt(key, proved, proved, open)
		s.phraseDocs[key] = roaring.Or(holds, open)
		if s.open == nil {
			s.open = roaring.New()
		}
		s.open.Or(open)
		s.openPhrases = append(s.openPhrases, openPhrase{phrase: n, open: open})
	}
	return nil
}

// countedBudgets: a phrase of narrowing whose candidates not yet decided
// in a segment are more than this many times its budget has the counts of
// its terms not read at all: the texts read decide (verifyOpen). At a
// million documents a common phrase has hundreds of thousands, and their
// counts of a dozen terms take longer than the search may.
const countedBudgets = 16

// segBudget is the segment's share of the search's budget of texts to
// read for a phrase (0: no bound).
func (ev *evaluation) segBudget(s *segEval) uint64 {
	if ev.budget <= 0 || ev.docs == 0 {
		return 0
	}
	return max(1, (uint64(ev.budget)*s.seg.count()+ev.docs-1)/ev.docs)
}

// provedByCounts returns the documents of todo that the counts of the
// phrase's terms prove to hold it (holdsByCounts).
func (s *segEval) provedByCounts(n Phrase, todo *roaring.Bitmap) (*roaring.Bitmap, error) {
	docs := todo.ToArray()
	proved, err := s.holdsByCounts(n, docs)
	if err != nil {
		return nil, err
	}
	out := roaring.New()
	for i, doc := range docs {
		if proved[i] {
			out.Add(doc)
		}
	}
	return out, nil
}

// readHolders returns the documents of docs whose text holds the phrase
// (Config.PhraseText); without it, none.
func (s *segEval) readHolders(ev *evaluation, n Phrase, docs []uint32) (*roaring.Bitmap, error) {
	out := roaring.New()
	if ev.eng.cfg.PhraseText == nil || len(docs) == 0 {
		return out, nil
	}
	ids := make([]string, len(docs))
	for i, doc := range docs {
		id, err := s.seg.docID(uint64(doc))
		if err != nil {
			return nil, err
		}
		ids[i] = id
	}
	// The texts are read side by side: a text costs about half a
	// millisecond to find and read in a process that has not read it yet,
	// and the 23 best of a common phrase at a million documents were read
	// by one worker, the other core idle.
	holds := make([]bool, len(ids))
	err := parallel.Each(ev.ctx, len(ids), func() func(string) bool { return ev.eng.cfg.PhraseText(n) }, func(holdsPhrase func(string) bool, i int) {
		holds[i] = holdsPhrase(ids[i])
	})
	if err != nil {
		return nil, err
	}
	for i, doc := range docs {
		if holds[i] {
			out.Add(doc)
		}
	}
	return out, nil
}

// verifyOpen reads, for the documents of docs still open for some phrase,
// whether they hold each phrase they are open for: one that does not
// leaves the match (and what the facets apart count), one that does is
// open no more. It returns the documents of docs that left the match.
func (s *segEval) verifyOpen(ev *evaluation, docs *roaring.Bitmap) (*roaring.Bitmap, error) {
	failed := roaring.New()
	if s.open == nil {
		return failed, nil
	}
	docs = roaring.And(docs, s.open)
	if docs.IsEmpty() {
		return failed, nil
	}
	for i, p := range s.openPhrases {
		todo := roaring.And(docs, p.open)
		if todo.IsEmpty() {
			continue
		}
		// Not by the counts first: freqs walks each term's postings from
		// the start, which for a few documents of a large segment costs
		// more than reading their texts.
		found, err := s.readHolders(ev, p.phrase, todo.ToArray())
		if err != nil {
			return nil, err
		}
		key := signature(p.phrase)
		s.info.phraseLearnt(key, todo, found, nil)
		s.openPhrases[i].open = roaring.AndNot(p.open, todo)
		not := roaring.AndNot(todo, found)
		failed.Or(not)
		if !not.IsEmpty() {
			s.phraseDocs[key] = roaring.AndNot(s.phraseDocs[key], not)
		}
	}
	if err := s.facetsDecided(ev, docs, failed); err != nil {
		return nil, err
	}
	s.open.AndNot(docs)
	if !failed.IsEmpty() {
		s.match.AndNot(failed)
		for _, a := range s.apart {
			a.docs.AndNot(failed)
		}
		clear(s.nodes)
	}
	return failed, nil
}

// facetsDecided moves the documents of docs, open when the facets were
// counted (countFacets) and read now, out of what the facets count as
// open: those that hold their phrases count as matches from now on, those
// of failed (no longer matches) are taken out of the counts. Without it
// the facets left out every open document the best hits read, and a
// search keeping every hit counted in them only what its budget had
// read. Called before docs and failed leave s.open and s.match.
func (s *segEval) facetsDecided(ev *evaluation, docs, failed *roaring.Bitmap) error {
	if s.countsOpen == nil {
		return nil // no facets counted, or none of them open
	}
	values, err := s.info.facetValues(s.seg)
	if err != nil {
		return err
	}
	decided := make([]int, len(values))
	if err := s.tallyFacets(ev, decided, values, docs); err != nil {
		return err
	}
	for v, n := range decided {
		s.countsOpen[v] -= n
	}
	if failed.IsEmpty() {
		return nil
	}
	gone := make([]int, len(values))
	if err := s.tallyFacets(ev, gone, values, failed); err != nil {
		return err
	}
	for v, n := range gone {
		s.counts[v] -= n
	}
	return nil
}

// sampleOpen reads, for each phrase left open in the segment, a sample
// of its unread candidates among the matches, spread evenly over them:
// the share of them that holds it estimates how many of all do
// (sampleShare). The sample is kept with the segment (phraseDocs), so the
// next searches of the phrase read none, whatever their filters: the
// estimate takes the share as the same among the documents they let
// through.
func (s *segEval) sampleOpen(ev *evaluation) error {
	if s.open == nil {
		return nil
	}
	want := max(4, (sampleSize*s.seg.count()+ev.docs-1)/max(ev.docs, 1))
	for _, p := range s.openPhrases {
		key := signature(p.phrase)
		known := s.info.phraseKnown(key)
		if uint64(known.sampled) >= want {
			continue
		}
		unread := roaring.And(s.match, p.open)
		n, more := unread.GetCardinality(), want-uint64(known.sampled)
		if n == 0 {
			continue
		}
		sample := unread
		if n > more {
			sample = roaring.New()
			for i := range more {
				doc, err := unread.Select(uint32(i * n / more))
				if err != nil {
					return err
				}
				sample.Add(doc)
			}
		}
		docs := roaring.And(sample, s.open)
		failed, err := s.verifyOpen(ev, docs)
		if err != nil {
			return err
		}
		s.info.phraseSampled(key, int(docs.GetCardinality()), int(docs.GetCardinality()-failed.GetCardinality()))
	}
	return nil
}

// sampleSize is about how many unread candidates of a phrase are read,
// over all segments, to estimate how many of all hold it.
const sampleSize = 48

// phraseBestRead records that a search's ranking read the best of the
// phrase's candidates (phraseDocs.bestRead).
func (info *segInfo) phraseBestRead(key string) {
	info.phraseMu.Lock()
	defer info.phraseMu.Unlock()
	if d, ok := info.phrases[key]; ok && !d.bestRead {
		d.bestRead = true
		info.phrases[key] = d
	}
}

// phraseSampled adds a sample of a phrase's unread candidates read, and
// how many of them held it.
func (info *segInfo) phraseSampled(key string, sampled, held int) {
	info.phraseMu.Lock()
	defer info.phraseMu.Unlock()
	if d, ok := info.phrases[key]; ok {
		d.sampled += sampled
		d.held += held
		info.phrases[key] = d
	}
}

// sampleShare estimates the share of the matches whose phrases are unread
// that hold them: for each phrase left open, the share of its samples
// over all segments that held it, multiplied (1 when none is open).
func (ev *evaluation) sampleShare() float64 {
	sampled, held := map[string]int{}, map[string]int{}
	for _, s := range ev.segs {
		for _, p := range s.openPhrases {
			key := signature(p.phrase)
			d := s.info.phraseKnown(key)
			sampled[key] += d.sampled
			held[key] += d.held
		}
	}
	share := 1.0
	for key, n := range sampled {
		if n > 0 {
			share *= float64(held[key]) / float64(n)
		}
	}
	return share
}

// holdsByCounts tells, for each document, whether the counts of the
// phrase's pairs and inner syllables prove that it holds the phrase. Going
// along the phrase w1 … wn: at least p(w1 w2) occurrences of w2 follow w1;
// of the tf(w2) occurrences of w2, p(w2 w3) are followed by w3, so at
// least p(w1 w2) + p(w2 w3) − tf(w2) of them are both, each one w3 that
// ends "w1 w2 w3"; and so on to wn. A count still at least one at the end
// proves the phrase. One that falls to zero proves nothing: the text
// decides.
func (s *segEval) holdsByCounts(n Phrase, docs []uint32) ([]bool, error) {
	out := make([]bool, len(docs))
	if len(n.Pairs) == 0 || len(n.Inner) != len(n.Pairs)-1 {
		return out, nil // nothing proved: the text decides
	}
	pairs := make([][]uint32, len(n.Pairs))
	for i, t := range n.Pairs {
		var err error
		if pairs[i], err = s.freqs(termKey{t.Field, t.Term}, docs); err != nil {
			return nil, err
		}
	}
	inner := make([][]uint32, len(n.Pairs)) // inner[i]: the syllable between pair i-1 and pair i
	for i, t := range n.Inner {
		var err error
		if inner[i+1], err = s.freqs(termKey{t.Field, t.Term}, docs); err != nil {
			return nil, err
		}
	}
	at := make([]int64, len(docs)) // a lower bound on how often the phrase stands
	for j := range docs {
		at[j] = int64(pairs[0][j])
		for i := 1; i < len(n.Pairs) && at[j] > 0; i++ {
			at[j] += int64(pairs[i][j]) - int64(inner[i][j])
		}
		out[j] = at[j] > 0
	}
	if len(n.Spelt) == 0 {
		return out, nil
	}
	// Words typed with accents: each occurrence of such a word spelt
	// otherwise spoils one occurrence of the phrase at most when its
	// occurrences cannot overlap (no end of the phrase is also its start),
	// so more occurrences than such words prove one spelt as typed; else
	// only words spelt as typed wherever they stand prove it.
	bad := make([]int64, len(docs))
	for _, sp := range n.Spelt {
		exact, err := s.freqs(termKey{sp.Exact.Field, sp.Exact.Term}, docs)
		if err != nil {
			return nil, err
		}
		folded, err := s.freqs(termKey{sp.Folded.Field, sp.Folded.Term}, docs)
		if err != nil {
			return nil, err
		}
		for j := range docs {
			bad[j] += max(int64(folded[j])-int64(exact[j]), 0)
		}
	}
	apart := !overlaps(n.Words)
	for j := range docs {
		out[j] = out[j] && (bad[j] == 0 || apart && at[j] > bad[j])
	}
	return out, nil
}

// overlaps tells whether a phrase's occurrences can overlap: whether some
// end of it is also its start ("nhất là nhất").
func overlaps(words []string) bool {
	for k := 1; k < len(words); k++ {
		if slices.Equal(words[k:], words[:len(words)-k]) {
			return true
		}
	}
	return false
}

// freqs reads how often a term stands in each of docs (in increasing
// order); 0 where it does not.
func (s *segEval) freqs(k termKey, docs []uint32) ([]uint32, error) {
	out := make([]uint32, len(docs))
	p, err := s.list(k)
	if err != nil || p == nil {
		return out, err
	}
	it := p.list.iterator(false)
	var q posting
	for j, doc := range docs {
		ok, err := it.advance(uint64(doc), &q)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if q.doc == uint64(doc) {
			out[j] = uint32(min(q.freq, 1<<31))
		}
	}
	return out, nil
}

// phraseState is the part of a segment's cache that phrases use.
type phraseState struct {
	phraseMu sync.Mutex
	phrases  map[string]phraseDocs // by the phrase's signature
}
