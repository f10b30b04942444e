package index

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
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

// sameContents fails the test at the first line where two segments'
// contents (segmentContents) differ.
func sameContents(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("line %d of %d/%d differs:\n got %.300s\nwant %.300s", i, len(gl), len(wl), gl[i], wl[i])
		}
	}
	t.Fatalf("%d lines, want %d", len(gl), len(wl))
}

// everyTerm is an automaton matching every term of a dictionary.
type everyTerm struct{}

func (everyTerm) Start() int               { return 0 }
func (everyTerm) IsMatch(int) bool         { return true }
func (everyTerm) CanMatch(int) bool        { return true }
func (everyTerm) WillAlwaysMatch(int) bool { return true }
func (everyTerm) Accept(int, byte) int     { return 0 }

// TestSegmentPostingsAsCounted builds a segment with the patched zapx
// (third_party/zapx: the frequencies it reads once, the document numbers
// gathered per term) and reads back every posting of every field: each
// is what the documents' own fields count, computed here apart from
// zapx. The documents repeat fields (campaigns, topics, citations: zapx
// merges a field met twice in a document, which the patch leaves to
// upstream's path) and share terms across them, and the segment reuses
// the scratch of a larger one built before it.
func TestSegmentPostingsAsCounted(t *testing.T) {
	var docs []*Document
	add := func(d *Document) {
		d.ID = fmt.Sprintf("d%03d", len(docs))
		docs = append(docs, d)
	}
	add(&Document{Title: "Kế hoạch", Text: "Quyết tâm xây dựng nông thôn mới, QUYẾT TÂM hoà hòa", Type: "Kế hoạch", Year: 2023,
		Campaigns: []string{"Nông thôn mới", "Nông thôn mới"}, Topics: []string{"Xây dựng Đảng", "xây dựng nông thôn"},
		Citations: []Citation{{Number: "12-KH/HU"}, {Number: "12-KH/HU"}, {Number: "3/NQ-TW"}}})
	add(&Document{Text: strings.Repeat(testDocs["bc-typo.txt"], 3), Issuer: "UBND xã", Topics: []string{"Kinh tế"}})
	add(&Document{})
	engine := engineDocs(5, 30)
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		add(&Document{Title: fmt.Sprintf("Văn bản số %d về cán bộ", i), Text: engine[name], Year: 2000 + i,
			Topics: []string{"Cán bộ", "Đảng", "cán bộ"}[:1+i%3]})
	}
	tc := newTermCounter(termCounterMax)
	terms := map[string]*docTerms{}
	for _, d := range docs {
		terms[d.ID], _ = tc.analyze(d)
	}
	entries := func(docs []*Document) []bulkEntry {
		var es []bulkEntry
		for _, d := range docs {
			es = append(es, func(s *fieldScratch) *document.Document { return bleveEntry(d, terms[d.ID].lazyFields(s)) })
		}
		return es
	}
	dir := t.TempDir()
	s := &fieldScratch{}
	if err := buildSegment(entries(append(slices.Clone(docs), docs...)[1:]), filepath.Join(dir, "before.zap"), s); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "seg.zap")
	if err := buildSegment(entries(docs), path, s); err != nil {
		t.Fatal(err)
	}
	got := segmentContents(t, path)

	// What each field of each document counts, merged by field name.
	type posting struct{ doc, freq, length int }
	postings := map[string]map[string][]posting{} // field, term
	var b strings.Builder
	fmt.Fprintln(&b, len(docs), "documents")
	for n, d := range docs {
		fmt.Fprintf(&b, "%d %s\n", n, d.ID)
		entry := bleveDocument(d)
		entry.AddIDField()
		freqs, lengths := map[string]map[string]int{}, map[string]int{}
		entry.VisitFields(func(f bindex.Field) {
			f.Analyze()
			lengths[f.Name()] += f.AnalyzedLength()
			if freqs[f.Name()] == nil {
				freqs[f.Name()] = map[string]int{}
			}
			for term, tf := range f.AnalyzedTokenFrequencies() {
				freqs[f.Name()][term] += tf.Frequency()
			}
		})
		for field, fs := range freqs {
			if postings[field] == nil {
				postings[field] = map[string][]posting{}
			}
			for term, n2 := range fs {
				postings[field][term] = append(postings[field][term], posting{n, n2, lengths[field]})
			}
		}
	}
	for _, field := range slices.Sorted(maps.Keys(postings)) {
		for _, term := range slices.Sorted(maps.Keys(postings[field])) {
			fmt.Fprintf(&b, "%s %s:", field, term)
			for _, p := range postings[field][term] {
				fmt.Fprintf(&b, " %d/%d/%.4f", p.doc, p.freq, float32(1/math.Sqrt(float64(p.length))))
			}
			b.WriteByte('\n')
		}
	}
	want := b.String()
	sameContents(t, got, want)
	for _, term := range []string{"campaign Nông thôn mới: 0/2/", "cites ", "topic_f dung: 0/2/", "p quyet tam: 0/2/"} {
		if !strings.Contains(got, term) {
			t.Errorf("no %q in the segment", term)
		}
	}
}

// TestMergeOfSegmentsWithOtherFields merges bulk segments whose fields
// differ (a twin group's and cited numbers' fields in the first segment
// alone, as after an import where few documents have them), which the
// patched zapx merges by copying each posting's frequency and norm bytes
// (no field of ours has locations): every posting of every field of the
// merged segment is the one the segment built of all the documents at
// once holds.
func TestMergeOfSegmentsWithOtherFields(t *testing.T) {
	var docs []*Document
	engine := engineDocs(7, 24)
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		d := &Document{ID: fmt.Sprintf("d%03d", i), Title: fmt.Sprintf("Kế hoạch số %d về cán bộ", i), Text: engine[name],
			Year: 2000 + i%5, Topics: []string{"Cán bộ", "Đảng"}[:1+i%2]}
		if i < 6 {
			d.TwinOf = "d000"
			d.Citations = []Citation{{Number: fmt.Sprintf("%d-KH/HU", i)}}
		}
		docs = append(docs, d)
	}
	dir := t.TempDir()
	build := func(name string, docs []*Document) string {
		var entries []bulkEntry
		for _, d := range docs {
			entries = append(entries, func(*fieldScratch) *document.Document { return bleveDocument(d) })
		}
		path := filepath.Join(dir, name+".zap")
		if err := buildSegment(entries, path, &fieldScratch{}); err != nil {
			t.Fatal(err)
		}
		return path
	}
	bb := &bulkBuilder{path: dir, segs: []string{build("a", docs[:8]), build("b", docs[8:16]), build("c", docs[16:])}}
	if err := os.MkdirAll(filepath.Join(dir, "segments"), 0o755); err != nil {
		t.Fatal(err)
	}
	fields := func(path string) []string {
		seg, err := bulkSegments.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer seg.Close()
		return seg.Fields()
	}
	if a, b := fields(bb.segs[0]), fields(bb.segs[1]); slices.Equal(a, b) || !slices.Contains(a, fieldTwin) || slices.Contains(b, fieldTwin) {
		t.Fatalf("the segments' fields should differ by the twin field: %v, %v", a, b)
	}
	merged, err := bb.merge()
	if err != nil {
		t.Fatal(err)
	}
	got := segmentContents(t, merged)
	sameContents(t, got, segmentContents(t, build("all", docs)))
	for _, term := range []string{"twin d000: 0/1/", "cites 5-kh/hu: 5/1/", "p can bo: "} {
		if !strings.Contains(got, term) {
			t.Errorf("no %q in the merged segment", term)
		}
	}
}

// TestMergeInRangesIsTheSame merges the same segments with one core, as
// upstream merges every field term after term, and with two, where the
// patched zapx merges a large field in ranges of terms side by side
// (third_party/zapx/merge_ranges.go): the two files are the same byte for
// byte. The pair field of the largest segment holds enough terms to be cut.
func TestMergeInRangesIsTheSame(t *testing.T) {
	// The engine documents' words in random orders: many distinct pairs.
	engine := engineDocs(11, 150)
	var words []string
	for _, text := range engine {
		words = append(words, strings.Fields(text)...)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	r := rand.New(rand.NewPCG(11, 2))
	var docs []*Document
	for i, name := range slices.Sorted(maps.Keys(engine)) {
		text := engine[name]
		for range 400 {
			text += " " + words[r.IntN(len(words))]
		}
		d := &Document{ID: fmt.Sprintf("d%03d", i), Title: fmt.Sprintf("Báo cáo số %d", i), Text: text, Year: 2010 + i%9}
		if i%37 == 0 {
			d.TwinOf = "d000"
		}
		docs = append(docs, d)
	}
	dir := t.TempDir()
	var segs []string
	for at := 0; at < len(docs); at += 50 {
		var entries []bulkEntry
		for _, d := range docs[at:min(at+50, len(docs))] {
			entries = append(entries, func(*fieldScratch) *document.Document { return bleveDocument(d) })
		}
		path := filepath.Join(dir, fmt.Sprintf("%d.zap", at))
		if err := buildSegment(entries, path, &fieldScratch{}); err != nil {
			t.Fatal(err)
		}
		segs = append(segs, path)
	}
	seg, err := bulkSegments.Open(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	dict, err := seg.Dictionary(fieldPairs)
	if err != nil {
		t.Fatal(err)
	}
	terms := 0
	for it := dict.AutomatonIterator(everyTerm{}, nil, nil); ; terms++ {
		if e, err := it.Next(); err != nil || e == nil {
			break
		}
	}
	seg.Close()
	if terms < 4096 {
		t.Fatalf("the first segment's pair field holds %d terms, too few to be merged in ranges", terms)
	}
	merge := func(procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out := filepath.Join(t.TempDir(), "segments")
		if err := os.MkdirAll(out, 0o755); err != nil {
			t.Fatal(err)
		}
		bb := &bulkBuilder{path: filepath.Dir(out), segs: segs}
		path, err := bb.merge()
		if err != nil {
			t.Fatal(err)
		}
		return path
	}
	one, two := merge(1), merge(2)
	a, err := os.ReadFile(one)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(two)
	if err != nil {
		t.Fatal(err)
	}
	// The postings and dictionaries come first and are the same byte for
	// byte; the last section (the fields' options, written from a map by
	// upstream) may be in another order from one merge to the next, in
	// one goroutine too.
	n := 0
	for n < min(len(a), len(b)) && a[n] == b[n] {
		n++
	}
	if len(a) != len(b) || n < len(a)*99/100 {
		t.Errorf("merged on two cores: %d bytes, on one: %d; they differ from byte %d", len(b), len(a), n)
	}
	sameContents(t, segmentContents(t, two), segmentContents(t, one))
}

// TestPatchedZapxInUse fails when the program stops building its segments
// with the patched copy of zapx in third_party/zapx (see its PATCHED.md):
// go.mod's replace dropped, or a Bleve upgrade that requires another zapx
// v17, which the replace (pinned to v17.2.5 on purpose) then no longer
// covers. The segments would still be right, only slower to build. A test
// binary carries no list of its modules (debug.ReadBuildInfo has none), so
// this reads go.mod as the go command does: the last word of a require or
// replace line.
func TestPatchedZapxInUse(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	const zapx = "github.com/blevesearch/zapx/v17"
	var required, replaced string
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "require "))
		switch {
		case len(f) >= 2 && f[0] == zapx && !strings.Contains(line, "=>"):
			required = f[1]
		case len(f) == 5 && f[0] == "replace" && f[1] == zapx && f[3] == "=>":
			replaced = f[2] + " => " + f[4]
		}
	}
	if required == "" {
		t.Fatal("go.mod requires no zapx v17: Bleve writes another segment format; see third_party/zapx/PATCHED.md")
	}
	if want := required + " => ./third_party/zapx"; replaced != want {
		t.Fatalf("go.mod requires zapx %s and replaces %q, not %q: segments are built as upstream builds them; "+
			"see third_party/zapx/PATCHED.md", required, replaced, want)
	}
}
