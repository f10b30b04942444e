package extract

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"

	"khovanban/index/vntext"
)

// rtfSkipped are destinations whose text is not document text.
var rtfSkipped = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "object": true,
	"fldinst": true, "datafield": true, "themedata": true, "colorschememapping": true,
	"latentstyles": true, "listtable": true, "listoverridetable": true, "rsidtbl": true,
	"generator": true, "xmlnstbl": true, "mmathPr": true, "filetbl": true, "revtbl": true,
	"bkmkstart": true, "bkmkend": true, "pgdsctbl": true, "private": true, "nonshppict": true,
	"shppict": true, "shpinst": true, "xe": true, "tc": true, "template": true,
	"listtext": true, "pntext": true, "pntxta": true, "pntxtb": true, "protusertbl": true,
	"userprops": true, "wgrffmtfilter": true, "operator": true, "author": true, "title": true,
}

// rtfSymbols are control words that stand for one character.
var rtfSymbols = map[string]string{
	"par": "\n\n", "sect": "\n\n", "page": "\n\n", "line": "\n", "cell": "\n", "nestcell": "\n",
	"row": "\n\n", "nestrow": "\n\n", "tab": "\t", "emdash": "—", "endash": "–", "lquote": "‘",
	"rquote": "’", "ldblquote": "“", "rdblquote": "”", "bullet": "•", "emspace": " ", "enspace": " ",
}

// rtfState is what a group inherits from its parent.
type rtfState struct {
	font    int
	uc      int  // characters to skip after \uN
	skip    bool // inside a destination that is not text
	fonttbl bool // inside the font table
	fontAlt bool // inside a \* group of a font entry (panose, alternative name)
}

// rtfFont is one entry of the font table.
type rtfFont struct {
	name    string
	charset int
	western bool // \fcharset0 named: Windows-1252, whatever the document's code page
}

// rtfReader holds the state of one RTF parse.
type rtfReader struct {
	data     []byte
	pos      int
	codepage *legacyTable
	tables   map[int]*legacyTable // by font charset, made when first met
	fonts    map[int]rtfFont
	out      strings.Builder
	run      strings.Builder // pending text of a legacy-font run
	runFont  string          // the font of that run
	legacy   string          // first legacy encoding met
	fontName strings.Builder
}

// readRTF reads a Rich Text Format file: text of the body (and headers),
// \'hh bytes in the \ansicpg code page (1258 included), \uN Unicode, and
// runs in .Vn (TCVN3) or VNI fonts decoded from those encodings.
func readRTF(ctx context.Context, data []byte, opt Options) (Result, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte(`{\rtf`)) {
		return Result{}, corrupt("rtf", "no {\\rtf header")
	}
	r := &rtfReader{data: data, codepage: &legacy().cp1252, fonts: map[int]rtfFont{}}
	r.parse()
	return Result{Text: r.out.String(), Encoding: r.legacy}, nil
}

func (r *rtfReader) parse() {
	stack := []rtfState{{uc: 1}}
	skipChars := 0 // characters still to skip after \uN
	for r.pos < len(r.data) {
		st := &stack[len(stack)-1]
		c := r.data[r.pos]
		switch c {
		case '{':
			r.pos++
			stack = append(stack, *st)
			skipChars = 0
			continue
		case '}':
			r.pos++
			if st.fonttbl {
				r.endFontName(st.font)
			}
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			skipChars = 0
			continue
		case '\r', '\n':
			r.pos++
			continue
		case '\\':
			word, param, hasParam := r.controlWord()
			if skipChars > 0 && word != "" {
				skipChars--
				if word == "bin" && hasParam {
					r.pos += max(param, 0)
				}
				continue
			}
			skipChars = r.control(stack, word, param, hasParam)
			continue
		}
		r.pos++
		if skipChars > 0 {
			skipChars--
			continue
		}
		switch {
		case st.fonttbl:
			if st.fontAlt {
				break
			}
			if c == ';' {
				r.endFontName(st.font)
			} else {
				r.fontName.WriteByte(c)
			}
		case !st.skip:
			r.text(st.font, c)
		}
	}
	r.flush()
}

// controlWord reads the control word or symbol at r.pos (a backslash).
// A hex escape \'hh comes back as word "'" with the byte as param.
func (r *rtfReader) controlWord() (word string, param int, hasParam bool) {
	r.pos++ // the backslash
	if r.pos >= len(r.data) {
		return "", 0, false
	}
	c := r.data[r.pos]
	if !isASCIILetter(c) {
		r.pos++
		if c == '\'' && r.pos+2 <= len(r.data) {
			v, err := strconv.ParseUint(string(r.data[r.pos:r.pos+2]), 16, 8)
			r.pos += 2
			if err == nil {
				return "'", int(v), true
			}
			return "'", 0, false
		}
		return string(c), 0, false
	}
	start := r.pos
	for r.pos < len(r.data) && isASCIILetter(r.data[r.pos]) && r.pos-start < 32 {
		r.pos++
	}
	word = string(r.data[start:r.pos])
	pstart := r.pos
	if r.pos < len(r.data) && r.data[r.pos] == '-' {
		r.pos++
	}
	for r.pos < len(r.data) && r.data[r.pos] >= '0' && r.data[r.pos] <= '9' && r.pos-pstart < 10 {
		r.pos++
	}
	if r.pos > pstart {
		param, _ = strconv.Atoi(string(r.data[pstart:r.pos]))
		hasParam = true
	}
	if r.pos < len(r.data) && r.data[r.pos] == ' ' {
		r.pos++ // the delimiting space belongs to the control word
	}
	return word, param, hasParam
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// control acts on one control word; it returns how many characters to
// skip next (after \uN).
func (r *rtfReader) control(stack []rtfState, word string, param int, hasParam bool) int {
	st := &stack[len(stack)-1]
	switch word {
	case "*":
		if st.fonttbl {
			st.fontAlt = true
		}
		st.skip = true
	case "deff":
		st.font = param
	case "fonttbl":
		st.fonttbl = true
		st.skip = true
	case "f":
		if st.fonttbl {
			r.fontName.Reset()
		}
		st.font = param
	case "fcharset":
		if st.fonttbl {
			f := r.fonts[st.font]
			f.charset, f.western = param, param == 0
			r.fonts[st.font] = f
		}
	case "ansicpg":
		r.codepage = codePage(param)
	case "uc":
		st.uc = min(max(param, 0), 10)
	case "u":
		if !st.skip && !st.fonttbl {
			if param < 0 {
				param += 65536
			}
			r.unicode(st.font, rune(param))
		}
		return st.uc
	case "'":
		if !st.skip && hasParam {
			r.text(st.font, byte(param))
		} else if st.fonttbl && !st.fontAlt && hasParam {
			r.fontName.WriteByte(byte(param))
		}
	case "bin":
		r.pos += min(max(param, 0), len(r.data)-r.pos)
	case "~":
		r.write(st, " ")
	case "_":
		r.write(st, "-")
	default:
		if rtfSkipped[word] {
			st.skip = true
		} else if s, ok := rtfSymbols[word]; ok {
			r.write(st, s)
		}
	}
	return 0
}

// write adds text that needs no decoding.
func (r *rtfReader) write(st *rtfState, s string) {
	if st.skip || st.fonttbl {
		return
	}
	r.flush()
	r.out.WriteString(s)
}

// text adds one byte of the document's text in the font f.
func (r *rtfReader) text(f int, c byte) {
	if r.fontEncoding(f) != "" {
		r.startRun(f)
		r.run.WriteRune(rune(c)) // as Latin-1; decodeLegacyRunes maps it back
		return
	}
	r.flush()
	if c < 0x80 {
		r.out.WriteByte(c)
		return
	}
	r.out.WriteString(r.charsetTable(r.fonts[f])[c])
}

// charsetCodePages are the Windows code pages of the RTF font charsets
// Word writes Vietnamese with: Word may write "Văn" as "V\'e3n" in a
// "Times New Roman CE" (238, Central European) run, where 0xE3 is "ă".
var charsetCodePages = map[int]*charmap.Charmap{
	161: charmap.Windows1253, 162: charmap.Windows1254, 163: charmap.Windows1258,
	186: charmap.Windows1257, 204: charmap.Windows1251, 238: charmap.Windows1250,
}

// charsetTable is the table that decodes bytes in font f: its charset's
// code page, else the document's. A font named Western (\fcharset0) is
// Windows-1252 in a Vietnamese document (\ansicpg1258) too: Word writes
// there the letters that Windows-1258 has only as a letter and a mark
// ("Ò", "ì", "ã", "õ", "Ý") in the Western variant of the font
// ("PH\'d2NG" for "PHÒNG"), and read as Windows-1258 they lost their
// letter ("PH̉NG", "B̀NH", "Lănh", "rơ").
func (r *rtfReader) charsetTable(f rtfFont) *legacyTable {
	charset := f.charset
	cm, ok := charsetCodePages[charset]
	if !ok && f.western {
		cm, ok = charmap.Windows1252, true
	}
	if !ok {
		return r.codepage
	}
	if t, ok := r.tables[charset]; ok {
		return t
	}
	t := charmapTable(cm)
	if r.tables == nil {
		r.tables = map[int]*legacyTable{}
	}
	r.tables[charset] = &t
	return &t
}

// unicode adds one \uN character in the font f.
func (r *rtfReader) unicode(f int, ch rune) {
	if r.fontEncoding(f) != "" {
		r.startRun(f)
		r.run.WriteRune(ch)
		return
	}
	r.flush()
	r.out.WriteRune(ch)
}

func (r *rtfReader) startRun(f int) {
	if name := r.fonts[f].name; r.runFont != name {
		r.flush()
		r.runFont = name
	}
}

// flush decodes and writes the pending legacy-font run.
func (r *rtfReader) flush() {
	if r.run.Len() == 0 {
		return
	}
	raw := r.run.String()
	s, enc := decodeFontRun(raw, r.runFont)
	if enc != "" && readsBetterRaw(raw, s) {
		s, enc = raw, "" // Unicode text left in a legacy font's paragraph
	}
	r.out.WriteString(s)
	r.legacy = cmpOr(r.legacy, enc)
	r.run.Reset()
}

// readsBetterRaw reports a run in a legacy font that is Unicode after
// all: it has letters no legacy byte can be ("ạ" as \u7841), and read
// as it is it is more Vietnamese than decoded ("phòng", not "phịng").
func readsBetterRaw(raw, decoded string) bool {
	unicodeLetter := strings.ContainsFunc(raw, func(c rune) bool {
		_, ok := runeToByte(c)
		return !ok && unicode.IsLetter(c)
	})
	if !unicodeLetter {
		return false
	}
	a, _ := vietnameseScore(vntext.NFC(raw))
	b, _ := vietnameseScore(vntext.NFC(decoded))
	return a > b
}

func (r *rtfReader) fontEncoding(f int) string {
	return fontEncoding(r.fonts[f].name)
}

func (r *rtfReader) endFontName(f int) {
	name := strings.TrimSpace(r.fontName.String())
	r.fontName.Reset()
	if name == "" {
		return
	}
	e := r.fonts[f]
	if e.name == "" {
		e.name = name
	}
	r.fonts[f] = e
}

// codePage returns the table for a Windows code page number (1258 is
// Vietnamese); unknown pages read as Windows-1252.
func codePage(n int) *legacyTable {
	switch n {
	case 1258:
		return &legacy().cp1258
	case 1250, 1251, 1253, 1254, 1255, 1256, 1257:
		t := charmapTable(map[int]*charmap.Charmap{
			1250: charmap.Windows1250, 1251: charmap.Windows1251, 1253: charmap.Windows1253,
			1254: charmap.Windows1254, 1255: charmap.Windows1255, 1256: charmap.Windows1256,
			1257: charmap.Windows1257,
		}[n])
		return &t
	}
	return &legacy().cp1252
}
