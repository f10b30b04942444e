package meta

import "testing"

// Numbers without a type code, the digits and the year alone or the
// digits alone, as an association, a firm or a school writes them. Fixtures written for this
// test.
func TestNumberWithoutTypeCode(t *testing.T) {
	tests := []struct {
		name, text string
		want       want
	}{
		{"number and date on one line", `HỘI NÔNG DÂN TỈNH AN GIANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
BAN THƯỜNG VỤ                        Độc lập - Tự do - Hạnh phúc
Số: 01/2025                          An Giang, ngày 06 tháng 01 năm 2025

KẾ HOẠCH
Tổ chức hội nghị tổng kết công tác Hội năm 2024

Thực hiện Chương trình công tác năm 2025, Ban Thường vụ Hội xây dựng kế hoạch như sau.

                                     T/M BAN THƯỜNG VỤ
                                     CHỦ TỊCH

                                     Trần Văn Bình
`, want{title: "Kế hoạch tổ chức hội nghị tổng kết công tác Hội năm 2024", number: "01/2025", typ: "Kế hoạch",
			issuer: "Ban Thường vụ Hội Nông dân tỉnh An Giang", superior: "Hội Nông dân tỉnh An Giang", place: "An Giang", date: "2025-01-06", year: 2025,
			signer: "Trần Văn Bình", capacity: "T/M BAN THƯỜNG VỤ - CHỦ TỊCH"}},
		{"number alone under the issuer", `CÔNG TY CỔ PHẦN NƯỚC SẠCH
Số 15/2024

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Long Xuyên, ngày 12 tháng 3 năm 2024

THÔNG BÁO
Về việc tạm ngừng cấp nước

Công ty thông báo đến khách hàng.

GIÁM ĐỐC

Lê Văn Cường
`, want{title: "Thông báo về việc tạm ngừng cấp nước", number: "15/2024", typ: "Thông báo",
			issuer: "Công ty cổ phần nước sạch", place: "Long Xuyên", date: "2024-03-12", year: 2024, signer: "Lê Văn Cường", capacity: "GIÁM ĐỐC"}},
		{"digits on the line under a bare Số", `HỘI CỰU CHIẾN BINH XÃ KIẾN AN
Số:
07/2023

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Kiến An, ngày 05 tháng 9 năm 2023

THÔNG BÁO
Lịch họp hội viên quý IV

Hội thông báo lịch họp như sau.

CHỦ TỊCH

Phan Thị Dung
`, want{title: "Thông báo lịch họp hội viên quý IV", number: "07/2023", typ: "Thông báo",
			issuer: "Hội Cựu chiến binh xã Kiến An", place: "Kiến An", date: "2023-09-05", year: 2023, signer: "Phan Thị Dung", capacity: "CHỦ TỊCH"}},
		{"the digits alone, no codes anywhere", `HỘI NGƯỜI CAO TUỔI XÃ PHÚ TÂN      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                    Độc lập - Tự do - Hạnh phúc
Số: 05                              Phú Tân, ngày 20 tháng 5 năm 2024

QUYẾT ĐỊNH
Về việc thành lập Tổ an toàn lao động

BAN CHẤP HÀNH HỘI NGƯỜI CAO TUỔI XÃ PHÚ TÂN

Căn cứ Điều lệ Hội;

QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ an toàn lao động.

                                    CHỦ TỊCH

                                    Võ Thành Nam
`, want{title: "Quyết định về việc thành lập Tổ an toàn lao động", number: "05", typ: "Quyết định",
			issuer: "Hội Người cao tuổi xã Phú Tân", place: "Phú Tân", date: "2024-05-20", year: 2024, signer: "Võ Thành Nam", capacity: "CHỦ TỊCH"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, Read(tt.text, Hint{}), tt.want)
		})
	}
}
