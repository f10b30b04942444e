package meta

import (
	"fmt"
	"strings"
	"testing"
)

// The fixtures below are written for these tests in the shapes of copies
// that legal portals publish: the signature replaced by a "(Đã ký)" mark,
// run onto the title or the name, and annexes after the signature with no
// "Nơi nhận:" list; names and numbers are made up.

// copyBody is the body of a circular, long enough that the signature does
// not stand among the last lines once annexes follow it.
var copyBody = strings.Repeat("Điều 2. Các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Thông tư này.\n\n", 12)

func copyWith(signature, after string) string {
	return "BỘ XÂY DỰNG\n\nSố: 17/2026/TT-BXD\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"Hà Nội, ngày 03 tháng 3 năm 2026\n\nTHÔNG TƯ\n\nQuy định về bảo trì công trình thủy lợi nhỏ\n\n" +
		"Căn cứ Luật Xây dựng;\n\n" + copyBody + signature + after
}

// annexes is what follows the signature of a copy: forms whose own
// signature lines leave the name blank.
var annexes = "\n\nPHỤ LỤC I\n\nMẪU BÁO CÁO\n\n" + strings.Repeat("Nội dung báo cáo theo từng hạng mục công trình.\n\n", 40) +
	"THỦ TRƯỞNG ĐƠN VỊ\n\n(Ký, ghi rõ họ tên)\n\n" + strings.Repeat("Ghi chú cách điền mẫu.\n\n", 10)

func TestSignedMarkOfCopies(t *testing.T) {
	recipients := "Nơi nhận:\n\n- Văn phòng Chính phủ;\n\n- Lưu: VT.\n\n"
	for _, c := range []struct {
		name, text, signer, capacity string
	}{
		{"mark glued to the title", copyWith(recipients+"KT. BỘ TRƯỞNG\n\nTHỨ TRƯỞNG(Đã ký) Hoàng Văn Lực\n", ""), "Hoàng Văn Lực", "KT. BỘ TRƯỞNG - THỨ TRƯỞNG"},
		{"mark before the name", copyWith(recipients+"KT. BỘ TRƯỞNG\n\nTHỨ TRƯỞNG\n\n(Đã ký) Đinh Thị Mai\n", ""), "Đinh Thị Mai", "KT. BỘ TRƯỞNG - THỨ TRƯỞNG"},
		{"mark glued to the name", copyWith(recipients+"KT. BỘ TRƯỞNG\n\nTHỨ TRƯỞNG Đã kýVõ Minh Tâm\n", ""), "Võ Minh Tâm", "KT. BỘ TRƯỞNG - THỨ TRƯỞNG"},
		{"title and name on one line", copyWith(recipients+"KT. BỘ TRƯỞNG\n\nTHỨ TRƯỞNG (Đã ký) Lê Quang Vinh\n", ""), "Lê Quang Vinh", "KT. BỘ TRƯỞNG - THỨ TRƯỞNG"},
		{"governor", copyWith(recipients+"KT. THỐNG ĐỐC\n\nPHÓ THỐNG ĐỐC\n\n(Đã ký)\n\nTạ Quang Huy\n", ""), "Tạ Quang Huy", "KT. THỐNG ĐỐC - PHÓ THỐNG ĐỐC"},
	} {
		r := Read(c.text, Hint{})
		if r.Signer.Text != c.signer || r.SignerCapacity.Text != c.capacity {
			t.Errorf("%s: signer %q (%q), want %q (%q)", c.name, r.Signer.Text, r.SignerCapacity.Text, c.signer, c.capacity)
		}
	}
}

func TestSignatureBeforeAnnexesWithoutRecipients(t *testing.T) {
	for _, c := range []struct {
		name, signature, signer string
	}{
		{"capacity", "KT. THỐNG ĐỐC\n\nPHÓ THỐNG ĐỐC Đào Minh Khôi", "Đào Minh Khôi"},
		{"title alone", "CHỦ TỊCH QUỐC HỘI\n\n( Đã ký)\n\nNguyễn Hữu Phước", "Nguyễn Hữu Phước"},
	} {
		r := Read(copyWith(c.signature, annexes), Hint{})
		if r.Signer.Text != c.signer {
			t.Errorf("%s: signer %q, want %q", c.name, r.Signer.Text, c.signer)
		}
		if r.Signer.Confidence >= 0.7 {
			t.Errorf("%s: signer found away from its place at %.2f, want it for review", c.name, r.Signer.Confidence)
		}
	}
	// the forms of the annexes alone give no name
	r := Read(copyWith("", annexes), Hint{})
	if r.Signer.Text != "" {
		t.Errorf("no signature: signer %q, want none", r.Signer.Text)
	}
}

func TestSiteNameIsNoIssuer(t *testing.T) {
	// a page saved from a portal whose header table was lost: the site's
	// name over the document is no issuing body
	text := "Văn bản pháp luật\n\nQUYẾT ĐỊNH\n\nQuy định tiêu chí xác nhận dự án thuộc danh mục phân loại xanh\n\n" +
		"Căn cứ Luật Tổ chức Chính phủ;\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuyết định này quy định tiêu chí môi trường.\n"
	r := Read(text, Hint{})
	if r.Issuer.Text != "" {
		t.Errorf("issuer %q (%.2f), want none", r.Issuer.Text, r.Issuer.Confidence)
	}
	if r.Type.Text != "Quyết định" {
		t.Errorf("type %q, want Quyết định", r.Type.Text)
	}
	// a body written the normal way is still one
	for _, s := range []string{"Ủy ban nhân dân xã Hòa An", "Đảng ủy xã Tân Phú", "Sở Nội vụ"} {
		if !isOrgLike(s) {
			t.Errorf("isOrgLike(%q) = false", s)
		}
	}
	for _, s := range []string{"Văn bản pháp luật", "Số liệu thống kê", "Bản sao y"} {
		if isOrgLike(s) {
			t.Errorf("isOrgLike(%q) = true", s)
		}
	}
}

func TestAuthorityLineUnderSubjectInCapitals(t *testing.T) {
	for _, c := range []struct {
		name, header, subject, authority, want string
	}{
		{"the issuer over two lines", "HỘI ĐỒNG BẦU CỬ\n\nQUỐC GIA", "QUY ĐỊNH MẪU PHIẾU BẦU CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP",
			"HỘI ĐỒNG BẦU CỬ QUỐC GIA", "Nghị quyết QUY ĐỊNH MẪU PHIẾU BẦU CỬ ĐẠI BIỂU HỘI ĐỒNG NHÂN DÂN CÁC CẤP"},
		{"the issuer's head", "UBND TỈNH BẮC HÀ", "VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TỔ CÔNG TÁC",
			"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC HÀ", "Nghị quyết VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TỔ CÔNG TÁC"},
		{"a sub-body and its parent", "ỦY BAN MTTQ VIỆT NAM\n\nXÃ TÂN LẬP\n\nBAN THƯỜNG TRỰC", "VỀ VIỆC THÀNH LẬP TỔ GIÚP VIỆC",
			"BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM XÃ TÂN LẬP", "Nghị quyết VỀ VIỆC THÀNH LẬP TỔ GIÚP VIỆC"},
		// a line of the subject that names another body carries it on
		{"not the issuer", "HỘI ĐỒNG NHÂN DÂN\n\nXÃ TÂN LẬP", "VỀ VIỆC GIÁM SÁT HOẠT ĐỘNG CỦA",
			"ỦY BAN NHÂN DÂN XÃ TÂN LẬP", "Nghị quyết VỀ VIỆC GIÁM SÁT HOẠT ĐỘNG CỦA ỦY BAN NHÂN DÂN XÃ TÂN LẬP"},
	} {
		text := c.header + "\n\nSố: 12/NQ-X\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n" +
			"Hà Nội, ngày 29 tháng 9 năm 2025\n\nNGHỊ QUYẾT\n\n" + c.subject + "\n\n" + c.authority + "\n\nCăn cứ Luật Bầu cử;\n\nQUYẾT NGHỊ:\n\nĐiều 1. Ban hành kèm theo.\n"
		if r := Read(text, Hint{}); r.Title.Text != c.want {
			t.Errorf("%s: title %q, want %q", c.name, r.Title.Text, c.want)
		}
	}
}

func TestSlashBeforeIssuer(t *testing.T) {
	text := "/ỦY BAN MTTQ VIỆT NAM\n\nXÃ TÂN LẬP\n\nBAN THƯỜNG TRỰC\n\nSố: /KH-MTTQ-BTT\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n" +
		"Độc lập - Tự do - Hạnh phúc\n\nTân Lập, ngày   tháng 01 năm 2026\n\nKẾ HOẠCH\n\nTổ chức hội nghị hiệp thương lần thứ hai\n\nCăn cứ Luật Bầu cử;\n"
	r := Read(text, Hint{})
	if want := "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Lập"; r.Issuer.Text != want {
		t.Errorf("issuer %q, want %q", r.Issuer.Text, want)
	}
}

func TestPortalPropertiesPage(t *testing.T) {
	// a portal's properties tab, as the reader of saved pages gives it:
	// the headline, then the table's labels and values
	text := "Văn bản pháp luật\n\nThông tư số 21/2025/TT-BXD Quy định về bảo trì công trình thủy lợi nhỏ\n\n" +
		"Ngày có hiệu lực: 01/01/2026\nSố hiệu: 21/2025/TT-BXD\nLoại văn bản: Thông tư\nNgày ban hành: 14/11/2025\n" +
		"Cơ quan ban hành: Bộ Xây dựng\nChức danh: Thứ trưởng\nNgười ký: Hoàng Văn Lực\n"
	r := Read(text, Hint{Title: "Văn bản pháp luật"})
	got := []string{r.Number.Text, r.Type.Text, r.Issuer.Text, r.Date.Text, r.Title.Text, r.Signer.Text, r.SignerCapacity.Text}
	want := []string{"21/2025/TT-BXD", "Thông tư", "Bộ Xây dựng", "2025-11-14", "Thông tư quy định về bảo trì công trình thủy lợi nhỏ", "Hoàng Văn Lực", "Thứ trưởng"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, got[i], want[i])
		}
	}
	if r.Article || r.Why["number"] == "" || r.Why["title"] == "" {
		t.Errorf("article %v, why %v", r.Article, r.Why)
	}
	if r.Date.Confidence >= 0.95 || r.Title.Confidence >= 0.95 {
		t.Errorf("metadata of a page read as surely as a header: date %.2f, title %.2f", r.Date.Confidence, r.Title.Confidence)
	}
}

func TestSubjectWrapsBeforeACitedNumber(t *testing.T) {
	text := "BỘ TÀI CHÍNH\n\nSố: 48/2025/TT-BTC\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 31 tháng 12 năm 2025\n\n" +
		"THÔNG TƯ\n\nHƯỚNG DẪN THI HÀNH NGHỊ QUYẾT SỐ\n\n97/2025/QH15 NGÀY 17 THÁNG 5 NĂM 2025 CỦA QUỐC HỘI\n\nVỀ CƠ CHẾ ĐẶC THÙ\n\n" +
		"Căn cứ Nghị quyết số 97/2025/QH15;\n\n1. Nội dung thứ nhất.\n"
	r := Read(text, Hint{})
	if want := "Thông tư HƯỚNG DẪN THI HÀNH NGHỊ QUYẾT SỐ 97/2025/QH15 NGÀY 17 THÁNG 5 NĂM 2025 CỦA QUỐC HỘI VỀ CƠ CHẾ ĐẶC THÙ"; r.Title.Text != want {
		t.Errorf("title %q, want %q", r.Title.Text, want)
	}
}

func TestSiteNameAsPageTitleIsForReview(t *testing.T) {
	// a page whose title is the portal's name and whose text is no
	// Vietnamese document (a translation)
	text := "Decree No. 12/2010/ND-CP on management of urban underground space\n\nTHE GOVERNMENT\n\nPursuant to the Law on Organization of the Government;\n\nArticle 1. Scope of regulation\n"
	r := Read(text, Hint{Title: "Văn bản pháp luật"})
	if r.Title.Confidence >= 0.7 || r.Type.Confidence >= 0.7 {
		t.Errorf("title %q at %.2f, type %q at %.2f: want both for review", r.Title.Text, r.Title.Confidence, r.Type.Text, r.Type.Confidence)
	}
}

// TestSignedMarkAfterTheName: a portal's copy may print the mark after
// the name, set off by a dash ("Lê Văn Sơn – Đã ký"): the name is the
// signer's, without the dash.
func TestSignedMarkAfterTheName(t *testing.T) {
	recipients := "Nơi nhận:\n\n- Văn phòng Chính phủ;\n\n- Lưu: VT.\n\n"
	for _, sig := range []string{"TỔNG THANH TRA\n\nLê Văn Sơn – Đã ký\n", "TỔNG THANH TRA\n\nLê Văn Sơn - Đã ký\n", "TỔNG THANH TRA\n\nLê Văn Sơn - (Đã ký)\n"} {
		r := Read(copyWith(recipients+sig, annexes), Hint{})
		if r.Signer.Text != "Lê Văn Sơn" {
			t.Errorf("%q: signer %q, want Lê Văn Sơn", sig, r.Signer.Text)
		}
	}
}

// TestSignatureBeforeFormsWithTheirOwnRecipients: a decree copied without
// its "Nơi nhận:" list is signed where its body closes ("./."), before the
// forms it issues; a form's own "Nơi nhận:" list, with a capacity and no
// name under it, does not hide that signature.
func TestSignatureBeforeFormsWithTheirOwnRecipients(t *testing.T) {
	form := "\n\nMẫu 1\n\nBẢN KẾT LUẬN XÁC MINH\n\n" + strings.Repeat("Nội dung xác minh theo từng khoản.\n\n", 40) +
		"Nơi nhận:\n\n- Cơ quan yêu cầu xác minh;\n\n- Lưu:\n\nNGƯỜI ĐỨNG ĐẦU CƠ QUAN, TỔ CHỨC\n\n(Ký tên)\n"
	closing := "Thông tư này có hiệu lực kể từ ngày ký./.\n\n"
	r := Read(copyWith(closing+"TM. CHÍNH PHỦ\n\nTHỦ TƯỚNG\n\nPhạm Văn Hòa", form), Hint{})
	if r.Signer.Text != "Phạm Văn Hòa" || r.SignerCapacity.Text != "TM. CHÍNH PHỦ - THỦ TƯỚNG" {
		t.Errorf("signer %q (%q), want Phạm Văn Hòa (TM. CHÍNH PHỦ - THỦ TƯỚNG)", r.Signer.Text, r.SignerCapacity.Text)
	}
}

// TestSignerUnderALongRecipientsList: a circular sent to many bodies has a
// "Nơi nhận:" list of twenty lines, blank lines between them, and its
// signature below the list's last line ("- Lưu ..."), forty lines under
// the list's head.
func TestSignerUnderALongRecipientsList(t *testing.T) {
	var b strings.Builder
	b.WriteString("Nơi nhận:\n\n")
	for i := 1; i <= 20; i++ {
		fmt.Fprintf(&b, "- Sở, ban, ngành số %d của tỉnh;\n\n", i)
	}
	b.WriteString("- Lưu VT, Vụ PC.\n\nTỔNG THANH TRA\n\nLê Văn Sơn – Đã ký\n")
	if r := Read(copyWith(b.String(), annexes), Hint{}); r.Signer.Text != "Lê Văn Sơn" || r.SignerCapacity.Text != "TỔNG THANH TRA" {
		t.Errorf("signer %q (%q), want Lê Văn Sơn (TỔNG THANH TRA)", r.Signer.Text, r.SignerCapacity.Text)
	}
}
