package index

import (
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// mappingVersion changes whenever the fields or analyzers below change; an
// index built with another version is rebuilt on Open.
const mappingVersion = "9"

// Field names in the Bleve index.
const (
	fieldExact       = "x"  // title + text, exact syllables
	fieldFolded      = "f"  // title + text, folded syllables
	fieldPairs       = "p"  // title + text, pairs of folded syllables
	fieldTitleFolded = "tf" // title alone, folded, to rank title matches up
	fieldTitleExact  = "tx" // title alone, exact syllables
	fieldCampaign    = "campaign"
	fieldTopic       = "topic"
	fieldType        = "type"
	fieldIssuer      = "issuer"
	fieldYear        = "year"
	fieldDate        = "date"
	fieldNumber      = "number"
	fieldUnsure      = "unsure"
	fieldCites       = "cites" // numbers of the documents this one cites
	fieldTwin        = "twin"  // the twin group's id, and twinLeader on its first
	// Folded copies of the facet values, for filters typed in the search
	// box ("loai:ke hoach").
	fieldCampaignText = "campaign_f"
	fieldTopicText    = "topic_f"
	fieldTypeText     = "type_f"
	fieldIssuerText   = "issuer_f"
)

// internalVersionKey is where the index remembers its mapping version.
var internalVersionKey = []byte("khovanban_mapping_version")

// newMapping describes the index to Bleve. Documents are built field by
// field in bleveDocument, so the mapping only names the analyzers and keeps
// Bleve from indexing anything else.
func newMapping() mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = analyzerFolded
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m
}

// Every field is only indexed: nothing is stored in the index, and the
// query engine (internal/engine) reads facets and sort dates from the postings
// of each value instead of from doc values.
const (
	textOpts    = bindex.IndexField
	keywordOpts = bindex.IndexField
	filterOpts  = bindex.IndexField
)

// bleveDocument is the index entry of d. Nothing is stored in the index:
// hits are shown from the archive's own files.
func bleveDocument(d *Document) *document.Document {
	return bleveEntry(d, documentTerms(d))
}

// bleveEntry is the index entry of d with its text fields already counted
// (analysis.go).
func bleveEntry(d *Document, t *entryFields) *document.Document {
	doc := document.NewDocument(d.ID)
	doc.AddField(t.exact)
	doc.AddField(t.folded)
	doc.AddField(t.pairs)
	if t.titleFolded != nil {
		doc.AddField(t.titleFolded)
		doc.AddField(t.titleExact)
	}
	keyword := func(name, value string, i int) {
		if value == "" {
			return
		}
		doc.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(value), keywordOpts, keywordAnalyzer{}))
	}
	filter := func(name, value string, i int) {
		if value == "" {
			return
		}
		doc.AddField(document.NewTextFieldCustom(name, []uint64{uint64(i)}, []byte(value), filterOpts, foldedAnalyzer{}))
	}
	for i, c := range d.Campaigns {
		keyword(fieldCampaign, c, i)
		filter(fieldCampaignText, c, i)
	}
	for i, t := range d.Topics {
		keyword(fieldTopic, t, i)
		filter(fieldTopicText, t, i)
	}
	keyword(fieldType, d.Type, 0)
	filter(fieldTypeText, d.Type, 0)
	keyword(fieldIssuer, d.Issuer, 0)
	filter(fieldIssuerText, d.Issuer, 0)
	// An undated document has the year "0", so that the year facet can
	// count and offer "Chưa rõ năm" (year unknown) like any other year.
	keyword(fieldYear, strconv.Itoa(max(d.Year, 0)), 0)
	keyword(fieldDate, sortDate(d), 0)
	keyword(fieldNumber, numberKey(d.Number), 0)
	for i, c := range d.Citations {
		keyword(fieldCites, numberKey(c.Number), i)
	}
	if len(d.Unsure()) > 0 {
		keyword(fieldUnsure, "1", 0)
	}
	keyword(fieldTwin, d.TwinOf, 0)
	if d.TwinOf == d.ID {
		keyword(fieldTwin, twinLeader, 1)
	}
	return doc
}

// facetPrefix marks which facet each counted value belongs to.
var facetPrefix = map[string]string{
	fieldCampaign: "c:", fieldYear: "y:", fieldTopic: "p:", fieldType: "t:", fieldIssuer: "i:",
}

// sortDate is the key documents are sorted by for newest and oldest: the
// date when known, else the year's first day, else nothing (last).
func sortDate(d *Document) string {
	if d.Date != "" {
		return d.Date
	}
	if d.Year > 0 {
		return strconv.Itoa(d.Year) + "-00-00"
	}
	return ""
}
