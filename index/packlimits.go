package index

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"khovanban/index/classify"
)

// A pack may bring campaigns and topics; each is a category with rules
// tried on every document imported or filed again afterwards, so what a
// forged pack brings is bounded (defaultBundleLimits): the categories
// file's size, how many categories one pack adds and the registry holds,
// and each category's size (classify.CheckSize). What goes over is left out, said in the
// plan, and the pack's documents and the archive's own categories are
// imported and kept as they are.
const (
	// packDocMetaBytes bounds what a pack says of one document but its
	// text (title, notes, names, citations… as JSON): a forged one of
	// 128 MB of notes, a few kilobytes zipped, would otherwise be held
	// whole while the pack is planned, and shown.
	packDocMetaBytes = 1 << 20
	// packMetaBytes bounds the same for all of a pack's documents,
	// held together while it is planned: a million documents of a
	// kilobyte each, or a thousand of the largest.
	packMetaBytes = 1 << 30
	// packCategoriesBytes bounds the categories file of a pack: the
	// largest number of categories of the largest size allowed is far
	// over it, a district's whole registry far under.
	packCategoriesBytes = 16 << 20
	// packMaxCategories is how many new campaigns and topics one pack
	// adds at most (the built-in registry has 28).
	packMaxCategories = 300
	// maxCategories is how many campaigns and topics together a pack
	// fills the registry up to.
	maxCategories = 1000
)

// A pack's signature is over its manifest's bytes, held whole while a
// pack is signed and while one is checked: a receiving archive refuses a
// manifest over its limit of one JSON entry (bundleLimits.json, 128 MB;
// readManifest), 264 bytes a document, so a pack holds at most 504,428
// documents (measured: 262 bytes a document with .txt originals). ExportPack says so before any work
// (PackTooLargeError), and bundleWriter.close writes no pack whose
// manifest is over the limit. A larger pack would need a signature over a
// hash of the manifest read as it streams: a new signature that the
// versions receiving packs now would refuse; a pack of a commune's
// documents is far under the limit, and a whole archive travels as a
// backup, which is not signed.
const (
	// packManifestDocBytes is the most a pack's manifest says of one
	// document: its file's line (105 bytes) and its original's, with an
	// extension of five letters (159).
	packManifestDocBytes = 264
	// packManifestReserve is kept for the manifest's other members (the
	// office's name, its key, the counts).
	packManifestReserve = 1 << 20
)

// ErrPackTooLarge means a pack would hold more documents than a
// receiving archive checks (PackTooLargeError).
var ErrPackTooLarge = errors.New("too many documents for one pack")

// PackTooLargeError says a pack was not written because it would hold
// more documents than Most. It matches ErrPackTooLarge.
type PackTooLargeError struct {
	Documents, Most int
}

func (e *PackTooLargeError) Error() string {
	return fmt.Sprintf("%v: %d, at most %d", ErrPackTooLarge, e.Documents, e.Most)
}

// Unwrap makes errors.Is(err, ErrPackTooLarge) hold.
func (e *PackTooLargeError) Unwrap() error { return ErrPackTooLarge }

// packManifestLimit is the largest manifest a receiving archive reads
// (opts, in tests, lower it).
func (a *Archive) packManifestLimit() int64 {
	if a.opts.packManifest > 0 {
		return a.opts.packManifest
	}
	return defaultBundleLimits().json
}

// maxPackDocuments is how many documents a pack may hold with a manifest
// under limit.
func maxPackDocuments(limit int64) int {
	return int(max(limit-packManifestReserve, 0) / packManifestDocBytes)
}

// ErrTooManyCategories is the reason of a RefusedCategory left out
// because the pack brings, or the registry holds, as many as allowed.
var ErrTooManyCategories = errors.New("too many campaigns and topics")

// RefusedCategory is a campaign or topic of a pack that import leaves
// out, and why: a *classify.SizeError, a *classify.RuleError,
// classify.ErrInvalid (no name or an unknown kind) or
// ErrTooManyCategories.
type RefusedCategory struct {
	Name string // cut to classify.MaxNameRunes letters, without control characters
	Kind classify.Kind
	Err  error
}

// planCategories sorts the categories a pack brings that this archive
// lacks into those to add and those left out, in the pack's order; each
// of its strings without control characters (cleanPackDoc). Rules that
// do not compile are left out here, not found half way through import.
func (a *Archive) planCategories(cats []classify.Category, lim bundleLimits) (add []classify.Category, refused []RefusedCategory) {
	reg := a.registry()
	room := min(lim.categories, max(lim.registry-reg.Len(), 0))
	for _, c := range cats {
		cleanCategory(&c)
		c.Builtin, c.ID = false, ""
		if reg.Has(c.Kind, c.Name) || slices.ContainsFunc(add, func(x classify.Category) bool {
			return x.Kind == c.Kind && classify.SameName(x.Name, c.Name)
		}) {
			continue
		}
		err := classify.CheckSize(c)
		switch {
		case err != nil:
		case c.Kind != classify.Campaign && c.Kind != classify.Topic, len(c.Name) == 0:
			err = fmt.Errorf("%s %q: %w", c.Kind, c.Name, classify.ErrInvalid)
		default:
			err = classify.CheckRules(c.Rules)
		}
		if err == nil && len(add) >= room {
			err = ErrTooManyCategories
		}
		if err != nil {
			refused = append(refused, RefusedCategory{Name: classify.CutRunes(c.Name, classify.MaxNameRunes), Kind: c.Kind, Err: err})
			continue
		}
		add = append(add, c)
	}
	return add, refused
}

// cleanCategory takes the control characters out of a category's
// strings: each becomes a space, and the description keeps its lines.
func cleanCategory(c *classify.Category) {
	c.Name = withoutControls(c.Name, false)
	c.Parent = withoutControls(c.Parent, false)
	c.Description = withoutControls(c.Description, true)
	c.Kind = classify.Kind(withoutControls(string(c.Kind), false))
	for i := range c.Rules {
		c.Rules[i].Kind = classify.RuleKind(withoutControls(string(c.Rules[i].Kind), false))
		for j, t := range c.Rules[i].Terms {
			c.Rules[i].Terms[j] = withoutControls(t, false)
		}
	}
}

// maxOfficeRunes bounds the office name a pack gives: shown in the plan,
// kept in offices.json, compared with every name there.
const maxOfficeRunes = 200

// MaxOfficeRunes is how many letters an office name may have: a pack
// whose name has more is refused (BundleBadOffice), and so is such a
// name given to ExportPack (ErrOfficeNameTooLong).
const MaxOfficeRunes = maxOfficeRunes

// Why an office name a person gives their packs is refused: a receiving
// archive would refuse every pack that carries it.
var (
	ErrOfficeNameTooLong  = errors.New("office name longer than 200 letters")
	ErrOfficeNameControls = errors.New("office name with control or direction characters")
)

// fitOfficeName reports whether a pack's office name can be shown as it
// is: at most maxOfficeRunes letters, without control characters but
// tabs (a carriage return overwrites the line the command line prints it
// on, a line feed starts a line that seems the program's own) or
// direction overrides, embeddings and isolates (which draw it in
// another order). A sender never writes them: a pack that does is
// refused, not shown cleaned as if it said something else.
func fitOfficeName(s string) bool {
	return CheckOfficeName(s) == nil
}

// CheckOfficeName checks an office name as a receiving archive checks
// the name a pack carries (fitOfficeName): ErrOfficeNameTooLong,
// ErrOfficeNameControls, or nil. ExportPack refuses a name it refuses,
// so that no office sends packs every other archive refuses; the window
// and the command line check the name where a person types it.
func CheckOfficeName(s string) error {
	if utf8.RuneCountInString(s) > maxOfficeRunes {
		return ErrOfficeNameTooLong
	}
	if strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\t' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
	}) >= 0 {
		return ErrOfficeNameControls
	}
	return nil
}

// OfficeLookalikes lists the letters of an office name that are not
// Latin but look like Latin ones, or of another script ("оС" for a name
// typed with a Cyrillic "о" and "С"), once each; "" for a Vietnamese
// name. A receiving archive warns of a pack whose name has them
// (TrustLookalike, or the letters named with a changed key), so a person
// who typed them is told before sending.
func OfficeLookalikes(s string) string { return foreignLetters(s) }

// How many entries of each list a pack's document may bring. A document
// of a district is filed under a few campaigns and topics, is sent to a
// few dozen recipients, cites at most a few hundred texts (a law's
// annex); a forged one could bring a million of each within its
// megabyte (packDocMetaBytes), each shown in the reader, compared with
// the archive's on every import and written in every backup. What goes
// over is left out, the first entries kept, and the plan says so
// (PackPlan.Cut).
var packListLimits = map[string]int{
	FieldCampaigns: 100,
	FieldTopics:    100,
	ListRecipients: 200,
	ListCitations:  1000,
	ListWarnings:   32,
	ListNotTwins:   500,
	ListFields:     64,
	ListWhy:        200,
}

// The lists of a document, besides FieldCampaigns and FieldTopics, that
// a ListCut names.
const (
	ListRecipients = "recipients"
	ListCitations  = "citations"
	ListWarnings   = "warnings"
	ListNotTwins   = "not_twins"
	ListFields     = "fields" // where each field came from
	ListWhy        = "why"    // the rule that filed it under each campaign and topic
)

// ListCut is a list of a pack's document that import cuts to its bound:
// Had entries in the pack, the first Kept taken.
type ListCut struct {
	ID, Title string
	List      string // FieldCampaigns, FieldTopics or a List* name
	Had, Kept int
}

// cutPackLists cuts each list of a pack's document to its bound
// (packListLimits) and says which it cut, in a fixed order. Maps keep the
// entries of their first keys in sorted order, so that the plan and the
// import cut the same.
func cutPackLists(d *Document) []ListCut {
	var cuts []ListCut
	cut := func(list string, n int) int {
		limit := packListLimits[list]
		if n <= limit {
			return n
		}
		cuts = append(cuts, ListCut{ID: d.ID, Title: classify.CutRunes(d.Title, classify.MaxNameRunes), List: list, Had: n, Kept: limit})
		return limit
	}
	d.Campaigns = d.Campaigns[:cut(FieldCampaigns, len(d.Campaigns))]
	d.Topics = d.Topics[:cut(FieldTopics, len(d.Topics))]
	d.Recipients = d.Recipients[:cut(ListRecipients, len(d.Recipients))]
	d.Citations = d.Citations[:cut(ListCitations, len(d.Citations))]
	d.Warnings = d.Warnings[:cut(ListWarnings, len(d.Warnings))]
	d.NotTwins = d.NotTwins[:cut(ListNotTwins, len(d.NotTwins))]
	if n := cut(ListFields, len(d.Fields)); n < len(d.Fields) {
		for _, k := range slices.Sorted(maps.Keys(d.Fields))[n:] {
			delete(d.Fields, k)
		}
	}
	if n := cut(ListWhy, len(d.Why)); n < len(d.Why) {
		for _, k := range slices.Sorted(maps.Keys(d.Why))[n:] {
			delete(d.Why, k)
		}
	}
	return cuts
}
