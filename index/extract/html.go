package extract

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/htmlindex"

	"khovanban/index/internal/lazyre"
	"khovanban/index/vntext"
)

// Guards against pathological pages: deeper nesting than this, or more
// elements, is read as a flat token stream instead of a tree (no
// recursion can blow the stack; a tree takes about 280 bytes a node, and
// a saved page of 12 MB, 1.5 million paragraphs, took 826 MB to read,
// one of 16 MB 1.5 GB), and readability gives up on pages with more
// elements.
const (
	maxHTMLDepth = 300
	maxHTMLElems = 200000
	maxHTMLTree  = 16 << 20 // bigger pages are read as tokens too
)

// metaCharset finds the charset a page declares in its first bytes.
var metaCharset = lazyre.New(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)`)

// wordHTML recognises pages saved by Microsoft Word, which are documents
// without site chrome: they are read whole, not through readability.
var wordHTML = lazyre.New(`(?i)urn:schemas-microsoft-com:office:word|<meta[^>]+content=["']?Microsoft Word`)

// readHTML reads a saved web page: the declared (or detected) charset,
// then the article found by readability, without menus, counters,
// related links or footers. Nothing is ever fetched.
func readHTML(ctx context.Context, data []byte, opt Options) (Result, error) {
	text, enc, err := decodeHTML(data)
	if err != nil {
		return Result{}, fmt.Errorf("html: %w", err)
	}
	if len(text) > maxHTMLTree || !htmlTreeFits(text) {
		return Result{Text: dropWebChrome(vntext.Clean(flatHTMLText(text))), Encoding: enc}, nil
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return Result{}, corrupt("html", err)
	}
	res := Result{Encoding: enc}
	if wordHTML.MatchString(text[:min(len(text), 8192)]) {
		res.Title = pageTitle(doc)
		res.Text = nodeText(findBody(doc))
		return res, nil
	}
	p := readability.NewParser()
	p.MaxElemsToParse = maxHTMLElems
	article, err := p.ParseDocument(doc, &url.URL{Scheme: "file", Path: "/"})
	if err != nil || article.Node == nil {
		// not an article page: take all the text of the body
		doc, _ = html.Parse(strings.NewReader(text))
		res.Title = stripSiteName(pageTitle(doc))
		res.Text = dropWebChrome(vntext.Clean(nodeText(findBody(doc))))
		return res, nil
	}
	res.Title = article.Title()
	body := dropWebChrome(vntext.Clean(nodeText(article.Node)))
	if len(body) < shortArticle && mayHoldFields(text) {
		// a portal's properties tab: the table of labels and values that
		// readability left out, after the headline
		if fields := pageFields(findBody(mustParse(text))); fields != "" {
			body = withFields(body, fields)
		}
	}
	if res.Title != "" && !titleOpens(body, res.Title) {
		body = res.Title + "\n\n" + body
	}
	if by := strings.TrimSpace(article.Byline()); by != "" && !strings.Contains(body, by) {
		body += "\n\n" + by // the author line, which readability takes out
	}
	res.Text, _ = fixLegacyParagraphs(body) // .VnTime text in a Unicode page
	return res, nil
}

// mustParse parses a page read once already: the parser does not fail on
// a string.
func mustParse(page string) *html.Node {
	doc, _ := html.Parse(strings.NewReader(page))
	return doc
}

// decodeHTML decodes the page from its declared charset, or finds the
// encoding like a text file when none (or a wrong one) is declared.
func decodeHTML(data []byte) (string, string, error) {
	head := data[:min(len(data), 4096)]
	if m := metaCharset.FindSubmatch(head); m != nil && !bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		label := strings.ToLower(string(m[1]))
		switch {
		case label == "utf-8" || label == "utf8", utf8.Valid(data) && !isASCII(data):
			// A page whose letters beyond ASCII are all well-formed UTF-8
			// is UTF-8, whatever it declares: no Vietnamese text in a
			// legacy code page is (its bytes past 0x7F do not follow
			// UTF-8's pattern for a page), and a page saved again keeps
			// the declaration it was served with. Read as declared
			// (Shift_JIS, Windows-1258, UTF-16…), its text was garbage.
			if utf8.Valid(data) {
				return string(data), encUTF8, nil
			}
		case label == encCP1252 || label == "iso-8859-1" || label == "latin1" || label == "us-ascii":
			// Old Vietnamese sites drew TCVN3 or VNI text with .VnTime or
			// VNI fonts and declared Western European; Word writes a
			// Unicode document so too, its letters beyond Latin-1 as
			// numeric entities.
			enc := westernPageEncoding(data)
			return decodeLegacy(data, enc), enc, nil
		case legacyByName(label) != nil:
			return decodeLegacy(data, label), label, nil
		default:
			// As browsers do, a page declaring UTF-16 is not read as
			// UTF-16 (the declaration, in ASCII, says it is not: a
			// UTF-16 page is found by its byte order mark or zeros).
			// "replacement" (ISO-2022-KR, HZ…) would make the whole page
			// one U+FFFD, x-user-defined every letter past ASCII a
			// private-use one: such pages are read as a text file is.
			name := ""
			e, err := htmlindex.Get(label)
			if err == nil {
				name, _ = htmlindex.Name(e)
			}
			if err == nil && !strings.HasPrefix(name, "utf-16") && name != "replacement" && name != "x-user-defined" {
				if s, err := e.NewDecoder().Bytes(data); err == nil && !bytes.Contains(data, []byte{0}) {
					return string(s), name, nil
				}
			}
		}
	}
	return decodeText(data)
}

// isASCII reports whether data has no byte past 0x7F.
func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// fontFace finds the fonts a page names in its styles and font tags.
var fontFace = lazyre.New(`(?i)(?:font-family\s*:|face\s*=)\s*["']?([^"';,>]+)`)

// numericEntity finds character references beyond Latin-1 ("&#7897;",
// "&#x1EA1;"): only a page in a Unicode font needs them.
var numericEntity = lazyre.New(`&#(?:[0-9]{3,7}|[xX][0-9a-fA-F]{3,6});`)

// westernPageEncoding tells how a page declared Western European is
// really written: with .Vn or VNI fonts named (and no numeric references
// beyond Latin-1) it is TCVN3 or VNI; with such references, or with only
// Unicode fonts named, it is Windows-1252; else the decoding whose text,
// references expanded, reads most as Vietnamese.
func westernPageEncoding(data []byte) string {
	legacy, unicodeFont := "", false
	for _, m := range fontFace.FindAllSubmatch(data, 2000) {
		if enc := fontEncoding(string(m[1])); enc != "" {
			if legacy == "" {
				legacy = enc
			}
		} else {
			unicodeFont = true
		}
	}
	entities := false
	for _, m := range numericEntity.FindAll(data, 100) {
		if r := html.UnescapeString(string(m)); !strings.ContainsFunc(r, func(c rune) bool { return c < 0x100 }) {
			entities = true
			break
		}
	}
	switch {
	case legacy != "" && !entities:
		return legacy
	case entities || unicodeFont:
		return encCP1252
	}
	sample := data[:min(len(data), detectSample)]
	best, bestScore := encCP1252, 0.0
	for _, enc := range []string{encCP1252, encCP1258, encTCVN3, encVNI} {
		score, words := vietnameseScore(html.UnescapeString(legacyByName(enc).decode(sample)))
		if words > 0 && score > bestScore {
			best, bestScore = enc, score
		}
	}
	return best
}

// htmlTreeFits reports whether a page's tree may be built: its elements
// nested no deeper than maxHTMLDepth and no more of them than
// maxHTMLElems, counted with the tokenizer (no tree is built), which
// stops at the first over.
func htmlTreeFits(s string) bool {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, elems := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return true
		case html.StartTagToken:
			if elems++; elems > maxHTMLElems {
				return false
			}
			name, _ := z.TagName()
			if !voidElement(atom.Lookup(name)) {
				if depth++; depth > maxHTMLDepth {
					return false
				}
			}
		case html.SelfClosingTagToken:
			if elems++; elems > maxHTMLElems {
				return false
			}
		case html.EndTagToken:
			depth = max(depth-1, 0)
		}
	}
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Br, atom.Img, atom.Hr, atom.Meta, atom.Link, atom.Input, atom.Area, atom.Base,
		atom.Col, atom.Embed, atom.Param, atom.Source, atom.Track, atom.Wbr, atom.P, atom.Li,
		atom.Td, atom.Tr, atom.Th, atom.Option:
		return true // P, Li, Td... are often left open
	}
	return false
}

// flatHTMLText reads the text of a page from its tokens alone, for pages
// too deeply nested to build a tree of.
func flatHTMLText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Script || a == atom.Style || a == atom.Noscript || a == atom.Noframes {
				if tt == html.StartTagToken {
					skip++
				} else {
					skip = max(skip-1, 0)
				}
			}
			if brk := blockBreak(a); brk != "" {
				b.WriteString(brk)
			}
		}
	}
}

// blockBreak is the text separator an element stands for.
func blockBreak(a atom.Atom) string {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table,
		atom.Ul, atom.Ol, atom.Blockquote, atom.Pre, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Tr, atom.Dl, atom.Figure, atom.Hr, atom.Address, atom.Center:
		return "\n\n"
	case atom.Br, atom.Td, atom.Th, atom.Li, atom.Dt, atom.Dd, atom.Caption:
		return "\n"
	}
	return ""
}

// nodeText renders the text of an HTML subtree with blocks as
// paragraphs and table cells on lines of their own.
func nodeText(n *html.Node) string {
	var b strings.Builder
	writeNodeText(&b, n, 0)
	return b.String()
}

func writeNodeText(b *strings.Builder, n *html.Node, depth int) {
	if n == nil || depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		// white space at either end, a line break in the source
		// included, stands between words
		text := strings.Join(strings.Fields(n.Data), " ")
		if text != "" && startsWithSpace(n.Data) {
			b.WriteByte(' ')
		}
		b.WriteString(text)
		if endsWithSpace(n.Data) {
			b.WriteByte(' ')
		}
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Noframes, atom.Head, atom.Template, atom.Iframe, atom.Select, atom.Button:
			return
		}
		if strings.HasPrefix(n.Data, "o:") && n.Data != "o:p" {
			return // Word's document properties and the like
		}
	}
	brk := blockBreak(n.DataAtom)
	if n.Type == html.ElementNode && brk != "" {
		b.WriteString(brk)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeNodeText(b, c, depth+1)
	}
	if n.Type == html.ElementNode && brk != "" {
		b.WriteString(brk)
	}
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// findBody returns the page's body element, or the document.
func findBody(doc *html.Node) *html.Node {
	var found *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if found != nil || depth > 3 {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	if found == nil {
		return doc
	}
	return found
}

// titleOpens reports whether the title already stands near the start of
// the body, in any case: readability takes a news page's headline out of
// the body, so it is put back, but a document's own header ("KẾ HOẠCH"
// under the issuer) must not get its page title ("Kế hoạch") glued in
// front, which the header reader then took for the subject.
func titleOpens(body, title string) bool {
	head := body[:min(len(body), 2000)]
	return strings.Contains(strings.ToLower(head), strings.ToLower(strings.TrimSpace(title)))
}

// pageTitle is the text of the page's <title>.
func pageTitle(doc *html.Node) string {
	var title string
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if title != "" || depth > 4 {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Title && n.FirstChild != nil {
			title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(doc, 0)
	return title
}

// titleSeparator splits "Headline - Site name" titles.
var titleSeparator = lazyre.New(` [-|–—»:]{1,2} `)

// siteName recognises the last part of a title that names a site.
var siteName = lazyre.New(`(?i)cổng|trang (?:thông tin|tin|chủ)|báo |website|portal|online|\.vn\b|\.com\b|\.net\b|tạp chí|đài |ubnd|ủy ban|uỷ ban|huyện|tỉnh|thành phố|xã |phường`)

// stripSiteName drops the site's name from a page title ("Nghị quyết ...
// - Cổng thông tin điện tử huyện") when the last part names a site and
// what is left is still a title of three words or more.
func stripSiteName(title string) string {
	loc := titleSeparator.FindAllStringIndex(title, -1)
	if len(loc) == 0 {
		return title
	}
	last := loc[len(loc)-1]
	head, tail := strings.TrimSpace(title[:last[0]]), title[last[1]:]
	if len(strings.Fields(head)) < 3 || !siteName.MatchString(tail+" ") {
		return title
	}
	return head
}
