package extract

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
)

// PDFs encrypted by the standard security handler open for anyone when
// their user password (or their owner password) is empty: offices export
// them so, to forbid copying or printing. decryptPDF rewrites such a file
// as a plain one: every string and stream decrypted, object streams
// written out as plain objects, a new cross-reference table. It knows
// every revision: RC4 of 40 to 128 bits (R 2, 3, 4), AES-128 (R 4) and
// AES-256 (R 5 of Acrobat 9, R 6 of PDF 2.0). The pdf library knows RC4
// and AES-128 only in part: it keys a 40-bit file's objects with 16 bytes
// instead of 10, and refuses RC4 named by a crypt filter (/CFM /V2).

var (
	pdfObjHead = regexp.MustCompile(`(?:^|[\s>\]})])(\d+)[ \t\r\n]+(\d+)[ \t\r\n]+obj\b`)
	pdfRefKey  = func(key string) *regexp.Regexp {
		return regexp.MustCompile(`/` + key + `\s*(\d+)\s+(\d+)\s+R`)
	}
	pdfEncryptRef = pdfRefKey("Encrypt")
	pdfRootRef    = pdfRefKey("Root")
	pdfInfoRef    = pdfRefKey("Info")
	pdfIDArray    = regexp.MustCompile(`/ID\s*\[\s*(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*(?:<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))\s*\]`)
	pdfLengthVal  = regexp.MustCompile(`^/Length\s+(\d+)(?:\s+(\d+)\s+R)?`)
	pdfIntKey     = func(key string) *regexp.Regexp { return regexp.MustCompile(`/` + key + `\s+(-?\d+)`) }
	pdfVKey       = pdfIntKey("V")
	pdfRKey       = pdfIntKey("R")
	pdfPKey       = pdfIntKey("P")
	pdfLengthKey  = pdfIntKey("Length")
	pdfNKey       = pdfIntKey("N")
	pdfFirstKey   = pdfIntKey("First")
	pdfXRefType   = regexp.MustCompile(`/Type\s*/XRef\b`)
	pdfStmTypes   = map[string]*regexp.Regexp{
		"XRef": pdfXRefType, "ObjStm": regexp.MustCompile(`/Type\s*/ObjStm\b`), "Metadata": regexp.MustCompile(`/Type\s*/Metadata\b`),
	}
	pdfDirectLength = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)
	pdfStdFilter    = regexp.MustCompile(`/Filter\s*/Standard\b`)
	pdfStrFilter    = regexp.MustCompile(`/StrF\s*/([^\s/<>\[\]()]+)`)
	pdfStmFilter    = regexp.MustCompile(`/StmF\s*/([^\s/<>\[\]()]+)`)
	pdfCFMethod     = regexp.MustCompile(`/CFM\s*/([^\s/<>\[\]()]+)`)
	pdfPlainMeta    = regexp.MustCompile(`/EncryptMetadata\s+false`)
)

// pdfCipher is how a file's strings or streams are encrypted.
type pdfCipher int

const (
	cipherNone   pdfCipher = iota // Identity: kept as they are
	cipherRC4                     // RC4 with a key for each object
	cipherAES128                  // AESV2: AES-128-CBC with a key for each object
	cipherAES256                  // AESV3: AES-256-CBC with the file key
)

// pdfObject is one object of a PDF: its generation and its text, or a
// stream's dictionary and bytes.
type pdfObject struct {
	gen    int
	body   []byte
	stream []byte
	isStm  bool
}

// decryptPDF returns data rewritten without its encryption when the empty
// password opens it, data itself when it is not encrypted by the standard
// handler (or cannot be taken apart: the library then says what it can),
// and ErrEncrypted when a password is needed.
func decryptPDF(data []byte) ([]byte, error) {
	trailers := pdfTrailers(data)
	ref := lastMatch(pdfEncryptRef, trailers)
	if ref == nil {
		return data, nil
	}
	heads := pdfObjectHeads(data)
	encNum, _ := strconv.Atoi(string(ref[1]))
	at, ok := heads[encNum]
	if !ok {
		return data, nil
	}
	enc, _, _, _ := pdfRawObject(data, at)
	if !pdfStdFilter.Match(enc) {
		return data, nil
	}
	v := dictInt(enc, pdfVKey)
	var key []byte
	var err error
	if v == 5 {
		key, err = aes256FileKey(enc)
	} else {
		key, err = rc4FileKey(enc, v, pdfFirstID(trailers))
	}
	if err != nil {
		return nil, err
	}
	d := &pdfDecrypter{key: key, data: data, heads: heads, objs: map[int]pdfObject{}}
	d.strings, d.streams = pdfCiphers(enc, v)
	d.plainMetadata = pdfPlainMeta.Match(enc)
	if !d.readAll(encNum) {
		return data, nil
	}
	return d.write(trailers)
}

// dictInt is the integer value of the key re matches in a dictionary's
// text, 0 when it has none.
func dictInt(dict []byte, re *regexp.Regexp) int {
	if m := re.FindSubmatch(dict); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return 0
}

// pdfCiphers is how strings and streams are encrypted: by RC4 before
// version 4, else by the crypt filters /StrF and /StmF name (Identity
// when they are not named).
func pdfCiphers(enc []byte, v int) (strs, stms pdfCipher) {
	if v < 4 {
		return cipherRC4, cipherRC4
	}
	method := func(re *regexp.Regexp) pdfCipher {
		m := re.FindSubmatch(enc)
		if m == nil || string(m[1]) == "Identity" {
			return cipherNone
		}
		// the filter's own dictionary: /Name << ... /CFM /AESV2 ... >>
		at := regexp.MustCompile(`/` + regexp.QuoteMeta(string(m[1])) + `\s*<<`).FindIndex(enc)
		if at == nil {
			return cipherNone
		}
		own := enc[at[1]:]
		if end := bytes.Index(own, []byte(">>")); end >= 0 {
			own = own[:end]
		}
		switch cfm := pdfCFMethod.FindSubmatch(own); {
		case cfm == nil || string(cfm[1]) == "None":
			return cipherNone
		case string(cfm[1]) == "V2":
			return cipherRC4
		case string(cfm[1]) == "AESV2":
			return cipherAES128
		default:
			return cipherAES256
		}
	}
	return method(pdfStrFilter), method(pdfStmFilter)
}

// aes256FileKey checks the empty password against the encryption
// dictionary, as the user's then as the owner's, and returns the file key
// it unlocks (ISO 32000-2, 7.6.4.3.3).
func aes256FileKey(enc []byte) ([]byte, error) {
	r := dictInt(enc, pdfRKey)
	u, o := dictString(enc, "U"), dictString(enc, "O")
	ue, oe := dictString(enc, "UE"), dictString(enc, "OE")
	if (r != 5 && r != 6) || len(u) < 48 || len(o) < 48 || len(ue) < 32 || len(oe) < 32 {
		return nil, fmt.Errorf("pdf: %w (unknown AES-256 revision)", ErrEncrypted)
	}
	hash := func(salt, udata []byte) []byte { return pdfHash(r, nil, salt, udata) }
	try := func(h, validation, keySalt, udata, sealed []byte) []byte {
		if !bytes.Equal(hash(validation, udata), h) {
			return nil
		}
		block, _ := aes.NewCipher(hash(keySalt, udata))
		key := make([]byte, 32)
		cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, sealed[:32])
		return key
	}
	if key := try(u[:32], u[32:40], u[40:48], nil, ue); key != nil {
		return key, nil
	}
	if key := try(o[:32], o[32:40], o[40:48], u[:48], oe); key != nil {
		return key, nil
	}
	return nil, fmt.Errorf("pdf: %w (a password is needed)", ErrEncrypted)
}

// pdfPasswordPad pads passwords to 32 bytes (ISO 32000-1, 7.6.3.3).
var pdfPasswordPad = []byte("\x28\xBF\x4E\x5E\x4E\x75\x8A\x41\x64\x00\x4E\x56\xFF\xFA\x01\x08" +
	"\x2E\x2E\x00\xB6\xD0\x68\x3E\x80\x2F\x0C\xA9\xFE\x64\x53\x69\x7A")

// rc4Params are what the RC4 and AES-128 revisions (R 2, 3, 4) derive a
// file key from.
type rc4Params struct {
	r, keyLen int
	o, u, id  []byte
	p         uint32
	plainMeta bool
}

// rc4FileKey checks the empty password against the encryption dictionary
// of version v (1, 2 or 4), as the user's then as the owner's, and
// returns the file key it unlocks (ISO 32000-1, 7.6.3.3, algorithms 2,
// 4, 5 and 7).
func rc4FileKey(enc []byte, v int, id []byte) ([]byte, error) {
	p := rc4Params{r: dictInt(enc, pdfRKey), o: dictString(enc, "O"), u: dictString(enc, "U"), id: id,
		p: uint32(int32(dictInt(enc, pdfPKey))), plainMeta: pdfPlainMeta.Match(enc)}
	switch v {
	case 1:
		p.keyLen = 5
	case 2:
		p.keyLen = cmp.Or(dictInt(enc, pdfLengthKey), 40) / 8
	case 4:
		p.keyLen = 16
	}
	if p.r < 2 || p.r > 4 || p.keyLen < 5 || p.keyLen > 16 || len(p.o) < 32 || len(p.u) < 32 {
		return nil, fmt.Errorf("pdf: %w (unknown encryption V %d R %d)", ErrEncrypted, v, p.r)
	}
	if key := p.tryUser(pdfPasswordPad); key != nil {
		return key, nil
	}
	// the owner's empty password unlocks the user's, sealed in /O
	okey := md5.Sum(pdfPasswordPad)
	if p.r >= 3 {
		for range 50 {
			okey = md5.Sum(okey[:])
		}
	}
	user := p.passes(okey[:p.keyLen], p.o[:32])
	if key := p.tryUser(user); key != nil {
		return key, nil
	}
	return nil, fmt.Errorf("pdf: %w (a password is needed)", ErrEncrypted)
}

// passes seals or unseals b as /U and /O are sealed: one RC4 pass in
// R 2, from R 3 twenty, each keyed by the key XOR its number. RC4 passes
// commute, so the same order undoes them.
func (p rc4Params) passes(key, b []byte) []byte {
	out := bytes.Clone(b)
	for i := range 20 {
		step := bytes.Clone(key)
		for j := range step {
			step[j] ^= byte(i)
		}
		c, _ := rc4.NewCipher(step)
		c.XORKeyStream(out, out)
		if p.r == 2 {
			break
		}
	}
	return out
}

// tryUser returns the file key of a padded user password when /U shows
// it is the right one, nil when it is not.
func (p rc4Params) tryUser(padded []byte) []byte {
	h := md5.New()
	h.Write(padded)
	h.Write(p.o[:32])
	h.Write(binary.LittleEndian.AppendUint32(nil, p.p))
	h.Write(p.id)
	if p.r >= 4 && p.plainMeta {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if p.r >= 3 {
		for range 50 {
			sum := md5.Sum(key[:p.keyLen])
			key = sum[:]
		}
	}
	key = key[:p.keyLen]
	u := pdfPasswordPad
	if p.r >= 3 {
		sum := md5.Sum(slices.Concat(pdfPasswordPad, p.id))
		u = sum[:]
	}
	u = p.passes(key, u)
	if !bytes.Equal(u, p.u[:len(u)]) {
		return nil
	}
	return key
}

// pdfFirstID is the first string of the file's /ID, which RC4 and
// AES-128 keys are made from.
func pdfFirstID(trailers [][]byte) []byte {
	for i := len(trailers) - 1; i >= 0; i-- {
		id := pdfIDArray.Find(trailers[i])
		if id == nil {
			continue
		}
		at := bytes.IndexAny(id, "<(")
		if id[at] == '(' {
			s, _ := pdfLiteral(id, at)
			return s
		}
		s, _ := pdfHexString(id, at)
		return s
	}
	return nil
}

// pdfHash is the password hash of R 5 (SHA-256 of password, salt and
// user data) or R 6 (ISO 32000-2 algorithm 2.B: at least 64 rounds of
// AES-128 and SHA-2).
func pdfHash(r int, password, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(password)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	if r == 5 {
		return k
	}
	var e []byte
	for i := 0; i < 64 || int(e[len(e)-1]) > i-32; i++ {
		one := slices.Concat(password, k, udata)
		k1 := bytes.Repeat(one, 64)
		block, _ := aes.NewCipher(k[:16])
		e = make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		switch sum % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
	}
	return k[:32]
}

// pdfDecrypter holds a file being decrypted.
type pdfDecrypter struct {
	key              []byte // the file key
	data             []byte
	heads            map[int]int // where each object's latest "N G obj" starts
	objs             map[int]pdfObject
	strings, streams pdfCipher
	plainMetadata    bool
	inflated         int64
}

// decrypt decrypts one string or stream of object num, generation gen.
// AES takes an IV, then CBC with PKCS#7 padding: what is not a whole
// number of blocks is kept as it is.
func (d *pdfDecrypter) decrypt(b []byte, how pdfCipher, num, gen int) []byte {
	key := d.key
	if how == cipherRC4 || how == cipherAES128 {
		h := md5.New()
		h.Write(d.key)
		h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
		if how == cipherAES128 {
			h.Write([]byte("sAlT"))
		}
		key = h.Sum(nil)[:min(len(d.key)+5, 16)]
	}
	switch how {
	case cipherNone:
		return b
	case cipherRC4:
		out := make([]byte, len(b))
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, b)
		return out
	}
	if len(b) < 32 || len(b)%16 != 0 {
		return b
	}
	block, _ := aes.NewCipher(key)
	out := make([]byte, len(b)-16)
	cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, b[16:])
	if pad := int(out[len(out)-1]); pad >= 1 && pad <= 16 {
		out = out[:len(out)-pad]
	}
	return out
}

// readAll walks the file's objects in file order (a later one of the
// same number replaces an earlier one, as incremental updates do),
// decrypting them and writing out object streams. It reports false when
// the file cannot be taken apart.
func (d *pdfDecrypter) readAll(encNum int) bool {
	next := 0 // where the last object read ends: heads before it are inside it
	for _, m := range pdfObjHead.FindAllSubmatchIndex(d.data, -1) {
		if m[0] < next {
			continue
		}
		num, _ := strconv.Atoi(string(d.data[m[2]:m[3]]))
		gen, _ := strconv.Atoi(string(d.data[m[4]:m[5]]))
		raw, stream, isStm, end := pdfRawObject(d.data, m[1])
		next = end
		if raw == nil || num == encNum {
			continue
		}
		if !isStm {
			d.objs[num] = pdfObject{gen: gen, body: d.rewrite(raw, num, gen)}
			continue
		}
		dict := d.rewrite(raw, num, gen)
		kind := pdfStreamType(dict)
		switch {
		case kind == "XRef":
			continue
		case kind == "Metadata" && d.plainMetadata:
		default:
			stream = d.decrypt(stream, d.streams, num, gen)
		}
		if kind == "ObjStm" {
			if !d.expand(dict, stream) {
				return false
			}
			continue
		}
		d.objs[num] = pdfObject{gen: gen, body: dict, stream: stream, isStm: true}
	}
	return len(d.objs) > 0
}

// pdfStreamType is the /Type of a stream's dictionary.
func pdfStreamType(dict []byte) string {
	for _, t := range []string{"XRef", "ObjStm", "Metadata"} {
		if pdfStmTypes[t].Match(dict) {
			return t
		}
	}
	return ""
}

// expand writes out the objects an (already decrypted) object stream
// holds; their strings are not encrypted on their own.
func (d *pdfDecrypter) expand(dict, stream []byte) bool {
	if !bytes.Contains(dict, []byte("/FlateDecode")) || bytes.Contains(dict, []byte("/DecodeParms")) {
		return false
	}
	zr, err := zlib.NewReader(bytes.NewReader(stream))
	if err != nil {
		return false
	}
	body, _ := io.ReadAll(io.LimitReader(zr, maxObjStmBytes+1))
	d.inflated += int64(len(body))
	if len(body) > maxObjStmBytes || d.inflated > 16*maxObjStmBytes {
		return false
	}
	nm, fm := pdfNKey.FindSubmatch(dict), pdfFirstKey.FindSubmatch(dict)
	if nm == nil || fm == nil {
		return false
	}
	n, _ := strconv.Atoi(string(nm[1]))
	first, _ := strconv.Atoi(string(fm[1]))
	if first < 0 || first > len(body) {
		return false
	}
	head := bytes.Fields(body[:first])
	if len(head) < 2*n {
		return false
	}
	for i := range n {
		num, err1 := strconv.Atoi(string(head[2*i]))
		off, err2 := strconv.Atoi(string(head[2*i+1]))
		end := len(body) - first
		if i+1 < n {
			end, _ = strconv.Atoi(string(head[2*i+3]))
		}
		if err1 != nil || err2 != nil || off < 0 || off > end || first+end > len(body) {
			return false
		}
		d.objs[num] = pdfObject{body: bytes.TrimSpace(body[first+off : first+end])}
	}
	return true
}

// write makes the plain file: every object, a cross-reference table and
// a trailer taking /Root, /Info and /ID from the file's trailers.
func (d *pdfDecrypter) write(trailers [][]byte) ([]byte, error) {
	root := lastMatch(pdfRootRef, trailers)
	if root == nil {
		return d.data, nil
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	nums := make([]int, 0, len(d.objs))
	for n := range d.objs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	size := nums[len(nums)-1] + 1
	offsets := make([]int, size)
	for _, n := range nums {
		o := d.objs[n]
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d %d obj\n", n, o.gen)
		if dict := bytes.TrimSpace(o.body); o.isStm && bytes.HasSuffix(dict, []byte(">>")) {
			fmt.Fprintf(&b, "%s /Length %d >>\nstream\n", dict[:len(dict)-2], len(o.stream))
			b.Write(o.stream)
			b.WriteString("\nendstream")
		} else {
			b.Write(o.body)
		}
		b.WriteString("\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", size)
	for n := range size {
		if offsets[n] == 0 {
			b.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&b, "%010d %05d n \n", offsets[n], d.objs[n].gen)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s", size, root[0])
	if info := lastMatch(pdfInfoRef, trailers); info != nil {
		fmt.Fprintf(&b, " %s", info[0])
	}
	for i := len(trailers) - 1; i >= 0; i-- {
		if id := pdfIDArray.Find(trailers[i]); id != nil {
			fmt.Fprintf(&b, " %s", id)
			break
		}
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes(), nil
}

// pdfTrailers returns the file's trailer dictionaries in file order: the
// classic ones and those of cross-reference streams.
func pdfTrailers(data []byte) [][]byte {
	type found struct {
		at   int
		dict []byte
	}
	var all []found
	for at := 0; ; {
		i := bytes.Index(data[at:], []byte("trailer"))
		if i < 0 {
			break
		}
		at += i + len("trailer")
		end := bytes.Index(data[at:], []byte("startxref"))
		if end < 0 {
			end = min(len(data)-at, 4096)
		}
		all = append(all, found{at, data[at : at+end]})
	}
	for _, m := range pdfXRefType.FindAllIndex(data, -1) {
		from := max(0, m[0]-2048)
		start := bytes.LastIndex(data[from:m[0]], []byte("obj"))
		end := bytes.Index(data[m[1]:min(len(data), m[1]+2048)], []byte("stream"))
		if start >= 0 && end >= 0 {
			all = append(all, found{from + start, data[from+start : m[1]+end]})
		}
	}
	slices.SortStableFunc(all, func(a, b found) int { return a.at - b.at })
	out := make([][]byte, len(all))
	for i, f := range all {
		out[i] = f.dict
	}
	return out
}

// lastMatch returns the match of re in the last of the texts that holds
// one.
func lastMatch(re *regexp.Regexp, texts [][]byte) [][]byte {
	for i := len(texts) - 1; i >= 0; i-- {
		if m := re.FindSubmatch(texts[i]); m != nil {
			return m
		}
	}
	return nil
}

// pdfObjectHeads maps each object number to where the text after its
// last "N G obj" starts.
func pdfObjectHeads(data []byte) map[int]int {
	heads := map[int]int{}
	for _, m := range pdfObjHead.FindAllSubmatchIndex(data, -1) {
		n, err := strconv.Atoi(string(data[m[2]:m[3]]))
		if err == nil {
			heads[n] = m[1]
		}
	}
	return heads
}

// pdfRawObject reads the object whose text starts at at: its text up to
// "endobj" or "stream", and the stream's bytes if it has one. A stream's
// end is found by its /Length when that is direct and right, else by the
// "endstream" that follows.
func pdfRawObject(data []byte, at int) (raw, stream []byte, isStm bool, next int) {
	end := pdfSkipValue(data, at)
	rest := data[end:]
	trimmed := bytes.TrimLeft(rest, " \t\r\n\f\x00")
	if !bytes.HasPrefix(trimmed, []byte("stream")) {
		return data[at:end], nil, false, end
	}
	start := len(data) - len(trimmed) + len("stream")
	if bytes.HasPrefix(data[start:], []byte("\r\n")) {
		start += 2
	} else if start < len(data) && (data[start] == '\n' || data[start] == '\r') {
		start++
	}
	dict := data[at:end]
	if m := pdfDirectLength.FindSubmatch(dict); m != nil && m[2] == nil {
		n, _ := strconv.Atoi(string(m[1]))
		if n >= 0 && start+n <= len(data) &&
			bytes.HasPrefix(bytes.TrimLeft(data[start+n:], " \t\r\n"), []byte("endstream")) {
			return dict, data[start : start+n], true, start + n
		}
	}
	e := bytes.Index(data[start:], []byte("endstream"))
	if e < 0 {
		return nil, nil, false, len(data)
	}
	s := data[start : start+e]
	s = bytes.TrimSuffix(s, []byte("\n"))
	s = bytes.TrimSuffix(s, []byte("\r"))
	return dict, s, true, start + e
}

// pdfSkipValue returns where the object text starting at at ends: at the
// first "endobj" or "stream" keyword outside strings.
func pdfSkipValue(data []byte, at int) int {
	for i := at; i < len(data); {
		switch c := data[i]; {
		case c == '(':
			_, i = pdfLiteral(data, i)
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case bytes.HasPrefix(data[i:], []byte("endobj")), bytes.HasPrefix(data[i:], []byte("stream")):
			return i
		default:
			i++
		}
	}
	return len(data)
}

// rewrite returns the text of object num, generation gen, with every string decrypted and
// written in hex, and a stream dictionary's own /Length taken out.
func (d *pdfDecrypter) rewrite(raw []byte, num, gen int) []byte {
	var b bytes.Buffer
	depth := 0
	lengthAt := -1
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '(' || c == '<' && (i+1 >= len(raw) || raw[i+1] != '<'):
			var s []byte
			if c == '(' {
				s, i = pdfLiteral(raw, i)
			} else {
				s, i = pdfHexString(raw, i)
			}
			s = d.decrypt(s, d.strings, num, gen)
			b.WriteByte('<')
			b.WriteString(hex.EncodeToString(s))
			b.WriteByte('>')
		case c == '<':
			depth++
			b.WriteString("<<")
			i += 2
		case c == '>' && i+1 < len(raw) && raw[i+1] == '>':
			depth--
			b.WriteString(">>")
			i += 2
		case c == '/':
			j := i + 1
			for j < len(raw) && isNameChar(raw[j]) {
				j++
			}
			if depth == 1 && string(raw[i:j]) == "/Length" && lengthAt < 0 {
				lengthAt = b.Len()
			}
			b.Write(raw[i:j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	out := b.Bytes()
	if lengthAt >= 0 {
		if m := pdfLengthVal.FindIndex(out[lengthAt:]); m != nil {
			out = slices.Concat(out[:lengthAt], out[lengthAt+m[1]:])
		}
	}
	return out
}

// pdfLiteral reads the literal string that starts at data[at] == '(' and
// returns its bytes and where it ends.
func pdfLiteral(data []byte, at int) ([]byte, int) {
	var s []byte
	depth := 0
	i := at
	for ; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '(':
			if depth > 0 {
				s = append(s, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return s, i + 1
			}
			s = append(s, c)
		case c == '\\' && i+1 < len(data):
			i++
			e := data[i]
			switch e {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			case 't':
				s = append(s, '\t')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case '\r':
				if i+1 < len(data) && data[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(data) && data[i] >= '0' && data[i] <= '7'; k++ {
						v = v*8 + int(data[i]-'0')
						i++
					}
					i--
					s = append(s, byte(v))
				} else {
					s = append(s, e)
				}
			}
		default:
			s = append(s, c)
		}
	}
	return s, i
}

// pdfHexString reads the hex string that starts at data[at] == '<'.
func pdfHexString(data []byte, at int) ([]byte, int) {
	var digits []byte
	i := at + 1
	for ; i < len(data) && data[i] != '>'; i++ {
		if c := data[i]; c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
			digits = append(digits, c)
		}
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	s, _ := hex.DecodeString(string(digits))
	return s, min(i+1, len(data))
}

// dictString returns the string value of key in a dictionary's text.
func dictString(dict []byte, key string) []byte {
	m := regexp.MustCompile(`/` + key + `\s*[(<]`).FindIndex(dict)
	if m == nil {
		return nil
	}
	at := m[1] - 1
	if dict[at] == '(' {
		s, _ := pdfLiteral(dict, at)
		return s
	}
	s, _ := pdfHexString(dict, at)
	return s
}
