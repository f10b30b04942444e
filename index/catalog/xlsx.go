package catalog

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"khovanban/index"
)

// The workbook is written here with archive/zip and a few fixed XML parts
// (Office Open XML, ECMA-376 part 1, the parts Excel itself writes for one
// sheet) rather than with a spreadsheet library: such a library's package
// initialisation (excelize: 2–5 ms, 1 MB) ran in every process, the
// command line's searches included, for a file only this writes.

// Column widths in characters, chosen for an A4 page in landscape.
var xlsxWidths = []float64{6, 18, 12, 14, 30, 60, 28}

// Cell styles, indexes into cellXfs of xlsxStyles.
const (
	styleNone    = 0
	styleHeading = 1 // bold 14, centred
	styleCaption = 2 // bold, framed, shaded, centred, wrapped
	styleCell    = 3 // framed, top, wrapped
	styleDate    = 4 // a cell's frame and alignment, shown dd/mm/yyyy
)

// excelDate is a day as a spreadsheet counts it: days since 30/12/1899.
// A date cell sorts and filters as a date, where a text "21/04/2026"
// sorted by its day of the month (usertest finding 9).
type excelDate int

// dateCell is the issue date as a date cell; a date that is only a year,
// or none, stays a text.
func dateCell(s index.Summary) any {
	if y, m, d, ok := splitDate(s.Date); ok {
		t, err := time.Parse("2006-01-02", y+"-"+m+"-"+d)
		if err == nil {
			return excelDate(t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		}
	}
	return FormatDate(s.Date, s.Year)
}

// writeXLSX writes the list as one sheet: the heading, a subtitle, the
// column captions and a row a document, with the captions repeated on
// every printed page and the page set to A4 landscape.
func writeXLSX(w io.Writer, l Labels, docs []index.Summary) error {
	sheet := sheetName(l.Sheet)
	var strs sharedStrings
	ws := worksheetXML(l, docs, &strs)
	// The captions print on every page.
	workbook := xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView/></bookViews><sheets><sheet name="` + escape(sheet) + `" sheetId="1" r:id="rId1"/></sheets>` +
		`<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">` +
		escape("'"+strings.ReplaceAll(sheet, "'", "''")+"'!$4:$4") + `</definedName></definedNames></workbook>`
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xlsxContentTypes},
		{"_rels/.rels", xlsxRootRels},
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", xlsxWorkbookRels},
		{"xl/worksheets/sheet1.xml", ws},
		{"xl/styles.xml", xlsxStyles},
		{"xl/sharedStrings.xml", strs.xml()},
	}
	z := zip.NewWriter(w)
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err == nil {
			_, err = io.WriteString(f, p.body)
		}
		if err != nil {
			return fmt.Errorf("catalog: write %s: %w", p.name, err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("catalog: write: %w", err)
	}
	return nil
}

// worksheetXML is the sheet: the captions frozen in view while scrolling,
// the columns' widths, the rows, the heading and subtitle merged across,
// A4 landscape. Its texts go to strs.
func worksheetXML(l Labels, docs []index.Summary, strs *sharedStrings) string {
	var data bytes.Buffer
	last := columnName(len(xlsxWidths))
	row := func(n, style int, values ...any) {
		fmt.Fprintf(&data, `<row r="%d">`, n)
		for i, v := range values {
			ref := columnName(i+1) + strconv.Itoa(n)
			switch v := v.(type) {
			case int:
				fmt.Fprintf(&data, `<c r="%s" s="%d"><v>%d</v></c>`, ref, style, v)
			case excelDate:
				fmt.Fprintf(&data, `<c r="%s" s="%d"><v>%d</v></c>`, ref, styleDate, int(v))
			case string:
				if v == "" {
					fmt.Fprintf(&data, `<c r="%s" s="%d"/>`, ref, style)
					continue
				}
				fmt.Fprintf(&data, `<c r="%s" s="%d" t="s"><v>%d</v></c>`, ref, style, strs.index(v))
			}
		}
		data.WriteString(`</row>`)
	}
	// The merged heading's empty cells carry its style too, so the merged
	// area looks one.
	heading := make([]any, len(xlsxWidths))
	for i := range heading {
		heading[i] = ""
	}
	heading[0] = l.Heading
	row(1, styleHeading, heading...)
	if l.Subtitle != "" {
		row(2, styleNone, l.Subtitle)
	}
	row(4, styleCaption, l.No, l.Number, l.Date, l.Type, l.Issuer, l.Title, l.Campaigns)
	for i, d := range docs {
		r := rowOf(d)
		row(i+5, styleCell, i+1, r.number, dateCell(d), r.typ, r.issuer, r.title, r.campaigns)
	}

	var ws strings.Builder
	ws.WriteString(xml.Header)
	ws.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	fmt.Fprintf(&ws, `<dimension ref="A1:%s%d"/>`, last, len(docs)+4)
	ws.WriteString(`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A5" sqref="A5"/></sheetView></sheetViews>`)
	ws.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, width := range xlsxWidths {
		fmt.Fprintf(&ws, `<col min="%d" max="%d" width="%g" customWidth="1"/>`, i+1, i+1, width)
	}
	ws.WriteString(`</cols><sheetData>`)
	ws.Write(data.Bytes())
	ws.WriteString(`</sheetData>`)
	fmt.Fprintf(&ws, `<mergeCells count="2"><mergeCell ref="A1:%s1"/><mergeCell ref="A2:%s2"/></mergeCells>`, last, last)
	ws.WriteString(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`)
	ws.WriteString(`<pageSetup paperSize="9" orientation="landscape"/></worksheet>`)
	return ws.String()
}

// sharedStrings is the workbook's table of texts: a cell holds the index
// of its text, each distinct text stored once, as Excel writes them.
type sharedStrings struct {
	list  []string
	seen  map[string]int
	count int
}

func (s *sharedStrings) index(v string) int {
	s.count++
	if i, ok := s.seen[v]; ok {
		return i
	}
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	s.seen[v] = len(s.list)
	s.list = append(s.list, v)
	return len(s.list) - 1
}

func (s *sharedStrings) xml() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, s.count, len(s.list))
	for _, v := range s.list {
		// Spaces at either end or doubled are kept as typed.
		b.WriteString(`<si><t xml:space="preserve">`)
		b.WriteString(escape(v))
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.String()
}

// escape makes s XML text; characters XML cannot hold (control
// characters from a damaged text) become U+FFFD.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// columnName is the letters of the 1-based column n: 1 A, 26 Z, 27 AA.
func columnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// sheetName is a name Excel accepts: not empty, at most 31 characters,
// none of : \ / ? * [ ], not starting or ending with an apostrophe.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	s = strings.Trim(s, "'")
	if strings.TrimSpace(s) == "" {
		return "Sheet1"
	}
	return s
}

const xlsxContentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
	`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
	`</Types>`

const xlsxRootRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
	`</Relationships>`

const xlsxWorkbookRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
	`</Relationships>`

// xlsxStyles: fonts 0 plain, 1 bold 14, 2 bold; fills 0 and 1 the two
// Excel requires, 2 the captions' light blue; borders 0 none, 1 thin all
// round; cellXfs in the order of the style constants above.
const xlsxStyles = xml.Header + `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>` +
	`<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>` +
	`<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FF000000"/></left><right style="thin"><color rgb="FF000000"/></right>` +
	`<top style="thin"><color rgb="FF000000"/></top><bottom style="thin"><color rgb="FF000000"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center"/></xf>` +
	`<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf></cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
