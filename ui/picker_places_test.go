package ui

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCrumbs(t *testing.T) {
	if got := crumbs("/home/an/Tài liệu", false); !slices.Equal(got, []crumb{{"", "/"}, {"home", "/home"}, {"an", "/home/an"}, {"Tài liệu", "/home/an/Tài liệu"}}) {
		t.Errorf("unix: %v", got)
	}
	if got := crumbs("/", false); len(got) != 1 {
		t.Errorf("root: %v", got)
	}
	if got := crumbs("", true); !slices.Equal(got, []crumb{{"", ""}}) {
		t.Errorf("windows computer: %v", got)
	}
}

func TestListDrives(t *testing.T) {
	have := map[string]bool{`C:\`: true, `D:\`: true, `G:\`: true}
	got := listDrives(func(p string) (os.FileInfo, error) {
		if have[p] {
			return nil, nil
		}
		return nil, os.ErrNotExist
	})
	if !slices.Equal(got, []string{`C:\`, `D:\`, `G:\`}) {
		t.Errorf("drives %v", got)
	}
}

func TestUserDirs(t *testing.T) {
	conf := "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Màn hình nền\"\nXDG_DOWNLOAD_DIR=\"$HOME/Tải xuống\"\nXDG_DOCUMENTS_DIR=\"$HOME/\"\nXDG_MUSIC_DIR=\"$HOME/Nhạc\"\n"
	dirs := userDirs("/home/an", func(string) ([]byte, error) { return []byte(conf), nil })
	want := map[string]string{"DESKTOP": "/home/an/Màn hình nền", "DOWNLOAD": "/home/an/Tải xuống", "DOCUMENTS": "/home/an/Documents"}
	for k, v := range want {
		if dirs[k] != v {
			t.Errorf("%s: %q, want %q", k, dirs[k], v)
		}
	}
	if len(dirs) != 3 {
		t.Errorf("dirs %v", dirs)
	}
}

// TestPickerPlaces chooses the home folder in the side list, whose rows
// show each place's name.
func TestPickerPlaces(t *testing.T) {
	h := newHarness(t, false)
	home := t.TempDir()
	t.Setenv("HOME", home)
	writeTree(t, home, map[string]string{"Desktop/tb-1.txt": notice("1"), "tb-2.txt": notice("2")})
	p := h.v.importFiles()
	i := slices.IndexFunc(p.places, func(pl place) bool { return pl.path == home })
	if i < 0 || p.places[i].label != "Thư mục cá nhân" {
		t.Fatalf("places %v", p.places)
	}
	if j := slices.IndexFunc(p.places, func(pl place) bool { return pl.path == filepath.Join(home, "Desktop") }); j < 0 || p.places[j].label != "Màn hình nền" {
		t.Errorf("no desktop in %v", p.places)
	}
	row := newPlaceRow()
	row.set(p.places[i])
	if row.label.Text != "Thư mục cá nhân" || row.icon.Resource == nil {
		t.Errorf("row shows %q, icon %v", row.label.Text, row.icon.Resource)
	}
	p.open(filepath.Join(home, "Desktop"))
	p.side.Select(i)
	if p.dir != home || !slices.Equal(entryNames(p), []string{"Desktop", "tb-2.txt"}) {
		t.Errorf("home place opened %q showing %v", p.dir, entryNames(p))
	}
}
