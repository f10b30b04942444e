package index

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// segCache keeps what the engine reads once per index segment: segments
// never change, so facet value postings and sort dates read for one
// search serve every later one until Bleve merges the segment away.
type segCache struct {
	mu      sync.Mutex
	dir     string // where facet values are kept on disk (facetcache.go)
	noWrite bool   // an archive open for reading only reads them, writes none
	infos   map[segment.Segment]*segInfo
}

// get returns the segment's entry, adding an empty one.
func (c *segCache) get(seg segment.Segment) *segInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.infos == nil {
		c.infos = map[segment.Segment]*segInfo{}
	}
	info, ok := c.infos[seg]
	if !ok {
		info = &segInfo{cache: facetCachePath(c.dir, seg), noWrite: c.noWrite}
		c.infos[seg] = info
	}
	return info
}

// keepOnly forgets the segments of older snapshots that are not among
// segs. A search still running on an older snapshot keeps its own
// references.
func (c *segCache) keepOnly(segs []*segEval) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.infos) <= len(segs) {
		return
	}
	live := make(map[segment.Segment]bool, len(segs))
	for _, s := range segs {
		live[s.seg] = true
	}
	for seg := range c.infos {
		if !live[seg] {
			delete(c.infos, seg)
		}
	}
}

// segInfo is what is known of one segment, read when first needed: from
// the segment's cache file when there is one that agrees, else from the
// segment, and then kept in that file (facetcache.go).
type segInfo struct {
	cache   string // the file it is kept in, if any
	noWrite bool   // read the file, never write it
	mu      sync.Mutex
	known   *segFacts // nil until read
	phraseState
	// twinGroups are its twin group members (twins.go), nil until read.
	twinGroups *segTwins
}

// segFacts are the facet values and sort dates of a segment's documents.
type segFacts struct {
	values []facetDocs
	dates  []uint32 // document number → YYYYMMDD, 0 unknown
}

// facetDocs is one facet value ("y:2014") and the segment's documents
// that have it, deleted ones included.
type facetDocs struct {
	value string
	docs  *roaring.Bitmap
}

// facetFieldsInOrder are the keyword fields facets are counted on.
var facetFieldsInOrder = []string{fieldCampaign, fieldYear, fieldTopic, fieldType, fieldIssuer}

// facetValues lists every facet value of the segment with its documents.
func (info *segInfo) facetValues(seg segment.Segment) ([]facetDocs, error) {
	f, err := info.facts(seg)
	if err != nil {
		return nil, err
	}
	return f.values, nil
}

// dates gives each document of the segment its sort date.
func (info *segInfo) dates(seg segment.Segment) ([]uint32, error) {
	f, err := info.facts(seg)
	if err != nil {
		return nil, err
	}
	return f.dates, nil
}

// facts reads the segment's facet values and dates once.
func (info *segInfo) facts(seg segment.Segment) (*segFacts, error) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.known != nil {
		return info.known, nil
	}
	stamp := segmentStamp(seg)
	if f, ok := readFacetCache(info.cache, stamp, seg.Count()); ok {
		info.known = f
		return f, nil
	}
	f := &segFacts{}
	var err error
	if f.values, err = readFacetValues(seg); err != nil {
		return nil, err
	}
	if f.dates, err = readDates(seg); err != nil {
		return nil, err
	}
	info.known = f
	if info.cache != "" && !info.noWrite {
		writeFacetCache(info.cache, stamp, f)
	}
	return f, nil
}

// readFacetValues reads every facet value of the segment with its
// documents. The bitmaps are read in place from the segment's file,
// without a copy: they serve only while the segment is in the snapshot
// being searched.
func readFacetValues(seg segment.Segment) ([]facetDocs, error) {
	values := []facetDocs{}
	var reuse segment.PostingsIterator
	for _, field := range facetFieldsInOrder {
		d, err := seg.Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("search: dictionary %s: %w", field, err)
		}
		it := termsIn(d, nil, nil)
		for {
			entry, err := it.Next()
			if err != nil {
				return nil, fmt.Errorf("search: terms of %s: %w", field, err)
			}
			if entry == nil {
				break
			}
			pl, err := d.PostingsList([]byte(entry.Term), nil, nil)
			if err != nil {
				return nil, fmt.Errorf("search: postings of %s:%s: %w", field, entry.Term, err)
			}
			docs, ok := inPlace(pl, &reuse)
			if !ok {
				docs = (&postings{list: pl}).bitmap()
			}
			values = append(values, facetDocs{value: facetPrefix[field] + entry.Term, docs: docs})
		}
	}
	return values, nil
}

// inPlace is the bitmap of a zapx postings list as it lies in the segment
// file. The iterator it reads it through is kept in *reuse for the next
// call.
func inPlace(pl segment.PostingsList, reuse *segment.PostingsIterator) (*roaring.Bitmap, bool) {
	*reuse = pl.Iterator(false, false, false, *reuse)
	it, ok := (*reuse).(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, false
	}
	if doc, ok := it.DocNum1Hit(); ok {
		return roaring.BitmapOf(uint32(doc)), true
	}
	if bm := it.ActualBitmap(); bm != nil {
		return bm, true
	}
	return nil, false
}

// readDates reads each document's sort date from the date terms.
func readDates(seg segment.Segment) ([]uint32, error) {
	dates := make([]uint32, seg.Count())
	err := eachTerm(seg, fieldDate, func(term string, docs *roaring.Bitmap) {
		key := dateKey(term)
		it := docs.Iterator()
		for it.HasNext() {
			if doc := it.Next(); int(doc) < len(dates) {
				dates[doc] = key
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return dates, nil
}

// eachTerm calls fn with every term of a field in the segment and a copy
// of its documents.
func eachTerm(seg segment.Segment, field string, fn func(term string, docs *roaring.Bitmap)) error {
	d, err := seg.Dictionary(field)
	if err != nil {
		return fmt.Errorf("search: dictionary %s: %w", field, err)
	}
	it := termsIn(d, nil, nil)
	for {
		entry, err := it.Next()
		if err != nil {
			return fmt.Errorf("search: terms of %s: %w", field, err)
		}
		if entry == nil {
			return nil
		}
		pl, err := d.PostingsList([]byte(entry.Term), nil, nil)
		if err != nil {
			return fmt.Errorf("search: postings of %s:%s: %w", field, entry.Term, err)
		}
		fn(entry.Term, (&postings{list: pl}).bitmap())
	}
}

// dateKey turns "2014-04-14" (or "2014-00-00" for a year alone) into
// 20140414 for sorting.
func dateKey(s string) uint32 {
	n, err := strconv.Atoi(strings.ReplaceAll(s, "-", ""))
	if err != nil || n < 0 {
		return 0
	}
	return uint32(n)
}
