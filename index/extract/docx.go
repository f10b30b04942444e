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
	zr, err := openZip("docx", data, opt.Limits.MaxZipEntries)
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
	w := &docxWalker{styles: styles}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return w.out.String(), w.legacy, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			w.start(t)
		case xml.EndElement:
			w.end(t)
		case xml.CharData:
			if w.inText && w.skip == 0 {
				w.run.Write(t)
			}
		}
	}
	w.flushRun()
	return w.out.String(), w.legacy, nil
}

// docxWalker is the state of one docxText walk.
type docxWalker struct {
	styles            docxStyles
	out               strings.Builder
	run               strings.Builder // text of the current run, decoded at its end
	paraFont, runFont string
	legacy            string // first legacy encoding met
	skip              int    // depth inside an element whose text is hidden
	tables            int    // table nesting depth
	inText            bool   // inside w:t
}

func (w *docxWalker) start(t xml.StartElement) {
	if w.skip > 0 {
		w.skip++
		return
	}
	switch t.Name.Local {
	case "Fallback", "instrText", "delText", "delInstrText":
		w.skip = 1 // duplicates (text boxes), field codes and deletions
	case "p":
		w.paraFont = w.styles.font("")
	case "pStyle":
		w.paraFont = w.styles.font(attr(t, "val"))
	case "r":
		w.runFont = ""
	case "rFonts":
		w.runFont = runFont(t)
	case "t":
		w.inText = true
	case "tab":
		w.run.WriteByte('\t')
	case "br", "cr":
		w.run.WriteByte('\n')
	case "noBreakHyphen":
		w.run.WriteByte('-')
	case "softHyphen":
		// dropped by Clean, but in a TCVN3 font byte 0xAD is "ư"
		w.run.WriteRune('\u00ad')
	case "sym":
		if r, ok := symChar(attr(t, "char")); ok {
			w.run.WriteRune(r)
		}
	case "tbl":
		w.tables++
		w.out.WriteString("\n\n")
	}
}

func (w *docxWalker) end(t xml.EndElement) {
	if w.skip > 0 {
		w.skip--
		return
	}
	switch t.Name.Local {
	case "t":
		w.inText = false
	case "r":
		w.flushRun()
	case "p":
		w.flushRun()
		if w.tables > 0 {
			w.out.WriteByte('\n')
		} else {
			w.out.WriteString("\n\n")
		}
	case "tc":
		w.out.WriteByte('\n')
	case "tbl":
		w.tables--
		w.out.WriteString("\n\n")
	}
}

// flushRun writes the current run, decoded if its font is a legacy one.
func (w *docxWalker) flushRun() {
	font := cmpOr(w.runFont, cmpOr(w.paraFont, w.styles.defaultFont))
	s, enc := decodeFontRun(w.run.String(), font)
	w.run.Reset()
	w.legacy = cmpOr(w.legacy, enc)
	w.out.WriteString(s)
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
