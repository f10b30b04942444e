//go:build !linux

package index

// diskFull reports whether the file system holding dir has no room left;
// elsewhere than Linux it is not told.
func diskFull(string) bool { return false }
