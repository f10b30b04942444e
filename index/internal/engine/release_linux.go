package engine

import (
	"bufio"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
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
	type span struct{ start, end uint64 }
	spans := map[string]span{}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// address perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) != 6 || fields[1] != "r--s" {
			continue
		}
		if _, ok := paths[fields[5]]; !ok {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if !ok || err1 != nil || err2 != nil || end <= start {
			continue
		}
		paths[fields[5]]++
		spans[fields[5]] = span{start, end}
	}
	if sc.Err() != nil {
		return
	}
	for p, n := range paths {
		if sp := spans[p]; n == 1 {
			_, _, _ = unix.Syscall(unix.SYS_MADVISE, uintptr(sp.start), uintptr(sp.end-sp.start), unix.MADV_DONTNEED)
		}
	}
}
