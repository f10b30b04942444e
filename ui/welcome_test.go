package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestWelcomeOnEmptyArchive(t *testing.T) {
	h := newHarness(t, false)
	if len(h.v.body.Objects) != 1 || h.v.body.Objects[0] != h.v.welcome.content() {
		t.Fatal("an empty archive should greet with the welcome")
	}
	test.AssertRendersToMarkup(t, "welcome.xml", h.win.Canvas())

	// The samples button imports the bundled documents.
	test.Tap(h.v.welcome.samples)
	h.settle(func() bool { return h.v.results.total >= 9 })
	if h.v.body.Objects[0] != h.v.main {
		t.Error("after importing, the search screen should show")
	}
}
