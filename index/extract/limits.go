package extract

import "fmt"

// Names of the limits, as LimitError.What.
const (
	limitFileBytes     = "file size"
	limitUnzippedBytes = "unzipped size"
	limitPartBytes     = "part size"
	limitTextBytes     = "text size"
	limitPages         = "pages"
	limitZipEntries    = "zip entries"
	limitZipDepth      = "zip nesting depth"
)

// Limits bound the work and memory one file may cause. A zero field means
// the default for that field (see DefaultLimits). Byte limits on
// compressed data are counted on the bytes actually inflated, while they
// are read, never on the sizes a file claims.
type Limits struct {
	MaxFileBytes     int64 // size of one file, and of one file inside a zip
	MaxUnzippedBytes int64 // total bytes inflated out of one zip (nested zips included) or one document
	MaxPartBytes     int64 // inflated bytes of one part of a document: a .docx or .odt XML member
	MaxPageBytes     int64 // inflated bytes of the streams one PDF page draws (content, forms, font maps)
	MaxTextBytes     int64 // text extracted from one file
	MaxPages         int   // pages of one PDF
	MaxZipEntries    int   // members of one zip, all nested zips' members counted together
	MaxZipDepth      int   // zips inside zips: 1 reads only the top zip
}

// DefaultLimits are generous for office documents and keep the memory one
// file can take well under 1 GB on a commune office PC: a 200 MB file,
// 1 GB inflated from one archive or document, 256 MB for one part of a
// document, 16 MB of content for one PDF page (a page of text has less
// than 200 KB; laying out 16 MB takes about 200 MB), 32 MB of text
// (about 15,000 pages; importing a document takes about 11 times its
// text), 2000 PDF pages, 10000 files in an archive, zips nested 3 deep.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     200 << 20,
		MaxUnzippedBytes: 1 << 30,
		MaxPartBytes:     256 << 20,
		MaxPageBytes:     16 << 20,
		MaxTextBytes:     32 << 20,
		MaxPages:         2000,
		MaxZipEntries:    10000,
		MaxZipDepth:      3,
	}
}

// withDefaults fills zero fields from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = d.MaxFileBytes
	}
	if l.MaxUnzippedBytes <= 0 {
		l.MaxUnzippedBytes = d.MaxUnzippedBytes
	}
	if l.MaxPartBytes <= 0 {
		l.MaxPartBytes = d.MaxPartBytes
	}
	if l.MaxPageBytes <= 0 {
		l.MaxPageBytes = d.MaxPageBytes
	}
	if l.MaxTextBytes <= 0 {
		l.MaxTextBytes = d.MaxTextBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = d.MaxPages
	}
	if l.MaxZipEntries <= 0 {
		l.MaxZipEntries = d.MaxZipEntries
	}
	if l.MaxZipDepth <= 0 {
		l.MaxZipDepth = d.MaxZipDepth
	}
	return l
}

// CheckSize tells whether a file of n bytes may be read at all. The
// importer calls it with the size from os.Stat before reading the file.
func CheckSize(n int64, lim Limits) error {
	lim = lim.withDefaults()
	if n > lim.MaxFileBytes {
		return fmt.Errorf("check size: %w", &LimitError{What: limitFileBytes, Limit: lim.MaxFileBytes, Got: n})
	}
	return nil
}

// checkText refuses extracted text longer than the text limit.
func checkTextSize(format string, n int, lim Limits) error {
	if int64(n) > lim.MaxTextBytes {
		return fmt.Errorf("%s: %w", format, &LimitError{What: limitTextBytes, Limit: lim.MaxTextBytes, Got: int64(n)})
	}
	return nil
}
