package ui

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestPackExportAndImport(t *testing.T) {
	from := newHarness(t, true)
	from.search("phongtrao:\"dân vận khéo\"")
	n := from.v.results.total
	if n == 0 {
		t.Fatal("no documents to send")
	}
	file := filepath.Join(t.TempDir(), "goi"+packExt)
	j := from.v.exportPack("Ban Dân vận Huyện ủy", file)
	from.settle(func() bool { return closed(j.done) })
	if j.err != nil {
		t.Fatal(j.err)
	}

	to := newHarness(t, false)
	pr := to.v.planPack(file)
	to.settle(func() bool { return closed(pr.planned.done) })
	if pr.planned.err != nil {
		t.Fatal(pr.planned.err)
	}
	if len(pr.plan.New) != n || !strings.Contains(pr.summary.Text, "Ban Dân vận Huyện ủy") {
		t.Errorf("plan: %d new of %d; %q", len(pr.plan.New), n, pr.summary.Text)
	}
	pr.onApply()
	to.settle(func() bool { return closed(pr.applied.done) && to.idle() && to.v.results.total == n })
}
