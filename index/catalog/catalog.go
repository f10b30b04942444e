// Package catalog writes a list of documents, the "danh mục văn bản" that
// cadres attach to a report: number, date, type, issuer, subject and
// campaigns, one row a document, as an Excel workbook (.xlsx) or as a page
// to print (.html, opened by any browser with no network).
package catalog

import (
	"fmt"
	"io"
	"strings"

	"khovanban/index"
)

// Labels are the words the list is written with, in the person's language:
// the heading and each column's caption.
type Labels struct {
	Heading   string // "DANH MỤC VĂN BẢN"
	Subtitle  string // what the list holds, e.g. the search and the date it was made
	No        string // "STT"
	Number    string // "Số, ký hiệu"
	Date      string // "Ngày ban hành"
	Type      string // "Loại văn bản"
	Issuer    string // "Cơ quan ban hành"
	Title     string // "Trích yếu"
	Campaigns string // "Phong trào"
	Sheet     string // the workbook sheet's name
}

// row is one document as the list shows it.
type row struct {
	number, date, typ, issuer, title, campaigns string
}

func rowOf(s index.Summary) row {
	return row{
		number: s.Number, date: FormatDate(s.Date, s.Year), typ: s.Type, issuer: s.Issuer,
		title: s.Title, campaigns: strings.Join(s.Campaigns, "; "),
	}
}

// FormatDate writes an issue date as Vietnamese papers do, 18/04/2014;
// with only the year known, the year.
func FormatDate(date string, year int) string {
	if y, m, d, ok := splitDate(date); ok {
		return d + "/" + m + "/" + y
	}
	if year > 0 {
		return fmt.Sprint(year)
	}
	return ""
}

// splitDate reads YYYY-MM-DD.
func splitDate(date string) (y, m, d string, ok bool) {
	parts := strings.Split(date, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return "", "", "", false
	}
	return parts[0], parts[1], parts[2], true
}

// Write writes docs to w as an .xlsx workbook (format "xlsx") or a page
// to print (format "html").
func Write(w io.Writer, format string, l Labels, docs []index.Summary) error {
	switch format {
	case "xlsx":
		return writeXLSX(w, l, docs)
	case "html":
		return writeHTML(w, l, docs)
	}
	return fmt.Errorf("catalog: unknown format %q", format)
}
