package extract

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"strings"
)

// maxMHTDepth bounds how deep multipart parts inside parts are followed.
const maxMHTDepth = 4

// readMHT reads a web page saved in one file (MHTML, RFC 2557): Internet
// Explorer's "Web Archive", Word's "Single File Web Page", Chrome's and
// Edge's "Webpage, Single File". It is a MIME message whose text/html part
// is the page, quoted-printable or base64, in the charset its Content-Type
// names; pictures, style sheets and Word's lists of parts are skipped
// unread. The page is read as a saved .html file is. A file that is not
// MIME but a page (some programs give .mht to plain HTML) is read as one.
func readMHT(ctx context.Context, data []byte, opt Options) (Result, error) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	page, charset, err := mhtPage(data)
	if errors.Is(err, errNotMIME) && looksLikeHTML(data) {
		page, err = data, nil
	}
	if err != nil {
		return Result{}, err
	}
	if charset != "" {
		// the part's charset is the page's: put it where decodeHTML looks
		page = append([]byte(`<meta charset="`+charset+`">`), page...)
	}
	res, err := readHTML(ctx, page, opt)
	if err != nil {
		return res, fmt.Errorf("mht: %w", err)
	}
	return res, nil
}

// errNotMIME is mhtPage's error for a file without a MIME header.
var errNotMIME = corrupt("mht", "not a MIME web archive")

// mhtPage returns the bytes of the archive's page, decoded from their
// transfer encoding, and the charset its part names ("" if none).
func mhtPage(data []byte) ([]byte, string, error) {
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(bytes.TrimLeft(data, " \t\r\n"))))
	header, err := tp.ReadMIMEHeader()
	if err != nil || header.Get("Content-Type") == "" {
		return nil, "", errNotMIME
	}
	page, charset, found, err := mhtPart(header, tp.R, len(data), 0)
	if err != nil {
		return nil, "", err
	}
	if !found {
		return nil, "", corrupt("mht", "no web page in the archive")
	}
	return page, charset, nil
}

// mhtPart looks for the page in one part (the message itself at depth 0):
// a text/html part is the page; a multipart one is searched part by part,
// the first page found kept. max bounds what a part decodes to.
func mhtPart(header textproto.MIMEHeader, body io.Reader, max, depth int) ([]byte, string, bool, error) {
	typ, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		typ = strings.ToLower(strings.TrimSpace(strings.Split(header.Get("Content-Type"), ";")[0]))
	}
	switch {
	case strings.HasPrefix(typ, "multipart/"):
		if depth >= maxMHTDepth || params["boundary"] == "" {
			return nil, "", false, nil
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart() // NextPart would undo quoted-printable itself, not base64
			if err == io.EOF {
				return nil, "", false, nil
			}
			if err != nil {
				return nil, "", false, corrupt("mht", err)
			}
			page, charset, found, err := mhtPart(p.Header, p, max, depth+1)
			if found || err != nil {
				return page, charset, found, err
			}
		}
	case typ == "text/html" || typ == "application/xhtml+xml":
		page, err := mhtDecode(body, header.Get("Content-Transfer-Encoding"), max)
		if err != nil {
			return nil, "", false, err
		}
		return page, params["charset"], true, nil
	}
	return nil, "", false, nil
}

// mhtDecode undoes a part's transfer encoding, reading at most max bytes
// (a part never decodes to more than the file holds). Quoted-printable
// that breaks its rules ("=" before other than two hex digits, a bare
// CR) is decoded as mail readers do: what cannot be undone is kept.
func mhtDecode(body io.Reader, transfer string, max int) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(body, int64(max)))
	if err != nil {
		return nil, corrupt("mht", err)
	}
	switch strings.ToLower(strings.TrimSpace(transfer)) {
	case "quoted-printable":
		if page, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw))); err == nil {
			return page, nil
		}
		return lenientQP(raw), nil
	case "base64":
		page, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, &spaceless{r: bytes.NewReader(raw)}))
		if err != nil && len(page) == 0 {
			return nil, corrupt("mht", err)
		}
		return page, nil // a cut file keeps what it has
	}
	return raw, nil // 7bit, 8bit, binary
}

// lenientQP decodes quoted-printable that the standard reader refuses:
// "=XX" is a byte, "=" at a line's end joins the lines, any other "=" is
// kept as it is.
func lenientQP(raw []byte) []byte {
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '=' {
			out = append(out, c)
			continue
		}
		rest := raw[i+1:]
		j := 0
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t' || rest[j] == '\r') {
			j++
		}
		switch {
		case j < len(rest) && rest[j] == '\n': // a soft line break
			i += j + 1
		case len(rest) >= 2 && isHex(rest[0]) && isHex(rest[1]):
			out = append(out, unhex(rest[0])<<4|unhex(rest[1]))
			i += 2
		default:
			out = append(out, c)
		}
	}
	return out
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// spaceless drops the spaces and tabs some writers leave in base64 lines
// (the decoder itself skips only line breaks).
type spaceless struct{ r io.Reader }

func (s *spaceless) Read(p []byte) (int, error) {
	for {
		n, err := s.r.Read(p)
		k := 0
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' {
				p[k] = c
				k++
			}
		}
		if k > 0 || err != nil {
			return k, err
		}
	}
}

// looksLikeHTML reports a file that starts (after spaces) with markup.
func looksLikeHTML(data []byte) bool {
	head := bytes.TrimLeft(data[:min(len(data), 1024)], " \t\r\n")
	return bytes.HasPrefix(head, []byte("<")) && bytes.Contains(bytes.ToLower(head), []byte("<html"))
}
