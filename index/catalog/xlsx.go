package catalog

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"khovanban/index"
)

// Column widths in characters, chosen for an A4 page in landscape.
var xlsxWidths = []float64{6, 18, 12, 14, 30, 60, 28}

// writeXLSX writes the list as one sheet: the heading, a subtitle, the
// column captions and a row a document, with the captions repeated on
// every printed page and the page set to A4 landscape.
func writeXLSX(w io.Writer, l Labels, docs []index.Summary) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.Sheet
	if sheet == "" {
		sheet = "Sheet1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("catalog: sheet name: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}})
	if err != nil {
		return fmt.Errorf("catalog: style: %w", err)
	}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}}})
	if err != nil {
		return fmt.Errorf("catalog: style: %w", err)
	}
	cell, err := f.NewStyle(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return fmt.Errorf("catalog: style: %w", err)
	}
	last, _ := excelize.ColumnNumberToName(len(xlsxWidths))
	for i, width := range xlsxWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return fmt.Errorf("catalog: width: %w", err)
		}
	}
	set := func(c string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, c, v)
		}
	}
	set("A1", l.Heading)
	set("A2", l.Subtitle)
	for i, caption := range []string{l.No, l.Number, l.Date, l.Type, l.Issuer, l.Title, l.Campaigns} {
		c, _ := excelize.CoordinatesToCellName(i+1, 4)
		set(c, caption)
	}
	for i, d := range docs {
		r := rowOf(d)
		for j, v := range []any{i + 1, r.number, r.date, r.typ, r.issuer, r.title, r.campaigns} {
			c, _ := excelize.CoordinatesToCellName(j+1, i+5)
			set(c, v)
		}
	}
	if err != nil {
		return fmt.Errorf("catalog: cell: %w", err)
	}
	steps := []func() error{
		func() error { return f.MergeCell(sheet, "A1", last+"1") },
		func() error { return f.MergeCell(sheet, "A2", last+"2") },
		func() error { return f.SetCellStyle(sheet, "A1", last+"1", bold) },
		func() error { return f.SetCellStyle(sheet, "A4", last+"4", head) },
		func() error {
			if len(docs) == 0 {
				return nil
			}
			return f.SetCellStyle(sheet, "A5", fmt.Sprintf("%s%d", last, len(docs)+4), cell)
		},
		// The captions stay in view while scrolling and print on every page.
		func() error {
			return f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"})
		},
		func() error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$4:$4", Scope: sheet})
		},
		func() error {
			orientation, size := "landscape", 9 // A4
			return f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation, Size: &size})
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("catalog: layout: %w", err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("catalog: write: %w", err)
	}
	return nil
}
