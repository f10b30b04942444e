package index

import (
	"context"
	"slices"
	"testing"
)

// TestUndatedDocumentsHaveAYear: a document whose date and year cannot be
// read is counted under the year "0" (shown as "Chưa rõ năm") and can be
// chosen by it, like any year.
func TestUndatedDocumentsHaveAYear(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{
		"dated.txt":   "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/KH-UBND\nAn Phú, ngày 18 tháng 4 năm 2014\nKẾ HOẠCH\nVề việc trồng cây xanh\nNội dung kế hoạch trồng cây.",
		"undated.txt": "Ghi chép buổi họp chi bộ về việc trồng cây xanh, không có ngày tháng.",
	})
	undated := idOf(t, rep, "undated.txt")
	d, err := a.Get(undated)
	if err != nil {
		t.Fatal(err)
	}
	if d.Year != 0 {
		t.Fatalf("the undated note was given the year %d", d.Year)
	}
	res, err := a.Search(context.Background(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	years := map[string]int{}
	for _, v := range res.Facets[FacetYear] {
		years[v.Value] = v.Count
	}
	if years["0"] != 1 || years["2014"] != 1 {
		t.Errorf("year facet %v, want 2014 and 0 (unknown) once each", res.Facets[FacetYear])
	}
	res, err = a.Search(context.Background(), Request{Filters: Filters{Years: []int{0}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != undated {
		t.Errorf("choosing the unknown year: %d hits", res.Total)
	}
}

// TestYearWithoutDayHasAReason: a date line whose day is blank (a draft)
// or unreadable (a scan) gives the year alone, with the reason kept on the
// year since there is no date to carry it. A typed draft's blank is read
// for sure: neither its date nor its year is for review; a day that cannot
// be read is.
func TestYearWithoutDayHasAReason(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{
		"draft.txt":  "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố:    /KH-UBND\nAn Phú, ngày    tháng 4 năm 2026\nKẾ HOẠCH\nVề việc trồng cây xanh\nNội dung kế hoạch trồng cây.",
		"unread.txt": "ỦY BAN NHÂN DÂN XÃ AN PHÚ\nSố: 12/KH-UBND\nAn Phú, ngày 9# tháng 4 năm 2026\nKẾ HOẠCH\nVề việc sửa cầu\nNội dung kế hoạch sửa cầu.",
	})
	for name, review := range map[string]bool{"draft.txt": false, "unread.txt": true} {
		d, err := a.Get(idOf(t, rep, name))
		if err != nil {
			t.Fatal(err)
		}
		info := d.Fields[FieldYear]
		if d.Date != "" || d.Year != 2026 || (info.Confidence < UnsureBelow) != review || info.Why == "" {
			t.Errorf("%s: date %q year %d, year's field %+v: want the year alone, with why, for review: %v", name, d.Date, d.Year, info, review)
		}
		// The empty date says why too, in the reader and the edit form.
		if d.Fields[FieldDate].Why == "" {
			t.Errorf("%s: the empty date's field %+v has no why", name, d.Fields[FieldDate])
		}
		unsure := d.Unsure()
		if slices.Contains(unsure, FieldDate) != review || slices.Contains(unsure, FieldYear) != review {
			t.Errorf("%s: to review %v, want date and year there: %v", name, unsure, review)
		}
	}
}
