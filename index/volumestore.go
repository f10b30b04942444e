package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"khovanban/index/internal/archivestore"
)

// volumeStore is the truth of an archive of format 2: each document's
// metadata in the catalog (its Document as JSON, without the text), its
// text and original as records in the volumes (internal/archivestore).
// It answers what store answers for format 1, so that the Archive reads
// either; writes are transactions of the archive store.
type volumeStore struct {
	st *archivestore.Store
}

func openVolumeStore(dir string, readOnly bool, beforeFileOp func(op, path string)) (*volumeStore, error) {
	st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: readOnly, BeforeFileOp: beforeFileOp})
	if err != nil {
		if errors.Is(err, archivestore.ErrBusy) {
			return nil, fmt.Errorf("open store: %w: %w", err, ErrLocked)
		}
		if errors.Is(err, archivestore.ErrDamaged) {
			return nil, fmt.Errorf("open store: %w: %w", err, ErrDamaged)
		}
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &volumeStore{st: st}, nil
}

func (v *volumeStore) close() error { return v.st.Close() }

// bucketOf is the catalog bucket of a format-1 folder name.
func bucketOf(sub string) archivestore.Bucket {
	if sub == trashDir {
		return archivestore.Trash
	}
	return archivestore.Live
}

// encodeMeta is what the catalog holds of a document: its JSON without
// the text.
func encodeMeta(d *Document) ([]byte, error) {
	m := *d
	m.Text = ""
	data, err := json.Marshal(&m)
	if err != nil {
		return nil, fmt.Errorf("encode document %s: %w", d.ID, err)
	}
	return data, nil
}

// decodeMeta reads a catalog entry's metadata, refusing one that is not
// the document id names or whose hash or format is no plain name.
func decodeMeta(id string, e archivestore.Entry) (*Document, error) {
	var d Document
	if err := json.Unmarshal(e.Meta, &d); err != nil || d.ID != id || !validHash(d.Hash) || !validFormat(d.Format) {
		return nil, fmt.Errorf("document %s: %w", id, ErrDamaged)
	}
	return &d, nil
}

// getIn reads a document's metadata from the live documents or the
// Trash (sub), and its text when withText.
func (v *volumeStore) getIn(sub, id string, withText bool) (*Document, error) {
	e, err := v.st.Get(bucketOf(sub), id)
	if errors.Is(err, archivestore.ErrNotFound) {
		return nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %s: %w: %w", id, err, ErrDamaged)
	}
	d, err := decodeMeta(id, e)
	if err != nil || !withText {
		return d, err
	}
	text, err := v.st.Text(id, e)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w: %w", id, err, ErrDamaged)
	}
	d.Text = string(text)
	return d, nil
}

func (v *volumeStore) getDoc(id string) (*Document, error)  { return v.getIn(docsDir, id, true) }
func (v *volumeStore) getHead(id string) (*Document, error) { return v.getIn(docsDir, id, false) }
func (v *volumeStore) hasDoc(id string) bool                { return v.st.Has(archivestore.Live, id) }
func (v *volumeStore) inTrash(id string) bool               { return v.st.Has(archivestore.Trash, id) }

// resolvePrefix is the one live document id that starts with prefix.
func (v *volumeStore) resolvePrefix(prefix string) (string, error) {
	ids, err := v.st.IDsFrom(archivestore.Live, prefix, 2)
	if err != nil {
		return "", fmt.Errorf("document %q: %w", prefix, err)
	}
	switch {
	case len(ids) == 0 || !strings.HasPrefix(ids[0], prefix):
		return "", fmt.Errorf("document %q: %w", prefix, ErrNotFound)
	case len(ids) > 1 && strings.HasPrefix(ids[1], prefix):
		return "", fmt.Errorf("%s: %w", prefix, ErrAmbiguous)
	}
	return ids[0], nil
}

// ids lists the documents of docsDir or trashDir, sorted.
func (v *volumeStore) ids(sub string) ([]string, error) {
	ids, err := v.st.IDs(bucketOf(sub))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", sub, err)
	}
	return ids, nil
}

// openHead reads a live document's metadata and opens its text to be
// read a piece at a time (docHead.newText): search hits and phrases read
// only what they need of a large text.
func (v *volumeStore) openHead(id string) (*docHead, error) {
	e, err := v.st.Get(archivestore.Live, id)
	if errors.Is(err, archivestore.ErrNotFound) {
		return nil, fmt.Errorf("document %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %s: %w: %w", id, err, ErrDamaged)
	}
	d, err := decodeMeta(id, e)
	if err != nil {
		return nil, err
	}
	r, err := v.st.OpenText(id, e)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w: %w", id, err, ErrDamaged)
	}
	return &docHead{doc: d, text: r, plain: true, closer: r}, nil
}

// openOriginal reads a document's original as it is stored.
func (v *volumeStore) openOriginal(d *Document) (io.ReadCloser, int64, error) {
	r, size, err := v.st.OpenOriginal(d.Hash)
	if errors.Is(err, archivestore.ErrNotFound) {
		return nil, 0, fmt.Errorf("original of %s: %w", d.ID, ErrNotFound)
	}
	return r, size, err
}

// originalFile writes a document's original into dir as <sha256>.<format>
// for another program to open (the window's "open the original") or to
// be copied ("save a copy"), read-only, once: a file already there whose
// bytes still have the document's SHA-256 is given again (one another
// program changed is written anew).
func (v *volumeStore) originalFile(d *Document, dir string) (string, error) {
	if !validHash(d.Hash) || !validFormat(d.Format) {
		return "", fmt.Errorf("document %s: %w", d.ID, ErrDamaged)
	}
	name := d.Hash
	if d.Format != "" {
		name += "." + d.Format
	}
	path := filepath.Join(dir, name)
	r, size, err := v.openOriginal(d)
	if err != nil {
		return "", err
	}
	defer r.Close()
	if st, err := os.Stat(path); err == nil && st.Size() == size && fileHash(path) == d.Hash {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, ".original-*")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	n, werr := io.Copy(io.MultiWriter(f, h), r)
	cerr := f.Close()
	if werr == nil && (n != size || hex.EncodeToString(h.Sum(nil)) != d.Hash) {
		werr = ErrDamaged
	}
	if err := errors.Join(werr, cerr, os.Chmod(f.Name(), 0o444)); err != nil {
		_ = os.Remove(f.Name())
		return "", fmt.Errorf("original of %s: %w", d.ID, err)
	}
	_ = os.Chmod(path, 0o644) // a read-only file is not replaced on Windows
	if err := os.Rename(f.Name(), path); err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return path, nil
}

// counts are the store's totals from the catalog, without a walk.
func (v *volumeStore) counts() storeCounts {
	c := v.st.Counts()
	return storeCounts{
		Docs: c.Docs, Trash: c.Trash, Originals: c.Originals, OriginalsBytes: c.OriginalBytes,
		// The texts and metadata are not files any more: the text's
		// bytes stand for a document's.
		DocBytes: c.TextBytes,
	}
}

// putDoc puts a document, with its original when given, into a
// transaction: live, replacing a live document of the same id, and out
// of the Trash when it was there (imported again after deletion).
func (v *volumeStore) putDoc(tx *archivestore.Tx, d *Document, original []byte) error {
	meta, err := encodeMeta(d)
	if err != nil {
		return err
	}
	if original != nil {
		if err := tx.PutOriginal(d.Hash, original); err != nil {
			return fmt.Errorf("store original of %s: %w", d.ID, err)
		}
	}
	if v.inTrash(d.ID) {
		tx.Remove(archivestore.Trash, d.ID)
	}
	if err := tx.PutDoc(archivestore.Live, d.ID, meta, d.Text, d.Hash); err != nil {
		return fmt.Errorf("store document %s: %w", d.ID, err)
	}
	return nil
}

// setMeta puts a live document's new metadata into a transaction, its
// text unchanged.
func (v *volumeStore) setMeta(tx *archivestore.Tx, d *Document) error {
	meta, err := encodeMeta(d)
	if err != nil {
		return err
	}
	tx.SetMeta(archivestore.Live, d.ID, meta)
	return nil
}

// commit runs write in one transaction that also marks ids as not yet
// indexed, and returns the commit's number for clearUnindexed. A full
// disk's error says syscall.ENOSPC (asDiskFull: Windows says it in its
// own errnos).
func (v *volumeStore) commit(ids []string, write func(tx *archivestore.Tx) error) (uint64, error) {
	tx, err := v.st.Begin()
	if err != nil {
		if errors.Is(err, archivestore.ErrReadOnly) {
			return 0, ErrReadOnly
		}
		return 0, err
	}
	defer tx.Rollback()
	if err := write(tx); err != nil {
		return 0, asDiskFull(err)
	}
	tx.MarkUnindexed(ids...)
	seq, err := tx.Commit()
	return seq, asDiskFull(err)
}

// clearUnindexed clears the marks given (what unindexed returned), each
// only if no later commit marked its id again.
func (v *volumeStore) clearUnindexed(marks map[string]uint64) error {
	bySeq := map[uint64][]string{}
	for id, seq := range marks {
		bySeq[seq] = append(bySeq[seq], id)
	}
	for seq, ids := range bySeq {
		if err := v.st.ClearUnindexed(ids, seq); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	return nil
}

// unindexed lists the ids a commit changed that the index may not have
// on disk yet (what a kill left): the journal of format 2.
func (v *volumeStore) unindexed() ([]string, map[string]uint64, error) {
	marks, err := v.st.Unindexed()
	if err != nil {
		return nil, nil, fmt.Errorf("journal: %w", err)
	}
	ids := make([]string, 0, len(marks))
	for id := range marks {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids, marks, nil
}

// catalogCompactMin is the fewest documents an import adds for the
// catalog to be compacted after it (compactCatalogAfter); a variable for
// the tests.
var catalogCompactMin = 2000

// compactCatalogAfter writes the catalog again with its pages full
// (archivestore's CompactCatalog) after an import or a pack that added
// added documents, when they are at least catalogCompactMin and a
// quarter of the archive's: both commit their documents in the random
// order of their ids, which leaves bbolt's pages about two-thirds full. Measured
// on 10,000 vncorpus documents: the catalog 28.0 MB after the import,
// 16.8 MB compacted. A compaction that fails (a full disk) leaves the
// catalog as it was, and the import is whole: only a catalog that could
// not be opened again is an error.
func (a *Archive) compactCatalogAfter(added int) error {
	v := a.store.vol
	if v == nil || a.readOnly || added < catalogCompactMin || int64(added)*4 < v.st.Counts().Docs {
		return nil
	}
	// The copy comes on top of what the import left: the heap it no longer
	// uses, which the runtime keeps (about 200 MB after 100,000
	// documents), and the index pages its last batches mapped. Both go
	// back first.
	a.releaseIndexPages()
	debug.FreeOSMemory()
	if _, _, err := v.st.CompactCatalog(); errors.Is(err, archivestore.ErrDamaged) {
		return fmt.Errorf("import: %w: %w", err, ErrDamaged)
	}
	return nil
}

// fileHash is the SHA-256 of a file's bytes in hex, or "" when it cannot
// be read.
func fileHash(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
