package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"khovanban/index/classify"
)

func TestPackBetweenArchives(t *testing.T) {
	ctx := context.Background()
	district := newTestArchive(t)
	rep := importDocs(t, district, testDocs)
	kh, bc, ct := idOf(t, rep, "kh-quyet-tam.txt"), idOf(t, rep, "bc-typo.txt"), idOf(t, rep, "ct-dan-van.txt")
	commune := newTestArchive(t)
	importDocs(t, commune, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"], "bc.txt": testDocs["bc-typo.txt"]})

	// The district corrects two fields; the commune corrected one of them
	// differently.
	district.Edit(kh, map[string]string{"signer": "Nguyễn Văn Ân", "notes": "bản gốc"})
	commune.Edit(kh, map[string]string{"signer": "Nguyễn Văn An (đã kiểm tra)"})
	district.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: "campaign", Category: categoryNamed("3 không - 3 cần - 3 quyết tâm")}, nil)

	file := filepath.Join(t.TempDir(), "huyen.kvbpack")
	info, err := district.ExportPack(ctx, Request{Query: "năm:2014-2021"}, "Văn phòng Huyện ủy", file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info.Documents != 4 {
		t.Fatalf("pack has %d documents", info.Documents)
	}
	plan, err := commune.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Info.Office != "Văn phòng Huyện ủy" || len(plan.New) != 2 || len(plan.Same) != 1 || len(plan.Updated) != 1 || len(plan.Conflicts) != 1 {
		t.Fatalf("plan: office %q new %d same %d updated %d conflicts %+v", plan.Info.Office, len(plan.New), len(plan.Same), len(plan.Updated), plan.Conflicts)
	}
	if c := plan.Conflicts[0]; c.ID != kh || c.Field != FieldSigner {
		t.Errorf("conflict %+v", c)
	}
	if len(plan.Categories) != 1 || plan.Categories[0].Name != "3 không - 3 cần - 3 quyết tâm" {
		t.Errorf("new categories %+v", plan.Categories)
	}
	// Keep the commune's signer, take the district's note.
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	d, _ := commune.Get(kh)
	if d.Signer != "Nguyễn Văn An (đã kiểm tra)" || d.Notes != "bản gốc" {
		t.Errorf("merged: signer %q notes %q", d.Signer, d.Notes)
	}
	for _, id := range []string{bc, ct} {
		if _, err := commune.Get(id); err != nil {
			t.Errorf("%s not in the commune archive: %v", id, err)
		}
	}
	res, _ := commune.Search(ctx, Request{Query: "dân vận khéo"})
	if res.Total != 1 {
		t.Errorf("imported document not searchable: %d hits", res.Total)
	}
	// Importing again changes nothing; choosing theirs takes theirs.
	plan, _ = commune.PlanPack(file)
	if len(plan.New) != 0 || len(plan.Conflicts) != 1 {
		t.Errorf("second plan: new %d conflicts %d", len(plan.New), len(plan.Conflicts))
	}
	commune.ApplyPack(ctx, plan, map[int]bool{0: true}, nil)
	if d, _ := commune.Get(kh); d.Signer != "Nguyễn Văn Ân" {
		t.Errorf("after choosing theirs: signer %q", d.Signer)
	}
}

func TestAlteredPackRefused(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	file := filepath.Join(t.TempDir(), "p.kvbpack")
	if _, err := a.ExportPack(ctx, Request{}, "x", file, nil); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(file)
	bad := rewriteZip(t, good, func(name string, data []byte) []byte {
		if filepath.Ext(name) == ".json" && filepath.Dir(name) != "." {
			return append(data[:len(data)-1], []byte(`,"title":"đã bị sửa"}`)...)
		}
		return data
	})
	os.WriteFile(file, bad, 0o644)
	b := newTestArchive(t)
	if _, err := b.PlanPack(file); !errors.Is(err, ErrBadBundle) {
		t.Errorf("altered pack: %v, want ErrBadBundle", err)
	}
	// A backup is not a pack.
	backup := filepath.Join(t.TempDir(), "b.zip")
	Backup(ctx, a.Dir(), backup, nil)
	if _, err := b.PlanPack(backup); !errors.Is(err, ErrBadBundle) {
		t.Errorf("backup as pack: %v", err)
	}
}

func categoryNamed(name string) classify.Category {
	return classify.Category{Name: name, Kind: classify.Campaign, Rules: []classify.Rule{{Kind: classify.Phrase, Terms: []string{name}}}}
}

// TestPackTwins: a pack from the district holds the .htm and .txt of a
// plan whose .docx the commune has; they join the .docx as other formats
// of it, the import says so, and another document of the pack stays apart.
func TestPackTwins(t *testing.T) {
	ctx := context.Background()
	commune := newTestArchive(t)
	dir := t.TempDir()
	writeTwinFiles(t, dir, "ke-hoach.docx")
	docx := idOf(t, importPaths(t, commune, dir), "ke-hoach.docx")

	district := newTestArchive(t)
	dir = t.TempDir()
	writeTwinFiles(t, dir, "kh.htm", "kh.txt")
	rep := importPaths(t, district, dir)
	htm, txt := idOf(t, rep, "kh.htm"), idOf(t, rep, "kh.txt")
	other := idOf(t, importDocs(t, district, map[string]string{"ct.txt": testDocs["ct-dan-van.txt"]}), "ct.txt")
	file := filepath.Join(t.TempDir(), "huyen.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, "Huyện", file, nil); err != nil {
		t.Fatal(err)
	}

	plan, err := commune.PlanPack(file)
	if err != nil || len(plan.New) != 3 {
		t.Fatalf("plan: %v, new %+v", err, plan.New)
	}
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	requireGroup(t, commune, `"bữa cơm đoàn kết"`, docx, htm, txt)
	if d, _ := commune.Get(docx); d.TwinOf != docx {
		t.Errorf("the group's first is %q, want the commune's own .docx", d.TwinOf)
	}
	if d, _ := commune.Get(other); d.TwinOf != "" {
		t.Errorf("a different document joined group %q", d.TwinOf)
	}
	named := map[string]string{}
	for _, it := range plan.Twins {
		named[it.ID] = it.TwinName
	}
	if len(plan.Twins) != 2 || named[htm] == "" || named[txt] == "" {
		t.Errorf("twins reported: %+v, want the .htm and the .txt", plan.Twins)
	}
}

// TestPackOfTypedSearch checks that a pack of the window's search holds
// the documents the window lists: its query read by the same rule as
// SearchAsTyped (the last word unfinished, a phrase whose closing quote
// is still to come read as its words), not as a finished query.
func TestPackOfTypedSearch(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	for _, q := range []string{"quyet ta", `"cán b`, "hòa gi"} {
		req := Request{Query: q, AsYouType: true}
		shown, err := a.SearchAsTyped(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if shown.Total == 0 {
			t.Fatalf("%q finds nothing: the test proves nothing", q)
		}
		info, err := a.ExportPack(ctx, req, "Xã", filepath.Join(t.TempDir(), "p.kvbpack"), nil)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if info.Documents != shown.Total {
			t.Errorf("%q: the pack holds %d documents, the window lists %d", q, info.Documents, shown.Total)
		}
	}
}

// TestPackOfChosenDocuments: a pack of the rows a person ticked holds
// those documents with the other formats of each (one row of the list),
// and not the rest of the list, a document deleted meanwhile or an id
// that is none (usertest finding 44: the ticked rows were ignored).
func TestPackOfChosenDocuments(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	rep := importDocs(t, a, testDocs)
	bc, ct := idOf(t, rep, "bc-typo.txt"), idOf(t, rep, "ct-dan-van.txt")
	dir := t.TempDir()
	writeTwinFiles(t, dir, "kh.txt", "kh.docx")
	twins := importPaths(t, a, dir)
	txt, docx := idOf(t, twins, "kh.txt"), idOf(t, twins, "kh.docx")
	requireGroup(t, a, `"bữa cơm đoàn kết"`, txt, docx)
	if err := a.Delete(ct); err != nil {
		t.Fatal(err)
	}
	d, _ := a.Get(txt)
	file := filepath.Join(t.TempDir(), "chon.kvbpack")
	info, err := a.ExportPackOf(ctx, []string{bc, d.TwinOf, ct, "../../x", bc}, "Xã Tân Hòa", file, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info.Documents != 2 || info.Files != 3 || info.Office != "Xã Tân Hòa" {
		t.Errorf("pack of %d documents, %d files from %q, want 2 documents, 3 files", info.Documents, info.Files, info.Office)
	}
	plan, err := newTestArchive(t).PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, s := range plan.New {
		got[s.ID] = true
	}
	if len(plan.New) != 3 || !got[bc] || !got[txt] || !got[docx] {
		t.Errorf("the pack holds %v, want %s, %s, %s", got, bc, txt, docx)
	}
}

// TestCountsAreDocuments: Stats, a backup, its restore, a pack and its
// plan count documents as the list does (the formats of one text once),
// with the files beside (usertest finding 9: 240 everywhere but 226 in
// the list).
func TestCountsAreDocuments(t *testing.T) {
	ctx := context.Background()
	a := newTestArchive(t)
	importDocs(t, a, testDocs)
	dir := t.TempDir()
	writeTwinFiles(t, dir, "kh.txt", "kh.htm", "kh.docx")
	importPaths(t, a, dir)
	listed, err := a.Search(ctx, Request{})
	if err != nil {
		t.Fatal(err)
	}
	docs, files := len(testDocs)+1, len(testDocs)+3
	if listed.Total != docs {
		t.Fatalf("the list shows %d, want %d", listed.Total, docs)
	}
	st, err := a.Stats(ctx)
	if err != nil || st.Documents != docs || st.Files != files {
		t.Errorf("stats: %d documents, %d files (%v); want %d, %d", st.Documents, st.Files, err, docs, files)
	}
	pack := filepath.Join(t.TempDir(), "p.kvbpack")
	info, err := a.ExportPack(ctx, Request{}, "Xã", pack, nil)
	if err != nil || info.Documents != docs || info.Files != files {
		t.Errorf("pack: %+v %v; want %d documents, %d files", info, err, docs, files)
	}
	plan, err := newTestArchive(t).PlanPack(pack)
	if err != nil || plan.Info.Documents != docs || plan.Info.Files != files {
		t.Errorf("pack plan: %+v %v; want %d documents, %d files", plan.Info, err, docs, files)
	}
	// One document and one group of twins in the Trash.
	bc := listed.Hits[0].ID
	group := ""
	for _, h := range listed.Hits {
		if len(h.Twins) > 0 {
			group = h.ID
		} else {
			bc = h.ID
		}
	}
	if err := a.Delete(bc, group); err != nil {
		t.Fatal(err)
	}
	a.Close()
	backup := filepath.Join(t.TempDir(), "b.zip")
	bi, err := Backup(ctx, a.dir, backup, nil)
	if err != nil || bi.Documents != docs-2 || bi.Files != files-4 || bi.Trash != 2 {
		t.Errorf("backup: %+v %v; want %d documents, %d files, 2 in the Trash", bi, err, docs-2, files-4)
	}
	ri, err := RestoreBackup(ctx, backup, filepath.Join(t.TempDir(), "kho"), nil)
	if err != nil || ri.Documents != docs-2 || ri.Files != files-4 || ri.Trash != 2 {
		t.Errorf("restore: %+v %v; want %d documents, %d files, 2 in the Trash", ri, err, docs-2, files-4)
	}
}
