//go:build unix

package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index"
)

// exitedAt is how far the command said it had come when a second Ctrl-C
// made it exit, or fails the test when it did not say so.
func exitedAt(t *testing.T, code int, errOut, what string) int {
	t.Helper()
	m := regexp.MustCompile(`Đã thoát ngay theo Ctrl-C lần hai, lúc ` + regexp.QuoteMeta(what) + ` đến (\d+)/\d+\.`).FindStringSubmatch(errOut)
	if code != 130 || m == nil || !strings.Contains(errOut, "sẽ được làm tiếp ở lần mở kho để ghi sau") {
		t.Fatalf("second Ctrl-C: exit %d, want 130 saying how far it came and what resumes\n%s", code, errOut)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// checkClean runs khovanban check on the archive: no problem.
func checkClean(t *testing.T, archive string) {
	t.Helper()
	if code, out, errOut := run(t, archive, "check"); code != 0 || !strings.Contains(out, "không có lỗi") {
		t.Fatalf("check after the exit: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCtrlCTwiceWhileFiling: the first Ctrl-C (a real SIGINT) during the
// filing again that follows an edit asks the command to stop after its
// step, and says a second exits at once; the second, while that step
// has not ended, exits with code 130 at once, saying how far the filing
// came and that the rest resumes. The archive passes check, holds the
// documents said filed and the rest pending, and the next command that
// writes files the rest, none twice. Before, the second Ctrl-C was
// swallowed (signal.NotifyContext) and the command went on.
func TestCtrlCTwiceWhileFiling(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	const n = 900
	camp := pendingCampaignCopy(t, archive, n)
	id := firstID(t, archive, "rf7")

	code, out, errOut := runInterruptedN(t, archive, "Đang xếp lại văn bản:", 2, "edit", id, "notes=đã xem")
	done := exitedAt(t, code, errOut, "Đang xếp lại văn bản")
	if !strings.Contains(out, "Đã lưu "+id) || done == 0 || done >= n {
		t.Fatalf("exited after filing %d of %d, want some, the edit saved\n%s%s", done, n, out, errOut)
	}
	checkClean(t, archive)
	if filed, pending := filedUnder(t, archive, camp); filed != done || !pending {
		t.Fatalf("after the exit: %d filed, pending %v; the command said %d, want pending", filed, pending, done)
	}
	code, out, errOut = run(t, archive, "edit", id, "notes=đã xem lại")
	if want := fmt.Sprintf("Đã xếp lại %d văn bản theo quy tắc mới.", n-done); code != 0 || !strings.Contains(errOut, want) {
		t.Fatalf("the next edit: exit %d, want 0 saying %q\n%s%s", code, want, out, errOut)
	}
	if filed, pending := filedUnder(t, archive, camp); filed != n || pending {
		t.Fatalf("resumed: %d filed, pending %v; want %d, false", filed, pending, n)
	}
}

// TestCtrlCTwiceWhileImporting: a second Ctrl-C during an import, before
// the file it paused at is done with, exits at once (130), saying how
// far the import came and that a new import of the folder takes the
// rest. The archive passes check, and importing the folder again gives
// every file once.
func TestCtrlCTwiceWhileImporting(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	const n = 120
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("bc%03d.txt", i)] = fmt.Sprintf("Báo cáo số %d về đường làng ngõ xóm, thôn %d, mã hai%d.\n", i, i*7, i*13)
	}
	dir := writeFiles(t, files)
	code, _, errOut := runInterruptedN(t, archive, "đã thêm", 2, "import", dir)
	if code != 130 || !strings.Contains(errOut, "Đã thoát ngay theo Ctrl-C lần hai") || !strings.Contains(errOut, "chạy lại lệnh nhập") {
		t.Fatalf("second Ctrl-C while importing: exit %d, want 130 saying what to do\n%s", code, errOut)
	}
	checkClean(t, archive)
	if code, out, errOut := run(t, archive, "import", dir); code != 0 {
		t.Fatalf("import again: exit %d\n%s%s", code, out, errOut)
	}
	r, err := index.OpenReadOnly(archive, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(context.Background(), index.Request{})
	if err != nil || res.Total != n {
		t.Fatalf("after importing again: %d documents, %v; want %d", res.Total, err, n)
	}
	if rep, err := r.Check(context.Background(), nil); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %v", rep, err)
	}
}
