package index

import (
	"math"

	"golang.org/x/sys/unix"
)

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
