package digits

import (
	"math"
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
