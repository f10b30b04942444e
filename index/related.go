package index

import (
	"cmp"
	"context"

	"khovanban/index/internal/engine"
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
// cite d's number. A twin group (twins.go) is listed once, by one of its
// members, and d's own group not at all: the .pdf of a .docx is not
// related to it, it is the same document.
func (a *Archive) Related(ctx context.Context, d *Document) ([]Related, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	var out []Related
	seen := map[string]bool{cmp.Or(d.TwinOf, d.ID): true} // twin groups listed
	add := func(ids []string, rel Relation, c Citation) {
		for _, id := range ids {
			r, err := a.store.getHead(id)
			if err != nil {
				continue
			}
			if group := cmp.Or(r.TwinOf, r.ID); !seen[group] {
				seen[group] = true
				out = append(out, Related{Summary: r.Summary(), Relation: rel, Citation: c})
			}
		}
	}
	for _, c := range d.Citations {
		key := numberKey(c.Number)
		if key == "" {
			continue
		}
		ids, err := a.idsWhere(ctx, &engine.Plan{Must: []engine.Node{engine.Term{Field: fieldNumber, Term: key}}, Collapse: true}, 5)
		if err != nil {
			return nil, err
		}
		add(ids, Cites, c)
	}
	if key := numberKey(d.Number); key != "" {
		ids, err := a.idsWhere(ctx, &engine.Plan{Must: []engine.Node{engine.Term{Field: fieldCites, Term: key}}, Collapse: true}, 50)
		if err != nil {
			return nil, err
		}
		add(ids, CitedBy, Citation{Number: d.Number, Type: d.Type})
	}
	return out, nil
}

// idsWhere lists the ids of at most n documents p matches, newest first.
func (a *Archive) idsWhere(ctx context.Context, p *engine.Plan, n int) ([]string, error) {
	out, err := a.run(ctx, p, Newest, n, false)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(out.Hits))
	for i, h := range out.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}
