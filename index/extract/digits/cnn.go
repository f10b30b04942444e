package digits

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Net is a small convolutional network over a normalised 28×28 picture:
// C1 filters of 3×3 and a ReLU (26×26), a 2×2 max-pool (13×13), C2
// filters of 3×3 over those and a ReLU (11×11), a 2×2 max-pool (5×5, the
// last row and column dropped: Normalize leaves them blank), a dense layer
// of Hidden ReLUs and eleven outputs through a softmax: the digits 0–9 and
// NotDigit, which it was taught on two digits run together, so that ink
// cut wrongly from a blank is not read as a digit for sure. It
// reads a pen's digits far better than one dense layer (it sees strokes
// wherever they fall), and is smaller.
type Net struct {
	C1, C2, Hidden int
	K1, B1         []float32 // C1 × 9, C1
	K2, B2         []float32 // C2 × C1 × 9, C2
	W3, B3         []float32 // Hidden × 25·C2, Hidden
	W4, B4         []float32 // Classes × Hidden, Classes
}

// Classes is how many outputs a Net has: the ten digits and NotDigit.
const Classes = 11

// NotDigit is the output of ink that is no one digit.
const NotDigit = 10

// The sides of the layers' pictures.
const (
	side1 = Side - 2  // after the first filters: 26
	pool1 = side1 / 2 // 13
	side2 = pool1 - 2 // 11
	pool2 = side2 / 2 // 5
)

// Trace holds what a pass through the net computed, for training: each
// layer's output and, for the pools, which input won.
type Trace struct {
	A1   []float32 // C1 × 26 × 26, after the ReLU
	P1   []float32 // C1 × 13 × 13
	I1   []int32   // the index in A1 of each P1
	A2   []float32 // C2 × 11 × 11, after the ReLU
	P2   []float32 // C2 × 5 × 5
	I2   []int32   // the index in A2 of each P2
	H    []float32 // Hidden, after the ReLU
	Prob [Classes]float32
}

// NewTrace makes the buffers for a pass through n.
func (n *Net) NewTrace() *Trace {
	return &Trace{
		A1: make([]float32, n.C1*side1*side1), P1: make([]float32, n.C1*pool1*pool1), I1: make([]int32, n.C1*pool1*pool1),
		A2: make([]float32, n.C2*side2*side2), P2: make([]float32, n.C2*pool2*pool2), I2: make([]int32, n.C2*pool2*pool2),
		H: make([]float32, n.Hidden),
	}
}

// Classify returns the probabilities of the ten digits and NotDigit for a
// normalised picture.
func (n *Net) Classify(in *[Side * Side]float32) [Classes]float32 {
	t := n.NewTrace()
	n.Forward(in, t)
	return t.Prob
}

// Forward runs the net on a picture, filling t.
func (n *Net) Forward(in *[Side * Side]float32, t *Trace) {
	for c := 0; c < n.C1; c++ {
		k := n.K1[c*9 : c*9+9]
		out := t.A1[c*side1*side1 : (c+1)*side1*side1]
		for y := 0; y < side1; y++ {
			for x := 0; x < side1; x++ {
				s := n.B1[c]
				for dy := 0; dy < 3; dy++ {
					row := in[(y+dy)*Side+x : (y+dy)*Side+x+3]
					s += k[dy*3]*row[0] + k[dy*3+1]*row[1] + k[dy*3+2]*row[2]
				}
				out[y*side1+x] = max(0, s)
			}
		}
	}
	maxPool(t.A1, t.P1, t.I1, n.C1, side1, pool1)
	for c := 0; c < n.C2; c++ {
		out := t.A2[c*side2*side2 : (c+1)*side2*side2]
		for i := range out {
			out[i] = n.B2[c]
		}
		for ci := 0; ci < n.C1; ci++ {
			k := n.K2[(c*n.C1+ci)*9 : (c*n.C1+ci)*9+9]
			src := t.P1[ci*pool1*pool1 : (ci+1)*pool1*pool1]
			for y := 0; y < side2; y++ {
				o := out[y*side2 : (y+1)*side2]
				for dy := 0; dy < 3; dy++ {
					row := src[(y+dy)*pool1 : (y+dy+1)*pool1]
					k0, k1, k2 := k[dy*3], k[dy*3+1], k[dy*3+2]
					for x := range o {
						o[x] += k0*row[x] + k1*row[x+1] + k2*row[x+2]
					}
				}
			}
		}
		for i, v := range out {
			out[i] = max(0, v)
		}
	}
	maxPool(t.A2, t.P2, t.I2, n.C2, side2, pool2)
	flat := len(t.P2)
	for j := range t.H {
		row := n.W3[j*flat : (j+1)*flat]
		s := n.B3[j]
		for i, v := range t.P2 {
			s += row[i] * v
		}
		t.H[j] = max(0, s)
	}
	var z [Classes]float32
	top := float32(math.Inf(-1))
	for k := range z {
		s := n.B4[k]
		row := n.W4[k*n.Hidden : (k+1)*n.Hidden]
		for j, v := range t.H {
			s += row[j] * v
		}
		z[k] = s
		top = max(top, s)
	}
	var sum float32
	for k := range z {
		z[k] = float32(math.Exp(float64(z[k] - top)))
		sum += z[k]
	}
	for k := range z {
		t.Prob[k] = z[k] / sum
	}
}

// maxPool takes the largest of each 2×2 square of c pictures of side s
// into pictures of side p, noting which pixel won.
func maxPool(a, out []float32, idx []int32, c, s, p int) {
	for ch := 0; ch < c; ch++ {
		for y := 0; y < p; y++ {
			for x := 0; x < p; x++ {
				b0 := int32(ch*s*s + 2*y*s + 2*x)
				best := b0
				for _, d := range [3]int32{1, int32(s), int32(s) + 1} {
					if a[b0+d] > a[best] {
						best = b0 + d
					}
				}
				o := ch*p*p + y*p + x
				out[o], idx[o] = a[best], best
			}
		}
	}
}

// netMagic starts the weights file of a Net.
const netMagic = "KVBCNN1\n"

// Marshal writes the net with its weights quantised to 8 bits, one scale
// per filter or row, biases as float32.
func (n *Net) Marshal() []byte {
	b := []byte(netMagic)
	for _, v := range []int{n.C1, n.C2, n.Hidden} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	b = appendRows(b, n.K1, 9)
	b = appendFloats(b, n.B1)
	b = appendRows(b, n.K2, n.C1*9)
	b = appendFloats(b, n.B2)
	b = appendRows(b, n.W3, pool2*pool2*n.C2)
	b = appendFloats(b, n.B3)
	b = appendRows(b, n.W4, n.Hidden)
	return appendFloats(b, n.B4)
}

// LoadNet reads a net written by Marshal.
func LoadNet(b []byte) (*Net, error) {
	if len(b) < len(netMagic)+12 || string(b[:len(netMagic)]) != netMagic {
		return nil, errors.New("digits: not a digit net")
	}
	r := reader{b: b[len(netMagic):]}
	n := &Net{C1: int(r.u32()), C2: int(r.u32()), Hidden: int(r.u32())}
	for _, v := range []int{n.C1, n.C2, n.Hidden} {
		if v <= 0 || v > 512 {
			return nil, fmt.Errorf("digits: bad layer size %d", v)
		}
	}
	n.K1, n.B1 = r.rows(n.C1, 9), r.floats(n.C1)
	n.K2, n.B2 = r.rows(n.C2, n.C1*9), r.floats(n.C2)
	n.W3, n.B3 = r.rows(n.Hidden, pool2*pool2*n.C2), r.floats(n.Hidden)
	n.W4, n.B4 = r.rows(Classes, n.Hidden), r.floats(Classes)
	if r.err || len(r.b) != 0 {
		return nil, errors.New("digits: truncated or overlong net")
	}
	return n, nil
}
