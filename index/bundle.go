package index

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"khovanban/index/extract"
	"khovanban/index/internal/lazyre"
)

// A bundle is a zip file of archive files with a manifest that names the
// SHA-256 of every other entry: backups and document packs are bundles.
// Opening one reads every entry as a stream, checks its sum, its name and,
// for an original, that its bytes hash to the name, before anything is
// used, so a damaged, altered or forged bundle is refused whole. Every
// read counts inflated bytes against a limit, whatever the zip's headers
// claim, and only JSON entries are ever held in memory.

// ErrBadBundle means a backup or pack is damaged, altered, or not one.
// Errors that wrap it are *BundleError, which says why.
var ErrBadBundle = errors.New("backup or pack is damaged or altered")

// BundleError says why a backup or pack was refused. It wraps ErrBadBundle.
type BundleError struct {
	File   string // the bundle's file name, without its folder
	Entry  string // the entry at fault; "" for the bundle as a whole
	Reason string // one of the Bundle* reasons
	Limit  int64  // for BundleTooLarge: the limit, in bytes; for BundleTooManyEntries, in entries
}

// Why a bundle is refused.
const (
	BundleUnreadable     = "unreadable"       // not a zip, cut short, or an entry cannot be inflated
	BundleNoManifest     = "no-manifest"      // no manifest, or one that is not JSON
	BundleWrongKind      = "wrong-kind"       // a backup given as a pack, or the reverse
	BundleMissing        = "missing"          // listed in the manifest but absent
	BundleUnlisted       = "unlisted"         // present but not listed in the manifest
	BundleDuplicate      = "duplicate"        // two entries with one name
	BundleAltered        = "altered"          // its SHA-256 is not the manifest's
	BundleBadName        = "bad-name"         // a name the archive never writes
	BundleBadDocument    = "bad-document"     // a document whose id, hash, format and name disagree
	BundleWrongOriginal  = "wrong-original"   // an original whose bytes do not hash to its name
	BundleNoOriginal     = "no-original"      // a document whose original is not in the bundle
	BundleTooLarge       = "too-large"        // an entry, or all of them, over a limit
	BundleTooManyEntries = "too-many-entries" // more entries than any archive's bundle (Limit: how many at most)
	BundleBadSignature   = "bad-signature"    // a signed pack whose signature does not verify
	BundleInconsistent   = "inconsistent"     // the bundle changed between reading and using it
	BundleBadOffice      = "bad-office"       // a pack's office name too long, or with characters that drive a screen
)

func (e *BundleError) Error() string {
	msg := e.File
	if e.Entry != "" {
		msg += ": " + e.Entry
	}
	msg += ": " + e.Reason
	switch {
	case e.Limit > 0 && e.Reason == BundleTooLarge:
		msg += fmt.Sprintf(" (limit %d MB)", e.Limit>>20)
	case e.Limit > 0:
		msg += fmt.Sprintf(" (limit %d)", e.Limit)
	}
	return msg + ": " + ErrBadBundle.Error()
}

// Unwrap makes errors.Is(err, ErrBadBundle) hold.
func (e *BundleError) Unwrap() error { return ErrBadBundle }

// Entries that are neither originals nor documents.
const (
	bundleManifest  = "manifest.json"  // kind, sums of every other entry, and what the kind adds
	bundleSignature = "signature.json" // in a signed pack: the signature over the manifest
	packCategories  = "categories.json"
	officesFile     = "offices.json" // in the archive and its backups: the office keys it has seen
)

// bundleLimits bound what reading one bundle may cost, counted on
// inflated bytes.
type bundleLimits struct {
	original int64 // one original; streamed, never held in memory
	json     int64 // one document or other JSON entry; held to be parsed
	total    int64 // every entry together
	text     int64 // the text of one document a pack brings, which import indexes

	meta      int64 // what a pack says of one document but its text: JSON bytes (packlimits.go)
	metaTotal int64 // the same of every document of a pack, held while it is planned

	categoriesBytes int64 // a pack's categories file (packlimits.go)
	categories      int   // new campaigns and topics one pack adds
	registry        int   // campaigns and topics a pack fills the registry up to

	entries int64 // entries of the zip; 0 means bundleMaxEntries (bundlecount.go)
}

// defaultBundleLimits: an original and a text as large as the importer
// takes, a document file four times that text (escapes), and a whole
// archive. Holding one JSON entry, parsing it and indexing its text stays
// under 1 GB (a 60 MB text: pack import peaks at 370 MB).
func defaultBundleLimits() bundleLimits {
	lim := extract.DefaultLimits()
	return bundleLimits{original: lim.MaxFileBytes, json: 4 * lim.MaxTextBytes, total: 64 << 30, text: lim.MaxTextBytes,
		meta: packDocMetaBytes, metaTotal: packMetaBytes,
		categoriesBytes: packCategoriesBytes, categories: packMaxCategories, registry: maxCategories}
}

// Entry names inside bundles: nothing from a bundle ever names a path
// outside the archive. The extension of an original is checked further by
// knownFormat.
var (
	bundleOriginal = lazyre.New(`^originals/([0-9a-f]{2})/([0-9a-f]{64})(?:\.([a-z0-9]{1,5}))?$`)
	bundleDoc      = lazyre.New(`^(docs|trash)/([0-9a-f]{2})/([0-9a-f]{16})\.json$`)
	hexHash        = lazyre.New(`^[0-9a-f]{64}$`)
)

// knownFormat reports whether a document's format is one the importer
// gives, so that it can be used as a file extension.
func knownFormat(format string) bool {
	if format == "" {
		return true // stored without an extension
	}
	for _, r := range format {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return len(format) <= 5 && extract.Supported("x."+format)
}

// bundleKey is an entry name a bundle may hold, in 38 bytes: a kind
// (keyOriginal, keyDoc, keyTrash, or one of bundleNames), then an
// original's hash and format, or a document's id. A name and its key
// convert both ways, and keys sort as their names' kinds and hashes do.
type bundleKey [38]byte

// Kinds of bundleKey; the other entry names follow (bundleNames).
const (
	keyOriginal = 1 + iota
	keyDoc
	keyTrash
	keyNamed
)

// bundleNames are the names of entries that are neither originals nor
// documents, in either kind of bundle; checkName says which kind holds
// which.
var bundleNames = []string{bundleManifest, bundleSignature, packCategories, manifestFile, registryFile, officesFile}

// keyOf is the key of an entry name, and false for a name no bundle
// holds: its shard not its hash's first digits, an unknown format.
func keyOf(name string) (k bundleKey, ok bool) {
	if m := bundleOriginal.FindStringSubmatch(name); m != nil {
		if m[1] != m[2][:2] || !knownFormat(m[3]) {
			return k, false
		}
		k[0] = keyOriginal
		hex.Decode(k[1:33], []byte(m[2]))
		copy(k[33:], m[3])
		return k, true
	}
	if m := bundleDoc.FindStringSubmatch(name); m != nil {
		if m[2] != m[3][:2] {
			return k, false
		}
		k[0] = keyDoc
		if m[1] == trashDir {
			k[0] = keyTrash
		}
		hex.Decode(k[1:9], []byte(m[3]))
		return k, true
	}
	if i := slices.Index(bundleNames, name); i >= 0 {
		k[0] = byte(keyNamed + i)
		return k, true
	}
	return k, false
}

// name is the entry name of k.
func (k bundleKey) name() string {
	switch {
	case k[0] == keyOriginal:
		return originalEntry(hex.EncodeToString(k[1:33]), string(bytes.TrimRight(k[33:], "\x00")))
	case k[0] == keyDoc:
		return docEntry(docsDir, hex.EncodeToString(k[1:9]))
	case k[0] == keyTrash:
		return docEntry(trashDir, hex.EncodeToString(k[1:9]))
	case int(k[0]) >= keyNamed && int(k[0]) < keyNamed+len(bundleNames):
		return bundleNames[k[0]-keyNamed]
	}
	return ""
}

// originalEntry is the entry name of an original in a bundle, and its
// path below the archive folder with slashes.
func originalEntry(hash, format string) string {
	name := originalsDir + "/" + shard(hash) + "/" + hash
	if format != "" {
		name += "." + format
	}
	return name
}

// docEntry is the entry name of a document file under sub (docs or trash).
func docEntry(sub, id string) string { return sub + "/" + shard(id) + "/" + id + ".json" }

// checkDocument checks that a document read from a bundle entry (or from
// the archive) can only name files inside the archive: a 16-digit id that
// begins its 64-digit hash, a known format, and, when entry is given, the
// entry name its id gives.
func checkDocument(d *Document, entry string) bool {
	if !hexHash.MatchString(d.Hash) || d.ID != d.Hash[:16] || !knownFormat(d.Format) {
		return false
	}
	if entry == "" {
		return true
	}
	m := bundleDoc.FindStringSubmatch(entry)
	return m != nil && m[3] == d.ID && entry == docEntry(m[1], d.ID)
}

// bundleWriter writes a bundle to a temporary file renamed into place on
// close, so a failed write leaves no half bundle under the name. The
// temporary file lives beside the bundle (a rename cannot cross disks);
// one left by a killed process is removed by the next bundle written to
// that folder (see removeStaleTemps).
type bundleWriter struct {
	path string
	f    *os.File
	held func() // releases the mark that the temporary file is in use
	zw   *zipWriter
	// sums are the SHA-256 of every entry written, by key: a backup of a
	// million documents writes two million entries, which held as names
	// and hex strings, then marshalled whole into the manifest, took
	// about 1.1 KB an entry (2.2 GB) at close.
	sums map[bundleKey][sha256.Size]byte
	// maxManifest, when not 0, is the largest manifest a reader takes
	// (a pack's: see packManifestDocBytes); close writes none larger.
	maxManifest int64
}

// errManifestTooLarge means a bundle's manifest would be over what a
// reader takes: the bundle is not written.
var errManifestTooLarge = errors.New("manifest over what a reader takes")

// bundleTempPattern names the temporary files of bundles being written.
const bundleTempPattern = ".khovanban-*.tmp"

func newBundleWriter(path string) (*bundleWriter, error) {
	dir := filepath.Dir(path)
	removeStaleTemps(dir)
	f, err := createBundleTemp(dir)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	held := holdTemp(f)
	zw, err := newZipWriter(f)
	if err != nil {
		_ = f.Close()
		held()
		_ = os.Remove(f.Name())
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return &bundleWriter{path: path, f: f, held: held, zw: zw, sums: map[bundleKey][sha256.Size]byte{}}, nil
}

// createBundleTemp creates the temporary file a bundle is written to, in
// dir, named as bundleTempPattern says. It is readable by all, as the
// person's other files are (0644, the umask applied): a backup or pack
// is made to be copied, to a stick, by a file manager or another
// account, and os.CreateTemp's 0600 left it to its owner alone.
func createBundleTemp(dir string) (*os.File, error) {
	for {
		name := filepath.Join(dir, strings.Replace(bundleTempPattern, "*", strconv.FormatUint(rand.Uint64(), 36), 1))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// removeStaleTemps removes what killed bundle writers left in dir: a
// temporary file that no running writer holds.
func removeStaleTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, bundleTempPattern))
	for _, name := range names {
		removeIfStale(name)
	}
}

func (b *bundleWriter) add(name string, data []byte) error {
	return b.addFrom(name, bytes.NewReader(data))
}

// errBundleName means a bundle writer was given an entry name that no
// bundle holds (keyOf).
var errBundleName = errors.New("not a bundle's entry name")

// addFrom writes an entry from r, streaming.
func (b *bundleWriter) addFrom(name string, r io.Reader) error {
	key, ok := keyOf(name)
	if !ok {
		return fmt.Errorf("write %s: %w", name, errBundleName)
	}
	h := sha256.New()
	if err := b.write(name, io.TeeReader(r, h)); err != nil {
		return err
	}
	b.sums[key] = [sha256.Size]byte(h.Sum(nil))
	return nil
}

// write writes an entry from r, deflated.
func (b *bundleWriter) write(name string, r io.Reader) error {
	if err := b.zw.create(name, r, time.Now()); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// has reports whether an entry of that name was written.
func (b *bundleWriter) has(name string) bool {
	key, ok := keyOf(name)
	_, written := b.sums[key]
	return ok && written
}

// close writes the manifest (meta plus the sums), and the signature over
// the manifest when sign is not nil, and puts the file in place. A
// manifest that is signed or bounded (a pack's) is held to be; a
// backup's (263 MB for a million documents) is streamed into its entry.
func (b *bundleWriter) close(meta map[string]any, sign func(manifest []byte) ([]byte, error)) error {
	var err error
	if sign == nil && b.maxManifest == 0 {
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(b.writeManifest(pw, meta)) }()
		err = b.write(bundleManifest, pr)
		pr.CloseWithError(err) // the goroutine ends, if writing stopped first
	} else {
		var data bytes.Buffer
		err = b.writeManifest(&data, meta)
		if err == nil && b.maxManifest > 0 && int64(data.Len()) > b.maxManifest {
			err = errManifestTooLarge
		}
		if err == nil {
			err = b.write(bundleManifest, bytes.NewReader(data.Bytes()))
		}
		if err == nil && sign != nil {
			var sig []byte
			if sig, err = sign(data.Bytes()); err == nil {
				err = b.add(bundleSignature, sig)
			}
		}
	}
	if err == nil {
		err = b.zw.close()
	}
	b.zw.drop()
	if err == nil {
		err = b.f.Sync()
	}
	if err == nil && bundleWritten != nil {
		bundleWritten(b.f)
	}
	if err == nil {
		// Read back before it replaces anything: a cut or damaged
		// backup never takes the place of a good one.
		err = b.zw.verify(b.f)
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	b.held()
	if err == nil {
		err = os.Rename(b.f.Name(), b.path)
	}
	if err != nil {
		_ = os.Remove(b.f.Name())
		return fmt.Errorf("write %s: %w", b.path, err)
	}
	return nil
}

// writeManifest writes meta as one JSON object, indented as
// json.MarshalIndent would, its "files" the entries' sums by name (in
// the order of their keys), written one at a time.
func (b *bundleWriter) writeManifest(w io.Writer, meta map[string]any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n")
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		if k == "files" {
			continue
		}
		name, err := json.Marshal(k)
		if err != nil {
			return err
		}
		v, err := json.MarshalIndent(meta[k], "  ", "  ")
		if err != nil {
			return err
		}
		fmt.Fprintf(bw, "  %s: %s,\n", name, v)
	}
	bw.WriteString(`  "files": {`)
	keys := slices.SortedFunc(maps.Keys(b.sums), func(x, y bundleKey) int { return bytes.Compare(x[:], y[:]) })
	for i, k := range keys {
		if i > 0 {
			bw.WriteByte(',')
		}
		sum := b.sums[k]
		fmt.Fprintf(bw, "\n    %q: \"%x\"", k.name(), sum[:])
	}
	if len(keys) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("}\n}")
	return bw.Flush()
}

// abort drops a bundle that could not be finished.
func (b *bundleWriter) abort() {
	b.zw.drop()
	_ = b.f.Close()
	b.held()
	_ = os.Remove(b.f.Name())
}

// bundle is a verified bundle open for reading. It holds a small
// fixed-size record for each entry of its zip (bundleEntry, about 90
// bytes), sorted by name, and reads the zip's directory again, in order,
// to go through the entries (each); Go's zip reader held about 300 bytes
// an entry, and the names, sums and order kept beside it as many again:
// 928 MB for the backup of a million documents.
type bundle struct {
	name     string // the file's base name, for messages
	f        *os.File
	dir      *zipDir
	lim      bundleLimits
	meta     map[string]json.RawMessage
	manifest []byte        // the manifest's bytes, as signed
	entries  []bundleEntry // every entry of the zip, by key
	count    int           // entries, the manifest excepted
	missing  string        // the first name the manifest lists and the zip lacks
}

// bundleEntry is what a bundle keeps of one entry of its zip.
type bundleEntry struct {
	at     int64 // where its directory record begins
	key    bundleKey
	listed bool        // the manifest lists it
	sum    manifestSum // what the manifest says of its bytes
}

// manifestSum is the SHA-256 the manifest gives an entry, held as bytes
// under the zip's own string of its name: a backup of a million
// documents lists two million, which held as the manifest's strings (a
// name and 64 hex digits each) took 170 bytes an entry more.
type manifestSum struct {
	sum [sha256.Size]byte
	set bool // false for "": nothing to compare (as a signature)
	bad bool // not 64 hex digits: never matches
}

// parseSum reads a manifest's hex SHA-256.
func parseSum(s string) manifestSum {
	if s == "" {
		return manifestSum{}
	}
	var m manifestSum
	n, err := hex.Decode(m.sum[:], []byte(s))
	m.set, m.bad = true, err != nil || n != sha256.Size || len(s) != 2*sha256.Size
	return m
}

// matches reports whether sum is what the manifest says.
func (m manifestSum) matches(sum []byte) bool {
	return !m.bad && (!m.set || bytes.Equal(m.sum[:], sum))
}

// openBundle opens a bundle of the given kind ("backup" or "pack") and
// verifies it: every entry a name the kind allows and listed with the
// right SHA-256, nothing unlisted, every original's bytes hashing to its
// name, all within the limits.
func openBundle(path, kind string, lim bundleLimits) (*bundle, error) {
	name := filepath.Base(path)
	// The file the person chose (a link followed), if it is a regular
	// one: a named pipe among a stick's packs would block for ever.
	f, st, err := openRegular(path, true)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	if err := checkBundleEntries(f, st.Size(), name, lim); err != nil {
		f.Close()
		return nil, err
	}
	dir, err := readZipDir(f, st.Size())
	if err != nil {
		f.Close()
		return nil, &BundleError{File: name, Reason: BundleUnreadable}
	}
	b := &bundle{name: name, f: f, dir: dir, lim: lim}
	if err := b.verify(kind); err != nil {
		f.Close()
		return nil, err
	}
	return b, nil
}

// checkBundleEntries refuses a bundle whose directory lists more entries
// than lim allows, before the zip reader loads them all.
func checkBundleEntries(f io.ReaderAt, size int64, name string, lim bundleLimits) error {
	most := cmp.Or(lim.entries, bundleMaxEntries)
	if n := zipEntries(f, size, most); n > most {
		return &BundleError{File: name, Reason: BundleTooManyEntries, Limit: most}
	}
	return nil
}

func (b *bundle) fail(entry, reason string) error {
	return &BundleError{File: b.name, Entry: entry, Reason: reason}
}

// zipErr is a *BundleError for an error of the zip's format, the entry
// named when there is one; other errors are returned as they are.
func (b *bundle) zipErr(entry string, err error) error {
	if errors.Is(err, errZipFormat) {
		return b.fail(entry, BundleUnreadable)
	}
	return err
}

func (b *bundle) verify(kind string) error {
	// Each record takes 46 bytes at least: no more entries than that.
	b.entries = make([]bundleEntry, 0, min(b.dir.count, uint64(b.dir.end-b.dir.start)/zipRecordLen))
	// archive/zip (and zipDir) never inflate more than an entry's header
	// declares, so the declared sizes bound the whole.
	var total uint64
	err := b.dir.each(func(rec *zipRecord) error {
		key, ok := keyOf(rec.name)
		if !ok {
			return b.fail(rec.name, BundleBadName)
		}
		b.entries = append(b.entries, bundleEntry{at: rec.at, key: key})
		if rec.name != bundleManifest {
			b.count++
			total += min(rec.usize, 1<<62)
		}
		return nil
	})
	if err != nil {
		return b.zipErr("", err)
	}
	slices.SortFunc(b.entries, func(x, y bundleEntry) int { return bytes.Compare(x.key[:], y.key[:]) })
	for i := 1; i < len(b.entries); i++ {
		if b.entries[i].key == b.entries[i-1].key {
			return b.fail(b.entries[i].key.name(), BundleDuplicate)
		}
	}
	mf := b.entry(bundleManifest)
	if mf == nil {
		return b.fail("", BundleNoManifest)
	}
	rec, err := b.dir.record(mf.at)
	if err != nil {
		return b.zipErr(bundleManifest, err)
	}
	if err := b.readManifest(&rec, kind); err != nil {
		return err
	}
	var k string
	if json.Unmarshal(b.meta["kind"], &k) != nil || k != kind {
		return b.fail("", BundleWrongKind)
	}
	for i := range b.entries {
		e := &b.entries[i]
		name := e.key.name()
		if name == bundleManifest {
			continue
		}
		if err := b.checkName(name, kind); err != nil {
			return err
		}
		if !e.listed && name != bundleSignature {
			return b.fail(name, BundleUnlisted)
		}
	}
	if total > uint64(b.lim.total) {
		return &BundleError{File: b.name, Reason: BundleTooLarge, Limit: b.lim.total}
	}
	data := zipDataChecker{d: b.dir}
	err = b.dir.each(func(rec *zipRecord) error {
		if err := data.check(rec); err != nil {
			return b.zipErr(rec.name, err)
		}
		if e := b.entry(rec.name); e == nil || e.at != rec.at {
			return b.fail(rec.name, BundleInconsistent)
		}
		if rec.name == bundleManifest {
			return nil
		}
		rc, err := b.openRecord(rec)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		return err
	})
	if err != nil {
		return b.zipErr("", err)
	}
	if b.missing != "" {
		return b.fail(b.missing, BundleMissing)
	}
	return nil
}

// entry is the entry of that name, or nil.
func (b *bundle) entry(name string) *bundleEntry {
	key, ok := keyOf(name)
	if !ok {
		return nil
	}
	i, found := slices.BinarySearchFunc(b.entries, key, func(e bundleEntry, k bundleKey) int { return bytes.Compare(e.key[:], k[:]) })
	if !found {
		return nil
	}
	return &b.entries[i]
}

// has reports whether the bundle has an entry of that name.
func (b *bundle) has(name string) bool { return b.entry(name) != nil }

// each gives fn the names of the bundle's entries but the manifest, in
// the zip's order, reading its directory again; it stops at fn's first
// error. An entry that is not the one verified (the file changed) is
// BundleInconsistent.
func (b *bundle) each(fn func(name string) error) error {
	err := b.dir.each(func(rec *zipRecord) error {
		if e := b.entry(rec.name); e == nil || e.at != rec.at {
			return b.fail(rec.name, BundleInconsistent)
		}
		if rec.name == bundleManifest {
			return nil
		}
		return fn(rec.name)
	})
	return b.zipErr("", err)
}

// manifestLineBytes bounds what the manifest says of one entry: its name
// (at most 83 bytes), its SHA-256 (64) and the JSON around them (about
// 15).
const manifestLineBytes = 256

// readManifest reads the manifest into b.meta and b.sums, streaming: its
// list of sums grows with the entries (263 bytes a document: a backup of
// a million documents has a manifest of 263 MB), so it is bounded by the
// entries the zip has, and decoded as it is read rather than held whole
// and then copied into a map (before, a manifest over the limit of one
// JSON entry, 128 MB, refused the backup of any archive of more than
// about 510,000 documents). A pack's manifest is kept as read
// (b.manifest), for its signature; it stays within b.lim.json.
func (b *bundle) readManifest(rec *zipRecord, kind string) error {
	limit := b.lim.json + int64(b.count)*manifestLineBytes
	if kind == "pack" {
		limit = b.lim.json
	}
	if rec.usize > uint64(limit) {
		return &BundleError{File: b.name, Entry: rec.name, Reason: BundleTooLarge, Limit: limit}
	}
	rc, err := b.dir.open(rec)
	if err != nil {
		return b.fail(rec.name, BundleUnreadable)
	}
	defer rc.Close()
	lr := &io.LimitedReader{R: rc, N: limit + 1}
	var r io.Reader = lr
	var kept bytes.Buffer
	if kind == "pack" {
		r = io.TeeReader(lr, &kept)
	}
	b.meta = map[string]json.RawMessage{}
	err = decodeManifest(json.NewDecoder(r), b.meta, b.addSum)
	switch {
	case lr.N <= 0:
		return &BundleError{File: b.name, Entry: rec.name, Reason: BundleTooLarge, Limit: limit}
	case err != nil:
		return b.fail(bundleManifest, BundleNoManifest)
	}
	b.manifest = kept.Bytes()
	return nil
}

// addSum keeps the manifest's sum of the entry name; a name the zip
// lacks is kept aside (b.missing).
func (b *bundle) addSum(name, sum string) {
	e := b.entry(name)
	if e == nil {
		if b.missing == "" {
			b.missing = name
		}
		return
	}
	e.listed, e.sum = true, parseSum(sum)
}

// decodeManifest decodes a manifest, one JSON object, into meta (each
// member as it is) but for its "files", whose names and sums are given
// to add one at a time. Nothing may follow the object.
func decodeManifest(dec *json.Decoder, meta map[string]json.RawMessage, add func(name, sum string)) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return errors.Join(err, errNotManifest)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if key != "files" {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return err
			}
			meta[key] = raw
			continue
		}
		meta[key] = json.RawMessage(`{}`) // present; its sums are in sums
		if t, err := dec.Token(); err != nil || t != json.Delim('{') {
			return errors.Join(err, errNotManifest)
		}
		for dec.More() {
			var name, sum string
			t, err := dec.Token()
			if err != nil {
				return err
			}
			name, _ = t.(string)
			if err := dec.Decode(&sum); err != nil {
				return err
			}
			add(name, sum)
		}
		if _, err := dec.Token(); err != nil { // its '}'
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the '}'
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errNotManifest
	}
	if _, ok := meta["files"]; !ok {
		return errNotManifest
	}
	return nil
}

// errNotManifest says a manifest is not the JSON object it should be.
var errNotManifest = errors.New("not a manifest")

// checkName refuses an entry name that a bundle of this kind never holds.
func (b *bundle) checkName(name, kind string) error {
	switch {
	case bundleOriginal.MatchString(name):
		m := bundleOriginal.FindStringSubmatch(name)
		if m[1] != m[2][:2] || !knownFormat(m[3]) {
			return b.fail(name, BundleBadName)
		}
		return nil
	case bundleDoc.MatchString(name):
		m := bundleDoc.FindStringSubmatch(name)
		if m[2] != m[3][:2] || kind == "pack" && m[1] != docsDir {
			return b.fail(name, BundleBadName)
		}
		return nil
	case kind == "pack" && (name == packCategories || name == bundleSignature):
		return nil
	case kind == "backup" && (name == manifestFile || name == registryFile || name == officesFile):
		return nil
	}
	return b.fail(name, BundleBadName)
}

// limitFor is how many inflated bytes an entry may have.
func (b *bundle) limitFor(name string) int64 {
	if bundleOriginal.MatchString(name) {
		return b.lim.original
	}
	if name == packCategories && b.lim.categoriesBytes > 0 {
		return b.lim.categoriesBytes
	}
	return b.lim.json
}

// open streams an entry. Reading it fails, with a *BundleError, when it
// goes over its limit, and at its end when its bytes are not those the
// manifest (and, for an original, its name) says.
func (b *bundle) open(name string) (io.ReadCloser, error) {
	e := b.entry(name)
	if e == nil {
		return nil, b.fail(name, BundleMissing)
	}
	rec, err := b.dir.record(e.at)
	if err != nil {
		return nil, b.fail(name, BundleUnreadable)
	}
	if rec.name != name {
		return nil, b.fail(name, BundleInconsistent)
	}
	return b.openRecord(&rec)
}

// openRecord is open of an entry whose record has been read.
func (b *bundle) openRecord(rec *zipRecord) (io.ReadCloser, error) {
	name := rec.name
	limit := b.limitFor(name)
	if rec.usize > uint64(limit) {
		return nil, &BundleError{File: b.name, Entry: name, Reason: BundleTooLarge, Limit: limit}
	}
	rc, err := b.dir.open(rec)
	if err != nil {
		return nil, b.fail(name, BundleUnreadable)
	}
	var want manifestSum
	if e := b.entry(name); e != nil {
		want = e.sum
	}
	r := &entryReader{b: b, name: name, rc: rc, left: limit, sha: sha256.New(), want: want, size: rec.usize}
	if m := bundleOriginal.FindStringSubmatch(name); m != nil {
		r.wantName = m[2]
	}
	return r, nil
}

// entryReader reads one entry, counting and hashing what it inflates.
type entryReader struct {
	b        *bundle
	name     string
	rc       io.ReadCloser
	left     int64 // bytes still allowed
	sha      hash.Hash
	want     manifestSum // the manifest's SHA-256 (none for the signature)
	wantName string      // an original's own hash, from its name
	size     uint64      // what it declares it inflates to
}

func (r *entryReader) Read(p []byte) (int, error) {
	if int64(len(p)) > r.left+1 {
		p = p[:r.left+1]
	}
	n, err := r.rc.Read(p)
	r.left -= int64(n)
	r.sha.Write(p[:n])
	if r.left < 0 {
		return 0, &BundleError{File: r.b.name, Entry: r.name, Reason: BundleTooLarge, Limit: r.b.limitFor(r.name)}
	}
	switch {
	case err == io.EOF:
		raw := r.sha.Sum(nil)
		if !r.want.matches(raw) {
			return n, r.b.fail(r.name, BundleAltered)
		}
		if r.wantName != "" && hex.EncodeToString(raw) != r.wantName {
			return n, r.b.fail(r.name, BundleWrongOriginal)
		}
	case err != nil:
		return n, r.b.fail(r.name, BundleUnreadable)
	}
	return n, err
}

func (r *entryReader) Close() error { return r.rc.Close() }

// read reads a JSON entry whole, checked as open checks it.
func (b *bundle) read(name string) ([]byte, error) {
	rc, err := b.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	size := rc.(*entryReader).size
	buf := bytes.NewBuffer(make([]byte, 0, min(size, uint64(b.lim.json))+bytes.MinRead))
	if _, err := buf.ReadFrom(rc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (b *bundle) close() error { return b.f.Close() }

// isDocEntry reports whether an entry name is a document file, and under
// which folder (docs or trash).
func isDocEntry(name string) (sub string, ok bool) {
	m := bundleDoc.FindStringSubmatch(name)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// bundleKindOf is "backup" or "pack" when the zip at path is one the
// archive wrote (its manifest names the kind), else "". The zip's
// directory is read a record at a time and the manifest as a stream of
// JSON tokens until its kind, so that a backup of any size is known as
// one, holding nothing of it: before, a zip of more entries than the
// importer takes (a backup of 5,000 documents) was not looked into, nor
// a manifest past its first megabyte, and such a backup could not be
// replaced by the next one ("not a backup").
func bundleKindOf(path string, _ extract.Limits) string {
	file, st, err := openRegular(path, true) // a named pipe put there does not block
	if err != nil {
		return ""
	}
	defer file.Close()
	dir, err := readZipDir(file, st.Size())
	if err != nil || dir.count > bundleMaxEntries {
		return ""
	}
	var manifest *zipRecord
	found := errors.New("found")
	_ = dir.each(func(rec *zipRecord) error {
		if rec.name == bundleManifest {
			manifest = rec
			return found
		}
		return nil
	})
	if manifest == nil {
		return ""
	}
	r, err := dir.open(manifest)
	if err != nil {
		return ""
	}
	defer r.Close()
	if kind := manifestKind(bufio.NewReader(r)); kind == "backup" || kind == "pack" {
		return kind
	}
	return ""
}

// manifestKind is the "kind" member of the JSON object r holds, read
// token by token (the other members skipped, the sums of a million
// documents among them), or "".
func manifestKind(r io.Reader) string {
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		if t == "kind" {
			var kind string
			if dec.Decode(&kind) != nil {
				return ""
			}
			return kind
		}
		if skipJSONValue(dec) != nil {
			return ""
		}
	}
	return ""
}

// skipJSONValue reads the next value of dec, token by token, holding
// none of it.
func skipJSONValue(dec *json.Decoder) error {
	depth := 0
	for {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}
