package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"khovanban/index/classify"
)

// TestEditKeepsNoControls: values typed or pasted with an escape sequence
// (erase the screen, set the window's title), the bell, NUL, a right-to-
// left override, direction isolates, zero-width characters, a word joiner
// and a tag character are stored without them, in every field and in the
// document's twin; the notes keep their lines (a carriage return
// dropped, a paragraph separator a line feed), the other fields are one
// line. What is stored is what a reopened archive gives back.
func TestEditKeepsNoControls(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	id := idOf(t, rep, "kh.txt")
	values := map[string]string{
		FieldTitle:     "Kế hoạch\x1b[2J\x1b]0;giả\x07 số\u200b 1\nvề\tviệc",
		FieldSigner:    "\u202eNguyễn Văn\u2066 An\u2069\x00",
		FieldIssuer:    "Đảng ủy\u200d xã\u2060 A\U000E0041",
		FieldNumber:    "12-KH/\u200fĐU",
		FieldNotes:     "dòng 1\r\ndòng\x1b[31m 2\u2029dòng 3\tcột\x1b",
		FieldCampaigns: "Dân vận\x1b[1m khéo; \u202eQuyết tâm",
		FieldDate:      "02/03/2015",
	}
	want := map[string]string{
		FieldTitle:     "Kế hoạch [2J ]0;giả  số 1 về việc",
		FieldSigner:    "Nguyễn Văn An",
		FieldIssuer:    "Đảng ủy xã A",
		FieldNumber:    "12-KH/ĐU",
		FieldNotes:     "dòng 1\ndòng [31m 2\ndòng 3\tcột",
		FieldCampaigns: "Dân vận [1m khéo; Quyết tâm",
		FieldDate:      "2015-03-02",
	}
	check := func(d *Document, when string) {
		t.Helper()
		for f, w := range want {
			if got := d.Value(f); got != w {
				t.Errorf("%s: %s = %q, want %q", when, f, got, w)
			}
		}
		for _, v := range slices.Concat([]string{d.Title, d.Signer, d.Issuer, d.Number, d.Notes}, d.Campaigns) {
			if i := strings.IndexFunc(v, func(r rune) bool { return unshown(r) && r != '\n' && r != '\t' }); i >= 0 {
				t.Errorf("%s: %q keeps %U", when, v, []rune(v[i:])[0])
			}
		}
	}
	d, err := a.Edit(id, values)
	if err != nil {
		t.Fatal(err)
	}
	check(d, "saved")
	if d, err = a.Get(id); err != nil {
		t.Fatal(err)
	}
	check(d, "read back")
}

// TestCategoryTypedKeepsNoControls: a campaign added and renamed with an
// escape sequence, a right-to-left override and a zero-width joiner in
// its name, description and terms is stored without them; an
// expression's own spaces stay.
func TestCategoryTypedKeepsNoControls(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	c := classify.Category{Name: "Thi đua\x1b[2J mới\u202e", Kind: classify.Campaign, Description: "dòng 1\ndòng\u200d 2\x07",
		Rules: []classify.Rule{{Kind: classify.Regex, Terms: []string{"dân\u2066 vận ( khéo)?\x1b"}}}}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: classify.Campaign, Category: c}, nil); err != nil {
		t.Fatal(err)
	}
	got := a.Categories(classify.Campaign)
	i := slices.IndexFunc(got, func(c classify.Category) bool { return strings.HasPrefix(c.Name, "Thi đua") })
	if i < 0 || got[i].Name != "Thi đua [2J mới" || got[i].Description != "dòng 1\ndòng 2" || got[i].Rules[0].Terms[0] != "dân vận ( khéo)? " {
		t.Fatalf("added: %+v", got)
	}
	if err := a.ChangeRegistry(ctx, RegistryOp{Op: OpRename, Kind: classify.Campaign, Name: got[i].Name, NewName: "Thi đua\u200b mới\x1b]0;x\x07"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := a.Categories(classify.Campaign); !slices.ContainsFunc(got, func(c classify.Category) bool { return c.Name == "Thi đua mới ]0;x" }) {
		t.Fatalf("renamed: %+v", got)
	}
}
