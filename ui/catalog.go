package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khovanban/index"
	"khovanban/index/catalog"
	"khovanban/index/vntext"
	"khovanban/ui/messages"
)

// catalogFormats are the ways the list of documents is written, by the
// label the person chooses from.
func catalogFormats() []string {
	return []string{lang.L("Bảng tính Excel (.xlsx)"), lang.L("Trang để in (.html)")}
}

var catalogExts = []string{".xlsx", ".html"}

// onExportCatalog writes the current result list as a "danh mục văn bản":
// a spreadsheet, or a page to print from the browser.
func (v *view) onExportCatalog() {
	chosen := v.results.markedInOrder()
	scope := newExportScope(chosen, v.results.total,
		messages.N("Danh mục gồm {{.Count}} văn bản đang hiện trong danh sách (theo ô tìm kiếm và bộ lọc), theo thứ tự đang xếp.", v.results.total,
			map[string]any{"Count": formatCount(v.results.total)}),
		messages.N("Danh mục gồm {{.Count}} văn bản đã chọn, theo thứ tự trong danh sách.", len(chosen), map[string]any{"Count": formatCount(len(chosen))}))
	format := newRadioChoice(catalogFormats(), nil)
	format.SetSelected(catalogFormats()[0])
	items := []*widget.FormItem{widget.NewFormItem("", scope.sentence), widget.NewFormItem(lang.L("Dạng tệp"), format.object())}
	if item := scope.choiceItem(); item != nil {
		items = append(items, item)
	}
	form := dialog.NewForm(lang.L("Xuất danh mục văn bản"), lang.L("Chọn nơi lưu…"), lang.L("Hủy"), items, func(ok bool) {
		if !ok {
			return
		}
		ext := catalogExts[0]
		if format.Selected == catalogFormats()[1] {
			ext = catalogExts[1]
		}
		name := catalogName(v.state.filters, time.Now()) + ext
		picked := scope.picked()
		v.pickSaveFile(lang.L("Lưu danh mục văn bản vào"), name, ext, func(path string) { v.exportCatalog(path, picked) })
	}, v.win)
	form.Resize(fyne.NewSize(640, 280))
	v.showDialog(form, nil)
}

// catalogName is the suggested name of a catalog of the documents the
// filters keep: the campaign (or topic) and the year it lists, when one of
// each is chosen, without accents, then the day it is made
// ("danh-muc-hoc-tap-va-lam-theo-tu-tuong-nam-2025-2026-12-04"). Every
// catalog was "danh-muc-van-ban-" and the day: the year-end report's
// catalogs of two campaigns, made the same day, had one name, the second
// offered to overwrite the first, and neither said what it listed. Its
// words are in the language in use (backupName).
func catalogName(f index.Filters, day time.Time) string {
	parts := []string{lang.L("danh-muc")}
	switch {
	case len(f.Campaigns) == 1:
		parts = append(parts, slugWords(f.Campaigns[0], 7)...)
	case len(f.Topics) == 1:
		parts = append(parts, slugWords(f.Topics[0], 7)...)
	default:
		parts = append(parts, lang.L("van-ban"))
	}
	if len(f.Years) == 1 && f.Years[0] > 0 {
		parts = append(parts, lang.L("nam"), fmt.Sprint(f.Years[0]))
	}
	return strings.Join(append(parts, day.Format("2006-01-02")), "-")
}

// slugWords are the first n words of s, without accents, in lower case.
func slugWords(s string, n int) []string {
	var words []string
	vntext.ForEachToken(s, func(t vntext.Token) {
		if len(words) < n {
			words = append(words, vntext.Fold(t.Text))
		}
	})
	return words
}

// exportCatalog writes the current search's documents to path, as .xlsx or
// .html by its extension, then offers to open it; with chosen, those
// documents only.
func (v *view) exportCatalog(path string, chosen []index.Summary) *job {
	j := newJob()
	req := v.state.request()
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
	if format != "html" {
		format = "xlsx"
	}
	labels := v.catalogLabels(time.Now())
	find, waits := v.find, v.busyWaits
	var n int
	v.withProgress(lang.L("Đang xuất danh mục văn bản"), j, func(ctx context.Context, progress func(index.Progress)) error {
		docs := chosen
		if docs == nil {
			var err error
			if docs, err = listAll(ctx, find, waits, req, progress); err != nil {
				return err
			}
		}
		n = len(docs)
		return writeFileAtomic(path, func(f *os.File) error { return catalog.Write(f, format, labels, docs) })
	}, func() {
		msg := messages.N("Đã ghi danh mục {{.Count}} văn bản vào tệp:\n{{.File}}", n, map[string]any{"Count": formatCount(n), "File": path})
		v.s.showConfirm(lang.L("Đã xuất danh mục"), msg+"\n\n"+lang.L("Mở tệp này bây giờ?"), func(open bool) {
			if open {
				v.openPath(path)
			}
		}, v.win)
	})
	return j
}

// catalogLabels are the list's heading and captions in the window's
// language; the subtitle says what the list holds and when it was made.
func (v *view) catalogLabels(now time.Time) catalog.Labels {
	var what []string
	if q := strings.TrimSpace(v.state.query); q != "" {
		what = append(what, lang.L("Tìm: “{{.Query}}”", map[string]any{"Query": q}))
	}
	titles := map[string]string{}
	for _, ft := range facetTitles() {
		titles[ft.name] = ft.title
	}
	chosen := chosenValues(v.state.filters)
	for _, ft := range facetTitles() {
		for _, value := range chosen[ft.name] {
			if ft.name == index.FacetYear && value == "0" {
				value = lang.L("Chưa rõ năm")
			}
			what = append(what, titles[ft.name]+": "+value)
		}
	}
	what = append(what, lang.L("Lập ngày {{.Date}}", map[string]any{"Date": now.Format("02/01/2006")}))
	return catalog.Labels{
		Heading:   lang.L("DANH MỤC VĂN BẢN"),
		Subtitle:  strings.Join(what, " · "),
		No:        lang.L("STT"),
		Number:    lang.L("Số, ký hiệu"),
		Date:      fieldLabel(index.FieldDate),
		Type:      fieldLabel(index.FieldType),
		Issuer:    fieldLabel(index.FieldIssuer),
		Title:     fieldLabel(index.FieldTitle),
		Campaigns: fieldLabel(index.FieldCampaigns),
		Sheet:     lang.L("Danh mục"),
	}
}

// listAll pages through every document req finds, in its order, each
// page tried again after waits while the index is being replaced.
func listAll(ctx context.Context, find searcher, waits []time.Duration, req index.Request, progress func(index.Progress)) ([]index.Summary, error) {
	const page = 500
	req.Offset, req.Limit, req.NoFacets, req.ExactTotal = 0, page, true, true
	var out []index.Summary
	for {
		res, err := untilNotBusy(ctx, waits, func() (*index.Result, error) { return find.Search(ctx, req) })
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			out = append(out, h.Summary)
		}
		progress(index.Progress{Done: len(out), Total: res.Total})
		if len(res.Hits) < page || len(out) >= res.Total {
			return out, nil
		}
		req.Offset += page
	}
}

// writeFileAtomic writes path through a temporary file beside it, so that
// a failed write leaves any file already there as it was.
func writeFileAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".khovanban-*.tmp")
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	tmp := f.Name()
	// A list made for others to read, not private like the temporary name.
	_ = f.Chmod(0o644)
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// openPath opens a file with the system's program for it.
func (v *view) openPath(path string) {
	u, err := originalURL(path)
	if err == nil {
		err = openURL(v.s.app, u)
	}
	if err != nil {
		v.showError(err)
	}
}
