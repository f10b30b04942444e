package messages

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
)

// countedPlural finds a count followed by an English plural noun ("1
// documents", "1/1 documents", "1 scanned pages") or a "(s)"; counted
// singular the same with a singular noun ("2 document").
var (
	countedPlural   = regexp.MustCompile(`\b1 (?:(?:more|new|related|scanned|selected) )?(?:documents|files|items|results|matches|problems|entries|pages|letters|duplicates|rules|words|bytes)\b|\(s\)`)
	countedSingular = regexp.MustCompile(`\b2 (?:(?:more|new|related|scanned|selected) )?(?:document|file|item|result|match|problem|entry|page|letter|duplicate|rule|word|byte)\b`)
	placeholder     = regexp.MustCompile(`\{\{\.(\w+)\}\}`)
)

// wordPlaceholders are filled with words, not counts ("{{.Ext}} files",
// "{{.Kinds}} files": the kinds of file, not how many).
var wordPlaceholders = map[string]bool{"Ext": true, "Kinds": true}

// englishForms reads en.json: each message's forms ("one" and "other", or
// its one text as "other").
func englishForms(t *testing.T) map[string]map[string]string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translations/" + English + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]map[string]string{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = map[string]string{"other": s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("en.json %q: %v", k, err)
		}
		out[k] = forms
	}
	return out
}

// countData fills every placeholder of the texts with n, or a word where
// the placeholder is no count.
func countData(n int, texts ...string) map[string]any {
	data := map[string]any{}
	for _, s := range texts {
		for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
			if wordPlaceholders[m[1]] {
				data[m[1]] = "PDF"
			} else {
				data[m[1]] = strconv.Itoa(n)
			}
		}
	}
	return data
}

// TestCountMessagesInEnglish says every English message that counts
// something at 1 and at 2, as the window and the command line write it
// (N), with the system's locale Vietnamese (as on most of the commune PCs,
// and under LANG=C, where oslocale sets LANGUAGE=vi): "1 document", "2
// documents", never "1 documents" or "document(s)" (usertest session 20:
// "1 documents" in about 26 messages). Vietnamese has one form whatever
// the count.
func TestCountMessagesInEnglish(t *testing.T) {
	t.Setenv("LANGUAGE", "vi")
	t.Setenv("LC_ALL", "vi_VN.UTF-8")
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	forms := englishForms(t)
	counted := 0
	UseLanguage(English)
	for key, f := range forms {
		texts := []string{f["other"], f["one"]}
		one, two := countData(1, texts...), countData(2, texts...)
		if f["one"] == "" {
			// A message with one English form must count nothing.
			if s := fill(t, f["other"], one); countedPlural.MatchString(s) {
				t.Errorf("%q has one English form, which says %q at 1: it needs a form for one", key, s)
			}
			continue
		}
		counted++
		if s := N(key, 1, one); countedPlural.MatchString(s) {
			t.Errorf("%q at 1 in English: %q", key, s)
		} else if s != fill(t, f["one"], one) {
			t.Errorf("%q at 1 in English: %q, not its form for one", key, s)
		}
		if s := N(key, 2, two); countedSingular.MatchString(s) || s != fill(t, f["other"], two) {
			t.Errorf("%q at 2 in English: %q", key, s)
		}
	}
	UseLanguage(Vietnamese)
	for key, f := range forms {
		if f["one"] == "" {
			continue
		}
		one := countData(1, f["other"], f["one"])
		if a, b := N(key, 1, one), lang.L(key, one); a != b || a != fill(t, key, one) {
			t.Errorf("%q at 1 in Vietnamese: %q (lang.L %q)", key, a, b)
		}
	}
	if counted < 60 {
		t.Errorf("only %d English messages have a form for one; is en.json read?", counted)
	}
}

func fill(t *testing.T, text string, data map[string]any) string {
	t.Helper()
	var b strings.Builder
	if err := template.Must(template.New("").Parse(text)).Execute(&b, data); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return b.String()
}

// TestCountedKeysGoThroughN: a message with a form for one is given to N
// with its count everywhere (lang.L would always take "other"), and N is
// given only such messages.
func TestCountedKeysGoThroughN(t *testing.T) {
	forms := englishForms(t)
	n := 0
	for dir, files := range moduleFiles(t) {
		for key, fns := range packageCalls(t, files) {
			_, counted := forms[key]["one"]
			if fns["L"] && counted {
				t.Errorf("%s: %q has a form for one but is given to lang.L: use messages.N with its count", dir, key)
			}
			if fns["N"] {
				n++
				if !counted {
					t.Errorf("%s: %q is given to N but en.json has no form for one", dir, key)
				}
			}
		}
	}
	if n < 60 {
		t.Errorf("found only %d keys given to N; is the scan broken?", n)
	}
}
