package classify

import (
	"fmt"
	"regexp"

	"khovanban/index/internal/lazyre"
	"slices"
	"sort"
	"strings"

	"khovanban/index/meta"
)

// Input is what Classify looks at in a document.
type Input struct {
	Title, Text string
	Number      string   // the document's own number
	Year        int      // the document's year, 0 when unknown
	Citations   []string // numbers cited in the body (any form; they are normalised)
	CitedYears  []int    // the year of each citation when the body gives it (0 unknown); may be nil
	// BodyWords are the folded syllables of Text, each as vntext.Fold
	// gives it (an empty one skipped), when the caller has them: an
	// import's term counter does. Nil: Classify folds and splits Text.
	BodyWords []string
}

// Match is one category a document belongs to and the rule that put it
// there, in words for the user: `cụm từ "3 không - 3 cần"`, `số hiệu
// 03-CT/TW`, or for a parent campaign `phong trào con "…": …`.
type Match struct {
	Name  string
	Kind  Kind
	Rule  string
	Score int // strength of the evidence; matches come strongest first
}

// Evidence weights. A category is given to a document when a rule matches
// its title or its number, when it cites a founding document, or when its
// phrases occur at least minBodyHits times in the body: one passing
// mention ("Gắn ... với ...") is not enough to file a document under a
// campaign.
const (
	weightTitle      = 10
	weightOwnNum     = 10
	weightCited      = 4
	minBodyHits      = 2
	minTopicHits     = 3   // a topic from the body alone needs this many mentions
	wordsPerTopicHit = 700 // and one more for every so many words of the body
	maxBodyHits      = 9   // body hits beyond this add nothing
)

// Classify returns every campaign and topic the document belongs to:
// campaigns first, then topics, each strongest first. A campaign with a
// parent brings its parent along.
func (r *Registry) Classify(in Input) []Match {
	r.mu.RLock()
	m := r.m
	r.mu.RUnlock()
	return m.classify(in)
}

// matcher is a registry compiled for fast matching: every phrase of every
// rule is indexed by its first word, so a document is scanned once.
type matcher struct {
	phrases [][]string       // folded words of each distinct phrase
	byFirst map[string][]int // first word → phrase ids
	cats    []compiledCat
	parents map[int]int // category index → parent category index
}

type compiledCat struct {
	name  string
	kind  Kind
	rules []compiledRule
}

type compiledRule struct {
	kind    RuleKind
	terms   []string // as the user wrote them
	phrases []int    // phrase ids, one per term, for any/all/phrase
	re      []*regexp.Regexp
	numbers []string // normalised
	years   []int    // the year of each number, 0 when the rule gives none
}

func compile(cats []Category) *matcher {
	m := &matcher{byFirst: map[string][]int{}, parents: map[int]int{}}
	ids := map[string]int{}
	phraseID := func(t string) int {
		w := words(t)
		k := strings.Join(w, " ")
		if id, ok := ids[k]; ok {
			return id
		}
		id := len(m.phrases)
		ids[k] = id
		m.phrases = append(m.phrases, w)
		m.byFirst[w[0]] = append(m.byFirst[w[0]], id)
		return id
	}
	for _, c := range cats {
		cc := compiledCat{name: c.Name, kind: c.Kind}
		for _, rule := range c.Rules {
			cr := compiledRule{kind: rule.Kind, terms: rule.Terms}
			for _, t := range rule.Terms {
				switch rule.Kind {
				case Regex:
					cr.re = append(cr.re, regexp.MustCompile("(?i)"+t)) // validated before
				case Number:
					n, y := numberTerm(t)
					cr.numbers = append(cr.numbers, n)
					cr.years = append(cr.years, y)
				default:
					cr.phrases = append(cr.phrases, phraseID(t))
				}
			}
			cc.rules = append(cc.rules, cr)
		}
		m.cats = append(m.cats, cc)
	}
	for i, c := range cats {
		if c.Parent == "" {
			continue
		}
		for j, p := range cats {
			if p.Kind == c.Kind && nameKey(p.Name) == nameKey(c.Parent) {
				m.parents[i] = j
			}
		}
	}
	return m
}

// hits returns, for each phrase, the word positions where it occurs in ws
// (nil when it does not).
func (m *matcher) hits(ws []string) [][]int {
	at := make([][]int, len(m.phrases))
	for i, w := range ws {
		for _, id := range m.byFirst[w] {
			p := m.phrases[id]
			if len(p) <= len(ws)-i && slices.Equal(p, ws[i:i+len(p)]) && len(at[id]) < maxBodyHits {
				at[id] = append(at[id], i)
			}
		}
	}
	return at
}

// mentionGap is how many words apart two phrase hits must be to count as
// two mentions: "phòng, chống dịch COVID-19" is one mention even when the
// rule lists both "phòng, chống dịch" and "COVID-19".
const mentionGap = 12

// mentions counts the distinct mentions among word positions.
func mentions(at []int) int {
	slices.Sort(at)
	n, last := 0, -mentionGap-1
	for _, p := range at {
		if p-last > mentionGap {
			n++
			last = p
		}
	}
	return n
}

// evidence is what one category found in a document.
type evidence struct {
	score int
	rule  string // the strongest rule, described
	best  int    // the weight of that rule
}

func (e *evidence) add(weight int, rule string) {
	e.score += weight
	if weight > e.best {
		e.best, e.rule = weight, rule
	}
}

func (m *matcher) classify(in Input) []Match {
	body := bodyWords(in)
	d := docHits{in: in, title: m.hits(words(in.Title)), body: m.hits(body), words: len(body),
		own: meta.NormalizeNumber(in.Number), cited: map[string][]int{}, basis: basisSpans(in.Text)}
	if d.own != "" {
		d.ownYear = numberYear(d.own)
		if d.ownYear == 0 {
			d.ownYear = in.Year
		}
	}
	for i, c := range in.Citations {
		n := meta.NormalizeNumber(c)
		y := numberYear(n)
		if i < len(in.CitedYears) && in.CitedYears[i] != 0 {
			y = in.CitedYears[i]
		}
		d.cited[n] = append(d.cited[n], y)
	}
	found := make([]evidence, len(m.cats))
	for ci, c := range m.cats {
		found[ci] = c.evidence(d)
	}
	return m.matches(found)
}

// docHits is what a document offers the rules.
type docHits struct {
	in          Input
	title, body [][]int          // word positions of each phrase
	words       int              // words in the body
	basis       []span           // the basis paragraphs (basisSpans)
	own         string           // the document's own number, normalised
	ownYear     int              // the year of the document's own number, 0 unknown
	cited       map[string][]int // cited numbers, normalised → the year of each citation (0 unknown)
}

// numberYearRe finds the year written in a state number: "666/2015/QĐ-UBND".
var numberYearRe = lazyre.New(`/((?:19|20)\d\d)/`)

// numberYear returns the year written in a number, or 0.
func numberYear(n string) int {
	m := numberYearRe.FindStringSubmatch(n)
	if m == nil {
		return 0
	}
	y := 0
	for _, c := range m[1] {
		y = y*10 + int(c-'0')
	}
	return y
}

// numberTermRe splits a number rule's term into the number and the year
// it was issued: "28/CT-TTg (2021)". Numbers restart every year (and
// party numbers every term), so a number alone names different documents.
var numberTermRe = lazyre.New(`^(.*?)\s*\(\s*((?:19|20)\d\d)\s*\)$`)

// numberTerm returns a number rule's term normalised, and its year or 0.
func numberTerm(t string) (string, int) {
	if m := numberTermRe.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
		n := meta.NormalizeNumber(m[1])
		return n, numberYear("/" + m[2] + "/")
	}
	n := meta.NormalizeNumber(t)
	return n, numberYear(n)
}

// citedYearSlack is how many years after a founding document a citation
// that gives no date is still taken for it.
const citedYearSlack = 6

// sameYear reports whether a document or citation of year got (0 unknown)
// can be the number of a rule issued in year want (0: any year). A
// citation without a year counts when the citing document is from the
// rule's year or a few years after.
func sameYear(want, got, docYear int) bool {
	switch {
	case want == 0 || got == want:
		return true
	case got != 0:
		return false
	case docYear == 0:
		return true
	default:
		return docYear >= want && docYear-want <= citedYearSlack
	}
}

// citedIn reports whether the document cites number n of year want.
func (d docHits) citedIn(n string, want int) bool {
	for _, y := range d.cited[n] {
		if sameYear(want, y, d.in.Year) {
			return true
		}
	}
	return false
}

// evidence weighs what the rules of one category find in a document.
func (c compiledCat) evidence(d docHits) evidence {
	var e evidence
	bodyHits, bodyRule := 0, ""
	var bodyAt []int // positions of phrase hits in the body
	for _, rule := range c.rules {
		switch rule.kind {
		case Number:
			for i, n := range rule.numbers {
				if n == d.own && d.own != "" && sameYear(rule.years[i], d.ownYear, 0) {
					e.add(weightOwnNum, describe(Number, rule.terms[i:i+1]))
				} else if d.citedIn(n, rule.years[i]) {
					e.add(weightCited, describe(Number, rule.terms[i:i+1])+" (trích dẫn)")
				}
			}
		case Regex:
			for i, re := range rule.re {
				if re.MatchString(d.in.Title) {
					e.add(weightTitle, describe(Regex, rule.terms[i:i+1])+" (tiêu đề)")
				} else if n := len(re.FindAllStringIndex(d.in.Text, maxBodyHits)); n > 0 {
					bodyHits += n
					bodyRule = describe(Regex, rule.terms[i:i+1])
				}
			}
		case All:
			inTitle, n := allHits(rule.phrases, d.title, d.body)
			if inTitle {
				e.add(weightTitle, describe(All, rule.terms)+" (tiêu đề)")
			} else if n > 0 {
				bodyHits += n
				bodyRule = describe(All, rule.terms)
			}
		default:
			for i, id := range rule.phrases {
				if len(d.title[id]) > 0 {
					e.add(weightTitle, describe(Phrase, rule.terms[i:i+1])+" (tiêu đề)")
				} else if len(d.body[id]) > 0 {
					bodyAt = append(bodyAt, d.body[id]...)
					if bodyRule == "" {
						bodyRule = describe(Phrase, rule.terms[i:i+1])
					}
				}
			}
		}
	}
	if c.kind == Campaign && e.score == 0 && inSpans(bodyAt, d.basis) {
		e.add(weightCited, bodyRule+" (căn cứ văn bản)")
	}
	bodyHits = min(bodyHits+mentions(bodyAt), maxBodyHits)
	need := minBodyHits
	if c.kind == Topic {
		// a topic needs weight in the body, not two passing mentions:
		// three mentions, and more in a long text
		need = min(max(minTopicHits, d.words/wordsPerTopicHit), maxBodyHits)
	}
	if bodyHits >= need || e.score > 0 && bodyHits > 0 {
		e.add(bodyHits, fmt.Sprintf("%s (%d lần)", bodyRule, bodyHits))
	}
	return e
}

// allHits reports whether every phrase is in the title, and how many times
// the rarest phrase occurs in the document (0 if one is missing).
func allHits(ids []int, title, body [][]int) (bool, int) {
	inTitle, n := true, -1
	for _, id := range ids {
		if len(title[id]) == 0 {
			inTitle = false
		}
		k := len(title[id]) + len(body[id])
		if n < 0 || k < n {
			n = k
		}
	}
	return inTitle && len(ids) > 0, max(n, 0)
}

// matches turns evidence into the ordered list, adding parents of matched
// campaigns.
func (m *matcher) matches(found []evidence) []Match {
	for ci := range m.cats {
		if found[ci].score == 0 {
			continue
		}
		child, seen := ci, map[int]bool{ci: true}
		for {
			p, ok := m.parents[child]
			if !ok || seen[p] {
				break
			}
			seen[p] = true
			// The parent ranks just below the child, which is more specific.
			if found[p].score < found[ci].score-1 {
				found[p] = evidence{score: found[ci].score - 1, best: found[ci].best,
					rule: `phong trào con "` + m.cats[ci].name + `": ` + found[ci].rule}
			}
			child = p
		}
	}
	var out []Match
	for ci, c := range m.cats {
		if found[ci].score > 0 {
			out = append(out, Match{Name: c.name, Kind: c.kind, Rule: found[ci].rule, Score: found[ci].score})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind == Campaign
		}
		return out[i].Score > out[j].Score
	})
	return out
}
