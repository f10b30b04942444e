package index

import "time"

// Halt is for a process about to exit at once (a second Ctrl-C): it
// waits, at most wait, for the write in progress (a batch of an import,
// a step of a filing again, an edit) to end, then holds the archive so
// that no other write begins, and reports whether it did. The process
// then stops as a kill would stop it, which the archive is made to
// survive at any moment (commit.go: what a batch stored and did not index
// is indexed by the next writable Open; a filing again goes on from its
// note), but between two writes. The archive is not usable after it.
func (a *Archive) Halt(wait time.Duration) bool {
	held := make(chan struct{})
	go func() {
		a.mu.Lock() // never unlocked: the process exits
		close(held)
	}()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-held:
		return true
	case <-t.C:
		return false
	}
}
