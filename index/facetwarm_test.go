package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFacetCacheAfterImport checks that an archive closed after an import
// leaves the facet cache of every segment of its index, so that the next
// read-only search (`khovanban search`) reads no facet value from the
// index and counts the same facets; and that a cache file lost is written
// again by the next writable session.
func TestFacetCacheAfterImport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, engineDocs(3, 60))
	if _, err := a.Search(context.Background(), Request{Query: "nông thôn"}); err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, engineDocs(4, 60)) // segments no search has read
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	facets := func(a *Archive) string {
		res, err := a.Search(context.Background(), Request{Query: "nông thôn", FacetSize: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(res.Total, res.Facets)
	}
	readOnly := func() string {
		ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		got := facets(ro)
		if n := ro.eng.FacetReads(); n != 0 {
			t.Errorf("a read-only search read the facet values of %d segments from the index", n)
		}
		return got
	}
	got := readOnly()

	// A cache file lost is written again by the next writable session (and
	// the facets counted there from the index are those read above).
	files := mustGlob(t, filepath.Join(dir, facetsDir, "*.facets"))
	if len(files) == 0 {
		t.Fatal("no facet cache file")
	}
	for _, f := range files {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	if a, err = Open(dir, Options{Registry: testRegistry(t)}); err != nil {
		t.Fatal(err)
	}
	want := facets(a)
	if a.eng.FacetReads() == 0 {
		t.Error("the facet values were read from no segment: the cache files were not removed")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if got != want || !strings.Contains(want, "year:[{") {
		t.Errorf("facets read from the cache:\n%s\nfrom the index:\n%s", got, want)
	}
	readOnly()
}

// TestNoFacetsReadsNone checks that a search asked for no facets (plain
// `khovanban search`, which prints none) reads no facet value, even where
// no cache has them.
func TestNoFacetsReadsNone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, engineDocs(5, 40))
	a.Close()
	if err := os.RemoveAll(filepath.Join(dir, facetsDir)); err != nil {
		t.Fatal(err)
	}
	ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for _, q := range []string{"nông thôn", `"xây dựng nông thôn mới"`, "nong th"} {
		res, err := ro.Search(context.Background(), Request{Query: q, NoFacets: true, DisjunctiveFacets: true, Filters: Filters{Years: []int{2015}}})
		if err != nil {
			t.Fatal(err)
		}
		if n := ro.eng.FacetReads(); n != 0 || len(res.Facets) != 0 {
			t.Fatalf("%q without facets read the facet values of %d segments, gave %v", q, n, res.Facets)
		}
	}
	if _, err := ro.Search(context.Background(), Request{Query: "nông thôn"}); err != nil {
		t.Fatal(err)
	}
	if ro.eng.FacetReads() == 0 {
		t.Error("facets counted without reading facet values: the test proves nothing")
	}
}

// TestWarmFacetsCountsTheSame checks that the tables WarmFacets builds at
// open give the same facets as those a first search builds for itself, on
// an archive of several segments (the two queries match under half of
// each, so their facets are counted document by document); that a search
// after warming builds none; and that a warming cancelled builds none.
func TestWarmFacetsCountsTheSame(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, engineDocs(5, 30))
	importDocs(t, a, engineDocs(6, 30))
	importDocs(t, a, engineDocs(7, 30))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	queries := []string{"hòa giải", "giao thông phòng chống"}
	facets := func(a *Archive) string {
		var out []string
		for _, q := range queries {
			res, err := a.Search(context.Background(), Request{Query: q, FacetSize: 1000})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total == 0 || res.Total*2 >= 90 {
				t.Fatalf("%q: %d of 90 documents, not a small match", q, res.Total)
			}
			out = append(out, fmt.Sprint(q, res.Total, res.Facets))
		}
		return strings.Join(out, "\n")
	}
	open := func() *Archive {
		ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ro.Close() })
		return ro
	}

	cold := open()
	want := facets(cold)
	if cold.eng.FacetTables() == 0 {
		t.Fatal("the searches built no table of facet values: not the path WarmFacets spares")
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stopped := open()
	if err := stopped.WarmFacets(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("a warming cancelled returned %v", err)
	}
	if n := stopped.eng.FacetTables(); n != 0 {
		t.Errorf("a warming cancelled built %d tables", n)
	}

	warm := open()
	if err := warm.WarmFacets(context.Background()); err != nil {
		t.Fatal(err)
	}
	built := warm.eng.FacetTables()
	if built < 2 {
		t.Fatalf("warming built %d tables, want one a segment (of several)", built)
	}
	if got := facets(warm); got != want {
		t.Errorf("facets after warming:\n%s\nwithout:\n%s", got, want)
	}
	if n := warm.eng.FacetTables(); n != built {
		t.Errorf("the searches after warming built %d tables more", n-built)
	}
}
