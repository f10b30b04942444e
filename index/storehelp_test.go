package index

import "io"

// originalBytes reads a document's original as the store holds it, as
// the program itself does (store.openOriginal), whatever the store's
// layout.
func originalBytes(a *Archive, d *Document) ([]byte, error) {
	r, _, err := a.store.openOriginal(d)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
