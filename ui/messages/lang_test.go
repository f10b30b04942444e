package messages

import (
	"encoding/json"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	"khovanban/index"
)

// moduleRoot is the folder of go.mod, two levels up from this package.
const moduleRoot = "../.."

// usedKeys finds every constant string passed to lang.L in the module's
// packages (the window, the command line, this package), by folder
// relative to the module's root.
func usedKeys(t *testing.T) map[string][]string {
	t.Helper()
	keys := map[string][]string{}
	for dir, files := range moduleFiles(t) {
		if k := packageKeys(t, files); len(k) > 0 {
			keys[dir] = k
		}
	}
	return keys
}

// moduleFiles are the Go files of the module's packages, tests aside, by
// folder relative to the module's root.
func moduleFiles(t *testing.T) map[string][]string {
	t.Helper()
	byDir := map[string][]string{}
	err := filepath.WalkDir(moduleRoot, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != moduleRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist" || name == "bench-data") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			rel, _ := filepath.Rel(moduleRoot, filepath.Dir(path))
			byDir[filepath.ToSlash(rel)] = append(byDir[filepath.ToSlash(rel)], path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return byDir
}

// packageKeys finds the keys passed to lang.L or N in one package's
// files: a string literal, or a string constant of the package.
func packageKeys(t *testing.T, files []string) []string {
	t.Helper()
	var keys []string
	for k := range packageCalls(t, files) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// keyCall tells whether call gives a message key to lang.L or to N (this
// package's, which counts: messages.N outside it, N inside), and which.
func keyCall(call *ast.CallExpr, inMessages bool) (fn string, ok bool) {
	switch f := call.Fun.(type) {
	case *ast.SelectorExpr:
		x, ok := f.X.(*ast.Ident)
		if !ok {
			return "", false
		}
		if x.Name == "lang" && f.Sel.Name == "L" || x.Name == "messages" && f.Sel.Name == "N" {
			return f.Sel.Name, true
		}
	case *ast.Ident:
		if inMessages && f.Name == "N" {
			return "N", true
		}
	}
	return "", false
}

// packageCalls finds, for each key of one package's files, the functions
// it is given to ("L", "N").
func packageCalls(t *testing.T, files []string) map[string]map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	consts := map[string]string{}
	var parsed []*ast.File
	for _, name := range files {
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
	seen := map[string]map[string]bool{}
	add := func(key, fn string) {
		if seen[key] == nil {
			seen[key] = map[string]bool{}
		}
		seen[key][fn] = true
	}
	for _, f := range parsed {
		inMessages := f.Name.Name == "messages"
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, ok := keyCall(call, inMessages)
			if !ok {
				return true
			}
			switch a := call.Args[0].(type) {
			case *ast.BasicLit:
				add(constant.StringVal(constant.MakeFromLiteral(a.Value, a.Kind, 0)), fn)
			case *ast.Ident:
				if v, ok := consts[a.Name]; ok {
					add(v, fn)
				} else {
					t.Errorf("%s: lang.L(%s): not a string constant", fset.Position(a.Pos()), a.Name)
				}
			case *ast.CallExpr:
				// A field's name from index.FieldLabel: TestTranslationsComplete
				// adds every one of them.
				if f, ok := a.Fun.(*ast.SelectorExpr); !ok || f.Sel.Name != "FieldLabel" {
					t.Errorf("%s: lang.L with a computed key", fset.Position(a.Pos()))
				}
			default:
				t.Errorf("%s: lang.L with a computed key", fset.Position(a.Pos()))
			}
			return true
		})
	}
	return seen
}

// fyneKeys are Fyne's own strings (dialogs, menus) that vi.json must give.
var fyneKeys = []string{"Advanced", "Cancel", "Confirm", "Copy", "Create Folder", "Cut", "Enter filename",
	"Error", "Favourites", "File", "Folder", "New Folder", "No", "OK", "Open", "Paste", "Quit", "Redo",
	"Save", "Select all", "Show Hidden Files", "Undo", "Yes", "file.name", "file.parent",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// TestTranslationsComplete checks that both languages have every key the
// window, the command line and this package use, and Vietnamese has
// Fyne's own.
func TestTranslationsComplete(t *testing.T) {
	byDir := usedKeys(t)
	// The scan must see each package that speaks: the window, the command
	// line (the module's root) and this one.
	for dir, least := range map[string]int{"ui": 50, ".": 30, "ui/messages": 30} {
		if len(byDir[dir]) < least {
			t.Errorf("found only %d keys in %s; is the scan broken?", len(byDir[dir]), dir)
		}
	}
	for _, f := range index.EditableFields {
		byDir["index"] = append(byDir["index"], index.FieldLabel(f))
	}
	if os.Getenv("DUMP_KEYS") != "" {
		data, _ := json.MarshalIndent(byDir, "", "  ")
		_ = os.WriteFile(os.Getenv("DUMP_KEYS"), data, 0o644)
	}
	for _, code := range []string{Vietnamese, English} {
		data, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s.json: %v", code, err)
		}
		for dir, keys := range byDir {
			for _, k := range keys {
				if _, ok := m[k]; !ok {
					t.Errorf("%s.json lacks %q (used in %s)", code, k, dir)
				}
			}
		}
		if code == Vietnamese {
			for _, k := range fyneKeys {
				if _, ok := m[k]; !ok {
					t.Errorf("vi.json lacks Fyne's %q", k)
				}
			}
		}
	}
}

// TestUseLanguage switches between Vietnamese and English, with no app
// running, as the command line does.
func TestUseLanguage(t *testing.T) {
	t.Cleanup(func() { UseLanguage(Vietnamese) })
	UseLanguage(English)
	if got := lang.L("Nhập tệp…"); got != "Import files…" {
		t.Errorf("English: %q", got)
	}
	UseLanguage(Vietnamese)
	if got := lang.L("Cancel"); got != "Hủy" {
		t.Errorf("Vietnamese Cancel: %q", got)
	}
	if got := lang.L("Nhập tệp…"); got != "Nhập tệp…" {
		t.Errorf("Vietnamese: %q", got)
	}
}

// indexLiterals are the string literals of the index packages' Go files
// (tests aside): a reason phrase (see Reason) is part of one that
// index/meta writes.
func indexLiterals(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(filepath.Join(moduleRoot, "index"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != moduleRoot && (strings.HasPrefix(name, ".") || name == "testdata" || name == "dist" || name == "bench-data") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				out = append(out, constant.StringVal(constant.MakeFromLiteral(lit.Value, lit.Kind, 0)))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNoUnusedTranslations: every key of the translation files is given to
// lang.L somewhere, is one of Fyne's own, a field's name, or a phrase of a
// reason that index writes (part of a string literal there). A key left
// behind by a change of wording fails here, so the files do not fill up
// with text nobody sees.
func TestNoUnusedTranslations(t *testing.T) {
	used := map[string]bool{}
	for _, keys := range usedKeys(t) {
		for _, k := range keys {
			used[k] = true
		}
	}
	for _, k := range fyneKeys {
		used[k] = true
		used[k+".short"] = true // the calendar's day names
	}
	for _, f := range index.EditableFields {
		used[index.FieldLabel(f)] = true
	}
	lits := indexLiterals(t)
	data, err := assets.Translations.ReadFile("translations/" + Vietnamese + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	var unused []string
	for k := range m {
		if used[k] || slices.ContainsFunc(lits, func(l string) bool { return strings.Contains(l, k) }) {
			continue
		}
		unused = append(unused, k)
	}
	sort.Strings(unused)
	for _, k := range unused {
		t.Errorf("translation key used nowhere: %q", k)
	}
}
