package index

import (
	"context"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khovanban/index/extract"
)

// twinGroupText is a text of its own for each seed: random syllables,
// so that no two seeds' texts share shingles by chance.
func twinGroupText(seed int) []string {
	syllables := strings.Fields("ấp bản cầu dân đê đồng gạo hộ kênh lúa mương nước phố quê ruộng sông tổ vườn xóm " +
		"bàn bầu chăm dựng giữ góp họp lo mở nuôi sửa trồng vận xây cày đào gặt làm lập")
	r := rand.New(rand.NewPCG(uint64(seed), 7))
	paras := []string{fmt.Sprintf("BÁO CÁO SỐ %d VỀ VIỆC GIỮ GÌN ĐƯỜNG LÀNG", seed+1)}
	for range 4 {
		words := make([]string, 30)
		for i := range words {
			words[i] = syllables[r.IntN(len(syllables))]
		}
		paras = append(paras, strings.Join(words, " ")+".")
	}
	return paras
}

// readForTest reads a file as an import's worker does.
func readForTest(t *testing.T, im *importer, path string) readied {
	t.Helper()
	r := im.read(context.Background(), source{path: path, disk: path}, newTermCounter(termCounterMax))
	if r.doc == nil {
		t.Fatalf("%s: %s %v", path, r.item.Status, r.item.Err)
	}
	return r
}

// TestTwinOfABatchNotYetIndexed: while a batch is being indexed, the next
// one's files are written; a twin of one of its documents, stored but not
// yet in the index, is found among the recent documents, and both end in
// one group once the two batches are indexed.
func TestTwinOfABatchNotYetIndexed(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	writeTwinFiles(t, dir, "kh.txt", "kh.htm")
	im := &importer{a: a, report: &ImportReport{}, inflight: map[string]bool{}}
	im.opt.Extract.Limits = extract.DefaultLimits()
	first := readForTest(t, im, filepath.Join(dir, "kh.txt"))
	second := readForTest(t, im, filepath.Join(dir, "kh.htm"))

	c := newCommitter(im)
	st1, _, err := c.files([]readied{first})
	if err != nil {
		t.Fatal(err)
	}
	// The index does not know the first yet: without it as a recent
	// document, the second finds no twin.
	if rewritten := a.linkTwins([]readied{second}, nil); len(rewritten) != 0 || second.doc.TwinOf != "" {
		t.Fatalf("a document not yet indexed was found through the index: %v, twin of %q", rewritten, second.doc.TwinOf)
	}
	st2, _, err := c.files([]readied{second})
	if err != nil {
		t.Fatal(err)
	}
	if second.doc.TwinOf != first.doc.ID {
		t.Fatalf("the second is twin of %q, want %s", second.doc.TwinOf, first.doc.ID)
	}
	if len(st2.c.put) != 2 || st2.c.put[1].ID != first.doc.ID || st2.c.put[1].TwinOf != first.doc.ID {
		t.Fatalf("the second batch puts %+v, want the first rewritten in its group", st2.c.put)
	}
	for _, st := range []staged{st1, st2} {
		if err := a.commitIndex(st.c, st.p); err != nil {
			t.Fatal(err)
		}
	}
	requireGroup(t, a, `"bữa cơm đoàn kết"`, first.doc.ID, second.doc.ID)
}

// writeTwinGroups writes, for each group, the same text as .txt, .htm and
// .txt with blank lines added: three documents of one twin group.
func writeTwinGroups(t *testing.T, dir string, groups int) {
	t.Helper()
	for g := range groups {
		paras := twinGroupText(g)
		text := strings.Join(paras, "\n") + "\n"
		var page strings.Builder
		page.WriteString(`<html><head><meta charset="utf-8"></head><body>`)
		for _, p := range paras {
			page.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
		page.WriteString("</body></html>")
		files := map[string]string{
			fmt.Sprintf("g%02d-a.txt", g): text,
			fmt.Sprintf("g%02d-b.htm", g): page.String(),
			fmt.Sprintf("g%02d-c.txt", g): text + "\n\n",
		}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestImportPipelineKeepsEveryTwin imports twin groups whose members
// follow each other, with a memory budget so small that
// every batch holds a file or two, and indexing slowed down: the files of
// each batch are written while the one before is indexed, and every group
// is found whole.
func TestImportPipelineKeepsEveryTwin(t *testing.T) {
	a := newTestArchive(t)
	dir := t.TempDir()
	const groups = 12
	writeTwinGroups(t, dir, groups)
	// Indexing is slowed down so that the next batch is read and linked
	// while it runs.
	slow := func() { time.Sleep(20 * time.Millisecond) }
	rep, err := a.Import(context.Background(), []string{dir}, ImportOptions{MemoryBudget: 3000, Workers: 2, beforeIndex: slow})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 3*groups {
		t.Fatalf("added %d, want %d: %+v", rep.Added, 3*groups, rep.Items)
	}
	for g := range groups {
		ids := []string{idOf(t, rep, fmt.Sprintf("g%02d-a.txt", g)), idOf(t, rep, fmt.Sprintf("g%02d-b.htm", g)), idOf(t, rep, fmt.Sprintf("g%02d-c.txt", g))}
		requireGroup(t, a, fmt.Sprintf(`"báo cáo số %d về việc"`, g+1), ids...)
	}
}
