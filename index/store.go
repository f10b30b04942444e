package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"khovanban/index/internal/archivestore"
)

// store reads the truth of an archive: its volume store (vol,
// volumestore.go) in format 2, which every write goes to; or the plain
// files of format 1, which earlier versions wrote and this one reads as
// they are until Open migrates them (migrate.go):
//
//	originals/ab/<sha256><ext>  every imported file, byte for byte
//	docs/ab/<id>.json           metadata and text of each live document
//	trash/ab/<id>.json          deleted documents, until the Trash is emptied
//	tmp/                        files being written; renamed into place
//
// A document of format 1 is in the archive exactly when its docs file
// exists.
type store struct {
	dir   string
	vol   *volumeStore // format 2; nil for format 1
	tally tally        // files and bytes of each part, for Stats (summary.go)
	hits  hitCache     // the files of recent hits (snippetread.go)
}

const (
	originalsDir = "originals"
	docsDir      = "docs"
	trashDir     = "trash"
	tmpDir       = "tmp"
)

// close closes the volume store of an archive of format 2.
func (s *store) close() error {
	if s == nil || s.vol == nil {
		return nil
	}
	return s.vol.close()
}

func shard(id string) string {
	if len(id) < 2 {
		return "00"
	}
	return id[:2]
}

func (s *store) docPath(id string) string {
	return filepath.Join(s.dir, docsDir, shard(id), id+".json")
}

func (s *store) trashPath(id string) string {
	return filepath.Join(s.dir, trashDir, shard(id), id+".json")
}

// pathIn is a document's file under docsDir or trashDir.
func (s *store) pathIn(sub, id string) string {
	return filepath.Join(s.dir, sub, shard(id), id+".json")
}

// originalPath is where the original of a document with this hash and
// format lives. A hash or format that is not a plain name (one read from
// a damaged or forged file) gives a path inside originals/ that no
// original has, never one elsewhere.
func (s *store) originalPath(hash, format string) string {
	ext := ""
	switch {
	case !validFormat(format):
		ext = ".invalid"
	case format != "":
		ext = "." + format
	}
	if !validHash(hash) {
		hash = "invalid"
	}
	return filepath.Join(s.dir, originalsDir, shard(hash), hash+ext)
}

// validHash reports whether h is a SHA-256 in lower-case hex.
func validHash(h string) bool {
	return len(h) == 64 && strings.Trim(h, "0123456789abcdef") == ""
}

// validFormat reports whether f can end a file name: a short extension of
// lower-case letters and digits, or none.
func validFormat(f string) bool {
	return len(f) <= 8 && strings.Trim(f, "abcdefghijklmnopqrstuvwxyz0123456789") == ""
}

// readDocFile reads a document file of format 1 of the archive in dir
// (openArchiveFile: no link out of it followed, no named pipe waited on).
func readDocFile(dir, path string) (*Document, error) {
	data, err := readArchiveFile(dir, path)
	if err != nil {
		return nil, err
	}
	var d Document
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), ErrDamaged)
	}
	if d.ID == "" {
		return nil, fmt.Errorf("%s: no id: %w", filepath.Base(path), ErrDamaged)
	}
	return &d, nil
}

// The reads below are all the rest of the package uses to read stored
// documents and originals: none of it names a file of the store, so that
// the store's layout is its own (see volumestore.go).

// getIn reads a document of the live documents or the Trash (sub: docsDir
// or trashDir), with its text when withText. A document not there is
// ErrNotFound; one that cannot be read, ErrDamaged.
func (s *store) getIn(sub, id string, withText bool) (*Document, error) {
	if s.vol != nil {
		return s.vol.getIn(sub, id, withText)
	}
	path := s.pathIn(sub, id)
	var d *Document
	var err error
	if withText {
		d, err = readDocFile(s.dir, path)
	} else {
		d, err = readDocHead(s.dir, path)
	}
	if missing(err) {
		return nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	return d, err
}

// getDoc reads a live document with its text.
func (s *store) getDoc(id string) (*Document, error) { return s.getIn(docsDir, id, true) }

// getHead is getDoc without the text.
func (s *store) getHead(id string) (*Document, error) { return s.getIn(docsDir, id, false) }

// openHead reads a live document's metadata and opens its text to be read
// a piece at a time (docHead.newText): search hits and phrases read only
// what they need of a large text.
func (s *store) openHead(id string) (*docHead, error) {
	if s.vol != nil {
		return s.vol.openHead(id)
	}
	h, err := openDocHead(s.dir, s.docPath(id))
	if missing(err) {
		return nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	return h, err
}

// rawDoc is a live document as it is stored, when it is a JSON file of at
// most max bytes: the quick way for a phrase to be looked for in its text
// as it lies there (phraseScan.inRawText). ok is false otherwise. It is
// read into buf, kept for the next (a phrase reads thousands), without a
// stat first.
func (s *store) rawDoc(id string, max int, buf *[]byte) (raw []byte, ok bool) {
	if s.vol != nil {
		return nil, false
	}
	f, _, err := openArchiveFile(s.dir, s.docPath(id))
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b := (*buf)[:0]
	for {
		if len(b) == cap(b) {
			if len(b) > max {
				return nil, false
			}
			b = append(b, 0)[:len(b)]
		}
		n, err := f.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false
		}
	}
	*buf = b
	return b, len(b) <= max
}

// docJSON is a document of docsDir or trashDir as a backup or a pack
// holds it: its file as stored (format 1), or its JSON (format 2).
func (s *store) docJSON(sub, id string) ([]byte, error) {
	if s.vol == nil {
		return readArchiveFile(s.dir, s.pathIn(sub, id))
	}
	d, err := s.vol.getIn(sub, id, true)
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode document %s: %w", id, err)
	}
	return data, nil
}

// resolvePrefix is the one live document id that starts with prefix (at
// least 2 characters).
func (s *store) resolvePrefix(prefix string) (string, error) {
	if s.vol != nil {
		return s.vol.resolvePrefix(prefix)
	}
	names, _ := os.ReadDir(filepath.Join(s.dir, docsDir, shard(prefix)))
	found := ""
	for _, n := range names {
		if id, ok := strings.CutSuffix(n.Name(), ".json"); ok && strings.HasPrefix(id, prefix) {
			if found != "" {
				return "", fmt.Errorf("%s: %w", prefix, ErrAmbiguous)
			}
			found = id
		}
	}
	if found == "" {
		return "", fmt.Errorf("document %q: %w", prefix, ErrNotFound)
	}
	return found, nil
}

// openOriginal reads a document's original as it is stored, and gives its
// length. An original not there is ErrNotFound.
func (s *store) openOriginal(d *Document) (io.ReadCloser, int64, error) {
	if s.vol != nil {
		return s.vol.openOriginal(d)
	}
	f, st, err := openArchiveFile(s.dir, s.originalPath(d.Hash, d.Format))
	if missing(err) {
		return nil, 0, fmt.Errorf("original of %s: %w", d.ID, ErrNotFound)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("original of %s: %w", d.ID, err)
	}
	return f, st.Size(), nil
}

// originalFile is a file holding a document's original, for another
// program to open (the window's "open the original"). The volume store
// writes it into the archive's originalCacheDir, or into the person's
// cache folder when the archive is open for reading only (never a folder
// that another user of the machine could have made).
func (s *store) originalFile(d *Document) (string, error) {
	if s.vol == nil {
		// Given to another program as it is: not a link out of the
		// archive (that program would show what it leads to), nor a pipe.
		p := s.originalPath(d.Hash, d.Format)
		f, _, err := openArchiveFile(s.dir, p)
		if err != nil {
			if missing(err) {
				return "", fmt.Errorf("original of %s: %w", d.ID, ErrNotFound)
			}
			return "", fmt.Errorf("original of %s: %w", d.ID, err)
		}
		f.Close()
		return p, nil
	}
	dir := filepath.Join(s.dir, originalCacheDir)
	if s.vol.st.ReadOnly() {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("original of %s: %w", d.ID, err)
		}
		dir = filepath.Join(cache, "khovanban", "originals")
	}
	return s.vol.originalFile(d, dir)
}

// originalCacheDir holds the originals of an archive of format 2 written
// out for another program to open; Open empties it.
const originalCacheDir = "cache/originals"

// clearOriginalCache removes the originals written out for other
// programs (OriginalPath), and the cache folder when nothing else is in
// it.
func clearOriginalCache(dir string) {
	_ = os.RemoveAll(filepath.Join(dir, originalCacheDir))
	_ = os.Remove(filepath.Dir(filepath.Join(dir, originalCacheDir)))
}

// missing reports whether err says a file is not there, including when a
// file stands where its folder should be.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

func (s *store) hasDoc(id string) bool {
	if s.vol != nil {
		return s.vol.hasDoc(id)
	}
	_, err := os.Stat(s.docPath(id))
	return err == nil
}

func (s *store) inTrash(id string) bool {
	if s.vol != nil {
		return s.vol.inTrash(id)
	}
	_, err := os.Stat(s.trashPath(id))
	return err == nil
}

// ids lists the documents under one of docsDir or trashDir.
func (s *store) ids(sub string) ([]string, error) {
	if s.vol != nil {
		return s.vol.ids(sub)
	}
	var out []string
	root := filepath.Join(s.dir, sub)
	shards, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", sub, err)
	}
	for _, sh := range shards {
		if !sh.IsDir() {
			continue
		}
		names, err := os.ReadDir(filepath.Join(root, sh.Name()))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", sub, err)
		}
		for _, n := range names {
			if id, ok := strings.CutSuffix(n.Name(), ".json"); ok {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// dirSize adds up the sizes of the files below dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// syncDir makes the creation, renaming or removal of entries in dir
// durable: archivestore's, one for the whole archive.
func syncDir(dir string) error { return archivestore.SyncDir(dir) }
