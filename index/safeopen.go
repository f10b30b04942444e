package index

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ErrNotRegular is the reason a file is not read that is no regular file:
// a named pipe (FIFO), a socket or a device. Opening a named pipe waits
// for a writer that never comes (the import or the archive would hang
// for ever), and a device can be endless or act on being opened; a USB
// stick or a zip of another machine can carry either.
var ErrNotRegular = errors.New("not a regular file (a named pipe, socket or device)")

// openRegular opens the regular file at path for reading, without ever
// waiting on what stands there. What path names is looked at first,
// without opening it (os.Lstat; os.Stat when follow), and only a regular
// file is opened. The opening itself does not wait (O_NONBLOCK: a named
// pipe swapped in meanwhile opens at once, and is then refused) and, when
// not follow, follows no link in the last place (O_NOFOLLOW); the file
// opened must be the one looked at. A link where follow is false is
// ErrSymlink; anything but a regular file, ErrNotRegular; a change
// between the look and the opening, ErrFileSwapped. Each is wrapped with
// the file's name.
func openRegular(path string, follow bool) (*os.File, fs.FileInfo, error) {
	look := os.Lstat
	flags := os.O_RDONLY | openNoWait
	if follow {
		look = os.Stat
	} else {
		flags |= openNoFollow
	}
	named, err := look(path)
	if err != nil {
		return nil, nil, err
	}
	name := filepath.Base(path)
	switch {
	case named.Mode()&fs.ModeSymlink != 0:
		return nil, nil, fmt.Errorf("%s: %w", name, ErrSymlink)
	case !named.Mode().IsRegular():
		return nil, nil, fmt.Errorf("%s: %w", name, ErrNotRegular)
	}
	f, err := os.OpenFile(path, flags, 0)
	if errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.ENXIO) {
		// a link (O_NOFOLLOW) or a socket or device put there meanwhile
		return nil, nil, fmt.Errorf("%s: %w", name, ErrFileSwapped)
	}
	if err != nil {
		return nil, nil, err
	}
	opened, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !opened.Mode().IsRegular() || !os.SameFile(named, opened) {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", name, ErrFileSwapped)
	}
	return f, opened, nil
}

// readAllSized reads f to its end, size bytes expected.
func readAllSized(f *os.File, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(size) + bytes.MinRead)
	if _, err := b.ReadFrom(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
