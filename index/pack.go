package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"khovanban/index/classify"
	"khovanban/index/internal/archivestore"
)

// A document pack carries documents from one archive to another on a USB
// stick: their originals and metadata, the campaigns and topics they use,
// and a manifest with content hashes and the sending office's name.

// PackInfo is what the manifest of a pack says.
type PackInfo struct {
	Office    string    `json:"office"`
	Created   time.Time `json:"created"`
	Documents int       `json:"documents"` // as the list counts them: the formats of one text once (twins.go)
	Files     int       `json:"files"`     // originals, each format one
	Signer    Signer    `json:"signer"`
}

// ExportPack writes the documents that req finds (all of them, whatever
// req.Limit says) into a pack at file. office names the sender; a name
// that receiving archives refuse is refused (CheckOfficeName). The pack
// is signed with this archive's office key, made on the first export.
func (a *Archive) ExportPack(ctx context.Context, req Request, office, file string, progress func(Progress)) (*PackInfo, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if err := CheckOfficeName(office); err != nil {
		return nil, err
	}
	ids, err := a.allIDs(ctx, req)
	if err != nil {
		return nil, err
	}
	return a.exportPack(ctx, ids, office, file, progress)
}

// ExportPackOf writes the documents ids (the rows a person ticked) into a
// pack at file, as ExportPack does a whole list: each with the other
// formats of its text (its twins, one row of the list), in the order
// given. Documents deleted meanwhile, and ids that are none, are left
// out.
func (a *Archive) ExportPackOf(ctx context.Context, ids []string, office, file string, progress func(Progress)) (*PackInfo, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if err := CheckOfficeName(office); err != nil {
		return nil, err
	}
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return !validID(id) })
	return a.exportPack(ctx, a.lockedWithTwins(ids), office, file, progress)
}

// exportPack writes the documents ids into a signed pack at file.
func (a *Archive) exportPack(ctx context.Context, ids []string, office, file string, progress func(Progress)) (*PackInfo, error) {
	limit := a.packManifestLimit()
	if most := maxPackDocuments(limit); len(ids) > most {
		return nil, &PackTooLargeError{Documents: len(ids), Most: most}
	}
	key, err := a.officeKey()
	if err != nil {
		return nil, err
	}
	bw, err := newBundleWriter(file)
	if err != nil {
		return nil, err
	}
	bw.maxManifest = limit
	info, err := a.writePack(ctx, bw, ids, progress)
	if err != nil {
		bw.abort()
		return nil, err
	}
	info.Office = office
	info.Signer = key.signer(office)
	meta := map[string]any{"kind": "pack", "format": archiveFmt, "office": office, "created": info.Created,
		"documents": info.Documents, "files": info.Files, "signer": info.Signer}
	if err := bw.close(meta, key.sign); errors.Is(err, errManifestTooLarge) {
		return nil, &PackTooLargeError{Documents: info.Files, Most: maxPackDocuments(limit)}
	} else if err != nil {
		return nil, err
	}
	return info, nil
}

// allIDs lists every document a request finds, its query read as
// SearchAsTyped reads it when req.AsYouType (the window's).
func (a *Archive) allIDs(ctx context.Context, req Request) ([]string, error) {
	clauses, _, _, err := typedClauses(req)
	if err != nil {
		return nil, err
	}
	return a.idsWhere(ctx, buildPlan(a.joinFilterValues(ctx, clauses), req.Filters), 1<<30)
}

func (a *Archive) writePack(ctx context.Context, bw *bundleWriter, ids []string, progress func(Progress)) (*PackInfo, error) {
	info := &PackInfo{Created: time.Now().UTC().Truncate(time.Second)}
	used := map[string]bool{}
	texts := map[string]bool{}
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := a.store.getDoc(id)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !checkDocument(d, "") {
			return nil, fmt.Errorf("pack %s: format %q: %w", id, d.Format, ErrDamaged)
		}
		if err := a.store.addOriginal(bw, d); err != nil {
			return nil, fmt.Errorf("pack %s %q: %w", id, d.Title, err)
		}
		// The document as the store gave it above, whatever its layout.
		data, err := json.Marshal(d)
		if err == nil {
			err = bw.add(docEntry(docsDir, id), data)
		}
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", id, err)
		}
		for _, n := range slices.Concat(d.Campaigns, d.Topics) {
			used[n] = true
		}
		info.Files++
		texts[listKey(d.ID, d.TwinOf)] = true
		info.Documents = len(texts)
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(ids), Current: d.Title})
		}
	}
	var cats []classify.Category
	for _, kind := range []classify.Kind{classify.Campaign, classify.Topic} {
		for _, c := range a.registry().Categories(kind) {
			if used[c.Name] {
				cats = append(cats, c)
			}
		}
	}
	data, _ := json.Marshal(cats)
	return info, bw.add(packCategories, data)
}

// addOriginal adds a document's original, as the store holds it, to a
// bundle under its entry's name.
func (s *store) addOriginal(bw *bundleWriter, d *Document) error {
	r, _, err := s.openOriginal(d)
	if err != nil {
		return err
	}
	defer r.Close()
	return bw.addFrom(originalEntry(d.Hash, d.Format), r)
}

// addFile copies the file path of the archive in dir into a bundle entry,
// streaming, opened by openArchiveFile (no link out of the archive
// followed, no named pipe waited on).
func addFile(bw *bundleWriter, dir, name, path string) error {
	f, _, err := openArchiveFile(dir, path)
	if err != nil {
		return err
	}
	defer f.Close()
	return bw.addFrom(name, f)
}

// PackPlan is what importing a pack would change, for the person to see
// and decide before anything is merged. Each list is in id order.
type PackPlan struct {
	Info       PackInfo
	New        []Summary           // documents the archive does not have
	Same       []Summary           // already here with the same metadata
	Updated    []Summary           // here, and the sender corrected fields this archive only read
	InTrash    []Summary           // here, in the Trash: left there
	Conflicts  []Conflict          // fields corrected on both sides, differently
	Categories []classify.Category // campaigns and topics this archive lacks
	// Refused lists the campaigns and topics the pack brings that import
	// leaves out: over a bound (packlimits.go) or with rules that cannot
	// be used.
	Refused []RefusedCategory
	// Cut lists the documents' lists (campaigns, recipients, citations…)
	// longer than any document's, which import cuts to their bound
	// (packlimits.go), in the pack's order.
	Cut []ListCut
	// Taken lists, for each Updated document, the fields whose value
	// import takes from the pack.
	Taken map[string][]string
	// Twins lists, once ApplyPack has run, the new documents whose text
	// a document already here (or another of the pack) has: each is
	// filed as another original of it (see twins.go).
	Twins []ImportItem

	file     string
	lim      bundleLimits
	manifest [32]byte             // SHA-256 of the manifest planned from
	docs     map[string]*Document // the pack's documents by id, without their text
}

// Conflict is one field a person set differently in each archive.
type Conflict struct {
	ID, Title     string
	Field         string
	Local, Theirs string
}

// PlanPack verifies a pack and works out what importing it would change.
// A damaged, altered or forged pack, or one whose signature does not
// verify, is refused with a *BundleError (ErrBadBundle); an unsigned pack
// is planned, and Info.Signer says it is unsigned.
func (a *Archive) PlanPack(file string) (*PackPlan, error) {
	return a.planPack(file, defaultBundleLimits())
}

func (a *Archive) planPack(file string, lim bundleLimits) (*PackPlan, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	b, err := openBundle(file, "pack", lim)
	if err != nil {
		return nil, err
	}
	defer b.close()
	plan := &PackPlan{file: file, lim: lim, manifest: sha256.Sum256(b.manifest), docs: map[string]*Document{}, Taken: map[string][]string{}}
	_ = json.Unmarshal(b.meta["office"], &plan.Info.Office)
	_ = json.Unmarshal(b.meta["created"], &plan.Info.Created)
	if !fitOfficeName(plan.Info.Office) {
		return nil, &BundleError{File: b.name, Reason: BundleBadOffice, Limit: maxOfficeRunes}
	}
	if plan.Info.Signer, err = a.checkSignature(b, plan.Info.Office); err != nil {
		return nil, err
	}
	held := int64(0) // what plan.docs holds, as JSON bytes
	err = b.each(func(name string) error {
		if _, ok := isDocEntry(name); !ok {
			return nil
		}
		d, size, cuts, err := readBundleDocSized(b, name)
		if err != nil {
			return err
		}
		plan.Cut = append(plan.Cut, cuts...)
		if held += size; lim.metaTotal > 0 && held > lim.metaTotal {
			return &BundleError{File: b.name, Reason: BundleTooLarge, Limit: lim.metaTotal}
		}
		d.Text = "" // read again when imported
		plan.docs[d.ID] = d
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, id := range slices.Sorted(maps.Keys(plan.docs)) {
		a.planDoc(plan, plan.docs[id])
	}
	plan.Info.Files = len(plan.docs)
	texts := map[string]bool{}
	for _, d := range plan.docs {
		texts[listKey(d.ID, d.TwinOf)] = true
	}
	plan.Info.Documents = len(texts)
	if b.has(packCategories) {
		data, err := b.read(packCategories)
		if err != nil {
			return nil, err
		}
		var cats []classify.Category
		if json.Unmarshal(data, &cats) != nil {
			return nil, b.fail(packCategories, BundleBadDocument)
		}
		plan.Categories, plan.Refused = a.planCategories(cats, lim)
	}
	return plan, nil
}

// readBundleDoc reads and checks a document entry: its id, hash, format
// and name agree, and its original is in the bundle (whose bytes opening
// the bundle hashed against its name).
func readBundleDoc(b *bundle, name string) (*Document, error) {
	d, _, _, err := readBundleDocSized(b, name)
	return d, err
}

// readBundleDocSized is readBundleDoc, also returning the size of what
// the entry says but the text (JSON bytes), bounded by b.lim.meta, and
// the lists it cut to their bounds (cutPackLists).
func readBundleDocSized(b *bundle, name string) (*Document, int64, []ListCut, error) {
	data, err := b.read(name)
	if err != nil {
		return nil, 0, nil, err
	}
	var d Document
	if json.Unmarshal(data, &d) != nil || !checkDocument(&d, name) {
		return nil, 0, nil, b.fail(name, BundleBadDocument)
	}
	if !b.has(originalEntry(d.Hash, d.Format)) {
		return nil, 0, nil, b.fail(name, BundleNoOriginal)
	}
	if int64(len(d.Text)) > b.lim.text {
		return nil, 0, nil, &BundleError{File: b.name, Entry: name, Reason: BundleTooLarge, Limit: b.lim.text}
	}
	if b.lim.meta > 0 && int64(len(data)-len(d.Text)) > b.lim.meta {
		return nil, 0, nil, &BundleError{File: b.name, Entry: name, Reason: BundleTooLarge, Limit: b.lim.meta}
	}
	cuts := cutPackLists(&d)
	cleanPackDoc(&d)
	return &d, int64(len(data) - len(d.Text)), cuts, nil
}

func (a *Archive) planDoc(plan *PackPlan, theirs *Document) {
	switch {
	case a.store.inTrash(theirs.ID) && !a.store.hasDoc(theirs.ID):
		plan.InTrash = append(plan.InTrash, theirs.Summary())
		return
	case !a.store.hasDoc(theirs.ID):
		plan.New = append(plan.New, theirs.Summary())
		return
	}
	local, err := a.store.getDoc(theirs.ID)
	if err != nil {
		plan.New = append(plan.New, theirs.Summary())
		return
	}
	var taken []string
	for _, f := range EditableFields {
		lv, tv := local.Value(f), theirs.Value(f)
		if lv == tv || !theirs.SetByPerson(f) {
			continue
		}
		if local.SetByPerson(f) {
			plan.Conflicts = append(plan.Conflicts, Conflict{ID: local.ID, Title: local.Title, Field: f, Local: lv, Theirs: tv})
			continue
		}
		taken = append(taken, f)
	}
	if len(taken) > 0 {
		plan.Updated = append(plan.Updated, theirs.Summary())
		plan.Taken[theirs.ID] = taken
	} else {
		plan.Same = append(plan.Same, theirs.Summary())
	}
}

// packBatchBytes bounds the document text one batch of a pack's import
// holds, with packBatchDocs.
const packBatchBytes = 64 << 20

// packBatchDocs is how many documents a batch of a pack's import stores
// at most (a variable for the tests of an import stopped part way).
var packBatchDocs = batchDocs

// PackStoppedError says that a pack's import stopped part way, after
// some of its documents (or the campaigns and topics it brought) were
// stored: the pack changed or was damaged while it was read (Err a
// *BundleError), the disk filled, or Stop. Each batch is stored whole, so
// the documents it counts are in the archive with their originals and
// the others are not; importing the pack (whole again) once more adds
// the others, and finds those stored already there, none twice.
type PackStoppedError struct {
	File       string // the pack's file name, without its folder
	Done       int    // documents stored, new or updated, of Total
	Total      int    // documents the import was to store
	Categories int    // campaigns and topics of the pack added
	Err        error  // why it stopped
}

func (e *PackStoppedError) Error() string {
	return fmt.Sprintf("%s: import stopped after %d of %d documents and %d categories: %v", e.File, e.Done, e.Total, e.Categories, e.Err)
}

func (e *PackStoppedError) Unwrap() error { return e.Err }

// ApplyPack merges a planned pack: new documents added, the sender's
// corrections taken where this archive had only read the field, and for
// each conflict the side the person chose (takeTheirs[conflict index]
// true), else this archive's value. Nothing in this archive is removed.
// The pack is verified again, and must be the one planned; each original
// is streamed into the archive and hashed again before it is stored.
func (a *Archive) ApplyPack(ctx context.Context, plan *PackPlan, takeTheirs map[int]bool, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	a.runMu.Lock() // one import at a time
	defer a.runMu.Unlock()
	b, err := openBundle(plan.file, "pack", plan.lim)
	if err != nil {
		return err
	}
	defer b.close()
	if sha256.Sum256(b.manifest) != plan.manifest {
		return b.fail("", BundleInconsistent)
	}
	if _, err := a.checkSignature(b, plan.Info.Office); err != nil {
		return err
	}
	steps := packSteps(plan, takeTheirs)
	stored, cats := 0, 0 // steps and categories in the archive
	stopped := func(err error) error {
		if stored == 0 && cats == 0 {
			return err // nothing changed
		}
		return &PackStoppedError{File: b.name, Done: stored, Total: len(steps), Categories: cats, Err: err}
	}
	cats, err = a.addPackCategories(ctx, plan.Categories)
	if err != nil {
		return stopped(err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	plan.Twins = nil
	for i := 0; i < len(steps); {
		if err := ctx.Err(); err != nil {
			return stopped(err)
		}
		var batch []*Document
		fromPack := map[string]bool{}
		held := 0
		for ; i < len(steps) && len(batch) < packBatchDocs && held < packBatchBytes; i++ {
			st := steps[i]
			if !st.merge {
				d, err := readBundleDoc(b, docEntry(docsDir, st.id))
				if err != nil {
					return stopped(err)
				}
				if p := plan.docs[st.id]; d.Hash != p.Hash || d.Format != p.Format {
					return stopped(b.fail(docEntry(docsDir, st.id), BundleInconsistent))
				}
				fromPack[d.ID] = true
				batch = append(batch, d)
				held += len(d.Text)
			} else if d := a.mergeTheirs(plan.docs[st.id], st.fields); d != nil {
				batch = append(batch, d)
				held += len(d.Text)
			}
		}
		batch = append(batch, a.linkPackTwins(plan, batch, fromPack)...)
		ids := make([]string, len(batch))
		for j, d := range batch {
			ids[j] = d.ID
		}
		if err := a.commit(change{ids: ids, tx: a.packDocs(b, batch, fromPack), put: batch}); err != nil {
			return stopped(err)
		}
		stored = i
		if progress != nil {
			progress(Progress{Done: i, Total: len(steps)})
		}
	}
	if err := a.compactCatalogAfter(len(plan.New)); err != nil {
		return err
	}
	if len(plan.New) > 0 {
		_, _ = a.tidyIndex(ctx, progress) // at its best, as after an import
	}
	return a.rememberSigner(plan.Info)
}

// addPackCategories adds the campaigns and topics a pack brings, each
// saved without filing the documents (a context done leaves the filing
// pending), then files them once for all: filing after each read the
// whole archive once a category, and a pack may bring any number. It
// returns how many it saved (also when it fails: those stay saved).
func (a *Archive) addPackCategories(ctx context.Context, cats []classify.Category) (int, error) {
	later, cancel := context.WithCancel(ctx)
	cancel()
	saved := func(err error) bool { return err == nil || errors.Is(err, ErrRefileUnfinished) }
	n := 0
	for _, c := range cats {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		err := a.ChangeRegistry(later, RegistryOp{Op: OpAdd, Kind: c.Kind, Category: c}, nil)
		if !saved(err) && c.Parent != "" && !errors.Is(err, classify.ErrExists) {
			c.Parent = "" // its parent is not known here
			err = a.ChangeRegistry(later, RegistryOp{Op: OpAdd, Kind: c.Kind, Category: c}, nil)
		}
		switch {
		case saved(err):
			n++
		case !errors.Is(err, classify.ErrExists):
			return n, err
		}
	}
	if n > 0 {
		return n, a.ResumeRefile(ctx, nil)
	}
	return 0, nil
}

// linkPackTwins links the new documents of a pack's batch to their twins,
// as an import does: a pack from another commune may hold the .pdf of a
// .docx already here. The sender's groups are not taken as they are (their
// first document may not be here): the pack's documents are linked again
// by their text, with the documents here and the pack's earlier ones. It
// returns the stored documents that joined a group and are not in the
// batch, to be written with it; each twin found is noted in plan.Twins.
func (a *Archive) linkPackTwins(plan *PackPlan, batch []*Document, fromPack map[string]bool) []*Document {
	var news []readied
	inBatch := map[string]*Document{}
	for _, d := range batch {
		inBatch[d.ID] = d
		if fromPack[d.ID] {
			d.TwinOf = ""
			news = append(news, readied{doc: d, item: ImportItem{Path: d.OriginalName, Status: Added, ID: d.ID, Title: d.Title}})
		}
	}
	var out []*Document
	for _, d := range a.linkTwins(news, nil) {
		if local := inBatch[d.ID]; local != nil {
			local.TwinOf = d.TwinOf // a document here whose fields the pack also changes
			continue
		}
		out = append(out, d)
	}
	for _, r := range news {
		if r.item.Twin != "" {
			plan.Twins = append(plan.Twins, r.item)
		}
	}
	return out
}

// packStep is one document ApplyPack writes: a new one from the pack, or
// a local one with fields merged from the pack's.
type packStep struct {
	id     string
	merge  bool
	fields []string // conflicting fields to take from the pack
}

func packSteps(plan *PackPlan, takeTheirs map[int]bool) []packStep {
	var steps []packStep
	for _, s := range plan.New {
		steps = append(steps, packStep{id: s.ID})
	}
	chosen := map[string][]string{} // id → conflicting fields to take from theirs
	for i, c := range plan.Conflicts {
		if takeTheirs[i] {
			chosen[c.ID] = append(chosen[c.ID], c.Field)
		}
	}
	merged := map[string]bool{}
	for _, s := range plan.Updated {
		merged[s.ID] = true
	}
	for id := range chosen {
		merged[id] = true
	}
	for _, id := range slices.Sorted(maps.Keys(merged)) {
		steps = append(steps, packStep{id: id, merge: true, fields: chosen[id]})
	}
	return steps
}

// packDocs puts a batch of a pack's import into a transaction: the
// originals of the documents from the pack that the store lacks, read
// from it and refused unless they hash to their document's SHA-256, then
// every document.
func (a *Archive) packDocs(b *bundle, docs []*Document, fromPack map[string]bool) func(*archivestore.Tx) error {
	return func(tx *archivestore.Tx) error {
		originals := map[string][]byte{}
		for _, d := range docs {
			if !fromPack[d.ID] || a.store.vol.st.HasOriginal(d.Hash) {
				continue
			}
			name := originalEntry(d.Hash, d.Format)
			if !b.has(name) {
				return b.fail(name, BundleNoOriginal)
			}
			rc, err := b.open(name)
			if err != nil {
				return err
			}
			data, err := io.ReadAll(rc) // fails at the end when the bytes are not the named ones
			rc.Close()
			if err != nil {
				return err
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != d.Hash {
				return b.fail(name, BundleInconsistent)
			}
			originals[d.ID] = data
		}
		return a.putDocs(docs, originals)(tx)
	}
}

// mergeTheirs takes into the local copy of a document the fields the
// sender set by hand that this archive only read, plus the conflicting
// fields listed in also.
func (a *Archive) mergeTheirs(theirs *Document, also []string) *Document {
	local, err := a.store.getDoc(theirs.ID)
	if err != nil {
		return nil
	}
	values := map[string]string{}
	for _, f := range EditableFields {
		take := theirs.SetByPerson(f) && !local.SetByPerson(f) || slices.Contains(also, f)
		if take && local.Value(f) != theirs.Value(f) {
			values[f] = theirs.Value(f)
		}
	}
	if len(values) == 0 || applyEdits(local, values, a.knownNames(local, theirs)) != nil {
		return nil
	}
	local.ModifiedAt = time.Now().UTC().Truncate(time.Second)
	return local
}
