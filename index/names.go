package index

import (
	"slices"
	"strings"

	"khovanban/index/classify"
)

// Campaign and topic names are given to Edit as one string. Many names
// hold commas themselves ("Học tập và làm theo tư tưởng, đạo đức, phong
// cách Hồ Chí Minh", "Phòng, chống tham nhũng, lãng phí"), so names are
// joined with "; ", and a string with commas only (as typed on the command
// line) is cut at the commas that do not lie inside a known name.

// nameSeparator joins campaign and topic names in one string.
const nameSeparator = "; "

// joinNames is names as Edit takes them.
func joinNames(names []string) string { return strings.Join(names, nameSeparator) }

// splitNames cuts v into names, dropping blanks and repeats: at each ";"
// when it has one, else at each comma that is not inside a name known
// says it knows.
func splitNames(v string, known func(string) bool) []string {
	var parts []string
	if strings.Contains(v, ";") {
		parts = strings.Split(v, ";")
	} else {
		parts = rejoinKnown(strings.Split(v, ","), known)
	}
	var out []string
	for _, n := range parts {
		if n = strings.TrimSpace(n); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// rejoinKnown joins runs of comma-separated parts that together make a
// known name, the longest first.
func rejoinKnown(parts []string, known func(string) bool) []string {
	if known == nil {
		return parts
	}
	var out []string
	for i := 0; i < len(parts); {
		end := i + 1
		for j := len(parts); j > i+1; j-- {
			if known(commaJoin(parts[i:j])) {
				end = j
				break
			}
		}
		out = append(out, commaJoin(parts[i:end]))
		i = end
	}
	return out
}

// commaJoin writes parts as a name: each trimmed, joined by ", ".
func commaJoin(parts []string) string {
	trimmed := make([]string, len(parts))
	for i, p := range parts {
		trimmed[i] = strings.TrimSpace(p)
	}
	return strings.Join(trimmed, ", ")
}

// knownNames reports the campaign and topic names of the registry and
// those the given documents already have.
func (a *Archive) knownNames(docs ...*Document) func(string) bool {
	return func(name string) bool {
		for _, d := range docs {
			if d != nil && (slices.Contains(d.Campaigns, name) || slices.Contains(d.Topics, name)) {
				return true
			}
		}
		for _, kind := range []classify.Kind{classify.Campaign, classify.Topic} {
			for _, c := range a.registry().Categories(kind) {
				if c.Name == name {
					return true
				}
			}
		}
		return false
	}
}
