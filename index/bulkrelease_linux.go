package index

import (
	segment "github.com/blevesearch/scorch_segment_api/v2"
	"golang.org/x/sys/unix"
)

// releaseSegmentPages lets go of the pages of open segment files mapped
// into the process (see mergeReleaser). Zapx maps a segment's file shared
// and read-only, and MADV_DONTNEED on such a mapping only unmaps: the
// pages stay in the page cache, unchanged, and the next read maps them
// again. The segments stay open meanwhile, so their mappings cannot go.
func releaseSegmentPages(segs []segment.Segment) {
	for _, s := range segs {
		if m, ok := s.(interface{ Data() []byte }); ok {
			if b := m.Data(); len(b) > 0 {
				_ = unix.Madvise(b, unix.MADV_DONTNEED)
			}
		}
	}
}
