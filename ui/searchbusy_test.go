package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"khovanban/index"
	"khovanban/index/classify"
)

// busySearcher is the archive whose search index is being replaced (a
// rebuild, a bulk import's swap) for the first tries of each search of
// some queries. Each search counts apart: on a loaded machine a
// keystroke's search can start just before the next keystroke's search
// of the same text, which cancels it.
type busySearcher struct {
	*index.Archive
	mu    sync.Mutex
	busy  map[string]int // query → tries of each search that find the index being replaced
	calls []busyCall
}

type busyCall struct {
	query string
	ctx   context.Context
}

func newBusySearcher(arc *index.Archive) *busySearcher {
	return &busySearcher{Archive: arc, busy: map[string]int{}}
}

// busyFor makes the first n tries of each search of q find the index
// being replaced.
func (b *busySearcher) busyFor(q string, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.busy[q] = n
}

// searched is how many times q was tried by searches not cancelled.
func (b *busySearcher) searched(q string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, c := range b.calls {
		if c.query == q && c.ctx.Err() == nil {
			n++
		}
	}
	return n
}

// tried is how many times q was tried, by searches cancelled since too
// (a job's context ends with it).
func (b *busySearcher) tried(q string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, c := range b.calls {
		if c.query == q {
			n++
		}
	}
	return n
}

func (b *busySearcher) replacing(ctx context.Context, q string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	tries := 1
	for _, c := range b.calls {
		if c.query == q && c.ctx == ctx {
			tries++
		}
	}
	b.calls = append(b.calls, busyCall{q, ctx})
	if tries <= b.busy[q] {
		return fmt.Errorf("search: %w", index.ErrIndexBusy)
	}
	return nil
}

// SearchAsTyped runs a search: the query, or "facets:" and the query for
// the count of its facets alone.
func (b *busySearcher) SearchAsTyped(ctx context.Context, req index.Request) (*index.Typed, error) {
	key := req.Query
	if req.NoHits {
		key = "facets:" + key
	}
	if err := b.replacing(ctx, key); err != nil {
		return nil, err
	}
	return b.Archive.SearchAsTyped(ctx, req)
}

// Search loads a page of results: "page:" and the query.
func (b *busySearcher) Search(ctx context.Context, req index.Request) (*index.Result, error) {
	if err := b.replacing(ctx, "page:"+req.Query); err != nil {
		return nil, err
	}
	return b.Archive.Search(ctx, req)
}

// Related finds a document's related ones: "related:" and its id.
func (b *busySearcher) Related(ctx context.Context, d *index.Document) ([]index.Related, error) {
	if err := b.replacing(ctx, "related:"+d.ID); err != nil {
		return nil, err
	}
	return b.Archive.Related(ctx, d)
}

// Twins finds a document's twins: "twins:" and its id.
func (b *busySearcher) Twins(ctx context.Context, d *index.Document) ([]index.Twin, error) {
	if err := b.replacing(ctx, "twins:"+d.ID); err != nil {
		return nil, err
	}
	return b.Archive.Twins(ctx, d)
}

// CategoryCounts counts the campaigns' or topics' documents: "counts:"
// and the kind.
func (b *busySearcher) CategoryCounts(ctx context.Context, kind classify.Kind) ([]index.CategoryCount, error) {
	if err := b.replacing(ctx, "counts:"+string(kind)); err != nil {
		return nil, err
	}
	return b.Archive.CategoryCounts(ctx, kind)
}

// ExportPack packs a search's documents: "pack:" and the query.
func (b *busySearcher) ExportPack(ctx context.Context, req index.Request, office, file string, progress func(index.Progress)) (*index.PackInfo, error) {
	if err := b.replacing(ctx, "pack:"+req.Query); err != nil {
		return nil, err
	}
	return b.Archive.ExportPack(ctx, req, office, file, progress)
}

// TestSearchWaitsForTheIndex: a search that finds the index being
// replaced runs again by itself a moment later, and its results show
// without a message; only when the index is still being replaced after
// the last wait does the message show ("đang được thay"). A page of
// results waits the same way. A newer search ends the waits of the one
// before.
func TestSearchWaitsForTheIndex(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	want := h.v.results.total
	b := newBusySearcher(h.arc)
	h.v.find = b
	h.v.busyWaits = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}

	// Busy twice, then free: found on the third run, no message.
	b.busyFor("neu guong", 2)
	h.search("neu guong")
	if n := b.searched("neu guong"); n != 3 {
		t.Errorf("searched %d times, want 3 (twice busy)", n)
	}
	if !h.v.search.queryErr.Hidden || h.v.results.total != want || want == 0 {
		t.Errorf("after the index came back: message %q (hidden %v), %d results, want %d",
			h.v.search.queryErr.Text, h.v.search.queryErr.Hidden, h.v.results.total, want)
	}

	// A page of results, loaded as the list scrolls, waits the same way.
	b.busyFor("page:neu guong", 2)
	h.v.fetchPage(h.v.results.req, 0)
	h.settle(func() bool { return b.searched("page:neu guong") == 3 })
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Error("a page loaded once the index came back: a message shows")
	}

	// Busy past the last wait: the message shows after every wait.
	b.busyFor("kế hoạch", 1000)
	start := time.Now()
	h.search("kế hoạch")
	if n := b.searched("kế hoạch"); n != 4 {
		t.Errorf("searched %d times, want 4 (once, then after each of 3 waits)", n)
	}
	if took := time.Since(start); took < 70*time.Millisecond {
		t.Errorf("the message showed after %v, before the waits (70 ms) were over", took)
	}
	if h.v.search.queryErr.Hidden || !strings.Contains(h.v.search.queryErr.Text, "đang được thay") {
		t.Errorf("index still busy: message %q (hidden %v)", h.v.search.queryErr.Text, h.v.search.queryErr.Hidden)
	}
	if h.v.results.total != 0 || h.v.search.count.Text != "Chưa tìm được" {
		t.Errorf("index still busy: %d results, count %q", h.v.results.total, h.v.search.count.Text)
	}

	// A newer search, the index back, ends the waits of the one before
	// (an hour each) and shows its own results.
	h.v.busyWaits = []time.Duration{time.Hour}
	b.busyFor("dân vận", 1000)
	h.v.search.entry.SetText("")
	test.Type(h.v.search.entry, "dân vận")
	h.settle(func() bool { return b.searched("dân vận") > 0 }) // and waits
	h.search("nêu gương")
	if !h.v.search.queryErr.Hidden || h.v.results.total != want {
		t.Errorf("the newer search: message %q (hidden %v), %d results, want %d",
			h.v.search.queryErr.Text, h.v.search.queryErr.Hidden, h.v.results.total, want)
	}
}

// TestMoreWaitsForTheIndex: what else the window asks the index waits
// for it the same way as a search: a document's related ones and twins
// as it opens, the facets counted once typing pauses, the campaigns'
// counts of their window, and the pages of "tick all" (and of a
// catalogue's export, the same listAll). Each finds the index being
// replaced twice, then is served, and no message shows. Before, each
// showed the error at once (or, the facets, nothing).
func TestMoreWaitsForTheIndex(t *testing.T) {
	h := newHarness(t, true)
	b := newBusySearcher(h.arc)
	h.v.find = b
	h.v.busyWaits = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}
	noMessage := func(what string) {
		t.Helper()
		if top := h.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("%s: a message shows: %q", what, allTexts(t, top))
			h.win.Canvas().Overlays().Remove(top)
		}
	}

	b.busyFor("facets:nêu gương", 2)
	h.search("nêu gương")
	h.settleWithin(30*time.Second, func() bool { return h.v.state.facets == h.v.state.gen })
	if n := b.searched("facets:nêu gương"); n != 3 {
		t.Errorf("facets counted %d times, want 3 (twice busy)", n)
	}
	noMessage("facets")

	id := h.v.results.pages[0][0].ID
	b.busyFor("related:"+id, 2)
	b.busyFor("twins:"+id, 2)
	opened := false
	h.v.openDocumentThen(id, func() { opened = true })
	h.settle(func() bool { return opened })
	if r, tw := b.searched("related:"+id), b.searched("twins:"+id); r != 3 || tw != 3 {
		t.Errorf("related asked %d times, twins %d, want 3 each (twice busy)", r, tw)
	}
	if d := h.v.reader.doc; d == nil || d.ID != id {
		t.Errorf("the document is not shown: %v", d)
	}
	noMessage("opening a document")

	b.busyFor("page:nêu gương", 2)
	j := h.v.markAll()
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil || len(h.v.results.marked) != h.v.results.total || b.tried("page:nêu gương") < 3 {
		t.Errorf("tick all: %v, ticked %d of %d, %d pages asked", j.err, len(h.v.results.marked), h.v.results.total, b.tried("page:nêu gương"))
	}
	noMessage("tick all")

	b.busyFor("counts:campaign", 2)
	cw := h.v.showCategories()
	tab := cw.tabs[classify.Campaign]
	h.settle(func() bool { return len(tab.items) > 0 })
	if n := b.searched("counts:campaign"); n != 3 {
		t.Errorf("campaigns counted %d times, want 3 (twice busy)", n)
	}
	if top := cw.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("campaigns window: a message shows: %q", allTexts(t, top))
	}
}

// TestPackExportWaitsForTheIndex: a pack of the search's documents,
// exported while the index is being replaced (a rebuild, a bulk import's
// swap), waits for it as a search does: found busy twice, it is written
// on the third try, whole, with no message but its own. Before, the
// export failed at once with "đang được thay" (8847271 made the other
// readers wait, not this one).
func TestPackExportWaitsForTheIndex(t *testing.T) {
	h := newHarness(t, true)
	h.search("nêu gương")
	want := h.v.results.total
	b := newBusySearcher(h.arc)
	h.v.find = b
	h.v.busyWaits = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}
	b.busyFor("pack:nêu gương", 2)
	file := filepath.Join(t.TempDir(), "goi"+packExt)
	j := h.v.exportPack("Xã Tân Hòa", file, nil)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatalf("export while the index came back: %v", j.err)
	}
	if n := b.tried("pack:nêu gương"); n != 3 { // the job's context ends with it
		t.Errorf("listed %d times, want 3 (twice busy)", n)
	}
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Đã xuất gói") {
		t.Errorf("after the export: %v, want “Đã xuất gói”", top)
	}
	plan, err := h.arc.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Info.Documents != want || want == 0 {
		t.Errorf("the pack holds %d documents, the search found %d", plan.Info.Documents, want)
	}
}

// watchedSearcher holds each search until released or cancelled, and
// hands out the context of each.
type watchedSearcher struct {
	searcher
	started chan context.Context
	release chan struct{}
}

func (s *watchedSearcher) SearchAsTyped(ctx context.Context, req index.Request) (*index.Typed, error) {
	s.started <- ctx
	select {
	case <-s.release:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return s.searcher.SearchAsTyped(ctx, req)
}

// TestKeyStopsTheStaleSearch: a key typed stops the search of the keys
// before at once, not when the debounce and the UI's queue get round to
// the next search (seconds under an import's load, usertest s11), and
// that search's answer is not drawn.
func TestKeyStopsTheStaleSearch(t *testing.T) {
	h := newHarness(t, true)
	held := &watchedSearcher{searcher: h.v.find, started: make(chan context.Context, 100), release: make(chan struct{})}
	h.v.find = held
	test.Type(h.v.search.entry, "nêu")
	h.settle(func() bool { return len(held.started) > 0 })
	first := <-held.started
	test.Type(h.v.search.entry, " gư")
	if first.Err() == nil {
		t.Fatal("the search of \"nêu\" runs on after the next key")
	}
	close(held.release)
	h.settleSearch("nêu gư")
	if h.v.results.req.Query != "nêu gư" || h.v.results.total == 0 {
		t.Errorf("shown %q, %d results", h.v.results.req.Query, h.v.results.total)
	}
}
