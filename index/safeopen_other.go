//go:build !unix

package index

// Windows has no named pipes among files (they live in \\.\pipe\) and no
// O_NOFOLLOW: openRegular relies there on its look before the opening and
// its comparison after it.
const (
	openNoWait   = 0
	openNoFollow = 0
)
