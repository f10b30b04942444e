package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Tidying the index. An import that indexes its documents online (more
// than bulkImportMax files, or into an archive that already holds many)
// leaves Bleve's index in as many segments as Bleve's own merging keeps
// apart: 15 after 100,000 documents, 24 after a million. Every search then
// looks each word up in every segment, and the pages of each segment it
// reads stay mapped: at a million documents the window held 1,068-1,076 MB
// after five searches and five documents read with 24 segments, against
// 680 MB with one (README, "Province scale"), and a quoted phrase took a
// whole `khovanban search` process 0.30-0.56 s against 0.15-0.21 s.
//
// So when an import or a pack that added documents leaves more than
// tidyMaxSegments segments, the segments holding less than half of the
// index's documents are merged into one (tidyIndex), while the documents
// stay searchable in the segments as they are; the merged segment takes
// their place in one step. Each merge writes at most the smaller half of
// the index, and the largest segment, once it holds most documents, is
// not written again for a small import.
//
// A kill during the merge leaves the index as it was: the segment being
// written is not in Bleve's list of segments yet, and Bleve removes such
// files when it opens the index.

// tidyMaxSegments is the most segments an import leaves the index in
// without merging them.
const tidyMaxSegments = 4

// tidyRoom is the room kept free on the disk beside the merged segment.
const tidyRoom = 64 << 20

// tidyPlan is what a tidy would merge: the segments' files and their
// documents, and the options that make Bleve's planner choose exactly
// those segments (tidyOptions).
type tidyPlan struct {
	segments int // segments in the index
	files    []string
	docs     int64 // live documents of the segments to merge
	bytes    int64 // size of their files
	total    int64 // live documents of the index
}

// planTidy says which segments of the index a tidy merges, or nil when
// the index is tidy enough: tidyMaxSegments segments or fewer, or fewer
// than two segments holding less than half of the documents each.
func planTidy(idx bleve.Index) (*tidyPlan, error) {
	s, err := scorchOf(idx)
	if err != nil {
		return nil, err
	}
	r, err := s.Reader()
	if err != nil {
		return nil, fmt.Errorf("tidy: %w", err)
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, nil
	}
	type part struct {
		path string
		live int64
	}
	var parts []part
	var total int64
	for _, ss := range snap.Segments() {
		p, ok := ss.Segment().(segment.PersistedSegment)
		if !ok {
			continue // not on disk yet: Bleve's planner leaves it out too
		}
		parts = append(parts, part{path: p.Path(), live: ss.LiveSize()})
		total += ss.LiveSize()
	}
	if len(parts) <= tidyMaxSegments {
		return nil, nil
	}
	plan := &tidyPlan{segments: len(parts), total: total}
	for _, p := range parts {
		if p.live >= (total+1)/2 {
			continue // as mergeplan's eligibility with MaxSegmentSize total+1
		}
		plan.files = append(plan.files, p.path)
		plan.docs += p.live
		if st, err := os.Stat(p.path); err == nil {
			plan.bytes += st.Size()
		}
	}
	if len(plan.files) < 2 {
		return nil, nil
	}
	return plan, nil
}

// options are the merge plan options under which Bleve's planner merges
// the plan's segments, and only them, into one: a segment is eligible
// when it holds less than half of MaxSegmentSize, every eligible one fits
// in one task, and a first tier as large as FloorSegmentSize leaves a
// budget of one segment for them, which the task of all of them meets
// best (mergeplan's ScoreSegments favours the task of most segments).
func (p *tidyPlan) options() *mergeplan.MergePlanOptions {
	return &mergeplan.MergePlanOptions{
		MaxSegmentsPerTier:   1,
		MaxSegmentSize:       min(p.total+1, mergeplan.MaxSegmentSizeLimit),
		MaxSegmentFileSize:   1 << 50,
		TierGrowth:           1,
		SegmentsPerMergeTask: p.segments,
		FloorSegmentSize:     1 << 40,
		ReclaimDeletesWeight: 2,
	}
}

func scorchOf(idx bleve.Index) (*scorch.Scorch, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("tidy: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil, fmt.Errorf("tidy: not a scorch index (%T)", adv)
	}
	return s, nil
}

// mergeDoneKey is the key under which Bleve's merger hands the result of
// a forced merge to whoever asked for it (scorch's mergeDoneKey, an
// untyped string constant there): ForceMerge itself returns nil whether
// the merge was done, cancelled or failed.
const mergeDoneKey = "mergeDone"

// tidyIndex merges the index's small segments into one when it has more
// than tidyMaxSegments (see planTidy), reporting how far the merged
// segment is written, as Done of Total percent with Tidying set. The
// documents stay searchable throughout. ctx ending stops the merge,
// leaving the index as it was. It does nothing when the disk lacks the
// room the merged segment takes. It returns whether it merged.
func (a *Archive) tidyIndex(ctx context.Context, progress func(Progress)) (bool, error) {
	if a.readOnly || ctx.Err() != nil {
		return false, nil
	}
	// The last batches are searchable before they are on disk, and
	// Bleve merges only segments on disk.
	a.waitJournal(30 * time.Second)
	idx := a.liveIndex()
	if idx == nil {
		return false, nil
	}
	plan, err := planTidy(idx)
	if err != nil || plan == nil {
		return false, err
	}
	if free, ok := diskFree(a.dir); ok && free < plan.bytes+tidyRoom {
		return false, nil
	}
	s, err := scorchOf(idx)
	if err != nil {
		return false, err
	}
	// The merger sends its result on done, and only then: a failed merge
	// (a full disk) never ends ForceMerge, which waits for the index to
	// close. So ForceMerge runs in a goroutine of its own and this waits
	// for done (or ctx).
	done := make(chan error, 1)
	//lint:ignore SA1029 the merger looks its channel up by this string (scorch's mergeDoneKey)
	mctx, cancel := context.WithCancel(context.WithValue(ctx, mergeDoneKey, done))
	defer cancel()
	dir := filepath.Dir(plan.files[0])
	before := segmentFileNames(dir)
	forced := make(chan error, 1)
	go func() { forced <- s.ForceMerge(mctx, plan.options()) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	report := func(percent int) {
		if progress != nil {
			progress(Progress{Tidying: true, Done: percent, Total: 100})
		}
	}
	report(0)
	for {
		select {
		case err := <-done:
			return a.tidied(ctx, plan, err, report)
		case err := <-forced:
			// Back without the merger's answer: the index closed, or a
			// merge was already being forced.
			select {
			case derr := <-done:
				return a.tidied(ctx, plan, derr, report)
			default:
				return false, err
			}
		case <-ctx.Done():
			return false, nil
		case <-tick.C:
			report(tidyPercent(dir, plan, before))
			// What the merge has read of its segments stays mapped
			// until they are closed: up to the whole index.
			a.releaseIndexPages()
		}
	}
}

// tidied ends a tidy on the merger's answer err.
func (a *Archive) tidied(ctx context.Context, plan *tidyPlan, err error, report func(int)) (bool, error) {
	if err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("tidy: merge %d segments: %w", len(plan.files), err)
	}
	waitRemoved(ctx, plan.files, 30*time.Second)
	report(100)
	a.releaseIndexPages()
	return true, nil
}

// segmentFileNames are the names of the segment files in dir.
func segmentFileNames(dir string) map[string]bool {
	names := map[string]bool{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".zap" {
			names[e.Name()] = true
		}
	}
	return names
}

// tidyPercent is how far the merged segment is written: the size of the
// largest segment file in dir that was not there when the merge began,
// against the plan's files, at most 99 until the merge is done.
func tidyPercent(dir string, plan *tidyPlan, before map[string]bool) int {
	if plan.bytes <= 0 {
		return 0
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var largest int64
	for _, e := range entries {
		if filepath.Ext(e.Name()) != ".zap" || before[e.Name()] {
			continue
		}
		if info, err := e.Info(); err == nil {
			largest = max(largest, info.Size())
		}
	}
	return int(min(99, largest*100/plan.bytes))
}

// waitRemoved waits until Bleve has removed the merged segments' files,
// at most d: it does once the merged segment is on disk and listed, and
// only while the index is open, so that a process that closes the
// archive at once (`khovanban import`) would leave them on disk, twice
// the room of the index, until later changes to it.
func waitRemoved(ctx context.Context, files []string, d time.Duration) {
	deadline := time.Now().Add(d)
	for _, f := range files {
		for {
			if _, err := os.Stat(f); errors.Is(err, fs.ErrNotExist) || ctx.Err() != nil || time.Now().After(deadline) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}
