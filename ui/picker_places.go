package ui

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// The operating system's places for the picker: the person's folders
// (home, desktop, documents, downloads, named in their language on Linux),
// USB sticks and other mounted disks, the drives on Windows, and how a
// path splits into breadcrumbs.

// place is a shortcut in the picker's side list.
type place struct {
	label, path string
	icon        fyne.Resource
}

// places are the shortcuts: the person's folders, USB sticks and the
// computer (its drives on Windows), those that exist.
func places() []place {
	var out []place
	add := func(label, path string, icon fyne.Resource) {
		if path == "" || slices.ContainsFunc(out, func(o place) bool { return o.path == path }) {
			return
		}
		if st, err := os.Stat(path); err == nil && st.IsDir() {
			out = append(out, place{label, path, icon})
		}
	}
	if h, err := os.UserHomeDir(); err == nil {
		add(lang.L("Thư mục cá nhân"), h, theme.HomeIcon())
		dirs := userDirs(h, os.ReadFile)
		add(lang.L("Màn hình nền"), dirs["DESKTOP"], theme.DesktopIcon())
		add(lang.L("Tài liệu"), dirs["DOCUMENTS"], theme.DocumentIcon())
		add(lang.L("Tải về"), dirs["DOWNLOAD"], theme.DownloadIcon())
	}
	if runtime.GOOS == "windows" {
		out = append(out, place{lang.L("Máy tính"), "", theme.ComputerIcon()})
		for _, d := range listDrives(os.Stat) {
			add(lang.L("Ổ đĩa {{.Drive}}", map[string]any{"Drive": d}), d, theme.StorageIcon())
		}
		return out
	}
	// USB sticks and other mounted disks.
	if u := os.Getenv("USER"); u != "" {
		for _, base := range []string{"/media/" + u, "/run/media/" + u} {
			des, _ := os.ReadDir(base)
			for _, de := range des {
				add(de.Name(), filepath.Join(base, de.Name()), theme.StorageIcon())
			}
		}
	}
	add(lang.L("Máy tính"), "/", theme.ComputerIcon())
	return out
}

// userDirs finds the Desktop, Documents and Download folders: those of
// ~/.config/user-dirs.dirs on Linux (named in the person's language), else
// the usual English names under home.
func userDirs(home string, readFile func(string) ([]byte, error)) map[string]string {
	dirs := map[string]string{
		"DESKTOP":   filepath.Join(home, "Desktop"),
		"DOCUMENTS": filepath.Join(home, "Documents"),
		"DOWNLOAD":  filepath.Join(home, "Downloads"),
	}
	if runtime.GOOS == "windows" {
		return dirs
	}
	data, err := readFile(filepath.Join(home, ".config", "user-dirs.dirs"))
	if err != nil {
		return dirs
	}
	for _, line := range strings.Split(string(data), "\n") {
		key, val, ok := strings.Cut(strings.TrimSpace(line), "=")
		name, isDir := strings.CutPrefix(key, "XDG_")
		name, isDir2 := strings.CutSuffix(name, "_DIR")
		if !ok || !isDir || !isDir2 {
			continue
		}
		if _, wanted := dirs[name]; !wanted {
			continue
		}
		val = strings.Trim(val, `"`)
		val = strings.Replace(val, "$HOME", home, 1)
		if filepath.IsAbs(val) && filepath.Clean(val) != filepath.Clean(home) {
			dirs[name] = val
		}
	}
	return dirs
}

// listDrives lists the drives C:\ to Z:\ that answer stat (A: and B:
// are floppy drives, slow to ask).
func listDrives(stat func(string) (os.FileInfo, error)) []string {
	var out []string
	for c := 'C'; c <= 'Z'; c++ {
		d := string(c) + `:\`
		if _, err := stat(d); err == nil {
			out = append(out, d)
		}
	}
	return out
}

// crumb is one step of a path.
type crumb struct{ label, path string }

// crumbs splits dir into its folders from the top: the computer ("", the
// drives on Windows, / elsewhere), then each folder.
func crumbs(dir string, windows bool) []crumb {
	if windows {
		out := []crumb{{"", ""}}
		if dir == "" {
			return out
		}
		vol := filepath.VolumeName(dir)
		out = append(out, crumb{vol + `\`, vol + `\`})
		at := vol + `\`
		for _, part := range strings.FieldsFunc(dir[len(vol):], func(r rune) bool { return r == '\\' || r == '/' }) {
			at = filepath.Join(at, part)
			out = append(out, crumb{part, at})
		}
		return out
	}
	out := []crumb{{"", "/"}}
	at := "/"
	for _, part := range strings.Split(strings.Trim(dir, "/"), "/") {
		if part == "" {
			continue
		}
		at = filepath.Join(at, part)
		out = append(out, crumb{part, at})
	}
	return out
}

// parent is the folder above dir: "" (the drives) above a Windows drive.
func parent(dir string) string {
	if dir == "" {
		return ""
	}
	up := filepath.Dir(dir)
	if up == dir {
		if runtime.GOOS == "windows" {
			return ""
		}
		return dir
	}
	return up
}
