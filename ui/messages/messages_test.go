package messages

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/index/extract"
)

func TestError(t *testing.T) {
	UseLanguage(Vietnamese) // no app runs: the command line has none
	cases := []struct {
		err  error
		want string
	}{
		{&index.QueryError{Code: index.QueryUnclosedQuote, Arg: `"abc`}, "ngoặc kép"},
		{&index.QueryError{Code: index.QueryBadYear, Arg: "20x"}, "Năm “20x”"},
		{&index.QueryError{Code: index.QueryBadYear, Arg: "20-"}, "năm:2016- (từ 2016 trở về sau) hoặc năm:..2016"},
		{&index.QueryError{Code: index.QueryBadDate, Arg: "31/02/2026"}, "Ngày “31/02/2026” không hợp lệ"},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "ngày:"}, "ví dụ ngày:15/04/2026"},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "năm:"}, "Chưa ghi giá trị"},
		// The example is of the filter typed, not always a year.
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "năm:"}, "ví dụ năm:2014"},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "so:"}, "ví dụ so:12-KH/ĐU"},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "Loại:"}, `ví dụ Loại:"kế hoạch"`},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "coquan:"}, `ví dụ coquan:"huyện ủy"`},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "campaign:"}, `ví dụ campaign:"dân vận khéo"`},
		{&index.QueryError{Code: index.QueryEmptyFilter, Arg: "chude:"}, `ví dụ chude:"giáo dục"`},
		{&index.QueryError{Code: index.QueryDanglingOR, Arg: "OR"}, "OR phải"},
		{&index.QueryError{Code: index.QueryTooLong, Arg: "1000"}, "1000"},
		{&index.QueryError{Code: index.QueryEmptyPhrase}, "trống"},
		{fmt.Errorf("open: %w", index.ErrLocked), "đang được mở"},
		{fmt.Errorf("x: %w", index.ErrNotArchive), "không phải kho"},
		{fmt.Errorf("x: %w", extract.ErrEncrypted), "mật khẩu"},
		{fmt.Errorf("x: %w", &extract.LimitError{What: "file size", Limit: 200 << 20, Got: 300 << 20}), "300 MB, giới hạn cho một tệp là 200 MB"},
		{fmt.Errorf("x: %w", &extract.LimitError{What: "pages", Limit: 2000, Got: 2500}), "2500"},
		// reading stopped at the limit: not "1024 MB, giới hạn 1024 MB"
		{fmt.Errorf("x: %w", &extract.LimitError{What: "unzipped size", Limit: 1 << 30, Got: 1<<30 + 1, AtLeast: true}), "giải nén ra hơn 1024 MB, là giới hạn cho một tệp nén"},
		{fmt.Errorf("x: %w", &extract.LimitError{What: "part size", Limit: 256 << 20, Got: 256<<20 + 1, AtLeast: true, Part: "word/document.xml"}), "Phần word/document.xml của tệp giải nén ra hơn 256 MB"},
		{fmt.Errorf("x: %w", &extract.LimitError{What: "text size", Limit: 64 << 20, Got: 199 << 20}), "Chữ trong tệp dài 199 MB, vượt giới hạn 64 MB"},
		{fmt.Errorf("x: %w", &extract.LimitError{What: "file size", Limit: 200 << 20, Got: 300 << 20, Part: "a/b.txt"}), "a/b.txt: Tệp quá lớn: 300 MB"},
		{fmt.Errorf("x: %w", index.ErrSymlink), "lối tắt"},
		{fmt.Errorf("x: %w", index.ErrFileSwapped), "bị thay bằng một lối tắt"},
		{fmt.Errorf("x: %w", index.ErrOfficesDamaged), "offices.json trong thư mục kho) bị hỏng"},
		{&index.BundleError{File: "goi.zip", Reason: index.BundleTooManyEntries, Limit: 4_000_000}, "Không nhận tệp goi.zip: tệp nén liệt kê hơn 4.000.000 phần"},
		{fmt.Errorf("x: %w", &index.PackTooLargeError{Documents: 612_000, Most: 493_000}), "Gói sẽ có 612.000 văn bản, quá số một gói chở được (493.000): chưa ghi gì"},
		{fmt.Errorf("x: %w", os.ErrPermission), "quyền"},
		{context.Canceled, "hủy"},
		{fmt.Errorf("weird"), "weird"},
		{fmt.Errorf("x: %w", index.ErrOfficeNameTooLong), "dài quá 200 chữ"},
		{fmt.Errorf("x: %w", index.ErrBackupInsideArchive), "trong thư mục của kho"},
		{fmt.Errorf("x: %w", index.ErrNotBackupFile), "không phải bản sao lưu"},
		{fmt.Errorf("x: %w", index.ErrOfficeNameControls), "ký tự điều khiển"},
		{fmt.Errorf("x: %w", &index.LinkOutsideError{Part: "cache", Target: "/home/an"}), "“cache” trong thư mục kho là một liên kết (lối tắt) trỏ ra ngoài kho, tới /home/an"},
		{fmt.Errorf("x: %w", &index.LinkOutsideError{Part: "docs", Target: "/home/an", Reading: true}), "Đọc hay sao lưu kho thì chương trình sẽ đọc các tệp ở đó"},
		{fmt.Errorf("x: %w", &index.SpecialFileError{Part: "registry.json"}), "“registry.json” trong thư mục kho không phải tệp thường"},
		{fmt.Errorf("x: %w", index.ErrNotRegular), "không phải tệp thường"},
		// a merge over the bounds says what it would make and that nothing changed
		{fmt.Errorf("x: %w", &classify.MergeError{From: "A", Into: "B", Rules: 120, Err: &classify.SizeError{Name: "B", Part: classify.SizeRules, Limit: 100}}), "Chưa gộp “A” vào “B”: gộp lại sẽ có 120 quy tắc, quá giới hạn 100"},
		{fmt.Errorf("x: %w", &classify.MergeError{From: "A", Into: "B", Rules: 90, Err: &classify.SizeError{Name: "B", Part: classify.SizeAllRules, Limit: 64000}}), "64000 byte"},
		// a merge refused for another reason still says what it is (it panicked on SizeMessage(nil))
		{fmt.Errorf("x: %w", &classify.MergeError{From: "A", Into: "B", Rules: 90, Err: fmt.Errorf("odd rule")}), "odd rule"},
	}
	for _, c := range cases {
		if got := Error(c.err); !strings.Contains(got, c.want) {
			t.Errorf("%v: %q lacks %q", c.err, got, c.want)
		}
	}
	if got := Warning(extract.WarnScannedNoOCR); !strings.Contains(got, "scan") {
		t.Errorf("scanned warning: %q", got)
	}
	if got := Warning(extract.WarnPageTooLarge); !strings.Contains(got, "quá nặng") {
		t.Errorf("heavy page warning: %q", got)
	}
	if Error(nil) != "" {
		t.Error("nil error has a message")
	}
	if got := ListCut(index.ListCut{ID: "0123456789abcdef", Title: "Kế hoạch 12", List: index.ListRecipients, Had: 5000, Kept: 200}); !strings.Contains(got, "“Kế hoạch 12” (0123456789abcdef): gói ghi 5.000 nơi nhận") || !strings.Contains(got, "chỉ lấy 200 đầu tiên") {
		t.Errorf("a list cut: %q", got)
	}
}

// A rule refused names its line and its fault in both languages (usertest
// finding 45b: "Quy tắc không hợp lệ: mỗi dòng cần có chữ…" named neither).
func TestRuleMessage(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	err := classify.CheckRules([]classify.Rule{
		{Kind: classify.Phrase, Terms: []string{"nông thôn"}},
		{Kind: classify.Regex, Terms: []string{"((nông thôn AND"}},
	})
	bad := fmt.Errorf("set rules: %w", err)
	UseLanguage(Vietnamese)
	if got, want := Error(bad), `Dòng 2 “biểu thức "((nông thôn AND"”: thiếu dấu “)” đóng.`; got != want {
		t.Errorf("Vietnamese: %q, want %q", got, want)
	}
	num := &classify.RuleError{Line: 4, Text: "số hiệu: môi trường", Fault: classify.FaultBadNumber, Term: "môi trường"}
	if got, want := Error(num), "Dòng 4 “số hiệu: môi trường”: “môi trường” không phải số hiệu; số hiệu có dạng như 03-CT/TW."; got != want {
		t.Errorf("Vietnamese: %q, want %q", got, want)
	}
	UseLanguage(English)
	if got, want := Error(bad), `Line 2 “biểu thức "((nông thôn AND"”: a closing “)” is missing.`; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
	slash := &classify.RuleError{Line: 1, Text: `regex: a\`, Fault: classify.FaultBackslash, Term: `a\`}
	if got, want := Error(slash), `Line 1 “regex: a\”: it must not end with “\”.`; got != want {
		t.Errorf("English: %q, want %q", got, want)
	}
}

// A count of documents has the files beside it only when they differ
// (usertest finding 9).
func TestFilesBeside(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(Vietnamese)
	if got := FilesBeside(226, 240); got != " (240 tệp)" {
		t.Errorf("226 of 240: %q", got)
	}
	if got := FilesBeside(3, 3); got != "" {
		t.Errorf("3 of 3: %q", got)
	}
	UseLanguage(English)
	if got := FilesBeside(226, 240); got != " (240 files)" {
		t.Errorf("English: %q", got)
	}
}

// TestDocumentsInGroupsThousands: a pack's counts of documents ("Mới:
// 1.200 (1.201 tệp)") group their thousands as the language does, the
// files beside them too.
func TestDocumentsInGroupsThousands(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	sums := make([]index.Summary, 1201)
	for i := range sums {
		sums[i].ID = fmt.Sprintf("d%d", i)
	}
	sums[1200].TwinOf = "d0" // another format of d0: one document, two files
	for l, want := range map[string]string{Vietnamese: "1.200 (1.201 tệp)", English: "1,200 (1,201 files)"} {
		UseLanguage(l)
		if got := DocumentsIn(sums); got != want {
			t.Errorf("%s: %q, want %q", l, got, want)
		}
	}
}

// TestPlainCountsBesideEachOther: the command line writes its counts
// plainly, the files beside the documents too (usertest session 10,
// finding 8: "Văn bản: 8647 (8.650 tệp)"), in either language.
func TestPlainCountsBesideEachOther(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	sums := make([]index.Summary, 1201)
	for i := range sums {
		sums[i].ID = fmt.Sprintf("d%d", i)
	}
	sums[1200].TwinOf = "d0"
	for l, want := range map[string][2]string{Vietnamese: {" (8650 tệp)", "1200 (1201 tệp)"}, English: {" (8650 files)", "1200 (1201 files)"}} {
		UseLanguage(l)
		if got := PlainFilesBeside(8647, 8650); got != want[0] {
			t.Errorf("%s: PlainFilesBeside %q, want %q", l, got, want[0])
		}
		if got := PlainDocumentsIn(sums); got != want[1] {
			t.Errorf("%s: PlainDocumentsIn %q, want %q", l, got, want[1])
		}
	}
}

// TestImportedDocumentsJoined: files that became other formats of
// documents already in the archive are said as such, not as files of the
// documents the import added (usertest session 10, finding 5: "thêm 0
// văn bản (2 tệp)").
func TestImportedDocumentsJoined(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(Vietnamese)
	for _, c := range []struct {
		rep   index.ImportReport
		n     int
		files string
	}{
		{index.ImportReport{Added: 3}, 3, ""},
		{index.ImportReport{Added: 194, Twins: 14}, 180, " (194 tệp)"},
		{index.ImportReport{Added: 2, Twins: 2, Joined: 2}, 0, ", 2 tệp thêm vào văn bản đã có"},
		{index.ImportReport{Added: 2, Twins: 2}, 0, ", 2 tệp thêm vào văn bản đã có"},
		{index.ImportReport{Added: 1205, Twins: 1003, Joined: 1001}, 202, " (204 tệp), 1.001 tệp thêm vào văn bản đã có"},
	} {
		n, files := ImportedDocuments(&c.rep)
		if n != c.n || files != c.files {
			t.Errorf("%+v: %d %q, want %d %q", c.rep, n, files, c.n, c.files)
		}
	}
	UseLanguage(English)
	if _, files := ImportedDocuments(&index.ImportReport{Added: 2, Twins: 2, Joined: 2}); files != ", 2 files joined documents already here" {
		t.Errorf("English: %q", files)
	}
}

// TestNoRoomMessage: a migration Open did not begin for want of room says
// how much it needs and how much is free, in either language, the same
// in the window and on the command line.
func TestNoRoomMessage(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	err := fmt.Errorf("migrate /a: %w", &index.NoRoomError{Need: 1200 << 20, Free: 300<<20 + 5})
	UseLanguage(Vietnamese)
	want := "Ổ đĩa không đủ chỗ để chuyển kho sang định dạng mới: cần khoảng 1,2 GB, còn 300 MB. Hãy giải phóng chỗ trống rồi mở lại; kho vẫn đọc được như cũ."
	if got := Error(err); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := CommandError(err); got != want {
		t.Errorf("command line: %q", got)
	}
	// A need is rounded up, what is free down.
	if got := Error(&index.NoRoomError{Need: 5<<20 + 1, Free: 5<<20 - 1}); !strings.Contains(got, "cần khoảng 6 MB, còn 4 MB") {
		t.Errorf("rounding: %q", got)
	}
	UseLanguage(English)
	if got := Error(err); !strings.Contains(got, "about 1.2 GB needed, 300 MB free") {
		t.Errorf("English: %q", got)
	}
}

// TestBackupLocked: the command line's backup of an archive open
// elsewhere says why and what to do in one sentence of advice.
func TestBackupLocked(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(Vietnamese)
	for _, err := range []error{
		fmt.Errorf("backup: %w", &index.LockedError{Program: "khovanban", PID: 42, Since: time.Now()}),
		fmt.Errorf("backup: %w", index.ErrLocked),
	} {
		got := BackupLocked(err)
		if strings.Count(got, "Hãy") != 1 || !strings.Contains(got, "Tệp › Sao lưu kho…") {
			t.Errorf("%v: %q", err, got)
		}
	}
	UseLanguage(English)
	if got := BackupLocked(index.ErrLocked); !strings.Contains(got, "File › Back up the archive…") {
		t.Errorf("English: %q", got)
	}
}

// TestCommandErrorNamesCommands: the command line's sentences name its
// commands where the window's name a menu.
func TestCommandErrorNamesCommands(t *testing.T) {
	for err, want := range map[error]string{
		index.ErrBackupFile: "khovanban restore",
		index.ErrPackFile:   "khovanban pack import",
		index.ErrDamaged:    "khovanban rebuild",
	} {
		got := CommandError(fmt.Errorf("import x: %w", err))
		if !strings.Contains(got, want) || strings.Contains(got, "›") || strings.Contains(got, "menu") {
			t.Errorf("%v: %q", err, got)
		}
		if w := Error(err); w == got {
			t.Errorf("%v: the window says the same: %q", err, w)
		}
	}
	if CommandError(index.ErrNotFound) != Error(index.ErrNotFound) {
		t.Error("CommandError differs from Error where no menu is named")
	}
}

// TestImportErrorPermission: a file or folder an import may not read is
// named for what it is, and only reading is said (usertest finding 6:
// "Không có quyền đọc hoặc ghi ở thư mục này." for a file).
func TestImportErrorPermission(t *testing.T) {
	UseLanguage(Vietnamese)
	dir := t.TempDir()
	file := filepath.Join(dir, "khongdoc.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	denied := func(p string) error { return &os.PathError{Op: "open", Path: p, Err: os.ErrPermission} }
	for path, want := range map[string]string{
		dir:  "Không có quyền đọc thư mục này.",
		file: "Không có quyền đọc tệp này.",
	} {
		if got := ImportError(index.ImportItem{Path: path, Status: index.Failed, Err: denied(path)}, Error); got != want {
			t.Errorf("%s: %q, want %q", path, got, want)
		}
	}
	if got := ImportError(index.ImportItem{Path: file, Err: extract.ErrEmpty}, Error); got != Error(extract.ErrEmpty) {
		t.Errorf("another error: %q", got)
	}
}

// TestEnglishFilterExamples: in English a bad year or date is explained
// with the English filter names the help gives (usertest finding 10: the
// English message said "ngày:").
func TestEnglishFilterExamples(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(English)
	for code, want := range map[string]string{index.QueryBadDate: "date:15/04/2026", index.QueryBadYear: "year:2016- (2016 and after) or year:..2016"} {
		if got := Error(&index.QueryError{Code: code, Arg: "31/02/2026"}); !strings.Contains(got, want) || strings.Contains(got, "ngày:") || strings.Contains(got, "năm:") {
			t.Errorf("%s: %q", code, got)
		}
	}
}

// TestCount: counts are grouped by thousands as each language writes
// them, the same everywhere (the strip wrote "10000 văn bản" where the
// list wrote "4.671 kết quả").
func TestCount(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{Vietnamese, 0, "0"}, {Vietnamese, 999, "999"}, {Vietnamese, 1000, "1.000"},
		{Vietnamese, 10001, "10.001"}, {Vietnamese, 1234567, "1.234.567"}, {Vietnamese, -4671, "-4.671"},
		{English, 10001, "10,001"}, {English, 1000000, "1,000,000"},
	} {
		UseLanguage(c.lang)
		if got := Count(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	UseLanguage(Vietnamese)
}

// TestImportRoomMessage: an import stopped by a full disk says how much
// room is left and, when stored documents wait for their index, about
// how much it wants, and that they are kept (usertest session 8: "Ổ đĩa
// đã đầy" with 12 MB of 25 MB free and no figure).
func TestImportRoomMessage(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(Vietnamese)
	full := fmt.Errorf("bulk index: %w", syscall.ENOSPC)
	got := Error(&index.ImportRoomError{Free: 12 << 20, Need: 23<<20 + 1, Err: full})
	for _, want := range []string{"còn 12 MB trống", "cần khoảng 24 MB", "vẫn được giữ"} {
		if !strings.Contains(got, want) {
			t.Errorf("%q lacks %q", got, want)
		}
	}
	if got := Error(&index.ImportRoomError{Free: 3 << 20, Err: full}); !strings.Contains(got, "còn 3 MB trống") || strings.Contains(got, "cần khoảng") {
		t.Errorf("no index waiting: %q", got)
	}
	UseLanguage(English)
	if got := Error(&index.ImportRoomError{Free: 12 << 20, Need: 23 << 20, Err: full}); !strings.Contains(got, "12 MB free") || !strings.Contains(got, "about 23 MB") {
		t.Errorf("English: %q", got)
	}
}

// TestDiskFullText: an error that says a full disk only in its text (as
// Bleve's builder leaves it; Windows' own errnos are index.IsDiskFull's)
// gets the full disk's sentence, not the raw error.
func TestDiskFullText(t *testing.T) {
	UseLanguage(Vietnamese)
	err := errors.New("save registry: write D:\\kho\\registry.json.tmp: " + syscall.ENOSPC.Error())
	if got := Error(err); !strings.Contains(got, "Ổ đĩa đã đầy") {
		t.Errorf("%v: %q", err, got)
	}
}

// TestPackStoppedMessage: a pack's import that stopped after some of its
// documents were stored says how many were and were not, why, and that
// importing it again adds the rest without twice, in both languages; it
// never says that nothing was changed (a pack refused whole does).
func TestPackStoppedMessage(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	bad := &index.BundleError{File: "huyen.kvbpack", Entry: "docs/45/45921b95ac196edd.json", Reason: index.BundleUnreadable}
	stopped := fmt.Errorf("apply: %w", &index.PackStoppedError{File: "huyen.kvbpack", Done: 384, Total: 1000, Categories: 2, Err: bad})
	cancelled := &index.PackStoppedError{File: "huyen.kvbpack", Done: 384, Total: 1000, Err: context.Canceled}
	for _, c := range []struct {
		lang          string
		err           error
		want, nothing string
	}{
		{Vietnamese, stopped, "Việc nhập gói huyen.kvbpack đã dừng giữa chừng: không đọc được (không phải tệp nén zip, hoặc bị cắt ngắn). Đã nhập 384 trong 1000 văn bản của gói (đã lưu đủ, cùng tệp gốc), và 2 phong trào, chủ đề mới của gói; 616 văn bản còn lại chưa được nhập. Hãy nhập lại gói", "Không có gì bị thay đổi"},
		{Vietnamese, cancelled, "đã dừng giữa chừng: dừng theo yêu cầu. Đã nhập 384 trong 1000 văn bản của gói (đã lưu đủ, cùng tệp gốc); 616", "Không có gì bị thay đổi"},
		{English, stopped, "Importing the pack huyen.kvbpack stopped part way: ", "Nothing was changed"},
		{English, stopped, "Imported: 384 of its 1000 documents (stored whole, with their originals), and 2 new campaigns and topics of the pack; not imported: 616. Import the pack again", "Nothing was changed"},
	} {
		UseLanguage(c.lang)
		got := Error(c.err)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.nothing) {
			t.Errorf("%s: %q\nwant %q, not %q", c.lang, got, c.want, c.nothing)
		}
	}
	UseLanguage(Vietnamese)
	if got := Error(bad); !strings.Contains(got, "Không có gì bị thay đổi") {
		t.Errorf("a pack refused whole: %q", got)
	}
}
