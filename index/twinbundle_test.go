package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// conferencePapers are five draft papers (tham luận) of a commune's
// conference, without numbers, written for these tests; the first has an
// issuer's header, the others only their type line.
var conferencePapers = [][]string{
	{
		"HỘI NÔNG DÂN XÃ TÂN HÒA              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"                                      Độc lập - Tự do - Hạnh phúc",
		"Số:      -TL/HND                      Tân Hòa, ngày    tháng 11 năm 2025",
		"",
		"THAM LUẬN",
		"Hội Nông dân xã phát động nông dân thi đua sản xuất, kinh doanh giỏi gắn với xây dựng nông thôn mới",
		"(Trình bày tại Hội nghị tổng kết phong trào thi đua năm 2025)",
		"Năm qua, Ban Thường vụ Hội Nông dân xã đã chỉ đạo các chi hội ấp đăng ký danh hiệu hộ sản xuất giỏi, có một trăm hai mươi hộ đăng ký và chín mươi bảy hộ đạt danh hiệu các cấp.",
		"Hội phối hợp với Trung tâm khuyến nông mở bốn lớp tập huấn trồng cà phê theo hướng hữu cơ, chuyển giao quy trình tưới nước tiết kiệm cho hơn hai trăm lượt hội viên.",
		"Quỹ hỗ trợ nông dân của xã giải ngân cho ba mươi hai hộ vay vốn nuôi bò sinh sản và trồng sầu riêng xen cà phê, không có hộ nào nợ quá hạn.",
		"Hội viên hiến hơn năm nghìn mét vuông đất, đóng góp ngày công làm ba tuyến đường bê tông nội đồng, góp phần đưa xã đạt chuẩn nông thôn mới nâng cao.",
		"Thời gian tới, Hội đề nghị Ủy ban nhân dân xã quan tâm bố trí kinh phí hỗ trợ nông dân liên kết tiêu thụ nông sản và xây dựng thương hiệu cà phê của địa phương.",
		"Xin trân trọng cảm ơn!",
	},
	{
		"THAM LUẬN",
		"Hội Liên hiệp Phụ nữ xã với cuộc vận động xây dựng gia đình năm không, ba sạch",
		"(Trình bày tại Hội nghị tổng kết phong trào thi đua năm 2025)",
		"Chi hội phụ nữ sáu ấp đã tổ chức mười hai buổi sinh hoạt chuyên đề về vệ sinh môi trường, phân loại rác tại nguồn và giữ gìn nhà sạch, bếp sạch, ngõ sạch.",
		"Mô hình tiết kiệm trong hội viên với mức góp mỗi tháng năm mươi nghìn đồng đã giúp mười tám chị em vay vốn không lãi để chăn nuôi gà thả vườn và mở tiệm tạp hóa.",
		"Hội vận động các doanh nghiệp trao sáu mái ấm tình thương cho phụ nữ nghèo đơn thân, nhận đỡ đầu hai mươi lăm trẻ em mồ côi đến năm mười tám tuổi.",
		"Tỷ lệ gia đình đạt tiêu chí năm không, ba sạch tăng từ sáu mươi lên tám mươi mốt phần trăm, không có hội viên vi phạm pháp luật hay mắc tệ nạn xã hội.",
		"Hội kiến nghị tiếp tục lồng ghép nguồn vốn giảm nghèo để phụ nữ khởi nghiệp và mở rộng lớp dạy nghề may công nghiệp cho lao động nữ ở vùng đồng bào dân tộc.",
		"Xin trân trọng cảm ơn!",
	},
	{
		"THAM LUẬN",
		"Đoàn Thanh niên xã phát huy vai trò xung kích trong chuyển đổi số ở khu dân cư",
		"(Trình bày tại Hội nghị tổng kết phong trào thi đua năm 2025)",
		"Đội hình thanh niên tình nguyện đã đến từng hộ hướng dẫn cài đặt ứng dụng định danh điện tử, thanh toán không dùng tiền mặt và nộp hồ sơ dịch vụ công trực tuyến.",
		"Mỗi chi đoàn ấp nhận một tổ công nghệ số cộng đồng, trong năm hỗ trợ hơn một nghìn bốn trăm lượt người dân, nhất là người cao tuổi và hộ đồng bào dân tộc thiểu số.",
		"Đoàn xã phối hợp với bưu điện mở gian hàng trực tuyến cho mười một hợp tác xã và tổ hợp tác, đưa mật ong, hạt điều, cà phê rang xay lên sàn thương mại điện tử.",
		"Câu lạc bộ tin học trẻ duy trì sinh hoạt hằng tuần tại nhà văn hóa, dạy lập trình cơ bản và an toàn thông tin cho học sinh trung học cơ sở trong dịp hè.",
		"Đoàn đề nghị được trang bị thêm máy tính cho điểm truy cập công cộng và kết nối mạng không dây miễn phí tại các nhà văn hóa ấp.",
		"Xin trân trọng cảm ơn!",
	},
	{
		"THAM LUẬN",
		"Hội Cựu chiến binh xã tham gia giữ gìn an ninh trật tự và hòa giải ở cơ sở",
		"(Trình bày tại Hội nghị tổng kết phong trào thi đua năm 2025)",
		"Hội viên cựu chiến binh tham gia tổ tự quản, tổ hòa giải ở sáu ấp, trong năm hòa giải thành công mười chín vụ tranh chấp đất đai, ranh giới và mâu thuẫn gia đình.",
		"Mô hình cựu chiến binh tuần tra đêm cùng dân quân đã góp phần giảm các vụ trộm cắp tài sản, không để xảy ra điểm nóng về an ninh nông thôn trên địa bàn.",
		"Hội giúp đỡ bảy hội viên khó khăn về nhà ở, vận động các doanh nghiệp của cựu chiến binh nhận hơn sáu mươi lao động địa phương vào làm việc ổn định.",
		"Các câu lạc bộ truyền thống kể chuyện chiến trường xưa cho đoàn viên thanh niên, giáo dục lòng yêu nước và ý thức bảo vệ chủ quyền biên giới.",
		"Hội kiến nghị có chế độ bồi dưỡng cho thành viên tổ hòa giải và tổ tự quản về an ninh trật tự ở khu dân cư.",
		"Xin trân trọng cảm ơn!",
	},
	{
		"THAM LUẬN",
		"Ban công tác Mặt trận ấp Tân Lập vận động nhân dân làm đường giao thông nông thôn",
		"(Trình bày tại Hội nghị tổng kết phong trào thi đua năm 2025)",
		"Ban công tác Mặt trận ấp tổ chức họp dân bàn cách làm, công khai dự toán và phần đóng góp của từng hộ theo phương châm dân biết, dân bàn, dân làm, dân kiểm tra.",
		"Nhân dân tự nguyện tháo dỡ hàng rào, hiến đất mở rộng đường, đóng góp hơn tám trăm triệu đồng và một nghìn hai trăm ngày công trong hai năm liền.",
		"Ban giám sát đầu tư của cộng đồng theo dõi từng mẻ bê tông, nghiệm thu cùng đơn vị thi công, nhờ đó công trình bảo đảm chất lượng và quyết toán đúng hạn.",
		"Từ con đường mới, các hộ mở rộng sản xuất, vận chuyển nông sản thuận lợi, giá đất tăng và ấp được công nhận khu dân cư kiểu mẫu năm 2025.",
		"Ban công tác Mặt trận đề nghị xã tiếp tục cơ chế nhà nước và nhân dân cùng làm để hoàn thành tuyến đường liên ấp còn lại.",
		"Xin trân trọng cảm ơn!",
	},
}

// conferenceBundle is the five papers in one file, one after another: its
// heading is the first paper's.
func conferenceBundle() string {
	var b strings.Builder
	for _, p := range conferencePapers {
		b.WriteString(strings.Join(p, "\n") + "\n\n")
	}
	return b.String()
}

// writeConferenceFiles writes the papers (the first also as a Word file,
// its twin) and the bundle (as text and as a Word file) into dir.
func writeConferenceFiles(t *testing.T, dir string, papers, bundle bool) {
	t.Helper()
	files := map[string][]byte{}
	if papers {
		for i, p := range conferencePapers {
			files[paperName(i)] = []byte(strings.Join(p, "\n") + "\n")
		}
		files["tham-luan-1.docx"] = docxOf(t, conferencePapers[0])
	}
	if bundle {
		text := conferenceBundle()
		files["ky-yeu.txt"] = []byte(text)
		files["ky-yeu.docx"] = docxOf(t, strings.Split(text, "\n"))
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func paperName(i int) string { return "tham-luan-" + string(rune('1'+i)) + ".txt" }

// conferenceGroups fails unless the first paper's two files are one
// group, the bundle's two another, and every other paper is alone.
func conferenceGroups(t *testing.T, a *Archive, ids map[string]string) {
	t.Helper()
	get := func(name string) *Document {
		d, err := a.Get(ids[name])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return d
	}
	first, firstDocx := get(paperName(0)), get("tham-luan-1.docx")
	bundle, bundleDocx := get("ky-yeu.txt"), get("ky-yeu.docx")
	if first.TwinOf == "" || first.TwinOf != firstDocx.TwinOf {
		t.Errorf("the first paper's formats: groups %q and %q", first.TwinOf, firstDocx.TwinOf)
	}
	if bundle.TwinOf == "" || bundle.TwinOf != bundleDocx.TwinOf {
		t.Errorf("the bundle's formats: groups %q and %q", bundle.TwinOf, bundleDocx.TwinOf)
	}
	if bundle.TwinOf == first.TwinOf {
		t.Errorf("the bundle %q is a twin of its first paper %q", bundle.Title, first.Title)
	}
	for i := 1; i < len(conferencePapers); i++ {
		if d := get(paperName(i)); d.TwinOf != "" {
			t.Errorf("paper %d %q in group %s", i+1, d.Title, d.TwinOf)
		}
	}
	res, err := a.Search(context.Background(), Request{Query: "trân trọng cảm ơn"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(conferencePapers)+1 {
		t.Errorf("%d documents listed, want %d: the five papers and their bundle", res.Total, len(conferencePapers)+1)
	}
}

// TestConferenceBundleIsNoTwin: a bundle of five draft papers without
// numbers, whose heading is its first paper's, is a document of its own,
// imported with the papers, after them or before them (usertest s13: the
// bundle joined its first paper, 6 files gave 5 documents, and an edit of
// that row changed both). Its formats and the first paper's still join.
func TestConferenceBundleIsNoTwin(t *testing.T) {
	for _, order := range []string{"together", "bundle after", "bundle first"} {
		t.Run(order, func(t *testing.T) {
			a := newTestArchive(t)
			ids := map[string]string{}
			importDir := func(papers, bundle bool) {
				dir := t.TempDir()
				writeConferenceFiles(t, dir, papers, bundle)
				for _, it := range importPaths(t, a, dir).Items {
					ids[filepath.Base(it.Path)] = it.ID
				}
			}
			switch order {
			case "together":
				importDir(true, true)
			case "bundle after":
				importDir(true, false)
				importDir(false, true)
			case "bundle first":
				importDir(false, true)
				importDir(true, false)
			}
			conferenceGroups(t, a, ids)
		})
	}
}

// TestStoredBundleGroupSplits: an archive whose bundle an earlier rule put
// in its first paper's group is split by the check at Open, the bundle's
// formats keeping each other.
func TestStoredBundleGroupSplits(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	writeConferenceFiles(t, dir, true, true)
	ids := map[string]string{}
	for _, it := range importPaths(t, a, dir).Items {
		ids[filepath.Base(it.Path)] = it.ID
	}
	first, err := a.Get(ids[paperName(0)])
	if err != nil {
		t.Fatal(err)
	}
	func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		var docs []*Document
		for _, name := range []string{"ky-yeu.txt", "ky-yeu.docx"} {
			d, err := a.store.getDoc(ids[name])
			if err != nil {
				t.Fatal(err)
			}
			d.TwinOf = first.TwinOf
			docs = append(docs, d)
		}
		storeUnchecked(t, a, docs)
	}()
	before := storedDocs(t, a)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	a = openChecked(t, a.Dir())
	defer a.Close()
	conferenceGroups(t, a, ids)
	want := map[string]string{}
	for id, d := range before {
		want[id] = d.TwinOf
	}
	after := storedDocs(t, a)
	bundleGroup := after[ids["ky-yeu.txt"]].TwinOf
	want[ids["ky-yeu.txt"]], want[ids["ky-yeu.docx"]] = bundleGroup, bundleGroup
	requireOnlyGroupsChanged(t, before, after, want)
}

// TestHoldsOtherPaper: of a bundle and its first paper, the bundle holds
// other papers; a law holds none beside its parts, whichever part.
func TestHoldsOtherPaper(t *testing.T) {
	bundle := conferenceBundle()
	for i, p := range conferencePapers {
		if !holdsOtherPaper(bundle, shingle(strings.Join(p, "\n"))) {
			t.Errorf("the bundle holds no paper beside paper %d", i+1)
		}
	}
	law := "LUẬT\nThực hiện dân chủ ở cơ sở\n" + lawPart1 + "\n" + lawPart2 + "\n" + lawPart3
	for i, part := range []string{lawPart1, lawPart2, lawPart3} {
		if holdsOtherPaper(law, shingle(part)) {
			t.Errorf("the law holds another paper beside its part %d", i+1)
		}
	}
	if holdsOtherPaper(letterCarryingDraft, shingle(draftDecision)) != true {
		t.Error("the letter holds no paper beside the draft it carries")
	}
}
