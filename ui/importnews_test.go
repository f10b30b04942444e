package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

// writeNewer writes n notices dated 2025, after those of importMany, into
// a new folder.
func writeNewer(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		text := "UBND XÃ AN PHÚ\nSố: " + itoa(500+i) + "/TB-UBND\nAn Phú, ngày " + itoa(i%28+1) + " tháng 6 năm 2025\n\nTHÔNG BÁO\nVề việc mới số " + itoa(i) + "\n\nNội dung thông báo mới số " + itoa(i) + " về dân vận khéo.\n"
		if err := os.WriteFile(filepath.Join(dir, "moi-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func hitIDs(hits []index.Hit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

// TestImportKeepsTheRowsStill: while an import adds documents that sort
// before those shown, the rows stay where they are at every step of the
// window, so that a tick lands on the document the person sees; a line
// counts the new documents and lists them when clicked, keeping the tick
// (usertest session 9, finding 3).
func TestImportKeepsTheRowsStill(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 30)
	h.v.search.sort.SetSelectedIndex(1) // newest first: the new ones come first
	h.search("thông báo")
	r := h.v.results
	shown, total := hitIDs(r.pages[0]), r.total
	if total != 30 {
		t.Fatalf("%d listed before the import", total)
	}
	const newer = 40
	run := h.v.startImport([]string{writeNewer(t, newer)}, nil)
	moved := ""
	h.settleWithin(3*time.Minute, func() bool {
		if moved == "" && (r.total != total || !slices.Equal(hitIDs(r.pages[0]), shown)) {
			moved = "the list changed during the import: " + itoa(r.total) + " rows"
		}
		return closed(run.done) && h.idle() && !h.v.news.counting && !h.v.news.again
	})
	if moved != "" {
		t.Fatal(moved)
	}
	if got := h.v.news.line.Text; !h.v.news.line.Visible() || got != itoa(newer)+" văn bản mới — bấm để xem" {
		t.Fatalf("the line says %q (shown %v)", got, h.v.news.line.Visible())
	}
	r.mark(2, true, false)
	if _, ok := r.marked[shown[2]]; !ok || len(r.marked) != 1 {
		t.Fatalf("the tick on the third row marked %v, not %s", r.marked, shown[2])
	}
	test.Tap(h.v.news.line)
	h.settle(h.idle)
	if r.total != total+newer || h.v.news.line.Visible() {
		t.Errorf("after the click: %d listed, the line shown %v", r.total, h.v.news.line.Visible())
	}
	if d, err := h.arc.Get(r.pages[0][0].ID); err != nil || d.Date[:4] != "2025" {
		t.Errorf("the first row after the click: %v %v", d, err)
	}
	if _, ok := r.marked[shown[2]]; !ok || len(r.marked) != 1 {
		t.Errorf("the tick after the click: %v", r.marked)
	}
	// The person's own search shows every document at once.
	h.search("dân vận")
	if r.total != total+newer || h.v.news.line.Visible() {
		t.Errorf("a new search lists %d, the line shown %v", r.total, h.v.news.line.Visible())
	}
}

// TestImportQueuesLittleUIWork: an import hands the UI goroutine at most
// a few calls at a time, whatever it does meanwhile: the window's loop
// runs about one queued call per frame, and with slow frames (a loaded
// machine, software OpenGL) the progress of an import queued faster than
// it ran: the strip showed counts minutes old, a save's end and a
// search's answer waited behind them (usertest session 9, findings 1 and
// 2). Here nothing runs the queue until the import has stored every file.
func TestImportQueuesLittleUIWork(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 30)
	h.search("thông báo")
	const newer = 900 // an online import (below index.bulkImportMin), some seconds long
	run := h.v.startImport([]string{writeNewer(t, newer)}, nil)
	deadline := time.Now().Add(3 * time.Minute)
	most := 0
	for {
		most = max(most, len(h.queue))
		res, err := h.arc.Search(context.Background(), index.Request{Query: "thông báo", Limit: 1, NoFacets: true})
		if err == nil && res.Total == 30+newer {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import did not end: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // the progress held back by the throttle
	most = max(most, len(h.queue))
	if most > 6 {
		t.Errorf("%d calls queued for the UI during the import", most)
	}
	h.settleWithin(3*time.Minute, func() bool { return closed(run.done) && h.idle() })
	if v := run.progress.bar.Value; v != 1 {
		t.Errorf("the bar ends at %v", v)
	}
	t.Logf("at most %d calls queued", most)
}

// TestLatestQueuesOne: values set from several goroutines while the UI
// goroutine is busy queue one call, which shows the newest.
func TestLatestQueuesOne(t *testing.T) {
	queue := make(chan func(), 100)
	var got []int
	set := latest(func(f func()) { queue <- f }, func(n int) { got = append(got, n) })
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 250 {
				set(g*1000 + i)
			}
		}()
	}
	wg.Wait()
	set(-1)
	if len(queue) != 1 {
		t.Fatalf("%d calls queued", len(queue))
	}
	(<-queue)()
	set(7)
	(<-queue)()
	if !slices.Equal(got, []int{-1, 7}) {
		t.Errorf("shown %v", got)
	}
}

// TestSaveSaysWhatItWaitsFor: a save that waits during an import says so
// under the form (usertest session 9: Lưu greyed for 85 s, no word).
func TestSaveSaysWhatItWaitsFor(t *testing.T) {
	h := newHarness(t, true)
	h.search("")
	d, err := h.arc.Get(h.v.results.idAt(0))
	if err != nil {
		t.Fatal(err)
	}
	f := h.v.showEdit(d)
	h.v.importing = &importRun{v: h.v}
	defer func() { h.v.importing = nil }()
	f.setSaving(true)
	// "Đang lưu…" at once (usertest s13), what it waits for after busyDelay.
	if got := f.waitLabel.Text; !f.waitLabel.Visible() || got != "Đang lưu…" {
		t.Errorf("at the click the form says %q (shown %v)", got, f.waitLabel.Visible())
	}
	h.settle(func() bool { return f.waitLabel.Text != "Đang lưu…" })
	if got := f.waitLabel.Text; got != "Đang chờ việc nhập lưu xong một đợt, sẽ lưu ngay sau đó." {
		t.Errorf("the form says %q", got)
	}
	f.setSaving(false)
	if f.waitLabel.Visible() {
		t.Error("the words stay after the save")
	}
}

// laidOut reports whether o has the width it asks for and lies inside
// the window: what the window paints. The glfw window lays out only at a
// frame something asked for, and a widget's own Show asks for none once
// Fyne has forgotten it (hidden a minute); the test canvas lays out
// nothing by itself: both need the container holding it laid out again
// (reveal).
func (h *harness) laidOut(o fyne.CanvasObject) bool {
	pos := h.app.Driver().AbsolutePositionForObject(o)
	size, width := o.Size(), h.win.Canvas().Size().Width
	return size.Width >= o.MinSize().Width && size.Width > 0 && size.Height > 0 && pos.X >= 0 && pos.X+size.Width <= width
}

// TestBulkImportEndTellsOfNewDocuments: a bulk import (its documents
// searchable at its end only) into an archive with a search on screen:
// once it ends, the line beside the count says how many documents the
// search finds now beyond those listed, as the final index counts them,
// and the window shows it (usertest session 10, finding 1: "146 kết
// quả" stayed after 8,000 documents came in, no line, where the
// command line found 3,284); the review button counts those of them to
// review.
func TestBulkImportEndTellsOfNewDocuments(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 30)
	h.search("thông báo")
	r := h.v.results
	if r.found != 30 {
		t.Fatalf("%d found before the import", r.found)
	}
	before := h.v.review.count
	const newer = 1000 // index.bulkImportMin, and 30 is at most a tenth of it: a bulk import
	dir := writeNewer(t, newer-10)
	for i := range 10 { // notes without a heading: their fields are to review
		text := "ghi chép về thông báo mới số " + itoa(i) + "\nmột vài dòng không có tiêu đề\n"
		if err := os.WriteFile(filepath.Join(dir, "ghi-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := h.v.startImport([]string{dir}, nil)
	bulk := false
	h.settleWithin(5*time.Minute, func() bool {
		bulk = bulk || r.importLater
		return closed(run.done) && h.idle() && !h.v.news.counting && !h.v.news.again
	})
	if !bulk {
		t.Fatal("the import was not a bulk import")
	}
	res, err := h.arc.SearchAsTyped(context.Background(), h.v.state.request())
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 30+newer {
		t.Fatalf("the archive finds %d after the import", res.Total)
	}
	if h.v.review.count != res.Unsure || res.Unsure != before+10 {
		t.Errorf("the review button says %d, the archive has %d to review (%d before)", h.v.review.count, res.Unsure, before)
	}
	l := h.v.news.line
	if want := formatCount(res.Total-r.found) + " văn bản mới — bấm để xem"; !l.Visible() || l.Text != want {
		t.Fatalf("the line says %q (shown %v), want %q", l.Text, l.Visible(), want)
	}
	if !h.laidOut(l) {
		t.Errorf("the line is not laid out: at %v, %v (asks %v) in a window %v wide",
			h.app.Driver().AbsolutePositionForObject(l), l.Size(), l.MinSize(), h.win.Canvas().Size().Width)
	}
	test.Tap(l)
	h.settle(h.idle)
	if r.found != res.Total || l.Visible() {
		t.Errorf("after the click: %d found, the line shown %v", r.found, l.Visible())
	}
}

// TestImportCountWaitsForTheIndex: the count of the documents an import
// added that finds the index being replaced (a bulk import's swap, a
// rebuild) waits as the list's searches do, and when the index is still
// being replaced after the last wait, counts again after it; the line
// then says the right count (before, a count that failed said nothing,
// and nothing counted again).
func TestImportCountWaitsForTheIndex(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 30)
	h.search("thông báo")
	if _, err := h.arc.Import(context.Background(), []string{writeNewer(t, 40)}, index.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	b := newBusySearcher(h.arc)
	h.v.find = b
	h.v.busyWaits = []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, 40 * time.Millisecond}
	// Busy for the first count's four tries, and the first of the next.
	b.busyFor("thông báo", 5)
	h.v.onImportedMore() // as the import's end does
	l := h.v.news.line
	h.settle(func() bool { return !h.v.news.counting && l.Visible() })
	if l.Text != "40 văn bản mới — bấm để xem" {
		t.Errorf("the line says %q", l.Text)
	}
	if n := b.searched("thông báo"); n != 6 {
		t.Errorf("counted %d times, want 6 (five busy)", n)
	}
	if !h.laidOut(l) {
		t.Errorf("the line is not laid out: %v, %v", h.app.Driver().AbsolutePositionForObject(l), l.Size())
	}
}

// TestNewsLineKeepsTheListWidth: at 1024x768 with a document open, the
// line "N văn bản mới" does not widen the result list: its words shorten
// to fit beside the count, and take "bấm để xem" where there is room
// (usertest s12: the list went from 218 to 600 pixels and the reader's
// "Mở tệp gốc" went into "…").
func TestNewsLineKeepsTheListWidth(t *testing.T) {
	h := newHarness(t, true)
	h.win.Resize(fyne.NewSize(1008, 700))
	h.openFirst("")
	h.settle(h.idle)
	list := h.v.results.list
	before := list.Size().Width
	h.v.news.show(37)
	h.win.Resize(fyne.NewSize(1007, 700))
	h.win.Resize(fyne.NewSize(1008, 700))
	h.settle(h.idle)
	if got := list.Size().Width; got > before+1 {
		t.Errorf("the list went from %v to %v pixels wide with the line %q", before, got, h.v.news.line.Text)
	}
	if !h.v.news.line.Visible() || !strings.HasPrefix(h.v.news.line.Text, "37 văn bản mới") {
		t.Errorf("the line says %q (shown %v)", h.v.news.line.Text, h.v.news.line.Visible())
	}
	// With no document open the list is wide: the whole words.
	h.v.reader.clear()
	h.settle(h.idle)
	h.win.Resize(fyne.NewSize(1007, 700))
	h.win.Resize(fyne.NewSize(1008, 700))
	if want := "37 văn bản mới — bấm để xem"; h.v.news.line.Text != want {
		t.Errorf("with the list wide the line says %q, want %q", h.v.news.line.Text, want)
	}
}
