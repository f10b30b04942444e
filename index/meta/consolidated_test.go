package meta

import (
	"fmt"
	"strings"
	"testing"
)

// The fixtures below are written for these tests in the shapes that
// consolidated texts (văn bản hợp nhất) and the official gazette's copies
// take once their text is extracted; names and numbers are made up.

// consolidatedBody is the text a consolidated circular starts with: the
// header of the circular consolidated, which has no number or date.
const consolidatedBody = `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

THÔNG TƯ
Hướng dẫn quản lý chất lượng vật liệu xây dựng tại công trình nhà ở riêng lẻ

Thông tư số 07/2019/TT-BXD ngày 12 tháng 8 năm 2019 của Bộ trưởng Bộ Xây dựng hướng dẫn quản lý chất lượng vật liệu xây dựng tại công trình nhà ở riêng lẻ, có hiệu lực kể từ ngày 01 tháng 10 năm 2019, được sửa đổi, bổ sung bởi:

Thông tư số 03/2023/TT-BXD ngày 20 tháng 3 năm 2023 của Bộ trưởng Bộ Xây dựng sửa đổi, bổ sung một số điều của Thông tư số 07/2019/TT-BXD, có hiệu lực kể từ ngày 05 tháng 5 năm 2023.

Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014;

Bộ trưởng Bộ Xây dựng ban hành Thông tư hướng dẫn quản lý chất lượng vật liệu xây dựng tại công trình nhà ở riêng lẻ.

Điều 1. Phạm vi điều chỉnh
Thông tư này hướng dẫn quản lý chất lượng vật liệu xây dựng.

Điều 2. Hiệu lực thi hành
1. Thông tư này có hiệu lực kể từ ngày 01 tháng 10 năm 2019.
2. Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ Xây dựng để được hướng dẫn./.

`

// consolidatedAnnex follows the block: an annex of the circular.
const consolidatedAnnex = `
Phụ lục
MẪU BIÊN BẢN KIỂM TRA VẬT LIỆU
(Kèm theo Thông tư số 07/2019/TT-BXD ngày 12 tháng 8 năm 2019 của Bộ trưởng Bộ Xây dựng)

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
BIÊN BẢN KIỂM TRA
Họ và tên: ....................
`

func TestConsolidatedText(t *testing.T) {
	blocks := map[string]string{
		// the body's name over two lines, the number under it, the
		// words beside it, the place and date under the words
		"number first": "BỘ XÂY DỰNG - NHÀ Ở\nVÀ ĐÔ THỊ\nSố: 18/VBHN-BXD\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 21 tháng 6 năm 2024\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLê Quang Hòa\n",
		// the words first, then the number
		"words first": "BỘ XÂY DỰNG - NHÀ Ở\nVÀ ĐÔ THỊ\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\n\nSố: 18/VBHN-BXD\nHà Nội, ngày 21 tháng 6 năm 2024\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLê Quang Hòa\n",
		// the columns glued: the name and the number on one line
		"glued": "BỘ XÂY DỰNG - NHÀ Ở VÀ ĐÔ THỊ Số: 18/VBHN-BXD\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 21 tháng 6 năm 2024\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nLê Quang Hòa\n",
	}
	for name, block := range blocks {
		for _, annex := range []string{"", consolidatedAnnex} {
			for _, heading := range []string{"", "VĂN BẢN PHÁP LUẬT KHÁC\n\nVĂN BẢN HỢP NHẤT - BỘ XÂY DỰNG - NHÀ Ở VÀ ĐÔ THỊ\n\n", "VĂN BẢN HỢP NHẤT -\nBỘ XÂY DỰNG - NHÀ Ở VÀ ĐÔ THỊ\n\n"} {
				r := Read(heading+consolidatedBody+block+annex, Hint{FileName: "vbhn.pdf"})
				got := []string{r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Signer.Text, r.Place.Text}
				want := []string{"18/VBHN-BXD", "Văn bản hợp nhất", "Bộ Xây dựng - Nhà ở và Đô thị", "2024-06-21", "Lê Quang Hòa", "Hà Nội"}
				what := fmt.Sprintf("%s (annex %t, heading %t)", name, annex != "", heading != "")
				for i := range want {
					if !strings.EqualFold(got[i], want[i]) {
						t.Errorf("%s: field %d = %q, want %q", what, i, got[i], want[i])
					}
				}
				for f, v := range map[string]Value{"number": r.Number, "type": r.Type, "date": r.Date, "issuer": r.Issuer, "signer": r.Signer} {
					if v.Confidence < 0.7 || !strings.Contains(r.Why[f], "xác thực văn bản hợp nhất") {
						t.Errorf("%s: %s confidence %.2f why %q", what, f, v.Confidence, r.Why[f])
					}
				}
				if r.Year != 2024 || r.SignerCapacity.Text != "KT. BỘ TRƯỞNG - THỨ TRƯỞNG" {
					t.Errorf("%s: year %d capacity %q", what, r.Year, r.SignerCapacity.Text)
				}
				if !strings.HasPrefix(r.Title.Text, "Thông tư hướng dẫn quản lý chất lượng vật liệu") {
					t.Errorf("%s: title %q: the title is the consolidated circular's", what, r.Title.Text)
				}
			}
		}
	}
}

func TestConsolidationBlockNeedsItsNumber(t *testing.T) {
	// A document with a number of its own keeps it; a block without a
	// VBHN number is no consolidation's; the words quoted in a body are no block.
	own := "BỘ XÂY DỰNG\nSố: 07/2019/TT-BXD\n" + strings.Replace(consolidatedBody, "Độc lập - Tự do - Hạnh phúc\n", "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 12 tháng 8 năm 2019\n", 1) +
		"BỘ TRƯỞNG\n\nNguyễn Văn Tâm\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\nSố: 18/VBHN-BXD\nHà Nội, ngày 21 tháng 6 năm 2024\n"
	r := Read(own, Hint{})
	if r.Number.Text != "07/2019/TT-BXD" || r.Type.Text != "Thông tư" || r.Date.Text != "2019-08-12" {
		t.Errorf("own number: %q %q %q, want the header's", r.Number.Text, r.Type.Text, r.Date.Text)
	}
	noNumber := consolidatedBody + "BỘ XÂY DỰNG\n\nXÁC THỰC VĂN BẢN HỢP NHẤT\nHà Nội, ngày 21 tháng 6 năm 2024\nKT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nLê Quang Hòa\n"
	r = Read(noNumber, Hint{})
	if r.Number.Text != "" || r.Date.Text == "2024-06-21" || r.Type.Confidence >= 0.7 {
		t.Errorf("no VBHN number: %q %q %q (%.2f), want no number or date and the type for review", r.Number.Text, r.Date.Text, r.Type.Text, r.Type.Confidence)
	}
	quoted := consolidatedBody + "Điều 3. Văn bản này được đăng kèm dòng chữ XÁC THỰC VĂN BẢN HỢP NHẤT theo Số: 18/VBHN-BXD.\n"
	if r = Read(quoted, Hint{}); r.Number.Text != "" {
		t.Errorf("words in a sentence: number %q", r.Number.Text)
	}
}

// gazetteCopy is a circular as the official gazette reprints it: the
// section heading and the body's name over the header, which names the
// body again; no "Nơi nhận:", and annexes for pages after the signature.
const gazetteCopy = `VĂN BẢN QUY PHẠM PHÁP LUẬT

BỘ XÂY DỰNG

BỘ XÂY DỰNG C ỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 09/2025/TT-BXD

Hà Nội, ngày 14 tháng 3 năm 2025

THÔNG TƯ
Quy định mẫu hồ sơ đề nghị cấp giấy phép xây dựng

Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014;

Điều 1. Phạm vi điều chỉnh
Thông tư này quy định mẫu hồ sơ.

Điều 2. Hiệu lực thi hành
Thông tư này có hiệu lực từ ngày 01 tháng 5 năm 2025.
Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Bộ Xây dựng để được hướng dẫn./.

KT. BỘ TRƯỞNG
THỨ TRƯỞNG

Phan Thị Mỹ Hạnh

Phụ lục
CÁC MẪU HỒ SƠ
(Kèm theo Thông tư số 09/2025/TT-BXD ngày 14 tháng 3 năm 2025 của Bộ trưởng Bộ Xây dựng)
`

func TestGazetteCopy(t *testing.T) {
	var annex strings.Builder
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&annex, "Mẫu số %02d\nTÊN CƠ QUAN\nĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP\nKính gửi: ....................\n\n", i)
	}
	r := Read(gazetteCopy+annex.String(), Hint{FileName: "tt.pdf"})
	if r.Issuer.Text != "Bộ Xây dựng" || r.Issuer.Confidence < 0.7 {
		t.Errorf("issuer %q (%.2f): the gazette's heading and the name it repeats are no part of it", r.Issuer.Text, r.Issuer.Confidence)
	}
	if r.Number.Text != "09/2025/TT-BXD" || r.Date.Text != "2025-03-14" {
		t.Errorf("number %q date %q", r.Number.Text, r.Date.Text)
	}
	if r.Signer.Text != "Phan Thị Mỹ Hạnh" || r.SignerCapacity.Text != "KT. BỘ TRƯỞNG - THỨ TRƯỞNG" || r.Signer.Confidence < 0.7 {
		t.Errorf("signer %q (%.2f) capacity %q: the block under the closing ./.", r.Signer.Text, r.Signer.Confidence, r.SignerCapacity.Text)
	}
	// without the closing mark, a block in the first quarter is not looked for
	r = Read(strings.Replace(gazetteCopy, "hướng dẫn./.", "hướng dẫn.", 1)+annex.String(), Hint{FileName: "tt.pdf"})
	if r.Signer.Text == "Phan Thị Mỹ Hạnh" {
		t.Errorf("signer %q read without the closing mark", r.Signer.Text)
	}
}

func TestGazetteHeading(t *testing.T) {
	for s, want := range map[string]bool{
		"VĂN BẢN QUY PHẠM PHÁP LUẬT": true, "VĂN BẢN PHÁP LUẬT KHÁC": true, "CÔNG BÁO/Số 321/Ngày 10-06-2026": true,
		"VĂN PHÒNG QUỐC HỘI": false, "CHÍNH PHỦ": false, "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH": false,
	} {
		if gazetteHeading(s) != want {
			t.Errorf("gazetteHeading(%q) = %t", s, !want)
		}
	}
}

func TestSignStampOutOfCapacity(t *testing.T) {
	head := "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" +
		"An Bình, ngày 03 tháng 4 năm 2025\nKẾ HOẠCH\nTổ chức ngày hội đại đoàn kết\nI. MỤC ĐÍCH\nNội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"
	for _, sig := range []string{
		"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n[ KÝ BỞI CHỮ KÝ SỐ HỢP LỆ ]\nNguyễn Văn Bình\n",
		"TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH [ KÝ BỞI CHỮ KÝ SỐ HỢP LỆ ] Nguyễn Văn Bình\n",
		"TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH [Đã ký]\nNguyễn Văn Bình\n",
	} {
		r := Read(head+sig, Hint{})
		if r.Signer.Text != "Nguyễn Văn Bình" || strings.Contains(r.SignerCapacity.Text, "KÝ") || strings.Contains(r.SignerCapacity.Text, "ký") ||
			!strings.HasSuffix(r.SignerCapacity.Text, "PHÓ CHỦ TỊCH") {
			t.Errorf("%q: signer %q capacity %q", sig, r.Signer.Text, r.SignerCapacity.Text)
		}
	}
}

func TestConsolidatedTextWithoutItsBlock(t *testing.T) {
	// the file lost the pages of the closing block: the gazette's heading
	// still says what the text is, for review
	for _, heading := range []string{"VĂN BẢN HỢP NHẤT - BỘ XÂY DỰNG\n\n", "VĂN BẢN PHÁP LUẬT KHÁC\n\nVĂN BẢN HỢP NHẤT -\nBỘ XÂY DỰNG\n\n"} {
		r := Read(heading+consolidatedBody, Hint{})
		if r.Type.Text != "Văn bản hợp nhất" || r.Issuer.Text != "Bộ Xây dựng" || r.Number.Text != "" || r.Date.Text != "" {
			t.Errorf("%q: type %q issuer %q number %q date %q", heading, r.Type.Text, r.Issuer.Text, r.Number.Text, r.Date.Text)
		}
		if r.Type.Confidence >= 0.7 || r.Issuer.Confidence >= 0.7 || !strings.Contains(r.Why["type"], "cần xem lại") {
			t.Errorf("%q: type %.2f issuer %.2f why %q: a guess from the gazette's heading is for review", heading, r.Type.Confidence, r.Issuer.Confidence, r.Why["type"])
		}
		if !strings.HasPrefix(r.Title.Text, "Thông tư hướng dẫn quản lý chất lượng") {
			t.Errorf("%q: title %q", heading, r.Title.Text)
		}
	}
}

func TestConsolidatedTextByItsPreamble(t *testing.T) {
	// neither the block nor the gazette's heading: the paragraph under the
	// subject ("..., được sửa đổi, bổ sung bởi:") says what the text is
	r := Read(consolidatedBody, Hint{})
	if r.Type.Text != "Văn bản hợp nhất" || r.Type.Confidence >= 0.7 || !strings.Contains(r.Why["type"], "đoạn mở đầu") {
		t.Errorf("type %q (%.2f) why %q", r.Type.Text, r.Type.Confidence, r.Why["type"])
	}
	// a circular whose grounds cite an amended law is no consolidated text
	own := strings.Replace(consolidatedBody, "Độc lập - Tự do - Hạnh phúc\n", "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 12 tháng 8 năm 2019\n", 1)
	own = "BỘ XÂY DỰNG\nSố: 07/2019/TT-BXD\n" + own
	if r = Read(own, Hint{}); r.Type.Text != "Thông tư" {
		t.Errorf("with its own number: type %q", r.Type.Text)
	}
	cites := strings.Replace(consolidatedBody, ", được sửa đổi, bổ sung bởi:", ";", 1)
	cites = strings.Replace(cites, "Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014;", "Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014 được sửa đổi, bổ sung bởi Luật số 62/2020/QH14;", 1)
	if r = Read(cites, Hint{}); r.Type.Text != "Thông tư" {
		t.Errorf("grounds citing an amended law: type %q", r.Type.Text)
	}
}

func TestNumberInTwoGroups(t *testing.T) {
	text := "CHÍNH PHỦ\nSố: 66.17/2026/NQ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 15 tháng 5 năm 2026\n" +
		"NGHỊ QUYẾT\nCắt giảm ngành, nghề kinh doanh có điều kiện\nCăn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Nội dung.\n"
	r := Read(text, Hint{})
	if r.Number.Text != "66.17/2026/NQ-CP" || r.Year != 2026 || r.Type.Text != "Nghị quyết" {
		t.Errorf("number %q year %d type %q", r.Number.Text, r.Year, r.Type.Text)
	}
}

// TestConsolidatedTitleFootnote: a gazette's consolidated text whose type
// line carries a footnote mark (raised onto a line of its own by the
// PDF), and whose opening paragraph, split by blank lines, cites the
// text consolidated: the title is the subject alone.
func TestConsolidatedTitleFootnote(t *testing.T) {
	for name, mark := range map[string]string{"digit": "1\n\n", "two digits": "12\n\n", "none": ""} {
		text := "CÔNG BÁO/Số 301/Ngày 12-05-2026\n\n3\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nTHÔNG TƯ\n\n" + mark +
			"Quy định về quản lý kho lưu trữ số\n\nThông tư số 45/2025/TT-BNV ngày 14 tháng 11 năm 2025 của Bộ Nội\n\n" +
			"vụ quy định về quản lý kho lưu trữ số, có hiệu lực kể từ ngày 01 tháng 01 năm 2026 được sửa đổi, bổ sung bởi:\n\n" +
			"Thông tư số 08/2026/TT-BNV ngày 20 tháng 3 năm 2026 của Bộ Nội vụ sửa đổi, bổ sung một số điều, có hiệu lực kể từ ngày 01 tháng 5 năm 2026.\n\n" +
			"Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;\n\nĐiều 1. Phạm vi điều chỉnh\nThông tư này quy định về quản lý kho lưu trữ số.\n"
		r := Read(text, Hint{FileName: "vbhn.pdf"})
		if r.Title.Text != "Thông tư quy định về quản lý kho lưu trữ số" {
			t.Errorf("%s: title %q", name, r.Title.Text)
		}
	}
	// a subject that breaks off before the document it names goes on
	text := "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\n\nSố: 12/KH-UBND\n\nLâm Đồng, ngày 03 tháng 02 năm 2026\n\nKẾ HOẠCH\n\nTriển khai thực hiện theo\n\nQuyết định số 45/QĐ-TTg ngày 10 tháng 01 năm 2026 của Thủ tướng Chính phủ\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
	if r := Read(text, Hint{}); !strings.Contains(r.Title.Text, "Quyết định số 45/QĐ-TTg") {
		t.Errorf("subject cut before the document it names: %q", r.Title.Text)
	}
}
