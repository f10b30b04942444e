package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/classify"
)

// closed reports whether ch is closed (or has a value).
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestEditField(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:45/KH-UBND")
	f := h.v.showEdit(d)

	// A date that cannot be read keeps the form open with the reason.
	f.entries[index.FieldDate].SetText("32/13/2017")
	f.onSave()
	h.settle(func() bool { return !f.errLabel.Hidden })
	if !strings.Contains(f.errLabel.Text, "ngày/tháng/năm") {
		t.Errorf("bad date says %q", f.errLabel.Text)
	}

	f.entries[index.FieldDate].SetText("10/03/2017")
	f.entries[index.FieldSigner].SetText("Trần Văn Định (Chủ tịch)")
	f.onSave()
	h.settle(func() bool { return closed(f.saved) && h.idle() })
	got, err := h.arc.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Date != "2017-03-10" || !got.SetByPerson(index.FieldDate) || got.Signer != "Trần Văn Định (Chủ tịch)" {
		t.Errorf("saved date %q (by person %v), signer %q", got.Date, got.SetByPerson(index.FieldDate), got.Signer)
	}
	if got.Title != d.Title || got.SetByPerson(index.FieldTitle) && !slices.Contains(d.Unsure(), index.FieldTitle) {
		t.Error("an unchanged field was saved as set by a person")
	}
	if !strings.Contains(h.v.reader.captions[index.FieldDate], "người sửa") {
		t.Errorf("reader caption %q", h.v.reader.captions[index.FieldDate])
	}
}

func TestEditCreatesCampaign(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:38-BC/ĐU")
	f := h.v.showEdit(d)
	name := "3 không - 3 cần - 3 quyết tâm"
	f.campaigns.name.SetText(name)
	f.campaigns.onAdd()
	h.settle(func() bool { return slices.Contains(f.campaigns.group.Options, name) })
	if !slices.ContainsFunc(h.arc.Categories(classify.Campaign), func(c classify.Category) bool { return c.Name == name }) {
		t.Fatal("the campaign is not in the registry")
	}
	if !slices.Contains(f.campaigns.group.Selected, name) {
		t.Error("the new campaign is not ticked")
	}
	f.onSave()
	h.settle(func() bool { return closed(f.saved) && h.idle() })
	got, _ := h.arc.Get(d.ID)
	if !slices.Contains(got.Campaigns, name) {
		t.Errorf("campaigns %v", got.Campaigns)
	}
	// The phrase rule filed the other documents that use it.
	h.search("phongtrao:\"3 không\"")
	if h.v.results.total < 3 {
		t.Errorf("%d documents under the new campaign", h.v.results.total)
	}
}

// TestEditKeepsYearAndDateTogether: the year is what the year facet and
// the timeline count, the date what newest and oldest sort by. Changing
// the year alone left a 2016 date under 2014; changing the date of a
// document whose year was to review kept the old year.
func TestEditKeepsYearAndDateTogether(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:45/KH-UBND")
	if d.Date == "" || d.Year == 0 {
		t.Fatalf("sample without date: %q %d", d.Date, d.Year)
	}
	f := h.v.showEdit(d)
	f.entries[index.FieldYear].SetText(itoa(d.Year - 3))
	f.onSave()
	h.settle(func() bool { return !f.errLabel.Hidden })
	if !strings.Contains(f.errLabel.Text, itoa(d.Year-3)) || closed(f.saved) {
		t.Errorf("a year unlike the date's says %q", f.errLabel.Text)
	}
	// A new date brings its year along, whatever the year field said.
	f.entries[index.FieldYear].SetText(itoa(d.Year))
	f.entries[index.FieldDate].SetText("05/06/2011")
	f.onSave()
	h.settle(func() bool { return closed(f.saved) && h.idle() })
	got, err := h.arc.Get(d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Date != "2011-06-05" || got.Year != 2011 {
		t.Errorf("saved date %q, year %d", got.Date, got.Year)
	}
}

// TestEditOffersEveryType checks that the type field of the edit form and
// of the form for several documents offers every type index knows.
func TestEditOffersEveryType(t *testing.T) {
	h := newHarness(t, true)
	d := h.openFirst("so:45/KH-UBND")
	f := h.v.showEdit(d)
	types := index.DocumentTypes()
	if !slices.Contains(types, "Quy chế") {
		t.Fatalf("index's types lack Quy chế: %v", types)
	}
	if !slices.Equal(offered(t, h, f.types), types) {
		t.Errorf("the edit form offers %v, index knows %v", offered(t, h, f.types), types)
	}
	f.dialog.Hide()
	h.v.results.list.Select(0)
	b := h.v.showBulkEdit()
	if !slices.Equal(offered(t, h, b.typ), types) {
		t.Errorf("the form for several offers %v", offered(t, h, b.typ))
	}
}

// offered opens the drop-down list of se and returns its items' labels.
func offered(t *testing.T, h *harness, se *widget.SelectEntry) []string {
	t.Helper()
	test.Tap(se.ActionItem.(fyne.Tappable))
	// The list is a PopUpMenu inside Fyne's overlay container.
	top := reflect.ValueOf(h.win.Canvas().Overlays().Top()).Elem().FieldByName("Content")
	if !top.IsValid() {
		t.Fatalf("no drop-down list: %T", h.win.Canvas().Overlays().Top())
	}
	menu, ok := top.Interface().(*widget.PopUpMenu)
	if !ok {
		t.Fatalf("the drop-down list is a %T", top.Interface())
	}
	defer menu.Hide()
	var out []string
	for _, o := range menu.Items {
		// Menu items are of an unexported type with an exported Item.
		item := reflect.ValueOf(o).Elem().FieldByName("Item")
		if !item.IsValid() {
			t.Fatalf("menu item %T has no Item", o)
		}
		out = append(out, item.Interface().(*fyne.MenuItem).Label)
	}
	return out
}
