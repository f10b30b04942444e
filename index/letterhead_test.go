package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSnippetWithoutQuerySkipsLetterhead: with no query the snippet is the
// subject and the start of the body, not the issuer and the motto every
// document of an office shares (usertest finding 42); a text with no
// letterhead starts at its start.
func TestSnippetWithoutQuerySkipsLetterhead(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	files := map[string]string{
		"bc.txt":  "ĐẢNG BỘ HUYỆN THANH BÌNH\nĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ AN PHÚ\nSố 52-BC/ĐU\nAn Phú, ngày 6 tháng 12 năm 2023\n\nBÁO CÁO\nTổng kết 5 năm phong trào thi đua dân vận khéo\n\nThực hiện Kế hoạch số 12-KH/ĐU, Đảng ủy xã báo cáo như sau.\n",
		"tt.txt":  "UBND TỈNH LÂM ĐỒNG\nSỞ NỘI VỤ\nSố: 454 /TTr-SNV\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 28 tháng 10 năm 2025\n\nTỜ TRÌNH\nVề việc đổi tên Hiệp hội Tôm\n\nKính gửi: Chủ tịch UBND tỉnh.\n",
		"ghi.txt": "Ghi chép buổi họp chi bộ tháng 3 về dân vận khéo, không có tiêu đề cơ quan.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Import(context.Background(), []string{dir}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := a.Search(context.Background(), Request{Limit: 10})
	if err != nil || res.Total != 3 {
		t.Fatalf("%v, %d hits", err, res.Total)
	}
	want := map[string]string{"BÁO CÁO": "BÁO CÁO Tổng kết 5 năm", "TỜ TRÌNH": "TỜ TRÌNH Về việc đổi tên", "Ghi chép": "Ghi chép buổi họp"}
	for _, h := range res.Hits {
		s := h.Snippet.Text
		ok := false
		for _, w := range want {
			ok = ok || strings.HasPrefix(s, w)
		}
		if !ok || strings.Contains(s, "Hạnh phúc") || strings.Contains(s, "ĐẢNG BỘ HUYỆN") {
			t.Errorf("%q: snippet %q", h.Title, s)
		}
	}
	// With a query the letterhead's words are still found and marked.
	res, err = a.Search(context.Background(), Request{Query: "sở nội vụ", Limit: 10})
	if err != nil || res.Total != 1 || len(res.Hits[0].Snippet.Marks) == 0 {
		t.Fatalf("sở nội vụ: %v, %+v", err, res)
	}
}
