package main

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2/lang"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/extract"
	"khovanban/ui/messages"
)

func (c *cli) importCmd(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("import")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return badArgs{lang.L("import: cần ít nhất một tệp hoặc thư mục")}
	}
	return c.withArchive(ctx, writing, func(a *index.Archive) error {
		ocr := newOCR()
		defer ocr.Close()
		opts := index.ImportOptions{Extract: extract.Options{OCR: ocr}, Progress: c.importProgress()}
		// Each file is printed as it is done; -json lists them all at
		// the end (the report lists only some of the files added).
		var all []index.ImportItem
		opts.Item = func(it index.ImportItem) { fmt.Fprintln(c.out, importLine(it)) }
		if *asJSON {
			opts.Item = func(it index.ImportItem) { all = append(all, it) }
		}
		rep, err := a.Import(ctx, fs.Args(), opts)
		if err != nil {
			return err
		}
		err = c.print(*asJSON, newImportJSON(rep, all), func() {
			fmt.Fprintln(c.out, lang.L("Đã thêm {{.Added}}, trùng {{.Duplicates}}, lỗi {{.Failed}}, không hỗ trợ {{.Unsupported}}, bỏ qua {{.Skipped}}.", rep))
			if twins := messages.ImportTwins(rep); twins != "" {
				fmt.Fprintln(c.out, twins)
			}
		})
		if err == nil && rep.Failed > 0 {
			err = errSomeFailed
		}
		return err
	})
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
		return extract.NewOCR(extract.OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese, Digits: assets.HandDigits})
	}
	return extract.NewOCR(extract.OCRConfig{Engine: assets.OCREngine, Model: assets.OCRVietnamese, Digits: assets.HandDigits, System: true})
}

// importProgress prints on errOut which scanned page is being read, and
// how far the index's merge after the import is (index/tidy.go), each
// tenth.
func (c *cli) importProgress() func(index.Progress) {
	tidied := -1
	return func(p index.Progress) {
		switch {
		case p.Pages > 0:
			fmt.Fprintln(c.err, lang.L("Đang nhận dạng chữ trang {{.Page}}/{{.Pages}} của tệp {{.Current}}", p))
		case p.Tidying && p.Done/10 > tidied:
			tidied = p.Done / 10
			fmt.Fprintln(c.err, lang.L("Đã lưu xong · Đang sắp xếp lại chỉ mục để tìm nhanh hơn: {{.Done}}%", p))
		}
	}
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
		return fmt.Sprintf("%s\t%s\t%s", lang.L("bỏ qua"), it.Path, messages.ImportError(it, messages.CommandError))
	}
	return fmt.Sprintf("%s\t%s\t%s", lang.L("lỗi"), it.Path, messages.ImportError(it, messages.CommandError))
}

// importJSON is what `import -json` prints.
type importJSON struct {
	Added       int              `json:"added"`
	Cancelled   bool             `json:"cancelled"`
	Duplicates  int              `json:"duplicates"`
	Failed      int              `json:"failed"`
	Items       []importItemJSON `json:"items"`
	Skipped     int              `json:"skipped"`
	Unsupported int              `json:"unsupported"`
}

// importItemJSON is one file of importJSON.
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

func newImportJSON(rep *index.ImportReport, items []index.ImportItem) importJSON {
	j := importJSON{Added: rep.Added, Cancelled: rep.Cancelled, Duplicates: rep.Duplicates, Failed: rep.Failed,
		Items: []importItemJSON{}, Skipped: rep.Skipped, Unsupported: rep.Unsupported}
	for _, it := range items {
		item := importItemJSON{Path: it.Path, Status: string(it.Status), ID: it.ID, Title: it.Title, Warnings: it.Warnings,
			Twin: it.Twin, TwinName: it.TwinName}
		if it.Err != nil {
			item.Error = messages.CommandError(it.Err)
		}
		j.Items = append(j.Items, item)
	}
	return j
}
