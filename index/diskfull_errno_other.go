//go:build !windows

package index

import "syscall"

// diskFullErrnos are the errnos of a full disk (see diskFullErr).
var diskFullErrnos = []syscall.Errno{syscall.ENOSPC}
