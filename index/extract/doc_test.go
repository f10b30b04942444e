package extract

import (
	"context"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

func TestEncryptedDocx(t *testing.T) {
	data := buildOLE([]string{"EncryptionInfo", "EncryptedPackage"}, [][]byte{[]byte("info"), []byte("package")})
	for _, name := range []string{"secret.docx", "secret.doc"} {
		_, err := Extract(context.Background(), name, data, Options{})
		if !errors.Is(err, ErrEncrypted) {
			t.Errorf("%s: err = %v, want ErrEncrypted", name, err)
		}
	}
}

// wordStream returns a minimal WordDocument stream with a FIB whose
// flags are given; its piece table points nowhere useful.
func wordStream(flags uint16) []byte {
	w := make([]byte, 1024)
	binary.LittleEndian.PutUint16(w, 0xA5EC)
	binary.LittleEndian.PutUint16(w[fibFlags:], flags)
	binary.LittleEndian.PutUint16(w[0x20:], 14) // csw
	binary.LittleEndian.PutUint16(w[0x3E:], 22) // cslw
	return w
}

func TestEncryptedDoc(t *testing.T) {
	data := buildOLE([]string{"WordDocument", "0Table"}, [][]byte{wordStream(fibEncrypted), make([]byte, 100)})
	_, err := Extract(context.Background(), "secret.doc", data, Options{})
	if !errors.Is(err, ErrEncrypted) {
		t.Errorf("err = %v, want ErrEncrypted", err)
	}
	// the same file without the flag is merely broken
	data = buildOLE([]string{"WordDocument", "0Table"}, [][]byte{wordStream(0), make([]byte, 100)})
	if _, err := Extract(context.Background(), "broken.doc", data, Options{}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("err = %v, want ErrCorrupt", err)
	}
}

func TestOLEWithoutWord(t *testing.T) {
	data := buildOLE([]string{"Workbook"}, [][]byte{[]byte("xls")})
	for _, name := range []string{"x.doc", "x.docx"} {
		if _, err := Extract(context.Background(), name, data, Options{}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", name, err)
		}
	}
}

// TestDocLegacyFont reads a Word 97 file whose text is in .VnTime and
// .VnTimeH (made by LibreOffice from testdata/vntime.rtf).
func TestDocLegacyFont(t *testing.T) {
	for _, name := range []string{"vntime.doc", "vntime.docx", "vntime.rtf"} {
		res, err := Extract(context.Background(), name, readTestdata(t, name), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			"NGHỊ QUYẾT VỀ THỰC HIỆN PHONG TRÀO “3 KHÔNG - 3 CẦN - 3 QUYẾT TÂM”",
			"Chợ Mới với khẩu hiệu “3 không - 3 cần - 3 quyết tâm”. Ban Thường vụ Huyện ủy",
			"Đảng viên, cán bộ, công chức",
			"Quán triệt nghị quyết đến toàn thể đảng viên",
		} {
			if !strings.Contains(res.Text, want) {
				t.Errorf("%s: %q missing from\n%s", name, want, res.Text)
			}
		}
		if res.Encoding != encTCVN3 {
			t.Errorf("%s: encoding %q, want tcvn3", name, res.Encoding)
		}
	}
}

func TestDocSpecials(t *testing.T) {
	got := docSpecials("a\x13 HYPERLINK \"x\" \x14link\x15 b\rc\x07d\x07\x07e\x0bf\x1eg\x01")
	want := "alink b\n\nc\nd\n\ne\nf-g"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func FuzzDoc(f *testing.F) {
	f.Add(readTestdata(f, "vn.doc"))
	f.Add(readTestdata(f, "vntime.doc"))
	f.Add(buildDoc("Bao cao\r", "Chợ Mới\x13 PAGE \x141\x15\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Extract(context.Background(), "f.doc", data, Options{})
	})
}

// buildDoc makes a Word 97 file with two pieces: one compressed
// (Windows-1252) and one UTF-16, the second with a field.
func buildDoc(compressed string, unicode string) []byte {
	le := binary.LittleEndian
	w := wordStream(0)
	w = append(w, make([]byte, 0xC00-len(w))...)
	le.PutUint16(w[0x98:], 93) // cbRgFcLcb
	copy(w[0x800:], compressed)
	u := utf16le(unicode)
	copy(w[0xA00:], u)
	n1, n2 := uint32(len(compressed)), uint32(len(u)/2)
	le.PutUint32(w[0x4C:], n1+n2) // ccpText

	var plc []byte
	for _, cp := range []uint32{0, n1, n1 + n2} {
		plc = le.AppendUint32(plc, cp)
	}
	for _, fc := range []uint32{0x800*2 | 0x40000000, 0xA00} {
		plc = append(plc, 0, 0)
		plc = le.AppendUint32(plc, fc)
		plc = append(plc, 0, 0)
	}
	clx := []byte{0x01, 2, 0, 0xAA, 0xBB, 0x02} // a Prc to skip, then the Pcdt
	clx = le.AppendUint32(clx, uint32(len(plc)))
	clx = append(clx, plc...)
	table := append(make([]byte, 16), clx...)
	le.PutUint32(w[0x1A2:], 16)
	le.PutUint32(w[0x1A6:], uint32(len(clx)))
	return buildOLE([]string{"WordDocument", "0Table"}, [][]byte{w, table})
}

func TestDocPieces(t *testing.T) {
	data := buildDoc("Bao cao: caf\xe9 \x93ngon\x94\r", "Chợ Mới\x13 PAGE \x14trang 1\x15\rSTT\x07Nội dung\x07\x07")
	res, err := Extract(context.Background(), "a.doc", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Bao cao: café “ngon”\n\nChợ Mớitrang 1\n\nSTT\nNội dung"
	if res.Text != want {
		t.Errorf("got %q, want %q", res.Text, want)
	}
}

// TestDocWithEmbeddedDocument reads a Word file that holds another Word
// document as an embedded object (Word keeps its streams under
// ObjectPool): the text is the outer document's, read through the outer
// table stream, whatever order the directory lists the streams in.
func TestDocWithEmbeddedDocument(t *testing.T) {
	outer, err := oleStreams("doc", readTestdata(t, "vntime.doc"))
	if err != nil {
		t.Fatal(err)
	}
	inner := wordStream(fibTable1) // a FIB whose piece table lies past its own 1Table
	binary.LittleEndian.PutUint32(inner[0x40+22*4+2+fibClxIndex*8:], 3000)
	binary.LittleEndian.PutUint32(inner[0x40+22*4+2+fibClxIndex*8+4:], 21)
	data := buildOLE(
		[]string{"1Table", "ObjectPool/_1103523946/1Table", "ObjectPool/_1103523946/WordDocument", "WordDocument"},
		[][]byte{outer["1Table"], make([]byte, 5000), inner, outer["WordDocument"]})
	res, err := Extract(context.Background(), "embedded.doc", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Quán triệt nghị quyết đến toàn thể đảng viên"; !strings.Contains(res.Text, want) {
		t.Errorf("%q missing from\n%s", want, res.Text)
	}
}
