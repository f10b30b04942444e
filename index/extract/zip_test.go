package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"khovanban/index/internal/cputime"
)

// zipFile is one member for writeZip; a nil body with size > 0 is that
// many zero bytes, written without holding them in memory.
type zipFile struct {
	name   string
	body   []byte
	zeros  int64
	header *zip.FileHeader // optional, for odd headers
}

func writeZip(t testing.TB, files ...zipFile) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, f := range files {
		h := f.header
		if h == nil {
			h = &zip.FileHeader{Name: f.name, Method: zip.Deflate}
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.body); err != nil {
			t.Fatal(err)
		}
		if f.zeros > 0 {
			if _, err := io.CopyN(w, zeroReader{}, f.zeros); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func entryNames(es []Entry) []string {
	var names []string
	for _, e := range es {
		names = append(names, e.Name)
	}
	return names
}

func TestZipMixedAndNested(t *testing.T) {
	inner := writeZip(t, zipFile{name: "x.doc", body: readTestdata(t, "vn.doc")}, zipFile{name: "ghi chú.txt", body: []byte("Ghi chú")})
	data := writeZip(t,
		zipFile{name: "a.docx", body: readTestdata(t, "vn.docx")},
		zipFile{name: "sub/", body: nil},
		zipFile{name: "sub/b.TXT", body: readTestdata(t, "txt-tcvn3.txt")},
		zipFile{name: "c.xls", body: []byte("not read")},
		zipFile{name: "inner.zip", body: inner},
		zipFile{name: "web/article.htm", body: readTestdata(t, "article.html")},
	)
	entries, err := Zip(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.docx", "sub/b.TXT", "c.xls", "inner.zip/x.doc", "inner.zip/ghi chú.txt", "web/article.htm"}
	if got := entryNames(entries); !slices.Equal(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	for _, e := range entries {
		if !Supported(e.Name) {
			if e.Data != nil {
				t.Errorf("%s: unsupported file was read", e.Name)
			}
			continue
		}
		res, err := Extract(context.Background(), e.Name, e.Data, Options{})
		if err != nil || !strings.Contains(res.Text, "Chợ Mới") && !strings.Contains(res.Text, "Ghi chú") {
			t.Errorf("%s: %v, %.40q", e.Name, err, res.Text)
		}
	}
}

func TestZipOddNames(t *testing.T) {
	data := writeZip(t,
		zipFile{name: "../../etc/passwd.txt", body: []byte("a")},
		zipFile{name: `C:\Văn bản\b.txt`, body: []byte("b")},
		zipFile{name: "/abs.txt", body: []byte("c")},
		zipFile{header: &zip.FileHeader{Name: "v\xe0n b\xe3n.txt", Method: zip.Store}, body: []byte("d")},
		zipFile{name: "d.TXT.exe", body: []byte("skipped")},
		zipFile{name: "__MACOSX/._abs.txt", body: []byte("fork")},
	)
	entries, err := Zip(context.Background(), data, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	got := entryNames(entries)
	want := []string{"etc/passwd.txt", "C:/Văn bản/b.txt", "abs.txt"}
	if len(got) != 5 || !slices.Equal(got[:3], want) || got[4] != "d.TXT.exe" {
		t.Errorf("names %q, want %q + a decoded legacy name", got, want)
	}
	for _, n := range got {
		if strings.Contains(n, "..") || strings.HasPrefix(n, "/") || strings.ContainsRune(n, '\uFFFD') {
			t.Errorf("unsafe or broken name %q", n)
		}
	}
}

func TestZipBombs(t *testing.T) {
	ctx := context.Background()
	small := Limits{MaxFileBytes: 1 << 20, MaxUnzippedBytes: 4 << 20, MaxZipEntries: 50, MaxZipDepth: 3}
	tests := []struct {
		name string
		data func() []byte
		lim  Limits
		what string
	}{
		{"one big entry", func() []byte { return writeZip(t, zipFile{name: "big.txt", zeros: 8 << 20}) }, small, limitFileBytes},
		{"total unzipped", func() []byte {
			var fs []zipFile
			for i := range 8 {
				fs = append(fs, zipFile{name: fmt.Sprintf("f%d.txt", i), zeros: 900 << 10})
			}
			return writeZip(t, fs...)
		}, small, limitUnzippedBytes},
		{"too many entries", func() []byte {
			var fs []zipFile
			for i := range 60 {
				fs = append(fs, zipFile{name: fmt.Sprintf("f%d.txt", i), body: []byte("x")})
			}
			return writeZip(t, fs...)
		}, small, limitZipEntries},
		{"deeply nested", func() []byte {
			z := writeZip(t, zipFile{name: "bottom.txt", body: []byte("x")})
			for i := range 10 {
				z = writeZip(t, zipFile{name: fmt.Sprintf("level%d.zip", i), body: z})
			}
			return z
		}, Limits{}, limitZipDepth},
		{"42.zip style", func() []byte {
			z := writeZip(t, zipFile{name: "leaf.txt", zeros: 1 << 20})
			for level := range 3 {
				var fs []zipFile
				for i := range 16 {
					fs = append(fs, zipFile{name: fmt.Sprintf("l%d-%d.zip", level, i), body: z})
				}
				z = writeZip(t, fs...)
			}
			return z
		}, Limits{MaxUnzippedBytes: 64 << 20, MaxZipDepth: 10}, limitUnzippedBytes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data()
			var err error
			d := cputime.Process(func() { _, err = Zip(ctx, data, tt.lim) })
			var le *LimitError
			if !errors.Is(err, ErrTooLarge) || !errors.As(err, &le) || le.What != tt.what {
				t.Fatalf("err = %v, want a %q limit", err, tt.what)
			}
			if d > 60*time.Second {
				t.Errorf("took %v of CPU", d)
			}
			t.Log(err)
		})
	}
}

// TestZipLyingHeader: a member whose directory entry claims 10 bytes but
// inflates to 8 MB. archive/zip stops at the claimed size and reports the
// mismatch, so no more than that is ever inflated.
func TestZipLyingHeader(t *testing.T) {
	z := writeZip(t, zipFile{name: "liar.txt", zeros: 8 << 20})
	cd := bytes.Index(z, []byte("PK\x01\x02"))
	binary.LittleEndian.PutUint32(z[cd+24:], 10) // uncompressed size in the central directory
	_, err := Zip(context.Background(), z, Limits{MaxFileBytes: 1 << 20})
	if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrTooLarge) {
		t.Errorf("err = %v", err)
	}
}

// TestZipBombDefaultLimits: an entry of 300 MB of zeros (300 KB zipped)
// stops at the default 200 MB file limit, and the message says so.
func TestZipBombDefaultLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 200 MB")
	}
	data := writeZip(t, zipFile{name: "bomb.txt", zeros: 300 << 20})
	_, err := Zip(context.Background(), data, DefaultLimits())
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "limit 200 MB") {
		t.Errorf("err = %v", err)
	}
}

func TestZipBad(t *testing.T) {
	ctx := context.Background()
	good := writeZip(t, zipFile{name: "a.txt", body: bytes.Repeat([]byte("Chợ Mới "), 1000)})
	if _, err := Zip(ctx, nil, Limits{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := Zip(ctx, good[:len(good)/2], Limits{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated: %v", err)
	}
	bad := bytes.Clone(good)
	bad[60] ^= 0xFF // inside the deflated data
	if _, err := Zip(ctx, bad, Limits{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("damaged: %v", err)
	}
	innerBad := writeZip(t, zipFile{name: "inner.zip", body: []byte("PK\x03\x04 junk")})
	if _, err := Zip(ctx, innerBad, Limits{}); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "inner.zip") {
		t.Errorf("bad inner zip: %v", err)
	}
	enc := writeZip(t, zipFile{header: &zip.FileHeader{Name: "secret.txt", Method: zip.Store, Flags: 0x1}, body: []byte("xx")})
	if _, err := Zip(ctx, enc, Limits{}); !errors.Is(err, ErrEncrypted) {
		t.Errorf("encrypted entry: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Zip(cctx, good, Limits{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func FuzzZip(f *testing.F) {
	f.Add(readTestdata(f, "vn.docx"))
	f.Add(readTestdata(f, "mixed.zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := Zip(context.Background(), data, Limits{MaxUnzippedBytes: 16 << 20, MaxFileBytes: 8 << 20})
		for _, e := range entries {
			if strings.HasPrefix(e.Name, "/") || strings.Contains(e.Name, "../") {
				t.Errorf("unsafe name %q", e.Name)
			}
		}
		_ = err
	})
}

// TestZipFixtures reads archives made the way offices send them: folders
// with Vietnamese names, a spreadsheet that is not read, a zip in a zip.
func TestZipFixtures(t *testing.T) {
	entries, err := Zip(context.Background(), readTestdata(t, "nested.zip"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2014/mixed.zip/Nghị quyết/vn.docx", "2014/mixed.zip/Nghị quyết/ban cp1258.txt",
		"2014/mixed.zip/web/article.html", "2014/mixed.zip/cu/vntime.rtf", "2014/mixed.zip/bang-tinh.xls", "cp1258.rtf"}
	if got := entryNames(entries); !slices.Equal(got, want) {
		t.Fatalf("names %q, want %q", got, want)
	}
	pieces := expectedPieces(t)[:3]
	for _, e := range entries {
		if !Supported(e.Name) {
			continue
		}
		res, err := Extract(context.Background(), e.Name, e.Data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		if found, missing := matchPieces(strings.ToLower(res.Text), []string{strings.ToLower(pieces[1])}); found != 1 {
			t.Errorf("%s: %q missing", e.Name, missing)
		}
	}
}

// TestZipEntryCount reads the member count from the end record, zip64
// included, so that huge directories are refused before being parsed.
func TestZipEntryCount(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 70000 members")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 70000 {
		if _, err := zw.CreateHeader(&zip.FileHeader{Name: strconv.Itoa(i), Method: zip.Store}); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if n := zipEntryCount(buf.Bytes()); n != 70000 {
		t.Errorf("count %d, want 70000", n)
	}
	_, err := Zip(context.Background(), buf.Bytes(), Limits{})
	var le *LimitError
	if !errors.As(err, &le) || le.What != limitZipEntries || le.Got != 70000 {
		t.Errorf("err = %v", err)
	}
	if n := zipEntryCount([]byte("PK\x05\x06 short")); n != -1 {
		t.Errorf("short record: %d", n)
	}
}
