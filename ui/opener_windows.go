package ui

import (
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"golang.org/x/sys/windows/registry"
)

// hasOpener reports whether Windows has a program registered for files
// with path's extension.
func hasOpener(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == "" {
		return false
	}
	k, err := registry.OpenKey(registry.CLASSES_ROOT, ext, registry.QUERY_VALUE|registry.ENUMERATE_SUB_KEYS)
	if err != nil {
		return false
	}
	defer k.Close()
	if progID, _, err := k.GetStringValue(""); err == nil && progID != "" {
		return true
	}
	if sub, err := registry.OpenKey(k, "OpenWithProgids", registry.QUERY_VALUE); err == nil {
		defer sub.Close()
		if names, err := sub.ReadValueNames(0); err == nil && len(names) > 0 {
			return true
		}
	}
	return false
}

// openURL opens u with the system's program.
func openURL(a fyne.App, u *url.URL) error { return a.OpenURL(u) }
