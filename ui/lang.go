package ui

import (
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
)

// Languages the window speaks; Vietnamese is the default.
const (
	langVietnamese = "vi"
	langEnglish    = "en"
)

// UseLanguage registers the embedded translations so that lang.L gives
// Vietnamese ("vi", the default whatever the system locale) or English
// ("en"). The keys are the Vietnamese texts, so a missing translation still
// shows Vietnamese. It may be called again to switch language.
func UseLanguage(code string) {
	if code != langEnglish {
		code = langVietnamese
	}
	data, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		fyne.LogError("read translations", err)
		return
	}
	// Fyne picks the translation closest to the system locale and cannot be
	// told otherwise, so the chosen language is registered under every
	// locale it might pick: the fallback "en", "vi" and the system's own.
	locales := []fyne.Locale{"en", "vi"}
	if posixLocale() {
		// Fyne falls back to "en" and logs an error each time it looks at
		// the locale; looking once is enough.
		locales = locales[:1]
	}
	sys := fyne.Locale("")
	if !posixLocale() {
		sys = lang.SystemLocale()
		locales = append(locales, sys)
	}
	if l := fyne.Locale(sys.LanguageString()); sys != "" && l != sys {
		locales = append(locales, l)
	}
	if base, _, ok := strings.Cut(string(sys), "-"); ok && sys != "" {
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

// posixLocale reports whether the process runs under the C or POSIX locale
// (common in CI and services), which Fyne cannot parse.
func posixLocale() bool {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" {
		return false
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.")
		}
	}
	return true
}
