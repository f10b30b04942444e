package meta

import "testing"

// The fixtures below are written for these tests in the shapes of papers
// that have no header of their own or only part of one: a list, an annex
// issued with a decision, an explanation, a form with a header; names and
// numbers are made up.

func TestPapersNamedByAHeading(t *testing.T) {
	for _, c := range []struct {
		name, text, typ, title, issuer, date string
		year                                 int
	}{
		{"a list alone", "DANH SÁCH\n\nCÁN BỘ THAM GIA TỔ CÔNG TÁC BẦU CỬ THÔN ĐỒNG TÂM\n\nSTT\n\nHọ và tên\n\nChức vụ\n\n1\n\nNguyễn Văn Bình\n\nTổ trưởng\n",
			"Danh sách", "Danh sách CÁN BỘ THAM GIA TỔ CÔNG TÁC BẦU CỬ THÔN ĐỒNG TÂM", "", "", 0},
		{"an annex issued with a decision", "PHỤ LỤC\n\nDANH MỤC CÔNG TRÌNH SỬA CHỮA NĂM 2026\n\n(Kèm theo Quyết định số 125/QĐ-UBND ngày 12/3/2026 của UBND xã Tân Lập)\n\n" +
			"STT\n\nTên công trình\n\n1\n\nĐường thôn Đông\n", "Phụ lục", "Phụ lục DANH MỤC CÔNG TRÌNH SỬA CHỮA NĂM 2026", "", "2026-03-12", 2026},
		{"an explanation", "BẢN GIẢI TRÌNH\n\nTiếp thu ý kiến góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân xã\n\n" +
			"Ngày 05/3/2026, Văn phòng nhận được ý kiến của các thôn. Sau khi tổng hợp, xin giải trình như sau:\n\n1. Về Điều 3: tiếp thu.\n",
			"Giải trình", "Giải trình tiếp thu ý kiến góp ý dự thảo Quy chế làm việc của Ủy ban nhân dân xã", "", "", 0},
		{"a form with its header", "Mẫu số 05/BCĐ-MT\n\nỦY BAN MTTQ VIỆT NAM\n\nXÃ TÂN LẬP\n\nBAN THƯỜNG TRỰC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n" +
			"Độc lập – Tự do – Hạnh phúc\n\nTân Lập, ngày 02 tháng 02 năm 2026\n\nDANH SÁCH\n\nNHỮNG NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ\n\n" +
			"TÂN LẬP KHÓA II, NHIỆM KỲ 2026 – 2031\n\nSTT\n\nHọ và tên\n\n1\n\nHà Văn Ba\n",
			"Danh sách", "Danh sách NHỮNG NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ TÂN LẬP KHÓA II, NHIỆM KỲ 2026 - 2031",
			"Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Lập", "2026-02-02", 2026},
		{"an outline sent with a plan, its heading over two lines",
			"ĐỀ CƯƠNG BÁO CÁO\n\nSơ kết công tác phòng, chống thiên tai giai đoạn 2021 - 2025\n\nvà phương hướng đến năm 2030\n\n" +
				"(Kèm theo Kế hoạch số /KH-UBND ngày /10/2026 của Ủy ban nhân dân xã Tân Lập)\n\nPhần thứ nhất\n\nKẾT QUẢ THỰC HIỆN\n\n1. Tình hình chung\n",
			"Đề cương", "Đề cương báo cáo sơ kết công tác phòng, chống thiên tai giai đoạn 2021 - 2025 và phương hướng đến năm 2030", "", "", 2026},
		{"a propaganda outline of a party committee", "ĐẢNG BỘ TỈNH HÀ NAM\nBAN TUYÊN GIÁO TỈNH ỦY\n*\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n" +
			"Hà Nam, ngày 10 tháng 01 năm 2026\n\nĐỀ CƯƠNG TUYÊN TRUYỀN\n\nKỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)\n\n" +
			"Phần thứ nhất\n\nĐẢNG CỘNG SẢN VIỆT NAM RA ĐỜI\n",
			"Đề cương", "Đề cương tuyên truyền kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026)",
			"Ban Tuyên giáo Tỉnh ủy", "2026-01-10", 2026},
	} {
		r := Read(c.text, Hint{FileName: "x.docx"})
		if r.Article || r.Type.Text != c.typ || r.Title.Text != c.title || r.Issuer.Text != c.issuer || r.Date.Text != c.date || r.Year != c.year {
			t.Errorf("%s: article %v type %q title %q issuer %q date %q year %d;\nwant type %q title %q issuer %q date %q year %d",
				c.name, r.Article, r.Type.Text, r.Title.Text, r.Issuer.Text, r.Date.Text, r.Year, c.typ, c.title, c.issuer, c.date, c.year)
		}
	}
}

func TestLetterWithAListStaysALetter(t *testing.T) {
	text := "UBND XÃ TÂN LẬP\n\nSố: 45/UBND-VP\n\nV/v cử cán bộ dự tập huấn\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"Tân Lập, ngày 10 tháng 3 năm 2026\n\nKính gửi: Phòng Văn hóa - Xã hội\n\nỦy ban nhân dân xã cử các cán bộ có tên sau dự tập huấn:\n\n" +
		"DANH SÁCH\n\n1. Nguyễn Văn Bình\n\n2. Lê Thị Hoa\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nTrần Văn Nam\n"
	r := Read(text, Hint{})
	if r.Type.Text != "Công văn" || r.Title.Text != "V/v cử cán bộ dự tập huấn" {
		t.Errorf("type %q title %q, want a letter", r.Type.Text, r.Title.Text)
	}
}

// TestFormHeadingOverAnAttachmentNote: a form issued with a decision,
// with no header, has its heading in capitals (wrapped onto a line that
// goes on with "CỦA"), then a note of what it is attached to in
// parentheses over two lines, then its sections. The heading names the
// form's kind ("LÝ LỊCH", "THUYẾT MINH") and is the title: not the note
// (longer), nor a line of the form below its first section.
func TestFormHeadingOverAnAttachmentNote(t *testing.T) {
	for _, c := range []struct{ name, text, typ, title string }{
		{"a heading over two lines", "M-03-LLCB\n\nLÝ LỊCH CÁN BỘ\n\nCỦA NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ\n\n" +
			"(Kèm theo Hướng dẫn số 12/HD-UBBC ngày 05/01/2026\n\ncủa Ủy ban bầu cử xã Tân Lập)\n\n" +
			"A. Thông tin chung về người ứng cử\n\n1. Họ và tên:\n\n2. Ngày sinh:\n",
			"Lý lịch", "Lý lịch cán bộ CỦA NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ"},
		{"a heading on one line", "B2-TMDA\n\nTHUYẾT MINH DỰ ÁN TRỒNG RỪNG PHÒNG HỘ\n\n" +
			"(Kèm theo Quyết định số 88/QĐ-UBND ngày 20/4/2026\n\ncủa Ủy ban nhân dân huyện Chợ Mới)\n\n" +
			"I. THÔNG TIN CHUNG VỀ DỰ ÁN\n\nTên dự án:\n\nThuộc chương trình mục tiêu của tỉnh (nếu là dự án thuộc chương trình):\n\n" +
			"Thời gian thực hiện: .... tháng\n",
			"Thuyết minh", "Thuyết minh dự án trồng rừng phòng hộ"},
		{"an explanation sent with a draft, its heading long", "THUYẾT MINH NỘI DUNG DỰ THẢO THÔNG TƯ THAY THẾ THÔNG TƯ SỐ 15/2019/TT-BTC\n\n" +
			"(Kèm theo công văn số /BTC-CST ngày /02/2026 của Bộ Tài chính)\n\n" +
			"Ngày 12/01/2026, Bộ Tư pháp có công văn đề nghị sửa đổi mức phí. Bộ Tài chính xin thuyết minh như sau:\n\nI. SỰ CẦN THIẾT\n",
			"Thuyết minh", "Thuyết minh NỘI DUNG DỰ THẢO THÔNG TƯ THAY THẾ THÔNG TƯ SỐ 15/2019/TT-BTC"},
	} {
		if r := Read(c.text, Hint{FileName: "x.doc"}); r.Type.Text != c.typ || r.Title.Text != c.title {
			t.Errorf("%s: type %q title %q, want %q %q", c.name, r.Type.Text, r.Title.Text, c.typ, c.title)
		}
	}
}

// TestPaperWithoutATypeWord: a text with no header, no type word and
// nothing of an article (no source tag, no headline of a web page, no
// lead telling who did what on which day) is of no known type, not
// "Bài viết": a register, a table, notes. A news text whose lead says who
// did what on which day stays an article without a source tag.
func TestPaperWithoutATypeWord(t *testing.T) {
	register := "SỔ THEO DÕI ĐOÀN VIÊN\n\nCHI ĐOÀN THÔN ĐÔNG, XÃ TÂN LẬP\n\nSTT\n\nHọ và tên\n\nNăm sinh\n\nNgày vào Đoàn\n\n" +
		"1\n\nNguyễn Văn Bình\n\n2001\n\n26/3/2016\n\n2\n\nLê Thị Hoa\n\n2003\n\n26/3/2018\n"
	news := "Tân Lập tổ chức Ngày hội Đại đoàn kết toàn dân tộc\n\nNgày 15/11/2026, Ủy ban MTTQ Việt Nam xã Tân Lập tổ chức " +
		"Ngày hội Đại đoàn kết toàn dân tộc tại khu dân cư thôn Đông. Tới dự có lãnh đạo Đảng ủy, HĐND, UBND xã và đông đảo nhân dân.\n"
	for _, c := range []struct{ name, text, typ string }{
		{"a register", register, ""},
		{"news without a source tag", news, articleType},
	} {
		r := Read(c.text, Hint{FileName: "x.docx"})
		if r.Type.Text != c.typ || r.Title.Text == "" {
			t.Errorf("%s: type %q (title %q), want %q", c.name, r.Type.Text, r.Title.Text, c.typ)
		}
	}
}

// TestTypeLineOpensWithNoiDung: "NỘI DUNG THAM LUẬN" (the text of a
// contribution) names a Tham luận, as "BẢN QUY ĐỊNH" names a Quy định.
func TestTypeLineOpensWithNoiDung(t *testing.T) {
	text := "NỘI DUNG THAM LUẬN\n\nNâng cao hiệu quả công tác dân vận ở khu dân cư\n\nKính thưa các đồng chí lãnh đạo!\n\n" +
		"Thời gian qua, Ủy ban MTTQ xã đã phối hợp với các đoàn thể vận động nhân dân.\n"
	r := Read(text, Hint{FileName: "x.doc"})
	if r.Type.Text != "Tham luận" || r.Title.Text != "Tham luận nâng cao hiệu quả công tác dân vận ở khu dân cư" {
		t.Errorf("type %q title %q", r.Type.Text, r.Title.Text)
	}
}

// TestProgrammeSubjectStopsAtTheMeetingsDetails: a programme's subject
// under its type line is followed by its time, place and chair, each on
// a labelled line: they are no part of the title.
func TestProgrammeSubjectStopsAtTheMeetingsDetails(t *testing.T) {
	text := "CHƯƠNG TRÌNH HỘI NGHỊ\n\nSơ kết công tác Mặt trận 6 tháng đầu năm 2026,\n\ntriển khai nhiệm vụ 6 tháng cuối năm\n\n" +
		"Thời gian: 08h00, ngày 10/7/2026\n\nĐịa điểm: Hội trường Ủy ban nhân dân xã Tân Lập\n\nChủ trì: Đồng chí Chủ tịch Ủy ban MTTQ xã\n\n" +
		"STT\n\nNội dung\n\nThời gian\n\n1\n\nTuyên bố lý do\n"
	r := Read(text, Hint{FileName: "x.docx"})
	want := "Chương trình HỘI NGHỊ sơ kết công tác Mặt trận 6 tháng đầu năm 2026, triển khai nhiệm vụ 6 tháng cuối năm"
	if r.Type.Text != "Chương trình" || r.Title.Text != want {
		t.Errorf("type %q title %q, want %q", r.Type.Text, r.Title.Text, want)
	}
}

// TestPartyMembersSelfAssessment: a party member's yearly self-assessment,
// on the party's form: the cell's header, "BẢN TỰ KIỂM ĐIỂM" over what it
// assesses, the member's name and post as form fields, the member's own
// signature under "NGƯỜI TỰ KIỂM ĐIỂM", then blanks for the cell and the
// committee. Names are made up.
func TestPartyMembersSelfAssessment(t *testing.T) {
	text := "ĐẢNG BỘ CƠ QUAN UBND\tĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN TÂN LẬP\t-------------------------------\nCHI BỘ TƯ PHÁP\n" +
		"Tân Lập, ngày 29 tháng 11 năm 2025\nBẢN TỰ KIỂM ĐIỂM\nĐÁNH GIÁ CHẤT LƯỢNG ĐẢNG VIÊN\nHỌ VÀ TÊN: TRẦN VĂN BÌNH\n" +
		"Chức vụ hiện nay: Phó Trưởng phòng Tư pháp huyện Tân Lập\nLà đảng viên chi bộ Tư pháp, thuộc Đảng bộ cơ quan UBND huyện Tân Lập\n" +
		"1. Tự kiểm điểm :\n- Về tư tưởng chính trị.\nBản thân luôn học tập nâng cao nhận thức.\n" +
		"2. Biện pháp khắc phục khuyết điểm:\n- Tăng cường học tập.\n3. Tự nhận loại: Đảng viên hoàn thành tốt nhiệm vụ\n" +
		"NGƯỜI TỰ KIỂM ĐIỂM\nTRẦN VĂN BÌNH\n4- Kết quả bỏ phiếu xếp loại của chi bộ\n..........................\n" +
		"5- Ý kiến nhận xét và xếp loại của cấp uỷ cơ sở\n..........................\nT/M CẤP UỶ CƠ SỞ\n( ký tên, đóng dấu)\nMẫu 01-ĐGCL\n"
	r := Read(text, Hint{FileName: "x.doc"})
	if r.Type.Text != "Bản kiểm điểm" || r.Title.Text != "Bản kiểm điểm ĐÁNH GIÁ CHẤT LƯỢNG ĐẢNG VIÊN" || r.Issuer.Text != "Chi bộ Tư pháp" ||
		r.Date.Text != "2025-11-29" || r.Signer.Text != "Trần Văn Bình" {
		t.Errorf("type %q title %q issuer %q date %q signer %q", r.Type.Text, r.Title.Text, r.Issuer.Text, r.Date.Text, r.Signer.Text)
	}
}

// TestPetitionSignedByItsMaker: a petition has the national header only,
// its type line ("ĐƠN ĐỀ NGHỊ"), and the maker's signature under "NGƯỜI
// LÀM ĐƠN". OCR may leave a speck of a mark glued before the type word
// ("Ä. ĐƠN ĐỀ NGHỊ"): the line is the type line still. Names made up.
func TestPetitionSignedByItsMaker(t *testing.T) {
	for _, typeLine := range []string{"ĐƠN ĐỀ NGHỊ", "Ä. ĐƠN ĐỀ NGHỊ"} {
		text := "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n" + typeLine + "\nV/v xin hỗ trợ kinh phí sửa nhà\n\n" +
			"Kính gửi: Ủy ban nhân dân xã Tân Lập\n\nTôi tên là: Nguyễn Văn An\nTôi làm đơn này đề nghị.\n\n" +
			"Tân Lập, ngày 05 tháng 3 năm 2025\nNGƯỜI LÀM ĐƠN\n\nNguyễn Văn An\n"
		r := Read(text, Hint{OCR: true})
		if r.Type.Text != "Đơn" || r.Date.Text != "2025-03-05" || r.Signer.Text != "Nguyễn Văn An" {
			t.Errorf("%q: type %q date %q signer %q", typeLine, r.Type.Text, r.Date.Text, r.Signer.Text)
		}
	}
}
