package index

import (
	"bufio"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The crash test runs imports and edits in a child process (this test
// binary, re-run), kills it with SIGKILL at random moments, and checks the
// archive after each kill: every stored document intact and searchable,
// nothing half-written, the index agreeing with the store.
// KHOVANBAN_KILLS sets how many kills (default 6; the README's figure comes
// from a longer run).

const (
	envChild   = "KHOVANBAN_KILL_CHILD"
	envArchive = "KHOVANBAN_KILL_ARCHIVE"
	envCorpus  = "KHOVANBAN_KILL_CORPUS"
)

func TestKillDuringImportAndEdit(t *testing.T) {
	if mode := os.Getenv(envChild); mode != "" {
		killChild(t, mode)
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	kills := 6
	if n, err := strconv.Atoi(os.Getenv("KHOVANBAN_KILLS")); err == nil {
		kills = n
	}
	corpus := t.TempDir()
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range testDocs {
			if !yield(k) {
				return
			}
		}
	})
	for i := range 400 {
		text := testDocs[keys[i%len(keys)]] + fmt.Sprintf("\nMã kiểm tra kt%d.\n", i)
		os.WriteFile(filepath.Join(corpus, fmt.Sprintf("d%03d.txt", i)), []byte(text), 0o644)
	}
	archive := filepath.Join(t.TempDir(), "a")
	rng := rand.New(rand.NewPCG(1, 2))
	var seq uint64
	for k := range kills {
		mode := "import"
		switch k % 3 {
		case 0:
			os.RemoveAll(archive) // kill a first import of a new archive
			seq = 0
		case 2:
			mode = "edit"
		}
		child := startKillChild(t, mode, archive, corpus)
		time.Sleep(time.Duration(100+rng.IntN(900)) * time.Millisecond)
		child.kill()
		after := checkArchive(t, archive, k)
		t.Logf("kill %d (%s): %d commits before it", k, mode, after-seq)
		seq = after
	}
}

// TestKillDuringRebuild kills a process that rebuilds the index again and
// again with the offline builder (bulk.go) at random moments: the archive
// opens each time with the index agreeing with the store, every document
// found, and no half-built index left beside it.
func TestKillDuringRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	kills, corpus := killCount(), killCorpus(t)
	archive := filepath.Join(t.TempDir(), "a")
	a, err := Open(archive, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(context.Background(), []string{corpus}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range kills {
		child := startKillChild(t, "rebuild", archive, "")
		time.Sleep(time.Duration(200+rng.IntN(1500)) * time.Millisecond)
		child.kill()
		_, err := os.Stat(filepath.Join(archive, bulkNewDir))
		t.Logf("kill %d: killed with a new index being built: %v", k, err == nil)
		checkArchive(t, archive, k)
		for _, left := range []string{bulkNewDir, bulkOldDir} {
			if _, err := os.Stat(filepath.Join(archive, left)); err == nil {
				t.Errorf("kill %d: %s left after Open", k, left)
			}
		}
	}
}

// killChild is the process that gets killed.
func killChild(t *testing.T, mode string) {
	if strings.HasPrefix(mode, phasePrefix) {
		phaseChild(t, strings.TrimPrefix(mode, phasePrefix)) // killphase_test.go
		return
	}
	if mode == "bulkimport" || mode == "bulkimportedit" {
		bulkImportMin = 10 // before Open: its replay too (TestKillDuringBulkImport)
	}
	a, err := Open(os.Getenv(envArchive), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(killReady)
	switch mode {
	case "import":
		// small batches: many commits for a kill to land between
		a.Import(context.Background(), []string{os.Getenv(envCorpus)}, ImportOptions{Workers: 2, MemoryBudget: 20000})
	case "bulkimport":
		a.Import(context.Background(), []string{os.Getenv(envCorpus)}, ImportOptions{Workers: 2})
	case "importedit", "bulkimportedit":
		// Edits and deletes between the import's batches
		// (TestKillDuringImportWithChanges).
		go changeUntilKilled(a)
		// small batches: many of them, changes between
		a.Import(context.Background(), []string{os.Getenv(envCorpus)}, ImportOptions{Workers: 2, MemoryBudget: 20000})
	case "steps":
		stepsUntilKilled(a, os.Getenv(envCorpus))
	case "rebuild":
		for { // rebuild until killed
			if err := a.Rebuild(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	ids, _ := a.store.ids(docsDir)
	for n := 0; ; n++ { // edit until killed
		if len(ids) == 0 {
			break
		}
		id := ids[n%len(ids)]
		year := 2000 + n%25 // with a date of its year: a dated document takes no other year
		a.Edit(id, map[string]string{"title": fmt.Sprintf("Tiêu đề sửa st%d", n), "year": strconv.Itoa(year), "date": fmt.Sprintf("%d-03-04", year)})
	}
	a.Close()
}

// killReady is the line the child prints once it has opened the archive:
// a kill's random moment is counted from it, so that the kill lands in
// the work rather than in the child's start and Open, which took most of
// a random wait under -race (the kills committed 0-15 transactions,
// review of session 10).
const killReady = "khovanban-kill-child-ready"

// killProc is a child process to be killed.
type killProc struct {
	cmd     *exec.Cmd
	drained chan struct{} // its output read to the end
	mu      sync.Mutex
	lines   []string // what it printed after killReady
}

// printed is what the child printed after killReady so far (all of it
// once it is killed).
func (p *killProc) printed() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.lines)
}

// startKillChild runs this test binary again as the process to be killed
// (killChild), in mode, and returns once it is ready (killReady).
func startKillChild(t *testing.T, mode, archive, corpus string) *killProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringImportAndEdit$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"="+mode, envArchive+"="+archive, envCorpus+"="+corpus)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &killProc{cmd: cmd, drained: make(chan struct{})}
	ready := make(chan struct{})
	var once sync.Once
	go func() {
		defer close(p.drained)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == killReady {
				once.Do(func() { close(ready) })
				continue
			}
			p.mu.Lock()
			p.lines = append(p.lines, sc.Text())
			p.mu.Unlock()
		}
	}()
	select {
	case <-ready:
	case <-p.drained:
		cmd.Wait()
		t.Fatalf("the child (%s) ended before it opened the archive", mode)
	case <-time.After(3 * time.Minute):
		p.kill()
		t.Fatalf("the child (%s) did not open the archive in 3 minutes", mode)
	}
	return p
}

// kill kills the child and waits for it.
func (p *killProc) kill() {
	p.cmd.Process.Kill()
	<-p.drained
	p.cmd.Wait()
}

var checkWord = regexp.MustCompile(`kt[0-9]+`)

// checkArchive opens the archive a kill left and checks it; it returns
// the number of the catalog's last commit (Open commits nothing), so
// that a test can say how many commits the child made.
func checkArchive(t *testing.T, dir string, kill int) uint64 {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("kill %d: Open: %v", kill, err)
	}
	defer a.Close()
	requireCheck(t, a)
	stored, err := a.store.ids(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	indexed, err := a.indexedIDs()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(stored)
	slices.Sort(indexed)
	if !slices.Equal(stored, indexed) {
		t.Fatalf("kill %d: %d stored, %d indexed: the index disagrees with the store", kill, len(stored), len(indexed))
	}
	if left, _ := os.ReadDir(filepath.Join(dir, tmpDir)); len(left) > 0 {
		t.Errorf("kill %d: %d half-written files left", kill, len(left))
	}
	ctx := context.Background()
	edited := 0
	for _, id := range stored {
		d, err := a.Get(id)
		if err != nil {
			t.Fatalf("kill %d: %s: %v", kill, id, err)
		}
		if _, err := originalBytes(a, d); err != nil {
			t.Fatalf("kill %d: %s has no original: %v", kill, id, err)
		}
		// Its own check word finds it, and its title as stored.
		q := checkWord.FindString(d.Text)
		if i := strings.Index(d.Title, " st"); i >= 0 {
			q += " " + d.Title[i+1:] + " năm:" + strconv.Itoa(d.Year)
			edited++
		}
		res, err := a.Search(ctx, Request{Query: q})
		if err != nil || res.Total != 1 || res.Hits[0].ID != id {
			t.Fatalf("kill %d: %s (%q) not found as stored: %v %v", kill, id, q, err, res)
		}
	}
	t.Logf("kill %d: %d documents intact, %d of them edited", kill, len(stored), edited)
	return a.store.vol.st.Seq()
}

// killCount is how many kills a kill test makes: 6, or KHOVANBAN_KILLS.
func killCount() int {
	if n, err := strconv.Atoi(os.Getenv("KHOVANBAN_KILLS")); err == nil {
		return n
	}
	return 6
}

// killCorpus writes the 400 files the kill tests import: the test
// documents again and again, each made distinct by a code ("kt17") a
// search finds it by.
func killCorpus(t *testing.T) string {
	t.Helper()
	return killCorpusOf(t, 400)
}

// killCorpusOf is killCorpus of n files.
func killCorpusOf(t *testing.T, n int) string {
	t.Helper()
	corpus := t.TempDir()
	keys := slices.Sorted(maps.Keys(testDocs))
	for i := range n {
		text := testDocs[keys[i%len(keys)]] + fmt.Sprintf("\nMã kiểm tra kt%d.\n", i)
		if err := os.WriteFile(filepath.Join(corpus, fmt.Sprintf("d%03d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return corpus
}
