package engine

import "github.com/RoaringBitmap/roaring/v2"

// Twins: the same document in several files, one group id in the
// Schema.Twin field of each (see index/twins.go). A plan with Collapse
// counts and lists each group once.

// segTwins is where a segment's twin group members are: read once per
// segment, as segments never change.
type segTwins struct {
	members *roaring.Bitmap   // documents in a group
	leaders *roaring.Bitmap   // the first documents of their groups
	group   map[uint32]string // member → group id
}

// twins reads the segment's twin groups once.
func (info *segInfo) twins(g seg) (*segTwins, error) {
	info.mu.Lock()
	defer info.mu.Unlock()
	if info.twinGroups != nil {
		return info.twinGroups, nil
	}
	t := &segTwins{members: roaring.New(), leaders: roaring.New(), group: map[uint32]string{}}
	if info.schema.Twin == "" {
		info.twinGroups = t
		return t, nil
	}
	var r bitmapReader
	err := eachTerm(g, info.schema.Twin, &r, func(term string, docs *roaring.Bitmap) {
		if term == info.schema.TwinLeader {
			t.leaders = docs
			return
		}
		t.members.Or(docs)
		it := docs.Iterator()
		for it.HasNext() {
			t.group[it.Next()] = term
		}
	})
	if err != nil {
		return nil, err
	}
	info.twinGroups = t
	return t, nil
}

// collapseAll collapses the twins of the matches, of what each
// disjunctive facet is counted over, and of each counted node.
func (ev *evaluation) collapseAll() error {
	sets := []func(s *segEval) *roaring.Bitmap{func(s *segEval) *roaring.Bitmap { return s.match }}
	for i := range ev.apartCount() {
		sets = append(sets, func(s *segEval) *roaring.Bitmap { return s.apart[i].docs })
	}
	for i := range ev.count {
		sets = append(sets, func(s *segEval) *roaring.Bitmap { return s.counted[i] })
	}
	for _, set := range sets {
		if err := ev.collapseTwins(set); err != nil {
			return err
		}
	}
	return nil
}

// collapseTwins keeps, of the members of each twin group in a set of
// documents (by segment), one: the group's first document when it is
// there, else the first found. A group is then counted once in totals and
// facets, and listed once.
func (ev *evaluation) collapseTwins(set func(s *segEval) *roaring.Bitmap) error {
	type member struct {
		s    *segEval
		doc  uint32
		lead bool
	}
	var groups map[string][]member
	for _, s := range ev.segs {
		t, err := s.info.twins(s.seg)
		if err != nil {
			return err
		}
		if t.members.IsEmpty() {
			continue
		}
		in := roaring.And(set(s), t.members)
		it := in.Iterator()
		for it.HasNext() {
			doc := it.Next()
			if groups == nil {
				groups = map[string][]member{}
			}
			g := t.group[doc]
			groups[g] = append(groups[g], member{s, doc, t.leaders.Contains(doc)})
		}
	}
	for _, ms := range groups {
		if len(ms) < 2 {
			continue
		}
		keep := 0
		for i, m := range ms {
			if m.lead {
				keep = i
				break
			}
		}
		for i, m := range ms {
			if i != keep {
				set(m.s).Remove(m.doc)
			}
		}
	}
	return nil
}
