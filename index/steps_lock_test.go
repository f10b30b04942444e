package index

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"khovanban/index/classify"
)

// stepArchive is an archive of n documents of writeChangeCorpus (each
// found by its code "kt17", each filed under modelCampaign once it is
// added), and their ids in the order the store lists them.
func stepArchive(t *testing.T, n int) (*Archive, string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	files := t.TempDir()
	writeChangeCorpus(t, files, 0, n)
	if rep, err := a.Import(context.Background(), []string{files}, ImportOptions{}); err != nil || rep.Added != n {
		t.Fatalf("import: %v %+v", err, rep)
	}
	ids, err := a.store.ids(docsDir)
	if err != nil {
		t.Fatal(err)
	}
	return a, dir, ids
}

// inTime runs a change in another goroutine and fails the test if it
// has not ended within a while: it waits for the lock the run holds (and
// is left to end after the run).
func inTime(t *testing.T, what string, change func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- change() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	case <-time.After(20 * time.Second):
		t.Errorf("%s waited 20 s: the run holds the archive's lock throughout", what)
	}
}

// reopen closes the archive, opens it again and checks it.
func reopen(t *testing.T, a *Archive, dir string) *Archive {
	t.Helper()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	requireCheck(t, b)
	return b
}

// TestChangesWhileTheTrashIsEmptied: emptying the Trash takes the
// archive's lock for each chunk of documents (and each volume it
// rewrites), not for its whole run; between two chunks, the person
// brings back a document of the Trash not yet removed, edits one and
// deletes another. The one brought back is live and whole (its text and
// original), the edit is kept, the one deleted meanwhile stays in the
// Trash, the others are gone; the same after Close and Open, and Check
// finds nothing wrong. Before, the changes waited for the whole run.
func TestChangesWhileTheTrashIsEmptied(t *testing.T) {
	old := purgeChunk
	purgeChunk = 3
	t.Cleanup(func() { purgeChunk = old })
	a, dir, ids := stepArchive(t, 12)
	if err := a.Delete(ids[:9]...); err != nil {
		t.Fatal(err)
	}
	trashed, err := a.store.ids(trashDir)
	if err != nil || len(trashed) != 9 {
		t.Fatalf("%d in the Trash: %v", len(trashed), err)
	}
	back, edited, deleted := trashed[len(trashed)-1], ids[9], ids[10] // back: in the last chunk
	steps := 0
	a.betweenSteps = func() {
		if steps++; steps != 1 {
			return
		}
		inTime(t, "undelete", func() error { return a.Undelete(back) })
		inTime(t, "edit", func() error {
			_, err := a.Edit(edited, map[string]string{FieldTitle: "Tiêu đề sửa giữa chừng"})
			return err
		})
		inTime(t, "delete", func() error { return a.Delete(deleted) })
	}
	if _, err := a.EmptyTrash(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.betweenSteps = nil
	if steps < 3 {
		t.Fatalf("emptying the Trash took the lock %d times, want one for each chunk of 3", steps)
	}
	for i := range 2 {
		b := a
		if i == 1 {
			b = reopen(t, a, dir)
		}
		for _, id := range trashed {
			_, err := b.Get(id)
			if id == back {
				d, err := b.Get(id)
				if err != nil {
					t.Fatalf("brought back while the Trash was emptied: %v", err)
				}
				if _, err := originalBytes(b, d); err != nil || !checkWord.MatchString(d.Text) {
					t.Errorf("brought back: original %v, text %q", err, d.Text)
				}
				continue
			}
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("%s, in the Trash when it was emptied, is live (%v)", id, err)
			}
		}
		in, err := b.store.ids(trashDir)
		if err != nil || !slices.Equal(in, []string{deleted}) {
			t.Errorf("the Trash holds %v (%v), want only %s, deleted meanwhile", in, err, deleted)
		}
		if d, err := b.Get(edited); err != nil || d.Title != "Tiêu đề sửa giữa chừng" {
			t.Errorf("edited while the Trash was emptied: %v %+v", err, d)
		}
		if res, err := b.Search(context.Background(), Request{Query: "giữa chừng"}); err != nil || res.Total != 1 {
			t.Errorf("the edit is not found: %v %+v", err, res)
		}
	}
}

// TestChangesWhileFilingAgain: a campaign added files every document
// again a step at a time (refileStep documents under the archive's lock,
// then the lock is free); while it does, the person edits a document
// filed already, edits one not filed yet and deletes another. Both edits
// are kept and filed under the new campaign, the deleted one stays in
// the Trash; the same after Close and Open, and Check finds nothing
// wrong. Before, the changes waited for the whole run (the progress was
// told with the lock held).
func TestChangesWhileFilingAgain(t *testing.T) {
	old := refileStep
	refileStep = 3
	t.Cleanup(func() { refileStep = old })
	a, dir, ids := stepArchive(t, 12)
	var filed, later, deleted string
	calls := 0
	progress := func(p Progress) {
		if calls++; calls != 1 {
			return
		}
		if p.Done >= len(ids)-1 {
			t.Errorf("the first progress says %d of %d filed: one step", p.Done, p.Total)
			return
		}
		filed, later, deleted = ids[0], ids[len(ids)-1], ids[len(ids)-2]
		for _, id := range []string{filed, later} {
			inTime(t, "edit", func() error {
				_, err := a.Edit(id, map[string]string{FieldSigner: "Người Sửa Giữa Chừng"})
				return err
			})
		}
		inTime(t, "delete", func() error { return a.Delete(deleted) })
	}
	if err := a.ChangeRegistry(context.Background(), RegistryOp{Op: OpAdd, Category: modelCampaign}, progress); err != nil {
		t.Fatal(err)
	}
	if filed == "" {
		t.Fatal("no change was made while filing again")
	}
	for i := range 2 {
		b := a
		if i == 1 {
			b = reopen(t, a, dir)
		}
		for _, id := range ids {
			d, err := b.Get(id)
			if id == deleted {
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("deleted while filing again, %s is live (%v)", id, err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(d.Campaigns, modelCampaign.Name) {
				t.Errorf("%s not filed under the new campaign: %q", id, d.Campaigns)
			}
			if (id == filed || id == later) && d.Signer != "Người Sửa Giữa Chừng" {
				t.Errorf("%s, edited while filing again, signer %q", id, d.Signer)
			}
		}
		res, err := b.Search(context.Background(), Request{Filters: Filters{Campaigns: []string{modelCampaign.Name}}})
		if err != nil || res.Total != len(ids)-1 {
			t.Errorf("the campaign lists %v (%v), want %d", res.Total, err, len(ids)-1)
		}
	}
}

// stepsUntilKilled empties the Trash and adds and deletes a campaign
// (both a step at a time, small steps) while another goroutine edits,
// deletes and brings back documents, importing the corpus again every
// fourth round, until the process is killed.
func stepsUntilKilled(a *Archive, corpus string) {
	purgeChunk, refileStep = 7, 16
	go changeUntilKilled(a)
	ctx := context.Background()
	phase := func(p string) { _ = os.WriteFile(a.dir+".phase", []byte(p), 0o644) } // for the log
	for n := 0; ; n++ {
		if n%4 == 0 { // what the Trash took comes back
			phase("import")
			a.Import(ctx, []string{corpus}, ImportOptions{Workers: 2, MemoryBudget: 20000})
		}
		phase("delete")
		ids, _ := a.store.ids(docsDir)
		for i, id := range ids {
			if i%5 == n%5 {
				a.Delete(id)
			}
		}
		phase("empty the Trash")
		a.EmptyTrash(ctx)
		op := RegistryOp{Op: OpAdd, Category: modelCampaign}
		if n%2 == 1 {
			op = RegistryOp{Op: OpDelete, Kind: modelCampaign.Kind, Name: modelCampaign.Name}
		}
		phase("file again")
		a.ChangeRegistry(ctx, op, nil)
	}
}

// TestKillWhileEmptyingTrashAndFiling kills a process that empties the
// Trash and files every document again under a campaign added or
// deleted, a step at a time, while it imports and another goroutine
// edits, deletes and brings back documents (stepsUntilKilled): in each
// of its phases in turn, at a random moment of it.
// After each kill the archive opens with every document intact, its
// title as stored found by search, the index agreeing with the store,
// and Check finds nothing wrong.
func TestKillWhileEmptyingTrashAndFiling(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	// 400 texts of their own (the kill corpus's are twins: a delete
	// takes a whole group), each found by its code as checkArchive looks.
	kills, corpus := killCount(), t.TempDir()
	writeChangeCorpus(t, corpus, 0, 400)
	archive := filepath.Join(t.TempDir(), "a")
	a, err := Open(archive, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Import(context.Background(), []string{corpus}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a.Close()
	rng := rand.New(rand.NewPCG(12, 13))
	phases := []string{"empty the Trash", "file again", "delete", "import"}
	var seq uint64
	for k := range kills {
		os.Remove(archive + ".phase")
		child := startKillChild(t, "steps", archive, corpus)
		// Killed in each phase in turn, at a random moment of it.
		want := phases[k%len(phases)]
		for start := time.Now(); time.Since(start) < 2*time.Minute; time.Sleep(2 * time.Millisecond) {
			if p, _ := os.ReadFile(archive + ".phase"); string(p) == want {
				break
			}
		}
		within := 300 // ms
		if want == "empty the Trash" {
			within = 40 // the shortest
		}
		time.Sleep(time.Duration(rng.IntN(within)) * time.Millisecond)
		child.kill()
		phase, _ := os.ReadFile(archive + ".phase")
		after := checkArchive(t, archive, k)
		t.Logf("kill %d: killed during %q, %d commits before it", k, phase, after-seq)
		seq = checkFiled(t, archive, k)
	}
}

// checkFiled opens the archive a kill left, files again what a change of
// the campaigns left unfiled (ResumeRefile), and checks that every
// document, live and in the Trash, is filed under modelCampaign exactly
// when the registry has it. It returns the catalog's last commit.
func checkFiled(t *testing.T, dir string, kill int) uint64 {
	t.Helper()
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("kill %d: Open: %v", kill, err)
	}
	defer a.Close()
	pending := a.RefilePending()
	if err := a.ResumeRefile(context.Background(), nil); err != nil {
		t.Fatalf("kill %d: resume filing again: %v", kill, err)
	}
	has := slices.ContainsFunc(a.Categories(classify.Campaign), func(c classify.Category) bool { return c.Name == modelCampaign.Name })
	in, out := filedUnder(t, a, modelCampaign.Name)
	t.Logf("kill %d: filing again left to resume: %v; campaign in the rules: %v, on %d documents, not on %d", kill, pending, has, len(in), len(out))
	if has && len(out) > 0 || !has && len(in) > 0 {
		t.Fatalf("kill %d: campaign in the rules: %v, yet on %d documents and not on %d", kill, has, len(in), len(out))
	}
	requireCheck(t, a)
	return a.store.vol.st.Seq()
}
