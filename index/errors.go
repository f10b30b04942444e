package index

import "errors"

// Errors that callers tell apart with errors.Is; the window and the command
// line turn them into short messages in the person's language.
var (
	// ErrLocked means another process has the archive open.
	ErrLocked = errors.New("archive is open in another process")
	// ErrNotFound means no document has that id.
	ErrNotFound = errors.New("no such document")
	// ErrAmbiguous means an id prefix names more than one document.
	ErrAmbiguous = errors.New("id prefix matches several documents")
	// ErrDamaged means a stored file is not what the archive wrote.
	ErrDamaged = errors.New("stored file is damaged")
	// ErrNotArchive means a folder exists but is not an archive.
	ErrNotArchive = errors.New("folder is not an archive")
	// ErrBadField means an edit names a field that cannot be set, or a
	// value it cannot take.
	ErrBadField = errors.New("invalid field or value")
	// ErrYearNotDate means an edit would give a document a year other than
	// its date's.
	ErrYearNotDate = errors.New("the year is not the date's year")
	// ErrClosed means the archive was closed.
	ErrClosed = errors.New("archive is closed")
	// ErrReadOnly means a write was asked of an archive opened for
	// reading only.
	ErrReadOnly = errors.New("archive is open for reading only")
	// ErrIndexBusy means the search index was being replaced (a rebuild,
	// or the swap at the end of a bulk import) when it was asked for.
	ErrIndexBusy = errors.New("the search index is being replaced")
)
