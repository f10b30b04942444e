package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// The store's counts (files and bytes of docs/, trash/ and originals/)
// are kept as files are written, renamed and removed, so that Stats does
// not walk hundreds of thousands of files. They are saved in summaryFile
// when the archive is closed, before dirtyFile goes; they are trusted on
// opening only when dirtyFile is absent, that is when the process that
// wrote them closed the archive. Otherwise (a kill, a power cut) they are
// counted again by a walk, once, when first asked for, and the stale file
// is removed so that a later clean close cannot make it trusted.
const summaryFile = "summary.json"

// storeCounts are the files and bytes of each part of the store.
type storeCounts struct {
	Docs           int64 `json:"docs"`
	DocBytes       int64 `json:"doc_bytes"`
	Trash          int64 `json:"trash"`
	TrashBytes     int64 `json:"trash_bytes"`
	Originals      int64 `json:"originals"`
	OriginalsBytes int64 `json:"originals_bytes"`
}

// tally keeps a store's counts while files change. Each change takes the
// read lock around its file operation and adds to the counts atomically;
// a walk that counts afresh takes the write lock, so no change is counted
// twice or missed.
type tally struct {
	mu     sync.RWMutex
	known  atomic.Bool
	counts [6]atomic.Int64 // in the order of storeCounts' fields
}

// Indices into tally.counts: files and bytes of each part.
const (
	cDocs = iota * 2
	cTrash
	cOriginals
)

// part says which counted part of the store a path is in (cDocs, cTrash,
// cOriginals), or -1.
func (s *store) part(path string) int {
	rel, err := filepath.Rel(s.dir, path)
	if err != nil {
		return -1
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	switch first {
	case docsDir:
		return cDocs
	case trashDir:
		return cTrash
	case originalsDir:
		return cOriginals
	}
	return -1
}

// note adds files and bytes to the part a path is in.
func (s *store) note(path string, files, bytes int64) {
	if p := s.part(path); p >= 0 {
		s.tally.counts[p].Add(files)
		s.tally.counts[p+1].Add(bytes)
	}
}

// sizeOf is a file's size and whether it is there.
func sizeOf(path string) (int64, bool) {
	st, err := os.Lstat(path)
	if err != nil {
		return 0, false
	}
	return st.Size(), true
}

// replace renames tmp to path (a file of size bytes), counting it.
func (s *store) replace(tmp, path string, size int64) error {
	s.tally.mu.RLock()
	defer s.tally.mu.RUnlock()
	old, had := sizeOf(path)
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if had {
		s.note(path, 0, size-old)
	} else {
		s.note(path, 1, size)
	}
	return nil
}

// rename moves a stored file to another place in the store, counting it.
func (s *store) rename(from, to string) error {
	s.tally.mu.RLock()
	defer s.tally.mu.RUnlock()
	size, _ := sizeOf(from)
	old, had := sizeOf(to)
	if err := os.Rename(from, to); err != nil {
		return err
	}
	s.note(from, -1, -size)
	if had {
		s.note(to, 0, size-old)
	} else {
		s.note(to, 1, size)
	}
	return nil
}

// remove removes a stored file, counting it.
func (s *store) remove(path string) error {
	s.tally.mu.RLock()
	defer s.tally.mu.RUnlock()
	size, had := sizeOf(path)
	if err := os.Remove(path); err != nil {
		return err
	}
	if had {
		s.note(path, -1, -size)
	}
	return nil
}

// counts returns the store's counts, walking its folders when they are
// not known (the first time after a process did not close the archive).
func (s *store) counts() (storeCounts, error) {
	if s.vol != nil {
		return s.vol.counts(), nil
	}
	if !s.tally.known.Load() {
		s.tally.mu.Lock()
		if !s.tally.known.Load() {
			c, err := s.walkCounts()
			if err != nil {
				s.tally.mu.Unlock()
				return storeCounts{}, err
			}
			s.setCounts(c)
		}
		s.tally.mu.Unlock()
	}
	t := &s.tally.counts
	return storeCounts{
		Docs: t[cDocs].Load(), DocBytes: t[cDocs+1].Load(),
		Trash: t[cTrash].Load(), TrashBytes: t[cTrash+1].Load(),
		Originals: t[cOriginals].Load(), OriginalsBytes: t[cOriginals+1].Load(),
	}, nil
}

// storedBytes is what the store takes on disk: with counts c of format 1,
// its originals and document files; of format 2, its volumes and catalog.
func (s *store) storedBytes(c storeCounts) int64 {
	if s.vol != nil {
		return s.vol.st.Size()
	}
	return c.OriginalsBytes + c.DocBytes
}

func (s *store) setCounts(c storeCounts) {
	t := &s.tally.counts
	t[cDocs].Store(c.Docs)
	t[cDocs+1].Store(c.DocBytes)
	t[cTrash].Store(c.Trash)
	t[cTrash+1].Store(c.TrashBytes)
	t[cOriginals].Store(c.Originals)
	t[cOriginals+1].Store(c.OriginalsBytes)
	s.tally.known.Store(true)
}

// walkCounts counts the store's files by walking its folders: document
// files (.json) under docs/ and trash/, every file under originals/.
func (s *store) walkCounts() (storeCounts, error) {
	var c storeCounts
	walk := func(sub string, files, bytes *int64, onlyJSON bool) error {
		root := filepath.Join(s.dir, sub)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if path == root && missing(err) {
					return filepath.SkipDir
				}
				return err
			}
			if d.IsDir() || onlyJSON && !strings.HasSuffix(d.Name(), ".json") {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				if missing(err) {
					return nil
				}
				return err
			}
			*files++
			*bytes += info.Size()
			return nil
		})
		if err != nil {
			return fmt.Errorf("count %s: %w", sub, err)
		}
		return nil
	}
	if err := walk(docsDir, &c.Docs, &c.DocBytes, true); err != nil {
		return c, err
	}
	if err := walk(trashDir, &c.Trash, &c.TrashBytes, true); err != nil {
		return c, err
	}
	return c, walk(originalsDir, &c.Originals, &c.OriginalsBytes, false)
}

// loadSummary takes the counts a clean close saved; unclean says the last
// process did not close the archive, and the file is then not trusted (a
// writer removes it).
func (s *store) loadSummary(unclean, readOnly bool) {
	path := filepath.Join(s.dir, summaryFile)
	if unclean {
		if !readOnly {
			_ = os.Remove(path)
		}
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var c storeCounts
	if json.Unmarshal(data, &c) != nil || c.Docs < 0 || c.Trash < 0 || c.Originals < 0 {
		return
	}
	s.setCounts(c)
}

// saveSummary writes the counts for the next Open, when they are known,
// and else removes a stale file. It is called on a clean close, before
// dirtyFile goes.
func (s *store) saveSummary() error {
	path := filepath.Join(s.dir, summaryFile)
	if !s.tally.known.Load() {
		if err := os.Remove(path); err != nil && !missing(err) {
			return err
		}
		return nil
	}
	c, _ := s.counts()
	data, _ := json.Marshal(c)
	if err := writeDurably(path, data); err != nil {
		// A stale file must not stay to be trusted.
		if rerr := os.Remove(path); rerr != nil && !missing(rerr) {
			return errors.Join(err, rerr)
		}
	}
	return nil
}
