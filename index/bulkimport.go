package index

import (
	"errors"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2/document"
)

// A bulk import: an import that brings at least bulkImportRatio times the
// documents the archive holds (an empty archive's first import, above
// all) stores its documents as any import does, batch by batch, each
// commit marking its ids as not yet indexed (format 2), but builds the index with Bleve's offline
// builder (bulk.go) instead of adding each batch to the live index, which
// merges its small segments again and again as it grows. The archive's
// documents from before the import are given to the builder first; the new
// index takes the live one's place by renames once the last batch is in,
// and the marks are cleared then. Until the swap the documents are stored
// and listed in the import's report, and searchable only once it ends.
//
// A kill at any moment leaves every stored document marked, and the live
// index as it was before the import (or the new one whole): Open indexes
// the marked documents again (replayUnindexed, with the offline builder
// when they are as many as a bulk import's), and index.new/ is removed.
//
// Twins: the import's documents are not in the live index, where twins.go
// looks for candidates; their lookup pairs are kept in memory
// (importPairs) and looked up beside it. A document the builder already
// has whose entry a later batch changes (it joined a twin group) is
// indexed again, online, once the new index is in place.

// bulkImportMin is the fewest files for which an import uses the offline
// builder: a smaller one makes few segments and little merging, and the
// swap closes and reopens the index. (A variable for the tests.)
var bulkImportMin = 1000

const (
	// bulkImportMax is the most files an import builds offline: the
	// lookup pairs of its documents stay in memory (about 5 kB per
	// document), and a larger import goes on online, as it always did.
	bulkImportMax = 50000
)

// bulkImportRatio: an import builds its index offline when the archive
// holds at most 1/bulkImportRatio of the files it brings, for the
// builder indexes the archive's documents again. Measured, whole process,
// alternating (load 20-31): 5,000 vncorpus documents into an archive of
// 4,000, offline 24.4-26.8 s of CPU against 20.3-20.9 online; into one of
// 1,000, 24.0 against 24.1; 1,000 into an empty one, 3.3-4.5 against
// 4.4-4.9; 10,000 into an empty one, 32.4-33.6 against 39.9-43.0.
const bulkImportRatio = 10

// bulkImport is the offline build of one import.
type bulkImport struct {
	bb    *bulkBuilder
	added map[string]bool // ids the builder has
	stale map[string]bool // of those, ids whose entry a later commit changed
	marks []stored        // the import's commits, to clear after the swap
	pairs importPairs
	fresh int   // documents of this import given to the builder
	text  int64 // bytes of the texts of this import's stored documents

	// compact: the catalog is compacted beside the merge (an import's;
	// not a replay's); compacted once that was done, with its error.
	compact, compacted bool
	compactErr         error
	beforeSwap         func()             // for tests (ImportOptions)
	swapFault          func(string) error // for tests (ImportOptions)
}

// useBulk reports whether an import of total files into this archive
// builds its index offline (see bulkImport).
func (a *Archive) useBulk(total int) bool {
	if a.store.vol == nil || a.readOnly || total < bulkImportMin || total > bulkImportMax {
		return false
	}
	n, err := a.idx.DocCount()
	return err == nil && int(n)*bulkImportRatio <= total
}

// startBulk starts the offline build of an import.
func (a *Archive) startBulk() (*bulkImport, error) {
	bb, err := newBulkBuilder(a.dir, bulkBatch)
	if err != nil {
		return nil, err
	}
	return &bulkImport{bb: bb, added: map[string]bool{}, stale: map[string]bool{}, pairs: importPairs{holders: map[uint64][]int32{}}}, nil
}

// bulkExisting gives the builder the documents the archive held before
// the import (read while the first files are), first: the new index
// replaces the live one. progress, if not nil, hears how far it is.
func (a *Archive) bulkExisting(bi *bulkImport, progress func(Progress)) error {
	ids, err := a.store.ids(docsDir)
	if err != nil {
		return err
	}
	last := time.Now()
	for i, id := range ids {
		if progress != nil && time.Since(last) > 100*time.Millisecond {
			last = time.Now()
			progress(Progress{Done: i, Total: len(ids)})
		}
		if bi.added[id] {
			continue
		}
		d, err := a.store.getDoc(id)
		if errors.Is(err, ErrNotFound) {
			continue // moved to the Trash since it was listed: a change the swap settles
		}
		if err != nil {
			return fmt.Errorf("bulk index: %w", err)
		}
		if err := bi.bb.add(func(*fieldScratch) *document.Document { return bleveDocument(d) }); err != nil {
			return err
		}
		bi.added[id] = true
	}
	return nil
}

// add gives the builder a stored batch's entries. A document it already
// has (one that joined a twin group) is indexed again after the swap.
func (bi *bulkImport) add(st staged) error {
	for _, d := range st.c.put {
		if bi.added[d.ID] {
			bi.stale[d.ID] = true
			continue
		}
		e := func(*fieldScratch) *document.Document { return bleveDocument(d) } // a stored document joining a twin group
		if t := st.terms[d.ID]; t != nil {
			e = func(s *fieldScratch) *document.Document { return bleveEntry(d, t.lazyFields(s)) }
		}
		if err := bi.bb.add(e); err != nil {
			return err
		}
		bi.added[d.ID] = true
		bi.fresh++
	}
	bi.marks = append(bi.marks, st.p)
	return nil
}

// finishBulk merges the new index, puts it in place of the live one and
// clears the import's marks; the documents whose entries changed after
// the builder took them (twins, and the changes made during the import,
// importchanges.go) are indexed again online. On failure the new index is
// abandoned: the marks stay, for Open. buildErr is the error that stopped
// the builder, if any. The merge takes no lock: the archive's changes go
// on meanwhile; the swap holds a.mu.
func (a *Archive) finishBulk(bi *bulkImport, buildErr error) error {
	if buildErr != nil || bi.fresh == 0 {
		bi.bb.abandon()
		return a.lockedSettleBulk()
	}
	wait := a.compactBeside(bi)
	err := bi.bb.finish()
	wait()
	if err != nil {
		bi.bb.abandon()
		return errors.Join(err, a.lockedSettleBulk())
	}
	if bi.beforeSwap != nil {
		bi.beforeSwap()
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return errors.Join(a.swapBulk(bi), a.settleBulk())
}

// compactBeside compacts the catalog (compactCatalogAfter) in a goroutine
// of its own while the builder merges the new index on one core, which
// left the other idle: the copy came after the merge, alone, at the end
// of every bulk import. The documents are all stored by then and
// nothing of the import writes the catalog until the swap clears their
// marks, which the returned function waits for the copy before; a
// change a person makes meanwhile has the copy made again, as it did
// after the import. The marks are in the copy, and a kill finds them.
func (a *Archive) compactBeside(bi *bulkImport) (wait func()) {
	if !bi.compact {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		bi.compactErr = a.compactCatalogAfter(bi.fresh)
		bi.compacted = true
	}()
	return func() { <-done }
}

// swapBulk puts a bulk import's merged index in place of the live one,
// under a.mu. A step that fails once the live index is closed leaves an
// open index all the same, never the closed one (the archive's Close would
// close it again: a panic in Bleve): the old one opened again, the
// import's documents stored and marked as not yet indexed, for the next
// Open; the new one when it is in place and opens.
func (a *Archive) swapBulk(bi *bulkImport) error {
	// a.idx stays the closed index until another is open: a search of the
	// window meanwhile (it does not take a.mu) gets Bleve's error for a
	// closed index, not a nil one.
	if err := errors.Join(a.idx.Close(), bi.fault(swapClose)); err != nil {
		bi.bb.abandon()
		return errors.Join(fmt.Errorf("close index: %w", err), a.reopenIndex())
	}
	if err := errors.Join(a.eng.ClearCache(), bi.fault(swapCache)); err != nil {
		bi.bb.abandon()
		return errors.Join(err, a.reopenIndex())
	}
	placed, swapErr := swapBulkIndex(a.dir)
	if !placed {
		bi.bb.abandon()
		return errors.Join(swapErr, a.reopenIndex())
	}
	if err := a.openSwapped(); err != nil {
		bi.bb.abandon()
		return errors.Join(swapErr, err)
	}
	if swapErr != nil { // in place and open, its renames maybe not on disk: the marks stay
		bi.bb.abandon()
		return swapErr
	}
	var stale []string
	for _, p := range bi.marks {
		ids := p.ids[:0:0]
		for _, id := range p.ids {
			if bi.stale[id] {
				stale = append(stale, id)
			} else {
				ids = append(ids, id)
			}
		}
		a.indexed(stored{seq: p.seq, ids: ids})
	}
	if len(stale) == 0 {
		return nil
	}
	return a.reindex(stale, func() {
		for _, p := range bi.marks {
			a.indexed(p)
		}
	})
}

// The steps of swapBulk a test can make fail (ImportOptions.swapFault)
// where a real failure cannot be brought about: closing the live index,
// emptying the engine's cache folder (a file held open on Windows).
const (
	swapClose = "close"
	swapCache = "cache"
)

// fault is the error a test injects at a step of the swap, or nil.
func (bi *bulkImport) fault(step string) error {
	if bi.swapFault == nil {
		return nil
	}
	return bi.swapFault(step)
}

// importPairs are the twin lookup pairs (shingled.pairs, hashed) of the
// documents a bulk import stored, which the live index does not hold.
type importPairs struct {
	ids     []string
	holders map[uint64][]int32 // pair → documents (positions in ids)

	// kept are the shingles of the stored documents compared lately as
	// candidates (twinLinker.storedDoc), at most keptShinglesMax of them,
	// the oldest dropped first (ring): the documents of one template are
	// candidates of many later ones, and cutting a candidate's text
	// again for each batch was 1.2% of a 10,000 import's CPU (1,982
	// candidates read back for 828 documents).
	kept map[string]keptShingles
	ring []string
	next int
}

// keptShingles is a candidate's shingles and the length of the text they
// were cut from.
type keptShingles struct {
	sh      *shingled
	textLen int
}

// keptShinglesMax bounds importPairs.kept: about 8 KB each for vncorpus's
// documents.
const keptShinglesMax = 1024

// shingles returns the shingles kept of document id, whose text is
// textLen bytes long; nil when none are.
func (ip *importPairs) shingles(id string, textLen int) *shingled {
	if k, ok := ip.kept[id]; ok && k.textLen == textLen {
		return k.sh
	}
	return nil
}

// keep keeps the shingles of document id's text, textLen bytes long.
func (ip *importPairs) keep(id string, textLen int, sh *shingled) {
	if ip.kept == nil {
		ip.kept = make(map[string]keptShingles, keptShinglesMax)
	}
	if _, ok := ip.kept[id]; !ok {
		if len(ip.ring) < keptShinglesMax {
			ip.ring = append(ip.ring, id)
		} else {
			delete(ip.kept, ip.ring[ip.next])
			ip.ring[ip.next] = id
			ip.next = (ip.next + 1) % keptShinglesMax
		}
	}
	ip.kept[id] = keptShingles{sh, textLen}
}

// add records a stored document's lookup pairs.
func (ip *importPairs) add(id string, sh *shingled) {
	n := int32(len(ip.ids))
	ip.ids = append(ip.ids, id)
	for _, p := range sh.pairs {
		h := hashString(p)
		if hs := ip.holders[h]; len(hs) == 0 || hs[len(hs)-1] != n {
			ip.holders[h] = append(hs, n)
		}
	}
}

// replayBulk indexes what a bulk import killed before its swap left: more
// documents marked as not yet indexed than the index holds. The whole
// index is built again offline from the store, as the import would have,
// and the marks are cleared once it is in place.
func (a *Archive) replayBulk(ids []string, marks map[string]uint64) error {
	bi, err := a.startBulk()
	if err != nil {
		return err
	}
	if err := a.bulkExisting(bi, a.opts.Progress); err != nil {
		bi.bb.abandon()
		return err
	}
	if len(bi.added) == 0 { // nothing stored: the online path removes them
		bi.bb.abandon()
		return a.reindex(ids, func() { _ = a.store.vol.clearUnindexed(marks) })
	}
	bi.fresh = len(bi.added)
	if err := a.finishBulk(bi, nil); err != nil {
		return err
	}
	return a.store.vol.clearUnindexed(marks)
}
