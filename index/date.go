package index

import (
	"fmt"
	"strconv"

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
