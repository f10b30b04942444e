package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"

	"khovanban/ui"
)

// TestPreferencesCutShortAreKept: Fyne writes its preferences file in
// place (truncated, then written), so a kill or a power cut while it
// saves (the window saves its size at exit) leaves it empty or cut short,
// and Fyne then starts without the person's saved searches and with the
// archive folder they chose forgotten. Each start keeps a copy of the last
// whole file and puts it back before Fyne reads a damaged one: a new
// process that makes a real Fyne app then has the saved search and the
// archive folder, from a file of 0 bytes (a kill just after the
// truncation) and from one cut mid-way. Before, it had neither.
func TestPreferencesCutShortAreKept(t *testing.T) {
	const id = "vn.khovanban.preftest"
	if os.Getenv("KHOVANBAN_PREFS_CHILD") != "" {
		// The child: a process that starts as the program does.
		restored, err := ui.KeepPreferences(id)
		a := app.NewWithID(id)
		p := a.Preferences()
		fmt.Printf("%s|%v|%v|%s|%s\n", a.Storage().RootURI().Path(), restored, err, p.String("archive.dir"), p.String("searches.saved"))
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("the preferences' place is set through XDG_CONFIG_HOME")
	}
	config := t.TempDir()
	start := func() []string {
		t.Helper()
		cmd := exec.Command(os.Args[0], "-test.run=^TestPreferencesCutShortAreKept$")
		cmd.Env = append(os.Environ(), "KHOVANBAN_PREFS_CHILD=1", "XDG_CONFIG_HOME="+config)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("child: %v %s", err, out)
		}
		line, _, _ := strings.Cut(string(out), "\n")
		return strings.Split(line, "|")
	}
	dir := filepath.Join(config, "fyne", id)
	os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, "preferences.json")
	whole, _ := json.Marshal(map[string]any{"archive.dir": "/srv/kho-huyen", "searches.saved": `[{"name":"Nông thôn mới 2026"}]`, "window.width": 1200})
	if err := os.WriteFile(path, whole, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := start(); got[0] != dir || got[1] != "false" || got[3] != "/srv/kho-huyen" {
		t.Fatalf("a whole file: %q (Fyne's folder, restored, error, archive, searches); want Fyne's folder %s", got, dir)
	}
	for name, cut := range map[string][]byte{"0 bytes": nil, "cut mid-way": whole[:len(whole)/2]} {
		if err := os.WriteFile(path, cut, 0o600); err != nil {
			t.Fatal(err)
		}
		if got := start(); got[1] != "true" || got[3] != "/srv/kho-huyen" || got[4] != `[{"name":"Nông thôn mới 2026"}]` {
			t.Errorf("%s: %q; want the archive and the saved search back", name, got)
		}
	}
	if data, _ := os.ReadFile(path + ".damaged"); string(data) != string(whole[:len(whole)/2]) {
		t.Errorf("the damaged file is not kept aside: %q", data)
	}
	// A newer whole file becomes the copy kept.
	newer, _ := json.Marshal(map[string]any{"archive.dir": "/srv/kho-moi"})
	os.WriteFile(path, newer, 0o600)
	start()
	os.WriteFile(path, nil, 0o600)
	if got := start(); got[3] != "/srv/kho-moi" {
		t.Errorf("after a newer whole file: %q", got)
	}
	// A file removed on purpose is not brought back.
	os.Remove(path)
	if got := start(); got[1] != "false" || got[3] != "" {
		t.Errorf("after the file was removed: %q", got)
	}
}
