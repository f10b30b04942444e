package main

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestNoScreenSaysSo: the program started for its window where there is
// no screen (an ssh session on Linux) says so in a few lines, and that
// the command line works, and exits non-zero; it panicked with a page of
// GLFW's stack (session 17).
func TestNoScreenSaysSo(t *testing.T) {
	if os.Getenv("KHOVANBAN_NOSCREEN_CHILD") != "" {
		os.Args = []string{"khovanban", "-archive", os.Getenv("KHOVANBAN_NOSCREEN_CHILD")}
		main()
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("a screen is always there but on Linux")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNoScreenSaysSo$", "-test.count=1")
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "DISPLAY=") || strings.HasPrefix(kv, "WAYLAND_DISPLAY=")
	})
	cmd.Env = append(cmd.Env, "KHOVANBAN_NOSCREEN_CHILD="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Errorf("exit: %v, want a non-zero code", err)
	}
	for _, want := range []string{"không có màn hình", "no screen", "khovanban help"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("no %q in what it said:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "panic") || strings.Contains(string(out), "goroutine") || strings.Count(string(out), "\n") > 6 {
		t.Errorf("more than a few lines:\n%s", out)
	}
}
