package ui

import (
	"context"
	"reflect"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
)

// dropEmptyFilters takes off, when search gen found nothing, the chosen
// filter values that no document of the archive has any more (deleted,
// the Trash emptied, the campaign's rules changed), and runs the search
// again, saying what it took off: the panel no longer lists such a value,
// and its chip left "0 kết quả" under a search that has results
// (usertest session 10, finding 6). A value that still has documents
// stays chosen, whatever the search finds; so do all while the undo of
// a delete is offered (the list under the chip emptied by the person,
// who may bring the documents back).
func (v *view) dropEmptyFilters(ctx context.Context, gen uint64, f index.Filters) {
	if len(v.search.deleted) > 0 {
		return
	}
	chosen := chosenValues(f)
	n := 0
	for _, values := range chosen {
		n += len(values)
	}
	if n == 0 {
		return
	}
	v.spawn(func() {
		var gone []chip
		for _, ft := range facetTitles() {
			for _, value := range chosen[ft.name] {
				res, err := v.arc.Search(ctx, index.Request{Filters: toggle(index.Filters{}, ft.name, value, true), Limit: 1, NoFacets: true, NoHits: true})
				if err != nil {
					return // the search stopped, or cannot tell: leave the filters be
				}
				if res.Total == 0 {
					gone = append(gone, chip{ft.name, value})
				}
			}
		}
		if len(gone) == 0 {
			return
		}
		v.do(func() {
			if gen != v.state.gen || v.stopped || !reflect.DeepEqual(f, v.state.filters) {
				return // another search since
			}
			titles := map[string]string{}
			for _, ft := range facetTitles() {
				titles[ft.name] = ft.title
			}
			var names []string
			for _, c := range gone {
				v.state.filters = toggle(v.state.filters, c.facet, c.value, false)
				names = append(names, "“"+titles[c.facet]+": "+c.value+"”")
			}
			v.state.dropped = strings.Join(names, ", ")
			v.runSearch()
		})
	})
}

// showDropped says, under the count, which filters were taken off; it
// stays while the person types, until the filters are changed or it is
// closed.
func (v *view) showDropped() {
	b := v.search
	b.note.SetText(lang.L("Đã bỏ bộ lọc {{.Names}}: không còn văn bản nào thuộc bộ lọc đó.", map[string]any{"Names": v.state.dropped}))
	b.noteAction.SetText(lang.L("Đóng"))
	b.noteAction.OnTapped = func() {
		v.state.dropped = ""
		b.noteBox.Hide()
	}
	b.noteBox.Show()
}
