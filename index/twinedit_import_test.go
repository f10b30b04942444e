package index

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestEditKeepsDetailsOfALaterFormat: a signer saved on a document, then
// its other format imported (after the edit, or while the edit is saved
// during the import: the new format stored and not yet indexed), then the
// title corrected on the new format: the
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

// TestGroupChangesReachAnUnindexedTwin: kh.docx is in the archive, and
// an import (online, or bulk: its documents out of the live index until
// the swap) stores its other format kh.txt in its group; before kh.txt's
// batch is indexed, the person deletes kh.docx, edits it, deletes and
// restores it, deletes it with another document, or files both under a
// campaign. The change reaches kh.txt as it reaches an indexed twin:
// before, the twins were found through the index only, so a deleted
// document's new format stayed live and an edit's details were not on it.
// All is as said after the import, and after Close and Open, and Check
// finds nothing wrong.
func TestGroupChangesReachAnUnindexedTwin(t *testing.T) {
	for _, mode := range []string{"online", "bulk"} {
		for _, change := range []string{"delete", "edit", "undelete", "delete many", "edit many"} {
			t.Run(mode+"/"+change, func(t *testing.T) { testGroupChangeDuringImport(t, mode == "bulk", change) })
		}
	}
}

func testGroupChangeDuringImport(t *testing.T, bulk bool, change string) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { a.Close() }()
	first := t.TempDir()
	writeTwinFiles(t, first, "kh.docx")
	writeChangeCorpus(t, first, 0, 1)
	rep := importPaths(t, a, first)
	x, z := idOf(t, rep, "kh.docx"), idOf(t, rep, "e000.txt")

	more := t.TempDir()
	writeTwinFiles(t, more, "kh.txt")
	if bulk {
		withBulkImportMin(t, 10)
		writeChangeCorpus(t, more, 1, 24)
	}
	const signer, campaign = "Nguyễn Văn Hòa", "Ngày hội toàn dân"
	var (
		done    bool
		trashed int // documents in the Trash once x was deleted (undelete)
	)
	opt := ImportOptions{beforeIndex: func() {
		// Once kh.txt is stored in kh.docx's group, before it is indexed.
		if d, err := a.store.getHead(x); done || err != nil || d.TwinOf == "" {
			return
		}
		done = true
		if twins, err := a.Twins(ctx, &Document{TwinOf: x}); err != nil || twins != nil {
			t.Errorf("the index holds the group already (%v, %v): the test tests nothing", twins, err)
		}
		var err error
		switch change {
		case "delete":
			err = a.Delete(x)
		case "delete many":
			err = a.Delete(x, z)
		case "undelete":
			if err = a.Delete(x); err == nil {
				var in []Summary
				in, err = a.Trash()
				trashed = len(in)
				err = errors.Join(err, a.Undelete(x))
			}
		case "edit":
			_, err = a.Edit(x, map[string]string{FieldSigner: signer})
		case "edit many":
			_, err = a.EditMany([]string{z, x}, BulkEdit{AddCampaigns: []string{campaign}})
		}
		if err != nil {
			t.Errorf("%s during the import: %v", change, err)
		}
	}}
	rep, err = a.Import(ctx, []string{more}, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !done {
		t.Fatal("kh.txt did not join kh.docx's group during the import")
	}
	y := idOf(t, rep, "kh.txt")
	if change == "undelete" && trashed != 2 {
		t.Errorf("%d documents in the Trash once kh.docx was deleted, want 2 (kh.docx, kh.txt)", trashed)
	}
	verify := func(when string) {
		t.Helper()
		live := func(id string) *Document {
			d, err := a.Get(id)
			if err != nil {
				t.Fatalf("%s: %s: %v", when, id, err)
			}
			return d
		}
		switch change {
		case "delete", "delete many":
			gone := []string{x, y}
			if change == "delete many" {
				gone = append(gone, z)
			}
			for _, id := range gone {
				if _, err := a.Get(id); !errors.Is(err, ErrNotFound) {
					t.Errorf("%s: %s is live (%v), want it in the Trash", when, id, err)
				}
			}
			if in, err := a.Trash(); err != nil || len(in) != len(gone) {
				t.Errorf("%s: %d in the Trash (%v), want %d", when, len(in), err, len(gone))
			}
			if res, err := a.Search(ctx, Request{Query: "tương thân tương ái"}); err != nil || res.Total != 0 {
				t.Errorf("%s: a search finds %v (%v), want nothing", when, res, err)
			}
			return
		case "edit":
			for _, id := range []string{x, y} {
				if d := live(id); d.Signer != signer || !d.SetByPerson(FieldSigner) {
					t.Errorf("%s: %s (%s) signer %q (by person %v), want %q", when, id, d.OriginalName, d.Signer, d.SetByPerson(FieldSigner), signer)
				}
			}
		case "edit many":
			for _, id := range []string{x, y, z} {
				if d := live(id); !slices.Contains(d.Campaigns, campaign) {
					t.Errorf("%s: %s (%s) campaigns %q, want %q", when, id, d.OriginalName, d.Campaigns, campaign)
				}
			}
		}
		requireGroup(t, a, "tương thân tương ái", x, y)
	}
	verify("after the import")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if a, err = Open(dir, Options{Registry: testRegistry(t)}); err != nil {
		t.Fatal(err)
	}
	verify("after Close and Open")
	requireCheck(t, a)
}
