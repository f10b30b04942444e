package archivestore

import (
	"fmt"
	"os"
	"runtime"
)

// syncDir makes the creation or removal of entries in dir durable.
// Windows cannot open a folder to sync it; there its entries are durable
// with the files' own flushes.
func syncDir(dir string) error {
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
