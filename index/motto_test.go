package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestMottoSpans(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // the spans' text
	}{
		{"two lines", "UBND XÃ AN BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/KH-UBND",
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}},
		{"one line beside the issuer, old tone places, en dashes",
			"UỶ BAN NHÂN DÂN XÃ AN BÌNH    CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n    Độc lập – Tự do – Hạnh phúc\n",
			[]string{"CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập – Tự do – Hạnh phúc"}},
		{"decomposed", norm.NFD.String("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập Tự do Hạnh phúc"),
			[]string{norm.NFD.String("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), norm.NFD.String("Độc lập Tự do Hạnh phúc")}},
		{"a party's heading has neither", "ĐẢNG BỘ HUYỆN AN BÌNH\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-NQ/HU", nil},
		{"part of the name only", "Nhà nước Cộng hòa xã hội và tự do hạnh phúc", nil},
		{"a second letter's heading", strings.Repeat("Các xã báo cáo kết quả. ", 200) + "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
			[]string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}},
		{"a run broken, then whole", "Độc lập tự chủ. Độc lập - Tự do - Hạnh phúc", []string{"Độc lập - Tự do - Hạnh phúc"}},
		{"lower case, no marks (a text typed without them)", "cong hoa xa hoi chu nghia viet nam\ndoc lap tu do hanh phuc",
			[]string{"cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"}},
	} {
		var got []string
		for _, s := range mottoSpans(c.text) {
			got = append(got, c.text[s[0]:s[1]])
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: mottoSpans = %q, want %q", c.name, got, c.want)
		}
	}
}

// mottoDocs: three documents under the state heading; one holds "hạnh
// phúc" in its text, one "xã hội", one neither.
var mottoDocs = map[string]string{
	"kh-giadinh.txt": `UBND XÃ AN BÌNH                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                               Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND                 An Bình, ngày 3 tháng 5 năm 2024

KẾ HOẠCH
Xây dựng gia đình văn hóa năm 2024

Vận động các hộ xây dựng gia đình no ấm, tiến bộ, hạnh phúc.
`,
	"bc-ansinh.txt": `UBND XÃ AN BÌNH
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
Số: 40/BC-UBND
An Bình, ngày 9 tháng 6 năm 2024

BÁO CÁO
Kết quả chi trả trợ cấp

Chi trả đủ trợ cấp an sinh xã hội cho các hộ nghèo trong tháng.
`,
	"tb-hop.txt": `UBND XÃ AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 41/TB-UBND
An Bình, ngày 10 tháng 6 năm 2024

THÔNG BÁO
Lịch họp tháng 7

Ủy ban họp thường kỳ vào sáng thứ Hai đầu tháng.
`,
}

// TestMottoNotIndexed checks that the country's name and motto at the
// head of a document do not make it match their words, and the words
// beside them still do: after an import, after an edit (the entry indexed
// again on its own) and after a rebuild.
func TestMottoNotIndexed(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, mottoDocs)
	names := idNames(rep)
	check := func(when string) {
		t.Helper()
		for q, want := range map[string][]string{
			"hạnh phúc":        {"kh-giadinh.txt"},
			"hanh phuc":        {"kh-giadinh.txt"},
			"xã hội":           {"bc-ansinh.txt"},
			"tự do":            nil,
			"độc lập":          nil,
			"chu nghia":        nil,
			"an binh":          {"bc-ansinh.txt", "kh-giadinh.txt", "tb-hop.txt"},
			"ubnd xa":          {"bc-ansinh.txt", "kh-giadinh.txt", "tb-hop.txt"},
			`"phuc so"`:        nil, // no pair joins the motto's last syllable to the next
			"lịch họp":         {"tb-hop.txt"},
			`"an sinh xã hội"`: {"bc-ansinh.txt"},
		} {
			got := searchNames(t, a, names, Request{Query: q, ExactTotal: true})
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s: Search(%q) = %v, want %v", when, q, got, want)
			}
		}
	}
	check("imported")
	// Nor does a snippet show the heading for them.
	res, err := a.Search(context.Background(), Request{Query: "xã hội"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet.Text, "an sinh xã hội") || strings.Contains(res.Hits[0].Snippet.Text, "CHỦ NGHĨA") {
		t.Errorf("Search(xã hội): snippets %+v, want one of the text's \"an sinh xã hội\"", res.Hits)
	}
	for id, name := range names {
		if name == "tb-hop.txt" {
			if _, err := a.Edit(id, map[string]string{"title": "Lịch họp tháng 7 năm 2024"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The reader marks the text's words, not the heading's.
	text := mottoDocs["bc-ansinh.txt"]
	marks, err := a.Highlight(context.Background(), "xã hội", false, text)
	if err != nil {
		t.Fatal(err)
	}
	heading := mottoSpans(text)
	if len(heading) != 2 || len(marks) != 3 { // UBND XÃ …, an sinh xã hội
		t.Fatalf("Highlight(xã hội) = %v in %q, heading %v", marks, text, heading)
	}
	for _, r := range marks {
		if r.Start >= heading[0][0] && r.Start < heading[1][1] {
			t.Errorf("Highlight(xã hội) marks %q in the heading", text[r.Start:r.End])
		}
	}
	check("edited")
	if err := a.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	check("rebuilt")
	// The stored text keeps the heading whole.
	for id, name := range names {
		if name != "kh-giadinh.txt" {
			continue
		}
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Text, "Độc lập - Tự do - Hạnh phúc") {
			t.Errorf("stored text lost the motto: %q", d.Text[:min(len(d.Text), 200)])
		}
	}
}
