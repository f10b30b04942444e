package engine

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/simple"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The test index: a text field "body" (lowercase words), and keyword
// fields "y" (a year, counted as a facet with prefix "y:"), "t" (a type,
// prefix "t:") and "date".
var testSchema = Schema{
	Facets: []FacetField{{Field: "y", Prefix: "y:"}, {Field: "t", Prefix: "t:"}},
	Date:   "date",
}

func testMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	doc := bleve.NewDocumentStaticMapping()
	text := bleve.NewTextFieldMapping()
	text.Analyzer = "simple"
	doc.AddFieldMappingsAt("body", text)
	for _, f := range []string{"y", "t", "date"} {
		kw := bleve.NewKeywordFieldMapping()
		doc.AddFieldMappingsAt(f, kw)
	}
	m.DefaultMapping = doc
	return m
}

// testDocs makes n documents of words drawn unevenly, so that terms differ
// in how many documents hold them and how often.
func testDocs(seed uint64, n int) map[string]map[string]any {
	r := rand.New(rand.NewPCG(seed, 2))
	words := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	out := map[string]map[string]any{}
	for i := range n {
		var body []string
		for range 1 + r.IntN(30) {
			// Word k is drawn with weight 1/(k+1).
			k := int(math.Floor(math.Pow(float64(len(words)+1), r.Float64()))) - 1
			body = append(body, words[min(k, len(words)-1)])
		}
		year := 2010 + r.IntN(5)
		out[fmt.Sprintf("s%d-%04d", seed, i)] = map[string]any{
			"body": strings.Join(body, " "),
			"y":    fmt.Sprint(year),
			"t":    []string{"plan", "report", "decision"}[r.IntN(3)],
			"date": fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)),
		}
	}
	return out
}

// newTestIndex makes an index of three batches (so several segments),
// with documents deleted and replaced, closed and opened again, read-only,
// so that its segments are files that no merge changes while the test
// runs. The caller closes it.
func newTestIndex(t *testing.T, dir string) (bleve.Index, map[string]map[string]any) {
	t.Helper()
	idx, err := bleve.New(dir, testMapping())
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]map[string]any{}
	for batch := range 3 {
		b := idx.NewBatch()
		docs := testDocs(uint64(batch), 120)
		for id, d := range docs {
			if err := b.Index(id, d); err != nil {
				t.Fatal(err)
			}
			all[id] = d
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{"s0-0003", "s1-0010", "s2-0100"} {
		if err := idx.Delete(id); err != nil {
			t.Fatal(err)
		}
		delete(all, id)
	}
	edited := map[string]any{"body": "alpha alpha beta omega", "y": "1999", "t": "notice", "date": "1999-05-01"}
	if err := idx.Index("s0-0020", edited); err != nil {
		t.Fatal(err)
	}
	all["s0-0020"] = edited
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if idx, err = bleve.OpenUsing(dir, map[string]any{"read_only": true}); err != nil {
		t.Fatal(err)
	}
	return idx, all
}

func search(t *testing.T, e *Engine, idx bleve.Index, req Request) *Result {
	t.Helper()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	res, err := e.Search(context.Background(), snap, req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func term(field, t string, boost float64) Term { return Term{Field: field, Term: t, Boost: boost} }

func bleveTerm(t string, boost float64) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField("body")
	q.SetBoost(boost)
	return q
}

// TestScoresEqualBleve runs a table of plans on the engine and the same
// queries through Bleve's own searchers, on an index of several segments
// with deleted and replaced documents: the same documents must match,
// with the same scores.
func TestScoresEqualBleve(t *testing.T) {
	idx, _ := newTestIndex(t, filepath.Join(t.TempDir(), "idx"))
	defer idx.Close()
	e := New(Config{Schema: testSchema})
	boolean := func(must, should, mustNot []query.Query) query.Query {
		q := bleve.NewBooleanQuery()
		if must != nil {
			q.AddMust(must...)
		}
		if should != nil {
			q.AddShould(should...)
		}
		if mustNot != nil {
			q.AddMustNot(mustNot...)
		}
		return q
	}
	cases := []struct {
		name  string
		plan  Plan
		bleve query.Query
	}{
		{"a term", Plan{Must: []Node{term("body", "gamma", 1)}}, bleveTerm("gamma", 1)},
		{"a rare term", Plan{Must: []Node{term("body", "theta", 1)}}, bleveTerm("theta", 1)},
		{"a boosted term", Plan{Must: []Node{term("body", "delta", 2.5)}}, bleveTerm("delta", 2.5)},
		{"two terms", Plan{Must: []Node{term("body", "alpha", 1), term("body", "epsilon", 1)}},
			bleve.NewConjunctionQuery(bleveTerm("alpha", 1), bleveTerm("epsilon", 1))},
		{"three terms, boosted", Plan{Must: []Node{And{[]Node{term("body", "beta", 1), term("body", "zeta", 3), term("body", "eta", 0.5)}}}},
			bleve.NewConjunctionQuery(bleveTerm("beta", 1), bleveTerm("zeta", 3), bleveTerm("eta", 0.5))},
		{"must and should", Plan{
			Must:   []Node{term("body", "beta", 1)},
			Should: []Node{term("body", "gamma", 3), And{[]Node{term("body", "delta", 1.5), term("body", "epsilon", 1.5)}}},
		}, boolean(
			[]query.Query{bleveTerm("beta", 1)},
			[]query.Query{bleveTerm("gamma", 3), bleve.NewConjunctionQuery(bleveTerm("delta", 1.5), bleveTerm("epsilon", 1.5))},
			nil)},
		{"must not", Plan{
			Must:    []Node{term("body", "alpha", 1), term("body", "beta", 1)},
			MustNot: []Node{term("body", "gamma", 1)},
		}, boolean([]query.Query{bleve.NewConjunctionQuery(bleveTerm("alpha", 1), bleveTerm("beta", 1))}, nil, []query.Query{bleveTerm("gamma", 1)})},
		{"a rare term, a common one optional", Plan{
			Must:   []Node{term("body", "theta", 1)},
			Should: []Node{term("body", "alpha", 1)},
		}, boolean([]query.Query{bleveTerm("theta", 1)}, []query.Query{bleveTerm("alpha", 1)}, nil)},
		{"one document, a common term optional", Plan{
			Must:   []Node{term("body", "omega", 1)},
			Should: []Node{term("body", "alpha", 1)},
		}, boolean([]query.Query{bleveTerm("omega", 1)}, []query.Query{bleveTerm("alpha", 1)}, nil)},
		{"filtered, the filter unscored", Plan{
			Must: []Node{term("body", "delta", 1), Or{[]Node{term("y", "2011", 0), term("y", "2013", 0)}}},
		}, nil},
	}
	// Twice over: the second time, the terms' postings come from memory
	// (keptpostings.go), and give the very same scores.
	first := map[string]*Result{}
	for pass := range 2 {
		for _, c := range cases {
			t.Run(fmt.Sprint(c.name, " ", pass), func(t *testing.T) {
				res := search(t, e, idx, Request{Plan: &c.plan, Order: Relevance, Keep: 1000})
				if pass == 0 {
					first[c.name] = res
				} else if fmt.Sprint(res) != fmt.Sprint(first[c.name]) {
					t.Fatalf("scores from kept postings differ:\n%v\n%v", res, first[c.name])
				}
				checkBleveScores(t, idx, c.bleve, res)
			})
		}
	}
	if e.segs.keptBytes.Load() == 0 {
		t.Error("no postings kept: the second pass proves nothing")
	}
}

// checkBleveScores compares an engine's result with Bleve's scores for q;
// a nil q is the filtered case of TestScoresEqualBleve.
func checkBleveScores(t *testing.T, idx bleve.Index, q query.Query, res *Result) {
	t.Helper()
	got := map[string]float64{}
	for _, h := range res.Hits {
		got[h.ID] = h.Score
	}
	if res.Total != len(got) || res.Total == 0 {
		t.Fatalf("total %d, %d hits", res.Total, len(got))
	}
	if q == nil {
		// A filter is a conjunction whose other part adds nothing: the
		// scores of the scored term alone, on fewer documents.
		years := bleve.NewDisjunctionQuery(keyword("y", "2011"), keyword("y", "2013"))
		q = bleve.NewConjunctionQuery(bleveTerm("delta", 1), years)
		want := bleveScores(t, idx, bleveTerm("delta", 1))
		matched := bleveScores(t, idx, q)
		for id := range matched {
			matched[id] = want[id]
		}
		compareScores(t, got, matched)
		return
	}
	compareScores(t, got, bleveScores(t, idx, q))
}

// TestSparseScopeScores checks the scores of a term held by far more
// documents than the scope it scores in (sparseScope): read by jumping to
// each scope document, and, once the list was read whole by another
// search, from the kept postings.
func TestSparseScopeScores(t *testing.T) {
	idx, err := bleve.New(filepath.Join(t.TempDir(), "idx"), testMapping())
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := idx.NewBatch()
	for i := range 3 * sparseScope {
		body := strings.Repeat("common ", 1+i%5) + []string{"alpha", "beta", "gamma"}[i%3]
		if i == 7 || i == 2*sparseScope {
			body += " rare"
		}
		if err := b.Index(fmt.Sprintf("d%05d", i), map[string]any{"body": body, "y": "2020", "t": "plan", "date": "2020-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	e := New(Config{Schema: testSchema})
	plan := &Plan{Must: []Node{term("body", "rare", 1)}, Should: []Node{term("body", "common", 1), term("body", "beta", 2)}}
	q := bleve.NewBooleanQuery()
	q.AddMust(bleveTerm("rare", 1))
	q.AddShould(bleveTerm("common", 1), bleveTerm("beta", 2))
	jumped := search(t, e, idx, Request{Plan: plan, Keep: 100})
	checkBleveScores(t, idx, q, jumped)
	keptCommon := func() bool {
		for _, info := range e.segs.infos {
			if info.keptPostings(termKey{"body", "common"}, 0) != nil {
				return true
			}
		}
		return false
	}
	if keptCommon() {
		t.Fatal("a list only jumped through was kept")
	}
	// Another search reads "common" and "beta" whole, and keeps them.
	search(t, e, idx, Request{Plan: &Plan{Must: []Node{term("body", "common", 1), term("body", "beta", 1)}}, Keep: 1})
	if !keptCommon() {
		t.Fatal("no postings kept")
	}
	kept := search(t, e, idx, Request{Plan: plan, Keep: 100})
	if jumped.Total != 2 || fmt.Sprint(kept) != fmt.Sprint(jumped) {
		t.Errorf("from kept postings:\n%v\njumping:\n%v", kept, jumped)
	}
}

func keyword(field, t string) query.Query {
	q := bleve.NewTermQuery(t)
	q.SetField(field)
	return q
}

func bleveScores(t *testing.T, idx bleve.Index, q query.Query) map[string]float64 {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out
}

func compareScores(t *testing.T, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d documents match, Bleve finds %d", len(got), len(want))
	}
	worst := 0.0
	for id, w := range want {
		g, ok := got[id]
		if !ok {
			t.Fatalf("%s: Bleve finds it, the engine does not", id)
		}
		worst = max(worst, math.Abs(g-w)/w)
	}
	t.Logf("largest difference: %.2g of the score", worst)
	// The engine adds in float32, Bleve in float64.
	if worst > 1e-6 {
		t.Errorf("scores differ from Bleve's by up to %.2g of the score", worst)
	}
}

// TestFastPaths fails when a fast path the engine counts on is missing
// from Bleve's segments (bleve.go, assumption 7): searches would still
// work, slower, and nobody would know.
func TestFastPaths(t *testing.T) {
	idx, _ := newTestIndex(t, filepath.Join(t.TempDir(), "idx"))
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if len(snap.segs) < 2 {
		t.Fatalf("%d segments: the test wants several", len(snap.segs))
	}
	for i, g := range snap.segs {
		one := &Snapshot{segs: []seg{g}}
		missing, err := one.missingFastPaths("body")
		if err != nil {
			t.Fatal(err)
		}
		if len(missing) > 0 {
			t.Errorf("segment %d (%T) lacks %s", i, g.s, strings.Join(missing, ", "))
		}
	}
}

// TestFacetsAndOrders checks totals, facet counts and the date orders
// against the documents themselves, with facets counted each way
// (tallyValues): as in small segments, and as in big ones by the first
// search (no table built: each value's documents intersected), by later
// ones (the table built by the second search) and after WarmFacets.
// The intersecting search's counts are checked for each query.
func TestFacetsAndOrders(t *testing.T) {
	idx, docs := newTestIndex(t, filepath.Join(t.TempDir(), "idx"))
	defer idx.Close()
	queries := [][]string{{"epsilon"}, {"theta", "zeta", "eta", "delta"}, {"omega"}, {"alpha"}}
	var ways [3]int64
	for _, big := range []bool{false, true} {
		for _, warm := range []bool{false, true} {
			for _, reverse := range []bool{false, true} {
				e := New(Config{Schema: testSchema})
				if big {
					e.tallyTableMax = 0 // every segment as a big one
				}
				order := slices.Clone(queries)
				if reverse {
					slices.Reverse(order) // the large matches first
				}
				if warm {
					snap, err := OpenSnapshot(idx)
					if err != nil {
						t.Fatal(err)
					}
					if err := e.WarmFacets(context.Background(), snap); err != nil {
						t.Fatal(err)
					}
					snap.Close()
				}
				checkEachFacetQuery(t, e, idx, docs, order)
				if e.FacetTables() == 0 {
					t.Errorf("big %v, warm %v: no table built", big, warm)
				}
				for i := range ways {
					ways[i] += e.facetWays[i].Load()
				}
			}
		}
	}
	// Each query as the first and second searches of big segments
	// (checkEachFacetQuery searches newest first, then oldest first): the
	// first intersects, the second builds the table and reads it.
	for _, q := range queries {
		e := New(Config{Schema: testSchema})
		e.tallyTableMax = 0
		checkEachFacetQuery(t, e, idx, docs, [][]string{q})
		byValue, byTable := e.facetWays[facetByValue].Load(), e.facetWays[facetByDoc].Load()+e.facetWays[facetByRest].Load()
		if byValue == 0 || byTable == 0 || e.FacetTables() == 0 {
			t.Errorf("%v: %d sets counted by intersecting, %d from a table, %d tables built", q, byValue, byTable, e.FacetTables())
		}
		for i := range ways {
			ways[i] += e.facetWays[i].Load()
		}
	}
	if ways[facetByDoc] == 0 || ways[facetByRest] == 0 || ways[facetByValue] == 0 {
		t.Errorf("facets counted by document %d, by the rest %d, by value %d times: a way is not tested", ways[facetByDoc], ways[facetByRest], ways[facetByValue])
	}
}

func checkEachFacetQuery(t *testing.T, e *Engine, idx bleve.Index, docs map[string]map[string]any, queries [][]string) {
	t.Helper()
	few, many := false, false
	for _, words := range queries {
		var must []Node
		for _, w := range words {
			must = append(must, term("body", w, 1))
		}
		plan := &Plan{Must: must}
		var want []string
		wantFacets := map[string]int{}
		for id, d := range docs {
			body := strings.Fields(d["body"].(string))
			if !slices.ContainsFunc(words, func(w string) bool { return !slices.Contains(body, w) }) {
				want = append(want, id)
				wantFacets["y:"+d["y"].(string)]++
				wantFacets["t:"+d["t"].(string)]++
			}
		}
		few, many = few || len(want)*5 < len(docs), many || len(want)*3 > len(docs)
		checkFacetsAndOrders(t, e, idx, docs, plan, want, wantFacets)
	}
	if len(queries) > 1 && (!few || !many) {
		t.Errorf("the words match few documents: %v, many: %v; both ways of counting are not tested", few, many)
	}
}

func checkFacetsAndOrders(t *testing.T, e *Engine, idx bleve.Index, docs map[string]map[string]any, plan *Plan, want []string, wantFacets map[string]int) {
	t.Helper()
	for _, order := range []Order{Newest, Oldest} {
		res := search(t, e, idx, Request{Plan: plan, Order: order, Keep: 1000, Facets: true})
		if res.Total != len(want) || len(res.Hits) != len(want) {
			t.Fatalf("total %d, %d hits, want %d", res.Total, len(res.Hits), len(want))
		}
		if fmt.Sprint(res.Facets) != fmt.Sprint(wantFacets) {
			t.Errorf("facets\n got %v\nwant %v", res.Facets, wantFacets)
		}
		for i := 1; i < len(res.Hits); i++ {
			a, b := docs[res.Hits[i-1].ID]["date"].(string), docs[res.Hits[i].ID]["date"].(string)
			if order == Newest && a < b || order == Oldest && a > b || a == b && res.Hits[i-1].ID > res.Hits[i].ID {
				t.Fatalf("%s: %s (%s) before %s (%s)", map[Order]string{Newest: "newest", Oldest: "oldest"}[order], res.Hits[i-1].ID, a, res.Hits[i].ID, b)
			}
		}
	}
}

// TestFiltersInOneEvaluation checks that filters, the facets counted
// apart from their own filter and counted nodes come out of one
// evaluation as a plain reading of the documents gives them: the totals
// and scores as with the filters among the must nodes, each filtered
// facet counted as if its filter were not there, the other facets over
// the result, and counts over the whole index.
func TestFiltersInOneEvaluation(t *testing.T) {
	idx, docs := newTestIndex(t, filepath.Join(t.TempDir(), "idx"))
	defer idx.Close()
	e := New(Config{Schema: testSchema})
	years := Or{[]Node{term("y", "2011", 0), term("y", "2013", 0)}}
	types := term("t", "plan", 0)
	words := []Node{term("body", "gamma", 1)}
	plain := search(t, e, idx, Request{Plan: &Plan{Must: append(slices.Clone(words), years, types)}, Keep: 20})
	res := search(t, e, idx, Request{
		Plan: &Plan{Must: words}, Keep: 20, Facets: true,
		Filters: []Filter{{Node: years, Facet: "y:"}, {Node: types, Facet: "t:"}},
		Count:   []Node{term("t", "report", 0), term("body", "omega", 0)},
	})
	if plain.Total == 0 || res.Total != plain.Total || fmt.Sprint(res.Hits) != fmt.Sprint(plain.Hits) {
		t.Errorf("with filters apart: %d %v\nwant %d %v", res.Total, res.Hits, plain.Total, plain.Hits)
	}
	wantFacets := map[string]int{}
	wantCounts := make([]int, 2)
	inYears := func(d map[string]any) bool { return d["y"] == "2011" || d["y"] == "2013" }
	for _, d := range docs {
		body := strings.Fields(d["body"].(string))
		if slices.Contains(body, "gamma") && d["t"] == "plan" {
			wantFacets["y:"+d["y"].(string)]++
		}
		if slices.Contains(body, "gamma") && inYears(d) {
			wantFacets["t:"+d["t"].(string)]++
		}
		if d["t"] == "report" {
			wantCounts[0]++
		}
		if slices.Contains(body, "omega") {
			wantCounts[1]++
		}
	}
	if fmt.Sprint(res.Facets) != fmt.Sprint(wantFacets) {
		t.Errorf("facets\n got %v\nwant %v", res.Facets, wantFacets)
	}
	if fmt.Sprint(res.Counts) != fmt.Sprint(wantCounts) || wantCounts[1] != 1 {
		t.Errorf("counts %v, want %v", res.Counts, wantCounts)
	}
	// Without facets, a filter only narrows.
	res = search(t, e, idx, Request{Plan: &Plan{Must: words}, Keep: 20, Filters: []Filter{{Node: years, Facet: "y:"}, {Node: types, Facet: "t:"}}})
	if res.Total != plain.Total || len(res.Facets) != 0 {
		t.Errorf("no facets: total %d (want %d), facets %v", res.Total, plain.Total, res.Facets)
	}
}

// TestFacetCache checks that facet values kept on disk give the same counts
// as reading the postings, that a damaged or foreign cache file is read
// again from the index, and that the cache files go with their segments.
func TestFacetCache(t *testing.T) {
	root := t.TempDir()
	dir, cacheDir := filepath.Join(root, "index"), filepath.Join(root, "facets")
	idx, docs := newTestIndex(t, dir)
	plan := &Plan{Must: []Node{term("body", "beta", 1)}}
	newest := &Plan{}
	facets := func(e *Engine, idx bleve.Index) string {
		res := search(t, e, idx, Request{Plan: plan, Facets: true})
		list := search(t, e, idx, Request{Plan: newest, Order: Newest, Keep: 50})
		var ids []string
		for _, h := range list.Hits {
			ids = append(ids, h.ID)
		}
		return fmt.Sprint(res.Total, res.Facets, ids)
	}
	want := facets(New(Config{Schema: testSchema}), idx) // no cache
	newEngine := func() *Engine {
		return New(Config{Schema: testSchema, IndexDir: dir, CacheDir: cacheDir})
	}
	if got := facets(newEngine(), idx); got != want { // writes the cache
		t.Errorf("facets\n got %s\nwant %s", got, want)
	}
	files := mustGlob(t, filepath.Join(cacheDir, "*.facets"))
	if len(files) == 0 {
		t.Fatal("no facet cache written")
	}
	if inside := mustGlob(t, filepath.Join(dir, "*", "*.facets")); len(inside) > 0 {
		t.Errorf("cache files inside Bleve's folder: %v", inside)
	}
	stamps := map[string]uint64{}
	counts := map[string]uint64{}
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range snap.segs {
		stamps[facetCachePath(cacheDir, g)] = segmentStamp(g)
		counts[facetCachePath(cacheDir, g)] = g.count()
	}
	snap.Close()
	fake := func(path string) *segFacts {
		all := roaring.New()
		all.AddRange(0, 1000)
		return &segFacts{values: []facetDocs{{value: "y:1900", docs: all}}, dates: make([]uint32, counts[path])}
	}
	for _, c := range []struct {
		name    string
		damage  func(path string)
		fromIdx bool // the counts must come from the index, not the file
	}{
		{"read back", func(path string) { writeFacetCache(path, stamps[path], fake(path)) }, false},
		{"another segment's", func(path string) { writeFacetCache(path, stamps[path]+1, fake(path)) }, true},
		{"garbage", func(path string) { os.WriteFile(path, []byte("garbage"), 0o644) }, true},
	} {
		for _, f := range files {
			c.damage(f)
		}
		got := facets(newEngine(), idx)
		if c.fromIdx && got != want {
			t.Errorf("%s cache file: facets\n got %s\nwant %s", c.name, got, want)
		}
		if !c.fromIdx && !strings.Contains(got, "1900") {
			t.Errorf("%s: the cache file was not read: %s", c.name, got)
		}
	}
	// The files made again in the last round read back right.
	if got := facets(newEngine(), idx); got != want {
		t.Errorf("cache made again: facets and order\n got %s\nwant %s", got, want)
	}
	// A cache file whose segment is gone, and one a kill left half
	// written, are pruned; the others stay.
	for _, name := range []string{"999999999999.zap.facets", "000000000001.zap.facets.tmp"} {
		if err := os.WriteFile(filepath.Join(cacheDir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newEngine().PruneCache()
	if got := mustGlob(t, filepath.Join(cacheDir, "*")); !slices.Equal(got, files) {
		t.Errorf("after pruning: %v, want %v", got, files)
	}
	// A new index (a rebuild) may reuse the old one's segment names: its
	// engine clears the cache, and the files made again name its own
	// segments.
	idx.Close()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	e := newEngine()
	if err := e.ClearCache(); err != nil {
		t.Fatal(err)
	}
	idx2, err := bleve.New(dir, testMapping())
	if err != nil {
		t.Fatal(err)
	}
	b := idx2.NewBatch()
	for id, d := range docs {
		b.Index(id, d)
	}
	if err := idx2.Batch(b); err != nil {
		t.Fatal(err)
	}
	idx2.Close()
	if idx2, err = bleve.OpenUsing(dir, map[string]any{"read_only": true}); err != nil {
		t.Fatal(err)
	}
	defer idx2.Close()
	if got := facets(e, idx2); got != want {
		t.Errorf("after rebuild: facets\n got %s\nwant %s", got, want)
	}
	for _, f := range mustGlob(t, filepath.Join(cacheDir, "*.facets")) {
		zap := strings.TrimSuffix(filepath.Base(f), ".facets")
		if _, err := os.Stat(filepath.Join(dir, segmentsDir, zap)); err != nil {
			t.Errorf("cache file %s outlived its segment", f)
		}
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(m)
	return m
}

// BenchmarkSearch evaluates a few kinds of plan on 12,000 documents in
// four segments, in process: the engine alone, without the archive's
// query parsing, snippets or stored files.
func BenchmarkSearch(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "idx")
	idx, err := bleve.New(dir, testMapping())
	if err != nil {
		b.Fatal(err)
	}
	for batch := range 4 {
		bt := idx.NewBatch()
		for id, d := range testDocs(uint64(batch), 3000) {
			bt.Index(id, d)
		}
		if err := idx.Batch(bt); err != nil {
			b.Fatal(err)
		}
	}
	idx.Close()
	if idx, err = bleve.OpenUsing(dir, map[string]any{"read_only": true}); err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	e := New(Config{Schema: testSchema, IndexDir: dir, CacheDir: filepath.Join(b.TempDir(), "facets")})
	kinds := []struct {
		name string
		req  Request
	}{
		{"one-term", Request{Plan: &Plan{Must: []Node{term("body", "gamma", 1)}}, Keep: 20, Facets: true}},
		{"two-terms-and-boosts", Request{Plan: &Plan{
			Must:   []Node{term("body", "alpha", 1), term("body", "delta", 1)},
			Should: []Node{term("body", "delta", 3), And{[]Node{term("body", "alpha", 1.5), term("body", "delta", 1.5)}}},
		}, Keep: 20, Facets: true}},
		{"prefix", Request{Plan: &Plan{Must: []Node{Prefix{Field: "body", Prefix: "e", Boost: 1}}}, Keep: 20, Facets: true}},
		{"newest-filtered", Request{Plan: &Plan{Must: []Node{Or{[]Node{term("y", "2011", 0), term("y", "2012", 0)}}}}, Order: Newest, Keep: 20, Facets: true}},
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			for b.Loop() {
				snap, err := OpenSnapshot(idx)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := e.Search(context.Background(), snap, k.req); err != nil {
					b.Fatal(err)
				}
				snap.Close()
			}
		})
	}
}

// TestOverlaps: a phrase whose end is also its start can stand twice over
// the same words, so its words spelt otherwise are not counted against
// its occurrences (holdsByCounts).
func TestOverlaps(t *testing.T) {
	for words, want := range map[string]bool{
		"quyet tam": false, "nhat la trong cac": false, "nhat la nhat": true,
		"a a": true, "a b a b": true, "a b c a": true, "a b b": false,
	} {
		if got := overlaps(strings.Fields(words)); got != want {
			t.Errorf("overlaps(%q) = %v, want %v", words, got, want)
		}
	}
}

// TestFirstSearchWeighsTheSnapshot: the first search that counts facets
// builds the segments' tables of each document's values only when the
// whole snapshot is small; in a bigger one made of small segments (an
// archive imported online) it intersects each value's documents, as in
// a big segment, and the second search builds the tables.
func TestFirstSearchWeighsTheSnapshot(t *testing.T) {
	idx, _ := newTestIndex(t, filepath.Join(t.TempDir(), "idx"))
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	var total, largest uint64
	for _, g := range snap.segs {
		total += g.count()
		largest = max(largest, g.count())
	}
	snap.Close()
	if len(snap.segs) < 2 {
		t.Fatalf("%d segments: the test needs several", len(snap.segs))
	}
	plan := &Plan{Must: []Node{term("body", "alpha", 1)}}
	for _, c := range []struct {
		tableMax uint64
		tables   bool
	}{{largest, false}, {total - 1, false}, {total, true}} {
		e := New(Config{Schema: testSchema})
		e.tallyTableMax = c.tableMax
		res := search(t, e, idx, Request{Plan: plan, Keep: 10, Facets: true})
		if res.Total == 0 || len(res.Facets) == 0 {
			t.Fatalf("table max %d: %d hits, facets %v", c.tableMax, res.Total, res.Facets)
		}
		if built := e.FacetTables() > 0; built != c.tables {
			t.Errorf("segments of %d documents at most, %d in all, table max %d: tables built by the first search %v, want %v",
				largest, total, c.tableMax, built, c.tables)
		}
		if !c.tables {
			if e.facetWays[facetByValue].Load() == 0 {
				t.Errorf("table max %d: the first search did not intersect", c.tableMax)
			}
			search(t, e, idx, Request{Plan: plan, Keep: 10, Facets: true})
			if e.FacetTables() == 0 {
				t.Errorf("table max %d: the second search built no table", c.tableMax)
			}
		}
	}
}
