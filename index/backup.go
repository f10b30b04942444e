package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// BackupInfo describes a finished backup or restore.
type BackupInfo struct {
	Documents int // live documents
	Trash     int // documents in the Trash
	Bytes     int64
}

// Backup writes a copy of the archive in dir to file, a zip with a
// manifest of SHA-256 sums. It needs no lock, so it works while another
// process (the window) has the archive open: each document file is read
// whole as written by a rename, and its original, which is written before
// it and never changed, is copied beside it; a document deleted meanwhile
// is left out, one added meanwhile is in or out whole.
func Backup(ctx context.Context, dir, file string, progress func(Progress)) (*BackupInfo, error) {
	if _, err := os.Stat(filepath.Join(dir, manifestFile)); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotArchive)
	}
	s := &store{dir: dir}
	live, err := s.ids(docsDir)
	if err != nil {
		return nil, err
	}
	trash, err := s.ids(trashDir)
	if err != nil {
		return nil, err
	}
	bw, err := newBundleWriter(file)
	if err != nil {
		return nil, err
	}
	info, err := writeBackup(ctx, s, bw, live, trash, progress)
	if err != nil {
		bw.abort()
		return nil, err
	}
	err = bw.close(map[string]any{
		"kind": "backup", "format": archiveFmt, "created": time.Now().UTC(),
		"documents": info.Documents, "trash": info.Trash,
	})
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(file); err == nil {
		info.Bytes = st.Size()
	}
	return info, nil
}

func writeBackup(ctx context.Context, s *store, bw *bundleWriter, live, trash []string, progress func(Progress)) (*BackupInfo, error) {
	info := &BackupInfo{}
	for _, name := range []string{manifestFile, registryFile} {
		data, err := os.ReadFile(filepath.Join(s.dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("backup %s: %w", name, err)
		}
		if err := bw.add(name, data); err != nil {
			return nil, err
		}
	}
	total := len(live) + len(trash)
	done := 0
	last := time.Time{}
	for _, group := range []struct {
		sub   string
		ids   []string
		count *int
	}{{docsDir, live, &info.Documents}, {trashDir, trash, &info.Trash}} {
		for _, id := range group.ids {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			done++
			rel := filepath.ToSlash(filepath.Join(group.sub, shard(id), id+".json"))
			data, err := os.ReadFile(filepath.Join(s.dir, rel))
			if errors.Is(err, fs.ErrNotExist) {
				continue // deleted or restored meanwhile
			}
			if err != nil {
				return nil, fmt.Errorf("backup %s: %w", id, err)
			}
			var d Document
			if json.Unmarshal(data, &d) != nil || d.Hash == "" {
				return nil, fmt.Errorf("backup %s: %w", id, ErrDamaged)
			}
			orig, err := os.ReadFile(s.originalPath(d.Hash, d.Format))
			if errors.Is(err, fs.ErrNotExist) {
				continue // the Trash was emptied meanwhile
			}
			if err != nil {
				return nil, fmt.Errorf("backup %s: %w", id, err)
			}
			origRel := filepath.ToSlash(strings.TrimPrefix(s.originalPath(d.Hash, d.Format), s.dir+string(filepath.Separator)))
			if _, ok := bw.sums[origRel]; !ok {
				if err := bw.add(origRel, orig); err != nil {
					return nil, err
				}
			}
			if err := bw.add(rel, data); err != nil {
				return nil, err
			}
			*group.count++
			if progress != nil && (time.Since(last) > 100*time.Millisecond || done == total) {
				last = time.Now()
				progress(Progress{Done: done, Total: total, Current: d.Title})
			}
		}
	}
	return info, nil
}

// Restore brings the archive in a backup back into dir, which must not
// exist or be empty. Every entry's SHA-256 is checked against the
// manifest and every original against its own name before anything is
// written; a damaged backup is refused with ErrBadBundle and writes
// nothing. The index is built by the next Open.
func Restore(ctx context.Context, file, dir string, progress func(Progress)) (*BackupInfo, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("restore into %s: %w", dir, ErrNotEmpty)
	}
	b, err := openBundle(file, "backup")
	if err != nil {
		return nil, err
	}
	defer b.close()
	staging := dir + ".restoring"
	_ = os.RemoveAll(staging)
	info, err := restoreInto(ctx, b, staging, progress)
	if err == nil {
		_ = os.Remove(dir) // an empty folder the person chose
		err = os.Rename(staging, dir)
	}
	if err != nil {
		_ = os.RemoveAll(staging)
		return nil, err
	}
	return info, nil
}

// ErrNotEmpty means a folder to restore into already has files.
var ErrNotEmpty = errors.New("folder is not empty")

func restoreInto(ctx context.Context, b *bundle, dir string, progress func(Progress)) (*BackupInfo, error) {
	info := &BackupInfo{}
	hashes := map[string]bool{}
	var docs []string
	for name, f := range b.files {
		if name == bundleManifest {
			continue
		}
		switch m := bundleOriginal.FindStringSubmatch(name); {
		case m != nil:
			data, err := b.read(f)
			if err != nil {
				return nil, err
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != m[1] {
				return nil, fmt.Errorf("%s: %w", name, ErrBadBundle)
			}
			hashes[m[1]] = true
		case bundleDoc.MatchString(name):
			docs = append(docs, name)
		case name == manifestFile || name == registryFile:
		default:
			return nil, fmt.Errorf("unexpected entry %q: %w", name, ErrBadBundle)
		}
	}
	if _, ok := b.files[manifestFile]; !ok {
		return nil, fmt.Errorf("no archive manifest: %w", ErrBadBundle)
	}
	for _, name := range docs {
		data, _ := b.read(b.files[name])
		var d Document
		if json.Unmarshal(data, &d) != nil || !hashes[d.Hash] || !strings.Contains(name, d.ID+".json") || d.ID != d.Hash[:16] {
			return nil, fmt.Errorf("%s: %w", name, ErrBadBundle)
		}
	}
	total := len(b.files) - 1
	done := 0
	for name, f := range b.files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if name == bundleManifest {
			continue
		}
		data, err := b.read(f)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}
		switch {
		case strings.HasPrefix(name, docsDir+"/"):
			info.Documents++
		case strings.HasPrefix(name, trashDir+"/"):
			info.Trash++
		}
		info.Bytes += int64(len(data))
		done++
		if progress != nil && (done%200 == 0 || done == total) {
			progress(Progress{Done: done, Total: total, Current: name})
		}
	}
	s := &store{dir: dir}
	if err := s.syncAll(nil); err != nil {
		return nil, err
	}
	return info, nil
}
