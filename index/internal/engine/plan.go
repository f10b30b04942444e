package engine

import (
	"strconv"
	"strings"
)

// Plan is a whole query: documents must match every Must node and no
// MustNot node (none: every document matches); Should nodes only add to
// the score of the documents they match. As in Bleve's boolean query, a
// document's score is what its Must nodes score plus what its Should nodes
// score times the share of the Should nodes it matches.
type Plan struct {
	Must, Should, MustNot []Node
	// Collapse counts and lists each twin group (Schema.Twin) once: by
	// the group's first document when it matches, else by one matching
	// member.
	Collapse bool
}

// Node is one part of a plan: Term, Prefix, Phrase, And, Or, Fallback,
// All or None.
type Node interface{ isNode() }

// Term matches the documents holding a term of a field. Boost 0 means it
// only filters and adds nothing to scores.
type Term struct {
	Field, Term string
	Boost       float64
}

// Prefix matches the documents holding any term of Field that starts with
// Prefix. Every such term scores with Boost.
type Prefix struct {
	Field, Prefix string
	Boost         float64
	// Words, when set, keeps only the terms whose syllables, folded
	// (vntext.Fold), start with these: a number typed "16/KH" is
	// "16/kh" and "16/kh-ubnd", not "16/khac".
	Words []string
	// Whole, with Words, keeps only the terms whose syllables are Words,
	// no more: "12/tb-ubnd" typed "12 TB UBND", not "12/tb-ubnd-vp".
	Whole bool
	// Top, above 0, lets only the Top terms held by the most live
	// documents of the snapshot score (ties: the first in order); every
	// term still matches. A word being typed stands for tens to hundreds
	// of terms, each of whose postings scoring would read whole at every
	// keystroke, and whose bounds add up past any score (blockmax.go);
	// its most frequent completions are the words most likely meant.
	Top int
}

// Phrase matches the documents that hold Words next to each other, in
// order. Its Pairs stand for it in matching and scoring: a document that
// holds the phrase holds them all; of those that hold them all, the
// counts of Pairs and Inner decide most, and Config.PhraseText the rest.
type Phrase struct {
	Words []string // the folded syllables, two or more
	Typed string   // as typed, for PhraseText
	Pairs []Term   // the terms of each two adjacent syllables, in order
	Inner []Term   // the terms of the syllables between the first and the last, in order
	// Spelt are the words that must stand with their accents as typed in
	// the phrase itself, not only somewhere in the document. A spelling
	// that no live document of the snapshot holds (a typing slip) is
	// dropped when the plan is resolved, as a Fallback falls back; the
	// Phrase given to Config.PhraseText holds only those kept.
	Spelt []Spelling
}

// Spelling is a word of a phrase typed with accents: the word at At must
// be Exact where the phrase stands. The counts prove it where the word is
// Exact wherever it stands, or where the phrase, if it cannot overlap
// itself, stands more often than its words spelt otherwise (occurrences
// of Folded that are not Exact); else the text decides.
type Spelling struct {
	At            int // the word's place in Words
	Exact, Folded Term
}

// And matches the documents every part matches, and scores only there.
type And struct{ Parts []Node }

// Or matches the documents any part matches.
type Or struct{ Parts []Node }

// Fallback matches what First matches when First matches some live
// document of the snapshot, else what Second matches.
type Fallback struct{ First, Second Node }

// All matches every document; None no document.
type (
	All  struct{}
	None struct{}
)

func (Term) isNode()     {}
func (Prefix) isNode()   {}
func (Phrase) isNode()   {}
func (And) isNode()      {}
func (Or) isNode()       {}
func (Fallback) isNode() {}
func (All) isNode()      {}
func (None) isNode()     {}

// key names the terms a prefix stands for, in segEval.expands.
func (n Prefix) key() termKey {
	if n.Words == nil {
		return termKey{n.Field, n.Prefix}
	}
	sep := "\x00"
	if n.Whole {
		sep = "\x00="
	}
	return termKey{n.Field, n.Prefix + sep + strings.Join(n.Words, " ")}
}

// pairs is the conjunction the phrase's pairs stand for.
func (n Phrase) pairs() And {
	parts := make([]Node, len(n.Pairs))
	for i, t := range n.Pairs {
		parts[i] = t
	}
	return And{parts}
}

// termKey names a term of a field.
type termKey struct{ field, term string }

// hasScoring tells whether any term under the nodes adds to scores.
func hasScoring(nodes ...Node) bool {
	for _, n := range nodes {
		switch n := n.(type) {
		case Term:
			if n.Boost > 0 {
				return true
			}
		case Prefix:
			if n.Boost > 0 {
				return true
			}
		case Fallback:
			if hasScoring(n.First, n.Second) {
				return true
			}
		case And, Or, Phrase:
			if hasScoring(parts(n)...) {
				return true
			}
		}
	}
	return false
}

// parts are the parts of an And or Or node and the pairs of a phrase, nil
// for other nodes.
func parts(n Node) []Node {
	switch n := n.(type) {
	case And:
		return n.Parts
	case Or:
		return n.Parts
	case Phrase:
		return n.pairs().Parts
	}
	return nil
}

// signature names the documents a node matches: two nodes that differ
// only in boosts have the same.
func signature(n Node) string {
	switch n := n.(type) {
	case Term:
		return n.Field + ":" + n.Term
	case Prefix:
		return n.Field + ":" + n.key().term + "*"
	case And, Or:
		op := " OR "
		if _, ok := n.(And); ok {
			op = " AND "
		}
		var names []string
		for _, p := range parts(n) {
			names = append(names, signature(p))
		}
		return "(" + strings.Join(names, op) + ")"
	case Phrase:
		sig := `"` + strings.Join(n.Words, " ") + `"`
		for _, sp := range n.Spelt {
			sig += " " + strconv.Itoa(sp.At) + "=" + sp.Exact.Field + ":" + sp.Exact.Term
		}
		return sig
	case All:
		return "*"
	}
	return "-"
}
