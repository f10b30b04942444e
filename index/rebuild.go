package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// Rebuild builds the index again from the stored documents, reading each
// one's metadata again (fields a person set are kept). progress, if not
// nil, hears how far it is. The index in place serves searches until the
// new one takes its place; a rebuild that fails or is stopped leaves it
// in place (searches find what they found before) and says why.
func (a *Archive) Rebuild(ctx context.Context, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := a.writable(); err != nil {
		return err
	}
	a.runMu.Lock() // an import under way ends first
	defer a.runMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	ids, err := a.store.ids(docsDir)
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		// The twin groups under the rule of now first (twinscheck.go):
		// an archive's stored groups are otherwise never made again.
		if _, err := a.checkTwins("", progress); err != nil {
			return err
		}
		slices.Sort(ids)
		return a.rebuildBulk(ctx, ids, progress)
	}
	if err := a.idx.Close(); err != nil {
		return errors.Join(fmt.Errorf("close index: %w", err), a.reopenIndex())
	}
	if err := a.createIndex(); err != nil {
		return err
	}
	return a.rebuildIndex(ctx, progress)
}

// rebuildIndex replaces the empty index by one built from the store with
// Bleve's offline builder (bulk.go). Measured rebuilding 30,000 vncorpus
// documents, whole process, machine shared (load 15): online, batch by
// batch, 64.4 s of CPU, 6 min 1 s, peak 289 MB, four segments; offline
// 60.9 s, 4 min 12 s, 295 MB, one segment.
func (a *Archive) rebuildIndex(ctx context.Context, progress func(Progress)) error {
	ids, err := a.store.ids(docsDir)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		a.clearJournal()
		return a.markIndexCurrent()
	}
	slices.Sort(ids)
	return a.rebuildBulk(ctx, ids, progress)
}

// batchDocs is how many documents go to the index in one batch: fewer,
// larger segments mean less merging later. Measured on 10,000 documents,
// whole import process: 128 → 18.0 s, 182 MB at the peak; 256 → 16.9 s,
// 253 MB; 384 → 15.5 s, 345 MB; 512 → 14.9 s, 370 MB. (A batch is also
// cut at 32 MB of text and after a second.)
const batchDocs = 384

// reopenIndex opens the index in place again after its swap for a
// rebuilt or bulk-built one failed, putting back the one the swap had
// moved aside; with none that opens, an empty one, without the version
// mark (the next Open rebuilds it, as after a kill there).
func (a *Archive) reopenIndex() error {
	live := filepath.Join(a.dir, indexDir)
	if _, err := os.Stat(live); missing(err) {
		_ = os.Rename(filepath.Join(a.dir, bulkOldDir), live)
	}
	idx, err := openBleve(live, false)
	if err != nil {
		return errors.Join(fmt.Errorf("open index: %w", err), a.createIndex())
	}
	a.setIndex(idx)
	return nil
}
