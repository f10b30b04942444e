package meta

import (
	"os"
	"testing"
)

// seedPage is the real page saved from a provincial propaganda site; it is
// someone else's text, so it stays in the shared folder and is not copied
// here.
const seedPage = "../../../shared/fixtures/seed-cho-moi-3-khong.txt"

// TestSeedPage checks the acceptance fields on the real seed page. It
// skips when the shared folder is absent.
func TestSeedPage(t *testing.T) {
	data, err := os.ReadFile(seedPage)
	if err != nil {
		t.Skipf("shared seed page not available: %v", err)
	}
	r := Read(string(data), Hint{FileName: "seed-cho-moi-3-khong.txt"})
	if want := "Chợ Mới với khẩu hiệu “3 không - 3 cần - 3 quyết tâm”"; r.Title.Text != want {
		t.Errorf("title = %q, want %q", r.Title.Text, want)
	}
	if r.Date.Text != "2014-04-14" || r.Year != 2014 {
		t.Errorf("date = %q year %d, want 2014-04-14", r.Date.Text, r.Year)
	}
	if r.Issuer.Text != "Ban Thường vụ Huyện ủy Chợ Mới" {
		t.Errorf("issuer = %q", r.Issuer.Text)
	}
	if r.Source.Text != "TGAG" || !r.Article {
		t.Errorf("source = %q article %v", r.Source.Text, r.Article)
	}
}
