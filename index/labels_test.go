package index

import (
	"slices"
	"testing"
)

// TestFieldLabel checks that every editable field has a name of its own.
func TestFieldLabel(t *testing.T) {
	seen := map[string]string{}
	for _, f := range EditableFields {
		l := FieldLabel(f)
		if l == f || l == "" {
			t.Errorf("%s has no label", f)
		}
		if o, ok := seen[l]; ok {
			t.Errorf("%s and %s are both %q", o, f, l)
		}
		seen[l] = f
	}
	if FieldLabel(FieldTitle) != "Trích yếu" || FieldLabel("x") != "x" {
		t.Errorf("title %q, unknown %q", FieldLabel(FieldTitle), FieldLabel("x"))
	}
}

// TestDocumentTypes checks the list offered for the type field.
func TestDocumentTypes(t *testing.T) {
	types := DocumentTypes()
	for _, name := range []string{"Quy chế", "Nghị quyết", "Kế hoạch", "Bài viết"} {
		if !slices.Contains(types, name) {
			t.Errorf("%q is missing from %v", name, types)
		}
	}
}
