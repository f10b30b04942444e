package index

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"khovanban/index/internal/engine"
	"khovanban/index/vntext"
)

// boostDate ranks first the documents issued on a date typed as the query
// ("15/04/2026"), before the texts that cite it.
const boostDate = 8.0

// datesInQuery makes each date typed in the query one item: "15/04/2026",
// "9/4/2026" (glued by / - or .) or "ngày 9 tháng 4 năm 2026", which finds
// the documents issued that day and the texts that write it, with or
// without zeros ("09/04/2026", "ngày 09 tháng 04").
func datesInQuery(cs []clause) []clause {
	var out []clause
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if c.kind == clausePhrase && !c.negate && len(c.words) == 3 {
			if d, ok := dateClause(c.words[0], c.words[1], c.words[2], c.typed); ok {
				d.orNext = c.orNext
				out = append(out, d)
				continue
			}
		}
		if n := spelledDate(cs[i:]); n > 0 {
			words := make([]string, 0, n)
			var typed string
			for _, w := range cs[i : i+n] {
				words = append(words, w.words[0])
				typed += w.typed + " "
			}
			words = words[n-5:] // D tháng M năm Y, "ngày" before it or not
			if d, ok := dateClause(words[0], words[2], words[4], typed[:len(typed)-1]); ok {
				d.orNext = cs[i+n-1].orNext
				out = append(out, d)
				i += n - 1
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// spelledDate is how many plain words at the start of cs spell a date,
// "[ngày] D tháng M năm Y"; 0 if they do not.
func spelledDate(cs []clause) int {
	var words []string
	for _, c := range cs {
		if c.kind != clauseWords || c.negate || len(words) == 6 {
			break
		}
		words = append(words, vntext.Fold(c.words[0]))
		if c.orNext {
			break
		}
	}
	start := 0
	if len(words) > 0 && words[0] == "ngay" {
		start = 1
	}
	if len(words)-start < 5 || words[start+1] != "thang" || words[start+3] != "nam" {
		return 0
	}
	return start + 5
}

// dateClause is the clause of a date typed as day, month and year, when
// they make one.
func dateClause(day, month, year, typed string) (clause, bool) {
	d, err1 := strconv.Atoi(day)
	m, err2 := strconv.Atoi(month)
	y, err3 := strconv.Atoi(year)
	if err1 != nil || err2 != nil || err3 != nil || len(year) != 4 || d < 1 || d > 31 || m < 1 || m > 12 || y < 1900 || y > 2199 {
		return clause{}, false
	}
	return clause{kind: clauseDate, typed: typed, value: fmt.Sprintf("%04d-%02d-%02d", y, m, d)}, true
}

// dateSpellings are the ways a text writes the date of a date clause, as
// folded syllables: 9/4/2026, 09/04/2026, ngày 9 tháng 4 năm 2026...
func dateSpellings(c clause) [][]string {
	y, m, d := c.value[:4], c.value[5:7], c.value[8:10]
	var out [][]string
	for _, dd := range spellings(d) {
		for _, mm := range spellings(m) {
			out = append(out, []string{dd, mm, y}, []string{"ngay", dd, "thang", mm, "nam", y})
		}
	}
	return out
}

// spellings are a day or month with its zero and without: "09" → 9, 09.
func spellings(n string) []string {
	if n[0] == '0' {
		return []string{n[1:], n}
	}
	return []string{n}
}

// dateNode matches the documents issued on a date clause's day (ranked
// first) and those whose text writes it.
func dateNode(c clause) engine.Node {
	parts := []engine.Node{engine.Term{Field: fieldDate, Term: c.value, Boost: boostDate}}
	for _, words := range dateSpellings(c) {
		parts = append(parts, newPhraseNode(words, "", 1))
	}
	return engine.Or{Parts: parts}
}

// A date filter, "ngày:" or "date:", is exact: the documents issued on a
// day (ngày:15/04/2026, 15-04-2026, 15.04.2026, 2026-04-15), in a month
// (ngày:04/2026, 4-2026, 2026-04), in a year (ngày:2026), or between two
// of these (ngày:1/3/2026..15/4/2026, ngày:2014-2016, ngày:3/2025–6/2025),
// both ends included. A document whose day is not known but its year is
// (its date field "2026-00-00") is in a whole year asked for, not in a
// month or day, nor at a range's ends that cut its year.

// datePeriod is a day, a month (day 0) or a year (month and day 0).
type datePeriod struct{ y, m, d int }

// first and last are the period's first and last days.
func (p datePeriod) first() time.Time {
	return time.Date(p.y, time.Month(max(p.m, 1)), max(p.d, 1), 0, 0, 0, 0, time.UTC)
}

func (p datePeriod) last() time.Time {
	switch {
	case p.m == 0:
		return time.Date(p.y, 12, 31, 0, 0, 0, 0, time.UTC)
	case p.d == 0:
		return time.Date(p.y, time.Month(p.m)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return p.first()
}

// parseDateFilter reads a date filter's value: one period, or two joined
// by "..", "–" or "-".
func parseDateFilter(v string) (from, to datePeriod, err error) {
	bad := &QueryError{Code: QueryBadDate, Arg: v}
	v = strings.TrimSpace(v)
	if p, ok := parseDatePeriod(v); ok {
		return p, p, nil
	}
	a, b, ok := strings.Cut(v, "..")
	if !ok {
		a, b, ok = strings.Cut(v, "–")
	}
	if ok {
		from, ok1 := parseDatePeriod(strings.TrimSpace(a))
		to, ok2 := parseDatePeriod(strings.TrimSpace(b))
		if !ok1 || !ok2 || !validRange(from, to) {
			return datePeriod{}, datePeriod{}, bad
		}
		return from, to, nil
	}
	// "-" also separates a date's parts: the split where both sides are
	// periods ("1-3-2026-15-4-2026", "2014-2016").
	for i := 0; i < len(v); i++ {
		if v[i] != '-' {
			continue
		}
		from, ok1 := parseDatePeriod(v[:i])
		to, ok2 := parseDatePeriod(v[i+1:])
		if ok1 && ok2 && validRange(from, to) {
			return from, to, nil
		}
	}
	return datePeriod{}, datePeriod{}, bad
}

// validRange: the end not before the start, at most 200 years apart (as
// năm:).
func validRange(from, to datePeriod) bool {
	return !to.last().Before(from.first()) && to.y-from.y <= 200
}

// parseDatePeriod reads D/M/YYYY, M/YYYY or YYYY (with "/", "-" or "."),
// or YYYY-MM-DD and YYYY-MM; the day must exist.
func parseDatePeriod(s string) (datePeriod, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) == 0 || len(parts) > 3 || strings.Count(s, "/")+strings.Count(s, "-")+strings.Count(s, ".") != len(parts)-1 {
		return datePeriod{}, false
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 || strings.HasPrefix(p, "+") {
			return datePeriod{}, false
		}
		n[i] = v
	}
	var p datePeriod
	switch {
	case len(parts[len(parts)-1]) == 4: // [[D/]M/]YYYY
		p.y = n[len(n)-1]
		if len(n) >= 2 {
			p.m = n[len(n)-2]
		}
		if len(n) == 3 {
			p.d = n[0]
		}
	case len(parts[0]) == 4 && len(parts) > 1 && len(parts[1]) <= 2: // YYYY-MM[-DD]
		p.y, p.m = n[0], n[1]
		if len(n) == 3 {
			p.d = n[2]
		}
	default:
		return datePeriod{}, false
	}
	if p.y < 1000 || p.m < 0 || p.m > 12 || len(n) > 1 && p.m == 0 || len(n) == 3 && p.d == 0 {
		return datePeriod{}, false
	}
	if p.d > 0 && p.first().Day() != p.d { // 31/02 is not a day
		return datePeriod{}, false
	}
	return p, true
}

// datePeriodNode matches the documents issued from the first day of from
// to the last of to: whole years and months by the prefix of their date
// terms ("2026-", "2026-04-"), the days around them one by one.
func datePeriodNode(from, to datePeriod) engine.Node {
	var parts []engine.Node
	end := to.last()
	for day := from.first(); !day.After(end); {
		y, m, d := day.Date()
		switch {
		case m == 1 && d == 1 && !time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC).After(end):
			parts = append(parts, engine.Prefix{Field: fieldDate, Prefix: fmt.Sprintf("%04d-", y)})
			day = day.AddDate(1, 0, 0)
		case d == 1 && !day.AddDate(0, 1, -1).After(end):
			parts = append(parts, engine.Prefix{Field: fieldDate, Prefix: fmt.Sprintf("%04d-%02d-", y, m)})
			day = day.AddDate(0, 1, 0)
		default:
			parts = append(parts, engine.Term{Field: fieldDate, Term: day.Format("2006-01-02")})
			day = day.AddDate(0, 0, 1)
		}
	}
	return engine.Or{Parts: parts}
}
