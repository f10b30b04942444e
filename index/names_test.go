package index

import (
	"context"
	"slices"
	"testing"
)

// TestCampaignNamesWithCommas: many campaign and topic names hold commas
// ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"); an
// edit that sets such a name, alone or with others, must not cut it into
// pieces that become campaigns of their own.
func TestCampaignNamesWithCommas(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{"kh.txt": "Kế hoạch trồng cây xanh của chi bộ năm 2015."})
	id := idOf(t, rep, "kh.txt")
	const hcm = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	const ntm = "Xây dựng nông thôn mới"
	for _, c := range []struct {
		value string
		want  []string
	}{
		{hcm, []string{hcm}},
		{hcm + "; " + ntm, []string{hcm, ntm}},
		{hcm + ", " + ntm, []string{hcm, ntm}}, // commas, as the command line takes them
		{ntm + ",  " + "Học tập và làm theo tư tưởng,đạo đức,  phong cách Hồ Chí Minh", []string{ntm, hcm}},
		{"Sáng kiến riêng, của xã", []string{"Sáng kiến riêng", "của xã"}}, // unknown: commas part names
	} {
		d, err := a.Edit(id, map[string]string{FieldCampaigns: c.value})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(d.Campaigns, c.want) {
			t.Errorf("campaigns=%q gave %q, want %q", c.value, d.Campaigns, c.want)
		}
		// What Value gives back is read again the same way.
		d2, err := a.Edit(id, map[string]string{FieldCampaigns: d.Value(FieldCampaigns)})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(d2.Campaigns, c.want) {
			t.Errorf("round trip of %q gave %q", d.Value(FieldCampaigns), d2.Campaigns)
		}
	}
}

// TestEditMany files several documents at once: campaigns and topics are
// added to their own, a type set on all, and a year is given only to those
// whose date does not say otherwise.
func TestEditMany(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{
		"a.txt": "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/KH-UBND\nAn Phú, ngày 18 tháng 4 năm 2014\nKẾ HOẠCH\nVề việc trồng cây xanh\nNội dung.",
		"b.txt": "Ghi chép buổi họp về trồng cây, không có ngày.",
		"c.txt": "Một ghi chép khác về xây dựng đường giao thông nông thôn.",
	})
	ids := []string{idOf(t, rep, "a.txt"), idOf(t, rep, "b.txt"), idOf(t, rep, "c.txt")}
	const hcm = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	res, err := a.EditMany(ids, BulkEdit{Set: map[string]string{FieldYear: "2015", FieldType: "Báo cáo"}, AddCampaigns: []string{hcm}})
	if err != nil {
		t.Fatal(err)
	}
	// a.txt is dated 2014: the year 2015 does not fit it, so it is left
	// as it was (its type too: a change is made whole or not at all).
	if res.Changed != 2 || !slices.Equal(res.Skipped, ids[:1]) {
		t.Errorf("changed %d, skipped %v", res.Changed, res.Skipped)
	}
	for _, id := range ids[1:] {
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Year != 2015 || d.Type != "Báo cáo" || !slices.Contains(d.Campaigns, hcm) || !d.SetByPerson(FieldCampaigns) {
			t.Errorf("%s: year %d type %q campaigns %q", id, d.Year, d.Type, d.Campaigns)
		}
	}
	// Adding a campaign keeps those a document had.
	if _, err := a.EditMany(ids[1:2], BulkEdit{AddCampaigns: []string{"Xây dựng nông thôn mới"}}); err != nil {
		t.Fatal(err)
	}
	d, _ := a.Get(ids[1])
	if !slices.Equal(d.Campaigns, []string{hcm, "Xây dựng nông thôn mới"}) {
		t.Errorf("campaigns after adding: %q", d.Campaigns)
	}
	requireCheck(t, a)
	// The search sees the change at once.
	n := searchCount(t, a, Request{Filters: Filters{Campaigns: []string{hcm}}})
	if n != 2 {
		t.Errorf("%d documents under the campaign, want 2", n)
	}
}

func searchCount(t *testing.T, a *Archive, req Request) int {
	t.Helper()
	res, err := a.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res.Total
}
