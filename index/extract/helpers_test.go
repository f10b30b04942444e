package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index/vntext"
)

// readTestdata returns a file from testdata, failing the test if absent.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// expectedPieces are the paragraphs and table cells of testdata/expected.txt.
func expectedPieces(t testing.TB) []string {
	var out []string
	for _, l := range strings.Split(string(readTestdata(t, "expected.txt")), "\n") {
		if l = foldSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// foldSpace is s in NFC with every run of white space one space.
func foldSpace(s string) string {
	return strings.Join(strings.Fields(vntext.NFC(s)), " ")
}

// matchPieces reports how many pieces occur in text, in order, each
// within one paragraph or cell of text (so that cells stay apart), and
// the first piece missing.
func matchPieces(text string, pieces []string) (found int, missing string) {
	var units []string
	for _, u := range strings.Split(text, "\n\n") {
		units = append(units, foldSpace(u))
	}
	at := 0
	for _, p := range pieces {
		ok := false
		for i := at; i < len(units); i++ {
			if strings.Contains(units[i], p) {
				ok, at = true, i
				break
			}
		}
		if ok {
			found++
		} else if missing == "" {
			missing = p
		}
	}
	return found, missing
}

// cer is the character error rate of got against want: edit distance
// over the length of want, both with white space folded.
func cer(got, want string) float64 {
	a, b := []rune(foldSpace(got)), []rune(foldSpace(want))
	if len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(b))
}

func vntextNFC(s string) string { return vntext.NFC(s) }
