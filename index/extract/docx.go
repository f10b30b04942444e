package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"sort"
	"strings"
)

// readDocx reads a Word 2007+ document: the page headers, then the body,
// with headings, paragraphs and table cells apart. Runs in a legacy
// Vietnamese font (.VnTime, VNI-Times) are decoded from that encoding.
// Parts are parsed streaming within the limits (see docZip).
func readDocx(ctx context.Context, data []byte, opt Options) (Result, error) {
	if isOLE(data) {
		return readOLEInstead(ctx, "docx", data, opt)
	}
	z, err := openDocZip("docx", data, opt.Limits)
	if err != nil {
		return Result{}, err
	}
	body := zipMember(z.zr, "word/document.xml")
	if body == nil {
		return Result{}, corrupt("docx", "no word/document.xml inside")
	}
	styles := docxStyles{}
	if f := zipMember(z.zr, "word/styles.xml"); f != nil {
		if styles, err = parseDocxStyles(z, f); isLimit(err) {
			return Result{}, err
		}
	}
	var out strings.Builder
	var legacy string
	// part walks one part into out; a broken header or footnote does not
	// spoil the body, but a limit gone over stops the whole file.
	part := func(f *zip.File) error {
		w := &docxWalker{styles: styles, out: &out}
		err := z.eachToken(f, func(tok xml.Token) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			w.token(tok)
			return z.textLimit(out.Len() + w.run.Len())
		})
		if err == nil || !isLimit(err) && ctx.Err() == nil {
			w.flushRun()
			legacy = cmpOr(legacy, w.legacy)
		}
		return err
	}
	for _, f := range docxParts(z.zr, "word/header") {
		if err := part(f); isLimit(err) || ctx.Err() != nil {
			return Result{}, cmpErr(ctx.Err(), err)
		}
		out.WriteString("\n\n")
	}
	if err := part(body); err != nil {
		return Result{}, cmpErr(ctx.Err(), err)
	}
	for _, f := range docxParts(z.zr, "word/footnotes") {
		out.WriteString("\n\n")
		if err := part(f); isLimit(err) || ctx.Err() != nil {
			return Result{}, cmpErr(ctx.Err(), err)
		}
	}
	return Result{Text: out.String(), Encoding: legacy}, nil
}

// isLimit reports whether err is a limit gone over.
func isLimit(err error) bool { return errors.Is(err, ErrTooLarge) }

// cmpErr returns the first non-nil error.
func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
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

func parseDocxStyles(z *docZip, f *zip.File) (docxStyles, error) {
	type style struct{ font, basedOn string }
	raw := map[string]style{}
	st := docxStyles{fonts: map[string]string{}}
	var id string
	inDefaults := false
	err := z.eachToken(f, func(tok xml.Token) error {
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
		if len(raw) > 100000 {
			return corrupt("docx", "too many styles")
		}
		return nil
	})
	if isLimit(err) {
		return docxStyles{}, err
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
	return st, nil
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

// docxWalker is the state of one walk of a WordprocessingML part.
type docxWalker struct {
	styles            docxStyles
	out               *strings.Builder
	run               strings.Builder // text of the current run, decoded at its end
	paraFont, runFont string
	legacy            string // first legacy encoding met
	skip              int    // depth inside an element whose text is hidden
	tables            int    // table nesting depth
	inText            bool   // inside w:t
}

// token takes the part's next XML token.
func (w *docxWalker) token(tok xml.Token) {
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
