package index

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// A stored document file is one JSON object whose "text" field comes last
// (Document's field order, kept by encoding/json), so that what a result
// list or the Trash shows can be read without the text: readDocHead stops
// at "text", and docText reads the text a piece at a time.

// wholeDocMax is the largest document file read whole for a search hit;
// a larger one is read in parts (its metadata, then pieces of its text).
const wholeDocMax = 1 << 20

// docHead is an open document read up to its text: a document file, or
// an entry of the volume store (volumestore.go) whose text is plain.
type docHead struct {
	doc    *Document
	text   io.Reader // from just after the "text" key; nil if it has no text
	plain  bool      // text is the text itself, not a JSON string
	closer io.Closer
}

func (h *docHead) Close() error { return h.closer.Close() }

// newText starts reading the head's text a piece at a time.
func (h *docHead) newText() (*docText, error) {
	if h.plain {
		return newPlainText(h.text), nil
	}
	return newDocText(h.text)
}

// openDocHead reads a document file's metadata, leaving Text empty and
// the text unread but for a few kilobytes.
func openDocHead(dir, path string) (*docHead, error) {
	f, _, err := openArchiveFile(dir, path)
	if err != nil {
		return nil, err
	}
	d, rest, err := decodeDocHead(bufio.NewReaderSize(f, 16<<10))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return &docHead{doc: d, text: rest, closer: f}, nil
}

// readDocHead reads a document file's metadata without its text.
func readDocHead(dir, path string) (*Document, error) {
	h, err := openDocHead(dir, path)
	if err != nil {
		return nil, err
	}
	h.Close()
	return h.doc, nil
}

// decodeDocHead decodes the fields of a document object up to its "text"
// key and returns the reader positioned just after that key.
func decodeDocHead(r io.Reader) (*Document, io.Reader, error) {
	dec := json.NewDecoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, ErrDamaged
	}
	var obj bytes.Buffer
	obj.WriteByte('{')
	var rest io.Reader
	for dec.More() {
		tok, err := dec.Token()
		key, ok := tok.(string)
		if err != nil || !ok {
			return nil, nil, ErrDamaged
		}
		if key == "text" {
			rest = io.MultiReader(dec.Buffered(), r)
			break
		}
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, nil, ErrDamaged
		}
		if obj.Len() > 1 {
			obj.WriteByte(',')
		}
		obj.WriteString(strconv.Quote(key))
		obj.WriteByte(':')
		obj.Write(value)
	}
	obj.WriteByte('}')
	var d Document
	if err := json.Unmarshal(obj.Bytes(), &d); err != nil {
		return nil, nil, ErrDamaged
	}
	if d.ID == "" {
		return nil, nil, fmt.Errorf("no id: %w", ErrDamaged)
	}
	return &d, rest, nil
}

// docText reads a document's text, unescaped, from just after its "text"
// key, in pieces that end between words.
type docText struct {
	r     *bufio.Reader
	carry []byte // the start of a word cut at the end of the last piece
	done  bool
	plain bool // r holds the text itself, not a JSON string
}

// newPlainText reads a text that is stored as it is (the volume store's).
func newPlainText(r io.Reader) *docText {
	return &docText{r: bufio.NewReaderSize(r, 64<<10), plain: true}
}

// newDocText starts reading the JSON string that follows the "text" key.
func newDocText(r io.Reader) (*docText, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for _, want := range []byte{':', '"'} {
		for {
			c, err := br.ReadByte()
			if err != nil {
				return nil, ErrDamaged
			}
			if c == ' ' || c == '\n' || c == '\r' || c == '\t' {
				continue
			}
			if c != want {
				return nil, ErrDamaged
			}
			break
		}
	}
	return &docText{r: br}, nil
}

var errDocTextEnd = errors.New("end of the text")

// next returns the next piece of text, of about size bytes, cut after a
// space or line break where there is one; io.EOF after the last.
func (t *docText) next(size int) (string, error) {
	if t.done && len(t.carry) == 0 {
		return "", io.EOF
	}
	buf := append(make([]byte, 0, size+8), t.carry...)
	t.carry = t.carry[:0]
	for len(buf) < size && !t.done {
		var err error
		if buf, err = t.unescape(buf); errors.Is(err, errDocTextEnd) {
			t.done = true
		} else if err != nil {
			return "", err
		}
	}
	if !t.done {
		cut := bytes.LastIndexAny(buf, " \n\t")
		if cut < len(buf)/2 {
			// no break near the end: cut at a character boundary
			cut = len(buf) - 1
			for cut > 0 && !utf8.RuneStart(buf[cut]) {
				cut--
			}
			cut--
		}
		t.carry = append(t.carry, buf[cut+1:]...)
		buf = buf[:cut+1]
	}
	return string(buf), nil
}

// unescape appends one character of the JSON string to buf (up to 4 KB
// of a plain text).
func (t *docText) unescape(buf []byte) ([]byte, error) {
	if t.plain {
		var chunk [4 << 10]byte
		n, err := t.r.Read(chunk[:])
		switch {
		case err == nil:
			return append(buf, chunk[:n]...), nil
		case errors.Is(err, io.EOF):
			return buf, errDocTextEnd
		}
		return buf, fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	c, err := t.r.ReadByte()
	if err != nil {
		return buf, ErrDamaged
	}
	switch c {
	case '"':
		return buf, errDocTextEnd
	case '\\':
	default:
		return append(buf, c), nil
	}
	e, err := t.r.ReadByte()
	if err != nil {
		return buf, ErrDamaged
	}
	return appendEscape(buf, e, t.hex4, t.nextU)
}

// nextU takes the "\u" that comes next, if it does.
func (t *docText) nextU() bool {
	if b, _ := t.r.Peek(2); string(b) == `\u` {
		t.r.Discard(2)
		return true
	}
	return false
}

func (t *docText) hex4() (rune, bool) {
	var b [4]byte
	if _, err := io.ReadFull(t.r, b[:]); err != nil {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:]), 16, 16)
	return rune(n), err == nil
}

// appendEscape appends to buf what the JSON escape whose letter, after
// the backslash, is e stands for (docText and rawText read a stored text
// each its own way): hex4 reads the four digits after \u, and nextU takes
// the "\u" of a surrogate pair's second half when it follows.
func appendEscape(buf []byte, e byte, hex4 func() (rune, bool), nextU func() bool) ([]byte, error) {
	switch e {
	case 'n':
		return append(buf, '\n'), nil
	case 't':
		return append(buf, '\t'), nil
	case 'r':
		return append(buf, '\r'), nil
	case 'b':
		return append(buf, '\b'), nil
	case 'f':
		return append(buf, '\f'), nil
	case '"', '\\', '/':
		return append(buf, e), nil
	case 'u':
		r, ok := hex4()
		if !ok {
			return buf, ErrDamaged
		}
		if utf16.IsSurrogate(r) {
			if !nextU() {
				return utf8.AppendRune(buf, utf8.RuneError), nil
			}
			r2, ok := hex4()
			if !ok {
				return buf, ErrDamaged
			}
			r = utf16.DecodeRune(r, r2)
		}
		return utf8.AppendRune(buf, r), nil
	}
	return buf, ErrDamaged
}
