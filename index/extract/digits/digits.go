// Package digits reads one handwritten digit from a small picture: a
// small convolutional network (Net) trained on MNIST, run in pure Go.
// The scanned documents' numbers ("Số: 125/KH-UBND") and days ("ngày 12
// tháng …") are often written by hand in a blank left on the printed form,
// where Tesseract reads nothing; see scripts/digittrain for how the weights
// are made.
package digits

import (
	"encoding/binary"
	"math"
)

// Side is the side of the square picture the network reads, as MNIST's.
const Side = 28

// box is the side of the square a glyph is scaled into, as MNIST's (its
// centre of mass is then put in the middle of the Side square).
const box = 20

// Glyph is an ink picture: W×H values from 0 (paper) to 1 (ink).
type Glyph struct {
	W, H int
	Ink  []float32
}

// Normalize scales a glyph as MNIST's digits were: the ink's bounding box
// into a 20×20 square keeping its shape, grey at the edges, moved so that
// its centre of mass is the middle of a 28×28 picture. A glyph without
// ink gives all zeros.
func Normalize(g Glyph) [Side * Side]float32 {
	var out [Side * Side]float32
	x0, y0, x1, y1 := g.W, g.H, -1, -1
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			if g.Ink[y*g.W+x] > 0.5 {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return out
	}
	bw, bh := float64(x1-x0+1), float64(y1-y0+1)
	s := box / math.Max(bw, bh) // picture pixels per glyph pixel
	tw, th := int(math.Max(1, math.Round(bw*s))), int(math.Max(1, math.Round(bh*s)))
	small := make([]float32, tw*th)
	// Each small pixel is the mean of the glyph's pixels under it (area
	// sampling), so a thin pen stroke stays grey rather than vanishing.
	for ty := 0; ty < th; ty++ {
		sy0, sy1 := float64(y0)+float64(ty)/s, float64(y0)+float64(ty+1)/s
		for tx := 0; tx < tw; tx++ {
			sx0, sx1 := float64(x0)+float64(tx)/s, float64(x0)+float64(tx+1)/s
			small[ty*tw+tx] = areaMean(g, sx0, sy0, sx1, sy1)
		}
	}
	var m, mx, my float64
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			v := float64(small[y*tw+x])
			m += v
			mx += v * float64(x)
			my += v * float64(y)
		}
	}
	if m == 0 {
		return out
	}
	ox := int(math.Round(Side/2 - 0.5 - mx/m))
	oy := int(math.Round(Side/2 - 0.5 - my/m))
	for y := 0; y < th; y++ {
		for x := 0; x < tw; x++ {
			X, Y := x+ox, y+oy
			if X >= 0 && Y >= 0 && X < Side && Y < Side {
				out[Y*Side+X] = min(1, small[y*tw+x])
			}
		}
	}
	return out
}

// areaMean is the mean ink of the glyph over the rectangle [x0,x1)×[y0,y1)
// in glyph pixels, partial pixels weighted by how much of them it covers.
func areaMean(g Glyph, x0, y0, x1, y1 float64) float32 {
	var sum, area float64
	for y := int(y0); float64(y) < y1 && y < g.H; y++ {
		hy := math.Min(y1, float64(y+1)) - math.Max(y0, float64(y))
		if hy <= 0 {
			continue
		}
		for x := int(x0); float64(x) < x1 && x < g.W; x++ {
			wx := math.Min(x1, float64(x+1)) - math.Max(x0, float64(x))
			if wx <= 0 {
				continue
			}
			sum += float64(g.Ink[y*g.W+x]) * wx * hy
			area += wx * hy
		}
	}
	if area == 0 {
		return 0
	}
	return float32(sum / area)
}

func appendFloats(b []byte, f []float32) []byte {
	for _, v := range f {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
	}
	return b
}

func appendRows(b []byte, w []float32, cols int) []byte {
	for r := 0; r < len(w)/cols; r++ {
		row := w[r*cols : (r+1)*cols]
		var top float32
		for _, v := range row {
			top = max(top, float32(math.Abs(float64(v))))
		}
		scale := top / 127
		if scale == 0 {
			scale = 1
		}
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(scale))
		for _, v := range row {
			b = append(b, byte(int8(math.Round(float64(v/scale)))))
		}
	}
	return b
}

type reader struct {
	b   []byte
	err bool
}

func (r *reader) u32() uint32 {
	if len(r.b) < 4 {
		r.err = true
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) floats(n int) []float32 {
	f := make([]float32, n)
	for i := range f {
		f[i] = math.Float32frombits(r.u32())
	}
	return f
}

func (r *reader) rows(n, cols int) []float32 {
	w := make([]float32, n*cols)
	for i := 0; i < n; i++ {
		scale := math.Float32frombits(r.u32())
		if len(r.b) < cols {
			r.err = true
			return w
		}
		for j := 0; j < cols; j++ {
			w[i*cols+j] = float32(int8(r.b[j])) * scale
		}
		r.b = r.b[cols:]
	}
	return w
}
