package index

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrLinkOutside means that a part of the archive folder (its index, its
// volumes, its catalog, its cache…) is a link to a place outside the
// folder: a symbolic link, or on Windows a junction. An archive brought
// on a USB stick, restored or copied with such a link would send the
// program's writes there, over the person's other files; Open refuses it.
var ErrLinkOutside = errors.New("a part of the archive is a link to outside its folder")

// LinkOutsideError names the part of the archive that is a link out of
// it and where it leads. It matches ErrLinkOutside.
type LinkOutsideError struct {
	Part   string // relative to the archive folder
	Target string // where the link leads, as far as it could be told
	// Reading says the archive was to be read, not written: opened for
	// reading only or backed up. Read through the link, the files it
	// leads to (a person's private folder, /etc) would be shown or put
	// into a backup as the archive's.
	Reading bool
}

func (e *LinkOutsideError) Error() string {
	return fmt.Sprintf("%v: %s -> %s", ErrLinkOutside, e.Part, e.Target)
}

// Unwrap makes errors.Is(err, ErrLinkOutside) hold.
func (e *LinkOutsideError) Unwrap() error { return ErrLinkOutside }

// SpecialFileError names a part of the archive folder that is a named
// pipe, a socket or a device rather than a file or a folder: opening it
// to read would wait for ever (a pipe) or read without end (a device).
// The archive is refused before anything is opened. It matches
// ErrNotRegular.
type SpecialFileError struct {
	Part string // relative to the archive folder
}

func (e *SpecialFileError) Error() string {
	return fmt.Sprintf("archive part %s: %v", e.Part, ErrNotRegular)
}

// Unwrap makes errors.Is(err, ErrNotRegular) hold.
func (e *SpecialFileError) Unwrap() error { return ErrNotRegular }

// specialModes are the kinds of file that opening can block on or that
// read without end.
const specialModes = fs.ModeNamedPipe | fs.ModeSocket | fs.ModeDevice | fs.ModeCharDevice

// checkLinks refuses an archive folder that holds a link leading outside
// it, or a named pipe, socket or device (SpecialFileError), before
// anything is written there (the lock file is the first write) or read
// (the marker is the first read). The folder itself may be reached
// through links (a Documents folder that is one): the parts are compared
// with where it really is. A link that stays inside the folder is let
// be. WalkDir follows no link, so a link is looked at once, where it is.
// The documents of format 1 (millions of small files in two-level
// shards) are not walked: their shard folders are looked at, not each
// file, which is opened by openArchiveFile (no link out followed, no
// pipe waited on) when it is read, and removed by the migration without
// being followed. reading says the archive is to be read only (a
// read-only open, a backup), for the error's message.
func checkLinks(dir string, reading bool) error {
	root, err := realDir(dir)
	if err != nil {
		return fmt.Errorf("read archive %s: %w", dir, err)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil && p != root && missing(err) {
			return nil // removed meanwhile (a backup of the archive the window writes to)
		}
		if err != nil {
			return fmt.Errorf("read archive %s: %w", dir, err)
		}
		rel, _ := filepath.Rel(root, p)
		if d.Type()&(fs.ModeSymlink|fs.ModeIrregular) != 0 {
			if target, out := leadsOutside(root, p, d.Type()); out {
				return &LinkOutsideError{Part: rel, Target: target, Reading: reading}
			}
			return nil
		}
		if d.Type()&specialModes != 0 {
			return &SpecialFileError{Part: rel}
		}
		if d.IsDir() && isFormat1Shard(rel) {
			return fs.SkipDir
		}
		return nil
	})
}

// openArchiveFile opens a file of the archive in dir for reading, when
// it is one: a link that leads out of the folder is a *LinkOutsideError,
// one that stays inside is followed; a named pipe, socket or device is
// not opened (ErrNotRegular), nor waited on if one is put there
// meanwhile (see openRegular). The documents of format 1, which
// checkLinks does not walk one by one, are read through it.
func openArchiveFile(dir, path string) (*os.File, fs.FileInfo, error) {
	f, st, err := openRegular(path, false)
	if errors.Is(err, ErrNotRegular) {
		return nil, nil, &SpecialFileError{Part: mustRel(dir, path)}
	}
	if !errors.Is(err, ErrSymlink) {
		return f, st, err
	}
	root, rerr := realDir(dir)
	if rerr != nil {
		return nil, nil, fmt.Errorf("read archive %s: %w", dir, rerr)
	}
	real := filepath.Join(root, mustRel(dir, path))
	if target, out := leadsOutside(root, real, fs.ModeSymlink); out {
		return nil, nil, &LinkOutsideError{Part: mustRel(dir, path), Target: target, Reading: true}
	}
	return openRegular(path, true)
}

// readArchiveFile reads a file of the archive in dir whole, opened by
// openArchiveFile.
func readArchiveFile(dir, path string) ([]byte, error) {
	f, st, err := openArchiveFile(dir, path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAllSized(f, st.Size())
}

// mustRel is path relative to dir, or path itself when it is not below.
func mustRel(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		return rel
	}
	return path
}

// isFormat1Shard reports whether rel is a shard folder of format 1's
// documents, originals or Trash (docs/ab).
func isFormat1Shard(rel string) bool {
	top, rest, ok := strings.Cut(filepath.ToSlash(rel), "/")
	return ok && !strings.Contains(rest, "/") && (top == docsDir || top == originalsDir || top == trashDir)
}

// leadsOutside reports whether the entry p, a link or an irregular file,
// leads outside root, and where. Since Go 1.23 Windows junctions are
// irregular, not symbolic links, and filepath.EvalSymlinks does not
// follow them, but os.Readlink reads them; an irregular file that is no
// link (a cloud file of OneDrive, a deduplicated file) has no target and
// stays. A link whose target cannot be resolved (missing: a write would
// create it there) is judged by its target's path.
func leadsOutside(root, p string, mode fs.FileMode) (string, bool) {
	target, err := os.Readlink(p)
	if err != nil {
		return "?", mode&fs.ModeSymlink != 0
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(p), target)
	}
	target = filepath.Clean(target)
	if real, err := filepath.EvalSymlinks(target); err == nil {
		target = real
	}
	rel, err := filepath.Rel(root, target)
	outside := err != nil || filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
	return target, outside
}

// checkLinkAt refuses the one entry name of the archive folder dir when
// it is a link leading outside it.
func checkLinkAt(dir, name string) error {
	root, err := realDir(dir)
	if err != nil {
		return fmt.Errorf("read archive %s: %w", dir, err)
	}
	p := filepath.Join(root, name)
	st, err := os.Lstat(p)
	if err != nil || st.Mode()&(fs.ModeSymlink|fs.ModeIrregular) == 0 {
		return nil
	}
	if target, out := leadsOutside(root, p, st.Mode()); out {
		return &LinkOutsideError{Part: name, Target: target}
	}
	return nil
}

// realDir is where the folder dir really is, its links resolved. On
// Windows filepath.EvalSymlinks fails (ENOTDIR) on a path through a
// junction, which it no longer follows since Go 1.23: the folder's
// absolute path is taken then, which the system resolves as it goes.
func realDir(dir string) (string, error) {
	if root, err := filepath.EvalSymlinks(dir); err == nil {
		return root, nil
	}
	if _, err := os.Stat(dir); err != nil {
		return "", err
	}
	return filepath.Abs(dir)
}
