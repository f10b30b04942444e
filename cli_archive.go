package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/index/vntext"
	"khovanban/ui/messages"
)

func (c *cli) edit(ctx context.Context, args []string) error {
	if len(args) < 2 {
		return badArgs{lang.L("edit: cần mã văn bản và ít nhất một trường=giá trị")}
	}
	values := map[string]string{}
	for _, kv := range args[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return badArgs{fmt.Sprintf("edit: %q", kv)}
		}
		k = strings.TrimSpace(k)
		if !slices.Contains(index.EditableFields, k) {
			return badArgs{lang.L("edit: không có trường “{{.Field}}”. Các trường: {{.Fields}}", map[string]any{"Field": k, "Fields": strings.Join(index.EditableFields, " ")})}
		}
		values[k] = v
	}
	return c.withArchive(ctx, writing, func(a *index.Archive) error {
		if t, ok := values[index.FieldType]; ok && strings.TrimSpace(t) != "" {
			typ, err := knownType(ctx, a, t)
			if err != nil {
				return err
			}
			values[index.FieldType] = typ
		}
		d, err := a.Edit(args[0], values)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.out, lang.L("Đã lưu {{.ID}}: {{.Title}}", d))
		return nil
	})
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
		if err = a.Rebuild(ctx, c.migrating(progress)); err == nil {
			c.tellCopied(a)
		}
	}
	if err == nil {
		fmt.Fprintln(c.out, lang.L("Đã dựng lại chỉ mục."))
	}
	return c.thenRefile(ctx, a, err)
}

func (c *cli) stats(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("stats")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		st, err := a.Stats(ctx)
		if err != nil {
			return err
		}
		return c.print(*asJSON, st, func() {
			fmt.Fprintln(c.out, lang.L("Thư mục: {{.Dir}}\nVăn bản: {{.Documents}}{{.Files}}\nThùng rác: {{.Trash}}\nCần xem lại: {{.Unsure}}\nDữ liệu lưu: {{.StoredMB}} MB\nChỉ mục: {{.IndexMB}} MB",
				map[string]any{"Dir": a.Dir(), "Documents": st.Documents, "Files": messages.PlainFilesBeside(st.Documents, st.Files), "Trash": st.Trash, "Unsure": st.Unsure,
					"StoredMB": st.StoredBytes >> 20, "IndexMB": st.IndexBytes >> 20}))
		})
	})
}

func (c *cli) check(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("check")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return badArgs{"check: " + strings.Join(fs.Args(), " ")}
	}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		rep, err := a.Check(ctx, c.progress(lang.L("Kiểm tra")))
		if err != nil {
			return err
		}
		err = c.print(*asJSON, rep, func() {
			for _, p := range rep.Problems {
				fmt.Fprintf(c.out, "%s\t%s\t%s\n", p.ID, problemText(p.Kind), p.Path)
			}
			fmt.Fprint(c.out, messages.N("Đã kiểm tra {{.Documents}} văn bản{{.Files}} (và {{.Trash}} trong thùng rác), {{.Originals}} tệp gốc:", rep.Documents,
				map[string]any{"Documents": rep.Documents, "Files": messages.PlainFilesBeside(rep.Documents, rep.Files), "Trash": rep.Trash, "Originals": rep.Originals})+" ")
			if len(rep.Problems) == 0 {
				fmt.Fprintln(c.out, lang.L("không có lỗi."))
			} else {
				fmt.Fprintln(c.out, messages.N("{{.Count}} lỗi.", len(rep.Problems), map[string]any{"Count": len(rep.Problems)}))
			}
		})
		if err == nil && len(rep.Problems) > 0 {
			err = errSomeFailed
		}
		return err
	})
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

// knownType is the document type t names: one of the reader's types or
// of the archive's, written as they are whatever accents, case or spaces
// t has ("ke hoach", "Kehoach" → "Kế hoạch"). Any other is refused with
// the nearest known ones: a mistyped type would be a type of its own,
// apart from the others in the type filter.
func knownType(ctx context.Context, a *index.Archive, t string) (string, error) {
	t = strings.TrimSpace(t)
	types := index.DocumentTypes()
	res, err := a.Search(ctx, index.Request{Limit: 0})
	if err != nil {
		return "", err
	}
	for _, v := range res.Facets[index.FacetType] {
		if !slices.Contains(types, v.Value) {
			types = append(types, v.Value)
		}
	}
	key := func(s string) string { return strings.ReplaceAll(vntext.Fold(s), " ", "") }
	var near []string
	for _, known := range types {
		if known == t || key(known) == key(t) {
			return known, nil
		}
		if editDistance(key(known), key(t)) <= 2 {
			near = append(near, known)
		}
	}
	if len(near) > 0 {
		return "", badArgs{lang.L("edit: không có loại văn bản “{{.Type}}”.", map[string]any{"Type": t}) + " " +
			lang.L("Có phải là {{.Like}}?", map[string]any{"Like": strings.Join(near, ", ")})}
	}
	return "", badArgs{lang.L("edit: không có loại văn bản “{{.Type}}”. Các loại: {{.Types}}", map[string]any{"Type": t, "Types": strings.Join(index.DocumentTypes(), ", ")})}
}
