package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// aesSeal encrypts b as a PDF AES-256 string or stream: an IV, then
// AES-256-CBC with PKCS#7 padding.
func aesSeal(key, iv, b []byte) []byte {
	pad := 16 - len(b)%16
	b = append(bytes.Clone(b), bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, _ := aes.NewCipher(key)
	out := append([]byte{}, iv...)
	out = append(out, make([]byte, len(b))...)
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(out[16:], b)
	return out
}

// pdfLiteralOf writes b as a literal string, escaping what must be.
func pdfLiteralOf(b []byte) string {
	var s strings.Builder
	s.WriteByte('(')
	for _, c := range b {
		switch c {
		case '(', ')', '\\':
			s.WriteByte('\\')
			s.WriteByte(c)
		case '\r':
			s.WriteString(`\r`)
		default:
			s.WriteByte(c)
		}
	}
	s.WriteByte(')')
	return s.String()
}

// pdfScheme is one way to encrypt a PDF: its encryption dictionary and
// how object num's strings and streams are sealed.
type pdfScheme struct {
	encrypt string
	seal    func(num int, b []byte) []byte
}

// testPDFID is the /ID of the files encryptedPDF writes.
var testPDFID = bytes.Repeat([]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef}, 2)

// aes256Scheme encrypts as Acrobat and Word do with AES-256 (revision r,
// 5 or 6, the user password user, the owner password "chủ").
func aes256Scheme(r int, user string) pdfScheme {
	fileKey := bytes.Repeat([]byte{0x5A, 0xC3}, 16)
	iv := func(n int) []byte { s := sha256.Sum256([]byte(strconv.Itoa(n))); return s[:16] }
	seal := func(pw, salt, udata []byte) []byte {
		block, _ := aes.NewCipher(pdfHash(r, pw, salt, udata))
		out := make([]byte, 32)
		cipher.NewCBCEncrypter(block, make([]byte, 16)).CryptBlocks(out, fileKey)
		return out
	}
	salts := []byte("vsaltUUUksaltUUUvsaltOOOksaltOOO")
	u := append(pdfHash(r, []byte(user), salts[0:8], nil), salts[0:16]...)
	o := append(pdfHash(r, []byte("chủ"), salts[16:24], u), salts[16:32]...)
	return pdfScheme{
		encrypt: fmt.Sprintf("<< /Filter /Standard /V 5 /R %d /Length 256 /CF << /StdCF << /AuthEvent /DocOpen /CFM /AESV3 /Length 32 >> >> "+
			"/StmF /StdCF /StrF /StdCF /P -3392 /O <%x> /U <%x> /OE <%x> /UE <%x> /Perms <%x> >>",
			r, o, u, seal([]byte("chủ"), salts[24:32], u), seal([]byte(user), salts[8:16], nil), bytes.Repeat([]byte{7}, 16)),
		seal: func(num int, b []byte) []byte { return aesSeal(fileKey, iv(num), b) },
	}
}

// rc4Scheme encrypts as the RC4 and AES-128 revisions do (ISO 32000-1,
// 7.6.3: algorithms 1, 2, 3, 5), written here from the standard: version
// v (1, 2, or 4 with the crypt filter method cfm, V2 or AESV2), revision
// r, a key of bits bits, the user and the owner passwords.
func rc4Scheme(v, r, bits int, cfm, user, owner string) pdfScheme {
	n := bits / 8
	pad := func(pw string) []byte { return append([]byte(pw), pdfPasswordPad...)[:32] }
	arc4 := func(key, b []byte) []byte {
		out := bytes.Clone(b)
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, out)
		return out
	}
	// 20 passes from revision 3, each keyed by the key XOR its number
	passes := func(key, b []byte) []byte {
		if r == 2 {
			return arc4(key, b)
		}
		for i := range 20 {
			k := bytes.Clone(key)
			for j := range k {
				k[j] ^= byte(i)
			}
			b = arc4(k, b)
		}
		return b
	}
	ok := md5.Sum(pad(owner))
	for i := 0; r >= 3 && i < 50; i++ {
		ok = md5.Sum(ok[:])
	}
	o := passes(ok[:n], pad(user))
	p := -3392
	h := md5.Sum(slices.Concat(pad(user), o, binary.LittleEndian.AppendUint32(nil, uint32(int32(p))), testPDFID))
	key := h[:n]
	for i := 0; r >= 3 && i < 50; i++ {
		h = md5.Sum(key)
		key = h[:n]
	}
	var u []byte
	if r == 2 {
		u = arc4(key, pdfPasswordPad)
	} else {
		sum := md5.Sum(slices.Concat(pdfPasswordPad, testPDFID))
		u = append(passes(key, sum[:]), bytes.Repeat([]byte{0xEE}, 16)...)
	}
	dict := fmt.Sprintf("<< /Filter /Standard /V %d /R %d /Length %d /P %d /O <%x> /U <%x>", v, r, bits, p, o, u)
	if v == 4 {
		dict += fmt.Sprintf(" /CF << /StdCF << /AuthEvent /DocOpen /CFM /%s /Length 16 >> >> /StmF /StdCF /StrF /StdCF", cfm)
	}
	return pdfScheme{
		encrypt: dict + " >>",
		seal: func(num int, b []byte) []byte {
			salt := ""
			if cfm == "AESV2" {
				salt = "sAlT"
			}
			sum := md5.Sum(slices.Concat(key, []byte{byte(num), byte(num >> 8), byte(num >> 16), 0, 0}, []byte(salt)))
			objKey := sum[:min(n+5, 16)]
			if cfm == "AESV2" {
				iv := md5.Sum([]byte(strconv.Itoa(num)))
				return aesSeal(objKey, iv[:], b)
			}
			return arc4(objKey, b)
		},
	}
}

// encryptedPDF encrypts a PDF written by genPDF by scheme: every stream,
// an /Info dictionary whose title is a literal string, and, when objStm is
// set, the catalog and the page tree kept in an encrypted object stream,
// indexed by a cross-reference stream. Its strings are written raw, with
// escapes, as Word writes them.
func encryptedPDF(t *testing.T, plain []byte, scheme pdfScheme, objStm bool) []byte {
	t.Helper()
	var objs []string
	for _, m := range regexp.MustCompile(`(?s)(\d+) 0 obj\n(.*?)\nendobj\n`).FindAllSubmatch(plain, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		body := string(m[2])
		if i := strings.Index(body, "\nstream\n"); i >= 0 {
			data := []byte(strings.TrimSuffix(body[i+len("\nstream\n"):], "\nendstream"))
			sealed := scheme.seal(n, data)
			dict := regexp.MustCompile(`/Length \d+`).ReplaceAllString(body[:i], fmt.Sprintf("/Length %d", len(sealed)))
			body = dict + "\nstream\n" + string(sealed) + "\nendstream"
		}
		objs = append(objs, body)
	}
	info, enc := len(objs)+1, len(objs)+2
	title := scheme.seal(info, []byte("Nghị quyết (dự thảo) \\ lần 2\r"))
	objs = append(objs, "<< /Title "+pdfLiteralOf(title)+" >>", scheme.encrypt)
	id := fmt.Sprintf("/ID [<%x> <%x>]", testPDFID, testPDFID)

	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	inStm := map[int]int{} // object number → index in the object stream
	size := len(objs) + 1
	for i, body := range objs {
		n := i + 1
		if objStm && n <= 2 {
			inStm[n] = len(inStm)
			continue
		}
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	if !objStm {
		xref := b.Len()
		fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
		for n := 1; n < size; n++ {
			fmt.Fprintf(&b, "%010d 00000 n \n", offsets[n])
		}
		fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Encrypt %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", size, info, enc, id, xref)
		return b.Bytes()
	}
	var head, body strings.Builder
	for n := 1; n <= 2; n++ {
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.WriteString(objs[n-1] + "\n")
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(head.String() + body.String()))
	zw.Close()
	stm, xrefNum := size, size+1
	sealed := scheme.seal(stm, z.Bytes())
	offsets[stm] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\n",
		stm, head.Len(), len(sealed), sealed)
	var rows []byte
	for n := range xrefNum + 1 {
		switch k, ok := inStm[n]; {
		case ok:
			rows = append(rows, 2)
			rows = binary.BigEndian.AppendUint32(rows, uint32(stm))
			rows = binary.BigEndian.AppendUint16(rows, uint16(k))
		case n == xrefNum:
			rows = append(rows, 1)
			rows = binary.BigEndian.AppendUint32(rows, uint32(b.Len()))
			rows = append(rows, 0, 0)
		case offsets[n] > 0:
			rows = append(rows, 1)
			rows = binary.BigEndian.AppendUint32(rows, uint32(offsets[n]))
			rows = append(rows, 0, 0)
		default:
			rows = append(rows, 0, 0, 0, 0, 0, 0xFF, 0xFF)
		}
	}
	xref := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Info %d 0 R /Encrypt %d 0 R %s /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n",
		xrefNum, xrefNum+1, info, enc, id, len(rows), rows, xref)
	return b.Bytes()
}

// TestPDFAES256 reads PDFs encrypted with AES-256 that the empty user
// password opens (offices export them so, to forbid copying): revisions 5
// and 6, with and without object streams. One that needs a password is
// refused as encrypted.
func TestPDFAES256(t *testing.T) {
	text := []pdfText{{x: 72, y: 760, size: 13, s: "ỦY BAN NHÂN DÂN XÃ KIẾN AN"}, {x: 72, y: 700, size: 13, s: "Kế hoạch tổ chức phong trào thi đua năm 2026"}}
	plain := genPDF([][]pdfText{text}, nil)
	for _, r := range []int{5, 6} {
		for _, objStm := range []bool{false, true} {
			name := fmt.Sprintf("r%d-objstm-%v.pdf", r, objStm)
			res, err := Extract(context.Background(), name, encryptedPDF(t, plain, aes256Scheme(r, ""), objStm), Options{})
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if want := "ỦY BAN NHÂN DÂN XÃ KIẾN AN\n\nKế hoạch tổ chức phong trào thi đua năm 2026"; res.Text != want {
				t.Errorf("%s: got %q, want %q", name, res.Text, want)
			}
			_, err = Extract(context.Background(), name, encryptedPDF(t, plain, aes256Scheme(r, "mật khẩu"), objStm), Options{})
			if !errors.Is(err, ErrEncrypted) {
				t.Errorf("%s with a user password: err = %v, want ErrEncrypted", name, err)
			}
		}
	}
}

// TestPDFRC4 reads PDFs encrypted by the RC4 and AES-128 revisions that
// the empty user password opens, or the empty owner password: 40 bits
// (R 2), 56 and 128 bits (R 3), RC4 and AES-128 named by a crypt filter
// (R 4), with and without object streams. One that needs a password is
// refused as encrypted.
func TestPDFRC4(t *testing.T) {
	text := []pdfText{{x: 72, y: 760, size: 13, s: "ĐẢNG ỦY XÃ KIẾN AN"}, {x: 72, y: 700, size: 13, s: "Nghị quyết về công tác cải cách hành chính"}}
	plain := genPDF([][]pdfText{text}, nil)
	want := "ĐẢNG ỦY XÃ KIẾN AN\n\nNghị quyết về công tác cải cách hành chính"
	for _, c := range []struct {
		name       string
		v, r, bits int
		cfm        string
	}{
		{"rc4-40", 1, 2, 40, ""},
		{"rc4-56", 2, 3, 56, ""},
		{"rc4-128", 2, 3, 128, ""},
		{"rc4-filter", 4, 4, 128, "V2"},
		{"aes-128", 4, 4, 128, "AESV2"},
	} {
		for _, objStm := range []bool{false, true} {
			name := fmt.Sprintf("%s-objstm-%v.pdf", c.name, objStm)
			for _, pw := range []struct{ user, owner string }{{"", "chủ"}, {"mật khẩu", ""}} {
				res, err := Extract(context.Background(), name, encryptedPDF(t, plain, rc4Scheme(c.v, c.r, c.bits, c.cfm, pw.user, pw.owner), objStm), Options{})
				if err != nil || res.Text != want {
					t.Errorf("%s, passwords %q: err %v, got %q, want %q", name, pw, err, res.Text, want)
				}
			}
			_, err := Extract(context.Background(), name, encryptedPDF(t, plain, rc4Scheme(c.v, c.r, c.bits, c.cfm, "mật khẩu", "chủ"), objStm), Options{})
			if !errors.Is(err, ErrEncrypted) {
				t.Errorf("%s with passwords: err = %v, want ErrEncrypted", name, err)
			}
		}
	}
}

// TestDecryptPDFStrings: the strings of a decrypted file are its
// plain bytes, whatever escapes they were written with.
func TestDecryptPDFStrings(t *testing.T) {
	plain := genPDF([][]pdfText{{{x: 72, y: 760, size: 12, s: "Báo cáo"}}}, nil)
	out, err := decryptPDF(encryptedPDF(t, plain, aes256Scheme(6, ""), false))
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("/Title <%x>", "Nghị quyết (dự thảo) \\ lần 2\r")
	if !bytes.Contains(out, []byte(want)) || bytes.Contains(out, []byte("/Encrypt")) {
		t.Errorf("%q or no /Encrypt missing from\n%s", want, out)
	}
	// a file that is not encrypted is given back as it is
	if got, err := decryptPDF(plain); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("plain file changed (err %v)", err)
	}
}

// TestPDFHashR6 checks algorithm 2.B against the file qpdf encrypted
// (testdata/encrypted-aes256.pdf, R 6, empty user password): the hash of
// the empty password and the validation salt is the first half of /U.
func TestPDFHashR6(t *testing.T) {
	data := readTestdata(t, "encrypted-aes256.pdf")
	at := bytes.Index(data, []byte("/Filter /Standard"))
	u := dictString(data[bytes.LastIndex(data[:at], []byte("obj")):], "U")
	if len(u) != 48 || !bytes.Equal(pdfHash(6, nil, u[32:40], nil), u[:32]) {
		t.Errorf("U %x: hash mismatch", u)
	}
}

func FuzzDecryptPDF(f *testing.F) {
	for _, name := range []string{"encrypted-aes256.pdf", "encrypted-rc4-40.pdf", "encrypted-rc4-cf.pdf", "encrypted-aes128.pdf"} {
		f.Add(readTestdata(f, name))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		decryptPDF(data)
	})
}
