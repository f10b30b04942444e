package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"strings"
	"testing"
)

// TestScanPictureFormats takes the page picture out of PDFs that store it
// as a JPEG, as Flate-compressed grey, RGB and indexed pixels with a PNG
// predictor, and as 1-bit pixels; the grey comes back as drawn.
func TestScanPictureFormats(t *testing.T) {
	const w, h = 208, 200
	gray := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x/8+y/8)%2 == 0 {
				gray.Pix[y*w+x] = 255
			}
		}
	}
	// flate compresses rows with one PNG filter (0 none, 1 sub, 2 up,
	// 4 Paeth) over samples of bpp bytes.
	flate := func(rows [][]byte, filter byte, bpp int) []byte {
		var b bytes.Buffer
		z := zlib.NewWriter(&b)
		prev := make([]byte, len(rows[0]))
		for _, r := range rows {
			out := []byte{filter}
			for i, v := range r {
				var a, c byte
				if i >= bpp {
					a, c = r[i-bpp], prev[i-bpp]
				}
				switch filter {
				case 1:
					v -= a
				case 2:
					v -= prev[i]
				case 4:
					v -= paeth(a, prev[i], c)
				}
				out = append(out, v)
			}
			z.Write(out)
			prev = r
		}
		z.Close()
		return b.Bytes()
	}
	var grayRows, rgbRows, idxRows, bitRows [][]byte
	for y := range h {
		row := gray.Pix[y*w : (y+1)*w]
		grayRows = append(grayRows, row)
		var rgb, idx, bits []byte
		bits = make([]byte, w/8)
		for x, g := range row {
			rgb = append(rgb, g, g, g)
			idx = append(idx, g/255)
			if g != 0 {
				bits[x/8] |= 0x80 >> (x % 8)
			}
		}
		rgbRows, idxRows, bitRows = append(rgbRows, rgb), append(idxRows, idx), append(bitRows, bits)
	}
	var j bytes.Buffer
	jpeg.Encode(&j, gray, &jpeg.Options{Quality: 100})
	pred := func(colors, bpc int) string {
		return fmt.Sprintf("/DecodeParms << /Predictor 15 /Colors %d /BitsPerComponent %d /Columns %d >>", colors, bpc, w)
	}
	cases := []struct {
		name, dict string
		stream     []byte
	}{
		{"jpeg", "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", j.Bytes()},
		{"flate grey", "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode " + pred(1, 8), flate(grayRows, 2, 1)},
		{"flate rgb", "/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/FlateDecode] " + pred(3, 8), flate(rgbRows, 1, 3)},
		{"flate indexed", "/ColorSpace [/Indexed /DeviceRGB 1 <000000FFFFFF>] /BitsPerComponent 8 /Filter /FlateDecode " + pred(1, 8), flate(idxRows, 0, 1)},
		{"flate 1-bit", "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode " + pred(1, 1), flate(bitRows, 4, 1)},
	}
	for _, c := range cases {
		data := scanPDF(w, h, c.dict, c.stream)
		r, err := openPDF(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		img, dpi, err := pageScan(r, data, 1, true, 0)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if img.w != w || img.h != h || dpi != scanDPI {
			t.Errorf("%s: %dx%d at %d dpi", c.name, img.w, img.h, dpi)
			continue
		}
		wrong := 0
		for i, g := range img.pix {
			if d := int(g) - int(gray.Pix[i]); d > 40 || d < -40 {
				wrong++
			}
		}
		if wrong > 0 {
			t.Errorf("%s: %d pixels wrong", c.name, wrong)
		}
	}
	// A page without a picture, and a picture in a format not read, are
	// said so.
	data := scanPDF(w, h, "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", []byte("xx"))
	r, _ := openPDF(bytes.NewReader(data), int64(len(data)))
	if _, _, err := pageScan(r, data, 1, true, 0); err == nil || !strings.Contains(err.Error(), "JBIG2Decode") {
		t.Errorf("JBIG2: err = %v", err)
	}
}
