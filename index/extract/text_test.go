package extract

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"khovanban/index/vntext"
)

func TestDecodeTextEncodings(t *testing.T) {
	vn := "Nghị quyết về thực hiện phong trào của Đảng bộ xã"
	le := utf16le(vn)
	be := make([]byte, len(le))
	for i := 0; i+1 < len(le); i += 2 {
		be[i], be[i+1] = le[i+1], le[i]
	}
	tests := []struct {
		name string
		data []byte
		enc  string
	}{
		{"ascii", []byte("Hello world\n"), encUTF8},
		{"utf-8", []byte(vn), encUTF8},
		{"utf-16le no BOM", le, encUTF16LE},
		{"utf-16be no BOM", be, encUTF16BE},
		{"utf-16be BOM", append([]byte{0xFE, 0xFF}, be...), encUTF16BE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := decodeText(tt.data)
			if err != nil || enc != tt.enc {
				t.Fatalf("enc %q, err %v; want %q", enc, err, tt.enc)
			}
			if !strings.Contains(vntext.NFC(text), strings.TrimSpace(vntext.NFC(string(tt.data[:0])))) {
				t.Error("lost text")
			}
		})
	}
}

// TestTCVN3TableAgainstIconv checks the TCVN3 table against glibc's
// TCVN5712-1, an independent implementation, for the letter bytes.
func TestTCVN3TableAgainstIconv(t *testing.T) {
	if _, err := exec.LookPath("iconv"); err != nil {
		t.Skip("iconv not installed")
	}
	var in []byte
	for b := 0xA1; b <= 0xFF; b++ {
		in = append(in, byte(b), '\n')
	}
	cmd := exec.Command("iconv", "-f", "TCVN5712-1", "-t", "UTF-8")
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("iconv has no TCVN5712-1: %v", err)
	}
	want := strings.Split(vntext.NFC(string(out)), "\n")
	for i, b := 0, 0xA1; b <= 0xFF; i, b = i+1, b+1 {
		if got := vntext.NFC(legacy().tcvn3[b]); got != want[i] {
			t.Errorf("byte %#x: got %q, iconv %q", b, got, want[i])
		}
	}
}

func TestLegacyRoundTrip(t *testing.T) {
	// Words written in TCVN3 as offices typed them (docs/extraction.md).
	res, err := Extract(context.Background(), "a.txt", latin1("§¶ng bé ChØ thÞ sè 03-CT/TW cña Ban BÝ th\u00ad, Uû ban nh©n d©n x· vµ c¸c v\u00a9n b¶n\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != encTCVN3 || !strings.Contains(res.Text, "Đảng bộ Chỉ thị số 03-CT/TW của Ban Bí thư, Uỷ ban nhân dân xã") {
		t.Errorf("got %q (%s)", res.Text, res.Encoding)
	}
	res, err = Extract(context.Background(), "b.txt", latin1("Xin chaøo caùc baïn, ñaây laø vaên baûn cuûa UÛy ban nhaân daân xaõ.\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != encVNI || !strings.Contains(res.Text, "Xin chào các bạn, đây là văn bản của") {
		t.Errorf("got %q (%s)", res.Text, res.Encoding)
	}
}

// TestLegacyInUnicode: TCVN3 text that a converter saved as UTF-8 as if
// it were Windows-1252 is re-decoded; French UTF-8 is left alone.
func TestLegacyInUnicode(t *testing.T) {
	res, err := Extract(context.Background(), "a.txt", []byte("Uû ban nh©n d©n x· T©n Hßa triÓn khai ChØ thÞ sè 03"), Options{})
	if err != nil || res.Text != "Uỷ ban nhân dân xã Tân Hòa triển khai Chỉ thị số 03" || res.Encoding != encTCVN3 {
		t.Errorf("got %q (%s), %v", res.Text, res.Encoding, err)
	}
	fr := "Le café est très bon. Où est la gare? Ça coûte deux euros."
	res, err = Extract(context.Background(), "fr.txt", []byte(fr), Options{})
	if err != nil || res.Text != fr || res.Encoding != encUTF8 {
		t.Errorf("got %q (%s), %v", res.Text, res.Encoding, err)
	}
}

// TestMixedLegacyParagraph: one paragraph pasted from a .VnTime document
// into a Unicode text file is decoded; the Unicode ones are kept.
func TestMixedLegacyParagraph(t *testing.T) {
	in := "Chợ Mới với khẩu hiệu mới.\nUû ban nh©n d©n x· T©n Hßa triÓn khai ChØ thÞ sè 03\nLe café est très bon."
	res, err := Extract(context.Background(), "a.txt", []byte(in), Options{})
	want := "Chợ Mới với khẩu hiệu mới.\nUỷ ban nhân dân xã Tân Hòa triển khai Chỉ thị số 03\nLe café est très bon."
	if err != nil || res.Text != want || res.Encoding != encUTF8 {
		t.Errorf("got %q (%s), %v", res.Text, res.Encoding, err)
	}
}

func TestTextBadInput(t *testing.T) {
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i * 7919 % 251)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"binary with NULs", junk, ErrBinary},
		{"controls", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03}, 100), ErrBinary},
		{"odd utf-16", []byte{0xFF, 0xFE, 'a'}, ErrEmpty},
		{"lone surrogate", append([]byte{0xFF, 0xFE, 0x00, 0xD8}, utf16le("a lone surrogate")...), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(context.Background(), "x.txt", tt.data, Options{})
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !utf8.ValidString(res.Text) {
				t.Error("text is not valid UTF-8")
			}
		})
	}
}

func TestInvalidUTF8IsLegacyNotCrash(t *testing.T) {
	data := []byte("Chợ Mới \xff\xfe\xfd văn bản \xc3")
	res, err := Extract(context.Background(), "x.md", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.ValidString(res.Text) || res.Format != "md" {
		t.Errorf("got %q, %q", res.Text, res.Format)
	}
}

func TestCapitaliseSentences(t *testing.T) {
	got := capitaliseSentences("ủy ban nhân dân\n2\tủy ban kiểm tra\nT/M BAN THƯờNG Vụ – Bí THƯ\nvề việc")
	want := "Ủy ban nhân dân\n2\tỦy ban kiểm tra\nT/M BAN THƯỜNG VỤ – BÍ THƯ\nvề việc"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func FuzzDecodeText(f *testing.F) {
	for _, name := range []string{"txt-utf8.txt", "txt-utf8-bom.txt", "txt-nfd.txt", "txt-utf16le-bom.txt",
		"txt-cp1258.txt", "txt-tcvn3.txt", "txt-vni.txt", "txt-french-cp1252.txt", "web-saved.txt"} {
		f.Add(readTestdata(f, name))
	}
	f.Add([]byte{0xFE, 0xFF, 0xD8})
	f.Fuzz(func(t *testing.T, data []byte) {
		text, enc, err := decodeText(data)
		if err == nil && enc == "" {
			t.Error("no encoding")
		}
		if err == nil && !utf8.ValidString(vntext.Clean(text)) {
			t.Error("invalid UTF-8 out")
		}
		res, err := Extract(context.Background(), "f.txt", data, Options{})
		if err == nil && !utf8.ValidString(res.Text) {
			t.Error("invalid UTF-8 out")
		}
	})
}

// latin1 writes s one byte per rune, as legacy-encoded text looks when
// shown as Latin-1.
func latin1(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}
