package index

import (
	"context"
	"slices"
	"strings"

	"khovanban/index/internal/engine"
	"khovanban/index/vntext"
)

// A filter's value ends at the first space unless quoted, so loại:báo cáo
// reads as the type "báo" and the word "cáo", and "báo" is also in
// "Thông báo". People type it so all the same; joinFilterValues reads the
// words that follow a filter as part of its value for as long as together
// they still name some value the archive has (loại:báo cáo → "Báo cáo",
// but loại:kế hoạch nông thôn → the type "Kế hoạch" and the words "nông
// thôn").

// facetOfFilter is the facet a typed filter narrows, by the prefix its
// values have in the facet counts.
var facetOfFilter = map[string]string{
	filterType: facetPrefix[fieldType], filterCampaign: facetPrefix[fieldCampaign],
	filterTopic: facetPrefix[fieldTopic], filterIssuer: facetPrefix[fieldIssuer],
}

// joinFilterValues returns the clauses with the plain words after each
// filter of a facet joined to its value where the archive has a value
// holding them all, in that order.
func (a *Archive) joinFilterValues(ctx context.Context, clauses []clause) []clause {
	var known map[string][][]string // facet prefix → values, as folded syllables
	var out []clause
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if c.kind == clauseFilter && c.field == filterNumber {
			c, i = a.joinNumber(ctx, clauses, i)
			out = append(out, c)
			continue
		}
		prefix, ok := facetOfFilter[c.field]
		if c.kind != clauseFilter || !ok {
			out = append(out, c)
			continue
		}
		if known == nil {
			known = a.knownFacetValues(ctx)
		}
		words := foldAll(syllables(c.value))
		for i+1 < len(clauses) {
			next := clauses[i+1]
			if next.kind != clauseWords || next.negate || next.prefix || clauses[i].orNext {
				break
			}
			joined := append(slices.Clone(words), foldAll(next.words)...)
			if !slices.ContainsFunc(known[prefix], func(v []string) bool { return containsRun(v, joined) }) {
				break
			}
			words = joined
			c.value += " " + strings.Join(next.words, " ")
			c.orNext = next.orNext
			i++
		}
		out = append(out, c)
	}
	return out
}

// joinNumber is joinFilterValues for so:, whose value is a number: the
// words typed after it are part of it as long as some document's number
// starts with them all ("so:12 / TB - UBND", "so:12/TB UBND" are
// 12/TB-UBND, not so:12 and the words "tb" and "ubnd" anywhere). It
// returns the clause and the index of the last clause it took.
func (a *Archive) joinNumber(ctx context.Context, clauses []clause, i int) (clause, int) {
	c := clauses[i]
	words := foldAll(syllables(c.value))
	for i+1 < len(clauses) && len(words) > 0 {
		next := clauses[i+1]
		if next.kind != clauseWords && next.kind != clausePhrase || next.negate || next.prefix || clauses[i].orNext {
			break
		}
		joined := append(slices.Clone(words), foldAll(next.words)...)
		p := &engine.Plan{Must: []engine.Node{engine.Prefix{Field: fieldNumber, Prefix: joined[0], Words: joined}}}
		if ids, err := a.idsWhere(ctx, p, 1); err != nil || len(ids) == 0 {
			break
		}
		words = joined
		c.value += " " + strings.Join(next.words, " ")
		c.orNext = next.orNext
		i++
	}
	return c, i
}

// knownFacetValues lists the values of every facet in the current index,
// as folded syllables, by facet prefix.
func (a *Archive) knownFacetValues(ctx context.Context) map[string][][]string {
	out := map[string][][]string{}
	seen := map[string]bool{}
	for _, v := range a.facetValues(ctx) {
		if seen[v] || len(v) < 2 {
			continue
		}
		seen[v] = true
		out[v[:2]] = append(out[v[:2]], foldAll(syllables(v[2:])))
	}
	return out
}

// facetValues lists every facet value of the index ("y:2014"), as many as
// could be read.
func (a *Archive) facetValues(ctx context.Context) []string {
	snap, err := a.snapshot()
	if err != nil {
		return nil
	}
	defer snap.Close()
	values, _ := a.eng.FacetValues(ctx, snap)
	return values
}

func foldAll(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = vntext.Fold(w)
	}
	return out
}

// containsRun tells whether run stands in words, contiguous.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// ExactFilters returns f with each value replaced by the archive's own
// value that reads the same without accents, case or extra spaces ("ke
// hoach" → "Kế hoạch"), so that values typed on the command line filter
// exactly as those chosen in the window. A value the archive has as typed,
// or none like it, is kept.
func (a *Archive) ExactFilters(ctx context.Context, f Filters) Filters {
	if len(f.Campaigns)+len(f.Topics)+len(f.Types)+len(f.Issuers) == 0 {
		return f
	}
	own := map[string]string{} // facet prefix + folded value → value
	exact := map[string]bool{} // facet prefix + value
	for _, v := range a.facetValues(ctx) {
		if len(v) < 2 {
			continue
		}
		exact[v] = true
		own[v[:2]+strings.Join(foldAll(syllables(v[2:])), " ")] = v[2:]
	}
	resolve := func(field string, values []string) []string {
		prefix := facetPrefix[field]
		var out []string
		for _, v := range values {
			if o, ok := own[prefix+strings.Join(foldAll(syllables(v)), " ")]; ok && !exact[prefix+v] {
				v = o
			}
			out = append(out, v)
		}
		return out
	}
	f.Campaigns = resolve(fieldCampaign, f.Campaigns)
	f.Topics = resolve(fieldTopic, f.Topics)
	f.Types = resolve(fieldType, f.Types)
	f.Issuers = resolve(fieldIssuer, f.Issuers)
	return f
}
