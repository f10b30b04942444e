package meta

import (
	"strings"
	"testing"
)

// The fixtures below are written for these tests in the shapes of real
// papers that are not letters of an office: speeches given at a meeting,
// petitions of an association, and papers issued with a decision (a
// charter, an annex, a list). Names, numbers and dates are made up.

// TestSpeeches reads speeches: a type line (THAM LUẬN, BÀI PHÁT BIỂU,
// DIỄN VĂN), their subject over paragraphs, then the body that gives the
// speech alone on its line before "Kính thưa"; no header, no date.
func TestSpeeches(t *testing.T) {
	tests := []struct {
		name, text                 string
		typ, issuer, title         string
		issuerAtLeast, issuerBelow float64
	}{
		{name: "paper of a province, the next paragraph capitalised",
			text: "3\n\nTHAM LUẬN\n\nNâng cao hiệu quả phối hợp giữa các lực lượng trong phòng, chống tội phạm trên địa bàn tỉnh\n\nUBND Tỉnh Hà Giang\n\n" +
				"Tội phạm có tổ chức là một trong những loại tội phạm nguy hiểm, tác động sâu rộng đến an ninh, trật tự ngày 12/3/2024.\n",
			typ: "Tham luận", issuer: "UBND Tỉnh Hà Giang", issuerAtLeast: 0.7, issuerBelow: 1,
			title: "Tham luận nâng cao hiệu quả phối hợp giữa các lực lượng trong phòng, chống tội phạm trên địa bàn tỉnh"},
		{name: "subject over three paragraphs, then the address",
			text: "THAM LUẬN\n\nHuy động sức mạnh của cả hệ thống chính trị, lồng ghép công tác phòng, chống ma túy với các chương trình\n\nphát triển kinh tế - xã hội ở cơ sở\n\n" +
				"UBND thành phố Cần Thơ\n\nKính thưa: Đồng chí Phó Thủ tướng Chính phủ!\n\nKính thưa các đồng chí!\n\nThay mặt Ủy ban nhân dân thành phố, tôi xin trình bày.\n",
			typ: "Tham luận", issuer: "UBND thành phố Cần Thơ", issuerAtLeast: 0.7, issuerBelow: 1,
			title: "Tham luận huy động sức mạnh của cả hệ thống chính trị, lồng ghép công tác phòng, chống ma túy với các chương trình phát triển kinh tế - xã hội ở cơ sở"},
		{name: "a ministry whose name has commas",
			text: "THAM LUẬN\n\nGiải pháp truyền thông về phòng, chống ma túy trong thanh niên\n\nBộ Văn hóa, Thể thao và Du lịch\n\nKính thưa toàn thể Hội nghị!\n\nNgày 08/9/2025, Bộ trưởng Bộ Công an đã ký ban hành Quyết định số 761/QĐ-BCA.\n",
			typ:  "Tham luận", issuer: "Bộ Văn hóa, Thể thao và Du lịch", issuerAtLeast: 0.7, issuerBelow: 1,
			title: "Tham luận giải pháp truyền thông về phòng, chống ma túy trong thanh niên"},
		{name: "a subject line that wraps onto a capitalised word is no speaker",
			text: "THAM LUẬN\n\nXây dựng mô hình thôn không ma túy trong Chương trình mục tiêu\n\nQuốc gia phòng chống ma túy đến năm 2030\n\nUBND Thành phố Đà Nẵng\n\nKính thưa các đồng chí!\n",
			typ:  "Tham luận", issuer: "UBND Thành phố Đà Nẵng", issuerAtLeast: 0.7, issuerBelow: 1,
			title: "Tham luận xây dựng mô hình thôn không ma túy trong Chương trình mục tiêu Quốc gia phòng chống ma túy đến năm 2030"},
		{name: "an opening speech: the body holding the meeting, a guess",
			text: "BÀI PHÁT BIỂU KHAI MẠC\n\nHội nghị tổng kết công tác cải cách hành chính năm 2025\n\nKính thưa các đồng chí dự Hội nghị!\n\n" +
				"Thực hiện Chương trình công tác năm 2026, hôm nay, Ủy ban nhân dân tỉnh Gia Lai tổ chức Hội nghị tổng kết công tác cải cách hành chính.\n",
			typ: "Bài phát biểu", issuer: "Ủy ban nhân dân tỉnh Gia Lai", issuerAtLeast: 0.5, issuerBelow: 0.7,
			title: "Bài phát biểu khai mạc hội nghị tổng kết công tác cải cách hành chính năm 2025"},
		{name: "a closing speech whose subject is in capitals, no body named",
			text: "DIỄN VĂN BẾ MẠC\n\nĐẠI HỘI HỘI NÔNG DÂN XÃ AN HÒA\n\nLẦN THỨ X, NHIỆM KỲ 2023 - 2028\n\nKính thưa các đồng chí,\n\nSau hai ngày làm việc khẩn trương, Đại hội đã hoàn thành chương trình.\n",
			typ:  "Diễn văn", title: "Diễn văn bế mạc ĐẠI HỘI HỘI NÔNG DÂN XÃ AN HÒA LẦN THỨ X, NHIỆM KỲ 2023 - 2028"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if r.Article || r.Type.Text != tt.typ || r.Issuer.Text != tt.issuer || r.Title.Text != tt.title {
			t.Errorf("%s: article %v type %q issuer %q title %q", tt.name, r.Article, r.Type.Text, r.Issuer.Text, r.Title.Text)
		}
		if tt.issuer != "" && (r.Issuer.Confidence < tt.issuerAtLeast || r.Issuer.Confidence >= tt.issuerBelow || r.Why["issuer"] == "") {
			t.Errorf("%s: issuer at %v, why %q", tt.name, r.Issuer.Confidence, r.Why["issuer"])
		}
		if r.Date.Text != "" {
			t.Errorf("%s: a date of the body was taken: %q", tt.name, r.Date.Text)
		}
	}
}

// TestPetitions reads an association's petitions (Đơn): "ĐƠN ĐỀ NGHỊ"
// is the type line, its words the start of the title; a line "ĐƠN VỊ" is
// no petition.
func TestPetitions(t *testing.T) {
	tests := []struct{ name, text, typ, issuer, title, date string }{
		{"petition of a founding committee",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN ĐỀ NGHỊ\n\nCông nhận Ban vận động thành lập\n\nLiên đoàn Cờ tướng tỉnh Tây Ninh\n\n" +
				"Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh\n\nTôi tên: Trần Văn Bảy, sinh năm 1979, thường trú tại phường 3.\n",
			"Đơn", "", "Đơn đề nghị công nhận Ban vận động thành lập Liên đoàn Cờ tướng tỉnh Tây Ninh", ""},
		{"petition of a fund under its council, dated",
			"HỘI ĐỒNG QUẢN LÝ\nQUỸ BẢO TRỢ TRẺ EM TỈNH KON TUM\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKon Tum, ngày 4 tháng 8 năm 2025\n\n" +
				"ĐƠN ĐỀ NGHỊ\nPhê duyệt Điều lệ sửa đổi, bổ sung của Quỹ\n\nKính gửi: Sở Nội vụ tỉnh Kon Tum\n\nCăn cứ Nghị định số 93/2019/NĐ-CP ngày 25/11/2019 của Chính phủ;\n",
			"Đơn", "hội đồng quản lý quỹ bảo trợ trẻ em tỉnh kon tum", "Đơn đề nghị phê duyệt Điều lệ sửa đổi, bổ sung của Quỹ", "2025-08-04"},
		{"a scanned petition dated over its signature, the list sent with it after; OCR read a 1 as '!'",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN ĐỀ NGHỊ\n\nCông nhận Ban vận động thành lập\n\nLiên đoàn Cờ tướng tỉnh Tây Ninh\n\n" +
				"Kính gửi: Ủy ban nhân dân tỉnh Tây Ninh\n\nTôi tên: Trần Văn Bảy, sinh năm 1979, thường trú tại phường 3.\n\nTôi xin trân trọng cảm ơn.\n\nNơi nhận:\nTây Ninh, ngày 10 tháng !1 năm 2025\n- Như trên;\nTRƯỞNG BAN VẬN ĐỘNG\n- Lưu.\n\n" +
				"DANH SÁCH BAN VẬN ĐỘNG\n(Kèm theo Đơn đề nghị công nhận Ban vận động thành lập Liên đoàn Cờ tướng tỉnh Tây Ninh)\n\nSTT\nHọ và tên\nNăm sinh\n" + strings.Repeat("|\nỊ\n", 20) + "1\nTrần Văn Bảy\n1979\n",
			"Đơn", "", "Đơn đề nghị công nhận Ban vận động thành lập Liên đoàn Cờ tướng tỉnh Tây Ninh", "2025-11-10"},
		{"application written in one line",
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN XIN GIA NHẬP HỘI\n\nKính gửi: Ban Chấp hành Hội Cựu chiến binh xã Hòa Bình\n\nTôi tên là Lê Văn Tám.\n",
			"Đơn", "", "Đơn xin gia nhập hội", ""},
		{"a unit's line in a report is no petition",
			"ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 21/BC-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa Bình, ngày 2 tháng 3 năm 2025\n\n" +
				"ĐƠN VỊ BÁO CÁO: XÃ HÒA BÌNH\n\nBÁO CÁO\nKết quả thực hiện công tác dân vận năm 2024\n",
			"Báo cáo", "Ủy ban nhân dân xã Hòa Bình", "Báo cáo kết quả thực hiện công tác dân vận năm 2024", "2025-03-02"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		// the issuer's words, whatever their capitals: "QUẢN LÝ" is no "QUẬN"
		if r.Type.Text != tt.typ || !strings.EqualFold(r.Issuer.Text, tt.issuer) || r.Title.Text != tt.title || r.Date.Text != tt.date {
			t.Errorf("%s: type %q issuer %q title %q date %q", tt.name, r.Type.Text, r.Issuer.Text, r.Title.Text, r.Date.Text)
		}
	}
}

// TestConfirmation reads a confirmation ("GIẤY XÁC NHẬN") a firm gives an
// association: its type line, its subject, and its place and date, which
// stand over its signature.
func TestConfirmation(t *testing.T) {
	text := "CÔNG TY TNHH MỘT THÀNH VIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHOA SEN PHÚ YÊN\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"GIẤY XÁC NHẬN\nĐặt trụ sở Hội Cựu giáo chức tỉnh Phú Yên\n\nKính gửi: Hội Cựu giáo chức tỉnh Phú Yên\n\n" +
		"Công ty đồng ý để Hội Cựu giáo chức tỉnh Phú Yên đặt trụ sở Văn phòng tại số 12 Lê Lợi, phường Tuy Hòa, từ năm 2024.\n\n" +
		"Nơi nhận:\nPhú Yên, ngày 14 tháng 7 năm 2025\n- Như trên;\nGIÁM ĐỐC\n- Lưu: Công ty.\n\nTrần Văn Bảy\n"
	r := Read(text, Hint{})
	if r.Type.Text != "Giấy xác nhận" || r.Title.Text != "Giấy xác nhận đặt trụ sở Hội Cựu giáo chức tỉnh Phú Yên" || r.Date.Text != "2025-07-14" {
		t.Errorf("type %q title %q date %q", r.Type.Text, r.Title.Text, r.Date.Text)
	}
}

// TestAttachedPapers reads papers issued with a decision, a plan or a
// letter ("(Kèm theo Quyết định số ... ngày ...)"): their date is that
// paper's, a draft's blank while its day is blank; never the day a
// congress adopted a charter, nor a birth date in a list.
func TestAttachedPapers(t *testing.T) {
	charter := func(attached, adopted string) string {
		return "ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐIỀU LỆ\n\nHỘI LÀM VƯỜN TỈNH PHÚ YÊN\n\n" +
			attached + "\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Tên gọi: Hội Làm vườn tỉnh Phú Yên.\n\n" +
			"Điều 26. Hiệu lực thi hành\n\n1. Điều lệ này gồm 8 chương, 26 điều, đã được Đại hội Hội Làm vườn tỉnh Phú Yên lần thứ V thông qua " + adopted + ".\n"
	}
	tests := []struct {
		name, text string
		date       string
		year       int
		atLeast    float64
		why        string
	}{
		{"charter of a draft decision: blank day", charter("(Kèm theo Quyết định số /QĐ-UBND ngày tháng 02 năm 2025\n\ncủa Chủ tịch Ủy ban nhân dân tỉnh)", "ngày 18 tháng 12 năm 2024"),
			"", 2025, 0.9, "để trống"},
		{"charter of a draft decision: slashes", charter("(Ban hành kèm theo Quyết định số /QĐ-UBND ngày /3/2025 của Chủ tịch UBND tỉnh)", "ngày 18 tháng 12 năm 2024"),
			"", 2025, 0.9, "để trống"},
		{"charter of a signed decision", charter("(Kèm theo Quyết định số 1424/QĐ-UBND ngày 30 tháng 6 năm 2025\n\ncủa Chủ tịch Ủy ban nhân dân tỉnh)", "ngày 27 tháng 6 năm 2025"),
			"2025-06-30", 2025, 0.7, "kèm theo"},
		{"decision's date wrapped to the next line", charter("(Kèm theo Quyết định số 1424/QĐ-UBND\nngày 30 tháng 6 năm 2025 của Chủ tịch UBND tỉnh)", "ngày 27 tháng 6 năm 2025"),
			"2025-06-30", 2025, 0.7, "kèm theo"},
		{"charter of the association alone: the day it was adopted, a guess", charter("", "ngày 18 tháng 12 năm 2024"),
			"2024-12-18", 2024, 0.5, "thông qua"},
		{"charter 'approved with' a draft decision", charter("(Phê duyệt kèm theo Quyết định số /QĐ-UBND ngày / /2025\n\ncủa Chủ tịch UBND tỉnh Phú Yên)", "ngày 28 tháng 11 năm 2025"),
			"", 2025, 0.9, "để trống"},
		{"charter of a draft decision whose year is blank too", charter("(Kèm theo Quyết định số ... /QĐ-UBND ngày... tháng... năm ...\n\ncủa Chủ tịch Ủy ban nhân dân tỉnh Phú Yên)", "ngày 18 tháng 12 năm 2024"),
			"", 0, 0.9, "để trống"},
		{"list annexed to a draft decision, with birth dates",
			"DANH SÁCH TRÍCH NGANG BAN VẬN ĐỘNG THÀNH LẬP HỘI NUÔI ONG TỈNH ĐỒNG NAI\n(Kèm theo Quyết định số /QĐ-UBND ngày / /2026 của Chủ tịch UBND tỉnh Đồng Nai)\n\n" +
				"STT\nHọ và tên\nNgày sinh\n1\nNguyễn Văn Hai\n30/7/1962\n2\nLê Thị Ba\n14/2/1970\n",
			"", 2026, 0.5, "để trống"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if r.Date.Text != tt.date || r.Year != tt.year || r.Date.Confidence < tt.atLeast || !strings.Contains(r.Why["date"], tt.why) {
			t.Errorf("%s: date %q at %v, year %d, why %q", tt.name, r.Date.Text, r.Date.Confidence, r.Year, r.Why["date"])
		}
	}
}

// TestTitlesOfCharterAndRules reads the titles the type line and the
// lines under it make: a charter named whole on its type line over the
// line that says which decision it goes with, and a subject that says
// its type again under the type line.
func TestTitlesOfCharterAndRules(t *testing.T) {
	header := "ỦY BAN NHÂN DÂN\nTỈNH PHÚ YÊN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
	body := "\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1. Tên gọi: Hội Cây cảnh tỉnh Phú Yên.\n"
	party := "ĐẢNG BỘ HUYỆN SƠN HÒA\nĐẢNG ỦY XÃ SƠN LONG\n*\nSố -QC/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSơn Long, ngày   tháng   năm 2026\n\n"
	tests := []struct{ name, text, typ, title string }{
		{"charter named on its type line", header + "ĐIỀU LỆ CỦA HỘI CÂY CẢNH TỈNH PHÚ YÊN, NHIỆM KỲ 2026 - 2031\n\n" +
			"(Kèm theo Quyết định số /QĐ-UBND ngày tháng 3 năm 2026\n\ncủa Chủ tịch Ủy ban nhân dân tỉnh Phú Yên)" + body,
			"Điều lệ", "Điều lệ CỦA HỘI CÂY CẢNH TỈNH PHÚ YÊN, NHIỆM KỲ 2026 - 2031"},
		{"charter 'recognised with' a decision", header + "ĐIỀU LỆ (SỬA ĐỔI, BỔ SUNG)\n\nQUỸ BẢO TRỢ TRẺ EM TỈNH PHÚ YÊN\n\n" +
			"(Được công nhận kèm theo Quyết định số /QĐ-UBND,\n\nngày tháng năm 2026 của Chủ tịch UBND tỉnh Phú Yên)" + body,
			"Điều lệ", "Điều lệ (SỬA ĐỔI, BỔ SUNG) QUỸ BẢO TRỢ TRẺ EM TỈNH PHÚ YÊN"},
		{"charter 'approved with' a decision", header + "ĐIỀU LỆ\n\nLIÊN ĐOÀN CẦU LÔNG TỈNH PHÚ YÊN\n\n" +
			"(Phê duyệt kèm theo Quyết định số /QĐ-UBND ngày tháng năm 2026\n\ncủa Chủ tịch Ủy ban nhân dân tỉnh Phú Yên)" + body,
			"Điều lệ", "Điều lệ LIÊN ĐOÀN CẦU LÔNG TỈNH PHÚ YÊN"},
		{"charter 'issued with' a decision", header + "ĐIỀU LỆ\n\nHỘI CÂY CẢNH TỈNH PHÚ YÊN\n\n" +
			"(Được ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 02/3/2026 của Chủ tịch UBND tỉnh)" + body,
			"Điều lệ", "Điều lệ HỘI CÂY CẢNH TỈNH PHÚ YÊN"},
		{"rules whose subject says the type again", party + "QUY CHẾ\n\nQuy chế làm việc\n\ncủa Ban Chấp hành Đảng bộ xã Sơn Long\n\nnhiệm kỳ 2025 - 2030\n\n-----\n\n" +
			"- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n",
			"Quy chế", "Quy chế làm việc của Ban Chấp hành Đảng bộ xã Sơn Long nhiệm kỳ 2025 - 2030"},
		{"rules whose subject does not", party + "QUY CHẾ\n\nlàm việc của Ban Chấp hành Đảng bộ xã Sơn Long\n\nnhiệm kỳ 2025 - 2030\n\n-----\n\n" +
			"- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;\n",
			"Quy chế", "Quy chế làm việc của Ban Chấp hành Đảng bộ xã Sơn Long nhiệm kỳ 2025 - 2030"},
		{"a plan whose subject starts with another type's word", header + "KẾ HOẠCH\n\nThông báo kết quả kiểm tra công tác cải cách hành chính năm 2026\n\n" +
			"Căn cứ Quyết định số 12/QĐ-UBND ngày 02/3/2026;\n",
			"Kế hoạch", "Kế hoạch thông báo kết quả kiểm tra công tác cải cách hành chính năm 2026"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{FileName: "x.docx"})
		if r.Type.Text != tt.typ || r.Title.Text != tt.title || r.Title.Confidence < 0.7 {
			t.Errorf("%s: type %q title %q at %v;\nwant %q %q", tt.name, r.Type.Text, r.Title.Text, r.Title.Confidence, tt.typ, tt.title)
		}
	}
}

// TestHeadlineOverLines reads the title of a paper without a header whose
// heading in capitals wraps over three lines, above its first section.
func TestHeadlineOverLines(t *testing.T) {
	text := "2\n\nTÓM TẮT KẾT QUẢ CHỦ YẾU CỦA BÁO CÁO CÔNG TÁC\n\nPHÒNG, CHỐNG THIÊN TAI NĂM 2025 VÀ NHIỆM VỤ,\n\nGIẢI PHÁP NĂM 2026 CỦA XÃ TÂN LẬP\n\n" +
		"I. BỐI CẢNH VÀ CÔNG TÁC CHỈ ĐẠO\n\nNăm 2025, xã Tân Lập triển khai công tác phòng, chống thiên tai trong bối cảnh mưa lũ kéo dài trên địa bàn.\n"
	r := Read(text, Hint{FileName: "x.docx"})
	want := "TÓM TẮT KẾT QUẢ CHỦ YẾU CỦA BÁO CÁO CÔNG TÁC PHÒNG, CHỐNG THIÊN TAI NĂM 2025 VÀ NHIỆM VỤ, GIẢI PHÁP NĂM 2026 CỦA XÃ TÂN LẬP"
	if r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
	// a menu of a saved page is no headline wrapped over lines
	menu := "TRANG CHỦ\n\nTIN TỨC SỰ KIỆN\n\nVĂN BẢN CHỈ ĐẠO\n\nXã Tân Lập ra quân dọn vệ sinh môi trường sau mưa lũ\n\n" +
		"Sáng ngày 12/10/2026, Ủy ban nhân dân xã Tân Lập tổ chức ra quân dọn vệ sinh môi trường tại các thôn bị ngập.\n"
	if r := Read(menu, Hint{FileName: "x.txt"}); r.Title.Text != "Xã Tân Lập ra quân dọn vệ sinh môi trường sau mưa lũ" {
		t.Errorf("menu: title %q", r.Title.Text)
	}
}

// TestDateOverTheSignature reads the date of a petition whose header has
// none: the place and date over its signature.
func TestDateOverTheSignature(t *testing.T) {
	petition := func(dated string) string {
		return "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN ĐỀ NGHỊ\nHỗ trợ sửa chữa nhà văn hóa thôn Đông\n\n" +
			"Kính gửi: Ủy ban nhân dân xã Tân Lập.\n\nCăn cứ Nghị quyết số 12/NQ-HĐND ngày 05/01/2026 của Hội đồng nhân dân xã;\n" +
			"Ban công tác Mặt trận thôn Đông đề nghị Ủy ban nhân dân xã xem xét hỗ trợ.\n\n" + dated + "\nTM. BAN CÔNG TÁC MẶT TRẬN\nTRƯỞNG BAN\n\nHà Văn Tư\n"
	}
	tests := []struct {
		name, dated, date string
		year              int
	}{
		{"signed", "Tân Lập, ngày 26 tháng 3 năm 2026", "2026-03-26", 2026},
		{"a blank day", "Tân Lập, ngày    tháng 3 năm 2026", "", 2026},
		{"no place: a date of the body, not one over the signature", "ngày 26 tháng 3 năm 2026", "", 0},
	}
	for _, tt := range tests {
		r := Read(petition(tt.dated), Hint{FileName: "x.docx"})
		if r.Type.Text != "Đơn" || r.Date.Text != tt.date || r.Year != tt.year || r.Date.Text != "" && (r.Date.Confidence > 0.7 || !strings.Contains(r.Why["date"], "chữ ký")) {
			t.Errorf("%s: type %q date %q at %v, year %d, why %q", tt.name, r.Type.Text, r.Date.Text, r.Date.Confidence, r.Year, r.Why["date"])
		}
	}
}

// Papers filed together in one scan: a petition without a "Nơi nhận:"
// list, then the minutes it cites, with theirs. The petition's signer is
// the one over the minutes' header, not the minutes' secretary.
func TestFiledPapersFirstSigner(t *testing.T) {
	text := "HIỆP HỘI CÁ TRA HÀ TIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 01/2025\nHà Tiên, ngày 20 tháng 10 năm 2025\n\n" +
		"ĐƠN XIN ĐỔI TÊN HIỆP HỘI\n\nKính gửi: Ủy ban nhân dân tỉnh Hà Tiên\n\nCăn cứ Nghị quyết số 03/NQ-HHCT ngày 07/08/2025 của Hiệp hội;\n" +
		"Hiệp hội kính đề nghị được đổi tên.\nXin trân trọng cảm ơn!\n\nĐẠI DIỆN HIỆP HỘI\nCHỦ TỊCH HIỆP HỘI\nSa”\nLê Văn Điền\n,\n\n" +
		"HIỆP HỘI CÁ TRA HÀ TIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 01/BB-HHCT\nHà Tiên, ngày 06 tháng 08 năm 2025\n\n" +
		"BIÊN BẢN HỌP BAN CHẤP HÀNH\n\nHôm nay, ngày 06 tháng 08 năm 2025, Ban chấp hành họp.\nCuộc họp kết thúc lúc 11 giờ./.\n\n" +
		"Nơi nhận:\n- Sở Nội vụ;\n- Lưu: VP.\nTHƯ KÝ\nPhạm Hoàng Anh\n"
	r := Read(text, Hint{OCR: true})
	if r.Signer.Text != "Lê Văn Điền" {
		t.Errorf("signer %q, want the petition's, Lê Văn Điền", r.Signer.Text)
	}
	// one paper with its annex: the signer by its recipients, as before
	one := strings.Replace(text, "Xin trân trọng cảm ơn!\n", "Xin trân trọng cảm ơn!\nNơi nhận:\n- Như trên;\n- Lưu.\n", 1)
	if r := Read(one, Hint{OCR: true}); r.Signer.Text != "Lê Văn Điền" {
		t.Errorf("with its own recipients: signer %q, want Lê Văn Điền", r.Signer.Text)
	}
}
