package meta

import "testing"

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
		"TỔ ĐÁNH GIÁ CHỈ SỐ CCHC":                   "Tổ đánh giá chỉ số CCHC",
		"SỞ TRUYỀN THÔNG":                           "Sở Truyền thông",
		"TRUNG TAM VIEN THONG":                      "Trung tam Vien thong",
	}
	for in, want := range tests {
		if got := orgCase(in); got != want {
			t.Errorf("orgCase(%q) = %q, want %q", in, got, want)
		}
	}
}
