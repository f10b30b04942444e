//go:build !linux

package archivestore

import bolt "go.etcd.io/bbolt"

// releaseMapped does nothing where the kernel is not Linux (see
// release_linux.go).
func releaseMapped(*bolt.Tx) {}
