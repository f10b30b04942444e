package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"khovanban/index/internal/engine"
	"khovanban/index/internal/parallel"
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
	// NoHits finds no hits: Total and Facets alone (the window counts the
	// facets of what is typed once typing pauses).
	NoHits bool
	// DisjunctiveFacets counts each facet that has values chosen in
	// Filters as if none were chosen, so that its other values say how
	// many documents choosing them too would add (as the window shows
	// them); other facets count the result.
	DisjunctiveFacets bool
	// ExactTotal reads every text a quoted phrase needs (phraseBudget),
	// so that Total and Facets are never estimated: for listing every
	// document found.
	ExactTotal bool
}

// Hit is one document found, with a snippet of its text.
type Hit struct {
	Summary
	Score   float64
	Snippet Snippet
	// Twins are the originals of the same text (twins.go), this one
	// included; nil when it has none. A search lists each group once.
	Twins []Twin
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
	Total int
	// Estimated says that Total and Facets are estimates: a quoted
	// phrase's candidates were too many to read them all (phraseBudget).
	// Hits are exact all the same: each holds the phrase.
	Estimated bool
	Took      time.Duration
	Hits      []Hit
	Facets    map[string][]FacetValue
}

// Search runs req against the archive. A malformed query returns a
// *QueryError.
func (a *Archive) Search(ctx context.Context, req Request) (*Result, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	clauses, err := parseQuery(req.Query, req.AsYouType)
	if err != nil {
		return nil, err
	}
	res, _, err := a.search(ctx, req, clauses, false)
	return res, err
}

// search is Search of the parsed query, and with countUnsure also counts
// the archive's documents to review, in the same evaluation.
func (a *Archive) search(ctx context.Context, req Request, clauses []clause, countUnsure bool) (*Result, int, error) {
	start := time.Now()
	clauses = a.joinFilterValues(ctx, clauses)
	p := buildPlan(clauses, Filters{})
	p.Collapse = true
	limit := req.Limit
	if limit <= 0 {
		limit = 20
	}
	offset := max(req.Offset, 0)
	keep := offset + limit
	number := numberInQuery(clauses)
	bearersFirst := number != nil && (req.Sort == "" || req.Sort == ByRelevance) && offset < bearerWindow
	if bearersFirst {
		keep = max(keep, bearerWindow)
	}
	phrase := onlyPhrase(clauses)
	byStanding := phrase != nil && (req.Sort == "" || req.Sort == ByRelevance) && offset < standingWindow
	if byStanding {
		keep = max(keep, standingWindow)
	}
	if req.NoHits {
		keep, bearersFirst, byStanding = 0, false, false
	}
	er := engine.Request{Plan: p, Order: engineOrder(req.Sort), Keep: keep, Facets: !req.NoFacets,
		Filters: filterList(req.Filters, req.DisjunctiveFacets)}
	if !req.ExactTotal {
		er.PhraseBudget = a.phraseBudget()
	}
	if countUnsure {
		er.Count = []engine.Node{unsureNode()}
	}
	c, err := a.evaluate(ctx, er)
	if err != nil {
		return nil, 0, err
	}
	if bearersFirst {
		n := min(bearerWindow, len(c.Hits))
		first, err := a.store.bearersFirst(ctx, c.Hits[:n:n], number)
		if err != nil {
			return nil, 0, err
		}
		c.Hits = append(inScoreOrder(first), c.Hits[n:]...)
		c.Hits = c.Hits[:min(len(c.Hits), offset+limit)]
	}
	if byStanding {
		n := min(standingWindow, len(c.Hits))
		first, err := a.store.byStanding(ctx, c.Hits[:n:n], phrase)
		if err != nil {
			return nil, 0, err
		}
		c.Hits = append(inScoreOrder(first), c.Hits[n:]...)
		c.Hits = c.Hits[:min(len(c.Hits), offset+limit)]
	}
	out := &Result{Total: c.Total, Estimated: c.Estimated, Facets: map[string][]FacetValue{}}
	if !req.NoFacets {
		out.Facets = splitFacets(c.Facets, req.FacetSize)
	}
	if out.Hits, err = a.readHits(ctx, c.Hits[min(offset, len(c.Hits)):], clauses); err != nil {
		return nil, 0, err
	}
	out.Took = time.Since(start)
	unsure := 0
	if countUnsure {
		unsure = c.Counts[0]
	}
	return out, unsure, nil
}

// readHits reads what a page shows of each hit found (its summary, its
// snippet and its twins), in order, side by side (parallel.Each), each
// worker with a highlighter of its own. A hit deleted since the
// index was read is left out. Read one after another, the 20 hits of a
// search at a million documents were a tenth of a whole `search`
// process, with the other core idle.
func (a *Archive) readHits(ctx context.Context, found []engine.Hit, clauses []clause) ([]Hit, error) {
	hits := make([]Hit, len(found))
	errs := make([]error, len(found))
	err := parallel.Each(ctx, len(found), func() *highlighter { return newHighlighter(clauses) }, func(hl *highlighter, i int) {
		hits[i], errs[i] = a.readHit(ctx, found[i], hl)
	})
	if err != nil {
		return nil, err
	}
	var out []Hit
	for i := range found {
		switch {
		case errors.Is(errs[i], ErrNotFound):
			continue // deleted since the index was read
		case errs[i] != nil:
			return nil, errs[i]
		}
		out = append(out, hits[i])
	}
	return out, nil
}

// readHit reads what a page shows of one hit found.
func (a *Archive) readHit(ctx context.Context, h engine.Hit, hl *highlighter) (Hit, error) {
	hit, err := a.store.hit(h.ID, hl)
	if err != nil {
		return Hit{}, err
	}
	hit.Score = h.Score
	if hit.TwinOf != "" {
		if hit.Twins, err = a.groupMembers(ctx, hit.TwinOf); err != nil {
			return Hit{}, err
		}
	}
	return hit, nil
}

// defaultPhraseBudget is how many texts a search reads, at most, to
// decide which candidates of a quoted phrase hold it where the counts of
// its terms do not (phrase.go): about 25 ms of reading on this project's
// two-core machine. Past it the search reads the best hits and a sample,
// and estimates its totals (Result.Estimated).
const defaultPhraseBudget = 256

// phraseBudget is the archive's budget of texts a search reads for a
// phrase.
func (a *Archive) phraseBudget() int {
	if a.opts.phraseBudget > 0 {
		return a.opts.phraseBudget
	}
	return defaultPhraseBudget
}

// inScoreOrder gives hits that were put in another order than their
// scores' the same scores, highest first, so that a list in relevance
// order still reads in score order, and the hits after them score no
// higher.
func inScoreOrder(hits []engine.Hit) []engine.Hit {
	scores := make([]float64, len(hits))
	for i, h := range hits {
		scores[i] = h.Score
	}
	slices.SortFunc(scores, func(a, b float64) int { return cmp.Compare(b, a) })
	for i := range hits {
		hits[i].Score = scores[i]
	}
	return hits
}

// hit reads what a result shows of one document: its summary and a
// snippet (snippetIn). A document file of up to rawSnippetMax is read
// whole (or found in the hit cache) but only its metadata is decoded, its
// text a piece at a time as far as the snippet needs; a larger one is
// never loaded whole: its metadata is read without its text, and its text
// a piece at a time.
func (s *store) hit(id string, hl *highlighter) (Hit, error) {
	if d, text, err := s.smallDoc(id); err != nil {
		return Hit{}, err
	} else if d != nil {
		sn, err := hl.snippetIn(text)
		if err != nil {
			return Hit{}, fmt.Errorf("document %s: %w", id, err)
		}
		return Hit{Summary: d.Summary(), Snippet: sn}, nil
	}
	h, err := s.openHead(id)
	if err != nil {
		return Hit{}, err
	}
	defer h.Close()
	hit := Hit{Summary: h.doc.Summary()}
	if h.text == nil {
		return hit, nil
	}
	t, err := h.newText()
	if err != nil {
		return Hit{}, fmt.Errorf("document %s: %w", id, err)
	}
	if hit.Snippet, err = hl.snippetIn(t); err != nil {
		return Hit{}, fmt.Errorf("document %s: %w", id, err)
	}
	return hit, nil
}

// run evaluates a plan on the current index snapshot.
func (a *Archive) run(ctx context.Context, p *engine.Plan, sort Sort, keep int, facets bool) (*engine.Result, error) {
	return a.evaluate(ctx, engine.Request{Plan: p, Order: engineOrder(sort), Keep: keep, Facets: facets})
}

// evaluate runs one engine request on the current index snapshot.
func (a *Archive) evaluate(ctx context.Context, req engine.Request) (*engine.Result, error) {
	snap, err := a.snapshot()
	if err != nil {
		return nil, fmt.Errorf("search: %w", damaged(err))
	}
	defer snap.Close()
	res, err := a.eng.Search(ctx, snap, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", damaged(replaced(err)))
	}
	return res, nil
}

// engineOrder is the engine's order for a sort.
func engineOrder(sort Sort) engine.Order {
	switch sort {
	case Newest:
		return engine.Newest
	case Oldest:
		return engine.Oldest
	}
	return engine.Relevance
}

// damaged adds ErrDamaged to an error of the engine that says the index
// is damaged or not of the kind it reads.
func damaged(err error) error {
	if errors.Is(err, engine.ErrDamaged) || errors.Is(err, engine.ErrNotScorch) {
		return fmt.Errorf("%w: %w", err, ErrDamaged)
	}
	return err
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
	boostAdjacent  = 4.0 // typed words next to each other in the text
	boostTitle     = 1.5 // the words in the title
	boostPrefixAll = 0.5 // prefix matches score less than whole words
	boostNumber    = 4.0 // a typed number is the document's own number
)

// buildPlan turns parsed clauses and facet filters into a query plan.
func buildPlan(clauses []clause, f Filters) *engine.Plan {
	p := &engine.Plan{}
	// The words of the query in the title rank a document up when they
	// are all there: one word in the title ("Nghị quyết …" for "quyet
	// tam") must not outrank the words side by side in the text.
	var titleAll, pairsAll []engine.Node
	// An unfinished last word typed after others completes the run of
	// pairs typed before it ("nông thôn" + "mớ…").
	var lastCompletion engine.Node
	// A number typed with spaces ("1716 QĐ UBND") also finds the document
	// that bears it when its text does not hold it so (a number read from
	// a scan's header): its words are one clause, they or the number.
	var number []string
	var numberWords []engine.Node
	for i := 0; i < len(clauses); i++ {
		c := clauses[i]
		if number == nil {
			number = spacedRun(clauses, i)
		}
		if c.orNext && !c.negate {
			var alts []engine.Node
			for ; i < len(clauses); i++ {
				alts = append(alts, clauseNode(clauses[i]))
				p.Should = append(p.Should, groupPairs(clauses[i])...)
				exact, title := boosters(clauses[i])
				p.Should = append(p.Should, exact...)
				p.Should = append(p.Should, title...)
				if !clauses[i].orNext {
					break
				}
			}
			p.Must = append(p.Must, engine.Or{Parts: alts})
			continue
		}
		if c.negate {
			p.MustNot = append(p.MustNot, clauseNode(c))
			continue
		}
		exact, title := boosters(c)
		p.Should = append(p.Should, exact...)
		for _, t := range title {
			if a, ok := t.(engine.And); ok {
				titleAll = append(titleAll, a.Parts...)
			} else {
				titleAll = append(titleAll, t)
			}
		}
		if n := numberBoost(clauses, i); n != nil {
			p.Should = append(p.Should, n)
		}
		// Plain words typed next to each other rank higher when they stand
		// next to each other in the text, and an unfinished last word
		// completes next to the one before it: the pair prefix alone says
		// all that the word must match.
		if i > 0 && c.kind == clauseWords && clauses[i-1].kind == clauseWords && !clauses[i-1].negate && !clauses[i-1].orNext {
			prev, cur := vntext.Fold(clauses[i-1].words[0]), vntext.Fold(c.words[0])
			if c.prefix {
				// The unfinished last word matches as the finished word
				// would (so that a space typed after it changes nothing),
				// or as the start of a word next to the one before it.
				lastCompletion = completion(prev, c.words[0])
				p.Must = append(p.Must, engine.Or{Parts: []engine.Node{typedWhole(c.words[0]), lastCompletion}})
				continue
			}
			adjacent := engine.Term{Field: fieldPairs, Term: pair(prev, cur), Boost: boostAdjacent}
			p.Should = append(p.Should, adjacent)
			pairsAll = append(pairsAll, adjacent)
		}
		if number == nil {
			p.Must = append(p.Must, clauseNode(c))
			continue
		}
		numberWords = append(numberWords, clauseNode(c))
		if len(numberWords) == len(number) {
			p.Must = append(p.Must, engine.Or{Parts: []engine.Node{allOf(numberWords), numberNode(number, 0)}})
			number, numberWords = nil, nil
		}
	}
	side := pairsAll
	if lastCompletion != nil {
		side = append(slices.Clone(pairsAll), lastCompletion)
	}
	if all := titleClause(titleAll, side); all != nil {
		p.Should = append(p.Should, all)
	}
	// Three or more words typed side by side rank up again where every
	// pair of them stands so: one common pair repeated ("nông thôn" in
	// "Phát triển nông thôn") must not outrank the whole of what was
	// typed ("nông thôn mới"); so does an unfinished last word with the
	// words before it ("nong thon mo…"), each completion of it a run.
	switch {
	case lastCompletion != nil && len(pairsAll) > 0:
		p.Should = append(p.Should, engine.And{Parts: append(pairsAll, lastCompletion)})
	case len(pairsAll) > 1:
		p.Should = append(p.Should, engine.And{Parts: pairsAll})
	}
	if all := exactAll(clauses); all != nil {
		p.Should = append(p.Should, all)
	}
	p.Must = append(p.Must, filterNodes(f)...)
	return p
}

// titleClause ranks up the documents with every typed word in their
// title. Words typed side by side count there only where at least one of
// their pairs (or the unfinished last word's completion) stands so in the
// document (the title's pairs are the text's): a short title holding
// "hành" and "phục" apart, or "hành" alone while "hanh phuc" is being
// typed, must not outrank the text that holds "hạnh phúc" as typed.
func titleClause(words, pairs []engine.Node) engine.Node {
	all := allOf(words)
	if all == nil || len(pairs) == 0 {
		return all
	}
	side := make([]engine.Node, len(pairs))
	for i, p := range pairs {
		side[i] = unscored(p)
	}
	return engine.And{Parts: append(slices.Clone(words), allOrOne(side))}
}

// unscored is n matching as it does, adding nothing to a score.
func unscored(n engine.Node) engine.Node {
	switch n := n.(type) {
	case engine.Term:
		n.Boost = 0
		return n
	case engine.Prefix:
		n.Boost = 0
		return n
	case engine.And:
		parts := make([]engine.Node, len(n.Parts))
		for i, p := range n.Parts {
			parts[i] = unscored(p)
		}
		return engine.And{Parts: parts}
	}
	return n
}

// clauseNode is what must match for one clause, without ranking boosts.
func clauseNode(c clause) engine.Node {
	switch c.kind {
	case clauseFilter:
		return typedFilter(c.field, c.value)
	case clausePhrase:
		if isNumber(c.words) {
			// A number typed whole also finds the document that bears it
			// when its text does not hold it as typed.
			phrase := newPhraseNode(foldAll(c.words), c.typed, 1)
			return engine.Or{Parts: []engine.Node{phrase, numberNode(foldAll(c.words), 0)}}
		}
		// Its words typed with accents mean those accents, as outside
		// quotes ("đô thị" is not "độ thi"), where the phrase stands: the
		// document must hold each word so spelt, which narrows the
		// candidates, and the phrase itself must be so spelt.
		parts := []engine.Node{speltPhraseNode(c.words, c.typed, 1)}
		for _, w := range c.words {
			if vntext.HasMarks(w) {
				parts = append(parts, withoutScore(wordNode(w)))
			}
		}
		return allOf(parts)
	}
	switch c.kind {
	case clauseGroup:
		return groupNode(c)
	case clauseDate:
		return dateNode(c)
	}
	w := c.words[0]
	if c.prefix && len(vntext.Fold(w)) >= 2 {
		return engine.Or{Parts: []engine.Node{typedWhole(w), prefixNode(w, boostPrefixAll)}}
	}
	return wordNode(w)
}

// groupNode matches the words of one side of an OR: all of them, the
// unfinished last one as in buildPlan.
func groupNode(c clause) engine.Node {
	var parts []engine.Node
	for i, w := range c.words {
		switch {
		case !c.prefix || i < len(c.words)-1:
			parts = append(parts, wordNode(w))
		case i > 0:
			parts = append(parts, engine.Or{Parts: []engine.Node{typedWhole(w), completion(vntext.Fold(c.words[i-1]), w)}})
		default:
			parts = append(parts, clauseNode(clause{kind: clauseWords, words: []string{w}, prefix: true}))
		}
	}
	return allOf(parts)
}

// groupPairs rank first the documents where the words of one side of an
// OR stand next to each other, as for words typed outside OR.
func groupPairs(c clause) []engine.Node {
	if c.kind != clauseGroup {
		return nil
	}
	var out []engine.Node
	for i := 1; i < len(c.words); i++ {
		if c.prefix && i == len(c.words)-1 {
			break
		}
		out = append(out, engine.Term{Field: fieldPairs, Term: pair(vntext.Fold(c.words[i-1]), vntext.Fold(c.words[i])), Boost: boostAdjacent})
	}
	return out
}

// withoutScore is a wordNode that only filters: the phrase it goes with
// scores.
func withoutScore(n engine.Node) engine.Node {
	if f, ok := n.(engine.Fallback); ok {
		first, second := f.First.(engine.Term), f.Second.(engine.Term)
		first.Boost, second.Boost = 0, 0
		return engine.Fallback{First: first, Second: second}
	}
	return n
}

// wordNode matches a word typed whole. Typed with accents it means those
// accents ("đô" is not "do", "đó" or "độ"; "nêu" is not "nếu"), unless
// the archive holds no word so spelt (a typing slip, or a word still
// being composed): then every spelling. Typed without accents, every
// spelling.
func wordNode(w string) engine.Node {
	folded := engine.Term{Field: fieldFolded, Term: vntext.Fold(w), Boost: 1}
	if !vntext.HasMarks(w) {
		return folded
	}
	return engine.Fallback{First: engine.Term{Field: fieldExact, Term: vntext.Key(w), Boost: 1}, Second: folded}
}

// typedWhole matches an unfinished word as the finished word would
// (wordNode), without ranking: its most frequent completion ranks
// (typedCompletions). Each letter typed makes it another word ("co",
// "con", "cong": at 1,000,000 documents each held by most of them), and
// ranking by it read that word's postings whole for its block bounds
// (engine/blockmax.go) at each keystroke, 50-100 ms of CPU a key; only
// the word's documents are read now, as a bitmap. Once finished (a space
// after it) the word ranks.
func typedWhole(w string) engine.Node {
	if t, ok := wordNode(w).(engine.Term); ok {
		t.Boost = 0
		return t
	}
	return withoutScore(wordNode(w))
}

// prefixNode matches the words that start with w, by wordNode's rule for
// accents; of them, the typedCompletions most frequent rank.
func prefixNode(w string, boost float64) engine.Node {
	folded := engine.Prefix{Field: fieldFolded, Prefix: vntext.Fold(w), Boost: boost, Top: typedCompletions}
	if !vntext.HasMarks(w) {
		return folded
	}
	return engine.Fallback{First: engine.Prefix{Field: fieldExact, Prefix: vntext.Key(w), Boost: boost, Top: typedCompletions}, Second: folded}
}

// typedCompletions is how many of the words an unfinished word may be
// rank the documents (those most documents hold: the words most likely
// meant); every one of them matches, so totals and facets are exact. A
// word being typed stands for tens to hundreds of words ("cong t": "cong
// tac", "cong trinh", "cong ty"…): ranking by all of them read every one's
// postings whole at each keystroke (at 1,000,000 documents 50–300 ms of
// CPU a key), and their bounds added up past any score, so blocks could
// not be skipped (engine/blockmax.go); by three, a key took 130–590 ms by
// blocks. A variable for tests (0: every completion ranks).
var typedCompletions = 1

// completion matches an unfinished word w as the start of a word next to
// the word prev (folded) before it: "quyet ta" is "quyết tâm", not "quyết"
// and some "ta…" word elsewhere. It ranks as adjacent words do.
func completion(prev, w string) engine.Node {
	next := engine.Prefix{Field: fieldPairs, Prefix: pair(prev, vntext.Fold(w)), Boost: boostAdjacent, Top: typedCompletions}
	if !vntext.HasMarks(w) {
		return next
	}
	return engine.And{Parts: []engine.Node{next, prefixNode(w, 0)}}
}

// typedNumber is the folded syllables of a document number typed at
// clause i: glued by punctuation ("16/KH", "33-NQ/ĐU"), quoted, or with a
// space after its digits ("471 QĐ-UBND"); nil if none stands there.
func typedNumber(clauses []clause, i int) []string {
	c := clauses[i]
	if c.kind == clausePhrase && isNumber(c.words) {
		return foldAll(c.words)
	}
	if c.kind != clauseWords || c.prefix || i+1 >= len(clauses) || c.orNext {
		return nil
	}
	next := clauses[i+1]
	words := append([]string{c.words[0]}, next.words...)
	if next.kind != clausePhrase || next.negate || next.orNext || !isNumber(words) {
		return nil
	}
	return foldAll(words)
}

// spacedNumber is the folded syllables of the words typed from clause i
// on when they may be a document number typed with spaces ("329 BC UBND",
// "33 nq du"): digits, then words up to the next OR, exclusion, filter or
// unfinished word, at most maxNumberWords, the first of them a code (not
// a Vietnamese syllable, or typed in capitals: "2014 nông thôn" is no
// number). Where the number ends among them is not known, so numberBoost
// ranks each length.
func spacedNumber(clauses []clause, i int) []string {
	c := clauses[i]
	if c.kind != clauseWords || c.prefix || c.orNext || strings.Trim(c.words[0], "0123456789") != "" {
		return nil
	}
	words := []string{c.words[0]}
	for _, next := range clauses[i+1:] {
		if next.kind == clauseFilter || next.negate || next.prefix || len(words)+len(next.words) > maxNumberWords {
			break
		}
		words = append(words, next.words...)
		if next.orNext {
			break
		}
	}
	if !isNumber(words) || !isCode(words[1]) {
		return nil
	}
	return foldAll(words)
}

// spacedRun is spacedNumber's syllables when each of them is a clause of
// one plain word that buildPlan matches as it is (no OR, exclusion or
// unfinished word among them); nil otherwise.
func spacedRun(clauses []clause, i int) []string {
	words := spacedNumber(clauses, i)
	if i+len(words) > len(clauses) {
		return nil
	}
	for _, c := range clauses[i : i+len(words)] {
		if c.kind != clauseWords || len(c.words) != 1 || c.orNext || c.negate || c.prefix {
			return nil
		}
	}
	return words
}

// isCode tells whether a word typed after a number's digits can be the
// code of a document type or issuer: "QĐ", "kh", "ubnd", "TTr".
func isCode(w string) bool {
	return !vntext.IsSyllable(w) || utf8.RuneCountInString(w) >= 2 && strings.ToUpper(w) == w
}

// maxNumberWords is how many syllables a number typed with spaces may have.
const maxNumberWords = 6

// numberBoost ranks first the documents whose number is the one typed at
// clause i: glued or quoted, those whose number starts with it; typed
// with spaces, those whose number starts with its first two syllables,
// more for each further one ("329 BC UBND" puts 329/BC-UBND before
// 329/BC-SNV, and both before the documents citing them); nil when no
// number stands there.
func numberBoost(clauses []clause, i int) engine.Node {
	if words := typedNumber(clauses, i); words != nil {
		return numberNode(words, boostNumber)
	}
	words := spacedNumber(clauses, i)
	if words == nil {
		return nil
	}
	var alts []engine.Node
	for n := 2; n <= len(words); n++ {
		alts = append(alts, numberNode(words[:n], boostNumber))
	}
	return allOrOne(alts)
}

// allOrOne is the disjunction of nodes, or the one node.
func allOrOne(nodes []engine.Node) engine.Node {
	if len(nodes) == 1 {
		return nodes[0]
	}
	return engine.Or{Parts: nodes}
}

// isNumber tells whether syllables make a document number: digits, then
// letters ("12", "KH", "HU").
func isNumber(words []string) bool {
	if len(words) < 2 || strings.Trim(words[0], "0123456789") != "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(words[1])
	return unicode.IsLetter(r)
}

// numberNode matches the documents whose number starts with the
// syllables words: "16/kh" finds 16/KH and 16/KH-UBND.
func numberNode(words []string, boost float64) engine.Node {
	return engine.Prefix{Field: fieldNumber, Prefix: words[0], Boost: boost, Words: words}
}

// boosters are the optional nodes that rank exact accents and title
// matches first: the clause's words with their exact accents, and in the
// title.
func boosters(c clause) (exact, title []engine.Node) {
	if c.kind == clauseFilter || c.negate {
		return nil, nil
	}
	var titles, exacts []engine.Node
	for i, w := range c.words {
		if c.prefix && i == len(c.words)-1 {
			continue // unfinished: in no title as typed
		}
		// Typed with accents, only the same accents rank up.
		if vntext.HasMarks(w) {
			exacts = append(exacts, engine.Term{Field: fieldExact, Term: vntext.Key(w), Boost: boostExact})
			titles = append(titles, engine.Term{Field: fieldTitleExact, Term: vntext.Key(w), Boost: boostTitle})
			continue
		}
		titles = append(titles, engine.Term{Field: fieldTitleFolded, Term: vntext.Fold(w), Boost: boostTitle})
	}
	if n := allOf(exacts); n != nil {
		exact = append(exact, n)
	}
	if n := allOf(titles); n != nil {
		title = append(title, n)
	}
	return exact, title
}

// allOf is the conjunction of nodes, or the one node, or nil.
func allOf(nodes []engine.Node) engine.Node {
	switch len(nodes) {
	case 0:
		return nil
	case 1:
		return nodes[0]
	}
	return engine.And{Parts: nodes}
}

// exactAll ranks first the documents that have every accented word of the
// query with exactly the typed accents: typed "quyết tâm", a document
// with "quyết tâm" comes before one that only has "quyết tầm".
func exactAll(clauses []clause) engine.Node {
	var parts []engine.Node
	for _, c := range clauses {
		if c.negate || c.orNext || c.kind == clauseFilter {
			continue
		}
		for i, w := range c.words {
			if vntext.HasMarks(w) && !(c.prefix && i == len(c.words)-1) {
				parts = append(parts, engine.Term{Field: fieldExact, Term: vntext.Key(w), Boost: boostAllExact})
			}
		}
	}
	if len(parts) < 2 {
		return nil
	}
	return engine.And{Parts: parts}
}

// typedFilter matches a field filter typed in the query. Filters narrow
// the results without adding to scores.
func typedFilter(field, value string) engine.Node {
	switch field {
	case filterYear:
		from, to, _ := parseYears(value) // checked by the parser
		var years []engine.Node
		for y := from; y <= to; y++ {
			years = append(years, engine.Term{Field: fieldYear, Term: strconv.Itoa(y)})
		}
		return engine.Or{Parts: years}
	case filterDate:
		from, to, _ := parseDateFilter(value) // checked by the parser
		return datePeriodNode(from, to)
	case filterNumber:
		return numberFilter(value)
	}
	textField := map[string]string{
		filterType: fieldTypeText, filterCampaign: fieldCampaignText,
		filterTopic: fieldTopicText, filterIssuer: fieldIssuerText,
	}[field]
	var parts []engine.Node
	for _, w := range syllables(value) {
		parts = append(parts, engine.Term{Field: textField, Term: vntext.Fold(w)})
	}
	if len(parts) == 0 {
		return engine.None{}
	}
	return engine.And{Parts: parts}
}

// filterNodes match the exact facet values chosen in the window or on the
// command line.
func filterNodes(f Filters) []engine.Node {
	var out []engine.Node
	for _, c := range filterList(f, false) {
		out = append(out, c.Node)
	}
	return out
}

// unsureNode matches the documents with fields to review.
func unsureNode() engine.Node { return engine.Term{Field: fieldUnsure, Term: "1"} }

// filterList is filterNodes for the engine's filters: with disjunctive,
// each facet with values chosen is counted as if none were.
func filterList(f Filters, disjunctive bool) []engine.Filter {
	var out []engine.Filter
	anyOf := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		var alts []engine.Node
		for _, v := range values {
			alts = append(alts, engine.Term{Field: field, Term: v})
		}
		c := engine.Filter{Node: engine.Or{Parts: alts}}
		if disjunctive {
			c.Facet = facetPrefix[field]
		}
		out = append(out, c)
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
		out = append(out, engine.Filter{Node: unsureNode()})
	}
	return out
}
