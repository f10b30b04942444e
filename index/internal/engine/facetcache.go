package engine

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"

	"github.com/RoaringBitmap/roaring/v2"
)

// The facet values and sort dates of each segment written to disk are
// kept in a small file of their own (Config.CacheDir, beside Bleve's
// folder, not in it), so that a process that searches once (`khovanban
// search` on the command line) does not read the postings list of every
// facet value of every segment: at 100,000 documents that is some 6,000
// lists and 20 ms. Bleve never changes a segment file nor reuses its name
// while the index lives (bleve.go, assumption 3): a cache file is named
// for its segment file and stamped with its size and document count, and
// goes when the segment file goes (PruneCache) or the index is made anew
// (ClearCache). A cache file that is missing or does not read back is
// simply made again.

// facetCacheMagic starts every cache file.
const facetCacheMagic = "khovanban facets 2\n"

// facetCachePath is the cache file of a segment, "" for a segment that is
// only in memory.
func facetCachePath(dir string, g seg) string {
	file := g.file()
	if file == "" || dir == "" {
		return ""
	}
	return filepath.Join(dir, filepath.Base(file)+".facets")
}

// segmentStamp tells a segment file from another of the same name: its
// size and number of documents.
func segmentStamp(g seg) uint64 {
	file := g.file()
	if file == "" {
		return 0
	}
	fi, err := os.Stat(file)
	if err != nil {
		return 0
	}
	return uint64(fi.Size())<<24 ^ g.count()
}

// readFacetCache reads a segment's facet values and the dates of its docs
// documents, false when the file is missing or was made for another
// segment (stamp, see segmentStamp).
func readFacetCache(path string, stamp, docs uint64) (*segFacts, bool) {
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte(facetCacheMagic)) {
		return nil, false
	}
	data = data[len(facetCacheMagic):]
	next := func() (uint64, bool) {
		n, k := binary.Uvarint(data)
		if k <= 0 {
			return 0, false
		}
		data = data[k:]
		return n, true
	}
	chunk := func() ([]byte, bool) {
		n, ok := next()
		if !ok || n > uint64(len(data)) {
			return nil, false
		}
		b := data[:n]
		data = data[n:]
		return b, true
	}
	if n, ok := next(); !ok || n != stamp || stamp == 0 {
		return nil, false
	}
	count, ok := next()
	if !ok || count > uint64(len(data)) {
		return nil, false
	}
	f := &segFacts{values: make([]facetDocs, 0, count)}
	for range count {
		value, ok1 := chunk()
		bm, ok2 := chunk()
		if !ok1 || !ok2 {
			return nil, false
		}
		d := roaring.New()
		if _, err := d.FromBuffer(bm); err != nil {
			return nil, false
		}
		f.values = append(f.values, facetDocs{value: string(value), docs: d})
	}
	if n, ok := next(); !ok || n != docs || uint64(len(data)) != 4*docs {
		return nil, false
	}
	f.dates = make([]uint32, docs)
	for i := range f.dates {
		f.dates[i] = binary.LittleEndian.Uint32(data[4*i:])
	}
	return f, true
}

// writeFacetCache keeps a segment's facet values in path; it does its best
// and says nothing when it cannot.
func writeFacetCache(path string, stamp uint64, f *segFacts) {
	if stamp == 0 {
		return
	}
	var b bytes.Buffer
	b.WriteString(facetCacheMagic)
	b.Write(binary.AppendUvarint(nil, stamp))
	b.Write(binary.AppendUvarint(nil, uint64(len(f.values))))
	for _, v := range f.values {
		bm, err := v.docs.ToBytes()
		if err != nil {
			return
		}
		b.Write(binary.AppendUvarint(nil, uint64(len(v.value))))
		b.WriteString(v.value)
		b.Write(binary.AppendUvarint(nil, uint64(len(bm))))
		b.Write(bm)
	}
	b.Write(binary.AppendUvarint(nil, uint64(len(f.dates))))
	for _, d := range f.dates {
		b.Write(binary.LittleEndian.AppendUint32(nil, d))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		_ = os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
	}
}

// PruneCache removes the cache files (facets and bounds) of segments no
// longer in the index folder, and what a kill left half written.
func (e *Engine) PruneCache() {
	dir := e.cfg.CacheDir
	if dir == "" || e.cfg.ReadOnly {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, f := range entries {
		if name := cacheFileSegment(f.Name()); name == "" || !segmentExists(e.cfg.IndexDir, name) {
			_ = os.Remove(filepath.Join(dir, f.Name()))
		}
	}
}

// CacheMissing tells whether some segment file in the index folder has no
// facet cache file yet (a search would then read that segment's facet
// values first: FacetValues over a snapshot writes them) or, when some
// fields are ranked, no bounds file (KeepBounds writes them).
func (e *Engine) CacheMissing() bool {
	dir := e.cfg.CacheDir
	if dir == "" || e.cfg.ReadOnly {
		return false
	}
	suffixes := []string{".facets"}
	if len(e.cfg.Schema.Ranked) > 0 {
		suffixes = append(suffixes, boundsSuffix)
	}
	for _, name := range segmentFiles(e.cfg.IndexDir) {
		for _, suffix := range suffixes {
			if _, err := os.Stat(filepath.Join(dir, name+suffix)); err != nil {
				return true
			}
		}
	}
	return false
}

// FacetReads is how many segments' facet values and dates this engine
// has read from the index rather than from a cache file.
func (e *Engine) FacetReads() int { return int(e.segs.read.Load()) }

// ClearCache removes every facet cache file, for an index made anew: its
// segment files may take the names of the old index's.
func (e *Engine) ClearCache() error {
	if e.cfg.CacheDir == "" || e.cfg.ReadOnly {
		return nil
	}
	e.segs.mu.Lock()
	defer e.segs.mu.Unlock()
	for _, info := range e.segs.infos {
		info.dropKept()
	}
	clear(e.segs.infos)
	e.segs.files.Lock()
	defer e.segs.files.Unlock()
	e.segs.gen++
	if err := os.RemoveAll(e.cfg.CacheDir); err != nil {
		return fmt.Errorf("remove facet cache: %w", err)
	}
	return nil
}
