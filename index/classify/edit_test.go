package classify

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

const localCampaign = "3 không - 3 cần - 3 quyết tâm"

func TestEdits(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	hcm := "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"add local campaign", func() error {
			return r.Add(Category{Name: localCampaign, Kind: Campaign, Parent: hcm,
				Rules: []Rule{{Kind: Phrase, Terms: []string{localCampaign}}}})
		}, nil},
		{"add same name again", func() error { return r.Add(Category{Name: "3 KHÔNG - 3 cần  - 3 quyết tâm", Kind: Campaign}) }, ErrExists},
		{"add with bad regex", func() error {
			return r.Add(Category{Name: "X", Kind: Topic, Rules: []Rule{{Kind: Regex, Terms: []string{"[a"}}}})
		}, ErrInvalidRule},
		{"add phrase rule with two phrases", func() error {
			return r.Add(Category{Name: "X", Kind: Topic, Rules: []Rule{{Kind: Phrase, Terms: []string{"a", "b"}}}})
		}, ErrInvalidRule},
		{"add with no name", func() error { return r.Add(Category{Name: " ", Kind: Topic}) }, ErrInvalid},
		{"add under a topic parent", func() error { return r.Add(Category{Name: "Y", Kind: Campaign, Parent: "Môi trường"}) }, ErrNotFound},
		{"rename unknown", func() error { return r.Rename(Campaign, "Không có", "Z") }, ErrNotFound},
		{"rename onto another", func() error { return r.Rename(Campaign, hcm, "Xây dựng nông thôn mới") }, ErrExists},
		{"rename built-in", func() error { return r.Rename(Campaign, hcm, "Làm theo Bác") }, nil},
		{"set bad number rule", func() error {
			return r.SetRules(Topic, "Môi trường", []Rule{{Kind: Number, Terms: []string{"môi trường"}}})
		}, ErrInvalidRule},
		{"set rules", func() error {
			return r.SetRules(Topic, "Môi trường", []Rule{{Kind: Any, Terms: []string{"môi trường", "nước sạch"}}})
		}, nil},
		{"merge into itself", func() error { return r.Merge(Topic, "Môi trường", "môi trường") }, ErrInvalid},
		{"delete unknown", func() error { return r.Delete(Topic, "Không có") }, ErrNotFound},
		{"delete built-in", func() error { return r.Delete(Campaign, "Xây dựng nông thôn mới") }, nil},
	}
	for _, s := range steps {
		if err := s.do(); !errors.Is(err, s.want) {
			t.Fatalf("%s: error %v, want %v", s.name, err, s.want)
		}
	}
	if got := names(r.Categories(Campaign)); !slices.Equal(got, []string{"Làm theo Bác", localCampaign}) {
		t.Errorf("campaigns = %q", got)
	}
	if p := r.Categories(Campaign)[1].Parent; p != "Làm theo Bác" {
		t.Errorf("the child did not follow the rename: parent %q", p)
	}

	// The user's file brings the same state back, and survives a newer
	// built-in file that changes rules and adds a category.
	user, err := r.UserJSON()
	if err != nil {
		t.Fatal(err)
	}
	newer := strings.Replace(testBuiltin, `"học tập và làm theo Bác"]`, `"học tập và làm theo Bác", "làm theo gương Bác"]`, 1)
	newer = strings.Replace(newer, `]}`+"\n"+`]}`, `]},
 {"id": "cds", "name": "Chuyển đổi số", "kind": "campaign", "rules": [{"kind": "any", "terms": ["chuyển đổi số"]}]}
]}`, 1)
	r2 := mustLoad(t, newer, string(user))
	if got := names(r2.Categories(Campaign)); !slices.Equal(got, []string{"Làm theo Bác", "Chuyển đổi số", localCampaign}) {
		t.Errorf("after upgrade campaigns = %q (user file %s)", got, user)
	}
	renamed := r2.Categories(Campaign)[0]
	if !slices.Contains(renamed.Rules[0].Terms, "làm theo gương Bác") {
		t.Errorf("renamed built-in did not get the newer rules: %+v", renamed.Rules)
	}
	if got := r2.Categories(Topic)[0].Rules[0].Terms; !slices.Equal(got, []string{"môi trường", "nước sạch"}) {
		t.Errorf("user rules lost: %q", got)
	}
}

func TestMerge(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	if err := r.Add(Category{Name: "Nông thôn mới kiểu mẫu", Kind: Campaign, Rules: []Rule{{Kind: Any, Terms: []string{"kiểu mẫu"}}}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add(Category{Name: "Ấp kiểu mẫu", Kind: Campaign, Parent: "Nông thôn mới kiểu mẫu"}); err != nil {
		t.Fatal(err)
	}
	if err := r.Merge(Campaign, "Nông thôn mới kiểu mẫu", "Xây dựng nông thôn mới"); err != nil {
		t.Fatal(err)
	}
	cs := r.Categories(Campaign)
	if got := names(cs); !slices.Equal(got, []string{"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "Xây dựng nông thôn mới", "Ấp kiểu mẫu"}) {
		t.Fatalf("after merge: %q", got)
	}
	if len(cs[1].Rules) != 3 || cs[2].Parent != "Xây dựng nông thôn mới" {
		t.Errorf("merge did not move rules and children: %+v", cs[1:])
	}
	m := r.Classify(Input{Title: "Kế hoạch xây dựng ấp kiểu mẫu"})
	if len(m) == 0 || m[0].Name != "Xây dựng nông thôn mới" {
		t.Errorf("classify after merge: %+v", m)
	}
}

// TestUpgradeNameClash: the user renamed a built-in campaign to a name a
// newer built-in file then uses for a new campaign; the user's stays.
func TestUpgradeNameClash(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	if err := r.Rename(Campaign, "Xây dựng nông thôn mới", "Chuyển đổi số"); err != nil {
		t.Fatal(err)
	}
	user, err := r.UserJSON()
	if err != nil {
		t.Fatal(err)
	}
	newer := strings.Replace(testBuiltin, `"kind": "topic",`, `"kind": "topic",`, 1)
	newer = strings.Replace(newer, "\n]}", `,
 {"id": "cds", "name": "Chuyển đổi số", "kind": "campaign", "rules": [{"kind": "any", "terms": ["chuyển đổi số"]}]}
]}`, 1)
	r2 := mustLoad(t, newer, string(user))
	cs := r2.Categories(Campaign)
	if len(cs) != 2 || cs[1].Name != "Chuyển đổi số" || cs[1].ID != "ntm" {
		t.Errorf("after upgrade: %+v", cs)
	}
}

// TestConcurrentUse classifies while the registry is edited; run with -race.
func TestConcurrentUse(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	done := make(chan bool)
	go func() {
		for i := 0; i < 50; i++ {
			r.Classify(Input{Title: "Kế hoạch xây dựng nông thôn mới"})
		}
		done <- true
	}()
	for i := 0; i < 50; i++ {
		if err := r.SetRules(Topic, "Môi trường", []Rule{{Kind: Any, Terms: []string{"môi trường"}}}); err != nil {
			t.Fatal(err)
		}
	}
	<-done
}

// A rule refused says which line and what is wrong with it (usertest
// finding 45b: the message named neither), and is still ErrInvalidRule.
func TestRuleError(t *testing.T) {
	cases := []struct {
		rules []Rule
		line  int
		fault RuleFault
		term  string
	}{
		{[]Rule{{Kind: Phrase, Terms: []string{"nông thôn"}}, {Kind: Regex, Terms: []string{"((nông thôn AND"}}}, 2, FaultUnclosedParen, "((nông thôn AND"},
		{[]Rule{{Kind: Regex, Terms: []string{"a)"}}}, 1, FaultUnopenedParen, "a)"},
		{[]Rule{{Kind: Regex, Terms: []string{"ok", "[a-"}}}, 1, FaultUnclosedSquare, "[a-"},
		{[]Rule{{Kind: Regex, Terms: []string{"*a"}}}, 1, FaultRepeat, "*a"},
		{[]Rule{{Kind: Regex, Terms: []string{`a\`}}}, 1, FaultBackslash, `a\`},
		{[]Rule{{Kind: Regex, Terms: []string{`\q`}}}, 1, FaultExpression, `\q`},
		{[]Rule{{Kind: Any, Terms: []string{"a"}}, {Kind: Any, Terms: []string{"b"}}, {Kind: Number, Terms: []string{"môi trường"}}}, 3, FaultBadNumber, "môi trường"},
		{[]Rule{{Kind: All, Terms: []string{"a", "--"}}}, 1, FaultNoWords, "--"},
		{[]Rule{{Kind: Phrase, Terms: []string{"a", "b"}}}, 1, FaultPhraseCount, ""},
		{[]Rule{{Kind: Any}}, 1, FaultNoTerms, ""},
		{[]Rule{{Kind: "glob", Terms: []string{"a"}}}, 1, FaultUnknownKind, ""},
	}
	r := mustLoad(t, testBuiltin, "")
	for _, c := range cases {
		for name, err := range map[string]error{
			"check":     CheckRules(c.rules),
			"set rules": r.SetRules(Topic, "Môi trường", c.rules),
			"add":       r.Add(Category{Name: "X", Kind: Topic, Rules: c.rules}),
		} {
			var re *RuleError
			if !errors.As(err, &re) || !errors.Is(err, ErrInvalidRule) {
				t.Errorf("%s %v: error %v", name, c.rules, err)
				continue
			}
			if re.Line != c.line || re.Fault != c.fault || re.Term != c.term {
				t.Errorf("%s %v: line %d fault %q term %q, want %d %q %q", name, c.rules, re.Line, re.Fault, re.Term, c.line, c.fault, c.term)
			}
			if (re.Detail != "") != (c.fault == FaultExpression) || re.Text == "" {
				t.Errorf("%s %v: text %q detail %q", name, c.rules, re.Text, re.Detail)
			}
		}
	}
	if err := CheckRules([]Rule{{Kind: Regex, Terms: []string{`nông thôn (mới|xanh)`}}, {Kind: Number, Terms: []string{"03-CT/TW"}}}); err != nil {
		t.Errorf("good rules refused: %v", err)
	}
	want := `rule 2 (biểu thức "((nông thôn AND"): missing ) in "((nông thôn AND": invalid rule`
	if err := CheckRules(cases[0].rules); err.Error() != want {
		t.Errorf("error reads %q, want %q", err, want)
	}
}

// TestMergeBounded: two campaigns of 60 distinct rules each merge into
// one of 120, over MaxRules: the merge is refused with a *MergeError
// that says so (before, it made the category that CheckSize refuses
// anywhere else) and both stay as they were. Rules the two share count
// once: 60 and 60 with 30 in common merge into 90.
func TestMergeBounded(t *testing.T) {
	r := mustLoad(t, testBuiltin, "")
	rules := func(from, n int) []Rule {
		var out []Rule
		for i := range n {
			out = append(out, Rule{Kind: Any, Terms: []string{fmt.Sprintf("cụm từ %d", from+i)}})
		}
		return out
	}
	for name, rs := range map[string][]Rule{"A": rules(0, 60), "B": rules(100, 60), "C": rules(30, 60)} {
		if err := r.Add(Category{Name: name, Kind: Campaign, Rules: rs}); err != nil {
			t.Fatal(err)
		}
	}
	err := r.Merge(Campaign, "A", "B")
	var me *MergeError
	var se *SizeError
	if !errors.As(err, &me) || me.From != "A" || me.Into != "B" || me.Rules != 120 || !errors.As(err, &se) || se.Part != SizeRules || !errors.Is(err, ErrTooLarge) {
		t.Fatalf("merge of 60 and 60 rules: %v", err)
	}
	rulesOf := func(name string) int {
		for _, c := range r.Categories(Campaign) {
			if c.Name == name {
				return len(c.Rules)
			}
		}
		return -1
	}
	for _, name := range []string{"A", "B", "C"} {
		if n := rulesOf(name); n != 60 {
			t.Errorf("after the refused merge, %s has %d rules, want 60", name, n)
		}
	}
	if err := r.Merge(Campaign, "A", "C"); err != nil {
		t.Fatalf("merge of 60 and 60 rules with 30 in common: %v", err)
	}
	if n := rulesOf("C"); n != 90 || rulesOf("A") != -1 {
		t.Errorf("merged: %d rules, want 90; A left: %v", n, rulesOf("A") != -1)
	}
}
