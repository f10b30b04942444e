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

// What openRegular does not refuse, and why:
//
//   - Hard links. A file with several names is read as any file: backups
//     made by rsnapshot (and Time Machine, and cp -al) are full of them,
//     and a hard link cannot lead off its own file system, so one on a
//     USB stick or in a zip's folder can only name the stick's own files;
//     on the person's disk, Linux (protected_hardlinks) lets no one link
//     a file they could not already read. Nothing is refused for a link
//     count above one.
//   - A folder above the file swapped for a link between the walk that
//     listed the file and its reading (O_NOFOLLOW guards the last name
//     only). It needs someone writing to the medium while the import
//     runs; a stick, a zip or a pack does not change by itself, and what
//     it can do is read a file outside the folder (one the person can
//     read) into the archive, never write anywhere. os.Root (Go 1.24+)
//     would close it for the walk: the folder chosen as the root, each
//     file opened by its path below it (openat, one name at a time, no
//     way out). It is left open because the root would have to travel
//     with every path through the import's stages (files named on the
//     command line, dropped on the window, a folder's walk, each with
//     its own root) for a race that needs a live attacker on the medium.
//     For the archive's own files os.Root does not fit: bbolt (the
//     catalog, Bleve's root.bolt) and Bleve open their files by path
//     only; checkLinks refuses a link out of the folder before Open
//     writes, and the lock keeps other copies of the program out.
//
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
