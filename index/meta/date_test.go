package meta

import "testing"

// TestDateWrappedAfterNgay reads a header date that a narrow column of a
// saved page or a table wrapped after "ngày".
func TestDateWrappedAfterNgay(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nTỈNH HẬU GIANG\n-------\n|\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 88/KH-UBND\n|\n"
	tail := "\n|\nKẾ HOẠCH\nTHU GOM RÁC THẢI TRÊN ĐỊA BÀN TỈNH NĂM 2023\nCăn cứ Nghị định số 08/2022/NĐ-CP ngày 10/01/2022 của Chính phủ;\n"
	tests := []struct{ name, date, want string }{
		{"day on the next line", "Vị Thanh, ngày\n14 tháng 02 năm 2023", "2023-02-14"},
		{"in capitals", "VỊ THANH, NGÀY\n14 THÁNG 02 NĂM 2023", "2023-02-14"},
		{"a draft's blank day on the next line", "Vị Thanh, ngày\ntháng 02 năm 2023", ""},
		{"on one line", "Vị Thanh, ngày 14 tháng 02 năm 2023", "2023-02-14"},
	}
	for _, tt := range tests {
		r := Read(head+tt.date+tail, Hint{FileName: "x.txt"})
		if r.Date.Text != tt.want || r.Year != 2023 || r.Number.Text != "88/KH-UBND" {
			t.Errorf("%s: date %q year %d number %q", tt.name, r.Date.Text, r.Year, r.Number.Text)
		}
	}
	// a body line that ends with "ngày" is no date's start
	body := "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Lập, ngày 05 tháng 3 năm 2026\n\n" +
		"THÔNG BÁO\nLịch tiếp công dân\n\nỦy ban nhân dân xã tiếp công dân vào ngày\n15 hằng tháng tại trụ sở.\n"
	if r := Read(body, Hint{}); r.Date.Text != "2026-03-05" {
		t.Errorf("body: date %q", r.Date.Text)
	}
}
