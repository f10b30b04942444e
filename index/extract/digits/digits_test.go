package digits

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A glyph is scaled into MNIST's 20-pixel box and centred by its mass,
// whatever its size on the page.
func TestNormalizeScalesAndCentres(t *testing.T) {
	for _, size := range []int{12, 40, 160} {
		g := Glyph{W: size, H: size * 2, Ink: make([]float32, size*size*2)}
		for y := 0; y < g.H; y++ { // a bar a quarter as wide as the glyph is tall
			for x := size / 2; x < size; x++ {
				g.Ink[y*g.W+x] = 1
			}
		}
		in := Normalize(g)
		x0, y0, x1, y1 := Side, Side, -1, -1
		var m, mx, my float32
		for y := 0; y < Side; y++ {
			for x := 0; x < Side; x++ {
				if v := in[y*Side+x]; v > 0.01 {
					x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
					m += v
					mx += v * float32(x)
					my += v * float32(y)
				}
			}
		}
		if y1-y0+1 != box || x1-x0+1 < 4 || x1-x0+1 > 6 {
			t.Errorf("size %d: ink spans %d×%d, want about 5×20", size, x1-x0+1, y1-y0+1)
		}
		if math.Abs(float64(mx/m-13.5)) > 1 || math.Abs(float64(my/m-13.5)) > 1 {
			t.Errorf("size %d: centre of mass (%.1f, %.1f), want the middle", size, mx/m, my/m)
		}
	}
	if in := Normalize(Glyph{W: 3, H: 3, Ink: make([]float32, 9)}); in != [Side * Side]float32{} {
		t.Error("a glyph without ink gave ink")
	}
}

// The weights written by Marshal read back within the 8-bit rounding and
// classify the same; anything else is refused.
func TestMarshalLoad(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &Model{Hidden: 7, W1: make([]float32, 7*Side*Side), B1: make([]float32, 7), W2: make([]float32, 70), B2: make([]float32, 10)}
	for _, w := range [][]float32{m.W1, m.B1, m.W2, m.B2} {
		for i := range w {
			w[i] = float32(rng.NormFloat64() * 0.1)
		}
	}
	b := m.Marshal()
	q, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	var in [Side * Side]float32
	for i := range in {
		in[i] = rng.Float32()
	}
	p, pq := m.Classify(&in), q.Classify(&in)
	for k := range p {
		if math.Abs(float64(p[k]-pq[k])) > 0.02 {
			t.Errorf("digit %d: %.3f before, %.3f read back", k, p[k], pq[k])
		}
	}
	for _, bad := range [][]byte{nil, []byte("KVBDIG0\n\x07\x00\x00\x00"), b[:len(b)-1], append(b, 0)} {
		if _, err := Load(bad); err == nil {
			t.Errorf("a model of %d bytes was read", len(bad))
		}
	}
}
