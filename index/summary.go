package index

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The counts of an archive of format 1 (files and bytes of docs/, trash/
// and originals/), so that Stats does not walk hundreds of thousands of
// files: the versions that wrote format 1 kept them as files changed and
// saved them in summaryFile when the archive was closed, before dirtyFile
// went. Read as it is (OpenReadOnly), an archive trusts them only when
// dirtyFile is absent, that is when the process that wrote them closed the
// archive; otherwise (a kill, a power cut) they are counted by a walk,
// once, when first asked for. Open removes a stale file; the migration
// removes the file. The volume store of format 2 keeps its own counts.
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

// tally holds a format-1 store's counts once known (loaded or walked).
type tally struct {
	mu     sync.Mutex
	known  bool
	counts storeCounts
}

// counts returns the store's counts, walking its folders when they are
// not known (the first time after a process did not close the archive).
func (s *store) counts() (storeCounts, error) {
	if s.vol != nil {
		return s.vol.counts(), nil
	}
	s.tally.mu.Lock()
	defer s.tally.mu.Unlock()
	if !s.tally.known {
		c, err := s.walkCounts()
		if err != nil {
			return storeCounts{}, err
		}
		s.setCounts(c)
	}
	return s.tally.counts, nil
}

// storedBytes is what the store takes on disk: with counts c of format 1,
// its originals and document files; of format 2, its volumes and catalog.
func (s *store) storedBytes(c storeCounts) int64 {
	if s.vol != nil {
		return s.vol.st.Size()
	}
	return c.OriginalsBytes + c.DocBytes
}

// setCounts makes c the store's counts, known; the caller holds
// tally.mu.
func (s *store) setCounts(c storeCounts) {
	s.tally.counts = c
	s.tally.known = true
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
	s.tally.mu.Lock()
	s.setCounts(c)
	s.tally.mu.Unlock()
}
