package meta

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// want lists the fields a case checks; empty strings are checked too.
type want struct {
	title, number, typ, typeCode, issuer, issuerCode, superior, place, date string
	year                                                                    int
	signer, capacity, urgency, secrecy, source                              string
	article                                                                 bool
}

// Fixtures written for these tests, one per layout and era of
// documents.md; none is copied from a real document.
const partyPlan = `ĐẢNG BỘ TỈNH AN GIANG
HUYỆN ỦY CHỢ MỚI
*
Số 12-KH/HU
                                        ĐẢNG CỘNG SẢN VIỆT NAM
                              Chợ Mới, ngày 14 tháng 4 năm 2014

KẾ HOẠCH
Về việc thực hiện khẩu hiệu hành động “3 không - 3 cần - 3 quyết tâm”
-----
Thực hiện Chỉ thị số 03-CT/TW ngày 14/5/2011 của Bộ Chính trị về tiếp tục đẩy mạnh việc học tập, Ban Thường vụ Huyện ủy xây dựng kế hoạch giai đoạn 2021-2025 như sau:
I. MỤC ĐÍCH
Thực hiện Kế hoạch số 198-KH-CĐKT của Công đoàn.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Các chi, đảng bộ,
- Lưu VP.
                                        T/M BAN THƯỜNG VỤ
                                        BÍ THƯ

                                        (Đã ký)

                                        Nguyễn Văn An
`

const partyOneLine = `ĐẢNG BỘ TỈNH AN GIANG                   ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY XÃ KIẾN AN
        *
Số 05-NQ/ĐU                             Kiến An, ngày 03 tháng 02 năm 2021

NGHỊ QUYẾT
về lãnh đạo xây dựng nông thôn mới năm 2021

Nơi nhận:                               T/M ĐẢNG ỦY
- Huyện ủy (b/c),                       PHÓ BÍ THƯ
- Lưu VP.
                                        Trần Thị Hoa
`

const stateTwoLineIssuer = `ỦY BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
   XÃ KIẾN AN                   Độc lập - Tự do - Hạnh phúc
                                ---------------
Số: 45/KH-UBND            Kiến An, ngày 5 tháng 9 năm 2019

KẾ HOẠCH
Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2019

Nơi nhận:                               TM. ỦY BAN NHÂN DÂN
- UBND huyện;                           KT. CHỦ TỊCH
- Lưu: VT.                              PHÓ CHỦ TỊCH

                                        Lê Minh Tâm
`

const stateDecision = `UBND TỈNH AN GIANG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                          Độc lập - Tự do - Hạnh phúc
Số: 666/2015/QĐ-UBND      Long Xuyên, ngày 30 tháng 12 năm 2015

QUYẾT ĐỊNH
Ban hành Quy chế tổ chức và hoạt động của Ban Chỉ đạo
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
`

const congVan = `UBND HUYỆN CHỢ MỚI                CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG VĂN HÓA VÀ THÔNG TIN          Độc lập - Tự do - Hạnh phúc
Số: 123/UBND-VP                     Chợ Mới, ngày 01 tháng 10 năm 2020
V/v triển khai tuyên truyền
kỷ niệm 90 năm Ngày truyền thống
             KHẨN
                    Kính gửi: Ủy ban nhân dân các xã, thị trấn

Thực hiện Công văn số 45/SVHTTDL-VP ngày 20/9/2020 của Sở Văn hóa, Thể thao và Du lịch về tuyên truyền.
`

const draft = `ĐẢNG ỦY XÃ LONG ĐIỀN B                  ĐẢNG CỘNG SẢN VIỆT NAM
Số     -BC/ĐU                         Long Điền B, ngày    tháng    năm 2026
                                     DỰ THẢO
BÁO CÁO
Tổng kết công tác năm 2025
`

const oldTone = `UỶ BAN NHÂN DÂN XÃ HOÀ BÌNH             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                        Độc lập – Tự do – Hạnh phúc
Số: 07/TB-UBND                          Hoà Bình, ngày 2 tháng 1 năm 2010
              MẬT
THÔNG BÁO
Về việc tổ chức Ngày hội văn hoá
`

const glued = "UBND XÃ BÌNH PHƯỚC XUÂNCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" +
	"                                        Độc lập - Tự do - Hạnh phúc\n" +
	"Số: 9/BC-UBND                           Bình Phước Xuân, ngày 28 tháng 2 năm 2023\n\nBÁO CÁO\nKết quả thực hiện chuyển đổi số năm 2022\n"

const era1997 = `HUYỆN UỶ CHỢ MỚI                        ĐẢNG CỘNG SẢN VIỆT NAM
BAN TUYÊN GIÁO
Số 05 HD/BTGHU                          Chợ Mới, ngày 01 tháng 10 năm 1997

HƯỚNG DẪN
Tuyên truyền kỷ niệm ngày thành lập Đảng
`

const youthUnion = `BCH TRUNG ƯƠNG ĐOÀN TNCS HỒ CHÍ MINH
Số 367-QĐ/TWĐTN-VP                      Hà Nội, ngày 20 tháng 8 năm 2018
QUY ĐỊNH
Về tổ chức hoạt động của Đoàn
`

// mixedCase is a header whose capitals were only a font effect in Word,
// with the date spread by extra spaces.
const mixedCase = `Đảng bộ tỉnh An Giang                   Đảng Cộng sản Việt Nam
Huyện ủy Chợ Mới
Số 21-CT/HU                             Chợ Mới, ngày  7  tháng  11  năm 2016

Chỉ thị
về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
`

const noHeaderDate = `HUYỆN ỦY CHỢ MỚI
THÔNG BÁO
kết luận của Thường trực Huyện ủy
Ngày 14/4/2014, Thường trực Huyện ủy đã họp.
`

// article has the shape of a page saved from a news site: chrome, a
// category line, the headline, a source tag, a lead sentence.
const article = `Truy cập hiện tại
Đang có 57 khách và không thành viên đang online
Tin hoạt động
Kiến An ra mắt mô hình “Tuyến đường tự quản - xanh, sạch, đẹp”

(BTG)- Để cụ thể hóa phong trào xây dựng nông thôn mới, ngày 5/3/2019, Ban Thường vụ Đảng ủy xã Kiến An đã ban hành kế hoạch ra mắt mô hình.

Mô hình được nhân dân đồng tình.
Số lần xem bài viết
1234567
`

func TestRead(t *testing.T) {
	tests := []struct {
		name string
		text string
		hint Hint
		want want
	}{
		{"party plan, header on separate lines", partyPlan, Hint{}, want{
			title: "Kế hoạch về việc thực hiện khẩu hiệu hành động “3 không - 3 cần - 3 quyết tâm”", number: "12-KH/HU",
			typ: "Kế hoạch", typeCode: "KH", issuer: "Huyện ủy Chợ Mới", issuerCode: "HU", superior: "Đảng bộ tỉnh An Giang",
			place: "Chợ Mới", date: "2014-04-14", year: 2014, signer: "Nguyễn Văn An", capacity: "T/M BAN THƯỜNG VỤ - BÍ THƯ"}},
		{"party resolution, columns on one line", partyOneLine, Hint{}, want{
			title: "Nghị quyết về lãnh đạo xây dựng nông thôn mới năm 2021", number: "05-NQ/ĐU", typ: "Nghị quyết", typeCode: "NQ",
			issuer: "Đảng ủy xã Kiến An", issuerCode: "ĐU", superior: "Đảng bộ tỉnh An Giang", place: "Kiến An", date: "2021-02-03",
			year: 2021, signer: "Trần Thị Hoa", capacity: "T/M ĐẢNG ỦY - PHÓ BÍ THƯ"}},
		{"state plan, issuer over two lines", stateTwoLineIssuer, Hint{}, want{
			title: "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2019", number: "45/KH-UBND", typ: "Kế hoạch", typeCode: "KH",
			issuer: "Ủy ban nhân dân xã Kiến An", issuerCode: "UBND", place: "Kiến An", date: "2019-09-05", year: 2019,
			signer: "Lê Minh Tâm", capacity: "TM. ỦY BAN NHÂN DÂN - KT. CHỦ TỊCH - PHÓ CHỦ TỊCH"}},
		{"state decision with year in number", stateDecision, Hint{}, want{
			title: "Quyết định ban hành Quy chế tổ chức và hoạt động của Ban Chỉ đạo", number: "666/2015/QĐ-UBND", typ: "Quyết định",
			typeCode: "QĐ", issuer: "UBND tỉnh An Giang", issuerCode: "UBND", place: "Long Xuyên", date: "2015-12-30", year: 2015}},
		{"công văn with V/v and urgency", congVan, Hint{}, want{
			title: "V/v triển khai tuyên truyền kỷ niệm 90 năm Ngày truyền thống", number: "123/UBND-VP", typ: "Công văn",
			issuer: "Phòng Văn hóa và Thông tin", issuerCode: "UBND-VP", superior: "UBND huyện Chợ Mới", place: "Chợ Mới",
			date: "2020-10-01", year: 2020, urgency: "KHẨN"}},
		{"draft with blanks", draft, Hint{}, want{
			title: "Báo cáo tổng kết công tác năm 2025", typ: "Báo cáo", issuer: "Đảng ủy xã Long Điền B",
			place: "Long Điền B", year: 2026}},
		{"old tone placement and secrecy", oldTone, Hint{}, want{
			title: "Thông báo về việc tổ chức Ngày hội văn hoá", number: "07/TB-UBND", typ: "Thông báo", typeCode: "TB",
			issuer: "Ủy ban nhân dân xã Hòa Bình", issuerCode: "UBND", place: "Hoà Bình", date: "2010-01-02", year: 2010, secrecy: "MẬT"}},
		{"issuer glued to the national header", glued, Hint{}, want{
			title: "Báo cáo kết quả thực hiện chuyển đổi số năm 2022", number: "9/BC-UBND", typ: "Báo cáo", typeCode: "BC",
			issuer: "UBND xã Bình Phước Xuân", issuerCode: "UBND", place: "Bình Phước Xuân", date: "2023-02-28", year: 2023}},
		{"1997 party guidance, old number form", era1997, Hint{}, want{
			title: "Hướng dẫn tuyên truyền kỷ niệm ngày thành lập Đảng", number: "05-HD/BTGHU", typ: "Hướng dẫn", typeCode: "HD",
			issuer: "Ban Tuyên giáo", issuerCode: "BTGHU", superior: "Huyện ủy Chợ Mới", place: "Chợ Mới", date: "1997-10-01", year: 1997}},
		{"youth union number", youthUnion, Hint{}, want{
			title: "Quy định về tổ chức hoạt động của Đoàn", number: "367-QĐ/TWĐTN-VP", typ: "Quy định", typeCode: "QĐ",
			issuer: "BCH Trung ương Đoàn TNCS Hồ Chí Minh", issuerCode: "TWĐTN-VP", place: "Hà Nội", date: "2018-08-20", year: 2018}},
		{"header in small letters, spaced date", mixedCase, Hint{}, want{
			title: "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", number: "21-CT/HU",
			typ: "Chỉ thị", typeCode: "CT", issuer: "Huyện ủy Chợ Mới", issuerCode: "HU", superior: "Đảng bộ tỉnh An Giang",
			place: "Chợ Mới", date: "2016-11-07", year: 2016}},
		{"no date from the body", noHeaderDate, Hint{}, want{
			title: "Thông báo kết luận của Thường trực Huyện ủy", typ: "Thông báo", issuer: "Huyện ủy Chợ Mới"}},
		{"news article", article, Hint{}, want{
			title: "Kiến An ra mắt mô hình “Tuyến đường tự quản - xanh, sạch, đẹp”", typ: "Bài viết",
			issuer: "Ban Thường vụ Đảng ủy xã Kiến An", date: "2019-03-05", year: 2019, source: "BTG", article: true}},
		{"news article with a title from the file", article, Hint{Title: "Ra mắt mô hình tuyến đường tự quản"}, want{
			title: "Ra mắt mô hình tuyến đường tự quản", typ: "Bài viết",
			issuer: "Ban Thường vụ Đảng ủy xã Kiến An", date: "2019-03-05", year: 2019, source: "BTG", article: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, Read(tt.text, tt.hint), tt.want)
			// The same text in NFD, with no-break spaces and CRLF, reads the same.
			messy := strings.ReplaceAll(norm.NFD.String(tt.text), "\n", "\r\n")
			messy = strings.Replace(messy, " ", "\u00a0", 3)
			check(t, Read(messy, tt.hint), tt.want)
		})
	}
}

func check(t *testing.T, r Result, w want) {
	t.Helper()
	fields := []struct {
		name      string
		got, want string
	}{
		{"Title", r.Title.Text, w.title}, {"Number", r.Number.Text, w.number}, {"Type", r.Type.Text, w.typ},
		{"TypeCode", r.TypeCode.Text, w.typeCode}, {"Issuer", r.Issuer.Text, w.issuer}, {"IssuerCode", r.IssuerCode.Text, w.issuerCode},
		{"SuperiorIssuer", r.SuperiorIssuer.Text, w.superior}, {"Place", r.Place.Text, w.place}, {"Date", r.Date.Text, w.date},
		{"Signer", r.Signer.Text, w.signer}, {"SignerCapacity", r.SignerCapacity.Text, w.capacity},
		{"Urgency", r.Urgency.Text, w.urgency}, {"Secrecy", r.Secrecy.Text, w.secrecy}, {"Source", r.Source.Text, w.source},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	if r.Year != w.year || r.Article != w.article {
		t.Errorf("Year, Article = %d, %v; want %d, %v", r.Year, r.Article, w.year, w.article)
	}
}

func TestArticleIssuerBeforeDate(t *testing.T) {
	text := "Nghị quyết về thực hiện phong trào thi đua\n" +
		"Ban Thường vụ Huyện uỷ Chợ Mới ban hành ngày 14/4/2014 nghị quyết về phong trào.\n"
	r := Read(text, Hint{})
	if r.Issuer.Text != "Ban Thường vụ Huyện ủy Chợ Mới" || r.Date.Text != "2014-04-14" || !r.Article {
		t.Errorf("issuer %q date %q article %v", r.Issuer.Text, r.Date.Text, r.Article)
	}
}

// TestUnheadedDocument: a document whose header was lost on the way (a
// page header, then the title, body, recipients and signature) is not an
// article; its title names its type.
func TestUnheadedDocument(t *testing.T) {
	text := "Đảng ủy xã Kiến An – Tài liệu lưu\n\n" +
		"Kế hoạch về tổ chức Ngày hội Đại đoàn kết toàn dân tộc\n\n" +
		"Ngày hội năm nay tổ chức tại các ấp. Ban Thường vụ Đảng ủy xã Kiến An ban hành ngày 2/11/2020 để các chi bộ thực hiện.\n\n" +
		"Nơi nhận: Huyện ủy (để báo cáo); các chi bộ; lưu Văn phòng.\n" +
		"T/M BAN THƯỜNG VỤ – BÍ THƯ\n"
	r := Read(text, Hint{})
	if r.Article || r.Type.Text != "Kế hoạch" || r.Title.Text != "Kế hoạch về tổ chức Ngày hội Đại đoàn kết toàn dân tộc" {
		t.Errorf("article %v type %q title %q", r.Article, r.Type.Text, r.Title.Text)
	}
	if r.Issuer.Text != "Ban Thường vụ Đảng ủy xã Kiến An" || r.Date.Text != "2020-11-02" {
		t.Errorf("issuer %q date %q", r.Issuer.Text, r.Date.Text)
	}
	if got := strings.Join(r.Recipients, "|"); got != "Huyện ủy (để báo cáo)|các chi bộ|lưu Văn phòng" {
		t.Errorf("recipients %q", got)
	}
}

// A subject that starts like the body ("Thực hiện ...") is still the
// subject when it stands alone under the type line.
func TestSubjectStartingWithThucHien(t *testing.T) {
	text := "HUYỆN ỦY THANH BÌNH                ĐẢNG CỘNG SẢN VIỆT NAM\nBAN DÂN VẬN\n*\nSố 07-HD/BDVHU                     Thanh Bình, ngày 11 tháng 3 năm 2019\n\nHƯỚNG DẪN\nThực hiện phong trào thi đua \"Dân vận khéo\" năm 2019\n\nCăn cứ Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, Ban Dân vận hướng dẫn như sau:\n"
	r := Read(text, Hint{})
	if want := "Hướng dẫn thực hiện phong trào thi đua \"Dân vận khéo\" năm 2019"; r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
	body := "HUYỆN ỦY THANH BÌNH\nSố 08-KH/HU\nThanh Bình, ngày 1 tháng 4 năm 2019\n\nKẾ HOẠCH\nVề tổng kết năm\n\nThực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Huyện ủy ban hành kế hoạch như sau:\n"
	if r := Read(body, Hint{}); r.Title.Text != "Kế hoạch về tổng kết năm" {
		t.Errorf("body line taken into the title: %q", r.Title.Text)
	}
}

// A rule the layout drew after the subject, on the subject's own line,
// is not part of the title (a text layer that puts the rule beside the
// last line of the subject).
func TestRuleAfterSubject(t *testing.T) {
	const telegram = `VĂN PHÒNG TỈNH ỦY                 ĐẢNG CỘNG SẢN VIỆT NAM
_______________
Số: 85 /CĐ-VPTU
                                  Bình Định, ngày 03 tháng 5 năm 2024

CÔNG ĐIỆN
mời dự Hội nghị sơ kết phong trào thi đua "Dân vận khéo" năm 2024 ____________________

VĂN PHÒNG TỈNH ỦY điện:
- Các huyện ủy, thị ủy, thành ủy;
`
	const letter = `ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ HÒA BÌNH                        Độc lập - Tự do - Hạnh phúc
Số: 41/UBND-VP                    Hòa Bình, ngày 12 tháng 3 năm 2023
V/v tuyên truyền phòng, chống ma túy - - - - - - -

Kính gửi: Các ấp trên địa bàn xã.
`
	for _, tt := range []struct{ text, title string }{
		{telegram, `Công điện mời dự Hội nghị sơ kết phong trào thi đua "Dân vận khéo" năm 2024`},
		{letter, "V/v tuyên truyền phòng, chống ma túy"},
	} {
		if got := Read(tt.text, Hint{}).Title.Text; got != tt.title {
			t.Errorf("title %q, want %q", got, tt.title)
		}
	}
	for in, want := range map[string]string{
		"năm 2030 ___":    "năm 2030",
		"năm 2030 -- ":    "năm 2030 --",
		"giai đoạn 2021-": "giai đoạn 2021-",
		"3 không - 3 cần": "3 không - 3 cần",
		"==== ":           "",
	} {
		if got := trimRule(in); got != want {
			t.Errorf("trimRule(%q) = %q, want %q", in, got, want)
		}
	}
}

// A subject set one line a paragraph, as typed Word 97 files set it, runs
// on over a line that gives the date of the document it names, a last
// line ending with a full stop, and a line after one that breaks at
// "NGÀY"; a V/v subject ends at its full stop, whatever short line comes
// next.
func TestSubjectOverCitedDate(t *testing.T) {
	const circular = `BỘ NÔNG NGHIỆP	CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM

Số: 41/1999/TT-BNN	Độc lập - Tự do - Hạnh phúc

Hà nội, ngày 2 tháng 3 năm 1999

THÔNG TƯ

Hướng dẫn thi hành Nghị định số 14/1998/NĐ-CP

ngày 6 tháng 3 năm 1998 của Chính phủ về quản lý

tài sản nhà nước tại các trạm thủy nông.

___________

Căn cứ Nghị định số 14/1998/NĐ-CP ngày 6 tháng 3 năm 1998 của Chính phủ;
`
	const capitals = `BỘ NÔNG NGHIỆP	CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM

Số: 42/1999/TT-BNN	Độc lập - Tự do - Hạnh phúc

Hà nội, ngày 9 tháng 3 năm 1999

THÔNG TƯ

SỬA ĐỔI MỘT SỐ ĐIỂM TẠI THÔNG TƯ 12 NN/TCCB, NGÀY

15/02/1997 CỦA BỘ NÔNG NGHIỆP VỀ KIỂM DỊCH THỰC VẬT

----------------------

Để thống nhất việc kiểm dịch thực vật, Bộ hướng dẫn như sau:
`
	const decree = `Nghị định của Chính phủ

số 77/2003/NĐ-CP ngày 1/7/2003

về việc quản lý giống cây trồng, vật nuôi

trong các trạm, trại của Nhà nước.

Chính phủ

Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
`
	for _, tt := range []struct{ text, title string }{
		{circular, "Thông tư hướng dẫn thi hành Nghị định số 14/1998/NĐ-CP ngày 6 tháng 3 năm 1998 của Chính phủ về quản lý tài sản nhà nước tại các trạm thủy nông."},
		{capitals, "Thông tư SỬA ĐỔI MỘT SỐ ĐIỂM TẠI THÔNG TƯ 12 NN/TCCB, NGÀY 15/02/1997 CỦA BỘ NÔNG NGHIỆP VỀ KIỂM DỊCH THỰC VẬT"},
		{decree, "về việc quản lý giống cây trồng, vật nuôi trong các trạm, trại của Nhà nước."},
	} {
		if got := Read(tt.text, Hint{}).Title.Text; got != tt.title {
			t.Errorf("title %q, want %q", got, tt.title)
		}
	}
	// a draft's own blank date line is not taken for a cited date
	draft := "ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố:    /KH-UBND\n\nKẾ HOẠCH\n\nTổ chức Ngày hội Đại đoàn kết\n\nngày    tháng    năm 2026\n\nCăn cứ Hướng dẫn của Ủy ban MTTQ huyện;\n"
	if got := Read(draft, Hint{}).Title.Text; got != "Kế hoạch tổ chức Ngày hội Đại đoàn kết" {
		t.Errorf("draft: title %q", got)
	}
}
