package meta

import (
	"fmt"
	"testing"
)

func TestIsPersonName(t *testing.T) {
	tests := map[string]bool{
		"Nguyễn Văn An":   true,
		"Trương Thị Thư":  true,
		"NGUYỄN VĂN AN":   false, // never all capitals (see upperName)
		"ĐẠI DIỆN CỬ TRI": false,
		"HUYỆN ỦY":        false,
		"BÍ THƯ":          false,
		"PHÓ CHỦ TỊCH":    false,
		"Ký tên":          false,
		"Lưu VP":          false,
		"Nguyễn Văn 2":    false,
		"An":              false,
		"Bình Thuận":      false, // a province
		"Lâm Đồng":        false,
	}
	for in, want := range tests {
		if got := isPersonName(in); got != want {
			t.Errorf("isPersonName(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestSignerUnderAList: a province's name wrapped onto a line of its own
// in a list's table, over the signature, is no signer.
func TestSignerUnderAList(t *testing.T) {
	text := "UBND TỈNH PHÚ YÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHIỆP HỘI DU LỊCH\nĐộc lập - Tự do - Hạnh phúc\n\n" +
		"DANH SÁCH BAN KIỂM TRA HIỆP HỘI DU LỊCH TỈNH PHÚ YÊN\nKHÓA III, NHIỆM KỲ (2025-2030)\n\nSTT\nHọ và tên\nĐơn vị\nChức danh\n\n" +
		"1 | Trần Văn Hà\nGiám đốc Chi nhánh Công ty TNHH | Trưởng ban\nTM DV Du lịch Sao Biển\n\n" +
		"2 | Lê Thị Mai | Giám đốc Công ty Bảo hiểm| Ủy viên\nPhú Yên\n\nt\n\n" +
		"3 | Đỗ Văn Cường | Giám đốc Công ty Lữ hành | Ủy viên\nvà Sự kiện Phú Yên\n\n" +
		"TM. BAN CHẤP HÀNH\n_NHIỆM KỲ II (2020-2025)\nPHÓ CHỦ TỊCH THƯỜNG TRỰC\n\nsh r Nx\n\n=5 số bà\n\n`Võ Văn Tám\n"
	r := Read(text, Hint{OCR: true})
	if r.Signer.Text != "Võ Văn Tám" {
		t.Errorf("signer %q, want Võ Văn Tám", r.Signer.Text)
	}
}

func TestSignerSeparateLines(t *testing.T) {
	text := "HUYỆN ỦY CHỢ MỚI\nSố 3-TB/HU\nTHÔNG BÁO\nVề việc họp\n\nNội dung.\n\n" +
		"Nơi nhận:\n- Như trên;\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nHUYỆN ỦY\nPHÓ BÍ THƯ\n(Ký, đóng dấu)\nTRƯƠNG VĂN HẢI\n"
	r := Read(text, Hint{})
	if r.Signer.Text != "Trương Văn Hải" || r.SignerCapacity.Text != "T/M BAN THƯỜNG VỤ - HUYỆN ỦY - PHÓ BÍ THƯ" {
		t.Errorf("signer %q, capacity %q", r.Signer.Text, r.SignerCapacity.Text)
	}
	if len(r.Recipients) != 2 || r.Recipients[0] != "Như trên" || r.Recipients[1] != "Lưu VP" {
		t.Errorf("recipients %q", r.Recipients)
	}
}

// A typed file's signer spaced across beside a recipient line comes out
// of extraction in a cell of its own (a tab): it is the signer's name.
func TestSignerBesideRecipients(t *testing.T) {
	text := "BỘ NÔNG NGHIỆP\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 41/1999/TT-BNN\nHà nội, ngày 2 tháng 3 năm 1999\n\nTHÔNG TƯ\n\nHướng dẫn quản lý trạm thủy nông\n\nNội dung.\n\n" +
		"KT/BỘ TRƯỞNG BỘ NÔNG NGHIỆP\n\nTHỨ TRƯỞNG\n\nNơi nhận:\n\n- Văn phòng Chính phủ\n\n- Các Bộ, cơ quan ngang Bộ, cơ quan\n\nkhác thuộc Chính phủ\n\n" +
		"- UBND các tỉnh,\n\nthành phố thuộc TW\tĐinh Văn Lộc\n\n- Lưu: VP\n"
	if r := Read(text, Hint{}); r.Signer.Text != "Đinh Văn Lộc" {
		t.Errorf("signer %q", r.Signer.Text)
	}
}

// TestOldRecipientsHead: papers of the 1990s head their recipients list
// "Nơi gửi:" and set the signature under it, its capacity glued to "KT.",
// before the long text the paper issues: the signer is read as under
// "Nơi nhận:".
func TestOldRecipientsHead(t *testing.T) {
	text := "BỘ TÀI CHÍNH\n\nSố: 15/1999/QĐ-BTC\n\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\nHà Nội, ngày 10 tháng 3 năm 1999\n\n" +
		"QUYẾT ĐỊNH CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH\n\nVề việc ban hành chế độ báo cáo thống kê\n\nBỘ TRƯỞNG BỘ TÀI CHÍNH\n\n" +
		"QUYẾT ĐỊNH:\n\nĐiều 1: Ban hành kèm theo Quyết định này chế độ báo cáo thống kê.\n\nĐiều 2: Quyết định này có hiệu lực từ ngày ký./.\n\n" +
		"Nơi gửi:\n\n- Văn phòng Chính phủ;\n\n- Các Bộ, cơ quan ngang Bộ;\n\n- Lưu VP.\nKT.BỘ TRƯỞNG BỘ TÀI CHÍNH\n\nThứ trưởng\n\nLê Văn Bình\n\n" +
		"CHẾ ĐỘ BÁO CÁO THỐNG KÊ\n\nPhần I\n\nQUY ĐỊNH CHUNG\n"
	for i := range 80 { // the regime it issues, long, with no signature of its own
		text += fmt.Sprintf("\n%d. Đơn vị lập báo cáo theo biểu số %d gửi cơ quan tài chính cùng cấp.\n", i+1, i+1)
	}
	r := Read(text, Hint{FileName: "x.doc"})
	if r.Signer.Text != "Lê Văn Bình" {
		t.Errorf("signer %q (%s)", r.Signer.Text, r.Why["signer"])
	}
}

// TestCompanyTradeIsNoCapacity: a company's name wrapped over the
// signature ("CÔNG TY TNHH" over "TM DV PHÚ TÂN") has "TM" for "thương mại"
// before "DV" (dịch vụ), not "TM." for "thay mặt": the capacity is the
// director's title. Names are made up.
func TestCompanyTradeIsNoCapacity(t *testing.T) {
	text := "CÔNG TY TNHH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTM DV PHÚ TÂN\tĐộc lập - Tự do - Hạnh phúc\nSố: 12/2025/CV-PT\tAn Giang, ngày 05 tháng 3 năm 2025\n" +
		"V/v đề nghị cấp phép quảng cáo\n\nKính gửi: Sở Văn hóa\n\nCông ty đề nghị.\n\nNơi nhận:\n- Như trên;\n- Lưu VT.\nCÔNG TY TNHH\nTM DV PHÚ TÂN\nGIÁM ĐỐC\n\nNguyễn Văn An\n"
	r := Read(text, Hint{})
	if r.Signer.Text != "Nguyễn Văn An" || r.SignerCapacity.Text != "GIÁM ĐỐC" {
		t.Errorf("signer %q capacity %q, want Nguyễn Văn An, GIÁM ĐỐC", r.Signer.Text, r.SignerCapacity.Text)
	}
}
