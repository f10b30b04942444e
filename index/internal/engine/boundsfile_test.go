package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestBlockCursor reads every list of the body field of each segment of
// the rank index by blocks, in rounds of blocks taken at random and in
// order within a round as ranking does, then in any order, and compares
// each block with the list read whole through Bleve's iterator: a posting
// read from the wrong place of a chunk (assumption 10 of bleve.go) gives
// other frequencies or norms.
func TestBlockCursor(t *testing.T) {
	idx := newRankIndex(t)
	defer idx.Close()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	defer func(shift uint) { blockShift = shift }(blockShift)
	r := rand.New(rand.NewPCG(5, 5))
	jumped, directLists := 0, 0
	for _, shift := range []uint{4, 6} {
		blockShift = shift
		for _, g := range snap.segs {
			d, err := g.dict("body")
			if err != nil {
				t.Fatal(err)
			}
			nb := int((g.count() + 1<<blockShift - 1) >> blockShift)
			err = d.terms(nil, nil, func(term string) error {
				p, err := d.postings(term, nil)
				if err != nil || p.pl == nil {
					return err
				}
				// The list through Bleve's iterator, and read straight
				// from its chunks (plist.each).
				whole := &termPostings{}
				if err := p.eachPosting(func(doc, freq uint32, norm float32) {
					whole.docs, whole.freqs, whole.norms = append(whole.docs, doc), append(whole.freqs, freq), append(whole.norms, norm)
				}); err != nil {
					return err
				}
				direct, err := p.readAll()
				if err != nil {
					return err
				}
				if !slices.Equal(direct.docs, whole.docs) || !slices.Equal(direct.freqs, whole.freqs) || !slices.Equal(direct.norms, whole.norms) {
					t.Fatalf("%s read straight from its chunks: %v %v %v, want %v %v %v", term,
						direct.docs, direct.freqs, direct.norms, whole.docs, whole.freqs, whole.norms)
				}
				if p.count() >= directMin {
					directLists++
				}
				c := newBlockCursor(p)
				if c == nil {
					if p.count() > 1 {
						t.Fatalf("%s: no block cursor (assumption 10 of bleve.go)", term)
					}
					return nil
				}
				for i := range 6 {
					var round []int
					for j := range nb {
						if r.IntN(4) == 0 || i == 5 {
							round = append(round, j)
						}
					}
					if i >= 4 {
						// Any order: blocks before those read, and every
						// block of the list at last.
						r.Shuffle(len(round), func(a, b int) { round[a], round[b] = round[b], round[a] })
					}
					for _, j := range round {
						lo, hi := uint64(j)<<blockShift, min(uint64(j+1)<<blockShift, g.count())
						got, err := c.block(lo, hi)
						if err != nil {
							return err
						}
						a, _ := slices.BinarySearch(whole.docs, uint32(lo))
						b, _ := slices.BinarySearch(whole.docs, uint32(hi))
						if !slices.Equal(got.docs, whole.docs[a:b]) || !slices.Equal(got.freqs, whole.freqs[a:b]) || !slices.Equal(got.norms, whole.norms[a:b]) {
							t.Fatalf("%s, block %d of %d: %v %v %v, want %v %v %v", term, j, nb, got.docs, got.freqs, got.norms,
								whole.docs[a:b], whole.freqs[a:b], whole.norms[a:b])
						}
						if lo >= 2*c.chunk {
							jumped++
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if jumped == 0 {
		t.Error("no block read past a list's first chunks")
	}
	if directLists == 0 {
		t.Error("no list read straight from its chunks")
	}
}

// boundsEngine is an engine whose bounds files are in dir, ranking the
// body field, with segments ranked by blocks of 2^shift from 256 matches.
func boundsEngine(dir string) *Engine {
	schema := testSchema
	schema.Ranked = []string{"body"}
	return New(Config{Schema: schema, CacheDir: dir})
}

// TestStoredBoundsRankTheSame writes the bounds files of the rank index
// and ranks many plans with a new engine that reads them: the same hits,
// scores and totals as scoring every match, with the bounds read from the
// files and only the blocks scored read from the postings; and the same
// when the files are damaged in the ways a disk or a person may damage
// them (each is then not used, or not for the term damaged).
func TestStoredBoundsRankTheSame(t *testing.T) {
	idx := newRankIndexOf(t, 1500)
	defer idx.Close()
	w := func(i int, boost float64) Term { return term("body", rankWord(i), boost) }
	plans := []Plan{
		{Must: []Node{w(0, 1)}},
		{Must: []Node{w(0, 1), w(1, 1), w(2, 1)}, Should: []Node{w(3, 4), And{[]Node{w(4, 1.5), w(5, 1.5)}}}},
		{Must: []Node{w(0, 1)}, Should: []Node{And{[]Node{w(1, 1), w(2, 1)}}, w(0, 3), w(30, 2)}, MustNot: []Node{w(7, 1)}},
		{Should: []Node{w(0, 1), w(2, 1)}},
	}
	defer func(shift uint, least uint64) { blockShift, pruneMin = shift, least }(blockShift, pruneMin)
	for _, shift := range []uint{4, 6} {
		blockShift, pruneMin = shift, 64
		dir := t.TempDir()
		e := boundsEngine(dir)
		snap, err := OpenSnapshot(idx)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.KeepBounds(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, g := range snap.segs {
			path := boundsPath(dir, g)
			if _, err := os.Stat(path); err != nil {
				t.Fatal(err)
			}
			files = append(files, path)
		}
		snap.Close()
		rank := func(what string, wantFromFile bool) {
			t.Helper()
			var read, scored int64
			for i, plan := range plans {
				r, s := sameRankings(t, dir, idx, i, plan)
				read, scored = read+r, scored+s
			}
			if got := read > 0; got != wantFromFile {
				t.Errorf("blocks of %d, %s: bounds read from the files: %v (%d), want %v", 1<<shift, what, got, read, wantFromFile)
			}
			if scored == 0 {
				t.Errorf("blocks of %d, %s: no segment ranked by blocks", 1<<shift, what)
			}
		}
		rank("files as written", true)

		// Every file of another segment: the largest's in place of the
		// others and the other way round.
		saved := map[string][]byte{}
		for _, f := range files {
			saved[f] = mustRead(t, f)
		}
		restore := func() {
			for f, b := range saved {
				if err := os.WriteFile(f, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		for i, f := range files {
			mustWrite(t, f, saved[files[(i+1)%len(files)]])
		}
		rank("files of other segments", false)
		restore()

		// Cut short by one byte.
		for _, f := range files {
			mustWrite(t, f, saved[f][:len(saved[f])-1])
		}
		rank("files cut short", false)
		restore()

		// The bounds of every term lowered (as a wrong bound would be): a
		// block holding a best hit would be skipped.
		for _, f := range files {
			b := slices.Clone(saved[f])
			bf, err := openBoundsFile(f, segmentStampOfFile(t, idx, f), segmentCRCOfFile(t, idx, f), nbOfFile(t, idx, f))
			if err != nil {
				t.Fatal(err)
			}
			for _, entry := range bf.entries() {
				for j := entry.at; j < entry.at+int64(bf.nb); j++ {
					b[j] /= 4
				}
			}
			mustWrite(t, f, b)
		}
		rank("bounds lowered", false)
		restore()

		// Files written for blocks of another size.
		blockShift = shift + 1
		rank("bounds of blocks of another size", false)
		blockShift = shift
	}
}

// TestTermWithoutStoredBounds ranks by a term too rare for its bounds to
// be stored beside common ones that are: the rare term's bounds are
// worked out from its postings.
func TestTermWithoutStoredBounds(t *testing.T) {
	idx := newRankIndexOf(t, 1500)
	defer idx.Close()
	defer func(shift uint, least uint64) { blockShift, pruneMin = shift, least }(blockShift, pruneMin)
	blockShift, pruneMin = 4, 32
	dir := t.TempDir()
	e := boundsEngine(dir)
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	// Bounds are stored for the terms held by more documents than the
	// rarest word is in any segment.
	rare := rankWord(39)
	for _, g := range snap.segs {
		d, _ := g.dict("body")
		if p, _ := d.postings(rare, nil); p.pl != nil {
			pruneMin = max(pruneMin, p.count()+1)
		}
	}
	if err := e.KeepBounds(context.Background(), snap); err != nil {
		t.Fatal(err)
	}
	// Each field's bytes were written to a file of their own, put
	// together into the bounds file, and removed.
	entries, err := os.ReadDir(e.cfg.CacheDir)
	if err != nil {
		t.Fatal(err)
	}
	bounds := 0
	for _, f := range entries {
		if strings.HasSuffix(f.Name(), boundsSuffix) {
			bounds++
		} else if !strings.HasSuffix(f.Name(), ".facets") {
			t.Errorf("%s left in the cache folder", f.Name())
		}
	}
	if bounds != len(snap.segs) {
		t.Errorf("%d bounds files for %d segments", bounds, len(snap.segs))
	}
	plan := Plan{Must: []Node{term("body", rankWord(0), 1)}, Should: []Node{term("body", rare, 6), term("body", rankWord(1), 1)}}
	read, scored := sameRankings(t, dir, idx, 0, plan)
	if read == 0 {
		t.Error("no bounds read from the files")
	}
	if scored == 0 {
		t.Error("no segment ranked by blocks")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// segOfFile is the segment whose bounds file is path.
func segOfFile(t *testing.T, idx bleve.Index, path string) seg {
	t.Helper()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	for _, g := range snap.segs {
		if boundsPath(filepath.Dir(path), g) == path {
			return g
		}
	}
	t.Fatalf("no segment for %s", path)
	return seg{}
}

func segmentStampOfFile(t *testing.T, idx bleve.Index, path string) uint64 {
	return segmentStamp(segOfFile(t, idx, path))
}

func segmentCRCOfFile(t *testing.T, idx bleve.Index, path string) uint32 {
	return segmentCRC(segOfFile(t, idx, path))
}

func nbOfFile(t *testing.T, idx bleve.Index, path string) int {
	return int((segOfFile(t, idx, path).count() + 1<<blockShift - 1) >> blockShift)
}

// TestQuantizeBounds checks that every byte stands for a bound not below
// the one it replaces, and 0 only for a block without the term.
func TestQuantizeBounds(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for n := range 200 {
		b := make([]float32, 1+n)
		for j := range b {
			if r.IntN(5) > 0 {
				b[j] = float32(r.ExpFloat64() * math.Pow(10, float64(r.IntN(7)-3)))
			}
		}
		m, q := quantize(b)
		for j, x := range b {
			got := boundLevel(m, q[j])
			if got < x || (x > 0) != (q[j] > 0) {
				t.Fatalf("bound %g: byte %d stands for %g (largest %g)", x, q[j], got, m)
			}
		}
	}
}

// sameRankings checks that the plan ranks the same by blocks and by
// scoring every match, keeping from 1 to 100 hits, by a new engine whose
// bounds files are in dir (its first search, as a new process makes, and
// its second, with the bounds in memory); it returns how many terms'
// bounds were read from the files and how many blocks were scored.
func sameRankings(t *testing.T, dir string, idx bleve.Index, i int, plan Plan) (read, scored int64) {
	t.Helper()
	for _, keep := range []int{1, 10, 100} {
		req := Request{Plan: &plan, Keep: keep}
		e := boundsEngine(dir)
		e.SetPlainRanking(true)
		want := fmt.Sprint(search(t, e, idx, req))
		e.SetPlainRanking(false)
		// What scoring every match kept in memory is forgotten.
		e.segs.forgetKept(math.MaxUint64)
		for _, which := range []string{"first", "second"} {
			if got := fmt.Sprint(search(t, e, idx, req)); got != want {
				t.Errorf("plan %d, %d kept, %s search:\nevery match: %s\nby blocks:   %s", i, keep, which, want, got)
			}
		}
		read, scored = read+e.segs.boundsRead.Load(), scored+e.blocksScored.Load()
	}
	return read, scored
}

// TestCursorMarksKept ranks by the bounds files, so that only the blocks
// scored are read from the postings: the first search passes over the
// postings before each block it reads, and keeps where each block starts;
// the same search again finds them all, and one keeping more hits those
// it shares (each ranking as scoring every match does); once the bounds
// are forgotten, the starts are found again.
func TestCursorMarksKept(t *testing.T) {
	idx := newRankIndexOf(t, 1500)
	defer idx.Close()
	defer func(shift uint, least uint64, parts int) { blockShift, pruneMin, forceParts = shift, least, parts }(blockShift, pruneMin, forceParts)
	// In two parts side by side, whose cursors share the starts found.
	blockShift, pruneMin, forceParts = 4, 64, 2
	dir := t.TempDir()
	snap, err := OpenSnapshot(idx)
	if err != nil {
		t.Fatal(err)
	}
	if err := boundsEngine(dir).KeepBounds(context.Background(), snap); err != nil {
		t.Fatal(err)
	}
	snap.Close()
	w := func(i int, boost float64) Term { return term("body", rankWord(i), boost) }
	plan := Plan{Must: []Node{w(0, 1), w(1, 1)}, Should: []Node{w(3, 4), And{[]Node{w(4, 1.5), w(5, 1.5)}}}}
	e := boundsEngine(dir)
	e.SetPlainRanking(true)
	want := map[int]string{}
	for _, keep := range []int{10, 40} {
		want[keep] = fmt.Sprint(search(t, e, idx, Request{Plan: &plan, Keep: keep}))
	}
	e.SetPlainRanking(false)
	e.segs.forgetKept(math.MaxUint64)
	// passes: whether postings must be passed over (0 no, 1 yes, -1 either).
	rank := func(what string, keep int, passes int) {
		t.Helper()
		passed, scored := e.postingsPassed.Load(), e.blocksScored.Load()
		if got := fmt.Sprint(search(t, e, idx, Request{Plan: &plan, Keep: keep})); got != want[keep] {
			t.Errorf("%s, %d kept:\nevery match: %s\nby blocks:   %s", what, keep, want[keep], got)
		}
		passed, scored = e.postingsPassed.Load()-passed, e.blocksScored.Load()-scored
		t.Logf("%s, %d kept: %d blocks scored, %d postings passed over", what, keep, scored, passed)
		if scored == 0 {
			t.Fatalf("%s: no block scored", what)
		}
		if passes >= 0 && (passed > 0) != (passes == 1) {
			t.Errorf("%s, %d kept: %d postings passed over to reach the blocks", what, keep, passed)
		}
	}
	rank("first search", 10, 1)
	rank("the same again", 10, 0)
	rank("more hits", 40, -1)
	rank("more hits again", 40, 0)
	rank("fewer hits", 10, 0)
	e.segs.forgetBounds()
	rank("bounds forgotten", 10, 1)
}

// TestBoundsOfFieldsAtOnce writes the bounds files of three ranked fields,
// worked out one a core, with one core and with four: the same bytes, and
// each field's terms in the file, as the file is read back.
func TestBoundsOfFieldsAtOnce(t *testing.T) {
	idx := newRankIndexOf(t, 1500)
	defer idx.Close()
	defer func(least uint64) { pruneMin = least }(pruneMin)
	pruneMin = 64
	write := func(procs int) (map[string][]byte, map[string]int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir := t.TempDir()
		schema := testSchema
		schema.Ranked = []string{"y", "body", "t"}
		e := New(Config{Schema: schema, CacheDir: dir})
		snap, err := OpenSnapshot(idx)
		if err != nil {
			t.Fatal(err)
		}
		defer snap.Close()
		if err := e.KeepBounds(context.Background(), snap); err != nil {
			t.Fatal(err)
		}
		files, fields := map[string][]byte{}, map[string]int{}
		for _, g := range snap.segs {
			path := boundsPath(dir, g)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			files[filepath.Base(path)] = data
			bf, err := openBoundsFile(path, segmentStamp(g), segmentCRC(g), int((g.count()+1<<blockShift-1)>>blockShift))
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			for k := range bf.entries() {
				if bf.read(k).q == nil {
					t.Errorf("%s: bounds of %v not read back", path, k)
				}
				fields[k.field]++
			}
		}
		return files, fields
	}
	one, fields := write(1)
	four, _ := write(4)
	if len(one) == 0 || !maps.EqualFunc(one, four, bytes.Equal) {
		t.Errorf("bounds files on one core and on four differ (%d and %d files)", len(one), len(four))
	}
	for _, f := range []string{"y", "body", "t"} {
		if fields[f] == 0 {
			t.Errorf("no bounds of field %s kept (%v)", f, fields)
		}
	}
}

// TestBoundsDirectoryOrder checks that a term is found in a bounds file's
// directory by halves, the entries in the order of their fields and
// terms, and that a directory out of that order is not trusted.
func TestBoundsDirectoryOrder(t *testing.T) {
	const nb, stamp, crc = 3, 7, 9
	file := func(keys ...termKey) string {
		var dir, data []byte
		for i, k := range keys {
			q := []byte{0, byte(100 + i), 255}
			for _, s := range []string{k.field, k.term} {
				dir = binary.AppendUvarint(dir, uint64(len(s)))
				dir = append(dir, s...)
			}
			dir = binary.LittleEndian.AppendUint32(dir, math.Float32bits(float32(i+1)))
			dir = binary.LittleEndian.AppendUint32(dir, crc32.Checksum(q, castagnoli))
			data = append(data, q...)
		}
		head := []byte(boundsMagic)
		for _, v := range []uint64{stamp, crc, uint64(blockShift), nb, uint64(len(keys)), uint64(len(dir))} {
			head = binary.AppendUvarint(head, v)
		}
		head = append(head, dir...)
		head = binary.LittleEndian.AppendUint32(head, crc32.Checksum(head, castagnoli))
		path := filepath.Join(t.TempDir(), "seg.zap.bounds")
		mustWrite(t, path, append(head, data...))
		return path
	}
	keys := []termKey{{"p", "to chuc"}, {"x", "chức"}, {"x", "tổ"}, {"x", "tổng"}, {"xt", "a"}}
	bf, err := openBoundsFile(file(keys...), stamp, crc, nb)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		b := bf.read(k)
		if b.q == nil || b.q[1] != byte(100+i) || b.level[255] != float32(i+1) {
			t.Errorf("%v: bounds %v, want those of entry %d", k, b.q, i)
		}
	}
	for _, k := range []termKey{{"p", "to"}, {"x", "a"}, {"x", "tổ "}, {"y", "tổ"}, {"", ""}} {
		if b := bf.read(k); b.q != nil {
			t.Errorf("%v: found %v, want none", k, b.q)
		}
	}
	if _, err := openBoundsFile(file(keys[1], keys[0], keys[2]), stamp, crc, nb); !errors.Is(err, errBoundsFile) {
		t.Errorf("directory out of order: %v, want errBoundsFile", err)
	}
	if _, err := openBoundsFile(file(keys[0], keys[0]), stamp, crc, nb); !errors.Is(err, errBoundsFile) {
		t.Errorf("a term twice: %v, want errBoundsFile", err)
	}
}
