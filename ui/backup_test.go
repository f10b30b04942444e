package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/ui/messages"
)

func TestBackupAndRestore(t *testing.T) {
	h := newHarness(t, true)
	file := filepath.Join(t.TempDir(), "sao-luu.zip")
	j := h.v.backupTo(file)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatal(j.err)
	}
	dir := restoreFolder(t.TempDir())
	j = h.v.restoreFrom(file, dir)
	h.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatal(j.err)
	}
	arc, err := index.Open(dir, index.Options{Registry: assets.Registry})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	st, err := arc.Stats(t.Context())
	if err != nil || st.Documents != h.v.results.total {
		t.Errorf("restored %+v, %v; want %d documents", st, err, h.v.results.total)
	}

	// A damaged backup is refused with a message.
	j = h.v.restoreFrom(filepath.Join("testdata", "timeline.xml"), restoreFolder(t.TempDir()))
	h.settle(func() bool { return closed(j.done) })
	if j.err == nil || !strings.Contains(messages.Error(j.err), "không đọc được") {
		t.Errorf("damaged backup: %v: %q", j.err, messages.Error(j.err))
	}
}
