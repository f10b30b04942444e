package index

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"khovanban/index/internal/archivestore"
)

// Edit sets metadata fields of a document as a person typed them: field
// name (see EditableFields) → value. Campaigns and topics are names
// separated by ";" (or by commas, which a known name may hold: see
// splitNames). Dates are YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY;
// an empty date clears it. A field set here is never overwritten by
// reading the document again. The document's twins (its other formats,
// see twinedit.go) take all its details as saved, in the same write.
func (a *Archive) Edit(id string, values map[string]string) (*Document, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	d, err := a.Get(id)
	if err != nil {
		return nil, err
	}
	var twins []*Document
	for _, tid := range a.withTwins([]string{d.ID})[1:] {
		t, err := a.store.getDoc(tid)
		if err != nil {
			return nil, fmt.Errorf("twin %s of %s: %w", tid, d.ID, err)
		}
		twins = append(twins, t)
	}
	if err := applyEdits(d, withTwinsDetails(d, twins, values), a.knownNames(d)); err != nil {
		return nil, err
	}
	d.ModifiedAt = time.Now().UTC().Truncate(time.Second)
	docs := []*Document{d}
	for _, t := range twins {
		copyDetails(t, d)
		t.ModifiedAt = d.ModifiedAt
		docs = append(docs, t)
	}
	if err := a.putEdited(docs); err != nil {
		return nil, err
	}
	return d, nil
}

// putEdited writes changed documents and their index entries in one commit.
func (a *Archive) putEdited(docs []*Document) error {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return a.commit(change{
		ids: ids,
		tx: func(tx *archivestore.Tx) error {
			for _, d := range docs {
				if err := a.store.vol.setMeta(tx, d); err != nil {
					return err
				}
			}
			return nil
		},
		put: docs,
	})
}

// applyEdits sets values on d; known tells campaign and topic names that
// hold commas (see splitNames).
func applyEdits(d *Document, values map[string]string, known func(string) bool) error {
	if d.Fields == nil {
		d.Fields = map[string]FieldInfo{}
	}
	// Check everything first, so a bad value changes nothing.
	for field, v := range values {
		if !slices.Contains(EditableFields, field) {
			return fmt.Errorf("%q: %w", field, ErrBadField)
		}
		switch field {
		case FieldDate:
			if _, err := parseDate(v); err != nil {
				return err
			}
		case FieldYear:
			if _, err := parseYear(v); err != nil {
				return err
			}
		}
	}
	// The year facet counts the year and newest/oldest sort by the date:
	// the two must agree. A new date brings its year unless a year is
	// given too; a year given must be the date's.
	if v, ok := values[FieldYear]; ok {
		year, _ := parseYear(v)
		date := d.Date
		if dv, ok := values[FieldDate]; ok {
			date, _ = parseDate(dv)
		}
		if date != "" && year != atoi(date[:4]) {
			return fmt.Errorf("year %d, date %s: %w", year, date, ErrYearNotDate)
		}
	}
	before := map[string]string{}
	for _, field := range []string{FieldYear, FieldDate} {
		before[field] = d.Value(field)
	}
	for field, v := range values {
		before[field] = d.Value(field)
		v = typedValue(field, v)
		switch field {
		case FieldTitle:
			d.Title = v
		case FieldNumber:
			d.Number = v
		case FieldType:
			d.Type = v
		case FieldIssuer:
			d.Issuer = v
		case FieldPlace:
			d.Place = v
		case FieldSigner:
			d.Signer = v
		case FieldSource:
			d.Source = v
		case FieldNotes:
			d.Notes = v
		case FieldCampaigns:
			d.Campaigns = splitNames(v, known)
		case FieldTopics:
			d.Topics = splitNames(v, known)
		case FieldDate:
			d.Date, _ = parseDate(v)
			if d.Date != "" && !hasKey(values, FieldYear) {
				d.Year = atoi(d.Date[:4])
				d.Fields[FieldYear] = personSet(d, FieldYear, before[FieldYear])
			}
		case FieldYear:
			d.Year, _ = parseYear(v)
		}
		d.Fields[field] = personSet(d, field, before[field])
	}
	return nil
}

// personSet is the provenance of a field a person saved, whose value
// before was was: a value read and saved unchanged is confirmed, keeping where
// it was read (the edit form saves the fields to review with the others,
// and a date never touched was shown as typed by the person: usertest s12).
func personSet(d *Document, field, was string) FieldInfo {
	info := d.Fields[field]
	if was == d.Value(field) && (info.Origin == ByReader || info.Confirmed) {
		info.Origin, info.Confirmed = ByPerson, true
		return info
	}
	return FieldInfo{Origin: ByPerson}
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

// parseDate accepts YYYY-MM-DD, DD/MM/YYYY and DD-MM-YYYY; "" is no date.
func parseDate(v string) (string, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return "", nil
	}
	for _, layout := range []string{"2006-01-02", "2/1/2006", "2-1-2006", "2.1.2006"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", fmt.Errorf("date %q: %w", v, ErrBadField)
}

func parseYear(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v)
	if err != nil || y < 1900 || y > 2200 {
		return 0, fmt.Errorf("year %q: %w", v, ErrBadField)
	}
	return y, nil
}

// Delete moves documents, with their twins (their other formats), to the
// Trash: they leave the search and can be restored until the Trash is
// emptied.
func (a *Archive) Delete(ids ...string) error {
	if err := a.check(); err != nil {
		return err
	}
	return a.move(ids, docsDir, trashDir, func(ids []string) ([]string, error) { return a.withTwins(ids), nil })
}

// Undelete brings documents back from the Trash, with their twins that
// are there too.
func (a *Archive) Undelete(ids ...string) error {
	if err := a.check(); err != nil {
		return err
	}
	return a.move(ids, trashDir, docsDir, a.withTrashedTwins)
}

// move moves ids, with the twins expand adds under a.mu (an import
// stores new twins between its batches), from one folder to the other.
func (a *Archive) move(ids []string, from, to string, expand func([]string) ([]string, error)) error {
	if err := a.check(); err != nil {
		return err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	ids, err := expand(ids)
	if err != nil {
		return err
	}
	var docs []*Document
	live := map[string]bool{} // brought back, and live already
	for _, id := range ids {
		if !validID(id) {
			return fmt.Errorf("document %q: %w", id, ErrNotFound)
		}
		d, err := a.store.getIn(from, id, true)
		if err != nil {
			return err
		}
		if to == docsDir && a.store.hasDoc(id) {
			// In the Trash and live (an archive restored from a backup
			// that held both, a format-1 kill): the live document, which
			// the person may have edited since, stays, given what the
			// person set on the trashed one and not on it. Before, the
			// trashed one replaced it, and the edits were lost.
			ld, err := a.store.getIn(docsDir, id, true)
			if err != nil {
				return err
			}
			takeTrashedDetails(ld, d)
			d, live[id] = ld, true
		}
		docs = append(docs, d)
	}
	c := change{ids: ids, tx: func(tx *archivestore.Tx) error {
		for _, d := range docs {
			if live[d.ID] {
				tx.Remove(archivestore.Trash, d.ID)
				if err := a.store.vol.setMeta(tx, d); err != nil {
					return err
				}
				continue
			}
			tx.Move(d.ID, bucketOf(from), bucketOf(to))
		}
		return nil
	}}
	if to == trashDir {
		c.del = ids
	} else {
		c.put = docs
	}
	return a.commit(c)
}

// Trash lists the deleted documents by issue date, the latest first and
// the undated last.
func (a *Archive) Trash() ([]Summary, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	ids, err := a.store.ids(trashDir)
	if err != nil {
		return nil, err
	}
	var out []Summary
	for _, id := range ids {
		if d, err := a.store.getIn(trashDir, id, false); err == nil {
			out = append(out, d.Summary())
		}
	}
	slices.SortFunc(out, func(x, y Summary) int { return -strings.Compare(x.Date, y.Date) })
	return out, nil
}

// EmptyTrash removes the deleted documents and their originals for good:
// a transaction for each purgeChunk documents removes their entries,
// texts and the originals no other entry names, so a cancelled context
// stops it between chunks; then the volumes that are mostly dead are
// written again without what was removed. It holds a.mu for each chunk
// and each volume, not for its whole run: the person's changes and an
// import's batches go on between (a kill leaves each chunk and volume
// whole or not done, as before). The documents deleted meanwhile stay in
// the Trash; one brought back from it meanwhile, or imported again, is
// live and is not removed (Remove takes the Trash's entry only).
func (a *Archive) EmptyTrash(ctx context.Context) (int, error) {
	if err := a.check(); err != nil {
		return 0, err
	}
	if err := a.writable(); err != nil {
		return 0, err
	}
	a.stepMu.Lock()
	defer a.stepMu.Unlock()
	ids, err := a.store.ids(trashDir)
	if err != nil {
		return 0, err
	}
	n := 0
	for len(ids) > 0 && ctx.Err() == nil {
		chunk := ids[:min(len(ids), purgeChunk)]
		ids = ids[len(chunk):]
		if err := a.purge(chunk); err != nil {
			return n, fmt.Errorf("empty trash: %w", err)
		}
		n += len(chunk)
	}
	if _, err := a.store.vol.st.CompactEach(a.whileLocked); err != nil {
		return n, fmt.Errorf("empty trash: %w", err)
	}
	return n, nil
}

// purge removes documents of the Trash for good in one transaction,
// under a.mu.
func (a *Archive) purge(ids []string) error {
	return a.whileLocked(func() error {
		_, err := a.store.vol.commit(nil, func(tx *archivestore.Tx) error {
			for _, id := range ids {
				tx.Remove(archivestore.Trash, id)
			}
			return nil
		})
		return err
	})
}

// whileLocked runs f under a.mu, unless the archive was closed meanwhile
// (a long run that takes a.mu a step at a time: Close may come between).
func (a *Archive) whileLocked(f func() error) error {
	err := func() error {
		a.mu.Lock()
		defer a.mu.Unlock()
		if err := a.check(); err != nil {
			return err
		}
		return f()
	}()
	if a.betweenSteps != nil {
		a.betweenSteps()
	}
	return err
}

// purgeChunk is how many documents one transaction of EmptyTrash
// removes. (A variable for the tests.)
var purgeChunk = 500
