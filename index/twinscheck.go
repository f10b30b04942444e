package index

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"khovanban/index/internal/archivestore"
)

// The twin groups stored in an archive are checked again under the rule
// of now (twinRuleVersion): an archive imported before session 12's rule
// holds groups of different documents (a letter and the draft decision
// it carries, a conference's bundle and its papers, and through chains
// many more), and the links are in the stored documents, which neither a
// rebuild nor a later import computes again. Open checks them once (the
// catalog note noteTwins says under which rule they were checked, and how
// far a check a kill stopped went), Rebuild every time: each group's
// members, live and in the Trash, are compared two by two as an import
// compares a new document with its candidates, and the group is split
// into the parts the rule joins. Only TwinOf changes, and only on the
// documents whose part changed: every other field stays as stored.
//
// A person may also take a document out of its group (SeparateTwin): the
// group and its members then are recorded in the document's NotTwins,
// which an import, a pack and these checks respect.

// twinRuleVersion is the version of the twin rule: 2 since session 12
// (26af77e: a compilation joins none; a part and its whole need the
// titles of their headings to agree), 3 since the check compares every
// member by what its text reads (twinView; an archive checked under 2
// kept the groups an old row edit had given one title), 4 since a
// compilation of papers without numbers joins none of them either
// (holdsOtherPaper: a conference's bundle was its first paper's twin,
// whichever came first). Raise it when the rule changes so that every
// archive's groups are checked again at its next Open.
const twinRuleVersion = 4

// noteTwins names the catalog note (archivestore's SetNote) of the twin
// check: the rule its groups were last checked under, and while a check
// runs, the group id up to which it is done. Each step of the check
// stores the documents it changed and moves the cursor in one commit.
const noteTwins = "twins"

// twinsNote is the note's value.
type twinsNote struct {
	Rule    int    `json:"rule"`
	Running bool   `json:"running,omitempty"`
	After   string `json:"after,omitempty"` // the groups up to this id are checked
}

// twinCheckStep bounds the documents one step of the check reads, and
// twinCheckNoteEvery how often a step that changes nothing moves the
// cursor: a kill costs at most that much work again. Tests set their own
// (Options.twinPace).
const (
	twinCheckStep      = 256
	twinCheckNoteEvery = time.Second
)

// twinPace is the pace of a twin check: the documents a step reads, and
// how often a step that changes nothing moves the cursor.
type twinPace struct {
	step      int
	noteEvery time.Duration
}

// twinPace is the pace of the archive's twin checks: Options.twinPace,
// or twinCheckStep and twinCheckNoteEvery.
func (a *Archive) twinPace() twinPace {
	if a.opts.twinPace != nil {
		return *a.opts.twinPace
	}
	return twinPace{step: twinCheckStep, noteEvery: twinCheckNoteEvery}
}

// ErrNoTwin means a document asked to leave its twin group is in none.
var ErrNoTwin = errors.New("the document is in no twin group")

// TwinCheck says what a check of the twin groups did.
type TwinCheck struct {
	Groups  int // groups of two documents or more checked
	Members int // their documents, live and in the Trash
	Split   int // documents whose group changed
	// Copied are documents split from a group whose details a person set
	// are those of another member of the group, saved at the same second:
	// an edit of the group's row most likely gave them (twinedit.go).
	// The check leaves them as stored; the person may correct them.
	Copied []string
}

// twinView is d as its text reads, for comparing with other documents: a
// copy with its details read again from its text by the reader of now.
// What is stored may not be the text's: a person set it, or an edit of a
// wrong group copied another member's details onto it (an edit by a
// build before f3806d7 kept the reader's origin on the copy: the decision
// lamdong-180 carried the letter 129's title as read, and stayed in the
// letter's group once the row had been edited, even only its note), or
// an earlier reader read it.
func twinView(d *Document) *Document {
	v := *d
	v.Fields = maps.Clone(d.Fields)
	for f, info := range v.Fields {
		if info.Origin == ByPerson {
			delete(v.Fields, f)
		}
	}
	v.Citations, v.Recipients = nil, nil
	(*Archive)(nil).readMeta(&v) // which reads d's text alone
	return &v
}

// refuses reports whether a person said one of two documents is not the
// same document as the other (NotTwins).
func refuses(x, y *Document) bool {
	return slices.Contains(x.NotTwins, y.ID) || slices.Contains(y.NotTwins, x.ID)
}

// refusesGroup reports whether d, alone, may not join group, the group
// of the documents others: a person took it out of that group, or said
// it is not one of them.
func refusesGroup(d *Document, group string, others []*Document) bool {
	if slices.Contains(d.NotTwins, group) {
		return true
	}
	for _, o := range others {
		if o != d && (refuses(d, o) || o.TwinOf != "" && slices.Contains(d.NotTwins, o.TwinOf)) {
			return true
		}
	}
	return false
}

// twinParts is, for the members of the stored group group, the group each
// is in under the rule of now: members are joined two by two as an
// import joins a new document to a candidate (twinOrHeld on what their
// texts read, twinView; a compilation joins none of the documents it
// holds; a person's NotTwins), and a group is a set of members joined
// through each other. The part holding the group's first document keeps
// its id; without it (deleted for good) the largest part keeps it; any
// other part is led by its earliest document, a live one first. A member
// in no part gets "".
func twinParts(group string, docs []*Document, trashed []bool) []string {
	n := len(docs)
	twin := twinEdges(docs)
	part := make([]int, n) // union-find
	for i := range part {
		part[i] = i
	}
	root := func(i int) int {
		for part[i] != i {
			part[i] = part[part[i]]
			i = part[i]
		}
		return i
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if twin[i][j] {
				part[root(i)] = root(j)
			}
		}
	}
	members := map[int][]int{}
	for i := range n {
		members[root(i)] = append(members[root(i)], i)
	}
	var parts [][]int
	for _, m := range members {
		if len(m) > 1 {
			parts = append(parts, m)
		}
	}
	return partLeaders(group, docs, trashed, parts)
}

// twinEdges tells, of each two of docs, whether the rule of now joins
// them (see twinParts).
func twinEdges(docs []*Document) [][]bool {
	n := len(docs)
	views := make([]*Document, n)
	shs := make([]*shingled, n)
	sizes := make([]int, n)
	for i, d := range docs {
		views[i], shs[i] = twinView(d), shingle(d.Text)
		sizes[i] = len(shs[i].distinct())
	}
	contained := make([][]bool, n) // contained[i][j]: one's text is in the other's
	twin := make([][]bool, n)
	for i := range n {
		contained[i], twin[i] = make([]bool, n), make([]bool, n)
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if !shs[i].twins(shs[j]) {
				continue
			}
			contained[i][j], contained[j][i] = true, true
			t, _ := twinRule(views[i], views[j], shs[i], shs[j])
			t = t && !refuses(docs[i], docs[j])
			twin[i][j], twin[j][i] = t, t
		}
	}
	// A compilation: the members its text holds carry two numbers.
	holds := func(i, j int) bool { return contained[i][j] && 5*sizes[j] < 4*sizes[i] }
	for i := range n {
		var numbers []string
		for j := range n {
			if holds(i, j) && views[j].Number != "" {
				numbers = append(numbers, views[j].Number)
			}
		}
		if !slices.ContainsFunc(numbers, func(x string) bool { return !strings.EqualFold(x, numbers[0]) }) {
			continue
		}
		for j := range n {
			if holds(i, j) {
				twin[i][j], twin[j][i] = false, false
			}
		}
	}
	return twin
}

// partLeaders gives each member of docs the group of its part (indexes
// into docs, each of two members or more), "" to a member of none: the
// part holding the group's first document keeps its id, or without it
// the largest part; any other part is led by its earliest document, a
// live one first.
func partLeaders(group string, docs []*Document, trashed []bool, parts [][]int) []string {
	earlier := func(x, y int) int {
		if trashed[x] != trashed[y] {
			if !trashed[x] {
				return -1
			}
			return 1
		}
		return cmp.Or(docs[x].ImportedAt.Compare(docs[y].ImportedAt), cmp.Compare(docs[x].ID, docs[y].ID))
	}
	for _, p := range parts {
		slices.SortFunc(p, earlier)
	}
	// The largest part first, then by its earliest member: the one that
	// keeps the group's id when its first document is gone.
	slices.SortFunc(parts, func(x, y []int) int { return cmp.Or(cmp.Compare(len(y), len(x)), earlier(x[0], y[0])) })
	kept := slices.IndexFunc(parts, func(p []int) bool {
		return slices.ContainsFunc(p, func(i int) bool { return docs[i].ID == group })
	})
	if kept < 0 && len(parts) > 0 && !slices.ContainsFunc(docs, func(d *Document) bool { return d.ID == group }) {
		kept = 0
	}
	out := make([]string, len(docs))
	for k, p := range parts {
		lead := docs[p[0]].ID
		if k == kept {
			lead = group
		}
		for _, i := range p {
			out[i] = lead
		}
	}
	return out
}

// copiedDetails reports whether d's details set by a person are, every
// one, those of another of the documents, saved at the same second: what
// an edit of a twin group's row gives each member (Edit, copyDetails).
func copiedDetails(d *Document, others []*Document) bool {
	var fields []string
	for _, f := range EditableFields {
		if d.SetByPerson(f) {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return false
	}
	for _, o := range others {
		if o.ID == d.ID || !o.ModifiedAt.Equal(d.ModifiedAt) {
			continue
		}
		if !slices.ContainsFunc(fields, func(f string) bool { return !o.SetByPerson(f) || o.Value(f) != d.Value(f) }) {
			return true
		}
	}
	return false
}

// storedGroups lists the twin groups of the stored documents, live and in
// the Trash, by group id: each member's id and whether it is in the Trash.
// Only the entries whose metadata names a group are decoded.
func (a *Archive) storedGroups() (map[string][]groupMember, error) {
	groups := map[string][]groupMember{}
	mark := []byte(`"twin_of":"`)
	for _, b := range []archivestore.Bucket{archivestore.Live, archivestore.Trash} {
		err := a.store.vol.st.ForEach(b, func(id string, e archivestore.Entry) error {
			if !bytes.Contains(e.Meta, mark) {
				return nil
			}
			var m struct {
				TwinOf string `json:"twin_of"`
			}
			if json.Unmarshal(e.Meta, &m) != nil || m.TwinOf == "" {
				return nil // a damaged entry: Check says so
			}
			groups[m.TwinOf] = append(groups[m.TwinOf], groupMember{id, b == archivestore.Trash})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("twin groups: %w", err)
		}
	}
	return groups, nil
}

type groupMember struct {
	id      string
	trashed bool
}

// checkTwinsOnOpen checks the stored twin groups when the archive's were
// not checked under the rule of now, or a kill stopped their check
// (noteTwins). Called by Open, before anything else uses the archive.
func (a *Archive) checkTwinsOnOpen() error {
	if a.store.vol == nil {
		return nil
	}
	data, err := a.store.vol.st.Note(noteTwins)
	if err != nil {
		return fmt.Errorf("twin groups: %w", err)
	}
	var note twinsNote
	if data != nil && json.Unmarshal(data, &note) == nil && note.Rule == twinRuleVersion && !note.Running {
		return nil
	}
	from := ""
	if note.Rule == twinRuleVersion {
		from = note.After
	}
	_, err = a.checkTwins(from, a.opts.Progress)
	return err
}

// TwinsChecked is what the last check of the stored twin groups that Open
// or Rebuild ran on this archive did, nil when none ran: Open checks them
// once for each twin rule (and goes on with a check a kill stopped),
// Rebuild every time. A check that Open goes on with counts only the
// groups it checked after the kill.
func (a *Archive) TwinsChecked() *TwinCheck {
	return a.twinsChecked.Load()
}

// checkTwins checks the stored twin groups whose id is past from under
// the rule of now, in steps of about twinCheckStep documents (twinPace); a step
// stores the documents whose group changed with the note's cursor, so a
// kill leaves every document's group as it was or as checked, and the
// next Open goes on after the cursor. progress, when not nil, hears of
// the members checked (Progress.CheckingTwins): about 0.7 ms of CPU each
// for texts of 6 KB. Under a.mu, or in Open.
func (a *Archive) checkTwins(from string, progress func(Progress)) (*TwinCheck, error) {
	rep := &TwinCheck{}
	if a.store.vol == nil {
		return rep, nil
	}
	defer a.twinsChecked.Store(rep)
	groups, err := a.storedGroups()
	if err != nil {
		return rep, err
	}
	ids := slices.Sorted(maps.Keys(groups))
	ids = slices.DeleteFunc(ids, func(g string) bool { return g <= from || len(groups[g]) < 2 })
	total, done := 0, 0
	for _, g := range ids {
		total += len(groups[g])
	}
	pace := a.twinPace()
	lastNote, lastSaid, said := time.Now(), time.Now(), false
	for k := 0; k < len(ids); {
		var changed []*Document
		var trashed []bool
		read := 0
		for ; k < len(ids) && read < pace.step; k++ {
			ch, tr, err := a.checkGroup(ids[k], groups[ids[k]], rep)
			if err != nil {
				return rep, err
			}
			changed, trashed = append(changed, ch...), append(trashed, tr...)
			read += len(groups[ids[k]])
		}
		// Said every tenth of a second, and at the end once said.
		if done += read; progress != nil && (time.Since(lastSaid) > 100*time.Millisecond || said && done == total) {
			progress(Progress{Done: done, Total: total, CheckingTwins: true})
			lastSaid, said = time.Now(), true
		}
		note := twinsNote{Rule: twinRuleVersion, Running: true, After: ids[k-1]}
		if k == len(ids) {
			note = twinsNote{Rule: twinRuleVersion}
		} else if len(changed) == 0 && time.Since(lastNote) < pace.noteEvery {
			continue
		}
		if err := a.storeRegrouped(changed, trashed, &note); err != nil {
			return rep, err
		}
		lastNote = time.Now()
	}
	if len(ids) == 0 {
		return rep, a.storeRegrouped(nil, nil, &twinsNote{Rule: twinRuleVersion})
	}
	return rep, nil
}

// checkGroup reads a stored group's members and returns those whose
// group changes under the rule of now, with their new TwinOf set, and
// whether each is in the Trash. A member that cannot be read stays as it
// is (Check says so).
func (a *Archive) checkGroup(group string, members []groupMember, rep *TwinCheck) ([]*Document, []bool, error) {
	var docs []*Document
	var trashed []bool
	for _, m := range members {
		sub := docsDir
		if m.trashed {
			sub = trashDir
		}
		d, err := a.store.getIn(sub, m.id, true)
		if err != nil || d.TwinOf != group {
			continue
		}
		docs, trashed = append(docs, d), append(trashed, m.trashed)
	}
	if len(docs) < 2 {
		return nil, nil, nil
	}
	rep.Groups++
	rep.Members += len(docs)
	return a.regroup(group, docs, trashed, rep)
}

// regroup gives docs, the members of group, the groups twinParts finds,
// and returns those whose group changed (their text dropped: only their
// metadata is stored again) and whether each is in the Trash.
func (a *Archive) regroup(group string, docs []*Document, trashed []bool, rep *TwinCheck) ([]*Document, []bool, error) {
	parts := twinParts(group, docs, trashed)
	var changed []*Document
	var inTrash []bool
	for i, d := range docs {
		if parts[i] == d.TwinOf {
			continue
		}
		if rep != nil {
			rep.Split++
			var others []*Document
			for j, o := range docs {
				if parts[j] != parts[i] || parts[i] == "" {
					others = append(others, o)
				}
			}
			if copiedDetails(d, others) {
				rep.Copied = append(rep.Copied, d.ID)
			}
		}
		d.TwinOf = parts[i]
		changed, inTrash = append(changed, d), append(inTrash, trashed[i])
	}
	return changed, inTrash, nil
}

// storeRegrouped stores, in one commit, the documents whose group changed
// (the live ones indexed again) and the note, when not nil.
func (a *Archive) storeRegrouped(docs []*Document, trashed []bool, note *twinsNote) error {
	var value []byte
	if note != nil {
		var err error
		if value, err = json.Marshal(note); err != nil {
			return fmt.Errorf("twin groups: %w", err)
		}
	}
	var live, ids []string
	var put []*Document
	for i, d := range docs {
		if !trashed[i] {
			live = append(live, d.ID)
			put = append(put, d)
		}
		ids = append(ids, d.ID)
	}
	write := func(tx *archivestore.Tx) error {
		for i, d := range docs {
			meta, err := encodeMeta(d)
			if err != nil {
				return err
			}
			b := archivestore.Live
			if trashed[i] {
				b = archivestore.Trash
			}
			tx.SetMeta(b, d.ID, meta)
		}
		if note != nil {
			tx.SetNote(noteTwins, value)
		}
		return nil
	}
	var err error
	if len(live) > 0 {
		err = a.commit(change{ids: live, tx: write, put: put})
	} else {
		_, err = a.store.vol.commit(nil, write)
	}
	if err != nil {
		return fmt.Errorf("twin groups: store %d documents: %w", len(ids), err)
	}
	return nil
}

// SeparateTwin takes a live document out of its twin group, as a person
// asks who says it is not the same document as the others: the group and
// its members, live and in the Trash, are recorded in its NotTwins (an
// import, a pack, a rebuild never join it to them again), it leaves the
// group, and the others are grouped again under the rule of now (those
// joined only through it part too; the group's first document chosen
// again if it left). Every other detail of every document stays as it
// is. It returns the document as stored.
func (a *Archive) SeparateTwin(id string) (*Document, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	if err := a.writable(); err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if !validID(id) {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	d, err := a.store.getDoc(id)
	if err != nil {
		return nil, fmt.Errorf("take out of its group: %w", err)
	}
	group := d.TwinOf
	if group == "" {
		return nil, fmt.Errorf("take %s out of its group: %w", id, ErrNoTwin)
	}
	docs := []*Document{d}
	trashed := []bool{false}
	for _, mid := range a.groupIDs(group) {
		if mid == id {
			continue
		}
		if m, err := a.store.getDoc(mid); err == nil && m.TwinOf == group {
			docs, trashed = append(docs, m), append(trashed, false)
		}
	}
	inTrash, err := a.store.ids(trashDir)
	if err != nil {
		return nil, fmt.Errorf("take %s out of its group: %w", id, err)
	}
	for _, tid := range inTrash {
		if h, err := a.store.getIn(trashDir, tid, false); err == nil && h.TwinOf == group {
			if m, err := a.store.getIn(trashDir, tid, true); err == nil {
				docs, trashed = append(docs, m), append(trashed, true)
			}
		}
	}
	apart := []string{group}
	for _, m := range docs[1:] {
		apart = append(apart, m.ID)
	}
	for _, x := range apart {
		if x != id && !slices.Contains(d.NotTwins, x) {
			d.NotTwins = append(d.NotTwins, x)
		}
	}
	changed, inTrashNow, err := a.regroup(group, docs, trashed, nil)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(changed, d) { // its NotTwins changed at least
		changed, inTrashNow = append(changed, d), append(inTrashNow, false)
	}
	if err := a.storeRegrouped(changed, inTrashNow, nil); err != nil {
		return nil, fmt.Errorf("take %s out of its group: %w", id, err)
	}
	out := *d
	out.Text = ""
	return &out, nil
}
