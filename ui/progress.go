package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// progressDialog shows long work: a bar, the item being worked on, and a
// Cancel button that cancels ctx.
type progressDialog struct {
	v       *view
	d       *dialog.CustomDialog
	bar     *widget.ProgressBar
	current *widget.Label
	ctx     context.Context
	cancel  context.CancelFunc
	update  func(index.Progress) // safe from any goroutine
}

// withProgress runs work in the background under a progress dialog titled
// title; then, on the UI goroutine, it hides the dialog and shows the
// error, or calls done. The outcome also goes to j, which tests wait on.
func (v *view) withProgress(title string, j *job, work func(ctx context.Context, progress func(index.Progress)) error, done func()) {
	p := newProgressDialog(v, title)
	v.spawn(func() {
		err := work(p.ctx, p.update)
		v.do(func() {
			defer close(j.done)
			p.hide()
			j.err = err
			if err != nil {
				v.showError(err)
				return
			}
			done()
		})
	})
}

func newProgressDialog(v *view, title string) *progressDialog {
	return newProgressDialogIn(v, v.win, title)
}

// newProgressDialogIn shows the progress dialog over window w.
func newProgressDialogIn(v *view, w fyne.Window, title string) *progressDialog {
	p := &progressDialog{v: v, bar: widget.NewProgressBar(), current: widget.NewLabel(" ")}
	p.ctx, p.cancel = context.WithCancel(v.ctx)
	p.current.Truncation = fyne.TextTruncateEllipsis
	p.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.bar, p.current), w)
	cancel := newDialogButton(lang.L("Hủy"), nil, p.onCancel)
	p.d.SetButtons([]fyne.CanvasObject{cancel})
	p.d.Resize(fyne.NewSize(560, 200))
	v.s.keys.showWork(w, p.d, p.onCancel)
	v.busy++
	p.update = newThrottle(100*time.Millisecond, v.do, p.show)
	return p
}

func (p *progressDialog) show(pr index.Progress) {
	if pr.Total > 0 {
		p.bar.SetValue(float64(pr.Done) / float64(pr.Total))
	}
	p.current.SetText(progressText(pr))
}

func (p *progressDialog) onCancel() {
	p.cancel()
	p.current.SetText(lang.L("Đang dừng…"))
}

func (p *progressDialog) hide() {
	p.cancel()
	p.d.Hide()
	p.v.busy--
}
