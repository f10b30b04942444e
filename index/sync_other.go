//go:build !linux

package index

import (
	"fmt"
	"os"
)

// syncAll makes the given files durable, one by one.
func (s *store) syncAll(paths []string) error {
	for _, p := range paths {
		f, err := os.OpenFile(p, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
	}
	return nil
}

// syncDirs makes renames and removals in these folders durable.
func (s *store) syncDirs(dirs []string) error {
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// diskFull reports whether the file system holding dir has no room left;
// elsewhere than Linux it is not told.
func diskFull(string) bool { return false }
