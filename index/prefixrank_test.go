package index

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"khovanban/index/internal/engine"
	"khovanban/index/vntext"
)

// TestTypedWordRanksByItsMostFrequentCompletion types a query a letter at
// a time and compares each search with the one that ranks by every
// completion of the word being typed (typedCompletions 0, as before): the
// same totals and facets at every key, and the same hits, scores
// included, once the word is finished (a space typed after it) or when
// it has a single completion; while it is unfinished, its most frequent
// completion ranks ("cong t": "công tác", held by most documents, before
// "công ty", rarer and so weighed more by every completion).
func TestTypedWordRanksByItsMostFrequentCompletion(t *testing.T) {
	a := newTestArchive(t)
	docs := map[string]string{}
	for i := range 36 {
		var b strings.Builder
		fmt.Fprintf(&b, "Kế hoạch số %d\n\nQuyết tâm thực hiện nhiệm vụ năm 20%02d. ", i, 10+i%5)
		switch {
		case i%9 == 0:
			b.WriteString("Công ty cổ phần, công ty, công ty và công ty. ")
		case i%4 == 0:
			b.WriteString("Các công trình của xã. ")
		default:
			b.WriteString("Làm tốt công tác tuyên truyền. ")
		}
		if i%3 == 0 {
			b.WriteString("Quyết định khen thưởng. ")
		}
		docs[fmt.Sprintf("kh-%02d.txt", i)] = b.String()
	}
	importDocs(t, a, docs)
	ctx := context.Background()
	search := func(q string, completions int) *Typed {
		t.Helper()
		defer func(n int) { typedCompletions = n }(typedCompletions)
		typedCompletions = completions
		res, err := a.SearchAsTyped(ctx, Request{Query: q, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	ranked := func(r *Typed) string {
		var s []string
		for _, h := range r.Hits {
			s = append(s, fmt.Sprintf("%s:%.6g", h.ID, h.Score))
		}
		return strings.Join(s, " ")
	}
	typed := ""
	for _, r := range "quyet tam cong tac" {
		typed += string(r)
		got, every := search(typed, typedCompletions), search(typed, 0)
		if got.Total != every.Total || !reflect.DeepEqual(got.Facets, every.Facets) {
			t.Errorf("%q: %d found, facets %v; ranked by every completion: %d, %v", typed, got.Total, got.Facets, every.Total, every.Facets)
		}
		if strings.HasSuffix(typed, " ") || strings.HasSuffix(typed, "tam") || strings.HasSuffix(typed, "tac") {
			// Finished, or "tam" and "tac", which complete to themselves alone.
			if g, w := ranked(got), ranked(every); g != w {
				t.Errorf("%q:\ngot   %s\nevery %s", typed, g, w)
			}
		}
	}
	got, every := search("cong t", typedCompletions), search("cong t", 0)
	if len(got.Hits) == 0 || !strings.Contains(got.Hits[0].Snippet.Text, "công tác") {
		t.Errorf(`"cong t": first hit %v, not one with "công tác"`, got.Hits)
	}
	if len(every.Hits) == 0 || !strings.Contains(every.Hits[0].Snippet.Text, "ông ty") {
		t.Errorf(`"cong t" ranked by every completion: first hit %v, not one with "công ty" (the test shows nothing)`, every.Hits)
	}
}

// TestTypedWordOnArchive is TestTypedWordRanksByItsMostFrequentCompletion
// on the archive named by KHOVANBAN_BENCH_ARCHIVE (read only), for every
// key of three queries typed a letter at a time, with and without two
// facets chosen: the same totals and facets as ranking by every
// completion, and the same hits once a word is finished.
func TestTypedWordOnArchive(t *testing.T) {
	t.Setenv("KHOVANBAN_BENCH_READONLY", "1")
	a := benchArchive(t)
	ctx := context.Background()
	chosen := Filters{}
	if res, err := a.Search(ctx, Request{Limit: 1}); err == nil && len(res.Facets[FacetType]) > 0 && len(res.Facets[FacetYear]) > 0 {
		chosen.Types = []string{res.Facets[FacetType][0].Value}
		chosen.Years = []int{atoiOr(res.Facets[FacetYear][len(res.Facets[FacetYear])/2].Value)}
	}
	search := func(req Request, completions int) *Typed {
		t.Helper()
		defer func(n int) { typedCompletions = n }(typedCompletions)
		typedCompletions = completions
		res, err := a.SearchAsTyped(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, f := range []Filters{{}, chosen} {
		for _, q := range []string{"quyet tam cong tac", "tổ chức thực hiện", "xay dung nong thon"} {
			typed := ""
			for _, r := range q {
				typed += string(r)
				req := Request{Query: typed, Filters: f, Limit: 25}
				got, every := search(req, typedCompletions), search(req, 0)
				if got.Total != every.Total || got.Estimated != every.Estimated || !reflect.DeepEqual(got.Facets, every.Facets) {
					t.Errorf("%q %v: %d found, facets differ: %v", typed, f, got.Total, !reflect.DeepEqual(got.Facets, every.Facets))
				}
				if g, w := rankedList(&got.Result), rankedList(&every.Result); g != w && strings.HasSuffix(typed, " ") {
					t.Errorf("%q %v:\ngot   %.400s\nevery %.400s", typed, f, g, w)
				}
			}
		}
	}
}

// TestUnfinishedWordRanksOnlyByItsCompletion checks that the word being
// typed, read as the finished word it may already be, only matches: each
// letter makes it another word ("co", "con", "cong"), and ranking by it
// read that word's postings whole at each keystroke (at a million
// documents 50–100 ms of CPU a key). Its most frequent completion ranks;
// the words before it, and the same word once a space follows, rank as
// before.
func TestUnfinishedWordRanksOnlyByItsCompletion(t *testing.T) {
	scoring := func(q string) map[string]bool {
		clauses, err := parseQuery(q, true)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		var walk func(n engine.Node)
		walk = func(n engine.Node) {
			switch n := n.(type) {
			case engine.Term:
				if n.Boost > 0 {
					out[n.Field+":"+n.Term] = true
				}
			case engine.Fallback:
				walk(n.First)
				walk(n.Second)
			case engine.And:
				for _, p := range n.Parts {
					walk(p)
				}
			case engine.Or:
				for _, p := range n.Parts {
					walk(p)
				}
			}
		}
		p := buildPlan(clauses, Filters{})
		for _, n := range append(p.Must, p.Should...) {
			walk(n)
		}
		return out
	}
	for _, c := range []struct {
		query      string
		ranks, not []string
	}{
		{"quyet tam co", []string{fieldFolded + ":quyet", fieldFolded + ":tam"}, []string{fieldFolded + ":co", fieldExact + ":co"}},
		{"quyet tam cong ", []string{fieldFolded + ":cong"}, nil},
		{"quy", nil, []string{fieldFolded + ":quy"}},
		{"quyết tâm cô", []string{fieldExact + ":" + vntext.Key("tâm")}, []string{fieldExact + ":" + vntext.Key("cô"), fieldFolded + ":co"}},
		{"nong thon OR do th", nil, []string{fieldFolded + ":th"}},
	} {
		got := scoring(c.query)
		for _, k := range c.ranks {
			if !got[k] {
				t.Errorf("%q: %s does not rank (%v)", c.query, k, got)
			}
		}
		for _, k := range c.not {
			if got[k] {
				t.Errorf("%q: %s ranks (%v)", c.query, k, got)
			}
		}
	}
}
