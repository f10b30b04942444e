package index

import (
	"context"
	"fmt"
	"path/filepath"

	"khovanban/index/internal/engine"
)

// keepFacetCache writes the facet cache (facetsDir) of every segment of
// the index as the archive leaves it, and its block bounds (engine's
// KeepBounds: at a million documents they spare a `khovanban search` of
// three common words reading their postings whole), when some segment
// has none: an
// import, an edit or a rebuild made new segments, and the next search of
// a read-only archive (`khovanban search`), which writes no cache, would
// otherwise read every facet value of those segments first (about 10 ms
// at 10,000 documents). The index must be closed: it is opened again for
// reading, so that Bleve's last merges are on disk and in the cache.
// Cache files of segments merged away go too. It does its best and says
// nothing: the cache is only a shortcut.
func (a *Archive) keepFacetCache() {
	if a.readOnly || !a.eng.CacheMissing() {
		return
	}
	idx, err := openBleve(filepath.Join(a.dir, indexDir), true)
	if err != nil {
		return
	}
	defer idx.Close()
	snap, err := engine.OpenSnapshot(idx)
	if err != nil {
		return
	}
	defer snap.Close()
	_, _ = a.eng.FacetValues(context.Background(), snap)
	_ = a.eng.KeepBounds(context.Background(), snap)
	a.eng.PruneCache()
}

// WarmFacets builds, for every segment of the index, the table of each
// document's facet values that counting the facets of a small match
// reads (a few words, a rare word: under half of a segment's documents),
// which that match's first search would otherwise build: about 150 ms of
// CPU at a million documents, paid by the person's first search. It is
// for the window, once its first results are drawn: it runs in the
// caller's goroutine until done or ctx ends (then it returns ctx's
// error). A process that runs one query (`khovanban search`) does not
// call it: that query builds only the tables of the segments it needs,
// and a warming beside it would take the CPU it needs.
func (a *Archive) WarmFacets(ctx context.Context) error {
	if err := a.check(); err != nil {
		return err
	}
	snap, err := a.snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	if err := a.eng.WarmFacets(ctx, snap); err != nil {
		return fmt.Errorf("facet tables: %w", err)
	}
	return nil
}
