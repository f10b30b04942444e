package archivestore

import (
	"testing"
)

// BenchmarkText reads whole texts of about 6 KB (vncorpus's size), warm.
func BenchmarkText(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var ids []string
	var entries []Entry
	tx, _ := s.Begin()
	for i := range 200 {
		d := makeDoc(uint64(i*7 + 3))
		tx.PutDoc(Live, d.id, []byte("m"), d.text, "")
		ids = append(ids, d.id)
	}
	tx.Commit()
	for _, id := range ids {
		e, _ := s.Get(Live, id)
		entries = append(entries, e)
	}
	b.ResetTimer()
	for i := range b.N {
		if _, err := s.Text(ids[i%len(ids)], entries[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}
