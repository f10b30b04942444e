package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
)

// haltWait is how long a second Ctrl-C waits for the archive's write in
// progress (one batch, one step of filing) to end before the process
// exits: a write cut is one a kill would cut, which the archive is made
// to survive (see index.Archive.Halt), but a whole one is plainer.
const haltWait = 3 * time.Second

// interrupt is what a command knows when Ctrl-C comes: the first asks it
// to stop after the step it is doing (its context is cancelled), a
// second exits at once, saying how far the work went.
type interrupt struct {
	mu          sync.Mutex
	what        string // the last step's label, as its progress prints it
	done, total int
	arc         *index.Archive // the archive open for writing, if any
	exit        func(int)
}

// step records the progress a command prints.
func (in *interrupt) step(what string, p index.Progress) {
	if in == nil {
		return // a cli made by a test, not by runCommand
	}
	in.mu.Lock()
	in.what, in.done, in.total = what, p.Done, p.Total
	in.mu.Unlock()
}

// writing records the archive a command opened for writing (nil once
// closed).
func (in *interrupt) writing(a *index.Archive) {
	if in == nil {
		return
	}
	in.mu.Lock()
	in.arc = a
	in.mu.Unlock()
}

// onInterrupt cancels the command's context at the first Ctrl-C, saying
// so, and exits at the second (exitNow). The returned func stops
// listening.
func (c *cli) onInterrupt(cancel context.CancelFunc) func() {
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt)
	quit := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-quit:
			return
		}
		cancel()
		fmt.Fprintln(c.err, "\n"+lang.L("Đang dừng sau bước đang làm… Nhấn Ctrl-C lần nữa để thoát ngay."))
		select {
		case <-sigs:
		case <-quit:
			return
		}
		c.exitNow()
	}()
	return func() {
		signal.Stop(sigs)
		close(quit)
	}
}

// exitNow ends the process with code 130 (killed by Ctrl-C) once the
// archive's write in progress is over, saying how far the work went and
// that what is unfinished resumes.
func (c *cli) exitNow() {
	in := c.intr
	in.mu.Lock()
	what, done, total, a := in.what, in.done, in.total, in.arc
	in.mu.Unlock()
	if a != nil {
		a.Halt(haltWait)
	}
	if total > 0 {
		fmt.Fprintln(c.err, "\n"+lang.L("Đã thoát ngay theo Ctrl-C lần hai, lúc {{.What}} đến {{.Done}}/{{.Total}}.",
			map[string]any{"Done": done, "Total": total, "What": what}))
	} else {
		fmt.Fprintln(c.err, "\n"+lang.L("Đã thoát ngay theo Ctrl-C lần hai."))
	}
	fmt.Fprintln(c.err, lang.L("Những gì đã lưu vẫn nguyên vẹn. Việc còn dở (lập chỉ mục, xếp lại văn bản) sẽ được làm tiếp ở lần mở kho để ghi sau (cửa sổ, hoặc lệnh import, edit…); tệp chưa nhập thì chạy lại lệnh nhập: tệp đã có sẽ được bỏ qua. Có thể kiểm tra kho bằng: khovanban check"))
	in.exit(130)
}
