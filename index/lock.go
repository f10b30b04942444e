package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/gofrs/flock"

	"khovanban/index/internal/archivestore"
)

// archiveLock keeps other processes from writing to the archive while this
// one has it open. It is an operating-system file lock, so a process that
// dies, however it dies, releases it: a lock file left behind is stale by
// construction and the next Open takes it. A writer holds it alone;
// readers (OpenReadOnly) share it.
type archiveLock struct {
	fl    *flock.Flock
	owner string // who holds it, for the unclean mark
}

// lockOwnerFile, beside the lock, says which program holds the archive
// for writing, so that another process can say who it waits for.
const lockOwnerFile = "lock.owner"

// lockOwner is the content of lockOwnerFile.
type lockOwner struct {
	Program string    `json:"program"`
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Since   time.Time `json:"since"`
}

// LockedError says which program has the archive open, when that can be
// told: a process on this machine that still runs. It matches ErrLocked.
type LockedError struct {
	Program string
	PID     int
	Since   time.Time
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("%v: %s (pid %d) since %s", ErrLocked, e.Program, e.PID, e.Since.Local().Format(time.DateTime))
}

// Unwrap makes errors.Is(err, ErrLocked) hold.
func (e *LockedError) Unwrap() error { return ErrLocked }

// lockArchive takes the archive's lock, shared for a reader. A writer
// records who it is beside the lock; a reader writes nothing.
func lockArchive(dir, program string, shared bool) (*archiveLock, error) {
	// Taking the lock creates its file: not through a link out of the
	// archive (a reader and a backup walk no further, Open did).
	if err := checkLinkAt(dir, "lock"); err != nil {
		return nil, err
	}
	infoPath := filepath.Join(dir, lockOwnerFile)
	fl, ok, err := takeLock(dir, shared)
	if err != nil {
		return nil, fmt.Errorf("lock archive: %w", err)
	}
	if !ok {
		return nil, lockHolder(infoPath)
	}
	if program == "" {
		program = "khovanban"
		if exe, err := os.Executable(); err == nil {
			program = filepath.Base(exe)
		}
	}
	host, _ := os.Hostname()
	me := lockOwner{Program: program, PID: os.Getpid(), Host: host, Since: time.Now()}
	l := &archiveLock{fl: fl, owner: fmt.Sprintf("%s, pid %d on %s since %s", program, me.PID, host, me.Since.Format(time.DateTime))}
	if !shared {
		data, _ := json.Marshal(me)
		// A new file, not the one there written in place: that one may
		// have other names (a copy of the archive made with hard links).
		_ = os.Remove(infoPath)
		_ = os.WriteFile(infoPath, data, 0o644)
	}
	return l, nil
}

// takeLock takes the lock file of the archive in dir, shared or alone,
// and reports whether it got it. The file locked must be the one the
// name leads to once it is held: lockFresh may have renamed another over
// it meanwhile (then it is taken again). A writer whose lock file has
// other names (hard links: a copy of the archive made by cp -al or a
// backup tool) gives it an inode of its own (lockFresh); otherwise the
// copy and this archive would lock each other out.
func takeLock(dir string, shared bool) (*flock.Flock, bool, error) {
	path := filepath.Join(dir, "lock")
	for range 3 {
		fl := flock.New(path)
		try := fl.TryLock
		if shared {
			try = fl.TryRLock
		}
		ok, err := try()
		if err != nil || !ok {
			return nil, ok, err
		}
		if !shared && archivestore.Shared(path) {
			// Kept shared when it cannot be replaced (Windows renames
			// over no open file): the copy then waits for this one.
			if fresh, err := lockFresh(path); err == nil {
				_ = fl.Close()
				fl = fresh
			}
		}
		held, herr := fl.Stat()
		named, nerr := os.Stat(path)
		if herr == nil && nerr == nil && os.SameFile(held, named) {
			return fl, true, nil
		}
		_ = fl.Close()
	}
	return nil, false, nil
}

// lockFresh makes a new lock file, takes it, and renames it over the
// lock file at path, which the caller holds: a process that opened the
// old one meanwhile finds, once it holds it, that the name no longer
// leads to it (takeLock).
func lockFresh(path string) (*flock.Flock, error) {
	tmp := path + archivestore.UnshareSuffix
	_ = os.Remove(tmp)
	fresh := flock.New(tmp)
	ok, err := fresh.TryLock()
	if err == nil && !ok {
		err = errors.New("new lock file taken")
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = fresh.Close()
		_ = os.Remove(tmp)
		return nil, err
	}
	return fresh, nil
}

// lockHolder says who holds the lock: the program named beside it when it
// runs on this machine, else only that the archive is in use (a reader,
// a process on another machine sharing the folder, or one that exited
// and whose lock a reader now shares).
func lockHolder(infoPath string) error {
	data, err := os.ReadFile(infoPath)
	var o lockOwner
	host, _ := os.Hostname()
	if err == nil && json.Unmarshal(data, &o) == nil && o.Host == host && o.PID > 0 && o.PID != os.Getpid() && processRuns(o.PID) {
		return &LockedError{Program: o.Program, PID: o.PID, Since: o.Since}
	}
	return ErrLocked
}

// processRuns reports whether a process with this id runs on this
// machine.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false // Windows: no such process
	}
	if runtime.GOOS == "windows" {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

func (l *archiveLock) release() error {
	return l.fl.Unlock()
}
