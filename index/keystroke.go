package index

import (
	"context"
	"errors"
)

// Typed is the answer to a query being typed: what the window shows after
// a keystroke.
type Typed struct {
	Result
	// Request is what was searched: the request given, or, while a phrase
	// is being typed, the same with the phrase's words (TypingQuery).
	Request Request
	// Later is a mistake in the query to say only if typing stops there:
	// the closing quote still to come (a *QueryError). Nil otherwise.
	Later error
	// Unsure counts the archive's documents with fields to review (each
	// twin group once), whatever the query and filters.
	Unsure int
}

// SearchAsTyped is the search of the window at each keystroke, in one
// call: req read as typed (AsYouType: the last word may be unfinished), a
// facet with values chosen counted as if none were (DisjunctiveFacets), a
// phrase being typed searched as its words meanwhile (TypingQuery), and
// the count of documents to review. A malformed query returns a
// *QueryError.
func (a *Archive) SearchAsTyped(ctx context.Context, req Request) (*Typed, error) {
	req.AsYouType, req.DisjunctiveFacets = true, true
	res, unsure, err := a.search(ctx, req, true)
	var later error
	var qe *QueryError
	if errors.As(err, &qe) && qe.Code == QueryUnclosedQuote {
		if q := TypingQuery(req.Query); q != req.Query {
			r := req
			r.Query = q
			if res2, unsure2, err2 := a.search(ctx, r, true); err2 == nil {
				later, req, res, unsure, err = err, r, res2, unsure2, nil
			}
		}
	}
	if err != nil {
		return nil, err
	}
	return &Typed{Result: *res, Request: req, Later: later, Unsure: unsure}, nil
}

// HighlightAsTyped is Highlight for a query being typed, read as
// SearchAsTyped reads it: a phrase still open marks its words. A
// malformed query marks nothing.
func (a *Archive) HighlightAsTyped(ctx context.Context, query, text string) []Range {
	marks, err := a.Highlight(ctx, query, true, text)
	if err != nil {
		if q := TypingQuery(query); q != query {
			marks, err = a.Highlight(ctx, q, true, text)
		}
	}
	if err != nil {
		return nil
	}
	return marks
}
