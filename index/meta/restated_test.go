package meta

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Fixtures of the shapes found in real archives (text invented here).

// partyLetterPlain is a party công văn sent through e-office: its subject
// stands under the number with no "V/v" (Hướng dẫn 36-HD/VPTW), the
// number and the day are left blank for the system to stamp, and the
// stamp's figures and the signature's time fall among the lines.
const partyLetterPlain = `ĐẢNG BỘ TỈNH AN GIANG
ĐẢNG UỶ XÃ KIẾN AN
*
Số -CV/ĐU
Mời dự hội nghị sơ kết công tác
dân vận quý III
ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày tháng 9 năm 2025
Kính gửi: - Các đồng chí Đảng uỷ viên,
- Các chi bộ trực thuộc.
Thường trực Đảng uỷ kính mời các đồng chí dự hội nghị sơ kết công tác dân vận.
1. Thời gian: 08 giờ 00, ngày 30/9/2025.
2. Địa điểm: Hội trường UBND xã.
214
Đề nghị các đồng chí dự đầy đủ./.
Nơi nhận:
- Như trên,
- Lưu VPĐU.
T/L BAN THƯỜNG VỤ
CHÁNH VĂN PHÒNG
Lê Văn Bình
ĐẢNG UỶ XÃ KIẾN AN
26-09-2025 10:15:00 +07:00
`

// letterOpensBody is a letter whose first sentence follows its number:
// no header line ends it, so it is not a subject.
const letterOpensBody = `ỦY BAN NHÂN DÂN
XÃ KIẾN AN
Số: 88/UBND
Thực hiện chỉ đạo của Ủy ban nhân dân huyện về việc rà soát hộ nghèo
năm 2025, Ủy ban nhân dân xã đề nghị các ấp khẩn trương thực hiện các
nội dung sau đây để kịp báo cáo huyện đúng thời gian quy định, cụ thể là
rà soát, lập danh sách hộ nghèo, hộ cận nghèo theo mẫu đính kèm.
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kiến An, ngày 05 tháng 3 năm 2025
Kính gửi: Ban nhân dân các ấp.
`

// lawdataCircular is a circular as a legal database reprints it: the
// database's page header stands where an issuer would, and the heading
// names the issuer, the number and the date in one sentence.
const lawdataCircular = `3
VĂN PHÒNG QUỐC HỘI	CƠ SỞ DỮ LIỆU LUẬT VIỆT NAM LAWDATA
THÔNG TƯ
CỦA BỘ NÔNG NGHIỆP SỐ 45/1999/TT/BNN NGÀY 12 THÁNG 3 NĂM 1999 HƯỚNG DẪN
VIỆC CẤP GIẤY PHÉP KHAI THÁC THUỶ SẢN
Căn cứ Nghị định số 73/CP ngày 01/11/1995 của Chính phủ;
Bộ Nông nghiệp hướng dẫn như sau:
I. PHẠM VI ÁP DỤNG
`

// jointCircular is a joint circular in the same reprint: "LIÊN TỊCH"
// names the issuers, and the number and date run onto the next lines.
const jointCircular = `VĂN PHÒNG QUỐC HỘI	CƠ SỞ DỮ LIỆU LUẬT VIỆT NAM LAWDATA
THÔNG TƯ
LIÊN TỊCH CỦA BỘ TÀI CHÍNH - BỘ THƯƠNG MẠI
SỐ 07/2001/TTLT-BTC-BTM
NGÀY 20 THÁNG 2 NĂM 2001 HƯỚNG DẪN THU PHÍ KIỂM DỊCH
Căn cứ Pháp lệnh phí và lệ phí;
`

// decreeWebCopy is a decree as a ministry's site published it, in small
// letters: the heading is the only header it has, and the body cites a
// law of an older date first.
const decreeWebCopy = `Nghị định của Chính phủ số 52/2004/NĐ-CP
ngày 15/3/2004 về tổ chức hội nông dân cấp xã.
Chính phủ
Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;
Theo đề nghị của Bộ trưởng Bộ Nội vụ,
Nghị Định:
Điều 1. Phạm vi áp dụng
Nghị định này quy định về tổ chức hội nông dân ở xã.
TM. CHÍNH PHỦ
Thủ tướng
Trần Văn Minh
`

// decreeWithHeader has header cells and a number of its own; its body
// quotes another decree's heading near the top.
const decreeWithHeader = `CHÍNH PHỦ
Số: 30/2005/NĐ-CP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 10 tháng 3 năm 2005
NGHỊ ĐỊNH
Sửa đổi Nghị định của Chính phủ số 52/2004/NĐ-CP ngày 15/3/2004 về tổ chức hội nông dân
CHÍNH PHỦ
`

// draftOldHeading is a draft with its number cell left blank, over an
// older heading that restates a number: the blank is the paper's.
const draftOldHeading = `ỦY BAN NHÂN DÂN
TỈNH AN GIANG
Số:      /QĐ-UBND
QUYẾT ĐỊNH
CỦA ỦY BAN NHÂN DÂN TỈNH SỐ 12/QĐ-UBND NGÀY 5 THÁNG 1 NĂM 2026 VỀ VIỆC BÃI BỎ
Căn cứ Luật Tổ chức chính quyền địa phương;
`

func TestPlainSubjectOfLetter(t *testing.T) {
	r := Read(partyLetterPlain, Hint{})
	if r.Title.Text != "Mời dự hội nghị sơ kết công tác dân vận quý III" || r.Type.Text != "Công văn" {
		t.Errorf("party letter: title %q, type %q", r.Title.Text, r.Type.Text)
	}
	if r.Number.Text != "" || r.Date.Text != "" || r.Year != 2025 {
		t.Errorf("party letter: number %q, date %q, year %d; want the blanks left blank", r.Number.Text, r.Date.Text, r.Year)
	}
	if r.Signer.Text != "Lê Văn Bình" {
		t.Errorf("party letter: signer %q", r.Signer.Text)
	}
	if r := Read(letterOpensBody, Hint{}); r.Title.Text != "" {
		t.Errorf("a letter's first sentence taken as its subject: %q", r.Title.Text)
	}
}

func TestRestatedHeading(t *testing.T) {
	tests := []struct {
		name, text                       string
		number, issuer, date, typ, title string
	}{
		{"database reprint", lawdataCircular, "45/1999/TT/BNN", "Bộ Nông nghiệp", "1999-03-12", "Thông tư", "Thông tư HƯỚNG DẪN VIỆC CẤP GIẤY PHÉP KHAI THÁC THUỶ SẢN"},
		{"joint circular over three lines", jointCircular, "07/2001/TTLT-BTC-BTM", "Bộ Tài chính - Bộ Thương mại", "2001-02-20", "Thông tư", "Thông tư HƯỚNG DẪN THU PHÍ KIỂM DỊCH"},
		{"web copy in small letters", decreeWebCopy, "52/2004/NĐ-CP", "Chính phủ", "2004-03-15", "Nghị định", "Nghị định về tổ chức hội nông dân cấp xã"},
		{"own header wins", decreeWithHeader, "30/2005/NĐ-CP", "Chính phủ", "2005-03-10", "Nghị định", "Nghị định sửa đổi Nghị định của Chính phủ số 52/2004/NĐ-CP ngày 15/3/2004 về tổ chức hội nông dân"},
		{"draft's blank number kept", draftOldHeading, "", "Ủy ban nhân dân tỉnh An Giang", "", "Quyết định", ""},
	}
	for _, tt := range tests {
		r := Read(tt.text, Hint{})
		if r.Number.Text != tt.number || r.Issuer.Text != tt.issuer || r.Date.Text != tt.date || r.Type.Text != tt.typ {
			t.Errorf("%s: number %q issuer %q date %q type %q; want %q %q %q %q", tt.name,
				r.Number.Text, r.Issuer.Text, r.Date.Text, r.Type.Text, tt.number, tt.issuer, tt.date, tt.typ)
		}
		if tt.title != "" && r.Title.Text != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, r.Title.Text, tt.title)
		}
	}
}

// TestRestatedNeedsItsWords holds mayBeRestated, the quick test before
// restatedHeadRe, to the expression: wherever the expression matches the
// joined lines, the quick test passes (else a heading would be missed).
// Headings of every case the expression takes, then the same cut and
// spliced at random.
func TestRestatedNeedsItsWords(t *testing.T) {
	headings := [][]string{
		{"THÔNG TƯ", "CỦA BỘ NÔNG NGHIỆP SỐ 45/1999/TT/BNN NGÀY 12 THÁNG 3 NĂM 1999 HƯỚNG DẪN"},
		{"Nghị định của Chính phủ số 114/2003/NĐ-CP", "ngày 10/10/2003 về cán bộ"},
		{"Quyết định Của Ủy ban nhân dân tỉnh Số: 12/QĐ-UBND Ngày 3 tháng 4 năm 2020"},
		{"THÔNG TƯ LIÊN TỊCH", "LIÊN TỊCH BỘ TÀI CHÍNH - BỘ CÔNG NGHIỆP SỐ 7/2001/TTLT-BTC-BCN", "NGÀY 05-02-2001"},
		{"Chỉ thị", "của", "Thủ tướng Chính phủ", "số 15/CT-TTg", "ngày 27/3/2020"},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	matched := 0
	for round := range 3000 {
		parts := slices.Clone(headings[round%len(headings)])
		if round >= len(headings) {
			for range 1 + rng.IntN(3) {
				k := rng.IntN(len(parts))
				p := []rune(parts[k])
				i, j := rng.IntN(len(p)+1), rng.IntN(len(p)+1)
				i, j = min(i, j), max(i, j)
				other := []rune(headings[rng.IntN(len(headings))][0])
				a := rng.IntN(len(other) + 1)
				parts[k] = string(p[:i]) + string(other[a:min(len(other), a+rng.IntN(6))]) + string(p[j:])
			}
		}
		if restatedHeadRe.MatchString(strings.Join(parts, " ")) {
			matched++
			if !mayBeRestated(parts) {
				t.Fatalf("%q: the expression matches, the quick test refuses", parts)
			}
		}
	}
	if matched < len(headings) {
		t.Fatalf("only %d matches", matched)
	}
	if mayBeRestated([]string{"THÔNG TƯ", "CỦA BỘ TÀI CHÍNH HƯỚNG DẪN"}) {
		t.Error("lines without a number or a date pass the quick test")
	}
}
