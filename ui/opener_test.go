package ui

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
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
