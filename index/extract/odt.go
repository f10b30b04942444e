package extract

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// readODT reads an OpenDocument text: the page headers kept in
// styles.xml, then the body of content.xml, with headings, paragraphs and
// table cells apart. Parts are parsed streaming within the limits (see
// docZip).
func readODT(ctx context.Context, data []byte, opt Options) (Result, error) {
	z, err := openDocZip("odt", data, opt.Limits)
	if err != nil {
		return Result{}, err
	}
	if f := zipMember(z.zr, "META-INF/manifest.xml"); f != nil {
		encrypted := false
		err := z.eachToken(f, func(tok xml.Token) error {
			if t, ok := tok.(xml.StartElement); ok && t.Name.Local == "encryption-data" {
				encrypted = true
			}
			return nil
		})
		if encrypted {
			return Result{}, fmt.Errorf("odt: %w", ErrEncrypted)
		}
		if isLimit(err) {
			return Result{}, err
		}
	}
	content := zipMember(z.zr, "content.xml")
	if content == nil {
		return Result{}, corrupt("odt", "no content.xml inside")
	}
	var out strings.Builder
	walk := func(f *zip.File, within string) error {
		w := &odtWalker{within: within, out: &out}
		return z.eachToken(f, func(tok xml.Token) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			w.token(tok)
			return z.textLimit(out.Len())
		})
	}
	if f := zipMember(z.zr, "styles.xml"); f != nil {
		// headers: a broken styles.xml does not spoil the body
		if err := walk(f, "header"); isLimit(err) || ctx.Err() != nil {
			return Result{}, cmpErr(ctx.Err(), err)
		}
		out.WriteString("\n\n")
	}
	if err := walk(content, "body"); err != nil {
		return Result{}, cmpErr(ctx.Err(), err)
	}
	return Result{Text: out.String()}, nil
}

// odtWalker collects the text inside the elements named within (e.g.
// "body" or "header") of one ODF XML part.
type odtWalker struct {
	within                  string
	out                     *strings.Builder
	depth, skip, tableDepth int
}

func (w *odtWalker) token(tok xml.Token) {
	out := w.out
	switch t := tok.(type) {
	case xml.StartElement:
		name := t.Name.Local
		if name == w.within {
			w.depth++
		}
		if w.depth == 0 {
			return
		}
		if w.skip > 0 || name == "annotation" || name == "tracked-changes" {
			w.skip++
			return
		}
		switch name {
		case "s":
			n, _ := strconv.Atoi(attr(t, "c"))
			out.WriteString(strings.Repeat(" ", min(max(n, 1), 100)))
		case "tab":
			out.WriteByte('\t')
		case "line-break":
			out.WriteByte('\n')
		case "table":
			w.tableDepth++
			out.WriteString("\n\n")
		}
	case xml.EndElement:
		name := t.Name.Local
		if w.depth == 0 {
			return
		}
		if w.skip > 0 {
			w.skip--
			return
		}
		switch name {
		case w.within:
			w.depth--
			out.WriteString("\n\n")
		case "p", "h":
			if w.tableDepth > 0 {
				out.WriteByte('\n')
			} else {
				out.WriteString("\n\n")
			}
		case "table-cell":
			out.WriteByte('\n')
		case "table":
			w.tableDepth--
			out.WriteString("\n\n")
		}
	case xml.CharData:
		if w.depth > 0 && w.skip == 0 {
			for _, c := range t {
				if c == '\n' {
					c = ' '
				}
				out.WriteByte(c)
			}
		}
	}
}
