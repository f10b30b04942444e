package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khovanban/index"
)

func TestReaderRelatedLinks(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:38-BC/ĐU")
	if d.Number != "38-BC/ĐU" {
		t.Fatalf("opened %q", d.Number)
	}
	r := h.v.reader
	var cited []string
	for _, rel := range r.related {
		if rel.Relation == index.Cites {
			cited = append(cited, rel.Number)
		}
	}
	if len(cited) < 2 {
		t.Fatalf("38-BC/ĐU cites 12-KH/ĐU and 05-CT/HU; related: %v", cited)
	}
	if len(r.links) != len(r.related) {
		t.Fatalf("%d links for %d related", len(r.links), len(r.related))
	}
	// One heading over the documents it cites (usertest finding 28: it
	// stood above each).
	headings := 0
	for _, text := range allTexts(t, r.meta) {
		if text == "Văn bản này trích dẫn:" {
			headings++
		}
	}
	if headings != 1 {
		t.Errorf("%d headings over the %d documents it cites", headings, len(cited))
	}
	if r.back.Visible() {
		t.Error("Back shows before any link was followed")
	}
	// Escape on a link gives the keyboard back to the document's row in
	// the results; Enter follows it, as Space does.
	c := h.win.Canvas()
	r.foldMeta(false)
	c.Focus(r.links[0])
	if c.Focused() != r.links[0] {
		t.Fatalf("the link takes no keyboard: %T has it", c.Focused())
	}
	typeKey(t, c, fyne.KeyEscape)
	if c.Focused() != h.v.results.list || r.doc.ID != d.ID || h.v.search.entry.Text != "so:38-BC/ĐU" {
		t.Errorf("Escape on a related link: the keyboard is in %T, the search box holds %q", c.Focused(), h.v.search.entry.Text)
	}
	target := r.related[0].ID
	c.Focus(r.links[0])
	typeKey(t, c, fyne.KeyReturn)
	h.settle(func() bool { return r.doc.ID == target })
	// Back returns to the document the link was followed from.
	if !r.back.Visible() {
		t.Fatal("no Back after following a related document")
	}
	test.Tap(r.back)
	h.settle(func() bool { return r.doc.ID == d.ID })
	if r.back.Visible() {
		t.Error("Back still shows at the start")
	}
}

func TestReaderShowsProvenance(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:12-KH/ĐU")
	r := h.v.reader
	if !strings.Contains(r.captions[index.FieldNumber], "đọc từ văn bản") {
		t.Errorf("number caption %q", r.captions[index.FieldNumber])
	}
	// Saved as read, the value is confirmed by the person; changed, typed
	// by the person.
	if _, err := h.arc.Edit(d.ID, map[string]string{index.FieldNumber: d.Number}); err != nil {
		t.Fatal(err)
	}
	h.v.openDocument(d.ID)
	h.settle(func() bool { return strings.Contains(r.captions[index.FieldNumber], "người xác nhận") })
	if _, err := h.arc.Edit(d.ID, map[string]string{index.FieldNumber: "13-KH/ĐU"}); err != nil {
		t.Fatal(err)
	}
	h.v.openDocument(d.ID)
	h.settle(func() bool { return strings.Contains(r.captions[index.FieldNumber], "người sửa") })
}

// TestDetailsUnderTheTextWhenNarrow: details asked for in a narrow reader
// (1024x768 with the browse column) go under the text, which keeps the
// reader's width, rather than squeezing it into a strip beside them
// (usertest finding 11); in a wide reader they stay beside it.
func TestDetailsUnderTheTextWhenNarrow(t *testing.T) {
	h := newHarness(t, true)
	h.openFirst("so:215/UBND-VP")
	r := h.v.reader
	r.foldMeta(false)
	if w := h.v.panels.readerWidth(); w >= narrowReader || r.split.Horizontal {
		t.Fatalf("narrow reader (%v): details beside the text %v", w, r.split.Horizontal)
	}
	h.settle(h.idle)
	if tw := r.text.Size().Width; tw < h.v.panels.readerWidth()-40 {
		t.Errorf("the text is %v wide in a reader of %v", tw, h.v.panels.readerWidth())
	}
	// The details shown are remembered, but a document opened in a narrow
	// reader comes with them folded (usertest finding 31: at a large text
	// size under them the text had one line).
	h.app.Preferences().SetString(prefReaderDetails, detailsShown)
	h.openFirst("so:45/KH-UBND")
	if len(r.metaBox.Objects) != 0 {
		t.Error("a document opened in a narrow reader with its details shown")
	}
	r.foldMeta(false)
	h.v.panels.toggleBrowse() // the reader takes the browse column's width
	if w := h.v.panels.readerWidth(); w < narrowReader || !r.split.Horizontal {
		t.Fatalf("wide reader (%v): details beside the text %v", w, r.split.Horizontal)
	}
}
