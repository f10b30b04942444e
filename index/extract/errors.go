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
	What  string // the limit, e.g. "file size", "pages", "zip entries"
	Limit int64  // the limit's value
	Got   int64  // what the file had (or at least had)
}

func (e *LimitError) Error() string {
	if isByteLimit(e.What) {
		got, limit := formatBytes(e.Got), formatBytes(e.Limit)
		if got == limit {
			return fmt.Sprintf("%s is over %s, the limit", e.What, limit)
		}
		return fmt.Sprintf("%s is %s, limit %s", e.What, got, limit)
	}
	return fmt.Sprintf("%s is %d, limit %d", e.What, e.Got, e.Limit)
}

// Is makes errors.Is(err, ErrTooLarge) true for a *LimitError.
func (e *LimitError) Is(target error) bool { return target == ErrTooLarge }

func isByteLimit(what string) bool {
	return what == limitFileBytes || what == limitUnzippedBytes
}

// formatBytes writes n in the largest whole unit, e.g. "500 MB".
func formatBytes(n int64) string {
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
