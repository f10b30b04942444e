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

// TestHeaderWordsWrapped reads a header whose narrow cells (a saved legal
// portal's page) wrapped the first word of the issuer, the national
// header, the number and the place onto lines of their own.
func TestHeaderWordsWrapped(t *testing.T) {
	text := "ỦY\nBAN NHÂN DÂN\nTỈNH HẬU GIANG\n-------\n|\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n|\n" +
		"Số:\n41/KH-UBND\n|\nVị\nThanh, ngày 22 tháng 3 năm 2019\n|\nKẾ HOẠCH\nTHU GOM RÁC THẢI NĂM 2019\nCăn cứ Nghị định số 38/2015/NĐ-CP;\n"
	r := Read(text, Hint{FileName: "x.txt"})
	if r.Issuer.Text != "Ủy ban nhân dân tỉnh Hậu Giang" || r.Number.Text != "41/KH-UBND" || r.Date.Text != "2019-03-22" || r.Place.Text != "Vị Thanh" {
		t.Errorf("issuer %q number %q date %q place %q", r.Issuer.Text, r.Number.Text, r.Date.Text, r.Place.Text)
	}
	// a party header's star and a one-word place stay as they are
	party := "HUYỆN ỦY SƠN HÒA\n*\nSố 12-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n*\nHuế, ngày 02 tháng 3 năm 2016\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 05-CT/TW\n\n- Căn cứ Điều lệ Đảng;\n"
	if r := Read(party, Hint{}); r.Issuer.Text != "Huyện ủy Sơn Hòa" || r.Date.Text != "2016-03-02" || r.Place.Text != "Huế" {
		t.Errorf("party: issuer %q date %q place %q", r.Issuer.Text, r.Date.Text, r.Place.Text)
	}
}

// TestMinutesDateFromTheOpening: minutes (a biên bản) with no place and
// date line in their header are dated by the sentence they open with, the
// day the meeting was held; a cited paper's date further down is not.
func TestMinutesDateFromTheOpening(t *testing.T) {
	header := "UBND XÃ TÂN LẬP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nBAN CHỈ HUY QUÂN SỰ\n\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"BIÊN BẢN\n\nHọp xét duyệt hồ sơ gọi công dân nhập ngũ\n\n"
	for _, c := range []struct{ name, opening, want string }{
		{"in words", "Vào lúc 14 giờ 00 phút, ngày 09 tháng 12 năm 2025, tại Hội trường Ủy ban nhân dân xã đã diễn ra cuộc họp.", "2025-12-09"},
		{"in figures", "Hôm nay, ngày 05/3/2026, tại trụ sở Ban Chỉ huy Quân sự xã, chúng tôi gồm:", "2026-03-05"},
		{"no opening date", "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2026 của Ủy ban nhân dân xã, Ban Chỉ huy họp.", ""},
	} {
		r := Read(header+c.opening+"\n\nI. THÀNH PHẦN\n\n1. Ông Nguyễn Văn Bình, Chỉ huy trưởng.\n", Hint{FileName: "x.docx"})
		if r.Type.Text != "Biên bản" || r.Date.Text != c.want {
			t.Errorf("%s: type %q date %q, want %q", c.name, r.Type.Text, r.Date.Text, c.want)
		}
	}
}
