package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"khovanban/index/internal/archivestore"
)

// wrongGroups is an archive as one imported before session 12's twin rule
// left it: the rule of now kept apart a letter and the draft decision it
// carries, and a conference's bundle and the plan and report it holds,
// which the old rule joined. forceOldGroups puts them back in the groups
// the old rule made and forgets that the groups were checked.
type wrongGroups struct {
	letter, decision, plan, planCopy, report, bundle string
}

func importWrongGroups(t *testing.T, a *Archive) wrongGroups {
	t.Helper()
	plan, report := testDocs["kh-quyet-tam.txt"], testDocs["bc-typo.txt"]
	first := importDocs(t, a, map[string]string{
		"qd.txt": draftDecision, "kh.txt": plan, "kh-ban-sao.txt": plan + "\n\n", "bc.txt": report,
	})
	second := importDocs(t, a, map[string]string{
		"cv.txt": letterCarryingDraft, "tap.txt": "TẬP TÀI LIỆU HỘI NGHỊ SƠ KẾT\n" + plan + "\n" + report,
	})
	return wrongGroups{
		letter: idOf(t, second, "cv.txt"), decision: idOf(t, first, "qd.txt"),
		plan: idOf(t, first, "kh.txt"), planCopy: idOf(t, first, "kh-ban-sao.txt"),
		report: idOf(t, first, "bc.txt"), bundle: idOf(t, second, "tap.txt"),
	}
}

// forceOldGroups links the documents as the old rule did: the letter
// leads a group with the decision, the bundle and the report join the
// plan's group; the catalog's note of the twin check is removed.
func forceOldGroups(t *testing.T, a *Archive, w wrongGroups) {
	t.Helper()
	plan, err := a.Get(w.plan)
	if err != nil {
		t.Fatal(err)
	}
	if plan.TwinOf == "" {
		t.Fatalf("the plan and its copy are no twins")
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	var docs []*Document
	for id, group := range map[string]string{
		w.letter: w.letter, w.decision: w.letter,
		w.bundle: plan.TwinOf, w.report: plan.TwinOf,
	} {
		d, err := a.store.getDoc(id)
		if err != nil {
			t.Fatal(err)
		}
		d.TwinOf = group
		docs = append(docs, d)
	}
	storeUnchecked(t, a, docs)
}

// storeUnchecked stores docs as they are and forgets that the archive's
// groups were checked, as an archive of an earlier build would be. Under
// a.mu.
func storeUnchecked(t *testing.T, a *Archive, docs []*Document) {
	t.Helper()
	if err := a.putEdited(docs); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.vol.commit(nil, func(tx *archivestore.Tx) error {
		tx.SetNote(noteTwins, nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// storedDocs is every stored document, live and in the Trash, by id.
func storedDocs(t *testing.T, a *Archive) map[string]*Document {
	t.Helper()
	out := map[string]*Document{}
	for _, sub := range []string{docsDir, trashDir} {
		ids, err := a.store.ids(sub)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			d, err := a.store.getIn(sub, id, true)
			if err != nil {
				t.Fatal(err)
			}
			out[id] = d
		}
	}
	return out
}

// requireOnlyGroupsChanged fails unless every document of before is
// stored after with the same details but its group, and in the group
// want says (a missing id: none).
func requireOnlyGroupsChanged(t *testing.T, before, after map[string]*Document, want map[string]string) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%d documents stored, was %d", len(after), len(before))
	}
	for id, b := range before {
		d := after[id]
		if d == nil {
			t.Errorf("%s (%s) lost", id, b.OriginalName)
			continue
		}
		if d.TwinOf != want[id] {
			t.Errorf("%s (%s): group %q, want %q", id, b.OriginalName, d.TwinOf, want[id])
		}
		x, y := *b, *d
		x.TwinOf, y.TwinOf = "", ""
		bx, _ := json.Marshal(&x)
		by, _ := json.Marshal(&y)
		if string(bx) != string(by) {
			t.Errorf("%s (%s) changed:\n%s\n%s", id, b.OriginalName, bx, by)
		}
	}
}

// TestStoredWrongGroupsSplit: the groups an earlier rule stored are
// checked under the rule of now when the archive is next opened, and by
// a rebuild: the letter leaves the decision (both in the Trash, deleted
// together as one), the bundle and the report leave the plan, whose copy
// stays its twin; every other detail stays as stored, the details an edit
// of the wrong group copied onto the decision included. Before, Open and
// Rebuild left every group as it was.
func TestStoredWrongGroupsSplit(t *testing.T) {
	for _, how := range []string{"open", "rebuild"} {
		t.Run(how, func(t *testing.T) {
			a := newTestArchive(t)
			w := importWrongGroups(t, a)
			forceOldGroups(t, a, w)
			// What the old groups did: the letter's edit gave the
			// decision its title, its delete sent both to the Trash.
			if _, err := a.Edit(w.letter, map[string]string{FieldTitle: "Công văn xin ý kiến dự thảo"}); err != nil {
				t.Fatal(err)
			}
			if err := a.Delete(w.letter); err != nil {
				t.Fatal(err)
			}
			before := storedDocs(t, a)
			if before[w.decision].Title != "Công văn xin ý kiến dự thảo" {
				t.Fatalf("the old group's edit did not reach the decision: %q", before[w.decision].Title)
			}
			switch how {
			case "open":
				dir := a.Dir()
				if err := a.Close(); err != nil {
					t.Fatal(err)
				}
				var err error
				if a, err = Open(dir, Options{Registry: testRegistry(t)}); err != nil {
					t.Fatal(err)
				}
				defer a.Close()
			case "rebuild":
				if err := a.Rebuild(context.Background(), nil); err != nil {
					t.Fatal(err)
				}
			}
			group := before[w.plan].TwinOf
			requireOnlyGroupsChanged(t, before, storedDocs(t, a), map[string]string{w.plan: group, w.planCopy: group})
			requireCheck(t, a)
			// Deleted as one, they are now brought back each alone.
			if err := a.Undelete(w.letter); err != nil {
				t.Fatal(err)
			}
			if _, err := a.Get(w.decision); !errors.Is(err, ErrNotFound) {
				t.Errorf("the decision came back with the letter: %v", err)
			}
			if twins, err := a.Twins(context.Background(), &Document{TwinOf: group}); err != nil || len(twins) != 2 {
				t.Errorf("the plan's group: %v, %v", twins, err)
			}
		})
	}
}

// TestTwinCheckOnce: the check runs once for an archive (the note says
// under which rule), and tells the documents whose details a group edit
// copied.
func TestTwinCheckOnce(t *testing.T) {
	a := newTestArchive(t)
	w := importWrongGroups(t, a)
	forceOldGroups(t, a, w)
	if _, err := a.Edit(w.decision, map[string]string{FieldNumber: "12/QĐ-UBND"}); err != nil {
		t.Fatal(err)
	}
	a.mu.Lock()
	rep, err := a.checkTwins("", nil)
	a.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(rep.Copied)
	want := []string{w.letter, w.decision}
	slices.Sort(want)
	if rep.Groups != 2 || rep.Members != 6 || rep.Split != 4 || !slices.Equal(rep.Copied, want) {
		t.Errorf("check: %+v, want 2 groups, 6 members, 4 split, copied %v", rep, want)
	}
	data, err := a.store.vol.st.Note(noteTwins)
	if err != nil || string(data) != fmt.Sprintf(`{"rule":%d}`, twinRuleVersion) {
		t.Errorf("note %s, %v", data, err)
	}
	// Once checked, Open does not check again: a group forced now stays.
	forceOldGroups(t, a, w)
	if _, err := a.store.vol.commit(nil, func(tx *archivestore.Tx) error {
		tx.SetNote(noteTwins, data)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	dir := a.Dir()
	a.Close()
	b, err := Open(dir, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if d, _ := b.Get(w.decision); d == nil || d.TwinOf != w.letter {
		t.Errorf("checked again at Open: %+v", d)
	}
}

// TestSeparateTwin: a person takes one file out of its group; it stays
// out when a new format of the same text comes, and after a rebuild; its
// details and the others' stay as they were.
func TestSeparateTwin(t *testing.T) {
	a := newTestArchive(t)
	plan := testDocs["kh-quyet-tam.txt"]
	rep := importDocs(t, a, map[string]string{"kh.txt": plan, "kh-ban-sao.txt": plan + "\n\n", "bc.txt": testDocs["bc-typo.txt"]})
	kh, copyID, bc := idOf(t, rep, "kh.txt"), idOf(t, rep, "kh-ban-sao.txt"), idOf(t, rep, "bc.txt")
	if _, err := a.SeparateTwin(bc); !errors.Is(err, ErrNoTwin) {
		t.Errorf("a document in no group: %v, want ErrNoTwin", err)
	}
	if _, err := a.Edit(kh, map[string]string{FieldNotes: "bản chính"}); err != nil {
		t.Fatal(err)
	}
	before := storedDocs(t, a)
	d, err := a.SeparateTwin(copyID)
	if err != nil {
		t.Fatal(err)
	}
	if d.TwinOf != "" || !slices.Contains(d.NotTwins, kh) {
		t.Errorf("separated: group %q, not twins %v", d.TwinOf, d.NotTwins)
	}
	after := storedDocs(t, a)
	if !slices.Contains(after[copyID].NotTwins, kh) {
		t.Errorf("the decision is not stored: %v", after[copyID].NotTwins)
	}
	after[copyID].NotTwins = nil
	requireOnlyGroupsChanged(t, before, after, nil)
	if twins, err := a.Twins(context.Background(), after[kh]); err != nil || twins != nil {
		t.Errorf("the group still lists %v, %v", twins, err)
	}
	// A third format of the same text joins the one or the other, never
	// both.
	rep = importDocs(t, a, map[string]string{"kh-ban-khac.txt": plan + "\n\n\n"})
	third := idOf(t, rep, "kh-ban-khac.txt")
	if err := a.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	x, _ := a.Get(kh)
	y, _ := a.Get(copyID)
	z, _ := a.Get(third)
	if y.TwinOf != "" && y.TwinOf == x.TwinOf {
		t.Errorf("the file taken out joined its group again: %s %s %s", x.TwinOf, y.TwinOf, z.TwinOf)
	}
	if z.TwinOf == "" {
		t.Errorf("the new format joined no group")
	}
	if x.Notes != "bản chính" || y.Notes != "bản chính" {
		t.Errorf("notes: %q %q", x.Notes, y.Notes)
	}
	requireCheck(t, a)
}

// TestKillWhileCheckingTwins kills a child process that opens an archive
// of wrong groups (importWrongGroups) just before each commit of the
// volume store, one group a step: after each kill every document is
// stored with its details, each in its old group or its new, and the next
// Open ends the check (the note's cursor), leaving every group as a
// check without a kill does.
func TestKillWhileCheckingTwins(t *testing.T) {
	if os.Getenv(envChild) == "twins" {
		trashChild(t, "open", func(o *Options) { o.twinPace = &twinPace{step: 1} })
		return
	}
	if testing.Short() {
		t.Skip("short")
	}
	template := filepath.Join(t.TempDir(), "template")
	a, err := Open(template, Options{Registry: testRegistry(t)})
	if err != nil {
		t.Fatal(err)
	}
	w := importWrongGroups(t, a)
	forceOldGroups(t, a, w)
	old := storedDocs(t, a)
	a.Close()
	group := old[w.plan].TwinOf
	want := map[string]string{w.plan: group, w.planCopy: group}
	for k := 1; ; k++ {
		dir := filepath.Join(t.TempDir(), "a")
		copyTree(t, template, dir)
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillWhileCheckingTwins$", "-test.count=1")
		cmd.Env = append(os.Environ(), envChild+"=twins", envArchive+"="+dir, "KHOVANBAN_KILL_AT="+strconv.Itoa(k))
		out, err := cmd.CombinedOutput()
		_, statErr := os.Stat(dir + ".done")
		killed := statErr != nil
		if killed && !strings.Contains(string(out), "killing itself") {
			t.Fatalf("child: %v\n%s", err, out)
		}
		ro, err := OpenReadOnly(dir, Options{Registry: testRegistry(t)})
		if err != nil {
			t.Fatal(err)
		}
		mid := storedDocs(t, ro)
		ro.Close()
		for id, d := range mid {
			if d.TwinOf != old[id].TwinOf && d.TwinOf != want[id] {
				t.Errorf("kill at commit %d: %s in group %q, neither %q nor %q", k, old[id].OriginalName, d.TwinOf, old[id].TwinOf, want[id])
			}
			d.TwinOf = old[id].TwinOf
		}
		requireOnlyGroupsChanged(t, old, mid, func() map[string]string {
			m := map[string]string{}
			for id, d := range old {
				m[id] = d.TwinOf
			}
			return m
		}())
		b := openChecked(t, dir)
		requireOnlyGroupsChanged(t, old, storedDocs(t, b), want)
		if twins, err := b.Twins(context.Background(), &Document{TwinOf: group}); err != nil || len(twins) != 2 {
			t.Errorf("kill at commit %d: the plan's group %v, %v", k, twins, err)
		}
		b.Close()
		if !killed {
			if k < 3 {
				t.Errorf("only %d commits: the check did not take a step per group", k-1)
			}
			t.Logf("%d kill points", k-1)
			break
		}
	}
}

// TestEditedTitleJoinsNothingNew: a title a person set (here the same on
// the letter and the decision it carries, as an edit of their old group
// left it) is no reason to join: a new format of the decision is compared
// with what the letter's text reads, and joins the decision alone. Before,
// a title set by a person was not compared, and the letter, held in no
// group after the check, joined the new file's group.
func TestEditedTitleJoinsNothingNew(t *testing.T) {
	a := newTestArchive(t)
	rep := importDocs(t, a, map[string]string{"qd.txt": draftDecision, "cv.txt": letterCarryingDraft})
	letter, decision := idOf(t, rep, "cv.txt"), idOf(t, rep, "qd.txt")
	for _, id := range []string{letter, decision} {
		if _, err := a.Edit(id, map[string]string{FieldTitle: "Công văn xin ý kiến dự thảo"}); err != nil {
			t.Fatal(err)
		}
	}
	rep = importDocs(t, a, map[string]string{"qd-ban-sao.txt": draftDecision + "\n\n"})
	fresh := idOf(t, rep, "qd-ban-sao.txt")
	l, _ := a.Get(letter)
	d, _ := a.Get(decision)
	f, _ := a.Get(fresh)
	if l.TwinOf != "" {
		t.Errorf("the letter joined group %s", l.TwinOf)
	}
	if f.TwinOf == "" || f.TwinOf != d.TwinOf {
		t.Errorf("the decision's new format: group %q, the decision's %q", f.TwinOf, d.TwinOf)
	}
}

// TestCopiedAsReadGroupSplits: an edit of a wrong group's row by a build
// before f3806d7 copied the row's details onto every member keeping the
// reader's origin, so the decision carried the letter's title "as read"
// with only the note set by the person (usertest s13: lamdong-129/180
// edited once, even only its note, stayed one row after the check). The
// check compares what each text reads, and parts them.
func TestCopiedAsReadGroupSplits(t *testing.T) {
	a := newTestArchive(t)
	w := importWrongGroups(t, a)
	forceOldGroups(t, a, w)
	letter, err := a.Get(w.letter)
	if err != nil {
		t.Fatal(err)
	}
	func() {
		a.mu.Lock()
		defer a.mu.Unlock()
		var docs []*Document
		for _, id := range []string{w.letter, w.decision} {
			d, err := a.store.getDoc(id)
			if err != nil {
				t.Fatal(err)
			}
			d.Title, d.Type, d.Number = letter.Title, letter.Type, letter.Number
			d.Fields[FieldTitle] = letter.Fields[FieldTitle]
			d.Notes = "đã trình lãnh đạo"
			d.Fields[FieldNotes] = FieldInfo{Origin: ByPerson}
			docs = append(docs, d)
		}
		storeUnchecked(t, a, docs)
	}()
	if _, err := a.checkTwins("", nil); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{w.letter, w.decision} {
		d, err := a.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if d.TwinOf != "" {
			t.Errorf("%s still in group %s", id, d.TwinOf)
		}
	}
}
