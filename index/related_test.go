package index

import (
	"context"
	"testing"
)

// TestRelatedCollapsesTwins: the plan a directive cites is kept as a .txt
// and as a copy with the same text; the directive lists it once, and the
// plan does not list its own copy as related.
func TestRelatedCollapsesTwins(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{
		"kh-quyet-tam.txt": testDocs["kh-quyet-tam.txt"],
		"ct-dan-van.txt":   testDocs["ct-dan-van.txt"],
	})
	kh, ct := idOf(t, rep, "kh-quyet-tam.txt"), idOf(t, rep, "ct-dan-van.txt")
	copyID := idOf(t, importDocs(t, a, map[string]string{"kh-ban-sao.txt": testDocs["kh-quyet-tam.txt"] + "\n\nBản sao y bản chính.\n"}), "kh-ban-sao.txt")
	khDoc, _ := a.Get(kh)
	copyDoc, _ := a.Get(copyID)
	if khDoc.TwinOf == "" || copyDoc.TwinOf != khDoc.TwinOf {
		t.Fatalf("the copy is no twin of the plan: %q, %q", khDoc.TwinOf, copyDoc.TwinOf)
	}
	ctDoc, _ := a.Get(ct)
	rel, err := a.Related(context.Background(), ctDoc)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || rel[0].ID != kh && rel[0].ID != copyID || rel[0].Relation != Cites {
		t.Errorf("Related(directive) = %+v, want the plan once", rel)
	}
	for _, d := range []*Document{khDoc, copyDoc} {
		rel, err := a.Related(context.Background(), d)
		if err != nil {
			t.Fatal(err)
		}
		if len(rel) != 1 || rel[0].ID != ct || rel[0].Relation != CitedBy {
			t.Errorf("Related(%s) = %+v, want only the directive citing it", d.OriginalName, rel)
		}
	}
}
