package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestShowLabels: show names each field as the window and the edit
// command do (index.FieldLabel), in Vietnamese and in English, and lists
// the fields to check by those names.
func TestShowLabels(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "a")
	files := writeFiles(t, map[string]string{"kh.txt": planText, "ghi-chep.txt": "Ghi chép buổi họp chi bộ về trồng cây."})
	if code, out, errOut := run(t, archive, "import", files); code != 0 {
		t.Fatalf("import: %s %s", out, errOut)
	}
	if _, out, _ := run(t, archive, "review"); !strings.Contains(out, "Cơ quan ban hành, Ngày ban hành]") || strings.Contains(out, "issuer") {
		t.Errorf("review names the fields to check so:\n%s", out)
	}
	for _, c := range []struct {
		lang, query string
		want        []string
	}{
		{"vi", "so:12-KH/ĐU", []string{"Trích yếu:", "Số hiệu:               12-KH/ĐU", "Cơ quan ban hành:", "Ngày ban hành:         14/04/2014"}},
		{"en", "so:12-KH/ĐU", []string{"Subject:", "Number:                12-KH/ĐU", "Date issued:           14/04/2014"}},
		{"vi", "trồng cây", []string{"Cần xem lại:", "Cơ quan ban hành, Ngày ban hành\n"}},
		{"en", "trồng cây", []string{"To review:", "Issuing body, Date issued\n"}},
	} {
		t.Setenv("KHOVANBAN_LANG", c.lang)
		_, out, _ := run(t, archive, "search", "-json", c.query)
		i := strings.Index(out, `"id": "`)
		if i < 0 {
			t.Fatalf("%s: not found: %s", c.query, out)
		}
		id := out[i+7 : i+23]
		code, out, errOut := run(t, archive, "show", id)
		for _, w := range c.want {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("%s show %s: no %q in\n%s%s", c.lang, c.query, w, out, errOut)
			}
		}
	}
}

// TestSearchDateFilter: the query's date filter is the same exact filter
// on the command line as in the window, and a date that does not exist is
// explained.
func TestSearchDateFilter(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "a")
	files := writeFiles(t, map[string]string{"kh.txt": planText, "ghi-chep.txt": "Ghi chép buổi họp chi bộ về trồng cây."})
	if code, out, errOut := run(t, archive, "import", files); code != 0 {
		t.Fatalf("import: %s %s", out, errOut)
	}
	for query, want := range map[string]string{"ngày:14/04/2014": "1 kết quả", "date:2014-04": "1 kết quả", "ngay:2013..2015": "1 kết quả", "ngay:15/04/2014": "0 kết quả"} {
		code, out, errOut := run(t, archive, "search", query)
		if code != 0 || !strings.HasPrefix(out, want) {
			t.Errorf("search %s: %d %q %q, want %q", query, code, out, errOut, want)
		}
	}
	code, out, errOut := run(t, archive, "search", "ngày:31/02/2014")
	if code == 0 || !strings.Contains(errOut, "Ngày “31/02/2014” không hợp lệ") {
		t.Errorf("search ngày:31/02/2014: %d %q %q", code, out, errOut)
	}
}

// TestShowSignerTitle: show gives the signer's name as "Người ký" and the
// title as "Chức vụ người ký"; a draft with a title and no name has no
// "Người ký" (realdev lamdong-144 read "Người ký: CHỦ TỊCH").
func TestShowSignerTitle(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "a")
	files := writeFiles(t, map[string]string{"draft.txt": "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: /KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày tháng 9 năm 2025\nDỰ THẢO\nKẾ HOẠCH\nTriển khai thực hiện Chương trình phòng, chống ma túy đến năm 2030\n\nCác sở, ngành triển khai thực hiện kế hoạch này.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\n"})
	if code, out, errOut := run(t, archive, "import", files); code != 0 {
		t.Fatalf("import: %s %s", out, errOut)
	}
	_, out, _ := run(t, archive, "search", "-json", "ma túy")
	i := strings.Index(out, `"id": "`)
	if i < 0 {
		t.Fatalf("not found: %s", out)
	}
	_, out, _ = run(t, archive, "show", out[i+7:i+23])
	title := false
	for _, line := range strings.Split(out, "\n") {
		title = title || strings.HasPrefix(line, "Chức vụ người ký:") && strings.HasSuffix(line, " CHỦ TỊCH")
	}
	if strings.Contains(out, "Người ký:") || !title {
		t.Errorf("show:\n%s", out)
	}
}

// TestSearchYearFlagOpenRanges: -year takes what the search box's năm:
// takes, the open ranges too (2016- is 2016 and after, ..2016 up to the
// end of 2016), and finds what năm: finds; the help shows the open ranges
// for -year and for năm: in each language, and every -year example it
// shows is taken; a year that is no year is a usage mistake that says how
// to write one.
func TestSearchYearFlagOpenRanges(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	dated := func(number, day string, year int) string {
		return fmt.Sprintf("HUYỆN ỦY CHỢ MỚI\nSố %s\nChợ Mới, ngày %s năm %d\n\nBÁO CÁO\nKết quả công tác dân vận năm %d\n\nCông tác dân vận được chú trọng.\n", number, day, year, year)
	}
	dir := writeFiles(t, map[string]string{
		"a.txt": dated("05-BC/HU", "3 tháng 1", 2014),
		"b.txt": dated("06-BC/HU", "4 tháng 2", 2016),
		"c.txt": dated("07-BC/HU", "5 tháng 3", 2018),
	})
	if code, out, errOut := run(t, archive, "import", dir); code != 0 {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	count := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, archive, append([]string{"search", "-limit", "5"}, args...)...)
		if code != 0 {
			t.Errorf("search %q: exit %d %s", args, code, errOut)
		}
		first, _, _ := strings.Cut(out, " kết quả")
		return first
	}
	for year, want := range map[string]string{"2016-": "2", "2016..": "2", "..2016": "2", "2017-": "1", "..2015": "1", "2014-2016": "2", "2019-": "0"} {
		if got := count("-year", year, "dân vận"); got != want {
			t.Errorf("search -year %s: %s found, want %s", year, got, want)
		}
		if box := count("dân vận năm:" + year); box != count("-year", year, "dân vận") {
			t.Errorf("search -year %s found %s, năm:%s %s", year, count("-year", year, "dân vận"), year, box)
		}
	}
	for _, l := range []string{"vi", "en"} {
		t.Setenv("KHOVANBAN_LANG", l)
		_, help, _ := run(t, archive, "help", "search")
		examples := regexp.MustCompile(`-year (\.\.\d{4}|\d{4}(?:-\d{4}|-|\.\.)?)`).FindAllStringSubmatch(help, -1)
		var shown []string
		for _, m := range examples {
			shown = append(shown, m[1])
			if code, out, errOut := run(t, archive, "search", "-year", m[1], "dân vận"); code != 0 {
				t.Errorf("%s: the help's -year %s: exit %d %s %s", l, m[1], code, out, errOut)
			}
		}
		for _, want := range []string{"2014-2016", "2016-", "..2016"} {
			if !slices.Contains(shown, want) {
				t.Errorf("%s: the help shows -year %q, not %q", l, shown, want)
			}
			if !strings.Contains(help, "năm:"+want) {
				t.Errorf("%s: the help's filters in the query have no năm:%s:\n%s", l, want, help)
			}
		}
	}
	t.Setenv("KHOVANBAN_LANG", "vi")
	code, _, errOut := run(t, archive, "search", "-year", "201-", "x")
	if code != 2 || !strings.Contains(errOut, "-year 2016- (từ 2016 trở về sau)") {
		t.Errorf("search -year 201-: exit %d %q", code, errOut)
	}
}
