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
	fl := flock.New(filepath.Join(dir, "lock"))
	try := fl.TryLock
	if shared {
		try = fl.TryRLock
	}
	ok, err := try()
	if err != nil {
		return nil, fmt.Errorf("lock archive: %w", err)
	}
	infoPath := filepath.Join(dir, lockOwnerFile)
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
		_ = os.WriteFile(infoPath, data, 0o644)
	}
	return l, nil
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
