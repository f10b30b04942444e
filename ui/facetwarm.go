package ui

import "context"

// facetWarmer is an archive that can build its tables of facet values
// ahead of the searches that read them (index.Archive.WarmFacets).
type facetWarmer interface {
	WarmFacets(ctx context.Context) error
}

// warmFacets has the archive build, in the background, the tables the
// facets of a small match are counted from, once the view's first
// results are on screen: the first search of a few words that counts
// facets then finds them built (about 150 ms of CPU at a million
// documents), and the window's first results do not wait for them.
// Stopping the view stops it; a view built again (a change of language)
// finds them built.
func (v *view) warmFacets() {
	if v.warmStarted {
		return
	}
	v.warmStarted = true
	w, ok := v.find.(facetWarmer)
	if !ok {
		return
	}
	ctx := v.ctx
	v.spawn(func() { _ = w.WarmFacets(ctx) })
}
