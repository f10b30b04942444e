package index

import (
	"fmt"
	"math"
	"os"

	"golang.org/x/sys/unix"
)

// syncAll makes every file written so far in the archive durable. On Linux
// one syncfs call flushes the whole file system, which is far cheaper than
// an fsync per file for a batch of hundreds of documents.
func (s *store) syncAll(_ []string) error {
	f, err := os.Open(s.dir)
	if err != nil {
		return fmt.Errorf("sync archive: %w", err)
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("sync archive: %w", err)
	}
	return nil
}

// syncDirs makes renames and removals in these folders durable: the same
// one syncfs call covers them.
func (s *store) syncDirs(_ []string) error {
	return s.syncAll(nil)
}

// diskFull reports whether the file system holding dir has no room left
// (less than a megabyte).
func diskFull(dir string) bool {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return false
	}
	return st.Bavail*uint64(st.Bsize) < 1<<20
}

// diskFree is the room left for this user on the file system holding
// dir, in bytes, and whether it could be told.
func diskFree(dir string) (int64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(min(st.Bavail*uint64(st.Bsize), math.MaxInt64)), true
}
