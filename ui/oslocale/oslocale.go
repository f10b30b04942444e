// Package oslocale keeps Fyne quiet about the C locale. Fyne's lang
// package reads the system locale while the program starts (its package
// init loads the built-in translations) and logs "Error parsing user locale
// C" when LC_ALL, LC_MESSAGES or LANG is C.UTF-8 or another C.* name
// (usual in CI, containers and services). Its locale library
// (github.com/jeandeaual/go-locale) then consults LANGUAGE, so this package
// sets LANGUAGE=vi for such a process before Fyne looks: the window is
// Vietnamese whatever the system locale, unless the settings say otherwise.
//
// Go initialises the packages of a program one at a time, taking the first
// in import-path order whose imports are ready; this package imports only
// os and strings, which are ready long before Fyne's lang (which needs
// text/template and go-i18n), so it runs first. TestQuietUnderCLocale checks
// that this still holds.
package oslocale

import (
	"os"
	"runtime"
	"strings"
)

func init() { Adjust(os.Getenv, os.Setenv) }

// Adjust sets LANGUAGE to Vietnamese when the effective message locale is
// a C.* name that Fyne cannot parse and LANGUAGE is empty. Plain C, POSIX
// and no locale at all are left alone: the locale library reports no
// locale for them and Fyne says nothing.
func Adjust(getenv func(string) string, setenv func(string, string) error) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || getenv("LANGUAGE") != "" {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
				_ = setenv("LANGUAGE", "vi")
			}
			return
		}
	}
}
