package main

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/ui/messages"
)

// separate takes one file out of its twin group, as a person says who
// finds it is not the same document as the others (index.SeparateTwin):
// it becomes a document of its own, and no import or rebuild joins it to
// them again.
func (c *cli) separate(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return badArgs{lang.L("separate: cần đúng một mã văn bản")}
	}
	return c.withArchive(ctx, writing, func(a *index.Archive) error {
		d, err := a.Get(args[0])
		if err != nil {
			return err
		}
		if d, err = a.SeparateTwin(d.ID); err != nil {
			return err
		}
		fmt.Fprintln(c.out, lang.L("Đã tách {{.ID}} khỏi nhóm cùng nội dung: {{.Title}}", d))
		return nil
	})
}

// tellCopied names, after a check of the stored twin groups (on opening
// for writing, or by rebuild: index.Archive.TwinsChecked), the documents
// it took out of a group whose details an earlier build's edit of the
// group's row probably copied from another member (TwinCheck.Copied): the
// person should look at them.
func (c *cli) tellCopied(a *index.Archive) {
	if chk := a.TwinsChecked(); chk != nil {
		c.printCopied(chk.Copied, a.Get)
	}
}

// printCopied prints the documents copied (by id, get reads them) on
// errOut, beside the progress, so that a command's -json output stays
// whole. One in the Trash (get fails) is said to be there.
func (c *cli) printCopied(copied []string, get func(id string) (*index.Document, error)) {
	if len(copied) == 0 {
		return
	}
	fmt.Fprintln(c.err, messages.N("Lưu ý: khi kiểm tra các nhóm bản trùng, {{.N}} văn bản đã được tách khỏi nhóm; thông tin của chúng có thể đã bị chép từ tệp khác trong nhóm khi sửa trước đây. Xin xem lại:", len(copied), map[string]any{"N": len(copied)}))
	for _, id := range copied {
		if d, err := get(id); err == nil {
			fmt.Fprintf(c.err, "  %s  %s\n", d.ID, d.Title)
		} else {
			fmt.Fprintf(c.err, "  %s  %s\n", id, lang.L("(trong Thùng rác)"))
		}
	}
}
