package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

// harness is a window over a real archive in a temporary folder. Work the
// window hands to the UI goroutine is queued and run by settle on the test
// goroutine, so tests see it without sleeping and without races.
type harness struct {
	t     testing.TB
	app   fyne.App
	win   fyne.Window
	arc   *index.Archive
	s     *session
	v     *view
	queue chan func()
}

// newHarness opens an archive (with the sample documents imported when
// samples is set) and shows the main screen.
func newHarness(t testing.TB, samples bool) *harness {
	t.Helper()
	a := test.NewTempApp(t)
	messages.UseLanguage("vi")
	arc, err := index.Open(filepath.Join(t.TempDir(), "archive"), index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = arc.Close() })
	if samples {
		importSamples(t, arc)
	}
	h := &harness{t: t, app: a, arc: arc, queue: make(chan func(), 10000)}
	h.win = test.NewTempWindow(t, nil)
	h.win.Resize(defaultWindowSize)
	h.s = newSession(a, h.win, Config{Version: "test", Registry: assets.Registry}, func(f func()) { h.queue <- f })
	h.s.arc = arc
	h.s.showArchive()
	h.v = h.s.view
	t.Cleanup(func() { h.s.view.stop() })
	h.settle(h.idle)
	return h
}

// importSamples imports the bundled samples directly.
func importSamples(t testing.TB, arc *index.Archive) {
	t.Helper()
	dir, err := writeSamples()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	rep, err := arc.Import(context.Background(), []string{dir}, index.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added < 9 {
		t.Fatalf("samples: added %d: %+v", rep.Added, rep.Items)
	}
}

// importTexts writes the given text files into a new folder and imports
// them, failing unless each one is added.
func (h *harness) importTexts(files map[string]string) *index.ImportReport {
	h.t.Helper()
	dir := h.t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			h.t.Fatal(err)
		}
	}
	rep, err := h.arc.Import(context.Background(), []string{dir}, index.ImportOptions{})
	if err != nil || rep.Added != len(files) {
		h.t.Fatalf("import: %v %+v", err, rep)
	}
	return rep
}

// saveBulk saves a bulk edit and returns the documents ids as they are then.
func (h *harness) saveBulk(f *bulkForm, ids []string) []*index.Document {
	h.t.Helper()
	f.onSave()
	h.settle(func() bool { return closed(f.saved.done) })
	if f.saved.err != nil {
		h.t.Fatal(f.saved.err)
	}
	var docs []*index.Document
	for _, id := range ids {
		d, err := h.arc.Get(id)
		if err != nil {
			h.t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

// settle runs queued UI work until cond holds, failing after a deadline.
func (h *harness) settle(cond func() bool) {
	h.t.Helper()
	h.settleWithin(15*time.Second, cond)
}

// settleWithin is settle with a deadline of its own, for work that takes
// long on a loaded machine (OCR: 22 s for one scanned page at a load of 21
// on 2 cores).
func (h *harness) settleWithin(limit time.Duration, cond func() bool) {
	h.t.Helper()
	deadline := time.After(limit)
	for !cond() {
		select {
		case f := <-h.queue:
			f()
		case <-deadline:
			h.t.Fatalf("timed out waiting for the window: query %q, shown %q, total %d, error %q", h.v.state.query, h.v.results.req.Query, h.v.results.total, h.v.search.queryErr.Text)
		}
	}
	// Run what is already queued, so the screen is complete.
	for {
		select {
		case f := <-h.queue:
			f()
		default:
			return
		}
	}
}

// search types a query and waits for its results.
func (h *harness) search(q string) {
	h.t.Helper()
	h.v.search.entry.SetText("")
	test.Type(h.v.search.entry, q)
	h.settleSearch(q)
}

// settleSearch waits until the screen shows the search for q.
func (h *harness) settleSearch(q string) {
	h.t.Helper()
	h.settle(func() bool {
		return h.idle() && h.v.state.query == q
	})
}

// idle reports that the last search is on screen, its facets too.
func (h *harness) idle() bool {
	return !h.v.state.pending && h.v.state.shown == h.v.state.gen && h.v.state.facets == h.v.state.gen
}

// TestResultsLayout: the window after a search. The busy sign is shown
// and ended first, as a search slower than busyDelay does (at load 55 one
// run in three): once it ends, the count takes its room back, so the
// golden does not depend on how fast the search was.
func TestResultsLayout(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	h.v.busySign.startNow("Đang tìm…")()
	test.AssertRendersToMarkup(t, "results.xml", h.win.Canvas())
}

// newSessionHarness is a window that opens archives itself, as Run does.
func newSessionHarness(t testing.TB) (*session, chan func()) {
	t.Helper()
	a := test.NewTempApp(t)
	messages.UseLanguage("vi")
	queue := make(chan func(), 10000)
	w := test.NewTempWindow(t, nil)
	w.Resize(defaultWindowSize)
	s := newSession(a, w, Config{Version: "test", Registry: assets.Registry}, func(f func()) { queue <- f })
	t.Cleanup(s.closeArchive)
	return s, queue
}

// drain runs queued UI work until cond holds.
func drain(t testing.TB, queue chan func(), cond func() bool) {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for !cond() {
		select {
		case f := <-queue:
			f()
		case <-deadline:
			t.Fatal("timed out")
		}
	}
}

func TestOpenLockedArchive(t *testing.T) {
	h := newHarness(t, false)
	s, queue := newSessionHarness(t)
	s.openArchive(h.arc.Dir())
	drain(t, queue, func() bool { return strings.Contains(s.status.Text, "đang được mở") })
	if s.view != nil {
		t.Error("a locked archive was shown")
	}
}

func TestOpenRebuildsIndex(t *testing.T) {
	dir := newArchive(t, true, nil, false)
	if err := os.RemoveAll(filepath.Join(dir, "index")); err != nil {
		t.Fatal(err)
	}
	s, queue := newSessionHarness(t)
	s.remember = true
	s.openArchive(dir)
	drain(t, queue, func() bool { return s.view != nil && s.view.state.shown == s.view.state.gen && !s.view.state.pending })
	if !s.rebuilt {
		t.Error("no rebuild progress was shown")
	}
	if s.view.results.total < 10 {
		t.Errorf("after rebuild %d documents", s.view.results.total)
	}
	if s.app.Preferences().String(prefArchiveDir) != dir {
		t.Error("the archive folder was not remembered")
	}
}

func TestNotAnArchive(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "letter.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, queue := newSessionHarness(t)
	s.openArchive(dir)
	drain(t, queue, func() bool { return strings.Contains(s.status.Text, "không phải kho") })
}

// TestOpenWithoutRoomToMigrateReadsOnly: an archive of an earlier format
// whose migration Open did not begin for want of room is opened to search
// and read, with the sentence that says how much room it needs, alone
// (it says itself that the archive reads as before).
func TestOpenWithoutRoomToMigrateReadsOnly(t *testing.T) {
	dir := newArchive(t, true, nil, false)
	s, queue := newSessionHarness(t)
	s.open = func(string, index.Options) (*index.Archive, error) {
		return nil, fmt.Errorf("migrate %s: %w", dir, &index.NoRoomError{Need: 1200 << 20, Free: 300 << 20})
	}
	s.openArchive(dir)
	drain(t, queue, func() bool { return s.view != nil && s.view.state.shown == s.view.state.gen && !s.view.state.pending })
	t.Cleanup(s.closeArchive)
	top := s.win.Canvas().Overlays().Top()
	want := "Ổ đĩa không đủ chỗ để chuyển kho sang định dạng mới: cần khoảng 1,2 GB, còn 300 MB. Hãy giải phóng chỗ trống rồi mở lại; kho vẫn đọc được như cũ."
	if top == nil || !slices.Contains(allTexts(t, top), want) {
		t.Errorf("read-only dialog without room says %q", allTexts(t, top))
	}
}

// TestOpenOnFullDiskReadsOnly: when the archive cannot be opened for
// writing because the disk is full, the window opens it to search and
// read, and says why nothing can be changed.
func TestOpenOnFullDiskReadsOnly(t *testing.T) {
	dir := newArchive(t, true, nil, false)
	s, queue := newSessionHarness(t)
	s.open = func(string, index.Options) (*index.Archive, error) {
		return nil, fmt.Errorf("write index.open: %w", syscall.ENOSPC)
	}
	s.openArchive(dir)
	drain(t, queue, func() bool { return s.view != nil && s.view.state.shown == s.view.state.gen && !s.view.state.pending })
	t.Cleanup(s.closeArchive)
	if s.view.results.total < 9 {
		t.Errorf("read-only archive shows %d documents", s.view.results.total)
	}
	top := s.win.Canvas().Overlays().Top()
	if top == nil || !slices.ContainsFunc(allTexts(t, top), func(x string) bool { return strings.Contains(x, "Ổ đĩa đã đầy") }) {
		t.Error("no message that the disk is full and the archive only reads")
	}
	// A change is refused with a clear reason.
	if _, err := s.arc.Edit(s.view.results.pages[0][0].ID, map[string]string{index.FieldNotes: "x"}); !errors.Is(err, index.ErrReadOnly) {
		t.Errorf("edit on a read-only archive: %v", err)
	} else if !strings.Contains(messages.Error(err), "chỉ để xem") {
		t.Errorf("message %q", messages.Error(err))
	}
}
