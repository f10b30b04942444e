package ui

import (
	"fmt"
	"strings"
	"testing"
)

// TestCopiedTwinsMessage: the documents a twin check found with another
// member's details are named, at most copiedListed, the rest counted; an
// archive whose check found none says nothing.
func TestCopiedTwinsMessage(t *testing.T) {
	h := newHarness(t, false)
	h.v.tellCopiedTwins()
	if top := h.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a check that copied nothing is told: %v", allTexts(t, top))
	}
	var names []string
	for i := range copiedListed + 3 {
		names = append(names, fmt.Sprintf("Tham luận số %d (tl-%d.doc)", i+1, i+1))
	}
	h.v.showCopiedTwins(names)
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message")
	}
	text := strings.Join(allTexts(t, top), "\n")
	for _, want := range []string{"Xin xem lại một số văn bản", "11 văn bản đã được tách khỏi nhóm", "• Tham luận số 1 (tl-1.doc)", "• Tham luận số 8 (tl-8.doc)", "… và 3 văn bản khác."} {
		if !strings.Contains(text, want) {
			t.Errorf("the message lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Tham luận số 9 ") {
		t.Errorf("more than %d named:\n%s", copiedListed, text)
	}
}
