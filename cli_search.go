package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"khovanban/index"
	"khovanban/index/classify"
	"khovanban/ui/messages"
)

func (c *cli) search(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("search")
	limit := fs.Int("limit", 20, "")
	sortBy := fs.String("sort", "relevance", "")
	year := fs.String("year", "", "")
	typ := fs.String("type", "", "")
	campaign := fs.String("campaign", "", "")
	topic := fs.String("topic", "", "")
	issuer := fs.String("issuer", "", "")
	if err := parseQueryFlags(fs, args); err != nil {
		return err
	}
	sort := index.Sort(*sortBy)
	if sort != index.ByRelevance && sort != index.Newest && sort != index.Oldest {
		return badArgs{fmt.Sprintf("search: -sort %q", *sortBy)}
	}
	if *limit < 0 {
		return badArgs{"search: -limit"}
	}
	// The flags are exact filters, as the window's facets are: -type
	// "Báo cáo" is not "Thông báo".
	var f index.Filters
	years, err := yearRange(*year)
	if err != nil {
		return err
	}
	f.Years = years
	for _, v := range []struct {
		value string
		to    *[]string
	}{{*typ, &f.Types}, {*campaign, &f.Campaigns}, {*topic, &f.Topics}, {*issuer, &f.Issuers}} {
		if strings.TrimSpace(v.value) != "" {
			*v.to = []string{strings.TrimSpace(v.value)}
		}
	}
	// Facets are printed only with -json: plain output counts none.
	req := index.Request{Query: strings.Join(fs.Args(), " "), Sort: sort, Limit: *limit, DisjunctiveFacets: true, NoFacets: !*asJSON}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		req.Filters = a.ExactFilters(ctx, f)
		res, err := a.Search(ctx, req)
		if err != nil {
			return err
		}
		return c.print(*asJSON, newSearchJSON(res), func() {
			count := map[string]any{"Total": res.Total, "Ms": res.Took.Milliseconds()}
			if res.Estimated {
				fmt.Fprintln(c.out, messages.N("khoảng {{.Total}} kết quả ({{.Ms}} ms)", res.Total, count))
			} else {
				fmt.Fprintln(c.out, messages.N("{{.Total}} kết quả ({{.Ms}} ms)", res.Total, count))
			}
			for _, h := range res.Hits {
				fmt.Fprintf(c.out, "\n%s  %s  %s  %s\n  %s\n  %s\n", h.ID, displayDate(h.Summary), h.Number, h.Type, h.Title, h.Snippet.Marked("«", "»", false))
			}
		})
	})
}

// yearRange reads search's -year as the search box reads năm:: one
// year, a range such as 2014-2016, or an open one, 2016- (2016 and after)
// or ..2016 (up to the end of 2016).
func yearRange(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	from, to, err := index.ParseYears(strings.TrimSpace(s))
	if err != nil {
		return nil, badArgs{lang.L("search: -year “{{.Arg}}” không hợp lệ; ghi như -year 2014, -year 2014-2016, -year 2016- (từ 2016 trở về sau) hoặc -year ..2016 (đến hết 2016).", map[string]any{"Arg": s})}
	}
	var years []int
	for y := from; y <= to; y++ {
		years = append(years, y)
	}
	return years, nil
}

func displayDate(s index.Summary) string {
	if len(s.Date) == 10 {
		return s.Date[8:10] + "/" + s.Date[5:7] + "/" + s.Date[:4]
	}
	if s.Year > 0 {
		return strconv.Itoa(s.Year)
	}
	return "—"
}

// searchJSON is what `search -json` prints.
type searchJSON struct {
	Facets map[string][]index.FacetValue `json:"facets"` // by facet name: every one of index.FacetNames
	Hits   []hitJSON                     `json:"hits"`
	TookMs int64                         `json:"took_ms"`
	Total  int                           `json:"total"`
	// Estimated: total and facets estimated (index.Result.Estimated).
	Estimated bool `json:"estimated,omitempty"`
}

// hitJSON is a search hit as `search -json` prints it.
type hitJSON struct {
	index.Summary
	Score   float64      `json:"score"`
	Snippet string       `json:"snippet"`
	Twins   []index.Twin `json:"twins,omitempty"` // the originals of the same text
}

func newSearchJSON(res *index.Result) searchJSON {
	j := searchJSON{Facets: map[string][]index.FacetValue{}, Hits: []hitJSON{}, TookMs: res.Took.Milliseconds(), Total: res.Total, Estimated: res.Estimated}
	for _, h := range res.Hits {
		j.Hits = append(j.Hits, hitJSON{Summary: h.Summary, Score: h.Score, Snippet: h.Snippet.Marked("<mark>", "</mark>", true), Twins: h.Twins})
	}
	for _, name := range index.FacetNames {
		j.Facets[name] = res.Facets[name]
		if j.Facets[name] == nil {
			j.Facets[name] = []index.FacetValue{}
		}
	}
	return j
}

// showJSON is what `show -json` prints: the document and its twins.
type showJSON struct {
	*index.Document
	Twins []index.Twin `json:"twins,omitempty"`
}

func (c *cli) show(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("show")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return badArgs{lang.L("show: cần đúng một mã văn bản")}
	}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		d, err := a.Get(fs.Arg(0))
		if err != nil {
			return err
		}
		twins, err := a.Twins(ctx, d)
		if err != nil {
			return err
		}
		return c.print(*asJSON, showJSON{d, twins}, func() { c.printDoc(d, twins) })
	})
}

func (c *cli) printDoc(d *index.Document, twins []index.Twin) {
	row := func(label, v string) {
		if v != "" {
			fmt.Fprintf(c.out, "%-22s %s\n", label+":", v)
		}
	}
	row(lang.L("Mã"), d.ID)
	field := func(f, v string) { row(lang.L(index.FieldLabel(f)), v) }
	field(index.FieldTitle, d.Title)
	field(index.FieldNumber, d.Number)
	field(index.FieldType, d.Type)
	field(index.FieldIssuer, d.Issuer)
	field(index.FieldDate, displayDate(d.Summary()))
	field(index.FieldPlace, d.Place)
	// The title alone (a draft: "CHỦ TỊCH") is no signer's name.
	field(index.FieldSigner, d.Signer)
	row(lang.L("Chức vụ người ký"), d.SignerTitle)
	field(index.FieldCampaigns, strings.Join(d.Campaigns, "; "))
	field(index.FieldTopics, strings.Join(d.Topics, "; "))
	field(index.FieldSource, d.Source)
	field(index.FieldNotes, d.Notes)
	row(lang.L("Tệp gốc"), d.OriginalName)
	var others []string
	for _, t := range twins {
		if t.ID != d.ID {
			others = append(others, fmt.Sprintf("%s %s (%s)", strings.ToUpper(t.Format), t.OriginalName, t.ID))
		}
	}
	row(lang.L("Cùng nội dung"), strings.Join(others, "; "))
	if d.OCRPages > 0 {
		row(lang.L("Nhận dạng chữ (OCR)"), messages.N("{{.OCRPages}} trang quét", d.OCRPages, d))
	}
	if u := d.Unsure(); len(u) > 0 {
		row(lang.L("Cần xem lại"), fieldLabels(u))
	}
	fmt.Fprintf(c.out, "\n%s\n", d.Text)
}

func (c *cli) review(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("review")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		items := []index.Summary{}
		for offset := 0; ; offset += 500 {
			res, err := a.Search(ctx, index.Request{Filters: index.Filters{Unsure: true}, Sort: index.Newest, Offset: offset, Limit: 500, NoFacets: true})
			if err != nil {
				return err
			}
			for _, h := range res.Hits {
				items = append(items, h.Summary)
			}
			if len(res.Hits) < 500 {
				break
			}
		}
		return c.print(*asJSON, items, func() {
			fmt.Fprintln(c.out, messages.N("{{.Count}} văn bản cần xem lại", len(items), map[string]any{"Count": len(items)}))
			for _, it := range items {
				fmt.Fprintf(c.out, "%s  %s  [%s]\n", it.ID, it.Title, fieldLabels(it.Unsure))
			}
		})
	})
}

// campaignsJSON is what `campaigns -json` prints.
type campaignsJSON struct {
	Campaigns []index.CategoryCount `json:"campaigns"`
	Topics    []index.CategoryCount `json:"topics"`
}

func (c *cli) campaigns(ctx context.Context, args []string) error {
	fs, asJSON := jsonFlags("campaigns")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return c.withArchive(ctx, reading, func(a *index.Archive) error {
		camps, err := a.CategoryCounts(ctx, classify.Campaign)
		if err != nil {
			return err
		}
		topics, err := a.CategoryCounts(ctx, classify.Topic)
		if err != nil {
			return err
		}
		return c.print(*asJSON, campaignsJSON{camps, topics}, func() {
			for _, group := range []struct {
				title string
				list  []index.CategoryCount
			}{{lang.L("Phong trào"), camps}, {lang.L("Chủ đề"), topics}} {
				fmt.Fprintf(c.out, "%s:\n", group.title)
				for _, cc := range group.list {
					name := cc.Name
					if cc.Parent != "" {
						name = "  " + name + " (" + cc.Parent + ")"
					}
					fmt.Fprintf(c.out, "  %6d  %s\n", cc.Documents, name)
				}
			}
		})
	})
}
