package index

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"khovanban/index/internal/archivestore"
)

// unshareArchive gives each file of the archive in dir that is written
// in place an inode of its own when it has other names (hard links). A
// copy of the folder made with hard links (cp -al, rsnapshot, Time
// Machine, a backup tool) shares every file with the folder it came from:
// a file written in place in one would change, or be cut, in the other,
// and the copy kept as a backup would lose what was deleted here. The
// archive is never refused for that: the copy is a normal thing to have.
// Called by Open with the lock held, before anything is written.
//
// Every file of the archive, and what is done for it:
//
//   - catalog.db (bbolt, written in place): unshared, here and by the
//     store's own Open.
//   - volumes/*.vol: left shared, which costs no room. Only the volume
//     commits append to is written in place, and only a volume with one
//     name is appended to or cut (archivestore: openVolume starts a new
//     volume instead; tidyVolumes leaves a shared one's uncommitted tail).
//   - index/store/root.bolt (Bleve's bbolt, written in place): unshared.
//   - index/store/*.zap: left shared. Bleve writes each segment once, to
//     a new file, and only removes it (unlinks that name) after a merge.
//   - index/index_meta.json, khovanban-archive.json, offices and keys,
//     the registry, facets/, journal/, index.open, lock.owner: small;
//     unshared, whether written whole through a temporary file renamed
//     over them (most are, which would keep the other names safe) or in
//     place.
//   - lock: taken by lockArchive, which gives it an inode of its own
//     first (lockFresh).
//   - the documents of an archive of format 1 (docs/, originals/,
//     trash/): left as they are; each is written whole to tmp/ and
//     renamed into place, and Open migrates them away.
//
// A link made while the archive is open (a backup tool linking the live
// folder) is undone at the next writable Open, except the active
// volume's, which every commit looks at. What a kill leaves of an
// unsharing (NAME.unshare) is removed here.
//
// Copying takes as long as the file is big (the catalog of a million
// documents, 2 GB: 4.2 s with the disk's cache warm), so progress, when
// not nil, is told of each file before it is copied (Unsharing, Current
// its name in the archive).
func unshareArchive(dir string, progress func(Progress)) error {
	root, err := realDir(dir)
	if err != nil {
		return fmt.Errorf("read archive %s: %w", dir, err)
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != root && missing(err) {
				return nil
			}
			return fmt.Errorf("read archive %s: %w", dir, err)
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			if rel == archivestore.VolumesDir || isFormat1Shard(rel) {
				return fs.SkipDir
			}
			return nil
		case !d.Type().IsRegular(), rel == "lock":
			return nil
		case strings.HasSuffix(rel, archivestore.UnshareSuffix):
			_ = os.Remove(p)
			return nil
		case strings.HasSuffix(rel, ".zap") && strings.HasPrefix(rel, indexDir+"/"):
			return nil
		}
		if progress != nil && archivestore.Shared(p) {
			progress(Progress{Unsharing: true, Current: rel})
		}
		if _, err := archivestore.Unshare(p); err != nil {
			return fmt.Errorf("archive part %s: %w", rel, err)
		}
		return nil
	})
}
