package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestImportStopKeepsOnlyWhatWasStored: a stopped import writes no batch
// after the stop: what was read and not yet handed to be written is
// reported as not imported, the batch being written and the one being
// indexed are finished, and every document stored is searchable; the
// count told at the stop lags what is kept by one batch at most
// (usertest session 8: ~435 files were added after "Dừng nhập").
func TestImportStopKeepsOnlyWhatWasStored(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	const files = 1200 // a bulk import into the empty archive
	for i := range files {
		text := fmt.Sprintf("THÔNG BÁO số %d\nVề việc họp tổ dân phố %d, thôn %d.\n", i, i*7919, i%37)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("tb-%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var read, told atomic.Int64
	toldAtStop := int64(-1)
	first := true
	var stoppedAt time.Time
	rep, err := a.Import(ctx, []string{dir}, ImportOptions{
		Workers:   2,
		afterRead: func() { read.Add(1) },
		Item: func(it ImportItem) {
			if it.Status == Added {
				told.Add(1)
			}
		},
		beforeIndex: func() {
			if !first {
				return
			}
			first = false
			// The first batch waits to be indexed until more than two
			// batches are read; then the person stops the import.
			deadline := time.Now().Add(time.Minute)
			for read.Load() < 3*importBatchDocs && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			stoppedAt = time.Now()
			toldAtStop = told.Load()
			cancel()
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(stoppedAt)
	if !rep.Cancelled {
		t.Fatal("the report does not say the import was stopped")
	}
	if rep.Added > 2*importBatchDocs {
		t.Errorf("%d documents added after %d were read: more than the batch being indexed and the one being written", rep.Added, read.Load())
	}
	// The count the person saw when stopping lags what is kept by the
	// batch being written at most: a bulk import tells a file added once
	// it is stored.
	if int64(rep.Added)-toldAtStop > importBatchDocs {
		t.Errorf("%d documents told added at the stop, %d kept", toldAtStop, rep.Added)
	}
	if rep.Added == 0 {
		t.Error("the batch being indexed at the stop was not kept")
	}
	res, err := a.Search(context.Background(), Request{Query: "thông báo", Limit: 1})
	if err != nil || res.Total != rep.Added {
		t.Errorf("search finds %d (%v), the report added %d", res.Total, err, rep.Added)
	}
	if ids, _ := a.store.ids(docsDir); len(ids) != rep.Added {
		t.Errorf("the archive holds %d documents, the report added %d", len(ids), rep.Added)
	}
	requireCheck(t, a)
	t.Logf("added %d of %d read; %v from the stop to the report", rep.Added, read.Load(), took)
}

// TestProgressNamesTheFileBeingRead: the progress names a file once its
// reading begins, not only when it ends (usertest session 8: the strip
// named a finished file for minutes while a scan's OCR ran on the next),
// and the last word is sent even when it comes within 100 ms of the one
// before; the last progress names no file.
func TestProgressNamesTheFileBeingRead(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	for _, name := range []string{"a-nhanh.txt", "b-cham.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("THÔNG BÁO\nVề việc "+name+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	named := make(chan struct{})
	var once sync.Once
	var last Progress
	var mu sync.Mutex
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{
		Workers: 1,
		Progress: func(p Progress) {
			mu.Lock()
			last = p
			mu.Unlock()
			if filepath.Base(p.Current) == "b-cham.txt" {
				once.Do(func() { close(named) })
			}
		},
		whileReading: func(path string) {
			if filepath.Base(path) != "b-cham.txt" {
				return
			}
			select { // held, as a scan's OCR holds it, until it is named
			case <-named:
			case <-time.After(10 * time.Second):
				t.Error("the file being read was never named")
			}
		},
	})
	if err != nil || rep.Added != 2 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if last.Current != "" || last.Done != 2 {
		t.Errorf("last progress %+v", last)
	}
}
