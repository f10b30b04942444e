package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

// engineDocs writes n documents of the kinds communes file, varied in
// type, year, issuer and wording, so that queries match some of them.
func engineDocs(seed uint64, n int) map[string]string {
	r := rand.New(rand.NewPCG(seed, 1))
	types := []string{"KẾ HOẠCH", "BÁO CÁO", "NGHỊ QUYẾT", "CHỈ THỊ", "HƯỚNG DẪN"}
	issuers := []string{"ỦY BAN NHÂN DÂN XÃ KIẾN AN", "ĐẢNG ỦY XÃ LONG ĐIỀN B", "HUYỆN ỦY CHỢ MỚI"}
	phrases := []string{
		"xây dựng nông thôn mới", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		"cán bộ, đảng viên phải quyết tâm", "nhân dân quyết tầm đóng góp ngày công",
		"hòa giải ở cơ sở", "giao thông nông thôn", "đảng viên gương mẫu", "phòng chống dịch bệnh",
		// Together, these two and the third hold the pairs of "phải
		// quyết tâm xây dựng" apart; the last holds the phrase.
		"quyết tâm xây dựng nông thôn mới", "đoàn viên phải quyết tâm xây dựng quê hương",
	}
	out := map[string]string{}
	for i := range n {
		year := 2010 + r.IntN(12)
		var body []string
		for range 2 + r.IntN(6) {
			body = append(body, phrases[r.IntN(len(phrases))])
		}
		out[fmt.Sprintf("d%04d.txt", i)] = fmt.Sprintf("%s\nSố: %d/KH-UBND\nngày %d tháng %d năm %d\n\n%s\nVề việc %s\n\n%s.\n",
			issuers[r.IntN(len(issuers))], i+1, 1+r.IntN(28), 1+r.IntN(12), year,
			types[r.IntN(len(types))], phrases[r.IntN(len(phrases))], strings.Join(body, ". "))
	}
	return out
}

// TestEngineAgainstDocuments checks totals, facet counts and orders of
// the query engine against a plain reading of every stored document, on
// an archive of several index segments with deleted and edited documents.
func TestEngineAgainstDocuments(t *testing.T) {
	a := newTestArchive(t)
	var ids []string
	for batch := range 3 {
		rep := importDocs(t, a, engineDocs(uint64(batch), 150))
		for _, it := range rep.Items {
			ids = append(ids, it.ID)
		}
	}
	if err := a.Delete(ids[3], ids[160], ids[400]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Edit(ids[10], map[string]string{"date": "01/05/1999", "type": "Thông báo"}); err != nil {
		t.Fatal(err)
	}
	var docs []*Document
	for _, id := range ids {
		if d, err := a.Get(id); err == nil {
			docs = append(docs, d)
		}
	}
	if len(docs) != 447 {
		t.Fatalf("%d documents stored, want 447", len(docs))
	}
	words := func(d *Document) []string {
		var out []string
		for _, tok := range vntext.Tokens(d.Title + "\n" + d.Text) {
			out = append(out, vntext.Fold(tok.Text))
		}
		return out
	}
	hasAll := func(d *Document, query ...string) bool {
		w := words(d)
		for _, q := range query {
			if !slices.Contains(w, q) {
				return false
			}
		}
		return true
	}
	hasPhrase := func(d *Document, phrase ...string) bool {
		w := words(d)
		for i := 0; i+len(phrase) <= len(w); i++ {
			if slices.Equal(w[i:i+len(phrase)], phrase) {
				return true
			}
		}
		return false
	}
	cases := []struct {
		req  Request
		want func(d *Document) bool
	}{
		{Request{Query: "nông thôn"}, func(d *Document) bool { return hasAll(d, "nong", "thon") }},
		{Request{Query: "quyet tam"}, func(d *Document) bool { return hasAll(d, "quyet", "tam") }},
		{Request{Query: `"giao thông nông thôn"`}, func(d *Document) bool { return hasPhrase(d, "giao", "thong", "nong", "thon") }},
		// Phrases of three syllables or more: only the documents that hold
		// them, not those that hold their pairs apart.
		{Request{Query: `"phải quyết tâm xây dựng"`}, func(d *Document) bool { return hasPhrase(d, "phai", "quyet", "tam", "xay", "dung") }},
		{Request{Query: `đảng viên -"phải quyết tâm xây dựng"`}, func(d *Document) bool {
			return hasAll(d, "dang", "vien") && !hasPhrase(d, "phai", "quyet", "tam", "xay", "dung")
		}},
		{Request{Query: `"tâm xây dựng nông" OR "gương mẫu"`}, func(d *Document) bool {
			return hasPhrase(d, "tam", "xay", "dung", "nong") || hasPhrase(d, "guong", "mau")
		}},
		{Request{Query: "đảng viên -dịch"}, func(d *Document) bool { return hasAll(d, "dang", "vien") && !hasAll(d, "dich") }},
		{Request{Query: "hòa giải năm:2015"}, func(d *Document) bool { return hasAll(d, "hoa", "giai") && d.Year == 2015 }},
		{Request{Query: "cơ sở", Filters: Filters{Years: []int{2012, 2013}}}, func(d *Document) bool {
			return hasAll(d, "co", "so") && (d.Year == 2012 || d.Year == 2013)
		}},
		{Request{Filters: Filters{Types: []string{"Thông báo"}}}, func(d *Document) bool { return d.Type == "Thông báo" }},
		{Request{Query: "", Sort: Oldest}, func(d *Document) bool { return true }},
	}
	for _, c := range cases {
		t.Run(c.req.Query+fmt.Sprint(c.req.Filters.Years, c.req.Filters.Types), func(t *testing.T) {
			want := map[string]bool{}
			wantFacets := map[string]int{}
			for _, d := range docs {
				if !c.want(d) {
					continue
				}
				want[d.ID] = true
				for _, v := range d.Campaigns {
					wantFacets["campaign "+v]++
				}
				for _, v := range d.Topics {
					wantFacets["topic "+v]++
				}
				if d.Type != "" {
					wantFacets["type "+d.Type]++
				}
				if d.Issuer != "" {
					wantFacets["issuer "+d.Issuer]++
				}
				if d.Year > 0 {
					wantFacets["year "+strconv.Itoa(d.Year)]++
				}
			}
			if len(want) == 0 {
				t.Fatal("the case matches no document; it tests nothing")
			}
			req := c.req
			req.Limit = 7
			req.FacetSize = 1000
			seen := map[string]bool{}
			var prev *Hit
			for req.Offset = 0; ; req.Offset += req.Limit {
				res, err := a.Search(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if res.Total != len(want) {
					t.Fatalf("total %d, want %d", res.Total, len(want))
				}
				if req.Offset == 0 {
					got := map[string]int{}
					for name, values := range res.Facets {
						for _, v := range values {
							got[name+" "+v.Value] = v.Count
						}
					}
					if fmt.Sprint(got) != fmt.Sprint(wantFacets) {
						t.Errorf("facets\n got %v\nwant %v", got, wantFacets)
					}
				}
				if len(res.Hits) == 0 {
					break
				}
				for i := range res.Hits {
					h := &res.Hits[i]
					if !want[h.ID] || seen[h.ID] {
						t.Fatalf("hit %s: wanted %v, seen before %v", h.ID, want[h.ID], seen[h.ID])
					}
					seen[h.ID] = true
					if prev != nil && !inOrder(req.Sort, req.Query, prev, h) {
						t.Errorf("%s (%s, %.4f) listed after %s (%s, %.4f)", h.ID, h.Date, h.Score, prev.ID, prev.Date, prev.Score)
					}
					prev = h
				}
			}
			if len(seen) != len(want) {
				t.Errorf("paging listed %d documents, want %d", len(seen), len(want))
			}
		})
	}
}

// inOrder tells whether b may follow a in a result list.
func inOrder(sort Sort, query string, a, b *Hit) bool {
	date := func(h *Hit) string { return sortDate(&Document{Date: h.Date, Year: h.Year}) }
	switch {
	case sort == Oldest:
		return date(b) == "" || date(a) != "" && date(a) <= date(b)
	case sort == Newest || query == "" || strings.HasPrefix(query, "năm:"):
		return date(a) >= date(b)
	}
	return a.Score >= b.Score
}

// TestFacetCacheBesideIndex: the engine keeps its facet cache in
// <archive>/facets, beside Bleve's folder, and the folder an older version
// kept inside Bleve's is removed on Open, without harm to the index.
func TestFacetCacheBesideIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	open := func() *Archive {
		a, err := Open(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	facets := func(a *Archive) string {
		res, err := a.Search(context.Background(), Request{Query: "nông thôn", FacetSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Total, res.Facets)
	}
	a := open()
	importDocs(t, a, engineDocs(7, 120))
	want := facets(a)
	a.Close()
	old := filepath.Join(dir, indexDir, facetsDir)
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(old, "000000000002.zap.facets"), []byte("khovanban facets 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a = open()
	if got := facets(a); got != want {
		t.Errorf("facets\n got %s\nwant %s", got, want)
	}
	a.Close()
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("the old cache folder inside Bleve's is still there (%v)", err)
	}
	if files := mustGlob(t, filepath.Join(dir, facetsDir, "*.facets")); len(files) == 0 {
		t.Errorf("no facet cache written in %s", filepath.Join(dir, facetsDir))
	}
	// A read-only archive reads the cache and writes none.
	if err := os.RemoveAll(filepath.Join(dir, facetsDir)); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if got := facets(ro); got != want {
		t.Errorf("read-only: facets\n got %s\nwant %s", got, want)
	}
	ro.Close()
	if _, err := os.Stat(filepath.Join(dir, facetsDir)); !os.IsNotExist(err) {
		t.Errorf("a read-only archive wrote a facet cache (%v)", err)
	}
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
