package index

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// A bundle is a zip file of archive files with a manifest that names the
// SHA-256 of every other entry: backups and document packs are bundles.
// Reading one verifies every entry before anything is used, so a damaged
// or altered bundle is refused whole.

// ErrBadBundle means a backup or pack is damaged, altered, or not one.
var ErrBadBundle = errors.New("backup or pack is damaged or altered")

const bundleManifest = "manifest.json"

// Limits on what a bundle may hold, against damaged or hostile files.
const (
	maxBundleEntry = 1 << 30  // one entry, unpacked
	maxBundleTotal = 64 << 30 // all entries, unpacked
)

// bundleWriter writes a bundle to a temporary file renamed into place on
// close, so a failed write leaves no half bundle under the name.
type bundleWriter struct {
	path string
	f    *os.File
	zw   *zip.Writer
	sums map[string]string
}

func newBundleWriter(path string) (*bundleWriter, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".khovanban-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &bundleWriter{path: path, f: f, zw: zip.NewWriter(f), sums: map[string]string{}}, nil
}

func (b *bundleWriter) add(name string, data []byte) error {
	w, err := b.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Now()})
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	b.sums[name] = hex.EncodeToString(sum[:])
	return nil
}

// close writes the manifest (meta plus the sums) and puts the file in place.
func (b *bundleWriter) close(meta map[string]any) error {
	meta["files"] = b.sums
	data, err := json.MarshalIndent(meta, "", "  ")
	if err == nil {
		err = b.add(bundleManifest, data)
	}
	if err == nil {
		err = b.zw.Close()
	}
	if err == nil {
		err = b.f.Sync()
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(b.f.Name(), b.path)
	}
	if err != nil {
		_ = os.Remove(b.f.Name())
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	return nil
}

// abort drops a bundle that could not be finished.
func (b *bundleWriter) abort() {
	_ = b.f.Close()
	_ = os.Remove(b.f.Name())
}

// bundle is a verified bundle open for reading.
type bundle struct {
	zr    *zip.ReadCloser
	meta  map[string]json.RawMessage
	files map[string]*zip.File
}

// openBundle opens and verifies a bundle of the given kind ("backup" or
// "pack"): every entry listed with the right SHA-256, nothing unlisted.
func openBundle(path, kind string) (*bundle, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", filepath.Base(path), err, ErrBadBundle)
	}
	b := &bundle{zr: zr, files: map[string]*zip.File{}}
	if err := b.verify(kind); err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return b, nil
}

func (b *bundle) verify(kind string) error {
	for _, f := range b.zr.File {
		if _, dup := b.files[f.Name]; dup {
			return fmt.Errorf("entry %s twice: %w", f.Name, ErrBadBundle)
		}
		b.files[f.Name] = f
	}
	mf, ok := b.files[bundleManifest]
	if !ok {
		return fmt.Errorf("no manifest: %w", ErrBadBundle)
	}
	data, err := b.read(mf)
	if err != nil {
		return err
	}
	var sums map[string]string
	if json.Unmarshal(data, &b.meta) != nil || json.Unmarshal(b.meta["files"], &sums) != nil {
		return fmt.Errorf("manifest: %w", ErrBadBundle)
	}
	var k string
	if json.Unmarshal(b.meta["kind"], &k) != nil || k != kind {
		return fmt.Errorf("not a %s: %w", kind, ErrBadBundle)
	}
	if len(sums) != len(b.files)-1 {
		return fmt.Errorf("manifest lists %d files, bundle has %d: %w", len(sums), len(b.files)-1, ErrBadBundle)
	}
	var total uint64
	for name, want := range sums {
		f, ok := b.files[name]
		if !ok {
			return fmt.Errorf("%s missing: %w", name, ErrBadBundle)
		}
		total += f.UncompressedSize64
		if total > maxBundleTotal {
			return fmt.Errorf("too large: %w", ErrBadBundle)
		}
		data, err := b.read(f)
		if err != nil {
			return err
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want {
			return fmt.Errorf("%s altered: %w", name, ErrBadBundle)
		}
	}
	return nil
}

// read reads one entry, never more than maxBundleEntry bytes whatever its
// header claims.
func (b *bundle) read(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %v: %w", f.Name, err, ErrBadBundle)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxBundleEntry+1))
	if err != nil || len(data) > maxBundleEntry {
		return nil, fmt.Errorf("%s: unreadable: %w", f.Name, ErrBadBundle)
	}
	return data, nil
}

func (b *bundle) close() error { return b.zr.Close() }

// Entry names inside bundles, checked before any is used: nothing from a
// bundle ever names a path outside the archive.
var (
	bundleOriginal = regexp.MustCompile(`^originals/[0-9a-f]{2}/([0-9a-f]{64})(\.[a-z0-9]{1,5})?$`)
	bundleDoc      = regexp.MustCompile(`^(docs|trash)/[0-9a-f]{2}/([0-9a-f]{16})\.json$`)
)
