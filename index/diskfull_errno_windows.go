package index

import (
	"syscall"

	"golang.org/x/sys/windows"
)

// diskFullErrnos are the errnos of a full disk (see diskFullErr): Go's
// own ENOSPC, and the two Windows says, which errors.Is does not take for
// it.
var diskFullErrnos = []syscall.Errno{syscall.ENOSPC, windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL}
