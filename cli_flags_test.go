package main

import (
	"path/filepath"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index"
)

// TestMistypedOptions checks the rule of cli_flags.go: a mistyped option
// is a usage error in the command line's language that names the option
// meant, while a query may still begin with, or hold, a word to leave out.
func TestMistypedOptions(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, out, errOut := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	cases := []struct {
		args []string
		code int
		want []string // in what it printed
		not  []string
	}{
		{[]string{"search", "-limt", "5", "gương"}, 2, []string{"search: không có tùy chọn -limt.", "Có phải là -limit?", "search -- -limt", "Cách dùng"}, nil},
		{[]string{"search", "-limt=5", "gương"}, 2, []string{"không có tùy chọn -limt=5"}, nil},
		{[]string{"search", "-jsn", "gương"}, 2, []string{"Có phải là -json?"}, nil},
		{[]string{"search", "-json", "-yera", "2014", "gương"}, 2, []string{"Có phải là -year?"}, nil},
		{[]string{"search", "-limit"}, 2, []string{"search: tùy chọn -limit cần một giá trị"}, nil},
		{[]string{"search", "-limit", "abc", "gương"}, 2, []string{"search: giá trị không hợp lệ"}, nil},
		{[]string{"stats", "-jsn"}, 2, []string{"stats: không có tùy chọn -jsn.", "Có phải là -json?"}, []string{"--"}},
		{[]string{"review", "--all"}, 2, []string{"review: không có tùy chọn --all."}, []string{"Có phải"}},
		{[]string{"pack", "export", "-ofice", "Xã", filepath.Join(t.TempDir(), "x.kvbpack")}, 2, []string{"pack export: không có tùy chọn -ofice.", "Có phải là -office?"}, nil},
		// After "--", after the query's first word, or inside a quoted
		// query, -word is a word to leave out.
		{[]string{"search", "--", "-limt", "gương"}, 0, []string{"1 kết quả"}, nil},
		{[]string{"search", "gương", "-limt"}, 0, []string{"1 kết quả"}, nil},
		{[]string{"search", "nêu gương -quyết"}, 0, []string{"0 kết quả"}, nil},
		{[]string{"search", "-limit", "5", "gương", "-quyết"}, 0, []string{"0 kết quả"}, nil},
		// A query may begin with a word to leave out that is no option's
		// mistyping: accented, or far from every option's name. (What it
		// then leaves out, the word or the words after the minus, is the
		// query language's: index/query.go.)
		{[]string{"search", "-quyết", "gương"}, 0, []string{" kết quả ("}, nil},
		{[]string{"search", "-json", "-hoc", "gương"}, 0, []string{`"total": `}, nil},
	}
	for _, c := range cases {
		code, out, errOut := run(t, archive, c.args...)
		all := out + errOut
		if code != c.code {
			t.Errorf("%q: exit %d, want %d\n%s", c.args, code, c.code, all)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(all, w) {
				t.Errorf("%q: %q lacks %q", c.args, all, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(errOut[:strings.Index(errOut, "Cách dùng")], w) {
				t.Errorf("%q: %q has %q", c.args, errOut, w)
			}
		}
	}
	t.Setenv("KHOVANBAN_LANG", "en")
	if code, _, errOut := run(t, archive, "search", "-limt", "5", "x"); code != 2 || !strings.Contains(errOut, "search: there is no option -limt. Did you mean -limit?") {
		t.Errorf("in English: exit %d %s", code, errOut)
	}
}

func TestNearestOption(t *testing.T) {
	fs, _ := jsonFlags("search")
	fs.Int("limit", 20, "")
	fs.String("year", "", "")
	fs.String("type", "", "")
	fs.Bool("dry-run", false, "")
	for name, want := range map[string]string{
		"limt": "limit", "lmit": "limit", "lim": "limit", "LIMIT": "limit", "jsn": "json", "tpye": "type", "yaer": "year",
		"dryrun": "dry-run", "l": "", "yen": "", "hoc": "", "từ": "", "2014": "", "limitless": "", "gương": "",
	} {
		if got := nearestOption(fs, name); got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
	}
}

// TestPackExportReadsOnly checks that pack export opens the archive for
// reading once it has its office key: another reader may hold it meanwhile.
func TestPackExportReadsOnly(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, out, errOut := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	dir := t.TempDir()
	// The first pack makes the office key: that needs writing.
	if code, out, errOut := run(t, archive, "pack", "export", "-office", "Xã", filepath.Join(dir, "1.kvbpack")); code != 0 || !strings.Contains(out, "Đã đóng gói 1 văn bản") {
		t.Fatalf("first export: exit %d %s %s", code, out, errOut)
	}
	reader, err := index.OpenReadOnly(archive, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if code, out, errOut := run(t, archive, "pack", "export", "-office", "Xã", "gương", filepath.Join(dir, "2.kvbpack")); code != 0 || !strings.Contains(out, "Đã đóng gói 1 văn bản") {
		t.Errorf("export beside a reader: exit %d %s %s", code, out, errOut)
	}
	// A writer is still kept out while the reader holds the archive.
	if code, _, errOut := run(t, archive, "edit", "0000", "notes=x"); code != 1 || !strings.Contains(errOut, "đang được mở") {
		t.Errorf("edit beside a reader: exit %d %s", code, errOut)
	}
}
