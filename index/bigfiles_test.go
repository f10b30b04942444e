package index

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"khovanban/index/extract"
)

// writeZipOf writes a zip of texts into dir and returns its path.
func writeZipOf(t *testing.T, dir, name string, texts map[string]string, order []string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, n := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(texts[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

// bigText is a distinct text of about size bytes.
func bigText(i, size int) string {
	line := fmt.Sprintf("Báo cáo số %d về công tác dân vận khéo ở xã Kiến An năm 2021.\n", i)
	return strings.Repeat(line, size/len(line))
}

// TestZipEntriesOneAtATime is the zip of six 170 MB texts, scaled down to
// six of 1 MB with a memory budget of 512 KB: the zip's files are read and
// imported one at a time, never all held before the import.
func TestZipEntriesOneAtATime(t *testing.T) {
	a := newTestArchive(t)
	texts := map[string]string{}
	var order []string
	for i := range 6 {
		n := fmt.Sprintf("lon-%d.txt", i)
		texts[n], order = bigText(i, 1<<20), append(order, n)
	}
	p := writeZipOf(t, t.TempDir(), "sau-tep-lon.zip", texts, order)
	im, err := a.runImport(context.Background(), []string{p}, ImportOptions{MemoryBudget: 512 << 10, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if im.report.Added != 6 {
		t.Fatalf("added %d of 6: %+v", im.report.Added, im.report.Items)
	}
	if one := int64(len(texts[order[0]])); im.memory.peak > one {
		t.Errorf("%d bytes of files held at once; one file is %d", im.memory.peak, one)
	}
	if im.total != 6 {
		t.Errorf("progress total %d, want 6", im.total)
	}
	// With room for all, the same import holds several at once: the
	// budget is what makes it one at a time.
	b := newTestArchive(t)
	im, err = b.runImport(context.Background(), []string{p}, ImportOptions{Workers: 2})
	if err != nil || im.report.Added != 6 {
		t.Fatalf("%v, %d added", err, im.report.Added)
	}
	if one := int64(len(texts[order[0]])); im.memory.peak <= one {
		t.Logf("peak %d with the default budget (the workers kept up)", im.memory.peak)
	}
}

// TestZipStoppedByLimit: the files of a zip before one over a limit are
// imported; the zip is reported failed with the limit.
func TestZipStoppedByLimit(t *testing.T) {
	a := newTestArchive(t)
	texts := map[string]string{"a.txt": bigText(1, 4<<10), "b.txt": bigText(2, 4<<10), "lon.txt": bigText(3, 2<<20), "c.txt": bigText(4, 4<<10)}
	p := writeZipOf(t, t.TempDir(), "x.zip", texts, []string{"a.txt", "b.txt", "lon.txt", "c.txt"})
	rep, err := a.Import(context.Background(), []string{p}, ImportOptions{Extract: extract.Options{Limits: extract.Limits{MaxFileBytes: 1 << 20}}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Status{}
	for _, it := range rep.Items {
		got[filepath.Base(it.Path)] = it.Status
		if filepath.Base(it.Path) == "x.zip" && !errors.Is(it.Err, extract.ErrTooLarge) {
			t.Errorf("zip failed with %v", it.Err)
		}
	}
	if got["a.txt"] != Added || got["b.txt"] != Added || got["x.zip"] != Failed || len(got) != 3 {
		t.Errorf("items %v", got)
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestDocHeadLeavesText: a document file's metadata is read without its
// text: a few kilobytes of an 8 MB file.
func TestDocHeadLeavesText(t *testing.T) {
	d := &Document{ID: "0123456789abcdef", Title: "Báo cáo \"lớn\"", Number: "12-BC/HU", Year: 2021,
		Campaigns: []string{"Dân vận khéo"}, Why: map[string]string{"text": "a label named text"},
		Fields: map[string]FieldInfo{FieldTitle: {Origin: ByReader, Confidence: 0.5}},
		Text:   bigText(1, 8<<20)}
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	c := &countingReader{r: bytes.NewReader(data)}
	head, rest, err := decodeDocHead(c)
	if err != nil {
		t.Fatal(err)
	}
	if c.n > 64<<10 {
		t.Errorf("read %d KB of an %d MB file for its metadata", c.n>>10, len(data)>>20)
	}
	want := *d
	want.Text = ""
	if !reflect.DeepEqual(head, &want) {
		t.Errorf("head\n%+v\nwant\n%+v", head, &want)
	}
	// The text that follows reads back whole, in pieces cut between words.
	dt, err := newDocText(rest)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for {
		piece, err := dt.next(256 << 10)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(piece, " ") && !strings.HasSuffix(piece, "\n") && b.Len()+len(piece) < len(d.Text) {
			t.Fatalf("piece cut inside a word: %q", piece[max(0, len(piece)-20):])
		}
		b.WriteString(piece)
	}
	if b.String() != d.Text {
		t.Error("the text read in pieces differs")
	}
}

// TestDocTextEscapes: every escape encoding/json writes reads back.
func TestDocTextEscapes(t *testing.T) {
	text := "Dòng \"một\"\\ hai\tba\r\nbốn <b>&amp;</b> \u2028 \u0001 😀 Đảng bộ xã\n" + strings.Repeat("ê", 40)
	data, _ := json.Marshal(map[string]string{"text": text})
	_, rest, err := decodeDocHead(bytes.NewReader(append([]byte(`{"id":"x",`), data[1:]...)))
	if err != nil {
		t.Fatal(err)
	}
	dt, err := newDocText(rest)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for {
		piece, err := dt.next(7)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(piece) {
			t.Fatalf("piece %q is not whole characters", piece)
		}
		b.WriteString(piece)
	}
	if b.String() != text {
		t.Errorf("got %q\nwant %q", b.String(), text)
	}
}

// TestLargeDocumentInResults is the 199 MB text scaled down to 6 MB: a
// search that lists it and Stats read its metadata, not its text, and
// its snippet is still marked, cut from a piece of the text.
func TestLargeDocumentInResults(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	text := "KẾ HOẠCH\nVề công tác dân vận khéo năm 2021\n\n" + bigText(7, 128<<10) +
		"\nĐoạn giữa nói về phong trào thi đua yêu nước tại thôn Xuân Mai.\n" + bigText(8, 4<<20) +
		"\nĐoạn cuối nói về bản Khuổi Pác.\n"
	os.WriteFile(filepath.Join(dir, "lon.txt"), []byte(text), 0o644)
	os.WriteFile(filepath.Join(dir, "nho.txt"), []byte(testDocs["kh-quyet-tam.txt"]), 0o644)
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{})
	if err != nil || rep.Added != 2 {
		t.Fatalf("%v, %d added", err, rep.Added)
	}
	var res *Result
	alloc := allocatedBy(func() {
		res, err = a.Search(context.Background(), Request{Sort: Newest})
	})
	if err != nil || res.Total != 2 {
		t.Fatalf("%v, %+v", err, res)
	}
	if alloc > 2<<20 {
		t.Errorf("listing allocated %d KB with a %d MB document", alloc>>10, len(text)>>20)
	}
	alloc = allocatedBy(func() { _, err = a.Stats(context.Background()) })
	if err != nil || alloc > 2<<20 {
		t.Errorf("Stats: %v, allocated %d KB", err, alloc>>10)
	}
	// A word far into the text: the snippet is cut around it, marked.
	res, err = a.Search(context.Background(), Request{Query: "Xuân Mai"})
	if err != nil || res.Total != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	sn := res.Hits[0].Snippet
	if got := sn.Marked("[", "]", false); !strings.Contains(got, "[Xuân] [Mai]") || !strings.HasPrefix(got, "… ") {
		t.Errorf("snippet %q", got)
	}
	if res.Hits[0].Title != "Kế hoạch về công tác dân vận khéo năm 2021" {
		t.Errorf("summary %+v", res.Hits[0].Summary)
	}
	// Past snippetScanMax of text, the snippet is the start, unmarked:
	// the time a hit takes is bounded.
	res, err = a.Search(context.Background(), Request{Query: "Khuổi Pác"})
	if err != nil || res.Total != 1 {
		t.Fatalf("%v, %+v", err, res)
	}
	if sn := res.Hits[0].Snippet; len(sn.Marks) > 0 || !strings.HasPrefix(sn.Text, "KẾ HOẠCH") {
		t.Errorf("snippet past the scan: %+v", sn)
	}
}

// allocatedBy returns the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestZipCountFromEndRecord: the progress count of a zip comes from its
// end record, without reading its directory; a directory that claims
// millions of files counts as the limit, and the zip is then refused.
func TestZipCountFromEndRecord(t *testing.T) {
	dir := t.TempDir()
	p := writeZipOf(t, dir, "a.zip", map[string]string{"a.txt": "một", "b.txt": "hai", "c.txt": "ba"}, []string{"a.txt", "b.txt", "c.txt"})
	if n := zipFiles(p, extract.Limits{}); n != 3 {
		t.Errorf("count %d, want 3", n)
	}
	data, _ := os.ReadFile(p)
	eocd := bytes.LastIndex(data, []byte("PK\x05\x06"))
	data[eocd+8], data[eocd+9], data[eocd+10], data[eocd+11] = 0xfe, 0xff, 0xfe, 0xff // 65,534 entries claimed
	os.WriteFile(p, data, 0o644)
	if n := zipFiles(p, extract.Limits{MaxZipEntries: 100}); n != 100 {
		t.Errorf("count %d, want the limit 100", n)
	}
	a := newTestArchive(t)
	rep, err := a.Import(context.Background(), []string{p}, ImportOptions{Extract: extract.Options{Limits: extract.Limits{MaxZipEntries: 100}}})
	if err != nil || rep.Failed != 1 || !errors.Is(rep.Items[0].Err, extract.ErrTooLarge) {
		t.Errorf("%v, %+v", err, rep)
	}
}
