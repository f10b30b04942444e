package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// lowByteText is Vietnamese text a phone scanning app (Adobe Scan) writes
// in its OCR layer: the low byte of each letter's code point.
const lowByteSample = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n" +
	"Lâm Đồng, ngày 24 tháng 10 năm 2025\n" +
	"Ủy ban nhân dân xã đã tổ chức hội nghị triển khai công tác phòng, chống thiên tai năm 2025 tại hội trường; " +
	"đồng chí Chủ tịch chủ trì, các đơn vị được giao nhiệm vụ báo cáo kết quả thực hiện và đề xuất giải pháp sửa đổi, bổ sung quy chế. " +
	"Kính gửi: Sở Nội vụ tỉnh."

func lowBytes(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

func TestFixLowByte(t *testing.T) {
	var garbled strings.Builder
	for _, c := range lowBytes(lowByteSample) {
		garbled.WriteRune(rune(c)) // as the PDF's WinAnsi font reads it
	}
	got, ok := fixLowByte(garbled.String())
	if !ok {
		t.Fatalf("not read back: %q", got)
	}
	// A word that is not among the common syllables and has another
	// spelling that is a syllable may come back wrong ("gửi" as "gíi").
	gotWords, wantWords := strings.Fields(got), strings.Fields(lowByteSample)
	wrong := 0
	for i := range wantWords {
		if i >= len(gotWords) || gotWords[i] != wantWords[i] {
			wrong++
		}
	}
	if len(gotWords) != len(wantWords) || wrong > 1 {
		t.Errorf("%d of %d words wrong:\n got %q\nwant %q", wrong, len(wantWords), got, lowByteSample)
	}
	for _, s := range []string{lowByteSample, "Hello \x11 world", "tr\x03m ph\x03m"} {
		if got, ok := fixLowByte(s); ok || got != s {
			t.Errorf("fixLowByte changed %q into %q", s, got)
		}
	}
}

// TestPDFLowByteLayer: a scanned page with the OCR layer in Times-Roman,
// WinAnsi, drawn invisible (3 Tr), one word a string.
func TestPDFLowByteLayer(t *testing.T) {
	var content strings.Builder
	content.WriteString("BT 3 Tr /F1 12 Tf\n")
	y := 800
	for _, line := range strings.Split(lowByteSample, "\n") {
		fmt.Fprintf(&content, "1 0 0 1 60 %d Tm (", y)
		for _, c := range lowBytes(line) {
			fmt.Fprintf(&content, "\\%03o", c)
		}
		content.WriteString(") Tj\n")
		y -= 20
	}
	content.WriteString("ET")
	pdf := rawPDF(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
	)
	res, err := Extract(context.Background(), "scan.pdf", pdf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != encLowByte {
		t.Errorf("encoding %q, want %q", res.Encoding, encLowByte)
	}
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lâm Đồng, ngày 24 tháng 10 năm 2025", "đồng chí Chủ tịch chủ trì"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("no %q in\n%s", want, res.Text)
		}
	}
}
