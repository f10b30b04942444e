package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"khovanban/index/classify"
	"khovanban/index/internal/archivestore"
)

// ErrRefileUnfinished means that a change of the campaigns or topics was
// saved but not every document was filed again under it (stopped, the
// archive closed, a kill, a full disk): ResumeRefile, or the next change,
// files the rest.
var ErrRefileUnfinished = errors.New("documents not all filed again under the changed campaigns or topics")

// noteRefile names the catalog note (archivestore's SetNote) of a filing
// again not finished: a change of the campaigns or topics writes it, with
// the registry it saved, before registry.json; each step of filing again
// moves its cursor in the transaction that stores the step's documents;
// the last step removes it. A kill or a stop at any moment leaves the
// rules saved and the documents past the cursor to be filed again.
const noteRefile = "refile"

// pendingRefile is the note: the person's changes to the registry as
// saved (registry.json, written again by Open when a kill came before
// it), and each change whose filing is not finished.
type pendingRefile struct {
	Registry json.RawMessage `json:"registry"`
	Ops      []refileOp      `json:"ops"`
}

// refileOp is one change being filed: what a rename, merge or delete does
// to the campaigns or topics a person chose (personLabels), and the id up
// to which the documents, live or in the Trash, are filed.
type refileOp struct {
	Op      string        `json:"op"`
	Kind    classify.Kind `json:"kind"`
	Name    string        `json:"name,omitempty"`
	NewName string        `json:"new_name,omitempty"`
	After   string        `json:"after,omitempty"`
}

func (o refileOp) registryOp() RegistryOp {
	return RegistryOp{Op: o.Op, Kind: o.Kind, Name: o.Name, NewName: o.NewName}
}

// loadRefile reads the note of a filing again not finished, if any.
// A note that cannot be read is none: the documents keep their campaigns
// until the next change.
func (a *Archive) loadRefile() {
	a.refiling = nil
	if a.store.vol == nil {
		return
	}
	data, err := a.store.vol.st.Note(noteRefile)
	if err != nil || data == nil {
		return
	}
	var p pendingRefile
	if json.Unmarshal(data, &p) == nil && len(p.Ops) > 0 {
		a.refiling = &p
	}
}

// RefilePending reports whether documents are still to be filed again
// under a change of the campaigns or topics (ResumeRefile files them).
func (a *Archive) RefilePending() bool {
	if a.check() != nil {
		return false
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.refiling != nil
}

// ResumeRefile files again the documents a change of the campaigns or
// topics has not filed yet (RefilePending), a step at a time as
// ChangeRegistry does. Nothing pending is no error.
func (a *Archive) ResumeRefile(ctx context.Context, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := a.writable(); err != nil {
		return err
	}
	a.stepMu.Lock()
	defer a.stepMu.Unlock()
	return a.refile(ctx, progress)
}

// refilePasses counts the filings again that filed a step, for the tests.
var refilePasses atomic.Int64

// refile runs the classifier again over the documents the pending
// changes have not filed, live and in the Trash (a document brought back
// comes back filed under the rules of now), in the order of their ids, a
// step at a time: each step holds a.mu while it reads at most refileStep
// documents (or for refileHold) and stores those it changed with the
// note's new cursor, so that the person's changes and an import's
// batches go on between steps. A document deleted or brought back
// meanwhile is filed where it is (its id keeps its place); one stored
// meanwhile was filed under the new rules (regGen, importchanges.go);
// one edited meanwhile is read as edited, for each step stores what it
// read.
func (a *Archive) refile(ctx context.Context, progress func(Progress)) error {
	var ids []string
	err := a.whileLocked(func() error {
		if a.refiling == nil {
			return nil
		}
		from := a.refiling.Ops[0].After
		for _, o := range a.refiling.Ops {
			from = min(from, o.After)
		}
		live, err := a.store.ids(docsDir)
		if err != nil {
			return err
		}
		trash, err := a.store.ids(trashDir)
		if err != nil {
			return err
		}
		ids = slices.Compact(slices.Sorted(slices.Values(slices.Concat(live, trash))))
		ids = slices.DeleteFunc(ids, func(id string) bool { return id <= from })
		return nil
	})
	if err != nil {
		return fmt.Errorf("file again: %w: %w", ErrRefileUnfinished, err)
	}
	last, said, begun := time.Time{}, 0, false
	// stopped ends the filing unfinished; the last progress told is what
	// is stored (a step failed stored nothing), for the caller to say.
	stopped := func(done int, err error) error {
		if progress != nil && done != said {
			progress(Progress{Done: done, Total: len(ids)})
		}
		return fmt.Errorf("file again: %w: %w", ErrRefileUnfinished, err)
	}
	for done := 0; done < len(ids) || a.RefilePending(); {
		if err := ctx.Err(); err != nil {
			return stopped(done, err)
		}
		if !begun {
			begun = true
			refilePasses.Add(1)
		}
		title, stored := "", done
		err := a.whileLocked(func() error {
			var err error
			title, done, err = a.refileStep(ids, done)
			return err
		})
		if err != nil {
			return stopped(stored, err)
		}
		if progress != nil && (time.Since(last) > 100*time.Millisecond || done == len(ids)) {
			last, said = time.Now(), done
			progress(Progress{Done: done, Total: len(ids), Current: title})
		}
	}
	return nil
}

// refileStep files ids[done:] again for a step, under a.mu, and returns
// the title of the last one read and how many of ids are done. The step
// that ends ids removes the note.
func (a *Archive) refileStep(ids []string, done int) (string, int, error) {
	p := a.refiling
	if p == nil {
		return "", len(ids), nil // filed by a change that came between
	}
	var live, trashed []*Document
	title := ""
	start := time.Now()
	for n := 0; done < len(ids) && n < refileStep && time.Since(start) < refileHold; n++ {
		id := ids[done]
		done++
		d, err := a.store.getDoc(id)
		inTrash := errors.Is(err, ErrNotFound)
		if inTrash {
			d, err = a.store.getIn(trashDir, id, true)
		}
		if err != nil {
			continue // removed meanwhile, or unreadable (Check says so)
		}
		title = d.Title
		if a.refileDoc(d, p) {
			if inTrash {
				trashed = append(trashed, d)
			} else {
				live = append(live, d)
			}
		}
	}
	next := pendingRefile{Registry: p.Registry, Ops: slices.Clone(p.Ops)}
	if done < len(ids) {
		for i := range next.Ops {
			next.Ops[i].After = max(next.Ops[i].After, ids[done-1])
		}
	} else {
		next.Ops = nil
	}
	note, err := next.encode()
	if err != nil {
		return title, done, err
	}
	write := func(tx *archivestore.Tx) error {
		if err := a.putDocs(live, nil)(tx); err != nil {
			return err
		}
		for _, d := range trashed {
			meta, err := encodeMeta(d)
			if err != nil {
				return err
			}
			tx.SetMeta(archivestore.Trash, d.ID, meta)
		}
		tx.SetNote(noteRefile, note)
		return nil
	}
	if len(live) > 0 {
		docIDs := make([]string, len(live))
		for i, d := range live {
			docIDs[i] = d.ID
		}
		err = a.commit(change{ids: docIDs, tx: write, put: live})
	} else {
		_, err = a.store.vol.commit(nil, write)
	}
	if err != nil {
		return title, done, err
	}
	if len(next.Ops) == 0 {
		a.refiling = nil
	} else {
		a.refiling = &next
	}
	return title, done, nil
}

// encode is the note's value: nil (the note removed) when no change is
// left to file.
func (p pendingRefile) encode() ([]byte, error) {
	if len(p.Ops) == 0 {
		return nil, nil
	}
	data, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("file again: %w", err)
	}
	return data, nil
}

// refileDoc files d again under the pending changes whose cursor it is
// past, and reports whether its campaigns or topics changed.
func (a *Archive) refileDoc(d *Document, p *pendingRefile) bool {
	before := slices.Concat(d.Campaigns, []string{"|"}, d.Topics)
	if d.Fields == nil {
		d.Fields = map[string]FieldInfo{}
	}
	for _, o := range p.Ops {
		if d.ID > o.After {
			personLabels(d, o.registryOp())
		}
	}
	a.classify(d)
	return !slices.Equal(before, slices.Concat(d.Campaigns, []string{"|"}, d.Topics))
}
