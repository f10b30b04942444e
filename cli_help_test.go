package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelp: help, -h, -help and --help, for the program or a command,
// print how to use it on standard output and exit 0, touching no archive;
// a command's help says what a clerk needs (the query, the types, the
// fields of edit and how a date is written); a usage mistake shows the
// one command's usage, not all of it.
func TestHelp(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	for _, c := range []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"Cách dùng", "pack import", "khovanban help LỆNH"}},
		{[]string{"help", "search"}, []string{"search [-json]", "không dấu", "Kế hoạch, Kết luận", "loại:\"kế hoạch\""}},
		{[]string{"search", "-h"}, []string{"search [-json]", "Loại văn bản:"}},
		{[]string{"search", "--help"}, []string{"search [-json]"}},
		{[]string{"search", "-json", "-help"}, []string{"search [-json]"}},
		{[]string{"import", "-h"}, []string{"import [-json] PATH", ".docx"}},
		{[]string{"edit", "-h"}, []string{"edit ID field=value", "title      Trích yếu", "date=14/4/2014"}},
		{[]string{"pack", "export", "-h"}, []string{"pack export", "pack import", "loại:, coquan:"}},
		{[]string{"show", "--help"}, []string{"show [-json] ID"}},
	} {
		code, out, errOut := run(t, archive, c.args...)
		if code != 0 || errOut != "" {
			t.Errorf("%q: exit %d, %q", c.args, code, errOut)
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: no %q in\n%s", c.args, w, out)
			}
		}
		if strings.HasPrefix(c.args[0], "search") && strings.Contains(out, "backup FILE") {
			t.Errorf("%q: the whole usage", c.args)
		}
		// pack export has no -type nor -issuer: its help names none.
		if c.args[0] == "pack" && (strings.Contains(out, "-type") || strings.Contains(out, "-issuer")) {
			t.Errorf("%q: the help names options pack lacks:\n%s", c.args, out)
		}
	}
	if _, err := os.Stat(archive); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("help made an archive: %v", err)
	}
	code, _, errOut := run(t, archive, "search", "-limt", "5", "x")
	if code != 2 || !strings.Contains(errOut, "search [-json]") || strings.Contains(errOut, "restore FILE.zip") || !strings.Contains(errOut, "khovanban help search") {
		t.Errorf("a usage mistake: exit %d\n%s", code, errOut)
	}
	for _, arg := range []string{"-h", "-help", "--help"} {
		if _, _, err := parseGlobal([]string{arg}); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("khovanban %s: %v", arg, err)
		}
	}
	t.Setenv("KHOVANBAN_LANG", "en")
	var b bytes.Buffer
	run(t, archive, "help") // switches the language
	printHelp(&b, "edit")
	if !strings.Contains(b.String(), "title      Subject") || !strings.Contains(b.String(), "day/month/year") {
		t.Errorf("in English:\n%s", b.String())
	}
}

// TestReadingNoArchive: a command that only reads, on a folder with no
// archive, says so and makes none.
func TestReadingNoArchive(t *testing.T) {
	t.Setenv("KHOVANBAN_LANG", "vi")
	archive := filepath.Join(t.TempDir(), "kho")
	for _, args := range [][]string{{"search", "x"}, {"stats"}, {"show", "abcd"}, {"review"}} {
		code, _, errOut := run(t, archive, args...)
		if code != 1 || !strings.Contains(errOut, "Chưa có kho văn bản ở "+archive) {
			t.Errorf("%q: exit %d %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(archive); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a reading command made an archive: %v", err)
	}
	os.Mkdir(archive, 0o755)
	if code, _, errOut := run(t, archive, "stats"); code != 1 || !strings.Contains(errOut, "Chưa có kho") {
		t.Errorf("an empty folder: exit %d %q", code, errOut)
	}
}
