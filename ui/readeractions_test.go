package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestPassage(t *testing.T) {
	text := "TIÊU ĐỀ\n\n1. Mỗi chi bộ chọn một việc cụ thể để làm theo Bác trong năm, ưu tiên việc phục vụ nhân dân: sửa đường.\n2. Ngắn.\n\ndòng\nngắn một\nngắn hai\n\nhết"
	if got := passage(text, strings.Index(text, "làm theo")); !strings.HasPrefix(got, "1. Mỗi chi bộ") || strings.Contains(got, "2.") {
		t.Errorf("long line: %q", got)
	}
	if got := passage(text, strings.Index(text, "ngắn một")+len("ngắn ")); got != "dòng\nngắn một\nngắn hai" {
		t.Errorf("short lines: %q", got)
	}
}

func TestUndoDelete(t *testing.T) {
	h := newHarness(t, true)
	all := h.v.results.total
	d := h.openFirst("so:215/UBND-VP")
	h.v.deleteDocuments(d.ID)
	h.settle(func() bool { return h.idle() && !h.v.search.undo.Hidden })
	if h.v.results.total != 0 {
		t.Fatalf("the deleted document is still found")
	}
	test.Tap(h.v.search.undo)
	h.settle(func() bool { return h.idle() && h.v.reader.doc != nil && h.v.reader.doc.ID == d.ID })
	h.search("")
	if h.v.results.total != all {
		t.Errorf("after undo: %d of %d", h.v.results.total, all)
	}
}

// TestOpenOriginalWithoutProgram: with no program for the original's kind
// of file, the person is told so in Vietnamese, and then asked where to
// save a copy to take elsewhere.
func TestOpenOriginalWithoutProgram(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("so:12-KH/ĐU")
	h.s.canOpen = func(string) bool { return false }
	h.v.reader.onOpenOriginal()
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message")
	}
	found := false
	for _, text := range allTexts(t, top) {
		if strings.Contains(text, "chưa có chương trình mở tệp") {
			found = true
		}
	}
	if !found {
		t.Errorf("the message does not say there is no program: %q", allTexts(t, top))
	}
	for _, b := range findButtons(t, top) {
		test.Tap(b) // its OK
	}
	if next := h.win.Canvas().Overlays().Top(); next == nil || !slices.Contains(allTexts(t, next), "Lưu vào") && !strings.Contains(strings.Join(allTexts(t, next), " "), "Lưu") {
		t.Errorf("no save dialog after the message: %v", next)
	}
}

// TestSaveCopyOfOriginal: "Lưu bản sao…" writes the original, byte for
// byte, under its own name where the person chooses (usertest finding 24:
// the folder shown held hash-named files).
func TestSaveCopyOfOriginal(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:12-KH/ĐU")
	dir := t.TempDir()
	path, err := h.arc.OriginalPath(d)
	if err != nil {
		t.Fatal(err)
	}
	p := h.v.saveCopy(path, d.OriginalName)
	p.open(dir)
	test.Tap(p.ok)
	want := filepath.Join(dir, d.OriginalName)
	h.settle(func() bool { _, err := os.Stat(want); return err == nil && h.win.Canvas().Overlays().Top() != nil })
	got, err := os.ReadFile(want)
	orig, _ := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, orig) {
		t.Errorf("copy %s: %v, %d bytes of %d", want, err, len(got), len(orig))
	}
}
