package index

import (
	"math"

	"golang.org/x/sys/windows"
)

// diskFree is the room left for this user on the drive holding dir, in
// bytes, and whether it could be told.
func diskFree(dir string) (int64, bool) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, false
	}
	var avail, total, totalFree uint64
	if err := windows.GetDiskFreeSpaceEx(p, &avail, &total, &totalFree); err != nil {
		return 0, false
	}
	return int64(min(avail, math.MaxInt64)), true
}
