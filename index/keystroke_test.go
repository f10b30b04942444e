package index

import (
	"context"
	"errors"
	"fmt"
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

// TestSearchAsTypedOneEvaluation checks that the facets counted apart
// from their own chosen values and the count to review, now worked out in
// the same evaluation as the results, are what separate searches give:
// each chosen facet as a search without its values, the others as the
// search itself, with phrases decided from the texts and twins counted
// once.
func TestSearchAsTypedOneEvaluation(t *testing.T) {
	a := newTestArchive(t)
	docs := map[string]string{"ghi-chep.txt": "Ghi chép về nông thôn của ấp\n\nVài dòng ghi lại, không có ngày tháng.\n"}
	kinds := []string{"KẾ HOẠCH", "BÁO CÁO", "THÔNG BÁO"}
	places := []string{"ấp Mỹ Lợi", "ấp Bình Đông", "ấp Tân Thạnh", "ấp Phú Hòa", "chợ xã", "trường tiểu học", "trạm y tế", "nhà văn hóa", "bến đò", "cầu kênh", "đình làng", "sân bóng"}
	for i := range 12 {
		body := "Ủy ban xã xây dựng kế hoạch làm đường nông thôn, nhân dân đồng tình."
		if i%3 == 1 {
			body = "Xã xây dựng đường; kế hoạch năm sau, hoạch định ngân sách cho nông thôn." // the pairs apart
		}
		var own string
		for j := range 4 {
			p := places[(i+5*j)%len(places)]
			own += fmt.Sprintf("Việc ở %s (%d) do tổ %d lo, họp ngày %d, có %d hộ tham gia. ", p, j, (i*7+j)%11+3, (i*3+j)%27+1, 20+7*i+j)
		}
		docs[fmt.Sprintf("d%02d.txt", i)] = fmt.Sprintf("UBND XÃ AN BÌNH\nSố: %d/KH-UBND\nAn Bình, ngày 2 tháng 3 năm %d\n\n%s\nVề công tác ở %s\n\n%s %s\n%s\n",
			i+1, 2014+i%4, kinds[i%3], places[i], own, body, own)
	}
	dir := writeDocs(t, docs)
	writeTwinFiles(t, dir, "plan.txt", "plan.docx")
	importPaths(t, a, dir)
	ctx := context.Background()
	review, err := a.Search(ctx, Request{Filters: Filters{Unsure: true}, Limit: 1, NoFacets: true})
	if err != nil {
		t.Fatal(err)
	}
	chosen := Filters{Types: []string{"Kế hoạch", "Báo cáo"}, Years: []int{2015, 2023}}
	without := map[string]Filters{FacetType: chosen, FacetYear: chosen}
	without[FacetType] = Filters{Years: chosen.Years}
	without[FacetYear] = Filters{Types: chosen.Types}
	disjunctive := 0
	for _, q := range []string{"", `"xây dựng kế hoạch"`, "kế hoạch", "nông th", "-đường"} {
		req := Request{Query: q, Filters: chosen, Limit: 5}
		got, err := a.SearchAsTyped(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		plain := req
		plain.AsYouType = true
		want, err := a.Search(ctx, plain)
		if err != nil {
			t.Fatal(err)
		}
		if got.Total != want.Total || !reflect.DeepEqual(hitIDs(got.Hits), hitIDs(want.Hits)) {
			t.Errorf("%q: %d %v, want %d %v", q, got.Total, hitIDs(got.Hits), want.Total, hitIDs(want.Hits))
		}
		for _, name := range FacetNames {
			wantFacet := want.Facets[name]
			if f, ok := without[name]; ok {
				other := plain
				other.Filters = f
				res, err := a.Search(ctx, other)
				if err != nil {
					t.Fatal(err)
				}
				wantFacet = res.Facets[name]
				if len(wantFacet) > len(want.Facets[name]) {
					disjunctive++
				}
			}
			if !reflect.DeepEqual(got.Facets[name], wantFacet) {
				t.Errorf("%q: facet %s %v, want %v", q, name, got.Facets[name], wantFacet)
			}
		}
		if got.Unsure != review.Total || review.Total == 0 {
			t.Errorf("%q: unsure %d, want %d (not 0)", q, got.Unsure, review.Total)
		}
	}
	if disjunctive < 5 {
		t.Errorf("only %d facets had values beyond the chosen ones: the test proves little", disjunctive)
	}
}

// TestSearchNoHits checks that a search for its counts alone (the
// window's facets once typing pauses) finds the same total and facets
// and no hits.
func TestSearchNoHits(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	ctx := context.Background()
	for _, q := range []string{"cán b", "", `"cán bộ`, "12/KH"} {
		req := Request{Query: q, Filters: Filters{Types: []string{"Kế hoạch"}}, Limit: 10}
		want, err := a.SearchAsTyped(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		req.NoHits = true
		got, err := a.SearchAsTyped(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) != 0 || got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || got.Unsure != want.Unsure {
			t.Errorf("%q: %d hits, %d found, facets %v; want %d found, %v", q, len(got.Hits), got.Total, got.Facets, want.Total, want.Facets)
		}
		if want.Total == 0 && q != "12/KH" {
			t.Errorf("%q finds nothing: the test shows little", q)
		}
	}
}
