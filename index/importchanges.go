package index

import (
	"errors"
	"maps"
	"slices"
)

// Changes during an import. An import holds a.runMu for its whole run (one
// import, pack import, rebuild or check at a time, and Close waits for
// it) but a.mu only for each batch: once for its files (duplicates
// looked for again, twins linked, the documents stored in one
// transaction), once for its index entries. A change a person asks for
// meanwhile (Edit, EditMany, Delete, Undelete, ChangeRegistry,
// EmptyTrash) takes a.mu between two of these and is one commit
// (commit.go): it reads what is stored, stores the change and indexes
// it. What keeps every change whole:
//
//   - A batch stored and not yet indexed: a change to one of its
//     documents reads the stored document and indexes its result itself;
//     the batch then leaves that document's older entry out
//     (importChanges.fresh). Its mark (not yet indexed) is the change's,
//     of a later commit, which the batch's clearing leaves.
//   - A batch being indexed: its entries are written without a.mu (Bleve
//     builds the batch's segment meanwhile, the longest part of a batch),
//     so that changes go on. A change to one of its documents is stored
//     but its entry is not written then, which could land before the
//     batch's older one: once the batch is in, the document is indexed
//     again from the store (deferred, indexBatch); the change's mark
//     stays until then.
//   - A bulk import (bulkimport.go) gives the offline builder the archive's
//     documents first and the import's as they are stored: the builder may
//     hold an older entry of a document changed since, which the live
//     index it replaces has. Every id changed during the import is indexed
//     again from the store into the new index, in the same hold of a.mu as
//     the swap (settleBulk); until then the marks of those changes stay in
//     the catalog (held), so that after a kill Open indexes them again.
//   - A document read by the import that came back from the Trash
//     meanwhile (Undelete, the same content) is live again: its batch
//     looks again under a.mu and reports it as a duplicate, rather than
//     store the file over the person's document (recheck).
//   - Campaigns and topics changed meanwhile (a.regGen): a document read
//     under the earlier rules is filed again before it is stored; those
//     stored before are filed again by the change itself.
//   - A twin group that a batch stored a new member in, or a stored
//     document joined (twins.go): a change to the group (an edit, a
//     delete, twinedit.go) finds its members in the index, which does
//     not hold the batch yet (a bulk import's, until the swap). The
//     import lists them by group (members) until their batch is indexed
//     online, or until it ends for a bulk import, and the change takes
//     them too (groupIDs).
type importChanges struct {
	// touched is, for each id a change stored during the import, the
	// commit (its sequence number) that last did.
	touched map[string]uint64
	// hold says that a bulk import's builder runs: the marks of the
	// changes (held) stay until the index that replaces the live one has
	// them.
	hold bool
	held []stored
	// indexing is, online, the ids of the batch whose entries are being
	// written without a.mu; after, the ids a change stored meanwhile, to
	// index again once the batch is in, and afterMarks their marks.
	indexing   map[string]bool
	after      []string
	afterMarks []stored
	// members is, by twin group, the documents of the import's stored
	// batches in the group (new, or stored ones that joined it) that the
	// live index may not have yet.
	members map[string]map[string]bool
}

func newImportChanges(bulk bool) *importChanges {
	return &importChanges{touched: map[string]uint64{}, hold: bulk}
}

// noted records, under a.mu, a change stored during an import, and
// returns the marks its index entry clears once it is on disk: none
// while a bulk import's builder runs (they are held). With no import
// under way (ic nil) it is p.
func (ic *importChanges) noted(p stored) stored {
	if ic == nil {
		return p
	}
	for _, id := range p.ids {
		ic.touched[id] = p.seq
	}
	if ic.hold {
		ic.held = append(ic.held, p)
		return stored{}
	}
	return p
}

// changed reports, under a.mu, whether a change stored document id
// during the import (false with no import under way).
func (ic *importChanges) changed(id string) bool {
	if ic == nil {
		return false
	}
	_, ok := ic.touched[id]
	return ok
}

// storedMembers lists, under a.mu, the members of twin groups of a batch
// just stored.
func (ic *importChanges) storedMembers(docs []*Document) {
	if ic == nil {
		return
	}
	for _, d := range docs {
		if d.TwinOf == "" {
			continue
		}
		if ic.members == nil {
			ic.members = map[string]map[string]bool{}
		}
		if ic.members[d.TwinOf] == nil {
			ic.members[d.TwinOf] = map[string]bool{}
		}
		ic.members[d.TwinOf][d.ID] = true
	}
}

// indexedMembers forgets, under a.mu, the members of twin groups of a
// batch now in the live index.
func (ic *importChanges) indexedMembers(docs []*Document) {
	if ic == nil {
		return
	}
	for _, d := range docs {
		if m := ic.members[d.TwinOf]; m != nil {
			delete(m, d.ID)
			if len(m) == 0 {
				delete(ic.members, d.TwinOf)
			}
		}
	}
}

// unindexedMembers is, under a.mu, the ids the import stored in group
// that the live index may not have yet, sorted.
func (ic *importChanges) unindexedMembers(group string) []string {
	if ic == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(ic.members[group]))
}

// deferred takes out of a change, under a.mu, the ids of the batch being
// indexed now: their entries are written again from the store once the
// batch is in (indexBatch). p, the marks the change's own entries clear,
// leaves them too.
func (ic *importChanges) deferred(c change, p stored) (change, stored) {
	if ic == nil || len(ic.indexing) == 0 || !slices.ContainsFunc(c.ids, func(id string) bool { return ic.indexing[id] }) {
		return c, p
	}
	later := slices.DeleteFunc(slices.Clone(c.ids), func(id string) bool { return !ic.indexing[id] })
	ic.after = append(ic.after, later...)
	if !p.none() {
		ic.afterMarks = append(ic.afterMarks, stored{seq: p.seq, ids: later})
		p.ids = slices.DeleteFunc(slices.Clone(p.ids), func(id string) bool { return ic.indexing[id] })
	}
	c.put = slices.DeleteFunc(slices.Clone(c.put), func(d *Document) bool { return ic.indexing[d.ID] })
	c.del = slices.DeleteFunc(slices.Clone(c.del), func(id string) bool { return ic.indexing[id] })
	return c, p
}

// indexBatch writes an online import's stored batch into the index. Its
// entries are written without a.mu: those of documents changed since the
// batch was stored are left out (fresh), and those a change stores
// meanwhile are indexed again once it is in (deferred).
// while, in tests, is called once the entries are about to be written.
func (a *Archive) indexBatch(st staged, while func()) error {
	a.mu.Lock()
	ic := a.importing
	all := st.c.put
	st.c.put = ic.fresh(st.c.put, st.p.seq)
	if ic != nil {
		ic.indexing = make(map[string]bool, len(st.c.put))
		for _, d := range st.c.put {
			ic.indexing[d.ID] = true
		}
	}
	a.mu.Unlock()
	if while != nil {
		while()
	}
	err := a.commitIndex(st.c, st.p)
	a.mu.Lock()
	defer a.mu.Unlock()
	if ic == nil {
		return err
	}
	after, marks := ic.after, ic.afterMarks
	ic.indexing, ic.after, ic.afterMarks = nil, nil, nil
	if len(after) > 0 {
		slices.Sort(after)
		err = errors.Join(err, a.reindex(slices.Compact(after), func() {
			for _, p := range marks {
				a.indexed(p)
			}
		}))
	}
	if err == nil {
		ic.indexedMembers(all)
	}
	return err
}

// fresh is docs, of an import's batch stored by commit seq, without
// those a change stored since: the change indexed them as it left them.
func (ic *importChanges) fresh(docs []*Document, seq uint64) []*Document {
	if ic == nil || len(ic.touched) == 0 {
		return docs
	}
	out := docs[:0:0]
	for _, d := range docs {
		if ic.touched[d.ID] <= seq {
			out = append(out, d)
		}
	}
	return out
}

// settleBulk, under a.mu, once a bulk import's new index took the live
// one's place, or the build was given up: every id a change stored
// during the import is indexed again from the store, and the marks held
// are cleared once that is on disk. Later changes clear their own.
func (a *Archive) settleBulk() error {
	ic := a.importing
	if ic == nil || !ic.hold {
		return nil
	}
	held := ic.held
	ic.hold, ic.held = false, nil
	if len(ic.touched) == 0 {
		return nil
	}
	return a.reindex(slices.Sorted(maps.Keys(ic.touched)), func() {
		for _, p := range held {
			a.indexed(p)
		}
	})
}

// lockedSettleBulk is settleBulk taking a.mu.
func (a *Archive) lockedSettleBulk() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.settleBulk()
}

// recheck, under a.mu, looks again at a batch's documents before they
// are stored: one that is live now (brought back from the Trash since it
// was read) is a duplicate, returned apart; one read under campaigns and
// topics changed since is filed again.
func (im *importer) recheck(batch []readied) (keep, dups []readied) {
	gen := im.a.regGen.Load()
	for _, r := range batch {
		if im.a.store.hasDoc(r.doc.ID) {
			item := ImportItem{Path: r.item.Path, Status: Duplicate, ID: r.doc.ID}
			if d, err := im.a.store.getHead(r.doc.ID); err == nil {
				item.Title = d.Title
			}
			r.item = item
			dups = append(dups, r)
			continue
		}
		if t, err := im.a.store.getIn(trashDir, r.doc.ID, false); err == nil && takeTrashedDetails(r.doc, t) {
			r.terms = nil // indexed from the document as it is now
			r.item.Title = r.doc.Title
		}
		if r.gen != gen {
			im.a.classify(r.doc)
		}
		keep = append(keep, r)
	}
	return keep, dups
}

// finishDuplicates reports the documents recheck found live.
func (im *importer) finishDuplicates(dups []readied) {
	for _, r := range dups {
		im.mu.Lock()
		delete(im.inflight, r.doc.ID)
		im.mu.Unlock()
		im.finish(r.item)
		im.memory.release(r.weight)
	}
}
