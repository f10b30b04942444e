package ui

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// importStrip is the strip at the foot of the main window that shows an
// import going on (a bar, the file being read, Hủy) and then what it did,
// with the full report a click away. Unlike a dialog it leaves the window
// usable: the person searches and reads while a large folder goes in.
type importStrip struct {
	box     *fyne.Container
	running *fyne.Container // the bar, the file, Hủy
	ended   *fyne.Container // the summary, Xem báo cáo, ×
	bar     *widget.ProgressBar
	// working replaces the bar while the index is built (a bulk import's
	// last step, which says nothing of how far it is).
	working *widget.ProgressBarInfinite
	line    *progressLine // the count, the file being read
	stop    *tabButton
	summary *widget.Label
	// title says what the row is doing: importing, then tidying the
	// index (setTidying).
	title  *widget.Label
	report *tabButton
	close  *tabButton
	// changed, if set, runs after the strip is shown or hidden.
	changed func()
}

func newImportStrip() *importStrip {
	s := &importStrip{bar: widget.NewProgressBar(), working: widget.NewProgressBarInfinite(), line: newProgressLine(), summary: widget.NewLabel("")}
	s.working.Stop()
	s.working.Hide()
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.stop = newTabButton(lang.L("Dừng nhập"), theme.MediaStopIcon(), nil)
	s.report = newTabButton(lang.L("Xem báo cáo"), theme.DocumentIcon(), nil)
	closeBtn := newTabButton("", theme.CancelIcon(), s.hide)
	closeBtn.Importance = widget.LowImportance
	s.close = closeBtn
	title := widget.NewLabelWithStyle(lang.L("Đang nhập văn bản"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title = title
	bar := container.NewStack(s.bar, s.working)
	s.running = container.New(&stripRowLayout{title: title, line: s.line, bar: bar, stop: s.stop}, title, s.line.box, bar, s.stop)
	s.line.row = s.running
	s.ended = container.NewBorder(nil, nil, nil, container.NewHBox(s.report, closeBtn), s.summary)
	s.box = container.NewVBox(widget.NewSeparator(), container.NewStack(s.running, s.ended))
	s.box.Hide()
	return s
}

func (s *importStrip) object() fyne.CanvasObject { return s.box }

// buttons are the strip's buttons shown, for Tab (focus.go).
func (s *importStrip) buttons() []*tabButton {
	if !s.box.Visible() {
		return nil
	}
	return append(shownIn(s.running, s.stop), shownIn(s.ended, s.report, s.close)...)
}

// hide folds the strip away (the × after an import; the report stays
// in the menu).
func (s *importStrip) hide() { s.box.Hide(); s.fit() }

// fit tells the window's foot that the strip was shown or hidden.
func (s *importStrip) fit() {
	if s.changed != nil {
		s.changed()
	}
}

// importProgress is one import's progress in the strip, with the context
// Hủy cancels.
type importProgress struct {
	s      *importStrip
	ctx    context.Context
	cancel context.CancelFunc
	bar    *widget.ProgressBar
	update func(index.Progress) // safe from any goroutine
	// later is called with true when the import's documents turn out to
	// be searchable only at its end, and with false when it ends.
	later func(bool)
	// A scanned page takes minutes on a busy office computer, and the
	// line stood still meanwhile (usertest s12: "192/240: lamdong-193.pdf"
	// for 9 minutes, the page it was on said only now and then, as the
	// import's other news named the file without it). The line keeps the
	// page the file is on and says, once a file or page takes more than
	// aliveAfter, how long it has taken so far, every second.
	shown       index.Progress // the last progress shown
	pageOf      string         // the file whose page is known
	page, pages int
	key         string    // the file and page shown
	since       time.Time // when key was first shown
	now         func() time.Time
}

// aliveAfter is how long a file or page is read before the line says for
// how long.
const aliveAfter = 5 * time.Second

// begin shows the strip for an import that starts.
func (s *importStrip) begin(v *view) *importProgress {
	p := &importProgress{s: s, bar: s.bar, later: v.results.setImportLater, now: time.Now}
	p.ctx, p.cancel = context.WithCancel(v.ctx)
	go p.tickEverySecond(v.do)
	s.bar.SetValue(0)
	// The bar moves while the files are counted: a still one at 0%
	// looked stuck (usertest s13).
	s.setWorking(true)
	s.line.setText(lang.L("Đang tìm các tệp…"))
	s.setTidying(false)
	s.stop.OnTapped = p.onCancel
	s.stop.Enable()
	s.ended.Hide()
	s.running.Show()
	s.box.Show()
	s.fit()
	p.update = newThrottle(100*time.Millisecond, v.do, p.show)
	return p
}

// setTidying names the row and its stop button for what goes on: once
// every file is in, only the index's tidy (usertest s27: "Dừng nhập"
// stayed over "Đã lưu xong · Đang sắp xếp lại chỉ mục…", and the title
// "Đang nhập văn bản" stayed).
func (s *importStrip) setTidying(on bool) {
	title, stop := lang.L("Đang nhập văn bản"), lang.L("Dừng nhập")
	if on {
		title, stop = lang.L("Đang sắp xếp lại chỉ mục"), lang.L("Dừng sắp xếp")
	}
	if s.stop.Text != stop || s.title.Text != title {
		s.stop.SetText(stop)
		s.title.SetText(title)
		s.running.Refresh()
	}
}

// setWorking shows the moving bar (the index being built) instead of
// the count's, or the count's again; the moving one is stopped when
// hidden, for it repaints the window.
func (s *importStrip) setWorking(on bool) {
	if on {
		s.bar.Hide()
		s.working.Show()
		s.working.Start()
		return
	}
	s.working.Stop()
	s.working.Hide()
	s.bar.Show()
}

func (p *importProgress) show(pr index.Progress) {
	if p.ctx.Err() != nil {
		// "Đang dừng…" stays until the report, but for a stopped bulk
		// import's last step: the documents it stored are indexed before
		// it ends (usertest session 8: ~80 s of "Đang dừng…" on a still
		// bar).
		if pr.Indexing {
			p.s.setWorking(true)
			p.s.line.setText(messages.N("Đã dừng · Đang lập chỉ mục cho {{.Added}} văn bản đã lưu…", pr.Added, map[string]any{"Added": formatCount(pr.Added)}))
		}
		return
	}
	if pr.Scanning {
		p.s.line.setText(lang.L("Đang tìm các tệp… đã thấy {{.Count}} tệp", map[string]any{"Count": formatCount(pr.Total)}))
		return
	}
	if pr.Total > 0 {
		p.bar.SetValue(float64(pr.Done) / float64(pr.Total))
	}
	p.s.setWorking(pr.Indexing)
	switch {
	case pr.Pages > 0:
		p.pageOf, p.page, p.pages = pr.Current, pr.Page, pr.Pages
	case pr.Current != "" && pr.Current == p.pageOf:
		pr.Page, pr.Pages = p.page, p.pages // news of another file's end
	default:
		p.pageOf = ""
	}
	if key := pr.Current + "\x00" + itoa(pr.Page); key != p.key {
		p.key, p.since = key, p.now()
	}
	p.shown = pr
	p.s.setTidying(pr.Tidying)
	p.showLine()
	if pr.Later {
		p.later(true)
	}
}

// showLine shows the progress last shown, with how long its file or page
// has taken when that is more than aliveAfter. The index's build and its
// tidy are not timed: they are not a file that might be stuck, and the
// time made the tidy's line push its title out at 1366 wide (usertest
// s28: "Tidying the index" came and went).
func (p *importProgress) showLine() {
	before, name, after := progressParts(p.shown)
	if took := p.now().Sub(p.since); took >= aliveAfter && !p.shown.Indexing && !p.shown.Tidying {
		after += lang.L(" · đã {{.Time}}", map[string]any{"Time": elapsedText(took)})
	}
	p.s.line.set(before, name, after)
}

// tickEverySecond shows the line again every second until the import
// ends or is stopped, so that a long page visibly goes on. One tick at
// most waits in the UI's queue: when frames are slow the queue runs late
// (window.go latest), and ticks must not pile up there.
func (p *importProgress) tickEverySecond(do func(func())) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	var queued atomic.Bool
	for {
		select {
		case <-p.ctx.Done():
			return
		case <-t.C:
			if queued.CompareAndSwap(false, true) {
				do(func() {
					queued.Store(false)
					p.tick()
				})
			}
		}
	}
}

func (p *importProgress) tick() {
	if p.ctx.Err() != nil || p.key == "" {
		return
	}
	p.showLine()
}

// elapsedText is a time taken, as people say it: "35 giây", "4 phút 12
// giây", "1 giờ 5 phút".
func elapsedText(d time.Duration) string {
	s := int(d / time.Second)
	h, m := s/3600, s/60%60
	switch {
	case h > 0:
		return lang.L("{{.H}} giờ {{.M}} phút", map[string]any{"H": h, "M": m})
	case m > 0:
		return lang.L("{{.M}} phút {{.S}} giây", map[string]any{"M": m, "S": s % 60})
	}
	return lang.L("{{.S}} giây", map[string]any{"S": s})
}

// progressText is where long work stands, on one line (progressParts).
func progressText(pr index.Progress) string {
	before, name, after := progressParts(pr)
	return before + name + after
}

// nameMark stands for the file's name in a translated sentence, which is
// cut there into the words before and after it.
const nameMark = "\x00"

// progressParts is where long work stands: how many of how many, and the
// file being read (with the page, for a scan read by OCR), as the words
// before the file's name, the name, and the words after it, so that the
// strip cuts the name rather than the words when the line is too long; a
// restore's move of the backup into this version's format and the
// removal of the old files after it are said as on opening.
func progressParts(pr index.Progress) (before, name, after string) {
	counts := map[string]any{"Done": formatCount(pr.Done), "Total": formatCount(pr.Total), "Current": nameMark, "Name": nameMark}
	var text string
	switch {
	case pr.Cleaning:
		return lang.L("Đang dọn các tệp của định dạng cũ. Xin đừng tắt máy."), "", ""
	case pr.Migrating:
		return messages.N("Đang chuyển kho sang định dạng mới: {{.Done}}/{{.Total}} văn bản", pr.Total, counts), "", ""
	case pr.CheckingTwins: // by Open, or a rebuild (index/twinscheck.go)
		return messages.N("Đang kiểm tra các nhóm bản trùng: {{.Done}}/{{.Total}} văn bản", pr.Total, counts), "", ""
	case pr.Pages > 0:
		// With how far the batch is: the count of files must not vanish
		// while a scan's pages are read.
		counts["Page"], counts["Pages"] = formatCount(pr.Page), formatCount(pr.Pages)
		text = lang.L("{{.Done}}/{{.Total}} · Đang nhận dạng chữ trang {{.Page}}/{{.Pages}} của tệp {{.Name}}", counts)
	case pr.Tidying: // after an import or a pack (index/tidy.go)
		return lang.L("Đã lưu xong các văn bản · Tìm sẽ nhanh hơn khi sắp xếp xong: {{.Done}}%", counts), "", ""
	case pr.Indexing: // a bulk import's last step (index/bulkimport.go)
		return messages.N("Đã lưu {{.Added}} văn bản · Đang lập chỉ mục tìm kiếm…", pr.Added, map[string]any{"Added": formatCount(pr.Added)}), "", ""
	case pr.Current == "":
		// The end: no file is read any more (the catalog is put in order
		// after a large import).
		return lang.L("{{.Done}}/{{.Total}} · Đang hoàn tất…", counts), "", ""
	case pr.Later:
		text = lang.L("{{.Done}}/{{.Total}}: {{.Current}} · tìm được khi nhập xong", counts)
	default:
		text = lang.L("{{.Done}}/{{.Total}}: {{.Current}}", counts)
	}
	before, after, _ = strings.Cut(text, nameMark)
	return before, filepath.Base(pr.Current), after
}

func (p *importProgress) onCancel() {
	p.cancel()
	p.s.stop.Disable()
	p.s.line.setText(lang.L("Đang dừng…"))
}

// end shows what the import did, with a button to its full report.
func (p *importProgress) end(summary string, warn bool, openReport func()) {
	p.cancel()
	p.later(false)
	p.s.showEnded(summary, warn, openReport)
}

// endedShown reports whether the strip shows what an import did (not
// folded away with its ×).
func (s *importStrip) endedShown() bool { return s.box.Visible() && s.ended.Visible() }

// showEnded shows what an import did, with a button to its full report.
func (s *importStrip) showEnded(summary string, warn bool, openReport func()) {
	s.summary.SetText(summary)
	s.summary.Importance = widget.MediumImportance
	if warn {
		s.summary.Importance = widget.WarningImportance
	}
	s.summary.Refresh()
	s.report.OnTapped = openReport
	s.setWorking(false)
	s.running.Hide()
	s.ended.Show()
	s.box.Show()
	s.fit()
}
