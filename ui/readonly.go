package ui

import (
	"errors"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// readOnly reports whether the view's archive was opened for reading only
// (a full disk, no room to migrate it, a write-protected USB stick).
func (v *view) readOnly() bool { return v.arc != nil && v.arc.ReadOnly() }

// refuseReadOnly says at once, before any form or picker opens, that the
// archive takes no changes, and reports whether it did: nothing typed is
// lost to a refusal at Lưu.
func (v *view) refuseReadOnly() bool { return v.refuseReadOnlyIn(v.win) }

// refuseReadOnlyIn is refuseReadOnly with the message in window w (the
// Trash, the campaigns and topics).
func (v *view) refuseReadOnlyIn(w fyne.Window) bool {
	if !v.readOnly() {
		return false
	}
	v.s.showInfo(lang.L("Kho chỉ mở để xem"), messages.Error(index.ErrReadOnly), w)
	return true
}

// readOnlyStrip is the lasting strip at the top of the window over an
// archive opened for reading only, nil over a writable one.
func (v *view) readOnlyStrip() fyne.CanvasObject {
	if !v.readOnly() {
		return nil
	}
	text := widget.NewLabel(readOnlyStripText(v.s.readOnlyErr))
	text.TextStyle.Bold = true
	text.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	r, g, b, _ := theme.Color(theme.ColorNameWarning).RGBA()
	bg := canvas.NewRectangle(color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x40})
	v.readOnlyText = text
	return container.NewStack(bg, container.NewBorder(nil, nil, icon, nil, text))
}

// readOnlyStripText says in one line why the archive opened for reading
// only, from the error that kept it from opening for writing (nil: not
// known).
func readOnlyStripText(openErr error) string {
	var nr *index.NoRoomError
	switch {
	case errors.As(openErr, &nr):
		return lang.L("Kho chỉ mở để xem: ổ đĩa không đủ chỗ để chuyển kho sang định dạng mới. Chưa nhập, sửa hay xóa được.")
	case index.IsDiskFull(openErr):
		return lang.L("Kho chỉ mở để xem: ổ đĩa đã đầy. Chưa nhập, sửa hay xóa được.")
	default:
		return lang.L("Kho chỉ mở để xem: không ghi được vào ổ đĩa. Chưa nhập, sửa hay xóa được.")
	}
}
