package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHasLegacyWordChar holds hasLegacyWordChar to strings.ContainsAny
// over legacyWordChars, which it replaces: each character of the set and
// its neighbours alone and inside text, random bytes (invalid UTF-8
// among them) and the files of KHOVANBAN_CORPUS when it is set.
func TestHasLegacyWordChar(t *testing.T) {
	var texts []string
	for _, r := range legacyWordChars + "àáâãéêìíòóôõùúýĐđ\u2211\u2213\u2218\u221a" {
		texts = append(texts, string(r), "Quyết định "+string(r)+" số", string(r)[:len(string(r))-1]+"x")
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"a", " ", "\n", "ố", "è", "§", "\xc2", "\xc3", "\xe2", "\x88", "\x92", "\x99", "\xa7", "\xa8", "\x80", "\xbf", "−", "∙"}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			if rng.IntN(4) == 0 {
				b.WriteByte(byte(rng.IntN(256)))
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		texts = append(texts, b.String())
	}
	if dir := os.Getenv("KHOVANBAN_CORPUS"); dir != "" {
		names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		for _, n := range names[:min(len(names), 2000)] {
			if data, err := os.ReadFile(n); err == nil {
				texts = append(texts, string(data))
			}
		}
	}
	found := 0
	for _, s := range texts {
		want := strings.ContainsAny(s, legacyWordChars)
		if got := hasLegacyWordChar(s); got != want {
			t.Fatalf("%q: %v, ContainsAny %v", s, got, want)
		}
		if want {
			found++
		}
	}
	if found < 100 || found == len(texts) {
		t.Fatalf("%d of %d texts hold one of the characters", found, len(texts))
	}
}
