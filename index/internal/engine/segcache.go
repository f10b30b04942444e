package engine

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
)

// segCache keeps what the engine reads once per index segment: segments
// never change, so facet value postings and sort dates read for one
// search serve every later one until Bleve merges the segment away.
type segCache struct {
	mu      sync.Mutex
	schema  Schema
	dir     string // where facet values are kept on disk (facetcache.go)
	noWrite bool   // read the files, write none
	infos   map[any]*segInfo
	read    atomic.Int64 // segments whose facts were read from the index
	// files is held for reading while a cache file is written, and for
	// writing while the cache folder is emptied (ClearCache): a search
	// writing a file meanwhile made the removal fail ("directory not
	// empty") and a bulk import with it. gen counts the emptyings: a
	// segment seen before the last one writes no file.
	files sync.RWMutex
	gen   uint64 // under files
	// keptBytes is the size of every segment's kept postings, and
	// boundsBytes of their block bounds (blockmax.go).
	keptBytes, boundsBytes atomic.Int64
	// boundsRead counts the terms' bounds read from bounds files.
	boundsRead atomic.Int64
	// searches counts the evaluations begun, each one's number telling
	// which kept postings it read (keepPostings).
	searches atomic.Uint64
}

// get returns the segment's entry, adding an empty one.
func (c *segCache) get(g seg) *segInfo {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.infos == nil {
		c.infos = map[any]*segInfo{}
	}
	info, ok := c.infos[g.key()]
	if !ok {
		c.files.RLock()
		gen := c.gen
		c.files.RUnlock()
		info = &segInfo{schema: &c.schema, cache: facetCachePath(c.dir, g), noWrite: c.noWrite, gen: gen, read: &c.read, owner: c, docs: g.count()}
		c.infos[g.key()] = info
	}
	return info
}

// writeFile runs write, which writes a file in the cache folder, unless
// the folder was emptied since gen; never while it is being emptied.
func (c *segCache) writeFile(gen uint64, write func()) {
	c.files.RLock()
	defer c.files.RUnlock()
	if gen == c.gen {
		write()
	}
}

// keepOnly forgets the segments of older snapshots that are not among
// segs. A search still running on an older snapshot keeps its own
// references.
func (c *segCache) keepOnly(segs []seg) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.infos) <= len(segs) {
		return
	}
	live := make(map[any]bool, len(segs))
	for _, g := range segs {
		live[g.key()] = true
	}
	for k, info := range c.infos {
		if !live[k] {
			info.dropKept()
			info.dropBounds()
			delete(c.infos, k)
		}
	}
}

// segInfo is what is known of one segment, read when first needed: from
// the segment's cache file when there is one that agrees, else from the
// segment, and then kept in that file (facetcache.go).
type segInfo struct {
	schema  *Schema
	cache   string // the file it is kept in, if any
	noWrite bool   // read the file, never write it
	gen     uint64 // the cache's emptyings when the entry was made
	read    *atomic.Int64
	owner   *segCache
	docs    uint64 // the segment's documents, deleted ones included
	mu      sync.Mutex
	known   *segFacts // nil until read
	phraseState
	nodeState
	keptState
	boundsState
	tallyState
	// twinGroups are its twin group members (twins.go), nil until read.
	twinGroups *segTwins
	// byDoc lists each document's facet values, nil until needed.
	byDoc *docValues
	// counted tells that a search has counted the segment's facets
	// without its table (tableDue).
	counted bool
}

// docValues lists each document's facet values (indexes into
// segFacts.values): those of document d are vals[offs[d]:offs[d+1]];
// totals[v] is how many documents have value v.
type docValues struct {
	offs   []uint32
	vals   []uint32
	totals []int32
}

// tableDue reports whether a search counting the segment's facets should
// build its table of each document's values first: not the first search
// to count them (it intersects each value's documents with its match: a
// `khovanban search` process searches once), but any later one, when no
// warming (WarmFacets) has built the table yet.
func (info *segInfo) tableDue() bool {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.byDoc != nil || info.counted {
		return true
	}
	info.counted = true
	return false
}

// valuesByDoc turns the segment's facet values around, once: for each
// document, its values.
func (info *segInfo) valuesByDoc(g seg) (*docValues, error) {
	f, err := info.facts(g)
	if err != nil {
		return nil, err
	}
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.byDoc != nil {
		return info.byDoc, nil
	}
	d := buildValuesByDoc(f.values, g.count())
	info.byDoc = d
	return d, nil
}

// valuesChunk is how many documents buildValuesByDoc places at a time.
const valuesChunk = 1 << 13

// valueBuffers bounds the documents buildValuesByDoc reads ahead, all
// values together.
const valueBuffers = 1 << 18

// buildValuesByDoc lists each of a segment's n documents' values (those
// of its documents past n are left out), a document's values in the
// order of values. The documents are placed chunk by chunk of
// valuesChunk: each value's documents of the chunk are gathered, then
// counted and placed within the chunk's part of the table. Placing each
// value's documents across the whole table wrote to a random place of
// 27 MB for each of 6.7 million values at a million documents: 250 ms of
// the table's 350 (408 values, load 12); chunk by chunk the table takes
// 146-184 ms (chunks of 2^10 to 2^16 documents: 150-240 ms).
func buildValuesByDoc(values []facetDocs, n uint64) *docValues {
	d := &docValues{offs: make([]uint32, n+1), totals: make([]int32, len(values))}
	var pairs uint64
	for _, v := range values {
		pairs += v.docs.GetCardinality()
	}
	d.vals = make([]uint32, 0, pairs)
	// Each value's documents are read ahead into a buffer of its own,
	// all of them in one backing array.
	per := max(64, valueBuffers/max(1, len(values)))
	backing := make([]uint32, per*len(values))
	cursors := make([]valueCursor, len(values))
	for i, v := range values {
		cursors[i] = valueCursor{it: v.docs.ManyIterator(), buf: backing[i*per : (i+1)*per : (i+1)*per]}
	}
	type docValue struct{ doc, value uint32 }
	// A chunk's pairs, about its share of them all (grown by appends, the
	// slice took 1.08 s of 2.79 in 36 processes' tables of 100,000
	// documents in fifteen segments, each one chunk).
	chunk := make([]docValue, 0, pairs*min(n, valuesChunk)/max(n, 1)+64)
	next := make([]uint32, min(n, valuesChunk))
	for lo := uint64(0); lo < n; lo += valuesChunk {
		hi := min(lo+valuesChunk, n)
		chunk = chunk[:0]
		for i := range cursors {
			c := &cursors[i]
			for {
				if c.at == c.end {
					if c.at, c.end = 0, c.it.NextMany(c.buf); c.end == 0 {
						break // none left
					}
				}
				doc := c.buf[c.at]
				if uint64(doc) >= hi {
					break
				}
				chunk = append(chunk, docValue{doc, uint32(i)})
				c.at++
			}
		}
		for _, p := range chunk {
			d.offs[p.doc+1]++
			d.totals[p.value]++
		}
		for doc := lo; doc < hi; doc++ {
			d.offs[doc+1] += d.offs[doc]
			next[doc-lo] = d.offs[doc]
		}
		d.vals = d.vals[:d.offs[hi]]
		for _, p := range chunk {
			d.vals[next[uint64(p.doc)-lo]] = p.value
			next[uint64(p.doc)-lo]++
		}
	}
	return d
}

// valueCursor reads one value's documents ahead: buf[at:end] are the next.
type valueCursor struct {
	it      roaring.ManyIntIterable
	buf     []uint32
	at, end int
}

// tally counts, for each of n values, the documents of docs that have it.
func (d *docValues) tally(docs *roaring.Bitmap, n int) []int32 {
	out := make([]int32, n)
	d.add(out, docs, 1)
	return out
}

// add adds sign to counts[v] for each value v of each document of docs.
func (d *docValues) add(counts []int32, docs *roaring.Bitmap, sign int32) {
	buf := make([]uint32, 1024)
	it := docs.ManyIterator()
	for k := it.NextMany(buf); k > 0; k = it.NextMany(buf) {
		for _, doc := range buf[:k] {
			if int(doc)+1 >= len(d.offs) {
				continue
			}
			for _, v := range d.vals[d.offs[doc]:d.offs[doc+1]] {
				counts[v] += sign
			}
		}
	}
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

// facetValues lists every facet value of the segment with its documents.
func (info *segInfo) facetValues(g seg) ([]facetDocs, error) {
	f, err := info.facts(g)
	if err != nil {
		return nil, err
	}
	return f.values, nil
}

// dates gives each document of the segment its sort date.
func (info *segInfo) dates(g seg) ([]uint32, error) {
	f, err := info.facts(g)
	if err != nil {
		return nil, err
	}
	return f.dates, nil
}

// facts reads the segment's facet values and dates once.
func (info *segInfo) facts(g seg) (*segFacts, error) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.known != nil {
		return info.known, nil
	}
	stamp := segmentStamp(g)
	if f, ok := readFacetCache(info.cache, stamp, g.count()); ok {
		info.known = f
		return f, nil
	}
	info.read.Add(1)
	f := &segFacts{}
	var err error
	if f.values, err = readFacetValues(g, info.schema.Facets); err != nil {
		return nil, err
	}
	if f.dates, err = readDates(g, info.schema.Date); err != nil {
		return nil, err
	}
	info.known = f
	if info.cache != "" && !info.noWrite {
		info.owner.writeFile(info.gen, func() { writeFacetCache(info.cache, stamp, f) })
	}
	return f, nil
}

// readFacetValues reads every facet value of the segment with its
// documents. The bitmaps are read in place from the segment's file,
// without a copy: they serve only while the segment is in the snapshot
// being searched.
func readFacetValues(g seg, fields []FacetField) ([]facetDocs, error) {
	values := []facetDocs{}
	var r bitmapReader
	for _, f := range fields {
		err := eachTerm(g, f.Field, &r, func(term string, docs *roaring.Bitmap) {
			values = append(values, facetDocs{value: f.Prefix + term, docs: docs})
		})
		if err != nil {
			return nil, err
		}
	}
	return values, nil
}

// readDates reads each document's sort date from the date terms.
func readDates(g seg, field string) ([]uint32, error) {
	dates := make([]uint32, g.count())
	if field == "" {
		return dates, nil
	}
	var r bitmapReader
	err := eachTerm(g, field, &r, func(term string, docs *roaring.Bitmap) {
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

// eachTerm calls fn with every term of a field in the segment and its
// documents, deleted ones included, which fn must not change.
func eachTerm(g seg, field string, r *bitmapReader, fn func(term string, docs *roaring.Bitmap)) error {
	d, err := g.dict(field)
	if err != nil {
		return err
	}
	err = d.terms(nil, nil, func(term string) error {
		p, err := d.postings(term, nil)
		if err != nil {
			return fmt.Errorf("postings of %s:%s: %w", field, term, err)
		}
		if p.pl != nil {
			fn(term, r.docs(p))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("terms of %s: %w", field, err)
	}
	return nil
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
