package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"khovanban/index/internal/archivestore"
)

// format1Doc is a document as a format-1 archive holds it.
type format1Doc struct {
	sub      string
	doc      Document
	original []byte
}

// makeFormat1Archive imports n documents into a new archive, puts every
// fifth in the Trash, closes it, turns it into the archive of format 1
// that earlier versions wrote (toFormat1) and returns its folder and
// what it holds. Open then migrates it.
func makeFormat1Archive(t *testing.T, n int) (string, []format1Doc) {
	t.Helper()
	return makeFormat1ArchiveWith(t, n, nil)
}

// makeFormat1ArchiveWith is makeFormat1Archive, calling more, if not nil,
// before the archive is closed: the format-1 archive holds what it adds.
func makeFormat1ArchiveWith(t *testing.T, n int, more func(*Archive)) (string, []format1Doc) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "archive")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	// Texts of random words: no two are twins.
	words := strings.Fields("xã huyện tỉnh kế hoạch thi đua phong trào nông thôn mới đảng ủy ban nhân dân mặt trận tổ quốc hội phụ nữ cựu chiến binh đoàn thanh niên học tập làm theo tư tưởng đạo đức văn hóa khu dân cư môi trường an ninh trật tự giảm nghèo bền vững")
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	docs := map[string]string{}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Báo cáo số %d về %s %s\n\n", i+1, words[rng.IntN(len(words))], words[rng.IntN(len(words))])
		for j := range 150 + rng.IntN(300) {
			b.WriteString(words[rng.IntN(len(words))])
			if j%17 == 16 {
				b.WriteString(".\n")
			} else {
				b.WriteByte(' ')
			}
		}
		docs[fmt.Sprintf("d%03d.txt", i)] = b.String()
	}
	rep := importDocs(t, a, docs)
	var trashed []string
	for i, it := range rep.Items {
		if i%5 == 0 {
			trashed = append(trashed, it.ID)
		}
	}
	if err := a.Delete(trashed...); err != nil {
		t.Fatal(err)
	}
	if more != nil {
		more(a)
	}
	a.waitJournal(10 * time.Second)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	toFormat1(t, dir)
	s := &store{dir: dir}
	var out []format1Doc
	for _, sub := range []string{docsDir, trashDir} {
		ids, _ := s.ids(sub)
		for _, id := range ids {
			d, err := readDocFile(s.dir, s.pathIn(sub, id))
			if err != nil {
				t.Fatal(err)
			}
			orig, err := os.ReadFile(s.originalPath(d.Hash, d.Format))
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, format1Doc{sub: sub, doc: *d, original: orig})
		}
	}
	if more == nil && len(out) != n {
		t.Fatalf("%d documents in the format-1 archive, %d imported", len(out), n)
	}
	return dir, out
}

// requireMigrated requires the archive in dir to be of format 2, without
// the format-1 folders, its store to hold exactly docs, whole, and to
// pass Check.
func requireMigrated(t *testing.T, dir string, docs []format1Doc) {
	t.Helper()
	data, _ := os.ReadFile(filepath.Join(dir, manifestFile))
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Format != archiveFmtVolumes || m.Created.IsZero() {
		t.Fatalf("marker after migrating: %s", data)
	}
	requireOldBuildsRefuse(t, dir)
	for _, sub := range format1Dirs {
		if _, err := os.Stat(filepath.Join(dir, sub)); !os.IsNotExist(err) {
			t.Fatalf("%s/ left after migrating: %v", sub, err)
		}
	}
	st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var problems []string
	st.Check(func(p archivestore.Problem) { problems = append(problems, p.Error()) })
	if len(problems) > 0 {
		t.Fatalf("the store after migrating: %s", strings.Join(problems, "; "))
	}
	counts := st.Counts()
	for _, f := range docs {
		b := archivestore.Live
		if f.sub == trashDir {
			b = archivestore.Trash
		}
		e, err := st.Get(b, f.doc.ID)
		if err != nil {
			t.Fatalf("%s %s: %v", f.sub, f.doc.ID, err)
		}
		var got Document
		if err := json.Unmarshal(e.Meta, &got); err != nil {
			t.Fatal(err)
		}
		text, err := st.Text(f.doc.ID, e)
		if err != nil {
			t.Fatal(err)
		}
		got.Text = string(text)
		want, _ := json.Marshal(f.doc)
		if gotJSON, _ := json.Marshal(got); !bytes.Equal(gotJSON, want) {
			t.Fatalf("%s after migrating:\n%s\nwant\n%s", f.doc.ID, gotJSON, want)
		}
		orig, err := st.Original(e.Original)
		if err != nil || !bytes.Equal(orig, f.original) || e.Original != f.doc.Hash {
			t.Fatalf("%s: original after migrating: %v", f.doc.ID, err)
		}
	}
	if int(counts.Docs+counts.Trash) != len(docs) || int(counts.Originals) != len(docs) {
		t.Fatalf("counts %+v for %d documents", counts, len(docs))
	}
}

func TestMigrateToVolumes(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 40)
	// A document file a power cut left cut short is kept aside, not lost.
	s := &store{dir: dir}
	if docs[1].sub != docsDir {
		t.Fatal("the second document is not live")
	}
	damaged := s.pathIn(docsDir, docs[1].doc.ID)
	data, _ := os.ReadFile(damaged)
	os.WriteFile(damaged, data[:len(data)/2], 0o644)
	var seen []Progress
	rep, err := migrateInBatches(context.Background(), dir, func(p Progress) {
		if !p.Cleaning { // TestMigrationTellsCleaning looks at those
			seen = append(seen, p)
		}
	}, 7)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs != 31 || rep.Trash != 8 || len(rep.Damaged) != 1 || rep.Damaged[0] != docs[1].doc.ID {
		t.Fatalf("report %+v", rep)
	}
	if len(seen) < 6 || seen[len(seen)-1].Done != 40 || seen[0].Total != 40 {
		t.Fatalf("progress %v", seen)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "format1-damaged", "*"+docs[1].doc.ID+".json"))
	if len(aside) != 1 {
		t.Fatal("the damaged document file is not kept aside")
	}
	requireMigrated(t, dir, slices.Delete(docs, 1, 2))
}

const envMigrateChild = "KHOVANBAN_MIGRATE_CHILD"

// TestMigrationKilled kills a migration (a child process, batches of
// three documents) at random moments, then lets one run to the end: the
// archive holds every document, whole, once.
func TestMigrationKilled(t *testing.T) {
	if dir := os.Getenv(envMigrateChild); dir != "" {
		_, err := migrateInBatches(context.Background(), dir, func(p Progress) {
			fmt.Println("migrated", p.Done) // the parent kills after a number of these
			time.Sleep(5 * time.Millisecond)
		}, 3)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	dir, docs := makeFormat1Archive(t, 60)
	rng := rand.New(rand.NewPCG(5, 6))
	killed, midway := 0, 0
	for range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMigrationKilled$", "-test.count=1")
		cmd.Env = append(os.Environ(), envMigrateChild+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed after a random number of batches, not a random time: a
		// loaded machine starts the child late, and a kill before its first
		// batch tests nothing. A child that finishes first is not killed.
		lines, wait := bufio.NewScanner(out), 1+rng.IntN(12)
		for seen := 0; seen < wait && lines.Scan(); {
			if strings.HasPrefix(lines.Text(), "migrated ") {
				seen++
			}
		}
		time.Sleep(time.Duration(rng.IntN(8)) * time.Millisecond)
		cmd.Process.Kill()
		io.Copy(io.Discard, out) // to the end, before Wait closes the pipe
		if cmd.Wait() != nil {
			killed++
		}
		if st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: true}); err == nil {
			c := st.Counts()
			st.Close()
			if n := c.Docs + c.Trash; n > 0 && n < int64(len(docs)) {
				midway++
			}
		}
	}
	if killed == 0 || midway == 0 {
		t.Fatalf("%d migrations killed, %d midway", killed, midway)
	}
	if _, err := os.Stat(filepath.Join(dir, manifestFile)); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, manifestFile))
	if !bytes.Contains(data, []byte(`"format": `+strconv.Itoa(archiveFmtVolumes))) {
		if _, err := migrateToVolumes(dir, nil); err != nil {
			t.Fatal(err)
		}
	} else if err := removeFormat1(dir, nil); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
}

// TestMigrateMeasure migrates a copy of a real archive named by
// KHOVANBAN_MIGRATE_DIR and prints the sizes before and after and the
// time to read 1,000 random documents from each (README's figures); an
// archive already migrated is only read. Skipped without it.
func TestMigrateMeasure(t *testing.T) {
	dir := os.Getenv("KHOVANBAN_MIGRATE_DIR")
	if dir == "" {
		t.Skip("KHOVANBAN_MIGRATE_DIR names an archive of format 1 to migrate (it is changed)")
	}
	files := func(sub string) (n int, size int64) {
		filepath.Walk(filepath.Join(dir, sub), func(_ string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				n++
				size += info.Size()
			}
			return nil
		})
		return
	}
	data, _ := os.ReadFile(filepath.Join(dir, manifestFile))
	var m manifest
	json.Unmarshal(data, &m)
	if m.Format == archiveFmtVolumes {
		st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		ids, _ := st.IDs(archivestore.Live)
		st.Close()
		measureStoreReads(t, dir, pick(ids))
		return
	}
	for _, sub := range []string{docsDir, trashDir, originalsDir, indexDir, "."} {
		n, size := files(sub)
		t.Logf("before: %-10s %8d files %12d bytes", sub, n, size)
	}
	old := &store{dir: dir}
	oldIDs, _ := old.ids(docsDir)
	picked := pick(oldIDs)
	timeReads(t, "format 1", picked, old.getHead, old.getDoc)
	start := time.Now()
	rep, err := migrateToVolumes(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	c := measureStoreReads(t, dir, picked)
	for _, sub := range []string{archivestore.VolumesDir, archivestore.CatalogFile, indexDir, "."} {
		n, size := files(sub)
		t.Logf("after:  %-10s %8d files %12d bytes", sub, n, size)
	}
	_, all := files(".")
	t.Logf("%d documents (%d in the Trash) migrated in %v; text %d bytes, originals %d bytes; archive %.2fx the text",
		rep.Docs+rep.Trash, rep.Trash, took.Round(time.Millisecond), c.TextBytes, c.OriginalBytes, float64(all)/float64(c.TextBytes))
}

// pick chooses 1,000 ids at random, always the same for the same ids.
func pick(ids []string) []string {
	rng := rand.New(rand.NewPCG(1, 1))
	picked := make([]string, 1000)
	for i := range picked {
		picked[i] = ids[rng.IntN(len(ids))]
	}
	return picked
}

// timeReads reads the picked documents' metadata, then again with their
// texts, as a result list does, and prints the times.
func timeReads(t *testing.T, what string, picked []string, head, whole func(string) (*Document, error)) {
	t.Helper()
	var took [2]time.Duration
	for i, get := range []func(string) (*Document, error){head, whole} {
		start := time.Now()
		for _, id := range picked {
			if _, err := get(id); err != nil {
				t.Fatal(err)
			}
		}
		took[i] = time.Since(start)
	}
	t.Logf("%s: 1,000 random documents: metadata %v, with their texts %v", what, took[0].Round(time.Microsecond), took[1].Round(time.Microsecond))
}

// measureStoreReads opens the store of dir read-only, lists its ids and
// reads the picked documents, printing the times; it returns the counts.
func measureStoreReads(t *testing.T, dir string, picked []string) archivestore.Counts {
	t.Helper()
	start := time.Now()
	st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opened := time.Since(start)
	start = time.Now()
	ids, _ := st.IDs(archivestore.Live)
	t.Logf("store opened in %v, %d ids listed in %v", opened.Round(time.Microsecond), len(ids), time.Since(start).Round(time.Microsecond))
	v := &volumeStore{st: st}
	timeReads(t, "format 2", picked, v.getHead, v.getDoc)
	return st.Counts()
}

// requireOldBuildsRefuse requires the marker of the archive in dir to be
// one that builds before format 2 cannot read: they read it into this
// struct and refuse the folder when that fails (ErrNotArchive), where
// reading it would have had them see an empty archive and write format-1
// files beside the volumes.
func requireOldBuildsRefuse(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		t.Fatal(err)
	}
	var old struct {
		Format  int       `json:"format"`
		Created time.Time `json:"created"`
		Office  string    `json:"office,omitempty"`
	}
	if err := json.Unmarshal(data, &old); err == nil {
		t.Fatalf("a build before format 2 reads the marker %s as format %d", data, old.Format)
	}
}

// TestFormatMarker: a new archive's marker says format 2 in a way builds
// before it refuse; this build reads it, and the number 2 of earlier test
// builds, and refuses a format it does not know or a string for format 1.
func TestFormatMarker(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	requireOldBuildsRefuse(t, dir)
	path := filepath.Join(dir, manifestFile)
	for _, tc := range []struct {
		format string
		ok     bool
	}{{`"2"`, true}, {`2`, true}, {`"x"`, false}, {`"3"`, false}, {`3`, false}, {`0`, false}, {`null`, false}} {
		os.WriteFile(path, []byte(`{"format": `+tc.format+`, "created": "2026-12-01T10:00:00Z"}`), 0o644)
		for name, open := range map[string]func(string, Options) (*Archive, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
			a, err := open(dir, Options{Registry: testRegistry(t)})
			if (err == nil) != tc.ok || err != nil && !errors.Is(err, ErrNotArchive) {
				t.Errorf("format %s: %s: %v", tc.format, name, err)
			}
			if err == nil {
				a.Close()
			}
		}
	}
}

// TestMigrationOnFullDisk: an archive of format 1 on a disk without room
// for its migration (a small tmpfs) fails Open with the disk full and is
// left of format 1, every document and original read as before by
// OpenReadOnly (what the window falls back to); once there is room, Open
// takes the migration up and finishes it.
func TestMigrationOnFullDisk(t *testing.T) {
	src, docs := makeFormat1Archive(t, 60)
	mnt := mountTmpfs(t, "16m")
	dir := filepath.Join(mnt, "a")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	// Room for the catalog and a part of the volume, not for all of it.
	room := filepath.Join(mnt, "room")
	if err := os.WriteFile(room, make([]byte, 160<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	filler := fillDisk(t, mnt)
	os.Remove(room)
	// Open sees that the room left is short and does not begin.
	_, err := Open(dir, Options{Registry: testRegistry(t)})
	var nr *NoRoomError
	if !errors.As(err, &nr) || !errors.Is(err, syscall.ENOSPC) || nr.Free > 200<<10 {
		t.Fatalf("open with %d KB free: %v, want a NoRoomError", nr.Free>>10, err)
	}
	if _, serr := os.Stat(filepath.Join(dir, archivestore.CatalogFile)); serr == nil {
		t.Fatal("the migration began without room")
	}
	// Told there is room (an estimate can be wrong), it fails midway.
	plenty := func(string) (int64, bool) { return 1 << 40, true }
	a, err := Open(dir, Options{Registry: testRegistry(t), freeSpace: plenty})
	if err == nil {
		a.Close()
		t.Fatal("migrated on a full disk: give the test less room")
	}
	t.Log(err)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("open on a full disk: %v, want ENOSPC", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, archivestore.CatalogFile)); serr != nil {
		t.Fatalf("the migration did not begin (%v): give the test more room; open: %v", serr, err)
	}
	var m manifest
	data, _ := os.ReadFile(filepath.Join(dir, manifestFile))
	if json.Unmarshal(data, &m) != nil || m.Format != archiveFmt {
		t.Fatalf("marker after a failed migration: %s", data)
	}
	r, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("read only after a failed migration: %v", err)
	}
	for _, f := range docs {
		d, err := r.store.getIn(f.sub, f.doc.ID, true)
		if err != nil || d.Text != f.doc.Text {
			t.Fatalf("%s after a failed migration: %v", f.doc.ID, err)
		}
		if orig, err := originalBytes(r, d); err != nil || !bytes.Equal(orig, f.original) {
			t.Fatalf("original of %s after a failed migration: %v", f.doc.ID, err)
		}
	}
	r.Close()
	os.Remove(filler)
	a, err = Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("open with room again: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
}

// TestMigrationNoRoom: Open does not begin the migration of an archive
// of format 1 when the free space is short of what it needs (the docs
// and originals, and a margin); it fails with a NoRoomError that is a
// full disk to errors.Is, writes nothing, and OpenReadOnly reads the
// archive as before. With enough room, or when the room cannot be told,
// Open migrates.
func TestMigrationNoRoom(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 20)
	need, err := migrationNeed(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files int64
	for _, f := range docs {
		files += int64(len(f.original) + len(f.doc.Text))
	}
	if need < files || need > 2*files+8<<20 {
		t.Errorf("need %d bytes for %d bytes of texts and originals", need, files)
	}
	free := func(have int64, ok bool) func(string) (int64, bool) {
		return func(string) (int64, bool) { return have, ok }
	}
	_, err = Open(dir, Options{Registry: testRegistry(t), freeSpace: free(need-1, true)})
	var nr *NoRoomError
	if !errors.As(err, &nr) || nr.Need != need || nr.Free != need-1 || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("open with too little room: %v", err)
	}
	if !strings.Contains(err.Error(), dir) {
		t.Errorf("the error does not name the archive: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, archivestore.CatalogFile)); serr == nil {
		t.Fatal("the migration began without room")
	}
	r, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("read only without room: %v", err)
	}
	for _, f := range docs {
		if d, err := r.store.getIn(f.sub, f.doc.ID, true); err != nil || d.Text != f.doc.Text {
			t.Fatalf("%s without room: %v", f.doc.ID, err)
		}
	}
	r.Close()
	a, err := Open(dir, Options{Registry: testRegistry(t), freeSpace: free(0, false)})
	if err != nil {
		t.Fatalf("open when the room cannot be told: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
	var wrote int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && !strings.HasPrefix(p, filepath.Join(dir, indexDir)) {
			info, _ := d.Info()
			wrote += info.Size()
		}
		return nil
	})
	t.Logf("given %d bytes (%d of texts and originals), the archive of format 2 has %d outside its index", need, files, wrote)
}

// TestMigrationNoRoomResumed: the room a migration taken up needs is
// what is left to copy, not the whole archive again: a migration stopped
// with half the documents copied (by a kill or a full disk) is given
// about half the room, and Open with that room finishes it.
func TestMigrationNoRoomResumed(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 40)
	whole, err := migrationNeed(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Half the live documents copied, as a run stopped midway leaves.
	if err := beginMigration(dir); err != nil {
		t.Fatal(err)
	}
	st, err := archivestore.Open(dir, archivestore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := migration{ctx: context.Background(), old: &store{dir: dir}, st: st, rep: &MigrateReport{}, batchDocs: 4}
	live, _ := m.old.ids(docsDir)
	slices.Sort(live)
	if err := m.copyAll(docsDir, live[:len(live)/2]); err != nil {
		t.Fatal(err)
	}
	st.Close()
	left, err := migrationNeed(dir)
	if err != nil {
		t.Fatal(err)
	}
	var copied, files int64
	for _, f := range docs {
		size := int64(len(f.original) + len(f.doc.Text))
		files += size
		if f.sub == docsDir && slices.Contains(live[:len(live)/2], f.doc.ID) {
			copied += size
		}
	}
	t.Logf("need %d bytes for the whole migration, %d once %d of %d bytes of texts and originals are copied", whole, left, copied, files)
	if left >= whole-copied || left < whole-2*copied-(copied>>2) {
		t.Errorf("need %d after copying %d bytes of %d, %d before", left, copied, files, whole)
	}
	free := func(string) (int64, bool) { return left, true }
	a, err := Open(dir, Options{Registry: testRegistry(t), freeSpace: free})
	if err != nil {
		t.Fatalf("open with the room the rest needs: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
}

// TestMigrationMarkedBeforeCopying: a migration marks the archive before
// it copies anything, so that a build before format 2 refuses the archive
// a stopped migration left (it would change format-1 files the copy no
// longer follows), while this build still reads it as format 1 and takes
// the migration up; and the copy an unmarked run left (builds before the
// mark) is not trusted: a document changed after it was copied keeps its
// change, one deleted for good stays deleted.
func TestMigrationMarkedBeforeCopying(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 20)
	stopAfterFirstBatch := func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			migrateInBatches(context.Background(), dir, func(p Progress) {
				if p.Done >= 3 {
					runtime.Goexit() // a kill after the first batch's commit
				}
			}, 3)
			t.Error("the migration was not stopped")
		}()
		<-done
	}
	stopAfterFirstBatch()
	requireOldBuildsRefuse(t, dir)
	if note, err := os.ReadFile(filepath.Join(dir, newFormatNoteFile)); err != nil || !bytes.Contains(note, []byte("phiên bản mới")) || !bytes.Contains(note, []byte("new version")) {
		t.Errorf("the note for earlier builds' users: %q, %v", note, err)
	}
	ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := ro.Stats(context.Background())
	if err != nil || st.Documents != 16 || st.Trash != 4 {
		t.Errorf("a stopped migration read as format 1: %+v, %v; want 16 documents, 4 in the Trash", st, err)
	}
	ro.Close()

	// What builds before the mark left: a copy begun under a marker that
	// old builds read, then their changes to the format-1 files.
	if err := setFormat(dir, archiveFmt); err != nil {
		t.Fatal(err)
	}
	s := &store{dir: dir}
	live := slices.IndexFunc(docs, func(f format1Doc) bool { return f.sub == docsDir })
	edited := &docs[live]
	edited.doc.Title = "Tiêu đề sửa bằng bản cũ"
	data, _ := json.Marshal(edited.doc)
	if err := os.WriteFile(s.pathIn(docsDir, edited.doc.ID), data, 0o644); err != nil {
		t.Fatal(err)
	}
	gone := slices.IndexFunc(docs, func(f format1Doc) bool { return f.sub == trashDir })
	if err := os.Remove(s.pathIn(trashDir, docs[gone].doc.ID)); err != nil {
		t.Fatal(err)
	}
	docs = slices.Delete(docs, gone, gone+1)
	if _, err := migrateToVolumes(dir, nil); err != nil {
		t.Fatal(err)
	}
	requireMigrated(t, dir, docs)
}

// TestMigrationTellsCleaning: after the copy, the removal of the format-1
// files is told as its own progress (minutes at 100,000 documents, where
// the window showed 100% without a word), to its end.
func TestMigrationTellsCleaning(t *testing.T) {
	dir, docs := makeFormat1Archive(t, 20)
	var copied, cleaned []Progress
	if _, err := migrateToVolumes(dir, func(p Progress) {
		switch {
		case p.Cleaning:
			cleaned = append(cleaned, p)
		case len(cleaned) > 0:
			t.Errorf("%+v after the removal began", p)
		default:
			copied = append(copied, p)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if len(copied) == 0 || copied[len(copied)-1].Done != len(docs) {
		t.Errorf("copy told as %+v, want to end at %d", copied, len(docs))
	}
	if len(cleaned) == 0 {
		t.Fatal("the removal of the format-1 files was not told")
	}
	for i, p := range cleaned {
		if p.Done != i+1 || p.Total != len(cleaned) {
			t.Fatalf("removal told as %+v at step %d of %d", p, i+1, len(cleaned))
		}
	}
	requireMigrated(t, dir, docs)
}
