package index

import (
	"testing"

	"golang.org/x/sys/windows"
)

// TestWindowsDiskFullErrnos: the numbers the tests use for Windows'
// errnos of a full disk are Windows' own.
func TestWindowsDiskFullErrnos(t *testing.T) {
	if windowsDiskFull[0] != windows.ERROR_DISK_FULL || windowsDiskFull[1] != windows.ERROR_HANDLE_DISK_FULL {
		t.Fatalf("windowsDiskFull %v, Windows says %d and %d", windowsDiskFull, windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL)
	}
}
