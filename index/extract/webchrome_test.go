package extract

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestWebChromeOwnFixture uses a page of our own written the way browsers
// save propaganda sites as text.
func TestWebChromeOwnFixture(t *testing.T) {
	res, err := Extract(context.Background(), "web-saved.txt", readTestdata(t, "web-saved.txt"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, chrome := range []string{"Truy cập hiện tại", "khách", "Trang chủ", "Lượt xem", "Bản in", "Gửi bài viết",
		"Xay-dung", "Thông báo lịch tiếp", "Số lần xem", "1834221", "Bản quyền", "Ghi rõ nguồn"} {
		if strings.Contains(res.Text, chrome) {
			t.Errorf("chrome %q kept", chrome)
		}
	}
	for _, body := range []string{
		"Xã Tân Hòa ra quân hưởng ứng phong trào “Toàn dân đoàn kết xây dựng nông thôn mới”",
		"Sáng ngày 5/3/2015, Ủy ban nhân dân xã Tân Hòa tổ chức lễ ra quân",
		"làm mới 2 km đường giao thông nông thôn",
		"Văn phòng Đảng ủy xã",
	} {
		if !strings.Contains(res.Text, body) {
			t.Errorf("body %q lost; text:\n%s", body, res.Text)
		}
	}
}

// TestWebChromeSeed reads the real saved page in the shared folder. The
// page is someone else's text, so it is not copied into the project; the
// test is skipped where the shared folder is absent.
func TestWebChromeSeed(t *testing.T) {
	data, err := os.ReadFile("../../../shared/fixtures/seed-cho-moi-3-khong.txt")
	if err != nil {
		t.Skip("shared seed page not present:", err)
	}
	res, err := Extract(context.Background(), "seed.txt", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, chrome := range []string{"Truy cập hiện tại", "khách và không thành viên", "Dua-nghi-quyet-vao-cuoc-song",
		"Số lần xem các bài viết", "26981202"} {
		if strings.Contains(res.Text, chrome) {
			t.Errorf("chrome %q kept", chrome)
		}
	}
	lines := 0
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if len([]rune(l)) > 60 {
			lines++
			if !strings.Contains(res.Text, foldSpace(l)) && !strings.Contains(foldSpace(res.Text), foldSpace(l)) {
				t.Errorf("body line lost: %q", l)
			}
		}
	}
	for _, keep := range []string{"Chợ Mới với khẩu hiệu", "Bộ phận chuyên trách 03"} {
		if !strings.Contains(res.Text, keep) {
			t.Errorf("%q lost", keep)
		}
	}
	if lines < 10 {
		t.Errorf("seed page has %d long lines; changed?", lines)
	}
}

// TestWebChromeKeepsDocuments: documents that are not web pages come
// back whole, including lines that look a little like chrome.
func TestWebChromeKeepsDocuments(t *testing.T) {
	docs := []string{
		string(readTestdata(t, "txt-utf8.txt")),
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nTổng cộng: 1.234.567 đồng\n\nHôm nay, ngày 5 tháng 3 năm 2015\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nĐăng ký\n\nEmail\n\n2014\n\n1.234.567\n\nKH-UBND-2020-15",
		"Chia sẻ kinh nghiệm của các chi bộ trong việc thực hiện nghị quyết.\n\nIn bài viết của đồng chí Bí thư lên bảng tin.",
	}
	for _, d := range docs {
		if got := dropWebChrome(d); got != d {
			t.Errorf("document changed:\n%s\n---\n%s", d, got)
		}
	}
}

// TestChromeStartKeepsEveryMatch: chromeStart, the quick test before
// chromeLine, lets through every line chromeLine matches (a line of each
// of its patterns, in lower, upper and title case, and every line of the
// fixtures), and stops the lines of a normal document.
func TestChromeStartKeepsEveryMatch(t *testing.T) {
	chrome := []string{
		"Truy cập hiện tại", "Hiện đang có 25 khách và 0 thành viên online", "Có 12 người trực tuyến",
		"đang có 3 khách online", "Số lượt xem: 1.234", "Lượt xem: 12", "Lượt đọc: 5",
		"Số lần xem các bài viết: 26981202", "Lượt truy cập: 5", "Tổng lượt truy cập: 5",
		"Tổng số lượt truy cập 12", "Thống kê truy cập", "Khách online", "Thành viên trực tuyến",
		"Hôm nay: 12", "Hôm qua: 3", "Tuần này: 4", "Tháng này: 5", "Tất cả: 6", "Đang truy cập: 7",
		"Đang online: 2", "Trực tuyến: 1", "Ngày đăng: 12/3/2020 | Lượt xem: 5",
		"Cập nhật 12/3 | lượt xem 5", "Đăng lúc: 8:00 | lượt xem: 5", "Đăng ngày 1/1 | Lượt xem: 2",
		"Bản in", "In bài viết", "In bài này", "Gửi bài viết", "Gửi email", "Gửi cho bạn bè",
		"Chia sẻ facebook", "Lên đầu trang", "Về đầu trang", "Xem tiếp", "Đọc tiếp", "Tin liên quan",
		"Các tin khác", "Tin mới hơn", "Tin cũ hơn", "Bài viết liên quan", "Liên kết website",
		"Bản in | Gửi email | Chia sẻ", "Trang chủ » Tin tức", "Bản quyền © 2020 UBND xã",
		"Copyright (c) 2015 Đảng ủy", "Bản quyền thuộc về Đảng ủy xã", "© 2020 Đảng ủy xã",
		"Ghi rõ nguồn khi phát hành lại thông tin từ website này", "Dua-nghi-quyet-vao-cuoc-song",
		"\u017fố lượt xem: 3", "\u212Ahách online", // the long s and the Kelvin sign fold to s and k
	}
	var lines []string
	for _, l := range chrome {
		lines = append(lines, l, strings.ToUpper(l), strings.ToLower(l), titleCase(l))
	}
	for _, name := range []string{"web-saved.txt", "txt-utf8.txt", "expected.txt", "txt-nfd.txt"} {
		for l := range strings.Lines(string(readTestdata(t, name))) {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	matched := 0
	for _, l := range lines {
		if l == "" || len(l) > 300 || !chromeLine.MatchString(l) {
			continue
		}
		matched++
		if !chromeStart(l) {
			t.Errorf("chromeLine matches %q, chromeStart stops it", l)
		}
	}
	if matched < 4*len(chrome)-8 {
		t.Errorf("chromeLine matched %d lines of %d examples in 4 cases: patterns changed?", matched, len(chrome))
	}
	for _, l := range []string{"Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
		"ỦY BAN NHÂN DÂN", "1. Mục đích, yêu cầu", "Nơi nhận:", "- Như trên;", "Ban Chấp hành Đảng bộ xã"} {
		if chromeStart(l) {
			t.Errorf("chromeStart lets %q through to the regular expression", l)
		}
	}
}

// TestChromeStartKeys: every rune that folds to a letter chromeStarts
// lists (as chromeLine's (?i) folds) is looked up under that letter.
func TestChromeStartKeys(t *testing.T) {
	for k := range chromeStarts {
		for r := unicode.SimpleFold(k); r != k; r = unicode.SimpleFold(r) {
			if startKey(r) != k {
				t.Errorf("%q folds to %q, looked up as %q", r, k, startKey(r))
			}
		}
	}
	if startKey('\u212A') != 'k' || startKey('\u017f') != 's' {
		t.Error("the Kelvin sign or the long s is looked up under another letter")
	}
}

// titleCase is l in lower case but for its first letter.
func titleCase(l string) string {
	r, n := utf8.DecodeRuneInString(l)
	return string(unicode.ToUpper(r)) + strings.ToLower(l[n:])
}
