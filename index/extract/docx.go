package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"sort"
	"strings"
)

// readDocx reads a Word 2007+ document: the page headers, then the body,
// with headings, paragraphs and table cells apart. Runs in a legacy
// Vietnamese font (.VnTime, VNI-Times) are decoded from that encoding.
func readDocx(ctx context.Context, data []byte, opt Options) (Result, error) {
	if isOLE(data) {
		return readOLEInstead(ctx, "docx", data, opt)
	}
	zr, err := openZip("docx", data)
	if err != nil {
		return Result{}, err
	}
	lim := opt.Limits
	styles := docxStyles{}
	if f := zipMember(zr, "word/styles.xml"); f != nil {
		if b, err := readZipFile(f, lim.MaxUnzippedBytes); err == nil {
			styles = parseDocxStyles(b)
		}
	}
	body, err := readMember("docx", zr, "word/document.xml", lim)
	if err != nil {
		return Result{}, err
	}
	var out strings.Builder
	var legacy string
	for _, f := range docxParts(zr, "word/header") {
		b, err := readZipFile(f, lim.MaxUnzippedBytes)
		if err != nil {
			continue // a broken header does not spoil the body
		}
		text, enc, _ := docxText(b, styles)
		out.WriteString(text)
		out.WriteString("\n\n")
		legacy = cmpOr(legacy, enc)
	}
	text, enc, err := docxText(body, styles)
	if err != nil {
		return Result{}, corrupt("docx", err)
	}
	out.WriteString(text)
	for _, f := range docxParts(zr, "word/footnotes") {
		if b, err := readZipFile(f, lim.MaxUnzippedBytes); err == nil {
			t, _, _ := docxText(b, styles)
			out.WriteString("\n\n")
			out.WriteString(t)
		}
	}
	return Result{Text: out.String(), Encoding: cmpOr(legacy, enc)}, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// docxParts lists the members whose names start with prefix, in name order.
func docxParts(zr *zip.Reader, prefix string) []*zip.File {
	var fs []*zip.File
	for _, f := range zr.File {
		if strings.HasPrefix(strings.ToLower(f.Name), prefix) && strings.HasSuffix(f.Name, ".xml") {
			fs = append(fs, f)
		}
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].Name < fs[j].Name })
	return fs
}

// docxStyles knows the font of each style, so that runs that name no font
// get their paragraph style's (or the document default's).
type docxStyles struct {
	defaultFont string
	fonts       map[string]string // style id → font (after basedOn)
}

func (s docxStyles) font(styleID string) string {
	if f := s.fonts[styleID]; f != "" {
		return f
	}
	return s.defaultFont
}

func parseDocxStyles(data []byte) docxStyles {
	type style struct{ font, basedOn string }
	raw := map[string]style{}
	st := docxStyles{fonts: map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	var id string
	inDefaults := false
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				id = attr(t, "styleId")
			case "basedOn":
				s := raw[id]
				s.basedOn = attr(t, "val")
				raw[id] = s
			case "rFonts":
				f := runFont(t)
				if inDefaults {
					st.defaultFont = f
				} else if id != "" && f != "" {
					s := raw[id]
					s.font = f
					raw[id] = s
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = false
			case "style":
				id = ""
			}
		}
	}
	for id := range raw {
		cur := id
		for range 10 { // follow basedOn, guarding against loops
			s, ok := raw[cur]
			if !ok {
				break
			}
			if s.font != "" {
				st.fonts[id] = s.font
				break
			}
			cur = s.basedOn
		}
	}
	return st
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// runFont is the font of a w:rFonts element: the one used for Latin text.
func runFont(t xml.StartElement) string {
	return cmpOr(attr(t, "ascii"), cmpOr(attr(t, "hAnsi"), attr(t, "cs")))
}

// docxText walks one WordprocessingML part. It returns the text and the
// legacy encoding found in font runs, if any.
func docxText(data []byte, styles docxStyles) (string, string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out strings.Builder
	var run strings.Builder // text of the current run, decoded at its end
	var paraFont, runFontName, legacy string
	var skip, tableDepth int
	inText := false
	flushRun := func() {
		s := run.String()
		run.Reset()
		s, enc := decodeFontRun(s, cmpOr(runFontName, cmpOr(paraFont, styles.defaultFont)))
		legacy = cmpOr(legacy, enc)
		out.WriteString(s)
	}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out.String(), legacy, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			switch t.Name.Local {
			case "Fallback", "instrText", "delText", "delInstrText":
				skip = 1 // duplicates and hidden text
			case "p":
				paraFont = styles.font("")
			case "pStyle":
				paraFont = styles.font(attr(t, "val"))
			case "r":
				runFontName = ""
			case "rFonts":
				runFontName = runFont(t)
			case "t":
				inText = true
			case "tab":
				run.WriteByte('\t')
			case "br", "cr":
				run.WriteByte('\n')
			case "softHyphen":
				// dropped by Clean, but in a TCVN3 font byte 0xAD is "ư"
				run.WriteRune('\u00ad')
			case "sym":
				if r, ok := symChar(attr(t, "char")); ok {
					run.WriteRune(r)
				}
			case "tbl":
				tableDepth++
				out.WriteString("\n\n")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "r":
				flushRun()
			case "p":
				flushRun()
				if tableDepth > 0 {
					out.WriteByte('\n')
				} else {
					out.WriteString("\n\n")
				}
			case "tc":
				out.WriteByte('\n')
			case "tbl":
				tableDepth--
				out.WriteString("\n\n")
			}
		case xml.CharData:
			if inText && skip == 0 {
				run.Write(t)
			}
		}
	}
	flushRun()
	return out.String(), legacy, nil
}

// symChar reads the hex character code of a w:sym element.
func symChar(hex string) (rune, bool) {
	var r rune
	if hex == "" || len(hex) > 6 {
		return 0, false
	}
	for _, c := range strings.ToLower(hex) {
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + c - '0'
		case c >= 'a' && c <= 'f':
			r = r*16 + c - 'a' + 10
		default:
			return 0, false
		}
	}
	if r >= 0xF000 && r <= 0xF0FF {
		return 0, false // a symbol-font glyph (bullet, tick), not text
	}
	return r, true
}
