package index

import (
	"reflect"
	"strings"
	"unicode"
)

// cleanPackDoc takes out of what a pack says of a document the control
// characters that no document of an archive holds (the importer drops
// them from names and text), so that a forged pack's title, names or
// notes cannot drive the terminal that lists them (move the cursor,
// erase the warning that the pack is unsigned, set the clipboard) nor
// start a line of their own in the command line's listing. The text and
// the notes keep their line breaks and tabs; every other string, in
// lists and citations too, its words only: a control character becomes a
// space. Ids, sums and formats are checked before (checkDocument) and
// have none.
func cleanPackDoc(d *Document) {
	cleanStrings(reflect.ValueOf(d).Elem(), "")
}

func cleanStrings(v reflect.Value, field string) {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); strings.IndexFunc(s, unicode.IsControl) >= 0 {
			v.SetString(withoutControls(s, field == "Text" || field == "Notes"))
		}
	case reflect.Struct:
		if v.Type().PkgPath() != "" && v.Type().Name() == "Time" {
			return
		}
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				cleanStrings(v.Field(i), f.Name)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			cleanStrings(v.Index(i), field)
		}
	case reflect.Map:
		if v.Type().Elem().Kind() != reflect.String {
			return
		}
		for _, k := range v.MapKeys() {
			if s := v.MapIndex(k).String(); strings.IndexFunc(s, unicode.IsControl) >= 0 {
				v.SetMapIndex(k, reflect.ValueOf(withoutControls(s, false)).Convert(v.Type().Elem()))
			}
		}
	}
}

// withoutControls is s with each control character a space, but line
// feeds and tabs where lines are kept; carriage returns are dropped there.
func withoutControls(s string, lines bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case !unicode.IsControl(r):
			return r
		case lines && (r == '\n' || r == '\t'):
			return r
		case lines && r == '\r':
			return -1
		}
		return ' '
	}, s)
}
