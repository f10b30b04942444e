package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// BulkEdit is one change made to many documents at once, as when a person
// selects several results and files them under a campaign.
type BulkEdit struct {
	// Set holds fields given the same value on every document, as in Edit
	// (type, issuer, year…); a field left out is left as it is.
	Set map[string]string
	// AddCampaigns and AddTopics are added to each document's own.
	AddCampaigns []string
	AddTopics    []string
}

// BulkResult says what EditMany did. A document kept in several formats
// (a twin group) counts once.
type BulkResult struct {
	Changed int // documents written
	// Skipped are the documents left as they were because the change does
	// not fit them: a year other than their date's year.
	Skipped []string
}

// EditMany applies e to each document of ids, and to each one's twins
// (its other formats), in one write: either all of them are changed, or
// (on an error) none. Like Edit, what it sets is marked as the person's
// and never overwritten by reading the documents again. A document the
// change does not fit is skipped, not an error.
func (a *Archive) EditMany(ids []string, e BulkEdit) (*BulkResult, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	res := &BulkResult{}
	var docs []*Document
	now := time.Now().UTC().Truncate(time.Second)
	for _, entry := range a.entries(ids) {
		changed, skipped := false, false
		for _, id := range entry {
			d, err := a.Get(id)
			if err != nil {
				return nil, err
			}
			values := bulkValues(d, e)
			if len(values) == 0 {
				continue
			}
			if err := applyEdits(d, values, a.knownNames(d)); err != nil {
				if errors.Is(err, ErrYearNotDate) {
					skipped = true
					continue
				}
				return nil, fmt.Errorf("document %s: %w", d.ID, err)
			}
			d.ModifiedAt = now
			docs = append(docs, d)
			changed = true
		}
		if changed {
			res.Changed++
		} else if skipped {
			res.Skipped = append(res.Skipped, entry[0])
		}
	}
	if len(docs) == 0 {
		return res, nil
	}
	if err := a.putEdited(docs); err != nil {
		return nil, err
	}
	return res, nil
}

// bulkValues is e as the field values Edit takes for d: its own campaigns
// and topics with the new ones added; nothing for what would not change.
func bulkValues(d *Document, e BulkEdit) map[string]string {
	values := map[string]string{}
	for f, v := range e.Set {
		if strings.TrimSpace(v) != "" {
			values[f] = v
		}
	}
	add := func(field string, have, more []string) {
		all := slices.Clone(have)
		for _, n := range more {
			if n = strings.TrimSpace(n); n != "" && !slices.Contains(all, n) {
				all = append(all, n)
			}
		}
		if len(all) > len(have) {
			values[field] = joinNames(all)
		}
	}
	add(FieldCampaigns, d.Campaigns, e.AddCampaigns)
	add(FieldTopics, d.Topics, e.AddTopics)
	return values
}
