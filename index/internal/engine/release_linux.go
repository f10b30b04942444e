package engine

import (
	"golang.org/x/sys/unix"

	"khovanban/index/internal/memmap"
)

// ReleaseMapped lets go of the pages of the snapshot's segment files that
// reads have mapped into the process (assumption 9 in bleve.go). While an
// import runs, looking for twins reads the pairs' postings of every
// segment at random, and Bleve's merges read whole segments: at 1,000,000
// documents that kept 1.7 GB of the index resident in the importing
// process. MADV_DONTNEED on a shared, read-only file mapping only unmaps:
// the pages stay in the page cache, and a later read maps them again.
// Each segment is released while the snapshot holds it, so its mapping
// cannot be unmapped, nor its addresses reused, meanwhile; a file mapped
// more than once (never seen) is left alone.
func (s *Snapshot) ReleaseMapped() {
	paths := map[string]int{}
	for _, g := range s.segs {
		if p, ok := g.s.(interface{ Path() string }); ok && p.Path() != "" {
			paths[p.Path()] = 0
		}
	}
	if len(paths) == 0 {
		return
	}
	ms, err := memmap.Mappings(func(p string) bool { _, ok := paths[p]; return ok })
	if err != nil {
		return
	}
	spans := map[string]memmap.Mapping{}
	for _, m := range ms {
		if m.Perms == "r--s" {
			paths[m.Path]++
			spans[m.Path] = m
		}
	}
	for p, n := range paths {
		if sp := spans[p]; n == 1 {
			_, _, _ = unix.Syscall(unix.SYS_MADVISE, uintptr(sp.Start), uintptr(sp.End-sp.Start), unix.MADV_DONTNEED)
		}
	}
}
