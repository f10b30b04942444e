package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

// refileStrip is the strip at the foot of the main window that shows the
// documents being filed again after a change of the campaigns or topics
// (a bar, how far, Dừng), then what the change did. Like an import's, it
// leaves the windows usable meanwhile: the archive takes other changes
// between the filing's steps (usertest session 10, finding 12: a dialog
// held the window for 30 s, counting files).
type refileStrip struct {
	box     *fyne.Container
	running *fyne.Container
	ended   *fyne.Container
	bar     *widget.ProgressBar
	line    *progressLine
	stop    *tabButton
	close   *tabButton
	summary *widget.Label
	// changed, if set, runs after the strip is shown or hidden.
	changed func()
}

func newRefileStrip() *refileStrip {
	s := &refileStrip{bar: widget.NewProgressBar(), line: newProgressLine(), summary: widget.NewLabel("")}
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.stop = newTabButton(lang.L("Dừng"), theme.MediaStopIcon(), nil)
	closeBtn := newTabButton("", theme.CancelIcon(), func() { s.setShown(false) })
	closeBtn.Importance = widget.LowImportance
	s.close = closeBtn
	title := widget.NewLabelWithStyle(lang.L("Đang xếp lại văn bản"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.running = container.New(&stripRowLayout{title: title, line: s.line, bar: s.bar, stop: s.stop}, title, s.line.box, s.bar, s.stop)
	s.line.row = s.running
	s.ended = container.NewBorder(nil, nil, nil, closeBtn, s.summary)
	s.box = container.NewVBox(widget.NewSeparator(), container.NewStack(s.running, s.ended))
	s.box.Hide()
	return s
}

func (s *refileStrip) object() fyne.CanvasObject { return s.box }

// buttons are the strip's buttons shown, for Tab (focus.go).
func (s *refileStrip) buttons() []*tabButton {
	if !s.box.Visible() {
		return nil
	}
	return append(shownIn(s.running, s.stop), shownIn(s.ended, s.close)...)
}

// setShown shows or hides the strip and tells the window's foot.
func (s *refileStrip) setShown(on bool) {
	if on {
		s.box.Show()
	} else {
		s.box.Hide()
	}
	if s.changed != nil {
		s.changed()
	}
}

// newFoot holds the strips at the main window's foot, itself shown only
// while one of them is: shown empty, it would take a padding's height
// from the window.
func newFoot(strips ...fyne.CanvasObject) (box *fyne.Container, fit func()) {
	box = container.NewVBox(strips...)
	fit = func() {
		for _, s := range strips {
			if s.Visible() {
				box.Show()
				box.Refresh()
				return
			}
		}
		box.Hide()
	}
	fit()
	return box, fit
}

// refiling is one change of the campaigns or topics being applied.
type refiling struct {
	v *view
	// op is the change being filed; nil when resuming one a kill, Stop
	// or close left unfinished (the archive keeps it, the window not).
	op     *index.RegistryOp
	ctx    context.Context
	cancel context.CancelFunc
	update func(index.Progress) // safe from any goroutine
	// shown says that the strip shows it: not before the change is
	// saved (a name taken or a bad rule is said in the window asked,
	// with nothing to show at the foot).
	shown bool
}

// changeRegistry saves a change of the campaigns or topics and files the
// documents again in the background, its progress in the strip; then
// calls done on the UI goroutine with the error (nil, or the filing
// stopped, when the change was saved). A change asked for while one is
// being filed is refused, in window w, with the reason.
func (v *view) changeRegistry(op index.RegistryOp, w fyne.Window, done func(error)) bool {
	return v.refile(w, &op, func(ctx context.Context, progress func(index.Progress)) error {
		return v.arc.ChangeRegistry(ctx, op, progress)
	}, done)
}

// refile runs a filing again (run: a change, or the resume of one) in the
// background with the strip; see changeRegistry.
func (v *view) refile(w fyne.Window, op *index.RegistryOp, run func(context.Context, func(index.Progress)) error, done func(error)) bool {
	if v.refiling != nil {
		v.s.showInfo(lang.L("Đang xếp lại văn bản"),
			lang.L("Văn bản đang được xếp lại theo thay đổi trước (thanh ở cuối cửa sổ chính). Hãy chờ xong rồi làm lại việc này."), w)
		return false
	}
	r := &refiling{v: v, op: op}
	r.ctx, r.cancel = context.WithCancel(v.ctx)
	r.update = newThrottle(100*time.Millisecond, v.do, r.show)
	v.refiling = r
	v.spawn(func() {
		err := run(r.ctx, r.update)
		var docs, in int
		if err == nil || errors.Is(err, context.Canceled) {
			docs, in = v.refiledCounts(op)
		}
		v.do(func() {
			r.cancel()
			if v.refiling == r {
				v.refiling = nil
			}
			r.end(err, docs, in)
			done(err)
		})
	})
	return true
}

// refiledCounts are how many documents the archive lists and how many of
// them the changed category holds now (-1 for one deleted, or no change
// known), for the strip's last word.
func (v *view) refiledCounts(op *index.RegistryOp) (docs, in int) {
	res, err := v.arc.Search(v.ctx, index.Request{Limit: 1, NoFacets: true})
	if err != nil {
		return -1, -1
	}
	if op == nil {
		return res.Total, -1
	}
	name := op.Name
	switch op.Op {
	case index.OpAdd:
		name = op.Category.Name
	case index.OpRename, index.OpMerge:
		name = op.NewName
	case index.OpDelete:
		return res.Total, -1
	}
	f := index.Filters{Campaigns: []string{name}}
	if op.Kind == classify.Topic {
		f = index.Filters{Topics: []string{name}}
	}
	n, err := v.arc.Search(v.ctx, index.Request{Filters: f, Limit: 1, NoFacets: true})
	if err != nil {
		return res.Total, -1
	}
	return res.Total, n.Total
}

// show shows how far the filing is, with the document being filed: a
// share on the bar, not a count, for it goes through files and the list
// counts documents (the formats of one text once).
func (r *refiling) show(pr index.Progress) {
	s := r.v.refiles
	if !r.shown {
		r.shown = true
		s.stop.OnTapped = r.onStop
		s.stop.Enable()
		s.ended.Hide()
		s.running.Show()
		s.setShown(true)
	}
	if r.ctx.Err() != nil {
		return // "Đang dừng…" stays
	}
	share := 0.0
	if pr.Total > 0 {
		share = float64(pr.Done) / float64(pr.Total)
	}
	s.bar.SetValue(share)
	s.line.set("", pr.Current, "")
}

func (r *refiling) onStop() {
	r.cancel()
	s := r.v.refiles
	s.stop.Disable()
	s.line.setText(lang.L("Đang dừng…"))
}

// end says what the change did, or hides the strip when it was not saved
// (the window that asked says why).
func (r *refiling) end(err error, docs, in int) {
	s := r.v.refiles
	stopped := errors.Is(err, context.Canceled)
	if err != nil && !stopped {
		s.setShown(false)
		return
	}
	counts := map[string]any{"Docs": formatCount(max(docs, 0)), "In": formatCount(max(in, 0))}
	if op := r.op; op != nil {
		counts["Name"] = op.Name
		if op.Op == index.OpAdd {
			counts["Name"] = op.Category.Name
		} else if op.Op == index.OpRename || op.Op == index.OpMerge {
			counts["Name"] = op.NewName
		}
	}
	var text string
	switch {
	case stopped:
		text = lang.L("Đã dừng xếp lại văn bản: quy tắc mới đã lưu, nhưng một số văn bản còn theo quy tắc cũ.")
	case in >= 0:
		text = messages.N("Đã xếp lại {{.Docs}} văn bản theo quy tắc mới: “{{.Name}}” có {{.In}} văn bản.", max(docs, 0), counts)
	default:
		text = messages.N("Đã xếp lại {{.Docs}} văn bản theo quy tắc mới.", max(docs, 0), counts)
	}
	s.summary.SetText(text)
	s.summary.Importance = widget.MediumImportance
	if stopped {
		s.summary.Importance = widget.WarningImportance
	}
	s.summary.Refresh()
	s.running.Hide()
	s.ended.Show()
	s.setShown(true)
}

// refuseWhileRefiling says, while documents are filed again after a
// change of the campaigns or topics, that what was asked for (a change of
// archive or language, a pack, a restore, a rebuild) must wait for it,
// and reports whether it did.
func (v *view) refuseWhileRefiling() bool {
	if v.refiling == nil {
		return false
	}
	v.s.showInfo(lang.L("Đang xếp lại văn bản"),
		lang.L("Văn bản đang được xếp lại theo phong trào, chủ đề vừa đổi (thanh ở cuối cửa sổ). Hãy chờ xong rồi làm lại việc này."), v.win)
	return true
}
