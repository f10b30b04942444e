package meta

import (
	"strings"
	"testing"
	"time"
)

// TestLargeDocument guards against slow paths: a 1 MB text full of
// numbers and dates must still read quickly. The bound is loose (a
// quadratic path takes minutes) so that -race on a busy machine passes;
// speed itself is measured by the benchmarks.
func TestLargeDocument(t *testing.T) {
	line := "Thực hiện Kế hoạch số 12-KH/HU ngày 14/4/2014 của Huyện ủy, đạt 12/19 tiêu chí, 3.456 hộ, 45,6%; "
	text := partyPlan + strings.Repeat(line+"\n", 1<<20/len(line))
	start := time.Now()
	r := Read(text, Hint{})
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("reading 1 MB took %v", d)
	}
	if r.Number.Text != "12-KH/HU" {
		t.Errorf("number %q", r.Number.Text)
	}
	t.Logf("1 MB in %v", time.Since(start))
}

// TestRepetitiveText guards against quadratic paths on odd texts: 100 KB
// of one fragment repeated must read in seconds, not minutes.
func TestRepetitiveText(t *testing.T) {
	units := []string{"Số 1-", "ngày ", "T/M\n", "- x\n", "Nơi nhận:\n- a\n", "1 ", "KẾ HOẠCH\n", "a   b   c\n", "\n",
		"Chỉ thị số 1-CT/TW ngày 1/1/2000 của Bộ ", "(TGAG)- ", "Ban Thường vụ ", "ngày 1 tháng 1 năm 2000 ", "1/1/2000 "}
	for _, unit := range units {
		text := strings.Repeat(unit, 100000/len(unit))
		start := time.Now()
		Read(text, Hint{})
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%q repeated: %v", unit, d)
		}
	}
}
