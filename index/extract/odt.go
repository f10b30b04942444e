package extract

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readODT reads an OpenDocument text: the page headers kept in
// styles.xml, then the body of content.xml, with headings, paragraphs and
// table cells apart.
func readODT(ctx context.Context, data []byte, opt Options) (Result, error) {
	zr, err := openZip("odt", data, opt.Limits.MaxZipEntries)
	if err != nil {
		return Result{}, err
	}
	if f := zipMember(zr, "META-INF/manifest.xml"); f != nil {
		if b, err := readZipFile(f, opt.Limits.MaxUnzippedBytes); err == nil && bytes.Contains(b, []byte("encryption-data")) {
			return Result{}, fmt.Errorf("odt: %w", ErrEncrypted)
		}
	}
	content, err := readMember("odt", zr, "content.xml", opt.Limits)
	if err != nil {
		return Result{}, err
	}
	var out strings.Builder
	if f := zipMember(zr, "styles.xml"); f != nil {
		if b, err := readZipFile(f, opt.Limits.MaxUnzippedBytes); err == nil {
			headers, _ := odtText(b, "header")
			out.WriteString(headers)
			out.WriteString("\n\n")
		}
	}
	body, err := odtText(content, "body")
	if err != nil {
		return Result{}, corrupt("odt", err)
	}
	out.WriteString(body)
	return Result{Text: out.String()}, nil
}

// odtText returns the text inside the elements named within (e.g. "body"
// or "header") of one ODF XML part.
func odtText(data []byte, within string) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out strings.Builder
	depth, skip, tableDepth := 0, 0, 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out.String(), nil
		}
		if err != nil {
			return out.String(), err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if name == within {
				depth++
			}
			if depth == 0 {
				continue
			}
			if skip > 0 || name == "annotation" || name == "tracked-changes" {
				skip++
				continue
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
				tableDepth++
				out.WriteString("\n\n")
			}
		case xml.EndElement:
			name := t.Name.Local
			if depth == 0 {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			switch name {
			case within:
				depth--
				out.WriteString("\n\n")
			case "p", "h":
				if tableDepth > 0 {
					out.WriteByte('\n')
				} else {
					out.WriteString("\n\n")
				}
			case "table-cell":
				out.WriteByte('\n')
			case "table":
				tableDepth--
				out.WriteString("\n\n")
			}
		case xml.CharData:
			if depth > 0 && skip == 0 {
				out.Write(bytes.ReplaceAll(t, []byte("\n"), []byte(" ")))
			}
		}
	}
}
