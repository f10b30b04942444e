package meta

import (
	"strings"
	"testing"
)

func TestPaperStarts(t *testing.T) {
	header := "ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ TÂN HÒA                         Độc lập - Tự do - Hạnh phúc\nSố:     /QĐ-UBND\n\n"
	decision := header + "QUYẾT ĐỊNH\nVề việc phê duyệt Đề án\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Phê duyệt.\n"
	decisionBare := header + "QUYẾT ĐỊNH\nVề việc phê duyệt Đề án\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH\nĐiều 1. Phê duyệt.\n"
	paper := func(subject string) string {
		return "THAM LUẬN\n" + subject + "\n(Trình bày tại Hội nghị)\nNăm qua hội đã làm nhiều việc.\nXin trân trọng cảm ơn!\n"
	}
	for _, tt := range []struct {
		name, text string
		want       int
	}{
		{"a decision, its type line under its header", decision, 1},
		{"a decision's type word over its first article", decisionBare, 1},
		{"a law in chapters", "LUẬT\nThực hiện dân chủ ở cơ sở\nChương I\nĐiều 1. Phạm vi.\nCHƯƠNG II\nĐiều 11. Công khai.\n", 1},
		{"a letter carrying a decision", header + "V/v xin ý kiến\nKính gửi: Các thành viên.\nDỰ THẢO\n" + decision, 2},
		{"three papers one after another", paper("Hội Nông dân") + paper("Hội Phụ nữ") + paper("Đoàn Thanh niên"), 3},
		{"a report's section in capitals over a sentence", "BÁO CÁO\nTổng kết năm 2025\nI. Kết quả\nNăm qua.\nKẾT LUẬN:\nHội đã làm tốt.\n", 1},
		{"a plan whose subject starts as a body may", "KẾ HOẠCH\nThực hiện Cuộc vận động toàn dân đoàn kết\nNăm 2025.\n", 1},
		{"nothing", "Một đoạn văn không có tiêu đề.\n", 0},
	} {
		got := PaperStarts(tt.text)
		if len(got) != tt.want {
			t.Errorf("%s: %d starts %v, want %d", tt.name, len(got), got, tt.want)
		}
		for _, at := range got {
			if at > 0 && tt.text[at-1] != '\n' {
				t.Errorf("%s: start %d is not a line's", tt.name, at)
			}
		}
	}
	if got := PaperStarts(decision); len(got) != 1 || !strings.HasPrefix(decision[got[0]:], "ỦY BAN") {
		t.Errorf("the decision starts at %v, want its header's line", got)
	}
}
