package index

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// searchNames runs a query and returns the file names of the hits in order.
func searchNames(t *testing.T, a *Archive, names map[string]string, req Request) []string {
	t.Helper()
	res, err := a.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%q): %v", req.Query, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, names[h.ID])
	}
	return out
}

func idNames(rep *ImportReport) map[string]string {
	m := map[string]string{}
	for _, it := range rep.Items {
		m[it.ID] = filepath.Base(it.Path)
	}
	return m
}

func TestVietnameseQueries(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, testDocs))
	const (
		kh = "kh-quyet-tam.txt"
		bc = "bc-typo.txt"
		tb = "tb-can-bo-far.txt"
		ct = "ct-dan-van.txt"
	)
	cases := []struct {
		name  string
		req   Request
		want  []string // exactly these, in any order
		first string   // and this one ranked first
	}{
		{name: "no accents finds both spellings", req: Request{Query: "quyet tam"}, want: []string{kh, bc}},
		{name: "accents typed mean those accents", req: Request{Query: "quyết tâm"}, want: []string{kh}},
		{name: "the other accents mean those", req: Request{Query: "quyết tầm"}, want: []string{bc}},
		{name: "đ typed as d", req: Request{Query: "dang vien"}, want: []string{kh, ct}},
		{name: "upper case", req: Request{Query: "ĐẢNG VIÊN"}, want: []string{kh, ct}},
		{name: "NFD query", req: Request{Query: norm.NFD.String("đảng viên")}, want: []string{kh, ct}},
		{name: "old tone finds new", req: Request{Query: "hoà giải"}, want: []string{kh, bc}},
		{name: "new tone finds old", req: Request{Query: "uỷ ban nhân dân"}, want: []string{kh, bc}},
		{name: "adjacent pair ranks first", req: Request{Query: "cán bộ"}, want: []string{kh, ct, tb}, first: kh},
		{name: "quoted phrase needs adjacency", req: Request{Query: `"cán bộ"`}, want: []string{kh, ct}},
		{name: "phrase of common syllables", req: Request{Query: `"nông thôn mới"`}, want: []string{bc, ct}},
		{name: "exclude a word", req: Request{Query: "nông thôn -vận"}, want: []string{bc}},
		{name: "exclude a phrase", req: Request{Query: `cán bộ -"dân vận"`}, want: []string{kh, tb}},
		{name: "OR", req: Request{Query: `hoà OR "dân vận"`}, want: []string{kh, bc, ct}},
		{name: "year filter", req: Request{Query: "năm:2014"}, want: []string{kh}},
		{name: "year filter, English", req: Request{Query: "cán bộ year:2016"}, want: []string{tb}},
		{name: "year range", req: Request{Query: "nam:2016-2021"}, want: []string{tb, bc, ct}},
		{name: "open year range, after", req: Request{Query: "năm:2016-"}, want: []string{tb, bc, ct}},
		{name: "open year range, after, dots", req: Request{Query: "cán bộ year:2019.."}, want: []string{ct}},
		{name: "open year range, up to", req: Request{Query: "năm:..2016"}, want: []string{kh, tb}},
		{name: "open year range, up to, minus", req: Request{Query: "nam:-2019"}, want: []string{kh, tb, bc}},
		{name: "open year range with words", req: Request{Query: "nông thôn năm:..2019"}, want: []string{bc}},
		{name: "number", req: Request{Query: "so:12-KH/ĐU"}, want: []string{kh}},
		{name: "number folded", req: Request{Query: "số:12-kh/du"}, want: []string{kh}},
		{name: "number without its issuer", req: Request{Query: "so:12-KH"}, want: []string{kh}},
		{name: "number without its office", req: Request{Query: "so:45/BC"}, want: []string{bc}},
		{name: "type", req: Request{Query: "loại:chỉ thị"}, want: []string{ct}},
		{name: "type without accents", req: Request{Query: "loai:bao cao"}, want: []string{bc}},
		{name: "unfinished last word keeps adjacency", req: Request{Query: "quyet ta", AsYouType: true}, want: []string{kh, bc}},
		{name: "unfinished single word", req: Request{Query: "nêu gươ", AsYouType: true}, want: []string{ct}},
		{name: "finished word is not a prefix", req: Request{Query: "quyet ta"}, want: nil},
		{name: "empty query lists all", req: Request{}, want: []string{kh, bc, tb, ct}},
		{name: "facet filter", req: Request{Filters: Filters{Years: []int{2019, 2021}}}, want: []string{bc, ct}},
		{name: "facet filter with query", req: Request{Query: "nông thôn", Filters: Filters{Types: []string{"Báo cáo"}}}, want: []string{bc}},
		{name: "newest first", req: Request{Sort: Newest}, want: []string{ct, bc, tb, kh}, first: ct},
		{name: "oldest first", req: Request{Sort: Oldest}, want: []string{kh, tb, bc, ct}, first: kh},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := searchNames(t, a, names, c.req)
			if !sameSet(got, c.want) {
				t.Fatalf("Search(%q) = %v, want %v", c.req.Query, got, c.want)
			}
			if c.first != "" && got[0] != c.first {
				t.Errorf("Search(%q) ranked %v, want %s first", c.req.Query, got, c.first)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func TestMalformedQueries(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	cases := map[string]string{
		`"cán bộ`:                      QueryUnclosedQuote,
		`năm:`:                         QueryEmptyFilter,
		`năm:abc`:                      QueryBadYear,
		`year:2020-2010`:               QueryBadYear,
		`năm:-`:                        QueryBadYear,
		`năm:..`:                       QueryBadYear,
		`năm:20-`:                      QueryBadYear,
		`năm:..abc`:                    QueryBadYear,
		`năm:1700-2016`:                QueryBadYear,
		`OR cán bộ`:                    QueryDanglingOR,
		`cán bộ OR`:                    QueryDanglingOR,
		`quyết OR -tâm`:                QueryORExclusion,
		`-quyết OR tâm`:                QueryORExclusion,
		`"quyết tâm" OR -"nông thôn"`:  QueryORExclusion,
		strings.Repeat("cán bộ ", 300): QueryTooLong,
	}
	for q, code := range cases {
		_, err := a.Search(context.Background(), Request{Query: q})
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Code != code {
			t.Errorf("Search(%.30q) error = %v, want code %s", q, err, code)
		}
	}
}

func TestSnippetMarksAccentedText(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	res, err := a.Search(context.Background(), Request{Query: "neu guong"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("Search: %v, %d hits", err, len(res.Hits))
	}
	got := res.Hits[0].Snippet.Marked("[", "]", false)
	if !strings.Contains(got, "[nêu] [gương]") {
		t.Errorf("snippet %q does not mark the accented words", got)
	}
	res, _ = a.Search(context.Background(), Request{Query: "quyet ta", AsYouType: true})
	for _, h := range res.Hits {
		s := h.Snippet.Marked("[", "]", false)
		if !strings.Contains(s, "[quyết] [t") {
			t.Errorf("as-you-type snippet %q does not mark the completed word", s)
		}
	}
	// A phrase is marked where it stands whole, and the snippet is cut
	// there, not where its words stand alone; an unfinished word only
	// next to the word before it.
	res, _ = a.Search(context.Background(), Request{Query: `"nông thôn mới"`})
	if len(res.Hits) == 0 {
		t.Fatal("no hits for the phrase")
	}
	for _, h := range res.Hits {
		s := h.Snippet.Marked("[", "]", false)
		if !strings.Contains(strings.ToLower(s), "[nông] [thôn] [mới]") || strings.Count(s, "[") != 3*strings.Count(s, "[mới]") {
			t.Errorf("phrase snippet %q", s)
		}
	}
	res, _ = a.Search(context.Background(), Request{Query: "nông thôn m", AsYouType: true})
	for _, h := range res.Hits {
		s := h.Snippet.Marked("[", "]", false)
		if strings.Contains(s, "[m") && !strings.Contains(s, "[thôn] [m") {
			t.Errorf("unfinished word marked away from the word before it: %q", s)
		}
	}
}

func TestFacetsFollowQuery(t *testing.T) {
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	res, err := a.Search(context.Background(), Request{Query: "cán bộ"})
	if err != nil {
		t.Fatal(err)
	}
	years := map[string]int{}
	for _, v := range res.Facets[FacetYear] {
		years[v.Value] = v.Count
	}
	want := map[string]int{"2014": 1, "2016": 1, "2021": 1}
	if len(years) != len(want) {
		t.Fatalf("year facet = %v, want %v", years, want)
	}
	for y, n := range want {
		if years[y] != n {
			t.Errorf("year facet = %v, want %v", years, want)
		}
	}
	types := map[string]int{}
	for _, v := range res.Facets[FacetType] {
		types[v.Value] = v.Count
	}
	if types["Kế hoạch"] != 1 || types["Chỉ thị"] != 1 || types["Thông báo"] != 1 {
		t.Errorf("type facet = %v", types)
	}
}

// Paging through documents that tie on score and date gives each once.
func TestPagingIsStable(t *testing.T) {
	a := newTestArchive(t)
	docs := map[string]string{}
	for i := range 60 {
		docs[fmt.Sprintf("tb%02d.txt", i)] = fmt.Sprintf("THÔNG BÁO\nVề lịch họp chi bộ\n\nChi bộ họp định kỳ. Mã %d.\n", i)
	}
	importDocs(t, a, docs)
	for _, sort := range []Sort{ByRelevance, Newest, Oldest} {
		seen := map[string]bool{}
		for offset := 0; offset < 60; offset += 7 {
			res, err := a.Search(context.Background(), Request{Query: "chi bộ", Sort: sort, Offset: offset, Limit: 7, NoFacets: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if seen[h.ID] {
					t.Fatalf("%s: %s seen twice", sort, h.ID)
				}
				seen[h.ID] = true
			}
		}
		if len(seen) != 60 {
			t.Errorf("%s: %d documents paged, want 60", sort, len(seen))
		}
	}
}

// TestFilterValuesOfSeveralWords checks that the words typed after a
// filter join its value while the archive has a value holding them all.
func TestFilterValuesOfSeveralWords(t *testing.T) {
	a := newTestArchive(t)
	docs := maps.Clone(testDocs)
	docs["tb-bao-cao.txt"] = strings.Replace(testDocs["tb-can-bo-far.txt"], "Số 05-TB/HU", "Số 07-TB/HU", 1) +
		"Các chi bộ gửi báo cáo kết quả về Văn phòng Huyện ủy.\n"
	names := idNames(importDocs(t, a, docs))
	cases := []struct {
		query string
		want  []string
	}{
		// "báo" alone is in "Thông báo" too, whose text has "báo cáo".
		{`loại:báo cáo`, []string{"bc-typo.txt"}},
		{`loai:bao cao`, []string{"bc-typo.txt"}},
		{`loại:"báo cáo"`, []string{"bc-typo.txt"}},
		// The words after the type are no part of any type: they are words.
		{`loại:kế hoạch hòa giải`, []string{"kh-quyet-tam.txt"}},
		{`loại:chỉ thị nông thôn`, []string{"ct-dan-van.txt"}},
		// Left out as a whole, too.
		{`-loại:thông báo -loại:báo cáo -loại:kế hoạch huyện`, []string{"ct-dan-van.txt"}},
	}
	for _, c := range cases {
		got := searchNames(t, a, names, Request{Query: c.query})
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
		}
	}
}

func TestParseYearsOpenEnds(t *testing.T) {
	cases := []struct {
		typed    string
		from, to int
	}{
		{"2016", 2016, 2016},
		{"2015-2018", 2015, 2018},
		{"2015..2018", 2015, 2018},
		{"2016-", 2016, 2216},
		{"2016..", 2016, 2216},
		{"..2016", 1816, 2016},
		{"-2016", 1816, 2016},
		{" 2016 - ", 2016, 2216},
		{"9900-", 9900, 9999},
		{"..1100", 1000, 1100},
	}
	for _, c := range cases {
		from, to, err := parseYears(c.typed)
		if err != nil || from != c.from || to != c.to {
			t.Errorf("parseYears(%q) = %d, %d, %v; want %d, %d", c.typed, from, to, err, c.from, c.to)
		}
	}
	for _, typed := range []string{"", "-", "..", "20-", "..20", "2016--", "2016-..", "abc-", "2018-2015", "1700-2016"} {
		if _, _, err := parseYears(typed); err == nil {
			t.Errorf("parseYears(%q) took it", typed)
		}
	}
}
