package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/ui/messages"
)

// exportScope is what an export dialog (a catalog, a pack) takes: the
// documents ticked in the result list (the few a report cites or an
// office passes on), else the whole list shown. Its sentence says which,
// and changes with the choice.
type exportScope struct {
	sentence *widget.Label
	choice   *radioChoice // nil when nothing is ticked
	chosen   []index.Summary
}

// newExportScope offers the ticked documents, chosen by default, or the
// whole list of total; all and ofChosen are the sentences for each.
func newExportScope(chosen []index.Summary, total int, all, ofChosen string) *exportScope {
	s := &exportScope{sentence: widget.NewLabel(all), chosen: chosen}
	s.sentence.Wrapping = fyne.TextWrapWord
	if len(chosen) == 0 {
		return s
	}
	ticked := messages.N("{{.Count}} văn bản đã chọn", len(chosen), map[string]any{"Count": formatCount(len(chosen))})
	whole := messages.N("Cả {{.Count}} văn bản đang hiện", total, map[string]any{"Count": formatCount(total)})
	s.choice = newRadioChoice([]string{ticked, whole}, func(picked string) {
		if picked == ticked {
			s.sentence.SetText(ofChosen)
		} else {
			s.sentence.SetText(all)
		}
	})
	s.choice.SetSelected(ticked)
	return s
}

// choiceItem is the form's row for the choice; nil when nothing is ticked.
func (s *exportScope) choiceItem() *widget.FormItem {
	if s.choice == nil {
		return nil
	}
	return widget.NewFormItem(lang.L("Gồm"), s.choice.object())
}

// picked is the ticked documents when they are what is exported, else nil
// (the whole list).
func (s *exportScope) picked() []index.Summary {
	if s.choice == nil || s.choice.Selected != s.choice.Options[0] {
		return nil
	}
	return s.chosen
}
