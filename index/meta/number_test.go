package meta

import "testing"

func TestNormalizeNumber(t *testing.T) {
	tests := map[string]string{
		"số 12 - KH/HU":      "12-KH/HU",
		"Số: 45/kh-ubnd":     "45/KH-UBND",
		"SỐ 05-NQ/ĐU":        "05-NQ/ĐU",
		"666/2015/QĐ-UBND":   "666/2015/QĐ-UBND",
		"03–CT/TW":           "03-CT/TW",
		"Số 367-QĐ/TWĐTN-VP": "367-QĐ/TWĐTN-VP",
		" 1258/QĐ-TTg.":      "1258/QĐ-TTG",
		"30c/NQ-CP":          "30C/NQ-CP",
	}
	for in, want := range tests {
		if got := NormalizeNumber(in); got != want {
			t.Errorf("NormalizeNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaderNumber(t *testing.T) {
	tests := []struct{ in, number, rest string }{
		{"Số 12-KH/HU", "12-KH/HU", ""},
		{"Số: 45/KH-UBND Kiến An, ngày 5 tháng 9 năm 2019", "45/KH-UBND", "Kiến An, ngày 5 tháng 9 năm 2019"},
		{"Số 198-KH-CĐKT", "198-KH-CĐKT", ""},
		{"SỐ: 05 NQ/HU", "05-NQ/HU", ""},
		{"Số: 123 / UBND - VP", "123/UBND-VP", ""},
		// a unit's code after a dot; OCR reads the dot as a comma
		{"Số: 03/BC-LĐVTCT.LĐ", "03/BC-LĐVTCT.LĐ", ""},
		{"Số: 01/NQ-HCCT,LĐ", "01/NQ-HCCT.LĐ", ""},
		{"Số: 12/UBND-VP.TH Tân Lập, ngày 5 tháng 9 năm 2025", "12/UBND-VP.TH", "Tân Lập, ngày 5 tháng 9 năm 2025"},
		// OCR lost the slash between the digits and a type's code
		{"Số: 01NQ-HĐQLQ", "01/NQ-HĐQLQ", ""},
		{"Số: 27TTr-SNV Hà Tiên, ngày 5 tháng 9 năm 2025", "27/TTr-SNV", "Hà Tiên, ngày 5 tháng 9 năm 2025"},
		// a full stop, or a place glued on after one, is no code
		{"Số: 05/BC-UBND.", "05/BC-UBND", "."},
		{"Số: 12/UBND-VP.Lâm Đồng, ngày 5 tháng 9 năm 2025", "12/UBND-VP", ".Lâm Đồng, ngày 5 tháng 9 năm 2025"},
		// no type code: the digits and the year alone
		{"Số: 01/2025", "01/2025", ""},
		{"Số 15/2024 Long Xuyên, ngày 12 tháng 3 năm 2024", "15/2024", "Long Xuyên, ngày 12 tháng 3 năm 2024"},
		// the year of a number whose codes follow is not the end of it
		{"Số: 12/2025 /NQ-HĐND", "12/2025/NQ-HĐND", ""},
	}
	for _, tt := range tests {
		n, rest, ok := headerNumber(tt.in)
		if !ok || n != tt.number || rest != tt.rest {
			t.Errorf("headerNumber(%q) = %q, %q, %v; want %q, %q", tt.in, n, rest, ok, tt.number, tt.rest)
		}
	}
	for _, in := range []string{"Số lượng 12 người", "giai đoạn 2021-2025", "Số 2021-2025", "Số: 12AB-CD", "Số: 12/2025-", "Số 12/15"} {
		if n, _, ok := headerNumber(in); ok {
			t.Errorf("headerNumber(%q) = %q, want no number", in, n)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in          string
		typ, issuer string
		year        int
		typeName    string
	}{
		{"12-KH/HU", "KH", "HU", 0, "Kế hoạch"},
		{"45/KH-UBND", "KH", "UBND", 0, "Kế hoạch"},
		{"666/2015/QĐ-UBND", "QĐ", "UBND", 2015, "Quyết định"},
		{"123/UBND-VP", "", "UBND-VP", 0, ""},
		{"08-QĐi/TW", "QĐi", "TW", 0, "Quy định"},
		{"198-KH-CĐKT", "", "", 0, ""},
		{"45/UB-QĐ", "QĐ", "UB", 0, "Quyết định"},
		{"45/UBND-VP", "", "UBND-VP", 0, ""},
		{"7/UB-TC-QĐ", "QĐ", "UB-TC", 0, "Quyết định"},
	}
	for _, tt := range tests {
		n := parseNumber(tt.in)
		name, _ := typeByCode(n.typeCode, n.party)
		if n.typeCode != tt.typ || n.issuerCode != tt.issuer || n.year != tt.year || name != tt.typeName {
			t.Errorf("parseNumber(%q) = %+v (%q), want %q %q %d %q", tt.in, n, name, tt.typ, tt.issuer, tt.year, tt.typeName)
		}
	}
}
