package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Relation says how a related document is tied to another.
type Relation string

// The ways documents relate through citations.
const (
	Cites   Relation = "cites"    // the document cites the related one
	CitedBy Relation = "cited-by" // the related one cites the document
)

// Related is a document linked to another by a citation of its number.
type Related struct {
	Summary
	Relation Relation
	Citation Citation // the citation, as written
}

// Related lists the documents in the archive that d cites, and those that
// cite d's number.
func (a *Archive) Related(ctx context.Context, d *Document) ([]Related, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	var out []Related
	seen := map[string]bool{d.ID: true}
	for _, c := range d.Citations {
		key := numberKey(c.Number)
		if key == "" {
			continue
		}
		ids, err := a.idsWhere(ctx, termQuery(fieldNumber, key), 5)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			if r, err := a.store.getDoc(id); err == nil {
				seen[id] = true
				out = append(out, Related{Summary: r.Summary(), Relation: Cites, Citation: c})
			}
		}
	}
	if key := numberKey(d.Number); key != "" {
		ids, err := a.idsWhere(ctx, termQuery(fieldCites, key), 50)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			if r, err := a.store.getDoc(id); err == nil {
				seen[id] = true
				out = append(out, Related{Summary: r.Summary(), Relation: CitedBy, Citation: Citation{Number: d.Number, Type: d.Type}})
			}
		}
	}
	return out, nil
}

func (a *Archive) idsWhere(ctx context.Context, q query.Query, n int) ([]string, error) {
	req := bleve.NewSearchRequestOptions(q, n, 0, false)
	req.SortBy([]string{"-" + fieldDate})
	res, err := a.searchIndex(ctx, req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}
