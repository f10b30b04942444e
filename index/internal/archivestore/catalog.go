package archivestore

import (
	"encoding/binary"

	"github.com/golang/snappy"
	bolt "go.etcd.io/bbolt"
)

// The catalog (catalog.db, a bbolt file) says what the volumes hold:
//
//	docs       id → entry: metadata, where its text is, its original's hash
//	trash      id → entry, the same, for documents in the Trash
//	originals  SHA-256 → where the original is, its length, how many
//	           entries name it
//	volumes    volume number (u32 big-endian) → committed length, dead bytes
//	unindexed  id → the commit that last changed it, until the index holds it
//	meta       "format", "seq" (the last commit), "counts", and the
//	           caller's notes ("note:" and a name, SetNote)
//
// Everything a commit changes in the catalog is one bbolt transaction, so
// after a kill the catalog is as it was before or after the commit.
var (
	bucketDocs      = []byte("docs")
	bucketTrash     = []byte("trash")
	bucketOriginals = []byte("originals")
	bucketVolumes   = []byte("volumes")
	bucketUnindexed = []byte("unindexed")
	bucketMeta      = []byte("meta")

	keyFormat  = []byte("format")
	keySeq     = []byte("seq")
	keyCounts  = []byte("counts")
	notePrefix = "note:"
)

// catalogFormat is the version of the catalog's and volumes' layout.
const catalogFormat = 1

// Bucket names where an entry lives: the live documents or the Trash.
type Bucket int

// The two places a document entry can be.
const (
	Live Bucket = iota
	Trash
)

func (b Bucket) name() []byte {
	if b == Trash {
		return bucketTrash
	}
	return bucketDocs
}

func (b Bucket) String() string { return string(b.name()) }

// Loc is where a record lies: its volume, offset and length. The zero Loc
// is no record (volumes are numbered from 1).
type Loc struct {
	Volume uint32
	Off    int64
	Len    uint32
}

const locSize = 16

func (l Loc) put(b []byte) {
	binary.LittleEndian.PutUint32(b[0:], l.Volume)
	binary.LittleEndian.PutUint64(b[4:], uint64(l.Off))
	binary.LittleEndian.PutUint32(b[12:], l.Len)
}

func getLoc(b []byte) Loc {
	return Loc{
		Volume: binary.LittleEndian.Uint32(b[0:]),
		Off:    int64(binary.LittleEndian.Uint64(b[4:])),
		Len:    binary.LittleEndian.Uint32(b[12:]),
	}
}

// Entry is a document as the catalog holds it.
type Entry struct {
	Meta     []byte // the caller's metadata, as given
	Original string // the SHA-256 of its original, "" when it has none
	Text     Loc    // its text's record; zero when the text is empty
	TextLen  int64  // the text's length in bytes
}

// entryVersion starts an entry's encoding:
//
//	u8 version, Loc of the text (16 bytes), u64 text length,
//	u8 length of the hash, the hash, the metadata compressed by Snappy
const entryVersion = 1

func encodeEntry(e Entry) []byte {
	b := make([]byte, 1+locSize+8+1, 1+locSize+8+1+len(e.Original)+snappy.MaxEncodedLen(len(e.Meta)))
	b[0] = entryVersion
	e.Text.put(b[1:])
	binary.LittleEndian.PutUint64(b[1+locSize:], uint64(e.TextLen))
	b[1+locSize+8] = byte(len(e.Original))
	b = append(b, e.Original...)
	return append(b, snappy.Encode(b[len(b):cap(b)], e.Meta)...)
}

func decodeEntry(v []byte) (Entry, error) {
	const fixed = 1 + locSize + 8 + 1
	if len(v) < fixed || v[0] != entryVersion || len(v) < fixed+int(v[fixed-1]) {
		return Entry{}, ErrDamaged
	}
	e := Entry{
		Text:     getLoc(v[1:]),
		TextLen:  int64(binary.LittleEndian.Uint64(v[1+locSize:])),
		Original: string(v[fixed : fixed+int(v[fixed-1])]),
	}
	meta, err := snappy.Decode(nil, v[fixed+int(v[fixed-1]):])
	if err != nil {
		return Entry{}, ErrDamaged
	}
	e.Meta = meta
	return e, nil
}

// original is an original as the catalog holds it.
type original struct {
	loc  Loc
	size int64  // its length in bytes
	refs uint32 // how many entries, live or in the Trash, name it
}

func (o original) encode() []byte {
	b := make([]byte, locSize+12)
	o.loc.put(b)
	binary.LittleEndian.PutUint64(b[locSize:], uint64(o.size))
	binary.LittleEndian.PutUint32(b[locSize+8:], o.refs)
	return b
}

func decodeOriginal(v []byte) (original, error) {
	if len(v) != locSize+12 {
		return original{}, ErrDamaged
	}
	return original{
		loc:  getLoc(v),
		size: int64(binary.LittleEndian.Uint64(v[locSize:])),
		refs: binary.LittleEndian.Uint32(v[locSize+8:]),
	}, nil
}

// volume is a volume as the catalog holds it.
type volume struct {
	size int64 // committed length: what lies past it is not in the archive
	dead int64 // bytes of records nothing names any more
}

func (v volume) encode() []byte {
	b := make([]byte, 16)
	binary.LittleEndian.PutUint64(b, uint64(v.size))
	binary.LittleEndian.PutUint64(b[8:], uint64(v.dead))
	return b
}

func decodeVolume(b []byte) (volume, error) {
	if len(b) != 16 {
		return volume{}, ErrDamaged
	}
	return volume{size: int64(binary.LittleEndian.Uint64(b)), dead: int64(binary.LittleEndian.Uint64(b[8:]))}, nil
}

func volumeKey(n uint32) []byte {
	return binary.BigEndian.AppendUint32(nil, n)
}

// Counts are the catalog's totals, kept by every commit.
type Counts struct {
	Docs          int64 // live entries
	Trash         int64 // entries in the Trash
	Originals     int64
	OriginalBytes int64 // the originals' lengths, before compression
	TextBytes     int64 // the texts' lengths (live and Trash), before compression
	VolumeBytes   int64 // the volumes' committed lengths
	DeadBytes     int64 // of which records nothing names
}

func (c *Counts) fields() []*int64 {
	return []*int64{&c.Docs, &c.Trash, &c.Originals, &c.OriginalBytes, &c.TextBytes, &c.VolumeBytes, &c.DeadBytes}
}

func (c Counts) encode() []byte {
	var b []byte
	for _, f := range c.fields() {
		b = binary.LittleEndian.AppendUint64(b, uint64(*f))
	}
	return b
}

func decodeCounts(b []byte) Counts {
	var c Counts
	for i, f := range c.fields() {
		if len(b) >= 8*(i+1) {
			*f = int64(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return c
}

func readCounts(tx *bolt.Tx) Counts {
	return decodeCounts(tx.Bucket(bucketMeta).Get(keyCounts))
}

func seqOf(tx *bolt.Tx) uint64 {
	v := tx.Bucket(bucketMeta).Get(keySeq)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}
