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
}

func (e *LinkOutsideError) Error() string {
	return fmt.Sprintf("%v: %s -> %s", ErrLinkOutside, e.Part, e.Target)
}

// Unwrap makes errors.Is(err, ErrLinkOutside) hold.
func (e *LinkOutsideError) Unwrap() error { return ErrLinkOutside }

// checkLinks refuses an archive folder that holds a link leading outside
// it, before anything is written there (the lock file is the first
// write). The folder itself may be reached through links (a Documents
// folder that is one): the parts are compared with where it really is.
// A link that stays inside the folder is let be. WalkDir follows no link,
// so a link is looked at once, where it is. The documents of format 1
// (millions of small files in two-level shards) are only read by its
// migration, which removes links without following them: their shard
// folders are looked at, not each file.
func checkLinks(dir string) error {
	root, err := realDir(dir)
	if err != nil {
		return fmt.Errorf("read archive %s: %w", dir, err)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read archive %s: %w", dir, err)
		}
		rel, _ := filepath.Rel(root, p)
		if d.Type()&(fs.ModeSymlink|fs.ModeIrregular) != 0 {
			if target, out := leadsOutside(root, p, d.Type()); out {
				return &LinkOutsideError{Part: rel, Target: target}
			}
			return nil
		}
		if d.IsDir() && isFormat1Shard(rel) {
			return fs.SkipDir
		}
		return nil
	})
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
