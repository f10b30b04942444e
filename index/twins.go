package index

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"khovanban/index/internal/engine"
	"khovanban/index/vntext"
)

// Twins: the same document saved as .docx, .htm and .pdf, or a law whose
// PDF parts each hold a piece of its .doc, are separate stored documents
// (a document's id is the hash of its file's bytes) linked into a twin
// group: Document.TwinOf is the id of the group's first document, set on
// every member, the first included. The stored documents are the truth;
// the index keeps each member's group in fieldTwin, so that members are
// found with one term and a search lists each group once (engine.Plan.Collapse).
//
// A new document is a twin of another when, of the two texts, at least
// twinContainment of the smaller's 5-syllable shingles are also the
// larger's. Candidates are never found by comparing with every document:
// a few pair terms of the new text, chosen by their hash so that the same
// text always chooses the same ones, are looked up in the pairs field; of
// those, the rarest in the archive count, and only the few documents that
// hold most of them have their stored text read and compared. Documents
// of the same import batch, not yet in the index, are compared through a
// sample of their shingles (the hashes divisible by twinSampleMod).
//
// Linking happens in the import's committer, just before a batch is
// written: the stored documents that join a group are rewritten in the
// same commit (commit.go), so a kill leaves every link whole or absent.

const (
	shingleLen = 5
	// twinContainment is the share of the smaller text's shingles the
	// larger must have.
	twinContainment = 0.9
	// twinMinShingles keeps short texts (a cover page, an unread scan)
	// out of groups: too little text to tell documents apart.
	twinMinShingles = 20
	// twinLookupPairs is how many pair terms of a new text are looked up,
	// twinRarePairs how many of them, the rarest in the archive, count,
	// and twinCandidates how many of the documents holding most of those
	// are compared.
	twinLookupPairs = 24
	twinRarePairs   = 12
	twinCandidates  = 3
	// twinRareDocs is how many documents may hold a pair for it to count
	// as rare: a common phrase says nothing of which document is the same.
	twinRareDocs  = 50
	twinSampleMod = 8
	// twinLeader is the term, beside the group id, of a group's first
	// document in fieldTwin.
	twinLeader = "lead"
	// twinMembersMax bounds the members a group lists.
	twinMembersMax = 64
	// twinPartMax is how many times larger than a part its whole may be:
	// a text twenty times the other's is a compilation that holds it (a
	// conference's bundle of papers), not the same document.
	twinPartMax = 20
)

// Twin is one member of a twin group: an original of the same text.
type Twin struct {
	ID           string `json:"id"`
	Hash         string `json:"sha256"`
	Format       string `json:"format"`
	OriginalName string `json:"original_name"`
	Size         int64  `json:"size"`
}

// shingled is a text cut into shingles, for twin finding.
type shingled struct {
	hashes []uint64 // the shingle hashes; distinct and sorted once sorted is set
	sorted bool
	pairs  []string // the pair terms looked up in the index
	sample []uint64 // the hashes divisible by twinSampleMod
}

// shingle cuts a text into overlapping runs of shingleLen folded
// syllables, hashed. Each distinct syllable is folded and hashed once;
// shingles and pairs hash the syllables' hashes. An import's workers get
// the same from termCounter.analyze, in the pass that counts the terms.
func shingle(text string) *shingled {
	seen := map[string]syllable{}
	var syls []syllable
	vntext.ForEachToken(text, func(t vntext.Token) {
		s, ok := seen[t.Text]
		if !ok {
			f := vntext.Fold(t.Text)
			s = syllable{f, hashString(f)}
			seen[t.Text] = s
		}
		syls = append(syls, s)
	})
	return shingleSyllables(syls)
}

// syllable is one folded syllable of a text and its hash.
type syllable struct {
	fold string
	h    uint64
}

// shingleSyllables cuts a text's folded syllables into shingles.
func shingleSyllables(syls []syllable) *shingled {
	out := &shingled{}
	if len(syls) < shingleLen {
		return out
	}
	out.hashes = make([]uint64, 0, len(syls)-shingleLen+1)
	for i := shingleLen - 1; i < len(syls); i++ {
		var h uint64
		for _, s := range syls[i-shingleLen+1 : i+1] {
			h = h*hashMul + s.h
		}
		out.hashes = append(out.hashes, mix(h))
	}
	for _, x := range out.hashes {
		if x%twinSampleMod == 0 {
			out.sample = append(out.sample, x)
		}
	}
	slices.Sort(out.sample)
	out.sample = slices.Compact(out.sample)
	// The pairs with the smallest hashes: a choice that does not depend
	// on where the text starts or ends.
	type hashed struct {
		h  uint64
		at int
	}
	var low []hashed // the smallest, sorted, distinct
	for i := 1; i < len(syls); i++ {
		h := mix(syls[i-1].h*hashMul + syls[i].h)
		if len(low) == twinLookupPairs && h >= low[len(low)-1].h {
			continue
		}
		at, found := slices.BinarySearchFunc(low, h, func(e hashed, h uint64) int { return cmp.Compare(e.h, h) })
		if found {
			continue
		}
		if len(low) == twinLookupPairs {
			low = low[:len(low)-1]
		}
		low = slices.Insert(low, at, hashed{h, i})
	}
	for _, p := range low {
		out.pairs = append(out.pairs, pair(syls[p.at-1].fold, syls[p.at].fold))
	}
	return out
}

const hashMul = 0x100000001b3 // FNV's prime

// hashString is FNV-1a of s.
func hashString(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * hashMul
	}
	return h
}

// mix spreads a combined hash's bits (splitmix64's finalizer), so that
// the low bits sampled and the order of pairs are as good as random.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// distinct sorts the hashes and drops repeats, when first needed: most
// texts are never compared.
func (s *shingled) distinct() []uint64 {
	if !s.sorted {
		slices.Sort(s.hashes)
		s.hashes = slices.Compact(s.hashes)
		s.sorted = true
	}
	return s.hashes
}

// twins reports whether one of two shingled texts is contained in the
// other: twinContainment of the smaller's shingles are the larger's.
func (s *shingled) twins(o *shingled) bool {
	small, large := s.distinct(), o.distinct()
	if len(large) < len(small) {
		small, large = large, small
	}
	if len(small) < twinMinShingles {
		return false
	}
	common := 0
	for i, j := 0, 0; i < len(small) && j < len(large); {
		switch {
		case small[i] < large[j]:
			i++
		case small[i] > large[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return float64(common) >= twinContainment*float64(len(small))
}

// twinOrHeld reports whether two documents are twins: one's text is in the
// other's and their titles agree (titlesAgree) where both have one to
// compare. Of two texts about the same size, titles read from the text
// are compared: form documents are why (two decisions approving the
// statutes of two sports federations, one text but for the federation's
// name and the date, are 91% the same shingles; a Word file and its
// signed PDF 93 to 100% on the development set, with the same title every
// time). Of a part and its whole, only titles read from a heading of each
// are compared: a letter asking for opinions on the draft decision it
// carries is not that decision (the development set's lamdong-129 and
// 180 were one group: the decision had no row of its own, and an edit of
// the letter gave the decision its details), where a law's later parts,
// which have no heading of their own, still join it.
//
// held tells whether b's text is held in a's, larger by more than a
// fifth, whether or not they are twins (dropCompiled).
func twinOrHeld(a, b *Document, sa, sb *shingled) (twin, held bool) {
	if !sa.twins(sb) {
		return false, false
	}
	return twinRule(a, b, sa, sb)
}

// twinRule is twinOrHeld of two documents one of whose texts is in the
// other's, of shingles sa and sb. Of a part and its whole, the whole must
// hold no other paper (holdsOtherPaper): a compilation of papers is none
// of them, whichever came first.
func twinRule(a, b *Document, sa, sb *shingled) (twin, held bool) {
	na, nb := len(sa.distinct()), len(sb.distinct())
	held = 5*nb < 4*na
	switch {
	case twinPartMax*min(na, nb) < max(na, nb):
		return false, held
	case 5*min(na, nb) >= 4*max(na, nb):
		return !titleFromText(a) || !titleFromText(b) || titlesAgree(a.Title, b.Title), held
	case headed(a) && headed(b) && !titlesAgree(a.Title, b.Title):
		return false, held
	case na > nb:
		return !holdsOtherPaper(a.Text, sb), held
	}
	return !holdsOtherPaper(b.Text, sa), held
}

// headed reports whether d's title was read, sure, from a heading of its
// text (a type line and its subject, a V/v line).
func headed(d *Document) bool {
	info := d.Fields[FieldTitle]
	return titleFromText(d) && info.Origin == ByReader && info.Confidence >= UnsureBelow
}

// titleFromText reports whether d's title was read from its text: not
// the title its file carried (a Word web page's <title> is often only
// the document's type), nor one typed by a person.
func titleFromText(d *Document) bool {
	return d.Title != "" && d.Title != d.FileTitle && !d.SetByPerson(FieldTitle)
}

// titlesAgree reports whether every word of the shorter title is in the
// longer: the same document read from two formats may have more or less
// of its heading in the title, never another name.
func titlesAgree(a, b string) bool {
	wa, wb := foldedWords(a), foldedWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for w := range wa {
		if !wb[w] {
			return false
		}
	}
	return true
}

// foldedWords is the set of a text's words, folded.
func foldedWords(s string) map[string]bool {
	out := map[string]bool{}
	vntext.ForEachToken(s, func(t vntext.Token) { out[vntext.Fold(t.Text)] = true })
	return out
}

// twinLinker links the documents of an import batch to their twins.
type twinLinker struct {
	a        *Archive
	extra    *importPairs         // a bulk import's documents, beside the index
	epoch    *importEpoch         // the import's, which knows the documents it stored
	docs     map[string]*Document // stored documents compared, by id
	shingles map[string]*shingled // and their shingles
	views    map[string]*Document // and what their text reads (twinView), when a person set their title or number
	ungroup  map[string]bool      // those that were in no group when read
}

// recentDoc is a document of an earlier batch of the same import, stored
// but perhaps not yet in the index while its batch is being indexed
// (importer.go): it is compared like a document of the batch.
type recentDoc struct {
	id string
	sh *shingled
}

// linkTwins finds, for each document of a batch, earlier documents (in the
// archive, in recent batches not yet indexed, or earlier in the batch)
// whose text is the same as its own or contains it or is contained in it,
// and puts them in one twin group. It returns the stored documents that
// joined a group, to be written with the batch. Finding twins is a help,
// not the import's job: a failed lookup leaves the document alone.
func (a *Archive) linkTwins(batch []readied, recent []recentDoc) []*Document {
	return a.linkTwinsWith(batch, recent, nil, nil)
}

// linkTwinsWith is linkTwins with the documents of a bulk import
// (bulkimport.go), which the live index does not hold, looked up in
// extra as candidates beside it; epoch, when not nil, is the import's,
// which tells the groups it found in the archive (ImportItem.Joined).
func (a *Archive) linkTwinsWith(batch []readied, recent []recentDoc, extra *importPairs, epoch *importEpoch) []*Document {
	for _, r := range batch {
		epoch.note(r.doc)
	}
	l := &twinLinker{a: a, extra: extra, epoch: epoch, docs: map[string]*Document{}, shingles: map[string]*shingled{}, views: map[string]*Document{}, ungroup: map[string]bool{}}
	bySample := map[uint64][]int{}
	recentBySample := map[uint64][]int{}
	recentShingles := make(map[string]*shingled, len(recent)) // a candidate's shingles, not cut again
	for k, r := range recent {
		for _, x := range r.sh.sample {
			recentBySample[x] = append(recentBySample[x], k)
		}
		recentShingles[r.id] = r.sh
	}
	shingles := make([]*shingled, len(batch))
	recentCounts, counts := make([]int, len(recent)), make([]int, len(batch))
	for i, r := range batch {
		sh := r.sh
		if sh == nil {
			sh = shingle(r.doc.Text)
		}
		shingles[i] = sh
		if len(sh.hashes) < twinMinShingles {
			continue
		}
		var matches []*Document
		var sizes []int      // the matches' distinct shingles
		var numbers []string // the numbers of the documents r's text holds, twins or not
		matched := map[string]bool{r.doc.ID: true}
		try := func(d *Document, o *shingled) {
			if matched[d.ID] {
				return
			}
			v := cmp.Or(l.views[d.ID], d)
			twin, held := twinOrHeld(r.doc, v, sh, o)
			if held && v.Number != "" {
				numbers = append(numbers, v.Number)
			}
			if twin {
				matched[d.ID] = true
				matches = append(matches, d)
				sizes = append(sizes, len(o.distinct()))
			}
		}
		for _, id := range l.candidates(sh) {
			if d, osh := l.storedDoc(id, recentShingles[id]); d != nil && !matched[id] {
				try(d, osh)
			}
		}
		recentCounts = sampleCounts(sh.sample, recentBySample, recentCounts)
		for k, o := range recent {
			n := recentCounts[k]
			if n > 0 && !matched[o.id] && 2*n >= min(len(sh.sample), len(o.sh.sample)) && sh.twins(o.sh) {
				if d, osh := l.storedDoc(o.id, o.sh); d != nil {
					try(d, osh)
				}
			}
		}
		counts = sampleCounts(sh.sample, bySample, counts[:i])
		for j := range i {
			n := min(len(sh.sample), len(shingles[j].sample))
			if n == 0 || counts[j] > 0 && 2*counts[j] >= n {
				try(batch[j].doc, shingles[j])
			}
		}
		for _, x := range sh.sample {
			bySample[x] = append(bySample[x], i)
		}
		if len(matches) == 0 {
			// Most texts match nothing: their shingles are not sorted
			// for dropCompiled (sorting every new text's was a fifth of
			// the twin finding of an import).
			continue
		}
		matches = dropCompiled(len(sh.distinct()), matches, sizes, numbers)
		if len(matches) > 0 {
			l.join(&batch[i], matches, epoch)
		}
	}
	var out []*Document
	for id := range l.ungroup {
		if d := l.docs[id]; d.TwinOf != "" {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(x, y *Document) int { return cmp.Compare(x.ID, y.ID) })
	return out
}

// dropCompiled leaves out of a new text's matches the documents it holds
// when it holds two that carry different numbers (numbers: those of every
// document its text holds, twins or not): it is then a compilation of
// documents (a conference's papers, a file of a year's letters), none of
// which it is. A whole law and its parts are one document: only its first
// part carries the number. own is the new text's count of distinct
// shingles, sizes the matches'.
func dropCompiled(own int, matches []*Document, sizes []int, numbers []string) []*Document {
	compiled := false
	for _, n := range numbers[min(1, len(numbers)):] {
		if !strings.EqualFold(n, numbers[0]) {
			compiled = true
		}
	}
	if !compiled {
		return matches
	}
	var out []*Document
	for i, m := range matches {
		if 5*sizes[i] >= 4*own { // about its size: not held in it
			out = append(out, m)
		}
	}
	return out
}

// join puts r's document in the twin group of the documents it matched
// (the first's group, or a new one that the first leads) and says so in
// its report item.
func (l *twinLinker) join(r *readied, matches []*Document, epoch *importEpoch) {
	first := matches[0]
	group := cmp.Or(first.TwinOf, first.ID)
	for _, m := range matches {
		if m.TwinOf == "" && !refusesGroup(m, group, matches) {
			m.TwinOf = group
		}
	}
	r.doc.TwinOf = group
	// Named by the group's first document, the one the list shows
	// (usertest session 10, finding 5: "trùng nội dung với 000-vn.pdf",
	// a format that joined vn.docx).
	lead := l.leader(group, first)
	r.item.Twin, r.item.TwinName = lead.ID, lead.OriginalName
	r.item.Joined = epoch.before(lead)
	if takeGroupDetails(r.doc, matches) {
		r.terms = nil // indexed from the document as it is now
		r.item.Title = r.doc.Title
	}
}

// leader is the first document of group, of which d is a member: d
// itself, or the stored document (its head), or d when it cannot be read.
func (l *twinLinker) leader(group string, d *Document) *Document {
	if d.ID == group {
		return d
	}
	if lead, ok := l.docs[group]; ok {
		return lead
	}
	lead, err := l.a.store.getHead(group)
	if err != nil {
		return d
	}
	return lead
}

// importEpoch tells, of a document, whether it was in the archive before
// an import began: by the time it was read (Document.ImportedAt, to the
// second), and in the import's first second by the documents the import
// read then.
type importEpoch struct {
	second time.Time
	early  map[string]bool // the import's documents read in its first second
	// stored is the ids of the documents the import read from their files
	// and stored, as numbers (an id is 16 hex digits): about 16 bytes
	// each, where strings would take 50.
	stored map[uint64]struct{}
}

func newImportEpoch(start time.Time) *importEpoch {
	return &importEpoch{second: start.UTC().Truncate(time.Second), early: map[string]bool{}, stored: map[uint64]struct{}{}}
}

// storedBatch notes, once its transaction is committed, the documents of
// a batch the import stored.
func (e *importEpoch) storedBatch(batch []readied) {
	if e == nil {
		return
	}
	for _, r := range batch {
		if n, err := strconv.ParseUint(r.doc.ID, 16, 64); err == nil && len(r.doc.ID) == 16 {
			e.stored[n] = struct{}{}
		}
	}
}

// storedHere reports whether the import read the document id from its
// file and stored it (false without an epoch).
func (e *importEpoch) storedHere(id string) bool {
	if e == nil || len(id) != 16 {
		return false
	}
	n, err := strconv.ParseUint(id, 16, 64)
	if err != nil {
		return false
	}
	_, ok := e.stored[n]
	return ok
}

// note counts d, read by the import, as one of its own.
func (e *importEpoch) note(d *Document) {
	if e != nil && !d.ImportedAt.After(e.second) {
		e.early[d.ID] = true
	}
}

// before reports whether d was in the archive before the import began
// (false without an epoch).
func (e *importEpoch) before(d *Document) bool {
	if e == nil {
		return false
	}
	return d.ImportedAt.Before(e.second) || d.ImportedAt.Equal(e.second) && !e.early[d.ID]
}

// sampleCounts counts, for each of the earlier texts (as many as counts
// holds, reused), how many of the sample's hashes it has.
func sampleCounts(sample []uint64, bySample map[uint64][]int, counts []int) []int {
	clear(counts)
	for _, x := range sample {
		for _, j := range bySample[x] {
			counts[j]++
		}
	}
	return counts
}

// candidates are the few indexed documents that hold most of the text's
// rarest lookup pairs, at least a third of them: the only ones whose text
// is read and compared. How many documents hold each pair is known from
// the index's postings; counting the holders of rare pairs costs little.
func (l *twinLinker) candidates(sh *shingled) []string {
	if len(sh.pairs) == 0 {
		return nil
	}
	ids, err := l.a.rareHolders(sh.pairs, l.extra)
	if err != nil {
		return nil
	}
	return ids
}

func (a *Archive) rareHolders(pairs []string, extra *importPairs) ([]string, error) {
	snap, err := a.snapshot()
	if err != nil {
		return nil, fmt.Errorf("twins: %w", damaged(err))
	}
	defer snap.Close()
	df, err := snap.DocFreqsUpTo(fieldPairs, pairs, twinRareDocs) // past it a pair is not rare
	if err != nil {
		return nil, fmt.Errorf("twins: %w", damaged(err))
	}
	var hashes []uint64
	if extra != nil {
		hashes = make([]uint64, len(pairs))
		for j, p := range pairs {
			hashes[j] = hashString(p)
			df[j] += uint64(len(extra.holders[hashes[j]]))
		}
	}
	var rare []int
	for j := range pairs {
		if df[j] > 0 && df[j] <= twinRareDocs {
			rare = append(rare, j)
		}
	}
	slices.SortStableFunc(rare, func(x, y int) int { return cmp.Compare(df[x], df[y]) })
	rare = rare[:min(len(rare), twinRarePairs)]
	need := max(3, (len(rare)+2)/3)
	if len(rare) < need {
		return nil, nil
	}
	terms := make([]string, len(rare))
	for i, j := range rare {
		terms[i] = pairs[j]
	}
	counts, err := snap.CountHolders(fieldPairs, terms) // document → rare pairs held
	if err != nil {
		return nil, fmt.Errorf("twins: %w", damaged(err))
	}
	// The index's documents first, by number, then the bulk import's,
	// in the order they were stored; the most pairs held first.
	type holder struct {
		ref   engine.DocRef
		extra int32 // position in extra.ids, or -1
		n     int
	}
	var best []holder
	for k, n := range counts {
		if n >= need {
			best = append(best, holder{k, -1, n})
		}
	}
	if extra != nil {
		held := map[int32]int{}
		for _, j := range rare {
			for _, k := range extra.holders[hashes[j]] {
				held[k]++
			}
		}
		for k, n := range held {
			if n >= need {
				best = append(best, holder{0, k, n})
			}
		}
	}
	slices.SortFunc(best, func(x, y holder) int {
		return cmp.Or(cmp.Compare(y.n, x.n), cmp.Compare(x.extra, y.extra), cmp.Compare(x.ref, y.ref))
	})
	var ids []string
	for _, h := range best[:min(len(best), twinCandidates)] {
		if h.extra >= 0 {
			ids = append(ids, extra.ids[h.extra])
			continue
		}
		id, err := snap.DocID(h.ref)
		if err != nil {
			return nil, fmt.Errorf("twins: %w", damaged(err))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// storedDoc reads a stored document and its shingles (sh when known),
// once per batch.
func (l *twinLinker) storedDoc(id string, sh *shingled) (*Document, *shingled) {
	if d, ok := l.docs[id]; ok {
		return d, l.shingles[id]
	}
	d, err := l.a.store.getDoc(id)
	if err != nil {
		return nil, nil
	}
	if sh == nil && l.extra != nil {
		sh = l.extra.shingles(id, len(d.Text))
	}
	if sh == nil {
		sh = shingle(d.Text)
		if l.extra != nil {
			l.extra.keep(id, len(d.Text), sh)
		}
	}
	l.docs[id], l.shingles[id] = d, sh
	if v := l.view(d); v != d {
		l.views[id] = v
	}
	if d.TwinOf == "" {
		l.ungroup[id] = true
	}
	return d, sh
}

// view is a stored document as twins compare it: twinView, which reads
// its metadata again from its text alone; or d itself when this import
// read it from its file and stored it, and no change a person made
// during the import touched it since: its fields are then what that
// reading gave, which twinView would give again (the documents of one
// batch are compared as read, too). The import's own documents are most
// of the candidates it reads back: reading their metadata again was a
// third of the import's twin finding (about 2 s of CPU of 35 at 10,000
// documents, session 14).
func (l *twinLinker) view(d *Document) *Document {
	if l.epoch.storedHere(d.ID) && !l.a.importing.changed(d.ID) {
		return d
	}
	return twinView(d)
}

// Twins lists the members of d's twin group, d included, the group's first
// document first; nil when d has no twin. Members in the Trash are not
// listed.
func (a *Archive) Twins(ctx context.Context, d *Document) ([]Twin, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	return a.groupMembers(ctx, d.TwinOf)
}

// CountDocuments is how many documents sums are as the list counts them:
// the formats of one text (twins) once.
func CountDocuments(sums []Summary) int {
	seen := make(map[string]bool, len(sums))
	for _, s := range sums {
		seen[listKey(s.ID, s.TwinOf)] = true
	}
	return len(seen)
}

// listKey is what a list counts one document by: its twin group, or the
// document itself when it has no twin.

func listKey(id, twinOf string) string {
	if twinOf != "" {
		return twinOf
	}
	return id
}

// TwinPath is the stored original of a twin, to open with the system's
// program.
func (a *Archive) TwinPath(t Twin) (string, error) {
	return a.OriginalPath(&Document{ID: t.ID, Hash: t.Hash, Format: t.Format})
}

func (a *Archive) groupMembers(ctx context.Context, group string) ([]Twin, error) {
	if group == "" {
		return nil, nil
	}
	ids, err := a.idsWhere(ctx, &engine.Plan{Must: []engine.Node{engine.Term{Field: fieldTwin, Term: group}}}, twinMembersMax)
	if err != nil {
		return nil, fmt.Errorf("twins of %s: %w", group, err)
	}
	var out []Twin
	for _, id := range ids {
		if d, err := a.store.getHead(id); err == nil {
			out = append(out, Twin{ID: d.ID, Hash: d.Hash, Format: d.Format, OriginalName: d.OriginalName, Size: d.Size})
		}
	}
	if len(out) < 2 {
		return nil, nil // the others deleted since
	}
	slices.SortFunc(out, func(x, y Twin) int {
		if (x.ID == group) != (y.ID == group) {
			if x.ID == group {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(x.Format, y.Format), cmp.Compare(x.ID, y.ID))
	})
	return out, nil
}
