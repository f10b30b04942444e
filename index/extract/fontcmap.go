package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// trueTypeGlyphRunes reads the character map ("cmap" table) of a
// TrueType font file and returns, for each glyph it maps, the character
// it stands for (the lowest code point when several share a glyph).
// Only Unicode subtables are read: platform 3 encodings 1 and 10,
// platform 0, in formats 4 and 12.
func trueTypeGlyphRunes(font []byte) (map[uint16]rune, error) {
	u16 := func(b []byte, at int) int {
		if at < 0 || at+2 > len(b) {
			return -1
		}
		return int(binary.BigEndian.Uint16(b[at:]))
	}
	u32 := func(b []byte, at int) int64 {
		if at < 0 || at+4 > len(b) {
			return -1
		}
		return int64(binary.BigEndian.Uint32(b[at:]))
	}
	var cmap []byte
	for i, n := 0, u16(font, 4); i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			break
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, size := u32(font, rec+8), u32(font, rec+12)
			if off < 0 || size < 0 || off+size > int64(len(font)) {
				return nil, errors.New("cmap table outside the font")
			}
			cmap = font[off : off+size]
		}
	}
	if cmap == nil {
		return nil, errors.New("no cmap table")
	}
	out := map[uint16]rune{}
	add := func(c rune, g int) {
		if g > 0 && g < 0x10000 && c > 0 {
			if old, ok := out[uint16(g)]; !ok || c < old {
				out[uint16(g)] = c
			}
		}
	}
	for i, n := 0, u16(cmap, 2); i < n; i++ {
		platform, encoding := u16(cmap, 4+8*i), u16(cmap, 6+8*i)
		if !(platform == 3 && (encoding == 1 || encoding == 10) || platform == 0) {
			continue
		}
		off := u32(cmap, 8+8*i)
		if off < 0 || off >= int64(len(cmap)) {
			continue
		}
		sub := cmap[off:]
		switch u16(sub, 0) {
		case 4:
			readCmap4(sub, u16, add)
		case 12:
			readCmap12(sub, u32, add)
		}
	}
	return out, nil
}

// readCmap4 reads a format 4 subtable (segments of the 16-bit codes).
func readCmap4(sub []byte, u16 func([]byte, int) int, add func(rune, int)) {
	segs := u16(sub, 6) / 2
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for s := range max(segs, 0) {
		end, start, delta, ro := u16(sub, ends+2*s), u16(sub, starts+2*s), u16(sub, deltas+2*s), u16(sub, ranges+2*s)
		if end < 0 || start < 0 || delta < 0 || ro < 0 || start > end || end == 0xFFFF && start == 0xFFFF {
			continue
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if v := u16(sub, ranges+2*s+ro+2*(c-start)); v > 0 {
				g = (v + delta) & 0xFFFF
			}
			add(rune(c), g)
		}
	}
}

// readCmap12 reads a format 12 subtable (groups of 32-bit code points).
func readCmap12(sub []byte, u32 func([]byte, int) int64, add func(rune, int)) {
	n := u32(sub, 12)
	for i := int64(0); i < n && i < 1<<16; i++ {
		at := 16 + 12*int(i)
		start, end, g := u32(sub, at), u32(sub, at+4), u32(sub, at+8)
		if start < 0 || end < start || g < 0 || end-start > 0x10000 || end > 0x10FFFF {
			break
		}
		for c := start; c <= end; c++ {
			add(rune(c), int(g+c-start))
		}
	}
}

// maxFontFileBytes bounds an embedded font read for its character map.
const maxFontFileBytes = 16 << 20

// glyphRunes is the character map of a Type0 font's embedded TrueType
// font, read when first needed.
type glyphRunes struct {
	file  pdf.Value // the FontFile2 stream
	read  bool
	runes map[uint16]rune
}

// suspectSpaces returns a glyphRunes for a Type0 font whose codes are
// its glyphs (Identity CIDToGIDMap, an embedded TrueType font) when its
// ToUnicode map names the space (<0020>) more than once; nil otherwise.
func suspectSpaces(font, descendant pdf.Value) *glyphRunes {
	if descendant.Key("Subtype").Name() != "CIDFontType2" {
		return nil
	}
	if m := descendant.Key("CIDToGIDMap"); m.Kind() != pdf.Null && m.Name() != "Identity" {
		return nil
	}
	file := descendant.Key("FontDescriptor").Key("FontFile2")
	tu := font.Key("ToUnicode")
	if file.Kind() != pdf.Stream || tu.Kind() != pdf.Stream {
		return nil
	}
	cmap, err := io.ReadAll(io.LimitReader(tu.Reader(), 1<<20))
	if err != nil || bytes.Count(cmap, []byte("<0020>")) < 2 {
		return nil
	}
	return &glyphRunes{file: file}
}

// letter returns what the embedded font's character map says glyph g
// is, when it is something other than a space; 0 otherwise.
func (gr *glyphRunes) letter(g uint16) rune {
	if !gr.read {
		gr.read = true
		if b, err := io.ReadAll(io.LimitReader(gr.file.Reader(), maxFontFileBytes)); err == nil {
			gr.runes, _ = trueTypeGlyphRunes(b)
		}
	}
	if r := gr.runes[g]; r != 0 && !unicode.IsSpace(r) {
		return r
	}
	return 0
}

// decode turns a shown string into text. A code the ToUnicode map
// reads as a space, in a font whose map is suspect (see suspectSpaces),
// is read from the embedded font instead when that names a letter.
func (f *pdfFont) decode(raw string) string {
	s := f.enc.Decode(raw)
	if f.spaces == nil || !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	for i := 0; i+2 <= len(raw); i += 2 {
		code := raw[i : i+2]
		d := f.enc.Decode(code)
		if d == " " {
			if r := f.spaces.letter(uint16(code[0])<<8 | uint16(code[1])); r != 0 {
				d = string(r)
			}
		}
		b.WriteString(d)
	}
	return b.String()
}
