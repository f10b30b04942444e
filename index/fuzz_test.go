package index

import (
	"context"
	"errors"
	"testing"
	"time"

	"khovanban/index/internal/cputime"
)

// FuzzSearch types anything into the search box: every input gives
// results or a *QueryError, never a panic, in bounded time.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		"quyết tâm", "quyet ta", `"nông thôn mới"`, `-"dân vận" cán bộ`, "a OR b OR", "năm:2014-2016 loại:kế hoạch",
		`so:"12-KH/ĐU"`, "phongtrao:", `"`, "-", "OR", "năm:99999", "::::", "\x00\xff", "c", "ng",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	a := newTestArchive(f)
	rep, err := a.Import(context.Background(), []string{writeDocs(f, testDocs)}, ImportOptions{})
	if err != nil || rep.Added != len(testDocs) {
		f.Fatalf("import: %v", err)
	}
	f.Fuzz(func(t *testing.T, q string, asYouType bool) {
		var res *Result
		var err error
		took := cputime.Process(func() { res, err = a.Search(context.Background(), Request{Query: q, AsYouType: asYouType}) })
		var qe *QueryError
		switch {
		case err == nil && res == nil:
			t.Fatal("no result and no error")
		case err != nil && !errors.As(err, &qe):
			t.Fatalf("Search(%q): %v", q, err)
		}
		if took > 20*time.Second {
			t.Fatalf("Search(%q) took %v of CPU", q, took)
		}
	})
}
