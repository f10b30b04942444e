package index

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Packs are signed so that a receiving office can tell who made one. Each
// archive has an office key pair (ed25519), made on its first pack export
// and kept in the archive folder: the private key never leaves it (backups
// do not carry it, so a lost USB stick with a backup cannot sign packs in
// the office's name; an archive restored on a new PC makes a new key, and
// the offices it sends to are told the key changed). A pack's manifest
// names the office and its public key, and signature.json holds the
// signature over the manifest's bytes; the manifest holds every other
// entry's SHA-256, so the signature covers the whole pack.
//
// The receiving archive remembers which keys it has seen for each office
// name (trust on first use, in offices.json, which backups do carry) and
// says when a pack comes with an office name it knows under another key.

// Trust says what a receiving archive knows of a pack's signer.
type Trust string

// How far a pack's signer is known.
const (
	TrustUnsigned Trust = "unsigned" // no signature: who made the pack cannot be told
	TrustNew      Trust = "new"      // signed; the first pack from this office name
	TrustKnown    Trust = "known"    // signed with a key this archive has seen for this office name, or its own
	TrustChanged  Trust = "changed"  // signed, but this archive has seen another key for this office name
	// TrustLookalike: signed, the first pack from this office name, but
	// the name has letters of another script that look like Latin ones
	// (Signer.Foreign): perhaps made to pass for an office it reads as.
	TrustLookalike Trust = "lookalike"
)

// Signer is who signed a pack: the office and its public key as the
// manifest names them; Fingerprint and Trust are worked out on reading.
type Signer struct {
	Office      string `json:"office"`
	Key         string `json:"key"` // ed25519 public key, base64
	Fingerprint string `json:"-"`   // short form of the key for people to compare, e.g. "3fa2 9c01 77be 0d4e"
	Trust       Trust  `json:"-"`
	// Foreign lists the letters of Office that are not Latin (Cyrillic
	// "о", Greek "Ρ"…), once each; "" for a Vietnamese name.
	Foreign string `json:"-"`
}

// officeKeyFile holds the archive's own key pair; never in a bundle.
const officeKeyFile = "office-key.json"

type officeKey struct {
	Public  string    `json:"public"`  // base64
	Private string    `json:"private"` // base64 of the 32-byte seed
	Created time.Time `json:"created"`

	priv ed25519.PrivateKey
}

func (k *officeKey) signer(office string) Signer {
	return Signer{Office: office, Key: k.Public}
}

// sign signs a manifest; the result is the signature entry.
func (k *officeKey) sign(manifest []byte) ([]byte, error) {
	sig := ed25519.Sign(k.priv, manifest)
	return json.Marshal(map[string]string{"signature": base64.StdEncoding.EncodeToString(sig)})
}

// officeKey returns the archive's key pair, making it the first time;
// an archive open for reading only cannot make it (ErrReadOnly): readers
// share the archive, and two could each make and use a different key.
func (a *Archive) officeKey() (*officeKey, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	path := filepath.Join(a.dir, officeKeyFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := a.writable(); err != nil {
			return nil, fmt.Errorf("make office key: %w", err)
		}
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("make office key: %w", err)
		}
		k := &officeKey{Public: base64.StdEncoding.EncodeToString(pub),
			Private: base64.StdEncoding.EncodeToString(priv.Seed()), Created: time.Now().UTC().Truncate(time.Second), priv: priv}
		data, _ := json.MarshalIndent(k, "", "  ")
		if err := writeSynced(path, data, 0o600); err != nil {
			return nil, fmt.Errorf("save office key: %w", err)
		}
		return k, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read office key: %w", err)
	}
	k, ok := parseOfficeKey(data)
	if !ok {
		return nil, fmt.Errorf("%s: %w", officeKeyFile, ErrDamaged)
	}
	return k, nil
}

func parseOfficeKey(data []byte) (*officeKey, bool) {
	var k officeKey
	if json.Unmarshal(data, &k) != nil {
		return nil, false
	}
	seed, err := base64.StdEncoding.DecodeString(k.Private)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, false
	}
	k.priv = ed25519.NewKeyFromSeed(seed)
	k.Public = base64.StdEncoding.EncodeToString(k.priv.Public().(ed25519.PublicKey))
	return &k, true
}

// ownPublicKey is the archive's public key, or "" before its first export.
func (a *Archive) ownPublicKey() string {
	data, err := os.ReadFile(filepath.Join(a.dir, officeKeyFile))
	if err != nil {
		return ""
	}
	if k, ok := parseOfficeKey(data); ok {
		return k.Public
	}
	return ""
}

// fingerprint is the short form of a public key people compare: the first
// 16 hex digits of its SHA-256, in groups of four.
func fingerprint(pub []byte) string {
	sum := sha256.Sum256(pub)
	h := hex.EncodeToString(sum[:8])
	return h[0:4] + " " + h[4:8] + " " + h[8:12] + " " + h[12:16]
}

// checkSignature verifies a pack's signature, if it has one, and says
// what this archive knows of the signer. A signature that does not verify,
// or a manifest naming a signer without a signature, refuses the pack.
func (a *Archive) checkSignature(b *bundle, office string) (Signer, error) {
	var s Signer
	_, hasSigner := b.meta["signer"]
	if !b.has(bundleSignature) {
		if hasSigner {
			return s, b.fail(bundleSignature, BundleBadSignature)
		}
		s.Office, s.Trust = office, TrustUnsigned
		return s, nil
	}
	data, err := b.read(bundleSignature)
	if err != nil {
		return s, err
	}
	var sig struct {
		Signature string `json:"signature"`
	}
	bad := b.fail(bundleSignature, BundleBadSignature)
	if json.Unmarshal(b.meta["signer"], &s) != nil || json.Unmarshal(data, &sig) != nil || s.Office != office {
		return Signer{}, bad
	}
	pub, err1 := base64.StdEncoding.DecodeString(s.Key)
	raw, err2 := base64.StdEncoding.DecodeString(sig.Signature)
	if err1 != nil || err2 != nil || len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, b.manifest, raw) {
		return Signer{}, bad
	}
	s.Fingerprint = fingerprint(pub)
	s.Foreign = foreignLetters(s.Office)
	if s.Trust, err = a.trustOf(s); err != nil {
		return Signer{}, err
	}
	return s, nil
}

// knownOffice is one key this archive has seen for an office name.
type knownOffice struct {
	Key       string    `json:"key"`
	FirstSeen time.Time `json:"first_seen"`
}

// ErrOfficesDamaged means that the keys of the offices this archive has
// seen (offices.json) cannot be read, nor their last good copy: a signed
// pack's office cannot be told known, new or of a changed key, and
// taking every office as new would take a forged pack claiming a known
// office as verified. No pack is planned and no key remembered (which
// would write over the damaged file) until the file is put right.
var ErrOfficesDamaged = errors.New("the list of known offices' keys is damaged")

// officesGoodFile is the last good copy of officesFile, written after it
// each time: a damaged officesFile is read from it.
const officesGoodFile = officesFile + ".good"

// knownOffices are the keys this archive has seen, by office name as
// officeName compares them (names an earlier version kept otherwise
// joined to theirs): from officesFile, or its last good copy when it is
// damaged; ErrOfficesDamaged when neither can be read (none is no key).
func (a *Archive) knownOffices() (map[string][]knownOffice, error) {
	m, err := readOffices(a.dir, filepath.Join(a.dir, officesFile))
	if err != nil {
		if m, err = readOffices(a.dir, filepath.Join(a.dir, officesGoodFile)); err != nil || m == nil {
			return nil, fmt.Errorf("%s: %w", officesFile, ErrOfficesDamaged)
		}
	}
	out := make(map[string][]knownOffice, len(m))
	for _, name := range slices.Sorted(maps.Keys(m)) {
		out[officeName(name)] = append(out[officeName(name)], m[name]...)
	}
	return out, nil
}

// readOffices reads a file of known offices' keys: nil, nil when there
// is none; an error when it cannot be read or is not such a file (cut
// short, garbage). It is a file of the archive in dir (readArchiveFile).
func readOffices(dir, path string) (map[string][]knownOffice, error) {
	data, err := readArchiveFile(dir, path)
	if missing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m map[string][]knownOffice
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string][]knownOffice{}
	}
	return m, nil
}

func (a *Archive) trustOf(s Signer) (Trust, error) {
	if s.Key == a.ownPublicKey() {
		return TrustKnown, nil
	}
	known, err := a.knownOffices()
	if err != nil {
		return "", err
	}
	return trustIn(known, s), nil
}

func trustIn(known map[string][]knownOffice, s Signer) Trust {
	keys := known[officeName(s.Office)]
	switch {
	case len(keys) == 0 && foreignLetters(s.Office) != "":
		return TrustLookalike
	case len(keys) == 0:
		return TrustNew
	case slices.ContainsFunc(keys, func(k knownOffice) bool { return k.Key == s.Key }):
		return TrustKnown
	}
	return TrustChanged
}

// officeName is how office names are compared: spacing and case aside,
// and what a screen does not show: the same letters composed or not
// (NFC), invisible characters (zero-width spaces and joiners, direction
// marks and overrides, controls) taken out, and letters of other scripts
// or forms that look like Latin ones taken as those (skeleton). A pack
// signed with another key as "Huyện ủy Chợ Mới" written so is the known
// office with a changed key (TrustChanged), not an office seen for the
// first time (TrustNew), which is taken as verified.
func officeName(s string) string {
	s = skeleton(strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.Cf, unicode.Cc) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s))
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// rememberSigner records the key of a signed pack that was imported, so
// the next pack from that office is recognised.
func (a *Archive) rememberSigner(info PackInfo) error {
	s := info.Signer
	if s.Trust != TrustNew && s.Trust != TrustChanged && s.Trust != TrustLookalike {
		return nil
	}
	m, err := a.knownOffices()
	if err != nil {
		return fmt.Errorf("remember office key: %w", err)
	}
	name := officeName(s.Office)
	m[name] = append(m[name], knownOffice{Key: s.Key, FirstSeen: time.Now().UTC().Truncate(time.Second)})
	data, _ := json.MarshalIndent(m, "", "  ")
	for _, file := range []string{officesFile, officesGoodFile} {
		if err := writeSynced(filepath.Join(a.dir, file), data, 0o644); err != nil {
			return fmt.Errorf("remember office key: %w", err)
		}
	}
	return nil
}

// writeSynced writes a small file through a temporary one beside it,
// synced with its folder, with permissions perm: after a power cut it is
// there whole or not at all.
func writeSynced(path string, data []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(path))
}
