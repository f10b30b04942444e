package classify

import (
	"slices"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

func TestWords(t *testing.T) {
	got := strings.Join(words("“3 Không - 3cần - 3 QUYẾT TẦM”, COVID-19"), " ")
	if want := "3 khong 3 can 3 quyet tam covid 19"; got != want {
		t.Errorf("words = %q, want %q", got, want)
	}
}

// TestBodyWordsFromSyllables: the words of a body given as its folded
// syllables (what an import's term counter has) are the words of the
// text, also for NFD text, combining marks alone or at a syllable's edge,
// digits glued to letters, capitals of other alphabets and symbols that
// lower-case.
func TestBodyWordsFromSyllables(t *testing.T) {
	texts := []string{
		"“3 Không - 3cần - 3 QUYẾT TẦM”, COVID-19",
		"Quye\u0302\u0301t ta\u0302m Đảng ủy", // NFD
		"- \u0301 - a\u0301b \u0323x \u0301\u0300 .\u0309.",
		"İSTANBUL ǅemal Ⅻ ⅻ Ⓐ ＡＢＣ１２３ ß ΣΑΣ 2024Năm H5N1 tờ-trình",
		"", "   ", "a",
	}
	for _, text := range texts {
		syls := []string{} // none is not nil: nil has the text read
		vntext.ForEachToken(text, func(tok vntext.Token) { syls = append(syls, vntext.Fold(tok.Text)) })
		got := bodyWords(Input{Text: "not read", BodyWords: syls})
		if want := words(text); !slices.Equal(got, want) {
			t.Errorf("%q: words from syllables %q, from the text %q", text, got, want)
		}
	}
}

// filler separates two mentions of a phrase by more than mentionGap words.
const filler = "Các chi bộ đã tổ chức quán triệt đầy đủ đến toàn thể cán bộ, đảng viên và quần chúng nhân dân trên địa bàn xã trong năm qua."

func TestClassify(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	hcm := "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	if err := r.Add(Category{Name: localCampaign, Kind: Campaign, Parent: hcm,
		Rules: []Rule{{Kind: Phrase, Terms: []string{"3 không - 3 cần - 3 quyết tâm"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(Category{Name: "Đường hoa", Kind: Topic,
		Rules: []Rule{{Kind: All, Terms: []string{"tuyến đường", "hoa"}}, {Kind: Regex, Terms: []string{`đường\s+hoa\s+\d+\s*km`}}}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(Category{Name: "Hàng Việt", Kind: Campaign,
		Rules: []Rule{{Kind: Number, Terms: []string{"28/CT-TTg (2021)"}}}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   Input
		want []string // names with the start of their rule
	}{
		{"phrase in the title, glued digit, parent implied",
			Input{Title: "Chợ Mới với khẩu hiệu “3 không - 3cần - 3 quyết tâm”"},
			[]string{localCampaign + `|cụm từ "3 không - 3 cần - 3 quyết tâm" (tiêu đề)`, hcm + `|phong trào con`}},
		{"without accents and in capitals",
			Input{Text: "HOC TAP VA LAM THEO BAC. " + filler + " Tiếp tục học tập và làm theo Bác."},
			[]string{hcm + `|cụm từ "học tập và làm theo Bác"`}},
		{"one passing mention is not enough",
			Input{Text: "Gắn với xây dựng nông thôn mới. Bảo vệ môi trường, xử lý rác thải."},
			nil},
		{"the campaign named once in the basis paragraph",
			Input{Title: "Kế hoạch tuyên truyền năm 2026", Text: "ĐẢNG ỦY XÃ KIẾN AN\nKẾ HOẠCH\nTuyên truyền năm 2026\n\nThực hiện Kế hoạch số 05-KH/HU của Huyện ủy về\nxây dựng nông thôn mới giai đoạn 2021 - 2025, Đảng ủy xã xây dựng kế hoạch như sau:\nI. MỤC ĐÍCH\n1. Tuyên truyền sâu rộng trong nhân dân."},
			[]string{"Xây dựng nông thôn mới|cụm từ \"nông thôn mới\" (căn cứ văn bản)"}},
		{"the same words once in a task of the body are a passing mention",
			Input{Title: "Kế hoạch tuyên truyền năm 2026", Text: "ĐẢNG ỦY XÃ KIẾN AN\nKẾ HOẠCH\nTuyên truyền năm 2026\n\nThực hiện Kế hoạch số 05-KH/HU của Huyện ủy, Đảng ủy xã xây dựng kế hoạch như sau:\nI. NHIỆM VỤ\n- Thực hiện tốt việc xây dựng nông thôn mới.\nThực hiện gắn với xây dựng nông thôn mới."},
			nil},
		{"a body sentence wrapped at a line's start is no basis",
			Input{Title: "Báo cáo sơ kết năm 2026", Text: "ĐẢNG ỦY XÃ KIẾN AN\nBÁO CÁO\nSơ kết năm 2026\n\nNăm qua Ủy ban nhân dân xã đã chỉ đạo các ấp\nthực hiện tốt việc xây dựng nông thôn mới và các phong trào khác.\nI. KẾT QUẢ"},
			nil},
		{"own number",
			Input{Number: "Số 05-CT/TW", Text: "Chỉ thị về đẩy mạnh"},
			[]string{hcm + `|số hiệu 05-CT/TW`}},
		{"cited number",
			Input{Text: "Căn cứ Quyết định 1600/QĐ-TTg", Citations: []string{"1600/qđ-ttg"}},
			[]string{"Xây dựng nông thôn mới|số hiệu 1600/QĐ-TTg"}},
		{"campaigns before topics, strongest first",
			Input{Title: "Kế hoạch xây dựng nông thôn mới", Text: "môi trường, " + filler + " rác thải, " + filler + " vệ sinh môi trường, học tập và làm theo Bác"},
			[]string{"Xây dựng nông thôn mới|cụm từ", "Môi trường|cụm từ"}},
		{"two passing mentions do not make a topic",
			Input{Text: "môi trường, " + filler + " rác thải."},
			nil},
		{"a number rule with its year: the same number of another year is another document",
			Input{Number: "28/CT-TTg", Year: 2025, Text: "Chỉ thị về tổ chức bầu cử"},
			nil},
		{"a number rule with its year, own number of that year",
			Input{Number: "28/CT-TTg", Year: 2021, Text: "Chỉ thị"},
			[]string{"Hàng Việt|số hiệu 28/CT-TTg (2021)"}},
		{"a citation dated another year does not count",
			Input{Year: 2026, Text: "Thực hiện Chỉ thị 28/CT-TTg", Citations: []string{"28/CT-TTg"}, CitedYears: []int{2025}},
			nil},
		{"a citation without a date counts a few years after the rule",
			Input{Year: 2023, Text: "Thực hiện Chỉ thị 28/CT-TTg", Citations: []string{"28/CT-TTg"}},
			[]string{"Hàng Việt|số hiệu 28/CT-TTg (2021) (trích dẫn)"}},
		{"... but not long after",
			Input{Year: 2035, Text: "Thực hiện Chỉ thị 28/CT-TTg", Citations: []string{"28/CT-TTg"}},
			nil},
		{"all and regex rules",
			Input{Text: "Trồng hoa trên tuyến đường ấp, làm đường hoa 3 km và đường hoa 2 km."},
			[]string{"Đường hoa|"}},
	}
	for _, tt := range tests {
		got := r.Classify(tt.in)
		var gs []string
		for _, m := range got {
			gs = append(gs, m.Name+"|"+m.Rule)
		}
		ok := len(gs) == len(tt.want)
		for i := 0; ok && i < len(gs); i++ {
			ok = strings.HasPrefix(gs[i], tt.want[i])
		}
		if !ok {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, gs, tt.want)
		}
	}
}

// BenchmarkClassify classifies a 6 KB document with the built-in registry.
func BenchmarkClassify(b *testing.B) {
	data, err := readBuiltin()
	if err != nil {
		b.Fatal(err)
	}
	r, err := Load(data, nil)
	if err != nil {
		b.Fatal(err)
	}
	para := "Thời gian qua, các chi bộ đã tổ chức học tập chuyên đề, gắn việc học tập và làm theo Bác với xây dựng nông thôn mới; " +
		"vận động nhân dân hiến đất làm đường, bảo vệ môi trường, phòng, chống tội phạm và tệ nạn xã hội. "
	text := strings.Repeat(para, 6000/len(para)+1)
	in := Input{Title: "Báo cáo kết quả thực hiện Chỉ thị 05-CT/TW năm 2024", Text: text, Number: "12-BC/ĐU", Citations: []string{"05-CT/TW"}}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		r.Classify(in)
	}
}
