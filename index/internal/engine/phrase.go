package engine

import (
	"errors"
	"runtime"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
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
func (s *segEval) decidePhrases(ev *evaluation, phrases []Phrase, within *roaring.Bitmap) error {
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
		holds := known.holds
		if !todo.IsEmpty() {
			found, err := s.holdersOf(ev, n, todo)
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
func (s *segEval) holdersOf(ev *evaluation, n Phrase, todo *roaring.Bitmap) (*roaring.Bitmap, error) {
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
		id, err := s.seg.docID(uint64(doc))
		if err != nil {
			return nil, err
		}
		ids, undecided = append(ids, id), append(undecided, doc)
	}
	// The texts are read by as many workers as there are processors.
	holds := make([]bool, len(ids))
	if ev.eng.cfg.PhraseText == nil {
		ids = nil
	}
	workers := min(runtime.GOMAXPROCS(0), 4, (len(ids)+31)/32)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			holdsPhrase := ev.eng.cfg.PhraseText(n)
			for i := w; i < len(ids); i += workers {
				if i%16 == w {
					if errs[w] = ev.ctx.Err(); errs[w] != nil {
						return
					}
				}
				holds[i] = holdsPhrase(ids[i])
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
