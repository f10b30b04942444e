package ui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

func TestImportReport(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	doc := "UBND XÃ AN PHÚ\nSố: 7/TB-UBND\nAn Phú, ngày 2 tháng 5 năm 2022\n\nTHÔNG BÁO\nVề lịch tiếp dân tháng 5\n\nỦy ban nhân dân xã tiếp dân vào thứ Năm hằng tuần.\n"
	write("tb-7.txt", doc)
	write("tb-7-ban-sao.txt", doc)
	write("trong.txt", "")
	write("anh.xyz", "không phải văn bản")
	write("hong.docx", "PK\x03\x04 hỏng")
	scanned, err := os.ReadFile(filepath.Join("..", "index", "extract", "testdata", "scan-small.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	write("ban-chup.pdf", string(scanned))

	run := h.v.startImport([]string{dir}, nil)
	h.settleWithin(2*time.Minute, func() bool { return closed(run.done) && h.idle() })
	rep := run.report
	if rep.Added != 2 || rep.Duplicates != 1 {
		t.Errorf("added %d, duplicates %d: %+v", rep.Added, rep.Duplicates, rep.Items)
	}
	if run.progress.bar.Value != 1 {
		t.Errorf("progress ended at %v", run.progress.bar.Value)
	}
	text := run.reportText.Text
	// The scanned page is read by OCR (the system's tesseract, or the
	// built-in engine), so it needs no attention.
	for _, want := range []string{"Đã thêm 2 văn bản", "✓ ban-chup.pdf — Kế hoạch xây dựng nông thôn mới", "trong.txt — Tệp không có chữ nào", "anh.xyz — ", "hong.docx — Tệp bị hỏng", "hãy lấy lại tệp từ nơi gửi", "tb-7"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
	// The list stays still as documents come in: one listed before the
	// other came is joined by it through the line "1 văn bản mới" (one
	// file read at a time, importWorkers on two cores, makes that likely).
	h.settle(func() bool { return !h.v.news.counting && !h.v.news.again && h.idle() })
	if h.v.results.total == 1 && h.v.news.line.Visible() {
		test.Tap(h.v.news.line)
		h.settle(h.idle)
	}
	if h.v.results.total != 2 {
		t.Errorf("the list shows %d documents after the import (line %q shown %v)", h.v.results.total, h.v.news.line.Text, h.v.news.line.Visible())
	}
	// The reader says the scanned page's text was read by OCR.
	seen := false
	for _, it := range rep.Items {
		if filepath.Base(it.Path) != "ban-chup.pdf" {
			continue
		}
		seen = true
		d, err := h.v.arc.Get(it.ID)
		if err != nil || d.OCRPages != 1 {
			t.Fatalf("scanned document: %v, OCR pages %d", err, d.OCRPages)
		}
		h.v.reader.show(d, nil)
		if got := strings.Join(allTexts(t, container.NewVBox(h.v.reader.meta.Objects...)), "\n"); !strings.Contains(got, "Chữ của 1 trang quét do máy nhận dạng (OCR)") {
			t.Errorf("the details do not say OCR:\n%s", got)
		}
	}
	if !seen {
		t.Error("ban-chup.pdf is not in the report")
	}
}

func TestImportCancelKeepsFinished(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	for i := range 30 {
		text := "UBND XÃ AN PHÚ\nTHÔNG BÁO\nVề việc số " + itoa(i) + "\nNội dung thông báo số " + itoa(i) + " về dân vận khéo.\n"
		if err := os.WriteFile(filepath.Join(dir, "tb-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := h.v.startImport([]string{dir}, nil)
	run.progress.onCancel()
	h.settle(func() bool { return closed(run.done) && h.idle() })
	if run.report == nil {
		t.Fatal("no report")
	}
	if h.v.results.total != run.report.Added {
		t.Errorf("archive lists %d, report added %d", h.v.results.total, run.report.Added)
	}
	// The report says how many files are not imported yet, and counts none
	// of them as unreadable or skipped (usertest finding 14).
	text := run.reportText.Text
	if !run.report.Cancelled {
		t.Skip("the import finished before Cancel reached it")
	}
	if !strings.Contains(text, "tệp chưa nhập") || strings.Contains(text, "Đã hủy") || !strings.Contains(text, "0 không đọc được") {
		t.Errorf("report:\n%s", text)
	}
	if n := int(run.files.Load()); n == 30 {
		want := itoa(30-run.report.Added-run.report.Duplicates) + " tệp chưa nhập"
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}
}

// mainWindowOfItsOwn is a session over h's view, its windows of their
// own too, in a main window of its own (the harness's is closed by the
// test), and whether that window was closed.
func (h *harness) mainWindowOfItsOwn() (*session, *bool) {
	w := test.NewWindow(nil)
	s := newSession(h.app, w, Config{Version: "test"}, func(f func()) { f() })
	s.view, s.windows = h.v, h.s.windows
	shut := false
	w.SetOnClosed(func() { shut = true })
	return s, &shut
}

// TestCloseDuringImportAsks: the window's X during an import asks before
// it stops it; without an import the window closes (usertest finding 35).
func TestCloseDuringImportAsks(t *testing.T) {
	h := newHarness(t, true)
	s, shut := h.mainWindowOfItsOwn()
	h.v.importing = &importRun{progress: h.v.imports.begin(h.v)}
	s.onCloseRequested()
	top := s.win.Canvas().Overlays().Top()
	if *shut || top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Việc nhập chưa xong") {
		t.Fatalf("closed %v; dialog %v", *shut, top)
	}
	var stop *widget.Button
	for _, b := range findButtons(t, top) {
		if b.Text == "Dừng và thoát" {
			stop = b
		}
	}
	if stop == nil {
		t.Fatal("no Dừng và thoát button")
	}
	test.Tap(stop)
	if !*shut || h.v.importing.progress.ctx.Err() == nil {
		t.Errorf("after Dừng và thoát: closed %v, import cancelled %v", *shut, h.v.importing.progress.ctx.Err())
	}
}

// TestCloseDuringTheTidy: once every file is in and only the index's tidy
// is left ("Đã lưu xong · Đang sắp xếp lại chỉ mục…"), the strip's button
// says it stops the tidy, and closing asks with that said, not that files
// would be left out; Thoát stops the tidy and closes (usertest s27, under
// Xvfb at 100,000: "Việc nhập chưa xong … các tệp còn lại chưa được
// nhập" with all four files saved).
func TestCloseDuringTheTidy(t *testing.T) {
	h := newHarness(t, true)
	s, shut := h.mainWindowOfItsOwn()
	run := &importRun{progress: h.v.imports.begin(h.v)}
	h.v.importing = run
	if got := h.v.imports.stop.Text; got != "Dừng nhập" {
		t.Errorf("while files are read the button says %q", got)
	}
	run.progress.show(index.Progress{Tidying: true, Done: 40, Total: 100})
	if got := h.v.imports.stop.Text; got != "Dừng sắp xếp" {
		t.Errorf("during the tidy the button says %q", got)
	}
	s.onCloseRequested()
	top := s.win.Canvas().Overlays().Top()
	texts := strings.Join(allTexts(t, top), " ")
	if *shut || !strings.Contains(texts, "đã được lưu xong") || strings.Contains(texts, "chưa được nhập") {
		t.Fatalf("closed %v; asked %q", *shut, texts)
	}
	test.Tap(findButton(t, top, "Thoát"))
	if !*shut || run.progress.ctx.Err() == nil {
		t.Errorf("after Thoát: closed %v, tidy stopped %v", *shut, run.progress.ctx.Err() != nil)
	}
	// The next import's button stops the import again.
	h.v.imports.begin(h.v)
	if got := h.v.imports.stop.Text; got != "Dừng nhập" {
		t.Errorf("the next import's button says %q", got)
	}
}

// TestStripTitleDuringTheTidy: once every file is in and the index is
// tidied, the strip's title says so, in both languages, and the next
// import's title is the import's again (usertest s27, under Xvfb at
// 100,000: "Đang nhập văn bản" stayed over the tidy's line).
func TestStripTitleDuringTheTidy(t *testing.T) {
	h := newHarness(t, true)
	for i, want := range []struct{ importing, tidying, line string }{
		{"Đang nhập văn bản", "Đang sắp xếp lại chỉ mục", "Đã lưu xong các văn bản · Tìm sẽ nhanh hơn khi sắp xếp xong: 40%"},
		{"Importing documents", "Tidying the index", "All documents stored · Searches get faster once the index is tidied: 40%"},
	} {
		if i == 1 {
			h.toEnglish()
		}
		p := h.v.imports.begin(h.v)
		if got := h.v.imports.title.Text; got != want.importing {
			t.Errorf("while files are read the title says %q", got)
		}
		p.show(index.Progress{Tidying: true, Done: 40, Total: 100})
		if got := h.v.imports.title.Text; got != want.tidying {
			t.Errorf("during the tidy the title says %q, want %q", got, want.tidying)
		}
		// Nor does the time taken lengthen the line, which pushed the
		// title out.
		start := time.Now()
		p.now = func() time.Time { return start.Add(2 * aliveAfter) }
		p.tick()
		if got := h.v.imports.line.text(); got != want.line {
			t.Errorf("during the tidy the line says %q, want %q", got, want.line)
		}
		p.cancel()
		h.v.imports.begin(h.v).cancel()
		if got := h.v.imports.title.Text; got != want.importing {
			t.Errorf("the next import's title says %q", got)
		}
	}
}

// TestCloseQuestionFollowsTheImport: the question asked at closing
// during an import does not stay once the import has ended: it becomes
// "Đã nhập xong… Thoát?" (usertest finding 14).
func TestCloseQuestionFollowsTheImport(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.txt": notice("1"), "b.txt": notice("2")})
	s, shut := h.mainWindowOfItsOwn()
	h.v.s = s
	run := h.v.startImport([]string{dir}, nil)
	s.onCloseRequested()
	if top := s.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Việc nhập chưa xong") {
		t.Fatal("no question at closing during the import")
	}
	h.settle(func() bool { return closed(run.done) })
	top := s.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question after the import ended")
	}
	text := strings.Join(allTexts(t, top), " ")
	if strings.Contains(text, "chưa xong") || !strings.Contains(text, "đã xong") {
		t.Fatalf("after the end the question says %q", text)
	}
	test.Tap(findButton(t, top, "Thoát"))
	if !*shut {
		t.Error("Thoát did not close the window")
	}
}

// TestUnfinishedImportOffered: an import cut short without a report (the
// program killed) is offered again at the next start of the same archive;
// one that ended leaves nothing to offer (usertest finding 35).
func TestUnfinishedImportOffered(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	for i := range 3 {
		text := "UBND XÃ AN PHÚ\\nTHÔNG BÁO\\nVề việc số " + itoa(i) + "\\nNội dung số " + itoa(i) + ".\\n"
		if err := os.WriteFile(filepath.Join(dir, "tb-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// As a killed import leaves it.
	h.v.setPendingImport([]string{dir})
	h.v.offerUnfinishedImport()
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "đã dừng giữa chừng") {
		t.Fatalf("nothing offered: %v", top)
	}
	for _, b := range findButtons(t, top) {
		if b.Text == "Nhập tiếp" {
			test.Tap(b)
		}
	}
	h.settle(func() bool { return h.idle() && h.v.results.total == 3 && h.v.importing == nil })
	if got := h.app.Preferences().String(prefImportPending); got != "" {
		t.Errorf("an import that ended is still pending: %s", got)
	}
	before := len(h.win.Canvas().Overlays().List())
	h.v.offerUnfinishedImport()
	if len(h.win.Canvas().Overlays().List()) != before {
		t.Error("offered again after it ended")
	}
}

// TestUnfinishedImportBelongsToItsArchive: the note of an import cut
// short is offered again when the same archive opens again, not when a new
// archive is made in the folder of a deleted one (session 15: offered
// there, with the deleted archive's files); a note of an archive in
// another folder is kept for it; the files are named, a long list cut
// with how many more, not cut to a line ("lamdong-205…").
func TestUnfinishedImportBelongsToItsArchive(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() {
		if h.s.arc != nil {
			_ = h.s.arc.Close()
		}
	})
	dir := h.arc.Dir()
	var paths []string
	for i := range 40 {
		paths = append(paths, filepath.Join(t.TempDir(), "lamdong-"+itoa(200+i)+".pdf"))
	}
	offered := func() string {
		top := h.win.Canvas().Overlays().Top()
		if top == nil {
			return ""
		}
		text := strings.Join(allTexts(t, top), " ")
		if !strings.Contains(text, "đã dừng giữa chừng") {
			return ""
		}
		clearOverlays(h.win)
		return text
	}
	reopen := func(fresh bool) {
		t.Helper()
		h.s.closeArchive()
		if fresh {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}
		h.s.openArchive(dir)
		h.settle(func() bool { return h.s.view != nil && h.s.arc != nil })
		h.v = h.s.view
		h.settle(h.idle)
	}

	h.v.setPendingImport(paths)
	reopen(false)
	text := offered()
	if !strings.Contains(text, "lamdong-200.pdf, lamdong-201.pdf, lamdong-202.pdf và 37 mục khác") {
		t.Errorf("the same archive opened again: offered %q", text)
	}

	reopen(true)
	if text := offered(); text != "" {
		t.Errorf("a new archive in the deleted one's folder was offered its import: %q", text)
	}
	if got := h.app.Preferences().String(prefImportPending); got != "" {
		t.Errorf("the deleted archive's note stays: %s", got)
	}

	// A note of another folder's archive is neither offered nor removed.
	other, _ := json.Marshal(pendingImport{Archive: filepath.Join(t.TempDir(), "other"), Created: h.v.archiveCreated(), Paths: paths})
	h.app.Preferences().SetString(prefImportPending, string(other))
	h.v.offerUnfinishedImport()
	if text := offered(); text != "" {
		t.Errorf("another archive's import was offered: %q", text)
	}
	if got := h.app.Preferences().String(prefImportPending); got != string(other) {
		t.Errorf("another archive's note was changed: %q", got)
	}
}

// TestImportLeavesTheWindowUsable: an import shows its progress in a strip
// at the window's foot, not a dialog; the list stays as it is, a line
// counts the new documents, and shows them when clicked, keeping the row
// the person chose and the ticks; a second import waits;
// the end shows a summary with its report a click away, and the menu
// opens the report again (usertest finding 29).
func TestImportLeavesTheWindowUsable(t *testing.T) {
	h := newHarness(t, false)
	importMany(t, h.arc, 12)
	h.search("thông báo")
	r := h.v.results
	r.list.Select(3)
	chosen := r.pages[0][3].ID
	r.mark(5, true, false)
	ticked := r.pages[0][5].ID

	dir := t.TempDir()
	for i := range 20 {
		text := "UBND XÃ AN PHÚ\nTHÔNG BÁO\nVề việc mới số " + itoa(i) + "\nNội dung thông báo mới số " + itoa(i) + " về dân vận khéo.\n"
		if err := os.WriteFile(filepath.Join(dir, "moi-"+itoa(i)+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := h.v.startImport([]string{dir}, nil)
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("an import opened a dialog: %v", allTexts(t, top))
	}
	if !h.v.imports.box.Visible() || !h.v.imports.running.Visible() || h.v.imports.stop.Disabled() {
		t.Fatal("the import strip is not showing the import")
	}
	// Another import meanwhile is refused with the reason.
	if again := h.v.startImport([]string{dir}, nil); again != nil {
		t.Fatal("a second import started during the first")
	}
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Dừng nhập") {
		t.Error("the second import is not refused with the reason")
	} else {
		h.win.Canvas().Overlays().Remove(top)
	}
	h.settle(func() bool { return closed(run.done) && h.idle() && !h.v.news.counting && h.v.news.line.Visible() })
	// The rows stay as they were; a line counts the new documents and
	// shows them when clicked.
	if r.total != 12 || r.pages[0][3].ID != chosen {
		t.Errorf("the list moved during the import: %d rows", r.total)
	}
	if got := h.v.news.line.Text; got != "20 văn bản mới — bấm để xem" {
		t.Errorf("the line says %q", got)
	}
	test.Tap(h.v.news.line)
	h.settle(h.idle)
	if r.total != 32 || h.v.news.line.Visible() {
		t.Errorf("the list shows %d documents after the line was clicked (line shown: %v)", r.total, h.v.news.line.Visible())
	}
	if r.selected < 0 || r.pages[0][r.selected].ID != chosen {
		t.Errorf("the chosen row was lost: selected %d", r.selected)
	}
	if _, ok := r.marked[ticked]; !ok || len(r.marked) != 1 {
		t.Errorf("ticks after the import: %v", r.marked)
	}
	if h.v.imports.running.Visible() || !h.v.imports.ended.Visible() {
		t.Fatal("the strip does not show the end")
	}
	if got := h.v.imports.summary.Text; !strings.Contains(got, "Nhập xong: thêm 20 văn bản") {
		t.Errorf("summary %q", got)
	}
	if h.win.Canvas().Overlays().Top() != nil {
		t.Error("the end of the import opened a dialog by itself")
	}
	test.Tap(h.v.imports.report)
	top := h.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(run.reportText.Text, "Đã thêm 20 văn bản") {
		t.Fatalf("Xem báo cáo: dialog %v, report %q", top, run.reportText.Text)
	}
	h.win.Canvas().Overlays().Remove(top)
	// The strip folds away; the menu opens the report again.
	h.v.imports.hide()
	h.v.onShowImportReport()
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Kết quả nhập văn bản") {
		t.Error("the menu does not open the last report")
	}
}

// TestImportReportBounded: the window's report of an import of more files
// than the report lists says every count, lists the failure, the first
// index.ReportListed files added, and how many added files it does not
// list (issue 17: a million lines in one text box).
func TestImportReportBounded(t *testing.T) {
	h := newHarness(t, false)
	dir := t.TempDir()
	words := strings.Fields("dân vận khéo xã phường thôn bản hội nông dân phụ nữ thanh niên cựu chiến binh mặt trận tổ quốc đảng ủy chi bộ nghị quyết kế hoạch báo cáo tổng kết phong trào thi đua")
	const docs = index.ReportListed + 25
	for i := range docs {
		var b strings.Builder
		b.WriteString("UBND XÃ AN PHÚ\nTHÔNG BÁO số " + itoa(i) + "\n")
		for j := range 50 {
			b.WriteString(words[(i*7+j*j*13+i*j)%len(words)] + " ")
		}
		b.WriteString("mã " + itoa(i*7919) + "\n")
		if err := os.WriteFile(filepath.Join(dir, "tb-"+itoa(i)+".txt"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "hong.docx"), []byte("PK\x03\x04 hỏng"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := h.v.startImport([]string{dir}, nil)
	h.settleWithin(3*time.Minute, func() bool { return closed(run.done) && h.idle() })
	rep := run.report
	if rep.Added != docs || rep.Failed != 1 {
		t.Fatalf("added %d, failed %d", rep.Added, rep.Failed)
	}
	added, _ := messages.ImportedDocuments(rep)
	text := run.reportText.Text
	unlisted := rep.Added - strings.Count(text, "✓ ")
	for _, want := range []string{"Đã thêm " + itoa(added) + " văn bản", "1 không đọc được", "hong.docx — Tệp bị hỏng",
		"… và " + itoa(unlisted) + " tệp đã thêm khác không liệt kê ở đây."} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text[:min(len(text), 2000)])
		}
	}
	if unlisted < docs-index.ReportListed-index.ReportListed/10 || unlisted > docs-index.ReportListed {
		t.Errorf("%d added files not listed, of %d", unlisted, docs)
	}
	// The heading counts every added file, not the ones listed (usertest
	// session 9: "Đã thêm (300)" over a report of 20,000).
	m := regexp.MustCompile(`(?m)^Đã thêm \((\d+)\) — liệt kê (\d+) tệp đầu tiên$`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no heading with the whole count:\n%s", text[:min(len(text), 600)])
	}
	section := text[strings.Index(text, m[0]):]
	listed := strings.Count(section, "✓ ")
	if m[1] != itoa(listed+unlisted) || m[2] != itoa(listed) {
		t.Errorf("heading %q for %d listed and %d not listed", m[0], listed, unlisted)
	}
}

// TestStoppedImportTellsItsIndexing: once "Dừng nhập" is pressed, the
// strip says "Đang dừng…" and no more file names, but a stopped bulk
// import's last step, the index of the documents it stored, is said with
// a moving bar, which stops with the import (usertest session 8: ~80 s of
// "Đang dừng…" on a still bar).
func TestStoppedImportTellsItsIndexing(t *testing.T) {
	h := newHarness(t, false)
	s := h.v.imports
	p := s.begin(h.v)
	p.show(index.Progress{Done: 40, Total: 100, Current: "a.txt", Later: true})
	p.onCancel()
	p.show(index.Progress{Done: 41, Total: 100, Current: "b.txt", Later: true})
	if got := s.line.text(); got != "Đang dừng…" {
		t.Errorf("after the stop the strip says %q", got)
	}
	p.show(index.Progress{Done: 41, Total: 100, Later: true, Indexing: true, Added: 41})
	if got := s.line.text(); !strings.Contains(got, "Đang lập chỉ mục cho 41 văn bản đã lưu") {
		t.Errorf("the stopped import's indexing is said as %q", got)
	}
	if !s.working.Visible() || !s.working.Running() || s.bar.Visible() {
		t.Error("no moving bar while the index is built")
	}
	p.end("Đã dừng nhập", true, func() {})
	if s.working.Visible() || s.working.Running() {
		t.Error("the moving bar goes on after the import ended")
	}
}

// TestImportLineKeepsItsWords: at 1024 and 1366 wide, at the normal and
// the largest text size, the import strip's line cuts the file's name,
// never the count or the words around it, nor how long a page has taken
// (usertest s13: cut at 1024); the indexing step and the end
// (no file named) and the index's merge after an online import say what
// they do whole (usertest session 8: "Đang lập
// chỉ mục…" cut at 1366, the line cut before the name at 1024, and
// "10001/10001: . ·" at the end).
func TestImportLineKeepsItsWords(t *testing.T) {
	h := newHarness(t, false)
	long := "/tmp/Ke-hoach-trien-khai-thuc-hien-phong-trao-toan-dan-doan-ket-xay-dung-doi-song-van-hoa-o-khu-dan-cu-2024.docx"
	steps := []index.Progress{
		{Done: 4035, Total: 10001, Current: long, Later: true},
		{Done: 194, Total: 241, Current: long, Page: 2, Pages: 3},
		{Done: 10001, Total: 10001, Later: true, Indexing: true, Added: 10000},
		{Done: 10001, Total: 10001, Later: true},
		{Done: 37, Total: 100, Tidying: true},
	}
	for _, scale := range []float32{1, 1.4} {
		h.app.Settings().SetTheme(&appTheme{scale: scale})
		for _, width := range []float32{1024, 1366} {
			s := h.v.imports
			p := s.begin(h.v)
			now := time.Now()
			p.now = func() time.Time { return now }
			for _, pr := range steps {
				p.show(pr)
				h.win.Resize(fyne.NewSize(width-1, 768))
				h.win.Resize(fyne.NewSize(width, 768))
				if pr.Pages > 0 {
					// A page read for long: the line says for how long,
					// the window left as it is.
					now = now.Add(14*time.Minute + 12*time.Second)
					p.tick()
					if !strings.Contains(s.line.text(), "14 phút 12 giây") {
						t.Errorf("no time taken: %q", s.line.text())
					}
				}
				line := s.line.text()
				if strings.Contains(line, ": .") || strings.HasSuffix(strings.TrimSpace(line), "·") {
					t.Errorf("%v wide, scale %v: the line names no file: %q", width, scale, line)
				}
				for _, l := range []*widget.Label{s.line.before, s.line.after} {
					if l.Text != "" && (!l.Visible() || cutLabel(l)) {
						t.Errorf("%v wide, scale %v: the words %q are cut (%v wide)", width, scale, l.Text, l.Size().Width)
					}
				}
				// The bar gives way to the name (down to 100 wide).
				if bar := s.bar.Size().Width; s.line.name.Text != "" && (!s.line.name.Visible() || cutLabel(s.line.name)) && bar > 100.5 {
					t.Errorf("%v wide, scale %v: the name %q is cut to %.0f beside a bar %.0f wide", width, scale, s.line.name.Text, s.line.name.Size().Width, bar)
				}
			}
			// A short name has room.
			p.show(index.Progress{Done: 2, Total: 4, Current: "/tmp/lamdong-050.pdf"})
			h.win.Resize(fyne.NewSize(width-1, 768))
			h.win.Resize(fyne.NewSize(width, 768))
			if cutLabel(s.line.name) {
				t.Errorf("%v wide, scale %v: the name %q is cut (%v wide)", width, scale, s.line.name.Text, s.line.name.Size().Width)
			}
			p.end("", false, func() {})
		}
	}
}

// cutLabel reports whether a label is narrower than the same label
// uncut wants.
func cutLabel(l *widget.Label) bool {
	whole := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
	return l.Size().Width < whole.MinSize().Width-0.5
}

// TestImportLeavesTheWindowACore: an import from the window reads one
// file fewer at once than the machine has cores (one at least), so that
// the window has a core to search and open documents meanwhile (usertest
// s11: opening a document took 13-21 s during a big import at load 25).
func TestImportLeavesTheWindowACore(t *testing.T) {
	h := newHarness(t, false)
	var workers atomic.Int64
	workers.Store(-1)
	h.v.importInto = func(ctx context.Context, paths []string, opt index.ImportOptions) (*index.ImportReport, error) {
		workers.Store(int64(opt.Workers))
		return h.arc.Import(ctx, paths, opt)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "tb.txt"), []byte("THÔNG BÁO\nVề lịch tiếp dân tháng 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := h.v.startImport([]string{dir}, nil)
	h.settleWithin(time.Minute, func() bool { return closed(run.done) && h.idle() })
	if want := max(1, runtime.NumCPU()-1); workers.Load() != int64(want) {
		t.Errorf("the import reads %d files at once on %d cores, want %d", workers.Load(), runtime.NumCPU(), want)
	}
}

// TestImportLineSaysItIsAlive: while a scanned page is read for minutes
// the line keeps the page the file is on (other news of the import named
// the file without it) and says how long the file has taken, every
// second (usertest s12: "192/240: lamdong-193.pdf" unchanged for 9
// minutes, the page said only now and then).
func TestImportLineSaysItIsAlive(t *testing.T) {
	h := newHarness(t, false)
	s := h.v.imports
	p := s.begin(h.v)
	now := time.Date(2026, 12, 2, 2, 38, 0, 0, time.UTC)
	p.now = func() time.Time { return now }
	p.show(index.Progress{Done: 191, Total: 240, Current: "/r/lamdong-193.pdf", Page: 1, Pages: 3})
	p.show(index.Progress{Done: 192, Total: 240, Current: "/r/lamdong-193.pdf"})
	if got := s.line.text(); !strings.Contains(got, "trang 1/3") || strings.Contains(got, "đã") {
		t.Errorf("a moment into the page: %q", got)
	}
	now = now.Add(4*time.Minute + 12*time.Second)
	p.tick()
	if got := s.line.text(); !strings.Contains(got, "trang 1/3 của tệp lamdong-193.pdf · đã 4 phút 12 giây") {
		t.Errorf("4 min 12 s into the page: %q", got)
	}
	// The next page starts the count again; another file forgets the page.
	p.show(index.Progress{Done: 192, Total: 240, Current: "/r/lamdong-193.pdf", Page: 2, Pages: 3})
	now = now.Add(35 * time.Second)
	p.tick()
	if got := s.line.text(); !strings.HasSuffix(got, "trang 2/3 của tệp lamdong-193.pdf · đã 35 giây") {
		t.Errorf("35 s into page 2: %q", got)
	}
	p.show(index.Progress{Done: 193, Total: 240, Current: "/r/lamdong-194.docx"})
	if got := s.line.text(); got != "193/240: lamdong-194.docx" {
		t.Errorf("the next file: %q", got)
	}
	p.end("", false, func() {})
}

// TestImportReportOneAccount: the strip and the report's head count one
// import one way: documents with their files beside, then files, adding
// up to the files found (usertest s12: the report said 79 files, 11
// files, 90 files and 14 files of one stopped import).
func TestImportReportOneAccount(t *testing.T) {
	h := newHarness(t, false)
	run := &importRun{v: h.v, report: &index.ImportReport{Added: 90, Twins: 14, Joined: 11, Duplicates: 120, Cancelled: true,
		Items: []index.ImportItem{
			{Path: "/r/a.docx", Status: index.Added, Twin: "x", TwinName: "a.pdf"},
			{Path: "/r/b.doc", Status: index.Added, Twin: "y", TwinName: "b.pdf"},
		}}}
	run.files.Store(240)
	summary, line, _ := run.texts()
	for _, want := range []string{"Đã thêm 76 văn bản (79 tệp), 11 tệp thêm vào văn bản đã có; 120 tệp đã có trong kho", "30 tệp chưa nhập", "Cộng 240 tệp.", "Tệp DOC, DOCX có cùng nội dung"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the report lacks %q:\n%s", want, summary)
		}
	}
	for _, other := range []string{"90", "14 tệp"} {
		if strings.Contains(summary, other) {
			t.Errorf("the report counts the files another way (%q):\n%s", other, summary)
		}
	}
	if want := "Đã dừng nhập: thêm 76 văn bản (79 tệp), 11 tệp thêm vào văn bản đã có, 120 đã có, 30 tệp chưa nhập."; line != want {
		t.Errorf("strip %q, want %q", line, want)
	}
}

// TestImportStripAgreesWithTheReport: the strip names the files not
// imported with the report's words, each kind there is, in Vietnamese and
// English (usertest s26: the strip said "không nhập được" where the report
// said "không đọc được" of the same files), and says nothing of none, nor
// of no files already in the archive (usertest s28: "0 đã có" after
// nearly every import).
func TestImportStripAgreesWithTheReport(t *testing.T) {
	h := newHarness(t, false)
	t.Cleanup(func() { messages.UseLanguage(messages.Vietnamese) })
	for _, c := range []struct {
		lang          string
		rep           index.ImportReport
		line, summary []string
		not           []string
	}{
		{"vi", index.ImportReport{Added: 5, Failed: 2}, []string{"Nhập xong: thêm 5 văn bản, 2 không đọc được."}, []string{"2 không đọc được"}, []string{"0 đã có"}},
		{"vi", index.ImportReport{Added: 4}, []string{"Nhập xong: thêm 4 văn bản."}, nil, []string{"đã có"}},
		{"vi", index.ImportReport{Added: 5, Failed: 2, Unsupported: 1, Skipped: 3}, []string{", 2 không đọc được, 1 không phải loại tệp nhận được, 3 bỏ qua."},
			[]string{"2 không đọc được", "1 không phải loại tệp nhận được", "3 bỏ qua"}, nil},
		{"vi", index.ImportReport{Added: 5, Duplicates: 1}, []string{"Nhập xong: thêm 5 văn bản, 1 đã có."}, nil, []string{"không"}},
		{"en", index.ImportReport{Added: 5, Failed: 2, Unsupported: 1}, []string{"2 could not be read", "1 of a kind not accepted"}, []string{"could not be read: 2", "of a kind not accepted: 1"}, []string{"not imported", "already"}},
		{"en", index.ImportReport{Added: 5, Duplicates: 3}, []string{"Import finished: added 5 documents, 3 already here."}, nil, nil},
	} {
		messages.UseLanguage(c.lang)
		run := &importRun{v: h.v, report: &c.rep}
		summary, line, _ := run.texts()
		for _, w := range c.line {
			if !strings.Contains(line, w) {
				t.Errorf("%s %+v: the strip %q lacks %q", c.lang, c.rep, line, w)
			}
		}
		for _, w := range c.summary {
			if !strings.Contains(summary, w) {
				t.Errorf("%s %+v: the report %q lacks %q", c.lang, c.rep, summary, w)
			}
		}
		for _, w := range append(c.not, "không nhập được") {
			if strings.Contains(line, w) {
				t.Errorf("%s %+v: the strip %q says %q", c.lang, c.rep, line, w)
			}
		}
	}
}

// TestImportReportNamesTheDuplicate: a file already in the archive is
// reported with the title of the document it is filed as, for the clerk
// who looks for her own file name (usertest s12).
func TestImportReportNamesTheDuplicate(t *testing.T) {
	h := newHarness(t, false)
	doc := "UBND XÃ AN PHÚ\nSố: 7/TB-UBND\nAn Phú, ngày 2 tháng 5 năm 2022\n\nTHÔNG BÁO\nVề lịch tiếp dân tháng 5\n\nỦy ban nhân dân xã tiếp dân vào thứ Năm hằng tuần.\n"
	h.importTexts(map[string]string{"tb-7.txt": doc})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Thông báo tiếp dân (bản chính thức).txt"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	run := h.v.startImport([]string{dir}, nil)
	h.settleWithin(2*time.Minute, func() bool { return closed(run.done) && h.idle() })
	if run.report.Duplicates != 1 {
		t.Fatalf("report %+v", run.report)
	}
	want := "= Thông báo tiếp dân (bản chính thức).txt — đã có trong kho, là văn bản “Thông báo về lịch tiếp dân tháng 5”"
	if !strings.Contains(run.reportText.Text, want) {
		t.Errorf("the report lacks %q:\n%s", want, run.reportText.Text)
	}
}

// TestImportStripWhileCounting: while an import counts its files the
// bar moves and the line says how many it found, rather than a bar at
// 0% that looked stuck (usertest s13); the first file read shows the
// count's bar.
func TestImportStripWhileCounting(t *testing.T) {
	h := newHarness(t, false)
	s := h.v.imports
	p := s.begin(h.v)
	if !s.working.Visible() || !s.working.Running() || s.bar.Visible() {
		t.Error("no moving bar as the import starts")
	}
	p.show(index.Progress{Scanning: true, Total: 1234})
	if got := s.line.text(); got != "Đang tìm các tệp… đã thấy 1.234 tệp" {
		t.Errorf("while counting: %q", got)
	}
	if !s.working.Visible() || s.bar.Visible() {
		t.Error("no moving bar while counting")
	}
	p.show(index.Progress{Done: 0, Total: 2000, Current: "/r/a.docx"})
	if s.working.Visible() || s.working.Running() || !s.bar.Visible() {
		t.Error("the moving bar stays once files are read")
	}
	p.end("", false, func() {})
}
