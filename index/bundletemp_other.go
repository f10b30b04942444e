//go:build !unix

package index

import "os"

// holdTemp marks a bundle's temporary file as being written. On Windows
// an open file cannot be removed (Go opens files without
// FILE_SHARE_DELETE), so being open is the mark.
func holdTemp(f *os.File) func() { return func() {} }

// removeIfStale removes a bundle's temporary file that no process has
// open: removing one still being written fails.
func removeIfStale(path string) { _ = os.Remove(path) }
