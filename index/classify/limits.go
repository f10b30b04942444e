package classify

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"unicode/utf8"
)

// Bounds on one category that a person adds or a pack brings. Every rule
// of every category is tried on each document imported or filed again,
// so a category with thousands of terms, or an expression that compiles
// to a program of millions of steps (nested counted repeats, each matched
// step by step along the whole text), would make every import crawl. The
// built-in categories are far inside them (28 categories, names of at
// most 77 letters, 3 rules, 11 terms of 50 letters). A registry loaded
// from the archive is not checked against them: what a person has stays.
const (
	MaxNameRunes        = 200   // letters of a category's name (and its parent's)
	MaxDescriptionRunes = 2000  // letters of its description
	MaxRules            = 100   // rules of one category
	MaxTerms            = 200   // terms of one rule
	MaxTermRunes        = 500   // letters of one term
	MaxExpressionSize   = 3000  // steps of one compiled expression
	MaxRuleBytes        = 64000 // bytes of all the terms of a category together
)

// ErrTooLarge is what a *SizeError unwraps to.
var ErrTooLarge = errors.New("category larger than the program takes")

// SizePart names the part of a category that is too large.
type SizePart string

// The parts a SizeError names.
const (
	SizeName        SizePart = "name"        // the name or the parent's name
	SizeDescription SizePart = "description" // the description
	SizeRules       SizePart = "rules"       // how many rules
	SizeTerms       SizePart = "terms"       // how many terms one rule has
	SizeTerm        SizePart = "term"        // one term's length
	SizeExpression  SizePart = "expression"  // one expression's compiled size
	SizeAllRules    SizePart = "all rules"   // the bytes of every term together
)

// SizeError says that a category goes over one of the bounds above.
type SizeError struct {
	Name  string   // the category's name, cut to MaxNameRunes letters
	Part  SizePart // what is too large
	Line  int      // the rule's place in its list, from 1, for terms, term and expression
	Limit int      // the bound it goes over
}

func (e *SizeError) Error() string {
	s := fmt.Sprintf("%q: %s over %d", e.Name, e.Part, e.Limit)
	if e.Line > 0 {
		s = fmt.Sprintf("%q: rule %d: %s over %d", e.Name, e.Line, e.Part, e.Limit)
	}
	return s + ": " + ErrTooLarge.Error()
}

// Unwrap makes errors.Is(err, ErrTooLarge) hold.
func (e *SizeError) Unwrap() error { return ErrTooLarge }

// MergeError says that merging From into Into would make Into larger
// than CheckSize allows; Rules is how many rules it would have. It
// unwraps to the *SizeError.
type MergeError struct {
	From, Into string // cut to MaxNameRunes letters
	Rules      int
	Err        error
}

func (e *MergeError) Error() string {
	return fmt.Sprintf("merge %q into %q: %d rules: %v", e.From, e.Into, e.Rules, e.Err)
}

// Unwrap makes errors.As(err, **SizeError) and errors.Is(err, ErrTooLarge) hold.
func (e *MergeError) Unwrap() error { return e.Err }

// CheckSize checks a category against the bounds above: the first it
// goes over is reported as a *SizeError. Its rules need not be valid
// (an expression that does not compile is left to CheckRules).
func CheckSize(c Category) error {
	fail := func(part SizePart, line, limit int) error {
		return &SizeError{Name: CutRunes(c.Name, MaxNameRunes), Part: part, Line: line, Limit: limit}
	}
	switch {
	case utf8.RuneCountInString(c.Name) > MaxNameRunes || utf8.RuneCountInString(c.Parent) > MaxNameRunes:
		return fail(SizeName, 0, MaxNameRunes)
	case utf8.RuneCountInString(c.Description) > MaxDescriptionRunes:
		return fail(SizeDescription, 0, MaxDescriptionRunes)
	case len(c.Rules) > MaxRules:
		return fail(SizeRules, 0, MaxRules)
	}
	total := 0
	for i, rule := range c.Rules {
		if len(rule.Terms) > MaxTerms {
			return fail(SizeTerms, i+1, MaxTerms)
		}
		for _, t := range rule.Terms {
			if utf8.RuneCountInString(t) > MaxTermRunes {
				return fail(SizeTerm, i+1, MaxTermRunes)
			}
			if total += len(t); total > MaxRuleBytes {
				return fail(SizeAllRules, 0, MaxRuleBytes)
			}
			if rule.Kind == Regex && expressionSize(t) > MaxExpressionSize {
				return fail(SizeExpression, i+1, MaxExpressionSize)
			}
		}
	}
	return nil
}

// expressionSize is how many steps the program of an expression rule has
// as the classifier compiles it, or 0 when it does not compile.
func expressionSize(term string) int {
	re, err := syntax.Parse("(?i)"+term, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// CutRunes is s cut to at most n letters (runes), for a name shown in a
// message whatever its length.
func CutRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
