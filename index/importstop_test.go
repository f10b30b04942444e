package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
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
			for read.Load() < int64(3*importBatchDocs) && time.Now().Before(deadline) {
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
	if int64(rep.Added)-toldAtStop > int64(importBatchDocs) {
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

// TestImportOnFullDiskSaysTheRoom: an import stopped by a full disk
// returns an ImportRoomError with the room left and, for a bulk import
// whose stored documents wait for their index, the room it wants; the
// documents stored are kept (usertest session 8, finding 4).
func TestImportOnFullDiskSaysTheRoom(t *testing.T) {
	withBulkImportMin(t, 10)
	mnt := mountTmpfs(t, "24m")
	a, err := Open(filepath.Join(mnt, "a"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	src := t.TempDir()
	r := rand.New(rand.NewPCG(3, 9))
	syllables := strings.Fields("ấp bản cầu dân đê đồng gạo hộ kênh lúa mương nước phố quê ruộng sông tổ vườn xóm bàn bầu chăm dựng giữ góp họp lo mở nuôi sửa trồng vận xây cày đào gặt làm lập")
	for i := range 300 {
		var b strings.Builder
		fmt.Fprintf(&b, "BÁO CÁO số %d\n", i)
		for range 4000 {
			b.WriteString(syllables[r.IntN(len(syllables))] + " ")
		}
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("bc-%03d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Room for the files, not for their index.
	room := filepath.Join(mnt, "room")
	if err := os.WriteFile(room, make([]byte, 8<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	fillDisk(t, mnt)
	os.Remove(room)
	rep, err := a.Import(context.Background(), []string{src}, ImportOptions{})
	var re *ImportRoomError
	if !errors.As(err, &re) || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("import onto a full disk: %v", err)
	}
	if re.Free > 9<<20 {
		t.Errorf("%d bytes free said", re.Free)
	}
	if rep == nil || rep.Added > 0 && re.Need == 0 {
		t.Errorf("added %v, need %d", rep, re.Need)
	}
	t.Logf("added %d; free %d KB, need %d KB: %v", rep.Added, re.Free>>10, re.Need>>10, err)
}
