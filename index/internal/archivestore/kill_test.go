//go:build unix

package archivestore

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The kill test runs transactions (imports, texts replaced, metadata
// edits, moves to the Trash and back, the Trash emptied, compaction of
// the volumes and of the catalog) in a
// child process, this test binary run again, and SIGKILLs it: at random
// moments, and at each of its first file operations in turn (a volume
// created, synced, cut or removed; the catalog about to commit or to be
// replaced by its compacted copy). The
// child prints each transaction before committing it and "OK" once Commit
// returns. After each kill the store must open, pass Check and hold
// exactly the committed transactions, plus perhaps the one in flight:
// every committed record readable, nothing half-visible.
// ARCHIVESTORE_KILLS sets how many random kills (default 8).

const (
	envKillChild = "ARCHIVESTORE_KILL_CHILD"
	envKillSeed  = "ARCHIVESTORE_KILL_SEED"
	envKillAt    = "ARCHIVESTORE_KILL_AT"
	killVolume   = 96 << 10
)

func TestKillDuringCommits(t *testing.T) {
	if dir := os.Getenv(envKillChild); dir != "" {
		killChild(t, dir)
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	kills := 8
	if n, err := strconv.Atoi(os.Getenv("ARCHIVESTORE_KILLS")); err == nil {
		kills = n
	}
	dir := t.TempDir()
	m := model{}
	rng := rand.New(rand.NewPCG(3, 4))
	run := 0
	// At a file operation of a run (the first ones include cutting
	// what the last kill left), then at random moments.
	killed := map[string]bool{}
	tail := false
	for _, at := range []int{1, 2, 3, 4, 5, 6, 8, 11, 1, 15, 20, 1, 26, 33, 41, 50} {
		if tail {
			at = 1 // killed while cutting what the last kill left
		}
		run++
		out := runChild(t, dir, run, strconv.Itoa(at), 0)
		_, op, _ := bytes.Cut(out, []byte("KILL "))
		killed[string(bytes.TrimSpace(op))] = true
		// A tail past a committed length is left for the next child
		// to cut: the store is checked read-only only.
		tail = hasTail(t, dir)
		m = checkAfterKill(t, dir, m, out, run, !tail)
	}
	for _, op := range []string{"create", "sync", "commit", "truncate", "remove", "rename"} {
		if !killed[op] {
			t.Errorf("no kill at a volume's %s (killed at %v)", op, killed)
		}
	}
	for range kills {
		run++
		out := runChild(t, dir, run, "", time.Duration(80+rng.IntN(500))*time.Millisecond)
		m = checkAfterKill(t, dir, m, out, run, true)
	}
	if len(m) == 0 {
		t.Fatal("no transaction committed in any run")
	}
}

// runChild runs one child until it kills itself at a file operation
// (killAt) or is killed after wait, and returns what it printed.
func runChild(t *testing.T, dir string, run int, killAt string, wait time.Duration) []byte {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringCommits$", "-test.count=1")
	cmd.Env = append(os.Environ(), envKillChild+"="+dir, envKillSeed+"="+strconv.Itoa(run), envKillAt+"="+killAt)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	if wait == 0 {
		// A child that reaches its file operation late (under -race on
		// a loaded machine) would change the state later runs start
		// from, and the kinds of file operations they reach.
		wait = 90 * time.Second
	}
	select {
	case <-done:
	case <-time.After(wait):
		cmd.Process.Kill()
		<-done
	}
	if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() {
		t.Fatalf("run %d: the child was not killed: %v\n%s", run, cmd.ProcessState, out.Bytes())
	}
	return out.Bytes()
}

// killChild is the child: transactions on the store in dir until killed.
func killChild(t *testing.T, dir string) {
	seed, _ := strconv.Atoi(os.Getenv(envKillSeed))
	killAt, _ := strconv.Atoi(os.Getenv(envKillAt))
	ops := 0
	onFile := func(op, _ string) {
		if ops++; ops == killAt {
			fmt.Println("KILL " + op)
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
		}
	}
	s, err := open(dir, Options{VolumeSize: killVolume}, onFile)
	if err != nil {
		fmt.Println("OPEN", err)
		time.Sleep(time.Hour)
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	for i := 0; ; i++ {
		if i%6 == 5 {
			fmt.Println("COMPACT")
			if _, err := s.Compact(); err != nil {
				t.Error(err)
			}
			continue
		}
		if i%12 == 8 {
			fmt.Println("COMPACT CATALOG")
			if _, _, err := s.CompactCatalog(); err != nil {
				t.Error(err)
			}
			continue
		}
		line := randomTx(s, rng)
		fmt.Println("T " + line)
		if err := applyLine(s, line); err != nil {
			fmt.Println("ERR", err)
			time.Sleep(time.Hour)
		}
		fmt.Println("OK")
	}
}

// randomTx chooses a transaction from the store's state: one to five
// operations among put:<seed>, text:<id>:<seed>, meta:<bucket>:<id>:<n>,
// mv:<id>:<from>:<to>, rm:<bucket>:<id>, written as one line.
func randomTx(s *Store, rng *rand.Rand) string {
	live, _ := s.IDs(Live)
	trash, _ := s.IDs(Trash)
	var ops []string
	used := map[string]bool{}
	for range 1 + rng.IntN(5) {
		switch k := rng.IntN(10); {
		case k < 4 || len(live) == 0:
			d := makeDoc(uint64(rng.IntN(300)))
			if used[d.id] {
				continue
			}
			used[d.id] = true
			if slices.Contains(trash, d.id) {
				ops = append(ops, "rm:trash:"+d.id)
			}
			ops = append(ops, fmt.Sprintf("put:%d", seedOf(d)))
		default:
			id := live[rng.IntN(len(live))]
			if used[id] {
				continue
			}
			used[id] = true
			switch k {
			case 4:
				ops = append(ops, fmt.Sprintf("text:%s:%d", id, rng.IntN(300)))
			case 5, 6:
				ops = append(ops, fmt.Sprintf("meta:docs:%s:%d", id, rng.IntN(1000)))
			case 7, 8:
				ops = append(ops, "mv:"+id+":docs:trash")
			default:
				ops = append(ops, "rm:docs:"+id)
			}
		}
	}
	for _, id := range trash {
		if !used[id] && rng.IntN(8) == 0 {
			used[id] = true
			if rng.IntN(2) == 0 {
				ops = append(ops, "mv:"+id+":trash:docs")
			} else {
				ops = append(ops, "rm:trash:"+id)
			}
		}
	}
	return strings.Join(ops, " ")
}

// seeds are the documents makeDoc makes from seeds 0-299, by id, text
// and hash, made once.
var seeds = sync.OnceValue(func() (t struct{ byID, byText, byHash map[string]int }) {
	t.byID, t.byText, t.byHash = map[string]int{}, map[string]int{}, map[string]int{}
	for i := range 300 {
		d := makeDoc(uint64(i))
		t.byID[d.id], t.byText[d.text], t.byHash[d.hash] = i, i, i
	}
	return t
})

func seedOf(d testDoc) int { return seeds().byID[d.id] }

func bucketNamed(s string) Bucket {
	if s == "trash" {
		return Trash
	}
	return Live
}

func applyLine(s *Store, line string) error {
	tx, err := s.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for op := range strings.FieldsSeq(line) {
		f := strings.Split(op, ":")
		switch f[0] {
		case "put":
			seed, _ := strconv.ParseUint(f[1], 10, 64)
			d := makeDoc(seed)
			if err := tx.PutOriginal(d.hash, d.original); err != nil {
				return err
			}
			if err := tx.PutDoc(Live, d.id, []byte("m0"), d.text, d.hash); err != nil {
				return err
			}
		case "text":
			e, err := s.Get(Live, f[1])
			if err != nil {
				return err
			}
			seed, _ := strconv.ParseUint(f[2], 10, 64)
			if err := tx.PutDoc(Live, f[1], e.Meta, makeDoc(seed).text, e.Original); err != nil {
				return err
			}
		case "meta":
			tx.SetMeta(bucketNamed(f[1]), f[2], []byte("m"+f[3]))
		case "mv":
			tx.Move(f[1], bucketNamed(f[2]), bucketNamed(f[3]))
		case "rm":
			tx.Remove(bucketNamed(f[1]), f[2])
		}
	}
	_, err = tx.Commit()
	return err
}

// model is what the store must hold: bucket/id → state.
type model map[string]modelDoc

type modelDoc struct {
	origSeed, textSeed uint64
	meta               string
}

func (m model) clone() model {
	out := make(model, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func (m model) apply(line string) {
	for op := range strings.FieldsSeq(line) {
		f := strings.Split(op, ":")
		switch f[0] {
		case "put":
			seed, _ := strconv.ParseUint(f[1], 10, 64)
			m["docs/"+makeDoc(seed).id] = modelDoc{origSeed: seed, textSeed: seed, meta: "m0"}
		case "text":
			d := m["docs/"+f[1]]
			d.textSeed, _ = strconv.ParseUint(f[2], 10, 64)
			m["docs/"+f[1]] = d
		case "meta":
			d := m[f[1]+"/"+f[2]]
			d.meta = "m" + f[3]
			m[f[1]+"/"+f[2]] = d
		case "mv":
			m[f[3]+"/"+f[1]] = m[f[2]+"/"+f[1]]
			delete(m, f[2]+"/"+f[1])
		case "rm":
			delete(m, f[1]+"/"+f[2])
		}
	}
}

// checkAfterKill opens the store read-only, then (when writable) for
// writing, and requires it to hold m with the committed transactions of
// out applied, and perhaps the last one in flight; it returns the model
// that matched.
func checkAfterKill(t *testing.T, dir string, m model, out []byte, run int, writable bool) model {
	t.Helper()
	var inFlight string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "T "):
			inFlight = line[2:]
		case line == "OK":
			m.apply(inFlight)
			inFlight = ""
		case strings.HasPrefix(line, "OPEN") || strings.HasPrefix(line, "ERR"):
			t.Fatalf("run %d: child: %s", run, line)
		}
	}
	after := m.clone()
	after.apply(inFlight)
	t.Logf("run %d: %d transactions committed, %d documents; in flight: %.60q", run, bytes.Count(out, []byte("\nOK\n")), len(m), inFlight)
	for _, readOnly := range []bool{true, false} {
		if !readOnly && !writable {
			break
		}
		s, err := Open(dir, Options{ReadOnly: readOnly, VolumeSize: killVolume})
		if err != nil {
			t.Fatalf("run %d: open (read-only %v): %v", run, readOnly, err)
		}
		var problems []string
		s.Check(func(p Problem) {
			if !readOnly || p.Bucket != "volumes" || !strings.Contains(p.Err.Error(), "does not name") {
				problems = append(problems, p.Error())
			}
		})
		if len(problems) > 0 {
			t.Fatalf("run %d (read-only %v): Check: %s", run, readOnly, strings.Join(problems, "; "))
		}
		got := describeStore(t, s)
		s.Close()
		switch got {
		case describeModel(m):
		case describeModel(after):
			m = after
		default:
			t.Fatalf("run %d (read-only %v): the store holds\n%s\nwant\n%s\nor, with %q,\n%s", run, readOnly, got, describeModel(m), inFlight, describeModel(after))
		}
	}
	return m
}

// hasTail reports whether a volume is longer than the catalog says.
func hasTail(t *testing.T, dir string) bool {
	t.Helper()
	s, err := Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for n, size := range s.sizes {
		if info, err := os.Stat(s.volumePath(n)); err == nil && info.Size() > size {
			return true
		}
	}
	return false
}

// describeStore lists every entry with its metadata and the seeds its
// text and original match, reading each whole.
func describeStore(t *testing.T, s *Store) string {
	t.Helper()
	var lines []string
	for _, b := range []Bucket{Live, Trash} {
		s.ForEach(b, func(id string, e Entry) error {
			text, err := s.Text(id, e)
			if err != nil {
				t.Fatalf("%s %s: %v", b, id, err)
			}
			orig, err := s.Original(e.Original)
			if err != nil {
				t.Fatalf("%s %s: %v", b, id, err)
			}
			ts, ok := seeds().byText[string(text)]
			if !ok {
				ts = -1
			}
			oseed, ok := seeds().byHash[e.Original]
			if !ok || !bytes.Equal(makeDoc(uint64(oseed)).original, orig) {
				oseed = -1
			}
			lines = append(lines, fmt.Sprintf("%s/%s %s text %d original %d", b, id, e.Meta, ts, oseed))
			return nil
		})
	}
	return strings.Join(lines, "\n")
}

func describeModel(m model) string {
	var lines []string
	for k, d := range m {
		lines = append(lines, fmt.Sprintf("%s %s text %d original %d", k, d.meta, d.textSeed, d.origSeed))
	}
	slices.Sort(lines) // docs before trash, then by id, as describeStore lists them
	return strings.Join(lines, "\n")
}
