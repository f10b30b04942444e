package meta

import (
	"reflect"
	"testing"
)

func TestReadCitations(t *testing.T) {
	text := "Căn cứ Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị về tiếp tục đẩy mạnh; " +
		"Quyết định số 1600/QĐ-TTg ngày 16/8/2016 của Thủ tướng Chính phủ phê duyệt; " +
		"thực hiện Kế hoạch số 198-KH-CĐKT của Công đoàn và kế hoạch 128-KH/HU; " +
		"Nghị quyết số 26-NQ/TW ngày 05/8/2008 của Ban Chấp hành Trung ương Đảng khóa X về nông nghiệp; " +
		"giai đoạn 2021-2025; Chỉ thị số 03-CT/TW (nhắc lại); Kế hoạch số 12-KH/HU của chính văn bản này."
	want := []Citation{
		{"Chỉ thị", "03-CT/TW", "2011-05-14", "Bộ Chính trị"},
		{"Quyết định", "1600/QĐ-TTg", "2016-08-16", "Thủ tướng Chính phủ"},
		{"Kế hoạch", "198-KH-CĐKT", "", "Công đoàn"},
		{"Kế hoạch", "128-KH/HU", "", ""},
		{"Nghị quyết", "26-NQ/TW", "2008-08-05", "Ban Chấp hành Trung ương Đảng khóa X"},
	}
	got := readCitations(text, "Số 12-KH/HU")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("readCitations:\n got %+v\nwant %+v", got, want)
	}
}

func TestFirstDate(t *testing.T) {
	tests := map[string]string{
		"họp ngày 14/4/2014, Ban Thường vụ":                "2014-04-14",
		"thành lập ngày 01-10-1997 tại xã":                 "1997-10-01",
		"giai đoạn 2021-2025, đến ngày 3 tháng 2 năm 2020": "2020-02-03",
		"tỷ lệ 12/19 tiêu chí, ngày 31/2/2020":             "",
		"lúc 2.5.2019 khai mạc":                            "2019-05-02",
	}
	for in, want := range tests {
		if got, _ := firstDate(in); got != want {
			t.Errorf("firstDate(%q) = %q, want %q", in, got, want)
		}
	}
}
