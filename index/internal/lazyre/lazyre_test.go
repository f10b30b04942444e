package lazyre

import (
	"slices"
	"testing"
)

func TestCompiledAtFirstUse(t *testing.T) {
	re := New(`(\d+)-(\p{Lu}+)`)
	if got := re.FindStringSubmatch("Số 12-KH/HU"); !slices.Equal(got, []string{"12-KH", "12", "KH"}) {
		t.Errorf("FindStringSubmatch = %q", got)
	}
	if !re.MatchString("05-NQ") || re.MatchString("nq") {
		t.Error("MatchString")
	}
	if got := re.ReplaceAllString("1-A 2-B", "$2"); got != "A B" {
		t.Errorf("ReplaceAllString = %q", got)
	}
	if first, again := re.Compiled(), re.Compiled(); first != again {
		t.Error("compiled twice")
	}
}

func TestBadPatternPanicsAtFirstUse(t *testing.T) {
	re := New(`(`) // no panic here
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern did not panic at its first use")
		}
	}()
	re.MatchString("x")
}
