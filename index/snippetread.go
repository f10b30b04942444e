package index

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
	"unicode/utf8"

	"khovanban/index/internal/archivestore"
)

// Snippets read only what they need of a text: a piece of snippetPiece at
// a time, stopping once a piece has given a window that marks every
// distinct word of the query, or, past snippetReach, once any window marks
// something. So the cost of a hit does not grow with its document's
// length, only with how far into it the query's words first stand, and
// never past snippetScanMax: a text whose first match stands further (or
// that matched only by its title) shows its start, unmarked.
const (
	snippetPiece   = 16 << 10
	snippetReach   = 64 << 10
	snippetScanMax = 256 << 10
	// rawSnippetMax is the largest document file read whole for a hit
	// (only its metadata decoded); larger ones are read as a stream.
	rawSnippetMax = 256 << 10
)

// textPieces gives a text a piece at a time: docText (a stream) and
// rawText (a file in memory).
type textPieces interface {
	// next returns the next piece, of about size bytes, cut between words;
	// io.EOF after the last.
	next(size int) (string, error)
	// more tells whether text follows the piece last returned.
	more() bool
}

func (t *docText) more() bool { return !t.done || len(t.carry) > 0 }

// snippetIn picks the snippet of a text read a piece at a time: the best
// window of the pieces read (windowScore), the first piece's start when
// nothing matches in the first snippetScanMax. The error is that of a
// damaged text.
func (h *highlighter) snippetIn(t textPieces) (Snippet, error) {
	var best Snippet
	var bestScore windowScore
	for scanned := 0; scanned < snippetScanMax; {
		text, err := t.next(snippetPiece)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Snippet{}, err
		}
		sn, score := h.snippetOf(text, scanned > 0, t.more())
		if scanned == 0 || score.better(bestScore) {
			best, bestScore = sn, score
		}
		scanned += len(text)
		switch {
		case h.none(),
			bestScore.distinct >= h.wanted && h.wanted > 0,
			bestScore.distinct > 0 && scanned >= snippetReach:
			return best, nil
		}
	}
	return best, nil
}

// smallDoc is a live document of format 1 whose file is at most
// rawSnippetMax, its metadata decoded and its text unread, from the hit
// cache when its file has not changed since; nil without an error when it
// is larger, unreadable as such or in the volume store (openHead reads
// those).
func (s *store) smallDoc(id string) (*Document, *rawText, error) {
	if s.vol != nil {
		return s.smallVolumeDoc(id)
	}
	path := s.docPath(id)
	st, err := os.Stat(path)
	if missing(err) {
		return nil, nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil || st.Size() > rawSnippetMax {
		return nil, nil, nil
	}
	if e, ok := s.hits.get(id); ok && e.file != nil && os.SameFile(e.file, st) && e.file.ModTime().Equal(st.ModTime()) && e.file.Size() == st.Size() {
		return e.doc, &rawText{rest: e.text}, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, nil
	}
	d, text, ok := splitRawDoc(raw)
	if !ok {
		return nil, nil, nil
	}
	s.hits.put(id, cachedHit{file: st, doc: d, text: text.rest})
	return d, text, nil
}

// smallVolumeDoc is smallDoc in the volume store: a document whose text is
// at most rawSnippetMax, read whole (plain there), its metadata decoded;
// from the hit cache while its catalog entry is the same (a write gives
// the text a new place or the metadata new bytes).
func (s *store) smallVolumeDoc(id string) (*Document, *rawText, error) {
	e, err := s.vol.st.Get(archivestore.Live, id)
	if errors.Is(err, archivestore.ErrNotFound) {
		return nil, nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil || e.TextLen > rawSnippetMax {
		return nil, nil, nil // openHead says what is wrong, or streams it
	}
	if c, ok := s.hits.get(id); ok && c.file == nil && c.loc == e.Text && bytes.Equal(c.meta, e.Meta) {
		return c.doc, &rawText{rest: c.text, plain: true}, nil
	}
	d, err := decodeMeta(id, e)
	if err != nil {
		return nil, nil, nil
	}
	text, err := s.vol.st.Text(id, e)
	if err != nil {
		return nil, nil, nil
	}
	s.hits.put(id, cachedHit{loc: e.Text, meta: e.Meta, doc: d, text: text})
	return d, &rawText{rest: text, plain: true}, nil
}

// headText is a live document's metadata and the first piece, of about
// size bytes, of its text ("" when it has none or it cannot be read):
// from smallDoc when it can, else read as a stream. ok is false when the
// document cannot be read.
func (s *store) headText(id string, size int) (d *Document, text string, ok bool) {
	if d, t, err := s.smallDoc(id); err != nil {
		return nil, "", false
	} else if d != nil {
		text, _ := t.next(size)
		return d, text, true
	}
	h, err := s.openHead(id)
	if err != nil {
		return nil, "", false
	}
	defer h.Close()
	return h.doc, h.firstText(size), true
}

// hitCache keeps the files of the latest hits, their metadata decoded,
// so that the window's next keystroke, page or facet shows them without
// reading and decoding them again; an entry serves only while its file is
// the same (same file, size and time of change: every write replaces the
// file). Its zero value is empty; it holds at most hitCacheBytes of text.
type hitCache struct {
	mu      sync.Mutex
	entries map[string]cachedHit
	bytes   int
}

type cachedHit struct {
	file os.FileInfo      // format 1: the document file read
	loc  archivestore.Loc // format 2: where its text lies, and
	meta []byte           // its metadata as the catalog holds it
	doc  *Document        // never changed once cached
	text []byte           // its text: the JSON string after the opening quote (format 1), or plain
}

const hitCacheBytes = 8 << 20

func (c *hitCache) get(id string) (cachedHit, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[id]
	return e, ok
}

func (c *hitCache) put(id string, e cachedHit) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || c.bytes+len(e.text) > hitCacheBytes {
		c.entries, c.bytes = map[string]cachedHit{}, 0
	}
	if old, ok := c.entries[id]; ok {
		c.bytes -= len(old.text)
	}
	c.entries[id] = e
	c.bytes += len(e.text)
}

// splitRawDoc decodes the metadata of a stored document file held in
// memory, and returns its text unread: everything before the "text" key,
// which Document's encoding writes last (as decodeDocHead reads it).
func splitRawDoc(raw []byte) (*Document, *rawText, bool) {
	at := bytes.Index(raw, textKey)
	if at < 1 || raw[at-1] != ',' {
		return nil, nil, false
	}
	head := make([]byte, at)
	copy(head, raw[:at-1])
	head[at-1] = '}'
	var d Document
	if json.Unmarshal(head, &d) != nil || d.ID == "" {
		return nil, nil, false
	}
	return &d, &rawText{rest: raw[at+len(textKey):]}, true
}

// rawText reads a text held in memory, a JSON string (from just after its
// opening quote) unescaped or a plain text, in pieces that end between
// words; unlike docText it copies runs of plain bytes at once.
type rawText struct {
	rest  []byte
	carry []byte // the start of a word cut at the end of the last piece
	done  bool
	plain bool // rest is the text itself, to its end
}

func (t *rawText) more() bool { return !t.done || len(t.carry) > 0 }

func (t *rawText) next(size int) (string, error) {
	if t.done && len(t.carry) == 0 {
		return "", io.EOF
	}
	buf := append(make([]byte, 0, size+8), t.carry...)
	t.carry = t.carry[:0]
	for len(buf) < size && !t.done {
		var err error
		if buf, err = t.unescape(buf, size); errors.Is(err, errDocTextEnd) {
			t.done = true
		} else if err != nil {
			t.done = true
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
		if cut >= 0 { // else a piece of one character: kept whole
			t.carry = append(t.carry, buf[cut+1:]...)
			buf = buf[:cut+1]
		}
	}
	return string(buf), nil
}

// unescape appends to buf the plain bytes up to the next escape or the
// string's end (at most up to size bytes in buf), then that escape.
func (t *rawText) unescape(buf []byte, size int) ([]byte, error) {
	if t.plain {
		n := min(size-len(buf), len(t.rest))
		buf = append(buf, t.rest[:n]...)
		t.rest = t.rest[n:]
		if len(t.rest) == 0 {
			return buf, errDocTextEnd
		}
		return buf, nil
	}
	run := t.rest
	if room := size - len(buf); len(run) > room {
		run = run[:room]
	}
	n := bytes.IndexByte(run, '\\')
	if n < 0 {
		n = len(run)
	}
	if q := bytes.IndexByte(run[:n], '"'); q >= 0 {
		buf = append(buf, run[:q]...)
		t.rest = t.rest[q+1:]
		return buf, errDocTextEnd
	}
	buf = append(buf, run[:n]...)
	t.rest = t.rest[n:]
	if len(t.rest) == 0 {
		return buf, ErrDamaged // no closing quote
	}
	if t.rest[0] != '\\' {
		return buf, nil // the piece is full
	}
	if len(t.rest) < 2 {
		return buf, ErrDamaged
	}
	e := t.rest[1]
	t.rest = t.rest[2:]
	return appendEscape(buf, e, t.hex4, t.nextU)
}

// nextU takes the "\u" that starts the rest, if it does.
func (t *rawText) nextU() bool {
	if len(t.rest) >= 2 && t.rest[0] == '\\' && t.rest[1] == 'u' {
		t.rest = t.rest[2:]
		return true
	}
	return false
}

func (t *rawText) hex4() (rune, bool) {
	if len(t.rest) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(t.rest[:4]), 16, 16)
	t.rest = t.rest[4:]
	return rune(n), err == nil
}
