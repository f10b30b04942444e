package meta

import (
	"strings"
	"testing"
	"time"
)

// TestLargeDocument guards against slow paths: a 1 MB text full of
// numbers and dates must still read quickly. The bound is loose (a
// quadratic path takes minutes) and in the reading thread's CPU time,
// so that -race on a busy machine passes (a wall clock at load 28 took
// 42-47 s for what costs 2 s); speed itself is measured by the
// benchmarks.
func TestLargeDocument(t *testing.T) {
	line := "Thực hiện Kế hoạch số 12-KH/HU ngày 14/4/2014 của Huyện ủy, đạt 12/19 tiêu chí, 3.456 hộ, 45,6%; "
	text := partyPlan + strings.Repeat(line+"\n", 1<<20/len(line))
	var r Result
	d := threadCPU(func() { r = Read(text, Hint{}) })
	if d > 60*time.Second {
		t.Errorf("reading 1 MB took %v of CPU", d)
	}
	if r.Number.Text != "12-KH/HU" {
		t.Errorf("number %q", r.Number.Text)
	}
	t.Logf("1 MB in %v of CPU", d)
}

// TestRepetitiveText guards against quadratic paths on odd texts: 100 KB
// of one fragment repeated must read in seconds of CPU, not minutes.
func TestRepetitiveText(t *testing.T) {
	units := []string{"Số 1-", "ngày ", "T/M\n", "- x\n", "Nơi nhận:\n- a\n", "1 ", "KẾ HOẠCH\n", "a   b   c\n", "\n",
		"Chỉ thị số 1-CT/TW ngày 1/1/2000 của Bộ ", "(TGAG)- ", "Ban Thường vụ ", "ngày 1 tháng 1 năm 2000 ", "1/1/2000 "}
	for _, unit := range units {
		text := strings.Repeat(unit, 100000/len(unit))
		if d := threadCPU(func() { Read(text, Hint{}) }); d > 30*time.Second {
			t.Errorf("%q repeated: %v of CPU", unit, d)
		}
	}
}
