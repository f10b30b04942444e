package extract

import (
	"errors"
	"fmt"
	"math"

	"github.com/ledongthuc/pdf"
)

// Some copiers (mixed raster content: Konica Minolta's "compact PDF" and
// the like) store a scanned page in layers: a coarse colour picture of
// the page for the background and the paper's marks, and the text as
// sharp 1-bit stencils painted over it in their colours. The largest
// picture then lacks most of the text (a letter's header lived only in a
// stencil), so such a page is put back together from all its pictures,
// drawn where the page draws them, as a viewer shows it.

// placedPicture is a picture the page draws: its XObject, the matrix
// that maps the unit square onto the page, and for a stencil the grey it
// is painted with.
type placedPicture struct {
	pic  pdf.Value
	ctm  pdfMatrix
	fill byte
}

// maxPlacedPictures bounds the pictures put together on one page.
const maxPlacedPictures = 2000

// hasStencils reports whether a page draws a stencil of at least 200
// pixels a side (see pagePictures): a page stored in layers.
func hasStencils(pics []pdf.Value) bool {
	for _, p := range pics {
		if p.Key("ImageMask").Bool() {
			return true
		}
	}
	return false
}

// drawnTurned reports whether a page draws a picture of 200 pixels a
// side or more turned or mirrored (a phone's photo stored on its side):
// such a page is drawn as it shows, not read as the picture is stored.
func drawnTurned(placed []placedPicture) bool {
	for _, pl := range placed {
		if pl.pic.Key("Width").Int64() < 200 || pl.pic.Key("Height").Int64() < 200 {
			continue
		}
		m := pl.ctm
		if m[0][0] <= 0 || m[1][1] <= 0 || math.Abs(m[0][1]) > 1e-6*math.Abs(m[0][0]) || math.Abs(m[1][0]) > 1e-6*math.Abs(m[1][1]) {
			return true
		}
	}
	return false
}

// placedPictures walks the page's content stream for the pictures it
// draws (not those inside forms), with their matrices and fill greys.
func placedPictures(p pdf.Page) []placedPicture {
	type gstate struct {
		ctm  pdfMatrix
		fill byte
	}
	st := gstate{ctm: pdfIdentity}
	var stack []gstate
	var out []placedPicture
	xobjs := p.Resources().Key("XObject")
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]float64, stk.Len())
		var name string
		for i := len(args) - 1; i >= 0; i-- {
			v := stk.Pop()
			args[i] = v.Float64()
			if v.Kind() == pdf.Name {
				name = v.Name()
			}
		}
		switch op {
		case "q":
			if len(stack) < 1000 {
				stack = append(stack, st)
			}
		case "Q":
			if n := len(stack); n > 0 {
				st, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				st.ctm = pdfMatrix{{args[0], args[1], 0}, {args[2], args[3], 0}, {args[4], args[5], 1}}.mul(st.ctm)
			}
		case "g", "rg", "k", "sc", "scn":
			st.fill = fillGray(args)
		case "Do":
			x := xobjs.Key(name)
			if x.Key("Subtype").Name() == "Image" && len(out) < maxPlacedPictures {
				out = append(out, placedPicture{pic: x, ctm: st.ctm, fill: st.fill})
			}
		}
	})
	return out
}

// fillGray is the grey of a fill colour given as 1 (grey), 3 (RGB) or 4
// (CMYK) components from 0 to 1; black otherwise (a pattern's name).
func fillGray(c []float64) byte {
	b := func(v float64) byte { return byte(math.Round(math.Max(0, math.Min(1, v)) * 255)) }
	switch len(c) {
	case 1:
		return b(c[0])
	case 3:
		return grayOf([]byte{b(c[0]), b(c[1]), b(c[2])}, 3)
	case 4:
		return grayOf([]byte{b(c[0]), b(c[1]), b(c[2]), b(c[3])}, 4)
	}
	return 0
}

// composePage draws a page's pictures, in the order the page draws them,
// on white at dpi (the page's size in points: pageW × pageH from x0, y0).
// A stencil paints its fill where its samples are 0 (1 with a Decode of
// [1 0]); a picture with a soft mask shows where the mask is over half.
func composePage(r *pdf.Reader, file []byte, placed []placedPicture, x0, y0, pageW, pageH float64, dpi int) (grayImage, error) {
	s := float64(dpi) / 72
	w, h := int(pageW*s+0.5), int(pageH*s+0.5)
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxScanPixels {
		return grayImage{}, fmt.Errorf("page of %.0f × %.0f points cannot be drawn", pageW, pageH)
	}
	canvas := grayImage{w: w, h: h, pix: make([]byte, w*h)}
	for i := range canvas.pix {
		canvas.pix[i] = 255
	}
	drawn := 0
	var lastErr error
	for _, pl := range placed {
		if pictureArea(pl.pic) > maxScanPixels {
			lastErr = fmt.Errorf("picture of %d pixels is too large", pictureArea(pl.pic))
			continue
		}
		img, err := decodePicture(r, file, pl.pic)
		if err != nil {
			lastErr = err
			continue
		}
		var mask *grayImage
		if sm := pl.pic.Key("SMask"); sm.Kind() == pdf.Stream && pictureArea(sm) <= maxScanPixels {
			if m, err := decodePicture(r, file, sm); err == nil {
				mask = &m
			}
		}
		paint := func(v byte) (byte, bool) { return v, true }
		if pl.pic.Key("ImageMask").Bool() {
			on := byte(0)
			if d := pl.pic.Key("Decode"); d.Len() == 2 && d.Index(0).Float64() == 1 {
				on = 255
			}
			paint = func(v byte) (byte, bool) { return pl.fill, v == on }
		}
		if img.blue != nil && canvas.blue == nil {
			canvas.blue = make([]byte, len(canvas.pix))
		}
		drawPicture(canvas, img, mask, pl.ctm, x0, y0+pageH, s, paint)
		drawn++
	}
	if drawn == 0 {
		if lastErr == nil {
			lastErr = errNoScan
		}
		return grayImage{}, lastErr
	}
	return canvas, nil
}

// decodePicture decodes one picture XObject to grey.
func decodePicture(r *pdf.Reader, file []byte, pic pdf.Value) (grayImage, error) {
	raw, err := rawStream(pic, r, file)
	if err != nil {
		return grayImage{}, err
	}
	img, err := decodeScan(pic, raw)
	if err == nil && (img.w <= 0 || img.h <= 0 || len(img.pix) < img.w*img.h) {
		err = errors.New("empty picture")
	}
	return img, err
}

// drawPicture paints img, mapped by ctm from the unit square onto the
// page, on canvas (top at page height top, s pixels a point), sampling
// the nearest pixel; paint says what grey a sample leaves, if any.
func drawPicture(canvas, img grayImage, mask *grayImage, ctm pdfMatrix, x0, top, s float64, paint func(byte) (byte, bool)) {
	a, b, c, d, e, f := ctm[0][0], ctm[0][1], ctm[1][0], ctm[1][1], ctm[2][0], ctm[2][1]
	det := a*d - b*c
	if math.Abs(det) < 1e-9 {
		return
	}
	// the picture's corners on the canvas bound the pixels to visit
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, uv := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
		px, py := uv[0]*a+uv[1]*c+e, uv[0]*b+uv[1]*d+f
		cx, cy := (px-x0)*s, (top-py)*s
		minX, maxX = math.Min(minX, cx), math.Max(maxX, cx)
		minY, maxY = math.Min(minY, cy), math.Max(maxY, cy)
	}
	fx0, fx1 := max(int(minX), 0), min(int(math.Ceil(maxX)), canvas.w)
	fy0, fy1 := max(int(minY), 0), min(int(math.Ceil(maxY)), canvas.h)
	for cy := fy0; cy < fy1; cy++ {
		py := top - (float64(cy)+0.5)/s
		row := canvas.pix[cy*canvas.w:]
		for cx := fx0; cx < fx1; cx++ {
			px := x0 + (float64(cx)+0.5)/s - e
			u := (px*d - (py-f)*c) / det
			v := ((py-f)*a - px*b) / det
			if u < 0 || u >= 1 || v < 0 || v >= 1 {
				continue
			}
			// image row 0 is the top of the unit square (v = 1)
			if mask != nil && mask.pix[sampleAt(*mask, u, v)] < 128 {
				continue
			}
			at := sampleAt(img, u, v)
			g, ok := paint(img.pix[at])
			if !ok {
				continue
			}
			row[cx] = g
			if canvas.blue != nil {
				canvas.blue[cy*canvas.w+cx] = 0 // a stencil's fill, or a grey picture
				if img.blue != nil {
					canvas.blue[cy*canvas.w+cx] = img.blue[at]
				}
			}
		}
	}
}

// sampleAt is the index of the pixel at (u, v) of the unit square, v up.
func sampleAt(img grayImage, u, v float64) int {
	x := min(int(u*float64(img.w)), img.w-1)
	y := min(int((1-v)*float64(img.h)), img.h-1)
	return y*img.w + x
}
