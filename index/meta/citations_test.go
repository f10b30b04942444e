package meta

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestReadCitations(t *testing.T) {
	text := "Căn cứ Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị về tiếp tục đẩy mạnh; " +
		"Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ phê duyệt; " +
		"thực hiện Kế hoạch số 198-KH-CĐKT của Công đoàn và kế hoạch 128-KH/HU; " +
		"Nghị quyết số 26-NQ/TW ngày 05/8/2008 của Ban Chấp hành Trung ương Đảng khóa X về nông nghiệp; " +
		"giai đoạn 2021-2025; Chỉ thị số 03-CT/TW (nhắc lại); Kế hoạch số 12-KH/HU của chính văn bản này."
	want := []Citation{
		{"Chỉ thị", "03-CT/TW", "2011-05-14", "Bộ Chính trị"},
		{"Quyết định", "1600/QĐ-TTg", "2016-08-16", "Thủ tướng Chính phủ"},
		{"Kế hoạch", "198-KH-CĐKT", "", "Công đoàn"},
		{"Kế hoạch", "128-KH/HU", "", ""},
		{"Nghị quyết", "26-NQ/TW", "2008-08-05", "Ban Chấp hành Trung ương Đảng khóa X"},
	}
	got := readCitations(text, "Số 12-KH/HU")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readCitations:\n got %+v\nwant %+v", got, want)
	}
}

func TestFirstDate(t *testing.T) {
	tests := map[string]string{
		"họp ngày 14/4/2014, Ban Thường vụ":                "2014-04-14",
		"thành lập ngày 01-10-1997 tại xã":                 "1997-10-01",
		"giai đoạn 2021-2025, đến ngày 3 tháng 2 năm 2020": "2020-02-03",
		"tỷ lệ 12/19 tiêu chí, ngày 31/2/2020":             "",
		"lúc 2.5.2019 khai mạc":                            "2019-05-02",
	}
	for in, want := range tests {
		if got, _ := firstDate(in); got != want {
			t.Errorf("firstDate(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCitedTypeIsTheRegexp holds citedType to the regular expression it
// replaced, on every number's window of the texts below and on edge cases
// of spaces, "số", colons, letters before the type and cut windows.
func TestCitedTypeIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?:^|[^\p{L}])(` + strings.Join(citedTypesRe(), "|") + `)\s+(?:số\s*:?\s*)?$`)
	cases := []string{
		"Căn cứ Chỉ thị số ", "căn cứ chỉ thị số", "Kế hoạch ", "kế hoạch", "theo Quyết định số: ",
		"theo Quyết định số :", "Quyết định :", "Quyết định số:", "Quyết địnhsố ", "xQuyết định số ",
		"1Quyết định số ", "Đề án ", "đề án số ", "ĐỀ ÁN số ", "uyết định số ", "Nghị định\tsố\t",
		"Thông tư  số  :  ", "thông tin số ", "Tờ trình\nsố ", "Chương trình số ", "hương trình số ",
		"Báo cáo\u00a0số ", "ấKế hoạch ", "\xffKế hoạch ", "Kế hoạch số số ", "số ", "", " ", "QUYẾT ĐỊNH số ",
		"Quy chế số", "Quy định", "Công điện số:", "Công văn số :  ", "Kết luận số  ", "Thông tri",
	}
	text := "Căn cứ Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị; Quyết định số 1600/QĐ-TTg; " +
		"thực hiện Kế hoạch số 198-KH-CĐKT và kế hoạch 128-KH/HU; Nghị quyết số: 26-NQ/TW; Đề án 06/ĐA-UBND; " +
		"Hướng dẫn số 12-HD/BTGTW, Thông báo số 5/TB-VP, tờ trình số 7/TTr-UBND, phương án 3/PA-BCĐ."
	for i := range text {
		for _, n := range []int{40, 12, 7, 3} {
			cases = append(cases, before(text, i, n))
		}
	}
	for _, c := range cases {
		want := ""
		if m := re.FindStringSubmatch(c); m != nil {
			want = m[1]
		}
		if got := citedType(c); got != want {
			t.Errorf("citedType(%q) = %q, the regexp reads %q", c, got, want)
		}
	}
}

// citedTypesRe writes citeTypes as the regular expression's alternatives:
// "[Nn]ghị quyết".
func citedTypesRe() []string {
	var out []string
	for _, typ := range citeTypes {
		r, n := utf8.DecodeRuneInString(typ)
		out = append(out, "["+string(unicode.ToUpper(r))+string(r)+"]"+typ[n:])
	}
	return out
}

// TestCitedNumberIsTheRegexp holds citedNumberLen and citedDateIssuer to
// the one regular expression they replaced, on every position of the texts
// below, windows cut short (in a rune too) among them.
func TestCitedNumberIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(\d+[a-z]?(?:\s*/\s*\d{4})?\s*[-/]\s*\p{Lu}[\p{L}]*(?:\s*[-/]\s*[\p{Lu}\d][\p{L}\d]*)*)` +
		`(?:\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))?` +
		`(?:\s*,?\s*của\s+(\p{Lu}[\p{L}\d]*(?:\s+[\p{L}\d]+){0,11}))?`)
	texts := []string{
		"Căn cứ Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị về tiếp tục; Quyết định số 1600/QĐ-TTg ngày 16/8/2016 " +
			"của Thủ tướng Chính phủ; Kế hoạch số 198-KH-CĐKT của Công đoàn và kế hoạch 128-KH/HU; 666/2015/QĐ-UBND, " +
			"ngày 3.4.2015, của UBND tỉnh Lâm Đồng; 12a/BC-UBND; 15/20155/QĐ; 15/ 2015 /QĐ; 03 - CT / TW; 7/ĐA; 8/đa; " +
			"9/QĐ-2019-UBND ngày 1-2-2020; 10/QĐ-, 11/QĐ/ ; 12/QĐ-UBND,ngày 5/6/2021,của Sở Nội vụ tỉnh " +
			"Bình Phước về việc một hai ba bốn năm sáu bảy tám chín mười mười một mười hai; 13/KH\tngày\t2/3/2021; " +
			"14/Ω-Σ; 15/QĐ-ĐU của 16/ABC; 17/QĐ-UBND ngày 32/13/2021; 18/2021/NĐ-CP của chính phủ; 19/QĐ ngày 1/1/99",
		"20/", "21/ ", "22/Q", "23/2024", "24/2024/", "25/Đ\xff-X", "26/QĐ-\xc3", "27a/B-", "28 /\nĐ",
	}
	for _, text := range texts {
		for i := 0; i < len(text); i++ {
			for _, n := range []int{200, 30, 9, 5} {
				w := text[i:min(len(text), i+n)]
				n, m := citedNumberLen(w), re.FindStringSubmatch(w)
				if m == nil {
					if n >= 0 {
						t.Errorf("citedNumberLen(%q) = %d, the regexp matches nothing", w, n)
					}
					continue
				}
				if n != len(m[1]) {
					t.Errorf("citedNumberLen(%q) = %d, the regexp reads %q", w, n, m[1])
					continue
				}
				var date string
				if m[4] != "" {
					date, _ = dateOf(m[2], m[3], m[4])
				}
				d, iss := citedDateIssuer(w[n:])
				if d != date || iss != citationIssuer(m[5]) {
					t.Errorf("citedDateIssuer(%q) = %q, %q; the regexp reads %q, %q", w[n:], d, iss, date, citationIssuer(m[5]))
				}
			}
		}
	}
}
