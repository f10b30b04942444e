package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// newArchive makes an archive in a new folder holding the given text
// files, with the first deleted into the Trash when trashFirst is set, and
// closes it.
func newArchive(t *testing.T, samples bool, texts map[string]string, trashFirst bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	arc, err := index.Open(dir, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	if samples {
		importSamples(t, arc)
	}
	src := t.TempDir()
	var paths []string
	for name, text := range texts {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	if len(paths) > 0 {
		if _, err := arc.Import(context.Background(), paths, index.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if trashFirst {
		res, err := arc.Search(context.Background(), index.Request{Limit: 1, Sort: index.Newest})
		if err != nil || len(res.Hits) == 0 {
			t.Fatal("nothing to delete", err)
		}
		if err := arc.Delete(res.Hits[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// campaignDocs adds up the documents counted under every campaign.
func campaignDocs(items []index.CategoryCount) int {
	n := 0
	for _, c := range items {
		n += c.Documents
	}
	return n
}

// TestWindowsFollowArchiveSwitch opens the Trash and the campaigns window,
// switches to another archive as the settings do, and checks that both
// show the new archive and work on it.
func TestWindowsFollowArchiveSwitch(t *testing.T) {
	first := newArchive(t, true, nil, true)
	second := newArchive(t, false, map[string]string{
		"tb.txt": "UBND XÃ AN PHÚ\nSố: 7/TB-UBND\nAn Phú, ngày 2 tháng 5 năm 2022\n\nTHÔNG BÁO\nVề phong trào dân vận khéo\n\nỦy ban nhân dân xã phát động phong trào thi đua dân vận khéo.\n",
	}, false)
	s, queue := newSessionHarness(t)
	ready := func() bool { return s.view != nil && !s.view.state.pending && s.view.state.shown == s.view.state.gen }
	s.openArchive(first)
	drain(t, queue, ready)

	tv := s.view.showTrash()
	cw := s.view.showCategories()
	camp := func() *categoryTab { return cw.tabs[classify.Campaign] }
	drain(t, queue, func() bool { return len(tv.items) == 1 && campaignDocs(camp().items) > 0 })
	firstCount := campaignDocs(camp().items)
	if again := s.view.showTrash(); again != tv {
		t.Error("a second Trash window was opened")
	}

	// Loads of the first archive's Trash must not count as the second's.
	for len(tv.loaded) > 0 {
		<-tv.loaded
	}
	s.switchArchive(second)
	drain(t, queue, func() bool {
		return ready() && s.view.arc.Dir() == second && tv.v == s.view && cw.v == s.view && len(tv.loaded) > 0 && len(camp().items) > 0
	})
	for len(tv.loaded) > 0 {
		<-tv.loaded
	}
	if len(tv.items) != 0 || tv.status.Text != "0 văn bản trong Thùng rác" {
		t.Errorf("after the switch the Trash shows %d documents (%q)", len(tv.items), tv.status.Text)
	}
	if n := campaignDocs(camp().items); n != 1 {
		t.Errorf("after the switch the campaigns count %d documents (the first archive: %d)", n, firstCount)
	}

	// The windows work on the new archive: a document deleted there shows
	// in the Trash at once, and restores from it.
	id := s.view.results.pages[0][0].ID
	s.view.deleteDocuments(id)
	drain(t, queue, func() bool { return len(tv.items) == 1 })
	if tv.items[0].ID != id {
		t.Errorf("Trash holds %v, want %s", tv.items, id)
	}
	tv.onRestore(id)
	drain(t, queue, func() bool { return len(tv.items) == 0 && ready() && s.view.results.total == 1 })

	// A change of language reaches them too.
	t.Cleanup(func() { messages.UseLanguage("vi") })
	f := s.view.showSettings()
	f.language.SetSelectedIndex(1)
	before := s.view
	f.onSave()
	drain(t, queue, func() bool { return s.view != before && ready() && tv.v == s.view && len(camp().items) > 0 })
	if tv.w.Title() != "Trash" || cw.w.Title() != "Campaigns and topics" {
		t.Errorf("titles after switching to English: %q, %q", tv.w.Title(), cw.w.Title())
	}

	// An archive that cannot be opened closes them.
	stray := t.TempDir()
	if err := os.WriteFile(filepath.Join(stray, "letter.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.switchArchive(stray)
	drain(t, queue, func() bool { return s.view == nil && len(s.windows) == 0 })
	if slices.ContainsFunc(s.windows, func(w secondary) bool { return w == tv }) {
		t.Error("the Trash stayed open")
	}
}

// TestChoosingAFolderOfDocuments: choosing a folder of documents as the
// archive keeps the archive open, says why, and offers to import the
// folder into it (usertest finding 34: the archive was closed, the window
// left on an error page).
func TestChoosingAFolderOfDocuments(t *testing.T) {
	h := newHarness(t, true)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kh.txt"), []byte("KẾ HOẠCH\nVề việc nạo vét kênh mương nội đồng năm 2024"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := h.v.results.total
	h.s.onArchiveChosen(dir)
	if h.s.view != h.v || h.s.arc != h.arc {
		t.Fatal("the archive in use was closed")
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !slices.Contains(allTexts(t, top), "Không phải kho văn bản") {
		t.Fatalf("no dialog says why: %v", top)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Error("the folder was written to")
	}
	// "Nhập các tệp" imports it into the archive in use.
	var confirm *widget.Button
	for _, o := range findButtons(t, top) {
		if o.Text == "Nhập các tệp" {
			confirm = o
		}
	}
	if confirm == nil {
		t.Fatal("no button to import the folder")
	}
	test.Tap(confirm)
	// The list stays; its line counts the new document and lists it.
	h.settle(func() bool { return h.idle() && h.v.importing == nil && h.v.news.line.Visible() })
	test.Tap(h.v.news.line)
	h.settle(func() bool { return h.idle() && h.v.results.total == before+1 })
}

// findButtons are the buttons inside o.
func findButtons(t *testing.T, o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	switch x := o.(type) {
	case *widget.Button:
		return []*widget.Button{x}
	case *dialogButton: // Fyne's dialogs' buttons, as dialogKeys.show shows them
		return []*widget.Button{&x.Button}
	case *fyne.Container:
		for _, c := range x.Objects {
			out = append(out, findButtons(t, c)...)
		}
	case fyne.Widget:
		for _, c := range test.TempWidgetRenderer(t, x).Objects() {
			out = append(out, findButtons(t, c)...)
		}
	}
	return out
}
