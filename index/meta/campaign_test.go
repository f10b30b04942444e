package meta_test

import (
	"os"
	"sync"
	"testing"

	"khovanban/index/classify"
	"khovanban/index/meta"
)

// builtinRegistry is the registry file the program embeds.
const builtinRegistry = "../../assets/registry.json"

// campaignNames maps the campaign slugs of vncorpus's truth.tsv to the
// names in the built-in registry.
var campaignNames = map[string]string{
	"hcm":         "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	"ntm":         "Xây dựng nông thôn mới",
	"vanhoa":      "Toàn dân đoàn kết xây dựng đời sống văn hóa",
	"danvan":      "Dân vận khéo",
	"hangviet":    "Người Việt Nam ưu tiên dùng hàng Việt Nam",
	"cchc":        "Cải cách hành chính",
	"pctn":        "Phòng, chống tham nhũng, lãng phí",
	"anninh":      "Toàn dân bảo vệ an ninh Tổ quốc",
	"covid":       "Phòng, chống dịch COVID-19",
	"cds":         "Chuyển đổi số",
	"giamngheo":   "Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
	"xaydungdang": "Xây dựng, chỉnh đốn Đảng",
}

var loadRegistry = sync.OnceValues(func() (*classify.Registry, error) {
	data, err := os.ReadFile(builtinRegistry)
	if err != nil {
		return nil, err
	}
	return classify.Load(data, nil)
})

// registry returns the built-in registry, or skips when it is missing.
func registry(t *testing.T) *classify.Registry {
	t.Helper()
	reg, err := loadRegistry()
	if err != nil {
		t.Fatalf("built-in registry: %v", err)
	}
	return reg
}

// input builds what classify needs from a read document.
func input(r meta.Result, text string) classify.Input {
	in := classify.Input{Title: r.Title.Text, Text: text, Number: r.Number.Text, Year: r.Year}
	for _, c := range r.Citations {
		in.Citations = append(in.Citations, c.Number)
		in.CitedYears = append(in.CitedYears, yearOf(c.Date))
	}
	return in
}

// yearOf returns the year of a YYYY-MM-DD date, or 0.
func yearOf(date string) int {
	y := 0
	for i := 0; i < len(date) && i < 4; i++ {
		y = y*10 + int(date[i]-'0')
	}
	return y
}

// campaigns returns the campaigns classify gives the document, strongest
// first; the first is the one compared with the truth.
func campaigns(t *testing.T, r meta.Result, text string) []string {
	var out []string
	for _, m := range registry(t).Classify(input(r, text)) {
		if m.Kind == classify.Campaign {
			out = append(out, m.Name)
		}
	}
	return out
}

// TestSeedCampaign checks that the real seed page falls under the Hồ Chí
// Minh campaign with the built-in registry; it skips without /work/shared.
func TestSeedCampaign(t *testing.T) {
	data, err := os.ReadFile("../../../shared/fixtures/seed-cho-moi-3-khong.txt")
	if err != nil {
		t.Skipf("shared seed page not available: %v", err)
	}
	text := string(data)
	r := meta.Read(text, meta.Hint{})
	got := registry(t).Classify(input(r, text))
	t.Logf("seed classified as %+v", got)
	if len(got) == 0 || got[0].Name != campaignNames["hcm"] {
		t.Errorf("seed campaign = %+v, want %q first", got, campaignNames["hcm"])
	}
}
