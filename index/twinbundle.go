package index

import (
	"slices"

	"khovanban/index/meta"
	"khovanban/index/vntext"
)

// A compilation of papers (a conference's bundle of tham luận, drafts
// without numbers, one after another) holds each of its papers, and its
// heading is its first paper's: by the shares of their shingles and by
// their titles, the bundle and its first paper were one document (usertest
// s13: five papers and their bundle imported as five documents, the
// bundle a twin of the first paper, which an edit or a delete of the row
// then changed together). A whole holds its part and no more: a law and
// the PDF parts it is split into; a compilation holds, beside the paper,
// the start of another (meta.PaperStarts) where the paper's text is not.

// holdsOtherPaper reports whether large, a text larger than the one whose
// shingles are small, holds a paper (from one of its starts,
// meta.PaperStarts, to the next) that small's text is not: most of its
// syllables are in no shingle of small's, where small's own paper has
// four in five of them. When small's text has no start of its own in
// large (a law's later part, which has no heading), large's first paper
// is its own, the part's too.
func holdsOtherPaper(large string, small *shingled) bool {
	starts := meta.PaperStarts(large)
	if len(starts) < 2 {
		return false
	}
	set := small.distinct()
	var toks []vntext.Token
	var hashes []uint64
	vntext.ForEachToken(large, func(t vntext.Token) {
		toks = append(toks, t)
		hashes = append(hashes, hashString(vntext.Fold(t.Text)))
	})
	covered := make([]bool, len(toks))
	for i := shingleLen - 1; i < len(toks); i++ {
		var h uint64
		for _, x := range hashes[i-shingleLen+1 : i+1] {
			h = h*hashMul + x
		}
		if _, ok := slices.BinarySearch(set, mix(h)); ok {
			for k := i - shingleLen + 1; k <= i; k++ {
				covered[k] = true
			}
		}
	}
	tokenAt := func(at int) int {
		k, _ := slices.BinarySearchFunc(toks, at, func(t vntext.Token, at int) int { return t.Start - at })
		return k
	}
	own, first, other := false, false, false // small's paper seen; large's first paper is another; a later one is
	for i, at := range starts {
		end := len(toks)
		if i+1 < len(starts) {
			end = tokenAt(starts[i+1])
		}
		paper := covered[tokenAt(at):end]
		if len(paper) < shingleLen {
			continue
		}
		held := 0
		for _, c := range paper {
			if c {
				held++
			}
		}
		switch {
		case 5*held >= 4*len(paper):
			own = true
		case 2*held >= len(paper): // neither
		case i == 0:
			first = true
		default:
			other = true
		}
	}
	return other || own && first
}
