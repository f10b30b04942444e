package extract

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"khovanban/index/vntext"
)

// The legacy Vietnamese 8-bit encodings. Each is a 256-entry table from
// byte to text (a byte may become a letter plus combining marks; the
// result is made NFC afterwards).
type legacyTable [256]string

// tcvn3High is TCVN3 (ABC, the ".Vn" fonts) for bytes 0xA1..0xFF, as glibc
// iconv's TCVN5712-1 has it. Bytes below 0xA1 are as in Windows-1252:
// the ABC fonts keep Windows' quotes and dashes at 0x80..0x9F.
const tcvn3High = "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"

// vniBytes is VNI-Windows: a letter is written as its base letter followed
// by mark bytes; a few letters are one byte. Bytes not listed are as in
// Windows-1252. Lower- and upper-case mark bytes mean the same mark.
var vniBytes = map[byte]string{
	0xF9: "\u0301", 0xD9: "\u0301", // sắc
	0xF8: "\u0300", 0xD8: "\u0300", // huyền
	0xFB: "\u0309", 0xDB: "\u0309", // hỏi
	0xF5: "\u0303", 0xD5: "\u0303", // ngã
	0xEF: "\u0323", 0xCF: "\u0323", // nặng
	0xE2: "\u0302", 0xC2: "\u0302", // â ê ô
	0xEA: "\u0306", 0xCA: "\u0306", // ă
	0xE1: "\u0302\u0301", 0xC1: "\u0302\u0301",
	0xE0: "\u0302\u0300", 0xC0: "\u0302\u0300",
	0xE5: "\u0302\u0309", 0xC5: "\u0302\u0309",
	0xE3: "\u0302\u0303", 0xC3: "\u0302\u0303",
	0xE4: "\u0302\u0323", 0xC4: "\u0302\u0323",
	0xE9: "\u0306\u0301", 0xC9: "\u0306\u0301",
	0xE8: "\u0306\u0300", 0xC8: "\u0306\u0300",
	0xFA: "\u0306\u0309", 0xDA: "\u0306\u0309",
	0xFC: "\u0306\u0303", 0xDC: "\u0306\u0303",
	0xEB: "\u0306\u0323", 0xCB: "\u0306\u0323",
	0xF4: "ơ", 0xD4: "Ơ",
	0xF6: "ư", 0xD6: "Ư",
	0xF1: "đ", 0xD1: "Đ",
	0xED: "í", 0xCD: "Í",
	0xEC: "ì", 0xCC: "Ì",
	0xE6: "ỉ", 0xC6: "Ỉ",
	0xF3: "ĩ", 0xD3: "Ĩ",
	0xF2: "ị", 0xD2: "Ị",
}

// Encoding names, as in Result.Encoding.
const (
	encUTF8    = "utf-8"
	encUTF8BOM = "utf-8-bom"
	encUTF16LE = "utf-16le"
	encUTF16BE = "utf-16be"
	encCP1258  = "windows-1258"
	encTCVN3   = "tcvn3"
	encVNI     = "vni"
	encCP1252  = "windows-1252"
)

// legacyCodes are the 8-bit code pages' tables, made at their first use
// (not at start-up, which a command-line search waits for).
type legacyCodes struct {
	cp1252, cp1258, tcvn3, vni legacyTable
	// tried lists the 8-bit decodings tried on text that is not
	// Unicode, in order of preference when they score the same.
	tried []namedTable
}

type namedTable struct {
	name  string
	table *legacyTable
}

var legacy = sync.OnceValue(func() *legacyCodes {
	c := &legacyCodes{
		cp1252: charmapTable(charmap.Windows1252),
		cp1258: charmapTable(charmap.Windows1258),
		tcvn3:  buildTCVN3(),
		vni:    buildVNI(),
	}
	c.tried = []namedTable{{encCP1258, &c.cp1258}, {encTCVN3, &c.tcvn3}, {encVNI, &c.vni}}
	return c
})

func charmapTable(cm *charmap.Charmap) legacyTable {
	var t legacyTable
	for b := range 256 {
		r := cm.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b) // undefined in the code page: keep as Latin-1
		}
		t[b] = string(r)
	}
	return t
}

func buildTCVN3() legacyTable {
	t := charmapTable(charmap.Windows1252)
	b := 0xA1
	for _, r := range tcvn3High {
		t[b] = string(r)
		b++
	}
	return t
}

func buildVNI() legacyTable {
	t := charmapTable(charmap.Windows1252)
	for b, s := range vniBytes {
		t[b] = s
	}
	return t
}

// decode turns legacy bytes into text (not yet NFC).
func (t *legacyTable) decode(data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + len(data)/4)
	for _, c := range data {
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteString(t[c])
		}
	}
	return b.String()
}

// legacyByName returns the table of a legacy encoding name, or nil.
func legacyByName(name string) *legacyTable {
	switch name {
	case encCP1258:
		return &legacy().cp1258
	case encTCVN3:
		return &legacy().tcvn3
	case encVNI:
		return &legacy().vni
	case encCP1252:
		return &legacy().cp1252
	}
	return nil
}

// fontEncoding tells from a font name which legacy encoding its text is
// in: ".VnTime", ".VnArial", ".VnTimeH" are TCVN3 (ABC), "VNI-Times" and
// the like are VNI. Other fonts give "".
func fontEncoding(font string) string {
	f := strings.ToLower(strings.TrimSpace(font))
	switch {
	case strings.HasPrefix(f, ".vn"):
		return encTCVN3
	case strings.HasPrefix(f, "vni-") || strings.HasPrefix(f, "vni "):
		return encVNI
	}
	return ""
}

// decodeFontRun decodes the text of one run drawn in font, if the font
// is a legacy Vietnamese one, and returns the text and the encoding used
// ("" for Unicode fonts). The ".Vn...H" fonts (.VnTimeH, .VnArialH) draw
// capitals at the lower-case positions, so their text is upper-cased.
// A run whose text already reads better as Vietnamese than decoded is
// kept as it is: Word gives a paragraph style's legacy font to runs typed
// in Unicode ("Chuy\'ean vi\'ean" under a VNI-Times "Body Text" style,
// which VNI would turn into "Chuy̆n vĭn").
func decodeFontRun(s, font string) (string, string) {
	enc := fontEncoding(font)
	if enc == "" || s == "" {
		return s, ""
	}
	dec := decodeLegacyRunes(s, enc)
	f := strings.TrimRight(strings.ToLower(strings.TrimSpace(font)), "0123456789")
	if enc == encTCVN3 && strings.HasSuffix(f, "h") { // .VnTimeH, .VnTimeH1
		dec = strings.ToUpper(dec)
	}
	if as, n := vietnameseScore(s); n > 0 {
		if ds, _ := vietnameseScore(vntext.NFC(dec)); as > ds {
			return s, ""
		}
	}
	return dec, enc
}

// decodeLegacyRunes re-decodes text that a word processor stored as if it
// were Windows-1252 (or Latin-1, or the font's symbol range U+F0xx) but
// whose font is a legacy Vietnamese one. Characters that cannot be a
// single byte are kept.
func decodeLegacyRunes(s, enc string) string {
	t := legacyByName(enc)
	if t == nil {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		c, ok := runeToByte(r)
		if !ok {
			b.WriteRune(r)
			continue
		}
		if c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteString(t[c])
		}
	}
	return b.String()
}

// runeToByte finds the byte a legacy font drew for r: Latin-1 and the
// Windows-1252 specials map back to their byte, and symbol fonts' private
// range U+F000..U+F0FF to its low byte.
func runeToByte(r rune) (byte, bool) {
	switch {
	case r < 0x80:
		return byte(r), true
	case r >= 0xF000 && r <= 0xF0FF:
		return byte(r - 0xF000), true
	case r <= 0xFF:
		return byte(r), true
	}
	if b, ok := charmap.Windows1252.EncodeRune(r); ok {
		return b, true
	}
	return 0, false
}
