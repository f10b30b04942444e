package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"khovanban/index/internal/cputime"
)

// fakeTesseract installs, first on PATH, a "tesseract" with Vietnamese that
// runs body (a shell script) on each page.
func fakeTesseract(t *testing.T, body string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the system's tesseract is not used on Windows")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo eng; echo vie; exit 0; fi\ncat >/dev/null\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "tesseract"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// setPageBudget sets the page's limits for one test.
func setPageBudget(t *testing.T, cpu, wall time.Duration) {
	t.Helper()
	oldCPU, oldWall, oldTick := ocrPageCPU, ocrPageWall, ocrPageTick
	ocrPageCPU, ocrPageWall, ocrPageTick = cpu, wall, 20*time.Millisecond
	t.Cleanup(func() { ocrPageCPU, ocrPageWall, ocrPageTick = oldCPU, oldWall, oldTick })
}

func extractFakeScan(t *testing.T) Result {
	t.Helper()
	ocr := NewOCR(OCRConfig{System: true})
	defer ocr.Close()
	if e, err := ocr.Engine(); e != "tesseract" {
		t.Fatalf("engine %q, %v", e, err)
	}
	data := jpegScanPDF(t, renderScan(t, []string{"KẾ HOẠCH"}))
	res, err := Extract(context.Background(), "scan.pdf", data, Options{OCR: ocr})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestOCRPageSlowButWorking: a page read slowly because the machine is busy
// (the engine waits for a core, using little CPU) is read, however long it
// takes: the limit is the CPU time the engine used, not the time waited.
// With a limit of wall time as long as the CPU limit, the page failed.
func TestOCRPageSlowButWorking(t *testing.T) {
	fakeTesseract(t, "sleep 2\necho 'Số: 12/KH-UBND'")
	setPageBudget(t, 500*time.Millisecond, time.Minute)
	res := extractFakeScan(t)
	if !strings.Contains(res.Text, "12/KH-UBND") || res.OCRPages != 1 || len(res.Warnings) != 0 {
		t.Fatalf("text %q, OCR pages %d, warnings %v", res.Text, res.OCRPages, res.Warnings)
	}
}

// TestOCRPageHungStopped: an engine that keeps working without end is
// stopped once it has used the page's CPU time, and the page is reported.
func TestOCRPageHungStopped(t *testing.T) {
	fakeTesseract(t, "while :; do :; done")
	setPageBudget(t, 300*time.Millisecond, time.Minute)
	var res Result
	took := cputime.Children(func() { res = extractFakeScan(t) })
	if !hasWarning(res.Warnings, WarnOCRFailed) || !strings.Contains(res.Warnings[0].Detail, "of CPU time") {
		t.Fatalf("warnings %v", res.Warnings)
	}
	if took > 10*time.Second {
		t.Errorf("the page was stopped after the engine used %s of CPU", took)
	}
}

// TestOCRPageWallLastResort: an engine blocked without using CPU is stopped
// after the wall time of last resort.
func TestOCRPageWallLastResort(t *testing.T) {
	fakeTesseract(t, "sleep 30")
	setPageBudget(t, time.Minute, 300*time.Millisecond)
	res := extractFakeScan(t)
	if !hasWarning(res.Warnings, WarnOCRFailed) || !strings.Contains(res.Warnings[0].Detail, "deadline") {
		t.Fatalf("warnings %v", res.Warnings)
	}
}

// TestThreadCPUClock: the clock of the built-in engine's thread counts its
// work and not its waits.
func TestThreadCPUClock(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock, release := threadCPU()
	defer release()
	if clock == nil {
		if runtime.GOOS == "linux" || runtime.GOOS == "windows" {
			t.Fatal("no thread clock")
		}
		t.Skip("no thread clock here")
	}
	read := func() time.Duration {
		d, ok := clock()
		if !ok {
			t.Fatal("clock not read")
		}
		return d
	}
	start := read()
	deadline := time.Now().Add(30 * time.Second)
	x := 0
	for read()-start < 100*time.Millisecond { // work (on a busy machine, slowly)
		for i := range 100000 {
			x += i
		}
		if time.Now().After(deadline) {
			t.Fatalf("100 ms of work not counted in 30 s (%s)", read()-start)
		}
	}
	_ = x
	before := read()
	time.Sleep(300 * time.Millisecond)
	if waited := read() - before; waited > 50*time.Millisecond {
		t.Errorf("a wait of 300 ms counted %s", waited)
	}
}

// TestPageBudgetCountsFromBegin: a page's budget counts the CPU its engine
// uses from the page's start, not what the thread it runs on used before
// (the Go runtime's threads live long: a long import's thread had used
// more than the whole budget, and every later page failed at once).
func TestPageBudgetCountsFromBegin(t *testing.T) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock, release := threadCPU()
	defer release()
	if clock == nil {
		t.Skip("no thread clock here")
	}
	deadline := time.Now().Add(30 * time.Second)
	x := 0
	for used, _ := clock(); used < 200*time.Millisecond; used, _ = clock() { // the thread's earlier work
		for i := range 100000 {
			x += i
		}
		if time.Now().After(deadline) {
			t.Skip("the thread got too little CPU")
		}
	}
	_ = x
	b := &pageBudget{}
	end := b.begin(clock)
	if used := b.used(); used > 100*time.Millisecond {
		t.Errorf("a page just begun has used %s", used)
	}
	end()
	if b.spent > 100*time.Millisecond {
		t.Errorf("a page that did nothing spent %s", b.spent)
	}
}
