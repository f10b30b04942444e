package catalog

import (
	"fmt"
	"html/template"
	"io"
	"sync"

	"khovanban/index"
)

// page is the list as a page to print: plain HTML and CSS for an A4 sheet
// in landscape, with the column captions repeated on every page. It
// loads nothing from anywhere.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("catalog").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{{.L.Heading}}</title>
<style>
@page { size: A4 landscape; margin: 15mm; }
body { font-family: "Times New Roman", serif; font-size: 13pt; }
h1 { text-align: center; font-size: 15pt; margin: 0 0 4pt; }
p.sub { text-align: center; font-style: italic; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 3pt 5pt; vertical-align: top; }
th { background: #ddebf7; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.no { text-align: center; }
</style>
</head>
<body>
<h1>{{.L.Heading}}</h1>
{{if .L.Subtitle}}<p class="sub">{{.L.Subtitle}}</p>{{end}}
<table>
<thead><tr><th>{{.L.No}}</th><th>{{.L.Number}}</th><th>{{.L.Date}}</th><th>{{.L.Type}}</th><th>{{.L.Issuer}}</th><th>{{.L.Title}}</th><th>{{.L.Campaigns}}</th></tr></thead>
<tbody>
{{range $i, $r := .Rows}}<tr><td class="no">{{inc $i}}</td><td>{{$r.Number}}</td><td>{{$r.Date}}</td><td>{{$r.Type}}</td><td>{{$r.Issuer}}</td><td>{{$r.Title}}</td><td>{{$r.Campaigns}}</td></tr>
{{end}}</tbody>
</table>
</body>
</html>
`))
})

// htmlRow is a row with exported fields for the template.
type htmlRow struct{ Number, Date, Type, Issuer, Title, Campaigns string }

func writeHTML(w io.Writer, l Labels, docs []index.Summary) error {
	rows := make([]htmlRow, len(docs))
	for i, d := range docs {
		r := rowOf(d)
		rows[i] = htmlRow{r.number, r.date, r.typ, r.issuer, r.title, r.campaigns}
	}
	if err := page().Execute(w, struct {
		L    Labels
		Rows []htmlRow
	}{l, rows}); err != nil {
		return fmt.Errorf("catalog: page: %w", err)
	}
	return nil
}
