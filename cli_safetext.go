package main

import (
	"io"
	"unicode/utf8"
)

// safeText writes to w what the command line prints with the control
// characters a terminal acts on (escape sequences, the bell, C1 controls:
// all but tab, line feed and carriage return) shown as U+FFFD. A
// document's fields come from files and from packs other offices send;
// one printed as it is could move the cursor, erase the lines above (the
// warning that a pack is unsigned), change the window's title or, in some
// terminals, the clipboard. JSON output has them escaped already.
type safeText struct{ w io.Writer }

func (s safeText) Write(p []byte) (int, error) {
	i := firstUnsafe(p)
	if i < 0 {
		return s.w.Write(p)
	}
	written := len(p)
	out := make([]byte, 0, len(p)+8)
	for len(p) > 0 {
		if i < 0 {
			out = append(out, p...)
			break
		}
		out = append(out, p[:i]...)
		_, n := utf8.DecodeRune(p[i:])
		out = utf8.AppendRune(out, utf8.RuneError)
		p = p[i+n:]
		i = firstUnsafe(p)
	}
	if _, err := s.w.Write(out); err != nil {
		return 0, err
	}
	return written, nil
}

// firstUnsafe is the index of the first control character in p that a
// terminal acts on, or -1.
func firstUnsafe(p []byte) int {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7f:
			return i
		case c == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f: // U+0080–U+009F
			return i
		}
	}
	return -1
}
