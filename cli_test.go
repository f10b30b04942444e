package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index"
)

// run runs one command line against the test's archive and returns the
// exit code and what it printed.
func run(t *testing.T, archive string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	g, rest, err := parseGlobal(append([]string{"-archive", archive}, args...))
	if err != nil {
		t.Fatal(err)
	}
	code := runCommand(g, rest, &out, &errOut)
	return code, out.String(), errOut.String()
}

const planText = `ĐẢNG BỘ HUYỆN CHỢ MỚI
ĐẢNG ỦY XÃ KIẾN AN
Số 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 14 tháng 4 năm 2014

KẾ HOẠCH
Về việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2014

Mỗi cán bộ, đảng viên phải nêu gương, quyết tâm hoàn thành tốt nhiệm vụ.
`

func writeFiles(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCommandLine(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	dir := writeFiles(t, map[string]string{"kh.txt": planText, "rong.txt": "", "anh.png": "x"})

	code, out, _ := run(t, archive, "import", dir)
	if code != 1 || !strings.Contains(out, "đã thêm") || !strings.Contains(out, "lỗi") || !strings.Contains(out, "Đã thêm 1, trùng 0, lỗi 1, không hỗ trợ 1") {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, archive, "import", "-json", filepath.Join(dir, "kh.txt"))
	var imp struct {
		Duplicates int `json:"duplicates"`
		Items      []struct {
			Status string `json:"status"`
		} `json:"items"` // every file, though the report lists only some
	}
	if code != 0 || json.Unmarshal([]byte(out), &imp) != nil || imp.Duplicates != 1 || len(imp.Items) != 1 || imp.Items[0].Status != "duplicate" {
		t.Fatalf("import -json again: exit %d %s", code, out)
	}

	code, out, errOut := run(t, archive, "search", "-json", "-year", "2014", "neu guong")
	var res struct {
		Total int `json:"total"`
		Hits  []struct {
			ID, Title, Number, Type, Issuer, Date, Snippet string
			Year                                           int
			Campaigns                                      []string
		} `json:"hits"`
		Facets map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total != 1 {
		t.Fatalf("search -json: exit %d\n%s%s", code, out, errOut)
	}
	h := res.Hits[0]
	if h.Number != "12-KH/ĐU" || h.Type != "Kế hoạch" || h.Date != "2014-04-14" || h.Year != 2014 || !strings.Contains(h.Snippet, "<mark>nêu</mark> <mark>gương</mark>") {
		t.Errorf("hit %+v", h)
	}
	if len(res.Facets["year"]) != 1 || res.Facets["year"][0].Value != "2014" {
		t.Errorf("facets %+v", res.Facets)
	}
	for _, f := range []string{"campaign", "topic", "type", "issuer"} {
		if _, ok := res.Facets[f]; !ok {
			t.Errorf("facet %s missing", f)
		}
	}

	code, out, _ = run(t, archive, "show", "-json", h.ID[:6])
	var doc map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil || doc["original_name"] != "kh.txt" || !strings.Contains(doc["text"].(string), "nêu gương") {
		t.Fatalf("show -json: exit %d %s", code, out)
	}
	if code, out, _ = run(t, archive, "edit", h.ID, "issuer=Đảng ủy xã Kiến An (sửa)"); code != 0 {
		t.Fatalf("edit: exit %d %s", code, out)
	}
	if _, out, _ = run(t, archive, "search", "coquan:sua"); !strings.Contains(out, "1 kết quả") {
		t.Errorf("search by edited issuer: %s", out)
	}
	// A query may begin with a word to leave out, without "--" (quoted:
	// the minus takes the words after it up to a quote, index/query.go).
	if code, out, errOut := run(t, archive, "search", "-json", `-"gương"`, "kế hoạch"); code != 0 || !strings.Contains(out, `"total": 0`) {
		t.Errorf(`search -json -"gương": exit %d %s %s`, code, out, errOut)
	}
	if code, out, errOut := run(t, archive, "search", "-limit", "5", "-hội", "gương"); code != 0 || !strings.Contains(out, "1 kết quả") {
		t.Errorf("search -limit 5 -hội gương: exit %d %s %s", code, out, errOut)
	}
	code, out, _ = run(t, archive, "stats", "-json")
	var st map[string]float64
	if code != 0 || json.Unmarshal([]byte(out), &st) != nil || st["documents"] != 1 || st["index_bytes"] <= 0 || st["stored_bytes"] <= 0 {
		t.Errorf("stats -json: exit %d %s", code, out)
	}
	if code, out, _ = run(t, archive, "campaigns"); code != 0 || !strings.Contains(out, "Học tập và làm theo tư tưởng") {
		t.Errorf("campaigns: exit %d %s", code, out)
	}
	if code, out, _ = run(t, archive, "rebuild"); code != 0 {
		t.Errorf("rebuild: exit %d %s", code, out)
	}
	if code, out, _ = run(t, archive, "review", "-json"); code != 0 || !strings.HasPrefix(out, "[") {
		t.Errorf("review -json: exit %d %s", code, out)
	}

	// Backup, restore, and a pack into the restored copy.
	backup := filepath.Join(t.TempDir(), "sao-luu.zip")
	if code, out, errOut := run(t, archive, "backup", backup); code != 0 {
		t.Fatalf("backup: exit %d %s %s", code, out, errOut)
	}
	copyDir := filepath.Join(t.TempDir(), "ban-sao")
	if code, out, errOut := run(t, archive, "restore", backup, copyDir); code != 0 || !strings.Contains(out, "Đã khôi phục 1 văn bản") {
		t.Fatalf("restore: exit %d %s %s", code, out, errOut)
	}
	pack := filepath.Join(t.TempDir(), "goi.kvbpack")
	if code, out, errOut := run(t, archive, "pack", "export", "-office", "Huyện ủy", "-year", "2014", pack); code != 0 {
		t.Fatalf("pack export: exit %d %s %s", code, out, errOut)
	}
	if code, out, _ := run(t, copyDir, "pack", "import", "-dry-run", pack); code != 0 || !strings.Contains(out, "Huyện ủy") || !strings.Contains(out, "mới: 0, đã có: 1") {
		t.Errorf("pack import -dry-run: exit %d %s", code, out)
	}
	for _, dir := range []string{archive, copyDir} {
		if code, out, errOut := run(t, dir, "check"); code != 0 || !strings.Contains(out, "Đã kiểm tra 1 văn bản (và 0 trong thùng rác), 1 tệp gốc: không có lỗi.") {
			t.Errorf("check %s: exit %d %s %s", dir, code, out, errOut)
		}
	}
}

// TestCheckCommand alters a byte of a document's original where its
// volume holds it: check names the document and what is wrong, in
// Vietnamese and in English, and exits 1.
func TestCheckCommand(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, out, _ := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: exit %d %s", code, out)
	}
	sum := sha256.Sum256([]byte(planText))
	id := hex.EncodeToString(sum[:])[:16]
	vol := filepath.Join(archive, "volumes", "000001.vol")
	data, err := os.ReadFile(vol)
	at := bytes.Index(data, []byte("KIẾN AN")) // the original comes first, stored as it is
	if err != nil || at < 0 {
		t.Fatalf("volume: %v, original at %d", err, at)
	}
	data[at] ^= 0x20
	if err := os.WriteFile(vol, data, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, archive, "check")
	if code != 1 || !strings.Contains(out, id+"\ttệp gốc đã bị thay đổi") || !strings.Contains(out, "1 lỗi.") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	t.Setenv("KHOVANBAN_LANG", "en")
	code, out, _ = run(t, archive, "check")
	if code != 1 || !strings.Contains(out, id+"\toriginal file changed") || !strings.Contains(out, "1 problem.") {
		t.Errorf("check in English: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, archive, "check", "-json")
	var rep struct {
		Documents int `json:"documents"`
		Problems  []struct{ ID, Kind string }
	}
	if code != 1 || json.Unmarshal([]byte(out), &rep) != nil || rep.Documents != 1 || len(rep.Problems) != 1 || rep.Problems[0].ID != id || rep.Problems[0].Kind != "original-mismatch" {
		t.Errorf("check -json: exit %d %s", code, out)
	}
}

func TestCommandLineMistakes(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, _, errOut := run(t, archive, "rebuild"); code != 0 { // an empty archive
		t.Fatal(errOut)
	}
	cases := []struct {
		args []string
		code int
		text string
	}{
		{[]string{"search", "-sort", "random", "x"}, 2, "Cách dùng"},
		{[]string{"frobnicate"}, 2, "lệnh không rõ"},
		{[]string{"show"}, 2, "show"},
		{[]string{"import"}, 2, "import"},
		{[]string{"search", `"cán bộ`}, 1, "ngoặc kép"},
		{[]string{"show", "0000000000000000"}, 1, ""},
		{[]string{"restore", "/nonexistent/b.zip", filepath.Join(t.TempDir(), "r")}, 1, ""},
	}
	for _, c := range cases {
		code, out, errOut := run(t, archive, c.args...)
		if code != c.code || !strings.Contains(out+errOut, c.text) {
			t.Errorf("%v: exit %d, want %d; %q", c.args, code, c.code, out+errOut)
		}
		if c.code == 1 && strings.TrimSpace(errOut) == "" {
			t.Errorf("%v: no message", c.args)
		}
	}
}

// TestCommandsOnFullDisk fills a real small file system (a tmpfs, which
// needs root) under an archive: every command that only reads works;
// rebuild and import fail with a message that says the disk is full.
func TestCommandsOnFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	t.Setenv("KHOVANBAN_LANG", "vi")
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	archive := filepath.Join(mnt, "kho")
	if code, out, errOut := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatalf("import: exit %d %s %s", code, out, errOut)
	}
	f, err := os.Create(filepath.Join(mnt, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1 << 20, 4 << 10, 1} {
		for buf := make([]byte, size); ; {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
	}
	f.Close()
	for _, args := range [][]string{
		{"search", "-json", "-từ", "nêu gương"}, {"search", "quyết tâm"}, {"show", "-json", ""}, {"stats"},
		{"review"}, {"campaigns"}, {"check"},
	} {
		if args[0] == "show" {
			_, out, _ := run(t, archive, "search", "-json", "quyết tâm")
			var res struct{ Hits []struct{ ID string } }
			if json.Unmarshal([]byte(out), &res) != nil || len(res.Hits) != 1 {
				t.Fatalf("search: %s", out)
			}
			args[2] = res.Hits[0].ID
		}
		if code, out, errOut := run(t, archive, args...); code != 0 {
			t.Errorf("%v on a full disk: exit %d %s %s", args, code, out, errOut)
		}
	}
	for _, args := range [][]string{{"rebuild"}, {"import", writeFiles(t, map[string]string{"bc.txt": strings.ReplaceAll(planText, "2014", "2015")})}} {
		if code, out, errOut := run(t, archive, args...); code != 1 || !strings.Contains(out+errOut, "Ổ đĩa đã đầy") {
			t.Errorf("%v on a full disk: exit %d, want 1 and a message saying the disk is full; %s %s", args[0], code, out, errOut)
		}
	}
}

// TestSearchFlagsAreExactFilters checks that search's -type, -issuer and
// -year flags filter on exact values, as the window's facets do (typed
// without accents or in another case they still name the archive's
// value), and that -json counts a filtered facet as the window does.
func TestSearchFlagsAreExactFilters(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	report := `HUYỆN ỦY CHỢ MỚI
Số 05-BC/HU
Chợ Mới, ngày 3 tháng 1 năm 2016

BÁO CÁO
Kết quả công tác dân vận năm 2015

Công tác dân vận được chú trọng.
`
	notice := `BAN TUYÊN GIÁO HUYỆN ỦY CHỢ MỚI
Số 07-TB/BTGHU
Chợ Mới, ngày 9 tháng 2 năm 2017

THÔNG BÁO
Lịch tuyên truyền công tác dân vận

Các cơ sở chuẩn bị tài liệu.
`
	dir := writeFiles(t, map[string]string{"bc.txt": report, "tb.txt": notice})
	if code, out, _ := run(t, archive, "import", dir); code != 0 {
		t.Fatalf("import: exit %d %s", code, out)
	}
	search := func(args ...string) (total int, facets map[string]map[string]int) {
		t.Helper()
		code, out, errOut := run(t, archive, append([]string{"search", "-json"}, args...)...)
		var res struct {
			Total  int `json:"total"`
			Facets map[string][]struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"facets"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
			t.Fatalf("search %v: exit %d %s %s", args, code, out, errOut)
		}
		facets = map[string]map[string]int{}
		for name, values := range res.Facets {
			facets[name] = map[string]int{}
			for _, v := range values {
				facets[name][v.Value] = v.Count
			}
		}
		return res.Total, facets
	}
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"dân vận"}, 2},
		{[]string{"-type", "Báo cáo", "dân vận"}, 1},
		{[]string{"-type", "bao cao", "dân vận"}, 1},
		{[]string{"-type", "báo", "dân vận"}, 0}, // a word of a type is no type
		{[]string{"-issuer", "HUYỆN ỦY CHỢ MỚI", "dân vận"}, 1},
		{[]string{"-year", "2017", "dân vận"}, 1},
		{[]string{"-year", "2014-2016"}, 1},
	} {
		if total, _ := search(c.args...); total != c.want {
			t.Errorf("search %q: %d found, want %d", c.args, total, c.want)
		}
	}
	// The chosen type's facet still offers the other type, with its count.
	total, facets := search("-type", "Báo cáo", "dân vận")
	if total != 1 || facets["type"]["Báo cáo"] != 1 || facets["type"]["Thông báo"] != 1 || facets["year"]["2017"] != 0 || facets["year"]["2016"] != 1 {
		t.Errorf("facets with -type: %v", facets)
	}
	if code, _, _ := run(t, archive, "search", "-year", "abc", "x"); code != 2 {
		t.Errorf("search -year abc: exit %d, want 2", code)
	}
}

// TestEditNamesFieldsAndTypes: edit refuses a field that does not exist by
// naming the fields, takes a type however it is accented or spaced as the
// known type it names, and refuses a mistyped one with the nearest, rather
// than filing the document under a type of its own (usertest finding 18).
func TestEditNamesFieldsAndTypes(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	if code, _, errOut := run(t, archive, "import", writeFiles(t, map[string]string{"kh.txt": planText})); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := run(t, archive, "search", "-json", "")
	id := out[strings.Index(out, `"id": "`)+7:][:16]
	if code, _, errOut := run(t, archive, "edit", id, "ngay=20/02/2026"); code != 2 || !strings.Contains(errOut, "không có trường “ngay”. Các trường: title number type") {
		t.Errorf("a wrong field: exit %d %s", code, errOut)
	}
	for _, c := range [][2]string{{"bao cao", "Báo cáo"}, {"Thongbao", "Thông báo"}, {"Kế hoạch", "Kế hoạch"}} {
		typed, want := c[0], c[1]
		if code, _, errOut := run(t, archive, "edit", id, "type="+typed); code != 0 {
			t.Fatalf("type=%s: exit %d %s", typed, code, errOut)
		}
		if _, out, _ := run(t, archive, "show", id); !strings.Contains(out, "Loại văn bản:          "+want+"\n") {
			t.Errorf("type=%s stored as:\n%s", typed, out[:strings.Index(out, "\n\n")])
		}
	}
	if code, _, errOut := run(t, archive, "edit", id, "type=Kehoac"); code != 2 || !strings.Contains(errOut, "Có phải là Kế hoạch?") {
		t.Errorf("a mistyped type: exit %d %s", code, errOut)
	}
	if _, out, _ := run(t, archive, "show", id); !strings.Contains(out, "Loại văn bản:          Kế hoạch\n") {
		t.Error("a refused type changed the document")
	}
}

// TestProgressInALog: progress written to a file or a pipe is one line
// at the end, not counts run together by carriage returns (usertest
// finding 19a).
func TestProgressInALog(t *testing.T) {
	var log bytes.Buffer
	c := &cli{err: &log}
	p := c.progress("Khôi phục")
	for _, done := range []int{200, 400, 481} {
		p(index.Progress{Done: done, Total: 481})
	}
	if log.String() != "Khôi phục: 481/481\n" {
		t.Errorf("%q", log.String())
	}
}
