//go:build unix

package archivestore

import (
	"os"
	"syscall"
)

// linkCount is how many names the file at path has (its last element not
// followed).
func linkCount(path string) (uint64, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && info.Mode().IsRegular() {
		return uint64(st.Nlink), nil
	}
	return 1, nil
}
