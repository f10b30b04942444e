package archivestore

import (
	"fmt"
	"os"
	"runtime"
)

// SyncDir makes the creation, renaming or removal of entries in dir
// durable. Windows cannot open a folder to sync it; NTFS journals its
// folder changes itself. The archive's other files use it too.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
