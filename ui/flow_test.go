package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// countingText counts its refreshes, as a long document's text block
// would pay for each one.
type countingText struct {
	widget.RichText
	refreshed int
}

func (c *countingText) Refresh() {
	c.refreshed++
	c.RichText.Refresh()
}

// TestFlowWrapLeavesTextAlone: when a row of buttons wraps onto more rows,
// the column around it is laid out again to give it the height, and the
// text below is not refreshed (it would be measured again, line by line).
func TestFlowWrapLeavesTextAlone(t *testing.T) {
	test.NewTempApp(t)
	// The put-off layouts run after the pass that asked for them, as the
	// app's fyne.Do runs them.
	var later []func()
	flow := newFlowLayout(func(f func()) { later = append(later, f) })
	runLater := func() int {
		n := 0
		for ; len(later) > 0; n++ {
			f := later[0]
			later = later[1:]
			f()
		}
		return n
	}
	var buttons []fyne.CanvasObject
	for _, s := range []string{"Sửa thông tin", "Mở tệp gốc", "Thư mục chứa tệp", "Sao chép", "Xóa", "Đóng"} {
		buttons = append(buttons, widget.NewButton(s, nil))
	}
	row := container.New(flow, buttons...)
	text := &countingText{}
	text.ExtendBaseWidget(text)
	text.ParseMarkdown("Điều 1. Phạm vi điều chỉnh")
	col := container.NewBorder(row, nil, nil, nil, text)
	flow.outer = col
	w := test.NewTempWindow(t, col)
	w.Resize(fyne.NewSize(900, 400))
	runLater()
	oneRow := row.Size().Height
	text.refreshed = 0
	w.Resize(fyne.NewSize(260, 400))
	if runLater() == 0 {
		t.Fatal("the wrapped row asked for no second layout")
	}
	if row.Size().Height <= oneRow || row.Size().Height < flow.height {
		t.Errorf("the wrapped row is %v tall (one row %v, needs %v)", row.Size().Height, oneRow, flow.height)
	}
	if text.Position().Y < row.Size().Height {
		t.Errorf("the text starts at %v, under the row's %v", text.Position().Y, row.Size().Height)
	}
	if text.refreshed != 0 {
		t.Errorf("the text was refreshed %d times", text.refreshed)
	}
}
