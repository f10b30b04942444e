package meta

import (
	"slices"
	"strings"
)

// articleType is the type given to a news article or a saved web page.
const articleType = "Bài viết"

// Types returns the names of every document type the reader gives, each
// once, in alphabetical order (by the name without marks): the list a
// person picks a type from.
func Types() []string {
	out := []string{articleType}
	for _, t := range typeNames {
		if !slices.Contains(out, t.name) {
			out = append(out, t.name)
		}
	}
	for _, t := range typeCodes {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if c := strings.Compare(foldWords(a), foldWords(b)); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}
