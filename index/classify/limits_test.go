package classify

import (
	"errors"
	"strings"
	"testing"
)

// TestCheckSize: each bound is checked, at its limit a category passes,
// one over it fails naming the part and the rule's line; the built-in
// kind of category (a few short rules) is far inside.
func TestCheckSize(t *testing.T) {
	terms := func(n int) []string { return strings.Fields(strings.Repeat("từ ", n)) }
	for _, c := range []struct {
		cat  Category
		part SizePart
		line int
	}{
		{Category{Name: "Dân vận khéo", Rules: []Rule{{Kind: Phrase, Terms: []string{"dân vận khéo"}}, {Kind: Regex, Terms: []string{`d[aâ]n\s+v[aậ]n`}}}}, "", 0},
		{Category{Name: strings.Repeat("a", MaxNameRunes)}, "", 0},
		{Category{Name: strings.Repeat("ạ", MaxNameRunes+1)}, SizeName, 0},
		{Category{Name: "x", Parent: strings.Repeat("ạ", MaxNameRunes+1)}, SizeName, 0},
		{Category{Name: "x", Description: strings.Repeat("ạ", MaxDescriptionRunes+1)}, SizeDescription, 0},
		{Category{Name: "x", Rules: make([]Rule, MaxRules+1)}, SizeRules, 0},
		{Category{Name: "x", Rules: []Rule{{Kind: Any, Terms: terms(MaxTerms)}}}, "", 0},
		{Category{Name: "x", Rules: []Rule{{Kind: Any, Terms: []string{"a"}}, {Kind: Any, Terms: terms(MaxTerms + 1)}}}, SizeTerms, 2},
		{Category{Name: "x", Rules: []Rule{{Kind: Any, Terms: []string{strings.Repeat("ạ", MaxTermRunes+1)}}}}, SizeTerm, 1},
		{Category{Name: "x", Rules: []Rule{{Kind: Regex, Terms: []string{"(nông thôn mới|dân vận khéo|tổ chức thực hiện){900}"}}}}, SizeExpression, 1},
		{Category{Name: "x", Rules: []Rule{{Kind: Regex, Terms: []string{"((a"}}}}, "", 0}, // CheckRules' part
		{Category{Name: "x", Rules: []Rule{{Kind: Any, Terms: terms(MaxTerms)}, {Kind: Any, Terms: strings.Fields(strings.Repeat(strings.Repeat("b", 400)+" ", MaxTerms))}}}, SizeAllRules, 0},
	} {
		err := CheckSize(c.cat)
		var se *SizeError
		switch {
		case c.part == "" && err != nil:
			t.Errorf("%.30q: %v", c.cat.Name, err)
		case c.part != "" && (!errors.As(err, &se) || se.Part != c.part || se.Line != c.line || !errors.Is(err, ErrTooLarge)):
			t.Errorf("%.30q: %v, want %s at line %d", c.cat.Name, err, c.part, c.line)
		case se != nil && len([]rune(se.Name)) > MaxNameRunes:
			t.Errorf("error names a name of %d letters", len([]rune(se.Name)))
		}
	}
	if n := expressionSize("(nông thôn mới|dân vận khéo|tổ chức thực hiện){900}"); n < 10*MaxExpressionSize {
		t.Errorf("the large expression compiles to %d steps", n)
	}
}

// TestEditsBounded: a category too large is not added, nor rules too
// large set, nor a name too long given; the registry stays as it was.
func TestEditsBounded(t *testing.T) {
	r, err := Load(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ok := Category{Name: "Dân vận khéo", Kind: Campaign, Rules: []Rule{{Kind: Phrase, Terms: []string{"dân vận khéo"}}}}
	if err := r.Add(ok); err != nil {
		t.Fatal(err)
	}
	big := []Rule{{Kind: Regex, Terms: []string{"(nông thôn mới|dân vận khéo){900}"}}}
	if err := r.Add(Category{Name: "Lớn", Kind: Campaign, Rules: big}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("add: %v", err)
	}
	if err := r.SetRules(Campaign, ok.Name, big); !errors.Is(err, ErrTooLarge) {
		t.Errorf("set rules: %v", err)
	}
	if err := r.Rename(Campaign, ok.Name, strings.Repeat("ạ", MaxNameRunes+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("rename: %v", err)
	}
	if got := r.Categories(Campaign); len(got) != 1 || !rulesEqual(got[0].Rules, ok.Rules) || got[0].Name != ok.Name {
		t.Errorf("registry changed: %+v", got)
	}
}
