package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/classify"
)

// TestCommandResumesUnfinishedFiling: the window saved a new campaign and
// was closed (or killed) before it filed any document under it
// (index.RefilePending). A command that only reads says that the
// documents are not all filed and what will file them; the next command
// that opens the archive for writing (edit here) files them, with its
// progress, as the window does at its start: afterwards nothing is
// pending and the campaign lists every document. Before, the command
// line never filed them: they stayed under the old rules until the window
// was opened.
func TestCommandResumesUnfinishedFiling(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	files := map[string]string{}
	words := strings.Fields("chi bộ đảng viên thôn xóm hội nông dân phụ nữ đoàn thanh niên cựu chiến binh mặt trận tổ quốc ủy ban nhân dân xã huyện tỉnh kế hoạch báo cáo nghị quyết")
	for i := range 5 {
		// Each its own text, not twins (a group counts once).
		var body strings.Builder
		for j := range 120 {
			body.WriteString(words[(j*(i+3)+j*j*(i+1))%len(words)] + " ")
		}
		files[fmt.Sprintf("kh%d.txt", i)] = planText + body.String() + fmt.Sprintf("\nMã kiểm tra rf%d.\n", i)
	}
	if code, out, errOut := run(t, archive, "import", writeFiles(t, files)); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}

	camp := classify.Category{Name: "Phong trào thử nghiệm", Kind: classify.Campaign,
		Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{"phong cách Hồ Chí Minh"}}}}
	a, err := index.Open(archive, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	closed, cancel := context.WithCancel(context.Background())
	cancel() // the window closed before the first step
	if err := a.ChangeRegistry(closed, index.RegistryOp{Op: index.OpAdd, Category: camp}, nil); !errors.Is(err, index.ErrRefileUnfinished) {
		t.Fatalf("change stopped at once: %v, want ErrRefileUnfinished", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	filed := func() (int, bool) {
		t.Helper()
		r, err := index.OpenReadOnly(archive, index.Options{Registry: assets.Registry})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		res, err := r.Search(context.Background(), index.Request{Filters: index.Filters{Campaigns: []string{camp.Name}}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total, r.RefilePending()
	}
	if n, pending := filed(); n != 0 || !pending {
		t.Fatalf("before: %d filed under the campaign, pending %v; want 0, true", n, pending)
	}

	code, out, errOut := run(t, archive, "search", "rf1")
	if code != 0 || !strings.Contains(out, "rf1") && !strings.Contains(out, "1 văn bản") {
		t.Fatalf("search: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "chưa được xếp lại") {
		t.Errorf("a command that reads does not say the filing is unfinished: %q", errOut)
	}
	if n, pending := filed(); n != 0 || !pending {
		t.Fatalf("after reading: %d filed, pending %v; want 0, true (it only reads)", n, pending)
	}

	code, out, _ = run(t, archive, "search", "-json", "rf2")
	id := ""
	if i := strings.Index(out, `"id": "`); i >= 0 {
		id = out[i+7 : i+7+16]
	}
	if code != 0 || id == "" {
		t.Fatalf("search -json: exit %d\n%s", code, out)
	}
	code, out, errOut = run(t, archive, "edit", id, "notes=đã xem")
	if code != 0 {
		t.Fatalf("edit: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, "Đã xếp lại 5 văn bản theo quy tắc mới.") {
		t.Errorf("edit does not say it filed the documents: %q", errOut)
	}
	if n, pending := filed(); n != 5 || pending {
		t.Fatalf("after a command that writes: %d filed under the campaign, pending %v; want 5, false", n, pending)
	}
	if _, _, errOut := run(t, archive, "stats"); strings.Contains(errOut, "chưa được xếp lại") {
		t.Errorf("filed, a command still says it is not: %q", errOut)
	}
}
