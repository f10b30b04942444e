package index

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Bleve's scorch makes two Levenshtein automaton builders in its package
// init. Upstream vellum v1.2.1 computes their tables there (about 1 MB in
// 26,000 allocations, 3–7 ms of every process's start); the copy in
// third_party/vellum (see its PATCHED.md) computes them at the first fuzzy
// query. These tests fail when that copy stops being used (the replace in
// go.mod dropped, or a Bleve upgrade that requires another vellum) and
// check that fuzzy queries still work through it.

// scorchInit matches scorch's line of GODEBUG=inittrace=1.
var scorchInit = regexp.MustCompile(`(?m)^init github\.com/blevesearch/bleve/v2/index/scorch @\S+ ms, \S+ ms clock, (\d+) bytes, (\d+) allocs`)

func TestScorchInitBuildsNoAutomaton(t *testing.T) {
	// This test binary links scorch like the program does: run it again,
	// running no test, and read what scorch's init allocated.
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := scorchInit.FindSubmatch(out)
	if m == nil {
		t.Fatalf("no init line for scorch in the trace:\n%s", out)
	}
	bytes, _ := strconv.Atoi(string(m[1]))
	allocs, _ := strconv.Atoi(string(m[2]))
	// Patched: about 200 bytes in a few allocations; upstream: 1,088,680
	// bytes in 25,781.
	if bytes > 64<<10 || allocs > 1000 {
		t.Errorf("scorch's init allocated %d bytes in %d allocations: the Levenshtein tables are built at start again "+
			"(is go.mod's replace of vellum still applied? see third_party/vellum/PATCHED.md)", bytes, allocs)
	}
}

func TestFuzzyQueryAfterLazyAutomaton(t *testing.T) {
	m := mapping.NewIndexMapping()
	m.DefaultAnalyzer = "standard"
	idx, err := bleve.New(filepath.Join(t.TempDir(), "fuzzy.bleve"), m)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"hanoi":  "ha noi thu do",
		"hanam":  "ha nam",
		"saigon": "sai gon",
		"haiphg": "hai phong",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]any{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		term      string
		fuzziness int
		want      []string
	}{
		{"thu", 0, []string{"hanoi"}},
		{"tho", 1, []string{"hanoi"}},
		{"gonn", 1, []string{"saigon"}},
		{"phnog", 1, []string{"haiphg"}},  // a transposition counts as one edit
		{"phnogx", 1, nil},                // two edits
		{"phnogx", 2, []string{"haiphg"}}, // within two
		{"nan", 1, []string{"hanam"}},
	}
	// Every case at once, several times over: the first queries build the
	// tables while others wait for them (run under -race).
	var wg sync.WaitGroup
	for range 4 {
		for _, c := range cases {
			wg.Go(func() {
				q := bleve.NewFuzzyQuery(c.term)
				q.SetField("text")
				q.SetFuzziness(c.fuzziness)
				res, err := idx.Search(bleve.NewSearchRequest(q))
				if err != nil {
					t.Errorf("%q~%d: %v", c.term, c.fuzziness, err)
					return
				}
				var got []string
				for _, h := range res.Hits {
					got = append(got, h.ID)
				}
				slices.Sort(got)
				if !slices.Equal(got, c.want) {
					t.Errorf("%q~%d found %v, want %v", c.term, c.fuzziness, got, c.want)
				}
			})
		}
	}
	wg.Wait()
	// Scorch refuses more than two edits, as before.
	q := bleve.NewFuzzyQuery("tho")
	q.SetField("text")
	q.SetFuzziness(3)
	if _, err := idx.Search(bleve.NewSearchRequest(q)); err == nil {
		t.Error("a fuzziness of 3 was accepted")
	}
}
