package main

import (
	"path/filepath"
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
