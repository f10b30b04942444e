package index

import (
	"context"
	"slices"
	"testing"

	"khovanban/index/classify"
)

const hcm = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"

// A cadre adds the district's own slogan under the Hồ Chí Minh campaign:
// documents already in the archive are filed under it, keeping what a
// person chose, and renaming, merging and deleting follow through.
func TestLocalCampaignRefilesDocuments(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	kh, bc := idOf(t, rep, "kh-quyet-tam.txt"), idOf(t, rep, "bc-typo.txt")
	a.Edit(bc, map[string]string{"campaigns": "Phong trào riêng"})
	slogan := classify.Category{
		Name: "3 không - 3 cần - 3 quyết tâm", Kind: classify.Campaign, Parent: hcm,
		Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{"3 không - 3 cần - 3 quyết tâm"}}},
	}
	var seen []Progress
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: slogan}, func(p Progress) { seen = append(seen, p) }); err != nil {
		t.Fatal(err)
	}
	if len(seen) == 0 || seen[len(seen)-1].Done != len(testDocs) {
		t.Errorf("progress %v", seen)
	}
	d, _ := a.Get(kh)
	if !slices.Contains(d.Campaigns, slogan.Name) || !slices.Contains(d.Campaigns, hcm) || d.Why[slogan.Name] == "" {
		t.Fatalf("after adding: campaigns %v why %v", d.Campaigns, d.Why)
	}
	res, _ := a.Search(ctx, Request{Filters: Filters{Campaigns: []string{slogan.Name}}})
	if res.Total != 1 {
		t.Errorf("filter by the new campaign: %d", res.Total)
	}
	if d, _ := a.Get(bc); !slices.Equal(d.Campaigns, []string{"Phong trào riêng"}) {
		t.Errorf("a person's choice was overwritten: %v", d.Campaigns)
	}
	// Rename the person's own campaign name in the registry: it follows.
	a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Category: classify.Category{Name: "Phong trào riêng", Kind: classify.Campaign}}, nil)
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpRename, Kind: classify.Campaign, Name: "Phong trào riêng", NewName: "Phong trào của xã"}, nil); err != nil {
		t.Fatal(err)
	}
	if d, _ := a.Get(bc); !slices.Equal(d.Campaigns, []string{"Phong trào của xã"}) {
		t.Errorf("after rename: %v", d.Campaigns)
	}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpDelete, Kind: classify.Campaign, Name: slogan.Name}, nil); err != nil {
		t.Fatal(err)
	}
	if d, _ := a.Get(kh); slices.Contains(d.Campaigns, slogan.Name) {
		t.Errorf("after delete: %v", d.Campaigns)
	}
	// The person's registry survives reopening.
	dir := a.Dir()
	a.Close()
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	names := []string{}
	for _, c := range b.Categories(classify.Campaign) {
		names = append(names, c.Name)
	}
	if !slices.Contains(names, "Phong trào của xã") || slices.Contains(names, slogan.Name) {
		t.Errorf("registry after reopening: %v", names)
	}
}
