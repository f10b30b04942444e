package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"khovanban/index"
)

// archiveDir is the archive folder the command works on.
func (c *cli) archiveDir() (string, error) {
	if c.g.archive != "" {
		return c.g.archive, nil
	}
	return index.DefaultDir()
}

func (c *cli) backup(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return badArgs{tr("backup: cần đúng một tệp .zip", "backup: name one .zip file")}
	}
	dir, err := c.archiveDir()
	if err != nil {
		return err
	}
	info, err := index.Backup(ctx, dir, args[0], c.progress(tr("Sao lưu", "Backing up")))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, tr("Đã sao lưu %d văn bản (và %d trong thùng rác) vào %s (%d MB).\n", "Backed up %d documents (and %d in the Trash) to %s (%d MB).\n"),
		info.Documents, info.Trash, args[0], info.Bytes>>20)
	return nil
}

func (c *cli) restore(ctx context.Context, args []string) error {
	if len(args) != 2 {
		return badArgs{tr("restore: cần tệp sao lưu và thư mục mới", "restore: name the backup file and a new folder")}
	}
	info, err := index.Restore(ctx, args[0], args[1], c.progress(tr("Khôi phục", "Restoring")))
	if err != nil {
		return err
	}
	c.g.archive = args[1]
	a, err := c.open() // builds the index
	if err != nil {
		return err
	}
	a.Close()
	fmt.Fprintf(c.out, tr("Đã khôi phục %d văn bản (và %d trong thùng rác) vào %s; mọi mã băm đều khớp.\n", "Restored %d documents (and %d in the Trash) into %s; every hash matched.\n"),
		info.Documents, info.Trash, args[1])
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
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 || !strings.HasSuffix(strings.ToLower(fs.Arg(fs.NArg()-1)), ".kvbpack") {
		return badArgs{tr("pack export: tên tệp gói phải kết thúc bằng .kvbpack", "pack export: the pack file must end in .kvbpack")}
	}
	file := fs.Arg(fs.NArg() - 1)
	query := strings.Join(fs.Args()[:fs.NArg()-1], " ")
	for name, v := range map[string]string{"year": *year, "campaign": *campaign, "topic": *topic} {
		if v != "" {
			query += " " + name + `:"` + strings.ReplaceAll(v, `"`, "") + `"`
		}
	}
	a, err := c.open()
	if err != nil {
		return err
	}
	defer a.Close()
	info, err := a.ExportPack(ctx, index.Request{Query: query}, *office, file, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, tr("Đã đóng gói %d văn bản của %s vào %s.\n", "Packed %d documents from %s into %s.\n"), info.Documents, info.Office, file)
	return nil
}

func (c *cli) packImport(ctx context.Context, args []string) error {
	fs := newFlags("pack import")
	dry := fs.Bool("dry-run", false, "")
	theirs := fs.Bool("theirs", false, "")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badArgs{tr("pack import: cần đúng một tệp .kvbpack", "pack import: name one .kvbpack file")}
	}
	a, err := c.open()
	if err != nil {
		return err
	}
	defer a.Close()
	plan, err := a.PlanPack(fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, tr("Gói của %s, %s: %d văn bản\n", "Pack from %s, %s: %d documents\n"), plan.Info.Office, plan.Info.Created.Format("02/01/2006"), plan.Info.Documents)
	fmt.Fprintf(c.out, tr("  mới: %d, đã có: %d, cập nhật: %d, trong thùng rác: %d, phong trào/chủ đề mới: %d\n", "  new: %d, already here: %d, updated: %d, in the Trash: %d, new campaigns/topics: %d\n"),
		len(plan.New), len(plan.Same), len(plan.Updated), len(plan.InTrash), len(plan.Categories))
	choose := map[int]bool{}
	for i, cf := range plan.Conflicts {
		keep := tr("giữ bản ở đây", "keeping this archive's")
		if *theirs {
			choose[i] = true
			keep = tr("lấy bản trong gói", "taking the pack's")
		}
		fmt.Fprintf(c.out, tr("  khác nhau %s %q, %s: ở đây %q, trong gói %q (%s)\n", "  differs %s %q, %s: here %q, in the pack %q (%s)\n"),
			cf.ID, cf.Title, cf.Field, cf.Local, cf.Theirs, keep)
	}
	if *dry {
		return nil
	}
	if err := a.ApplyPack(ctx, plan, choose, nil); err != nil {
		return err
	}
	fmt.Fprintln(c.out, tr("Đã nhập gói.", "Pack imported."))
	return nil
}
