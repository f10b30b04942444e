//go:build unix

package index

import "syscall"

// The flags of openRegular: an opening that does not wait (a named pipe
// without a writer opens at once) and follows no link in the last place.
const (
	openNoWait   = syscall.O_NONBLOCK
	openNoFollow = syscall.O_NOFOLLOW
)
