package index

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// distinctDocs are n plans, each its own text (no two twins).
func distinctDocs(n int, seed uint64) map[string]string {
	words := strings.Fields("chi bộ đảng viên thôn xóm hội nông dân phụ nữ đoàn thanh niên cựu chiến binh mặt trận tổ quốc ủy ban nhân dân xã huyện tỉnh ruộng lúa đường điện trường trạm")
	rng := rand.New(rand.NewPCG(seed, 7))
	docs := map[string]string{}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "KẾ HOẠCH\nSố %d-KH/ĐU\nVề việc thực hiện phong trào năm %d\n\n", 100+i+int(seed)*1000, 2010+i%10)
		for range 90 {
			b.WriteString(words[rng.IntN(len(words))] + " ")
		}
		docs[fmt.Sprintf("kh%d-%03d.txt", seed, i)] = b.String()
	}
	return docs
}

// TestPackOverwrittenWhileImported: a pack saved again under its name (a
// newer pack from the district over the old one) while it is being
// imported. What is read from then on is not the pack planned: the import
// stops at the next batch with *PackStoppedError, which says how many of
// the pack's documents are stored (each batch whole: those and no other
// in the archive, with their originals, searchable, Check clean) and that
// the pack's campaign was added; the pack imported again (intact) adds the
// rest and finds the first ones there: every document once. Before, the
// import failed with the pack's *BundleError alone, which the window and
// the command line say as "nothing was changed".
func TestPackOverwrittenWhileImported(t *testing.T) {
	ctx := context.Background()
	old := packBatchDocs
	packBatchDocs = 3
	t.Cleanup(func() { packBatchDocs = old })

	district := newTestArchive(t)
	importDocs(t, district, distinctDocs(10, 1))
	camp := categoryNamed("Phong trào thi đua")
	camp.Rules[0].Terms = []string{"thực hiện phong trào"} // every plan's title
	if err := district.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: "campaign", Category: camp}, nil); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "huyen.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, "Huyện ủy", file, nil); err != nil {
		t.Fatal(err)
	}
	intact, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The newer pack, saved over it.
	other := newTestArchive(t)
	importDocs(t, other, distinctDocs(4, 2))
	newer := filepath.Join(t.TempDir(), "moi.kvbpack")
	if _, err := other.ExportPack(ctx, Request{}, "Huyện ủy", newer, nil); err != nil {
		t.Fatal(err)
	}
	newerBytes, err := os.ReadFile(newer)
	if err != nil {
		t.Fatal(err)
	}

	commune := newTestArchive(t)
	plan, err := commune.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.New) != 10 || len(plan.Categories) != 1 {
		t.Fatalf("plan: %d new, %d categories; want 10, 1", len(plan.New), len(plan.Categories))
	}
	var ids []string
	for _, s := range plan.New {
		ids = append(ids, s.ID)
	}
	overwritten := false
	err = commune.ApplyPack(ctx, plan, nil, func(p Progress) {
		if !overwritten {
			overwritten = true
			// In place, as a save over the file does: the same file, other
			// bytes under the open pack.
			if err := os.WriteFile(file, newerBytes, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
	var stopped *PackStoppedError
	if !errors.As(err, &stopped) || !errors.Is(err, ErrBadBundle) {
		t.Fatalf("pack overwritten while imported: %v, want *PackStoppedError of a bad bundle", err)
	}
	if stopped.Done != 3 || stopped.Total != 10 || stopped.Categories != 1 || stopped.File != "huyen.kvbpack" {
		t.Fatalf("stopped after %d of %d documents, %d categories, file %q; want 3 of 10, 1, huyen.kvbpack", stopped.Done, stopped.Total, stopped.Categories, stopped.File)
	}
	have := func() int {
		t.Helper()
		n := 0
		for _, id := range ids {
			if _, err := commune.Get(id); err == nil {
				n++
			}
		}
		res, err := commune.Search(ctx, Request{})
		if err != nil || res.Total != n {
			t.Fatalf("%d of the pack's documents stored, %d listed (%v)", n, res.Total, err)
		}
		return n
	}
	if n := have(); n != stopped.Done {
		t.Fatalf("%d of the pack's documents stored; the error says %d", n, stopped.Done)
	}
	if rep, err := commune.Check(ctx, nil); err != nil || len(rep.Problems) > 0 {
		t.Fatalf("check after the stop: %+v %v", rep, err)
	}

	// The intact pack again: the rest, none twice.
	if err := os.WriteFile(file, intact, 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err = commune.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.New) != 7 || len(plan.Same) != 3 || len(plan.Categories) != 0 {
		t.Fatalf("plan again: %d new, %d same, %d categories; want 7, 3, 0", len(plan.New), len(plan.Same), len(plan.Categories))
	}
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := have(); n != 10 {
		t.Fatalf("after importing again: %d of the pack's 10 documents", n)
	}
	st, err := commune.Stats(ctx)
	if err != nil || st.Documents != 10 {
		t.Fatalf("after importing again: %d documents (%v), want 10", st.Documents, err)
	}
}

// TestPackStoppedBeforeAnythingIsPlain: a pack refused before anything was
// stored is the *BundleError alone ("nothing changed" holds).
func TestPackStoppedBeforeAnythingIsPlain(t *testing.T) {
	ctx := context.Background()
	district := newTestArchive(t)
	importDocs(t, district, distinctDocs(4, 3))
	file := filepath.Join(t.TempDir(), "p.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, "Huyện ủy", file, nil); err != nil {
		t.Fatal(err)
	}
	commune := newTestArchive(t)
	plan, err := commune.PlanPack(file)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	data[len(data)/2] ^= 0xff
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	err = commune.ApplyPack(ctx, plan, nil, nil)
	if !errors.Is(err, ErrBadBundle) || errors.As(err, new(*PackStoppedError)) {
		t.Fatalf("pack damaged after planning: %v, want a plain *BundleError", err)
	}
	if st, _ := commune.Stats(ctx); st.Documents != 0 {
		t.Fatalf("%d documents stored from a refused pack", st.Documents)
	}
}

// TestPackCategoriesFiledOnce: a pack that brings 25 campaigns new here
// files the archive's documents once for them all, not once a campaign
// (which read the whole archive 25 times: a forged pack of thousands
// would never end); every document, the archive's own and the pack's, is
// filed under each.
func TestPackCategoriesFiledOnce(t *testing.T) {
	ctx := context.Background()
	district := newTestArchive(t)
	importDocs(t, district, distinctDocs(6, 8))
	const n = 25
	for i := range n {
		c := categoryNamed(fmt.Sprintf("Phong trào số %02d", i))
		c.Rules[0].Terms = []string{"thực hiện phong trào"} // every plan's title
		if err := district.ChangeRegistry(ctx, RegistryOp{Op: OpAdd, Kind: "campaign", Category: c}, nil); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "huyen.kvbpack")
	if _, err := district.ExportPack(ctx, Request{}, "Huyện ủy", file, nil); err != nil {
		t.Fatal(err)
	}
	commune := newTestArchive(t)
	importDocs(t, commune, distinctDocs(20, 9))
	plan, err := commune.PlanPack(file)
	if err != nil || len(plan.Categories) != n {
		t.Fatalf("plan: %v, %d categories; want %d", err, len(plan.Categories), n)
	}
	before := refilePasses.Load()
	if err := commune.ApplyPack(ctx, plan, nil, nil); err != nil {
		t.Fatal(err)
	}
	if passes := refilePasses.Load() - before; passes != 1 {
		t.Errorf("the archive was filed %d times for %d campaigns, want once", passes, n)
	}
	if commune.RefilePending() {
		t.Error("filing left pending")
	}
	for i := range n {
		name := fmt.Sprintf("Phong trào số %02d", i)
		res, err := commune.Search(ctx, Request{Filters: Filters{Campaigns: []string{name}}})
		if err != nil || res.Total != 26 {
			t.Fatalf("%s lists %d documents (%v), want 26", name, res.Total, err)
		}
	}
}
