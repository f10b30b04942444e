package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"khovanban/index/classify"
)

// filedUnder lists the documents, live and in the Trash, that carry the
// campaign, and those that do not.
func filedUnder(t *testing.T, a *Archive, campaign string) (in, out []string) {
	t.Helper()
	for _, sub := range []string{docsDir, trashDir} {
		ids, err := a.store.ids(sub)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			d, err := a.store.getIn(sub, id, false)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(d.Campaigns, campaign) {
				in = append(in, id)
			} else {
				out = append(out, id)
			}
		}
	}
	return in, out
}

// TestStopWhileFilingAgainResumes: a campaign is added and the person
// stops the filing again after its first step (a kill leaves the same).
// The rules are saved, ChangeRegistry says the filing is unfinished
// (ErrRefileUnfinished), the archive says so after Close and Open
// (RefilePending), and ResumeRefile files the rest, once; a person's
// rename made while it is pending carries into the documents not filed
// yet too. Before, the documents past the stop stayed under the old
// rules and nothing knew.
func TestStopWhileFilingAgainResumes(t *testing.T) {
	old := refileStep
	refileStep = 3
	t.Cleanup(func() { refileStep = old })
	a, dir, ids := stepArchive(t, 12)
	ctx, stop := context.WithCancel(context.Background())
	err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: modelCampaign}, func(Progress) { stop() })
	if !errors.Is(err, ErrRefileUnfinished) || !errors.Is(err, context.Canceled) {
		t.Fatalf("stopped: %v, want ErrRefileUnfinished and context.Canceled", err)
	}
	in, out := filedUnder(t, a, modelCampaign.Name)
	if len(in) == 0 || len(out) == 0 {
		t.Fatalf("stopped after a step: %d filed, %d not (want some of each)", len(in), len(out))
	}
	if !a.RefilePending() {
		t.Fatal("stopped midway, RefilePending is false")
	}
	a = reopen(t, a, dir)
	if !a.RefilePending() {
		t.Fatal("after reopening, RefilePending is false")
	}
	if !slices.ContainsFunc(a.Categories(classify.Campaign), func(c classify.Category) bool { return c.Name == modelCampaign.Name }) {
		t.Fatal("the rules were not kept")
	}
	if err := a.ResumeRefile(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if in, out := filedUnder(t, a, modelCampaign.Name); len(in) != len(ids) || len(out) != 0 {
		t.Fatalf("resumed: %d filed, %d not", len(in), len(out))
	}
	if a.RefilePending() {
		t.Fatal("resumed to the end, RefilePending is true")
	}
	a = reopen(t, a, dir)
	if a.RefilePending() {
		t.Fatal("after reopening, RefilePending is true again")
	}
	res, err := a.Search(context.Background(), Request{Filters: Filters{Campaigns: []string{modelCampaign.Name}}})
	if err != nil || res.Total != len(ids) {
		t.Fatalf("the campaign lists %v (%v), want %d", res.Total, err, len(ids))
	}
}

// TestRenameWhileFilingIsPending: two documents carry a campaign the
// person chose; it is renamed and the filing stopped after its first
// step, then the campaign is renamed again before it is resumed: both
// documents, the one filed before the stop and the one after, carry the
// last name (each rename applied once, in order).
func TestRenameWhileFilingIsPending(t *testing.T) {
	old := refileStep
	refileStep = 3
	t.Cleanup(func() { refileStep = old })
	a, _, ids := stepArchive(t, 12)
	ctx := context.Background()
	own := classify.Category{Name: "Phong trào riêng", Kind: classify.Campaign}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: own}, nil); err != nil {
		t.Fatal(err)
	}
	first, lastID := ids[0], ids[len(ids)-1]
	for _, id := range []string{first, lastID} {
		if _, err := a.Edit(id, map[string]string{FieldCampaigns: own.Name}); err != nil {
			t.Fatal(err)
		}
	}
	stopped, stop := context.WithCancel(ctx)
	err := a.ChangeRegistry(stopped, RegistryOp{Op: OpRename, Kind: classify.Campaign, Name: own.Name, NewName: "Phong trào của xã"}, func(Progress) { stop() })
	if !errors.Is(err, ErrRefileUnfinished) {
		t.Fatalf("stopped: %v", err)
	}
	if d, _ := a.Get(first); !slices.Equal(d.Campaigns, []string{"Phong trào của xã"}) {
		t.Fatalf("filed before the stop: %v", d.Campaigns)
	}
	if d, _ := a.Get(lastID); !slices.Equal(d.Campaigns, []string{own.Name}) {
		t.Fatalf("not filed before the stop: %v", d.Campaigns)
	}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpRename, Kind: classify.Campaign, Name: "Phong trào của xã", NewName: "Phong trào thôn"}, nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{first, lastID} {
		if d, _ := a.Get(id); !slices.Equal(d.Campaigns, []string{"Phong trào thôn"}) {
			t.Errorf("%s: %v, want the last name", id, d.Campaigns)
		}
	}
	if a.RefilePending() {
		t.Error("the second change filed everything, RefilePending is true")
	}
}

// TestRulesKeptWhenKilledBeforeRegistryFile: a change's note is written
// before registry.json; a kill between them (registry.json as before)
// leaves the rules in the note, and Open writes registry.json from it.
func TestRulesKeptWhenKilledBeforeRegistryFile(t *testing.T) {
	a, dir, ids := stepArchive(t, 4)
	path := filepath.Join(dir, registryFile)
	before, _ := os.ReadFile(path)
	stopped, stop := context.WithCancel(context.Background())
	stop() // no step done
	if err := a.ChangeRegistry(stopped, RegistryOp{Op: OpAdd, Category: modelCampaign}, nil); !errors.Is(err, ErrRefileUnfinished) {
		t.Fatalf("stopped: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if before == nil {
		os.Remove(path)
	} else if err := os.WriteFile(path, before, 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if !slices.ContainsFunc(b.Categories(classify.Campaign), func(c classify.Category) bool { return c.Name == modelCampaign.Name }) {
		t.Fatal("the rules of the change were lost")
	}
	if after, _ := os.ReadFile(path); sameJSON(after, before) {
		t.Error("registry.json was not written again from the note")
	}
	if err := b.ResumeRefile(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if in, _ := filedUnder(t, b, modelCampaign.Name); len(in) != len(ids) {
		t.Fatalf("%d of %d filed", len(in), len(ids))
	}
}

// TestTrashedDocumentsFiledAgain: documents in the Trash are filed again
// with the live ones, so that one brought back carries the campaigns of
// now (and a person's choice follows a rename). Before, they came back
// under the rules of the day they were deleted.
func TestTrashedDocumentsFiledAgain(t *testing.T) {
	a, _, ids := stepArchive(t, 6)
	ctx := context.Background()
	own := classify.Category{Name: "Phong trào riêng", Kind: classify.Campaign}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: own}, nil); err != nil {
		t.Fatal(err)
	}
	chosen, plain := ids[0], ids[1]
	if _, err := a.Edit(chosen, map[string]string{FieldCampaigns: own.Name}); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(chosen, plain); err != nil {
		t.Fatal(err)
	}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: modelCampaign}, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpRename, Kind: classify.Campaign, Name: own.Name, NewName: "Phong trào của xã"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := a.Undelete(chosen, plain); err != nil {
		t.Fatal(err)
	}
	if d, err := a.Get(plain); err != nil || !slices.Contains(d.Campaigns, modelCampaign.Name) {
		t.Errorf("brought back: %v %v, want %q", d.Campaigns, err, modelCampaign.Name)
	}
	if d, err := a.Get(chosen); err != nil || !slices.Equal(d.Campaigns, []string{"Phong trào của xã"}) {
		t.Errorf("brought back, chosen by the person: %v %v, want the new name", d.Campaigns, err)
	}
	res, err := a.Search(ctx, Request{Filters: Filters{Campaigns: []string{modelCampaign.Name}}})
	if err != nil || res.Total != len(ids)-1 {
		t.Errorf("the campaign lists %v (%v), want %d", res.Total, err, len(ids)-1)
	}
	requireCheck(t, a)
}
