package index

import (
	"errors"
	"strings"
	"syscall"
)

// IsDiskFull reports whether err comes from a full disk: errors.Is sees
// syscall.ENOSPC in it, or, on Windows, ERROR_DISK_FULL or
// ERROR_HANDLE_DISK_FULL (which errors.Is does not take for ENOSPC), or
// its text ends with one of them (an error of Bleve's offline builder,
// which keeps only the text). The index's own errors say ENOSPC already
// (asDiskFull); this is for errors met elsewhere, such as Open's.
func IsDiskFull(err error) bool {
	return err != nil && (errors.Is(err, syscall.ENOSPC) || diskFullErr(err) || diskFullText(err))
}

// diskFullErr reports whether err is a full disk's: one of
// diskFullErrnos (syscall.ENOSPC; on Windows also ERROR_DISK_FULL and
// ERROR_HANDLE_DISK_FULL, which errors.Is does not take for ENOSPC).
func diskFullErr(err error) bool {
	for _, e := range diskFullErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// diskFullText reports whether err's text ends with a full disk's errno
// as this system words it ("…: no space left on device"; on Windows
// "…: There is not enough space on the disk." or the system's own
// language). Bleve's offline builder formats the errors it meets with
// %v: only their text is left. Only the end is read, after ": ", where
// Go's file errors put their errno: a path or a document's words earlier
// in the text do not count.
func diskFullText(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	for _, e := range diskFullErrnos {
		if strings.HasSuffix(msg, ": "+e.Error()) {
			return true
		}
	}
	return false
}

// asDiskFull returns err with syscall.ENOSPC added when it is a full
// disk's and errors.Is does not see ENOSPC in it already (see
// diskFullErr, diskFullText): the window and the command line read
// ENOSPC.
func asDiskFull(err error) error {
	if !IsDiskFull(err) || errors.Is(err, syscall.ENOSPC) {
		return err
	}
	return &diskFullError{err}
}

// diskFullError is a full disk's error that errors.Is does not see as
// syscall.ENOSPC by itself; its text is the error's own.
type diskFullError struct{ err error }

func (e *diskFullError) Error() string { return e.err.Error() }
func (e *diskFullError) Unwrap() error { return e.err }

// Is makes errors.Is see syscall.ENOSPC in it.
func (e *diskFullError) Is(target error) bool { return target == syscall.ENOSPC }
