package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// phraseTestDocs are documents that hold a phrase's pairs apart and documents
// that hold the phrase, in the shapes communes file.
var phraseTestDocs = map[string]string{
	// "nhất là", "là trong", "trong các" in three places.
	"bc-apart.txt": `UBND XÃ TÂN HÒA
Số: 21/BC-UBND
Tân Hòa, ngày 2 tháng 3 năm 2018

BÁO CÁO
Kết quả phong trào văn nghệ quần chúng

Đội trống đạt giải nhất. Đây là trọng tâm của năm, nhất là ở các ấp.
Vai trò của đoàn thể là trong sạch, vững mạnh; trong các hội thi, đội trống luôn dẫn đầu.
Số 33-NQ/TU của Tỉnh ủy và Kế hoạch số 12-NQ/ĐU được quán triệt.
`,
	// The phrase, with a comma inside it, which does not matter.
	"kh-together.txt": `ĐẢNG ỦY XÃ TÂN HÒA
Số 33-NQ/ĐU
Tân Hòa, ngày 5 tháng 8 năm 2019

NGHỊ QUYẾT
Về công tác cán bộ

Chú trọng đào tạo cán bộ trẻ, nhất là, trong các xã vùng sâu, vùng xa.
`,
	// Cites the number above and holds the phrase in capitals.
	"ct-cites.txt": `HUYỆN ỦY CHỢ MỚI
Số 07-CT/HU
Chợ Mới, ngày 9 tháng 9 năm 2020

CHỈ THỊ
Về tăng cường công tác dân vận

Thực hiện Nghị quyết số 33-NQ/ĐU, NHẤT LÀ TRONG CÁC tháng mùa mưa.
`,
}

// TestExactPhrases checks that a quoted phrase of three syllables or more,
// or a number typed whole, finds only the documents that hold it, in
// order, and that totals and facets count only those.
func TestExactPhrases(t *testing.T) {
	a := newTestArchive(t)
	docs := map[string]string{}
	for name, text := range phraseTestDocs {
		docs[name] = text
	}
	// Large documents, read in pieces: one holds the phrase 1.5 MB in,
	// the other its pairs apart, at both ends.
	filler := strings.Repeat("Công tác tuyên truyền được duy trì thường xuyên ở cơ sở. ", 1<<15)
	docs["bc-large-holds.txt"] = "UBND XÃ AN BÌNH\nSố: 9/BC-UBND\nngày 1 tháng 1 năm 2017\n\nBÁO CÁO\nTổng kết năm\n\n" +
		filler + "Phát huy dân chủ, nhất là trong các khâu bình xét.\n"
	docs["bc-large-apart.txt"] = "UBND XÃ AN BÌNH\nSố: 10/BC-UBND\nngày 1 tháng 1 năm 2017\n\nBÁO CÁO\nTổng kết năm\n\nGiải nhất là trong cả nước. " +
		filler + "Trong các ấp đều có đội.\n"
	// The title ends with "phụ nữ" and the text begins with "TỈNH ỦY": a
	// phrase does not run from the one into the other.
	docs["kh-title-end.txt"] = "TỈNH ỦY AN GIANG\nSố: 7-KH/TU\nAn Giang, ngày 2 tháng 3 năm 2018\n\nKẾ HOẠCH\n" +
		"Về việc nâng cao vai trò của phụ nữ\n\nCác cấp ủy quán triệt đến đảng viên.\n"
	rep := importDocs(t, a, docs)
	names := idNames(rep)
	cases := []struct {
		query string
		want  []string
	}{
		{`"phụ nữ tỉnh ủy"`, nil},
		{`"vai trò của phụ nữ"`, []string{"kh-title-end.txt"}},
		{`"nhất là trong các"`, []string{"kh-together.txt", "ct-cites.txt", "bc-large-holds.txt"}},
		{`"nhat la trong cac"`, []string{"kh-together.txt", "ct-cites.txt", "bc-large-holds.txt"}},
		{`"nhất là trong các" năm:2019`, []string{"kh-together.txt"}},
		{`đội -"nhất là trong các"`, []string{"bc-apart.txt", "bc-large-apart.txt"}},
		{`"nhất là trong các" OR "giải nhất là"`, []string{"kh-together.txt", "ct-cites.txt", "bc-large-holds.txt", "bc-large-apart.txt"}},
		{`33-NQ/ĐU`, []string{"kh-together.txt", "ct-cites.txt"}},
		{`"33-nq/du"`, []string{"kh-together.txt", "ct-cites.txt"}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			// Twice: the second search uses what the first decided.
			for range 2 {
				res, err := a.Search(context.Background(), Request{Query: c.query, FacetSize: 100})
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, h := range res.Hits {
					got = append(got, names[h.ID])
				}
				if !sameSet(got, c.want) || res.Total != len(c.want) {
					t.Fatalf("Search(%q) = %v (total %d), want %v", c.query, got, res.Total, c.want)
				}
				types := map[string]int{}
				for _, h := range res.Hits {
					types[h.Type]++
				}
				counted := map[string]int{}
				for _, v := range res.Facets[FacetType] {
					counted[v.Value] = v.Count
				}
				if fmt.Sprint(types) != fmt.Sprint(counted) {
					t.Errorf("type facet %v, hits' types %v", counted, types)
				}
			}
		})
	}
}

// TestPhraseScan checks the phrase finder on words split over pieces and
// punctuation between syllables.
func TestPhraseScan(t *testing.T) {
	sc := newPhraseScan([]string{"nhat", "la", "trong", "cac"}, "nhất là trong các")
	for _, c := range []struct {
		pieces []string
		want   bool
	}{
		{[]string{"đặc biệt nhất là trong các xã"}, true},
		{[]string{"đặc biệt nhất ", "là trong ", "các xã"}, true},
		{[]string{"nhất – là; trong (các)"}, true},
		{[]string{"nhất là trong cả các"}, false},
		{[]string{"các trong là nhất"}, false},
	} {
		sc.reset()
		got := false
		for _, p := range c.pieces {
			got = got || sc.feed(p)
		}
		if got != c.want {
			t.Errorf("%q: %v, want %v", c.pieces, got, c.want)
		}
	}
}

// TestQuotedPhraseAccentsWhereItStands: the words of a quoted phrase
// typed with accents must have them where the phrase stands, not only
// somewhere in the document (#13): "quyết tâm" is not a document's
// "quyet tam" with "Nghị quyết" and "tâm lý" elsewhere. Proved by the
// counts where every occurrence of the word is so spelt, else read in the
// text; a spelling no document holds (a slip) is not asked for.
func TestQuotedPhraseAccentsWhereItStands(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, map[string]string{
		"holds.txt":     "Kế hoạch thi đua\n\nToàn Đảng bộ quyết tâm xây dựng nông thôn mới, hòa giải ở cơ sở.",
		"elsewhere.txt": "Báo cáo\n\nNghị quyết số 5 về công tác tâm lý. Dân quyet tam xay dung nong thon moi; xây dựng trụ sở ở nông thôn.",
		"both.txt":      "Thông báo\n\nDân quyet tam làm giàu. Cán bộ quyết tâm đi đầu.",
		"nfd.txt":       "Công văn\n\n" + norm.NFD.String("Chi bộ quyết tâm hoàn thành."),
		"oldtone.txt":   "Hướng dẫn\n\nTổ hoà giải ở thôn.",
		"many.txt":      "Nghị quyết\n\nQuyết tâm cao, quyết tâm lớn, quyết tâm làm; dân quyet tam.",
		"twice.txt":     "Ghi chép\n\nDân quyet tam, quyet tam làm; Nghị quyết số 2; tâm lý.",
	}))
	cases := []struct {
		query string
		want  []string
	}{
		{`"quyết tâm"`, []string{"holds.txt", "both.txt", "nfd.txt", "many.txt"}},
		{`"quyet tam"`, []string{"holds.txt", "elsewhere.txt", "both.txt", "nfd.txt", "many.txt", "twice.txt"}},
		{`"quyết tam"`, []string{"holds.txt", "both.txt", "nfd.txt", "many.txt"}},
		{`"Quyết Tâm"`, []string{"holds.txt", "both.txt", "nfd.txt", "many.txt"}},
		{`"xây dựng nông thôn"`, []string{"holds.txt"}},
		{`"xay dung nong thon"`, []string{"holds.txt", "elsewhere.txt"}},
		{`"hoà giải"`, []string{"holds.txt", "oldtone.txt"}},
		// "quýet" is in no document: any spelling of it, "tâm" as typed.
		{`"quýet tâm"`, []string{"holds.txt", "both.txt", "nfd.txt", "many.txt"}},
		{`dân -"quyết tâm"`, []string{"elsewhere.txt", "twice.txt"}},
	}
	for _, c := range cases {
		for range 2 { // the second search uses what the first decided
			got := searchNames(t, a, names, Request{Query: c.query})
			if !sameSet(got, c.want) {
				t.Errorf("Search(%s) = %v, want %v", c.query, got, c.want)
			}
			res, err := a.SearchAsTyped(context.Background(), Request{Query: c.query})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(c.want) {
				t.Errorf("SearchAsTyped(%s): %d hits, want %d", c.query, res.Total, len(c.want))
			}
		}
	}
}

// TestPhraseBudget checks a quoted phrase whose candidates are more than
// a search reads (Options.phraseBudget): every hit holds the phrase, the
// pages list exactly the documents that hold it, the total is marked as
// an estimate, and ExactTotal, an excluded phrase and one beside OR are
// still exact. The counts prove none of the holders (each has "là" and
// "trong" elsewhere too), so their texts must be read. With a budget of
// 4 the candidates are too many for their counts to be read
// (countedBudgets); with 20 they are read and prove nothing.
func TestPhraseBudget(t *testing.T) {
	for _, budget := range []int{4, 20} {
		t.Run(fmt.Sprint(budget), func(t *testing.T) { testPhraseBudget(t, budget) })
	}
}

func testPhraseBudget(t *testing.T, budget int) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t), phraseBudget: budget})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	const each = 120
	docs := phraseBudgetDocs(each)
	names := idNames(importDocs(t, a, docs))
	holders := func() []string {
		var out []string
		for name := range docs {
			if strings.HasPrefix(name, "holds-") {
				out = append(out, name)
			}
		}
		return out
	}()
	ctx := context.Background()
	const query = `"nhất là trong các"`

	first, err := a.Search(ctx, Request{Query: query, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if !first.Estimated || first.Total < each/2 || first.Total > 2*each-each/2 {
		t.Errorf("first search: total %d, estimated %v; want an estimate near %d", first.Total, first.Estimated, each)
	}
	// Page through: every hit holds the phrase, none twice, all found.
	var got []string
	seen := map[string]bool{}
	for offset := 0; offset < 3*each; offset += 10 {
		res, err := a.Search(ctx, Request{Query: query, Offset: offset, Limit: 10, NoFacets: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			name := names[h.ID]
			if !strings.HasPrefix(name, "holds-") {
				t.Fatalf("offset %d: %s does not hold the phrase", offset, name)
			}
			if seen[name] {
				t.Fatalf("offset %d: %s listed twice", offset, name)
			}
			seen[name] = true
			got = append(got, name)
		}
		if len(res.Hits) < 10 {
			break
		}
	}
	if !sameSet(got, holders) {
		t.Errorf("pages listed %d documents, want the %d holders", len(got), len(holders))
	}
	exact, err := a.Search(ctx, Request{Query: query, ExactTotal: true, FacetSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	years := 0
	for _, v := range exact.Facets[FacetYear] {
		years += v.Count
	}
	if exact.Estimated || exact.Total != each || years != each {
		t.Errorf("ExactTotal: total %d (year facet %d), estimated %v; want %d", exact.Total, years, exact.Estimated, each)
	}
	// Now every candidate is known: exact without asking.
	again, err := a.Search(ctx, Request{Query: query})
	if err != nil {
		t.Fatal(err)
	}
	if again.Estimated || again.Total != each {
		t.Errorf("after ExactTotal: total %d, estimated %v; want %d", again.Total, again.Estimated, each)
	}
}

// phraseBudgetDocs are each documents holding "nhất là trong các" and
// each holding its words apart, in years 2010 to 2019 (each/10 a year).
func phraseBudgetDocs(each int) map[string]string {
	words := strings.Fields("cán bộ đảng viên nhân dân xã ấp huyện tỉnh phong trào thi đua kế hoạch báo cáo tổng kết kinh tế văn hóa giáo dục y tế an ninh quốc phòng mặt trận đoàn thể nông dân phụ nữ cựu chiến binh")
	rng := rand.New(rand.NewPCG(17, 1))
	filler := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteByte(' ')
		}
		return b.String()
	}
	docs := map[string]string{}
	for i := range each {
		head := fmt.Sprintf("UBND XÃ TÂN HÒA\nSố: %d/BC-UBND\nngày 2 tháng 3 năm %d\n\nBÁO CÁO\nKết quả %s\n\n", i+1, 2010+i%10, filler(4))
		docs[fmt.Sprintf("holds-%03d.txt", i)] = head + filler(30) + "Chú trọng cán bộ trẻ, nhất là trong các xã. " +
			filler(20) + "Đây là việc làm trong năm. " + filler(20) + "\n"
		docs[fmt.Sprintf("apart-%03d.txt", i)] = head + filler(30) + "Đội đạt giải nhất. Đây là trong sạch. " +
			filler(20) + "Trong các ấp đều có đội. " + filler(20) + "\n"
	}
	return docs
}

// TestPhraseFacetsWhenHitsReadTheRest checks a quoted phrase's facets
// when the best hits a search keeps read the candidates its budget left
// unread: they count what the total counts (the facets had left out
// every candidate read as a hit: "phòng chống" with -limit 20000 on
// 10,000 documents counted 1,341 of its 1,597 in the year facet), and
// with fewer hits kept the estimated facets add up to the estimated
// total.
func TestPhraseFacetsWhenHitsReadTheRest(t *testing.T) {
	const each = 120
	for _, limit := range []int{10, 3 * each} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "archive")
			a, err := Open(dir, Options{Registry: testRegistry(t), phraseBudget: 20})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			importDocs(t, a, phraseBudgetDocs(each))
			res, err := a.Search(context.Background(), Request{Query: `"nhất là trong các"`, Limit: limit, FacetSize: 100})
			if err != nil {
				t.Fatal(err)
			}
			years := 0
			for _, v := range res.Facets[FacetYear] {
				years += v.Count
			}
			if limit > 2*each {
				if res.Estimated || res.Total != each || years != each || len(res.Hits) != each {
					t.Errorf("limit %d: total %d, %d hits, year facet %d, estimated %v; want %d exact", limit, res.Total, len(res.Hits), years, res.Estimated, each)
				}
				return
			}
			// Each year's count is rounded on its own: at most half a
			// document off each of the ten years.
			if !res.Estimated || years < res.Total-5 || years > res.Total+5 {
				t.Errorf("limit %d: total %d, year facet %d, estimated %v; want the facet to add up to the estimated total", limit, res.Total, years, res.Estimated)
			}
		})
	}
}

// TestPhraseBudgetExactWhereNeeded checks that a phrase excluded or beside
// OR is decided whole whatever the budget, on a fresh archive (nothing
// decided before).
func TestPhraseBudgetExactWhereNeeded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t), phraseBudget: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	docs := map[string]string{}
	for name, text := range phraseTestDocs {
		docs[name] = text
	}
	for i := range 12 {
		docs[fmt.Sprintf("kh-more-%02d.txt", i)] = fmt.Sprintf("ĐẢNG ỦY XÃ AN PHÚ %d\nSố %d-NQ/ĐU\nngày 5 tháng 8 năm 2019\n\nNGHỊ QUYẾT\nVề đội ngũ thứ %d\n\nĐội cán bộ trẻ, nhất là trong các ấp. Đây là nhiệm vụ trong năm %d.\n", i, 40+i, i, 2000+i)
		docs[fmt.Sprintf("bc-more-%02d.txt", i)] = fmt.Sprintf("UBND XÃ AN PHÚ %d\nSố: %d/BC-UBND\nngày 2 tháng 3 năm 2018\n\nBÁO CÁO\nĐội văn nghệ thứ %d\n\nĐội đạt giải nhất. Đây là trong sạch %d. Trong các ấp đều có đội.\n", i, 60+i, i, 3000+i)
	}
	names := idNames(importDocs(t, a, docs))
	for _, c := range []struct {
		query string
		want  func(name string) bool
	}{
		{`đội -"nhất là trong các"`, func(n string) bool { return n == "bc-apart.txt" || strings.HasPrefix(n, "bc-more-") }},
		{`"nhất là trong các" OR "giải nhất là"`, func(n string) bool {
			return n == "kh-together.txt" || n == "ct-cites.txt" || strings.HasPrefix(n, "kh-more-")
		}},
	} {
		res, err := a.Search(context.Background(), Request{Query: c.query, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, name := range names {
			if c.want(name) {
				want++
			}
		}
		for _, h := range res.Hits {
			if !c.want(names[h.ID]) {
				t.Errorf("%s: %s found", c.query, names[h.ID])
			}
		}
		if res.Estimated || res.Total != want || len(res.Hits) != want {
			t.Errorf("%s: total %d, %d hits, estimated %v; want %d exact", c.query, res.Total, len(res.Hits), res.Estimated, want)
		}
	}
}
