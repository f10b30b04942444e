//go:build unix

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/classify"
)

// The child process of the tests below: the command line of
// KHOVANBAN_CLI_CHILD (JSON), run as the program runs it, its exit code
// the process's. When what it writes (to standard output or error) first
// holds KHOVANBAN_CLI_PAUSE, it says "PAUSED" on standard error and
// waits for the parent's SIGINT (which the command also gets), so that
// the signal comes at that point of the work: after the first step of a
// filing again, or the first file an import added. Standard error stands
// for a terminal, so that the filing's progress is printed at each step.
func TestCLIChild(t *testing.T) {
	argv := os.Getenv("KHOVANBAN_CLI_CHILD")
	if argv == "" {
		t.Skip("the child process of TestCtrlC*")
	}
	var args []string
	if err := json.Unmarshal([]byte(argv), &args); err != nil {
		panic(err)
	}
	signals := 1
	if os.Getenv("KHOVANBAN_CLI_SIGNALS") == "2" {
		signals = 2 // Ctrl-C twice: the step paused does not end between them
	}
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt)
	var once sync.Once
	pause := func() {
		once.Do(func() {
			fmt.Fprintln(os.Stderr, "\nPAUSED")
			for range signals {
				select {
				case <-sig:
				case <-time.After(time.Minute):
					fmt.Fprintln(os.Stderr, "no signal came")
					os.Exit(3)
				}
			}
			if signals == 2 {
				// The second Ctrl-C exits at once: the step never ends.
				time.Sleep(time.Minute)
				fmt.Fprintln(os.Stderr, "the second Ctrl-C did not exit")
				os.Exit(3)
			}
			// The command's own context is cancelled by the same signal,
			// by another goroutine: give it its moment.
			time.Sleep(200 * time.Millisecond)
		})
	}
	mark := os.Getenv("KHOVANBAN_CLI_PAUSE")
	out := &pauser{to: os.Stdout, mark: mark, pause: pause}
	errOut := &pauser{to: os.Stderr, mark: mark, pause: pause}
	isTerminal = func(w io.Writer) bool { return w == safeText{errOut} }
	g, rest, err := parseGlobal(args)
	if err != nil {
		panic(err)
	}
	os.Exit(runCommand(g, rest, out, errOut))
}

// pauser writes to to, and pauses once what it writes holds mark.
type pauser struct {
	to    io.Writer
	mark  string
	pause func()
}

func (p *pauser) Write(b []byte) (int, error) {
	n, err := p.to.Write(b)
	if p.mark != "" && strings.Contains(string(b), p.mark) {
		p.pause()
	}
	return n, err
}

// runInterrupted runs a command line in a child process (TestCLIChild),
// sends it SIGINT once it paused at mark, and returns its exit code and
// what it printed.
func runInterrupted(t *testing.T, archive, mark string, args ...string) (int, string, string) {
	t.Helper()
	return runInterruptedN(t, archive, mark, 1, args...)
}

// secondCtrlC is what the command says after the first Ctrl-C, when the
// test sends the second.
const secondCtrlC = "Nhấn Ctrl-C lần nữa để thoát ngay"

// runInterruptedN is runInterrupted sending n (1 or 2) SIGINTs: the
// second once the command has said it stops after its step.
func runInterruptedN(t *testing.T, archive, mark string, n int, args ...string) (int, string, string) {
	t.Helper()
	argv, _ := json.Marshal(append([]string{"-archive", archive}, args...))
	cmd := exec.Command(os.Args[0], "-test.run=^TestCLIChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "KHOVANBAN_CLI_CHILD="+string(argv), "KHOVANBAN_CLI_PAUSE="+mark, "KHOVANBAN_OCR=off",
		"KHOVANBAN_CLI_SIGNALS="+strconv.Itoa(n))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	outDone := make(chan struct{})
	go func() { io.Copy(&out, stdout); close(outDone) }()
	var errOut strings.Builder
	paused := false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if line == "PAUSED" && !paused {
			paused = true
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if paused && n == 2 && strings.Contains(line, secondCtrlC) {
			n = 0
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
		}
		errOut.WriteString(line + "\n")
	}
	<-outDone
	err = cmd.Wait()
	code := 0
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if !paused {
		t.Fatalf("the command never came to %q: exit %d\n%s%s", mark, code, out.String(), errOut.String())
	}
	return code, out.String(), errOut.String()
}

// pendingCampaign imports n documents, each under the campaign the test
// then adds, and adds it as the window would and is closed before it
// files any (index.RefilePending).
func pendingCampaign(t *testing.T, archive string, n int) string {
	t.Helper()
	words := strings.Fields("chi bộ đảng viên thôn xóm hội nông dân phụ nữ đoàn thanh niên cựu chiến binh mặt trận tổ quốc ủy ban nhân dân xã huyện tỉnh kế hoạch báo cáo nghị quyết ruộng lúa đường điện trường trạm")
	files := map[string]string{}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		var body strings.Builder
		for range 80 {
			body.WriteString(words[rng.IntN(len(words))] + " ")
		}
		files[fmt.Sprintf("kh%04d.txt", i)] = planText + body.String() + fmt.Sprintf("\nMã kiểm tra rf%d, số %d.\n", i, rng.Int())
	}
	if code, out, errOut := run(t, archive, "import", writeFiles(t, files)); code != 0 || !strings.Contains(out, fmt.Sprintf("Đã thêm %d,", n)) {
		t.Fatalf("import: exit %d\n%s%s", code, out[max(0, len(out)-500):], errOut)
	}
	camp := classify.Category{Name: "Phong trào thử nghiệm", Kind: classify.Campaign,
		Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{"phong cách Hồ Chí Minh"}}}}
	a, err := index.Open(archive, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	closed, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.ChangeRegistry(closed, index.RegistryOp{Op: index.OpAdd, Category: camp}, nil); !errors.Is(err, index.ErrRefileUnfinished) {
		t.Fatalf("change stopped at once: %v, want ErrRefileUnfinished", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return camp.Name
}

// pendingTemplates are archives pendingCampaign made, by size, kept for
// the test process (TestMain removes them) so that -count=N makes one.
var pendingTemplates = map[int]struct{ dir, campaign string }{}

// pendingCampaignCopy is pendingCampaign, made once a process and copied.
func pendingCampaignCopy(t *testing.T, archive string, n int) string {
	t.Helper()
	tpl, ok := pendingTemplates[n]
	if !ok {
		dir, err := os.MkdirTemp("", "khovanban-pending-")
		if err != nil {
			t.Fatal(err)
		}
		tpl.dir = filepath.Join(dir, "kho")
		tpl.campaign = pendingCampaign(t, tpl.dir, n)
		pendingTemplates[n] = tpl
	}
	err := filepath.WalkDir(tpl.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(tpl.dir, path)
		to := filepath.Join(archive, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return tpl.campaign
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, tpl := range pendingTemplates {
		os.RemoveAll(filepath.Dir(tpl.dir))
	}
	os.Exit(code)
}

// filedUnder is how many documents the campaign lists, and whether a
// filing again is pending.
func filedUnder(t *testing.T, archive, campaign string) (int, bool) {
	t.Helper()
	r, err := index.OpenReadOnly(archive, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res, err := r.Search(context.Background(), index.Request{Filters: index.Filters{Campaigns: []string{campaign}}})
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := r.Check(context.Background(), nil); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check: %v %v", rep, err)
	}
	return res.Total, r.RefilePending()
}

// firstID is the id of a document a search finds.
func firstID(t *testing.T, archive, query string) string {
	t.Helper()
	code, out, _ := run(t, archive, "search", "-json", query)
	i := strings.Index(out, `"id": "`)
	if code != 0 || i < 0 {
		t.Fatalf("search -json %s: exit %d\n%s", query, code, out)
	}
	return out[i+7 : i+7+16]
}

// TestCtrlCWhileFiling: a command that writes (edit) files again, once
// its work is done, what a change of the campaigns left unfiled; Ctrl-C
// (a real SIGINT to a real process) after its first step stops it there:
// the edit is saved and said so, the command says how many documents it
// filed and that the rest is filed next time, and exits 1; the archive
// holds exactly the documents said filed under the campaign, the rest
// still pending, and passes Check; the next command that writes files
// the rest, none twice. Before, the command said "Quy tắc đã được lưu"
// (the rules saved), as if it had changed them, and said nothing of what
// it had filed.
func TestCtrlCWhileFiling(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	const n = 900 // past two steps of filing (index's refileStep, 384)
	camp := pendingCampaignCopy(t, archive, n)
	id := firstID(t, archive, "rf7")

	code, out, errOut := runInterrupted(t, archive, "Đang xếp lại văn bản:", "edit", id, "notes=đã xem")
	if code != 1 || !strings.Contains(out, "Đã lưu "+id) {
		t.Fatalf("edit stopped while filing: exit %d, want 1 with the edit saved\n%s%s", code, out, errOut)
	}
	m := regexp.MustCompile(`Đã dừng việc xếp lại văn bản theo phong trào, chủ đề đã đổi sau (\d+) văn bản; phần còn lại sẽ được xếp tiếp lần mở kho để ghi sau`).FindStringSubmatch(errOut)
	if m == nil || strings.Contains(errOut, "Quy tắc đã được lưu") {
		t.Fatalf("the stop is not said as such:\n%s", errOut)
	}
	done, _ := strconv.Atoi(m[1])
	if done == 0 || done >= n {
		t.Fatalf("filed %d of %d before the stop; want some, not all\n%s", done, n, errOut)
	}
	filed, pending := filedUnder(t, archive, camp)
	if filed != done || !pending {
		t.Fatalf("after the stop: %d filed under the campaign, pending %v; the command said %d, want pending", filed, pending, done)
	}
	code, out, errOut = run(t, archive, "edit", id, "notes=đã xem lại")
	if want := fmt.Sprintf("Đã xếp lại %d văn bản theo quy tắc mới.", n-done); code != 0 || !strings.Contains(errOut, want) {
		t.Fatalf("the next edit: exit %d, want 0 saying %q\n%s%s", code, want, out, errOut)
	}
	if filed, pending := filedUnder(t, archive, camp); filed != n || pending {
		t.Fatalf("resumed: %d filed, pending %v; want %d, false", filed, pending, n)
	}
}

// TestCtrlCBeforeFiling: Ctrl-C while an import reads its files stops the
// import; the filing again a change left pending is not begun, and the
// command says that the documents are not all filed and what will file
// them, not that rules were saved (it saved none).
func TestCtrlCBeforeFiling(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	camp := pendingCampaign(t, archive, 6)
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("moi%02d.txt", i)] = fmt.Sprintf("Báo cáo số %d về đường làng ngõ xóm, thôn %d, mã ct%d.\n", i, i*7, i*13)
	}
	code, out, errOut := runInterrupted(t, archive, "đã thêm", "import", writeFiles(t, files))
	if code != 1 || strings.Contains(errOut, "Quy tắc đã được lưu") || strings.Contains(errOut, "Đang xếp lại") ||
		!strings.Contains(errOut, "chưa được xếp lại theo phong trào, chủ đề đã đổi; lần mở kho để ghi sau") {
		t.Fatalf("import stopped: exit %d, want 1 saying the filing is left for next time\n%s%s", code, out, errOut)
	}
	if filed, pending := filedUnder(t, archive, camp); filed != 0 || !pending {
		t.Fatalf("after the stop: %d filed, pending %v; want 0, true", filed, pending)
	}
}

// TestFailingCommandFilesPending: a command that opened the archive for
// writing files what a change left unfiled whether its own work succeeded
// or not (the filing does not depend on it), and its own failure is
// still said, first, with its exit code. Before, an edit that failed left
// the documents unfiled.
func TestFailingCommandFilesPending(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	camp := pendingCampaign(t, archive, 5)
	code, out, errOut := run(t, archive, "edit", "ffffffffffffffff", "notes=x")
	if code != 1 || !strings.Contains(errOut, "Không tìm thấy văn bản này") || !strings.Contains(errOut, "Đã xếp lại 5 văn bản theo quy tắc mới.") {
		t.Fatalf("edit of no document: exit %d, want 1, not found and the documents filed\n%s%s", code, out, errOut)
	}
	if filed, pending := filedUnder(t, archive, camp); filed != 5 || pending {
		t.Fatalf("after a failed edit: %d filed, pending %v; want 5, false", filed, pending)
	}
}
