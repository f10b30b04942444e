package meta

import (
	"strings"
	"testing"
)

// The fixtures below are written for these tests in the shapes real
// documents take once their text is extracted: header parts run together
// on one line (PDF), or each on its own line; names and numbers are made up.

// gluedPDF runs the two header columns and the type line together, the way
// a PDF's text often comes out.
const gluedPDF = `UBND TỈNH AN GIANG SỞ TƯ PHÁP Số: 412/TTr-STP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập - Tự do - Hạnh phúc An Giang, ngày 09 tháng 10 năm 2024

TỜ TRÌNH Về việc công nhận Ban vận động thành lập Hội Luật gia xã Mỹ Hòa Hưng Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ngày 02/9/2024, Sở Tư pháp nhận được Công văn số 15/CV-BVĐ ngày 28/8/2024 của Ban vận động.

Kính trình Chủ tịch Ủy ban nhân dân tỉnh xem xét, quyết định./.

Nơi nhận:

- Như trên;

- Lưu: VT.

KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC Trần Minh Khoa
`

// apartPDF has the same header with its parts on separate lines.
const apartPDF = `UBND TỈNH AN GIANG
SỞ TƯ PHÁP
Số: 412/TTr-STP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Giang, ngày 09 tháng 10 năm 2024
TỜ TRÌNH
Về việc công nhận Ban vận động thành lập Hội Luật gia xã Mỹ Hòa Hưng
Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh
Ngày 02/9/2024, Sở Tư pháp nhận được Công văn số 15/CV-BVĐ ngày 28/8/2024 của Ban vận động.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Trần Minh Khoa
`

func TestGluedAndApartHeaders(t *testing.T) {
	for name, text := range map[string]string{"glued": gluedPDF, "apart": apartPDF} {
		r := Read(text, Hint{})
		got := []string{r.Number.Text, r.Type.Text, r.Issuer.Text, r.SuperiorIssuer.Text, r.Date.Text, r.Title.Text, r.Signer.Text}
		want := []string{"412/TTr-STP", "Tờ trình", "Sở Tư pháp", "UBND tỉnh An Giang", "2024-10-09",
			"Tờ trình về việc công nhận Ban vận động thành lập Hội Luật gia xã Mỹ Hòa Hưng", "Trần Minh Khoa"}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: field %d = %q, want %q", name, i, got[i], want[i])
			}
		}
	}
}

func TestHeaderShapes(t *testing.T) {
	tests := []struct {
		name, text                       string
		number, typ, issuer, date, title string
		year                             int
	}{
		{name: "sub-body joined to its organisation",
			text:   "ỦY BAN MTTQ VIỆT NAM\nXÃ PHÚ AN\nBAN THƯỜNG TRỰC\nSố: 07/TB-MTTQ-BTT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nPhú An, ngày 2 tháng 3 năm 2026\n\nTHÔNG BÁO\nVề việc lịch tiếp công dân\n",
			number: "07/TB-MTTQ-BTT", typ: "Thông báo", issuer: "Ban Thường trực Ủy ban MTTQ Việt Nam xã Phú An", date: "2026-03-02",
			title: "Thông báo về việc lịch tiếp công dân", year: 2026},
		{name: "issuer over two lines without a place",
			text:   "HỘI ĐỒNG BẦU CỬ\nQUỐC GIA\nSố: 31/NQ-HĐBCQG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 14 tháng 1 năm 2026\n\nNGHỊ QUYẾT\nVề việc công bố danh sách\n",
			number: "31/NQ-HĐBCQG", typ: "Nghị quyết", issuer: "Hội đồng Bầu cử Quốc gia", date: "2026-01-14",
			title: "Nghị quyết về việc công bố danh sách", year: 2026},
		{name: "motto wrapped over two lines, number under Số:",
			text:   "UBND XÃ TÂN LẬP          CỘNG HÒA XÃ\n                          HỘI CHỦ NGHĨA VIỆT NAM\nSố:\n18/KH-UBND                Độc lập - Tự do - Hạnh phúc\n\n                          Tân Lập, ngày 5 tháng 8 năm 2025\nKẾ HOẠCH\nTổ chức Ngày hội Đại đoàn kết toàn dân tộc\n",
			number: "18/KH-UBND", typ: "Kế hoạch", issuer: "UBND xã Tân Lập", date: "2025-08-05",
			title: "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc", year: 2025},
		{name: "law number and adoption clause",
			text:   "QUỐC HỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nLuật số: 15/2024/QH15\n\nLUẬT\nTHỦ ĐÔ\n\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n\nChương I\n\nNHỮNG QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nLuật này có hiệu lực từ ngày 01 tháng 01 năm 2025.\n\nLuật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, kỳ họp thứ 7 thông qua ngày 28 tháng 6 năm 2024.\n",
			number: "15/2024/QH15", typ: "Luật", issuer: "Quốc hội", date: "2024-06-28", title: "Luật Thủ đô", year: 2024},
		{name: "draft: blank number and day",
			text:   "ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\nSố:     /QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBắc Ninh, ngày     tháng 5 năm 2025\nQUYẾT ĐỊNH\nVề việc phê duyệt danh sách\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n",
			number: "", typ: "Quyết định", issuer: "Ủy ban nhân dân tỉnh Bắc Ninh", date: "",
			title: "Quyết định về việc phê duyệt danh sách", year: 2025},
		{name: "no header date: a cited date is not the document's",
			text:   "SỞ NỘI VỤ\nSố: 77/SNV-TCBC\nV/v góp ý dự thảo\nKính gửi: Các sở, ngành\nThực hiện Công văn số 12/UBND-NC ngày 03/7/2025 của UBND tỉnh, Sở Nội vụ đề nghị góp ý.\n",
			number: "77/SNV-TCBC", typ: "Công văn", issuer: "Sở Nội vụ", date: "", title: "V/v góp ý dự thảo"},
		{name: "subject over several paragraphs",
			text:   "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nSố: 90/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐồng Tháp, ngày 1 tháng 2 năm 2025\n\nQUYẾT ĐỊNH\n\nVề việc cho phép sáp nhập Hội Cựu giáo chức huyện A\n\n(trước sắp xếp) vào Hội Cựu giáo chức tỉnh\n\nthành Hội Cựu giáo chức tỉnh Đồng Tháp\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
			number: "90/QĐ-UBND", typ: "Quyết định", issuer: "Ủy ban nhân dân tỉnh Đồng Tháp", date: "2025-02-01",
			title: "Quyết định về việc cho phép sáp nhập Hội Cựu giáo chức huyện A (trước sắp xếp) vào Hội Cựu giáo chức tỉnh thành Hội Cựu giáo chức tỉnh Đồng Tháp", year: 2025},
		{name: "a letter's subject written out as “Về ...” under the number",
			text:   "ỦY BAN NHÂN DÂN\n\nTỈNH GIA LAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 214/UBND-VX\n\nVề kết quả Đại hội Hội Khuyến học tỉnh\nnhiệm kỳ 2025 - 2030\nGia Lai, ngày 3 tháng 10 năm 2025\n\nKính gửi: Hội Khuyến học tỉnh Gia Lai\n\nChủ tịch UBND tỉnh nhận được hồ sơ báo cáo kết quả Đại hội.\n",
			number: "214/UBND-VX", typ: "Công văn", issuer: "Ủy ban nhân dân tỉnh Gia Lai", date: "2025-10-03",
			title: "Về kết quả Đại hội Hội Khuyến học tỉnh nhiệm kỳ 2025 - 2030", year: 2025},
		{name: "a V/v subject citing a letter whose “số ...” wraps",
			text:   "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 88/UBND-KT\nKon Tum, ngày 9 tháng 4 năm 2026\nV/v triển khai thực hiện Công văn\nsố 1207/BTC-NSNN\ncủa Bộ Tài chính\nKính gửi: Sở Tài chính.\nỦy ban nhân dân tỉnh nhận được Công văn số 1207/BTC-NSNN.\n",
			number: "88/UBND-KT", typ: "Công văn", issuer: "Ủy ban nhân dân tỉnh Kon Tum", date: "2026-04-09",
			title: "V/v triển khai thực hiện Công văn số 1207/BTC-NSNN của Bộ Tài chính", year: 2026},
		{name: "a draft's V/v subject over its blank number",
			text:   "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nV/v tăng cường công tác phòng cháy\ntại khu dân cư, chợ\nSố:      /UBND-NC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nKon Tum, ngày      tháng 10 năm 2026\nKính gửi: Công an tỉnh.\nỦy ban nhân dân tỉnh đề nghị Công an tỉnh tăng cường kiểm tra.\n",
			number: "", typ: "Công văn", issuer: "Ủy ban nhân dân tỉnh Kon Tum", date: "",
			title: "V/v tăng cường công tác phòng cháy tại khu dân cư, chợ", year: 2026},
		{name: "a draft letter without a subject, its issuer on one line",
			text:   "ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố:      /UBND-NC\n\nSơn La, ngày      tháng      năm 2026\n\nKính gửi: Tòa án nhân dân tỉnh Sơn La.\n\nỦy ban nhân dân tỉnh nhận được Thông báo thụ lý vụ án hành chính số 07/2026/TLST-HC; Ủy ban nhân dân tỉnh có ý kiến như sau:\n",
			number: "", typ: "Công văn", issuer: "Ủy ban nhân dân tỉnh Sơn La", date: "",
			title: "", year: 2026},
		{name: "a letter without a subject: its number has no type code",
			text:   "ỦY BAN NHÂN DÂN TỈNH SƠN LA\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 405/UBND-NC\n\nSơn La, ngày 12 tháng 5 năm 2026\n\nKính gửi: Tòa án nhân dân tỉnh Sơn La.\n\nỦy ban nhân dân tỉnh nhận được Thông báo thụ lý vụ án hành chính số 07/2026/TLST-HC; Ủy ban nhân dân tỉnh có ý kiến như sau:\n",
			number: "405/UBND-NC", typ: "Công văn", issuer: "Ủy ban nhân dân tỉnh Sơn La", date: "2026-05-12",
			title: "", year: 2026},
		{name: "a form's subject listed under its label",
			text:   "VĂN PHÒNG UBND TỈNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÚ YÊN\tĐộc lập - Tự do - Hạnh phúc\nPHÒNG KGVX\nPhú Yên, ngày 14 tháng 3 năm 2025\nPHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\nKính gửi:\n- Lãnh đạo UBND tỉnh;\n- Lãnh đạo Văn phòng UBND tỉnh.\n1. Vấn đề trình:\n\n1) Kế hoạch tổ chức Hội khỏe Phù Đổng tỉnh năm 2025;\n\n2) Kinh phí tổ chức Hội khỏe.\n\n2. Hồ sơ kèm theo:\n- Tờ trình số 45/TTr-SGDĐT ngày 10/3/2025 của Sở Giáo dục và Đào tạo.\n",
			number: "", typ: "Phiếu trình", issuer: "Phòng KGVX", date: "2025-03-14",
			title: "Phiếu trình kế hoạch tổ chức Hội khỏe Phù Đổng tỉnh năm 2025; Kinh phí tổ chức Hội khỏe", year: 2025},
		{name: "a signing stamp's number with its ampersand escaped",
			text:   "Số: 318/STC-QLG&amp;CS; 04/11/2025; 09:12:30;\n\nPHỤ LỤC\nBẢNG GIÁ ĐẤT ĐIỀU CHỈNH\n",
			number: "318/STC-QLG&CS", typ: "Phụ lục", issuer: "", date: "", title: "Phụ lục BẢNG GIÁ ĐẤT ĐIỀU CHỈNH", year: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read(tt.text, Hint{})
			if strings.HasPrefix(tt.name, "a draft letter without a subject") {
				// its file's title property is its issuer's name, as office templates leave it
				r = Read(tt.text, Hint{Title: strings.SplitN(tt.text, "\n", 2)[0], FileName: "x.docx"})
			}
			if r.Number.Text != tt.number || r.Type.Text != tt.typ || r.Date.Text != tt.date || r.Year != tt.year {
				t.Errorf("number %q type %q date %q year %d; want %q %q %q %d", r.Number.Text, r.Type.Text, r.Date.Text, r.Year, tt.number, tt.typ, tt.date, tt.year)
			}
			if !strings.EqualFold(foldWords(r.Issuer.Text), foldWords(tt.issuer)) {
				t.Errorf("issuer %q, want %q", r.Issuer.Text, tt.issuer)
			}
			if r.Title.Text != tt.title {
				t.Errorf("title %q, want %q", r.Title.Text, tt.title)
			}
		})
	}
}

func TestSignatureByStructure(t *testing.T) {
	tests := []struct{ name, text, signer, capacity string }{
		{"annex after the signature",
			"SỞ Y TẾ\nSố: 5/BC-SYT\nBÁO CÁO\nVề việc tổng hợp\nNội dung.\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nLê Thị Hồng\n\nPHỤ LỤC\nDanh sách các đơn vị\n" +
				strings.Repeat("1. Đơn vị thứ nhất của danh sách\n", 60) + "ĐẠI DIỆN CỬ TRI CHỨNG KIẾN\nNGƯỜI LẬP BIỂU\n",
			"Lê Thị Hồng", "KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC"},
		{"rank before the name", "CÔNG AN TỈNH\nSố: 9/TTr-CAT\nTỜ TRÌNH\nVề việc thành lập tổ công tác\nNội dung./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nThiếu tướng Võ Văn Sáu\n",
			"Võ Văn Sáu", "GIÁM ĐỐC"},
		{"rank's words joined by a hyphen, no recipients", "BỘ CÔNG AN\nSố: 44/BCA-C04\nV/v góp ý dự thảo\nKính gửi: UBND các tỉnh\nBộ Công an đề nghị góp ý./.\n\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nThượng-tướng Lê Văn Tám\n\nSAO Y\nBộ Công an\n",
			"Lê Văn Tám", "KT. BỘ TRƯỞNG - THỨ TRƯỞNG"},
		{"OCR read the N of \"Nơi nhận\" as V; the name among the recipients", "ỦY BAN NHÂN DÂN\nTỈNH HÀ TIÊN\nSố: 11/CT-UBND\nCHỈ THỊ\nVề tăng cường chỉ đạo kỳ thi\nNội dung chỉ thị.\n\n.Vơi nhận: —— CHỦ TỊCH\n- Văn phòng Chính phủ;\n- Bộ Giáo dục và Đào tạo;\n- Thường trực Tỉnh ủy;\nĐặng Văn Bảy\n- Công an tỉnh;\n- Lưu: VT.\n",
			"Đặng Văn Bảy", ""},
		{"capacity in markup, a caption in capitals is no name", "UBND XÃ A\nSố: 3/BB-UBND\nBIÊN BẢN\nVề việc kiểm phiếu\nNội dung.\n**TM. TỔ BẦU CỬ**\n**TỔ TRƯỞNG**\nĐẠI DIỆN CỬ TRI CHỨNG KIẾN\nPhan Văn Tư\n",
			"Phan Văn Tư", "TM. TỔ BẦU CỬ - TỔ TRƯỞNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Read(tt.text, Hint{})
			if r.Signer.Text != tt.signer || r.SignerCapacity.Text != tt.capacity {
				t.Errorf("signer %q capacity %q; want %q %q", r.Signer.Text, r.SignerCapacity.Text, tt.signer, tt.capacity)
			}
		})
	}
}

func TestPortalBlock(t *testing.T) {
	text := "Trang chủ | Văn bản pháp luật\n\nSố hiệu: 205/QĐ-UBND\nLoại văn bản: Quyết định\nNơi ban hành: UBND xã Hòa An\nNgười ký: Lê Văn Bảy\nNgày ban hành: 03/02/2025\nNgày hiệu lực: 15/02/2025\n\n" +
		"ỦY BAN NHÂN DÂN\nXÃ HÒA AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 205/QĐ-UBND\n\nQUYẾT ĐỊNH\nVề việc kiện toàn Tổ công nghệ số cộng đồng\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
	r := Read(text, Hint{})
	if r.Number.Text != "205/QĐ-UBND" || r.Type.Text != "Quyết định" || r.Issuer.Text != "Ủy ban nhân dân xã Hòa An" ||
		r.Date.Text != "2025-02-03" || r.Signer.Text != "Lê Văn Bảy" || r.Title.Text != "Quyết định về việc kiện toàn Tổ công nghệ số cộng đồng" {
		t.Errorf("got %q %q %q %q %q %q", r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Signer.Text, r.Title.Text)
	}
	// the block alone, with values in the next cell: read as metadata, not as the document
	text = "Số hiệu:\n471/QĐ-UBND\nLoại văn bản:\nQuyết định\nNơi ban hành:\nUBND tỉnh Tây Ninh\nNgày ban hành:\n12/03/2024\n\nNội dung văn bản đang được cập nhật.\n"
	r = Read(text, Hint{})
	if r.Number.Text != "471/QĐ-UBND" || r.Type.Text != "Quyết định" || r.Issuer.Text != "UBND tỉnh Tây Ninh" || r.Date.Text != "2024-03-12" || r.Article {
		t.Errorf("block alone: %q %q %q %q article %v", r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Article)
	}
}

func TestFormsLateHeadersAndConfidence(t *testing.T) {
	form := "VĂN PHÒNG UBND TỈNH        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHÒNG KINH TẾ              Độc lập - Tự do - Hạnh phúc\nCà Mau, ngày 4 tháng 3 năm 2025\n" +
		"PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC\nKính gửi:\n- Lãnh đạo UBND tỉnh.\n1. Vấn đề trình: Cho ý kiến về lịch họp tháng 3.\n2. Hồ sơ kèm theo:\n"
	r := Read(form, Hint{})
	if r.Type.Text != "Phiếu trình" || r.Title.Text != "Phiếu trình cho ý kiến về lịch họp tháng 3" || r.Date.Text != "2025-03-04" {
		t.Errorf("form: type %q title %q date %q", r.Type.Text, r.Title.Text, r.Date.Text)
	}
	if !strings.Contains(r.Issuer.Text, "Phòng Kinh tế") {
		t.Errorf("form: issuer %q", r.Issuer.Text)
	}

	// a scanned form: what OCR made of the notes written beside "Kính gửi"
	// before the labelled subject, which wraps onto a second line
	scanned := "UBND TỈNH CÀ MAU\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nVĂN PHÒNG\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 05-03/26/PT-KT\n\nPHIẾU TRÌNH\n\nXứ. 2/4.\n\n" +
		"Kính gửi: _ lãnh đạo UBND tỉnh;\n\n- Lãnh đạo Văn phòng UBND h2\nC———\n⁄2\nNg. Đ/c Phúc\n\nI. NỘI DUNG TRÌNH <7 Cé£\n\n" +
		"1. Văn bản/cơ quan, đơn vị: Tờ trình số 12/TTr-SNV ngày 02/3/2026 của Sở Nội vụ.\n" +
		"2. Trích yếu: V/v ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 tại các cơ quan\nthuộc UBND tỉnh và UBND các xã, phường.\n" +
		"II. RÀ SOÁT, TỔNG HỢP CỦA PHÒNG\n"
	r = Read(scanned, Hint{OCR: true})
	if want := "Phiếu trình v/v ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 tại các cơ quan thuộc UBND tỉnh và UBND các xã, phường"; r.Type.Text != "Phiếu trình" || r.Title.Text != want {
		t.Errorf("scanned form: type %q title %q, want %q", r.Type.Text, r.Title.Text, want)
	}

	// a one-page PDF whose header boxes came after the text
	late := "Kính gửi: Sở Tài chính.\n" + strings.Repeat("Văn phòng đề nghị Sở Tài chính cho ý kiến về dự thảo kế hoạch của tỉnh trong năm nay.\n", 14) +
		"Trân trọng./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n" +
		"KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG Đặng Thị Mai\nUBND TỈNH CÀ MAU\nVĂN PHÒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" +
		"Số: 88/VP-KT V/v góp ý dự thảo kế hoạch\nCà Mau, ngày 10 tháng 3 năm 2025\n"
	r = Read(late, Hint{})
	if r.Number.Text != "88/VP-KT" || r.Type.Text != "Công văn" || r.Issuer.Text != "Văn phòng UBND tỉnh Cà Mau" ||
		r.Date.Text != "2025-03-10" || r.Title.Text != "V/v góp ý dự thảo kế hoạch" || r.Signer.Text != "Đặng Thị Mai" {
		t.Errorf("late header: %q %q %q %q %q %q", r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Title.Text, r.Signer.Text)
	}
	// the same page short enough for the header to stand in the first lines
	short := strings.Replace(late, strings.Repeat("Văn phòng đề nghị Sở Tài chính cho ý kiến về dự thảo kế hoạch của tỉnh trong năm nay.\n", 14), "Văn phòng đề nghị cho ý kiến.\n", 1)
	if r := Read(short, Hint{}); r.Number.Text != "88/VP-KT" || r.Title.Text != "V/v góp ý dự thảo kế hoạch" || r.Date.Text != "2025-03-10" {
		t.Errorf("short late header: %q %q %q", r.Number.Text, r.Title.Text, r.Date.Text)
	}
	// a right column printed after "Kính gửi" in the left one
	cols := "UBND TỈNH CÀ MAU\nSỞ NỘI VỤ\nSố: 27/SNV-TCBC\nV/v hướng dẫn báo cáo năm\nKính gửi:\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nCà Mau, ngày 10 tháng 11 năm 2025\n- Các sở, ngành;\n- UBND các xã.\n"
	if r := Read(cols, Hint{}); r.Date.Text != "2025-11-10" || r.Issuer.Text != "Sở Nội vụ" {
		t.Errorf("right column after Kính gửi: date %q issuer %q", r.Date.Text, r.Issuer.Text)
	}
	if r.Number.Confidence >= 0.95 || !strings.Contains(r.Why["number"], "sau nội dung") {
		t.Errorf("late header: number confidence %v, why %q", r.Number.Confidence, r.Why["number"])
	}

	// every field says where it was read
	r = Read(apartPDF, Hint{})
	// The line quoted, not numbered: the header's lines, its columns
	// split, are not the document's.
	if !strings.HasPrefix(r.Why["number"], "ô số hiệu, dòng «Số: 412/TTr-STP»") || !strings.Contains(r.Why["type"], "dòng «TỜ TRÌNH»") ||
		!strings.Contains(r.Why["date"], "dòng «An Giang, ngày 09 tháng 10 năm 2024»") || !strings.Contains(r.Why["signer"], "KT. GIÁM ĐỐC") {
		t.Errorf("why: %q", r.Why)
	}

	// no text (a scan without OCR): nothing read, nothing guessed
	if r := Read("  \n\f\n 2 \n", Hint{}); r.Type.Text != "" || r.Article || r.Title.Text != "" {
		t.Errorf("empty text read as %+v", r)
	}
	// a text with no layout at all is an article only as a guess
	if r := Read("Sáng nay trời mưa to ở nhiều nơi, người dân đi lại khó khăn trên các tuyến đường.\n", Hint{}); r.Type.Confidence >= 0.7 {
		t.Errorf("plain text typed %q at %v", r.Type.Text, r.Type.Confidence)
	}
	// a piece of a name in the issuer column goes to review
	if r := Read("A i\nSố: 5/TB-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÔNG BÁO\nVề việc lịch trực\n", Hint{}); r.Issuer.Confidence >= 0.7 {
		t.Errorf("issuer %q at %v", r.Issuer.Text, r.Issuer.Confidence)
	}
	// a signer's name must look like one
	for _, s := range []string{"Minh Vfr", "A PhAT THAN I"} {
		if isPersonName(s) {
			t.Errorf("isPersonName(%q) = true", s)
		}
	}
}

// TestColumnsApart has the header of a PDF whose columns come out as
// separate lines, the number's digits apart from its codes.
func TestColumnsApart(t *testing.T) {
	text := "UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nSố: 317\n\n/SYT-VP\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nRạch Giá, ngày 5 tháng 6 năm 2025\n" +
		"TỜ TRÌNH\nVề việc đề nghị cho phép sáp nhập Hội Điều dưỡng tỉnh\n(trước sắp xếp) vào Hội Điều dưỡng tỉnh An Giang.\nKính gửi: Chủ tịch UBND tỉnh\n" +
		"Sở Y tế nhận được đề nghị của Hội về việc sáp nhập theo\nquy định\ncủa pháp luật.\n"
	r := Read(text, Hint{})
	if r.Number.Text != "317/SYT-VP" || r.Type.Text != "Tờ trình" || r.Issuer.Text != "Sở Y tế" || r.Date.Text != "2025-06-05" ||
		r.Title.Text != "Tờ trình về việc đề nghị cho phép sáp nhập Hội Điều dưỡng tỉnh (trước sắp xếp) vào Hội Điều dưỡng tỉnh An Giang." {
		t.Errorf("got %q %q %q %q %q", r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Title.Text)
	}
	// a body line that is only a type word is no type line
	text = "BỘ Y TẾ\nSố: 12/BYT-KH\nV/v trả lời kiến nghị\nKính gửi: Sở Y tế\nBộ nhận được văn bản đề nghị hướng dẫn theo\nquy định\nhiện hành.\n"
	if r := Read(text, Hint{}); r.Type.Text != "Công văn" || r.Title.Text != "V/v trả lời kiến nghị" {
		t.Errorf("body line as type: %q %q", r.Type.Text, r.Title.Text)
	}
}

func TestNumbersOnOtherLines(t *testing.T) {
	tests := []struct{ name, text, number, typ, title string }{
		{"subject under a party-style number",
			"HỘI LUẬT GIA VIỆT NAM\nBAN THƯỜNG VỤ\nSố: 88/HD-BTV Hướng dẫn tổ chức đại hội các hội luật gia tỉnh\nHà Nội, ngày 2 tháng 6 năm 2025\nKính gửi: Hội Luật gia các tỉnh\n",
			"88/HD-BTV", "Hướng dẫn", "Hướng dẫn tổ chức đại hội các hội luật gia tỉnh"},
		{"subject under a party-style number, columns apart",
			"HỘI LUẬT GIA\nVIỆT NAM\nBAN THƯỜNG VỤ\nSố: 88/HD-BTV\nHướng dẫn tổ chức đại hội\ncác hội luật gia tỉnh\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 2 tháng 6 năm 2025\nKính gửi: Hội Luật gia các tỉnh\n",
			"88/HD-BTV", "Hướng dẫn", "Hướng dẫn tổ chức đại hội các hội luật gia tỉnh"},
		{"precedent number on its type line",
			"TÒA ÁN NHÂN DÂN TỐI CAO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nÁN LỆ SỐ 12/2023/AL\nVề hiệu lực của hợp đồng đặt cọc\n\nNguồn án lệ: Quyết định giám đốc thẩm.\n",
			"12/2023/AL", "Án lệ", "Án lệ SỐ 12/2023/AL về hiệu lực của hợp đồng đặt cọc"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if r.Number.Text != tt.number || r.Type.Text != tt.typ || r.Title.Text != tt.title {
			t.Errorf("%s: %q %q %q", tt.name, r.Number.Text, r.Type.Text, r.Title.Text)
		}
	}
}

// TestOCRHeader has a header as OCR reads a scan: accents wrong in the
// national header, V/v as "W%", junk around the cells, a garbled number.
func TestOCRHeader(t *testing.T) {
	text := "HỘI CỰU CHIẾN BINH VIỆT NAM _ CỌNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM\n| BAN THƯỜNG VỤ Độc lập —- Tự do - Hạnh phúc\n*\n" +
		"Số I7 -CV/HCCB Hà Nội, ngày 09 tháng 9 năm 2025\nW% cử cán bộ tham gia\nđoàn kiểm tra liên ngành\nKính gửi: Các tỉnh hội\nThực hiện chương trình công tác năm 2025.\n"
	r := Read(text, Hint{})
	if r.Issuer.Text != "Ban Thường vụ Hội Cựu chiến binh Việt Nam" || r.Type.Text != "Công văn" ||
		r.Title.Text != "V/v cử cán bộ tham gia đoàn kiểm tra liên ngành" || r.Date.Text != "2025-09-09" || r.Number.Text != "" {
		t.Errorf("got issuer %q type %q title %q date %q number %q", r.Issuer.Text, r.Type.Text, r.Title.Text, r.Date.Text, r.Number.Text)
	}
}

// TestWrappedBodyAfterSubject has a scan's lines: the subject, a blank
// line, then the body wrapped over lines that do not end sentences, and a
// rule that OCR turned into marks.
func TestWrappedBodyAfterSubject(t *testing.T) {
	text := "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nTỈNH BẠC LIÊU Độc lập - Tự do - Hạnh phúc\nSố: 12/CT-UBND Bạc Liêu, ngày 3 tháng 5 năm 2024\nCHỈ THỊ\n\n" +
		"^ .^A ,À k4 £ ˆ Lá\nVề việc tăng cường phòng, chống cháy rừng\nthực hiện trong mùa khô năm 2024\n\n" +
		"Trong thời gian qua, công tác phòng cháy rừng của tỉnh\nđã được các cấp, các ngành quan tâm chỉ đạo, tuy nhiên\nvẫn còn xảy ra cháy rừng.\n"
	r := Read(text, Hint{})
	if want := "Chỉ thị về việc tăng cường phòng, chống cháy rừng thực hiện trong mùa khô năm 2024"; r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
	if r.Issuer.Text != "Ủy ban nhân dân tỉnh Bạc Liêu" || r.Number.Text != "12/CT-UBND" || r.Date.Text != "2024-05-03" {
		t.Errorf("got %q %q %q", r.Issuer.Text, r.Number.Text, r.Date.Text)
	}
}

// TestSubjectParagraphOpensSmall: a subject typed as two paragraphs in
// Word, the second over two lines, opening with a small letter: no
// paragraph of the body does, so it carries the subject on.
func TestSubjectParagraphOpensSmall(t *testing.T) {
	text := "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH HÀ TIÊN\nBAN THƯỜNG TRỰC\nSố: 07/HD-MTTQ-BTT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
		"Độc lập – Tự do – Hạnh phúc\n\nHà Tiên, ngày 20 tháng 11 năm 2025\n\nHƯỚNG DẪN\n\n" +
		"Công tác giám sát việc lập danh sách cử tri\n\nở các thôn, khu phố trên địa bàn tỉnh\nnăm 2026 của Mặt trận các cấp\n\n" +
		"Căn cứ Luật Mặt trận Tổ quốc Việt Nam;\n\nBan Thường trực hướng dẫn như sau.\n"
	r := Read(text, Hint{})
	if want := "Hướng dẫn công tác giám sát việc lập danh sách cử tri ở các thôn, khu phố trên địa bàn tỉnh năm 2026 của Mặt trận các cấp"; r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
}

func TestOCRTextIsForReview(t *testing.T) {
	r := Read(apartPDF, Hint{OCR: true})
	if r.Number.Text != "412/TTr-STP" || r.Number.Confidence >= 0.7 || r.Date.Confidence >= 0.7 || r.Signer.Confidence >= 0.7 {
		t.Errorf("OCR: number %q at %v, date at %v, signer at %v", r.Number.Text, r.Number.Confidence, r.Date.Confidence, r.Signer.Confidence)
	}
	if !strings.Contains(r.Why["number"], "ảnh quét") {
		t.Errorf("OCR: why %q", r.Why["number"])
	}
}

// TestTypeLineWithLettersApart reads a type line whose letters stand apart:
// typed with spaces for a wide heading, or split by a scan's text layer.
func TestTypeLineWithLettersApart(t *testing.T) {
	state := "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Lập, ngày 02 tháng 3 năm 2026\n\n"
	party := "HUYỆN ỦY SƠN HÒA\n*\nSố 12-KH/HU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nSơn Hòa, ngày 02 tháng 3 năm 2016\n\n"
	tests := []struct{ name, text, typ, title string }{
		{"letters typed apart, words two spaces apart", state + "Q U Y Ế T  Đ Ị N H\nVề việc thành lập Tổ công tác chuyển đổi số\n\n" +
			"CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN LẬP\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
			"Quyết định", "Quyết định về việc thành lập Tổ công tác chuyển đổi số"},
		{"a party plan", party + "K Ế  H O Ạ C H\nthực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị\n\n- Căn cứ Điều lệ Đảng;\n",
			"Kế hoạch", "Kế hoạch thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị"},
		{"a word split by a text layer", party + "T HÔNG BÁO\nkết luận của Ban Thường vụ Huyện ủy\n\n- Căn cứ Điều lệ Đảng;\n",
			"Thông báo", "Thông báo kết luận của Ban Thường vụ Huyện ủy"},
		{"a spaced line that is no type", state + "T Ổ  C Ô N G  T Á C\n\nQUYẾT ĐỊNH\nVề việc kiện toàn Tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n",
			"Quyết định", "Quyết định về việc kiện toàn Tổ công tác"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{FileName: "x.docx"})
		if r.Type.Text != tt.typ || r.Title.Text != tt.title || r.Title.Confidence < 0.9 {
			t.Errorf("%s: type %q title %q at %v", tt.name, r.Type.Text, r.Title.Text, r.Title.Confidence)
		}
	}
}

// TestOlderHeadingsOfPortals reads papers as legal portals print older
// ones: the heading says the issuer, number and date again before the
// subject, and the signature is the name beside "(Đã ký)", no capacity.
func TestOlderHeadingsOfPortals(t *testing.T) {
	head := "HỘI ĐỒNG BỘ TRƯỞNG\n********\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n********\n\nSố: 57-HĐBT\n\nHà Nội, ngày 14 tháng 3 năm 1984\n\n"
	body := "\n\nHỘI ĐỒNG BỘ TRƯỞNG\n\nCăn cứ Luật tổ chức Hội đồng bộ trưởng ngày 4-7-1981;\n\nQUYẾT ĐỊNH\n\nĐiều 1. - Chia huyện Đông Sơn thành hai huyện.\n\n" +
		"Điều 2. - Uỷ ban nhân dân tỉnh chịu trách nhiệm thi hành quyết định này.\n\n \n\n"
	tests := []struct{ name, text, title, signer string }{
		{"restated under the type line, the name over the mark",
			head + "QUYẾT ĐỊNH\n\nCỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 57-HĐBT NGÀY 14 THÁNG 3 NĂM 1984 VỀ VIỆC CHIA HUYỆN ĐÔNG SƠN THUỘC TỈNH THANH HOÁ" + body + "Võ Văn Kiệt\n\n(Đã ký)\n",
			"Quyết định VỀ VIỆC CHIA HUYỆN ĐÔNG SƠN THUỘC TỈNH THANH HOÁ", "Võ Văn Kiệt"},
		{"restated on the type line, cut at its number, the mark over the name",
			head + "QUYẾT ĐỊNH CỦA HỘI ĐỒNG BỘ TRƯỞNG SỐ 57-HĐBT NGÀY 14-3-1984 VỀ VIỆC CHIA HUYỆN ĐÔNG SƠN" + body + "(Đã ký)\n\nVõ Văn Kiệt\n",
			"Quyết định VỀ VIỆC CHIA HUYỆN ĐÔNG SƠN", "Võ Văn Kiệt"},
		{"a subject that starts with \"của\" and restates nothing",
			head + "QUYẾT ĐỊNH\n\ncủa Hội đồng bộ trưởng về việc chia huyện Đông Sơn" + body + "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nVõ Văn Kiệt\n",
			"Quyết định của Hội đồng bộ trưởng về việc chia huyện Đông Sơn", "Võ Văn Kiệt"},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{FileName: "x.txt"})
		if r.Title.Text != tt.title || r.Signer.Text != tt.signer || r.Number.Text != "57-HĐBT" || r.Date.Text != "1984-03-14" {
			t.Errorf("%s: title %q signer %q number %q date %q", tt.name, r.Title.Text, r.Signer.Text, r.Number.Text, r.Date.Text)
		}
	}
	// the mark beside a line that is no name gives no signer
	r := Read(head+"QUYẾT ĐỊNH\n\nVề việc chia huyện Đông Sơn"+body+"Bản sao y bản chính\n\n(Đã ký)\n", Hint{FileName: "x.txt"})
	if r.Signer.Text != "" {
		t.Errorf("no name: signer %q", r.Signer.Text)
	}
}

// TestHeadingsOfOlderAndScannedPapers reads the type line and the date of
// older papers and of scans: a heading that names the issuer after the
// type ("QUYẾT ĐỊNH CỦA UBND TỈNH"), the authority line over "- Căn cứ",
// "năm: 1996", a mark OCR left before the type line, and an annex numbered
// in small letters.
func TestHeadingsOfOlderAndScannedPapers(t *testing.T) {
	state := "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 57/QĐ-UB\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
	tests := []struct {
		name, text, typ, title, date, issuer string
	}{
		{"issuer named after the type, subject in capitals, dashed grounds",
			state + "Long Xuyên, ngày 14 tháng 3 năm 1996\nQUYẾT ĐỊNH CỦA UBND TỈNH AN GIANG\nVỀ VIỆC GIAO ĐẤT CHO TRƯỜNG TIỂU HỌC\nỦY BAN NHÂN DÂN TỈNH AN GIANG\n- Căn cứ Luật đất đai;\n",
			"Quyết định", "Quyết định VỀ VIỆC GIAO ĐẤT CHO TRƯỜNG TIỂU HỌC", "1996-03-14", "Ủy ban nhân dân tỉnh An Giang"},
		{"a colon after \"năm\", the subject in small letters",
			state + "Long Xuyên, ngày 22 tháng 2 năm: 1996.\nQUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH\nVề việc: Giao quyền sử dụng đất ở\nỦY BAN NHÂN DÂN TỈNH AN GIANG\n- Căn cứ Luật đất đai;\n",
			"Quyết định", "Quyết định về việc: Giao quyền sử dụng đất ở", "1996-02-22", "Ủy ban nhân dân tỉnh An Giang"},
		{"the issuer's name carried on, the subject in brackets",
			"HỘI KHUYẾN HỌC TỈNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỘI ĐỒNG QUẢN LÝ QUỸ\nĐộc lập - Tự do - Hạnh phúc\nSố: 02/NQ-HĐQLQ\nPhan Thiết, ngày 18 tháng 02 năm 2025\n" +
				"NGHỊ QUYẾT CỦA HỘI ĐỒNG QUẢN LÝ QUỸ\nKHUYẾN HỌC TỈNH BÌNH THUẬN\n(Về việc đề nghị sửa đổi Điều lệ Quỹ)\n- Căn cứ Nghị định số 93/2019/NĐ-CP;\n",
			"Nghị quyết", "Nghị quyết về việc đề nghị sửa đổi Điều lệ Quỹ", "2025-02-18", "Hội đồng quản lý quỹ"},
		{"a mark OCR left before the type line",
			"HỘI NÔNG DÂN XÃ TÂN LẬP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTân Lập, ngày 18 tháng 02 năm 2025\n¬ _ ĐƠN ĐỀ NGHỊ\nHỗ trợ kinh phí tập huấn kỹ thuật\nKính gửi: Ủy ban nhân dân xã Tân Lập\n",
			"Đơn", "Đơn đề nghị hỗ trợ kinh phí tập huấn kỹ thuật", "2025-02-18", "Hội Nông dân xã Tân Lập"},
		{"an annex numbered in small letters",
			"Phụ lục III\nKẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH\nCÁC XÃ NĂM 2025\nI. CẤP XÃ\nSTT\tĐơn vị\tĐiểm\n1\tXã Tân Lập\t17,50\n",
			"Phụ lục", "Phụ lục III KẾT QUẢ CHẤM ĐIỂM CẢI CÁCH HÀNH CHÍNH CÁC XÃ NĂM 2025", "", ""},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{FileName: "x.pdf"})
		if r.Type.Text != tt.typ || r.Title.Text != tt.title || r.Date.Text != tt.date || r.Issuer.Text != tt.issuer {
			t.Errorf("%s: type %q title %q date %q issuer %q", tt.name, r.Type.Text, r.Title.Text, r.Date.Text, r.Issuer.Text)
		}
	}
	// "Phụ lục" in a sentence is no type line
	r := Read("Phụ lục kèm theo gồm các biểu mẫu sau\n\nBiểu 1. Danh sách hộ nghèo năm 2025 của xã Tân Lập.\n", Hint{FileName: "x.docx"})
	if r.Type.Text == "Phụ lục" {
		t.Errorf("sentence: type %q title %q", r.Type.Text, r.Title.Text)
	}
}
