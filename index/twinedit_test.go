package index

import (
	"context"
	"slices"
	"testing"
)

// twinPair imports the plan as a Word document and a web page, one twin
// group, and returns the ids: the one the search lists first.
func twinPair(t *testing.T, a *Archive) (shown, other string) {
	t.Helper()
	dir := t.TempDir()
	writeTwinFiles(t, dir, "kh.docx", "kh.htm")
	rep := importPaths(t, a, dir)
	ids := []string{idOf(t, rep, "kh.docx"), idOf(t, rep, "kh.htm")}
	requireGroup(t, a, "bữa cơm đoàn kết", ids...)
	res, err := a.Search(context.Background(), Request{Query: "bữa cơm đoàn kết"})
	if err != nil {
		t.Fatal(err)
	}
	shown = res.Hits[0].ID
	other = ids[0]
	if other == shown {
		other = ids[1]
	}
	return shown, other
}

// searchIDs lists the ids a request finds.
func searchIDs(t *testing.T, a *Archive, req Request) []string {
	t.Helper()
	res, err := a.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// A bulk edit of the one result a twin group shows changes every format:
// filtered by what was set, the group is still found, by whichever member.
func TestEditManyChangesEveryFormat(t *testing.T) {
	a := newTestArchive(t)
	shown, other := twinPair(t, a)
	res, err := a.EditMany([]string{shown}, BulkEdit{Set: map[string]string{FieldIssuer: "Ủy ban MTTQ xã Tân Hòa"}, AddCampaigns: []string{"Toàn dân đoàn kết xây dựng đời sống văn hóa"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 1 {
		t.Errorf("changed %d, want the one document (two formats) counted once", res.Changed)
	}
	for _, id := range []string{shown, other} {
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Issuer != "Ủy ban MTTQ xã Tân Hòa" || !d.SetByPerson(FieldIssuer) || !slices.Contains(d.Campaigns, "Toàn dân đoàn kết xây dựng đời sống văn hóa") {
			t.Errorf("%s (%s): issuer %q (by person %v), campaigns %v", id, d.Format, d.Issuer, d.SetByPerson(FieldIssuer), d.Campaigns)
		}
	}
	// Filtered by the new issuer, the document is found, once.
	if got := searchIDs(t, a, Request{Query: "bữa cơm đoàn kết", Filters: Filters{Issuers: []string{"Ủy ban MTTQ xã Tân Hòa"}}}); len(got) != 1 {
		t.Errorf("filtered by the new issuer, found %v", got)
	}
}

// Saving the details of the shown format gives the other format the same
// details, and the document leaves the review list with both.
func TestEditGivesTwinsTheSameDetails(t *testing.T) {
	a := newTestArchive(t)
	shown, other := twinPair(t, a)
	// The other format holds a doubt the shown one has not: a signer read
	// with low confidence.
	o, err := a.Get(other)
	if err != nil {
		t.Fatal(err)
	}
	o.Signer = "Nguyễn Văn A"
	o.Fields[FieldSigner] = FieldInfo{Origin: ByReader, Confidence: 0.2}
	if err := a.putEdited([]*Document{o}); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, a, Request{Filters: Filters{Unsure: true}}); len(got) != 1 {
		t.Fatalf("review list %v, want the document once", got)
	}
	d, err := a.Get(shown)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{FieldTitle: "Kế hoạch tổ chức Ngày hội Đại đoàn kết năm 2023"}
	for _, f := range d.Unsure() {
		values[f] = d.Value(f) // the form confirms what it shows
	}
	if _, err := a.Edit(shown, values); err != nil {
		t.Fatal(err)
	}
	d, _ = a.Get(shown)
	o, _ = a.Get(other)
	if o.Title != d.Title || o.Signer != d.Signer || o.Number != d.Number || !slices.Equal(o.Unsure(), d.Unsure()) || !o.SetByPerson(FieldTitle) {
		t.Errorf("other format: title %q signer %q unsure %v; shown: title %q signer %q unsure %v",
			o.Title, o.Signer, o.Unsure(), d.Title, d.Signer, d.Unsure())
	}
	if o.Format == d.Format || o.OriginalName == d.OriginalName {
		t.Errorf("the other format's own file details were overwritten: %s %s", o.Format, o.OriginalName)
	}
	if got := searchIDs(t, a, Request{Filters: Filters{Unsure: true}}); len(got) != 0 {
		t.Errorf("review list after saving %v, want it empty", got)
	}
}

// Moving the shown format to the Trash moves the others too; restoring
// it brings them all back.
func TestDeleteAndRestoreEveryFormat(t *testing.T) {
	a := newTestArchive(t)
	shown, other := twinPair(t, a)
	if err := a.Delete(shown); err != nil {
		t.Fatal(err)
	}
	if got := searchIDs(t, a, Request{Query: "bữa cơm đoàn kết"}); len(got) != 0 {
		t.Errorf("after deleting, the search finds %v", got)
	}
	trash, err := a.Trash()
	if err != nil {
		t.Fatal(err)
	}
	if len(trash) != 2 {
		t.Errorf("the Trash holds %d documents, want both formats", len(trash))
	}
	if err := a.Undelete(shown); err != nil {
		t.Fatal(err)
	}
	requireGroup(t, a, "bữa cơm đoàn kết", shown, other)
	if trash, _ := a.Trash(); len(trash) != 0 {
		t.Errorf("the Trash still holds %d", len(trash))
	}
}
