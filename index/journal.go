package index

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The journal makes each write batch all-or-nothing for the index. In
// format 2 it is the ids the volume store marks as not yet indexed, in
// the commit that stores them; the marks are cleared once the index
// holds them. An archive of format 1 (an earlier version's) kept it as
// files: before documents were written, their ids went into
// journal/<n>.ids, removed once the index held them. Open replays what a
// kill left, in either: each id is indexed again from the store, or
// removed from the index when the store no longer has it (a format-1
// archive's journal is replayed before its migration).
const journalDir = "journal"

// removeJournal removes a journal file whose work is on disk.
func (a *Archive) removeJournal(path string) {
	a.fileOp("remove", path)
	if os.Remove(path) == nil {
		_ = syncDir(filepath.Dir(path))
	}
}

func (a *Archive) replayJournal() error {
	if a.store.vol != nil {
		return a.replayUnindexed()
	}
	if err := a.replaySteps(); err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*.ids"))
	if len(files) == 0 {
		return nil
	}
	seen := map[string]bool{}
	var ids []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if id := strings.TrimSpace(sc.Text()); validID(id) && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		fh.Close()
	}
	if a.readOnly {
		return a.reindex(ids, nil) // in memory; the files stay for Open
	}
	// The journal files go once the index has the replayed batch on disk.
	return a.reindex(ids, func() {
		for _, f := range files {
			a.removeJournal(f)
		}
	})
}

// replayUnindexed is replayJournal for an archive of format 2: its
// journal is the ids the volume store marked as not yet indexed. An
// archive open for reading applies them to the index in memory only.
func (a *Archive) replayUnindexed() error {
	ids, marks, err := a.store.vol.unindexed()
	if err != nil || len(ids) == 0 {
		return err
	}
	if a.readOnly {
		return a.reindex(ids, nil) // in memory; the marks stay for Open
	}
	if len(ids) >= bulkImportMin {
		// A bulk import killed before its index took the live one's
		// place (bulkimport.go): built again offline, as it would have.
		if n, err := a.idx.DocCount(); err == nil && int(n)*bulkImportRatio <= len(ids) {
			return a.replayBulk(ids, marks)
		}
	}
	// The marks go once the index has the replayed batch on disk.
	return a.reindex(ids, func() { _ = a.store.vol.clearUnindexed(marks) })
}

// waitJournal waits, at most d, until Bleve has reported every batch on
// disk and the journal is empty. Closing a Bleve index while it writes a
// batch drops the batch; the journal would then replay it on the next
// Open, which is safe but slow after a large import.
func (a *Archive) waitJournal(d time.Duration) {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if !a.journalPending() {
			return
		}
	}
}

// journalPending reports whether stored changes may not be in the index
// on disk yet: journal entries (format 1), or ids marked as not yet
// indexed (format 2).
func (a *Archive) journalPending() bool {
	if a.store.vol != nil {
		ids, _, err := a.store.vol.unindexed()
		return err != nil || len(ids) > 0
	}
	files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*.ids"))
	return len(files) > 0
}

// clearJournal clears every mark of a volume store: a rebuilt index has
// every stored document.
func (a *Archive) clearJournal() {
	_, marks, _ := a.store.vol.unindexed()
	_ = a.store.vol.clearUnindexed(marks)
}
