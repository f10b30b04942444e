package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"khovanban/index/internal/archivestore"
)

// An archive of format 1 keeps two files per document (docs/ab/<id>.json,
// originals/ab/<sha256>.<ext>); one of format 2 keeps the originals and
// texts as records in a few volume files with a catalog of the metadata
// (internal/archivestore). migrateToVolumes turns the one into the other.
const archiveFmtVolumes = 2

// format1Dirs are the folders and files of format 1 that format 2 no
// longer has (its journal and counts are in the catalog).
var format1Dirs = []string{docsDir, trashDir, originalsDir, tmpDir, journalDir, summaryFile}

// migrateBatch bounds one transaction of the migration: documents, and
// bytes of originals and texts.
const (
	migrateBatchDocs  = 256
	migrateBatchBytes = 64 << 20
)

// MigrateReport says what a migration copied.
type MigrateReport struct {
	Docs, Trash int      // entries copied, in this run and runs a kill stopped
	Damaged     []string // document files that could not be read, kept aside
	NoOriginal  []string // ids whose original was missing
}

// migrateToVolumes copies every document of the format-1 archive in dir,
// live and in the Trash, with its original, into a volume store in dir:
// a batch of documents per transaction, each document wholly copied or
// not at all, so a run a kill stopped is taken up where it stopped (what
// the catalog has is not copied again). Once all are copied, the
// archive's marker says format 2 (the moment the archive changes format)
// and the format-1 folders are removed; a kill during their removal is
// finished by removeFormat1. A document file that cannot be read is
// moved to format1-damaged/, not lost. The journal must be empty (Open
// replays it first).
func migrateToVolumes(dir string, progress func(Progress)) (*MigrateReport, error) {
	return migrateInBatches(context.Background(), dir, progress, migrateBatchDocs)
}

// migrateInBatches is migrateToVolumes with at most batchDocs documents a
// transaction (tests use small batches), stopped between two by ctx (a
// restore's Cancel): what is copied stays, for a later run to go on from.
func migrateInBatches(ctx context.Context, dir string, progress func(Progress), batchDocs int) (*MigrateReport, error) {
	if pending, _ := filepath.Glob(filepath.Join(dir, journalDir, "*")); len(pending) > 0 {
		return nil, fmt.Errorf("migrate: the journal has %d files to replay first", len(pending))
	}
	if err := beginMigration(dir); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	old := &store{dir: dir}
	st, err := archivestore.Open(dir, archivestore.Options{})
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer st.Close()
	rep := &MigrateReport{}
	live, err := old.ids(docsDir)
	if err != nil && !missing(err) {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	trash, err := old.ids(trashDir)
	if err != nil && !missing(err) {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	slices.Sort(live)
	slices.Sort(trash)
	m := migration{ctx: ctx, old: old, st: st, rep: rep, total: len(live) + len(trash), progress: progress, batchDocs: batchDocs}
	if progress != nil {
		progress(Progress{Total: m.total, Migrating: true})
	}
	if err := m.copyAll(docsDir, live); err != nil {
		return rep, err
	}
	if err := m.copyAll(trashDir, trash); err != nil {
		return rep, err
	}
	if err := setFormat(dir, archiveFmtVolumes); err != nil {
		return rep, fmt.Errorf("migrate: %w", err)
	}
	return rep, removeFormat1(dir, progress)
}

// beginMigration marks the archive in dir as being migrated before
// anything is copied: its marker's format becomes the string "1", which
// builds before format 2 cannot read (they refuse the folder, as for
// format 2), while this build reads it as format 1 and takes the
// migration up. Without the mark an earlier build could open the archive
// that a kill left half migrated, change its format-1 files, and the
// next migration would keep the copies taken before: edits lost,
// documents deleted for good brought back. What an unmarked run left
// (builds of format 2 before the mark) is removed and copied again.
func beginMigration(dir string) error {
	begun, err := migrationBegun(dir)
	if err != nil || begun {
		return err
	}
	for _, name := range []string{archivestore.VolumesDir, archivestore.CatalogFile} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("remove the copy of an unmarked migration: %w", err)
		}
	}
	if err := setMarkerFormat(dir, strconv.Itoa(archiveFmt)); err != nil {
		return err
	}
	// From here an earlier build says only that the folder is "not an
	// archive"; the note tells whoever opens the folder why. It is
	// only a note: a failure to write it does not stop the migration.
	_ = os.WriteFile(filepath.Join(dir, newFormatNoteFile), []byte(newFormatNote), 0o644)
	return nil
}

// newFormatNoteFile is the note a migration leaves in the archive's
// folder for the people who open it with an earlier build (newFormatNote).
const newFormatNoteFile = "ĐỌC TRƯỚC - Kho Văn Bản.txt"

// newFormatNote is what the note says, in Vietnamese and English, with
// Windows line ends for Notepad.
const newFormatNote = "Kho văn bản này đã được chuyển sang định dạng mới của Kho Văn Bản Phong Trào.\r\n" +
	"Các phiên bản cũ hơn không mở được kho này: chúng báo \"không phải kho văn bản\". " +
	"Văn bản vẫn còn nguyên: hãy cài phiên bản mới rồi mở lại kho.\r\n" +
	"Xin đừng xóa, sửa hay chuyển các tệp trong thư mục này.\r\n\r\n" +
	"This archive was moved to the new storage format of Kho Văn Bản Phong Trào.\r\n" +
	"Earlier versions cannot open it: they say it is \"not an archive\". " +
	"The documents are all here: install the new version and open the archive again.\r\n" +
	"Please do not delete, edit or move the files in this folder.\r\n"

// migrationBegun tells whether the marker of the format-1 archive in dir
// says a migration has begun (its format is a string, see
// beginMigration).
func migrationBegun(dir string) (bool, error) {
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return false, err
	}
	var m struct {
		Format json.RawMessage `json:"format"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return false, fmt.Errorf("%s: %w", manifestFile, ErrNotArchive)
	}
	return bytes.HasPrefix(m.Format, []byte(`"`)), nil
}

// NoRoomError means that Open did not migrate an archive of format 1:
// the disk holding it has less free space than the migration may need.
// Nothing was written; the archive is read as it is (OpenReadOnly) and
// the next Open tries again. errors.Is sees syscall.ENOSPC in it.
type NoRoomError struct {
	Need, Free int64 // bytes
}

func (e *NoRoomError) Error() string {
	return fmt.Sprintf("not enough free space to change the archive's format: about %d bytes needed, %d free", e.Need, e.Free)
}

// Unwrap makes the error a full disk for errors.Is.
func (e *NoRoomError) Unwrap() error { return syscall.ENOSPC }

// checkMigrationRoom returns a NoRoomError when free says the file
// system holding the format-1 archive in dir has less room than its
// migration needs (migrationNeed); free says false when it cannot tell,
// and then nothing is checked.
func checkMigrationRoom(dir string, free func(string) (int64, bool)) error {
	have, ok := free(dir)
	if !ok {
		return nil
	}
	need, err := migrationNeed(dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if have < need {
		return fmt.Errorf("migrate %s: %w", dir, &NoRoomError{Need: need, Free: have})
	}
	return nil
}

// migrationNeed is the room given to the migration of the format-1
// archive in dir: the bytes of its document files (live and in the
// Trash) and originals, plus an eighth and 4 MB for the catalog and
// what the file system takes. The volumes hold the same compressed (an
// archive of format 2 is about 2.05 times its texts, one of format 1
// 3.26 times), and the format-1 files stay until all is copied, so this
// is more than a migration writes, not twice as much. A migration a kill
// or a full disk stopped is taken up where it stopped: what its catalog
// already has (copied) is not counted.
func migrationNeed(dir string) (int64, error) {
	copied, done := migrationCopied(dir)
	defer done()
	var n int64
	for _, sub := range []string{docsDir, trashDir, originalsDir} {
		err := filepath.WalkDir(filepath.Join(dir, sub), func(_ string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() || copied(sub, d.Name()) {
				return err
			}
			info, err := d.Info()
			if err == nil {
				n += info.Size()
			}
			return err
		})
		if err != nil && !missing(err) {
			return 0, err
		}
	}
	return n + n/8 + 4<<20, nil
}

// migrationCopied tells, for a file of a format-1 folder (sub) named
// name, whether the migration begun in dir has copied it already: a
// document file whose id, or an original whose hash, its catalog has.
// Without a marked migration (beginMigration removes what an unmarked
// one left) or a catalog to read, nothing is copied. done closes the
// catalog.
func migrationCopied(dir string) (copied func(sub, name string) bool, done func()) {
	none := func(string, string) bool { return false }
	if begun, err := migrationBegun(dir); err != nil || !begun {
		return none, func() {}
	}
	st, err := archivestore.Open(dir, archivestore.Options{ReadOnly: true})
	if err != nil {
		return none, func() {}
	}
	return func(sub, name string) bool {
		key, _, _ := strings.Cut(name, ".")
		switch sub {
		case docsDir:
			return st.Has(archivestore.Live, key)
		case trashDir:
			return st.Has(archivestore.Trash, key)
		}
		return st.HasOriginal(key)
	}, func() { _ = st.Close() }
}

// migration is one run of migrateToVolumes.
type migration struct {
	ctx       context.Context
	old       *store
	st        *archivestore.Store
	rep       *MigrateReport
	done      int
	total     int
	progress  func(Progress)
	batchDocs int
}

// copyAll copies the documents of one format-1 folder, a batch per
// transaction.
func (m *migration) copyAll(sub string, ids []string) error {
	b := archivestore.Live
	if sub == trashDir {
		b = archivestore.Trash
	}
	for len(ids) > 0 {
		if err := m.ctx.Err(); err != nil {
			return err
		}
		n, err := m.copyBatch(sub, b, ids)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		ids = ids[n:]
		if m.progress != nil {
			m.progress(Progress{Done: m.done, Total: m.total, Migrating: true})
		}
	}
	return nil
}

// copyBatch copies documents from the start of ids until a batch is full,
// and returns how many it went through.
func (m *migration) copyBatch(sub string, b archivestore.Bucket, ids []string) (int, error) {
	tx, err := m.st.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	tx.InOrder()
	var size, docs, n int
	for _, id := range ids {
		if docs >= m.batchDocs || size >= migrateBatchBytes {
			break
		}
		n++
		m.done++
		if m.st.Has(b, id) {
			continue // copied by a run a kill stopped
		}
		read, err := m.copyDoc(tx, sub, b, id)
		if err != nil {
			return 0, err
		}
		docs++
		size += read
	}
	if _, err := tx.Commit(); err != nil {
		return 0, err
	}
	return n, nil
}

// copyDoc puts one format-1 document into the transaction and returns
// the bytes it read.
func (m *migration) copyDoc(tx *archivestore.Tx, sub string, b archivestore.Bucket, id string) (int, error) {
	path := m.old.pathIn(sub, id)
	d, err := readDocFile(m.old.dir, path)
	if errors.Is(err, ErrDamaged) {
		m.rep.Damaged = append(m.rep.Damaged, id)
		return 0, keepAside(m.old.dir, path)
	}
	if err != nil {
		return 0, err
	}
	text := d.Text
	d.Text = ""
	meta, err := json.Marshal(d)
	if err != nil {
		return 0, fmt.Errorf("encode %s: %w", id, err)
	}
	hash := d.Hash
	data, err := os.ReadFile(m.old.originalPath(d.Hash, d.Format))
	switch {
	case missing(err):
		m.rep.NoOriginal = append(m.rep.NoOriginal, id)
		hash = ""
	case err != nil:
		return 0, fmt.Errorf("original of %s: %w", id, err)
	default:
		if err := tx.PutOriginal(hash, data); err != nil {
			return 0, err
		}
	}
	if err := tx.PutDoc(b, id, meta, text, hash); err != nil {
		return 0, err
	}
	if b == archivestore.Trash {
		m.rep.Trash++
	} else {
		m.rep.Docs++
	}
	return len(data) + len(text), nil
}

// keepAside moves a damaged format-1 file into format1-damaged/.
func keepAside(dir, path string) error {
	aside := filepath.Join(dir, "format1-damaged")
	if err := os.MkdirAll(aside, 0o755); err != nil {
		return err
	}
	return os.Rename(path, filepath.Join(aside, filepath.Base(filepath.Dir(filepath.Dir(path)))+"-"+filepath.Base(path)))
}

// archiveFormat is an archive's format as its marker (manifestFile)
// writes it: format 1 a number, format 2 and later a string ("2"). Every
// build before format 2 reads the marker into an integer and refuses a
// folder whose marker it cannot read (ErrNotArchive: "not an archive"),
// so it refuses an archive of format 2 rather than see it empty (it has
// no docs/ folder) and write documents of format 1 beside its volumes.
// A number 2 (written by the tests' builds before the marker changed) is
// read as format 2 too.
type archiveFormat int

// MarshalJSON writes format 1 as a number, a later one as a string.
func (f archiveFormat) MarshalJSON() ([]byte, error) {
	if f >= archiveFmtVolumes {
		return json.Marshal(strconv.Itoa(int(f)))
	}
	return json.Marshal(int(f))
}

// UnmarshalJSON reads a number, or a string: format 2 or later, or
// format 1 being migrated (beginMigration).
func (f *archiveFormat) UnmarshalJSON(data []byte) error {
	var n int
	if err := json.Unmarshal(data, &n); err == nil {
		*f = archiveFormat(n)
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < archiveFmt {
		return fmt.Errorf("archive format %q: %w", s, ErrNotArchive)
	}
	*f = archiveFormat(n)
	return nil
}

// setFormat rewrites the archive's marker with another format, keeping
// the rest, durably.
func setFormat(dir string, format int) error {
	return setMarkerFormat(dir, archiveFormat(format))
}

// setMarkerFormat rewrites the marker's format with v, keeping the rest,
// durably.
func setMarkerFormat(dir string, v any) error {
	path := filepath.Join(dir, manifestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %w", path, ErrNotArchive)
	}
	m["format"] = v
	data, _ = json.MarshalIndent(m, "", "  ")
	return writeDurably(path, data)
}

// removeFormat1 removes the folders of format 1 from an archive of
// format 2 (after a migration, or what a kill during their removal left),
// telling progress (Progress.Cleaning) after each of their subfolders:
// at 100,000 documents they hold 200,000 files, minutes of removal.
func removeFormat1(dir string, progress func(Progress)) error {
	var subs []string
	for _, sub := range format1Dirs {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue // a file, or gone already
		}
		for _, e := range entries {
			subs = append(subs, filepath.Join(dir, sub, e.Name()))
		}
	}
	for i, path := range subs {
		if err := os.RemoveAll(path); err != nil {
			return fmt.Errorf("remove %s: %w", path, err)
		}
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(subs), Cleaning: true})
		}
	}
	for _, sub := range format1Dirs {
		if err := os.RemoveAll(filepath.Join(dir, sub)); err != nil {
			return fmt.Errorf("remove %s: %w", sub, err)
		}
	}
	return nil
}
