package extract

import (
	"encoding/binary"
	"sort"
	"strings"
	"unicode/utf16"
)

// Word 97 keeps each run's character formatting (CHPX) in FKP pages of
// the WordDocument stream, indexed by the PlcBteChpx in the table stream;
// a run's font is the sprmCRgFtc0 property, an index into the font table
// SttbfFfn. This file reads just enough of that to know which runs are
// drawn in a legacy Vietnamese font.

// FIB fibRgFcLcb pairs used here ([MS-DOC] 2.5.6).
const (
	fibBteChpxIndex = 12 // fcPlcfBteChpx
	fibFfnIndex     = 15 // fcSttbfFfn
	sprmCRgFtc0     = 0x4A4F
	fkpSize         = 512
)

// docRun is a range of stream offsets (FCs) drawn in one font.
type docRun struct {
	start, end int64
	font       string
}

// docFontRuns lists the runs of the document that name their font, in
// FC order. fcLcb is the offset of fibRgFcLcb in the WordDocument stream.
// Damaged tables give fewer runs, never an error: fonts are a bonus.
func docFontRuns(word, table []byte, fcLcb int) []docRun {
	fonts := docFontNames(fibRange(word, table, fcLcb, fibFfnIndex))
	plc := fibRange(word, table, fcLcb, fibBteChpxIndex)
	if len(fonts) == 0 || len(plc) < 12 || (len(plc)-4)%8 != 0 {
		return nil
	}
	n := (len(plc) - 4) / 8
	var runs []docRun
	for i := range n {
		pn := int64(binary.LittleEndian.Uint32(plc[(n+1)*4+i*4:]) & 0x3FFFFF)
		if (pn+1)*fkpSize > int64(len(word)) {
			continue
		}
		runs = append(runs, fkpRuns(word[pn*fkpSize:(pn+1)*fkpSize], fonts)...)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].start < runs[j].start })
	return runs
}

// fibRange returns the bytes of the table stream that the i-th
// fibRgFcLcb pair points at, or nil.
func fibRange(word, table []byte, fcLcb, i int) []byte {
	at := fcLcb + i*8
	if at+8 > len(word) {
		return nil
	}
	fc := int64(binary.LittleEndian.Uint32(word[at:]))
	lcb := int64(binary.LittleEndian.Uint32(word[at+4:]))
	if lcb == 0 || fc+lcb > int64(len(table)) {
		return nil
	}
	return table[fc : fc+lcb]
}

// docFontNames reads the font table (SttbfFfn): a count, then FFN
// records whose name starts after 39 fixed bytes.
func docFontNames(b []byte) []string {
	if len(b) < 4 {
		return nil
	}
	count := int(binary.LittleEndian.Uint16(b))
	pos := 4
	var names []string
	for range count {
		if pos >= len(b) {
			break
		}
		size := int(b[pos])
		ffn := b[pos+1 : min(pos+1+size, len(b))]
		pos += 1 + size
		var name []uint16
		for j := 39; j+1 < len(ffn); j += 2 {
			c := binary.LittleEndian.Uint16(ffn[j:])
			if c == 0 {
				break
			}
			name = append(name, c)
		}
		names = append(names, string(utf16.Decode(name)))
	}
	return names
}

// fkpRuns reads the runs of one CHPX FKP page whose font is set.
func fkpRuns(page []byte, fonts []string) []docRun {
	crun := int(page[fkpSize-1])
	if 4*(crun+1)+crun > fkpSize-1 {
		return nil
	}
	var runs []docRun
	for i := range crun {
		off := int(page[4*(crun+1)+i]) * 2
		if off == 0 || off >= fkpSize-1 {
			continue // default formatting
		}
		cb := int(page[off])
		grpprl := page[off+1 : min(off+1+cb, fkpSize)]
		ftc, ok := grpprlFont(grpprl)
		if !ok || ftc >= len(fonts) {
			continue
		}
		runs = append(runs, docRun{
			start: int64(binary.LittleEndian.Uint32(page[i*4:])),
			end:   int64(binary.LittleEndian.Uint32(page[(i+1)*4:])),
			font:  fonts[ftc],
		})
	}
	return runs
}

// grpprlFont finds sprmCRgFtc0 in a list of character properties.
func grpprlFont(g []byte) (int, bool) {
	for i := 0; i+2 <= len(g); {
		sprm := binary.LittleEndian.Uint16(g[i:])
		i += 2
		var size int
		switch sprm >> 13 { // spra: the operand's size
		case 0, 1:
			size = 1
		case 2, 4, 5:
			size = 2
		case 3:
			size = 4
		case 7:
			size = 3
		case 6:
			if i >= len(g) {
				return 0, false
			}
			size = 1 + int(g[i])
		}
		if i+size > len(g) {
			return 0, false
		}
		if sprm == sprmCRgFtc0 {
			return int(binary.LittleEndian.Uint16(g[i:])), true
		}
		i += size
	}
	return 0, false
}

// fontAt returns the font of the run holding stream offset fc, or "".
func fontAt(runs []docRun, fc int64) string {
	i := sort.Search(len(runs), func(i int) bool { return runs[i].end > fc })
	if i < len(runs) && runs[i].start <= fc {
		return runs[i].font
	}
	return ""
}

// legacyRunWriter collects a piece's characters and decodes those drawn
// in a legacy Vietnamese font, run by run.
type legacyRunWriter struct {
	out    *strings.Builder
	run    strings.Builder
	font   string
	legacy string // first legacy encoding met
}

func (w *legacyRunWriter) write(r rune, font string) {
	if font != w.font {
		w.flush()
		w.font = font
	}
	if r == 0x1F && fontEncoding(font) == encTCVN3 {
		r = 0xAD // Word's optional hyphen is the TCVN3 byte for "ư"
	}
	w.run.WriteRune(r)
}

func (w *legacyRunWriter) flush() {
	s, enc := decodeFontRun(w.run.String(), w.font)
	w.out.WriteString(s)
	w.legacy = cmpOr(w.legacy, enc)
	w.run.Reset()
}
