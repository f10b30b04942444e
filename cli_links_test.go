package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestArchiveWithALinkOutRefused: the command line refuses, exit 1 and
// the reason in Vietnamese, to write to an archive whose index folder
// is a link out of it (an archive brought on a USB stick), and writes
// nothing there.
func TestArchiveWithALinkOutRefused(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	dir := writeFiles(t, map[string]string{"kh.txt": planText})
	if code, out, errOut := run(t, archive, "import", dir); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	outside := filepath.Join(t.TempDir(), "chỗ-khác")
	if err := os.Rename(filepath.Join(archive, "index"), outside); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(archive, "index")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	before, _ := os.ReadDir(outside)
	code, out, errOut := run(t, archive, "rebuild")
	if code != 1 || !strings.Contains(errOut, "“index” trong thư mục kho là một liên kết (lối tắt) trỏ ra ngoài kho, tới "+outside) || !strings.Contains(errOut, "Không có gì bị thay đổi") {
		t.Errorf("rebuild: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadDir(outside); len(after) != len(before) {
		t.Errorf("written outside: %v, was %v", after, before)
	}
}
