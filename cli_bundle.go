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
	info, err := index.RestoreBackup(ctx, args[0], args[1], c.progress(tr("Khôi phục", "Restoring")))
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
	unverified := fs.Bool("unverified-ok", false, "")
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
	verified := c.printSigner(plan.Info.Signer)
	choose := c.printPlan(plan, *theirs)
	if *dry {
		fmt.Fprintln(c.out, tr("Chạy thử: chưa thay đổi gì.", "Dry run: nothing changed."))
		if !verified {
			fmt.Fprintln(c.out, tr("Khi nhập thật cần thêm -unverified-ok.", "Importing it will need -unverified-ok."))
		}
		return nil
	}
	if !verified && !*unverified {
		fmt.Fprintln(c.err, tr("Chưa nhập: chưa xác minh được ai đã làm gói này. Nếu đã hỏi lại nơi gửi và chắc chắn, chạy lại với -unverified-ok.",
			"Not imported: who made this pack cannot be verified. If you have checked with the sender and are sure, run again with -unverified-ok."))
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
	fmt.Fprintf(c.out, tr("Đã nhập gói: thêm %d văn bản, cập nhật %d.\n", "Pack imported: %d documents added, %d updated.\n"), len(plan.New), len(updated))
	return nil
}

// printSigner says who signed a pack; it reports whether the signer is
// verified (signed with a key this archive knows, or the first from an
// office name it has never seen).
func (c *cli) printSigner(s index.Signer) bool {
	switch s.Trust {
	case index.TrustUnsigned:
		fmt.Fprintln(c.out, tr("  CẢNH BÁO: gói không có chữ ký số; không biết chắc ai đã làm gói này.",
			"  WARNING: the pack is not signed; who made it cannot be told."))
		return false
	case index.TrustChanged:
		fmt.Fprintf(c.out, tr("  CẢNH BÁO: chữ ký hợp lệ nhưng bằng khóa %s, khác khóa mà %q đã dùng trước đây; gói có thể do nơi khác làm. Hãy gọi hỏi nơi gửi và so mã khóa.\n",
			"  WARNING: the signature is valid but made with key %s, not the key %q used before; someone else may have made the pack. Call the sender and compare the key.\n"), s.Fingerprint, s.Office)
		return false
	case index.TrustNew:
		fmt.Fprintf(c.out, tr("  Chữ ký: hợp lệ, khóa %s; lần đầu nhận gói của %q (khóa được ghi nhớ khi nhập).\n",
			"  Signature: valid, key %s; the first pack from %q (the key is remembered on import).\n"), s.Fingerprint, s.Office)
	default:
		fmt.Fprintf(c.out, tr("  Chữ ký: hợp lệ, khóa %s, đúng khóa đã biết của %q.\n", "  Signature: valid, key %s, the known key of %q.\n"), s.Fingerprint, s.Office)
	}
	return true
}

// printPlan prints what importing a pack does, document by document, and
// returns the conflicts to settle with the pack's value.
func (c *cli) printPlan(plan *index.PackPlan, theirs bool) map[int]bool {
	fmt.Fprintf(c.out, tr("  mới: %d, đã có: %d, cập nhật: %d, trong thùng rác: %d, phong trào/chủ đề mới: %d\n", "  new: %d, already here: %d, updated: %d, in the Trash: %d, new campaigns/topics: %d\n"),
		len(plan.New), len(plan.Same), len(plan.Updated), len(plan.InTrash), len(plan.Categories))
	line := func(what string, s index.Summary, more string) {
		fmt.Fprintf(c.out, "  %-10s %s  %s%s\n", what, s.ID, s.Title, more)
	}
	for _, s := range plan.New {
		line(tr("thêm", "add"), s, "")
	}
	for _, s := range plan.Updated {
		line(tr("cập nhật", "update"), s, tr(": lấy của nơi gửi ", ": taking the sender's ")+strings.Join(plan.Taken[s.ID], ", "))
	}
	for _, s := range plan.Same {
		line(tr("giữ nguyên", "unchanged"), s, tr(" (đã có, giống hệt)", " (already here, the same)"))
	}
	for _, s := range plan.InTrash {
		line(tr("bỏ qua", "skip"), s, tr(" (đang ở Thùng rác, để nguyên)", " (in the Trash, left there)"))
	}
	for _, cat := range plan.Categories {
		fmt.Fprintf(c.out, "  %-10s %s\n", tr("thêm", "add"), cat.Name)
	}
	choose := map[int]bool{}
	for i, cf := range plan.Conflicts {
		keep := tr("giữ bản ở đây", "keeping this archive's")
		if theirs {
			choose[i] = true
			keep = tr("lấy bản trong gói", "taking the pack's")
		}
		fmt.Fprintf(c.out, tr("  khác nhau %s %q, %s: ở đây %q, trong gói %q (%s)\n", "  differs %s %q, %s: here %q, in the pack %q (%s)\n"),
			cf.ID, cf.Title, cf.Field, cf.Local, cf.Theirs, keep)
	}
	return choose
}
