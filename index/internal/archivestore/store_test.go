package archivestore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// testDoc is a document made from a seed: its original, text and hash.
type testDoc struct {
	id, hash string
	original []byte
	text     string
}

// makeDoc makes a document from seed: a text of Vietnamese words (some
// long, to span several of Snappy's 64 KB blocks) and an original that is
// its text, or for one seed in four bytes that do not compress.
func makeDoc(seed uint64) testDoc {
	rng := rand.New(rand.NewPCG(seed, 99))
	words := []string{"Kế hoạch", "triển khai", "phong trào", "thi đua", "xây dựng", "nông thôn mới", "Ủy ban", "nhân dân", "xã", "năm"}
	n := 5 + rng.IntN(400)
	if seed%7 == 0 {
		n = 30000 + rng.IntN(30000)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Văn bản số %d.\n", seed)
	for i := range n {
		b.WriteString(words[rng.IntN(len(words))])
		if i%13 == 12 {
			b.WriteString(".\n")
		} else {
			b.WriteByte(' ')
		}
	}
	d := testDoc{text: b.String(), original: []byte(b.String())}
	if seed%4 == 1 {
		d.original = make([]byte, 1000+rng.IntN(100000))
		for i := range d.original {
			d.original[i] = byte(rng.Uint32())
		}
	}
	sum := sha256.Sum256(d.original)
	d.hash = hex.EncodeToString(sum[:])
	d.id = d.hash[:16]
	return d
}

func openTest(t *testing.T, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func putDocs(t *testing.T, s *Store, docs ...testDoc) uint64 {
	t.Helper()
	tx, err := s.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := tx.PutOriginal(d.hash, d.original); err != nil {
			t.Fatal(err)
		}
		if err := tx.PutDoc(Live, d.id, []byte(`{"id":"`+d.id+`"}`), d.text, d.hash); err != nil {
			t.Fatal(err)
		}
		tx.MarkUnindexed(d.id)
	}
	seq, err := tx.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return seq
}

// checkDoc requires d to be in bucket b, whole.
func checkDoc(t *testing.T, s *Store, b Bucket, d testDoc) {
	t.Helper()
	e, err := s.Get(b, d.id)
	if err != nil {
		t.Fatalf("%s %s: %v", b, d.id, err)
	}
	if string(e.Meta) != `{"id":"`+d.id+`"}` || e.Original != d.hash || e.TextLen != int64(len(d.text)) {
		t.Fatalf("%s %s: entry %q %s %d", b, d.id, e.Meta, e.Original, e.TextLen)
	}
	text, err := s.Text(d.id, e)
	if err != nil || string(text) != d.text {
		t.Fatalf("%s %s: text of %d bytes (want %d): %v", b, d.id, len(text), len(d.text), err)
	}
	r, err := s.OpenText(d.id, e)
	if err != nil {
		t.Fatal(err)
	}
	streamed, err := io.ReadAll(r)
	r.Close()
	if err != nil || string(streamed) != d.text {
		t.Fatalf("%s: streamed text differs: %v", d.id, err)
	}
	orig, err := s.Original(d.hash)
	if err != nil || !bytes.Equal(orig, d.original) {
		t.Fatalf("%s: original differs: %v", d.id, err)
	}
}

// requireClean runs Check and fails on any problem.
func requireClean(t *testing.T, s *Store) {
	t.Helper()
	var problems []string
	if err := s.Check(func(p Problem) { problems = append(problems, p.Error()) }); err != nil {
		t.Fatal(err)
	}
	if len(problems) > 0 {
		t.Fatalf("Check found %d problems: %s", len(problems), strings.Join(problems, "; "))
	}
}

func TestPutGetReopen(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	var docs []testDoc
	for i := range 30 {
		docs = append(docs, makeDoc(uint64(i)))
	}
	putDocs(t, s, docs[:20]...)
	putDocs(t, s, docs[20:]...)
	for _, d := range docs {
		checkDoc(t, s, Live, d)
	}
	requireClean(t, s)
	c := s.Counts()
	var textBytes, origBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.text))
		origBytes += int64(len(d.original))
	}
	if c.Docs != 30 || c.Originals != 30 || c.TextBytes != textBytes || c.OriginalBytes != origBytes || c.DeadBytes != 0 {
		t.Fatalf("counts %+v", c)
	}
	// Compressed: the texts and the text originals take about half.
	if size := s.Size(); size > (textBytes+origBytes)*3/4 {
		t.Errorf("store of %d bytes for %d bytes of texts and originals", size, textBytes+origBytes)
	}
	s.Close()
	s = openTest(t, dir, Options{})
	for _, d := range docs {
		checkDoc(t, s, Live, d)
	}
	ids, _ := s.IDs(Live)
	if len(ids) != 30 {
		t.Fatalf("%d ids after reopening", len(ids))
	}
	requireClean(t, s)
}

func TestTrashMovesAndReferences(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	a, b, c := makeDoc(1), makeDoc(2), makeDoc(3)
	putDocs(t, s, a, b, c)
	tx, _ := s.Begin()
	tx.Move(a.id, Live, Trash)
	tx.Move(b.id, Live, Trash)
	tx.SetMeta(Live, c.id, []byte(`{"edited":1}`))
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, s, Trash, a)
	if s.Has(Live, a.id) || !s.Has(Trash, b.id) {
		t.Fatal("moves to the Trash not made")
	}
	if e, _ := s.Get(Live, c.id); string(e.Meta) != `{"edited":1}` {
		t.Fatalf("meta %q", e.Meta)
	}
	requireClean(t, s)
	// Back from the Trash, and the Trash emptied: b's original goes.
	tx, _ = s.Begin()
	tx.Move(a.id, Trash, Live)
	tx.Remove(Trash, b.id)
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, s, Live, a)
	if s.HasOriginal(b.hash) {
		t.Fatal("the original of a removed document stays")
	}
	counts := s.Counts()
	if counts.Docs != 2 || counts.Trash != 0 || counts.Originals != 2 || counts.DeadBytes == 0 {
		t.Fatalf("counts %+v", counts)
	}
	requireClean(t, s)
	// A document imported again while in the Trash: one transaction
	// takes it out of the Trash and puts it back live, its original kept.
	tx, _ = s.Begin()
	tx.Move(c.id, Live, Trash)
	tx.Commit()
	tx, _ = s.Begin()
	tx.Remove(Trash, c.id)
	if err := tx.PutOriginal(c.hash, c.original); err != nil {
		t.Fatal(err)
	}
	if err := tx.PutDoc(Live, c.id, []byte(`{"id":"`+c.id+`"}`), c.text, c.hash); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	checkDoc(t, s, Live, c)
	if s.Has(Trash, c.id) {
		t.Fatal("still in the Trash")
	}
	requireClean(t, s)
}

func TestRollbackLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	a := makeDoc(1)
	putDocs(t, s, a)
	before := volumeSizes(t, dir)
	tx, _ := s.Begin()
	b := makeDoc(2)
	tx.PutOriginal(b.hash, b.original)
	tx.PutDoc(Live, b.id, nil, b.text, b.hash)
	tx.Remove(Live, a.id)
	tx.Rollback()
	if s.Has(Live, b.id) || !s.Has(Live, a.id) || s.HasOriginal(b.hash) {
		t.Fatal("a rolled-back transaction changed the catalog")
	}
	if after := volumeSizes(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("volumes %v after a rollback, %v before", after, before)
	}
	checkDoc(t, s, Live, a)
	requireClean(t, s)
}

func volumeSizes(t *testing.T, dir string) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	entries, err := os.ReadDir(filepath.Join(dir, VolumesDir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, _ := e.Info()
		out[e.Name()] = info.Size()
	}
	return out
}

// TestTornTailCut: bytes past the committed length (a record a kill cut
// short, a commit killed before its catalog transaction) are ignored by a
// reader and cut by the next writable Open; a new volume the catalog
// never named is removed.
func TestTornTailCut(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	a := makeDoc(1)
	putDocs(t, s, a)
	s.Close()
	committed := volumeSizes(t, dir)
	vol := filepath.Join(dir, VolumesDir, "000001.vol")
	rec, _ := (&encoder{}).encode(kindText, "ffffffffffffffff", []byte("a text never committed"))
	f, _ := os.OpenFile(vol, os.O_WRONLY|os.O_APPEND, 0)
	f.Write(rec[:len(rec)-5])
	f.Close()
	os.WriteFile(filepath.Join(dir, VolumesDir, "000002.vol"), []byte(volumeMagic+"half"), 0o644)

	r := openTest(t, dir, Options{ReadOnly: true})
	checkDoc(t, r, Live, a)
	r.Close()
	if info, _ := os.Stat(vol); info.Size() != committed["000001.vol"]+int64(len(rec)-5) {
		t.Fatal("a read-only open changed a volume")
	}
	s = openTest(t, dir, Options{})
	if got := volumeSizes(t, dir); fmt.Sprint(got) != fmt.Sprint(committed) {
		t.Fatalf("volumes %v after opening, %v committed", got, committed)
	}
	checkDoc(t, s, Live, a)
	b := makeDoc(2)
	putDocs(t, s, b)
	checkDoc(t, s, Live, b)
	requireClean(t, s)
}

// TestDamageFound: a byte altered in a text or an original, an original
// whose bytes are not its hash, and a volume cut short are each found.
func TestDamageFound(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	a, b := makeDoc(2), makeDoc(3)
	putDocs(t, s, a, b)
	e, _ := s.Get(Live, a.id)
	vol := filepath.Join(dir, VolumesDir, "000001.vol")
	data, _ := os.ReadFile(vol)
	data[e.Text.Off+int64(e.Text.Len)-3] ^= 0x40
	os.WriteFile(vol, data, 0o644)
	if _, err := s.Text(a.id, e); !errors.Is(err, ErrDamaged) {
		t.Fatalf("an altered text read as %v", err)
	}
	// A forged original: its record made again with other bytes.
	forged := makeDoc(3)
	forged.original = append([]byte("forged "), forged.original...)
	tx, _ := s.Begin()
	tx.Remove(Live, b.id)
	tx.Commit()
	tx, _ = s.Begin()
	tx.PutOriginal(b.hash, forged.original)
	tx.PutDoc(Live, b.id, []byte(`{"id":"`+b.id+`"}`), b.text, b.hash)
	tx.Commit()
	var problems []Problem
	s.Check(func(p Problem) { problems = append(problems, p) })
	got := fmt.Sprint(problems)
	if len(problems) != 2 || !strings.Contains(got, "docs "+a.id) || !strings.Contains(got, "originals "+b.hash) ||
		!strings.Contains(got, "SHA-256") {
		t.Fatalf("Check found %s", got)
	}
	s.Close()
	os.Truncate(vol, int64(len(data))-10)
	r := openTest(t, dir, Options{ReadOnly: true})
	problems = nil
	r.Check(func(p Problem) { problems = append(problems, p) })
	if !strings.Contains(fmt.Sprint(problems), "committed") {
		t.Fatalf("a volume cut short: Check found %v", problems)
	}
}

// TestLocationOfAnother: a catalog entry that names another document's
// record is refused, not read as its text.
func TestLocationOfAnother(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	a, b := makeDoc(2), makeDoc(3)
	putDocs(t, s, a, b)
	ea, _ := s.Get(Live, a.id)
	eb, _ := s.Get(Live, b.id)
	ea.Text = eb.Text
	if _, err := s.Text(a.id, ea); !errors.Is(err, ErrDamaged) {
		t.Fatalf("another's text read: %v", err)
	}
	if _, err := s.OpenText(a.id, ea); !errors.Is(err, ErrDamaged) {
		t.Fatalf("another's text opened: %v", err)
	}
}

func TestReadOnlyWritesNothing(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	putDocs(t, s, makeDoc(1))
	s.Close()
	before := snapshotDir(t, dir)
	r := openTest(t, dir, Options{ReadOnly: true})
	checkDoc(t, r, Live, makeDoc(1))
	if _, err := r.Begin(); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Begin on a read-only store: %v", err)
	}
	if _, err := r.Compact(); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Compact on a read-only store: %v", err)
	}
	requireClean(t, r)
	r.Close()
	if after := snapshotDir(t, dir); after != before {
		t.Fatalf("a read-only open changed the folder:\n%s\n%s", before, after)
	}
	if _, err := Open(filepath.Join(dir, "none"), Options{ReadOnly: true}); err == nil {
		t.Fatal("a read-only open of no store succeeded")
	}
}

// snapshotDir describes every file below dir: name, size, time, content.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			data, _ := os.ReadFile(p)
			sum := sha256.Sum256(data)
			fmt.Fprintf(&b, "%s %d %v %x\n", p, info.Size(), info.ModTime().UnixNano(), sum[:4])
		}
		return nil
	})
	return b.String()
}

func TestUnindexedMarks(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	a, b := makeDoc(1), makeDoc(2)
	seq1 := putDocs(t, s, a, b)
	tx, _ := s.Begin()
	tx.SetMeta(Live, a.id, []byte(`{"id":"`+a.id+`"}`))
	tx.MarkUnindexed(a.id)
	seq2, _ := tx.Commit()
	// The first batch is on disk: b is cleared, a stays for the second.
	if err := s.ClearUnindexed([]string{a.id, b.id}, seq1); err != nil {
		t.Fatal(err)
	}
	un, _ := s.Unindexed()
	if len(un) != 1 || un[a.id] != seq2 {
		t.Fatalf("unindexed %v", un)
	}
	s.ClearUnindexed([]string{a.id}, seq2)
	if un, _ := s.Unindexed(); len(un) != 0 {
		t.Fatalf("unindexed %v", un)
	}
}

func TestCompact(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{VolumeSize: 200 << 10})
	var docs []testDoc
	for i := range 60 {
		d := makeDoc(uint64(i))
		docs = append(docs, d)
		putDocs(t, s, d)
	}
	vols := len(s.Volumes())
	if vols < 4 {
		t.Fatalf("%d volumes", vols)
	}
	sizeBefore := s.Size()
	// A reader holds a text of the first volume open while it is compacted.
	e0, _ := s.Get(Live, docs[0].id)
	held, err := s.OpenText(docs[0].id, e0)
	if err != nil {
		t.Fatal(err)
	}
	// Another reader got an entry before compaction and reads it after.
	stale, _ := s.Get(Live, docs[3].id)
	tx, _ := s.Begin()
	for i, d := range docs {
		if i%3 != 0 {
			tx.Remove(Live, d.id)
		}
	}
	tx.Commit()
	n, err := s.Compact()
	if err != nil || n < vols/2 {
		t.Fatalf("compacted %d of %d volumes: %v", n, vols, err)
	}
	text, err := io.ReadAll(held)
	held.Close()
	if err != nil || string(text) != docs[0].text {
		t.Fatalf("a text read across compaction: %v", err)
	}
	if now, _ := s.Get(Live, docs[3].id); now.Text == stale.Text {
		t.Fatal("the record was not moved")
	}
	if text, err := s.Text(docs[3].id, stale); err != nil || string(text) != docs[3].text {
		t.Fatalf("a text read by an entry got before compaction: %v", err)
	}
	r, err := s.OpenText(docs[3].id, stale)
	if err != nil {
		t.Fatalf("a text opened by an entry got before compaction: %v", err)
	}
	r.Close()
	for i, d := range docs {
		if i%3 == 0 {
			checkDoc(t, s, Live, d)
		}
	}
	requireClean(t, s)
	if c := s.Counts(); c.Docs != 20 || s.Size() > sizeBefore/2 {
		t.Fatalf("after compaction: %+v, %d bytes (%d before)", c, s.Size(), sizeBefore)
	}
	if got := len(volumeSizes(t, dir)); got != len(s.Volumes()) {
		t.Fatalf("%d volume files, %d in the catalog", got, len(s.Volumes()))
	}
	s.Close()
	s = openTest(t, dir, Options{})
	for i, d := range docs {
		if i%3 == 0 {
			checkDoc(t, s, Live, d)
		}
	}
	requireClean(t, s)
}

func TestForEachPages(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	tx, _ := s.Begin()
	for i := range 1300 {
		tx.PutDoc(Live, fmt.Sprintf("%016x", i), []byte("m"), "", "")
	}
	tx.Commit()
	n := 0
	last := ""
	err := s.ForEach(Live, func(id string, _ Entry) error {
		if id <= last {
			t.Fatalf("%s after %s", id, last)
		}
		last = id
		n++
		return nil
	})
	if err != nil || n != 1300 {
		t.Fatalf("%d entries: %v", n, err)
	}
}

// TestHoldKeepsRecords: while a backup holds the store, entries read
// before a removal stay readable and Compact waits; writes go on.
func TestHoldKeepsRecords(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{VolumeSize: 64 << 10})
	var docs []testDoc
	for i := range 12 {
		docs = append(docs, makeDoc(uint64(i)))
		putDocs(t, s, docs[i])
	}
	e0, _ := s.Get(Live, docs[0].id)
	release := s.Hold()
	tx, _ := s.Begin()
	for _, d := range docs {
		tx.Remove(Live, d.id)
	}
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	compacted := make(chan int)
	go func() {
		n, _ := s.Compact()
		compacted <- n
	}()
	select {
	case <-compacted:
		t.Fatal("Compact ran while the store was held")
	case <-time.After(200 * time.Millisecond):
	}
	putDocs(t, s, makeDoc(50)) // writes go on
	if text, err := s.Text(docs[0].id, e0); err != nil || string(text) != docs[0].text {
		t.Fatalf("a held record: %v", err)
	}
	release()
	if n := <-compacted; n == 0 {
		t.Fatal("nothing compacted once released")
	}
	if _, err := s.Text(docs[0].id, e0); err == nil {
		t.Fatal("a removed record read after compaction")
	}
	checkDoc(t, s, Live, makeDoc(50))
	requireClean(t, s)
}

// TestReadersDuringWrites: readers read every committed document while a
// writer commits, removes and compacts (run with -race).
func TestReadersDuringWrites(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{VolumeSize: 128 << 10})
	stable := []testDoc{makeDoc(100), makeDoc(101), makeDoc(102)}
	putDocs(t, s, stable...)
	stop := make(chan struct{})
	errs := make(chan error, 4)
	for range 3 {
		go func() {
			for {
				select {
				case <-stop:
					errs <- nil
					return
				default:
				}
				for _, d := range stable {
					e, err := s.Get(Live, d.id)
					if err != nil {
						errs <- err
						return
					}
					r, err := s.OpenText(d.id, e)
					if err != nil {
						errs <- err
						return
					}
					text, err := io.ReadAll(r)
					r.Close()
					if err != nil || string(text) != d.text {
						errs <- fmt.Errorf("%s read during writes: %v", d.id, err)
						return
					}
				}
			}
		}()
	}
	for i := range 40 {
		d := makeDoc(uint64(i))
		putDocs(t, s, d)
		if i%4 == 3 {
			tx, _ := s.Begin()
			tx.Remove(Live, d.id)
			tx.Commit()
			if _, err := s.Compact(); err != nil {
				t.Fatal(err)
			}
		}
	}
	close(stop)
	for range 3 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	requireClean(t, s)
}

// TestMissingVolume: a volume removed behind the store's back is found
// by Check, its documents read as damaged, and new commits go on in a
// new volume.
func TestMissingVolume(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	a := makeDoc(1)
	putDocs(t, s, a)
	s.Close()
	os.Remove(filepath.Join(dir, VolumesDir, "000001.vol"))
	s = openTest(t, dir, Options{})
	e, _ := s.Get(Live, a.id)
	if _, err := s.Text(a.id, e); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a text of a missing volume: %v", err)
	}
	b := makeDoc(2)
	putDocs(t, s, b)
	checkDoc(t, s, Live, b)
	var problems []Problem
	s.Check(func(p Problem) { problems = append(problems, p) })
	got := fmt.Sprint(problems)
	if !strings.Contains(got, "000001.vol") || !strings.Contains(got, a.id) || strings.Contains(got, b.id) {
		t.Fatalf("Check found %s", got)
	}
}

// TestBusyNotDamaged: a catalog another holder has open for writing makes
// Open wait its few seconds and fail with ErrBusy, not ErrDamaged (which
// would send the person to repair an archive that is fine), for writing
// and for reading alike.
func TestBusyNotDamaged(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, ro := range []bool{false, true} {
		start := time.Now()
		o, err := Open(dir, Options{ReadOnly: ro})
		if err == nil {
			o.Close()
		}
		if !errors.Is(err, ErrBusy) || errors.Is(err, ErrDamaged) {
			t.Errorf("read only %v: %v", ro, err)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("read only %v: waited %s", ro, d)
		}
	}
}

// TestCompactCatalog: entries committed in random id order, as an import
// commits them, leave the catalog's pages part empty; CompactCatalog
// writes it again smaller, with every entry, original, mark and count as
// before, while readers go on; commits go on after it, and a copy a kill
// left is removed by the next writable Open.
func TestCompactCatalog(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(8, 9))
	meta := func(id string) []byte {
		b := make([]byte, 1000)
		for i := range b {
			b[i] = "0123456789abcdef"[rng.IntN(16)]
		}
		return []byte(`{"id":"` + id + `","x":"` + string(b) + `"}`)
	}
	want := map[string][]byte{}
	var last uint64
	for batch := range 80 {
		tx, err := s.Begin()
		if err != nil {
			t.Fatal(err)
		}
		for i := range 25 {
			original := fmt.Appendf(nil, "văn bản %d-%d", batch, i)
			sum := sha256.Sum256(original)
			hash := hex.EncodeToString(sum[:])
			id := hash[:16]
			want[id] = meta(id)
			if err := tx.PutOriginal(hash, original); err != nil {
				t.Fatal(err)
			}
			if err := tx.PutDoc(Live, id, want[id], string(original), hash); err != nil {
				t.Fatal(err)
			}
			tx.MarkUnindexed(id)
		}
		ids := slices.Collect(maps.Keys(want))
		seq, err := tx.Commit()
		if err != nil {
			t.Fatal(err)
		}
		if batch < 79 {
			s.ClearUnindexed(ids, seq)
		}
		last = seq
	}
	marks, _ := s.Unindexed()
	counts := s.Counts()
	stop := make(chan struct{})
	errs := make(chan error, 1)
	go func() { // a reader meanwhile
		defer close(errs)
		for {
			select {
			case <-stop:
				return
			default:
			}
			for id, m := range want {
				if e, err := s.Get(Live, id); err != nil || !bytes.Equal(e.Meta, m) {
					errs <- fmt.Errorf("%s read during the compaction: %v", id, err)
					return
				}
				break
			}
		}
	}()
	inUse := func() (n int) { // the catalog's pages, free ones too
		s.view(func(tx *bolt.Tx) error { n = int(tx.Size()); return nil })
		return n
	}
	pages := inUse()
	before, after, err := s.CompactCatalog()
	close(stop)
	if err := <-errs; err != nil {
		t.Error(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("catalog of %d entries: %d bytes of pages, %d compacted; file %d bytes, %d compacted", len(want), pages, inUse(), before, after)
	if inUse() >= pages*4/5 || after > before {
		t.Errorf("catalog of %d bytes of pages compacted to %d, file of %d to %d", pages, inUse(), before, after)
	}
	check := func(s *Store) {
		t.Helper()
		for id, m := range want {
			e, err := s.Get(Live, id)
			if err != nil || !bytes.Equal(e.Meta, m) {
				t.Fatalf("%s after compacting: %v", id, err)
			}
			if text, err := s.Text(id, e); err != nil || int64(len(text)) != e.TextLen {
				t.Fatalf("text of %s after compacting: %q %v", id, text, err)
			}
		}
		if un, _ := s.Unindexed(); !maps.Equal(un, marks) || len(un) == 0 {
			t.Errorf("marks after compacting: %d, were %d", len(un), len(marks))
		}
		if c := s.Counts(); c != counts {
			t.Errorf("counts after compacting %+v, were %+v", c, counts)
		}
		requireClean(t, s)
	}
	check(s)
	// The commit's numbers go on from where they were.
	d := makeDoc(3)
	want[d.id] = []byte(`{"id":"` + d.id + `"}`)
	if seq := putDocs(t, s, d); seq != last+1 {
		t.Errorf("the commit after compacting is %d, the last before %d", seq, last)
	}
	marks[d.id] = last + 1
	counts = s.Counts()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, CatalogFile+compactSuffix)
	if err := os.WriteFile(stale, []byte("half a copy"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = openTest(t, dir, Options{})
	if _, err := os.Stat(stale); err == nil {
		t.Error("the copy a kill left is still there")
	}
	check(s)
}

// TestCompactCatalogLetsCommitsGoOn: a commit and a clearing of marks
// made while CompactCatalog copies the catalog do not wait for the copy
// (usertest session 9: an edit waited 85 s and more behind the catalog's
// compaction after an import); the copy, which may lack them, is made
// again, and the compacted catalog holds them. A catalog written during
// every copy is left as it was.
func TestCompactCatalogLetsCommitsGoOn(t *testing.T) {
	s := openTest(t, t.TempDir(), Options{})
	var docs []testDoc
	var seq uint64
	for i := range 40 {
		d := makeDoc(uint64(100 + i))
		docs = append(docs, d)
		seq = putDocs(t, s, d)
	}
	copies := 0
	late := makeDoc(7000)
	s.afterCopy = func() {
		copies++
		if copies > 1 {
			return
		}
		done := make(chan error, 1)
		go func() {
			tx, err := s.Begin()
			if err == nil {
				err = errors.Join(tx.PutOriginal(late.hash, late.original), tx.PutDoc(Live, late.id, []byte(`{"id":"`+late.id+`"}`), late.text, late.hash))
				tx.MarkUnindexed(late.id)
				_, cerr := tx.Commit()
				err = errors.Join(err, cerr)
			}
			done <- errors.Join(err, s.ClearUnindexed([]string{docs[0].id}, seq))
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(time.Minute):
			t.Fatal("a commit made during the copy waited for it")
		}
	}
	if _, _, err := s.CompactCatalog(); err != nil {
		t.Fatal(err)
	}
	if copies != 2 {
		t.Errorf("%d copies: want the one a commit came during, then another", copies)
	}
	for _, d := range append(docs, late) {
		checkDoc(t, s, Live, d)
	}
	if un, _ := s.Unindexed(); un[docs[0].id] != 0 || un[late.id] == 0 || len(un) != len(docs) {
		t.Errorf("marks after compacting: %v", un)
	}
	requireClean(t, s)

	// Written during every copy: left as it was.
	copies = 0
	s.afterCopy = func() { copies++; putDocs(t, s, makeDoc(uint64(8000+copies))) }
	before, after, err := s.CompactCatalog()
	if err != nil || before != after || copies != compactTries {
		t.Errorf("written during each copy: %d copies, %d → %d bytes, %v", copies, before, after, err)
	}
	if _, err := os.Stat(filepath.Join(s.dir, CatalogFile+compactSuffix)); err == nil {
		t.Error("the last copy is left beside the catalog")
	}
	requireClean(t, s)
}

// TestNoteCommitsWithTheDocuments: a note set in a transaction is there
// after the commit and after reopening, gone with a rolled-back one, and
// removed by nil.
func TestNoteCommitsWithTheDocuments(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	tx, _ := s.Begin()
	tx.SetNote("refile", []byte("later"))
	tx.Rollback()
	if v, err := s.Note("refile"); err != nil || v != nil {
		t.Fatalf("a rolled-back note: %q %v", v, err)
	}
	a := makeDoc(1)
	tx, _ = s.Begin()
	tx.PutOriginal(a.hash, a.original)
	tx.PutDoc(Live, a.id, nil, a.text, a.hash)
	tx.SetNote("refile", []byte("after "+a.id))
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, dir, Options{})
	if v, err := s.Note("refile"); err != nil || string(v) != "after "+a.id {
		t.Fatalf("note after reopening: %q %v", v, err)
	}
	requireClean(t, s)
	tx, _ = s.Begin()
	tx.SetNote("refile", nil)
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if v, err := s.Note("refile"); err != nil || v != nil {
		t.Fatalf("a removed note: %q %v", v, err)
	}
}
