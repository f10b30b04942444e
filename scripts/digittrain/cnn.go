package main

import (
	"math"
	"math/rand/v2"
	"sync"

	"khovanban/index/extract/digits"
)

// The sides of the net's layers (see digits.Net).
const (
	side1 = digits.Side - 2
	pool1 = side1 / 2
	side2 = pool1 - 2
	pool2 = side2 / 2
)

func newNet(c1, c2, hidden int, rng *rand.Rand) *digits.Net {
	n := &digits.Net{C1: c1, C2: c2, Hidden: hidden,
		K1: make([]float32, c1*9), B1: make([]float32, c1),
		K2: make([]float32, c2*c1*9), B2: make([]float32, c2),
		W3: make([]float32, hidden*pool2*pool2*c2), B3: make([]float32, hidden),
		W4: make([]float32, digits.Classes*hidden), B4: make([]float32, digits.Classes)}
	he := func(w []float32, fanIn int) {
		s := math.Sqrt(2 / float64(fanIn))
		for i := range w {
			w[i] = float32(rng.NormFloat64() * s)
		}
	}
	he(n.K1, 9)
	he(n.K2, 9*c1)
	he(n.W3, pool2*pool2*c2)
	he(n.W4, hidden)
	return n
}

// grads holds a gradient (or a momentum) for every weight of a net.
type grads struct{ w [8][]float32 }

func newGrads(n *digits.Net) *grads {
	var g grads
	for i, w := range params(n) {
		g.w[i] = make([]float32, len(w))
	}
	return &g
}

func params(n *digits.Net) [8][]float32 {
	return [8][]float32{n.K1, n.B1, n.K2, n.B2, n.W3, n.B3, n.W4, n.B4}
}

func (g *grads) zero() {
	for _, w := range g.w {
		clear(w)
	}
}

// backprop adds to g the gradient of the cross-entropy for digit y after
// the pass t over in, and returns the loss.
func backprop(n *digits.Net, in *[digits.Side * digits.Side]float32, t *digits.Trace, y int, g *grads,
	dP1, dA1, dA2, dP2, dH []float32) float64 {
	gK1, gB1, gK2, gB2, gW3, gB3, gW4, gB4 := g.w[0], g.w[1], g.w[2], g.w[3], g.w[4], g.w[5], g.w[6], g.w[7]
	loss := -math.Log(math.Max(float64(t.Prob[y]), 1e-12))
	clear(dH)
	for k := 0; k < digits.Classes; k++ {
		dz := t.Prob[k]
		if k == y {
			dz--
		}
		row := n.W4[k*n.Hidden : (k+1)*n.Hidden]
		grow := gW4[k*n.Hidden : (k+1)*n.Hidden]
		for j, h := range t.H {
			dH[j] += dz * row[j]
			grow[j] += dz * h
		}
		gB4[k] += dz
	}
	flat := len(t.P2)
	clear(dP2)
	for j, h := range t.H {
		if h <= 0 {
			continue
		}
		d := dH[j]
		row := n.W3[j*flat : (j+1)*flat]
		grow := gW3[j*flat : (j+1)*flat]
		for i, v := range t.P2 {
			grow[i] += d * v
			dP2[i] += d * row[i]
		}
		gB3[j] += d
	}
	clear(dA2)
	for o, i := range t.I2 {
		if t.A2[i] > 0 {
			dA2[i] += dP2[o]
		}
	}
	clear(dP1)
	for c := 0; c < n.C2; c++ {
		da := dA2[c*side2*side2 : (c+1)*side2*side2]
		var sb float32
		for _, v := range da {
			sb += v
		}
		gB2[c] += sb
		for ci := 0; ci < n.C1; ci++ {
			base := (c*n.C1 + ci) * 9
			k := n.K2[base : base+9]
			gk := gK2[base : base+9]
			src := t.P1[ci*pool1*pool1 : (ci+1)*pool1*pool1]
			dst := dP1[ci*pool1*pool1 : (ci+1)*pool1*pool1]
			for y := 0; y < side2; y++ {
				for x := 0; x < side2; x++ {
					d := da[y*side2+x]
					if d == 0 {
						continue
					}
					for dy := 0; dy < 3; dy++ {
						p := (y+dy)*pool1 + x
						gk[dy*3] += d * src[p]
						gk[dy*3+1] += d * src[p+1]
						gk[dy*3+2] += d * src[p+2]
						dst[p] += d * k[dy*3]
						dst[p+1] += d * k[dy*3+1]
						dst[p+2] += d * k[dy*3+2]
					}
				}
			}
		}
	}
	clear(dA1)
	for o, i := range t.I1 {
		if t.A1[i] > 0 {
			dA1[i] += dP1[o]
		}
	}
	for c := 0; c < n.C1; c++ {
		da := dA1[c*side1*side1 : (c+1)*side1*side1]
		gk := gK1[c*9 : c*9+9]
		for y := 0; y < side1; y++ {
			for x := 0; x < side1; x++ {
				d := da[y*side1+x]
				if d == 0 {
					continue
				}
				gB1[c] += d
				for dy := 0; dy < 3; dy++ {
					p := (y+dy)*digits.Side + x
					gk[dy*3] += d * in[p]
					gk[dy*3+1] += d * in[p+1]
					gk[dy*3+2] += d * in[p+2]
				}
			}
		}
	}
	return loss
}

// sample makes the training picture i of an epoch: deterministic for
// the seed, epoch and i, whichever worker makes it.
type sampler func(i int, rng *rand.Rand) ([digits.Side * digits.Side]float32, int)

// trainNet runs minibatch gradient descent with momentum, the batch's
// pictures split among workers.
func trainNet(n *digits.Net, count, epochs, batch, workers int, lr0 float64, seed uint64, sample sampler,
	report func(epoch int, loss float64)) {
	type worker struct {
		g                      *grads
		t                      *digits.Trace
		dP1, dA1, dA2, dP2, dH []float32
		loss                   float64
	}
	ws := make([]*worker, workers)
	for i := range ws {
		ws[i] = &worker{g: newGrads(n), t: n.NewTrace(),
			dP1: make([]float32, n.C1*pool1*pool1), dA1: make([]float32, n.C1*side1*side1),
			dA2: make([]float32, n.C2*side2*side2), dP2: make([]float32, n.C2*pool2*pool2), dH: make([]float32, n.Hidden)}
	}
	vel := newGrads(n)
	order := make([]int, count)
	for i := range order {
		order[i] = i
	}
	shuffle := rand.New(rand.NewPCG(seed, 99))
	for e := 0; e < epochs; e++ {
		shuffle.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		lr := float32(lr0 * math.Pow(0.75, float64(e)) / float64(batch))
		var loss float64
		for b0 := 0; b0 < count; b0 += batch {
			ids := order[b0:min(count, b0+batch)]
			var wg sync.WaitGroup
			for wi, w := range ws {
				wg.Add(1)
				go func() {
					defer wg.Done()
					w.g.zero()
					w.loss = 0
					for k := wi; k < len(ids); k += workers {
						rng := rand.New(rand.NewPCG(seed+uint64(e)*1e7, uint64(ids[k])))
						in, y := sample(ids[k], rng)
						n.Forward(&in, w.t)
						w.loss += backprop(n, &in, w.t, y, w.g, w.dP1, w.dA1, w.dA2, w.dP2, w.dH)
					}
				}()
			}
			wg.Wait()
			p := params(n)
			for i := range p {
				v := vel.w[i]
				for j := range p[i] {
					var s float32
					for _, w := range ws {
						s += w.g.w[i][j]
					}
					v[j] = 0.9*v[j] - lr*s
					p[i][j] += v[j]
				}
			}
			for _, w := range ws {
				loss += w.loss
			}
		}
		report(e+1, loss/float64(count))
	}
}
