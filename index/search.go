package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"khovanban/index/vntext"
)

// Sort orders search results.
type Sort string

// The orders a search can have.
const (
	ByRelevance Sort = "relevance"
	Newest      Sort = "newest"
	Oldest      Sort = "oldest"
)

// Filters narrow a search to exact facet values: values of one field are
// alternatives, fields combine.
type Filters struct {
	Campaigns []string
	Topics    []string
	Types     []string
	Issuers   []string
	Years     []int
	// Unsure keeps only documents with fields offered for review.
	Unsure bool
}

// Request is one search.
type Request struct {
	Query     string // in the query language; "" lists every document
	AsYouType bool   // the last word may be unfinished
	Filters   Filters
	Sort      Sort
	Offset    int
	Limit     int // 0 means 20
	// FacetSize is how many values each facet returns; 0 means 30.
	FacetSize int
	// NoFacets skips counting facets (paging through a long list).
	NoFacets bool
}

// Hit is one document found, with a snippet of its text.
type Hit struct {
	Summary
	Score   float64
	Snippet Snippet
}

// FacetValue is one value of a facet with the number of documents.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Facet names, as keys of Result.Facets.
const (
	FacetCampaign = "campaign"
	FacetYear     = "year"
	FacetTopic    = "topic"
	FacetType     = "type"
	FacetIssuer   = "issuer"
)

// FacetNames lists the facets in display order.
var FacetNames = []string{FacetCampaign, FacetYear, FacetTopic, FacetType, FacetIssuer}

var facetFields = map[string]string{
	FacetCampaign: fieldCampaign, FacetYear: fieldYear, FacetTopic: fieldTopic,
	FacetType: fieldType, FacetIssuer: fieldIssuer,
}

// Result is the answer to a Request.
type Result struct {
	Total  int
	Took   time.Duration
	Hits   []Hit
	Facets map[string][]FacetValue
}

// Search runs req against the archive. A malformed query returns a
// *QueryError.
func (a *Archive) Search(ctx context.Context, req Request) (*Result, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	start := time.Now()
	clauses, err := parseQuery(req.Query, req.AsYouType)
	if err != nil {
		return nil, err
	}
	q := a.buildQuery(clauses, req.Filters)
	limit := req.Limit
	if limit <= 0 {
		limit = 20
	}
	offset := max(req.Offset, 0)
	c, err := a.run(ctx, q, req.Sort, offset+limit, !req.NoFacets)
	if err != nil {
		return nil, err
	}
	out := &Result{Total: c.total, Facets: map[string][]FacetValue{}}
	if !req.NoFacets {
		out.Facets = c.facetResult(req.FacetSize)
	}
	hl := newHighlighter(clauses)
	for _, id := range c.ids[min(offset, len(c.ids)):] {
		d, err := a.store.getDoc(id)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				continue // deleted since the index was read
			}
			return nil, err
		}
		out.Hits = append(out.Hits, Hit{Summary: d.Summary(), Score: c.scores[id], Snippet: hl.snippet(d.Text)})
	}
	out.Took = time.Since(start)
	return out, nil
}

// run collects a query's results on the current index snapshot, turning a
// panic from a damaged index into an error.
func (a *Archive) run(ctx context.Context, q query.Query, sort Sort, keep int, facets bool) (c *collected, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: %v: %w", r, ErrDamaged)
		}
	}()
	adv, err := a.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	reader, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer reader.Close()
	c, err = a.collect(ctx, reader, q, sort, keep, facets)
	if err != nil {
		return nil, err
	}
	c.scores = map[string]float64{}
	for _, h := range c.hits {
		id, err := reader.ExternalID(h.id)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		c.ids = append(c.ids, id)
		c.scores[id] = h.score
	}
	return c, nil
}

// searchIndex runs a Bleve search, turning a panic from a damaged index
// into an error.
func (a *Archive) searchIndex(ctx context.Context, sr *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: %v: %w", r, ErrDamaged)
		}
	}()
	res, err = a.idx.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return res, nil
}

// splitFacets sorts counted facet values ("y:2014" → 12) into their
// facets: each facet's most frequent values first, at most size of them (0
// means 30), and every year, newest first, for the timeline.
func splitFacets(counts map[string]int, size int) map[string][]FacetValue {
	if size <= 0 {
		size = 30
	}
	out := map[string][]FacetValue{}
	for _, name := range FacetNames {
		out[name] = []FacetValue{}
	}
	byPrefix := map[string]string{}
	for name, field := range facetFields {
		byPrefix[facetPrefix[field]] = name
	}
	for term, n := range counts {
		if name, ok := byPrefix[term[:min(2, len(term))]]; ok {
			out[name] = append(out[name], FacetValue{Value: term[2:], Count: n})
		}
	}
	for name, values := range out {
		if name == FacetYear {
			slices.SortFunc(values, func(a, b FacetValue) int { return -cmpString(a.Value, b.Value) })
			continue
		}
		slices.SortFunc(values, func(a, b FacetValue) int {
			if a.Count != b.Count {
				return b.Count - a.Count
			}
			return cmpString(a.Value, b.Value)
		})
		out[name] = values[:min(size, len(values))]
	}
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Boosts of the optional clauses that order the results.
const (
	boostExact     = 3.0 // the syllable with exactly the typed accents
	boostAllExact  = 6.0 // every typed accented syllable, exactly
	boostAdjacent  = 2.0 // typed words next to each other in the text
	boostTitle     = 1.5 // the word in the title
	boostPrefixAll = 0.5 // prefix matches score less than whole words
)

// buildQuery turns parsed clauses and facet filters into a Bleve query.
func (a *Archive) buildQuery(clauses []clause, f Filters) query.Query {
	var must, should, mustNot []query.Query
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if c.orNext && !c.negate {
			var alts []query.Query
			for ; i < len(clauses); i++ {
				alts = append(alts, clauseQuery(clauses[i]))
				should = append(should, boosters(clauses[i])...)
				if !clauses[i].orNext {
					break
				}
			}
			must = append(must, bleve.NewDisjunctionQuery(alts...))
			continue
		}
		if c.negate {
			mustNot = append(mustNot, clauseQuery(c))
			continue
		}
		should = append(should, boosters(c)...)
		// Plain words typed next to each other rank higher when they stand
		// next to each other in the text, and an unfinished last word
		// completes next to the one before it: the pair prefix alone says
		// all that the word must match.
		if i > 0 && c.kind == clauseWords && clauses[i-1].kind == clauseWords && !clauses[i-1].negate && !clauses[i-1].orNext {
			prev, cur := vntext.Fold(clauses[i-1].words[0]), vntext.Fold(c.words[0])
			if c.prefix {
				must = append(must, prefixQuery(fieldPairs, pair(prev, cur)))
				continue
			}
			should = append(should, boosted(termQuery(fieldPairs, pair(prev, cur)), boostAdjacent))
		}
		must = append(must, clauseQuery(c))
	}
	if all := exactAll(clauses); all != nil {
		should = append(should, all)
	}
	must = append(must, filterQueries(f)...)
	if len(must) == 0 {
		must = append(must, bleve.NewMatchAllQuery())
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(must...)
	if len(should) > 0 {
		b.AddShould(should...)
		b.Should.(*query.DisjunctionQuery).SetMin(0)
	}
	if len(mustNot) > 0 {
		b.AddMustNot(mustNot...)
	}
	return b
}

// clauseQuery is what must match for one clause, without ranking boosts.
func clauseQuery(c clause) query.Query {
	switch c.kind {
	case clauseFilter:
		return typedFilter(c.field, c.value)
	case clausePhrase:
		return phraseQuery(c.words)
	}
	w := vntext.Fold(c.words[0])
	if c.prefix && len(w) >= 2 {
		return bleve.NewDisjunctionQuery(
			termQuery(fieldFolded, w),
			boosted(prefixQuery(fieldFolded, w), boostPrefixAll),
		)
	}
	return termQuery(fieldFolded, w)
}

// phraseQuery matches syllables next to each other: every adjacent pair.
func phraseQuery(words []string) query.Query {
	if len(words) == 1 {
		return termQuery(fieldFolded, vntext.Fold(words[0]))
	}
	var parts []query.Query
	for i := 1; i < len(words); i++ {
		parts = append(parts, termQuery(fieldPairs, pair(vntext.Fold(words[i-1]), vntext.Fold(words[i]))))
	}
	return bleve.NewConjunctionQuery(parts...)
}

// boosters are the optional clauses that rank exact accents and title
// matches first.
func boosters(c clause) []query.Query {
	if c.kind == clauseFilter || c.negate {
		return nil
	}
	// One clause for the clause's words in the title and one for their
	// exact accents: each optional clause is walked for every match, so
	// fewer of them make long queries fast.
	var title, exact []*query.TermQuery
	for i, w := range c.words {
		// Typed with accents, only the same accents rank up.
		if vntext.HasMarks(w) && !(c.prefix && i == len(c.words)-1) {
			exact = append(exact, termQuery(fieldExact, vntext.Key(w)))
			title = append(title, termQuery(fieldTitleExact, vntext.Key(w)))
			continue
		}
		title = append(title, termQuery(fieldTitleFolded, vntext.Fold(w)))
	}
	var out []query.Query
	if q := all(exact); q != nil {
		out = append(out, boosted(q, boostExact))
	}
	if q := all(title); q != nil {
		out = append(out, boosted(q, boostTitle))
	}
	return out
}

// all is the conjunction of the terms, or the one term, or nil.
func all(terms []*query.TermQuery) query.BoostableQuery {
	switch len(terms) {
	case 0:
		return nil
	case 1:
		return terms[0]
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = t
	}
	return bleve.NewConjunctionQuery(qs...)
}

// exactAll ranks first the documents that have every accented word of the
// query with exactly the typed accents: typed "quyết tâm", a document
// with "quyết tâm" comes before one that only has "quyết tầm".
func exactAll(clauses []clause) query.Query {
	var parts []query.Query
	for _, c := range clauses {
		if c.negate || c.orNext || c.kind == clauseFilter {
			continue
		}
		for i, w := range c.words {
			if vntext.HasMarks(w) && !(c.prefix && i == len(c.words)-1) {
				parts = append(parts, termQuery(fieldExact, vntext.Key(w)))
			}
		}
	}
	if len(parts) < 2 {
		return nil
	}
	return boosted(bleve.NewConjunctionQuery(parts...), boostAllExact)
}

// typedFilter matches a field filter typed in the query.
func typedFilter(field, value string) query.Query {
	switch field {
	case filterYear:
		from, to, _ := parseYears(value) // checked by the parser
		var years []query.Query
		for y := from; y <= to; y++ {
			years = append(years, termQuery(fieldYear, strconv.Itoa(y)))
		}
		return bleve.NewDisjunctionQuery(years...)
	case filterNumber:
		key := numberKey(value)
		return bleve.NewDisjunctionQuery(termQuery(fieldNumber, key), prefixQuery(fieldNumber, key+"/"))
	}
	textField := map[string]string{
		filterType: fieldTypeText, filterCampaign: fieldCampaignText,
		filterTopic: fieldTopicText, filterIssuer: fieldIssuerText,
	}[field]
	var parts []query.Query
	for _, w := range syllables(value) {
		parts = append(parts, termQuery(textField, vntext.Fold(w)))
	}
	if len(parts) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewConjunctionQuery(parts...)
}

// filterQueries matches the exact facet values chosen in the window or on
// the command line.
func filterQueries(f Filters) []query.Query {
	var out []query.Query
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		var alts []query.Query
		for _, v := range values {
			alts = append(alts, termQuery(field, v))
		}
		out = append(out, bleve.NewDisjunctionQuery(alts...))
	}
	anyOf(fieldCampaign, f.Campaigns)
	anyOf(fieldTopic, f.Topics)
	anyOf(fieldType, f.Types)
	anyOf(fieldIssuer, f.Issuers)
	var years []string
	for _, y := range f.Years {
		years = append(years, strconv.Itoa(y))
	}
	anyOf(fieldYear, years)
	if f.Unsure {
		anyOf(fieldUnsure, []string{"1"})
	}
	return out
}

func termQuery(field, term string) *query.TermQuery {
	q := bleve.NewTermQuery(term)
	q.SetField(field)
	return q
}

func prefixQuery(field, prefix string) *query.PrefixQuery {
	q := bleve.NewPrefixQuery(prefix)
	q.SetField(field)
	return q
}

func boosted[Q interface {
	query.Query
	SetBoost(float64)
}](q Q, b float64) Q {
	q.SetBoost(b)
	return q
}
