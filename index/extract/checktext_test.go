package extract

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// TestCheckTextCountsRunes holds checkText's byte-by-byte counts to the
// runes of the text (control codes among all characters, an invalid
// byte counting as one character): random texts of letters, controls and
// stray bytes around the one-in-twenty limit, refused exactly when the
// runes say so.
func TestCheckTextCountsRunes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pieces := []string{"a", "ố", "\x01", "\x1b", "\n", "\t", "\x1a", "\xff", "\xc3", "\x00", "Đ"}
	refused := 0
	for range 20000 {
		var s []byte
		for range rng.IntN(60) {
			s = append(s, pieces[rng.IntN(len(pieces))]...)
		}
		controls, total := 0, 0
		for _, r := range string(s) {
			total++
			if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' && r != 0x1a {
				controls++
			}
		}
		want := total > 0 && controls*20 > total
		_, _, err := checkText(string(s), "x")
		if got := errors.Is(err, ErrBinary); got != want {
			t.Fatalf("%q: refused %v, want %v (%d controls of %d)", s, got, want, controls, total)
		}
		if want {
			refused++
		}
	}
	if refused == 0 || refused == 20000 {
		t.Fatalf("%d of 20000 refused", refused)
	}
}
