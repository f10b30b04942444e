//go:build !linux

package index

import "os"

// dropCache does nothing here: the next read of f may come from what the
// system cached of it.
func dropCache(*os.File) {}
