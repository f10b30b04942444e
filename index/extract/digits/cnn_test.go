package digits

import (
	"math"
	"math/rand/v2"
	"testing"
)

func randomNet(rng *rand.Rand) *Net {
	n := &Net{C1: 3, C2: 4, Hidden: 5,
		K1: make([]float32, 3*9), B1: make([]float32, 3),
		K2: make([]float32, 4*3*9), B2: make([]float32, 4),
		W3: make([]float32, 5*pool2*pool2*4), B3: make([]float32, 5),
		W4: make([]float32, Classes*5), B4: make([]float32, Classes)}
	for _, w := range [][]float32{n.K1, n.B1, n.K2, n.B2, n.W3, n.B3, n.W4, n.B4} {
		for i := range w {
			w[i] = float32(rng.NormFloat64() * 0.3)
		}
	}
	return n
}

// A net's weights written by Marshal read back within the 8-bit rounding
// and classify the same; its outputs are probabilities; anything else is
// refused.
func TestNetMarshalLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := randomNet(rng)
	b := n.Marshal()
	q, err := LoadNet(b)
	if err != nil {
		t.Fatal(err)
	}
	var in [Side * Side]float32
	for i := range in {
		in[i] = rng.Float32()
	}
	p, pq := n.Classify(&in), q.Classify(&in)
	var sum float32
	for k := range p {
		sum += p[k]
		if math.Abs(float64(p[k]-pq[k])) > 0.03 {
			t.Errorf("output %d: %.3f before, %.3f read back", k, p[k], pq[k])
		}
	}
	if math.Abs(float64(sum-1)) > 1e-4 {
		t.Errorf("the outputs add up to %.5f", sum)
	}
	for _, bad := range [][]byte{nil, []byte("KVBCNN0\n"), b[:len(b)-1], append(b, 0), n.Marshal()[:20]} {
		if _, err := LoadNet(bad); err == nil {
			t.Errorf("a net of %d bytes was read", len(bad))
		}
	}
}

// Each pool keeps the largest of its four pixels and where it was.
func TestMaxPool(t *testing.T) {
	a := []float32{
		1, 5, 0, 0,
		2, 3, 0, 7,
		0, 0, 9, 0,
		4, 0, 0, 8,
	}
	out, idx := make([]float32, 4), make([]int32, 4)
	maxPool(a, out, idx, 1, 4, 2)
	if want := []float32{5, 7, 4, 9}; !equal(out, want) || idx[0] != 1 || idx[1] != 7 || idx[2] != 12 || idx[3] != 10 {
		t.Errorf("pooled %v at %v", out, idx)
	}
}

func equal(a, b []float32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}
