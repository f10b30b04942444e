package index

import (
	"bufio"
	"fmt"
	"path/filepath"
)

// CheckBundle looks a backup or pack (kind "backup" or "pack") over
// quickly, before a person is asked anything about it (where to restore
// it): a regular file, a zip whose end records and directory read,
// listing no more entries than a bundle holds, each named as that kind
// of bundle names its entries, and a manifest saying that kind. It
// reads the directory, about 100 bytes an entry (a second or two for the
// backup of a million documents, holding none of it), and the
// manifest's first members, not the entries' data: a file it passes may
// still be refused when read whole (an entry altered), but one cut
// short, not a zip, or of the other kind is refused at once, with the
// *BundleError opening it would give.
func CheckBundle(file, kind string) error {
	name := filepath.Base(file)
	f, st, err := openRegular(file, true)
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	lim := defaultBundleLimits()
	if err := checkBundleEntries(f, st.Size(), name, lim); err != nil {
		return err
	}
	dir, err := readZipDir(f, st.Size())
	if err != nil {
		return &BundleError{File: name, Reason: BundleUnreadable}
	}
	b := &bundle{name: name}
	var manifest *zipRecord
	var misnamed error // the first name this kind never holds: told after the kind, as openBundle does
	err = dir.each(func(rec *zipRecord) error {
		if _, ok := keyOf(rec.name); !ok {
			return b.fail(rec.name, BundleBadName)
		}
		if rec.name == bundleManifest {
			r := *rec
			manifest = &r
		} else if misnamed == nil {
			misnamed = b.checkName(rec.name, kind)
		}
		return nil
	})
	if err != nil {
		return b.zipErr("", err)
	}
	if manifest == nil {
		return b.fail("", BundleNoManifest)
	}
	r, err := dir.open(manifest)
	if err != nil {
		return b.fail(bundleManifest, BundleUnreadable)
	}
	defer r.Close()
	switch got := manifestKind(bufio.NewReader(r)); {
	case got == kind:
		return misnamed
	case got == "backup" || got == "pack":
		return b.fail("", BundleWrongKind)
	}
	return b.fail(bundleManifest, BundleNoManifest)
}
