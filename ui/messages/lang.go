package messages

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	// Imported for its init, which runs before Fyne's lang reads the locale.
	_ "khovanban/ui/oslocale"
)

// Languages the program speaks; Vietnamese is the default.
const (
	Vietnamese = "vi"
	English    = "en"
)

// UseLanguage registers the embedded translations so that lang.L gives
// Vietnamese ("vi", the default whatever the system locale) or English
// ("en"). The keys are the Vietnamese texts, so a missing translation still
// shows Vietnamese. It may be called again to switch language. It needs no
// running app: the command line calls it too.
func UseLanguage(code string) {
	if code != English {
		code = Vietnamese
	}
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		fyne.LogError("read translations", err)
		return
	}
	keepSingular(data)
	// Fyne picks the translation closest to the system locale and cannot be
	// told otherwise, so the chosen language is registered under every
	// locale it might pick: the fallback "en", "vi" and the system's own
	// (oslocale has made sure that Fyne can read it without complaint).
	locales := []fyne.Locale{"en", "vi"}
	sys := lang.SystemLocale()
	locales = append(locales, sys, fyne.Locale(sys.LanguageString()))
	if base, _, ok := strings.Cut(string(sys), "-"); ok {
		locales = append(locales, fyne.Locale(base))
	}
	seen := map[fyne.Locale]bool{}
	for _, l := range locales {
		if l == "" || seen[l] {
			continue
		}
		seen[l] = true
		if err := lang.AddTranslationsForLocale(data, l); err != nil {
			fyne.LogError("add translations", err)
		}
	}
}
