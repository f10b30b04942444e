package messages

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"

	"khovanban/assets"
)

// TestReason: the reasons index/meta gives, in each of their shapes, read
// in English phrase by phrase; the quoted lines and values read from the
// document stay as they are, and Vietnamese is left unchanged.
func TestReason(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	cases := []struct{ why, en string }{
		{"ô số hiệu, dòng 6 «Số: 215/UBND-VP»", "the number box, line 6 «Số: 215/UBND-VP»"},
		{"ô số hiệu, dòng «Số: 215/UBND-VP»", "the number box, line «Số: 215/UBND-VP»"},
		{"dòng tên cơ quan trình bày «Ủy ban nhân dân tỉnh»", "the presenting body's line «Ủy ban nhân dân tỉnh»"},
		{"dòng địa danh, ngày tháng, dòng 7 «An Phú, ngày 2 tháng 11 năm 2021»", "the place and date line, line 7 «An Phú, ngày 2 tháng 11 năm 2021»"},
		{"có dòng V/v (công văn)", "a V/v (subject) line (official letter)"},
		{"mã loại KH trong số hiệu", "type code KH in the number"},
		{"khối chữ ký: TM. ỦY BAN NHÂN DÂN - CHỦ TỊCH", "the signature block: TM. ỦY BAN NHÂN DÂN - CHỦ TỊCH"},
		{"cột cơ quan ban hành, đầu văn bản in sau nội dung, dòng 40 «ĐẢNG ỦY XÃ»; tên không đủ (cần xem lại)",
			"the issuing body column, the header printed after the body, line 40 «ĐẢNG ỦY XÃ»; the name is incomplete (to review)"},
		{"không đọc được ngày (viết tay hoặc ảnh mờ), chỉ có tháng 3 năm 2021, dòng 5 «ngày   tháng 3 năm 2021»",
			"the day cannot be read (handwritten or blurred), only month 3 of 2021, line 5 «ngày   tháng 3 năm 2021»"},
		{"không thấy trích yếu, lấy tên tệp", "no subject found, the file name taken"},
		{"ô số hiệu, dòng 2 «Số: 7/BC» (chữ nhận dạng từ ảnh quét)", "the number box, line 2 «Số: 7/BC» (text recognised from a scan)"},
		// Scans' and consolidated texts' reasons (session 25: these stayed in Vietnamese).
		{"số viết tay, đọc tự động — cần kiểm tra", "handwritten number, read automatically — to check"},
		// A handwritten date's, put together from pieces (s28: "ngày số
		// viết tay" stayed in Vietnamese).
		{"ngày số viết tay, đọc tự động — cần kiểm tra; dòng địa danh, ngày tháng, dòng 7 «An Phú, ngày 2 tháng 11 năm 2021»",
			"handwritten day, read automatically — to check; the place and date line, line 7 «An Phú, ngày 2 tháng 11 năm 2021»"},
		{"ngày, tháng số viết tay, máy đọc không chắc — cần kiểm tra", "handwritten day and month, the machine is unsure — to check"},
		{"chữ số đứng riêng trên dòng trên ô số hiệu (số đóng khi ký số) — cần kiểm tra",
			"digits alone on the line above the number's cell (numbered when digitally signed) — to check"},
		{"tên cạnh dấu «(Đã ký)», không thấy chức vụ ký (cần xem lại)", "name beside the mark «(Đã ký)», no signing capacity found (to review)"},
		{"cơ quan xác thực, dòng 3 «BỘ TÀI CHÍNH»", "the authenticating body, line 3 «BỘ TÀI CHÍNH»"},
		// A rule the translation files do not know yet stays readable.
		{"quy tắc mới, dòng 3 «x»", "quy tắc mới, line 3 «x»"},
		{"", ""},
	}
	UseLanguage(English)
	for _, c := range cases {
		if got := Reason(c.why); got != c.en {
			t.Errorf("Reason(%q) in English\n got %q\nwant %q", c.why, got, c.en)
		}
	}
	UseLanguage(Vietnamese)
	for _, c := range cases {
		if got := Reason(c.why); got != c.why {
			t.Errorf("Reason(%q) in Vietnamese: %q", c.why, got)
		}
	}
}

// TestTranslationFilesHaveTheSameKeys: Reason looks a phrase up in the
// English file's keys; the Vietnamese file must have each one too.
func TestTranslationFilesHaveTheSameKeys(t *testing.T) {
	var keys [2][]string
	for i, code := range []string{Vietnamese, English} {
		data, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		keys[i] = slices.Sorted(maps.Keys(m))
	}
	if !slices.Equal(keys[0], keys[1]) {
		t.Errorf("vi.json has %d keys, en.json %d, and they differ", len(keys[0]), len(keys[1]))
	}
}

// TestShortReason: a list's row says what is in doubt in a few words,
// without the line the value was read on (the reader shows it), in the
// language in use.
func TestShortReason(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	cases := []struct{ why, vi, en string }{
		{"số viết tay, đọc tự động — cần kiểm tra; ô số hiệu, dòng 4 «Số: 477/MTTQ-BTT»",
			"số viết tay, đọc tự động — cần kiểm tra", ""},
		{"cột cơ quan ban hành, đầu văn bản in sau nội dung, dòng 40 «ĐẢNG ỦY XÃ»; tên không đủ (cần xem lại)",
			"tên không đủ (cần xem lại)", "the name is incomplete (to review)"},
		{"không đọc được ngày (viết tay hoặc ảnh mờ), chỉ có tháng 3 năm 2021, dòng 5 «ngày   tháng 3 năm 2021»",
			"không đọc được ngày (viết tay hoặc ảnh mờ), chỉ có tháng 3 năm 2021", "the day cannot be read (handwritten or blurred), only month 3 of 2021"},
		{"không đọc được số trong ô số hiệu (viết tay hoặc ảnh mờ)", "không đọc được số trong ô số hiệu (viết tay hoặc ảnh mờ)",
			"the number in the number box cannot be read (handwritten or blurred)"},
		// Where it was read says nothing of the doubt.
		{"ô số hiệu, dòng 6 «Số: 215/UBND-VP»", "", ""},
		{"không thấy trích yếu, lấy tên tệp", "không thấy trích yếu, lấy tên tệp", "no subject found, the file name taken"},
		// The title's reasons (index/meta readTitle, readArticle).
		{"chỉ có tên loại, không thấy trích yếu dưới dòng tên loại, dòng 8 «KẾ HOẠCH»",
			"chỉ có tên loại, không thấy trích yếu dưới dòng tên loại", "the type alone, no subject found under the type line"},
		{"trích yếu dài bất thường, có thể lẫn cả phần nội dung, đầu văn bản in sau nội dung, dòng 40 «KẾ HOẠCH»",
			"trích yếu dài bất thường, có thể lẫn cả phần nội dung", "an unusually long subject, it may run into the body"},
		{"không thấy trích yếu trong văn bản, lấy tiêu đề của trang web",
			"không thấy trích yếu trong văn bản, lấy tiêu đề của trang web", "no subject found in the text, the web page's title taken"},
		{"tiêu đề của trang web, quá ngắn: thường là tên của trang web, không phải của bài",
			"tiêu đề của trang web, quá ngắn: thường là tên của trang web, không phải của bài",
			"the web page's title, too short: most often the site's name, not the article's"},
		{"không có phần đầu của văn bản hành chính, lấy dòng dài nhất giống tiêu đề ở đầu văn bản",
			"không có phần đầu của văn bản hành chính, lấy dòng dài nhất giống tiêu đề ở đầu văn bản",
			"no official header, the longest title-like line at the top taken"},
		{"tên loại và trích yếu, dòng 8 «KẾ HOẠCH»", "", ""},
		// The line quoted without its number (usertest s25: the row
		// ended "…dưới dòng tên loại, dòng").
		{"chỉ có tên loại, không thấy trích yếu dưới dòng tên loại, dòng «GIẤY MỜI»",
			"chỉ có tên loại, không thấy trích yếu dưới dòng tên loại", "the type alone, no subject found under the type line"},
		{"trích yếu dài bất thường, có thể lẫn cả phần nội dung, dòng «THÔNG BÁO KẾT LUẬN»",
			"trích yếu dài bất thường, có thể lẫn cả phần nội dung", "an unusually long subject, it may run into the body"},
		// A line cut out before a bracket leaves no comma.
		{"tên loại và trích yếu, dòng 8 «KẾ HOẠCH» (chữ nhận dạng từ ảnh quét)",
			"tên loại và trích yếu (chữ nhận dạng từ ảnh quét)", "the type line and subject (text recognised from a scan)"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := ShortReason(c.why); got != c.vi {
			t.Errorf("ShortReason(%q)\n got %q\nwant %q", c.why, got, c.vi)
		}
	}
	UseLanguage(English)
	for _, c := range cases {
		if c.en == "" {
			continue
		}
		if got := ShortReason(c.why); got != c.en {
			t.Errorf("ShortReason(%q) in English\n got %q\nwant %q", c.why, got, c.en)
		}
	}
}
