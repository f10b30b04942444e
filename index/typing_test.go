package index

import "testing"

func TestTypingQuery(t *testing.T) {
	for q, want := range map[string]string{
		`nông thôn`:             `nông thôn`,
		`"nông thôn mới"`:       `"nông thôn mới"`,
		`"nông thôn mớ`:         `nông thôn mớ`,
		`a "b c" “d e`:          `a "b c" d e`,
		`dân vận -"cụm`:         `dân vận `,
		`coquan:"đảng ủy`:       `coquan:đảng ủy`,
		`-"x`:                   ``,
		`nêu gương OR "dân vận`: `nêu gương OR dân vận`,
	} {
		if got := TypingQuery(q); got != want {
			t.Errorf("TypingQuery(%q) = %q, want %q", q, got, want)
		}
	}
}

func TestWaitForMore(t *testing.T) {
	for q, want := range map[string]bool{"h": true, "hoc t": true, "hoc": false, "": false, "năm:2": false, "hoc ": false, "12-KH/Đ": true, "x y": true} {
		if got := WaitForMore(q); got != want {
			t.Errorf("%q: %v", q, got)
		}
	}
}
