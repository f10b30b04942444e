package index

import (
	"context"
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
