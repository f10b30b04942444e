package classify

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Add adds a user category. Its name must be new for its kind, its parent
// (if any) an existing category of the same kind, and its rules valid.
func (r *Registry) Add(c Category) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c = clone(c)
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	c.ID, c.Builtin = "", false
	if err := r.validate(c, -1); err != nil {
		return fmt.Errorf("add: %w", err)
	}
	if err := CheckSize(c); err != nil {
		return fmt.Errorf("add: %w", err)
	}
	r.cats = append(r.cats, c)
	r.m = compile(r.cats)
	return nil
}

// Rename renames a category; its children follow it.
func (r *Registry) Rename(kind Kind, old, new string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.index(kind, old)
	if i < 0 {
		return fmt.Errorf("rename %s %q: %w", kind, old, ErrNotFound)
	}
	c := r.cats[i]
	c.Name = strings.Join(strings.Fields(new), " ")
	if err := r.validate(c, i); err != nil {
		return fmt.Errorf("rename %s %q: %w", kind, old, err)
	}
	if utf8.RuneCountInString(c.Name) > MaxNameRunes {
		return fmt.Errorf("rename %s %q: %w", kind, old, &SizeError{Name: CutRunes(c.Name, MaxNameRunes), Part: SizeName, Limit: MaxNameRunes})
	}
	oldName := r.cats[i].Name
	r.cats[i] = c
	r.reparent(kind, oldName, c.Name)
	r.m = compile(r.cats)
	return nil
}

// Merge moves the rules of from into into and deletes from; the children
// of from move under into. Documents filed under from are then found
// under into. A merge that would make into larger than a category may be
// (CheckSize: more than MaxRules rules, say) is refused with a
// *MergeError, and nothing changes.
func (r *Registry) Merge(kind Kind, from, into string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	fi, ii := r.index(kind, from), r.index(kind, into)
	switch {
	case fi < 0:
		return fmt.Errorf("merge %s %q into %q: %w", kind, from, into, ErrNotFound)
	case ii < 0:
		return fmt.Errorf("merge %s %q into %q: %w", kind, from, into, ErrNotFound)
	case fi == ii:
		return fmt.Errorf("merge %s %q into itself: %w", kind, from, ErrInvalid)
	}
	target := &r.cats[ii]
	rules := slices.Clone(target.Rules)
	for _, rule := range r.cats[fi].Rules {
		if !slices.ContainsFunc(rules, func(x Rule) bool { return rulesEqual([]Rule{x}, []Rule{rule}) }) {
			rules = append(rules, rule)
		}
	}
	if len(rules) > len(target.Rules) {
		// The merged category is bounded as one a person adds: its
		// rules are tried on every document imported or filed again.
		if err := CheckSize(Category{Name: target.Name, Rules: rules}); err != nil {
			return &MergeError{From: CutRunes(r.cats[fi].Name, MaxNameRunes), Into: CutRunes(target.Name, MaxNameRunes), Rules: len(rules), Err: err}
		}
	}
	target.Rules = rules
	if nameKey(target.Parent) == nameKey(r.cats[fi].Name) {
		target.Parent = r.cats[fi].Parent // into was a child of from
	}
	r.reparent(kind, r.cats[fi].Name, target.Name)
	r.cats = slices.Delete(r.cats, fi, fi+1)
	r.m = compile(r.cats)
	return nil
}

// Delete deletes a category; its children move up to its parent. A deleted
// built-in category stays deleted when the built-in file is upgraded.
func (r *Registry) Delete(kind Kind, name string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.index(kind, name)
	if i < 0 {
		return fmt.Errorf("delete %s %q: %w", kind, name, ErrNotFound)
	}
	r.reparent(kind, r.cats[i].Name, r.cats[i].Parent)
	r.cats = slices.Delete(r.cats, i, i+1)
	r.m = compile(r.cats)
	return nil
}

// SetRules replaces the rules of a category after checking them.
func (r *Registry) SetRules(kind Kind, name string, rules []Rule) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.index(kind, name)
	if i < 0 {
		return fmt.Errorf("set rules of %s %q: %w", kind, name, ErrNotFound)
	}
	for i, rule := range rules {
		if err := validateRule(i+1, rule); err != nil {
			return fmt.Errorf("set rules of %s %q: %w", kind, name, err)
		}
	}
	if err := CheckSize(Category{Name: r.cats[i].Name, Rules: rules}); err != nil {
		return fmt.Errorf("set rules of %s %q: %w", kind, name, err)
	}
	r.cats[i].Rules = clone(Category{Rules: rules}).Rules
	r.m = compile(r.cats)
	return nil
}

// reparent moves the children of old under new ("" for the top level).
func (r *Registry) reparent(kind Kind, old, new string) {
	for j := range r.cats {
		if r.cats[j].Kind == kind && r.cats[j].Parent != "" && nameKey(r.cats[j].Parent) == nameKey(old) {
			r.cats[j].Parent = new
		}
	}
}
