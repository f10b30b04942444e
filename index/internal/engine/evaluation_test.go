package engine

import "testing"

// TestNextWindow checks how far the best hits are read again when some
// of them turn out not to hold their phrase: a few more than are missing
// when most held, no more than asked when all are expected to hold, four
// times as many when none held, and always more than held, so that each
// round brings new candidates.
func TestNextWindow(t *testing.T) {
	for _, c := range []struct {
		name               string
		keep, held, window int
		rate               float64
		atLeast, atMost    int
	}{
		// "tổ chức thực hiện" at a million: 2 of the best 20 without it.
		{"most held", 20, 18, 20, 0.9, 21, 24},
		{"first round, the sample all held", 20, 0, 20, 1, 20, 20},
		{"first round, a twentieth of the sample without it", 20, 0, 20, 0.958, 21, 24},
		{"first round, half the sample without it", 20, 0, 20, 0.5, 40, 70},
		{"none held", 20, 0, 80, 0, 320, 320},
		{"one in eight held", 20, 10, 80, 0.125, 90, 200},
		{"one short", 1, 0, 1, 0.99, 2, 3},
	} {
		got := nextWindow(c.keep, c.held, c.rate, c.window)
		if got < c.atLeast || got > c.atMost || got <= c.held {
			t.Errorf("%s: nextWindow(keep %d, held %d, rate %v, window %d) = %d, want %d to %d",
				c.name, c.keep, c.held, c.rate, c.window, got, c.atLeast, c.atMost)
		}
	}
}
