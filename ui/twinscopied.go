package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// copiedListed is how many documents the message of a twin check names.
const copiedListed = 8

// tellCopiedTwins tells the person, after a check of the stored twin
// groups (index.Archive.TwinsChecked: once at opening for each twin rule,
// or by a rebuild), which documents it took out of a group whose details
// an earlier build's edit of the group's row probably copied from another
// member: those details may be another file's. Documents in the Trash are
// not named.
func (v *view) tellCopiedTwins() {
	chk := v.arc.TwinsChecked()
	if chk == nil || len(chk.Copied) == 0 {
		return
	}
	arc := v.arc
	v.spawn(func() {
		var names []string
		for _, id := range chk.Copied {
			if d, err := arc.Get(id); err == nil {
				names = append(names, copiedName(d))
			}
		}
		if len(names) > 0 {
			v.do(func() { v.showCopiedTwins(names) })
		}
	})
}

// copiedName names a document in the message: its title and its file.
func copiedName(d *index.Document) string {
	if d.Title == "" {
		return d.OriginalName
	}
	return d.Title + " (" + d.OriginalName + ")"
}

func (v *view) showCopiedTwins(names []string) {
	text := messages.N("Khi kiểm tra các nhóm bản trùng, {{.N}} văn bản đã được tách khỏi nhóm. Thông tin của chúng có thể đã bị chép từ tệp khác trong nhóm khi sửa trước đây; xin mở từng văn bản để xem lại:", len(names),
		map[string]any{"N": formatCount(len(names))})
	for _, n := range names[:min(len(names), copiedListed)] {
		text += "\n• " + n
	}
	if more := len(names) - copiedListed; more > 0 {
		text += "\n" + messages.N("… và {{.More}} văn bản khác.", more, map[string]any{"More": formatCount(more)})
	}
	label := widget.NewLabel(strings.TrimSpace(text))
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(lang.L("Xin xem lại một số văn bản"), lang.L("Đóng"), label, v.win)
	d.Resize(fyne.NewSize(600, 320))
	v.showDialog(d, nil)
}
