package meta

import (
	"strings"
	"testing"
)

// The fixtures below take the shapes OCR gives scanned letters: a day or a
// number written by hand into the blanks, a seal over the signer's name,
// letters lost at the edge of a signature. Names and numbers are made up.

// scanHeader returns an OCR'd state header with the given date line.
func scanHeader(dateLine string) string {
	return "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
		"Số: 3# /KH-UBND\n" + dateLine + "\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\n" +
		"Căn cứ Quyết định số 12/QĐ-UBND ngày 14/02/2023 của Ủy ban nhân dân tỉnh;\nNội dung kế hoạch như sau.\n"
}

func TestScannedDateLines(t *testing.T) {
	tests := []struct {
		line, date string
		year       int
		why        string // part of the reason given, "" for none
	}{
		{"Hà Tiên, ngày 12 tháng 3 năm 2024", "2024-03-12", 2024, "dòng địa danh"},
		// a day written by hand, that OCR made junk of: the month and year stand
		{"Hà Tiên, ngày Oÿ_ tháng 02 năm 2024", "", 2024, "chỉ có tháng 2 năm 2024"},
		{"Hà Tiên, ngày Êˆ@_ tháng 11 năm 2023", "", 2023, "chỉ có tháng 11 năm 2023"},
		{"Hà Tiên, ngày/1} tháng 9 năm 2022", "", 2022, "không đọc được ngày"},
		{"Hà Tiên, ngày-17 tháng 9 năm 2022", "", 2022, "không đọc được ngày"}, // junk before digits: not trusted
		{"Hà Tiên, ngày 2 thángØf năm 2021", "", 2021, "không đọc được ngày tháng"},
		{"Hà Tiên, ngày 80 tháng 3 năm 2019", "", 2019, "không đọc được ngày"}, // no such day
		{"Hà Tiên, ngày99 tháng 10 năm 2025", "", 2025, "không đọc được ngày"},
		// digits OCR misreads as letters or marks
		{"Hà Tiên, ngày 3| tháng 12 năm 2024", "2024-12-31", 2024, "dòng địa danh"},
		{"Hà Tiên, ngày 17 tháng I1] năm 2025", "2025-11-17", 2025, "dòng địa danh"},
		{"Hà Tiên, ngày 05 tháng 0I năm 2025", "2025-01-05", 2025, "dòng địa danh"},
		// the t of "tháng" lost, typed so or by OCR
		{"Hà Tiên, ngày 12 háng 01 năm 2026", "2026-01-12", 2026, "dòng địa danh"},
		// OCR without the Vietnamese alphabet drops the accents
		{"Ha Tien, ngay 03 thang 9 nam 2025", "2025-09-03", 2025, "dòng địa danh"},
		{"Ha Tien, ngdy 7L thdng 1l ndm 2025", "", 2025, "chỉ có tháng 11 năm 2025"},
		// a draft typed with blanks is still a draft
		{"Hà Tiên, ngày    tháng 4 năm 2026", "", 2026, "bản dự thảo"},
	}
	for _, tt := range tests {
		r := Read(scanHeader(tt.line), Hint{OCR: true})
		if r.Date.Text != tt.date || r.Year != tt.year {
			t.Errorf("%q: date %q year %d, want %q %d", tt.line, r.Date.Text, r.Year, tt.date, tt.year)
		}
		if !strings.Contains(r.Why["date"], tt.why) {
			t.Errorf("%q: why %q, want it to say %q", tt.line, r.Why["date"], tt.why)
		}
		if r.Type.Text != "Kế hoạch" || r.Title.Text != "Kế hoạch về việc tu sửa đê bao mùa lũ" {
			t.Errorf("%q: type %q title %q", tt.line, r.Type.Text, r.Title.Text)
		}
	}
}

// scanTail returns the end of an OCR'd letter: the recipients, then what
// OCR read of the signature block.
func scanTail(recipients int, block string) string {
	var b strings.Builder
	b.WriteString(scanHeader("Hà Tiên, ngày 12 tháng 3 năm 2024"))
	b.WriteString("Đề nghị các đơn vị thực hiện./.\n\nNơi nhận:\n\n")
	for i := 0; i < recipients; i++ {
		b.WriteString("- Phòng ban số " + string(rune('A'+i%26)) + ";\n\n")
	}
	b.WriteString("- Lưu: VT, KT.\n" + block)
	return b.String()
}

func TestScannedSigners(t *testing.T) {
	tests := []struct {
		name, text, signer string
	}{
		{"a long recipient list, the name under it, the capacity under the seal",
			scanTail(24, "\n`\nLê Quang Vĩnh\n"), "Lê Quang Vĩnh"},
		{"the first letter lost at the edge",
			scanTail(3, "rần Thị Mỹ Duyên\n"), "Trần Thị Mỹ Duyên"},
		{"two first letters lost, a mark before",
			scanTail(3, "` guyễn Hữu Lộc\n"), "Nguyễn Hữu Lộc"},
		{"two letters lost, the marks left tell Thạch from Quách",
			scanTail(3, "ạch Văn Sơn\n"), "Thạch Văn Sơn"},
		{"the Đ lost", scanTail(3, "ặng Thị Hoa\n"), "Đặng Thị Hoa"},
		{"the first letter lost and a mark misread: the family name takes its marks", scanTail(3, "` guyến Văn Tâm\n"), "Nguyễn Văn Tâm"},
		{"a first letter misread as a vowel",
			scanTail(3, "Âguyễn Hữu Lộc\n"), "Nguyễn Hữu Lộc"},
		{"the P of Phạm lost",
			scanTail(3, "hạm Đức Long\n"), "Phạm Đức Long"},
		{"degrees before the name",
			scanTail(3, "LS. TS. Võ Minh Tâm\n"), "Võ Minh Tâm"},
		{"a family name outside the common ones is left as written",
			scanTail(3, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNinh Văn Tám\n"), "Ninh Văn Tám"},
		{"a clipped name that fits two family names is no guess",
			scanTail(3, "ương Văn Sáu\n"), ""},
		{"what OCR made of the signature before the name",
			scanTail(3, "siết. Lê Quang Vĩnh\n"), "Lê Quang Vĩnh"},
		{"a rank OCR misread before the name",
			scanTail(3, "ø tá Võ Minh Tâm\n"), "Võ Minh Tâm"},
		{"a rank OCR misread, a mark wrong", scanTail(3, "Thiễu tướng Hà Minh Khôi\n"), "Hà Minh Khôi"},
		{"a rank OCR cut short", scanTail(3, "Đại t Phan Văn Lực\n"), "Phan Văn Lực"},
		{"two degrees OCR read as one abbreviation", scanTail(3, "ST. Võ Minh Tâm\n"), "Võ Minh Tâm"},
		{"a clipped family name is not junk before the name",
			scanTail(3, "hạm Trường Thọ\n"), "Phạm Trường Thọ"},
		{"lines of the seal's marks between the list and the name",
			scanTail(3, strings.Repeat("lb ⁄¿.—\n7:\n” ll=\n", 4)+"Hồ Văn Tài\n"), "Hồ Văn Tài"},
		{"a stroke of the signature read as a word before the name",
			scanTail(3, "TM. BAN THƯỜNG TRỰC\nPHÓ CHỦ TỊCH\n\nKe Trần Bình\n"), "Trần Bình"},
		{"a family name of two letters before another is kept",
			scanTail(3, "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTừ Lê Minh\n"), "Từ Lê Minh"},
		{"the name run onto the end of the last recipient line",
			strings.Replace(scanTail(3, "\n"), "- Lưu: VT, KT.", "KT. GIÁM ĐỐC\n- Như trên; PHÓ GIÁM ĐỐC\n- Lưu: VT, KT.mai ~-_ = Lê Văn Tám", 1), "Lê Văn Tám"},
		{"a person among the recipients is no signer",
			strings.Replace(scanTail(3, "\n"), "- Lưu: VT, KT.", "KT. GIÁM ĐỐC\n- Như trên; PHÓ GIÁM ĐỐC\n- Ông Trần Văn Bảy\n- Lưu: VT, KT.", 1), ""},
		{"a modifier mark OCR made of the signature before the rank",
			scanTail(3, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nˆ Đại tá Lê Văn Năm\n"), "Lê Văn Năm"},
		{"the N of Nơi nhận lost, a plan sent with the letter signed by no one after",
			strings.Replace(scanTail(3, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n'Đại tá Hồ Văn Tài\n"+annexPlan), "Nơi nhận:", "ơi nhận:", 1), "Hồ Văn Tài"},
		{"the N of Nơi nhận read as A, a plan sent with the letter signed by no one after",
			strings.Replace(scanTail(3, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐại tá Hồ Văn Tài\n"+annexPlan), "Nơi nhận:", "Ai nhận:", 1), "Hồ Văn Tài"},
		{"the capacity by the list, the name below a long list",
			strings.Replace(scanTail(20, ": Trần Văn Bảy\n"), "Nơi nhận:\n", "Nơi nhận:\nCHỦ TỊCH\n", 1), "Trần Văn Bảy"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{OCR: true})
		if r.Signer.Text != tt.signer {
			t.Errorf("%s: signer %q, want %q", tt.name, r.Signer.Text, tt.signer)
		}
		if tt.signer != "" && (r.Signer.Confidence > confGuess || r.Why["signer"] == "") {
			t.Errorf("%s: confidence %.2f why %q: a scan's signer is for review, with a reason", tt.name, r.Signer.Confidence, r.Why["signer"])
		}
	}
}

// annexPlan is a draft plan sent with a letter, after its signature: its
// own recipients and capacity, the name not yet signed.
const annexPlan = "\nỦY BAN NHÂN DÂN\nTỈNH HÀ TIÊN\nSố: /KH-UBND\nKẾ HOẠCH\nTu sửa đê bao mùa lũ\n\nI. MỤC ĐÍCH\nBảo vệ dân cư.\n" +
	"Nơi nhận:\n- Các sở, ngành;\n- UBND các xã;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"

func TestScannedSubjects(t *testing.T) {
	tests := []struct {
		name, text, title string
	}{
		{"V/v over five lines of the left column",
			"ỦY BAN MTTQ VIỆT NAM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nBAN THƯỜNG TRỰC\nSố: 88/MTTQ-BTT\nHà Tiên, ngày 13 tháng 5 năm 2025\n\n" +
				"V/v đề nghị cho phép các\nhội đặc thù tiếp tục dùng con\ndấu cũ trong thời gian chờ\nphê duyệt điều lệ mới của\nhội sau khi hợp nhất tỉnh\n\nKính gửi: Ủy ban nhân dân tỉnh\n\nNội dung như sau.\n",
			"V/v đề nghị cho phép các hội đặc thù tiếp tục dùng con dấu cũ trong thời gian chờ phê duyệt điều lệ mới của hội sau khi hợp nhất tỉnh"},
		{"OCR read the date line of the right column between the V/v subject's lines",
			"BỘ NÔNG NGHIỆP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố:6# /BNN-TL\nV/v dự kiến kế hoạch, nhiệm vụ tu sửa\nHà Nội, ngày |Š tháng 12 năm 2025\n" +
				"đê điều năm 2026 vốn ngân sách\ntrung ương cho các tỉnh\nKính gửi: Ủy ban nhân dân các tỉnh\n\nThực hiện Luật Đê điều, Bộ đề nghị như sau.\n",
			"V/v dự kiến kế hoạch, nhiệm vụ tu sửa đê điều năm 2026 vốn ngân sách trung ương cho các tỉnh"},
		{"a paragraph ending with a comma after the subject is the body",
			"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 51/TB-UBND\nHà Tiên, ngày 4 tháng 6 năm 2024\nTHÔNG BÁO\n\n" +
				"Kết luận của Chủ tịch UBND tỉnh tại buổi kiểm tra\ncông trình kè chống sạt lở bờ sông\n\nngành: Xây dựng, Tài chính, Nông nghiệp,\n\nTrong thời gian qua, công trình đã được triển khai\n\nđúng tiến độ đề ra và bảo đảm chất lượng\n",
			"Thông báo kết luận của Chủ tịch UBND tỉnh tại buổi kiểm tra công trình kè chống sạt lở bờ sông"},
		{"a subject set one line a paragraph may wrap at a comma",
			"ỦY BAN NHÂN DÂN\n\nTỈNH HÀ TIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nSố: /QĐ-UBND\nHà Tiên, ngày tháng năm 2025\n\nQUYẾT ĐỊNH\n\n" +
				"Về việc công nhận Ban vận động thành lập\n\nHội Nuôi ong tỉnh Hà Tiên và phê duyệt (sửa đổi,\n\nbổ sung) Điều lệ Hội\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TIÊN\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
			"Quyết định về việc công nhận Ban vận động thành lập Hội Nuôi ong tỉnh Hà Tiên và phê duyệt (sửa đổi, bổ sung) Điều lệ Hội"},
		{"a subject that lists the documents it repeals after a colon",
			"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 14/TTr-UBND\nHà Tiên, ngày 4 tháng 6 năm 2024\nTỜ TRÌNH\n\n" +
				"Về việc ban hành Nghị quyết bãi bỏ các Nghị quyết: Số 12/2016/NQ-HĐND\nngày 8/7/2016, số 30/2018/NQ-HĐND ngày 6/12/2018\ncủa Hội đồng nhân dân tỉnh Hà Tiên\n\nKính gửi: Hội đồng nhân dân tỉnh\n\nThực hiện quy định của Luật.\n",
			"Tờ trình về việc ban hành Nghị quyết bãi bỏ các Nghị quyết: Số 12/2016/NQ-HĐND ngày 8/7/2016, số 30/2018/NQ-HĐND ngày 6/12/2018 của Hội đồng nhân dân tỉnh Hà Tiên"},
		{"a colon at a line's end ends the subject when no number follows",
			"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 15/KH-UBND\nHà Tiên, ngày 4 tháng 6 năm 2024\nKẾ HOẠCH\n\n" +
				"Triển khai các nội dung sau:\nSơ kết công tác quý II\n\nThực hiện chỉ đạo của tỉnh.\n",
			"Kế hoạch triển khai các nội dung sau:"},
		{"OCR's comma before the subject and a lost space in Về việc",
			"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 06/CT-UBND\nHà Tiên, ngày 4 tháng 6 năm 2024\nCHỈ THỊ\n\n,Vềviệc tăng cường phòng cháy rừng mùa khô\n\nThời gian qua, nhiều vụ cháy đã xảy ra.\n",
			"Chỉ thị về việc tăng cường phòng cháy rừng mùa khô"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if r.Title.Text != tt.title {
			t.Errorf("%s: title\n %q, want\n %q", tt.name, r.Title.Text, tt.title)
		}
	}
}

func TestNumberWithUnitInBrackets(t *testing.T) {
	for cell, want := range map[string]string{
		"Số: 215 /TTr-CAT(PV01)":     "215/TTr-CAT(PV01)",
		"Số: 215/CAT-PV01":           "215/CAT-PV01",
		"Số: 215/CAT-PV01 (bản sao)": "215/CAT-PV01",
	} {
		if got, _, ok := headerNumber(cell); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", cell, got, ok, want)
		}
	}
}

func TestArticleSkipsCitedDates(t *testing.T) {
	tests := []struct{ text, date string }{
		{"(BHT) - Thực hiện Công văn số 215/SNV-VP ngày 12/8/2025 của Sở Nội vụ, ngày 20/8/2025, Ban Thường vụ Huyện ủy Mỹ Lâm ban hành kế hoạch tổ chức hội thi.",
			"2025-08-20"},
		{"(BHT) - Căn cứ Nghị định 45/2021/NĐ-CP, ngày 3/6/2021 của Chính phủ, Hội Nông dân xã tổ chức tập huấn cho hội viên về trồng lúa.",
			""},
		{"(BHT) - Ngày 14/4/2014, Ban Thường vụ Huyện ủy Mỹ Lâm ban hành Kế hoạch số 12-KH/HU về phong trào thi đua.",
			"2014-04-14"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if !r.Article || r.Date.Text != tt.date {
			t.Errorf("%q: article %v date %q, want %q", tt.text, r.Article, r.Date.Text, tt.date)
		}
	}
}

func TestOCRSubjectOpening(t *testing.T) {
	for in, want := range map[string]string{
		",Vềviệc giao chỉ tiêu": "Về việc giao chỉ tiêu",
		"và việc miễn nhiệm":    "Về việc miễn nhiệm",
		"và các xã vùng cao":    "và các xã vùng cao",
		"Về việc giao chỉ tiêu": "Về việc giao chỉ tiêu",
	} {
		if got := tidySubject(in); got != want {
			t.Errorf("tidySubject(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScannedHeaderNoise: what OCR adds to or garbles in a scanned header
// (a digital signature's stamp in the corner, a word of the national
// header misread, a handwritten number glued to the date, a V/v whose
// second line names a body) leaves the header readable.
func TestScannedHeaderNoise(t *testing.T) {
	text := "S= Ký bởi: ỦY BAN\nđề. Sài NHẬN DẦN TÌNH\nơ quan AN\n\n" +
		"ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỌC HỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN Độc lập - Tự do - Hạnh phúc\n" +
		"Số:⁄Z46 /UBND-VX Hà Tiên, ngày 4 6tháng 10 năm 2025\nV/v góp ý đề nghị của Ủy ban\nMTTQ Việt Nam tỉnh Hà Tiên\n\n" +
		"Kính gửi: Sở Nội vụ\n\nỦy ban nhân dân tỉnh nhận được công văn của Ủy ban MTTQ Việt Nam tỉnh.\n"
	r := Read(text, Hint{OCR: true})
	if r.Article || r.Issuer.Text != "Ủy ban nhân dân tỉnh Hà Tiên" || r.Type.Text != "Công văn" || r.Number.Text != "" ||
		r.Date.Text != "" || r.Year != 2025 || r.Title.Text != "V/v góp ý đề nghị của Ủy ban MTTQ Việt Nam tỉnh Hà Tiên" {
		t.Errorf("article %v issuer %q type %q number %q date %q year %d title %q", r.Article, r.Issuer.Text, r.Type.Text, r.Number.Text, r.Date.Text, r.Year, r.Title.Text)
	}
}

func TestGarbledTextLayerIsForReview(t *testing.T) {
	for s, want := range map[string]bool{
		"Quyết định vd viQc cho ph6p hqp nh6t HQi C6.ng":         true,
		"Quyết định về việc phòng, chống dịch Covid-19 và F0":    false,
		"Kế hoạch triển khai ISO 9001:2015 năm 2026":             false,
		"Tờ trình v6 viQc cho phdp d6i t6n Cflu l4c bQ M6 t6":    true,
		"Thông báo kết luận của đồng chí Nguyễn Văn An tại xã A": false,
		"trên dịa bàn tÉinh có nhiều nguÝi từng buÛc":            true,
		"Hội thảo về iPhone và McDonald tại xã":                  true, // two such names are taken for OCR: only review follows
	} {
		if got := garbled(s, 2); got != want {
			t.Errorf("garbled(%q) = %v, want %v", s, got, want)
		}
	}
	text := "ỦY BAN NHÂN DÂN\nTỈNH HÀ TIÊN\nSố: 45/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Tiên, ngày 3 tháng 9 năm 2025\n" +
		"QUYẾT ĐỊNH\nvd viQc cho ph6p hqp nh6t HQi C6ng chri'ng vi6n\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
	r := Read(text, Hint{})
	if r.Title.Confidence > confGuess || r.Number.Confidence > confGuess || !strings.Contains(r.Why["title"], "nhận dạng sai") {
		t.Errorf("title %q at %.2f, number at %.2f, why %q: a garbled text layer is for review", r.Title.Text, r.Title.Confidence, r.Number.Confidence, r.Why["title"])
	}
}

// TestDraftBlankDateIsSure: a draft's blank day, typed in a text file, is
// read for sure (nothing for a person to check); the same blank in OCR's
// text may be a handwritten day OCR dropped, and a garbled day is unread:
// both are for review.
func TestDraftBlankDateIsSure(t *testing.T) {
	tests := []struct {
		line string
		hint Hint
		sure bool
	}{
		{"Hà Tiên, ngày    tháng 4 năm 2026", Hint{}, true},
		{"Hà Tiên, ngày … tháng … năm 2026", Hint{FileName: "du-thao.docx"}, true},
		{"Hà Tiên, ngày    tháng 4 năm 2026", Hint{OCR: true}, false},
		{"Hà Tiên, ngày Oÿ_ tháng 02 năm 2024", Hint{}, false},
		{"Hà Tiên, ngày Oÿ_ tháng 02 năm 2024", Hint{OCR: true}, false},
	}
	for _, tt := range tests {
		r := Read(scanHeader(tt.line), tt.hint)
		if r.Date.Text != "" || r.Year == 0 {
			t.Errorf("%q: date %q year %d, want the year alone", tt.line, r.Date.Text, r.Year)
		}
		if sure := r.Date.Confidence >= 0.7; sure != tt.sure {
			t.Errorf("%q %+v: blank date's confidence %.2f, want sure=%v", tt.line, tt.hint, r.Date.Confidence, tt.sure)
		}
	}
	// a garbled text layer of a scanned PDF: its blanks are not sure either
	garbledPDF := "UY BAN NHAN DAN\nTINH HA TIEN\nS6: /KH-UBND\nceNG HoA xA HQI CHU NGHIA VIET NAM\n" +
		"Ha Tien, ngdy thdng 4 ndm 2026\nKE HOACH\nVd viQc tu sira dO bao mua 10 cria x6 vir phucrng trong tinh\n" +
		"Cdn c* Quyiit dinh s5 12/QD-UBND ngdy 14/02/2023 cira Uy ban nh6n d6n tinh vA viQc ph6 duyQt.\n"
	if r := Read(garbledPDF, Hint{FileName: "scan.pdf"}); r.Year != 2026 || r.Date.Confidence >= 0.7 {
		t.Errorf("garbled layer: year %d, blank date's confidence %.2f, want 2026 and below 0.7", r.Year, r.Date.Confidence)
	}
}

// TestScannedIssuerNoise: OCR's marks in the issuer column, words of the
// issuer glued together, a number whose digits cannot be read but whose
// codes can, and a subject written "Về việc" under it.
func TestScannedIssuerNoise(t *testing.T) {
	tail := "Kính gửi: Sở Văn hóa\nNội dung đề nghị như sau.\n"
	tests := []struct {
		name, text, issuer, typ, title string
	}{
		{"marks of the seal after the issuer",
			"HỘI NÔNG DÂN VIỆT NAM       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỘI NÔNG DÂN ¬-~ ` , l\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 41/HND-VP\nV/v tập huấn khuyến nông\n" + tail,
			"Hội Nông dân tỉnh Hà Tiên", "Công văn", "V/v tập huấn khuyến nông"},
		{"issuer words glued by OCR",
			"ỦY BANNHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 52/UBND-VX\nV/v tu bổ di tích\n" + tail,
			"Ủy ban nhân dân tỉnh Hà Tiên", "Công văn", "V/v tu bổ di tích"},
		{"a party committee glued, its unit under it, a number's digits unread",
			"_—_ TỈNHỦYHÀTIÊN .\nĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN\n*\nSố Í#3-CV/BDVTU\nHà Tiên, ngày 12 tháng 9 năm 2025\nVề việc cử cán bộ tham gia\nđoàn kiểm tra liên ngành\n" + tail,
			"Ban Dân vận", "Công văn", "Về việc cử cán bộ tham gia đoàn kiểm tra liên ngành"},
		{"a stamp's date OCR read under the issuer, the number under the stamp lost",
			"HỘI LUẬT GIA\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n\nHà Tiên, ngày 05 tháng 9 năm 2025\n\nHN # 95/4/2225\n" + tail,
			"Hội Luật gia tỉnh Hà Tiên", "", ""},
		{"a number's digits unread and its slash lost: the cell is no part of the issuer",
			"BỘ NÔNG NGHIỆP\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỔ CÔNG TÁC LIÊN NGÀNH\nĐộc lập - Tự do - Hạnh phúc\nSó:#6` KH-TCTLN-TL\nHà Nội, ngày-#tháng Qâ»ăm 2026\nKẾ HOẠCH\nKiểm tra đê điều mùa lũ\n" + tail,
			"Tổ công tác liên ngành", "Kế hoạch", "Kế hoạch kiểm tra đê điều mùa lũ"},
		{"a misread mark is not a glued word, nor an acronym",
			"UBMTTQ TỈNH HÀ TIÊN\nBAN TRUYÈN THÔNG\nSố: 8/MTTQ-TT\nV/v in tài liệu\n" + tail,
			"Ban Truyèn thông", "Công văn", "V/v in tài liệu"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{OCR: true})
		if foldWords(r.Issuer.Text) != foldWords(tt.issuer) || r.Type.Text != tt.typ || r.Title.Text != tt.title {
			t.Errorf("%s: issuer %q type %q title %q; want %q %q %q", tt.name, r.Issuer.Text, r.Type.Text, r.Title.Text, tt.issuer, tt.typ, tt.title)
		}
	}
	// the codes of a number whose digits are unread, or left blank, give
	// the type when no type line does
	for _, cell := range []string{"Số: 4š /KH-UBND", "Số:      /KH-UBND", "Só:#6` KH-UBND"} {
		r := Read("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"+cell+"\nAn Phú, ngày 3 tháng 2 năm 2025\n\nCăn cứ chỉ đạo của huyện, xã xây dựng nội dung như sau.\n", Hint{OCR: true})
		if r.Type.Text != "Kế hoạch" || r.Number.Text != "" {
			t.Errorf("%q: type %q number %q, want Kế hoạch and no number", cell, r.Type.Text, r.Number.Text)
		}
	}
	// a letter's number whose digits OCR made junk of and whose slash it
	// lost is no part of the issuer over it
	r0 := Read("LIÊN ĐOÀN LUẬT SƯ VIỆT NAM\nBAN THƯỜNG VỤ\nSố: S£ LĐLSVN-BTV\nV/v cho ý kiến về Đề án hợp nhất\nKính gửi: Đoàn Luật sư tỉnh Lâm Đồng\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 11 năm 2025\nBan Thường vụ nhận được Công văn.\n", Hint{OCR: true})
	if r0.Issuer.Text != "Ban Thường vụ Liên đoàn Luật sư Việt Nam" || r0.Number.Text != "" || r0.Type.Text != "Công văn" {
		t.Errorf("a junk number under the issuer: issuer %q number %q type %q", r0.Issuer.Text, r0.Number.Text, r0.Type.Text)
	}
	// marks OCR read beside the type word are no part of the title
	r1 := Read("THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1234/QĐ-TTg\nHà Nội, ngày 14 tháng 10 năm 2025\nQUYÉT ĐỊNH : :\nVề việc thành lập Tổ công tác\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Tổ chức Chính phủ;\n", Hint{OCR: true})
	if r1.Title.Text != "Quyết định về việc thành lập Tổ công tác" {
		t.Errorf("title %q, want Quyết định về việc thành lập Tổ công tác", r1.Title.Text)
	}
	// "Về việc" far from the number is not a công văn's subject
	r := Read("HỘI CỰU CHIẾN BINH\nXÃ AN PHÚ\nSố: 3/HCCB\n\nNội dung chung\n\nĐoạn một.\n\nĐoạn hai.\n\nVề việc tổ chức gặp mặt\n", Hint{})
	if r.Title.Text == "Về việc tổ chức gặp mặt" {
		t.Errorf("a far \"Về việc\" line taken as the subject: %q", r.Title.Text)
	}
}

func TestSplitSyllables(t *testing.T) {
	for w, want := range map[string]string{
		"BANNHÂN": "BAN NHÂN", "TỈNHỦYHÀTIÊN": "TỈNH ỦY HÀ TIÊN", "NHÂNDÂN": "NHÂN DÂN",
		"TRUYÈN": "TRUYÈN", "UBMTTQ": "UBMTTQ", "NGHIÊNG": "NGHIÊNG", "THƯỜNG": "THƯỜNG", "BCHQSTP": "BCHQSTP",
		"KARATE": "KARATE", "TỈNHLÂMĐÒNG": "TỈNH LÂM ĐÒNG",
	} {
		if got := strings.Join(splitSyllables(w), " "); got != want {
			t.Errorf("splitSyllables(%q) = %q, want %q", w, got, want)
		}
	}
	// a foreign word of a sport's federation, in capitals, is no words glued
	r := Read("UBND TỈNH ĐẮK NÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLIÊN ĐOÀN KARATE\nĐộc lập - Tự do - Hạnh phúc\nSố: 05/NQ-LĐKRT\nĐắk Nông, ngày 30 tháng 6 năm 2025\nNGHỊ QUYẾT\nVề việc tổ chức Đại hội\n", Hint{OCR: true})
	if r.Issuer.Text != "Liên đoàn Karate" {
		t.Errorf("issuer %q, want Liên đoàn Karate", r.Issuer.Text)
	}
}

// TestUnreadDayHintsTheSignature: when the day cannot be read, the reason
// names the date of the digital signature stamped on the scan, as a hint;
// the date stays empty.
func TestUnreadDayHintsTheSignature(t *testing.T) {
	for stamp, want := range map[string]string{
		"Ký bởi: Ủy ban nhân dân tỉnh Hà Tiên\nThời gian ký: 14/03/2024 09:12:40\n": "chữ ký số ngày 14/03/2024",
		"SAO Y; SỞ NỘI VỤ; Thời gian ký: 2024-03-14T09:12:40+07:00\n":               "chữ ký số ngày 14/03/2024",
		"": "",
	} {
		r := Read(scanHeader("Hà Tiên, ngày Íð tháng 3 năm 2024")+"Nơi nhận:\n- Lưu: VT.\n"+stamp, Hint{OCR: true})
		if r.Date.Text != "" || !strings.Contains(r.Why["date"], "chỉ có tháng 3 năm 2024") ||
			want != "" && !strings.Contains(r.Why["date"], want) || want == "" && strings.Contains(r.Why["date"], "chữ ký số") {
			t.Errorf("stamp %q: date %q why %q, want %q in it", stamp, r.Date.Text, r.Why["date"], want)
		}
	}
}

// A receipt stamp printed beside a scanned subject ("ĐẾN", "Số:", "Ngày:",
// "Chuyển:" in a box) leaves OCR's junk at the start of the subject's
// lines and a line of junk under it: the subject is read without them,
// and a word like "H5N1" in a subject is no junk. A "V/v" OCR misread is
// still one.
func TestStampBesideSubject(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: 3# /CT-UBND\nHà Tiên, ngày 4 tháng 6 năm 2026\n"
	tests := []struct{ name, text, title string }{
		{"the stamp beside the subject",
			head + "CHỈ THỊ\n[:TRUNG TÂM CÔNG BÁO | Về việc phòng chống hạn hán\nTT Q47: .KJø-3 ỏ trong mùa khô năm 2026\n" +
				"lrỗ : Ngày :12⁄5 K.Ô..T B7\nĐẾN | Chuyển: “rong thời gian qua, hạn hán kéo dài ở nhiều xã\n\nđã làm thiệt hại mùa màng.\n",
			"Chỉ thị về việc phòng chống hạn hán trong mùa khô năm 2026"},
		{"a virus's name in the subject",
			head + "CHỈ THỊ\n\nVề việc phòng chống dịch cúm H5N1 trên đàn gia cầm\n\nThời gian qua, dịch cúm đã xuất hiện.\n",
			"Chỉ thị về việc phòng chống dịch cúm H5N1 trên đàn gia cầm"},
		{"a V/v misread",
			strings.Replace(head, "/CT-UBND", "/UBND-KT", 1) + "\nƒ/% cử cán bộ tham gia\nđoàn kiểm tra liên ngành\n\nKính gửi: Sở Nội vụ.\n\nỦy ban nhân dân tỉnh cử cán bộ.\n",
			"V/v cử cán bộ tham gia đoàn kiểm tra liên ngành"},
	}
	for _, tt := range tests {
		if r := Read(tt.text, Hint{OCR: true}); r.Title.Text != tt.title {
			t.Errorf("%s: title\n %q, want\n %q", tt.name, r.Title.Text, tt.title)
		}
	}
}

// TestOCRVWSubject: OCR read the "v" of "V/v" as "w"; the line is still
// the subject of a công văn, which tells its type when the number, written
// by hand, was not read.
func TestOCRVWSubject(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN Độc lập - Tự do - Hạnh phúc\n\n" +
		"Số: 2@† /UBND-KT\nHà Tiên, ngày 09 tháng 5 năm 2025\nV/w triển khai các biện pháp\nphòng chống hạn mặn\n\n" +
		"Kính gửi: Các sở, ban, ngành\n\nỦy ban nhân dân tỉnh đề nghị các sở triển khai như sau.\n"
	r := Read(text, Hint{OCR: true})
	if r.Type.Text != "Công văn" || r.Title.Text != "V/v triển khai các biện pháp phòng chống hạn mặn" {
		t.Errorf("type %q title %q", r.Type.Text, r.Title.Text)
	}
}

// TestReceivedStampNotTypeLine: the stamp an office puts on what it
// receives ("CÔNG VĂN ĐẾN", the hour and day, who it goes to) is read by
// OCR among the header's lines; it is not the type line.
func TestReceivedStampNotTypeLine(t *testing.T) {
	for _, text := range []string{
		// stamped on the header's right: its word in the line of the columns
		"ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG VĂN ĐẾN\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
			"Giờ....... Ngày 12/5\nKính chuyển.......\nSố: 40/KH-UBND\nHà Tiên, ngày 10 tháng 5 năm 2025\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\n",
		// stamped above the header, under the receiving office's name
		"SỞ NỘI VỤ TỈNH HÀ TIÊN\nCÔNG VĂN ĐẾN\nGiờ....... Ngày 12/5\nỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN\n" +
			"Độc lập - Tự do - Hạnh phúc\nSố: 40/KH-UBND\nHà Tiên, ngày 10 tháng 5 năm 2025\nKẾ HOẠCH\n\nVề việc tu sửa đê bao mùa lũ\n\n",
	} {
		text += "Căn cứ Quyết định số 12/QĐ-UBND ngày 14/02/2023 của Ủy ban nhân dân tỉnh;\nNội dung kế hoạch như sau.\n"
		r := Read(text, Hint{OCR: true})
		if r.Type.Text != "Kế hoạch" || r.Title.Text != "Kế hoạch về việc tu sửa đê bao mùa lũ" || r.Number.Text != "40/KH-UBND" ||
			r.Issuer.Text != "Ủy ban nhân dân tỉnh Hà Tiên" {
			t.Errorf("type %q title %q number %q issuer %q", r.Type.Text, r.Title.Text, r.Number.Text, r.Issuer.Text)
		}
	}
}

// TestPortalStampOverTheSubject: a decision the government's portal
// received carries its stamp ("CỔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", then
// "ĐẾN" and the day) across the subject; OCR reads the stamp's words,
// misspelt, as a line of the subject. They are not the subject.
func TestPortalStampOverTheSubject(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\n" +
		"Số: 12/2025/QĐ-UBND\nHà Tiên, ngày 01 tháng 7 năm 2025\n"
	body := "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\nỦy ban nhân dân tỉnh ban hành Quyết định.\n"
	want := "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ tỉnh Hà Tiên"
	for _, c := range []struct{ name, text string }{
		{"stamp over the subject", head + "QUYÉT ĐỊNH\n\nCÔNG. THÔNG TÍN sa TỦ CHÍNH PHỦ\n\n_ Quy định chức năng, nhiệm vụ, ‹ quyền hạn và ˆ\ncơ cấu tổ chức của Sở Nội vụ tỉnh Hà Tiên\n\n" + body},
		{"stamp under the subject", head + "QUYẾT ĐỊNH\nQuy định chức năng, nhiệm vụ, quyền hạn và\ncơ cấu tổ chức của Sở Nội vụ tỉnh Hà Tiên\nGỒNG THÔNG TÍN BIỆN TỬ CHÍNH pH\nĐẾN noày.G21041.2021....\n" + body},
	} {
		if r := Read(c.text, Hint{OCR: true}); r.Title.Text != want {
			t.Errorf("%s: title\n %q, want\n %q", c.name, r.Title.Text, want)
		}
	}
}

// TestConsolidatedBlockWithAnUnreadNumber: a scanned consolidated text
// has no header of its own at the top, where the stamp of the office that
// received it ("VĂN PHÒNG CHÍNH PHỦ" over "CÔNG VĂN ĐẾN") stands; its
// number, written by hand in the closing block, is junk in OCR's text
// ("Số: đó /VBHN-BQP"). The block is the consolidated text's all the
// same: the consolidating ministry is the issuer, not the stamp's office,
// and the number is left unread.
func TestConsolidatedBlockWithAnUnreadNumber(t *testing.T) {
	text := "VĂN PHÒNG CHÍNH PHÙ_\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCÔNG VĂN ĐẾN\nĐộc lập - Tự do - Hạnh phúc\nGiờ....... Ngày Lý.series\nKính ì chuyển... 1101k........\n" +
		"THÔNG TƯ\nQuy định về chế độ trực sẵn sàng chiến đấu\n\nThông tư số 12/2020/TT-BQP ngày 10 tháng 3 năm 2020 của Bộ trưởng Bộ Quốc phòng, có hiệu lực kể từ ngày 1 tháng 5 năm 2020.\n\n" +
		"Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định chế độ trực.\n\nĐiều 2. Trách nhiệm thi hành\n\nCác cơ quan chịu trách nhiệm thi hành Thông tư này./.\n\n" +
		"BỘ QUỐC PHÒNG\nXÁC THỰC VĂN BẢN HỢP NHẤT\nSố: đó /VBHN-BQP\nHà Nội, ngày ØJ) tháng ,Š năm 2026\nKT, BỌ TRƯỞNG\nNơi nhận:\n- Các đ/c lãnh đạo BQP;\n" +
		"- Văn phòng Chính phủ;\nP\nÄ ° ^“\nThượng tướng Nguyễn Văn An\n- Lưu: VT, NCTH.\n"
	r := Read(text, Hint{OCR: true})
	if r.Issuer.Text != "Bộ Quốc phòng" || r.Type.Text != "Văn bản hợp nhất" || r.Number.Text != "" {
		t.Errorf("issuer %q type %q number %q, want Bộ Quốc phòng, Văn bản hợp nhất, none", r.Issuer.Text, r.Type.Text, r.Number.Text)
	}
}

// TestTypeWordMisreadByOCR: OCR read the first letter of "QUYẾT ĐỊNH" as
// a D ("DUYÉT ĐỊNH"); the line is still the type line, and the subject is
// under it.
func TestTypeWordMisreadByOCR(t *testing.T) {
	text := "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 07/2025/QĐ-TTg\nHà Nội, ngày 03 tháng 01 năm 2025\n" +
		": ,DUYÉT ĐỊNH\nBãi bỏ Quyết định số 78/2010/QĐ-TTg về mức giá trị hàng hóa\ngửi qua dịch vụ chuyển phát nhanh\n\n" +
		"Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nThủ tướng Chính phủ ban hành Quyết định.\n"
	r := Read(text, Hint{OCR: true})
	if r.Type.Text != "Quyết định" || r.Title.Text != "Quyết định bãi bỏ Quyết định số 78/2010/QĐ-TTg về mức giá trị hàng hóa gửi qua dịch vụ chuyển phát nhanh" {
		t.Errorf("type %q title %q", r.Type.Text, r.Title.Text)
	}
}

// TestLoneMarkInAnOCRSubject: a mark OCR read alone at the end of a
// subject's line (" :", what a stamp's edge left) does not end the
// subject, which goes on onto the next line.
func TestLoneMarkInAnOCRSubject(t *testing.T) {
	text := "UBND TỈNH HÀ TIÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ\nĐộc lập - Tự do - Hạnh phúc\nSố: 6ÉÉ/TB-SNV\nHà Tiên, ngày 14 tháng 12 năm 2025\n" +
		"THÔNG BÁO\nVề việc giới thiệu chức danh và chữ ký :\nPhó Giám đốc Sở Nội vụ tỉnh Hà Tiên\n" +
		"Căn cứ Quyết định số 2729/QĐ-UBND ngày 16 tháng 11 năm 2025 của Chủ tịch Ủy ban nhân dân tỉnh;\nSở Nội vụ thông báo chữ ký.\n"
	want := "Thông báo về việc giới thiệu chức danh và chữ ký Phó Giám đốc Sở Nội vụ tỉnh Hà Tiên"
	if r := Read(text, Hint{OCR: true}); r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
}

// TestYearMisreadBeforeTheSigningStamp: OCR read the year of a scan's
// date line one digit off ("năm 2016" for 2018); the time stamped by the
// digital signature of the office that published it, a day later in
// 2018, shows it. The year is read again as the stamp's when only that
// digit differs and the date then falls within two months before the
// stamp; a paper dated in late December and signed in January keeps its
// year.
func TestYearMisreadBeforeTheSigningStamp(t *testing.T) {
	text := func(dateLine, stamp string) string {
		return "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ TIÊN\nĐộc lập - Tự do - Hạnh phúc\nSố: đ@ /CT-UBND\n" + dateLine + "\n" +
			"CHỈ THỊ\nVề việc tăng cường quản lý đầu tư\n\nThời gian qua, các cấp, các ngành đã có nhiều cố gắng.\n\n" +
			"Trung tâm Công báo và Tin học\nttcb@hatien.gov.vn\n" + stamp + "\n\nCác sở, ngành thực hiện nghiêm Chỉ thị này./.\n\n" +
			"TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Tâm\n"
	}
	for _, c := range []struct{ name, dateLine, stamp, date string }{
		{"8 read as 6", "Hà Tiên, ngày 03 tháng 4 năm 2016", "04.04.2018 14:21:14 +07:00", "2018-04-03"},
		{"signed in the next year", "Hà Tiên, ngày 28 tháng 12 năm 2025", "02.01.2026 09:10:00 +07:00", "2025-12-28"},
		{"two digits off", "Hà Tiên, ngày 03 tháng 4 năm 2016", "04.04.2029 14:21:14 +07:00", "2016-04-03"},
		{"stamp long after", "Hà Tiên, ngày 03 tháng 4 năm 2016", "04.09.2018 14:21:14 +07:00", "2016-04-03"},
	} {
		r := Read(text(c.dateLine, c.stamp), Hint{OCR: true})
		if r.Date.Text != c.date || r.Year != atoi(c.date[:4]) {
			t.Errorf("%s: date %q year %d, want %q", c.name, r.Date.Text, r.Year, c.date)
		}
		if changed := c.date[:4] != c.dateLine[len(c.dateLine)-4:]; changed != strings.Contains(r.Why["date"], "dấu thời gian ký số") || changed && r.Date.Confidence >= 0.7 {
			t.Errorf("%s: why %q confidence %.2f, want the stamp named and the date for review when it changed", c.name, r.Why["date"], r.Date.Confidence)
		}
	}
}
