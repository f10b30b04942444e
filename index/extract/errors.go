package extract

import (
	"errors"
	"fmt"
)

// Sentinel errors. Every error Extract and Zip return wraps one of them
// with context (the format, the limit), so callers test with errors.Is.
var (
	// ErrUnsupported means the file's name has no extension this package reads.
	ErrUnsupported = errors.New("unsupported file type")
	// ErrEmpty means the file has zero bytes or holds no text at all.
	ErrEmpty = errors.New("file has no text")
	// ErrTooLarge means a limit was hit; the error is a *LimitError.
	ErrTooLarge = errors.New("file too large")
	// ErrEncrypted means the document is password protected.
	ErrEncrypted = errors.New("file is encrypted")
	// ErrCorrupt means the file is truncated, garbled or not the format its
	// name says.
	ErrCorrupt = errors.New("file is damaged or not in the format its name says")
	// ErrBinary means a text file holds binary data.
	ErrBinary = errors.New("file holds binary data, not text")
)

// LimitError names the limit a file went over. It matches ErrTooLarge
// with errors.Is, so the UI can say which limit and its value.
type LimitError struct {
	What  string // the limit, e.g. "file size", "part size", "pages", "zip entries"
	Limit int64  // the limit's value
	Got   int64  // what the file had, or, with AtLeast, how far reading went
	// AtLeast says that reading stopped at the limit: the file has more
	// than Limit, how much more is not known.
	AtLeast bool
	// Part names the member of a zip or document, or the PDF object, that
	// went over the limit; "" for the whole file.
	Part string
}

func (e *LimitError) Error() string {
	part := ""
	if e.Part != "" {
		part = e.Part + ": "
	}
	if isByteLimit(e.What) {
		got, limit := FormatBytes(e.Got), FormatBytes(e.Limit)
		if e.AtLeast || got == limit {
			return fmt.Sprintf("%s%s is over %s, the limit", part, e.What, limit)
		}
		return fmt.Sprintf("%s%s is %s, limit %s", part, e.What, got, limit)
	}
	return fmt.Sprintf("%s%s is %d, limit %d", part, e.What, e.Got, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true for a *LimitError.
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

// IsBytes reports whether the limit is a number of bytes (file, unzipped,
// part or text size), to be shown with FormatBytes.
func (e *LimitError) IsBytes() bool { return isByteLimit(e.What) }

func isByteLimit(what string) bool {
	switch what {
	case limitFileBytes, limitUnzippedBytes, limitPartBytes, limitTextBytes:
		return true
	}
	return false
}

// FormatBytes writes n in the largest whole unit, e.g. "500 MB", "1.5 MB",
// "300 KB".
func FormatBytes(n int64) string {
	const mb = 1 << 20
	switch {
	case n >= 10*mb:
		return fmt.Sprintf("%d MB", n/mb)
	case n >= mb:
		return fmt.Sprintf("%.1f MB", float64(n)/mb)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// corrupt wraps ErrCorrupt with the format and what was wrong.
func corrupt(format string, detail any) error {
	if detail == nil {
		return fmt.Errorf("%s: %w", format, ErrCorrupt)
	}
	return fmt.Errorf("%s: %w: %v", format, ErrCorrupt, detail)
}

// recoverCorrupt turns a panic inside a reader into ErrCorrupt. Use it as
// defer recoverCorrupt("pdf", &err).
func recoverCorrupt(format string, err *error) {
	if r := recover(); r != nil {
		*err = corrupt(format, fmt.Sprintf("reader failed: %v", r))
	}
}
