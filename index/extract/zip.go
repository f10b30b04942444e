package extract

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// Entry is one file found inside a zip archive.
type Entry struct {
	// Name is the path inside the archive, "a/b.docx"; a file inside a
	// nested zip is named "inner.zip/x.doc". It is only a name: nothing is
	// written to disk.
	Name string
	Data []byte
}

// Zip lists the files of a zip archive with their bytes: WalkZip's
// entries, all held at once. For tests and small archives; the importer
// uses WalkZip.
func Zip(ctx context.Context, data []byte, lim Limits) ([]Entry, error) {
	var entries []Entry
	err := WalkZip(ctx, data, lim, func(e Entry) error {
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// WalkZip calls fn with the files of a zip archive, one at a time in the
// archive's order, each with its bytes, looking into nested zips (which
// are not passed themselves) up to lim.MaxZipDepth. Only one entry is
// inflated at a time: fn may keep an entry's Data, the walk does not.
// Files that Extract cannot read (Supported is false) come with nil Data:
// they are never inflated. Every limit is enforced on the bytes actually
// inflated, not on the sizes the archive claims, so zip bombs stop with
// ErrTooLarge, after fn had the entries before. macOS resource forks
// (__MACOSX/, ._x) are left out. An error from fn stops the walk and is
// returned.
func WalkZip(ctx context.Context, data []byte, lim Limits, fn func(Entry) error) (err error) {
	defer recoverCorrupt("zip", &err)
	lim = lim.withDefaults()
	if err := CheckSize(int64(len(data)), lim); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	if len(data) == 0 {
		return fmt.Errorf("zip: %w (0 bytes)", ErrEmpty)
	}
	z := &zipWalk{ctx: ctx, lim: lim, fn: fn}
	return z.walk(data, "", 1)
}

// ZipEntryCount is the number of members a zip's end record announces
// (directories included), read from the zip's last 64 KB or more (tail);
// -1 if it is not found. It reads no directory, so it is safe on a zip
// that claims millions of members.
func ZipEntryCount(tail []byte) int64 {
	return zipEntryCount(tail)
}

// zipWalk keeps the running totals of one WalkZip call.
type zipWalk struct {
	ctx      context.Context
	lim      Limits
	fn       func(Entry) error
	count    int   // files seen, nested ones included
	unzipped int64 // bytes inflated so far
}

func (z *zipWalk) walk(data []byte, prefix string, depth int) error {
	if depth > z.lim.MaxZipDepth {
		return fmt.Errorf("zip: %s: %w", strings.TrimSuffix(prefix, "/"),
			&LimitError{What: limitZipDepth, Limit: int64(z.lim.MaxZipDepth), Got: int64(depth)})
	}
	zr, err := openZip("zip", data, z.lim.MaxZipEntries)
	if err != nil {
		return prefixErr(prefix, err)
	}
	for _, f := range zr.File {
		if err := z.ctx.Err(); err != nil {
			return err
		}
		if f.FileInfo().IsDir() {
			continue
		}
		z.count++
		if z.count > z.lim.MaxZipEntries {
			return fmt.Errorf("zip: %w", &LimitError{What: limitZipEntries, Limit: int64(z.lim.MaxZipEntries), Got: int64(z.count)})
		}
		name := prefix + entryName(f)
		if isJunkEntry(name) {
			continue
		}
		nested := IsArchive(name)
		if !nested && !Supported(name) {
			// listed, so that the importer can say it was skipped, but not read
			if err := z.fn(Entry{Name: name}); err != nil {
				return err
			}
			continue
		}
		b, err := z.read(f, name)
		if err != nil {
			return err
		}
		if nested {
			if err := z.walk(b, name+"/", depth+1); err != nil {
				return err
			}
			continue
		}
		if err := z.fn(Entry{Name: name, Data: b}); err != nil {
			return err
		}
	}
	return nil
}

// read inflates one member within the file and total limits.
func (z *zipWalk) read(f *zip.File, name string) ([]byte, error) {
	if f.Flags&0x1 != 0 {
		return nil, fmt.Errorf("zip: %s: %w", name, ErrEncrypted)
	}
	left := z.lim.MaxUnzippedBytes - z.unzipped
	fileLimit := z.lim.MaxFileBytes
	claimed := int64(min(f.UncompressedSize64, 1<<62))
	if claimed > fileLimit {
		return nil, fmt.Errorf("zip: %w", &LimitError{What: limitFileBytes, Limit: fileLimit, Got: claimed, Part: name})
	}
	b, err := readZipFile(f, min(fileLimit, left))
	var le *LimitError
	if errors.As(err, &le) {
		// The header's size, if larger, says by how much; a lying header
		// gives only what was read: "more than the limit".
		got, atLeast := claimed, false
		if le.Got >= claimed {
			got, atLeast = le.Got, true
		}
		if fileLimit <= left {
			le = &LimitError{What: limitFileBytes, Limit: fileLimit, Got: got, AtLeast: atLeast, Part: name}
		} else {
			le = &LimitError{What: limitUnzippedBytes, Limit: z.lim.MaxUnzippedBytes, Got: z.unzipped + got, AtLeast: atLeast, Part: name}
		}
		return nil, fmt.Errorf("zip: %w", le)
	}
	if err != nil {
		return nil, fmt.Errorf("zip: %s: %w: %v", name, ErrCorrupt, err)
	}
	z.unzipped += int64(len(b))
	return b, nil
}

func prefixErr(prefix string, err error) error {
	if prefix == "" {
		return err
	}
	return fmt.Errorf("%s: %w", strings.TrimSuffix(prefix, "/"), err)
}

// entryName is a member's path made safe to show: forward slashes, no
// leading "/" or "..", and names in a legacy code page decoded.
func entryName(f *zip.File) string {
	name := f.Name
	if !utf8.ValidString(name) {
		s, _, err := decodeText([]byte(name))
		if err != nil {
			s = strings.ToValidUTF8(name, "_")
		}
		name = s
	}
	name = strings.ReplaceAll(name, `\`, "/")
	name = path.Clean("/" + name)[1:]
	if name == "" {
		name = "_"
	}
	return name
}

// isJunkEntry recognises what macOS adds to the zips it makes.
func isJunkEntry(name string) bool {
	return strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") ||
		strings.HasPrefix(path.Base(name), "._") || path.Base(name) == ".DS_Store"
}
