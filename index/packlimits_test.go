package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khovanban/index/classify"
)

// forgedCategoriesPack exports a pack of docs from a new archive and
// rewrites its categories file to cats, unsigned, as a forger would.
func forgedCategoriesPack(t *testing.T, docs map[string]string, cats []classify.Category) string {
	t.Helper()
	sender := newTestArchive(t)
	importDocs(t, sender, docs)
	file := filepath.Join(t.TempDir(), "gui.kvbpack")
	if _, err := sender.ExportPack(context.Background(), Request{}, "Xã A", file, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	catData, _ := json.Marshal(cats)
	data = forge(t, data, true, func(name string, d []byte) (string, []byte) {
		if name == packCategories {
			return name, catData
		}
		return name, d
	})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestPackCategoriesBounded: a forged pack brings categories over every
// bound (a name of 5,000 letters, 5,000 terms in a rule, an expression
// that compiles to 50,000 steps, a rule that does not compile, an
// unknown kind) and more new categories than one pack may add. The plan
// leaves each out and says why; the rest (a name with an escape
// sequence, cleaned) and the pack's documents are imported; the
// campaign the person made before is kept as it was.
func TestPackCategoriesBounded(t *testing.T) {
	ctx := context.Background()
	rules := func(kind classify.RuleKind, terms ...string) []classify.Rule {
		return []classify.Rule{{Kind: kind, Terms: terms}}
	}
	many := make([]string, 5000)
	for i := range many {
		many[i] = fmt.Sprintf("từ %d", i)
	}
	bad := []struct {
		cat  classify.Category
		part classify.SizePart
		err  error
	}{
		{classify.Category{Name: strings.Repeat("dài ", 1250), Kind: classify.Campaign, Rules: rules(classify.Any, "dài")}, classify.SizeName, nil},
		{classify.Category{Name: "Nhiều từ", Kind: classify.Campaign, Rules: rules(classify.Any, many...)}, classify.SizeTerms, nil},
		{classify.Category{Name: "Biểu thức lớn", Kind: classify.Topic, Rules: rules(classify.Regex, "(nông thôn mới|dân vận khéo|tổ chức thực hiện){900}")}, classify.SizeExpression, nil},
		{classify.Category{Name: "Biểu thức hỏng", Kind: classify.Topic, Rules: rules(classify.Regex, "((nông")}, "", classify.ErrInvalidRule},
		{classify.Category{Name: "Loại lạ", Kind: "virus", Rules: rules(classify.Any, "lạ")}, "", classify.ErrInvalid},
	}
	var cats []classify.Category
	for _, b := range bad {
		cats = append(cats, b.cat)
	}
	cats = append(cats, classify.Category{Name: "Dân vận\x1b[2J khéo\r mới", Kind: classify.Campaign, Description: "dòng 1\ndòng 2\x07",
		Rules: rules(classify.Phrase, "dân vận\x1b khéo")})
	for i := range 8 {
		cats = append(cats, categoryNamed(fmt.Sprintf("Phong trào số %d", i)))
	}
	cats = append(cats, categoryNamed("phong trào  SỐ 1")) // the same name as one before: once
	file := forgedCategoriesPack(t, distinctDocs(3, 7), cats)

	commune := newTestArchive(t)
	mine := categoryNamed("Của xã")
	if err := commune.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: classify.Campaign, Category: mine}, nil); err != nil {
		t.Fatal(err)
	}
	before := commune.registry().Len()
	lim := defaultBundleLimits()
	lim.categories = 5
	plan, err := commune.planPack(file, lim)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Categories) != 5 || plan.Categories[0].Name != "Dân vận [2J khéo  mới" || plan.Categories[0].Description != "dòng 1\ndòng 2 " ||
		plan.Categories[0].Rules[0].Terms[0] != "dân vận  khéo" {
		t.Errorf("categories to add: %+v", plan.Categories)
	}
	if len(plan.Refused) != len(bad)+4 {
		t.Fatalf("refused %d: %+v", len(plan.Refused), plan.Refused)
	}
	for i, b := range bad {
		r := plan.Refused[i]
		var se *classify.SizeError
		switch {
		case b.part != "" && (!errors.As(r.Err, &se) || se.Part != b.part):
			t.Errorf("%.40q: %v, want %s too large", b.cat.Name, r.Err, b.part)
		case b.err != nil && !errors.Is(r.Err, b.err):
			t.Errorf("%.40q: %v, want %v", b.cat.Name, r.Err, b.err)
		case len([]rune(r.Name)) > classify.MaxNameRunes:
			t.Errorf("refused name of %d letters", len([]rune(r.Name)))
		}
	}
	for _, r := range plan.Refused[len(bad):] {
		if !errors.Is(r.Err, ErrTooManyCategories) {
			t.Errorf("%q: %v, want too many", r.Name, r.Err)
		}
	}
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := commune.registry().Len(); n != before+5 {
		t.Errorf("registry holds %d categories, want %d", n, before+5)
	}
	got := commune.Categories(classify.Campaign)
	if !slicesContainsName(got, "Của xã") {
		t.Errorf("the commune's own campaign is gone: %+v", got)
	}
	if res, _ := commune.Search(ctx, Request{}); res.Total != 3 {
		t.Errorf("%d documents imported, want the pack's 3", res.Total)
	}

	// The registry full: nothing more is added, the pack's documents are.
	lim.registry = commune.registry().Len()
	plan, err = commune.planPack(file, lim)
	if err != nil || len(plan.Categories) != 0 || len(plan.Refused) != len(bad)+4 {
		t.Fatalf("full registry: %v, %d to add, %d refused", err, len(plan.Categories), len(plan.Refused))
	}
}

func slicesContainsName(cats []classify.Category, name string) bool {
	for _, c := range cats {
		if c.Name == name {
			return true
		}
	}
	return false
}

// TestPackCategoriesFileBounded: a pack whose categories file is over
// its bound is refused whole before anything is read into the archive.
func TestPackCategoriesFileBounded(t *testing.T) {
	long := classify.Category{Name: "Dài", Kind: classify.Campaign, Description: strings.Repeat("x", 64<<10)}
	file := forgedCategoriesPack(t, distinctDocs(1, 9), []classify.Category{long})
	a := newTestArchive(t)
	lim := defaultBundleLimits()
	lim.categoriesBytes = 32 << 10
	_, err := a.planPack(file, lim)
	var be *BundleError
	if !errors.As(err, &be) || be.Reason != BundleTooLarge || be.Entry != packCategories || be.Limit != lim.categoriesBytes {
		t.Fatalf("categories file over its bound: %v", err)
	}
}

// TestPackDocumentMetadataBounded: a forged pack whose document says 64 KB
// of notes (a few hundred bytes zipped) is refused while it is planned,
// naming the entry, when one document's details may hold 32 KB; and when
// all its documents' details together go over their bound. The plan,
// which holds every document but its text, never holds more.
func TestPackDocumentMetadataBounded(t *testing.T) {
	sender := newTestArchive(t)
	importDocs(t, sender, distinctDocs(3, 11))
	file := filepath.Join(t.TempDir(), "gui.kvbpack")
	if _, err := sender.ExportPack(context.Background(), Request{}, "Xã A", file, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var big string
	data = forge(t, data, true, func(name string, d []byte) (string, []byte) {
		if _, ok := isDocEntry(name); !ok || big != "" {
			return name, d
		}
		var m map[string]any
		json.Unmarshal(d, &m)
		m["notes"] = strings.Repeat("ghi chú ", 8<<10)
		d, _ = json.Marshal(m)
		big = name
		return name, d
	})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a := newTestArchive(t)
	lim := defaultBundleLimits()
	lim.meta = 32 << 10
	_, err = a.planPack(file, lim)
	var be *BundleError
	if !errors.As(err, &be) || be.Reason != BundleTooLarge || be.Entry != big || be.Limit != lim.meta {
		t.Fatalf("a document of 64 KB of notes: %v, want %s too large", err, big)
	}
	lim = defaultBundleLimits()
	lim.metaTotal = 64 << 10
	if _, err = a.planPack(file, lim); !errors.As(err, &be) || be.Reason != BundleTooLarge || be.Entry != "" || be.Limit != lim.metaTotal {
		t.Fatalf("documents over 64 KB together: %v, want the pack too large", err)
	}
	if plan, err := a.PlanPack(file); err != nil || len(plan.New) != 3 {
		t.Fatalf("within the default bounds: %v", err)
	}
}

// exportUnchecked writes a signed pack of every document of a as a forger
// would, whose office name ExportPack itself refuses.
func exportUnchecked(t *testing.T, a *Archive, office, file string) {
	t.Helper()
	ctx := context.Background()
	ids, err := a.allIDs(ctx, Request{})
	if err == nil {
		_, err = a.exportPack(ctx, ids, office, file, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportRefusesAnOfficeNamePacksCannotCarry: the name a person gives
// their packs is checked as a receiving archive checks it. One over 200
// letters, or with a line break, an escape or a direction override, is
// refused by ExportPack and ExportPackOf before any file is written
// (before, the pack was written and every office it went to refused it);
// one with Cyrillic letters is written, and OfficeLookalikes names them
// for the person to be told.
func TestExportRefusesAnOfficeNamePacksCannotCarry(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	var ids []string
	for _, it := range importDocs(t, a, distinctDocs(1, 2)).Items {
		ids = append(ids, it.ID)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		office string
		want   error
	}{
		{strings.Repeat("Đảng ủy ", 30), ErrOfficeNameTooLong},
		{"Xã A\nChữ ký: hợp lệ", ErrOfficeNameControls},
		{"Xã A\x1b[2J", ErrOfficeNameControls},
		{"\u202eA áX", ErrOfficeNameControls},
		{"Huyện \u2066ủy\u2069", ErrOfficeNameControls},
		{strings.Repeat("Đảng ủy ", 25), nil},
		{"Huyện ủy Сhợ Mới", nil},
		{"", nil},
	} {
		if got := CheckOfficeName(c.office); got != c.want {
			t.Errorf("CheckOfficeName(%.40q) = %v, want %v", c.office, got, c.want)
		}
		file := filepath.Join(dir, "p.kvbpack")
		_, err1 := a.ExportPack(ctx, Request{}, c.office, file, nil)
		_, err2 := a.ExportPackOf(ctx, ids, c.office, filepath.Join(dir, "q.kvbpack"), nil)
		if !errors.Is(err1, c.want) || !errors.Is(err2, c.want) || c.want == nil && (err1 != nil || err2 != nil) {
			t.Errorf("export as %.40q: %v, %v; want %v", c.office, err1, err2, c.want)
		}
		left, _ := os.ReadDir(dir)
		if c.want != nil && len(left) != 0 {
			t.Errorf("export as %.40q refused, but left %d files", c.office, len(left))
		}
		for _, e := range left {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	if got := OfficeLookalikes("Huyện ủy Сhợ Mới"); got != "С" {
		t.Errorf("OfficeLookalikes: %q, want the Cyrillic С", got)
	}
	if got := OfficeLookalikes("Huyện ủy Chợ Mới"); got != "" {
		t.Errorf("OfficeLookalikes of a Vietnamese name: %q", got)
	}
}

// TestPackOfficeNameBounded: a signed pack whose office name is longer
// than any office's, or holds a carriage return (which would overwrite
// the command line's warning with "Chữ ký: hợp lệ"), an escape sequence
// or a right-to-left override, is refused before anything is shown; a
// name with a zero-width space pasted in is planned.
func TestPackOfficeNameBounded(t *testing.T) {
	sender := newTestArchive(t)
	importDocs(t, sender, distinctDocs(1, 13))
	a := newTestArchive(t)
	dir := t.TempDir()
	for i, c := range []struct {
		office string
		ok     bool
	}{
		{strings.Repeat("Đảng ủy ", 30), false},
		{"Xã A\rChữ ký: hợp lệ, đúng khóa đã biết", false},
		{"Xã A\x1b[1A\x1b[2K", false},
		{"Xã A\n  Chữ ký: hợp lệ", false},
		{"\u202eA áX", false},
		{"Huyện \u2066ủy\u2069", false},
		{"Đảng ủy xã\u200b Kiến An", true},
		{strings.Repeat("Đảng ủy ", 25), true},
	} {
		file := filepath.Join(dir, fmt.Sprintf("p%d.kvbpack", i))
		exportUnchecked(t, sender, c.office, file)
		_, err := a.PlanPack(file)
		var be *BundleError
		switch {
		case c.ok && err != nil:
			t.Errorf("%.40q: %v", c.office, err)
		case !c.ok && (!errors.As(err, &be) || be.Reason != BundleBadOffice):
			t.Errorf("%.40q: %v, want the office name refused", c.office, err)
		}
	}
}

// TestPackListsBounded: a forged pack's document (unsigned, sums
// recomputed) says 5,000 recipients, 300 campaigns, 3,000 citations, 100
// warnings, 1,000 not-twins and 100 provenance notes, well within its
// megabyte. The plan says each list it cuts, and to how many; import
// stores the first entries of each, up to its bound (before, every entry
// was stored and shown); the pack's other document is untouched.
func TestPackListsBounded(t *testing.T) {
	ctx := context.Background()
	sender := newTestArchive(t)
	importDocs(t, sender, distinctDocs(2, 21))
	file := filepath.Join(t.TempDir(), "gui.kvbpack")
	if _, err := sender.ExportPack(ctx, Request{}, "Xã A", file, nil); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	list := func(n int, f func(i int) any) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	var forgedID string
	data = forge(t, data, true, func(name string, d []byte) (string, []byte) {
		if _, ok := isDocEntry(name); !ok || forgedID != "" {
			return name, d
		}
		var m map[string]any
		json.Unmarshal(d, &m)
		forgedID = m["id"].(string)
		m["recipients"] = list(5000, func(i int) any { return fmt.Sprintf("Chi bộ %d", i) })
		m["campaigns"] = list(300, func(i int) any { return fmt.Sprintf("Phong trào %03d", i) })
		m["citations"] = list(3000, func(i int) any { return map[string]any{"type": "Nghị quyết", "number": fmt.Sprintf("%d-NQ/TW", i)} })
		m["warnings"] = list(100, func(i int) any { return fmt.Sprintf("w%d", i) })
		m["not_twins"] = list(1000, func(i int) any { return fmt.Sprintf("%016x", i) })
		fields := map[string]any{}
		for i := range 100 {
			fields[fmt.Sprintf("f%03d", i)] = map[string]any{"origin": "read"}
		}
		m["fields"] = fields
		d, _ = json.Marshal(m)
		return name, d
	})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	a := newTestArchive(t)
	plan, err := a.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{FieldCampaigns: {300, 100}, ListRecipients: {5000, 200}, ListCitations: {3000, 1000},
		ListWarnings: {100, 32}, ListNotTwins: {1000, 500}, ListFields: {100, 64}}
	got := map[string][2]int{}
	for _, c := range plan.Cut {
		if c.ID != forgedID {
			t.Errorf("cut %s of %s, not the forged document", c.List, c.ID)
		}
		got[c.List] = [2]int{c.Had, c.Kept}
	}
	if !maps.Equal(got, want) {
		t.Errorf("plan's cuts: %v, want %v", got, want)
	}
	if err := a.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	d, err := a.Get(forgedID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Recipients) != 200 || d.Recipients[199] != "Chi bộ 199" || len(d.Campaigns) > 100 || len(d.Citations) != 1000 ||
		len(d.Warnings) != 32 || len(d.NotTwins) != 500 || len(d.Fields) > 64+len(EditableFields) {
		t.Errorf("stored: %d recipients, %d campaigns, %d citations, %d warnings, %d not-twins, %d fields",
			len(d.Recipients), len(d.Campaigns), len(d.Citations), len(d.Warnings), len(d.NotTwins), len(d.Fields))
	}
	if st, err := a.Stats(ctx); err != nil || st.Files != 2 {
		t.Errorf("after the import: %+v, %v; want 2 files", st, err)
	}
}
