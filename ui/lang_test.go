package ui

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"khovanban/assets"
)

// usedKeys finds every constant string passed to lang.L in the package.
func usedKeys(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
							consts[n.Name] = constant.StringVal(constant.MakeFromLiteral(lit.Value, lit.Kind, 0))
						}
					}
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "L" {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); !ok || x.Name != "lang" {
				return true
			}
			switch a := call.Args[0].(type) {
			case *ast.BasicLit:
				seen[constant.StringVal(constant.MakeFromLiteral(a.Value, a.Kind, 0))] = true
			case *ast.Ident:
				if v, ok := consts[a.Name]; ok {
					seen[v] = true
				} else {
					t.Errorf("%s: lang.L(%s): not a string constant", fset.Position(a.Pos()), a.Name)
				}
			default:
				t.Errorf("%s: lang.L with a computed key", fset.Position(a.Pos()))
			}
			return true
		})
	}
	var keys []string
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// fyneKeys are Fyne's own strings (dialogs, menus) that vi.json must give.
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
	"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// TestTranslationsComplete checks that both languages have every key the
// window uses, and Vietnamese has Fyne's own.
func TestTranslationsComplete(t *testing.T) {
	keys := usedKeys(t)
	if len(keys) < 50 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	if os.Getenv("DUMP_KEYS") != "" {
		data, _ := json.MarshalIndent(keys, "", "  ")
		_ = os.WriteFile(os.Getenv("DUMP_KEYS"), data, 0o644)
	}
	for _, code := range []string{"vi", "en"} {
		data, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json lacks %q", code, k)
			}
		}
		if code == "vi" {
			for _, k := range fyneKeys {
				if _, ok := m[k]; !ok {
					t.Errorf("vi.json lacks Fyne's %q", k)
				}
			}
		}
	}
}

// TestUseLanguage switches between Vietnamese and English.
func TestUseLanguage(t *testing.T) {
	test.NewTempApp(t)
	UseLanguage("en")
	if got := lang.L("Nhập tệp"); got != "Import files" {
		t.Errorf("English: %q", got)
	}
	UseLanguage("vi")
	if got := lang.L("Cancel"); got != "Hủy" {
		t.Errorf("Vietnamese Cancel: %q", got)
	}
	if got := lang.L("Nhập tệp"); got != "Nhập tệp" {
		t.Errorf("Vietnamese: %q", got)
	}
}

// TestQuietUnderCLocale starts this test binary again under the locales
// of CI machines and services and checks that Fyne, whose lang package
// reads the locale while the program starts, says nothing about it, and
// that the window speaks Vietnamese.
func TestQuietUnderCLocale(t *testing.T) {
	if os.Getenv("KHOVANBAN_LOCALE_CHILD") != "" {
		test.NewTempApp(t)
		UseLanguage("vi")
		fmt.Println("Cancel=" + lang.L("Cancel"))
		return
	}
	if runtime.GOOS == "windows" {
		t.Skip("no C locale")
	}
	for _, l := range []string{"C", "C.UTF-8", "POSIX", ""} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestQuietUnderCLocale$", "-test.v")
		for _, kv := range os.Environ() {
			if name, _, _ := strings.Cut(kv, "="); name != "LANG" && name != "LANGUAGE" && !strings.HasPrefix(name, "LC_") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "KHOVANBAN_LOCALE_CHILD=1")
		if l != "" {
			cmd.Env = append(cmd.Env, "LANG="+l)
		}
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("LANG=%q: %v\n%s%s", l, err, stdout.String(), stderr.String())
		}
		if out := stdout.String() + stderr.String(); strings.Contains(out, "locale") || strings.Contains(out, "Fyne error") {
			t.Errorf("LANG=%q: Fyne complained:\n%s", l, out)
		}
		if !strings.Contains(stdout.String(), "Cancel=Hủy") {
			t.Errorf("LANG=%q: not Vietnamese:\n%s", l, stdout.String())
		}
	}
}
