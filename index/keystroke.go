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
	if err := a.check(); err != nil {
		return nil, err
	}
	req.AsYouType, req.DisjunctiveFacets = true, true
	clauses, searched, later, err := typedClauses(req)
	if err != nil {
		return nil, err
	}
	res, unsure, err := a.search(ctx, searched, clauses, true)
	if err != nil {
		return nil, err
	}
	return &Typed{Result: *res, Request: searched, Later: later, Unsure: unsure}, nil
}

// typedClauses reads a request's query by the rule of the window: with
// AsYouType, the last word may be unfinished, and a phrase whose closing
// quote is still to come is read as its words (TypingQuery); searched is
// then the request with those words, and later the missing quote. Every
// search of what the window shows (SearchAsTyped, ExportPack) reads it so.
func typedClauses(req Request) (clauses []clause, searched Request, later, err error) {
	clauses, err = parseQuery(req.Query, req.AsYouType)
	var qe *QueryError
	if req.AsYouType && errors.As(err, &qe) && qe.Code == QueryUnclosedQuote {
		if q := TypingQuery(req.Query); q != req.Query {
			if words, err2 := parseQuery(q, true); err2 == nil {
				searched = req
				searched.Query = q
				return words, searched, err, nil
			}
		}
	}
	return clauses, req, nil, err
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
