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
// with no header and no type word, has its heading in capitals (wrapped
// onto a line that goes on with "CỦA"), then a note of what it is
// attached to in parentheses over two lines, then its sections. The
// heading is the title: not the note (longer), nor a line of the form
// below its first section.
func TestFormHeadingOverAnAttachmentNote(t *testing.T) {
	for _, c := range []struct{ name, text, title string }{
		{"a heading over two lines", "M-03-LLCB\n\nLÝ LỊCH CÁN BỘ\n\nCỦA NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ\n\n" +
			"(Kèm theo Hướng dẫn số 12/HD-UBBC ngày 05/01/2026\n\ncủa Ủy ban bầu cử xã Tân Lập)\n\n" +
			"A. Thông tin chung về người ứng cử\n\n1. Họ và tên:\n\n2. Ngày sinh:\n",
			"LÝ LỊCH CÁN BỘ CỦA NGƯỜI ỨNG CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN XÃ"},
		{"a heading on one line", "B2-TMDA\n\nTHUYẾT MINH DỰ ÁN TRỒNG RỪNG PHÒNG HỘ\n\n" +
			"(Kèm theo Quyết định số 88/QĐ-UBND ngày 20/4/2026\n\ncủa Ủy ban nhân dân huyện Chợ Mới)\n\n" +
			"I. THÔNG TIN CHUNG VỀ DỰ ÁN\n\nTên dự án:\n\nThuộc chương trình mục tiêu của tỉnh (nếu là dự án thuộc chương trình):\n\n" +
			"Thời gian thực hiện: .... tháng\n",
			"THUYẾT MINH DỰ ÁN TRỒNG RỪNG PHÒNG HỘ"},
	} {
		if r := Read(c.text, Hint{FileName: "x.doc"}); r.Title.Text != c.title {
			t.Errorf("%s: title %q, want %q", c.name, r.Title.Text, c.title)
		}
	}
}
