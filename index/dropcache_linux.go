package index

import (
	"os"

	"golang.org/x/sys/unix"
)

// dropCache asks the system to forget the cached pages of f, synced: the
// next read of it comes from the disk.
func dropCache(f *os.File) { _ = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED) }
