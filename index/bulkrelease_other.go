//go:build !linux

package index

import segment "github.com/blevesearch/scorch_segment_api/v2"

// releaseSegmentPages does nothing where the kernel is not Linux (see
// bulkrelease_linux.go).
func releaseSegmentPages([]segment.Segment) {}
