package ui

import (
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
)

// onCopy copies the document's text for pasting into Word.
func (r *reader) onCopy() {
	if r.doc == nil {
		return
	}
	r.v.s.app.Clipboard().SetContent(r.doc.Text)
	r.setMatchNo(lang.L("Đã sao chép toàn văn."), "")
	r.matchNo.Show()
}

// onCopyPassage copies the paragraph around the current match, for
// quoting it in a report.
func (r *reader) onCopyPassage() {
	if r.doc == nil || r.current < 0 || r.current >= len(r.marks) {
		return
	}
	r.v.s.app.Clipboard().SetContent(passage(r.doc.Text, r.marks[r.current].Start))
	r.setMatchNo(lang.L("Đã chép đoạn."), "")
}

// passage is the paragraph around byte offset at: its line, or when the
// line is short (text wrapped by a PDF) the block between blank lines.
func passage(text string, at int) string {
	around := func(sep string) string {
		start := strings.LastIndex(text[:at], sep)
		if start < 0 {
			start = 0
		} else {
			start += len(sep)
		}
		end := strings.Index(text[at:], sep)
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		return strings.TrimSpace(text[start:end])
	}
	if line := around("\n"); utf8.RuneCountInString(line) >= 80 {
		return line
	}
	return around("\n\n")
}

// onOpenOriginal opens the original file with the system's program.
func (r *reader) onOpenOriginal() {
	if r.doc == nil {
		return
	}
	path, err := r.v.arc.OriginalPath(r.doc)
	if err != nil {
		r.v.showError(err)
		return
	}
	r.v.openFile(path, r.doc.OriginalName)
}

// showFormats puts a button under the title for each original of the
// same text: "Cùng nội dung: PDF DOCX HTM", the open one marked.
func (r *reader) showFormats() {
	if len(r.twins) < 2 || !slices.ContainsFunc(r.twins, func(t index.Twin) bool { return t.ID == r.doc.ID }) {
		r.twins = nil
		r.formats.Objects = nil
		r.formats.Hide()
		return
	}
	label := widget.NewLabel(lang.L("Cùng nội dung, mở tệp gốc:"))
	objs := []fyne.CanvasObject{label}
	seen := map[string]int{}
	for _, t := range r.twins {
		seen[t.Format]++
	}
	for _, t := range r.twins {
		name := formatName(t.Format)
		if seen[t.Format] > 1 { // two parts of a law as PDF
			name += ": " + fitText(t.OriginalName, 200)
		}
		// No icon: the kinds' names say it, and with one the line took
		// two rows at Rất lớn on 1024x768 (usertest finding 7).
		b := newTabButton(name, nil, func() {
			path, err := r.v.arc.TwinPath(t)
			if err != nil {
				r.v.showError(err)
				return
			}
			r.v.openFile(path, t.OriginalName)
		})
		b.onKey = r.v.onKey
		b.onEscape = r.v.escape(r.v.onReaderEscape)
		b.onTab = func() { r.v.onTab(b) }
		if t.ID == r.doc.ID {
			b.Importance = widget.HighImportance
		}
		objs = append(objs, b)
	}
	r.formats.Objects = objs
	r.formats.Show()
	r.formats.Refresh()
}

// onShowOriginal shows the stored original in its folder.
// onSaveCopy writes a copy of the original, under its own name, where the
// person chooses (a USB stick, a folder to attach it from): the stored
// file is named by its hash, in a folder of such files.
func (r *reader) onSaveCopy() {
	if d := r.doc; d != nil {
		path, err := r.v.arc.OriginalPath(d)
		if err != nil {
			r.v.showError(err)
			return
		}
		r.v.saveCopy(path, d.OriginalName)
	}
}

// originalURL is the file:// URL of a stored original.
func originalURL(path string) (*url.URL, error) {
	return url.Parse(storage.NewFileURI(path).String())
}

func (r *reader) onEdit() {
	if r.doc == nil || r.v.refuseReadOnly() {
		return
	}
	// The form takes a moment to build (about 80 ms of CPU; seconds
	// while an import keeps the machine busy, with nothing said: usertest
	// session 10, finding 2): the button pressed says so in the frame
	// drawn after the click, and the form is built in the UI's next turn.
	// The busy sign by the result count was far from it (usertest s13);
	// it says so only when the button is in the "⋯" menu.
	if r.editOpening != nil {
		return // opening already (the "⋯" menu's item stays enabled)
	}
	v, d := r.v, r.doc
	done := func() {}
	if slices.Contains(r.bar.over, r.edit) {
		done = v.busySign.startNow(lang.L("Đang mở bảng sửa…"))
	}
	text := r.edit.Text
	r.edit.SetText(lang.L("Đang mở bảng sửa…"))
	r.edit.Disable()
	finish := func() {
		if r.editOpening == nil {
			return
		}
		r.editOpening = nil
		done()
		r.edit.SetText(text)
		if !v.readOnly() {
			r.edit.Enable()
		}
	}
	r.editOpening = finish
	v.do(func() {
		if r.editOpening == nil {
			return // Escape was pressed meanwhile (cancelEdit)
		}
		finish()
		if v.stopped || r.doc == nil || r.doc.ID != d.ID {
			return // the document was closed or another opened meanwhile
		}
		// The same document shown again meanwhile (a search's late
		// opening of the row) is still the one asked for.
		v.showEdit(r.doc)
	})
}

// cancelEdit stops the edit form that is opening, for Escape pressed
// before it shows (usertest s22: under load the key was handled before
// the form was built, then the form opened anyway, and the key had gone
// to whatever had the keyboard: the search box emptied). It reports
// whether a form was opening.
func (r *reader) cancelEdit() bool {
	if r.editOpening == nil {
		return false
	}
	r.editOpening()
	return true
}

// onDelete moves the document to the Trash after asking.
func (r *reader) onDelete() {
	if r.doc == nil || r.v.refuseReadOnly() {
		return
	}
	d := r.doc
	confirm := dialog.NewConfirm(lang.L("Xóa văn bản"),
		lang.L("Chuyển “{{.Title}}” vào Thùng rác? Có thể khôi phục lại từ Thùng rác.", map[string]any{"Title": fitText(d.Title, 380)}),
		func(ok bool) {
			if ok {
				r.v.deleteDocuments(d.ID)
			}
		}, r.v.win)
	confirm.SetConfirmText(lang.L("Chuyển vào Thùng rác"))
	confirm.SetDismissText(lang.L("Không"))
	confirm.SetConfirmImportance(widget.DangerImportance)
	r.v.showDialog(confirm, nil)
}

// onSeparateTwin ("Tách khỏi nhóm" among the reader's actions while the
// open file has twins) takes it out of its twin group after asking: a
// group may join files that are not one document (a letter and the draft
// it carries, before session 12's rule). The person says the open one is
// not the same document as the others (index.SeparateTwin); it is then
// listed and edited on its own.
func (r *reader) onSeparateTwin() {
	if r.doc == nil || r.v.refuseReadOnly() {
		return
	}
	d, v := r.doc, r.v
	confirm := dialog.NewConfirm(lang.L("Tách khỏi nhóm cùng nội dung"),
		lang.L("“{{.Name}}” không phải cùng văn bản với các tệp kia? Tệp này sẽ thành một văn bản riêng, giữ nguyên thông tin hiện có, và không được ghép lại vào nhóm này nữa.",
			map[string]any{"Name": fitText(d.OriginalName, 380)}),
		func(ok bool) {
			if ok {
				v.separateTwin(d.ID)
			}
		}, v.win)
	confirm.SetConfirmText(lang.L("Tách ra"))
	confirm.SetDismissText(lang.L("Không"))
	v.showDialog(confirm, nil)
}

// separateTwin takes document id out of its twin group, then lists it on
// its own and shows it.
func (v *view) separateTwin(id string) {
	v.spawn(func() {
		_, err := v.arc.SeparateTwin(id)
		v.do(func() {
			if err != nil {
				v.showError(err)
				return
			}
			v.runSearch()
			v.openDocumentThen(id, func() {
				if d := v.reader.doc; d != nil && d.ID == id {
					v.reader.setMatchNo(lang.L("Đã tách thành văn bản riêng."), "")
					v.reader.matchNo.Show()
				}
			})
		})
	})
}
