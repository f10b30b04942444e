package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"khovanban/index/internal/archivestore"
)

// ProblemKind names what is wrong with a document or a stored file.
type ProblemKind string

// What Check reports.
const (
	// NoOriginal: a document (live or in the Trash) whose original file
	// is missing.
	NoOriginal ProblemKind = "no-original"
	// OriginalMismatch: the original's bytes do not have the document's
	// SHA-256.
	OriginalMismatch ProblemKind = "original-mismatch"
	// DamagedDocument: a document file that cannot be read, or whose id,
	// hash or format is not what the archive writes.
	DamagedDocument ProblemKind = "damaged-document"
	// NotIndexed: a live document the search cannot find.
	NotIndexed ProblemKind = "not-indexed"
	// IndexedNotStored: an index entry for a document that is not stored.
	IndexedNotStored ProblemKind = "indexed-not-stored"
	// LiveAndTrash: a document both live and in the Trash.
	LiveAndTrash ProblemKind = "live-and-trash"
	// StrayOriginal: an original that no document has.
	StrayOriginal ProblemKind = "stray-original"
)

// Problem is one thing Check found wrong.
type Problem struct {
	ID     string      `json:"id"` // the document's id (a stray original's hash prefix)
	Kind   ProblemKind `json:"kind"`
	Path   string      `json:"path,omitempty"` // the file concerned, relative to the archive
	Detail string      `json:"detail,omitempty"`
}

// CheckReport is what Check found.
type CheckReport struct {
	Documents int       `json:"documents"` // live documents checked, as the list counts them: the formats of one text once
	Files     int       `json:"files"`     // live document files checked, each format one
	Trash     int       `json:"trash"`     // documents in the Trash checked
	Originals int       `json:"originals"` // original files whose bytes were hashed
	Problems  []Problem `json:"problems"`
}

// Check verifies the archive: every document file is readable and names
// its own id, hash and a plain format; every original has the SHA-256 its
// documents say; every live document is in the index and every index
// entry is a live document; no document is both live and in the Trash;
// no original is left without a document. Writes wait while it runs,
// and it waits for an import under way to end.
// Problems are sorted by id; the error is for a check that could not run.
func (a *Archive) Check(ctx context.Context, progress func(Progress)) (*CheckReport, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	// An import's batch stored and not yet indexed is no problem: the
	// import under way ends first.
	a.runMu.Lock()
	defer a.runMu.Unlock()
	a.mu.Lock()
	defer a.mu.Unlock()
	live, err := a.store.ids(docsDir)
	if err != nil {
		return nil, err
	}
	trash, err := a.store.ids(trashDir)
	if err != nil {
		return nil, err
	}
	indexed, err := a.indexedIDs()
	if err != nil {
		return nil, err
	}
	c := &checker{a: a, rep: &CheckReport{Documents: len(live), Files: len(live), Trash: len(trash), Problems: []Problem{}},
		hashed: map[string]bool{}, groups: map[string]bool{}, progress: progress, total: len(live) + len(trash)}
	for _, group := range []struct {
		sub string
		ids []string
	}{{docsDir, live}, {trashDir, trash}} {
		for _, id := range group.ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			c.document(group.sub, id)
		}
	}
	c.index(live, trash, indexed)
	if len(c.groups) > 0 { // documents that could not be read count one each
		c.rep.Documents = len(c.groups) + len(live) - c.read
	}
	if a.store.vol != nil {
		err = c.volumeProblems()
	} else {
		err = c.strays()
	}
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(c.rep.Problems, func(x, y Problem) int { return strings.Compare(x.ID, y.ID) })
	return c.rep, nil
}

type checker struct {
	a      *Archive
	rep    *CheckReport
	hashed map[string]bool // original paths checked, whatever the result
	// groups are the live documents read, by twin group; read counts them.
	groups   map[string]bool
	read     int
	progress func(Progress)
	done     int
	total    int
	last     time.Time
}

func (c *checker) problem(id string, kind ProblemKind, path, detail string) {
	if rel, err := filepath.Rel(c.a.dir, path); err == nil && path != "" {
		path = filepath.ToSlash(rel)
	}
	c.rep.Problems = append(c.rep.Problems, Problem{ID: id, Kind: kind, Path: path, Detail: detail})
}

// document checks one document file under docs/ or trash/ and its
// original.
func (c *checker) document(sub, id string) {
	c.done++
	if c.progress != nil && (time.Since(c.last) > 100*time.Millisecond || c.done == c.total) {
		c.last = time.Now()
		c.progress(Progress{Done: c.done, Total: c.total, Current: id})
	}
	if c.a.store.vol != nil {
		c.volumeDocument(sub, id)
		return
	}
	path := c.a.store.pathIn(sub, id)
	d, err := readDocFile(c.a.store.dir, path)
	switch {
	case err != nil:
		c.problem(id, DamagedDocument, path, err.Error())
		return
	case d.ID != id:
		c.problem(id, DamagedDocument, path, "id "+d.ID)
		return
	case !validHash(d.Hash) || d.Hash[:16] != id:
		c.problem(id, DamagedDocument, path, "sha256 "+d.Hash)
		return
	case !validFormat(d.Format):
		c.problem(id, DamagedDocument, path, fmt.Sprintf("format %q", d.Format))
		return
	}
	if sub == docsDir {
		c.groups[listKey(d.ID, d.TwinOf)] = true
		c.read++
	}
	orig := c.a.store.originalPath(d.Hash, d.Format)
	if c.hashed[orig] {
		return
	}
	c.hashed[orig] = true
	sum, err := fileSHA256(orig)
	switch {
	case missing(err):
		c.problem(id, NoOriginal, orig, "")
	case err != nil:
		c.problem(id, NoOriginal, orig, err.Error())
	default:
		c.rep.Originals++
		if sum != d.Hash {
			c.problem(id, OriginalMismatch, orig, "sha256 "+sum)
		}
	}
}

// volumeDocument checks the catalog's entry of one document of an archive
// of format 2: its metadata names its id, a hash that starts with it and
// a plain format (decodeMeta). Its text and original are read by
// volumeProblems.
func (c *checker) volumeDocument(sub, id string) {
	where := filepath.Join(c.a.dir, archivestore.CatalogFile)
	d, err := c.a.store.getIn(sub, id, false)
	switch {
	case err != nil:
		c.problem(id, DamagedDocument, where, err.Error())
	case d.Hash[:16] != id:
		c.problem(id, DamagedDocument, where, "sha256 "+d.Hash)
	case sub == docsDir:
		c.groups[listKey(d.ID, d.TwinOf)] = true
		c.read++
	}
}

// volumeProblems reports what the volume store's own check finds in an
// archive of format 2: texts and originals whose records are damaged or
// missing, originals whose bytes do not have their SHA-256, references
// and counts that do not add up, volume files not the catalog's. An id
// both live and in the Trash is reported by index.
func (c *checker) volumeProblems() error {
	vol := c.a.store.vol
	catalog := filepath.Join(c.a.dir, archivestore.CatalogFile)
	c.rep.Originals = int(vol.st.Counts().Originals)
	return vol.st.Check(func(p archivestore.Problem) {
		switch p.Bucket {
		case archivestore.Live.String(), archivestore.Trash.String():
			switch {
			case errors.Is(p.Err, archivestore.ErrNotFound):
				c.problem(p.Key, NoOriginal, catalog, p.Err.Error())
			case errors.Is(p.Err, archivestore.ErrDamaged) || !vol.hasDoc(p.Key):
				c.problem(p.Key, DamagedDocument, catalog, p.Err.Error())
			}
		case "originals":
			c.problem(p.Key[:min(16, len(p.Key))], OriginalMismatch, filepath.Join(c.a.dir, archivestore.VolumesDir), p.Err.Error())
		case "volumes":
			c.problem("", DamagedDocument, filepath.Join(c.a.dir, archivestore.VolumesDir, p.Key), p.Err.Error())
		default:
			c.problem("", DamagedDocument, catalog, p.Error())
		}
	})
}

// index compares the index's ids with the stored documents.
func (c *checker) index(live, trash, indexed []string) {
	inIndex := make(map[string]bool, len(indexed))
	for _, id := range indexed {
		inIndex[id] = true
	}
	isLive := make(map[string]bool, len(live))
	for _, id := range live {
		isLive[id] = true
		if !inIndex[id] {
			c.problem(id, NotIndexed, c.a.store.docPath(id), "")
		}
	}
	for _, id := range indexed {
		if !isLive[id] {
			c.problem(id, IndexedNotStored, "", "")
		}
	}
	for _, id := range trash {
		if isLive[id] {
			c.problem(id, LiveAndTrash, c.a.store.trashPath(id), "")
		}
	}
}

// strays reports the originals no document has.
func (c *checker) strays() error {
	root := filepath.Join(c.a.dir, originalsDir)
	shards, err := os.ReadDir(root)
	if err != nil {
		return fmt.Errorf("check originals: %w", err)
	}
	for _, sh := range shards {
		names, err := os.ReadDir(filepath.Join(root, sh.Name()))
		if err != nil {
			continue // a stray file among the shard folders
		}
		for _, n := range names {
			p := filepath.Join(root, sh.Name(), n.Name())
			if !c.hashed[p] {
				c.problem(n.Name()[:min(16, len(n.Name()))], StrayOriginal, p, "")
			}
		}
	}
	return nil
}

// fileSHA256 hashes a file without holding it in memory.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
