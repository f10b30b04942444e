package meta

import (
	"strings"
	"testing"
)

// lawText is a law in the shape the National Assembly prints them (written
// for this test): no place and date line in the header, the name in
// capitals under "LUẬT", the date in the closing clause.
func lawText(typeLine, name, closing string) string {
	return "QUỐC HỘI                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"                                 Độc lập - Tự do - Hạnh phúc\n" +
		"Luật số: 47/2025/QH15\n\n" + typeLine + "\n" + name + "\n\n" +
		"Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n" +
		"Quốc hội ban hành Luật này.\n\nChương I\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n" +
		"Luật này quy định về chế độ, chính sách đối với người lao động.\n\n" +
		"Điều 2. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.\n\n" +
		closing + "\n\n                                         CHỦ TỊCH QUỐC HỘI\n\n\n                                         Trần Văn Nam\n"
}

// TestLawTitleInSmallLetters: a law's name printed in capitals is its
// title the way laws cite it, "Luật Việc làm", not "Luật VIỆC LÀM"; the
// bodies of the state, proper names and a law named in it keep their
// capitals.
func TestLawTitleInSmallLetters(t *testing.T) {
	const closing = "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 9 thông qua ngày 16 tháng 6 năm 2025."
	cases := []struct{ typeLine, name, title string }{
		{"LUẬT", "VIỆC LÀM", "Luật Việc làm"},
		{"LUẬT", "BẢO HIỂM XÃ HỘI", "Luật Bảo hiểm xã hội"},
		{"LUẬT", "TỔ CHỨC QUỐC HỘI", "Luật Tổ chức Quốc hội"},
		{"LUẬT", "MẶT TRẬN TỔ QUỐC VIỆT NAM", "Luật Mặt trận Tổ quốc Việt Nam"},
		{"LUẬT", "PHÒNG, CHỐNG NHIỄM VI RÚT GÂY RA HỘI CHỨNG SUY GIẢM MIỄN DỊCH MẮC PHẢI Ở NGƯỜI (HIV/AIDS)",
			"Luật Phòng, chống nhiễm vi rút gây ra hội chứng suy giảm miễn dịch mắc phải ở người (HIV/AIDS)"},
		{"LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI, LUẬT NHÀ Ở",
			"Luật Sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở"},
		{"LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA CÁC LUẬT VỀ ĐẦU TƯ",
			"Luật Sửa đổi, bổ sung một số điều của các luật về đầu tư"},
		{"BỘ LUẬT", "HÀNG HẢI VIỆT NAM", "Bộ luật Hàng hải Việt Nam"},
		{"LUẬT ĐẤT ĐAI", "", "Luật Đất đai"},
		// a name not in capitals stays as printed
		{"LUẬT", "Thủ đô", "Luật Thủ đô"},
	}
	for _, c := range cases {
		r := Read(lawText(c.typeLine, c.name, closing), Hint{})
		if r.Title.Text != c.title || r.Title.Confidence < confHeader {
			t.Errorf("%s / %s: title %q (%.2f), want %q", c.typeLine, c.name, r.Title.Text, r.Title.Confidence, c.title)
		}
	}
	// other types keep a subject in capitals as printed
	r := Read(strings.Replace(lawText("NGHỊ QUYẾT", "VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026", closing), "Luật số", "Nghị quyết số", 1), Hint{})
	if r.Title.Text != "Nghị quyết VỀ KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026" {
		t.Errorf("resolution: title %q", r.Title.Text)
	}
}

// TestLawDateFromItsClosingClause: a law is dated by the clause that
// closes it ("Luật này được Quốc hội ... thông qua ngày ..."), which is
// where its date is printed, so the date is sure; another paper's
// adoption clause (a charter adopted by a congress) is still a guess.
func TestLawDateFromItsClosingClause(t *testing.T) {
	cases := []struct {
		name, closing, date string
		conf                float64
	}{
		{"law", "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 9 thông qua ngày 16 tháng 6 năm 2025.", "2025-06-16", confHeader},
		{"law, passed on a numeric date", "Luật này đã được Quốc hội khóa XV, kỳ họp thứ 9 thông qua ngày 16/6/2025.", "2025-06-16", confHeader},
		{"a charter adopted by a congress", "Điều lệ này đã được Đại hội đại biểu toàn quốc lần thứ V thông qua ngày 18 tháng 12 năm 2024.", "2024-12-18", confGuess},
		{"a law cited, not this one", "Luật Đất đai được Quốc hội thông qua ngày 18 tháng 01 năm 2024.", "2024-01-18", confGuess},
	}
	for _, c := range cases {
		r := Read(lawText("LUẬT", "VIỆC LÀM", c.closing), Hint{})
		if r.Date.Text != c.date || r.Date.Confidence != c.conf || r.Year != atoi(c.date[:4]) {
			t.Errorf("%s: date %q (%.2f) year %d, want %q (%.2f)", c.name, r.Date.Text, r.Date.Confidence, r.Year, c.date, c.conf)
		}
	}
}

// TestFootnoteMarkGluedToTypeLine: the mark of a footnote glued to the
// type word ("QUYẾT ĐỊNH2", "THÔNG TƯ¹") or to the last word of the
// subject ("... các hội2") is no part of them; digits that belong to a
// word or a number stay.
func TestFootnoteMarkGluedToTypeLine(t *testing.T) {
	const header = "ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"TỈNH HÀ NAM                     Độc lập - Tự do - Hạnh phúc\n" +
		"Số: 12/2025/QĐ-UBND              Hà Nam, ngày 3 tháng 4 năm 2025\n\n"
	const body = "\n\nỦY BAN NHÂN DÂN TỈNH HÀ NAM\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;\n"
	cases := []struct{ typeLine, subject, typ, title string }{
		{"QUYẾT ĐỊNH2", "Ban hành Quy chế quản lý kinh phí hỗ trợ các hội", "Quyết định", "Quyết định ban hành Quy chế quản lý kinh phí hỗ trợ các hội"},
		{"QUYẾT ĐỊNH¹", "Ban hành Quy chế quản lý kinh phí hỗ trợ các hội", "Quyết định", "Quyết định ban hành Quy chế quản lý kinh phí hỗ trợ các hội"},
		{"QUYẾT ĐỊNH", "Ban hành Quy chế quản lý kinh phí hỗ trợ các hội12", "Quyết định", "Quyết định ban hành Quy chế quản lý kinh phí hỗ trợ các hội"},
		{"THÔNG TƯ1", "Hướng dẫn quản lý kinh phí hỗ trợ các hội²", "Thông tư", "Thông tư hướng dẫn quản lý kinh phí hỗ trợ các hội"},
		// digits of a word, a code or a number are not a mark
		{"QUYẾT ĐỊNH", "Phê duyệt kế hoạch phòng, chống cúm A/H5N1", "Quyết định", "Quyết định phê duyệt kế hoạch phòng, chống cúm A/H5N1"},
		{"QUYẾT ĐỊNH", "Phê duyệt kế hoạch phòng, chống dịch COVID19", "Quyết định", "Quyết định phê duyệt kế hoạch phòng, chống dịch COVID19"},
		{"QUYẾT ĐỊNH", "Phê duyệt kế hoạch tuyên truyền năm 2025", "Quyết định", "Quyết định phê duyệt kế hoạch tuyên truyền năm 2025"},
		{"QUYẾT ĐỊNH", "Phê duyệt kế hoạch đợt 125", "Quyết định", "Quyết định phê duyệt kế hoạch đợt 125"},
	}
	for _, c := range cases {
		r := Read(header+c.typeLine+"\n"+c.subject+body, Hint{})
		if r.Type.Text != c.typ || r.Type.Confidence != confHeader || r.Title.Text != c.title {
			t.Errorf("%q / %q: type %q (%.2f) title %q, want %q %q", c.typeLine, c.subject, r.Type.Text, r.Type.Confidence, r.Title.Text, c.typ, c.title)
		}
	}
}
