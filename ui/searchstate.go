package ui

import (
	"context"
	"reflect"
	"time"

	"khovanban/index"
)

// searchState is the search the window shows: what is asked (the query
// typed, the filters chosen, the order) and where its run stands. The
// view holds one; a component that only reads or changes the search
// (the review button) holds it and a function that runs the search.
type searchState struct {
	query   string
	filters index.Filters
	sort    index.Sort

	gen   uint64 // counts searches; a result for an older one is dropped
	shown uint64 // the search on screen
	// keep is the search that refreshes the list in place (documents came
	// in): the row chosen, the ticks and the scroll stay.
	keep    uint64
	pending bool // typing waits for the debounce
	// typed ends the busy sign of the search typed and not started yet
	// (the debounce, then the UI's queue: seconds while an import keeps
	// the machine busy, usertest session 10, finding 2); the search takes
	// it over: "Đang tìm…" shows from the key typed until the results do.
	typed  func()
	cancel context.CancelFunc
	timer  *time.Timer // the debounce
	// errTimer shows a message about the query once typing pauses.
	errTimer *time.Timer
	// afterShow runs once, after the next search's results are shown.
	afterShow func()
	// dropped names the filters taken off for want of documents, said
	// under the count until the filters change (emptyfilters.go).
	dropped string
	// facetTimer counts the facets of the search on screen once typing
	// pauses, and facets is the search whose facets are on screen.
	facetTimer *time.Timer
	facets     uint64
	// counted is the search whose counts the panel and the year chart
	// show.
	counted countedSearch
	// answer is the answer on screen, and asked the search it answers: a
	// screen built again (a change of language) shows them at once.
	answer *index.Result
	asked  index.Request
}

// countedSearch is the query and filters whose facets were counted; ok
// is false when none were.
type countedSearch struct {
	query   string
	filters index.Filters
	ok      bool
}

// facetsOf reports whether the counts on screen are those of req.
func (s *searchState) facetsOf(req index.Request) bool {
	c := s.counted
	return c.ok && c.query == req.Query && reflect.DeepEqual(c.filters, req.Filters)
}

// request is the search the screen shows now, for SearchAsTyped, and for
// the catalogue and the ticks of "select all", which list the same
// documents (hence AsYouType).
func (s *searchState) request() index.Request {
	sort := s.sort
	if sort == index.ByRelevance && isBlank(s.query) {
		sort = index.Newest
	}
	return index.Request{Query: s.query, AsYouType: true, Filters: s.filters, Sort: sort, Limit: pageSize}
}

// endTyped ends the busy sign of the search typed, if any.
func (s *searchState) endTyped() {
	if s.typed != nil {
		s.typed()
		s.typed = nil
	}
}
