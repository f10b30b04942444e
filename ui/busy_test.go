package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestBusySign: quick work shows nothing; work that lasts shows the sign
// with what is being done, until all of it has ended.
func TestBusySign(t *testing.T) {
	test.NewTempApp(t)
	queue := make(chan func(), 10)
	b := newBusySign(func(f func()) { queue <- f })
	run := func() {
		for {
			select {
			case f := <-queue:
				f()
			default:
				return
			}
		}
	}
	quick := b.start("nhanh")
	quick()
	time.Sleep(2 * busyDelay)
	run()
	if b.shown() {
		t.Error("work done at once showed the sign")
	}
	slow := b.start("Đang mở văn bản…")
	other := b.start("Đang lưu…")
	time.Sleep(2 * busyDelay)
	run()
	if !b.shown() || b.label.Text == "" {
		t.Fatal("work lasting longer than the delay shows no sign")
	}
	slow()
	if !b.shown() {
		t.Error("the sign went while other work still runs")
	}
	other()
	if b.shown() {
		t.Error("the sign stays after all work ended")
	}
}
