package engine

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// TestValuesByDocChunked holds buildValuesByDoc, which places documents
// chunk by chunk, to the table built value by value across all documents:
// segments smaller than a chunk and of several chunks (not a whole number
// of them), values with documents past the segment's count, values that
// end in an early chunk, empty values, and more values than read-ahead
// buffers of the size the budget gives.
func TestValuesByDocChunked(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for _, tc := range []struct {
		n      uint64
		values int
	}{{1, 1}, {100, 3}, {valuesChunk, 7}, {3*valuesChunk + 17, 40}, {2*valuesChunk - 1, 5000}} {
		values := make([]facetDocs, tc.values)
		for i := range values {
			b := roaring.New()
			switch {
			case i%5 == 0 && i < 50: // common
				for d := range tc.n + 40 {
					if r.IntN(3) == 0 {
						b.Add(uint32(d))
					}
				}
			case i%5 == 1: // ends early
				for range 20 {
					b.Add(uint32(r.Uint64N(max(tc.n/3, 1))))
				}
			case i%5 == 2: // empty
			default: // rare, some past n
				for range 1 + r.IntN(10) {
					b.Add(uint32(r.Uint64N(tc.n + 10)))
				}
			}
			values[i] = facetDocs{value: fmt.Sprint("v", i), docs: b}
		}
		got := buildValuesByDoc(values, tc.n)
		want := &docValues{offs: make([]uint32, tc.n+1), totals: make([]int32, len(values))}
		byDoc := make([][]uint32, tc.n)
		for i, v := range values {
			it := v.docs.Iterator()
			for it.HasNext() {
				if doc := uint64(it.Next()); doc < tc.n {
					byDoc[doc] = append(byDoc[doc], uint32(i))
					want.totals[i]++
				}
			}
		}
		for doc, vs := range byDoc {
			want.vals = append(want.vals, vs...)
			want.offs[doc+1] = uint32(len(want.vals))
		}
		if !slices.Equal(got.offs, want.offs) || !slices.Equal(got.vals, want.vals) || !slices.Equal(got.totals, want.totals) {
			t.Errorf("%d documents, %d values: the table differs from one built value by value (%d and %d entries)",
				tc.n, tc.values, len(got.vals), len(want.vals))
		}
	}
}
