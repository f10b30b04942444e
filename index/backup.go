package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"khovanban/index/extract"
)

// BackupInfo describes a finished backup or restore.
type BackupInfo struct {
	Documents int // live documents, as the list counts them: the formats of one text once (twins.go)
	Files     int // live documents' originals, each format one
	Trash     int // documents in the Trash, the formats of one text once
	Bytes     int64
}

// Backup writes a copy of the archive in dir to file, a zip with a
// manifest of SHA-256 sums, laid out as format 1 (which every version
// restores). An archive of format 2 is read through the store of the
// Archive this process has open there (the window's backup), or else
// under the archive's shared lock: another process that has it open for
// writing makes Backup fail at once with ErrLocked (its catalog cannot
// be read beside a writer). An archive of format 1 needs no lock: each
// document file is read whole as written by a rename, and its original,
// which is written before it and never changed, is copied beside it; a
// document deleted meanwhile is left out, one added meanwhile is in or
// out whole. A document whose
// original is missing fails the backup with a *BackupMissingError naming
// it: a backup never holds fewer documents than the archive without
// saying so. The archive's office key (see packsign.go) is not copied.
func Backup(ctx context.Context, dir, file string, progress func(Progress)) (*BackupInfo, error) {
	if err := checkBackupTarget(dir, file); err != nil {
		return nil, err
	}
	data, err := readArchiveFile(dir, filepath.Join(dir, manifestFile))
	if errors.Is(err, ErrNotRegular) || errors.Is(err, ErrLinkOutside) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotArchive)
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Format == 0 || int(m.Format) > archiveFmtVolumes {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotArchive)
	}
	// Nothing is read through a link out of the folder (an archive on a
	// stick whose docs lead to /etc or a person's private folder would
	// put those files into the backup), nor from a named pipe.
	if err := checkLinks(dir, true); err != nil {
		return nil, err
	}
	s := &store{dir: dir}
	if m.Format == archiveFmtVolumes {
		vs, release, err := volumeStoreOf(dir)
		if err != nil {
			return nil, err
		}
		defer release()
		s = vs
	}
	live, err := s.ids(docsDir)
	if err != nil {
		return nil, err
	}
	trash, err := s.ids(trashDir)
	if err != nil {
		return nil, err
	}
	bw, err := newBundleWriter(file)
	if err != nil {
		return nil, err
	}
	info, err := writeBackup(ctx, s, bw, live, trash, progress)
	if err != nil {
		bw.abort()
		return nil, err
	}
	err = bw.close(map[string]any{
		"kind": "backup", "format": archiveFmt, "created": time.Now().UTC(),
		"documents": info.Documents, "files": info.Files, "trash": info.Trash,
	}, nil)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(file); err == nil {
		info.Bytes = st.Size()
	}
	return info, nil
}

// ErrBackupInsideArchive means a backup was to be written inside the
// archive it copies: over its catalog or a volume (which it would
// destroy), or among its files.
var ErrBackupInsideArchive = errors.New("backup inside the archive folder")

// ErrNotBackupFile means a backup was to be written over a file that is
// not a backup (a document, a zip of photos): a backup replaces an older
// backup of the same name, never another file.
var ErrNotBackupFile = errors.New("a file that is not a backup is there")

// checkBackupTarget refuses a backup's file inside the archive folder dir
// (the written zip is renamed over its target: "backup
// kho/catalog.db" replaced the catalog with a zip, the archive then
// unreadable), or over a file that is not a backup of an archive.
func checkBackupTarget(dir, file string) error {
	if inside(dir, file) {
		return fmt.Errorf("backup %s: %w", file, ErrBackupInsideArchive)
	}
	st, err := os.Stat(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("backup %s: %w", file, err)
	case !st.Mode().IsRegular() || bundleKindOf(file, extract.Limits{}) != "backup":
		return fmt.Errorf("backup %s: %w", file, ErrNotBackupFile)
	}
	return nil
}

// inside reports whether path is in the folder dir or below it, links
// followed as far as they go (the file itself need not exist).
func inside(dir, path string) bool {
	real := func(p string) string {
		p, err := filepath.Abs(p)
		if err != nil {
			return filepath.Clean(p)
		}
		// The deepest part that exists, its links followed, and the rest.
		rest := ""
		for {
			if r, err := filepath.EvalSymlinks(p); err == nil {
				return filepath.Join(r, rest)
			}
			parent := filepath.Dir(p)
			if parent == p {
				return filepath.Join(p, rest)
			}
			rest = filepath.Join(filepath.Base(p), rest)
			p = parent
		}
	}
	d, p := real(dir), real(path)
	rel, err := filepath.Rel(d, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// volumeStoreOf is the volume store of the archive of format 2 in dir,
// for a backup: the store of the Archive this process has open there, or
// else the store opened for reading, under the archive's shared lock (the
// catalog cannot be read while another process has it open for writing:
// ErrLocked).
func volumeStoreOf(dir string) (*store, func(), error) {
	if a := openedHere(dir); a != nil {
		return a.store, func() {}, nil
	}
	lock, err := lockArchive(dir, "khovanban backup", true)
	if err != nil {
		return nil, nil, err
	}
	v, err := openVolumeStore(dir, true, nil)
	if err != nil {
		_ = lock.release()
		return nil, nil, err
	}
	return &store{dir: dir, vol: v}, func() { _ = v.close(); _ = lock.release() }, nil
}

// addFormat1Manifest adds the archive's marker to a backup saying format
// 1 (a number, which every version reads), the layout of a backup (docs/,
// trash/, originals/), whatever the archive's own.
func addFormat1Manifest(bw *bundleWriter, dir string) error {
	data, err := readArchiveFile(dir, filepath.Join(dir, manifestFile))
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %w", manifestFile, ErrNotArchive)
	}
	m["format"] = archiveFmt
	data, _ = json.MarshalIndent(m, "", "  ")
	return bw.add(manifestFile, data)
}

// officesToBackUp is the file of the known offices' keys a backup holds,
// as offices.json: the archive's own when it reads, else its last good
// copy (officesGoodFile) when that does, else the damaged one as it is,
// so that the archive restored says the list is damaged (ErrOfficesDamaged)
// rather than having none, which would take every office as new, a
// forged pack as verified. The good copy is not an entry of its own: a
// backup keeps the names every version restores; the restore writes it
// again (restoreOfficesGood).
func officesToBackUp(dir string) string {
	own := filepath.Join(dir, officesFile)
	if _, err := readOffices(dir, own); err == nil {
		return own // as knownOffices reads it: none there is none backed up
	}
	good := filepath.Join(dir, officesGoodFile)
	if m, err := readOffices(dir, good); err == nil && m != nil {
		return good
	}
	return own
}

// restoreOfficesGood writes the last good copy of a restored archive's
// known offices (officesGoodFile) from its offices.json, when that
// reads: the archive restored keeps its offices' trust if its
// offices.json is later damaged, as the archive backed up did.
func restoreOfficesGood(dir string) error {
	path := filepath.Join(dir, officesFile)
	m, err := readOffices(dir, path)
	if err != nil || m == nil {
		return nil // none, or damaged: nothing good to copy
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := writeSynced(filepath.Join(dir, officesGoodFile), data, 0o644); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// BackupMissingError lists the documents whose original file is missing
// from the archive. No backup is written: it would hold fewer documents
// than the archive. It wraps ErrDamaged.
type BackupMissingError struct {
	Docs []MissingOriginal
}

// MissingOriginal is a document without its original file.
type MissingOriginal struct {
	ID, Title string
	InTrash   bool
	Path      string // where the original should be
}

func (e *BackupMissingError) Error() string {
	var ids []string
	for _, d := range e.Docs {
		ids = append(ids, d.ID)
	}
	return fmt.Sprintf("backup: %d documents have no original (%s): %v", len(e.Docs), strings.Join(ids, ", "), ErrDamaged)
}

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *BackupMissingError) Unwrap() error { return ErrDamaged }

func writeBackup(ctx context.Context, s *store, bw *bundleWriter, live, trash []string, progress func(Progress)) (*BackupInfo, error) {
	info := &BackupInfo{}
	for _, name := range []string{manifestFile, registryFile, officesFile} {
		var err error
		switch name {
		case manifestFile: // format 1 as a number, also when a migration has begun
			err = addFormat1Manifest(bw, s.dir)
		case officesFile:
			err = addFile(bw, s.dir, name, officesToBackUp(s.dir))
		default:
			err = addFile(bw, s.dir, name, filepath.Join(s.dir, name))
		}
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("backup %s: %w", name, err)
		}
	}
	total := len(live) + len(trash)
	done := 0
	last := time.Time{}
	isLive := map[string]bool{}
	liveTexts, trashTexts := map[string]bool{}, map[string]bool{}
	var lost []MissingOriginal
	for _, group := range []struct {
		sub string
		ids []string
	}{{docsDir, live}, {trashDir, trash}} {
		for _, id := range group.ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			done++
			rel := docEntry(group.sub, id)
			data, err := s.docJSON(group.sub, id)
			if missing(err) || errors.Is(err, ErrNotFound) {
				continue // deleted or restored meanwhile
			}
			if err != nil {
				return nil, fmt.Errorf("backup %s: %w", id, err)
			}
			var d Document
			if json.Unmarshal(data, &d) != nil || !checkDocument(&d, rel) {
				return nil, fmt.Errorf("backup %s: %w", rel, ErrDamaged)
			}
			origRel := originalEntry(d.Hash, d.Format)
			if !bw.has(origRel) {
				err := s.addOriginal(bw, &d)
				if errors.Is(err, ErrNotFound) {
					if _, serr := s.docJSON(group.sub, id); missing(serr) || errors.Is(serr, ErrNotFound) {
						continue // deleted, and the Trash emptied, meanwhile
					}
					lost = append(lost, MissingOriginal{ID: id, Title: d.Title, InTrash: group.sub == trashDir, Path: s.originalPath(d.Hash, d.Format)})
					continue
				}
				if err != nil {
					return nil, fmt.Errorf("backup %s: %w", id, err)
				}
			}
			if err := bw.add(rel, data); err != nil {
				return nil, err
			}
			switch {
			case group.sub == docsDir:
				isLive[id] = true
				info.Files++
				liveTexts[listKey(id, d.TwinOf)] = true
			case !isLive[id]: // in both after a kill: it counts as live
				trashTexts[listKey(id, d.TwinOf)] = true
			}
			info.Documents, info.Trash = len(liveTexts), len(trashTexts)
			if progress != nil && (time.Since(last) > 100*time.Millisecond || done == total) {
				last = time.Now()
				progress(Progress{Done: done, Total: total, Current: d.Title})
			}
		}
	}
	if len(lost) > 0 {
		return nil, &BackupMissingError{Docs: lost}
	}
	return info, nil
}

// RestoreBackup brings the archive in a backup back into dir, which must be a
// new or an empty folder: an existing file or a non-empty folder is
// refused (ErrNotFolder, ErrNotEmpty) and nothing of the person's is ever
// removed. The backup is verified whole first (every entry's SHA-256, name
// and limits; every original against its own name; every document's id,
// hash, format and entry name, in docs/ and trash/ alike), then written
// into a fresh hidden folder beside dir, checked again on the way, and
// renamed to dir; a damaged or forged backup is refused with a
// *BundleError and leaves nothing. The archive restored is of format 2
// (its documents moved into volumes in the hidden folder, before the
// rename). Progress tells the writing of the backup's entries (Done of
// Total), then the migration (Progress.Migrating, documents copied) and
// the removal of the format-1 files (Progress.Cleaning), as Open tells
// its own; a cancelled ctx stops it between two batches of either the
// writing or the migration, and nothing is left. The index is built by
// the next Open.
func RestoreBackup(ctx context.Context, file, dir string, progress func(Progress)) (*BackupInfo, error) {
	return restore(ctx, file, dir, defaultBundleLimits(), progress)
}

// ErrNotEmpty means a folder to restore into already has files.
var ErrNotEmpty = errors.New("folder is not empty")

// ErrNotFolder means the place to restore into is a file (or a link), not
// a folder.
var ErrNotFolder = errors.New("not a folder")

func restore(ctx context.Context, file, dir string, lim bundleLimits, progress func(Progress)) (*BackupInfo, error) {
	dir = filepath.Clean(dir)
	if err := checkRestoreTarget(dir); err != nil {
		return nil, err
	}
	b, err := openBundle(file, "backup", lim)
	if err != nil {
		return nil, err
	}
	defer b.close()
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	pattern := "." + filepath.Base(dir) + ".restoring-*"
	removeStaleStaging(parent, pattern)
	staging, err := os.MkdirTemp(parent, pattern)
	if err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	mark, err := os.Create(filepath.Join(staging, stagingMark))
	if err != nil {
		_ = os.Remove(staging)
		return nil, fmt.Errorf("restore: %w", err)
	}
	holdTemp(mark)
	info, err := restoreInto(ctx, b, staging, progress)
	if err == nil {
		err = restoreOfficesGood(staging)
	}
	if err == nil {
		// A backup is laid out as format 1; the archive restored is of
		// this version's format before it takes the person's folder.
		_, err = migrateInBatches(ctx, staging, progress, migrateBatchDocs)
	}
	if err == nil {
		err = checkRestoreTarget(dir)
	}
	mark.Close()
	if err == nil {
		err = os.Remove(mark.Name())
	}
	if err == nil {
		_ = os.Remove(dir) // an empty folder the person chose; rmdir removes nothing else
		err = os.Rename(staging, dir)
		if err == nil {
			_ = syncDir(parent) // the rename survives a power cut, when the system can say so
		}
	}
	if err != nil {
		_ = os.RemoveAll(staging) // ours, made above
		return nil, err
	}
	return info, nil
}

// stagingMark marks a folder a restore is writing into; it is held (see
// holdTemp) while the restore runs.
const stagingMark = ".khovanban-restoring"

// removeStaleStaging removes the folders that killed restores left in
// parent: those with the pattern's name whose mark no running restore
// holds. A folder without the mark is not one of ours, and is kept.
func removeStaleStaging(parent, pattern string) {
	dirs, _ := filepath.Glob(filepath.Join(parent, pattern))
	for _, d := range dirs {
		mark := filepath.Join(d, stagingMark)
		if _, err := os.Stat(mark); err != nil {
			continue
		}
		removeIfStale(mark)
		if _, err := os.Stat(mark); errors.Is(err, fs.ErrNotExist) {
			_ = os.RemoveAll(d)
		}
	}
}

// checkRestoreTarget accepts a path that does not exist or an empty folder.
func checkRestoreTarget(dir string) error {
	st, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("restore into %s: %w", dir, err)
	case !st.IsDir():
		return fmt.Errorf("restore into %s: %w", dir, ErrNotFolder)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("restore into %s: %w", dir, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("restore into %s: %w", dir, ErrNotEmpty)
	}
	return nil
}

// restoreInto writes every entry of a verified backup below dir, each
// read again through its checks.
func restoreInto(ctx context.Context, b *bundle, dir string, progress func(Progress)) (*BackupInfo, error) {
	if !b.has(manifestFile) {
		return nil, b.fail(manifestFile, BundleMissing)
	}
	info := &BackupInfo{}
	// id → what the list counts it by, both as the 8 bytes of their 16
	// hex digits (restoreDoc checked the id; a twin_of that is not one
	// is kept as a string): a restore of a million documents holds them all.
	live, trash := map[docKey]docKey{}, map[docKey]docKey{}
	i := 0
	err := b.each(func(name string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(name)) // names checked when the bundle was opened
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		var n int64
		var err error
		if sub, ok := isDocEntry(name); ok {
			var id, text string
			id, text, n, err = restoreDoc(b, name, p)
			if sub == docsDir {
				live[keyOfDoc(id)] = keyOfDoc(text)
			} else {
				trash[keyOfDoc(id)] = keyOfDoc(text)
			}
		} else {
			n, err = restoreFile(b, name, p)
		}
		if err != nil {
			return err
		}
		info.Bytes += n
		i++
		if progress != nil && (i%200 == 0 || i == b.count) {
			progress(Progress{Done: i, Total: b.count, Current: name})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	liveTexts, trashTexts := map[docKey]bool{}, map[docKey]bool{}
	for _, text := range live {
		liveTexts[text] = true
	}
	for id, text := range trash {
		if _, ok := live[id]; !ok {
			trashTexts[text] = true
		}
	}
	info.Files, info.Documents, info.Trash = len(live), len(liveTexts), len(trashTexts)
	// Not synced: the migration that follows reads them into its volumes,
	// which it makes durable, and removes them.
	return info, nil
}

// docKey is a document's id, or the id a twin_of names, as what the
// restore's counts need: its 16 hex digits as 8 bytes, or, for a
// twin_of that is not 16 hex digits (a backup may say anything there),
// a hash of it.
type docKey [8]byte

func keyOfDoc(id string) docKey {
	var k docKey
	if len(id) == 16 {
		if _, err := hex.Decode(k[:], []byte(id)); err == nil && strings.ToLower(id) == id {
			return k
		}
	}
	sum := sha256.Sum256([]byte("twin_of:" + id))
	copy(k[:], sum[:])
	return k
}

// restoreDoc checks a document entry (its id, hash, format and name agree
// and its original is in the backup) and writes it to p.
func restoreDoc(b *bundle, name, p string) (id, text string, n int64, err error) {
	data, err := b.read(name)
	if err != nil {
		return "", "", 0, err
	}
	var d struct { // the text is not needed, so not decoded
		ID     string `json:"id"`
		Hash   string `json:"sha256"`
		Format string `json:"format"`
		TwinOf string `json:"twin_of"`
	}
	if json.Unmarshal(data, &d) != nil || !checkDocument(&Document{ID: d.ID, Hash: d.Hash, Format: d.Format}, name) {
		return "", "", 0, b.fail(name, BundleBadDocument)
	}
	if !b.has(originalEntry(d.Hash, d.Format)) {
		return "", "", 0, b.fail(name, BundleNoOriginal)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return "", "", 0, fmt.Errorf("restore: %w", err)
	}
	return d.ID, listKey(d.ID, d.TwinOf), int64(len(data)), nil
}

// restoreFile streams an entry to p; the read fails at the end when the
// bytes are not the manifest's (or an original's name's).
func restoreFile(b *bundle, name, p string) (int64, error) {
	rc, err := b.open(name)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, fmt.Errorf("restore: %w", err)
	}
	n, err := io.Copy(f, rc)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("restore: %w", cerr)
	}
	return n, err
}
