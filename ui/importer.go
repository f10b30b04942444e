package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/extract"
	"khovanban/ui/messages"
)

// importRun is one import going on: its progress in the window's import
// strip, then its report.
type importRun struct {
	v        *view
	progress *importProgress
	report   *index.ImportReport
	err      error
	// summary is the report's first lines, also shown in the strip.
	summary string
	// reportText is the report as shown and copied: a dialog's box, whose
	// right-click menu opens only on a window and whose Escape closes the
	// report.
	reportText *dialogEntry
	done       chan struct{} // closed when the import has ended (tests wait on it)
	cleanup    func()
	// files is how many files the import found to read (its progress's
	// Total), for a stopped import's report: those not reached.
	files atomic.Int64
}

// onImportFiles picks files and folders to import, several at once.
func (v *view) onImportFiles() {
	if v.refuseReadOnly() {
		return
	}
	v.importFiles()
}

func (v *view) importFiles() *picker {
	opt := pickOptions{mode: pickImport, title: lang.L("Chọn tệp cần nhập"), confirm: lang.L("Nhập")}
	return v.s.pick(opt, v.whileCurrent(func(paths []string) { v.startImport(paths, nil) }))
}

// onImportFolder picks a folder to import with everything in it.
func (v *view) onImportFolder() {
	if v.refuseReadOnly() {
		return
	}
	v.pickImportFolder(func(dir string) { v.startImport([]string{dir}, nil) })
}

// onDropped imports files and folders dropped on the window.
func (v *view) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	if len(paths) > 0 && v.startImport(paths, nil) != nil {
		rememberImportDir(v.s.app.Preferences(), paths)
	}
}

// onImportSamples imports the sample documents that come with the program.
func (v *view) onImportSamples() {
	if v.refuseReadOnly() {
		return
	}
	dir, err := writeSamples()
	if err != nil {
		v.showError(err)
		return
	}
	v.startImport([]string{dir}, func() { _ = os.RemoveAll(dir) })
}

// writeSamples copies the embedded sample documents to a new temporary
// folder.
func writeSamples() (string, error) {
	dir, err := os.MkdirTemp("", "khovanban-mau-")
	if err != nil {
		return "", err
	}
	err = fs.WalkDir(assets.Samples, "samples", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := assets.Samples.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644)
	})
	if err != nil {
		_ = os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// startImport imports paths in the background, its progress in the strip
// at the window's foot (the window stays usable: the list grows as the
// documents come in) and a summary there at the end, with the full report
// a click away; cleanup (if any) runs when it is over. One import at a
// time: another asked for meanwhile is refused with the reason.
func (v *view) startImport(paths []string, cleanup func()) *importRun {
	if v.refuseReadOnly() || v.refuseWhileImporting() {
		if cleanup != nil {
			cleanup()
		}
		return nil
	}
	run := &importRun{v: v, done: make(chan struct{}), cleanup: cleanup}
	run.progress = v.imports.begin(v)
	v.importing = run
	v.results.setImporting(true)
	v.showWelcome(false)
	if cleanup == nil { // files of the person's, not a temporary copy
		v.setPendingImport(paths)
	}
	v.spawn(func() {
		// Scanned pages are read by the system's tesseract when installed
		// (Linux), else by the engine built into the program.
		ocr := extract.NewOCR(extract.OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese, Digits: assets.HandDigits, System: true})
		defer ocr.Close()
		report, err := v.importInto(run.progress.ctx, paths, index.ImportOptions{
			Extract: extract.Options{OCR: ocr},
			Workers: importWorkers(),
			Progress: func(pr index.Progress) {
				if pr.Total > 0 {
					run.files.Store(int64(pr.Total))
				}
				run.progress.update(pr) // a scanned page is always shown
			},
			// Added documents are searchable at once (those of a bulk
			// import, into an empty or small archive, once it ends): the
			// list counts them as they come in, its rows staying where
			// they are (importnews.go).
			Item: newItemThrottle(time.Second, once(v.do, v.onImportedMore)),
		})
		if run.cleanup != nil {
			run.cleanup()
		}
		nameDuplicates(v.arc, report)
		v.do(func() {
			if v.importing == run {
				v.importing = nil
				v.results.setImporting(false)
			}
			v.setPendingImport(nil) // it ended (done, or stopped with a report)
			run.report, run.err = report, err
			run.finish()
			v.onImportedMore()
			v.s.onImportEnded()
		})
	})
	return run
}

// rememberImportDir has the next picker start where the files of an
// import that did not come through it are (dropped on the window, an
// unfinished import taken up again), as the picker does for its own: in
// the one folder given, as the folder picker leaves it, else in the
// folder that holds what was given.
func rememberImportDir(prefs fyne.Preferences, paths []string) {
	if len(paths) == 0 {
		return
	}
	dir := paths[0]
	if st, err := os.Stat(dir); len(paths) > 1 || err != nil || !st.IsDir() {
		dir = filepath.Dir(dir)
	}
	if st, err := os.Stat(dir); err == nil && st.IsDir() && prefs.String(prefPickerDir) != dir {
		prefs.SetString(prefPickerDir, dir)
	}
}

// importWorkers is how many files an import from the window reads at
// once: one per core but one, which is left to the window. With a reader
// on every core the window was starved: opening a document took 13-21 s
// during a big import at a load of 25 (usertest s11); the searching and
// reading it does meanwhile take a core's share, not the whole machine's.
func importWorkers() int { return max(1, runtime.NumCPU()-1) }

// nameDuplicates gives each file of the report that was in the archive
// already the title of the document it is in, so that the report says
// which (usertest s12: "Hướng dẫn … (bản chính thức).pdf — đã có trong
// kho" was filed as lamdong-010.pdf's "Tờ trình … Liên đoàn Cầu lông",
// and the clerk who looked for her own file name could not find it).
func nameDuplicates(arc interface {
	Get(string) (*index.Document, error)
}, rep *index.ImportReport) {
	if rep == nil {
		return
	}
	for i := range rep.Items {
		it := &rep.Items[i]
		if it.Status != index.Duplicate || it.ID == "" || it.Title != "" {
			continue
		}
		if d, err := arc.Get(it.ID); err == nil {
			it.Title = d.Title
			if it.Title == "" {
				it.Title = d.OriginalName
			}
		}
	}
}

// refuseWhileImporting says, when an import is under way, that what was
// asked for must wait for it (a second import, a pack, a restore, a
// rebuild, a change of archive or language), and reports whether it did.
// The archive's other changes (edits, deletes, the Trash, campaigns and
// topics) are not refused: the archive takes them between the import's
// batches.
func (v *view) refuseWhileImporting() bool {
	if v.importing == nil {
		return false
	}
	v.s.showInfo(lang.L("Đang nhập văn bản"),
		lang.L("Việc nhập văn bản chưa xong. Hãy chờ nhập xong (thanh ở cuối cửa sổ), hoặc bấm “Dừng nhập”, rồi làm lại việc này."), v.win)
	return true
}

// newItemThrottle calls fn at most once per interval for added items.
func newItemThrottle(every time.Duration, fn func()) func(index.ImportItem) {
	var mu sync.Mutex
	last := time.Now()
	return func(it index.ImportItem) {
		if it.Status != index.Added {
			return
		}
		mu.Lock()
		due := time.Since(last) >= every
		if due {
			last = time.Now()
		}
		mu.Unlock()
		if due {
			fn()
		}
	}
}

// finish writes the report of an import that ended (what became of every
// file: added, twins, duplicates, failed with the reason) and shows its
// summary in the strip; the report opens from there or from the menu.
func (run *importRun) finish() {
	defer close(run.done)
	v := run.v
	if run.report == nil {
		run.progress.end(messages.Error(run.err), true, func() { v.showError(run.err) })
		v.showError(run.err)
		return
	}
	summary, line, warn := run.texts()
	run.summary = summary
	run.reportText = newDialogEntry()
	run.reportText.MultiLine = true
	run.reportText.SetText(summary + "\n\n" + reportLines(run.report))
	run.reportText.Wrapping = fyne.TextWrapWord
	v.s.lastImport = run
	run.progress.end(line, warn, run.showReport)
}

// alreadyIn is, for the strip, the files already in the archive after a
// comma, and nothing when there are none (usertest s28: nearly every
// import of new files ended "0 đã có", "0 already here").
func alreadyIn(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + lang.L("{{.Count}} đã có", map[string]any{"Count": formatCount(n)})
}

// notImported names, for the strip, the files not imported as the
// report's head does, each kind there is after a comma: "không nhập được"
// in the strip was "không đọc được" in the report for the same files
// (usertest s26).
func notImported(failed, unsupported, skipped int) string {
	var parts []string
	if failed > 0 {
		parts = append(parts, lang.L("{{.Count}} không đọc được", map[string]any{"Count": formatCount(failed)}))
	}
	if unsupported > 0 {
		parts = append(parts, lang.L("{{.Count}} không phải loại tệp nhận được", map[string]any{"Count": formatCount(unsupported)}))
	}
	if skipped > 0 {
		parts = append(parts, lang.L("{{.Count}} bỏ qua", map[string]any{"Count": formatCount(skipped)}))
	}
	if len(parts) == 0 {
		return ""
	}
	return ", " + strings.Join(parts, ", ")
}

// texts are what an import that ended did, in the language now in use:
// the head of its report, the strip's line, and whether the strip warns.
func (run *importRun) texts() (summary, line string, warn bool) {
	rep := run.report
	// Files being read when the import was stopped are no failure: they
	// are counted with those not reached, as not imported yet.
	failed, skipped, stopped := rep.Failed, rep.Skipped, 0
	for _, it := range rep.Items {
		if errors.Is(it.Err, context.Canceled) {
			stopped++
			switch it.Status {
			case index.Failed:
				failed--
			case index.Skipped:
				skipped--
			}
		}
	}
	failed, skipped = max(0, failed), max(0, skipped)
	// One account of the files, the same in the strip and the report:
	// documents as the list counts them with their files beside (usertest
	// finding 2: "thêm 194 văn bản" for 180 rows), then files; the
	// report had three more ways of counting the same files (usertest
	// s12: 79 files, 11 files, 90 files, 14 files for one import).
	added, files := messages.ImportedDocuments(rep)
	left := 0
	if rep.Cancelled {
		done := rep.Added + rep.Duplicates + rep.Failed + rep.Unsupported + rep.Skipped
		left = max(0, int(run.files.Load())-done) + stopped
	}
	total := rep.Added + rep.Duplicates + failed + skipped + rep.Unsupported + left
	counts := map[string]any{"Added": formatCount(added), "Files": files, "Dup": formatCount(rep.Duplicates), "Failed": formatCount(failed), "Unsup": formatCount(rep.Unsupported),
		"Skipped": formatCount(skipped), "AlreadyIn": alreadyIn(rep.Duplicates), "Bad": notImported(failed, rep.Unsupported, skipped), "Left": formatCount(left),
		"Total": formatCount(total)}
	summary = lang.L("Đã thêm {{.Added}} văn bản{{.Files}}; {{.Dup}} tệp đã có trong kho; {{.Failed}} không đọc được; {{.Unsup}} không phải loại tệp nhận được; {{.Skipped}} bỏ qua.", counts)
	line = messages.N("Nhập xong: thêm {{.Added}} văn bản{{.Files}}{{.AlreadyIn}}{{.Bad}}.", added, counts)
	if rep.Cancelled {
		summary = lang.L("Đã thêm {{.Added}} văn bản{{.Files}}; {{.Dup}} tệp đã có trong kho; {{.Failed}} không đọc được; {{.Unsup}} không phải loại tệp nhận được; {{.Skipped}} bỏ qua; {{.Left}} tệp chưa nhập.", counts)
		line = messages.N("Đã dừng nhập: thêm {{.Added}} văn bản{{.Files}}{{.AlreadyIn}}{{.Bad}}, {{.Left}} tệp chưa nhập.", added, counts)
	}
	summary += " " + messages.N("Cộng {{.Total}} tệp.", total, counts)
	if rep.Cancelled {
		summary = lang.L("Đã dừng giữa chừng; những tệp đã nhập vẫn được giữ. Để nhập nốt, nhập lại các tệp hay thư mục đó; tệp đã có sẽ được bỏ qua.") + "\n" + summary
	}
	if kinds := twinKinds(rep); kinds != "" {
		summary += "\n" + lang.L("Tệp {{.Kinds}} có cùng nội dung với một tệp khác được xếp chung một dòng với văn bản đó trong danh sách.", map[string]any{"Kinds": kinds})
	}
	if run.err != nil {
		summary += "\n" + messages.Error(run.err)
	}
	return summary, line, rep.Cancelled || failed+skipped+rep.Unsupported > 0 || run.err != nil
}

// twinKinds are the kinds of the files an import added that share their
// text with another document ("DOC, DOCX"), "" when none.
func twinKinds(rep *index.ImportReport) string {
	if rep.Twins == 0 {
		return ""
	}
	var kinds []string
	for _, it := range rep.Items { // it lists a twin of each kind
		if it.Status == index.Added && it.Twin != "" {
			k := strings.ToUpper(strings.TrimPrefix(filepath.Ext(it.Path), "."))
			if k != "" && !slices.Contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	slices.Sort(kinds)
	return strings.Join(kinds, ", ")
}

// showIn shows the strip of the import that ended, and its report, again
// in view v, in the language now in use: a change of language builds the
// window again (usertest session 10, finding 9: the strip went).
func (run *importRun) showIn(v *view) {
	summary, line, warn := run.texts()
	run.v, run.summary = v, summary
	run.reportText.SetText(summary + "\n\n" + reportLines(run.report))
	v.imports.showEnded(line, warn, run.showReport)
}

// showReport opens the report of the import in a dialog, where it can be
// read and copied.
func (run *importRun) showReport() {
	v := run.v
	copyBtn := newDialogButton(lang.L("Sao chép báo cáo"), nil, func() {
		v.s.app.Clipboard().SetContent(run.reportText.Text)
	})
	content := container.NewBorder(nil, container.NewHBox(copyBtn), nil, nil, run.reportText)
	d := dialog.NewCustom(lang.L("Kết quả nhập văn bản"), lang.L("Đóng"), content, v.win)
	d.Resize(dialogSize(v.win))
	v.showDialog(d, nil)
}

// onShowImportReport opens the report of the last import again.
func (v *view) onShowImportReport() {
	run := v.s.lastImport
	if run == nil || run.reportText == nil {
		v.s.showInfo(lang.L("Kết quả nhập văn bản"), lang.L("Chưa có lần nhập nào từ khi mở chương trình."), v.win)
		return
	}
	// A report of another view (before a change of language) opens over
	// this one.
	run.v = v
	run.showReport()
}

// reportLines lists each file that needs attention first, then those
// added, as far as the report lists them (index.ReportListed), saying how
// many it does not.
func reportLines(rep *index.ImportReport) string {
	var bad, warned, dup, ok []string
	for _, it := range rep.Items {
		name := filepath.Base(it.Path)
		switch it.Status {
		case index.Added:
			line := "✓ " + name
			if it.Title != "" {
				line += " — " + it.Title
			}
			switch {
			case it.Twin == "":
			case strings.EqualFold(filepath.Ext(it.Path), filepath.Ext(it.TwinName)):
				// A copy in the same kind of file is no other format.
				line += "\n    " + lang.L("trùng nội dung với {{.Name}}: lưu thêm như một bản nữa của văn bản đó", map[string]any{"Name": it.TwinName})
			default:
				line += "\n    " + lang.L("trùng nội dung với {{.Name}}: lưu thêm như một định dạng khác của văn bản đó", map[string]any{"Name": it.TwinName})
			}
			if len(it.Warnings) == 0 {
				ok = append(ok, line)
				continue
			}
			for _, w := range it.Warnings {
				line += "\n    " + messages.Warning(w)
			}
			warned = append(warned, line)
		case index.Duplicate:
			line := "= " + name + " — " + lang.L("đã có trong kho")
			if it.Title != "" {
				line = "= " + name + " — " + lang.L("đã có trong kho, là văn bản “{{.Title}}”", map[string]any{"Title": fitText(it.Title, 600)})
			}
			dup = append(dup, line)
		default:
			if errors.Is(it.Err, context.Canceled) {
				continue // counted with the files not imported yet
			}
			bad = append(bad, "✗ "+name+" — "+messages.ImportError(it, messages.Error))
		}
	}
	var b strings.Builder
	// section heads its lines with how many files it holds, and says so
	// when it lists only the first of them (a report of 20,000 added files
	// said "Đã thêm (300)" and told of the others only below the 300).
	section := func(title string, lines []string, total int, rest func(n int) string) {
		if total <= 0 {
			return
		}
		head := title + " (" + formatCount(total) + ")"
		if n := total - len(lines); n > 0 {
			head += " — " + lang.L("liệt kê {{.Listed}} tệp đầu tiên", map[string]any{"Listed": formatCount(len(lines))})
		}
		fmt.Fprintf(&b, "%s\n", head)
		if len(lines) > 0 {
			fmt.Fprintf(&b, "%s\n", strings.Join(lines, "\n"))
		}
		if n := total - len(lines); n > 0 {
			fmt.Fprintf(&b, "%s\n", rest(n))
		}
		b.WriteString("\n")
	}
	section(lang.L("Không nhập được"), bad, len(bad), nil)
	section(lang.L("Đã thêm nhưng cần chú ý"), warned, len(warned), nil)
	section(lang.L("Trùng, đã có trong kho"), dup, max(rep.Duplicates, len(dup)), func(n int) string {
		return messages.N("… và {{.Count}} tệp trùng khác không liệt kê ở đây.", n, map[string]any{"Count": formatCount(n)})
	})
	section(lang.L("Đã thêm"), ok, max(rep.Added-len(warned), len(ok)), func(n int) string {
		return messages.N("… và {{.Count}} tệp đã thêm khác không liệt kê ở đây.", n, map[string]any{"Count": formatCount(n)})
	})
	return strings.TrimSpace(b.String())
}

// prefImportPending holds, while an import runs, the archive and the
// paths it was given: a kill or a power cut leaves it behind, and the
// next start offers to import them again. It names the archive by its
// folder and its creation time: a new archive made where a deleted one
// was is another archive, and is offered nothing.
const prefImportPending = "import.pending"

type pendingImport struct {
	Archive string   `json:"archive"`
	Created string   `json:"created"` // index.Archive.Created, RFC 3339 with nanoseconds
	Paths   []string `json:"paths"`
}

// archiveCreated is how pendingImport names when v's archive was made.
func (v *view) archiveCreated() string { return v.arc.Created().Format(time.RFC3339Nano) }

// setPendingImport records the paths of the import that starts, or none.
func (v *view) setPendingImport(paths []string) {
	p := v.s.app.Preferences()
	if len(paths) == 0 {
		p.RemoveValue(prefImportPending)
		return
	}
	data, err := json.Marshal(pendingImport{Archive: v.arc.Dir(), Created: v.archiveCreated(), Paths: paths})
	if err == nil {
		p.SetString(prefImportPending, string(data))
	}
}

// pendingImport is the import into this archive that was cut short, if
// any. A note left by another archive once in this folder (deleted since,
// or written by an earlier version, which did not say which archive) is
// removed; one of an archive in another folder stays for it.
func (v *view) pendingImport() (pendingImport, bool) {
	var pi pendingImport
	prefs := v.s.app.Preferences()
	if json.Unmarshal([]byte(prefs.String(prefImportPending)), &pi) != nil || pi.Archive != v.arc.Dir() {
		return pi, false
	}
	if pi.Created != v.archiveCreated() || len(pi.Paths) == 0 {
		prefs.RemoveValue(prefImportPending)
		return pi, false
	}
	return pi, true
}

// pendingNames names the files and folders of an import cut short: the
// first three, each cut to a third of the dialog's width, and how many
// more (the whole list, cut once to a line, showed "lamdong-205…").
func pendingNames(paths []string) string {
	const shown = 3
	names := make([]string, 0, shown)
	for _, p := range paths[:min(shown, len(paths))] {
		names = append(names, fitText(filepath.Base(p), 220))
	}
	s := strings.Join(names, ", ")
	if n := len(paths) - len(names); n > 0 {
		s = lang.L("{{.Names}} và {{.Count}} mục khác", map[string]any{"Names": s, "Count": formatCount(n)})
	}
	return s
}

// offerUnfinishedImport asks, when the last import into this archive was
// cut short without a word (the program killed, the power gone), whether
// to import the same files again; those already in are skipped.
func (v *view) offerUnfinishedImport() {
	if v.readOnly() {
		return // offered again when the archive opens for writing
	}
	pi, ok := v.pendingImport()
	if !ok {
		return
	}
	d := dialog.NewConfirm(lang.L("Lần nhập trước chưa xong"),
		lang.L("Lần nhập trước vào kho này đã dừng giữa chừng (máy tắt hoặc chương trình bị đóng): {{.Names}}. Nhập tiếp? Tệp đã có trong kho sẽ được bỏ qua.", map[string]any{"Names": pendingNames(pi.Paths)}),
		func(again bool) {
			if v.s.view != v {
				return
			}
			switch {
			case !again:
				v.setPendingImport(nil)
			case v.startImport(pi.Paths, nil) != nil:
				rememberImportDir(v.s.app.Preferences(), pi.Paths)
			}
		}, v.win)
	d.SetConfirmText(lang.L("Nhập tiếp"))
	d.SetDismissText(lang.L("Không"))
	v.showDialog(d, nil)
}
