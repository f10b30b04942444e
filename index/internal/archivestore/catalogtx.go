package archivestore

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// catalogTx applies a commit's changes inside its bbolt transaction,
// keeping the counts, the volumes' dead bytes and the originals'
// reference counts.
type catalogTx struct {
	tx      *bolt.Tx
	counts  Counts
	dead    map[uint32]int64 // dead bytes added per volume
	touched map[string]bool  // originals whose references changed
	growth  []growth
}

// growth is what a commit appended to a volume.
type growth struct {
	vol   uint32
	added int64
}

func newCatalogTx(tx *bolt.Tx) *catalogTx {
	return &catalogTx{tx: tx, counts: readCounts(tx), dead: map[uint32]int64{}, touched: map[string]bool{}}
}

func (c *catalogTx) kill(l Loc) {
	if l != (Loc{}) {
		c.dead[l.Volume] += int64(l.Len)
	}
}

func (c *catalogTx) addOriginal(hash string, o original) error {
	b := c.tx.Bucket(bucketOriginals)
	if b.Get([]byte(hash)) != nil {
		c.kill(o.loc) // stored meanwhile: this copy is not needed
		return nil
	}
	c.counts.Originals++
	c.counts.OriginalBytes += o.size
	c.touched[hash] = true
	return b.Put([]byte(hash), o.encode())
}

// ref adds d to the references of an original.
func (c *catalogTx) ref(hash string, d int) error {
	if hash == "" {
		return nil
	}
	b := c.tx.Bucket(bucketOriginals)
	v := b.Get([]byte(hash))
	if v == nil {
		if d < 0 {
			return nil
		}
		return fmt.Errorf("original %s: %w", hash, ErrNotFound)
	}
	o, err := decodeOriginal(v)
	if err != nil {
		return fmt.Errorf("original %s: %w", hash, err)
	}
	o.refs = uint32(max(int(o.refs)+d, 0))
	c.touched[hash] = true
	return b.Put([]byte(hash), o.encode())
}

func (c *catalogTx) get(b Bucket, id string) (Entry, bool, error) {
	v := c.tx.Bucket(b.name()).Get([]byte(id))
	if v == nil {
		return Entry{}, false, nil
	}
	e, err := decodeEntry(v)
	if err != nil {
		return e, true, fmt.Errorf("%s %s: %w", b, id, err)
	}
	return e, true, nil
}

func (c *catalogTx) count(b Bucket, d int64) {
	if b == Trash {
		c.counts.Trash += d
	} else {
		c.counts.Docs += d
	}
}

// put stores e as the entry of id in b, replacing one there.
func (c *catalogTx) put(b Bucket, id string, e Entry) error {
	if err := c.remove(b, id); err != nil {
		return err
	}
	if err := c.ref(e.Original, 1); err != nil {
		return err
	}
	c.count(b, 1)
	c.counts.TextBytes += e.TextLen
	return c.tx.Bucket(b.name()).Put([]byte(id), encodeEntry(e))
}

func (c *catalogTx) remove(b Bucket, id string) error {
	old, ok, err := c.get(b, id)
	if err != nil || !ok {
		return err
	}
	c.kill(old.Text)
	c.count(b, -1)
	c.counts.TextBytes -= old.TextLen
	if err := c.ref(old.Original, -1); err != nil {
		return err
	}
	return c.tx.Bucket(b.name()).Delete([]byte(id))
}

func (c *catalogTx) setMeta(b Bucket, id string, meta []byte) error {
	e, ok, err := c.get(b, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s %s: %w", b, id, ErrNotFound)
	}
	e.Meta = meta
	return c.tx.Bucket(b.name()).Put([]byte(id), encodeEntry(e))
}

func (c *catalogTx) move(id string, from, to Bucket) error {
	e, ok, err := c.get(from, id)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s %s: %w", from, id, ErrNotFound)
	}
	// The entry keeps its records: references counted out and back in.
	if err := c.remove(from, id); err != nil {
		return err
	}
	if e.Text != (Loc{}) {
		c.dead[e.Text.Volume] -= int64(e.Text.Len)
	}
	return c.put(to, id, e)
}

// dropUnnamed removes the originals no entry names any more, and those
// given in this transaction that none names.
func (c *catalogTx) dropUnnamed(given map[string]original) error {
	for h := range given {
		c.touched[h] = true
	}
	b := c.tx.Bucket(bucketOriginals)
	for h := range c.touched {
		v := b.Get([]byte(h))
		if v == nil {
			continue
		}
		o, err := decodeOriginal(v)
		if err != nil {
			return fmt.Errorf("original %s: %w", h, err)
		}
		if o.refs > 0 {
			continue
		}
		c.kill(o.loc)
		c.counts.Originals--
		c.counts.OriginalBytes -= o.size
		if err := b.Delete([]byte(h)); err != nil {
			return err
		}
	}
	return nil
}

// grow records what a commit appended to a volume (its header too when
// the commit created it).
func (c *catalogTx) grow(n uint32, added int64) {
	c.counts.VolumeBytes += added
	c.growth = append(c.growth, growth{n, added})
}

// finish writes the volumes' lengths and dead bytes, the unindexed marks,
// the sequence number and the counts.
func (c *catalogTx) finish(seq uint64, unindexed []string) error {
	vols := c.tx.Bucket(bucketVolumes)
	for _, g := range c.growth {
		var v volume
		if old := vols.Get(volumeKey(g.vol)); old != nil {
			var err error
			if v, err = decodeVolume(old); err != nil {
				return fmt.Errorf("volume %d: %w", g.vol, err)
			}
		}
		v.size += g.added
		if err := vols.Put(volumeKey(g.vol), v.encode()); err != nil {
			return err
		}
	}
	for n, d := range c.dead {
		if n == 0 || d == 0 {
			continue
		}
		old := vols.Get(volumeKey(n))
		if old == nil {
			continue
		}
		v, err := decodeVolume(old)
		if err != nil {
			return fmt.Errorf("volume %d: %w", n, err)
		}
		v.dead += d
		c.counts.DeadBytes += d
		if err := vols.Put(volumeKey(n), v.encode()); err != nil {
			return err
		}
	}
	un := c.tx.Bucket(bucketUnindexed)
	sv := encodeSeq(seq)
	for _, id := range unindexed {
		if err := un.Put([]byte(id), sv); err != nil {
			return err
		}
	}
	meta := c.tx.Bucket(bucketMeta)
	if err := meta.Put(keySeq, sv); err != nil {
		return err
	}
	return meta.Put(keyCounts, c.counts.encode())
}

func encodeSeq(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func decodeSeq(v []byte) uint64 {
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}
