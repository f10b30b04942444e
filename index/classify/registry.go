// Package classify files documents under campaigns (phong trào, cuộc vận
// động) and topics (lĩnh vực) by rules, several labels per document, and
// says which rule put each label there.
//
// A Registry is built from two JSON files: the built-in file shipped with
// the program (assets/registry.json) and the user's file, which the archive
// keeps and which holds only the user's changes:
//
//	{
//	  "version": 1,
//	  "added":   [ {category}, ... ],             // the user's own categories, in full
//	  "changed": [ {"kind", "id", "name"?, "parent"?, "description"?, "rules"?}, ... ],
//	  "deleted": [ {"kind", "id"}, ... ]
//	}
//
// Built-in categories are known by their stable "id", so a renamed or
// deleted built-in stays renamed or deleted when a newer program ships a
// new built-in file, and fields the user did not change (say the rules of
// a category the user only renamed) follow the newer file.
package classify

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"khovanban/index/vntext"
)

// Kind says whether a category is a campaign or a topic.
type Kind string

// The kinds of category.
const (
	Campaign Kind = "campaign"
	Topic    Kind = "topic"
)

// RuleKind says how a rule's terms are matched. Phrases are compared word
// by word without accents or case ("3 không - 3 cần" matches "3 KHONG 3cần").
type RuleKind string

// The kinds of rule.
const (
	Any    RuleKind = "any"    // any of the phrases occurs
	All    RuleKind = "all"    // every phrase occurs, anywhere
	Phrase RuleKind = "phrase" // the one phrase occurs
	Regex  RuleKind = "regex"  // the regular expression (Go syntax) matches the NFC text, ignoring case
	Number RuleKind = "number" // the document is, or cites, one of these numbers
)

// Rule is one way a document qualifies for a category.
type Rule struct {
	Kind  RuleKind `json:"kind"`
	Terms []string `json:"terms"`
}

// Category is a campaign or a topic with the rules that recognise it. A
// campaign may have a Parent campaign (a local slogan under a national
// campaign); a document of the child belongs to the parent too.
type Category struct {
	ID          string `json:"id,omitempty"` // stable key of a built-in category
	Name        string `json:"name"`
	Kind        Kind   `json:"kind"`
	Parent      string `json:"parent,omitempty"`
	Description string `json:"description,omitempty"`
	Rules       []Rule `json:"rules"`
	Builtin     bool   `json:"builtin,omitempty"`
}

// Errors returned, wrapped with context, by Load and the editing methods.
var (
	ErrExists      = errors.New("category already exists") // a category of that kind and name exists
	ErrNotFound    = errors.New("category not found")      // no category of that kind and name
	ErrInvalidRule = errors.New("invalid rule")            // a rule that cannot be used
	ErrInvalid     = errors.New("invalid category")        // an empty name, unknown kind or bad parent
)

// Registry holds the campaigns and topics and their compiled rules. It is
// safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	builtin []Category // as shipped, in file order
	cats    []Category // current state: built-ins (as edited) then the user's own
	m       *matcher
}

// builtinFile is the shape of assets/registry.json.
type builtinFile struct {
	Version    int        `json:"version"`
	Categories []Category `json:"categories"`
}

// userFile is the shape of the user's file: changes to the built-in file.
type userFile struct {
	Version int        `json:"version"`
	Added   []Category `json:"added,omitempty"`
	Changed []change   `json:"changed,omitempty"`
	Deleted []ref      `json:"deleted,omitempty"`
}

type ref struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
}

// change holds the fields of a built-in category the user changed; nil
// fields follow the built-in file.
type change struct {
	Kind        Kind    `json:"kind"`
	ID          string  `json:"id"`
	Name        *string `json:"name,omitempty"`
	Parent      *string `json:"parent,omitempty"`
	Description *string `json:"description,omitempty"`
	Rules       *[]Rule `json:"rules,omitempty"`
}

// Load builds a registry from the built-in file and the user's changes;
// either may be empty.
func Load(builtin, user []byte) (*Registry, error) {
	var bf builtinFile
	if len(strings.TrimSpace(string(builtin))) > 0 {
		if err := json.Unmarshal(builtin, &bf); err != nil {
			return nil, fmt.Errorf("read built-in registry: %w", err)
		}
	}
	r := &Registry{}
	for _, c := range bf.Categories {
		c.Builtin = true
		if c.ID == "" {
			return nil, fmt.Errorf("built-in %s %q has no id: %w", c.Kind, c.Name, ErrInvalid)
		}
		r.builtin = append(r.builtin, clone(c))
		r.cats = append(r.cats, clone(c))
	}
	if len(strings.TrimSpace(string(user))) > 0 {
		var uf userFile
		if err := json.Unmarshal(user, &uf); err != nil {
			return nil, fmt.Errorf("read user registry: %w", err)
		}
		r.applyUser(uf)
	}
	if err := r.validateAll(); err != nil {
		return nil, err
	}
	r.m = compile(r.cats)
	return r, nil
}

// applyUser applies the user's changes. A user category, or a renamed
// built-in one, whose name a newer built-in file also uses wins over that
// built-in one.
func (r *Registry) applyUser(uf userFile) {
	for _, d := range uf.Deleted {
		if i := r.indexID(d.Kind, d.ID); i >= 0 {
			r.cats = slices.Delete(r.cats, i, i+1)
		}
	}
	for _, ch := range uf.Changed {
		i := r.indexID(ch.Kind, ch.ID)
		if i < 0 {
			continue // the newer built-in file dropped it
		}
		if ch.Name != nil {
			// A newer built-in category that took the user's new name
			// gives way to the user's.
			if j := r.index(ch.Kind, *ch.Name); j >= 0 && j != i {
				r.cats = slices.Delete(r.cats, j, j+1)
				i = r.indexID(ch.Kind, ch.ID)
			}
			r.cats[i].Name = *ch.Name
		}
		c := &r.cats[i]
		if ch.Parent != nil {
			c.Parent = *ch.Parent
		}
		if ch.Description != nil {
			c.Description = *ch.Description
		}
		if ch.Rules != nil {
			c.Rules = slices.Clone(*ch.Rules)
		}
	}
	for _, c := range uf.Added {
		c.ID, c.Builtin = "", false
		if i := r.index(c.Kind, c.Name); i >= 0 {
			r.cats = slices.Delete(r.cats, i, i+1)
		}
		r.cats = append(r.cats, clone(c))
	}
}

// validateAll drops nothing: it reports the first invalid category, so a
// broken file is noticed rather than half-loaded.
func (r *Registry) validateAll() error {
	for i, c := range r.cats {
		if err := r.validate(c, i); err != nil {
			return fmt.Errorf("load registry: %w", err)
		}
	}
	return nil
}

// UserJSON returns the user's changes to save; Load(builtin, UserJSON())
// gives back the same registry.
func (r *Registry) UserJSON() ([]byte, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	uf := userFile{Version: 1}
	for _, b := range r.builtin {
		i := r.indexID(b.Kind, b.ID)
		if i < 0 {
			uf.Deleted = append(uf.Deleted, ref{b.Kind, b.ID})
			continue
		}
		c := r.cats[i]
		ch := change{Kind: b.Kind, ID: b.ID}
		changed := false
		if c.Name != b.Name {
			ch.Name, changed = &c.Name, true
		}
		if c.Parent != b.Parent {
			ch.Parent, changed = &c.Parent, true
		}
		if c.Description != b.Description {
			ch.Description, changed = &c.Description, true
		}
		if !rulesEqual(c.Rules, b.Rules) {
			rules := c.Rules
			if rules == nil {
				rules = []Rule{}
			}
			ch.Rules, changed = &rules, true
		}
		if changed {
			uf.Changed = append(uf.Changed, ch)
		}
	}
	for _, c := range r.cats {
		if !c.Builtin {
			uf.Added = append(uf.Added, c)
		}
	}
	data, err := json.MarshalIndent(uf, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("write user registry: %w", err)
	}
	return data, nil
}

// Categories returns copies of the categories of one kind, built-in ones
// first in the order of the built-in file, then the user's in the order
// they were added.
func (r *Registry) Categories(kind Kind) []Category {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []Category
	for _, c := range r.cats {
		if c.Kind == kind {
			out = append(out, clone(c))
		}
	}
	return out
}

// Len is how many categories of both kinds the registry holds.
func (r *Registry) Len() int {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.cats)
}

// Has reports whether the registry has a category of that kind and a
// name that reads the same (SameName).
func (r *Registry) Has(kind Kind, name string) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.index(kind, name) >= 0
}

// SameName reports whether two category names are the same name as the
// registry compares them: spacing, case and tone placement aside.
func SameName(a, b string) bool {
	return nameKey(a) == nameKey(b)
}

// index returns the position of the category of that kind and name
// (compared without case and with one tone placement), or -1.
func (r *Registry) index(kind Kind, name string) int {
	k := nameKey(name)
	for i, c := range r.cats {
		if c.Kind == kind && nameKey(c.Name) == k {
			return i
		}
	}
	return -1
}

func (r *Registry) indexID(kind Kind, id string) int {
	for i, c := range r.cats {
		if c.Builtin && c.Kind == kind && c.ID == id {
			return i
		}
	}
	return -1
}

// nameKey compares names the way a user reads them: "Dân vận khéo" and
// "dân vận  khéo" are the same name.
func nameKey(s string) string {
	var words []string
	for _, w := range strings.Fields(s) {
		words = append(words, vntext.Key(w))
	}
	return strings.Join(words, " ")
}

func clone(c Category) Category {
	c.Rules = slices.Clone(c.Rules)
	for i := range c.Rules {
		c.Rules[i].Terms = slices.Clone(c.Rules[i].Terms)
	}
	return c
}

func rulesEqual(a, b []Rule) bool {
	return slices.EqualFunc(a, b, func(x, y Rule) bool {
		return x.Kind == y.Kind && slices.Equal(x.Terms, y.Terms)
	})
}
