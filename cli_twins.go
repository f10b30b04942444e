package main

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
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
