package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Fyne keeps the app's preferences in one JSON file that it writes in
// place: it truncates the file, then writes it (app/preferences_nonweb.go
// storageWriterForPath, os.Create). A process killed between the two (the
// PC shut down while the window saves its size at exit, a power cut) leaves
// the file empty or cut short, and Fyne then starts with no preferences
// at all: the person's saved searches gone, the archive folder they chose
// forgotten (the window opens the default one, empty, as if their
// documents were lost), the settings reset. So each start keeps a copy of
// the last file that was whole, written through a synced temporary file,
// and puts it back, before Fyne reads the file, when the file is damaged.
// What was saved since that start is lost, not everything.

// goodPrefsSuffix names the copy of the last whole preferences file.
const goodPrefsSuffix = ".last-good"

// KeepPreferences guards the preferences file of the app appID (as Fyne
// places it) against a write cut short; call it before the app is made.
// It reports whether it put the last whole copy back.
func KeepPreferences(appID string) (bool, error) {
	return keepPreferencesAt(preferencesPath(appID))
}

// preferencesPath is where Fyne's desktop driver keeps the preferences of
// appID (fyne internal/app rootConfigDir, then the app's id).
func preferencesPath(appID string) string {
	var root string
	switch runtime.GOOS {
	case "windows":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "AppData", "Roaming")
	case "darwin":
		home, _ := os.UserHomeDir()
		root = filepath.Join(home, "Library", "Preferences")
	default:
		root, _ = os.UserConfigDir()
	}
	return filepath.Join(root, "fyne", appID, "preferences.json")
}

// keepPreferencesAt copies a whole preferences file at path to its
// last-good copy, or puts that copy back over a file that is not whole
// (the damaged one kept beside it, as path+".damaged", when it has bytes).
// A file that is not there is left so: a kill leaves one (os.Create makes
// it first), a person may remove it to start afresh.
func keepPreferencesAt(path string) (bool, error) {
	good := path + goodPrefsSuffix
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil // never written, or removed on purpose: Fyne starts afresh
	}
	if err != nil {
		return false, err
	}
	if wholePreferences(data) {
		if kept, err := os.ReadFile(good); err == nil && bytes.Equal(kept, data) {
			return false, nil
		}
		return false, writeFileSynced(good, data)
	}
	kept, gerr := os.ReadFile(good)
	if gerr != nil || !wholePreferences(kept) {
		return false, nil // nothing whole to put back: Fyne starts afresh
	}
	if len(bytes.TrimSpace(data)) > 0 {
		_ = os.WriteFile(path+".damaged", data, 0o600)
	}
	return true, writeFileSynced(path, kept)
}

// wholePreferences reports whether data is a preferences file written to
// its end: one JSON object.
func wholePreferences(data []byte) bool {
	var m map[string]any
	return json.Unmarshal(data, &m) == nil && m != nil
}

// writeFileSynced writes a file through a synced temporary file beside it,
// renamed over it: after a kill or a power cut it is the old or the new.
func writeFileSynced(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr, os.Chmod(f.Name(), 0o600)); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // the rename survives a power cut, where the system can say so
		d.Close()
	}
	return nil
}
