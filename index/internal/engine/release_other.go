//go:build !linux

package engine

// ReleaseMapped does nothing where the kernel is not Linux (see
// release_linux.go).
func (s *Snapshot) ReleaseMapped() {}
