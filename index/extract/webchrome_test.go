package extract

import (
	"context"
	"os"
	"strings"
	"testing"
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
