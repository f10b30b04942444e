// Package extract gets the Vietnamese text out of the files a commune
// office keeps: plain text in any of the old Vietnamese encodings, Word
// (.docx and .doc), OpenDocument (.odt), RTF, PDF (with optional OCR of
// scanned pages), saved web pages, and zip archives of all of these.
//
// Everything is pure Go. Scanned PDF pages are read by Tesseract: the
// system's tesseract program when it is installed (on Linux), else a
// build of Tesseract in WebAssembly run inside the process (see OCR). Readers
// never panic and never touch the disk or the network: bad input gives one
// of the sentinel errors (ErrCorrupt, ErrEncrypted, ErrTooLarge, ...)
// wrapped with context.
package extract

import (
	"context"
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// Result is the text of one file.
type Result struct {
	// Text is NFC, with paragraphs separated by a blank line. Table cells
	// are kept apart (one per line) and headings and page headers kept.
	Text string
	// Title is the title the format carries, if any (HTML: the article's
	// headline with the site's name stripped); else "".
	Title string
	// Format is "txt", "md", "docx", "doc", "odt", "rtf", "pdf", "html" or
	// "mht" (a web page saved in one file).
	Format string
	// Encoding is, for text formats, the encoding found: "utf-8",
	// "utf-8-bom", "utf-16le", "utf-16be", "windows-1258", "tcvn3", "vni"
	// or "windows-1252". For other formats it is "" or the legacy
	// encoding found in font runs ("tcvn3", "vni"), or "low-byte" for a
	// text layer written with each letter's low byte (see fixLowByte).
	Encoding string
	// Pages is the number of PDF pages, else 0.
	Pages int
	// OCRPages is how many of them were read by OCR.
	OCRPages int
	// Warnings lists non-fatal problems, e.g. scanned pages not read.
	Warnings []Warning
	// Handwritten is what the digit reader read in the blanks of a
	// scanned first page's header, or nil.
	Handwritten *Handwritten
}

// Warning is a non-fatal problem met while reading a file.
type Warning struct {
	// Code is a stable identifier the UI translates, e.g. "scanned-no-ocr".
	Code string
	// Detail is an English explanation for logs.
	Detail string
}

// Warning codes.
const (
	// WarnScannedNoOCR: some PDF pages have no text and were not OCRed.
	WarnScannedNoOCR = "scanned-no-ocr"
	// WarnOCRFailed: OCR failed on some pages (no picture it can read,
	// or the engine failed), or every page of a scan is blank.
	WarnOCRFailed = "ocr-failed"
	// WarnPageUnreadable: some PDF pages are damaged; the others were read.
	WarnPageUnreadable = "page-unreadable"
)

// Options controls Extract.
type Options struct {
	Limits Limits // zero fields mean DefaultLimits
	// OCR reads PDF pages without a text layer; nil leaves them unread
	// (with a WarnScannedNoOCR warning).
	OCR *OCR
	// OCRProgress hears, before each scanned page is read, its number
	// among the file's scanned pages and how many there are.
	OCRProgress func(page, pages int)
}

// reader reads one format from the whole file.
type reader func(ctx context.Context, data []byte, opt Options) (Result, error)

// readers maps a lower-case extension to its reader and Result.Format.
var readers = map[string]struct {
	format string
	read   reader
}{
	".txt":   {"txt", readText},
	".md":    {"md", readMarkdown},
	".docx":  {"docx", readDocx},
	".doc":   {"doc", readDoc},
	".odt":   {"odt", readODT},
	".rtf":   {"rtf", readRTF},
	".pdf":   {"pdf", readPDF},
	".html":  {"html", readHTML},
	".htm":   {"html", readHTML},
	".mht":   {"mht", readMHT},
	".mhtml": {"mht", readMHT},
}

// Supported reports whether Extract reads files with this name's extension.
func Supported(name string) bool {
	_, ok := readers[ext(name)]
	return ok
}

// IsArchive reports whether name is a zip archive, to be opened with Zip.
func IsArchive(name string) bool {
	return ext(name) == ".zip"
}

func ext(name string) string {
	name = strings.ReplaceAll(name, `\`, "/")
	return strings.ToLower(path.Ext(name))
}

// Extract returns the text of one file, read by the reader its name's
// extension selects; data is the whole file. Errors wrap ErrUnsupported,
// ErrEmpty, ErrTooLarge (a *LimitError), ErrEncrypted, ErrCorrupt or
// ErrBinary, or are ctx's error. A scanned PDF without OCR is not an
// error: it comes back with the text there is and a WarnScannedNoOCR
// warning, so the document is still stored.
func Extract(ctx context.Context, name string, data []byte, opt Options) (res Result, err error) {
	r, ok := readers[ext(name)]
	if !ok {
		return Result{}, fmt.Errorf("%q: %w", path.Base(name), ErrUnsupported)
	}
	opt.Limits = opt.Limits.withDefaults()
	if err := CheckSize(int64(len(data)), opt.Limits); err != nil {
		return Result{}, fmt.Errorf("%s: %w", r.format, err)
	}
	if len(data) == 0 {
		return Result{Format: r.format}, fmt.Errorf("%s: %w (0 bytes)", r.format, ErrEmpty)
	}
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	defer recoverCorrupt(r.format, &err)
	res, err = r.read(ctx, data, opt)
	res.Format = r.format
	if err == nil {
		err = checkTextSize(r.format, len(res.Text), opt.Limits)
	}
	if err != nil {
		return res, err
	}
	if res.Encoding == "" {
		if text, ok := fixLowByte(res.Text); ok {
			res.Text, res.Encoding = text, encLowByte
		} else {
			res.Text, res.Encoding = fixLegacyParagraphs(res.Text)
		}
	}
	if text, ok := fixLegacyWords(res.Text); ok {
		res.Text = text // TCVN3 words left in text that reads right otherwise
		res.Encoding = cmpOr(res.Encoding, encTCVN3)
	}
	res.Text = tidy(res.Text)
	res.Title = strings.TrimSpace(vntext.Clean(res.Title))
	if res.Text == "" && !hasWarning(res.Warnings, WarnScannedNoOCR) && !hasWarning(res.Warnings, WarnOCRFailed) {
		return res, fmt.Errorf("%s: %w", r.format, ErrEmpty)
	}
	return res, nil
}

func hasWarning(ws []Warning, code string) bool {
	for _, w := range ws {
		if w.Code == code {
			return true
		}
	}
	return false
}

// tidy makes text NFC, trims each line, drops control characters and
// leaves exactly one blank line between paragraphs.
func tidy(s string) string {
	s = vntext.Clean(ethToD(s))
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for line := range strings.Lines(s) {
		line = strings.TrimSpace(dropControls(line))
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(line)
	}
	return b.String()
}

// ethToD writes Đ and đ where a font or keyboard gave the look-alike
// Icelandic eth before a letter ("Ðộc lập", "Ðiều 3"): no Vietnamese
// word has an eth, and search would miss the word.
func ethToD(s string) string {
	// Two byte searches: ContainsAny decodes every rune of the text to
	// look it up among the two (0.6 s of an import of 10,000 documents).
	if !strings.Contains(s, "Ð") && !strings.Contains(s, "ð") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if (r == 'Ð' || r == 'ð') && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
			rs[i] = map[rune]rune{'Ð': 'Đ', 'ð': 'đ'}[r]
		}
	}
	return string(rs)
}

// plainLine reports whether dropControls would leave s as it is but for
// a space at either end (which tidy trims): well-formed UTF-8 without
// control characters, tabs or two spaces in a row. Most lines are.
func plainLine(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' || c == 0x7f || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// wideGap is the run of spaces taken for a gap between columns: a typist
// spaces a name 60 to 100 columns across, beside the recipients; the
// blanks of a draft's number and day ("Số:      /UBND", "ngày      tháng")
// and the gap of a typed two-column header are shorter.
const wideGap = 24

// dropControls removes control characters other than tab and collapses
// runs of spaces and tabs to one: a tab if the run had one, so table
// cells in text files stay apart, or if it was wideGap spaces or more,
// the gap a typist spaced across to the other column ("- UBND các tỉnh,
// <90 spaces> Phạm Văn Trọng" in a .doc whose signature column was typed
// beside the recipients).
func dropControls(s string) string {
	if plainLine(s) {
		return s
	}
	return collapseControls(s)
}

// collapseControls is dropControls done byte by byte: the characters it
// drops or collapses are ASCII, and a well-formed rune's other bytes are
// never ASCII, so its bytes are copied as they are; anything else goes
// rune by rune, which writes U+FFFD for each invalid byte
// (FuzzCollapseControls). Rune by rune, with the lines that have two
// spaces in a row, it was 1% of an import's CPU.
func collapseControls(s string) string {
	if !utf8.ValidString(s) {
		return collapseRunes(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var gap byte // pending separator: 0, ' ' or '\t'
	spaces := 0  // in the pending run
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\t':
			gap = '\t'
			continue
		case c == ' ':
			if gap == 0 {
				gap = ' '
			}
			if spaces++; spaces >= wideGap {
				gap = '\t'
			}
			continue
		case c < 0x20 && c != '\n' || c == 0x7f:
			continue
		}
		if gap != 0 && b.Len() > 0 {
			b.WriteByte(gap)
		}
		gap, spaces = 0, 0
		b.WriteByte(c)
	}
	return b.String()
}

// collapseRunes is dropControls done rune by rune.
func collapseRunes(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var gap rune // pending separator: 0, ' ' or '\t'
	spaces := 0  // in the pending run
	for _, r := range s {
		switch {
		case r == '\t':
			gap = '\t'
			continue
		case r == ' ':
			if gap == 0 {
				gap = ' '
			}
			if spaces++; spaces >= wideGap {
				gap = '\t'
			}
			continue
		case r < 0x20 && r != '\n' || r == 0x7f:
			continue
		}
		if gap != 0 && b.Len() > 0 {
			b.WriteRune(gap)
		}
		gap, spaces = 0, 0
		b.WriteRune(r)
	}
	return b.String()
}
