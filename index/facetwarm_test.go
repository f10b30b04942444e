package index

import (
	"context"
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
