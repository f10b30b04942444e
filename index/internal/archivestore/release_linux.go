package archivestore

import (
	bolt "go.etcd.io/bbolt"
	"golang.org/x/sys/unix"
)

// releaseMapped lets go of the catalog's pages that earlier transactions
// read through bbolt's memory map. Keyed by random ids, an import's puts
// touch pages all over the catalog, and each page read stays mapped into
// the process: at 1,000,000 documents most of a 1.6 GB catalog was
// counted in the import's resident memory. MADV_DONTNEED on a shared,
// read-only file mapping only unmaps: the pages stay in the page cache,
// unchanged, and a later read maps them again. It is called at the start
// of a write transaction, when bbolt cannot be remapping (only a write
// transaction's commit does).
func releaseMapped(tx *bolt.Tx) {
	size := tx.Size()
	if size < releaseMin {
		return
	}
	// The address is bbolt's mapping, passed to the kernel as a number:
	// nothing in Go points at it through this call.
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), unix.MADV_DONTNEED)
}
