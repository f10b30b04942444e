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

// Zip lists the files of a zip archive with their bytes, looking into
// nested zips (which are not listed themselves) up to lim.MaxZipDepth.
// Files that Extract cannot read (Supported is false) are listed with nil
// Data: they are never inflated. Every limit is enforced on the bytes
// actually inflated, not on the sizes the archive claims, so zip bombs
// stop with ErrTooLarge. macOS resource forks (__MACOSX/, ._x) are left out.
func Zip(ctx context.Context, data []byte, lim Limits) (entries []Entry, err error) {
	defer recoverCorrupt("zip", &err)
	lim = lim.withDefaults()
	if err := CheckSize(int64(len(data)), lim); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("zip: %w (0 bytes)", ErrEmpty)
	}
	z := &zipWalk{ctx: ctx, lim: lim}
	if err := z.walk(data, "", 1); err != nil {
		return nil, err
	}
	return z.entries, nil
}

// zipWalk keeps the running totals of one Zip call.
type zipWalk struct {
	ctx      context.Context
	lim      Limits
	entries  []Entry
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
			z.entries = append(z.entries, Entry{Name: name})
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
		z.entries = append(z.entries, Entry{Name: name, Data: b})
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
	if int64(f.UncompressedSize64) > fileLimit || f.UncompressedSize64 > 1<<62 {
		return nil, fmt.Errorf("zip: %s: %w", name, &LimitError{What: limitFileBytes, Limit: fileLimit, Got: int64(min(f.UncompressedSize64, 1<<62))})
	}
	b, err := readZipFile(f, min(fileLimit, left))
	var le *LimitError
	if errors.As(err, &le) {
		// The header's size, if larger, says by how much (a lying header
		// gives only what was read: "at least").
		got := max(le.Got, int64(min(f.UncompressedSize64, 1<<62)))
		if fileLimit <= left {
			le = &LimitError{What: limitFileBytes, Limit: fileLimit, Got: got}
		} else {
			le = &LimitError{What: limitUnzippedBytes, Limit: z.lim.MaxUnzippedBytes, Got: z.unzipped + got}
		}
		return nil, fmt.Errorf("zip: %s: %w", name, le)
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
