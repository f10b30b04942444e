//go:build windows

package ui

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/ncruces/zenity"
)

// On Windows the system's own Open, Save and folder dialogs are used: in
// the language of Windows, with several files chosen at once (Ctrl or
// Shift and click), owned by the window so that it waits for them.
// github.com/ncruces/zenity calls them through the Windows API without cgo.
func init() { nativePick = pickWindows }

func pickWindows(owner uintptr, opt pickOptions) ([]string, error) {
	opts := []zenity.Option{zenity.Title(opt.title)}
	if owner != 0 {
		opts = append(opts, zenity.Attach(owner))
	}
	var (
		paths []string
		one   string
		err   error
	)
	switch opt.mode {
	case pickImport:
		opts = append(opts, zenity.FileFilters{
			{Name: lang.L("Văn bản nhập được"), Patterns: importPatterns(), CaseFold: true},
			{Name: lang.L("Mọi tệp"), Patterns: []string{"*.*"}},
		})
		paths, err = zenity.SelectFileMultiple(opts...)
	case pickOne:
		opts = append(opts, extFilter(opt.exts))
		one, err = zenity.SelectFile(opts...)
	case pickDir:
		one, err = zenity.SelectFile(append(opts, zenity.Directory())...)
	case pickSave:
		opts = append(opts, extFilter(opt.exts), zenity.ConfirmOverwrite(), zenity.Filename(opt.name))
		one, err = zenity.SelectFileSave(opts...)
		if err == nil && len(opt.exts) > 0 && filepath.Ext(one) == "" {
			one += opt.exts[0]
		}
	}
	if errors.Is(err, zenity.ErrCanceled) {
		return nil, errPickCancelled
	}
	if one != "" {
		paths = []string{one}
	}
	return paths, err
}

// importPatterns are the importer's extensions as patterns: "*.docx".
func importPatterns() []string {
	var out []string
	for _, e := range strings.Fields(importExts) {
		out = append(out, "*"+e)
	}
	return out
}

func extFilter(exts []string) zenity.FileFilter {
	var pats []string
	for _, e := range exts {
		pats = append(pats, "*"+e)
	}
	return zenity.FileFilter{Name: strings.Join(exts, ", "), Patterns: pats, CaseFold: true}
}
