package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"khovanban/index/internal/cputime"
)

// syntheticBackup writes a backup-shaped bundle of n documents, each a
// tiny document entry and a tiny original: the directory and manifest of
// a real archive's backup, without its bytes.
func syntheticBackup(t testing.TB, n int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "sao-luu.zip")
	bw, err := newBundleWriter(file)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		orig := []byte(fmt.Sprint(i))
		sum := sha256.Sum256(orig)
		hash := hex.EncodeToString(sum[:])
		if err := bw.add(originalEntry(hash, "txt"), orig); err != nil {
			t.Fatal(err)
		}
		if err := bw.add(docEntry(docsDir, hash[:16]), []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.close(map[string]any{"kind": "backup", "format": archiveFmt}, nil); err != nil {
		t.Fatal(err)
	}
	return file
}

// heapAfterGC is the bytes the heap holds once collected, twice: what
// sync.Pools hold (zip's compressors, a megabyte each) goes at the second.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestBackupDirectoryMemory: what opening a backup holds for each entry
// of its zip (the zip's directory, the manifest's sums, the names): a
// backup of a million documents lists two million entries. Measured:
// 576 bytes an entry (1,100 MB for a million documents) when the sums
// were held as the manifest's strings, 487 (928 MB) with them as bytes
// (manifestSum), most of it Go's zip reader's own directory, which it
// loads whole; 89 (169 MB) with the directory read a record at a time
// (zipDir), a bundleEntry kept for each. Under -race the heap is not
// what it is in use, and the test takes minutes.
func TestBackupDirectoryMemory(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("writes a bundle of 20,000 entries; measured without -race")
	}
	const docs = 10_000
	file := syntheticBackup(t, docs)
	before := heapAfterGC()
	b, err := openBundle(file, "backup", defaultBundleLimits())
	if err != nil {
		t.Fatal(err)
	}
	held := heapAfterGC() - before
	perEntry := held / (2 * docs)
	t.Logf("%d bytes held an entry: %d MB for a million documents' backup", perEntry, perEntry*2_000_000>>20)
	b.close()
	runtime.KeepAlive(b)
	if perEntry > maxBundleBytesPerEntry {
		t.Errorf("%d bytes held an entry, at most %d", perEntry, maxBundleBytesPerEntry)
	}
}

// maxBundleBytesPerEntry is over what is measured now (89: bundleEntry),
// far under what it was with Go's zip reader (487).
const maxBundleBytesPerEntry = 120

// TestBackupMemoryAtScale measures what opening and verifying a
// restorable synthetic backup of KHOVANBAN_BACKUP_ENTRIES entries (a
// document file and an original per document) holds and peaks at, and
// keeps the backup at KHOVANBAN_BACKUP_KEEP when set (or reads the one
// there), for a restore measured by the program itself. A measurement, run by hand:
//
//	KHOVANBAN_BACKUP_ENTRIES=1000000 go test -run TestBackupMemoryAtScale -v ./index/
func TestBackupMemoryAtScale(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("KHOVANBAN_BACKUP_ENTRIES"))
	if n == 0 || raceDetector {
		t.Skip("a measurement: set KHOVANBAN_BACKUP_ENTRIES")
	}
	keep := os.Getenv("KHOVANBAN_BACKUP_KEEP")
	file := keep
	if _, err := os.Stat(keep); keep == "" || err != nil {
		before := heapAfterGC()
		start := time.Now()
		var cpu time.Duration
		var synced time.Time
		bundleWritten = func(*os.File) { synced = time.Now() }
		peak := heapPeak(func() { cpu = cputime.Process(func() { file = restorableBackup(t, n/2) }) })
		bundleWritten = nil
		st, _ := os.Stat(file)
		t.Logf("%d entries: written (%d MB) in %v (CPU %v; read back in the last %v) with a heap peak %d MB over the start",
			n, st.Size()>>20, time.Since(start).Round(time.Millisecond), cpu.Round(time.Millisecond), time.Since(synced).Round(time.Millisecond), (peak-before)>>20)
	}
	if _, err := os.Stat(keep); keep != "" && err != nil {
		if err := os.Rename(file, keep); err != nil {
			t.Fatal(err)
		}
		file = keep
	}
	before := heapAfterGC()
	start := time.Now()
	var b *bundle
	var err error
	var cpu time.Duration
	peak := heapPeak(func() {
		cpu = cputime.Process(func() { b, err = openBundle(file, "backup", defaultBundleLimits()) })
	})
	if err != nil {
		t.Fatal(err)
	}
	held := heapAfterGC() - before
	t.Logf("%d entries: opened and verified in %v (CPU %v); held %d MB (%d bytes an entry), heap peak %d MB over the start",
		n, time.Since(start).Round(time.Millisecond), cpu.Round(time.Millisecond), held>>20, held/uint64(n), (peak-before)>>20)
	b.close()
	runtime.KeepAlive(b)
}

// heapPeak runs f and says the most the heap held meanwhile, sampled.
func heapPeak(f func()) uint64 {
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			peak.Store(max(peak.Load(), m.HeapAlloc))
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}

// restorableBackup writes a backup of docs tiny documents that restore
// and migrate: a format-1 archive's marker, and each document's file and
// original.
func restorableBackup(t testing.TB, docs int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "sao-luu.zip")
	bw, err := newBundleWriter(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := bw.add(manifestFile, []byte(`{"format": 1}`)); err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		orig := []byte(fmt.Sprintf("văn bản số %d", i))
		sum := sha256.Sum256(orig)
		hash := hex.EncodeToString(sum[:])
		if err := bw.add(originalEntry(hash, "txt"), orig); err != nil {
			t.Fatal(err)
		}
		d, _ := json.Marshal(&Document{ID: hash[:16], Hash: hash, Format: "txt", Title: fmt.Sprint("Văn bản ", i), Text: string(orig)})
		if err := bw.add(docEntry(docsDir, hash[:16]), d); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.close(map[string]any{"kind": "backup", "format": archiveFmt}, nil); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestBackupWritingMemory: what writing a backup holds for each entry
// until its end: the sum of each entry (for the manifest), and nothing of
// its zip's directory, which waits in a file (zipWriter). Measured at
// 40,000 entries: 396 bytes an entry with archive/zip's writer, which
// keeps every entry's header until it closes (755 MB for a million
// documents' backup, and its directory's slice doubling on top); 139
// with zipWriter, the sums' map alone. Under -race the heap is not what
// it is in use.
func TestBackupWritingMemory(t *testing.T) {
	if testing.Short() || raceDetector {
		t.Skip("writes a bundle of 40,000 entries; measured without -race")
	}
	const docs = 20_000
	bw, err := newBundleWriter(filepath.Join(t.TempDir(), "sao-luu.zip"))
	if err != nil {
		t.Fatal(err)
	}
	before := heapAfterGC()
	for i := range docs {
		orig := []byte(fmt.Sprint(i))
		sum := sha256.Sum256(orig)
		hash := hex.EncodeToString(sum[:])
		if err := bw.add(originalEntry(hash, "txt"), orig); err != nil {
			t.Fatal(err)
		}
		if err := bw.add(docEntry(docsDir, hash[:16]), []byte(`{}`)); err != nil {
			t.Fatal(err)
		}
	}
	held := heapAfterGC() - before
	perEntry := held / (2 * docs)
	t.Logf("%d bytes held an entry while writing: %d MB for a million documents' backup", perEntry, perEntry*2_000_000>>20)
	if err := bw.close(map[string]any{"kind": "backup", "format": archiveFmt}, nil); err != nil {
		t.Fatal(err)
	}
	if perEntry > maxWritingBytesPerEntry {
		t.Errorf("%d bytes held an entry while writing, at most %d", perEntry, maxWritingBytesPerEntry)
	}
}

// maxWritingBytesPerEntry is over what is measured now (the sums' map,
// whose load varies with the count), far under archive/zip's writer's.
const maxWritingBytesPerEntry = 250
