package ui

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// TestStartReapedLeavesNoZombie: a program started to open a file (as
// xdg-open is) is waited for, so it does not stay a defunct process of
// the app's until the app exits (usertest finding 8).
func TestStartReapedLeavesNoZombie(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc")
	}
	pid, err := startReaped(exec.Command("true"))
	if err != nil {
		t.Fatal(err)
	}
	stat := "/proc/" + strconv.Itoa(pid) + "/stat"
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(stat)
		if os.IsNotExist(err) {
			return // reaped
		}
		if time.Now().After(deadline) {
			state := ""
			if f := strings.Fields(string(data)); len(f) > 2 {
				state = f[2]
			}
			t.Fatalf("process %d still there after 10 s, state %q", pid, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestNoProgramToOpen: with no program for a kind, the window says so,
// names one for that kind (a PDF reader or the web browser for a PDF, not
// LibreOffice), and its buttons say what they do: Đóng closes, Lưu bản
// sao… saves (usertest finding 8: the only button, "Đồng ý", saved).
func TestNoProgramToOpen(t *testing.T) {
	h := newHarness(t, false)
	h.s.canOpen = func(string) bool { return false }
	for _, c := range []struct{ ext, want, not string }{
		{".pdf", "trình duyệt web", "LibreOffice"},
		{".doc", "LibreOffice", "PDF"},
	} {
		h.v.openFile("/nowhere/x"+c.ext, "van-ban"+c.ext)
		top := h.win.Canvas().Overlays().Top()
		text := strings.Join(allTexts(t, top), " ")
		if !strings.Contains(text, c.want) || strings.Contains(text, c.not) {
			t.Errorf("%s: %q", c.ext, text)
		}
		if strings.Contains(text, "Đồng ý") {
			t.Errorf("%s: a button says only %q", c.ext, "Đồng ý")
		}
		test.Tap(findButton(t, top, "Đóng"))
		if h.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: Đóng opened %v", c.ext, allTexts(t, h.win.Canvas().Overlays().Top()))
		}
	}
	h.v.openFile("/nowhere/x.pdf", "van-ban.pdf")
	test.Tap(findButton(t, h.win.Canvas().Overlays().Top(), "Lưu bản sao…"))
	if top := h.win.Canvas().Overlays().Top(); top == nil || !strings.Contains(strings.Join(allTexts(t, top), " "), "Tên tệp") {
		t.Error("Lưu bản sao… did not ask where to save")
	}
}
