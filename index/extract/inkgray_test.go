package extract

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// TestRedSealDropped: a red seal's ink over a signed letter turns light
// for OCR, in JPEG (YCbCr) and RGB pictures alike, while black print,
// blue handwriting and the paper keep their grey.
func TestRedSealDropped(t *testing.T) {
	inks := []struct {
		name  string
		c     color.RGBA
		light bool
	}{
		{"black print", color.RGBA{20, 20, 25, 255}, false},
		{"blue handwriting", color.RGBA{30, 50, 160, 255}, false},
		{"red seal", color.RGBA{215, 45, 60, 255}, true},
		{"faded red seal", color.RGBA{235, 120, 130, 255}, true},
		{"paper", color.RGBA{245, 240, 230, 255}, true},
	}
	img := image.NewRGBA(image.Rect(0, 0, 16*len(inks), 16))
	for i, ink := range inks {
		for y := range 16 {
			for x := range 16 {
				img.Set(16*i+x, y, ink.c)
			}
		}
		g := grayOf([]byte{ink.c.R, ink.c.G, ink.c.B}, 3)
		if ink.light != (g > 150) {
			t.Errorf("%s in RGB: grey %d", ink.name, g)
		}
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(&j)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m.(*image.YCbCr); !ok {
		t.Fatalf("decoded as %T", m)
	}
	gray := toGray(m)
	for i, ink := range inks {
		g := gray.pix[8*gray.w+16*i+8]
		if ink.light != (g > 150) {
			t.Errorf("%s in a JPEG: grey %d", ink.name, g)
		}
	}
}

// TestBluePen: a picture in colour keeps how blue each pixel is, in JPEG
// (YCbCr) and RGB pictures alike, through scaling and turning: a blue or
// violet ballpoint's ink is blue, black print, grey, paper and a red
// seal are not; a grey picture has no such plane.
func TestBluePen(t *testing.T) {
	inks := []struct {
		name string
		c    color.RGBA
		pen  bool
	}{
		{"black print", color.RGBA{20, 20, 25, 255}, false},
		{"grey print", color.RGBA{110, 108, 112, 255}, false},
		{"blue ballpoint", color.RGBA{40, 60, 150, 255}, true},
		{"pale blue ballpoint", color.RGBA{90, 105, 170, 255}, true},
		{"violet ink", color.RGBA{80, 40, 140, 255}, true},
		{"red seal", color.RGBA{215, 45, 60, 255}, false},
		{"yellowed paper", color.RGBA{245, 240, 215, 255}, false},
	}
	img := image.NewRGBA(image.Rect(0, 0, 16*len(inks), 16))
	for i, ink := range inks {
		for y := range 16 {
			for x := range 16 {
				img.Set(16*i+x, y, ink.c)
			}
		}
		if b := blueOf(int(ink.c.R), int(ink.c.G), int(ink.c.B)); ink.pen != (b >= penBlue+4) || !ink.pen && b > penBlue/2 {
			t.Errorf("%s in RGB: blue %d", ink.name, b)
		}
	}
	var j bytes.Buffer
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	m, err := jpeg.Decode(&j)
	if err != nil {
		t.Fatal(err)
	}
	check := func(how string, g grayImage, at func(i int) int) {
		t.Helper()
		if g.blue == nil || len(g.blue) != len(g.pix) {
			t.Fatalf("%s: no blue plane", how)
		}
		for i, ink := range inks {
			if b := g.blue[at(i)]; ink.pen != (b >= penBlue+4) || !ink.pen && b > penBlue/2 {
				t.Errorf("%s: %s blue %d", how, ink.name, b)
			}
		}
	}
	gray := toGray(m)
	check("JPEG", gray, func(i int) int { return 8*gray.w + 16*i + 8 })
	big := scaleGray(gray, 2)
	check("enlarged", big, func(i int) int { return 16*big.w + 32*i + 16 })
	small := scaleGray(gray, 0.5)
	check("reduced", small, func(i int) int { return 4*small.w + 8*i + 4 })
	turned := rotateGray(gray, 90) // the first ink on top
	check("turned", turned, func(i int) int { return (16*i+8)*turned.w + 8 })
	if g := toGray(image.NewGray(image.Rect(0, 0, 4, 4))); g.blue != nil {
		t.Error("a grey picture has a blue plane")
	}
}
