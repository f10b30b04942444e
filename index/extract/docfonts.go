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
// SttbfFfn. A run that names no font takes its character style's, then
// its paragraph style's (the istd of the paragraph's PAPX, indexed by the
// PlcBtePapx), then the style sheet's default: old documents often set
// .VnTime or .VnTimeH only in the "Normal" or a heading style. This file
// reads just enough of that to know which runs are drawn in a legacy
// Vietnamese font.

// FIB fibRgFcLcb pairs used here ([MS-DOC] 2.5.6).
const (
	fibStshIndex    = 1  // fcStshf
	fibBteChpxIndex = 12 // fcPlcfBteChpx
	fibBtePapxIndex = 13 // fcPlcfBtePapx
	fibFfnIndex     = 15 // fcSttbfFfn
	sprmCRgFtc0     = 0x4A4F
	sprmCIstd       = 0x4A30
	fkpSize         = 512
	istdNil         = 0x0FFF
	maxStyleDepth   = 11 // a style chain longer than Word allows is cut
)

// docRun is a range of stream offsets (FCs) drawn in one font.
type docRun struct {
	start, end int64
	font       string
}

// docFonts tells the font of a character of the WordDocument stream.
type docFonts struct {
	runs  []docRun // the runs' own fonts or their character style's
	paras []docRun // the paragraph styles' fonts
	def   string   // the style sheet's default font
}

// docFontTable reads the fonts of the document's runs, paragraph styles
// and style sheet. fcLcb is the offset of fibRgFcLcb in the WordDocument
// stream. Damaged tables give fewer fonts, never an error: fonts are a
// bonus. It returns nil when the font table cannot be read.
func docFontTable(word, table []byte, fcLcb int) *docFonts {
	fonts := docFontNames(fibRange(word, table, fcLcb, fibFfnIndex))
	if len(fonts) == 0 {
		return nil
	}
	styles, def := docStyles(fibRange(word, table, fcLcb, fibStshIndex), fonts)
	f := &docFonts{def: def}
	f.runs = fkpTable(word, fibRange(word, table, fcLcb, fibBteChpxIndex), func(page []byte) []docRun {
		return fkpRuns(page, fonts, styles)
	})
	f.paras = fkpTable(word, fibRange(word, table, fcLcb, fibBtePapxIndex), func(page []byte) []docRun {
		return fkpParas(page, styles)
	})
	return f
}

// at returns the font of the character at stream offset fc, or "".
func (f *docFonts) at(fc int64) string {
	if f == nil {
		return ""
	}
	if font := fontAt(f.runs, fc); font != "" {
		return font
	}
	if font := fontAt(f.paras, fc); font != "" {
		return font
	}
	return f.def
}

// fkpTable reads every FKP page that a PlcBteChpx or PlcBtePapx lists
// and returns their runs in FC order.
func fkpTable(word, plc []byte, read func(page []byte) []docRun) []docRun {
	if len(plc) < 12 || (len(plc)-4)%8 != 0 {
		return nil
	}
	n := (len(plc) - 4) / 8
	var runs []docRun
	for i := range n {
		pn := int64(binary.LittleEndian.Uint32(plc[(n+1)*4+i*4:]) & 0x3FFFFF)
		if (pn+1)*fkpSize > int64(len(word)) {
			continue
		}
		runs = append(runs, read(word[pn*fkpSize:(pn+1)*fkpSize])...)
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

// fkpRuns reads the runs of one CHPX FKP page whose font is set, by the
// run itself or by its character style.
func fkpRuns(page []byte, fonts, styles []string) []docRun {
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
		font := ""
		if ftc, ok := grpprlSprm(grpprl, sprmCRgFtc0); ok && ftc < len(fonts) {
			font = fonts[ftc]
		} else if istd, ok := grpprlSprm(grpprl, sprmCIstd); ok && istd < len(styles) {
			font = styles[istd]
		}
		if font == "" {
			continue
		}
		runs = append(runs, docRun{
			start: int64(binary.LittleEndian.Uint32(page[i*4:])),
			end:   int64(binary.LittleEndian.Uint32(page[(i+1)*4:])),
			font:  font,
		})
	}
	return runs
}

// fkpParas reads the paragraphs of one PAPX FKP page whose style has a
// font: each BxPap (13 bytes) points at a PapxInFkp whose properties
// start with the paragraph's style index.
func fkpParas(page []byte, styles []string) []docRun {
	crun := int(page[fkpSize-1])
	if 4*(crun+1)+13*crun > fkpSize-1 {
		return nil
	}
	var runs []docRun
	for i := range crun {
		off := int(page[4*(crun+1)+13*i]) * 2
		if off == 0 || off+4 > fkpSize-1 {
			continue
		}
		at := off + 1
		if page[off] == 0 {
			at++ // cb is 0: the next byte counts the properties in words
		}
		istd := int(binary.LittleEndian.Uint16(page[at:]))
		if istd >= len(styles) || styles[istd] == "" {
			continue
		}
		runs = append(runs, docRun{
			start: int64(binary.LittleEndian.Uint32(page[i*4:])),
			end:   int64(binary.LittleEndian.Uint32(page[(i+1)*4:])),
			font:  styles[istd],
		})
	}
	return runs
}

// docStyles reads the style sheet (STSH): the default font (the first of
// rgftcStandardChp) and, for each style index, the font that its
// character properties set, itself or through the styles it is based on
// ("" when none does).
func docStyles(stsh []byte, fonts []string) (styles []string, def string) {
	le := binary.LittleEndian
	if len(stsh) < 2 {
		return nil, ""
	}
	cbStshi := int(le.Uint16(stsh))
	if cbStshi < 18 || 2+cbStshi > len(stsh) {
		return nil, ""
	}
	stshi := stsh[2 : 2+cbStshi]
	cstd := int(le.Uint16(stshi))
	cbBase := int(le.Uint16(stshi[2:]))
	if ftc := int(le.Uint16(stshi[12:])); ftc < len(fonts) {
		def = fonts[ftc]
	}
	own := make([]string, cstd) // the font each style sets itself
	base := make([]int, cstd)
	pos := 2 + cbStshi
	for i := range cstd {
		base[i] = istdNil
		if pos+2 > len(stsh) {
			break
		}
		cbStd := int(le.Uint16(stsh[pos:]))
		std := stsh[pos+2 : min(pos+2+cbStd, len(stsh))]
		pos += 2 + cbStd
		if cbBase < 10 || len(std) < cbBase {
			continue
		}
		base[i] = int(le.Uint16(std[2:]) >> 4)
		own[i] = styleFont(std, cbBase, int(le.Uint16(std[2:])&0xF), fonts)
	}
	styles = make([]string, cstd)
	for i := range cstd {
		for j, depth := i, 0; j < cstd && depth < maxStyleDepth; j, depth = base[j], depth+1 {
			if own[j] != "" {
				styles[i] = own[j]
				break
			}
		}
	}
	return styles, def
}

// styleFont finds the font that one STD's character properties set.
// After its fixed part (cbBase bytes) and its name come the UPXs, each a
// length, the bytes and a pad to an even length; the character properties
// are the second UPX of a paragraph style (stk 1), the first of a
// character style (2) and the third of a table style (3).
func styleFont(std []byte, cbBase, stk int, fonts []string) string {
	le := binary.LittleEndian
	var n int
	switch stk {
	case 1:
		n = 1
	case 2:
		n = 0
	case 3:
		n = 2
	default:
		return ""
	}
	if cbBase+2 > len(std) {
		return ""
	}
	pos := cbBase + 2 + 2*int(le.Uint16(std[cbBase:])) + 2 // the name and its terminator
	for i := 0; pos+2 <= len(std); i++ {
		cb := int(le.Uint16(std[pos:]))
		if i == n {
			upx := std[pos+2 : min(pos+2+cb, len(std))]
			if ftc, ok := grpprlSprm(upx, sprmCRgFtc0); ok && ftc < len(fonts) {
				return fonts[ftc]
			}
			return ""
		}
		pos += 2 + cb + cb%2
	}
	return ""
}

// grpprlSprm finds a property with a 2-byte operand (sprmCRgFtc0,
// sprmCIstd) in a list of properties.
func grpprlSprm(g []byte, want uint16) (int, bool) {
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
		if sprm == want && size >= 2 {
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
