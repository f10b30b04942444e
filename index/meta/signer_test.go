package meta

import "testing"

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
	}
	for in, want := range tests {
		if got := isPersonName(in); got != want {
			t.Errorf("isPersonName(%q) = %v, want %v", in, got, want)
		}
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
