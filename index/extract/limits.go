package extract

import "fmt"

// Names of the limits, as LimitError.What.
const (
	limitFileBytes     = "file size"
	limitUnzippedBytes = "unzipped size"
	limitPages         = "pages"
	limitZipEntries    = "zip entries"
	limitZipDepth      = "zip nesting depth"
)

// Limits bound the work one file may cause. A zero field means the
// default for that field (see DefaultLimits).
type Limits struct {
	MaxFileBytes     int64 // size of one file, and of one file inside a zip
	MaxUnzippedBytes int64 // total bytes read out of one zip, nested zips included
	MaxPages         int   // pages of one PDF
	MaxZipEntries    int   // members of one zip, all nested zips' members counted together
	MaxZipDepth      int   // zips inside zips: 1 reads only the top zip
}

// DefaultLimits are generous for office documents and small enough for a
// commune office PC: a 200 MB file, 1 GB unzipped from one archive,
// 2000 PDF pages, 10000 files in an archive, zips nested 3 deep.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:     200 << 20,
		MaxUnzippedBytes: 1 << 30,
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
