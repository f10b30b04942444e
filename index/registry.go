package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"khovanban/index/classify"
	"khovanban/index/internal/archivestore"
)

// registryFile holds the person's changes to the built-in campaigns and
// topics; it survives upgrades of the built-in registry.
const registryFile = "registry.json"

func (a *Archive) loadRegistry() error {
	a.loadRefile()
	user, err := os.ReadFile(filepath.Join(a.dir, registryFile))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("read registry: %w", err)
	}
	if p := a.refiling; p != nil && len(p.Registry) > 0 && !sameJSON(p.Registry, user) {
		// A kill after a change's note and before its registry.json: the
		// note has the registry as changed (written again when it can be;
		// the note keeps it until the documents are filed).
		user = p.Registry
		if !a.readOnly {
			_ = writeDurably(filepath.Join(a.dir, registryFile), user)
		}
	}
	builtin := a.opts.Registry
	if len(builtin) == 0 {
		builtin = []byte(`{"version":1,"categories":[]}`)
	}
	if a.readOnly {
		// A read-only archive searches, lists and shows without the rules
		// (about 1 ms of a command-line search to parse and compile): they
		// are loaded at their first use.
		a.registry = sync.OnceValue(func() *classify.Registry {
			r, err := classify.Load(builtin, user)
			if err != nil {
				r, err = classify.Load(builtin, nil)
			}
			if err != nil {
				r, _ = classify.Load(nil, nil) // a built-in registry that does not load is a bug its tests catch
			}
			return r
		})
		return nil
	}
	r, err := classify.Load(builtin, user)
	if err != nil && len(user) > 0 {
		// A damaged file of the person's changes must not lock them out
		// of their documents: keep it aside and go on with the built-ins.
		path := filepath.Join(a.dir, registryFile)
		_ = os.Rename(path, path+".damaged-"+time.Now().Format("20060102-150405"))
		r, err = classify.Load(builtin, nil)
	}
	if err != nil {
		return fmt.Errorf("load registry: %w", err)
	}
	a.registry = func() *classify.Registry { return r }
	return nil
}

// sameJSON reports whether two JSON texts are the same but for spaces.
func sameJSON(x, y []byte) bool {
	var cx, cy bytes.Buffer
	return json.Compact(&cx, x) == nil && json.Compact(&cy, y) == nil && bytes.Equal(cx.Bytes(), cy.Bytes())
}

// Categories lists the campaigns or the topics.
func (a *Archive) Categories(kind classify.Kind) []classify.Category {
	return a.registry().Categories(kind)
}

// classify assigns campaigns and topics by the registry's rules, keeping
// those a person set, and records which rule put each one there.
func (a *Archive) classify(d *Document) {
	a.classifyWords(d, nil)
}

// classifyWords is classify with the folded syllables of d's text (see
// classify.Input's BodyWords), or nil.
func (a *Archive) classifyWords(d *Document, body []string) {
	var cited []string
	var years []int
	for _, c := range d.Citations {
		cited = append(cited, c.Number)
		y := 0
		if len(c.Date) >= 4 {
			y = atoi(c.Date[:4])
		}
		years = append(years, y)
	}
	matches := a.registry().Classify(classify.Input{Title: d.Title, Text: d.Text, Number: d.Number, Year: d.Year,
		Citations: cited, CitedYears: years, BodyWords: body})
	why := map[string]string{}
	var campaigns, topics []string
	for _, m := range matches {
		switch m.Kind {
		case classify.Campaign:
			campaigns = append(campaigns, m.Name)
		case classify.Topic:
			topics = append(topics, m.Name)
		}
		why[m.Name] = m.Rule
	}
	if !d.SetByPerson(FieldCampaigns) {
		d.Campaigns = campaigns
		d.Fields[FieldCampaigns] = FieldInfo{Origin: ByReader, Confidence: 1}
	}
	if !d.SetByPerson(FieldTopics) {
		d.Topics = topics
		d.Fields[FieldTopics] = FieldInfo{Origin: ByReader, Confidence: 1}
	}
	d.Why = nil
	for _, n := range slices.Concat(d.Campaigns, d.Topics) {
		if w, ok := why[n]; ok {
			if d.Why == nil {
				d.Why = map[string]string{}
			}
			d.Why[n] = w
		}
	}
}

// RegistryOp is a change a person makes to the campaigns or topics.
type RegistryOp struct {
	Op       string // one of the Op* constants
	Kind     classify.Kind
	Name     string            // the category acted on
	NewName  string            // OpRename: its new name; OpMerge: the one it merges into
	Category classify.Category // OpAdd
	Rules    []classify.Rule   // OpRules
}

// The operations on the registry.
const (
	OpAdd    = "add"
	OpRename = "rename"
	OpMerge  = "merge"
	OpDelete = "delete"
	OpRules  = "rules"
)

// ChangeRegistry applies op, saves the registry, and files every document
// again under the changed rules, live and in the Trash (refile.go).
// Campaigns and topics a person chose are kept, following a rename or
// merge and losing a deleted category. Once the registry is saved, an
// error (a cancelled ctx, a full disk) is ErrRefileUnfinished: the rules
// stay saved and ResumeRefile files the rest, as after a kill.
func (a *Archive) ChangeRegistry(ctx context.Context, op RegistryOp, progress func(Progress)) error {
	if err := a.check(); err != nil {
		return err
	}
	if err := a.writable(); err != nil {
		return err
	}
	a.stepMu.Lock()
	defer a.stepMu.Unlock()
	if err := a.whileLocked(func() error { return a.changeRegistry(op) }); err != nil {
		return err
	}
	return a.refile(ctx, progress)
}

// changeRegistry applies op and saves the registry, under a.mu: first
// the note of the documents to file again (refile.go), with the registry
// as changed, then registry.json (Open writes it from the note when a
// kill came between).
func (a *Archive) changeRegistry(op RegistryOp) error {
	r := a.registry()
	op = typedOp(op)
	var err error
	switch op.Op {
	case OpAdd:
		err = r.Add(op.Category)
	case OpRename:
		err = r.Rename(op.Kind, op.Name, op.NewName)
	case OpMerge:
		err = r.Merge(op.Kind, op.Name, op.NewName)
	case OpDelete:
		err = r.Delete(op.Kind, op.Name)
	case OpRules:
		err = r.SetRules(op.Kind, op.Name, op.Rules)
	default:
		err = fmt.Errorf("registry operation %q: %w", op.Op, ErrBadField)
	}
	if err != nil {
		return err
	}
	a.regGen.Add(1) // an import's documents read under the old rules are filed again
	data, err := r.UserJSON()
	if err != nil {
		return fmt.Errorf("save registry: %w", err)
	}
	p := pendingRefile{Registry: data}
	if a.refiling != nil {
		p.Ops = slices.Clone(a.refiling.Ops)
	}
	p.Ops = append(p.Ops, refileOp{Op: op.Op, Kind: op.Kind, Name: op.Name, NewName: op.NewName})
	note, err := p.encode()
	if err != nil {
		return err
	}
	if _, err := a.store.vol.commit(nil, func(tx *archivestore.Tx) error {
		tx.SetNote(noteRefile, note)
		return nil
	}); err != nil {
		return fmt.Errorf("save registry: %w", err)
	}
	a.refiling = &p
	if err := writeDurably(filepath.Join(a.dir, registryFile), data); err != nil {
		return asDiskFull(fmt.Errorf("save registry: %w: %w", ErrRefileUnfinished, err))
	}
	return nil
}

// refileStep and refileHold bound one step of refile: the documents it
// reads, and how long it holds a.mu (a change waits at most about that).
// (refileStep is a variable for the tests.)
var refileStep = batchDocs

const refileHold = 250 * time.Millisecond

// personLabels carries a rename, merge or delete into the campaigns or
// topics a person chose for d.
func personLabels(d *Document, op RegistryOp) {
	field, list := FieldCampaigns, &d.Campaigns
	if op.Kind == classify.Topic {
		field, list = FieldTopics, &d.Topics
	}
	if !d.SetByPerson(field) || !slices.Contains(*list, op.Name) {
		return
	}
	var out []string
	for _, n := range *list {
		switch {
		case n != op.Name:
		case op.Op == OpRename || op.Op == OpMerge:
			n = op.NewName
		case op.Op == OpDelete:
			continue
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	*list = out
}

// CategoryCount is a category with how many documents it has.
type CategoryCount struct {
	classify.Category
	Documents int `json:"documents"`
}

// CategoryCounts lists the campaigns or topics with their document counts,
// including names that documents carry but the registry no longer has.
func (a *Archive) CategoryCounts(ctx context.Context, kind classify.Kind) ([]CategoryCount, error) {
	facet := FacetCampaign
	if kind == classify.Topic {
		facet = FacetTopic
	}
	res, err := a.Search(ctx, Request{Limit: 1, FacetSize: 10000})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, v := range res.Facets[facet] {
		counts[v.Value] = v.Count
	}
	var out []CategoryCount
	for _, c := range a.registry().Categories(kind) {
		out = append(out, CategoryCount{Category: c, Documents: counts[c.Name]})
		delete(counts, c.Name)
	}
	for name, n := range counts {
		out = append(out, CategoryCount{Category: classify.Category{Name: name, Kind: kind}, Documents: n})
	}
	return out, nil
}
