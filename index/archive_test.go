package index

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"
)

func TestOpenTwiceIsLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{Registry: testRegistry(t)}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	b.Close()
}

// TestCreatedTellsArchivesApart: an archive opened again, for writing or
// reading, has the time it was made; a new archive made in the folder of
// a deleted one has another.
func TestCreatedTellsArchivesApart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	open := func(ro bool) time.Time {
		t.Helper()
		var a *Archive
		var err error
		if ro {
			a, err = OpenReadOnly(dir, Options{Registry: testRegistry(t)})
		} else {
			a, err = Open(dir, Options{Registry: testRegistry(t)})
		}
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		return a.Created()
	}
	first := open(false)
	if first.IsZero() {
		t.Fatal("a new archive has no creation time")
	}
	if again, ro := open(false), open(true); !again.Equal(first) || !ro.Equal(first) {
		t.Errorf("opened again: %v, for reading: %v, made %v", again, ro, first)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if fresh := open(false); fresh.Equal(first) {
		t.Errorf("a new archive in the same folder has the deleted one's time %v", fresh)
	}
}

func TestOpenRefusesAFolderOfOtherFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("x"), 0o644)
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNotArchive) {
		t.Fatalf("Open: %v, want ErrNotArchive", err)
	}
}

func TestImportFormatsAndDuplicates(t *testing.T) {
	a := newTestArchive(t)
	text := testDocs["ct-dan-van.txt"]
	var u16 []byte
	u16 = append(u16, 0xFF, 0xFE)
	for _, c := range utf16.Encode([]rune(text)) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	dir := writeDocs(t, map[string]string{
		"a/nfd.txt":     norm.NFD.String(testDocs["kh-quyet-tam.txt"]),
		"a/bom.md":      "\uFEFF" + testDocs["bc-typo.txt"],
		"b/same.txt":    testDocs["bc-typo.txt"] + "\n",
		"b/picture.jpg": "\xff\xd8\xff",
		"b/empty.txt":   "",
		"~$lock.docx":   "junk",
	})
	os.WriteFile(filepath.Join(dir, "a", "u16.txt"), u16, 0o644)
	os.WriteFile(filepath.Join(dir, "b", "copy.txt"), u16, 0o644)
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]Status{}
	for _, it := range rep.Items {
		status[filepath.Base(it.Path)] = it.Status
	}
	want := map[string]Status{
		"nfd.txt": Added, "bom.md": Added, "same.txt": Added,
		"picture.jpg": Unsupported, "empty.txt": Failed,
	}
	for name, st := range want {
		if status[name] != st {
			t.Errorf("%s: %s, want %s", name, status[name], st)
		}
	}
	if s := []Status{status["u16.txt"], status["copy.txt"]}; !slices.Contains(s, Duplicate) || !slices.Contains(s, Added) {
		t.Errorf("identical files: %v, want one added and one duplicate", s)
	}
	if _, ok := status["~$lock.docx"]; ok {
		t.Error("Word lock file was imported")
	}
	if rep.Added != 4 || rep.Duplicates != 1 || rep.Failed != 1 || rep.Unsupported != 1 {
		t.Errorf("report %+v", rep)
	}
	// The NFD document is searchable in NFC and its text is stored NFC.
	res, _ := a.Search(context.Background(), Request{Query: "khẩu hiệu hành động"})
	if res.Total != 1 {
		t.Fatalf("NFD document: %d hits", res.Total)
	}
	d, _ := a.Get(res.Hits[0].ID)
	if !norm.NFC.IsNormalString(d.Text) {
		t.Error("stored text is not NFC")
	}
	// Importing the same folder again adds nothing.
	rep, err = a.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil || rep.Added != 0 || rep.Duplicates != 5 {
		t.Errorf("second import: %v, %+v", err, rep)
	}
}

func TestOriginalKeptByteForByte(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	d, err := a.Get(idOf(t, rep, "kh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := originalBytes(a, d)
	if err != nil || string(data) != testDocs["kh-quyet-tam.txt"] {
		t.Fatalf("original differs: %v", err)
	}
	if d.OriginalName != "kh.txt" || d.Format != "txt" {
		t.Errorf("original name %q format %q", d.OriginalName, d.Format)
	}
	if short, err := a.Get(d.ID[:6]); err != nil || short.ID != d.ID {
		t.Errorf("Get by prefix: %v", err)
	}
}

func TestEditsSurviveRebuildAndReimport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "tb-can-bo-far.txt")
	if _, err := a.Edit(id, map[string]string{"date": "05/02/2017", "campaigns": "Dân vận khéo, Phong trào riêng"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Edit(id, map[string]string{"date": "31/02/2017"}); !errors.Is(err, ErrBadField) {
		t.Errorf("impossible date: %v", err)
	}
	if _, err := a.Edit(id, map[string]string{"colour": "red"}); !errors.Is(err, ErrBadField) {
		t.Errorf("unknown field: %v", err)
	}
	// The year counted and the date sorted by must agree.
	if _, err := a.Edit(id, map[string]string{"year": "2014"}); !errors.Is(err, ErrYearNotDate) {
		t.Errorf("a year other than the date's (2017): %v", err)
	}
	if _, err := a.Edit(id, map[string]string{"date": "01/03/2016", "year": "2017"}); !errors.Is(err, ErrYearNotDate) {
		t.Errorf("a date and another year together: %v", err)
	}
	if d, err := a.Edit(id, map[string]string{"date": "05/02/2017", "year": "2017"}); err != nil || d.Year != 2017 {
		t.Errorf("a date and its year together: %v", err)
	}
	check := func(when string) {
		t.Helper()
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Date != "2017-02-05" || d.Year != 2017 || !slices.Equal(d.Campaigns, []string{"Dân vận khéo", "Phong trào riêng"}) {
			t.Errorf("%s: date %s year %d campaigns %v", when, d.Date, d.Year, d.Campaigns)
		}
		res, err := a.Search(context.Background(), Request{Query: "năm:2017", Filters: Filters{Campaigns: []string{"Phong trào riêng"}}})
		if err != nil || res.Total != 1 {
			t.Errorf("%s: search by edited fields: %v, %d hits", when, err, res.Total)
		}
	}
	check("after edit")
	if err := a.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	check("after rebuild")
	importDocs(t, a, testDocs)
	check("after re-import")
	a.Close()
	// Deleting the index folder rebuilds it on open, with nothing lost.
	if err := os.RemoveAll(filepath.Join(dir, indexDir)); err != nil {
		t.Fatal(err)
	}
	var seen []Progress
	a, err = Open(dir, Options{Registry: testRegistry(t), Progress: func(p Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if len(seen) == 0 || seen[len(seen)-1].Done != len(testDocs) {
		t.Errorf("rebuild progress %v", seen)
	}
	check("after the index was deleted")
}

func TestOutdatedOrDamagedIndexIsRebuilt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	importDocs(t, a, testDocs)
	a.idx.SetInternal(internalVersionKey, []byte("0"))
	a.Close()
	a, err = Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := a.idx.DocCount(); n != uint64(len(testDocs)) {
		t.Errorf("after an outdated mapping: %d documents indexed", n)
	}
	a.Close()
	// Damage every file of the index.
	filepath.WalkDir(filepath.Join(dir, indexDir), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			os.WriteFile(p, []byte("garbage"), 0o644)
		}
		return nil
	})
	a, err = Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("Open over a damaged index: %v", err)
	}
	defer a.Close()
	res, err := a.Search(context.Background(), Request{Query: "quyet tam"})
	if err != nil || res.Total != 2 {
		t.Errorf("after a damaged index: %v, %d hits", err, res.Total)
	}
}

func TestTrash(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "kh-quyet-tam.txt")
	ctx := context.Background()
	count := func() int {
		res, err := a.Search(ctx, Request{Query: "quyet tam"})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if err := a.Delete(id); err != nil {
		t.Fatal(err)
	}
	if count() != 1 {
		t.Error("deleted document still found")
	}
	if tr, _ := a.Trash(); len(tr) != 1 || tr[0].ID != id {
		t.Errorf("Trash() = %v", tr)
	}
	if _, err := a.Get(id); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get deleted: %v", err)
	}
	if err := a.Undelete(id); err != nil {
		t.Fatal(err)
	}
	if count() != 2 {
		t.Error("restored document not found")
	}
	if err := a.Delete("0000000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Delete unknown: %v", err)
	}
	a.Delete(id)
	if n, err := a.EmptyTrash(ctx); err != nil || n != 1 {
		t.Errorf("EmptyTrash: %d, %v", n, err)
	}
	if tr, _ := a.Trash(); len(tr) != 0 {
		t.Errorf("Trash after emptying: %v", tr)
	}
}

func TestRelatedDocuments(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	ct, err := a.Get(idOf(t, rep, "ct-dan-van.txt"))
	if err != nil {
		t.Fatal(err)
	}
	rel, err := a.Related(context.Background(), ct)
	if err != nil {
		t.Fatal(err)
	}
	kh := idOf(t, rep, "kh-quyet-tam.txt")
	if len(rel) != 1 || rel[0].ID != kh || rel[0].Relation != Cites {
		t.Fatalf("Related(ct) = %+v, want the plan it cites", rel)
	}
	khDoc, _ := a.Get(kh)
	rel, _ = a.Related(context.Background(), khDoc)
	if len(rel) != 1 || rel[0].ID != ct.ID || rel[0].Relation != CitedBy {
		t.Fatalf("Related(kh) = %+v, want the directive citing it", rel)
	}
}

func TestJournalReplay(t *testing.T) {
	for _, old := range []bool{false, true} {
		for _, lost := range []bool{false, true} {
			t.Run(fmt.Sprintf("format 1 %v, index lost %v", old, lost), func(t *testing.T) { testJournalReplay(t, lost, old) })
		}
	}
}

// testJournalReplay kills an archive after it wrote an edit and half a
// document; lostIndex also deletes the index, so that Open has to rebuild
// it. With format1, the archive is of format 1 (an earlier version's):
// Open replays its journal, then migrates it.
func testJournalReplay(t *testing.T, lostIndex, format1 bool) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep := importDocs(t, a, testDocs)
	id := idOf(t, rep, "bc-typo.txt")
	d, _ := a.Get(id)
	// As if killed after writing an edit but before indexing it, and
	// after writing half a new document.
	d.Title = "Tiêu đề đã sửa riêng"
	if !format1 {
		// Format 2 has no half-written document: its commits are whole.
		a.idx.Close()
		a.store.close()
		a.lock.release()
		storeUnindexed(t, dir, []*Document{d}, nil)
	} else {
		// The files an earlier version's kill left: the edit written,
		// half a new document, the journal naming both.
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		toFormat1(t, dir)
		data, _ := json.Marshal(d)
		old := &store{dir: dir}
		writeFile(t, old.docPath(id), data)
		writeFile(t, old.docPath("ff00000000000000"), []byte(`{"id":"ff0`))
		writeFile(t, filepath.Join(dir, journalDir, "1.ids"), []byte(id+"\nff00000000000000\n"))
		writeFile(t, filepath.Join(dir, dirtyFile), nil)
	}
	if lostIndex {
		os.RemoveAll(filepath.Join(dir, indexDir))
	}
	a, err = Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	// A rebuild reads every document again; the raw edit above is not one
	// a person made, so only the replay keeps it.
	res, _ := a.Search(context.Background(), Request{Query: `"đã sửa riêng"`})
	if !lostIndex && res.Total != 1 {
		t.Errorf("journaled edit not indexed: %d hits", res.Total)
	}
	if _, err := os.Stat(filepath.Join(dir, docsDir, "ff", "ff00000000000000.json")); err == nil {
		t.Error("half-written document left in the archive")
	}
	if n, _ := a.idx.DocCount(); n != uint64(len(testDocs)) {
		t.Errorf("index has %d documents, want %d", n, len(testDocs))
	}
	if a.store.vol == nil {
		t.Error("not migrated")
	}
	if d, err := a.Get(id); err != nil || !lostIndex && d.Title != "Tiêu đề đã sửa riêng" {
		t.Errorf("the journaled edit after the replay: %v %v", d, err)
	}
	requireCheck(t, a)
}

func TestUnsureFields(t *testing.T) {
	d := &Document{Title: "Kế hoạch", Issuer: "Huyện ủy", Date: "", Type: "Kế hoạch", Signer: "", Fields: map[string]FieldInfo{
		FieldTitle:  {Origin: ByReader, Confidence: 0.95},
		FieldIssuer: {Origin: ByReader, Confidence: 0.5},
		FieldDate:   {Origin: ByReader},
		FieldType:   {Origin: ByPerson},
		FieldSigner: {Origin: ByReader},
	}}
	if got := d.Unsure(); !slices.Equal(got, []string{FieldIssuer, FieldDate}) {
		t.Errorf("Unsure() = %v, want issuer (low confidence) and date (missing)", got)
	}
	d.Fields[FieldDate] = FieldInfo{Origin: ByReader, Confidence: 0.95} // a draft's blank, read for sure
	if got := d.Unsure(); !slices.Equal(got, []string{FieldIssuer}) {
		t.Errorf("Unsure() = %v, want issuer only: the date is blank for sure", got)
	}
	// A number is not expected, but one the reader saw and could not read
	// is to check (usertest s13); one left blank for sure is not.
	d.Fields[FieldNumber] = FieldInfo{Origin: ByReader, Why: "không đọc được số trong ô số hiệu (viết tay hoặc ảnh mờ)"}
	if got := d.Unsure(); !slices.Equal(got, []string{FieldNumber, FieldIssuer}) {
		t.Errorf("Unsure() = %v, want the unread number and the issuer", got)
	}
	d.Fields[FieldNumber] = FieldInfo{Origin: ByReader, Confidence: 0.95, Why: "ô số hiệu để trống (bản dự thảo hoặc số ghi tay sau khi in)"}
	if got := d.Unsure(); !slices.Equal(got, []string{FieldIssuer}) {
		t.Errorf("Unsure() = %v, want issuer only: the number is blank for sure", got)
	}
}

// TestDoubts: each field to review comes with the reader's reason and
// confidence, and whether nothing was read, for a list to say why the
// document is to review; the list's summary has them.
func TestDoubts(t *testing.T) {
	d := &Document{Title: "Kế hoạch", Issuer: "Huyện ủy", Fields: map[string]FieldInfo{
		FieldTitle:  {Origin: ByReader, Confidence: 0.95},
		FieldIssuer: {Origin: ByReader, Confidence: 0.5, Why: "cột cơ quan ban hành; tên không đủ (cần xem lại)"},
		FieldDate:   {Origin: ByReader, Why: "không đọc được ngày tháng (viết tay hoặc ảnh mờ), chỉ có năm"},
	}}
	want := []Doubt{
		{Field: FieldIssuer, Why: "cột cơ quan ban hành; tên không đủ (cần xem lại)", Confidence: 0.5},
		{Field: FieldDate, Why: "không đọc được ngày tháng (viết tay hoặc ảnh mờ), chỉ có năm", Empty: true},
	}
	if got := d.Doubts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Doubts() = %+v, want %+v", got, want)
	}
	if s := d.Summary(); !reflect.DeepEqual(s.Doubts, want) || !slices.Equal(s.Unsure, []string{FieldIssuer, FieldDate}) {
		t.Errorf("summary: doubts %+v, unsure %v", s.Doubts, s.Unsure)
	}
}

func TestDamagedRegistryFileKeptAside(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	os.WriteFile(filepath.Join(dir, registryFile), []byte("{not json"), 0o644)
	a, err = Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatalf("Open with a damaged registry file: %v", err)
	}
	defer a.Close()
	if len(a.Categories("campaign")) == 0 {
		t.Error("built-in campaigns missing")
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, registryFile+".damaged-*")); len(kept) != 1 {
		t.Error("damaged file not kept aside")
	}
}

func TestPortableMode(t *testing.T) {
	stick := t.TempDir()
	exe := filepath.Join(stick, "khovanban.exe")
	t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "share"))
	t.Setenv("APPDATA", filepath.Join(t.TempDir(), "appdata"))
	dir, err := defaultDirFor(exe)
	if err != nil || filepath.Base(filepath.Dir(dir)) != "khovanban" || strings.HasPrefix(dir, stick) {
		t.Errorf("without a data folder: %q, %v", dir, err)
	}
	// A folder named data that happens to be there (Downloads), even
	// with an archive folder in it that holds no archive: not portable.
	writeFile(t, filepath.Join(stick, "data", "archive", "ảnh.jpg"), []byte("x"))
	if dir, _ := defaultDirFor(exe); strings.HasPrefix(dir, stick) {
		t.Errorf("with a data folder of other files beside the program: %q", dir)
	}
	// An archive the program made there (a portable install used once).
	os.Remove(filepath.Join(stick, "data", "archive", "ảnh.jpg"))
	a, err := Open(filepath.Join(stick, "data", "archive"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	if dir, _ := defaultDirFor(exe); dir != filepath.Join(stick, "data", "archive") {
		t.Errorf("with an archive in data beside the program: %q", dir)
	}
}

// A person who keeps the archive inside their documents folder and imports
// that folder must not see the archive's own stored files listed as
// unsupported or filed again.
func TestImportSkipsArchiveFolders(t *testing.T) {
	parent := t.TempDir()
	a, err := Open(filepath.Join(parent, "kho"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	first := writeDocs(t, map[string]string{"ct.txt": testDocs["ct-dan-van.txt"]})
	if _, err := a.Import(context.Background(), []string{first}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(parent, "kh.txt"), []byte(testDocs["kh-quyet-tam.txt"]), 0o644)
	rep, err := a.Import(context.Background(), []string{parent}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Items) != 1 || rep.Added != 1 || filepath.Base(rep.Items[0].Path) != "kh.txt" {
		for _, it := range rep.Items {
			t.Logf("%s %s %v", it.Status, it.Path, it.Err)
		}
		t.Fatalf("report %+v: want only kh.txt added", rep)
	}
}

// TestFallbackTitleSaysWhy: a title that is not read from a header says
// where it was taken from (#14: each field says why), and goes to review.
func TestFallbackTitleSaysWhy(t *testing.T) {
	a, err := Open(filepath.Join(t.TempDir(), "a"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	src := t.TempDir()
	files := map[string]string{
		"ghi-chep.txt":     "Ghi chép buổi họp chi bộ về trồng cây.",
		"bien-ban-hop.txt": "ngắn",
		"trang.html":       "<html><head><title>Tin hoạt động của xã</title></head><body><p>vui</p></body></html>",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := a.Import(context.Background(), []string{src}, ImportOptions{})
	if err != nil || rep.Added != len(files) {
		t.Fatalf("import: %v %+v", err, rep)
	}
	want := map[string]struct{ title, why string }{
		"ghi-chep.txt":     {"Ghi chép buổi họp chi bộ về trồng cây.", "lấy dòng đầu của văn bản"},
		"bien-ban-hop.txt": {"bien-ban-hop", "lấy tên tệp"},
		"trang.html":       {"Tin hoạt động của xã", "lấy tiêu đề ghi trong tệp"},
	}
	for _, it := range rep.Items {
		d, err := a.Get(it.ID)
		if err != nil {
			t.Fatal(err)
		}
		w := want[filepath.Base(it.Path)]
		info := d.Fields[FieldTitle]
		if d.Title != w.title || !strings.Contains(info.Why, w.why) || !slices.Contains(d.Unsure(), FieldTitle) {
			t.Errorf("%s: title %q, why %q, unsure %v", it.Path, d.Title, info.Why, d.Unsure())
		}
	}
}

// TestCanOpen: CanOpen says what Open would, and writes nothing.
func TestCanOpen(t *testing.T) {
	root := t.TempDir()
	arc := filepath.Join(root, "kho")
	a, err := Open(arc, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	docs := filepath.Join(root, "docs")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "a.pdf"), []byte("x"), 0o644)
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o755)
	for dir, want := range map[string]error{arc: nil, empty: nil, filepath.Join(root, "new"): nil, docs: ErrNotArchive} {
		if err := CanOpen(dir); !errors.Is(err, want) || (want == nil) != (err == nil) {
			t.Errorf("%s: %v, want %v", dir, err, want)
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Error("CanOpen wrote in the folder")
	}
	if _, err := os.Stat(filepath.Join(root, "new")); err == nil {
		t.Error("CanOpen made the folder")
	}
}

// TestImportSkipsBackupsAndPacks: a backup or a pack the archive wrote,
// found in a folder being imported (a USB stick carried from the old PC),
// is skipped with its reason instead of its hash-named originals and
// document files being imported as new documents (usertest finding 25).
func TestImportSkipsBackupsAndPacks(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "kho")
	a, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	first := writeDocs(t, map[string]string{"ct.txt": testDocs["ct-dan-van.txt"]})
	if _, err := a.Import(ctx, []string{first}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	usb := t.TempDir()
	if _, err := Backup(ctx, dir, filepath.Join(usb, "sao-luu.zip"), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := a.ExportPack(ctx, Request{}, "Văn phòng xã", filepath.Join(usb, "goi.zip"), nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(usb, "kh.txt"), []byte(testDocs["kh-quyet-tam.txt"]), 0o644)
	b, err := Open(filepath.Join(t.TempDir(), "moi"), Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rep, err := b.Import(ctx, []string{usb}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]error{"sao-luu.zip": ErrBackupFile, "goi.zip": ErrPackFile}
	for _, it := range rep.Items {
		t.Logf("%s %s %v", it.Status, filepath.Base(it.Path), it.Err)
		if w, ok := want[filepath.Base(it.Path)]; ok {
			if it.Status != Skipped || !errors.Is(it.Err, w) {
				t.Errorf("%s: %s %v, want skipped with %v", it.Path, it.Status, it.Err, w)
			}
			delete(want, filepath.Base(it.Path))
		}
	}
	if rep.Added != 1 || len(rep.Items) != 3 || len(want) != 0 {
		t.Fatalf("added %d of %d items, not seen %v: want kh.txt added and both bundles skipped", rep.Added, len(rep.Items), want)
	}
	// A zip of documents is still read.
	plain := filepath.Join(t.TempDir(), "van-ban.zip")
	f, _ := os.Create(plain)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("manifest.json")
	w.Write([]byte(`{"kind":"danh sach"}`))
	w, _ = zw.Create("bc.txt")
	w.Write([]byte(testDocs["bc-typo.txt"]))
	zw.Close()
	f.Close()
	rep, err = b.Import(ctx, []string{plain}, ImportOptions{})
	if err != nil || rep.Added != 1 {
		t.Fatalf("plain zip: %+v %v, want its document added", rep, err)
	}
}
