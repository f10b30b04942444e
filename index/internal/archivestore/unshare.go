package archivestore

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// UnshareSuffix ends the name of the copy Unshare writes beside a file
// before renaming it over the file; one a kill left is removed by the
// next Unshare of that file (and by the archive's Open).
const UnshareSuffix = ".unshare"

// Unshare gives the file at path an inode of its own when it has other
// names (hard links: a copy of the archive made by cp -al, rsnapshot or
// a backup tool shares every file with the folder it was copied from). A
// file the archive writes in place (the catalog, the volume appended to,
// Bleve's root.bolt) would otherwise change, or be cut, in every copy at
// once: the copy the person kept as a backup would lose what the other
// one deleted. The file is copied beside itself, made durable, and
// renamed over its name; the other names keep the inode they had,
// untouched. It reports whether it copied; a file with one name, or none
// (fs.ErrNotExist), is left as it is. Only the process holding the
// archive for writing may call it.
func Unshare(path string) (bool, error) {
	n, err := linkCount(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("unshare %s: %w", filepath.Base(path), err)
	}
	if n <= 1 {
		return false, nil
	}
	if err := copyOver(path); err != nil {
		return false, fmt.Errorf("unshare %s: %w", filepath.Base(path), err)
	}
	return true, nil
}

// Shared reports whether the file at path has other names (hard links);
// a file that cannot be looked at is taken as shared, so that it is not
// written in place.
func Shared(path string) bool {
	n, err := linkCount(path)
	return n > 1 || (err != nil && !errors.Is(err, fs.ErrNotExist))
}

// copyOver copies the file at path to a file of its own beside it and
// renames that over path, durably. The source is closed before the
// rename (Windows renames over no open file).
func copyOver(path string) error {
	tmp := path + UnshareSuffix
	_ = os.Remove(tmp) // a kill's leftover, perhaps itself linked
	if err := copyTo(path, tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// copyTo copies the regular file src to a new file dst, with its mode,
// and makes dst durable.
func copyTo(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	return errors.Join(cerr, out.Sync(), out.Close())
}
