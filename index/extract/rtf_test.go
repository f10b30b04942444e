package extract

import (
	"context"
	"strings"
	"testing"
)

func TestRTFFixtures(t *testing.T) {
	want := []string{
		"Nghị quyết về thực hiện phong trào “3 không - 3 cần - 3 quyết tâm”",
		"Chợ Mới với khẩu hiệu “3 không - 3 cần - 3 quyết tâm”. Ban Thường vụ Huyện ủy Chợ Mới ban hành ngày 14/4/2014.",
		"Quyết tâm phát huy dân chủ - kỷ cương - đoàn kết; Đảng viên, cán bộ, công chức, viên chức và người lao động phải gương mẫu, thực hiện nghiêm túc Quy chế làm việc.",
		"STT", "Nội dung", "1", "Quán triệt nghị quyết đến toàn thể đảng viên",
	}
	res, err := Extract(context.Background(), "cp1258.rtf", readTestdata(t, "cp1258.rtf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if found, missing := matchPieces(res.Text, want); found != len(want) {
		t.Errorf("found %d/%d, missing %q in\n%s", found, len(want), missing, res.Text)
	}
	for _, junk := range []string{"Times New Roman", "Msftedit", "Bao cao", "end"} {
		if strings.Contains(res.Text, junk) {
			t.Errorf("%q from a skipped destination in text", junk)
		}
	}
}

func TestRTFControls(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{\rtf1 a\par b}`, "a\n\nb"},
		{`{\rtf1\uc1 \u7897?ng \u272?\u7843?ng}`, "ộng Đảng"},
		{`{\rtf1\uc2 x\u272\'d0\'d0y}`, "xĐy"},
		{`{\rtf1\ansicpg1258 Ng\'e0y th\'e1ng}`, "Ngày tháng"},
		// Word's Vietnamese RTF: the letters Windows-1258 has only as a
		// letter and a mark are written in the font's Western variant
		// (\fcharset0), in Windows-1252; the others in Windows-1258
		{`{\rtf1\ansi\ansicpg1258{\fonttbl{\f0\froman\fcharset163 Times New Roman;}{\f396\froman\fcharset0 Times New Roman;}}` +
			`\f0 V\'c3N PH{\f396 \'d2NG} UBND TI\'d2NH B{\f396 \'cc}NH THU\'c2\'f2N: L{\f396 \'e3}nh \'f0a\'f2o, {\f396 \'dd} ki\'ea\'ecn}`,
			"VĂN PHÒNG UBND TỈNH BÌNH THUẬN: Lãnh đạo, Ý kiến"},
		{`{\rtf1 {\*\unknown hidden}{\fonttbl{\f0 Arial;}}{\info{\author me}}shown\line two\tab x\~y\_z}`, "shown\ntwo\tx y-z"},
		{`{\rtf1 a\bin3 {}}b}`, "ab"},
		{`{\rtf1 {\field{\*\fldinst HYPERLINK "x"}{\fldrslt link}}}`, "link"},
		{`{\rtf1\ansi{\fonttbl{\f0\fcharset0 VNI-Times;}}\f0 Xin cha\'f8o}`, "Xin chào"},
		// a paragraph style's VNI font over runs typed in Unicode (Windows-1252 bytes)
		{`{\rtf1\ansi\ansicpg1252{\fonttbl{\f0\fcharset0 Times New Roman;}{\f46\fcharset0 VNI-Times;}}\pard\f46 {\b Chuy\'ean vi\'ean}\par {Ph\'e2n c\'f4ng}\par {Xin cha\'f8o ca\'f9c ba\'efn}}`, "Chuyên viên\n\nPhân công\n\nXin chào các bạn"},
		{`{\rtf1 \trowd\cellx100\cellx200\intbl a\cell b\cell\row}`, "a\nb"},
		{`{\rtf1 unclosed {group`, "unclosed group"},
		{`{\rtf1 }}}}} extra`, "extra"},
	}
	for _, tt := range tests {
		res, err := Extract(context.Background(), "a.rtf", []byte(tt.in), Options{})
		if err != nil || res.Text != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.in, res.Text, err, tt.want)
		}
	}
}

func TestRTFDeepNesting(t *testing.T) {
	in := `{\rtf1 ` + strings.Repeat("{", 200000) + `s\u226?u` + strings.Repeat("}", 200000) + "}"
	res, err := Extract(context.Background(), "deep.rtf", []byte(in), Options{})
	if err != nil || res.Text != "sâu" {
		t.Errorf("got %q, %v", res.Text, err)
	}
}

func FuzzRTF(f *testing.F) {
	f.Add(readTestdata(f, "cp1258.rtf"))
	f.Add(readTestdata(f, "vntime.rtf"))
	f.Add([]byte(`{\rtf1\uc1 \u7897?ng\'e0\bin5 {\*\x}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.rtf", data, Options{})
	})
}

// TestRTFFontCharsets: Word writes Vietnamese letters as bytes of the
// font's charset ("Văn" as V\'e3n in a Central European font) and leaves
// Unicode text in paragraphs whose font is a VNI one.
func TestRTFFontCharsets(t *testing.T) {
	doc := `{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}` +
		`{\f1\froman\fcharset238 Times New Roman CE;}{\f2\fnil\fcharset0 VNI-Times;}}` +
		`\pard\plain {\f0 L\'e3nh }{\f1 \'f0}{\f0 \u7841\'3fo }{\f1 V\'e3n}{\f0  ph\'f2ng}\par` +
		`\pard\plain\f2 {c\u7893\'3fng t\'e1c ph\'f2ng}\par}`
	res, err := Extract(context.Background(), "a.rtf", []byte(doc), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lãnh đạo Văn phòng", "cổng tác phòng"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("no %q in %q", want, res.Text)
		}
	}
}
