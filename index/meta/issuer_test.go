package meta

import (
	"strings"
	"testing"
)

func TestOrgCase(t *testing.T) {
	tests := map[string]string{
		"HUYỆN ỦY CHỢ MỚI":                          "Huyện ủy Chợ Mới",
		"HUYỆN UỶ CHỢ MỚI":                          "Huyện ủy Chợ Mới",
		"ĐẢNG ỦY XÃ KIẾN AN":                        "Đảng ủy xã Kiến An",
		"ĐẢNG BỘ TỈNH AN GIANG":                     "Đảng bộ tỉnh An Giang",
		"UBND XÃ LONG ĐIỀN B":                       "UBND xã Long Điền B",
		"ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI":             "Ủy ban nhân dân huyện Chợ Mới",
		"UỶ BAN NHÂN DÂN XÃ HOÀ BÌNH":               "Ủy ban nhân dân xã Hòa Bình",
		"ỦY BAN MTTQ VIỆT NAM XÃ PHÚ LÂM":           "Ủy ban MTTQ Việt Nam xã Phú Lâm",
		"BAN DÂN VẬN":                               "Ban Dân vận",
		"PHÒNG VĂN HÓA VÀ THÔNG TIN":                "Phòng Văn hóa và Thông tin",
		"PHÒNG TÀI CHÍNH - KẾ HOẠCH":                "Phòng Tài chính - Kế hoạch",
		"PHÒNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": "Phòng Nông nghiệp và Phát triển nông thôn",
		"BAN THƯỜNG VỤ HUYỆN ỦY CHỢ MỚI":            "Ban Thường vụ Huyện ủy Chợ Mới",
		"UBND THỊ TRẤN MỸ LUÔNG":                    "UBND thị trấn Mỹ Luông",
		"Ban Thường vụ Huyện ủy Chợ Mới":            "Ban Thường vụ Huyện ủy Chợ Mới",
		"ỦY BAN NHÂN DÂN THÀNH PHỐ LONG XUYÊN":      "Ủy ban nhân dân thành phố Long Xuyên",
		"PHÒNG KSTTHC":                              "Phòng KSTTHC",
		// a province's name without "tỉnh" before it
		"CÔNG TY CỔ PHẦN CẤP NƯỚC AN GIANG": "Công ty cổ phần cấp nước An Giang",
		"CÔNG TY ĐIỆN LỰC QUẢNG NGÃI":       "Công ty điện lực Quảng Ngãi",
		"HỘI NGHỀ CÁ BÌNH THUẬN":            "Hội Nghề cá Bình Thuận",
		"PHÒNG NC&KSTTHC":                   "Phòng NC&KSTTHC",
		"PHÒNG ĐT&QHXD":                     "Phòng ĐT&QHXD",
		"HỘI LÀM VƯỜN & TRANG TRẠI":         "Hội Làm vườn & trang trại",
		"TỔ ĐÁNH GIÁ CHỈ SỐ CCHC":           "Tổ đánh giá chỉ số CCHC",
		"SỞ TRUYỀN THÔNG":                   "Sở Truyền thông",
		"TRUNG TAM VIEN THONG":              "Trung tam Vien thong",
		// fields joined by a comma; a joint deep in a subject is not one
		"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH": "Sở Văn hóa, Thể thao và Du lịch",
		"BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ VÀ ĐỀ ÁN 06": "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và đề án 06",
		// "Hội đồng" is one kind; "số" is not "sở"
		"HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG":                              "Hội đồng nhân dân tỉnh Lâm Đồng",
		"HỘI ĐỒNG THẨM ĐỊNH, ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH TỈNH": "Hội đồng thẩm định, đánh giá chỉ số cải cách hành chính tỉnh",
		"HỘI NÔNG DÂN TỈNH AN GIANG":                                   "Hội Nông dân tỉnh An Giang",
		"BỘ GIÁO DỤC VÀ ĐÀO TẠO":                                       "Bộ Giáo dục và Đào tạo",
		// an acronym before a comma keeps its capitals
		"BAN CHỈ ĐẠO VỀ PHÁT TRIỂN KHCN, ĐMST, CĐS VÀ ĐỀ ÁN 06": "Ban Chỉ đạo về phát triển KHCN, ĐMST, CĐS và đề án 06",
		// the state's bodies as the laws write them; "xã hội" is no commune
		"BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI":                            "Bộ Lao động - Thương binh và Xã hội",
		"BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI":                              "Bộ Lao động-Thương binh và Xã hội",
		"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LÂM ĐỒNG":              "Sở Lao động - Thương binh và Xã hội tỉnh Lâm Đồng",
		"BẢO HIỂM XÃ HỘI TỈNH LÂM ĐỒNG":                                  "Bảo hiểm xã hội tỉnh Lâm Đồng",
		"NGÂN HÀNG CHÍNH SÁCH XÃ HỘI":                                    "Ngân hàng Chính sách xã hội",
		"ỦY BAN NHÂN DÂN XÃ HỘI AN":                                      "Ủy ban nhân dân xã Hội An",
		"THỦ TƯỚNG CHÍNH PHỦ":                                            "Thủ tướng Chính phủ",
		"THANH TRA CHÍNH PHỦ":                                            "Thanh tra Chính phủ",
		"ỦY BAN THƯỜNG VỤ QUỐC HỘI":                                      "Ủy ban Thường vụ Quốc hội",
		"NGÂN HÀNG NHÀ NƯỚC VIỆT NAM":                                    "Ngân hàng Nhà nước Việt Nam",
		"TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM":                               "Tổng Liên đoàn Lao động Việt Nam",
		"HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM":                                  "Hội Liên hiệp Phụ nữ Việt Nam",
		"ĐẢNG CỘNG SẢN VIỆT NAM":                                         "Đảng Cộng sản Việt Nam",
		"BỘ CÔNG THƯƠNG":                                                 "Bộ Công Thương",
		"BỘ CHỈ HUY QUÂN SỰ TỈNH LÂM ĐỒNG":                               "Bộ Chỉ huy Quân sự tỉnh Lâm Đồng",
		"HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO":                     "Hội đồng Thẩm phán Tòa án nhân dân tối cao",
		"BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH LÂM ĐỒNG": "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng",
		"VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH":                                 "Văn phòng Ủy ban nhân dân tỉnh",
		"BỘ TRƯỞNG BỘ TÀI CHÍNH":                                         "Bộ trưởng Bộ Tài chính",
		"UBND TỈNH BÀ RỊA-VŨNG TÀU":                                      "UBND tỉnh Bà Rịa-Vũng Tàu",
		// a school's and a company's own names
		"TRƯỜNG TRUNG HỌC CƠ SỞ KIẾN AN":     "Trường trung học cơ sở Kiến An",
		"TRƯỜNG THCS KIẾN AN":                "Trường THCS Kiến An",
		"TRƯỜNG MẦM NON HOA SEN":             "Trường mầm non Hoa Sen",
		"CÔNG TY TNHH TM DV PHÚ TÂN":         "Công ty TNHH TM DV Phú Tân",
		"CÔNG TY TNHH THƯƠNG MẠI PHÚ TÂN":    "Công ty TNHH thương mại Phú Tân",
		"CÔNG TY TNHH MTV XÂY DỰNG HÒA BÌNH": "Công ty TNHH MTV xây dựng Hòa Bình",
		// a region
		"TRUNG TÂM ĐIỀU ĐỘ HỆ THỐNG ĐIỆN MIỀN NAM": "Trung tâm Điều độ hệ thống điện miền Nam",
	}
	for in, want := range tests {
		if got := orgCase(in); got != want {
			t.Errorf("orgCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// A body whose name ends with the country's wraps it onto a line of its
// own ("NGÂN HÀNG NHÀ NƯỚC" over "VIỆT NAM"): the two words are the end
// of its name, not the start of the old national header.
func TestIssuerWrapsVietNam(t *testing.T) {
	for head, want := range map[string]string{
		"NGÂN HÀNG NHÀ NƯỚC\nVIỆT NAM\nSố: 07/2006/TT-NHNN":            "Ngân hàng Nhà nước Việt Nam",
		"TỔNG LIÊN ĐOÀN LAO ĐỘNG\nVIỆT NAM\nSố: 12/TB-TLĐ":             "Tổng Liên đoàn Lao động Việt Nam",
		"UBND HUYỆN AN PHÚ\nSố: 12/TB-UBND\nVIỆT NAM DÂN CHỦ CỘNG HÒA": "UBND huyện An Phú",
	} {
		text := head + "\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 20 tháng 02 năm 2006\n\nTHÔNG BÁO\n\nVề góp vốn\n\nNội dung.\n"
		if got := Read(text, Hint{}).Issuer.Text; got != want {
			t.Errorf("%q: issuer %q, want %q", head, got, want)
		}
	}
	// the group's name wraps round the national header, and its province's
	// unit stands under it: "VIỆT NAM" alone after the whole national
	// header ends the group's name
	for _, unit := range []string{"VIỄN THÔNG ĐỒNG THÁP", "VIÊN THÔNG ĐỒNG THÁP"} { // as typed, and as OCR reads it
		text := "TẬP ĐOÀN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nBƯU CHÍNH VIỄN THÔNG\nĐộc lập - Tự do - Hạnh phúc\n\nVIỆT NAM\n" + unit + "\n\n" +
			"Số: 1520/VNPT-ĐTP-KHKD\nĐồng Tháp, ngày 3 tháng 3 năm 2026\nV/v cung cấp dịch vụ hội nghị truyền hình\nKính gửi: Sở Nội vụ\n\nNội dung.\n"
		r := Read(text, Hint{OCR: true})
		if foldWords(r.Issuer.Text) != "vien thong dong thap" || foldWords(r.SuperiorIssuer.Text) != "tap doan buu chinh vien thong viet nam" {
			t.Errorf("%s: issuer %q under %q, want Viễn thông Đồng Tháp under Tập đoàn Bưu chính Viễn thông Việt Nam", unit, r.Issuer.Text, r.SuperiorIssuer.Text)
		}
	}
}

// TestFilingCodeInTheIssuerColumn: a code alone on a line under the
// issuer's name ("KB12", an office's filing mark) is no part of the name.
func TestFilingCodeInTheIssuerColumn(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nHUYỆN CHỢ MỚI\tĐộc lập - Tự do - Hạnh phúc\n\nKB12\n\n" +
		"Số: 45/QĐ-UBND\tChợ Mới, ngày 01 tháng 7 năm 2026\n\nQUYẾT ĐỊNH\n\nVề việc ban hành Kế hoạch cải cách hành chính năm 2026\n\n" +
		"ỦY BAN NHÂN DÂN HUYỆN CHỢ MỚI\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
	if r := Read(text, Hint{}); r.Issuer.Text != "Ủy ban nhân dân huyện Chợ Mới" || r.Number.Text != "45/QĐ-UBND" {
		t.Errorf("issuer %q number %q", r.Issuer.Text, r.Number.Text)
	}
}

// A form's header: the office's name wraps after its unit ("VĂN PHÒNG UBND
// TỈNH" over "BÌNH THUẬN"), and a department left blank ("PHÒNG ………..")
// leaves the office the issuer.
func TestFormHeaderIssuer(t *testing.T) {
	form := func(dept string) string {
		return "VĂN PHÒNG UBND TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHÀ TIÊN\tĐộc lập - Tự do - Hạnh phúc\n" + dept +
			"\nHà Tiên, ngày    tháng    năm 202\nPHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\nKính gửi:\n- Lãnh đạo UBND tỉnh.\n1. Vấn đề trình: Nêu tóm tắt nội dung trình.\n"
	}
	tests := []struct{ dept, issuer, superior string }{
		{"PHÒNG ………..", "Văn phòng UBND tỉnh Hà Tiên", ""},
		{"PHÒNG NCKSTTHC", "Phòng NCKSTTHC", "Văn phòng UBND tỉnh Hà Tiên"},
	}
	for _, tt := range tests {
		r := Read(form(tt.dept), Hint{})
		if r.Issuer.Text != tt.issuer || r.SuperiorIssuer.Text != tt.superior {
			t.Errorf("%q: issuer %q under %q, want %q under %q", tt.dept, r.Issuer.Text, r.SuperiorIssuer.Text, tt.issuer, tt.superior)
		}
	}
	// a body under a body in a province left unnamed is no wrapped name
	r := Read("HỘI KHUYẾN HỌC TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỘI ĐÒNG QL QUỸ KHUYẾN HỌC\tĐộc lập - Tự do - Hạnh phúc\n"+
		"Hà Tiên, ngày 18 tháng 02 năm 2025\nĐƠN ĐỀ NGHỊ\nSửa đổi Điều lệ Quỹ\nKính gửi: Ủy ban nhân dân tỉnh\n", Hint{OCR: true})
	if !strings.HasPrefix(r.Issuer.Text, "Hội Đồng") && !strings.HasPrefix(r.Issuer.Text, "Hội đồng") {
		t.Errorf("the fund's council: issuer %q", r.Issuer.Text)
	}
}
