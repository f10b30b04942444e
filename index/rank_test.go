package index

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"khovanban/index/internal/engine"
)

// rankDocs are documents that bear a number and documents that cite it,
// often, and a title with one query word against the words side by side
// in a text.
var rankDocs = map[string]string{
	"nq-33.txt": `ĐẢNG ỦY XÃ TÂN HÒA
Số 33-NQ/ĐU
Tân Hòa, ngày 5 tháng 8 năm 2019

NGHỊ QUYẾT
Về công tác cán bộ

Đảng ủy xã thống nhất ban hành nghị quyết về đào tạo cán bộ trẻ.
`,
	"kh-16.txt": `UBND XÃ TÂN HÒA
Số: 16/KH-UBND
Tân Hòa, ngày 2 tháng 3 năm 2020

KẾ HOẠCH
Tổ chức ngày hội đại đoàn kết

Các ấp chuẩn bị chu đáo.
`,
	"qd-471.txt": `ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI
Số: 471/QĐ-UBND
Chợ Mới, ngày 9 tháng 4 năm 2021

QUYẾT ĐỊNH
Về việc công nhận ấp văn hóa

Công nhận ba ấp đạt chuẩn.
`,
	"bc-cites.txt": `UBND XÃ TÂN HÒA
Số: 40/BC-UBND
Tân Hòa, ngày 20 tháng 12 năm 2021

BÁO CÁO
Kết quả thực hiện Nghị quyết 33-NQ/ĐU, Kế hoạch 16/KH-UBND và Quyết định 471/QĐ-UBND

Thực hiện Nghị quyết số 33-NQ/ĐU, Kế hoạch số 16/KH-UBND, Quyết định số 471/QĐ-UBND.
Theo Nghị quyết 33-NQ/ĐU và Kế hoạch 16/KH-UBND, Quyết định 471/QĐ-UBND đã được triển khai.
Nghị quyết 33-NQ/ĐU; Kế hoạch 16/KH-UBND; Quyết định 471/QĐ-UBND: hoàn thành.
`,
	"tb-cites.txt": `UBND XÃ TÂN HÒA
Số: 41/TB-UBND
Tân Hòa, ngày 21 tháng 12 năm 2021

THÔNG BÁO
Về việc 33-NQ/ĐU, 16/KH-UBND, 471/QĐ-UBND

Nhắc lại 33-NQ/ĐU, 16/KH-UBND và 471/QĐ-UBND; 33-NQ/ĐU, 16/KH-UBND và 471/QĐ-UBND.
`,
	// "quyết" in the title, "tâm" far from it.
	"nq-title.txt": `ĐẢNG ỦY XÃ AN BÌNH
Số 05-NQ/ĐU
An Bình, ngày 1 tháng 2 năm 2018

NGHỊ QUYẾT
Về phát triển kinh tế

Đảng ủy quyết nghị. Trung tâm văn hóa được sửa chữa.
`,
	// "quyết tâm" side by side, in a longer text.
	"bc-side.txt": `UBND XÃ AN BÌNH
Số: 12/BC-UBND
An Bình, ngày 3 tháng 3 năm 2018

BÁO CÁO
Sơ kết phong trào thi đua

Cán bộ, đảng viên và nhân dân trong xã đã đoàn kết, thống nhất, quyết tâm hoàn thành các chỉ tiêu của năm, đồng thời đẩy mạnh phong trào thi đua ở tất cả các ấp.
`,
}

// TestNumbersFindTheirBearer checks that a number typed in several
// spellings ranks the document that bears it above those that cite it,
// and that so: finds a document whose number was not read by its text.
func TestNumbersFindTheirBearer(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, rankDocs)
	names := idNames(rep)
	for _, c := range []struct{ query, first string }{
		{"33-NQ/ĐU", "nq-33.txt"},
		{"33-nq/du", "nq-33.txt"},
		{`"33-NQ/ĐU"`, "nq-33.txt"},
		{"16/KH", "kh-16.txt"},
		{"16/kh-ubnd", "kh-16.txt"},
		{"471/QĐ-UBND", "qd-471.txt"},
		{"471 QĐ-UBND", "qd-471.txt"},
		{"471 qd-ubnd", "qd-471.txt"},
		{"471 QĐ UBND", "qd-471.txt"},
		{"33 NQ ĐU", "nq-33.txt"},
		{"33 nq du", "nq-33.txt"},
		{"16 KH UBND", "kh-16.txt"},
		{"16 kh ubnd kế hoạch", "kh-16.txt"},
	} {
		got := searchNames(t, a, names, Request{Query: c.query})
		if len(got) < 2 || got[0] != c.first {
			t.Errorf("Search(%q) = %v, want %s first, then those citing it", c.query, got, c.first)
		}
	}

	// A number not read (its field empty) still finds its bearer first, by
	// the "Số" line of its header, whichever way it is typed.
	for _, f := range []string{"nq-33.txt", "kh-16.txt"} {
		if _, err := a.Edit(idOf(t, rep, f), map[string]string{"number": ""}); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ query, first string }{
		{"33-NQ/ĐU", "nq-33.txt"},
		{"33/nq-du", "nq-33.txt"},
		{"33 NQ ĐU", "nq-33.txt"},
		{`"33-NQ/ĐU"`, "nq-33.txt"},
		{"16/KH", "kh-16.txt"},
		{"16 KH UBND", "kh-16.txt"},
	} {
		got := searchNames(t, a, names, Request{Query: c.query})
		if len(got) != 3 || got[0] != c.first {
			t.Errorf("number not read: Search(%q) = %v, want %s first, then the two citing it", c.query, got, c.first)
		}
	}
	for _, f := range []string{"nq-33.txt", "kh-16.txt"} {
		if _, err := a.Edit(idOf(t, rep, f), map[string]string{"number": map[string]string{"nq-33.txt": "33-NQ/ĐU", "kh-16.txt": "16/KH-UBND"}[f]}); err != nil {
			t.Fatal(err)
		}
	}

	// so: is the bearer alone when a document bears the number; when none
	// does, the documents whose text holds it.
	if got := searchNames(t, a, names, Request{Query: "so:33-NQ/ĐU"}); !sameSet(got, []string{"nq-33.txt"}) {
		t.Errorf("so:33-NQ/ĐU = %v, want the bearer alone", got)
	}
	id := idOf(t, rep, "qd-471.txt")
	if _, err := a.Edit(id, map[string]string{"number": ""}); err != nil {
		t.Fatal(err)
	}
	want := []string{"qd-471.txt", "bc-cites.txt", "tb-cites.txt"}
	if got := searchNames(t, a, names, Request{Query: "so:471/QĐ-UBND"}); !sameSet(got, want) {
		t.Errorf("so:471/QĐ-UBND with no number read = %v, want %v", got, want)
	}
}

// TestSpacedNumber checks which words typed after digits are taken for a
// number typed with spaces.
func TestSpacedNumber(t *testing.T) {
	for q, want := range map[string]string{
		"329 BC UBND":          "329 bc ubnd",
		"33 nq du":             "33 nq du",
		"33 NQ ĐU":             "33 nq du",
		"12 HU":                "12 hu",
		"471 qđ ubnd kế hoạch": "471 qd ubnd ke hoach",
		"2014 nông thôn mới":   "",
		"12 hu":                "",
		"5 tiêu chí":           "",
	} {
		clauses, err := parseQuery(q, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(spacedNumber(clauses, 0), " "); got != want {
			t.Errorf("spacedNumber(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestWordsSideBySideBeatOneTitleWord checks that two words typed
// together rank the document where they stand side by side above one
// with a single of them in its title, with or without accents.
func TestWordsSideBySideBeatOneTitleWord(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, rankDocs))
	for _, q := range []string{"quyet tam", "quyết tâm", "Quyết Tâm"} {
		got := searchNames(t, a, names, Request{Query: q})
		if len(got) != 2 || got[0] != "bc-side.txt" {
			t.Errorf("Search(%q) = %v, want bc-side.txt first of two", q, got)
		}
	}
}

// TestDisjunctiveFacets checks that a facet with chosen values is counted
// as if none were chosen, and the other facets over the result.
func TestDisjunctiveFacets(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	count := func(res *Result, facet string) map[string]int {
		out := map[string]int{}
		for _, v := range res.Facets[facet] {
			out[v.Value] = v.Count
		}
		return out
	}
	req := Request{Query: "cán bộ", Filters: Filters{Types: []string{"Kế hoạch"}}, DisjunctiveFacets: true}
	res, err := a.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	types, years := count(res, FacetType), count(res, FacetYear)
	if res.Total != 1 || types["Kế hoạch"] != 1 || types["Chỉ thị"] != 1 || types["Thông báo"] != 1 || len(years) != 1 || years["2014"] != 1 {
		t.Errorf("total %d, types %v, years %v", res.Total, types, years)
	}
	req.DisjunctiveFacets = false
	if res, err = a.Search(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if types := count(res, FacetType); len(types) != 1 {
		t.Errorf("plain facets: types %v, want the chosen one", types)
	}
}

// TestQuotedPhraseRanksByStanding checks that a quoted phrase ranks its
// holders by how it stands in them: in the title first, then near the
// start or often, before a document that holds it once, late, however
// often its pairs of syllables stand apart there; and that words typed
// without quotes rank first where they stand side by side.
func TestQuotedPhraseRanksByStanding(t *testing.T) {
	filler := strings.Repeat("Các ấp tổ chức họp dân, bàn bạc việc làm đường và chăm lo đời sống nhân dân trong năm. ", 20)
	head := func(n int, kind, title string) string {
		return fmt.Sprintf("UBND XÃ AN BÌNH\nSố: %d/BC-UBND\nAn Bình, ngày 1 tháng 2 năm 2020\n\n%s\n%s\n\n", n, kind, title)
	}
	docs := map[string]string{
		"title.txt": head(1, "KẾ HOẠCH", "Xây dựng nông thôn mới năm 2020") + filler + "Xây dựng nông thôn mới là nhiệm vụ.\n",
		"start.txt": head(2, "BÁO CÁO", "Kết quả công tác năm 2020") + "Về xây dựng nông thôn mới, xã đạt 15 tiêu chí. " + filler + "\n",
		"late.txt":  head(3, "BÁO CÁO", "Kết quả công tác năm 2021") + filler + "Về xây dựng nông thôn mới, xã đạt 15 tiêu chí.\n",
		"often.txt": head(4, "BÁO CÁO", "Tình hình kinh tế xã hội") + filler + "Xây dựng nông thôn mới. " + filler +
			"Phong trào xây dựng nông thôn mới. " + filler + "Kết quả xây dựng nông thôn mới. Xây dựng nông thôn mới.\n",
		// The pairs many times apart, the phrase once, late.
		"pairs.txt": head(5, "BÁO CÁO", "Kết quả công tác năm 2022") +
			strings.Repeat("Nông thôn mới khang trang. Xây dựng đường sá. Dựng nông trại. ", 30) + "Về xây dựng nông thôn mới.\n",
		"apart.txt": head(6, "BÁO CÁO", "Xây dựng nhà văn hóa mới ở nông thôn") + filler + "\n",
	}
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, docs))
	before := func(got []string, x, y string) bool {
		return slices.Index(got, x) >= 0 && slices.Index(got, x) < slices.Index(got, y)
	}
	for _, q := range []string{`"xây dựng nông thôn mới"`, `"xay dung nong thon moi"`, `"Xây dựng nông thôn mới" năm:2020`} {
		got := searchNames(t, a, names, Request{Query: q})
		if len(got) != 5 || got[0] != "title.txt" || !before(got, "often.txt", "pairs.txt") || !before(got, "start.txt", "late.txt") ||
			!before(got, "start.txt", "pairs.txt") {
			t.Errorf("Search(%s) = %v, want title.txt first, often.txt and start.txt before pairs.txt, start.txt before late.txt", q, got)
		}
	}
	// Unquoted, the words side by side come first, and before a title
	// that has them all apart.
	for _, q := range []string{`xây dựng nông thôn mới`, `xay dung nong thon moi`} {
		got := searchNames(t, a, names, Request{Query: q})
		if len(got) != 6 || got[0] != "title.txt" || !before(got, "often.txt", "pairs.txt") || !before(got, "start.txt", "apart.txt") ||
			!before(got, "often.txt", "apart.txt") {
			t.Errorf("Search(%s) = %v, want title.txt first, often.txt before pairs.txt, often.txt and start.txt before apart.txt", q, got)
		}
	}
}

// wholeRunDocs: a report where the words of the query stand often, in
// pairs of them ("Bộ Nội vụ", "dự kiến") but never all in a row, and a
// plan that holds the whole run typed ("Bộ Nội vụ dự kiến") once.
var wholeRunDocs = map[string]string{
	"tb-pairs.txt": `UBND TỈNH BÌNH AN
Số: 12/TB-UBND
Bình An, ngày 3 tháng 5 năm 2024

THÔNG BÁO
Về việc sắp xếp các hội

` + strings.Repeat("Theo hướng dẫn của Bộ Nội vụ, các hội dự kiến đại hội trong quý; kinh phí dự kiến do hội tự lo.\n", 8),
	"kh-run.txt": `UBND TỈNH BÌNH AN
Số: 40/KH-UBND
Bình An, ngày 9 tháng 6 năm 2025

KẾ HOẠCH
Sắp xếp tổ chức hội năm 2025

Bộ Nội vụ dự kiến lịch thẩm định điều lệ các hội trong tháng 7.
` + strings.Repeat("Các hội rà soát hội viên, báo cáo Sở trước ngày 30 hằng tháng.\n", 40),
}

// TestWholeTypedRunBeatsRepeatedPairs checks that words typed side by
// side rank first the document where all of them stand so, above one
// where they stand often in pairs but never all in a row: with and
// without accents.
func TestWholeTypedRunBeatsRepeatedPairs(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, wholeRunDocs))
	for _, q := range []string{"bo noi vu du kien", "bộ nội vụ dự kiến"} {
		got := searchNames(t, a, names, Request{Query: q})
		if len(got) != 2 || got[0] != "kh-run.txt" {
			t.Errorf("Search(%q) = %v, want kh-run.txt first of two", q, got)
		}
	}
}

// TestPlanRanksWholeTypedRun checks the rule behind the order above: three
// or more words typed side by side add one more clause, every pair of
// them together, so a document where they all stand in a row ranks above
// one with some of the pairs however often (on the development set the
// unquoted body phrases went from MRR@10 0.960 to 0.998 with it); two
// words and words with OR add none (an unfinished last word adds its own
// clause, with its completion: TestTypedRunBeatsRepeatedPair).
func TestPlanRanksWholeTypedRun(t *testing.T) {
	allPairs := func(query string) int {
		clauses, err := parseQuery(query, strings.HasSuffix(query, "…"))
		if err != nil {
			t.Fatalf("parseQuery(%q): %v", query, err)
		}
		for _, n := range buildPlan(clauses, Filters{}).Should {
			a, ok := n.(engine.And)
			if !ok {
				continue
			}
			pairs := 0
			for _, p := range a.Parts {
				if term, ok := p.(engine.Term); ok && term.Field == fieldPairs {
					pairs++
				}
			}
			if pairs == len(a.Parts) {
				return pairs
			}
		}
		return 0
	}
	for query, want := range map[string]int{
		"bo noi vu du kien":   4,
		"bộ nội vụ dự kiến":   4,
		"nong thon moi":       2,
		"quyet tam":           0,
		"nong thon OR do thi": 0,
	} {
		if got := allPairs(query); got != want {
			t.Errorf("%q: a clause of %d pairs together, want %d", query, got, want)
		}
	}
}

// TestSpacedNumberFindsItsBearer checks that a number typed with spaces
// finds the document that bears it when its text does not hold it (a
// scan whose number the person typed in), as the number typed whole does.
func TestSpacedNumberFindsItsBearer(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, map[string]string{
		"scan.txt":  "UBND TỈNH BÌNH AN\nSố: …/QĐ-UBND\nBình An, ngày 16 tháng 10 năm 2025\n\nQUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n",
		"cites.txt": "UBND XÃ TÂN HÒA\nSố: 7/BC-UBND\nTân Hòa, ngày 2 tháng 11 năm 2025\n\nBÁO CÁO\nKết quả cải cách hành chính\n\nThực hiện Quyết định số 1716/QĐ-UBND của UBND tỉnh.\n",
	}))
	for id, name := range names {
		if name == "scan.txt" {
			if _, err := a.Edit(id, map[string]string{"number": "1716/QĐ-UBND"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, q := range []string{"1716/QĐ-UBND", "1716 QĐ UBND", "1716 qd ubnd"} {
		got := searchNames(t, a, names, Request{Query: q})
		if len(got) != 2 || got[0] != "scan.txt" {
			t.Errorf("Search(%q) = %v, want scan.txt first of two", q, got)
		}
	}
}

// typedRunDocs: a notice where "nông thôn" stands eight times but never
// before "mới" ("mọi" stands elsewhere in its lines), and a plan of the
// same length that holds "nông thôn mới" once.
var typedRunDocs = map[string]string{
	"tb-nongthon.txt": `UBND HUYỆN BÌNH AN
Số: 7/TB-UBND
Bình An, ngày 3 tháng 5 năm 2024

THÔNG BÁO
Về việc các hội trên địa bàn

` + strings.Repeat("Mọi hội viên dự họp về quỹ Phát triển nông thôn của huyện.\n", 8) +
		strings.Repeat("Các hội rà soát hội viên, báo cáo Phòng Nội vụ trước ngày 30 hằng tháng.\n", 32),
	"kh-ntm.txt": `UBND HUYỆN BÌNH AN
Số: 41/KH-UBND
Bình An, ngày 9 tháng 6 năm 2025

KẾ HOẠCH
Tổ chức các hội năm 2025

Các xã hoàn thành tiêu chí nông thôn mới trước tháng 10.
` + strings.Repeat("Các hội rà soát hội viên, báo cáo Phòng Nội vụ trước ngày 30 hằng tháng.\n", 32),
}

// withOthers adds n reports on other matters to docs, so that the words
// searched are rare in the archive, as in a real one.
func withOthers(docs map[string]string, n int) map[string]string {
	out := maps.Clone(docs)
	for i := range n {
		out[fmt.Sprintf("bc-khac-%02d.txt", i)] = fmt.Sprintf(`UBND HUYỆN BÌNH AN
Số: %d/BC-UBND
Bình An, ngày %d tháng 4 năm 2024

BÁO CÁO
Kết quả công tác quý %d

`, 100+i, 1+i, 1+i%4) + strings.Repeat("Phòng Tài chính tổng hợp số liệu thu chi ngân sách, gửi Ủy ban trước ngày 5.\n", 10+i)
	}
	return out
}

// TestTypedRunBeatsRepeatedPair checks that while the last word is still
// being typed, the document where the words before it and one of its
// completions stand in a row ranks above one where the words before it
// stand often without it: "nong thon mo" is on its way to "nông thôn mới".
func TestTypedRunBeatsRepeatedPair(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, withOthers(typedRunDocs, 12)))
	for _, q := range []string{"nong thon mo", "nong thon moi", "nông thôn mớ"} {
		got := searchNames(t, a, names, Request{Query: q, AsYouType: true})
		if len(got) == 0 || got[0] != "kh-ntm.txt" {
			t.Errorf("Search(%q, as typed) = %v, want kh-ntm.txt first", q, got)
		}
	}
}

// titleApartDocs: a report whose short title holds "phục" and "hành"
// apart, a plan that holds "hạnh phúc" side by side once in its text, and
// a plan whose title holds them side by side.
var titleApartDocs = map[string]string{
	"bc-phucvu.txt": `UBND XÃ BÌNH AN
Số: 12/BC-UBND
Bình An, ngày 3 tháng 5 năm 2024

BÁO CÁO
Chất lượng phục vụ của bộ phận điều hành một cửa

Bộ phận một cửa tiếp nhận hồ sơ đúng hẹn, công khai thủ tục.
` + strings.Repeat("Các công chức trả kết quả đúng hẹn cho người dân.\n", 10),
	"kh-giadinh.txt": `UBND XÃ BÌNH AN
Số: 40/KH-UBND
Bình An, ngày 9 tháng 6 năm 2025

KẾ HOẠCH
Tổ chức Ngày hội đại đoàn kết năm 2025

Mỗi khu dân cư xây dựng gia đình văn hóa, hạnh phúc, no ấm.
` + strings.Repeat("Ban công tác Mặt trận rà soát các hộ, báo cáo xã trước ngày 30 hằng tháng.\n", 8),
	"kh-hanhphuc.txt": `UBND XÃ BÌNH AN
Số: 41/KH-UBND
Bình An, ngày 10 tháng 6 năm 2025

KẾ HOẠCH
Xây dựng gia đình hạnh phúc năm 2025

Mỗi khu dân cư xây dựng gia đình văn hóa, hạnh phúc, no ấm.
` + strings.Repeat("Ban công tác Mặt trận rà soát các hộ, báo cáo xã trước ngày 30 hằng tháng.\n", 8),
}

// TestWordsSideBySideBeatWordsApartInTitle checks that two words typed
// together rank the documents where they stand side by side above one
// whose short title holds them apart ("phục" … "hành" for "hanh phuc"),
// and among those, the one whose title holds them side by side first.
func TestWordsSideBySideBeatWordsApartInTitle(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, withOthers(titleApartDocs, 12)))
	for q, want := range map[string][]string{
		"hanh phuc": {"kh-hanhphuc.txt", "kh-giadinh.txt", "bc-phucvu.txt"},
		"hạnh phúc": {"kh-hanhphuc.txt", "kh-giadinh.txt"}, // typed accents: not "phục", "hành"
		"Hạnh Phúc": {"kh-hanhphuc.txt", "kh-giadinh.txt"},
	} {
		got := searchNames(t, a, names, Request{Query: q})
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %v, want %v", q, got, want)
		}
	}
	// While the last word is typed, the first alone in a title ("hành")
	// must not outrank the words side by side either.
	for _, q := range []string{"hanh phu", "hanh phuc"} {
		got := searchNames(t, a, names, Request{Query: q, AsYouType: true})
		if len(got) < 2 || got[0] != "kh-hanhphuc.txt" || got[1] != "kh-giadinh.txt" {
			t.Errorf("Search(%q, as typed) = %v, want kh-hanhphuc.txt, kh-giadinh.txt first", q, got)
		}
	}
}
