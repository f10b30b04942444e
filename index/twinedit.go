package index

import (
	"context"
	"maps"
	"slices"
)

// A twin group (twins.go) is listed as one result: for the person it is
// one document kept in several formats. What is done to that result is
// done to the whole group: Edit gives every format the details saved,
// EditMany changes every format, Delete moves every format to the Trash
// and Undelete brings them all back. Otherwise the formats not shown would
// keep the old details (and keep the document in the review list), or
// stay in the search after the one shown was deleted.

// entries expands ids to their twin groups: each id followed by the
// other members of its group that are in the search or that an import
// under way stored for it (groupIDs), each id once. An id that cannot be
// read is kept as it is, for the caller to report. Under a.mu.
func (a *Archive) entries(ids []string) [][]string {
	seen := map[string]bool{}
	var out [][]string
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		entry := []string{id}
		if !validID(id) {
			out = append(out, entry)
			continue
		}
		d, err := a.store.getHead(id)
		if err == nil && d.TwinOf != "" {
			for _, t := range a.groupIDs(d.TwinOf) {
				if !seen[t] {
					seen[t] = true
					entry = append(entry, t)
				}
			}
		}
		out = append(out, entry)
	}
	return out
}

// groupIDs is the live members of a twin group, under a.mu: those the
// index finds, then those an import under way stored in the group and
// the index may not hold yet (importChanges.members). Without these, a
// document deleted or edited during an import would leave its new twin
// live, or without the person's details.
func (a *Archive) groupIDs(group string) []string {
	var ids []string
	if twins, err := a.groupMembers(context.Background(), group); err == nil {
		for _, t := range twins {
			ids = append(ids, t.ID)
		}
	}
	for _, id := range a.importing.unindexedMembers(group) {
		if slices.Contains(ids, id) {
			continue
		}
		if d, err := a.store.getHead(id); err == nil && d.TwinOf == group {
			ids = append(ids, id)
		}
	}
	return ids
}

// withTwins is ids with their twins (see entries), flat. Under a.mu.
func (a *Archive) withTwins(ids []string) []string {
	return slices.Concat(a.entries(ids)...)
}

// lockedWithTwins is withTwins taking a.mu.
func (a *Archive) lockedWithTwins(ids []string) []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.withTwins(ids)
}

// withTrashedTwins is ids with the other members of their twin groups
// that are in the Trash, each id once.
func (a *Archive) withTrashedTwins(ids []string) ([]string, error) {
	groups := map[string]bool{}
	for _, id := range ids {
		if !validID(id) {
			continue
		}
		if d, err := a.store.getIn(trashDir, id, false); err == nil && d.TwinOf != "" {
			groups[d.TwinOf] = true
		}
	}
	if len(groups) == 0 {
		return ids, nil
	}
	trashed, err := a.store.ids(trashDir)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(ids)
	for _, id := range trashed {
		if slices.Contains(out, id) {
			continue
		}
		if d, err := a.store.getIn(trashDir, id, false); err == nil && groups[d.TwinOf] {
			out = append(out, id)
		}
	}
	return out, nil
}

// copyDetails gives dst the details of src that a person edits, with who
// set each and how sure its reading was.
func copyDetails(dst, src *Document) {
	dst.Title, dst.Number, dst.Type, dst.Issuer = src.Title, src.Number, src.Type, src.Issuer
	dst.Date, dst.Year, dst.Place, dst.Signer = src.Date, src.Year, src.Place, src.Signer
	dst.Campaigns, dst.Topics = slices.Clone(src.Campaigns), slices.Clone(src.Topics)
	dst.Source, dst.Notes = src.Source, src.Notes
	if dst.Fields == nil {
		dst.Fields = map[string]FieldInfo{}
	}
	for _, f := range EditableFields {
		if info, ok := src.Fields[f]; ok {
			dst.Fields[f] = info
		} else {
			delete(dst.Fields, f)
		}
	}
	dst.Why = maps.Clone(src.Why)
}

// takeTrashedDetails gives d, a file imported again while its document
// is in the Trash (which the import takes it out of), what a person set
// on that document: the details they typed and the groups they took it
// out of. Before, a person who deleted a corrected document by mistake
// and imported its file again to get it back lost every correction, and
// the Trash no longer had them. It reports whether d changed.
func takeTrashedDetails(d, trashed *Document) bool {
	changed := takeGroupDetails(d, []*Document{trashed})
	for _, id := range trashed.NotTwins {
		if !slices.Contains(d.NotTwins, id) {
			d.NotTwins = append(d.NotTwins, id)
			changed = true
		}
	}
	return changed
}

// takeGroupDetails gives d, a new format of a twin group, the details a
// person set on the group's documents twins: an edit gives every format
// the same details, and a format that joined afterwards kept its own
// readings, unsure ones put the group back on the list to review
// (usertest session 10, finding 5: "Cần xem lại" 428 → 429 after a .txt
// and an .odt joined an edited .docx). It reports whether d changed.
func takeGroupDetails(d *Document, twins []*Document) bool {
	values := withTwinsDetails(d, twins, nil)
	if len(values) == 0 {
		return false
	}
	return applyEdits(d, values, nil) == nil
}

// withTwinsDetails is values with the details a person set on one of d's
// twins and neither on d nor now: Edit gives every format d's details, and
// a format that joined the group after an edit of another (imported
// since, or while the edit was saved) would otherwise take the person's
// details away from the others. The date and the year go together.
func withTwinsDetails(d *Document, twins []*Document, values map[string]string) map[string]string {
	out := maps.Clone(values)
	if out == nil {
		out = map[string]string{}
	}
	take := func(t *Document, fields ...string) {
		for _, f := range fields {
			if hasKey(out, f) || d.SetByPerson(f) {
				return
			}
		}
		for _, f := range fields {
			out[f] = t.Value(f)
		}
	}
	for _, t := range twins {
		for _, f := range EditableFields {
			switch f {
			case FieldYear: // with the date
			case FieldDate:
				if t.SetByPerson(FieldDate) || t.SetByPerson(FieldYear) {
					take(t, FieldDate, FieldYear)
				}
			default:
				if t.SetByPerson(f) {
					take(t, f)
				}
			}
		}
	}
	return out
}
