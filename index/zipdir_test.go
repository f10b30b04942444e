package index

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
)

// zipOf writes entries (name, then its bytes) with Go's zip writer, as
// the program writes bundles: deflated with a data descriptor
// (CreateHeader), or stored when the name ends in ".stored".
func zipOf(t testing.TB, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		h := &zip.FileHeader{Name: entries[i], Method: zip.Deflate}
		if strings.HasSuffix(entries[i], ".stored") {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readAllZip reads every entry of data with zipDir, checking the data
// does not overlap as verify does: their bytes and names in order, or
// the first error.
func readAllZip(data []byte) ([]string, []string, error) {
	return readAllZipAt(bytes.NewReader(data), int64(len(data)))
}

// readAllZipAt is readAllZip of the size bytes of r (a file).
func readAllZipAt(r io.ReaderAt, size int64) ([]string, []string, error) {
	d, err := readZipDir(r, size)
	if err != nil {
		return nil, nil, err
	}
	var got, order []string
	check := zipDataChecker{d: d}
	err = d.each(func(rec *zipRecord) error {
		if err := check.check(rec); err != nil {
			return err
		}
		rc, err := d.open(rec)
		if err != nil {
			return err
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, 1<<20))
		if err != nil {
			return err
		}
		got = append(got, string(b))
		order = append(order, rec.name)
		return nil
	})
	return got, order, err
}

// TestZipDirReadsWhatTheProgramWrites: zips of Go's writer, deflated and
// stored, empty and with more entries than the end record's 16-bit count
// holds (zip64 end records), read a record at a time as archive/zip
// reads them whole.
func TestZipDirReadsWhatTheProgramWrites(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":  zipOf(t),
		"mixed":  zipOf(t, "a.json", "{}", "b.stored", "stored bytes", "c.json", strings.Repeat("văn bản ", 10_000), "empty.json", ""),
		"zip64":  zip64Zip(),
		"bundle": restorableBackupBytes(t, 20),
	} {
		t.Run(name, func(t *testing.T) {
			got, order, err := readAllZip(data)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			if len(order) != len(zr.File) {
				t.Fatalf("%d entries, archive/zip reads %d", len(order), len(zr.File))
			}
			for i, f := range zr.File {
				rc, _ := f.Open()
				want, _ := io.ReadAll(rc)
				rc.Close()
				if order[i] != f.Name || got[i] != string(want) {
					t.Fatalf("entry %d: %q (%d bytes), archive/zip reads %q (%d bytes)", i, order[i], len(got[i]), f.Name, len(want))
				}
			}
		})
	}
}

// zip64Zip is a zip of 65,536 tiny entries: its end record's 16-bit
// count cannot hold them, so Go's writer adds the zip64 end records.
var zip64Zip = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 0x10000 {
		w, _ := zw.Create(fmt.Sprintf("docs/%02x/%016x.json", i%256, i))
		fmt.Fprint(w, i)
	}
	zw.Close()
	return buf.Bytes()
})

// restorableBackupBytes is restorableBackup's zip.
func restorableBackupBytes(t testing.TB, docs int) []byte {
	data, err := os.ReadFile(restorableBackup(t, docs))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// zipLayout finds in data (a zip of Go's writer) where each local header
// and directory record begins, and the end record.
func zipLayout(data []byte) (locals, records []int, end int) {
	for i := 0; i+4 <= len(data); i++ {
		switch string(data[i : i+4]) {
		case "PK\x03\x04":
			locals = append(locals, i)
		case "PK\x01\x02":
			records = append(records, i)
		case "PK\x05\x06":
			end = i
		}
	}
	return locals, records, end
}

// TestZipDirRefusesForgedZips: each forgery of a small zip's directory,
// headers or data is refused with errZipFormat, before or while its
// entries are read, never read as other bytes.
func TestZipDirRefusesForgedZips(t *testing.T) {
	good := zipOf(t, "a.json", strings.Repeat("a", 1000), "b.json", strings.Repeat("b", 1000), "c.stored", "ccc")
	if _, _, err := readAllZip(good); err != nil {
		t.Fatal(err)
	}
	le := binary.LittleEndian
	for _, tc := range []struct {
		name string
		edit func(data []byte, locals, records []int, end int) []byte
	}{
		{"end record counts more", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint16(d[end+8:], 4)
			le.PutUint16(d[end+10:], 4)
			return d
		}},
		{"end record counts fewer", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint16(d[end+8:], 2)
			le.PutUint16(d[end+10:], 2)
			return d
		}},
		{"end record counts 65,535", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint16(d[end+8:], 0xFFFF)
			le.PutUint16(d[end+10:], 0xFFFF)
			return d
		}},
		{"directory offset moved", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint32(d[end+16:], le.Uint32(d[end+16:])-1)
			return d
		}},
		{"directory size lies", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint32(d[end+12:], le.Uint32(d[end+12:])+46)
			return d
		}},
		{"a comment after the end record", func(d []byte, _, _ []int, end int) []byte {
			le.PutUint16(d[end+20:], 3)
			return append(d, "PK!"...)
		}},
		{"bytes before the zip", func(d []byte, _, _ []int, _ int) []byte {
			return append([]byte("MZ junk "), d...)
		}},
		{"an entry's data runs over the next", func(d []byte, locals, records []int, _ int) []byte {
			le.PutUint32(d[records[0]+20:], le.Uint32(d[records[0]+20:])+uint32(locals[1]-locals[0]))
			return d
		}},
		{"two records, one entry's bytes", func(d []byte, locals, records []int, _ int) []byte {
			le.PutUint32(d[records[1]+42:], uint32(locals[0]))
			return d
		}},
		{"data past the directory", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint32(d[records[2]+20:], 1<<20)
			le.PutUint32(d[records[2]+24:], 1<<20)
			return d
		}},
		{"zip64 sizes without their extra field", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint32(d[records[0]+20:], 0xFFFFFFFF)
			le.PutUint32(d[records[0]+24:], 0xFFFFFFFF)
			return d
		}},
		{"inflates to more than declared", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint32(d[records[0]+24:], 10)
			return d
		}},
		{"inflates to less than declared", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint32(d[records[0]+24:], 5000)
			return d
		}},
		{"stored, declared shorter", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint32(d[records[2]+24:], 2)
			return d
		}},
		{"wrong CRC", func(d []byte, _, records []int, _ int) []byte {
			d[records[1]+16] ^= 1
			return d
		}},
		{"encrypted", func(d []byte, _, records []int, _ int) []byte {
			d[records[0]+8] |= 1
			return d
		}},
		{"unknown method", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint16(d[records[0]+10:], 99)
			return d
		}},
		{"local header names another file", func(d []byte, locals, _ []int, _ int) []byte {
			copy(d[locals[0]+30:], "../")
			return d
		}},
		{"local header is not one", func(d []byte, locals, _ []int, _ int) []byte {
			d[locals[1]+2] = 'X'
			return d
		}},
		{"record is not one", func(d []byte, _, records []int, _ int) []byte {
			d[records[1]+3] = 'X'
			return d
		}},
		{"cut short", func(d []byte, _, records []int, _ int) []byte {
			return d[:records[2]]
		}},
		{"multi-disk", func(d []byte, _, records []int, _ int) []byte {
			le.PutUint16(d[records[1]+34:], 1)
			return d
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := bytes.Clone(good)
			locals, records, end := zipLayout(data)
			data = tc.edit(data, locals, records, end)
			got, _, err := readAllZip(data)
			if !errors.Is(err, errZipFormat) {
				t.Fatalf("read %d entries, error %v; want errZipFormat", len(got), err)
			}
		})
	}
}

// TestZipDirZip64Lies: a zip64 end record that claims more records than
// its directory can hold, and records whose zip64 extra field claims
// sizes past the file or 2^64-1 bytes (before, reading that one asked
// for 0 bytes at a time for ever), are refused without allocating for
// the claim.
func TestZipDirZip64Lies(t *testing.T) {
	data := zip64Zip()
	le := binary.LittleEndian
	end := bytes.LastIndex(data, []byte("PK\x06\x06"))
	if end < 0 {
		t.Fatal("no zip64 end record")
	}
	lies := bytes.Clone(data)
	le.PutUint64(lies[end+24:], 5_000_000_000)
	le.PutUint64(lies[end+32:], 5_000_000_000)
	allocs := testing.AllocsPerRun(1, func() {
		if _, err := readZipDir(bytes.NewReader(lies), int64(len(lies))); !errors.Is(err, errZipFormat) {
			t.Errorf("a zip64 count of 5 billion: %v", err)
		}
	})
	if allocs > 20 {
		t.Errorf("%v allocations", allocs)
	}

	// One stored entry of 3 bytes whose zip64 extra field lies.
	for _, size := range []struct{ usize, csize uint64 }{{1 << 62, 1 << 62}, {1<<64 - 1, 3}, {1<<64 - 1, 1<<64 - 1}, {3, 1<<64 - 1}} {
		if got, _, err := readAllZip(zip64Forged(t, size.usize, size.csize)); !errors.Is(err, errZipFormat) {
			t.Errorf("zip64 sizes %d and %d: read %q, %v", size.usize, size.csize, got, err)
		}
	}
}

// zip64Forged is a zip of one stored entry of 3 bytes whose directory
// record gives its sizes in a zip64 extra field (the writer writes one
// only past 4 GB): usize inflated, csize compressed.
func zip64Forged(t *testing.T, usize, csize uint64) []byte {
	t.Helper()
	le := binary.LittleEndian
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "big.stored", Method: zip.Store})
	w.Write([]byte("abc"))
	zw.Close()
	one := buf.Bytes()
	_, records, _ := zipLayout(one)
	r := records[0]
	extra := make([]byte, 4+16)
	le.PutUint16(extra, 1)
	le.PutUint16(extra[2:], 16)
	le.PutUint64(extra[4:], usize)
	le.PutUint64(extra[12:], csize)
	nameLen := int(le.Uint16(one[r+28:]))
	rec := bytes.Clone(one[r : r+46+nameLen])
	le.PutUint32(rec[20:], 0xFFFFFFFF)
	le.PutUint32(rec[24:], 0xFFFFFFFF)
	le.PutUint16(rec[30:], uint16(len(extra)))
	rec = append(rec, extra...)
	forged := append(bytes.Clone(one[:r]), rec...)
	endRec := bytes.Clone(one[bytes.LastIndex(one, []byte("PK\x05\x06")):])
	le.PutUint32(endRec[12:], uint32(len(rec)))
	return append(forged, endRec...)
}

// FuzzZipDir: whatever the bytes, zipDir ends, and what it reads of a zip
// it takes is what archive/zip reads of it: no entry's bytes differ, none
// is read that archive/zip lacks.
func FuzzZipDir(f *testing.F) {
	f.Add(zipOf(f, "a.json", "{}", "b.stored", "bb", "c", strings.Repeat("c", 300)))
	f.Add(zipOf(f))
	f.Add(restorableBackupBytes(f, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, order, err := readAllZip(data)
		if err != nil {
			return
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("zipDir read %d entries of a zip archive/zip refuses: %v", len(order), err)
		}
		if len(zr.File) != len(order) {
			t.Fatalf("%d entries, archive/zip reads %d", len(order), len(zr.File))
		}
		for i, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatalf("%q: archive/zip: %v", zf.Name, err)
			}
			want, err := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			if err != nil || order[i] != zf.Name || got[i] != string(want) {
				t.Fatalf("entry %d: %q, archive/zip reads %q (%v)", i, order[i], zf.Name, err)
			}
		}
	})
}
