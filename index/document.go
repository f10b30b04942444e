package index

import (
	"slices"
	"strconv"
	"time"
)

// Document is one archived document: what the person sees and edits, the
// text that is searched, and where it came from.
type Document struct {
	ID     string `json:"id"`     // first 16 hex digits of Hash
	Hash   string `json:"sha256"` // SHA-256 of the original file
	Title  string `json:"title"`
	Number string `json:"number"` // số hiệu, e.g. "12-KH/HU"
	Type   string `json:"type"`   // loại văn bản, e.g. "Kế hoạch"
	Issuer string `json:"issuer"` // cơ quan ban hành
	Date   string `json:"date"`   // YYYY-MM-DD, or "" when unknown
	Year   int    `json:"year"`   // 0 when unknown
	Place  string `json:"place"`
	Signer string `json:"signer"`

	Campaigns []string `json:"campaigns"`
	Topics    []string `json:"topics"`
	Source    string   `json:"source"`
	Notes     string   `json:"notes"`

	// Extra things read from the document; shown, not faceted.
	SignerTitle string     `json:"signer_title,omitempty"`
	Urgency     string     `json:"urgency,omitempty"`
	Secrecy     string     `json:"secrecy,omitempty"`
	Recipients  []string   `json:"recipients,omitempty"`
	Citations   []Citation `json:"citations,omitempty"`

	OriginalName string    `json:"original_name"`
	FileTitle    string    `json:"file_title,omitempty"` // the title the file format carried
	Format       string    `json:"format"`               // "txt", "docx", "pdf", ...
	Encoding     string    `json:"encoding"`             // text encoding found, for text formats
	Size         int64     `json:"size"`
	ImportedAt   time.Time `json:"imported_at"`
	ModifiedAt   time.Time `json:"modified_at"`
	Warnings     []string  `json:"warnings,omitempty"` // codes such as "scanned-no-ocr"
	// OCRPages is how many pages of a scanned PDF were read by OCR: their
	// text is the engine's reading of the picture, not the author's.
	OCRPages int `json:"ocr_pages,omitempty"`
	// HandNumber and HandDay are the digits of the number and day written
	// by hand in a scanned header, as the digit reader read them (see
	// extract.Handwritten): kept so that reading the document again
	// (reread) has them; the fields read from them are for review.
	HandNumber string `json:"hand_number,omitempty"`
	HandDay    string `json:"hand_day,omitempty"`
	// HandOCRNumber and HandOCRDay are the digits OCR itself read in
	// those blanks, unsure of them: the text's number or day that holds
	// them is a guess too (see extract.Handwritten).
	HandOCRNumber string `json:"hand_ocr_number,omitempty"`
	HandOCRDay    string `json:"hand_ocr_day,omitempty"`
	// HandMonth is the month written by hand after "tháng"; HandDayGuess
	// and HandMonthGuess a day and a month the reader read unsure of
	// them (see extract.Handwritten): what is read from them is for
	// review.
	HandMonth      string `json:"hand_month,omitempty"`
	HandDayGuess   string `json:"hand_day_guess,omitempty"`
	HandMonthGuess string `json:"hand_month_guess,omitempty"`
	// HandNumberGuess is the number's digits the reader read unsure of
	// them (see extract.Handwritten): a number made with them is for
	// review.
	HandNumberGuess string `json:"hand_number_guess,omitempty"`
	// TwinOf is the id of the first document of the twin group this one
	// belongs to (the same text in another file: twins.go), on every
	// member, the first included; "" when it has no twin.
	TwinOf string `json:"twin_of,omitempty"`
	// NotTwins are the documents a person said this one is not the same
	// document as (SeparateTwin: the group it was taken out of, its first
	// document and its members then): it never joins them again.
	NotTwins []string `json:"not_twins,omitempty"`

	// Fields records, per field name (see the Field constants), who set it
	// and how sure the reading was.
	Fields map[string]FieldInfo `json:"fields,omitempty"`
	// Why explains each campaign and topic that a rule assigned: label name
	// → the rule that matched.
	Why map[string]string `json:"why,omitempty"`

	Text string `json:"text"`
}

// Citation is a reference from a document's text to another document.
type Citation struct {
	Type   string `json:"type"`
	Number string `json:"number"`
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// Origin says who set a field's value.
type Origin string

// The origins of a field's value.
const (
	ByReader Origin = "read"   // read from the document on import or rebuild
	ByPerson Origin = "person" // typed by a person; never overwritten by reading
)

// FieldInfo is the provenance of one metadata field.
type FieldInfo struct {
	Origin     Origin  `json:"origin"`
	Confidence float64 `json:"confidence,omitempty"` // for ByReader, in [0,1]
	Why        string  `json:"why,omitempty"`        // for ByReader: where and by which rule it was read
	// Confirmed says, of a field set ByPerson, that the person kept the
	// value read (saved it unchanged, checking a field to review) rather
	// than typed another; Why and Confidence then stay the reading's.
	Confirmed bool `json:"confirmed,omitempty"`
}

// Names of the editable metadata fields, as used by Edit, Fields and the
// command line (`khovanban edit ID field=value`).
const (
	FieldTitle     = "title"
	FieldNumber    = "number"
	FieldType      = "type"
	FieldIssuer    = "issuer"
	FieldDate      = "date"
	FieldYear      = "year"
	FieldPlace     = "place"
	FieldSigner    = "signer"
	FieldCampaigns = "campaigns"
	FieldTopics    = "topics"
	FieldSource    = "source"
	FieldNotes     = "notes"
)

// EditableFields lists the fields a person may set, in display order.
var EditableFields = []string{
	FieldTitle, FieldNumber, FieldType, FieldIssuer, FieldDate, FieldYear,
	FieldPlace, FieldSigner, FieldCampaigns, FieldTopics, FieldSource, FieldNotes,
}

// UnsureBelow is the confidence under which a read field is offered for
// review.
const UnsureBelow = 0.7

// wantedFields are the fields a document is expected to have: when reading
// finds nothing for one of them, a person should look.
var wantedFields = map[string]bool{FieldTitle: true, FieldType: true, FieldIssuer: true, FieldDate: true}

// Unsure returns the names of the fields a person should check, in
// EditableFields order: read with low confidence, or not found when
// expected or when the reader gives a reason (it could not read them),
// and not yet set by a person. A field read as left blank for
// sure (a draft's date, confidence at least UnsureBelow) is not to check.
func (d *Document) Unsure() []string {
	var out []string
	for _, f := range EditableFields {
		info, ok := d.Fields[f]
		if !ok || info.Origin != ByReader {
			continue
		}
		if d.Value(f) == "" {
			// An empty field is to check when it is expected, or when the
			// reader says why it found none (a scan's number it could
			// not read), unless it is sure the field is blank.
			if (wantedFields[f] || info.Why != "") && info.Confidence < UnsureBelow {
				out = append(out, f)
			}
			continue
		}
		if info.Confidence < UnsureBelow {
			out = append(out, f)
		}
	}
	return out
}

// Doubt is a field to review (Unsure) with what the reader says of it:
// the rule or place it read the value by, or why it found none (Why), and
// how sure it was.
type Doubt struct {
	Field      string  `json:"field"`
	Why        string  `json:"why,omitempty"`
	Confidence float64 `json:"confidence"`
	// Empty says that the reader found no value.
	Empty bool `json:"empty,omitempty"`
}

// Doubts returns the fields to review (Unsure), each with the reader's
// reason, for a list of documents to review to say why each is there.
func (d *Document) Doubts() []Doubt {
	unsure := d.Unsure()
	if len(unsure) == 0 {
		return nil
	}
	out := make([]Doubt, len(unsure))
	for i, f := range unsure {
		info := d.Fields[f]
		out[i] = Doubt{Field: f, Why: info.Why, Confidence: info.Confidence, Empty: d.Value(f) == ""}
	}
	return out
}

// Value returns a metadata field as text (campaigns and topics joined by
// "; ", the year as digits), the form Edit takes.
func (d *Document) Value(field string) string {
	switch field {
	case FieldTitle:
		return d.Title
	case FieldNumber:
		return d.Number
	case FieldType:
		return d.Type
	case FieldIssuer:
		return d.Issuer
	case FieldDate:
		return d.Date
	case FieldYear:
		if d.Year == 0 {
			return ""
		}
		return strconv.Itoa(d.Year)
	case FieldPlace:
		return d.Place
	case FieldSigner:
		return d.Signer
	case FieldCampaigns:
		return joinNames(d.Campaigns)
	case FieldTopics:
		return joinNames(d.Topics)
	case FieldSource:
		return d.Source
	case FieldNotes:
		return d.Notes
	}
	return ""
}

// SetByPerson reports whether a person set the field.
func (d *Document) SetByPerson(field string) bool {
	return d.Fields[field].Origin == ByPerson
}

// Summary is the part of a Document a result list shows.
type Summary struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Number    string   `json:"number"`
	Type      string   `json:"type"`
	Issuer    string   `json:"issuer"`
	Date      string   `json:"date"`
	Year      int      `json:"year"`
	Campaigns []string `json:"campaigns"`
	Topics    []string `json:"topics"`
	Unsure    []string `json:"unsure,omitempty"`  // fields to review, see Document.Unsure
	Doubts    []Doubt  `json:"doubts,omitempty"`  // the same fields with the reader's reasons
	TwinOf    string   `json:"twin_of,omitempty"` // see Document.TwinOf
}

// Summary returns the list view of d.
func (d *Document) Summary() Summary {
	doubts := d.Doubts()
	var unsure []string
	for _, x := range doubts {
		unsure = append(unsure, x.Field)
	}
	return Summary{
		ID: d.ID, Title: d.Title, Number: d.Number, Type: d.Type, Issuer: d.Issuer,
		Date: d.Date, Year: d.Year,
		Campaigns: nonNil(d.Campaigns), Topics: nonNil(d.Topics),
		Unsure: unsure, Doubts: doubts, TwinOf: d.TwinOf,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return slices.Clone(s)
}
