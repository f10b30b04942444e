package index

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
)

// TestLazyFieldsBuildTheSameSegment builds segments of the same documents
// from their counted fields' own maps (fields, as the online index takes
// them) and from the maps a bulk build's goroutine reuses (lazyFields,
// fieldScratch): the segment files are the same byte for byte. One
// scratch builds every segment in turn, small documents after large ones
// and the other way round, so that its maps serve documents and segments
// of every size one after the other.
func TestLazyFieldsBuildTheSameSegment(t *testing.T) {
	var docs []*Document
	add := func(title, text string) {
		docs = append(docs, &Document{ID: fmt.Sprintf("d%03d", len(docs)), Title: title, Text: text, Type: "Kế hoạch", Year: 2023})
	}
	add("", "")
	add("Kế hoạch", "")
	add("", "Quyết tâm xây dựng nông thôn mới, QUYẾT TÂM hoà hòa uỷ ủy 12-KH/HU")
	add("Báo cáo", strings.Repeat(testDocs["bc-typo.txt"], 20))
	engine := engineDocs(5, 60)
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		add(fmt.Sprintf("Văn bản số %d về cán bộ", i), strings.Repeat(engine[name], 1+i%7))
	}
	tc := newTermCounter(termCounterMax)
	terms := map[string]*docTerms{}
	for _, d := range docs {
		terms[d.ID], _ = tc.analyze(d)
	}
	reversed := slices.Clone(docs)
	slices.Reverse(reversed)
	dir := t.TempDir()
	s := &fieldScratch{}
	for i, seg := range [][]*Document{docs[:20], docs[20:], reversed, docs[3:4], docs} {
		build := func(name string, entry func(d *Document) bulkEntry) string {
			entries := make([]bulkEntry, len(seg))
			for j, d := range seg {
				entries[j] = entry(d)
			}
			path := filepath.Join(dir, fmt.Sprintf("%d-%s.zap", i, name))
			if err := buildSegment(entries, path, s); err != nil {
				t.Fatal(err)
			}
			return segmentContents(t, path)
		}
		eager := build("eager", func(d *Document) bulkEntry {
			return func(*fieldScratch) *document.Document { return bleveEntry(d, terms[d.ID].fields()) }
		})
		lazy := build("lazy", func(d *Document) bulkEntry {
			return func(s *fieldScratch) *document.Document { return bleveEntry(d, terms[d.ID].lazyFields(s)) }
		})
		if eager != lazy {
			t.Errorf("segment %d (%d documents) differs built from the fields' own maps and from the scratch's:\n%.2000s\n%.2000s", i, len(seg), eager, lazy)
		}
		if !strings.Contains(eager, "p quyet tam: ") {
			t.Fatalf("segment %d: no pair term 'quyet tam' in %.500s", i, eager)
		}
	}
}

// segmentContents describes a segment file: each field's terms and their
// postings (document, frequency, norm). (Two builds of one segment are
// not the same byte for byte.)
func segmentContents(t *testing.T, path string) string {
	seg, err := bulkSegments.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	var b strings.Builder
	fmt.Fprintln(&b, seg.Count(), "documents")
	for n := range seg.Count() {
		id, err := seg.DocID(n)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%d %s\n", n, id)
	}
	for _, field := range slices.Sorted(slices.Values(seg.Fields())) {
		dict, err := seg.Dictionary(field)
		if err != nil {
			t.Fatal(err)
		}
		it := dict.AutomatonIterator(everyTerm{}, nil, nil)
		for {
			e, err := it.Next()
			if err != nil {
				t.Fatal(err)
			}
			if e == nil {
				break
			}
			pl, err := dict.PostingsList([]byte(e.Term), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "%s %s:", field, e.Term)
			pi := pl.Iterator(true, true, false, nil)
			for {
				p, err := pi.Next()
				if err != nil {
					t.Fatal(err)
				}
				if p == nil {
					break
				}
				fmt.Fprintf(&b, " %d/%d/%.4f", p.Number(), p.Frequency(), p.Norm())
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// everyTerm is an automaton matching every term of a dictionary.
type everyTerm struct{}

func (everyTerm) Start() int               { return 0 }
func (everyTerm) IsMatch(int) bool         { return true }
func (everyTerm) CanMatch(int) bool        { return true }
func (everyTerm) WillAlwaysMatch(int) bool { return true }
func (everyTerm) Accept(int, byte) int     { return 0 }
