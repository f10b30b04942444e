package index

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// TestEditKeepsDetailsOfALaterFormat: a signer saved on a document, then
// its other format imported (after the edit, or while the edit is saved
// during the import: the new format stored and not yet indexed, which the
// edit does not reach), then the title corrected on the new format: the
// signer stays on both. Edit gives every format the edited one's details;
// before, the new format's empty signer replaced the person's.
func TestEditKeepsDetailsOfALaterFormat(t *testing.T) {
	for _, when := range []string{"before", "online", "bulk"} {
		t.Run(when, func(t *testing.T) {
			a := newTestArchive(t)
			dir := t.TempDir()
			writeTwinFiles(t, dir, "kh.docx")
			x := idOf(t, importPaths(t, a, filepath.Join(dir, "kh.docx")), "kh.docx")
			const signer = "Nguyễn Văn Hòa"
			var once sync.Once
			edit := func() {
				once.Do(func() {
					if _, err := a.Edit(x, map[string]string{FieldSigner: signer}); err != nil {
						t.Error(err)
					}
				})
			}
			more := t.TempDir()
			writeTwinFiles(t, more, "kh.htm")
			var opt ImportOptions
			switch when {
			case "before":
				edit()
			case "bulk":
				withBulkImportMin(t, 10)
				writeChangeCorpus(t, more, 0, 12)
				fallthrough
			default:
				// Once the new format joined the group (stored, x
				// rewritten), before its batch is indexed.
				opt.beforeIndex = func() {
					if d, err := a.store.getHead(x); err == nil && d.TwinOf != "" {
						edit()
					}
				}
			}
			rep, err := a.Import(context.Background(), []string{more}, opt)
			if err != nil {
				t.Fatal(err)
			}
			edit() // (not made during the import: the test is the "before" one)
			y := idOf(t, rep, "kh.htm")
			if d, err := a.Get(y); err != nil || d.TwinOf == "" {
				t.Fatalf("kh.htm is no twin of kh.docx: %v", err)
			}
			if _, err := a.Edit(y, map[string]string{FieldTitle: "Kế hoạch ngày hội"}); err != nil {
				t.Fatal(err)
			}
			for _, id := range []string{x, y} {
				d, err := a.Get(id)
				if err != nil {
					t.Fatal(err)
				}
				if d.Signer != signer || !d.SetByPerson(FieldSigner) || d.Title != "Kế hoạch ngày hội" {
					t.Errorf("%s: signer %q (by person %v), title %q, want the signer saved first and the title saved then",
						id, d.Signer, d.SetByPerson(FieldSigner), d.Title)
				}
			}
		})
	}
}
