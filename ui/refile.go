package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2/lang"

	"khovanban/ui/messages"
)

// resumeRefile files again, in the strip at the window's foot like a
// change (its progress, Dừng, the other changes refused meanwhile), the
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
			v.refile(v.win, nil, v.arc.ResumeRefile, func(err error) {
				if err != nil && !errors.Is(err, context.Canceled) {
					v.s.showInfo(lang.L("Có lỗi"), messages.Error(err), v.win)
				}
				v.runSearch()
			})
		})
	})
}
