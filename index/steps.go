package index

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// In an archive of format 1 (an earlier version's), moving documents to
// and from the Trash and emptying the Trash changed stored files without
// writing new ones. They were journaled too: before the first file was
// touched, journal/<n>.files listed every step, and Open finishes the
// steps a kill left undone (before the archive's migration). Each step
// can be done twice with the same result, so a kill at any moment leaves
// the operation either not begun (no journal yet) or, once replayed,
// wholly done. The journal file goes once the steps are on disk.
const stepsExt = ".files"

// step is one move or removal of stored files.
type step struct {
	op       string // stepMove or stepPurge
	id       string
	from, to string // a move: docsDir or trashDir
	hash     string // a purge: the original to remove, unless a live
	format   string // document of the same id still has it
}

const (
	stepMove  = "move"
	stepPurge = "purge"
)

// parseStep reads a journal line; a line that is not a well-formed step
// (a file damaged by a power cut) is skipped.
func parseStep(line string) (step, bool) {
	f := strings.Split(line, "\t")
	if len(f) != 4 || !validID(f[1]) {
		return step{}, false
	}
	sub := func(s string) bool { return s == docsDir || s == trashDir }
	switch f[0] {
	case stepMove:
		return step{op: stepMove, id: f[1], from: f[2], to: f[3]}, sub(f[2]) && sub(f[3])
	case stepPurge:
		return step{op: stepPurge, id: f[1], hash: f[2], format: f[3]}, true
	}
	return step{}, false
}

// fileOp tells a test which file is about to be renamed or removed, so it
// can stop the process at exactly that point.
func (a *Archive) fileOp(op, path string) {
	if a.opts.beforeFileOp != nil {
		a.opts.beforeFileOp(op, path)
	}
}

// doStep does one step, if it is not done already, and returns the
// folders it changed.
func (a *Archive) doStep(s step) ([]string, error) {
	if s.op == stepMove {
		from, to := a.store.pathIn(s.from, s.id), a.store.pathIn(s.to, s.id)
		if _, err := os.Stat(from); missing(err) {
			return nil, nil
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return nil, fmt.Errorf("move %s: %w", s.id, err)
		}
		a.fileOp("rename", from)
		if err := os.Rename(from, to); err != nil {
			return nil, fmt.Errorf("move %s: %w", s.id, err)
		}
		return []string{filepath.Dir(from), filepath.Dir(to)}, nil
	}
	var dirs []string
	trash := a.store.trashPath(s.id)
	if _, err := os.Stat(trash); err == nil {
		a.fileOp("remove", trash)
		if err := os.Remove(trash); err != nil && !missing(err) {
			return nil, fmt.Errorf("empty trash %s: %w", s.id, err)
		}
		dirs = append(dirs, filepath.Dir(trash))
	}
	if s.hash == "" {
		// A damaged trash file names no original: those of its id go
		// unless a live document has one.
		a.dropOriginals(s.id)
		return dirs, nil
	}
	orig := a.store.originalPath(s.hash, s.format)
	if live, err := a.store.getIn(docsDir, s.id, true); err == nil && a.store.originalPath(live.Hash, live.Format) == orig || err != nil && !errors.Is(err, ErrNotFound) {
		return dirs, nil // imported again: the live document keeps it
	}
	if _, err := os.Stat(orig); err == nil {
		a.fileOp("remove", orig)
		if err := os.Remove(orig); err != nil && !missing(err) {
			return dirs, fmt.Errorf("empty trash %s: %w", s.id, err)
		}
		dirs = append(dirs, filepath.Dir(orig))
	}
	return dirs, nil
}

// purgeStep is the step that takes a document out of the Trash for good,
// with its original as its trash file names it (none when that file
// cannot be read).
func (a *Archive) purgeStep(id string) step {
	s := step{op: stepPurge, id: id}
	if d, err := a.store.getIn(trashDir, id, true); err == nil {
		s.hash, s.format = d.Hash, d.Format
	}
	return s
}

// pendingSteps lists the step journals a kill left, oldest first.
func (a *Archive) pendingSteps() []string {
	files, _ := filepath.Glob(filepath.Join(a.dir, journalDir, "*"+stepsExt))
	return files
}

// replaySteps finishes the moves and removals a kill interrupted.
func (a *Archive) replaySteps() error {
	for _, f := range a.pendingSteps() {
		fh, err := os.Open(f)
		if err != nil {
			return fmt.Errorf("journal: %w", err)
		}
		var steps []step
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if s, ok := parseStep(sc.Text()); ok {
				steps = append(steps, s)
			}
		}
		fh.Close()
		var dirs []string
		for _, s := range steps {
			d, err := a.doStep(s)
			if err != nil {
				return fmt.Errorf("journal: %w", err)
			}
			dirs = append(dirs, d...)
		}
		if err := syncDirs(dirs); err != nil {
			return err
		}
		a.removeJournal(f)
	}
	return nil
}

// syncDirs makes the renames and removals in these folders durable.
func syncDirs(dirs []string) error {
	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		if err := syncDir(d); err != nil {
			return fmt.Errorf("journal: %w", err)
		}
	}
	return nil
}
