//go:build !linux

package index

// diskFull reports whether the file system holding dir has no room left
// (less than a megabyte), where diskFree can tell (Windows); elsewhere it
// is not told.
func diskFull(dir string) bool {
	free, ok := diskFree(dir)
	return ok && free < 1<<20
}
