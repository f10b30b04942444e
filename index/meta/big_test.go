package meta

import (
	"strings"
	"testing"
	"time"
)

// TestLargeDocument guards against slow paths: a 1 MB text full of
// numbers and dates must still read quickly.
func TestLargeDocument(t *testing.T) {
	line := "Thực hiện Kế hoạch số 12-KH/HU ngày 14/4/2014 của Huyện ủy, đạt 12/19 tiêu chí, 3.456 hộ, 45,6%; "
	text := partyPlan + strings.Repeat(line+"\n", 1<<20/len(line))
	start := time.Now()
	r := Read(text, Hint{})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("reading 1 MB took %v", d)
	}
	if r.Number.Text != "12-KH/HU" {
		t.Errorf("number %q", r.Number.Text)
	}
	t.Logf("1 MB in %v", time.Since(start))
}
