package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestWelcomeOnEmptyArchive(t *testing.T) {
	h := newHarness(t, false)
	if len(h.v.body.Objects) != 1 || h.v.body.Objects[0] != h.v.welcome.content() {
		t.Fatal("an empty archive should greet with the welcome")
	}
	test.AssertRendersToMarkup(t, "welcome.xml", h.win.Canvas())

	// Tab from the search box goes through the welcome's buttons, then
	// the toolbar; Shift+Tab back (session 16: Tab went round the search
	// box and the toolbar, and no key reached them).
	c := h.win.Canvas()
	c.Focus(h.v.search.entry)
	var seen []string
	for range 4 {
		typeGuideKey(t, h.s, h.win, "Tab")
		b, ok := c.Focused().(*tabButton)
		if !ok {
			t.Fatalf("after %v Tab went to %T", seen, c.Focused())
		}
		seen = append(seen, b.Text)
	}
	if want := []string{"Thử với văn bản mẫu", "Nhập tệp…", "Nhập cả thư mục…", "Xem hướng dẫn sử dụng"}; !slices.Equal(seen, want) {
		t.Errorf("Tab went through %v, want %v", seen, want)
	}
	typeGuideKey(t, h.s, h.win, "Tab")
	if c.Focused() != h.v.toolbar[0] {
		t.Errorf("Tab from the last of the welcome's buttons went to %T, not the toolbar", c.Focused())
	}
	typeGuideKey(t, h.s, h.win, "Shift+Tab")
	typeGuideKey(t, h.s, h.win, "Shift+Tab")
	if c.Focused() != h.v.welcome.buttons[2] {
		t.Errorf("Shift+Tab went to %T", c.Focused())
	}

	// The samples button imports the bundled documents.
	test.Tap(h.v.welcome.samples)
	h.settle(func() bool { return h.v.results.total >= 9 })
	if h.v.body.Objects[0] != h.v.main {
		t.Error("after importing, the search screen should show")
	}
}

// TestWelcomeGivesWayToAnImport: on an empty archive the welcome page
// gives way to the list as an import starts, and the list says that the
// documents are coming, also through a bulk import, whose documents are
// listed only at its end; they are listed then (usertest session 8: the
// welcome page, "Thử với văn bản mẫu" and "Nhập…", stayed through a
// 10,000-file import into a new archive).
func TestWelcomeGivesWayToAnImport(t *testing.T) {
	h := newHarness(t, false)
	welcomed := func() bool { return len(h.v.body.Objects) == 1 && h.v.body.Objects[0] == h.v.welcome.content() }
	if !welcomed() {
		t.Fatal("no welcome page on an empty archive")
	}
	dir := t.TempDir()
	const files = 1000 // a bulk import into the empty archive
	for i := range files {
		text := "THÔNG BÁO số " + itoa(i) + "\nVề việc họp tổ dân phố " + itoa(i*7919) + ".\n"
		if err := os.WriteFile(filepath.Join(dir, "tb-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := h.v.startImport([]string{dir}, nil)
	if welcomed() {
		t.Error("the welcome page stays as the import starts")
	}
	checked := false
	h.settleWithin(3*time.Minute, func() bool {
		if !checked && h.v.importing != nil && h.v.results.importLater && h.v.results.total == 0 && h.idle() {
			checked = true
			h.v.refreshSearch() // as the import's batches do
			h.settle(h.idle)
			if welcomed() {
				t.Error("the welcome page is back during the bulk import")
			}
			if note := h.v.results.empty.Text; !h.v.results.empty.Visible() || !strings.Contains(note, "Chúng sẽ hiện ra ở đây và tìm được khi nhập xong") {
				t.Errorf("during the bulk import the list says %q", note)
			}
		}
		return closed(run.done) && h.idle()
	})
	if !checked {
		t.Log("the import ended before the list was looked at")
	}
	if welcomed() || h.v.results.total != files {
		t.Errorf("after the import: welcome %v, %d listed", welcomed(), h.v.results.total)
	}
	// Counts are written with their thousands (the strip said "thêm 1000
	// văn bản" where the list says "1.000 kết quả").
	if got := h.v.imports.summary.Text; !strings.Contains(got, "Nhập xong: thêm 1.000 văn bản") {
		t.Errorf("the strip says %q", got)
	}
}
