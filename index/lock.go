package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// archiveLock keeps other processes from writing to the archive while this
// one has it open. It is an operating-system file lock, so a process that
// dies, however it dies, releases it: a lock file left behind is stale by
// construction and the next Open takes it.
type archiveLock struct {
	fl      *flock.Flock
	owner   string
	started time.Time
}

func lockArchive(dir string) (*archiveLock, error) {
	fl := flock.New(filepath.Join(dir, "lock"))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock archive: %w", err)
	}
	infoPath := filepath.Join(dir, "lock.owner")
	if !ok {
		owner, _ := os.ReadFile(infoPath)
		return nil, fmt.Errorf("%w (%s)", ErrLocked, strings.TrimSpace(string(owner)))
	}
	host, _ := os.Hostname()
	l := &archiveLock{fl: fl, started: time.Now()}
	l.owner = fmt.Sprintf("pid %d on %s since %s", os.Getpid(), host, l.started.Format(time.DateTime))
	_ = os.WriteFile(infoPath, []byte(l.owner+"\n"), 0o644)
	return l, nil
}

func (l *archiveLock) release() error {
	return l.fl.Unlock()
}
