//go:build unix

package index

import (
	"os"

	"golang.org/x/sys/unix"
)

// holdTemp marks a bundle's temporary file as being written: an
// operating-system lock on it, which a killed process loses.
func holdTemp(f *os.File) func() {
	_ = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	return func() {} // closing the file releases the lock
}

// removeIfStale removes a bundle's temporary file that no process holds.
func removeIfStale(path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil {
		_ = os.Remove(path)
	}
}
