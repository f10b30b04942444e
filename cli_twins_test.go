package main

import (
	"encoding/json"
	"html"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index"
)

// The same plan as a text file and as a web page: import says so, show
// lists both originals and search lists them once.
func TestTwinsOnTheCommandLine(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	page := "<html><body><p>" + strings.ReplaceAll(html.EscapeString(planText), "\n", "</p>\n<p>") + "</p></body></html>"
	dir := writeFiles(t, map[string]string{"kh.txt": planText, "kh.htm": page})

	if code, out, errOut := run(t, archive, "import", filepath.Join(dir, "kh.txt")); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut := run(t, archive, "import", filepath.Join(dir, "kh.htm"))
	if code != 0 || !strings.Contains(out, "(trùng nội dung với kh.txt, ") || !strings.Contains(out, "1 tệp đã thêm là 0 văn bản mới; 1 tệp (HTM) có cùng nội dung với một tệp khác") {
		t.Fatalf("import of the twin: exit %d\n%s%s", code, out, errOut)
	}
	id := strings.Fields(strings.Split(out, "\t")[2])[0]

	code, out, _ = run(t, archive, "show", "-json", id)
	var doc struct {
		ID     string `json:"id"`
		TwinOf string `json:"twin_of"`
		Twins  []struct {
			ID, Format string
		} `json:"twins"`
	}
	if err := json.Unmarshal([]byte(out), &doc); code != 0 || err != nil {
		t.Fatalf("show -json: exit %d %v\n%s", code, err, out)
	}
	if doc.ID != id || doc.TwinOf == "" || len(doc.Twins) != 2 || doc.Twins[0].Format != "txt" || doc.Twins[1].ID != id {
		t.Errorf("show -json: %+v, want the txt first and this htm", doc)
	}
	if code, out, _ = run(t, archive, "show", id); code != 0 || !strings.Contains(out, "Cùng nội dung:") || !strings.Contains(out, "TXT kh.txt") {
		t.Errorf("show: exit %d\n%s", code, out)
	}

	code, out, _ = run(t, archive, "search", "-json", "nêu gương")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			Twins []struct{ ID string } `json:"twins"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil {
		t.Fatalf("search -json: exit %d %v\n%s", code, err, out)
	}
	if res.Total != 1 || len(res.Hits) != 1 || len(res.Hits[0].Twins) != 2 {
		t.Errorf("search -json: %s, want one hit with two twins", out)
	}

	// stats, a backup and a pack count one document, two files (usertest
	// finding 9: they said 2 where the list shows 1).
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"stats"}, "Văn bản: 1 (2 tệp)\n"},
		{[]string{"backup", filepath.Join(t.TempDir(), "kho.zip")}, "Đã sao lưu 1 văn bản (2 tệp), và 0 văn bản trong thùng rác, vào"},
		{[]string{"pack", "export", "-office", "Xã", filepath.Join(t.TempDir(), "g.kvbpack")}, "Đã đóng gói 1 văn bản (2 tệp) của Xã"},
	} {
		if code, out, errOut := run(t, archive, c.args...); code != 0 || !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want %q\n%s%s", c.args, code, c.want, out, errOut)
		}
	}
	// check and a pack's plan count so too: one document, two files.
	pack := filepath.Join(t.TempDir(), "g2.kvbpack")
	run(t, archive, "pack", "export", "-office", "Xã", pack)
	other := filepath.Join(t.TempDir(), "kho-khac")
	run(t, other, "import", writeFiles(t, map[string]string{"tb.txt": "UBND XÃ AN PHÚ\nTHÔNG BÁO\nVề lịch tiếp dân tháng 5\n\nỦy ban nhân dân xã tiếp dân vào thứ Năm.\n"}))
	for _, c := range []struct {
		dir  string
		args []string
		want string
	}{
		{archive, []string{"check"}, "Đã kiểm tra 1 văn bản (2 tệp) (và 0 trong thùng rác)"},
		{other, []string{"pack", "import", "-dry-run", pack}, "mới: 1 (2 tệp), đã có: 0"},
		{archive, []string{"pack", "import", "-dry-run", pack}, "mới: 0, đã có: 1 (2 tệp)"},
	} {
		if code, out, errOut := run(t, c.dir, c.args...); !strings.Contains(out, c.want) {
			t.Errorf("%v: exit %d, want %q\n%s%s", c.args, code, c.want, out, errOut)
		}
	}
}

// separate takes a file out of its group of the same text: show lists no
// other format, and a second time says it is in no group.
func TestSeparateOnTheCommandLine(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	page := "<html><body><p>" + strings.ReplaceAll(html.EscapeString(planText), "\n", "</p>\n<p>") + "</p></body></html>"
	dir := writeFiles(t, map[string]string{"kh.txt": planText, "kh.htm": page})
	if code, out, errOut := run(t, archive, "import", dir); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ := run(t, archive, "search", "-json", "nêu gương")
	var res struct {
		Hits []struct {
			Twins []struct{ ID string } `json:"twins"`
		} `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || len(res.Hits) != 1 || len(res.Hits[0].Twins) != 2 {
		t.Fatalf("search -json: exit %d %v\n%s", code, err, out)
	}
	id := res.Hits[0].Twins[1].ID
	if code, out, errOut := run(t, archive, "separate", id[:6]); code != 0 || !strings.Contains(out, "Đã tách "+id+" khỏi nhóm cùng nội dung: ") {
		t.Fatalf("separate: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, archive, "show", id); code != 0 || strings.Contains(out, "Cùng nội dung:") {
		t.Errorf("show after separate: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, archive, "separate", id); code != 1 || !strings.Contains(errOut, "không nằm trong nhóm cùng nội dung") {
		t.Errorf("separate again: exit %d\n%s", code, errOut)
	}
	if code, _, _ := run(t, archive, "separate"); code != 2 {
		t.Errorf("separate without an id: exit %d, want 2", code)
	}
}

// The documents a twin check found with another member's details are
// named on errOut after it, a live one by its title, one in the Trash as
// such; nothing is said when there are none.
func TestCopiedDetailsAreNamed(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	var out, errOut strings.Builder
	c := &cli{out: &out, err: &errOut}
	get := func(id string) (*index.Document, error) {
		if id == "bbbb" {
			return nil, index.ErrNotFound
		}
		return &index.Document{ID: id, Title: "Tham luận của Hội Nông dân xã"}, nil
	}
	c.printCopied(nil, get)
	if errOut.Len() != 0 {
		t.Errorf("nothing copied, but: %q", errOut.String())
	}
	c.printCopied([]string{"aaaa", "bbbb"}, get)
	for _, want := range []string{"2 văn bản đã được tách khỏi nhóm", "  aaaa  Tham luận của Hội Nông dân xã\n", "  bbbb  (trong Thùng rác)\n"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("errOut lacks %q:\n%s", want, errOut.String())
		}
	}
	if out.Len() != 0 {
		t.Errorf("printed on out: %q", out.String())
	}
}
