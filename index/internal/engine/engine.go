// Package engine evaluates queries over the segments of a Bleve index:
// a Plan in, the matching documents' total, the best hits and the facet
// counts out.
//
// Bleve keeps the index (scorch segments of postings lists, built and
// merged by Bleve); queries are evaluated here instead of through Bleve's
// searchers, which advance one document at a time through a tree of
// iterators and cost 30–70 ms on a query that matches most of a
// 100,000-document archive. Here, per segment:
//
//   - which documents match is worked out with roaring bitmap operations
//     on the postings lists of the plan's terms;
//   - facets are counted by intersecting the matches with each facet
//     value's documents, read once per segment and kept in a cache file
//     per segment (Config.CacheDir), or, for a small match, document by
//     document; a filter may have its own facet counted without it
//     (Request.Filters), and nodes may be counted over the whole index
//     (Request.Count), in the same evaluation;
//   - for relevance, only the terms that score are read with their
//     frequencies and norms, one term at a time, adding into an array
//     indexed by document, and a list read whole is kept in memory for
//     the next searches (keptpostings.go); a segment with many matches is
//     scored by blocks of 64 documents, the most promising first, and
//     the blocks whose bound cannot beat the best hits found are skipped
//     (blockmax.go); for newest and oldest nothing is scored.
//
// Scores are Bleve's TF-IDF: each term adds boost·idf²·queryNorm·√freq·norm
// to the documents it occurs in (score.go). The field names the engine
// reads besides the plan's are given in a Schema. What the engine assumes
// of Bleve is listed in bleve.go, the only file that reaches into Bleve's
// segments.
//
// Use: New once per index; for each query, OpenSnapshot, Engine.Search,
// Snapshot.Close. Snapshot also lists what is not a search (IDs,
// DocFreqs, CountHolders, Probe).
package engine

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// ErrNotScorch means the index is not of the kind the engine reads.
var ErrNotScorch = errors.New("not a scorch index")

// ErrDamaged means a segment could not be read: a damaged index.
var ErrDamaged = errors.New("index damaged")

// Schema names the fields the engine reads besides the plan's.
type Schema struct {
	// Facets are the keyword fields facet values are counted on, each
	// with the prefix its values get in Result.Facets.
	Facets []FacetField
	// Date is the keyword field of sort dates: "2014-04-14", or
	// "2014-00-00" for a year alone.
	Date string
	// Twin is the keyword field of each twin's group id, and TwinLeader
	// the term a group's first document also has there; "" without twins.
	Twin, TwinLeader string
	// Ranked are the fields whose terms' block bounds are kept on disk
	// (KeepBounds): those of the terms that score.
	Ranked []string
}

// FacetField is a keyword field facets are counted on.
type FacetField struct{ Field, Prefix string }

// Config sets up an Engine.
type Config struct {
	Schema Schema
	// IndexDir is Bleve's index folder, and CacheDir the folder beside
	// it where each segment's facet values and dates are kept ("" keeps
	// none).
	IndexDir, CacheDir string
	// ReadOnly reads cache files and writes none.
	ReadOnly bool
	// PhraseText, given a phrase, returns a function that tells whether
	// a document (by id) holds it, for the documents the counts of the
	// phrase's terms cannot prove (see Phrase). It is called once per
	// worker, so the function it returns may keep state. Without it, such
	// documents do not match.
	PhraseText func(p Phrase) func(id string) bool
}

// Engine evaluates plans. It keeps what it reads once per segment, and is
// safe for concurrent use.
type Engine struct {
	cfg     Config
	segs    segCache
	scratch sync.Pool // of *scores, reused from search to search
	// plainRank scores every match (SetPlainRanking).
	plainRank atomic.Bool
	// blocksScored counts the blocks scored by blocks (blockmax.go), for tests.
	blocksScored atomic.Int64
	// postingsPassed counts the postings block cursors passed over to
	// reach the blocks scored (none where a block's start was kept), for
	// tests.
	postingsPassed atomic.Int64
	// tallyTableMax is tallyTableMax (match.go), lowered by tests, and
	// facetWays counts the sets of documents whose facets were counted each
	// way (facetByDoc, facetByRest, facetByValue, facetByKept), for
	// tests; tallyKeptMin is tallyKeptMin (tallykept.go), lowered by tests.
	tallyTableMax, tallyKeptMin uint64
	facetWays                   [4]atomic.Int64
}

// New returns an engine.
func New(cfg Config) *Engine {
	e := &Engine{cfg: cfg, tallyTableMax: tallyTableMax, tallyKeptMin: tallyKeptMin}
	e.segs.dir = cfg.CacheDir
	e.segs.noWrite = cfg.ReadOnly
	e.segs.schema = cfg.Schema
	e.scratch.New = func() any { return new(scores) }
	return e
}

// Order is the order of hits.
type Order int

// The orders of hits. Relevance lists the newest first when no term of the
// plan scores. Equal scores or dates are ordered by document id.
const (
	Relevance Order = iota
	Newest          // by date, unknown dates last
	Oldest          // by date, unknown dates last
)

// Request is one evaluation.
type Request struct {
	Plan   *Plan
	Order  Order
	Keep   int  // how many of the best hits to return
	Facets bool // count facet values
	// Filters narrow the matches further, as Must nodes do, and score
	// nothing. With Facets, a filter that names a Facet prefix has that
	// facet's values counted over the documents every other condition
	// lets through (disjunctive facets: its other values then say what
	// choosing them too would add), in the same evaluation.
	Filters []Filter
	// Count are nodes whose live documents in the whole snapshot are
	// counted whatever the plan (each twin group once with Collapse),
	// into Result.Counts. A phrase among them counts by its pairs.
	Count []Node
	// PhraseBudget bounds how many texts (Config.PhraseText) the search
	// reads to decide a phrase that only narrows the matches (under Must,
	// through And nodes alone) where the counts of its terms do not: past
	// it, only the best hits and a sample are read, and Result.Total and
	// Facets are estimated from the sample (Result.Estimated). 0 reads
	// every such text: the answer is exact.
	PhraseBudget int
}

// Filter is one condition of Request.Filters.
type Filter struct {
	Node  Node
	Facet string // "" or the prefix of the facet counted without this filter ("y:")
}

// Result is what an evaluation found.
type Result struct {
	Total  int            // matching live documents
	Hits   []Hit          // the best, best first
	Facets map[string]int // facet value (prefix and term, "y:2014") → matching documents
	Counts []int          // the live documents of each Request.Count node
	// Estimated says that Total and Facets count, for the documents whose
	// phrase was not read (Request.PhraseBudget), the share of a sample of
	// them that holds it; Hits are exact all the same.
	Estimated bool
}

// Hit is a matching document.
type Hit struct {
	ID    string
	Score float64 // 0 unless ordered by relevance
}

// Search evaluates a plan over a snapshot. A damaged segment gives an
// error wrapping ErrDamaged; a cancelled context, the context's error.
func (e *Engine) Search(ctx context.Context, snap *Snapshot, req Request) (out *Result, err error) {
	defer recoverDamage(&err)
	ev := e.newEvaluation(ctx, snap, req)
	if err = ev.resolve(req); err != nil {
		return nil, err
	}

	// First which documents match (each twin group once, when asked: that
	// needs every segment's matches) and the facets, then, knowing how many
	// documents hold each term, the scores and the best hits.
	if req.Plan.Collapse {
		matchOnly := func(s *segEval, ev *evaluation) error { return s.matchAll(ev) }
		if err := ev.eachSegment(ctx, matchOnly); err != nil {
			return nil, err
		}
		if err := ev.collapseAll(); err != nil {
			return nil, err
		}
	}
	if err := ev.eachSegment(ctx, (*segEval).matchPhase); err != nil {
		return nil, err
	}
	if ev.scored {
		ev.weigh()
	}
	ev.share = ev.sampleShare()
	if err := ev.eachSegment(ctx, (*segEval).rankPhase); err != nil {
		return nil, err
	}

	out = &Result{Facets: map[string]int{}, Counts: make([]int, len(req.Count))}
	h := &hitHeap{less: ev.ranksBelow()}
	// Of the documents whose phrase is unread, the sample's share holds it.
	share := ev.sampleShare()
	var unread float64
	openFacets := map[string]int{}
	for _, s := range ev.segs {
		out.Total += int(s.match.GetCardinality())
		if s.open != nil {
			n := s.match.AndCardinality(s.open)
			out.Total -= int(n)
			unread += float64(n)
		}
		if err := s.addFacets(out.Facets, openFacets); err != nil {
			return nil, err
		}
		for i, bm := range s.counted {
			out.Counts[i] += int(bm.GetCardinality())
		}
		for _, f := range s.best {
			h.offer(f, req.Keep)
		}
	}
	if unread > 0 {
		out.Estimated = true
		out.Total += int(math.Round(unread * share))
		for v, n := range openFacets {
			out.Facets[v] += int(math.Round(float64(n) * share))
		}
	}
	for v, n := range out.Facets {
		if n <= 0 {
			delete(out.Facets, v) // every document of it open, or read and not holding a phrase
		}
	}
	best := h.sorted()
	out.Hits = make([]Hit, len(best))
	for i, f := range best {
		id, err := ev.idOf(f)
		if err != nil {
			return nil, err
		}
		out.Hits[i] = Hit{ID: id, Score: f.score}
	}
	return out, nil
}

// recoverDamage turns a panic over a damaged segment into an error.
func recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%v: %w", r, ErrDamaged)
	}
}
