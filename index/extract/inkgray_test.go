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
