package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/index/extract"
	"khovanban/ui/messages"
)

const usage = `Cách dùng / Usage:
  khovanban [-archive DIR]                          mở cửa sổ / open the window
  khovanban [-archive DIR] import [-json] PATH...   nhập tệp và thư mục / import files and folders
  khovanban [-archive DIR] search [-json] [-limit N] [-sort relevance|newest|oldest]
            [-year Y] [-type T] [-campaign C] [-topic T] [-issuer I] QUERY
  khovanban [-archive DIR] show [-json] ID
  khovanban [-archive DIR] edit ID field=value ...
  khovanban [-archive DIR] review [-json]
  khovanban [-archive DIR] campaigns [-json]
  khovanban [-archive DIR] rebuild
  khovanban [-archive DIR] stats [-json]
  khovanban [-archive DIR] check [-json]            kiểm tra kho / verify the archive
  khovanban [-archive DIR] backup FILE.zip          sao lưu / back up (also while the window is open)
  khovanban restore FILE.zip DIR                    khôi phục / restore into a new folder
  khovanban [-archive DIR] pack export [-office NAME] [-year Y] [-campaign C] [-topic T] [QUERY] FILE.kvbpack
  khovanban [-archive DIR] pack import [-dry-run] [-theirs] [-unverified-ok] FILE.kvbpack
  khovanban version
`

// global holds the options that come before the command.
type global struct {
	archive string
}

func parseGlobal(args []string) (global, []string, error) {
	var g global
	fs := flag.NewFlagSet("khovanban", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.archive, "archive", "", "archive folder")
	if err := fs.Parse(args); err != nil {
		return g, nil, err
	}
	return g, fs.Args(), nil
}

// cli runs one command, writing to out and errOut.
type cli struct {
	g        global
	cmd      string // the command being run, to name it to other processes
	out, err io.Writer
}

// runCommand runs a command and returns the process exit code: 0, 1 when
// the work failed, 2 for bad arguments.
func runCommand(g global, args []string, out, errOut io.Writer) int {
	messages.UseLanguage(languageFromEnv())
	c := &cli{g: g, cmd: args[0], out: out, err: errOut}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmd, rest := args[0], args[1:]
	run := map[string]func(context.Context, []string) error{
		"import": c.importCmd, "search": c.search, "show": c.show, "edit": c.edit,
		"review": c.review, "campaigns": c.campaigns, "rebuild": c.rebuild, "stats": c.stats,
		"backup": c.backup, "restore": c.restore, "pack": c.pack, "check": c.check,
	}[cmd]
	if cmd == "version" {
		fmt.Fprintln(out, "khovanban", version)
		return 0
	}
	if run == nil {
		fmt.Fprintf(errOut, "%s: %q\n", lang.L("lệnh không rõ"), cmd)
		fmt.Fprint(errOut, usage)
		return 2
	}
	err := run(ctx, rest)
	var bad badArgs
	switch {
	case err == nil:
		return 0
	case errors.As(err, &bad):
		fmt.Fprintln(errOut, bad.Error())
		fmt.Fprint(errOut, usage)
		return 2
	case errors.Is(err, errSomeFailed):
		return 1
	default:
		fmt.Fprintln(errOut, messages.Error(err))
		return 1
	}
}

// badArgs is a usage mistake: exit code 2.
type badArgs struct{ msg string }

func (b badArgs) Error() string { return b.msg }

// errSomeFailed says a command found failures it has already listed (files
// an import did not take, problems check found): exit code 1.
var errSomeFailed = errors.New("some files failed")

func (c *cli) open() (*index.Archive, error) {
	return c.openWith(c.progress(lang.L("Dựng lại chỉ mục")))
}

// openWith opens the archive, telling progress about an index rebuild
// opening it needs.
func (c *cli) openWith(progress func(index.Progress)) (*index.Archive, error) {
	dir, err := c.archiveDir()
	if err != nil {
		return nil, err
	}
	return index.Open(dir, index.Options{Registry: assets.Registry, Progress: progress, Program: "khovanban " + c.cmd})
}

// openRead opens the archive for a command that only reads it: nothing
// is written, so it works on a full disk or a read-only medium, and
// several such commands may run at once. An archive that must be written
// first (not created yet, its index to build again, a move a kill
// interrupted) is opened for writing instead.
func (c *cli) openRead() (*index.Archive, error) {
	dir, err := c.archiveDir()
	if err != nil {
		return nil, err
	}
	a, err := index.OpenReadOnly(dir, index.Options{Registry: assets.Registry, Program: "khovanban " + c.cmd})
	if errors.Is(err, index.ErrNeedsWrite) {
		return c.open()
	}
	return a, err
}

// progress prints long work's progress on one line of errOut.
func (c *cli) progress(what string) func(index.Progress) {
	return func(p index.Progress) {
		fmt.Fprintf(c.err, "\r%s: %d/%d", what, p.Done, p.Total)
		if p.Done == p.Total {
			fmt.Fprintln(c.err)
		}
	}
}

// newOCR reads scanned pages with the system's tesseract when installed
// (Linux), else with the engine built into the program;
// KHOVANBAN_OCR=builtin always uses the built-in one, KHOVANBAN_OCR=off
// none (nil).
func newOCR() *extract.OCR {
	switch os.Getenv("KHOVANBAN_OCR") {
	case "off":
		return nil
	case "builtin":
		return extract.NewOCR(extract.OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese})
	}
	return extract.NewOCR(extract.OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese, System: true})
}

// ocrProgress prints on errOut which scanned page is being read.
func (c *cli) ocrProgress(p index.Progress) {
	if p.Pages > 0 {
		fmt.Fprintln(c.err, lang.L("Đang nhận dạng chữ trang {{.Page}}/{{.Pages}} của tệp {{.Current}}", p))
	}
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return badArgs{fmt.Sprintf("%s: %v", fs.Name(), err)}
	}
	return nil
}

// queryArgs lets a query start with a word to leave out, as in
// `search -json -từ`: the first argument that looks like a flag but names
// none of fs's starts the query, so "--" is put before it.
func queryArgs(fs *flag.FlagSet, args []string) []string {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" || arg == "-" || !strings.HasPrefix(arg, "-") {
			return args
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			return slices.Insert(slices.Clone(args), i, "--")
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !hasValue && !(ok && b.IsBoolFlag()) {
			i++ // the flag's value
		}
	}
	return args
}

func (c *cli) writeJSON(v any) error {
	enc := json.NewEncoder(c.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (c *cli) importCmd(ctx context.Context, args []string) error {
	fs := newFlags("import")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return badArgs{lang.L("import: cần ít nhất một tệp hoặc thư mục")}
	}
	a, err := c.open()
	if err != nil {
		return err
	}
	defer a.Close()
	ocr := newOCR()
	defer ocr.Close()
	opts := index.ImportOptions{Extract: extract.Options{OCR: ocr}, Progress: c.ocrProgress}
	if !*asJSON {
		opts.Item = func(it index.ImportItem) { fmt.Fprintln(c.out, importLine(it)) }
	}
	rep, err := a.Import(ctx, fs.Args(), opts)
	if err != nil {
		return err
	}
	if *asJSON {
		if err := c.writeJSON(importJSON(rep)); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(c.out, lang.L("Đã thêm {{.Added}}, trùng {{.Duplicates}}, lỗi {{.Failed}}, không hỗ trợ {{.Unsupported}}, bỏ qua {{.Skipped}}.", rep))
	}
	// A full disk can stop Bleve from writing the index after the files
	// went in: the import has then failed too.
	if err := a.Close(); err != nil {
		return err
	}
	if rep.Failed > 0 {
		return errSomeFailed
	}
	return nil
}

func importLine(it index.ImportItem) string {
	switch it.Status {
	case index.Added:
		line := fmt.Sprintf("%s\t%s\t%s\t%s", lang.L("đã thêm"), it.Path, it.ID, it.Title)
		for _, w := range it.Warnings {
			line += " (" + messages.Warning(w) + ")"
		}
		if it.Twin != "" {
			line += " (" + lang.L("trùng nội dung với {{.TwinName}}, {{.Twin}}", it) + ")"
		}
		return line
	case index.Duplicate:
		return fmt.Sprintf("%s\t%s\t%s\t%s", lang.L("trùng"), it.Path, it.ID, it.Title)
	case index.Unsupported:
		return fmt.Sprintf("%s\t%s", lang.L("không hỗ trợ"), it.Path)
	case index.Skipped:
		return fmt.Sprintf("%s\t%s\t%s", lang.L("bỏ qua"), it.Path, messages.Error(it.Err))
	}
	return fmt.Sprintf("%s\t%s\t%s", lang.L("lỗi"), it.Path, messages.Error(it.Err))
}

type importItemJSON struct {
	Path     string   `json:"path"`
	Status   string   `json:"status"`
	ID       string   `json:"id,omitempty"`
	Title    string   `json:"title,omitempty"`
	Error    string   `json:"error,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	Twin     string   `json:"twin,omitempty"` // the document with the same text
	TwinName string   `json:"twin_name,omitempty"`
}

func importJSON(rep *index.ImportReport) any {
	items := []importItemJSON{}
	for _, it := range rep.Items {
		j := importItemJSON{Path: it.Path, Status: string(it.Status), ID: it.ID, Title: it.Title, Warnings: it.Warnings,
			Twin: it.Twin, TwinName: it.TwinName}
		if it.Err != nil {
			j.Error = messages.Error(it.Err)
		}
		items = append(items, j)
	}
	return map[string]any{
		"added": rep.Added, "duplicates": rep.Duplicates, "failed": rep.Failed,
		"unsupported": rep.Unsupported, "skipped": rep.Skipped, "cancelled": rep.Cancelled,
		"items": items,
	}
}

func (c *cli) search(ctx context.Context, args []string) error {
	fs := newFlags("search")
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 20, "")
	sortBy := fs.String("sort", "relevance", "")
	year := fs.String("year", "", "")
	typ := fs.String("type", "", "")
	campaign := fs.String("campaign", "", "")
	topic := fs.String("topic", "", "")
	issuer := fs.String("issuer", "", "")
	if err := parseFlags(fs, queryArgs(fs, args)); err != nil {
		return err
	}
	sort := index.Sort(*sortBy)
	if sort != index.ByRelevance && sort != index.Newest && sort != index.Oldest {
		return badArgs{fmt.Sprintf("search: -sort %q", *sortBy)}
	}
	if *limit < 0 {
		return badArgs{"search: -limit"}
	}
	query := strings.Join(fs.Args(), " ")
	// The flags are exact filters, as the window's facets are: -type
	// "Báo cáo" is not "Thông báo".
	var f index.Filters
	if *year != "" {
		// One year, or a range: 2014-2016.
		a, b, isRange := strings.Cut(*year, "-")
		from, err1 := strconv.Atoi(strings.TrimSpace(a))
		to, err2 := from, error(nil)
		if isRange {
			to, err2 = strconv.Atoi(strings.TrimSpace(b))
		}
		if err1 != nil || err2 != nil || to < from || to-from > 200 {
			return badArgs{fmt.Sprintf("search: -year %q", *year)}
		}
		for y := from; y <= to; y++ {
			f.Years = append(f.Years, y)
		}
	}
	for _, v := range []struct {
		value string
		to    *[]string
	}{{*typ, &f.Types}, {*campaign, &f.Campaigns}, {*topic, &f.Topics}, {*issuer, &f.Issuers}} {
		if strings.TrimSpace(v.value) != "" {
			*v.to = []string{strings.TrimSpace(v.value)}
		}
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	f = a.ExactFilters(ctx, f)
	res, err := a.Search(ctx, index.Request{Query: query, Filters: f, Sort: sort, Limit: *limit, DisjunctiveFacets: true})
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(searchJSON(res))
	}
	fmt.Fprintln(c.out, lang.L("{{.Total}} kết quả ({{.Ms}} ms)", map[string]any{"Total": res.Total, "Ms": res.Took.Milliseconds()}))
	for _, h := range res.Hits {
		fmt.Fprintf(c.out, "\n%s  %s  %s  %s\n  %s\n  %s\n", h.ID, displayDate(h.Summary), h.Number, h.Type, h.Title, h.Snippet.Marked("«", "»", false))
	}
	return nil
}

func displayDate(s index.Summary) string {
	if len(s.Date) == 10 {
		return s.Date[8:10] + "/" + s.Date[5:7] + "/" + s.Date[:4]
	}
	if s.Year > 0 {
		return strconv.Itoa(s.Year)
	}
	return "—"
}

// hitJSON is a search hit as `search -json` prints it.
type hitJSON struct {
	index.Summary
	Score   float64      `json:"score"`
	Snippet string       `json:"snippet"`
	Twins   []index.Twin `json:"twins,omitempty"` // the originals of the same text
}

func searchJSON(res *index.Result) any {
	hits := []hitJSON{}
	for _, h := range res.Hits {
		hits = append(hits, hitJSON{Summary: h.Summary, Score: h.Score, Snippet: h.Snippet.Marked("<mark>", "</mark>", true), Twins: h.Twins})
	}
	facets := map[string][]index.FacetValue{}
	for _, name := range index.FacetNames {
		facets[name] = res.Facets[name]
		if facets[name] == nil {
			facets[name] = []index.FacetValue{}
		}
	}
	return map[string]any{"total": res.Total, "took_ms": res.Took.Milliseconds(), "hits": hits, "facets": facets}
}

func (c *cli) show(ctx context.Context, args []string) error {
	fs := newFlags("show")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badArgs{lang.L("show: cần đúng một mã văn bản")}
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.Get(fs.Arg(0))
	if err != nil {
		return err
	}
	twins, err := a.Twins(ctx, d)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(struct {
			*index.Document
			Twins []index.Twin `json:"twins,omitempty"`
		}{d, twins})
	}
	c.printDoc(d, twins)
	return nil
}

func (c *cli) printDoc(d *index.Document, twins []index.Twin) {
	row := func(label, v string) {
		if v != "" {
			fmt.Fprintf(c.out, "%-22s %s\n", label+":", v)
		}
	}
	row(lang.L("Mã"), d.ID)
	row(lang.L("Tiêu đề"), d.Title)
	row(lang.L("Số hiệu"), d.Number)
	row(lang.L("Loại văn bản"), d.Type)
	row(lang.L("Cơ quan ban hành"), d.Issuer)
	row(lang.L("Ngày ban hành"), displayDate(d.Summary()))
	row(lang.L("Nơi ban hành"), d.Place)
	row(lang.L("Người ký"), strings.TrimSpace(d.SignerTitle+" "+d.Signer))
	row(lang.L("Phong trào"), strings.Join(d.Campaigns, "; "))
	row(lang.L("Chủ đề"), strings.Join(d.Topics, "; "))
	row(lang.L("Nguồn"), d.Source)
	row(lang.L("Ghi chú"), d.Notes)
	row(lang.L("Tệp gốc"), d.OriginalName)
	var others []string
	for _, t := range twins {
		if t.ID != d.ID {
			others = append(others, fmt.Sprintf("%s %s (%s)", strings.ToUpper(t.Format), t.OriginalName, t.ID))
		}
	}
	row(lang.L("Cùng nội dung"), strings.Join(others, "; "))
	if d.OCRPages > 0 {
		row(lang.L("Nhận dạng chữ (OCR)"), lang.L("{{.OCRPages}} trang quét", d))
	}
	if u := d.Unsure(); len(u) > 0 {
		row(lang.L("Cần xem lại"), strings.Join(u, ", "))
	}
	fmt.Fprintf(c.out, "\n%s\n", d.Text)
}

func (c *cli) edit(_ context.Context, args []string) error {
	if len(args) < 2 {
		return badArgs{lang.L("edit: cần mã văn bản và ít nhất một trường=giá trị")}
	}
	values := map[string]string{}
	for _, kv := range args[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return badArgs{fmt.Sprintf("edit: %q", kv)}
		}
		values[strings.TrimSpace(k)] = v
	}
	a, err := c.open()
	if err != nil {
		return err
	}
	defer a.Close()
	d, err := a.Edit(args[0], values)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out, lang.L("Đã lưu {{.ID}}: {{.Title}}", d))
	return nil
}

func (c *cli) review(ctx context.Context, args []string) error {
	fs := newFlags("review")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	items := []index.Summary{}
	for offset := 0; ; offset += 500 {
		res, err := a.Search(ctx, index.Request{Filters: index.Filters{Unsure: true}, Sort: index.Newest, Offset: offset, Limit: 500, NoFacets: true})
		if err != nil {
			return err
		}
		for _, h := range res.Hits {
			items = append(items, h.Summary)
		}
		if len(res.Hits) < 500 {
			break
		}
	}
	if *asJSON {
		return c.writeJSON(items)
	}
	fmt.Fprintln(c.out, lang.L("{{.Count}} văn bản cần xem lại", map[string]any{"Count": len(items)}))
	for _, it := range items {
		fmt.Fprintf(c.out, "%s  %s  [%s]\n", it.ID, it.Title, strings.Join(it.Unsure, ", "))
	}
	return nil
}

func (c *cli) campaigns(ctx context.Context, args []string) error {
	fs := newFlags("campaigns")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	camps, err := a.CategoryCounts(ctx, classify.Campaign)
	if err != nil {
		return err
	}
	topics, err := a.CategoryCounts(ctx, classify.Topic)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(map[string]any{"campaigns": camps, "topics": topics})
	}
	for _, group := range []struct {
		title string
		list  []index.CategoryCount
	}{{lang.L("Phong trào"), camps}, {lang.L("Chủ đề"), topics}} {
		fmt.Fprintf(c.out, "%s:\n", group.title)
		for _, cc := range group.list {
			name := cc.Name
			if cc.Parent != "" {
				name = "  " + name + " (" + cc.Parent + ")"
			}
			fmt.Fprintf(c.out, "  %6d  %s\n", cc.Documents, name)
		}
	}
	return nil
}

func (c *cli) rebuild(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return badArgs{"rebuild: " + strings.Join(args, " ")}
	}
	// An index that is missing, damaged or outdated is rebuilt on opening;
	// then once is enough.
	progress := c.progress(lang.L("Dựng lại chỉ mục"))
	rebuilt := false
	a, err := c.openWith(func(p index.Progress) {
		rebuilt = true
		progress(p)
	})
	if err != nil {
		return err
	}
	defer a.Close()
	if !rebuilt {
		if err := a.Rebuild(ctx, progress); err != nil {
			return err
		}
	}
	fmt.Fprintln(c.out, lang.L("Đã dựng lại chỉ mục."))
	return nil
}

func (c *cli) stats(ctx context.Context, args []string) error {
	fs := newFlags("stats")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	st, err := a.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return c.writeJSON(st)
	}
	fmt.Fprintln(c.out, lang.L("Thư mục: {{.Dir}}\nVăn bản: {{.Documents}}\nThùng rác: {{.Trash}}\nCần xem lại: {{.Unsure}}\nDữ liệu lưu: {{.StoredMB}} MB\nChỉ mục: {{.IndexMB}} MB",
		map[string]any{"Dir": a.Dir(), "Documents": st.Documents, "Trash": st.Trash, "Unsure": st.Unsure,
			"StoredMB": st.StoredBytes >> 20, "IndexMB": st.IndexBytes >> 20}))
	return nil
}

func (c *cli) check(ctx context.Context, args []string) error {
	fs := newFlags("check")
	asJSON := fs.Bool("json", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badArgs{"check: " + strings.Join(fs.Args(), " ")}
	}
	a, err := c.openRead()
	if err != nil {
		return err
	}
	defer a.Close()
	rep, err := a.Check(ctx, c.progress(lang.L("Kiểm tra")))
	if err != nil {
		return err
	}
	if *asJSON {
		if err := c.writeJSON(rep); err != nil {
			return err
		}
	} else {
		for _, p := range rep.Problems {
			fmt.Fprintf(c.out, "%s\t%s\t%s\n", p.ID, problemText(p.Kind), p.Path)
		}
		fmt.Fprint(c.out, lang.L("Đã kiểm tra {{.Documents}} văn bản (và {{.Trash}} trong thùng rác), {{.Originals}} tệp gốc:", rep)+" ")
		if len(rep.Problems) == 0 {
			fmt.Fprintln(c.out, lang.L("không có lỗi."))
		} else {
			fmt.Fprintln(c.out, lang.L("{{.Count}} lỗi.", map[string]any{"Count": len(rep.Problems)}))
		}
	}
	if len(rep.Problems) > 0 {
		return errSomeFailed
	}
	return nil
}

// problemText says what a problem Check found means.
func problemText(k index.ProblemKind) string {
	switch k {
	case index.NoOriginal:
		return lang.L("thiếu tệp gốc")
	case index.OriginalMismatch:
		return lang.L("tệp gốc đã bị thay đổi (mã băm không khớp)")
	case index.DamagedDocument:
		return lang.L("tệp văn bản bị hỏng")
	case index.NotIndexed:
		return lang.L("không có trong chỉ mục, không tìm thấy khi tìm kiếm (hãy chạy rebuild)")
	case index.IndexedNotStored:
		return lang.L("có trong chỉ mục nhưng không còn trong kho (hãy chạy rebuild)")
	case index.LiveAndTrash:
		return lang.L("vừa trong kho vừa trong thùng rác")
	case index.StrayOriginal:
		return lang.L("tệp gốc không thuộc văn bản nào")
	}
	return string(k)
}
