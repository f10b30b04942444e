package index

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/vntext"
)

// The query language typed in the search box and on the command line:
//
//	cán bộ              words: all must match; adjacent words rank first
//	"nông thôn mới"     a phrase: the words next to each other
//	-word  -"phrase"    leave out documents that have it; -đề án, the words
//	                    after the minus up to the next quote, minus, OR or
//	                    filter, as a phrase
//	a b OR c d          either: the words on each side of OR up to the next
//	                    quote, minus, OR or filter, all of them (a quoted
//	                    phrase or a filter beside OR is one item)
//	15/04/2026  ngày 9 tháng 4 năm 2026   a date: the documents of that
//	                    day first, then the texts that write it
//	năm:2014 year:2014-2016  năm:2016- (and after)  năm:..2016 (up to)
//	loại:/type:  phongtrao:/campaign:
//	chude:/topic:  coquan:/issuer:  so:/number:   field filters
//	ngày:15/04/2026 date:04/2026 ngày:2026 ngày:1/3/2026..15/4/2026
//	                    the documents issued that day, month, year or
//	                    between (date.go)
//
// Field names are matched without accents or case ("Năm:", "nam:").

// QueryError says what is wrong with a typed query. Code is stable, for
// translation; Arg is the part of the query at fault.
type QueryError struct {
	Code string
	Arg  string
}

// Codes of QueryError.
const (
	QueryUnclosedQuote = "unclosed-quote"
	QueryEmptyFilter   = "empty-filter"
	QueryBadYear       = "bad-year"
	QueryBadDate       = "bad-date"
	QueryDanglingOR    = "dangling-or"
	QueryORExclusion   = "or-exclusion" // OR next to a -word
	QueryTooLong       = "too-long"
	QueryEmptyPhrase   = "empty-phrase"
)

func (e *QueryError) Error() string {
	if e.Arg == "" {
		return "query: " + e.Code
	}
	return fmt.Sprintf("query: %s: %s", e.Code, e.Arg)
}

// maxQueryRunes bounds the work a single query can ask for.
const maxQueryRunes = 1000

type clauseKind int

const (
	clauseWords  clauseKind = iota // one syllable, or several glued by punctuation ("12-KH/HU")
	clausePhrase                   // quoted
	clauseFilter
	clauseGroup // words typed apart on one side of OR: all of them
	clauseDate  // a date: value is YYYY-MM-DD (date.go)
)

// clause is one item of a parsed query.
type clause struct {
	kind   clauseKind
	words  []string // NFC syllables, as typed
	typed  string   // the words or phrase as typed, NFC
	negate bool
	field  string // for filters: one of the filter* names
	value  string // for filters
	prefix bool   // the last syllable may be unfinished
	orNext bool   // joined to the next clause by OR
}

// Filter field names, as the parser returns them.
const (
	filterYear     = "year"
	filterType     = "type"
	filterCampaign = "campaign"
	filterTopic    = "topic"
	filterIssuer   = "issuer"
	filterNumber   = "number"
	filterDate     = "date"
)

var filterNames = map[string]string{
	"nam": filterYear, "year": filterYear,
	"loai": filterType, "type": filterType,
	"phongtrao": filterCampaign, "campaign": filterCampaign,
	"chude": filterTopic, "topic": filterTopic,
	"coquan": filterIssuer, "issuer": filterIssuer,
	"so": filterNumber, "number": filterNumber, "sohieu": filterNumber,
	"ngay": filterDate, "date": filterDate,
}

// parseQuery turns typed text into clauses. asYouType marks the last word
// as possibly unfinished when the text does not end in a space.
func parseQuery(text string, asYouType bool) ([]clause, error) {
	text = vntext.Clean(text)
	if utf8.RuneCountInString(text) > maxQueryRunes {
		return nil, &QueryError{Code: QueryTooLong, Arg: strconv.Itoa(maxQueryRunes)}
	}
	p := &parser{src: []rune(text)}
	var out []clause
	pendingOR := false
	for {
		p.skipSpace()
		if p.done() {
			break
		}
		start := p.i
		item, err := p.item()
		if err != nil {
			return nil, err
		}
		if item == nil { // an item with no searchable characters
			continue
		}
		if item.kind == clauseWords && !item.negate && len(item.words) == 1 && item.words[0] == "OR" && string(p.src[start:p.i]) == "OR" {
			if len(out) == 0 || pendingOR {
				return nil, &QueryError{Code: QueryDanglingOR, Arg: "OR"}
			}
			if out[len(out)-1].negate {
				return nil, &QueryError{Code: QueryORExclusion, Arg: "OR"}
			}
			out[len(out)-1].orNext = true
			pendingOR = true
			continue
		}
		if item.negate && item.kind != clauseFilter {
			p.excludedRun(item)
		}
		if pendingOR && item.negate {
			// "A OR -B" would mean "A, or anything without B": almost
			// never what was meant, so it is refused with a reason.
			return nil, &QueryError{Code: QueryORExclusion, Arg: "OR"}
		}
		pendingOR = false
		out = append(out, *item)
	}
	if pendingOR {
		return nil, &QueryError{Code: QueryDanglingOR, Arg: "OR"}
	}
	if asYouType && len(out) > 0 && !endsInSpace(text) {
		last := &out[len(out)-1]
		if last.kind == clauseWords && !last.negate && !endsInPunct(text) {
			last.prefix = true
		}
	}
	return groupOR(datesInQuery(out)), nil
}

// excludedRun extends an excluded word with the words typed after it up
// to the next quote, minus, OR or filter: "-đề án" leaves out the
// documents with "đề án", not every one with "đề".
func (p *parser) excludedRun(c *clause) {
	if c.kind == clausePhrase && c.typed != "" && p.i > 0 && isQuote(p.src[p.i-1]) {
		return // -"quoted phrase"
	}
	for {
		start := p.i
		p.skipSpace()
		if p.done() || p.src[p.i] == '-' || isQuote(p.src[p.i]) {
			p.i = start
			return
		}
		raw := p.bare()
		if name, _, ok := strings.Cut(raw, ":"); raw == "OR" || ok && filterNames[strings.ReplaceAll(vntext.Fold(name), "_", "")] != "" {
			p.i = start
			return
		}
		words := syllables(raw)
		if len(words) == 0 {
			continue
		}
		c.words = append(c.words, words...)
		c.typed += " " + raw
		c.kind = clausePhrase
	}
}

// groupOR makes the plain words on each side of an OR one item: the run
// of words typed apart up to the next quote, minus, OR or filter.
// "nông thôn OR đô thị" is "nông thôn" or "đô thị", not "nông", "thôn or
// đô" and "thị".
func groupOR(cs []clause) []clause {
	plain := func(c clause) bool { return c.kind == clauseWords && !c.negate && len(c.words) == 1 }
	var out []clause
	for i := 0; i < len(cs); {
		if !plain(cs[i]) {
			out = append(out, cs[i])
			i++
			continue
		}
		j := i
		for j < len(cs) && plain(cs[j]) {
			j++
			if cs[j-1].orNext {
				break
			}
		}
		if j-i < 2 || !cs[j-1].orNext && (i == 0 || !cs[i-1].orNext) {
			out = append(out, cs[i:j]...)
			i = j
			continue
		}
		g := clause{kind: clauseGroup, orNext: cs[j-1].orNext, prefix: cs[j-1].prefix}
		var typed []string
		for _, c := range cs[i:j] {
			g.words = append(g.words, c.words[0])
			typed = append(typed, c.typed)
		}
		g.typed = strings.Join(typed, " ")
		out = append(out, g)
		i = j
	}
	return out
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func endsInPunct(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
}

type parser struct {
	src []rune
	i   int
}

func (p *parser) done() bool { return p.i >= len(p.src) }

func (p *parser) skipSpace() {
	for !p.done() && unicode.IsSpace(p.src[p.i]) {
		p.i++
	}
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '„' }

// item reads one clause: [-](word | "phrase" | field:value).
func (p *parser) item() (*clause, error) {
	c := &clause{kind: clauseWords}
	if p.src[p.i] == '-' && p.i+1 < len(p.src) && !unicode.IsSpace(p.src[p.i+1]) {
		c.negate = true
		p.i++
	}
	if isQuote(p.src[p.i]) {
		phrase, err := p.quoted()
		if err != nil {
			return nil, err
		}
		c.kind = clausePhrase
		c.words, c.typed = syllables(phrase), phrase
		if len(c.words) == 0 {
			return nil, nil
		}
		return c, nil
	}
	raw := p.bare()
	if name, value, ok := strings.Cut(raw, ":"); ok {
		if field, known := filterNames[strings.ReplaceAll(vntext.Fold(name), "_", "")]; known {
			if value == "" && !p.done() && isQuote(p.src[p.i]) {
				v, err := p.quoted()
				if err != nil {
					return nil, err
				}
				value = v
			}
			value = strings.TrimSpace(value)
			if value == "" {
				return nil, &QueryError{Code: QueryEmptyFilter, Arg: name + ":"}
			}
			c.kind, c.field, c.value = clauseFilter, field, value
			if field == filterYear {
				if _, _, err := parseYears(value); err != nil {
					return nil, err
				}
			}
			if field == filterDate {
				if _, _, err := parseDateFilter(value); err != nil {
					return nil, err
				}
			}
			return c, nil
		}
	}
	c.words, c.typed = syllables(raw), raw
	if len(c.words) == 0 {
		return nil, nil
	}
	if len(c.words) > 1 {
		c.kind = clausePhrase // syllables glued by punctuation stay together
	}
	return c, nil
}

// quoted reads a "..." phrase starting at the quote.
func (p *parser) quoted() (string, error) {
	start := p.i
	p.i++
	for !p.done() {
		if isQuote(p.src[p.i]) {
			s := string(p.src[start+1 : p.i])
			p.i++
			return s, nil
		}
		p.i++
	}
	return "", &QueryError{Code: QueryUnclosedQuote, Arg: string(p.src[start:])}
}

// bare reads up to the next space.
func (p *parser) bare() string {
	start := p.i
	for !p.done() && !unicode.IsSpace(p.src[p.i]) {
		if p.i > start && isQuote(p.src[p.i]) {
			break // word"phrase", or field:"value" whose value the caller reads
		}
		p.i++
	}
	return string(p.src[start:p.i])
}

func syllables(s string) []string {
	var out []string
	vntext.ForEachToken(s, func(t vntext.Token) { out = append(out, vntext.NFC(t.Text)) })
	return out
}

// openYears is how far an open year range reaches: năm:2016- is 2016 to
// 2216, năm:..2016 is 1816 to 2016. It is also the widest range typed.
const openYears = 200

// ParseYears reads a year filter as the query's năm: takes it: "2014",
// "2014-2016" or "2014..2016", and the open ranges "2016-" or "2016.."
// (that year and after) and "..2016" or "-2016" (up to that year). It
// gives the first and last year, both included; a value it cannot read
// is a *QueryError of code QueryBadYear. The command line's -year reads
// its value with it, so that it means what the search box means.
func ParseYears(v string) (from, to int, err error) { return parseYears(v) }

// parseYears is ParseYears.
func parseYears(v string) (from, to int, err error) {
	bad := &QueryError{Code: QueryBadYear, Arg: v}
	a, b, ok := strings.Cut(v, "..")
	if !ok {
		a, b, ok = strings.Cut(v, "-")
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	year := func(s string) (int, bool) {
		y, err := strconv.Atoi(s)
		return y, err == nil && y >= 1000 && y <= 9999
	}
	switch {
	case !ok:
		y, good := year(a)
		if !good {
			return 0, 0, bad
		}
		return y, y, nil
	case a == "" && b == "":
		return 0, 0, bad
	case b == "":
		y, good := year(a)
		if !good {
			return 0, 0, bad
		}
		return y, min(y+openYears, 9999), nil
	case a == "":
		y, good := year(b)
		if !good {
			return 0, 0, bad
		}
		return max(y-openYears, 1000), y, nil
	}
	from, good1 := year(a)
	to, good2 := year(b)
	if !good1 || !good2 || to < from || to-from > openYears {
		return 0, 0, bad
	}
	return from, to, nil
}
