package index

import "testing"

// numberDocs bear 12/TB of four issuers, 120/TB-UBND citing 12/TB-UBND,
// and 12/TB-UBND-VP, whose number starts with 12/TB-UBND.
var numberDocs = map[string]string{
	"tb-ubnd.txt": "UỶ BAN NHÂN DÂN XÃ AN BÌNH\nSố: 12/TB-UBND\nAn Bình, ngày 5 tháng 3 năm 2026\n\nTHÔNG BÁO\nVề việc ra quân vệ sinh môi trường\n\nỦy ban nhân dân xã thông báo lịch ra quân.\n",
	"tb-du.txt":   "ĐẢNG ỦY XÃ AN BÌNH\nSố: 12/TB-ĐU\nAn Bình, ngày 6 tháng 3 năm 2026\n\nTHÔNG BÁO\nKết luận về công tác dân vận\n\nThường trực Đảng ủy đề nghị UBND xã phối hợp.\n",
	"tb-hnd.txt":  "HỘI NÔNG DÂN XÃ AN BÌNH\nSố: 12/TB-HND\nAn Bình, ngày 7 tháng 3 năm 2026\n\nTHÔNG BÁO\nVề việc tập huấn trồng lúa\n\nHội phối hợp với UBND xã mở lớp tập huấn.\n",
	"tb-vp.txt":   "UỶ BAN NHÂN DÂN XÃ AN BÌNH\nSố: 12/TB-UBND-VP\nAn Bình, ngày 8 tháng 3 năm 2026\n\nTHÔNG BÁO\nVề việc lịch trực cơ quan\n\nVăn phòng thông báo lịch trực.\n",
	"tb-120.txt":  "UỶ BAN NHÂN DÂN XÃ AN BÌNH\nSố: 120/TB-UBND\nAn Bình, ngày 9 tháng 3 năm 2026\n\nTHÔNG BÁO\nVề việc tiêm phòng gia súc\n\nThực hiện Thông báo số 12/TB-UBND, xã thông báo lịch tiêm phòng.\n",
}

// TestNumberFilter checks that so: with a whole number finds the
// documents bearing exactly that number however it is spelt, and that a
// number typed short still finds those it starts.
func TestNumberFilter(t *testing.T) {
	a := newTestArchive(t)
	names := idNames(importDocs(t, a, numberDocs))
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"so:12/TB-UBND", []string{"tb-ubnd.txt"}},
		{"so:12/tb-ubnd", []string{"tb-ubnd.txt"}},
		{`so:"12 / TB - UBND"`, []string{"tb-ubnd.txt"}},
		{"so:12/TB–UBND", []string{"tb-ubnd.txt"}}, // en dash
		{"so:12-TB-UBND", []string{"tb-ubnd.txt"}},
		{"số:12/TB-ĐU", []string{"tb-du.txt"}},
		{"so:12/tb-du", []string{"tb-du.txt"}},
		{"so:12 / TB - UBND", []string{"tb-ubnd.txt"}},
		{"so:12/TB UBND", []string{"tb-ubnd.txt"}},
		{"so:12 TB-UBND", []string{"tb-ubnd.txt"}},
		{"so:12/TB-UBND-VP", []string{"tb-vp.txt"}},
		// The words after a number that no number goes on with are words.
		{"so:12/TB phối hợp", []string{"tb-du.txt", "tb-hnd.txt"}},
		{"so:12/TB-ĐU UBND", []string{"tb-du.txt"}},
		{"so:120/TB-UBND", []string{"tb-120.txt"}},
		// Short: the numbers it starts.
		{"so:12/TB", []string{"tb-ubnd.txt", "tb-du.txt", "tb-hnd.txt", "tb-vp.txt"}},
		{"so:12-tb", []string{"tb-ubnd.txt", "tb-du.txt", "tb-hnd.txt", "tb-vp.txt"}},
		{"so:12", []string{"tb-ubnd.txt", "tb-du.txt", "tb-hnd.txt", "tb-vp.txt"}},
		// Borne by none: the documents whose text holds it.
		{"so:12/TB-MTTQ", nil},
	} {
		t.Run(c.query, func(t *testing.T) {
			if got := searchNames(t, a, names, Request{Query: c.query}); !sameSet(got, c.want) {
				t.Errorf("Search(%q) = %v, want %v", c.query, got, c.want)
			}
		})
	}
}
