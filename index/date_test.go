package index

import (
	"context"
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
