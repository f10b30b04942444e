package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// readDoc reads a Word 97–2003 document: the FIB of the WordDocument
// stream points at the piece table (Clx) in the table stream, and each
// piece is either 8-bit Windows-1252 text or UTF-16. Main text, footnotes
// and headers are read; field codes are dropped, their results kept.
func readDoc(ctx context.Context, data []byte, opt Options) (Result, error) {
	if isZip(data) {
		return readDocx(ctx, data, opt) // a .docx saved with the old name
	}
	streams, err := oleStreams("doc", data)
	if err != nil {
		return Result{}, err
	}
	if streams["EncryptionInfo"] != nil || streams["EncryptedPackage"] != nil {
		return Result{}, fmt.Errorf("doc: %w", ErrEncrypted)
	}
	word := streams["WordDocument"]
	if word == nil {
		return Result{}, corrupt("doc", "no WordDocument stream")
	}
	text, runEnc, hint, err := docText(word, streams)
	if err != nil {
		return Result{}, err
	}
	res := Result{Text: text, Encoding: runEnc}
	if hint != "" {
		// Runs without a font of their own take their style's, which is
		// not read: paragraphs that read better decoded are decoded too.
		var enc string
		res.Text, enc = redecodeParagraphs(res.Text, hint)
		res.Encoding = cmpOr(res.Encoding, enc)
	}
	return res, nil
}

// readOLEInstead handles an OLE file given a .docx name: Office keeps
// password-protected .docx files in an OLE wrapper; others are Word 97
// files with the wrong name.
func readOLEInstead(ctx context.Context, format string, data []byte, opt Options) (Result, error) {
	streams, err := oleStreams(format, data)
	if err != nil {
		return Result{}, err
	}
	if streams["EncryptionInfo"] != nil || streams["EncryptedPackage"] != nil {
		return Result{}, fmt.Errorf("%s: %w", format, ErrEncrypted)
	}
	if streams["WordDocument"] != nil {
		return readDoc(ctx, data, opt)
	}
	return Result{}, corrupt(format, "an OLE file that is not a Word document")
}

// oleStreams reads the streams of an OLE compound file that a Word reader
// needs, by name.
func oleStreams(format string, data []byte) (map[string][]byte, error) {
	if !isOLE(data) {
		return nil, corrupt(format, "not an OLE compound file")
	}
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt(format, err)
	}
	want := map[string]bool{"WordDocument": true, "0Table": true, "1Table": true,
		"EncryptionInfo": true, "EncryptedPackage": true}
	streams := map[string][]byte{}
	for {
		f, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, corrupt(format, err)
		}
		// An embedded object (a document pasted into this one) keeps a
		// WordDocument and a table stream of its own in a storage under
		// ObjectPool: only the file's own, at the root, belong together.
		if !want[f.Name] || len(f.Path) > 0 || streams[f.Name] != nil {
			continue
		}
		// a stream cannot be larger than the file that holds it
		b, err := io.ReadAll(io.LimitReader(f, int64(len(data))))
		if err != nil {
			return nil, corrupt(format, err)
		}
		streams[f.Name] = b
	}
	return streams, nil
}

// FIB offsets (Word 97 and later, [MS-DOC] 2.5.1).
const (
	fibFlags     = 0x0A   // fEncrypted 0x0100, fWhichTblStm 0x0200
	fibRgLwStart = 0x40   // after csw, fibRgW and cslw for Word 97
	fibClxIndex  = 33     // fcClx/lcbClx pair in fibRgFcLcb
	fibEncrypted = 0x0100 // fEncrypted
	fibTable1    = 0x0200 // fWhichTblStm: use 1Table
)

// docText reads the text of the document's stories through the piece
// table, decoding runs whose font is a legacy one; runEnc is the encoding
// of such runs. hint is the legacy encoding of a .Vn or VNI font that the
// document's font table names, if any.
func docText(word []byte, streams map[string][]byte) (text, runEnc, hint string, err error) {
	if len(word) < 0x200 || binary.LittleEndian.Uint16(word) != 0xA5EC {
		return "", "", "", corrupt("doc", "no Word 97 FIB")
	}
	flags := binary.LittleEndian.Uint16(word[fibFlags:])
	if flags&fibEncrypted != 0 {
		return "", "", "", fmt.Errorf("doc: %w", ErrEncrypted)
	}
	table := streams["0Table"]
	if flags&fibTable1 != 0 {
		table = streams["1Table"]
	}
	if table == nil {
		return "", "", "", corrupt("doc", "no table stream")
	}
	// fibRgW is 14 words; then cslw and fibRgLw.
	csw := int(binary.LittleEndian.Uint16(word[0x20:]))
	lwAt := 0x22 + csw*2
	cslw := int(binary.LittleEndian.Uint16(word[lwAt:]))
	lw := lwAt + 2
	if lw+cslw*4+2 > len(word) || cslw < 11 {
		return "", "", "", corrupt("doc", "short FIB")
	}
	// ccpText, ccpFtn, ccpHdd are fibRgLw[3], [4], [5].
	var total int64
	for i := 3; i <= 5; i++ {
		total += int64(binary.LittleEndian.Uint32(word[lw+i*4:]))
	}
	fcLcb := lw + cslw*4 + 2
	at := fcLcb + fibClxIndex*8
	if at+8 > len(word) {
		return "", "", "", corrupt("doc", "short FIB")
	}
	fcClx := int64(binary.LittleEndian.Uint32(word[at:]))
	lcbClx := int64(binary.LittleEndian.Uint32(word[at+4:]))
	if fcClx+lcbClx > int64(len(table)) || lcbClx == 0 {
		return "", "", "", corrupt("doc", "piece table out of range")
	}
	fonts := docFontTable(word, table, fcLcb)
	raw, runEnc, err := docPieces(word, table[fcClx:fcClx+lcbClx], total, fonts)
	if err != nil {
		return "", "", "", err
	}
	return docSpecials(raw), runEnc, docLegacyFont(table), nil
}

// docPieces reads up to max characters through the Clx's piece table.
// Runs in a legacy Vietnamese font (from fonts) are decoded; the encoding
// met is returned.
func docPieces(word, clx []byte, max int64, fonts *docFonts) (string, string, error) {
	// skip Prc entries (0x01, cb, grpprl) to reach the Pcdt (0x02).
	for len(clx) > 0 && clx[0] == 0x01 {
		if len(clx) < 3 {
			return "", "", corrupt("doc", "bad Clx")
		}
		n := int(binary.LittleEndian.Uint16(clx[1:]))
		if 3+n > len(clx) {
			return "", "", corrupt("doc", "bad Clx")
		}
		clx = clx[3+n:]
	}
	if len(clx) < 5 || clx[0] != 0x02 {
		return "", "", corrupt("doc", "no piece table")
	}
	lcb := int(binary.LittleEndian.Uint32(clx[1:]))
	plc := clx[5:]
	if lcb > len(plc) || lcb < 16 || (lcb-4)%12 != 0 {
		return "", "", corrupt("doc", "bad piece table")
	}
	n := (lcb - 4) / 12
	var b strings.Builder
	w := &legacyRunWriter{out: &b}
	font := fonts.at
	var done int64
	for i := 0; i < n && done < max; i++ {
		cpStart := int64(binary.LittleEndian.Uint32(plc[i*4:]))
		cpEnd := int64(binary.LittleEndian.Uint32(plc[(i+1)*4:]))
		pcd := plc[(n+1)*4+i*8:]
		fc := int64(binary.LittleEndian.Uint32(pcd[2:]))
		count := min(cpEnd-cpStart, max-done)
		if count < 0 {
			return "", "", corrupt("doc", "bad piece")
		}
		done += count
		if fc&0x40000000 != 0 { // compressed: 8-bit Windows-1252
			start := (fc &^ 0x40000000) / 2
			if start+count > int64(len(word)) {
				return "", "", corrupt("doc", "piece out of range")
			}
			for j, c := range word[start : start+count] {
				w.write(charmap.Windows1252.DecodeByte(c), font(start+int64(j)))
			}
			continue
		}
		if fc+count*2 > int64(len(word)) {
			return "", "", corrupt("doc", "piece out of range")
		}
		u := make([]uint16, count)
		for j := range u {
			u[j] = binary.LittleEndian.Uint16(word[fc+int64(j)*2:])
		}
		for j, r := range utf16.Decode(u) {
			w.write(r, font(fc+int64(j)*2)) // surrogate pairs are rare enough to share a run
		}
	}
	w.flush()
	return b.String(), w.legacy, nil
}

// docSpecials turns Word's special characters into plain text: paragraph
// and cell marks become line breaks, field codes are dropped (their
// results kept), object anchors removed.
func docSpecials(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	var fields []bool // for each open field: are we in its code part?
	inCode := func() bool {
		for _, c := range fields {
			if c {
				return true
			}
		}
		return false
	}
	for _, r := range raw {
		switch r {
		case 0x13: // field begin
			fields = append(fields, true)
			continue
		case 0x14: // field separator: the result follows
			if len(fields) > 0 {
				fields[len(fields)-1] = false
			}
			continue
		case 0x15: // field end
			if len(fields) > 0 {
				fields = fields[:len(fields)-1]
			}
			continue
		}
		if inCode() {
			continue
		}
		switch r {
		case '\r', 0x0C:
			b.WriteString("\n\n")
		case 0x07:
			b.WriteByte('\n')
		case 0x0B:
			b.WriteByte('\n')
		case 0x1E:
			b.WriteByte('-')
		case 0x1F:
			// an optional hyphen: dropped by Clean, but in a TCVN3 font
			// it is byte 0xAD, "ư"
			b.WriteRune('\u00ad')
		case 0x01, 0x02, 0x03, 0x04, 0x05, 0x08:
		case '\t':
			b.WriteByte('\t')
		default:
			if r >= 0x20 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// docLegacyFont looks in the table stream (which holds the font table,
// names in UTF-16) for a .Vn (TCVN3) or VNI font.
func docLegacyFont(table []byte) string {
	switch {
	case bytes.Contains(table, utf16le(".Vn")):
		return encTCVN3
	case bytes.Contains(table, utf16le("VNI-")):
		return encVNI
	}
	return ""
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// redecodeParagraphs re-reads, paragraph by paragraph, text that a legacy
// font drew: where decoding it from enc reads more like Vietnamese, the
// decoded paragraph is used. This is a best effort without the
// character-format runs; it reports enc as the encoding if any paragraph
// was changed.
func redecodeParagraphs(text, enc string) (string, string) {
	paras := strings.Split(text, "\n")
	changed := false
	for i, p := range paras {
		if !hasNonASCII(p) {
			continue
		}
		dec := decodeLegacyRunes(p, enc)
		before, _ := vietnameseScore(p)
		after, n := vietnameseScore(dec)
		if n > 0 && after > before {
			if allCapsASCII(p) {
				dec = strings.ToUpper(dec) // drawn in a capitals font (.VnTimeH)
			}
			paras[i] = dec
			changed = true
		}
	}
	if !changed {
		return text, ""
	}
	return strings.Join(paras, "\n"), enc
}
