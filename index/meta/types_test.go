package meta

import (
	"slices"
	"testing"
)

// TestTypes checks that the list of types holds every type the reader
// can give, once each.
func TestTypes(t *testing.T) {
	types := Types()
	for _, name := range []string{"Quy chế", "Bài viết", "Kế hoạch", "Nghị quyết liên tịch", "Thông tư", "Công điện"} {
		if !slices.Contains(types, name) {
			t.Errorf("%q is missing from %v", name, types)
		}
	}
	for _, tn := range typeNames {
		if !slices.Contains(types, tn.name) {
			t.Errorf("type line %q is missing", tn.name)
		}
	}
	for code, name := range typeCodes {
		if !slices.Contains(types, name) {
			t.Errorf("code %s's %q is missing", code, name)
		}
	}
	if typ, ok := typeByCode("TT", false); !ok || !slices.Contains(types, typ) {
		t.Errorf("state TT: %q", typ)
	}
	seen := map[string]bool{}
	for _, name := range types {
		if seen[name] {
			t.Errorf("%q twice", name)
		}
		seen[name] = true
	}
	if i, j := slices.Index(types, "Báo cáo"), slices.Index(types, "Đề án"); i > j || j > slices.Index(types, "Hướng dẫn") {
		t.Errorf("not in alphabetical order: %v", types)
	}
}
