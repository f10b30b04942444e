package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrNeedsWrite means an archive cannot be opened for reading only: it
// does not exist yet, its index must be built again, or a move to or from
// the Trash that a kill interrupted must be finished. Open does that.
var ErrNeedsWrite = errors.New("the archive must first be opened for writing")

// OpenReadOnly opens the existing archive in dir for reading: searching,
// showing, counting, checking. It writes nothing (no lock owner, no
// unclean mark, no facet cache, no journal replay on disk), so it works
// on a full disk and on a read-only medium. Several readers may have an
// archive open at once, never beside a writer: either way the second gets
// ErrLocked.
//
// What a kill left in the journal is applied to the index in memory only,
// as Open would apply it on disk, so answers agree with the stored
// documents; the journal stays for the next Open. The same goes for the
// comparison of stored and indexed ids after a process did not close the
// archive. An archive whose index must be built again, or with a step of
// a move or removal to finish, gives ErrNeedsWrite: those need writes.
// Every method that writes returns ErrReadOnly.
//
// An archive of format 2 (volumes and a catalog, volumestore.go) is read
// too: its journal is the ids its store marks as not yet indexed. An
// archive of format 1 (an earlier version's) is read as it is; the next
// Open migrates it.
func OpenReadOnly(dir string, opts Options) (*Archive, error) {
	mpath := filepath.Join(dir, manifestFile)
	data, err := readArchiveFile(dir, mpath)
	if missing(err) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNeedsWrite)
	}
	if err != nil {
		return nil, fmt.Errorf("read archive %s: %w", dir, err)
	}
	var m manifest
	if json.Unmarshal(data, &m) != nil || m.Format == 0 || int(m.Format) > archiveFmtVolumes {
		return nil, fmt.Errorf("%s: %w", mpath, ErrNotArchive)
	}
	// What is read goes no further than the folder (a link on a stick to
	// /etc or a person's private folder is not shown as documents), and
	// no named pipe blocks the opening.
	if err := checkLinks(dir, true); err != nil {
		return nil, err
	}
	lock, err := lockArchive(dir, opts.Program, true)
	if err != nil {
		return nil, err
	}
	a := &Archive{dir: dir, lock: lock, opts: opts, readOnly: true, created: m.Created}
	if err := a.openForReading(int(m.Format)); err != nil {
		if a.idx != nil {
			_ = a.idx.Close()
		}
		a.store.close()
		_ = lock.release()
		return nil, err
	}
	return a, nil
}

func (a *Archive) openForReading(format int) error {
	a.store = &store{dir: a.dir}
	if format == archiveFmtVolumes {
		v, err := openVolumeStore(a.dir, true, nil)
		if err != nil {
			return err
		}
		a.store.vol = v
	}
	_, statErr := os.Stat(filepath.Join(a.dir, dirtyFile))
	a.store.loadSummary(statErr == nil, true)
	if err := a.loadRegistry(); err != nil {
		return err
	}
	if len(a.pendingSteps()) > 0 {
		return fmt.Errorf("a move to finish: %w", ErrNeedsWrite)
	}
	if reason := a.loadIndex(); reason != "" {
		return fmt.Errorf("index %s: %w", reason, ErrNeedsWrite)
	}
	if err := a.replayJournal(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(a.dir, dirtyFile)); err == nil {
		return a.reconcile()
	}
	return nil
}
