package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/ui/messages"
)

func (c *cli) backup(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return badArgs{lang.L("backup: cần đúng một tệp .zip")}
	}
	dir, err := c.archiveDir()
	if err != nil {
		return err
	}
	if err := requireArchive(dir); err != nil {
		return err
	}
	info, err := index.Backup(ctx, dir, args[0], c.progress(lang.L("Sao lưu")))
	if errors.Is(err, index.ErrLocked) {
		// The catalog cannot be read beside the window that writes it;
		// the window backs up the archive it has open.
		return saidError{messages.BackupLocked(err)}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.out, messages.N("Đã sao lưu {{.Documents}} văn bản{{.Files}}, và {{.Trash}} văn bản trong thùng rác, vào {{.File}} ({{.MB}} MB).", info.Documents,
		map[string]any{"Documents": info.Documents, "Files": messages.PlainFilesBeside(info.Documents, info.Files), "Trash": info.Trash, "File": args[0], "MB": info.Bytes >> 20}))
	return nil
}

func (c *cli) restore(ctx context.Context, args []string) error {
	if len(args) != 2 {
		return badArgs{lang.L("restore: cần tệp sao lưu và thư mục mới")}
	}
	// The backup is laid out as format 1: its documents are moved into
	// this version's format before the restored folder takes its place.
	info, err := index.RestoreBackup(ctx, args[0], args[1], c.migrating(c.progress(lang.L("Khôi phục"))))
	if err != nil {
		return err
	}
	c.g.archive = args[1]
	// Opening the restored archive builds its index.
	if err := c.withArchive(ctx, writing, func(*index.Archive) error { return nil }); err != nil {
		return err
	}
	fmt.Fprintln(c.out, messages.N("Đã khôi phục {{.Documents}} văn bản{{.Files}}, và {{.Trash}} văn bản trong thùng rác, vào {{.Dir}}; mọi mã băm đều khớp.", info.Documents,
		map[string]any{"Documents": info.Documents, "Files": messages.PlainFilesBeside(info.Documents, info.Files), "Trash": info.Trash, "Dir": args[1]}))
	return nil
}

func (c *cli) pack(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return badArgs{"pack: export | import"}
	}
	switch args[0] {
	case "export":
		return c.packExport(ctx, args[1:])
	case "import":
		return c.packImport(ctx, args[1:])
	}
	return badArgs{fmt.Sprintf("pack %q", args[0])}
}

func (c *cli) packExport(ctx context.Context, args []string) error {
	fs := newFlags("pack export")
	host, _ := os.Hostname()
	office := fs.String("office", host, "")
	year := fs.String("year", "", "")
	campaign := fs.String("campaign", "", "")
	topic := fs.String("topic", "", "")
	if err := parseQueryFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 || !strings.HasSuffix(strings.ToLower(fs.Arg(fs.NArg()-1)), ".kvbpack") {
		return badArgs{lang.L("pack export: tên tệp gói phải kết thúc bằng .kvbpack")}
	}
	file := fs.Arg(fs.NArg() - 1)
	if err := index.CheckOfficeName(*office); err != nil {
		return err
	}
	if letters := index.OfficeLookalikes(*office); letters != "" {
		fmt.Fprintln(c.err, messages.OfficeLookalikes(letters))
	}
	query := strings.Join(fs.Args()[:fs.NArg()-1], " ")
	for name, v := range map[string]string{"year": *year, "campaign": *campaign, "topic": *topic} {
		if v != "" {
			query += " " + name + `:"` + strings.ReplaceAll(v, `"`, "") + `"`
		}
	}
	export := func(a *index.Archive) error {
		info, err := a.ExportPack(ctx, index.Request{Query: query}, *office, file, nil)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.out, messages.N("Đã đóng gói {{.Documents}} văn bản{{.Files}} của {{.Office}} vào {{.File}}.", info.Documents,
			map[string]any{"Documents": info.Documents, "Files": messages.PlainFilesBeside(info.Documents, info.Files), "Office": info.Office, "File": file}))
		return nil
	}
	err := c.withArchive(ctx, reading, export)
	if errors.Is(err, index.ErrReadOnly) {
		// The archive's first pack: its office key is made and saved.
		err = c.withArchive(ctx, writing, export)
	}
	return err
}

func (c *cli) packImport(ctx context.Context, args []string) error {
	fs := newFlags("pack import")
	dry := fs.Bool("dry-run", false, "")
	theirs := fs.Bool("theirs", false, "")
	unverified := fs.Bool("unverified-ok", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badArgs{lang.L("pack import: cần đúng một tệp .kvbpack")}
	}
	return c.withArchive(ctx, writing, func(a *index.Archive) error {
		plan, err := a.PlanPack(fs.Arg(0))
		if err != nil {
			return err
		}
		fmt.Fprintln(c.out, messages.N("Gói của {{.Office}}, {{.Created}}: {{.Documents}} văn bản{{.Files}}", plan.Info.Documents,
			map[string]any{"Office": plan.Info.Office, "Created": plan.Info.Created.Format("02/01/2006"), "Documents": plan.Info.Documents, "Files": messages.PlainFilesBeside(plan.Info.Documents, plan.Info.Files)}))
		verified := c.printSigner(plan.Info.Signer)
		choose := c.printPlan(plan, *theirs)
		if *dry {
			fmt.Fprintln(c.out, lang.L("Chạy thử: chưa thay đổi gì."))
			if !verified {
				fmt.Fprintln(c.out, lang.L("Khi nhập thật cần thêm -unverified-ok."))
			}
			return nil
		}
		if !verified && !*unverified {
			fmt.Fprintln(c.err, lang.L("Chưa nhập: chưa xác minh được ai đã làm gói này. Nếu đã hỏi lại nơi gửi và chắc chắn, chạy lại với -unverified-ok."))
			return errSomeFailed
		}
		if err := a.ApplyPack(ctx, plan, choose, nil); err != nil {
			return err
		}
		updated := map[string]bool{}
		for _, s := range plan.Updated {
			updated[s.ID] = true
		}
		for i := range choose {
			updated[plan.Conflicts[i].ID] = true
		}
		fmt.Fprintln(c.out, messages.N("Đã nhập gói: thêm {{.Added}} văn bản, cập nhật {{.Updated}}.", index.CountDocuments(plan.New), map[string]any{"Added": index.CountDocuments(plan.New), "Updated": len(updated)}))
		for _, it := range plan.Twins {
			fmt.Fprintln(c.out, "  "+it.Path+" ("+lang.L("trùng nội dung với {{.TwinName}}, {{.Twin}}", it)+")")
		}
		return nil
	})
}

// printSigner says who signed a pack; it reports whether the signer is
// verified (signed with a key this archive knows, or the first from an
// office name it has never seen).
func (c *cli) printSigner(s index.Signer) bool {
	key := map[string]any{"Key": s.Fingerprint, "Office": strconv.Quote(s.Office)}
	switch s.Trust {
	case index.TrustUnsigned:
		fmt.Fprintln(c.out, "  "+lang.L("CẢNH BÁO: gói không có chữ ký số; không biết chắc ai đã làm gói này."))
		return false
	case index.TrustChanged:
		fmt.Fprintln(c.out, "  "+lang.L("CẢNH BÁO: chữ ký hợp lệ nhưng bằng khóa {{.Key}}, khác khóa mà {{.Office}} đã dùng trước đây; gói có thể do nơi khác làm. Hãy gọi hỏi nơi gửi và so mã khóa.", key))
		if s.Foreign != "" {
			// A name written with letters of another script to read as
			// a known office's: the letters are said, as for a new one.
			key["Letters"] = strconv.Quote(s.Foreign)
			fmt.Fprintln(c.out, "  "+lang.L("Tên nơi gửi trong gói có chữ cái không phải chữ Việt ({{.Letters}}: chữ Nga, Hy Lạp…) trông giống hệt chữ Việt: gói có thể do nơi khác làm để giả tên {{.Office}}.", key))
		}
		return false
	case index.TrustLookalike:
		key["Letters"] = strconv.Quote(s.Foreign)
		fmt.Fprintln(c.out, "  "+lang.L("CẢNH BÁO: tên nơi gửi {{.Office}} có chữ cái không phải chữ Việt ({{.Letters}}: chữ Nga, Hy Lạp…) trông giống hệt chữ Việt; gói có thể do nơi khác làm để giả tên một nơi quen. Chữ ký hợp lệ, khóa {{.Key}}. Hãy gọi hỏi nơi gửi và so mã khóa.", key))
		return false
	case index.TrustNew:
		fmt.Fprintln(c.out, "  "+lang.L("Chữ ký: hợp lệ, khóa {{.Key}}; lần đầu nhận gói của {{.Office}} (khóa được ghi nhớ khi nhập).", key))
	default:
		fmt.Fprintln(c.out, "  "+lang.L("Chữ ký: hợp lệ, khóa {{.Key}}, đúng khóa đã biết của {{.Office}}.", key))
	}
	return true
}

// printPlan prints what importing a pack does, document by document, and
// returns the conflicts to settle with the pack's value.
func (c *cli) printPlan(plan *index.PackPlan, theirs bool) map[int]bool {
	fmt.Fprintln(c.out, "  "+lang.L("mới: {{.New}}, đã có: {{.Same}}, cập nhật: {{.Updated}}, trong thùng rác: {{.InTrash}}, phong trào/chủ đề mới: {{.Categories}}",
		map[string]any{"New": messages.PlainDocumentsIn(plan.New), "Same": messages.PlainDocumentsIn(plan.Same), "Updated": messages.PlainDocumentsIn(plan.Updated),
			"InTrash": messages.PlainDocumentsIn(plan.InTrash), "Categories": len(plan.Categories)}))
	// A document that differs is said once, as such, not also as the same.
	differs := map[string]bool{}
	for _, cf := range plan.Conflicts {
		differs[cf.ID] = true
	}
	if len(differs) > 0 {
		more := lang.L("giữ bản ở đây; dùng -theirs để lấy bản trong gói")
		if theirs {
			more = lang.L("lấy bản trong gói")
		}
		fmt.Fprintln(c.out, "  "+messages.N("khác với bản ở đây: {{.Count}} văn bản ({{.Keep}})", len(differs), map[string]any{"Count": len(differs), "Keep": more}))
	}
	line := func(what string, s index.Summary, more string) {
		fmt.Fprintf(c.out, "  %-10s %s  %s%s\n", what, s.ID, s.Title, more)
	}
	for _, s := range plan.New {
		line(lang.L("thêm"), s, "")
	}
	for _, s := range plan.Updated {
		line(lang.L("cập nhật"), s, ": "+lang.L("lấy của nơi gửi {{.Fields}}", map[string]any{"Fields": fieldLabels(plan.Taken[s.ID])}))
	}
	for _, s := range plan.Same {
		if !differs[s.ID] {
			line(lang.L("giữ nguyên"), s, " ("+lang.L("đã có, giống hệt")+")")
		}
	}
	for _, s := range plan.InTrash {
		line(lang.L("bỏ qua"), s, " ("+lang.L("đang ở Thùng rác, để nguyên")+")")
	}
	for _, cat := range plan.Categories {
		fmt.Fprintf(c.out, "  %-10s %s\n", lang.L("thêm"), cat.Name)
	}
	for _, r := range plan.Refused {
		fmt.Fprintln(c.out, "  "+messages.RefusedCategory(r))
	}
	for _, cut := range plan.Cut {
		fmt.Fprintln(c.out, "  "+messages.ListCut(cut))
	}
	choose := map[int]bool{}
	for i, cf := range plan.Conflicts {
		keep := lang.L("giữ bản ở đây")
		if theirs {
			choose[i] = true
			keep = lang.L("lấy bản trong gói")
		}
		fmt.Fprintln(c.out, "  "+lang.L("khác nhau {{.ID}} {{.Title}}, {{.Field}}: ở đây {{.Local}}, trong gói {{.Theirs}} ({{.Keep}})",
			map[string]any{"ID": cf.ID, "Title": strconv.Quote(cf.Title), "Field": fieldLabels([]string{cf.Field}), "Local": strconv.Quote(cf.Local), "Theirs": strconv.Quote(cf.Theirs), "Keep": keep}))
	}
	return choose
}
