package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"khovanban/index/classify"
)

// A document pack carries documents from one archive to another on a USB
// stick: their originals and metadata, the campaigns and topics they use,
// and a manifest with content hashes and the sending office's name.

// PackInfo is what the manifest of a pack says.
type PackInfo struct {
	Office    string    `json:"office"`
	Created   time.Time `json:"created"`
	Documents int       `json:"documents"`
}

const packCategories = "categories.json"

// ExportPack writes the documents that req finds (all of them, whatever
// req.Limit says) into a pack at file. office names the sender.
func (a *Archive) ExportPack(ctx context.Context, req Request, office, file string, progress func(Progress)) (*PackInfo, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	ids, err := a.allIDs(ctx, req)
	if err != nil {
		return nil, err
	}
	bw, err := newBundleWriter(file)
	if err != nil {
		return nil, err
	}
	info, err := a.writePack(ctx, bw, ids, progress)
	if err != nil {
		bw.abort()
		return nil, err
	}
	info.Office = office
	err = bw.close(map[string]any{"kind": "pack", "format": archiveFmt, "office": office, "created": info.Created, "documents": info.Documents})
	if err != nil {
		return nil, err
	}
	return info, nil
}

// allIDs lists every document a request finds.
func (a *Archive) allIDs(ctx context.Context, req Request) ([]string, error) {
	clauses, err := parseQuery(req.Query, false)
	if err != nil {
		return nil, err
	}
	return a.idsWhere(ctx, buildPlan(a.joinFilterValues(ctx, clauses), req.Filters), 1<<30)
}

func (a *Archive) writePack(ctx context.Context, bw *bundleWriter, ids []string, progress func(Progress)) (*PackInfo, error) {
	info := &PackInfo{Created: time.Now().UTC().Truncate(time.Second)}
	used := map[string]bool{}
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
		orig, err := os.ReadFile(a.store.originalPath(d.Hash, d.Format))
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", id, err)
		}
		data, _ := json.Marshal(d)
		origRel := filepath.ToSlash(strings.TrimPrefix(a.store.originalPath(d.Hash, d.Format), a.dir+string(filepath.Separator)))
		if err := bw.add(origRel, orig); err != nil {
			return nil, err
		}
		if err := bw.add(docsDir+"/"+shard(id)+"/"+id+".json", data); err != nil {
			return nil, err
		}
		for _, n := range slices.Concat(d.Campaigns, d.Topics) {
			used[n] = true
		}
		info.Documents++
		if progress != nil {
			progress(Progress{Done: i + 1, Total: len(ids), Current: d.Title})
		}
	}
	var cats []classify.Category
	for _, kind := range []classify.Kind{classify.Campaign, classify.Topic} {
		for _, c := range a.registry.Categories(kind) {
			if used[c.Name] {
				cats = append(cats, c)
			}
		}
	}
	data, _ := json.Marshal(cats)
	return info, bw.add(packCategories, data)
}

// PackPlan is what importing a pack would change, for the person to see
// and decide before anything is merged.
type PackPlan struct {
	Info       PackInfo
	New        []Summary           // documents the archive does not have
	Same       []Summary           // already here with the same metadata
	Updated    []Summary           // here, and the sender corrected fields this archive only read
	InTrash    []Summary           // here, in the Trash: left there
	Conflicts  []Conflict          // fields corrected on both sides, differently
	Categories []classify.Category // campaigns and topics this archive lacks

	file string
	docs map[string]*Document // the pack's documents by id
}

// Conflict is one field a person set differently in each archive.
type Conflict struct {
	ID, Title     string
	Field         string
	Local, Theirs string
}

// PlanPack verifies a pack and works out what importing it would change.
// A damaged or altered pack is refused with ErrBadBundle.
func (a *Archive) PlanPack(file string) (*PackPlan, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	b, err := openBundle(file, "pack")
	if err != nil {
		return nil, err
	}
	defer b.close()
	plan := &PackPlan{file: file, docs: map[string]*Document{}}
	_ = json.Unmarshal(b.meta["office"], &plan.Info.Office)
	_ = json.Unmarshal(b.meta["created"], &plan.Info.Created)
	hashes := map[string]bool{}
	for name := range b.files {
		if m := bundleOriginal.FindStringSubmatch(name); m != nil {
			hashes[m[1]] = true
		}
	}
	for name, f := range b.files {
		switch {
		case name == bundleManifest || name == packCategories || bundleOriginal.MatchString(name):
			continue
		case !bundleDoc.MatchString(name):
			return nil, fmt.Errorf("unexpected entry %q: %w", name, ErrBadBundle)
		}
		data, err := b.read(f)
		if err != nil {
			return nil, err
		}
		var d Document
		if json.Unmarshal(data, &d) != nil || len(d.Hash) != 64 || d.ID != d.Hash[:16] || !hashes[d.Hash] {
			return nil, fmt.Errorf("%s: %w", name, ErrBadBundle)
		}
		plan.docs[d.ID] = &d
		a.planDoc(plan, &d)
	}
	plan.Info.Documents = len(plan.docs)
	if f, ok := b.files[packCategories]; ok {
		data, err := b.read(f)
		if err != nil {
			return nil, err
		}
		var cats []classify.Category
		if json.Unmarshal(data, &cats) != nil {
			return nil, fmt.Errorf("%s: %w", packCategories, ErrBadBundle)
		}
		for _, c := range cats {
			if !slices.ContainsFunc(a.registry.Categories(c.Kind), func(x classify.Category) bool { return x.Name == c.Name }) {
				c.Builtin = false
				plan.Categories = append(plan.Categories, c)
			}
		}
	}
	return plan, nil
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
	updated := false
	for _, f := range EditableFields {
		lv, tv := local.Value(f), theirs.Value(f)
		if lv == tv || !theirs.SetByPerson(f) {
			continue
		}
		if local.SetByPerson(f) {
			plan.Conflicts = append(plan.Conflicts, Conflict{ID: local.ID, Title: local.Title, Field: f, Local: lv, Theirs: tv})
			continue
		}
		updated = true
	}
	if updated {
		plan.Updated = append(plan.Updated, theirs.Summary())
	} else {
		plan.Same = append(plan.Same, theirs.Summary())
	}
}

// ApplyPack merges a planned pack: new documents added, the sender's
// corrections taken where this archive had only read the field, and for
// each conflict the side the person chose (takeTheirs[conflict index]
// true), else this archive's value. Nothing in this archive is removed.
func (a *Archive) ApplyPack(ctx context.Context, plan *PackPlan, takeTheirs map[int]bool, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	b, err := openBundle(plan.file, "pack")
	if err != nil {
		return err
	}
	defer b.close()
	for _, c := range plan.Categories {
		err := a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: c.Kind, Category: c}, nil)
		if err != nil && c.Parent != "" && !errors.Is(err, classify.ErrExists) {
			c.Parent = "" // its parent is not known here
			err = a.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: c.Kind, Category: c}, nil)
		}
		if err != nil && !errors.Is(err, classify.ErrExists) {
			return err
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var put []*Document
	originals := map[string][]byte{}
	for _, s := range plan.New {
		d := plan.docs[s.ID]
		name := filepath.ToSlash(strings.TrimPrefix(a.store.originalPath(d.Hash, d.Format), a.dir+string(filepath.Separator)))
		f, ok := b.files[name]
		if !ok {
			return fmt.Errorf("%s: %w", name, ErrBadBundle)
		}
		data, err := b.read(f)
		if err != nil {
			return err
		}
		originals[d.ID] = data
		put = append(put, d)
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
		if d := a.mergeTheirs(plan.docs[id], chosen[id]); d != nil {
			put = append(put, d)
		}
	}
	for i := 0; i < len(put); i += batchDocs {
		batch := put[i:min(i+batchDocs, len(put))]
		ids := make([]string, len(batch))
		for j, d := range batch {
			ids[j] = d.ID
		}
		if err := a.commit(change{ids: ids, write: a.putDocs(batch, originals), put: batch}); err != nil {
			return err
		}
		if progress != nil {
			progress(Progress{Done: min(i+batchDocs, len(put)), Total: len(put)})
		}
	}
	return nil
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
	if len(values) == 0 || applyEdits(local, values) != nil {
		return nil
	}
	local.ModifiedAt = time.Now().UTC().Truncate(time.Second)
	return local
}
