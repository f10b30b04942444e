package ui

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"khovanban/ui/messages"
)

// TestQuietUnderCLocale starts this test binary again under the locales
// of CI machines and services and checks that Fyne, whose lang package
// reads the locale while the program starts, says nothing about it, and
// that the window speaks Vietnamese.
func TestQuietUnderCLocale(t *testing.T) {
	if os.Getenv("KHOVANBAN_LOCALE_CHILD") != "" {
		test.NewTempApp(t)
		messages.UseLanguage(messages.Vietnamese)
		fmt.Println("Cancel=" + lang.L("Cancel"))
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("no C locale")
	}
	for _, l := range []string{"C", "C.UTF-8", "POSIX", ""} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestQuietUnderCLocale$", "-test.v")
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "KHOVANBAN_LOCALE_CHILD=1")
		if l != "" {
			cmd.Env = append(cmd.Env, "LANG="+l)
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%q: %v\n%s%s", l, err, stdout.String(), stderr.String())
		}
		if out := stdout.String() + stderr.String(); strings.Contains(out, "locale") || strings.Contains(out, "Fyne error") {
			t.Errorf("LANG=%q: Fyne complained:\n%s", l, out)
		}
		if !strings.Contains(stdout.String(), "Cancel=Hủy") {
			t.Errorf("LANG=%q: not Vietnamese:\n%s", l, stdout.String())
		}
	}
}
