package ui

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"khovanban/ui/messages"
)

// resumeRefile files again, with its progress and a way to stop, the
// documents a change of the campaigns or topics left unfiled (the program
// killed or closed, or the person stopped it: index.RefilePending), once
// the archive is shown. Stopped again, it is resumed at the next start.
func (v *view) resumeRefile() {
	if v.readOnly() {
		return // resumed when the archive opens for writing
	}
	v.spawn(func() {
		if !v.arc.RefilePending() {
			return
		}
		v.do(func() {
			if v.s.view != v {
				return
			}
			p := newProgressDialogIn(v, v.win, lang.L("Đang xếp tiếp văn bản theo phong trào, chủ đề đã đổi"))
			v.spawn(func() {
				err := v.arc.ResumeRefile(p.ctx, p.update)
				v.do(func() {
					p.hide()
					if v.s.view != v {
						return
					}
					if err != nil {
						dialog.ShowInformation(lang.L("Có lỗi"), messages.Error(err), v.win)
					}
					v.runSearch()
				})
			})
		})
	})
}
