package classify

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"

	"khovanban/index/meta"
)

// RuleFault is what is wrong with a rule.
type RuleFault string

// The faults a RuleError names.
const (
	FaultNoTerms        RuleFault = "no terms"           // nothing after the rule's kind
	FaultPhraseCount    RuleFault = "one phrase"         // a phrase rule with more than one phrase
	FaultNoWords        RuleFault = "no words"           // a term of punctuation only
	FaultBadNumber      RuleFault = "not a number"       // a số hiệu without digits and - or /
	FaultUnknownKind    RuleFault = "unknown kind"       // a kind the program does not know
	FaultUnclosedParen  RuleFault = "missing )"          // an expression with "(" never closed
	FaultUnopenedParen  RuleFault = "unexpected )"       // an expression with ")" never opened
	FaultUnclosedSquare RuleFault = "missing ]"          // an expression with "[" never closed
	FaultRepeat         RuleFault = "nothing to repeat"  // *, + or ? with nothing before it
	FaultBackslash      RuleFault = "trailing backslash" // an expression ending in \
	FaultExpression     RuleFault = "invalid expression" // any other fault of an expression
)

// RuleError says which rule of a list cannot be used and what is wrong
// with it. errors.Is(err, ErrInvalidRule) holds for it.
type RuleError struct {
	Line   int       // the rule's place in its list, from 1 (a line of the rules as shown)
	Text   string    // the rule as the interface shows it, e.g. `biểu thức "((a"`
	Fault  RuleFault // what is wrong
	Term   string    // the term at fault, when the fault is in one term
	Detail string    // the expression compiler's words, for FaultExpression
}

func (e *RuleError) Error() string {
	s := fmt.Sprintf("rule %d (%s): %s", e.Line, e.Text, e.Fault)
	if e.Term != "" {
		s += fmt.Sprintf(" in %q", e.Term)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s + ": " + ErrInvalidRule.Error()
}

// Unwrap makes errors.Is(err, ErrInvalidRule) hold.
func (e *RuleError) Unwrap() error { return ErrInvalidRule }

// CheckRules checks rules as SetRules would, without a registry: the
// first that cannot be used is reported as a *RuleError.
func CheckRules(rules []Rule) error {
	for i, rule := range rules {
		if err := validateRule(i+1, rule); err != nil {
			return err
		}
	}
	return nil
}

// validateRule checks the rule at line: a known kind, terms that are not
// empty, a regular expression that compiles, a number with codes.
func validateRule(line int, rule Rule) error {
	fail := func(f RuleFault, term, detail string) error {
		text := string(rule.Kind)
		if len(rule.Terms) > 0 {
			text = describe(rule.Kind, rule.Terms)
		}
		return &RuleError{Line: line, Text: text, Fault: f, Term: term, Detail: detail}
	}
	if len(rule.Terms) == 0 {
		return fail(FaultNoTerms, "", "")
	}
	switch rule.Kind {
	case Any, All, Phrase:
		if rule.Kind == Phrase && len(rule.Terms) != 1 {
			return fail(FaultPhraseCount, "", "")
		}
		for _, t := range rule.Terms {
			if len(words(t)) == 0 {
				return fail(FaultNoWords, t, "")
			}
		}
	case Regex:
		for _, t := range rule.Terms {
			if _, err := regexp.Compile("(?i)" + t); err != nil {
				f, detail := regexFault(err)
				return fail(f, t, detail)
			}
		}
	case Number:
		for _, t := range rule.Terms {
			n := meta.NormalizeNumber(t)
			if !hasDigit(n) || !strings.ContainsAny(n, "-/") {
				return fail(FaultBadNumber, t, "")
			}
		}
	default:
		return fail(FaultUnknownKind, "", "")
	}
	return nil
}

// regexFault names the fault of an expression that does not compile.
func regexFault(err error) (RuleFault, string) {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return FaultExpression, err.Error()
	}
	switch se.Code {
	case syntax.ErrMissingParen:
		return FaultUnclosedParen, ""
	case syntax.ErrUnexpectedParen:
		return FaultUnopenedParen, ""
	case syntax.ErrMissingBracket:
		return FaultUnclosedSquare, ""
	case syntax.ErrMissingRepeatArgument, syntax.ErrInvalidRepeatOp:
		return FaultRepeat, ""
	case syntax.ErrTrailingBackslash:
		return FaultBackslash, ""
	}
	return FaultExpression, se.Error()
}
