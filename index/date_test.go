package index

import (
	"context"
	"errors"
	"testing"
)

var dateDocs = map[string]string{
	"issued.txt": `ỦY BAN NHÂN DÂN XÃ KIẾN AN
Số: 12/UBND-VP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kiến An, ngày 09 tháng 4 năm 2026

CÔNG VĂN
Về việc chuẩn bị mùa mưa bão

Ủy ban nhân dân xã đề nghị các thôn rà soát nhà ở yếu.`,
	"cites.txt": `ỦY BAN NHÂN DÂN XÃ KIẾN AN
Số: 20/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kiến An, ngày 21 tháng 4 năm 2026

BÁO CÁO
Kết quả rà soát nhà ở

Thực hiện Công văn số 12/UBND-VP ngày 9/4/2026 của Ủy ban nhân dân xã, các thôn đã rà soát.`,
	"cites-padded.txt": `ỦY BAN NHÂN DÂN XÃ KIẾN AN
Số: 22/TB-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kiến An, ngày 22 tháng 4 năm 2026

THÔNG BÁO
Lịch họp

Cuộc họp ngày 09/04/2026 đã thống nhất lịch trực.`,
	"apart.txt": `ỦY BAN NHÂN DÂN XÃ KIẾN AN
Số: 23/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kiến An, ngày 19 tháng 4 năm 2026

KẾ HOẠCH
Phòng chống thiên tai năm 2026

Năm 2026 xã có 9 thôn và 4 tổ xung kích.`,
}

// TestDateQuery checks that a date typed as the list shows it, or spelt
// as a header writes it, finds the document issued that day first, then
// the texts that write the date, with or without zeros; and not a text
// that holds its numbers apart.
func TestDateQuery(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, dateDocs))
	res, err := a.Search(context.Background(), Request{Query: "rà soát nhà ở"})
	if err != nil {
		t.Fatal(err)
	}
	dated := false
	for _, h := range res.Hits {
		dated = dated || names[h.ID] == "issued.txt" && h.Date == "2026-04-09"
	}
	if !dated {
		t.Fatalf("issued.txt is not dated 2026-04-09 (the test needs it): %v", res.Hits)
	}
	want := []string{"issued.txt", "cites.txt", "cites-padded.txt"}
	for _, q := range []string{"09/04/2026", "9/4/2026", "9-4-2026", "ngày 9 tháng 4 năm 2026", "ngày 09 tháng 04 năm 2026", "9 tháng 4 năm 2026"} {
		got := searchNames(t, a, names, Request{Query: q})
		if !sameSet(got, want) || got[0] != "issued.txt" {
			t.Errorf("Search(%q) = %v, want %v, issued.txt first", q, got, want)
		}
		typed, err := a.SearchAsTyped(context.Background(), Request{Query: q})
		if err != nil || typed.Total != len(want) {
			t.Errorf("SearchAsTyped(%q) = %v, %v; want %d", q, typed, err, len(want))
		}
	}
	// Not a date: the words as usual.
	if got := searchNames(t, a, names, Request{Query: "32/4/2026"}); len(got) != 0 {
		t.Errorf("Search(32/4/2026) = %v, want none", got)
	}
}

// TestDateFilter checks the date filter typed in the query (ngày:,
// date:): a day, a month, a year or a range between them, written with
// "/", "-" or "."; exact, so the texts that only write the date are not
// found; a document whose year alone is known is in a whole year asked
// for, not in a month, a day, or a range that cuts its year.
func TestDateFilter(t *testing.T) {
	a := newTestArchive(t)
	header := func(number, day string) string {
		return "ỦY BAN NHÂN DÂN XÃ KIẾN AN\nSố: " + number + "\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nKiến An, " + day + "\n\n"
	}
	names := idNames(importDocs(t, a, map[string]string{
		"0409.txt":  header("12/UBND-VP", "ngày 09 tháng 4 năm 2026") + "CÔNG VĂN\nVề việc rà soát nhà ở\n\nCác thôn rà soát nhà ở yếu.",
		"0421.txt":  header("20/BC-UBND", "ngày 21 tháng 4 năm 2026") + "BÁO CÁO\nKết quả rà soát\n\nThực hiện Công văn ngày 9/4/2026, các thôn đã rà soát; năm 2025 cũng vậy.",
		"0430.txt":  header("21/TB-UBND", "ngày 30 tháng 4 năm 2026") + "THÔNG BÁO\nLịch trực\n\nLịch trực lễ.",
		"0501.txt":  header("22/TB-UBND", "ngày 01 tháng 5 năm 2026") + "THÔNG BÁO\nLịch họp\n\nHọp ngày 9/4/2026 đã xong.",
		"1231.txt":  header("90/BC-UBND", "ngày 31 tháng 12 năm 2025") + "BÁO CÁO\nTổng kết năm 2025\n\nRà soát cả năm.",
		"2014.txt":  header("5/KH-UBND", "ngày 01 tháng 6 năm 2014") + "KẾ HOẠCH\nPhòng chống bão\n\nNăm 2014.",
		"year.txt":  "Ghi chép họp thôn\n\nRà soát nhà ở.",
		"other.txt": header("7/KH-UBND", "ngày 15 tháng 3 năm 2026") + "KẾ HOẠCH\nTrồng cây\n\nTrồng cây.",
	}))
	for id, name := range names {
		if name == "year.txt" {
			if _, err := a.Edit(id, map[string]string{"year": "2026"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	day := []string{"0409.txt"}
	april := []string{"0409.txt", "0421.txt", "0430.txt"}
	y2026 := []string{"0409.txt", "0421.txt", "0430.txt", "0501.txt", "other.txt", "year.txt"}
	cases := []struct {
		query string
		want  []string
	}{
		{"ngày:9/4/2026", day},
		{"ngay:09/04/2026", day},
		{"Ngày:09-04-2026", day},
		{"date:2026-04-09", day},
		{"ngay:9.4.2026", day},
		{"ngay:04/2026", april},
		{"date:2026-04", april},
		{"ngay:4-2026", april},
		{"ngay:2026", y2026},
		{"ngay:2025..2026", append([]string{"1231.txt"}, y2026...)},
		{"ngày:2014-2016", []string{"2014.txt"}},
		{"ngay:30/4/2026..1/5/2026", []string{"0430.txt", "0501.txt"}},
		{"ngay:30-4-2026-1-5-2026", []string{"0430.txt", "0501.txt"}},
		{"ngay:12/2025–4/2026", []string{"1231.txt", "0409.txt", "0421.txt", "0430.txt", "other.txt"}},
		{"ngay:1/1/2025..31/12/2026", append([]string{"1231.txt"}, y2026...)},
		{"ngay:2/2014..5/2014", nil},
		{"rà soát ngay:4/2026", []string{"0409.txt", "0421.txt"}},
		{"ngay:4/2026 rà soát", []string{"0409.txt", "0421.txt"}},
		{"rà soát -ngay:2026", []string{"1231.txt"}},
		{"ngay:2014 OR ngay:31/12/2025", []string{"2014.txt", "1231.txt"}},
	}
	for _, c := range cases {
		got := searchNames(t, a, names, Request{Query: c.query})
		if !sameSet(got, c.want) {
			t.Errorf("Search(%s) = %v, want %v", c.query, got, c.want)
		}
		res, err := a.SearchAsTyped(context.Background(), Request{Query: c.query + " "})
		if err != nil || res.Total != len(c.want) {
			t.Errorf("SearchAsTyped(%s): %d hits (%v), want %d", c.query, res.Total, err, len(c.want))
		}
	}
	for _, bad := range []string{"ngay:31/02/2026", "ngay:abc", "ngay:2026..2014", "ngay:13/2026", "ngay:0/4/2026", "date:26", "ngay:1/4/2026..x", "ngay:1000..1300"} {
		_, err := a.Search(context.Background(), Request{Query: bad})
		var qe *QueryError
		if !errors.As(err, &qe) || qe.Code != QueryBadDate {
			t.Errorf("Search(%s): %v, want a bad-date error", bad, err)
		}
	}
	if got := FilterExample("ngày:"); got != "ngày:15/04/2026" {
		t.Errorf("FilterExample(ngày:) = %q", got)
	}
}
