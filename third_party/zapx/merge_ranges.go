//  Copyright (c) 2026 khovanban. Licensed under the Apache License,
//  Version 2.0, as the rest of this package.

package zap

// khovanban: a field's terms merged in ranges, on every core. Upstream
// merges every term of a segment's fields in one goroutine: the last step
// of a bulk import or a rebuild, with one core working and the other idle
// (1.2-1.5 s of a 10-second import of 10,000 documents; minutes at a
// million). Here a field whose dictionaries are large is cut into ranges
// of terms, each range's postings are merged and encoded by one of
// GOMAXPROCS workers into a buffer of its own, and the calling goroutine
// writes the ranges in order, placing each term's postings in the file and
// its offset in the field's dictionary as the sequential merge does: the
// file is the same byte for byte (TestMergeInRangesIsTheSame, in the
// project's index package).

import (
	"bytes"
	"encoding/binary"
	"runtime"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	seg "github.com/blevesearch/scorch_segment_api/v2"
	"github.com/blevesearch/vellum"
)

// rangeTerms is about how many terms of the largest segment's dictionary
// a range covers; a field with fewer than two ranges' worth is merged in
// one goroutine, as upstream does.
const rangeTerms = 256

// rangeIterators is the most iterators a field's ranges open in all
// (one per segment and range) beyond those of rangeTerms: a merge of the
// 5,000 segments of a rebuild of a million documents is cut into at
// least 400 ranges, of about 6 MB of postings each (its one segment
// is 4.2 GB).
const rangeIterators = 2_000_000

// rangesAhead is how many ranges per worker may be merged and waiting to
// be written: their buffers are what the merge holds beyond upstream's.
const rangesAhead = 2

// mergeRanges returns where to cut a field's terms (each key the first of
// a range but the first), or nil when the field is merged in one
// goroutine: one core, a small dictionary, or a writer that transforms
// what it writes (file callbacks).
func mergeRanges(dicts []*Dictionary, segments int, w *FileWriter) [][]byte {
	if runtime.GOMAXPROCS(0) < 2 || w.processor != nil {
		return nil
	}
	var largest *Dictionary
	for _, d := range dicts {
		if d.fst != nil && (largest == nil || d.fst.Len() > largest.fst.Len()) {
			largest = d
		}
	}
	if largest == nil || largest.fst.Len() < 2*rangeTerms {
		return nil
	}
	// At least one range per segment merged, so that a range's postings
	// stay small when many segments are merged (a rebuild's thousands),
	// but not so many that opening each segment's iterator for each range
	// costs more than the rest (rangeIterators).
	keys := largest.fst.Len()
	ranges := max(keys/rangeTerms, min(segments, keys/8, rangeIterators/segments))
	every := keys / ranges
	var cuts [][]byte
	itr, err := largest.fst.Iterator(nil, nil)
	for n := 0; err == nil; n++ {
		if n > 0 && n%every == 0 {
			k, _ := itr.Current()
			cuts = append(cuts, bytes.Clone(k))
		}
		err = itr.Next()
	}
	if err != vellum.ErrIteratorDone || len(cuts) == 0 {
		return nil
	}
	return cuts
}

// rangeTerm is one term of a merged range: its value in the dictionary
// (oneHit), or its encoded postings, as spans of the range's buffer.
type rangeTerm struct {
	term          []byte
	oneHit        bool
	val           uint64 // the one-hit value
	tf, loc, bits [2]int // [start, end) of the buffer
}

// mergedRange is a range's terms, merged and encoded.
type mergedRange struct {
	buf   []byte
	terms []rangeTerm
	err   error
}

// mergeFieldInRanges merges the postings of a field's terms, cut at cuts,
// on every core, writes them to w in order and inserts each term into
// newVellum, as the sequential loop of mergeAndPersistInvertedSection does
// with the copying of postings' bytes (the caller has checked it may).
func mergeFieldInRanges(cuts [][]byte, dicts []*Dictionary, drops []*roaring.Bitmap, newDocNums [][]uint64,
	newSegDocCount uint64, chunkMode uint32, w *FileWriter, newVellum *vellum.Builder, closeCh chan struct{}) error {
	n := len(cuts) + 1
	workers := runtime.GOMAXPROCS(0)
	results := make([]chan mergedRange, n)
	for i := range results {
		results[i] = make(chan mergedRange, 1)
	}
	todo := make(chan int)
	ahead := make(chan struct{}, workers*rangesAhead)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	go func() {
		defer close(todo)
		for i := range n {
			select {
			case ahead <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case todo <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := newRangeMerger(newSegDocCount, chunkMode)
			for i := range todo {
				var lo, hi []byte
				if i > 0 {
					lo = cuts[i-1]
				}
				if i < len(cuts) {
					hi = cuts[i]
				}
				results[i] <- m.merge(lo, hi, dicts, drops, newDocNums, closeCh)
			}
		}()
	}
	finish := func(err error) error {
		close(stop)
		wg.Wait()
		return err
	}
	var varint [binary.MaxVarintLen64]byte
	put := func(v uint64) error {
		_, err := w.Write(varint[:binary.PutUvarint(varint[:], v)])
		return err
	}
	for i := range n {
		r := <-results[i]
		if r.err != nil {
			return finish(r.err)
		}
		for _, t := range r.terms {
			if t.oneHit {
				if err := newVellum.Insert(t.term, t.val); err != nil {
					return finish(err)
				}
				continue
			}
			tfOffset, locOffset := uint64(termNotEncoded), uint64(termNotEncoded)
			if t.tf[1] > t.tf[0] {
				tfOffset = uint64(w.Count())
				if _, err := w.Write(r.buf[t.tf[0]:t.tf[1]]); err != nil {
					return finish(err)
				}
			}
			if t.loc[1] > t.loc[0] {
				locOffset = uint64(w.Count())
				if _, err := w.Write(r.buf[t.loc[0]:t.loc[1]]); err != nil {
					return finish(err)
				}
			}
			postingsOffset := uint64(w.Count())
			bits := r.buf[t.bits[0]:t.bits[1]]
			for _, v := range []uint64{tfOffset, locOffset, uint64(len(bits))} {
				if err := put(v); err != nil {
					return finish(err)
				}
			}
			if _, err := w.Write(bits); err != nil {
				return finish(err)
			}
			if err := newVellum.Insert(t.term, postingsOffset); err != nil {
				return finish(err)
			}
		}
		<-ahead
	}
	return finish(nil)
}

// rangeMerger is a worker's state, kept from range to range.
type rangeMerger struct {
	newSegDocCount uint64
	chunkMode      uint32
	tf, loc        *chunkedIntCoder
	bits           *roaring.Bitmap
	postings       *PostingsList
	postItr        *PostingsIterator
}

func newRangeMerger(newSegDocCount uint64, chunkMode uint32) *rangeMerger {
	return &rangeMerger{
		newSegDocCount: newSegDocCount,
		chunkMode:      chunkMode,
		tf:             newChunkedIntCoder(1024, newSegDocCount-1),
		loc:            newChunkedIntCoder(1024, newSegDocCount-1),
		bits:           roaring.NewBitmap(),
	}
}

// merge merges the terms from lo (included; nil: the first) to hi
// (excluded; nil: past the last) of every segment's dictionary of the
// field, as the sequential loop does term by term.
func (m *rangeMerger) merge(lo, hi []byte, dicts []*Dictionary, drops []*roaring.Bitmap, newDocNums [][]uint64, closeCh chan struct{}) (out mergedRange) {
	var itrs []vellum.Iterator
	var at []int // the dictionary of each iterator
	for k, d := range dicts {
		itr, err := d.fst.Iterator(lo, hi)
		if err != nil && err != vellum.ErrIteratorDone {
			out.err = err
			return out
		}
		if itr != nil {
			itrs = append(itrs, boundedIterator{itr, hi})
			at = append(at, k)
		}
	}
	buf := bytes.NewBuffer(nil)
	var lastDocNum, lastFreq, lastNorm uint64
	finishTerm := func(term []byte) error {
		m.tf.Close()
		m.loc.Close()
		defer func() {
			m.bits.Clear()
			m.tf.Reset()
			m.loc.Reset()
			lastDocNum, lastFreq, lastNorm = 0, 0, 0
		}()
		card := m.bits.GetCardinality()
		if card == 0 {
			return nil
		}
		// upstream's use1HitEncoding
		if card == 1 && m.loc.FinalSize() <= 0 {
			docNum := uint64(m.bits.Minimum())
			if under32Bits(docNum) && docNum == lastDocNum && lastFreq == 1 {
				out.terms = append(out.terms, rangeTerm{term: bytes.Clone(term), oneHit: true, val: FSTValEncode1Hit(docNum, lastNorm)})
				return nil
			}
		}
		t := rangeTerm{term: bytes.Clone(term)}
		t.tf[0] = buf.Len()
		if m.tf.FinalSize() > 0 {
			if _, err := m.tf.Write(buf); err != nil {
				return err
			}
		}
		t.tf[1] = buf.Len()
		t.loc[0] = buf.Len()
		if m.loc.FinalSize() > 0 {
			if _, err := m.loc.Write(buf); err != nil {
				return err
			}
		}
		t.loc[1] = buf.Len()
		t.bits[0] = buf.Len()
		if _, err := m.bits.WriteTo(buf); err != nil {
			return err
		}
		t.bits[1] = buf.Len()
		out.terms = append(out.terms, t)
		return nil
	}

	var prevTerm []byte
	enumerator, err := newEnumerator(itrs)
	for err == nil {
		term, itrI, postingsOffset := enumerator.Current()
		k := at[itrI]
		if !bytes.Equal(prevTerm, term) {
			if isClosed(closeCh) {
				out.err = seg.ErrClosed
				return out
			}
			if err = finishTerm(prevTerm); err != nil {
				out.err = err
				return out
			}
		}
		if !bytes.Equal(prevTerm, term) || prevTerm == nil {
			var newCard uint64
			lowItrIdxs, lowItrVals := enumerator.GetLowIdxsAndValues()
			for i, idx := range lowItrIdxs {
				pl, err := dicts[at[idx]].postingsListFromOffset(lowItrVals[i], drops[at[idx]], nil)
				if err != nil {
					out.err = err
					return out
				}
				newCard += pl.Count()
			}
			chunkSize, err := getChunkSize(m.chunkMode, newCard, m.newSegDocCount)
			if err != nil {
				out.err = err
				return out
			}
			m.tf.SetChunkSize(chunkSize, m.newSegDocCount-1)
			m.loc.SetChunkSize(chunkSize, m.newSegDocCount-1)
		}
		m.postings, err = dicts[k].postingsListFromOffset(postingsOffset, drops[k], m.postings)
		if err != nil {
			out.err = err
			return out
		}
		m.postItr = m.postings.iterator(true, true, true, m.postItr)
		lastDocNum, lastFreq, lastNorm, err = mergeTermFreqNormLocsByCopying(term, m.postItr, newDocNums[k], m.bits, m.tf, m.loc)
		if err != nil {
			out.err = err
			return out
		}
		prevTerm = append(prevTerm[:0], term...)
		err = enumerator.Next()
	}
	if err != vellum.ErrIteratorDone {
		out.err = err
		return out
	}
	if err := enumerator.Close(); err != nil {
		out.err = err
		return out
	}
	if err := finishTerm(prevTerm); err != nil {
		out.err = err
		return out
	}
	out.buf = buf.Bytes()
	return out
}

// boundedIterator is an iterator of a range of keys that, once done, has
// no current key. A vellum iterator stopped by its end key still gives
// the key it stopped at, past the end, which the enumerator would take
// for its next.
type boundedIterator struct {
	vellum.Iterator
	hi []byte // the end key, excluded; nil: none
}

func (b boundedIterator) Current() ([]byte, uint64) {
	k, v := b.Iterator.Current()
	if k == nil || b.hi != nil && bytes.Compare(k, b.hi) >= 0 {
		return nil, 0
	}
	return k, v
}
