package classify

import (
	"errors"
	"os"
	"testing"
)

// testBuiltin is a small built-in file for the tests.
const testBuiltin = `{"version": 1, "categories": [
 {"id": "hcm", "name": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "kind": "campaign",
  "rules": [{"kind": "any", "terms": ["làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "học tập và làm theo Bác"]},
            {"kind": "number", "terms": ["03-CT/TW", "05-CT/TW"]}]},
 {"id": "ntm", "name": "Xây dựng nông thôn mới", "kind": "campaign",
  "rules": [{"kind": "any", "terms": ["nông thôn mới"]}, {"kind": "number", "terms": ["1600/QĐ-TTg"]}]},
 {"id": "t-moitruong", "name": "Môi trường", "kind": "topic",
  "rules": [{"kind": "any", "terms": ["môi trường", "rác thải"]}]}
]}`

func mustLoad(t *testing.T, builtin, user string) *Registry {
	t.Helper()
	r, err := Load([]byte(builtin), []byte(user))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return r
}

func names(cs []Category) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

// TestBuiltinRegistry loads the registry file the program ships.
func TestBuiltinRegistry(t *testing.T) {
	data, err := os.ReadFile("../../assets/registry.json")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Load(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Categories(Campaign)); n < 10 {
		t.Errorf("%d campaigns, want the national ones", n)
	}
	if n := len(r.Categories(Topic)); n < 10 {
		t.Errorf("%d topics, want the usual fields", n)
	}
	for _, c := range append(r.Categories(Campaign), r.Categories(Topic)...) {
		if !c.Builtin || c.ID == "" || len(c.Rules) == 0 {
			t.Errorf("%s %q: builtin %v id %q, %d rules", c.Kind, c.Name, c.Builtin, c.ID, len(c.Rules))
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := map[string]struct {
		builtin, user string
		want          error
	}{
		"bad regex":      {`{"categories":[{"id":"a","name":"A","kind":"topic","rules":[{"kind":"regex","terms":["(("]}]}]}`, "", ErrInvalidRule},
		"duplicate name": {`{"categories":[{"id":"a","name":"A","kind":"topic","rules":[]},{"id":"b","name":"a","kind":"topic","rules":[]}]}`, "", ErrExists},
		"no id":          {`{"categories":[{"name":"A","kind":"topic","rules":[]}]}`, "", ErrInvalid},
		"unknown parent": {testBuiltin, `{"added":[{"name":"X","kind":"campaign","parent":"Không có","rules":[]}]}`, ErrNotFound},
	}
	for name, tt := range tests {
		if _, err := Load([]byte(tt.builtin), []byte(tt.user)); !errors.Is(err, tt.want) {
			t.Errorf("%s: Load error = %v, want %v", name, err, tt.want)
		}
	}
	if _, err := Load([]byte("{"), nil); err == nil {
		t.Error("Load of broken JSON: no error")
	}
}

func readBuiltin() ([]byte, error) { return os.ReadFile("../../assets/registry.json") }

func TestLoadEmpty(t *testing.T) {
	r, err := Load(nil, nil)
	if err != nil || len(r.Categories(Campaign)) != 0 || len(r.Classify(Input{Text: "nông thôn mới"})) != 0 {
		t.Errorf("empty registry: %v", err)
	}
	user, err := r.UserJSON()
	if err != nil || string(user) != "{\n  \"version\": 1\n}" {
		t.Errorf("UserJSON of an empty registry = %s, %v", user, err)
	}
}
