package index

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func hitIDs(hits []Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// TestSearchAsTyped checks that one call gives what the window used to
// ask for in two or three: the results with disjunctive facets, the words
// of a phrase still being typed, and the count of documents to review.
func TestSearchAsTyped(t *testing.T) {
	a := newTestArchive(t)
	docs := map[string]string{"ghi-chep.txt": "Ghi chép về cán bộ trẻ của ấp\n\nVài dòng ghi lại, không có ngày tháng, không rõ ai viết.\n"}
	for name, text := range testDocs {
		docs[name] = text
	}
	importDocs(t, a, docs)
	ctx := context.Background()
	review, err := a.Search(ctx, Request{Filters: Filters{Unsure: true}, Limit: 1, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	if review.Total == 0 {
		t.Fatal("no test document has fields to review: the count is not tested")
	}

	req := Request{Query: "cán b", Filters: Filters{Types: []string{"Kế hoạch"}}, Sort: ByRelevance, Limit: 10}
	got, err := a.SearchAsTyped(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	plain := req
	plain.AsYouType, plain.DisjunctiveFacets = true, true
	want, err := a.Search(ctx, plain)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != want.Total || !reflect.DeepEqual(hitIDs(got.Hits), hitIDs(want.Hits)) || !reflect.DeepEqual(got.Facets, want.Facets) {
		t.Errorf("got %d %v %v, want %d %v %v", got.Total, hitIDs(got.Hits), got.Facets, want.Total, hitIDs(want.Hits), want.Facets)
	}
	if len(got.Facets[FacetType]) < 2 {
		t.Errorf("the type facet is not disjunctive: %v", got.Facets[FacetType])
	}
	if got.Unsure != review.Total || got.Later != nil || got.Request.Query != req.Query {
		t.Errorf("unsure %d (want %d), later %v, searched %q", got.Unsure, review.Total, got.Later, got.Request.Query)
	}

	// A phrase being typed: its words meanwhile, the missing quote for later.
	got, err = a.SearchAsTyped(ctx, Request{Query: `"cán b`})
	if err != nil {
		t.Fatal(err)
	}
	var qe *QueryError
	if !errors.As(got.Later, &qe) || qe.Code != QueryUnclosedQuote || got.Request.Query != "cán b" {
		t.Errorf("later %v, searched %q", got.Later, got.Request.Query)
	}
	words, err := a.Search(ctx, Request{Query: "cán b", AsYouType: true})
	if err != nil {
		t.Fatal(err)
	}
	if words.Total == 0 || got.Total != words.Total {
		t.Errorf("a phrase being typed finds %d, its words %d", got.Total, words.Total)
	}

	// Other mistakes are errors.
	if _, err := a.SearchAsTyped(ctx, Request{Query: "năm:abc"}); !errors.As(err, &qe) || qe.Code != QueryBadYear {
		t.Errorf("a bad year: %v", err)
	}
}

// TestHighlightAsTyped marks the words of a phrase still being typed,
// which Highlight refuses.
func TestHighlightAsTyped(t *testing.T) {
	a := newTestArchive(t)
	ctx := context.Background()
	text := "Đội ngũ cán bộ trẻ."
	if _, err := a.Highlight(ctx, `"cán b`, true, text); err == nil {
		t.Fatal("Highlight took an unclosed quote")
	}
	var got []string
	for _, r := range a.HighlightAsTyped(ctx, `"cán b`, text) {
		got = append(got, text[r.Start:r.End])
	}
	if !reflect.DeepEqual(got, []string{"cán", "bộ"}) && !reflect.DeepEqual(got, []string{"cán bộ"}) {
		t.Errorf("marked %q", got)
	}
	if m := a.HighlightAsTyped(ctx, "năm:abc", text); m != nil {
		t.Errorf("a malformed query marks %v", m)
	}
}
