package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"
)

// decodeScan decodes a picture's bytes through its filters into grey.
func decodeScan(v pdf.Value, raw []byte) (grayImage, error) {
	var filters []string
	var params []pdf.Value
	switch f := v.Key("Filter"); f.Kind() {
	case pdf.Name:
		filters, params = []string{f.Name()}, []pdf.Value{v.Key("DecodeParms")}
	case pdf.Array:
		dp := v.Key("DecodeParms")
		for i := range f.Len() {
			filters = append(filters, f.Index(i).Name())
			if dp.Kind() == pdf.Dict { // lenient: one dictionary for all
				params = append(params, dp)
			} else {
				params = append(params, dp.Index(i))
			}
		}
	}
	w, h := int(v.Key("Width").Int64()), int(v.Key("Height").Int64())
	data := raw
	for i, name := range filters {
		last := i == len(filters)-1
		switch name {
		case "FlateDecode":
			var err error
			if data, err = inflate(data, params[i], int64(w)*int64(h)*4+1<<20); err != nil {
				return grayImage{}, err
			}
		case "DCTDecode":
			if !last {
				return grayImage{}, errors.New("JPEG followed by another filter")
			}
			if err := checkJPEGSize(data); err != nil {
				return grayImage{}, err
			}
			img, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				return grayImage{}, fmt.Errorf("jpeg: %w", err)
			}
			return toGray(img), nil
		case "CCITTFaxDecode":
			if !last {
				return grayImage{}, errors.New("fax picture followed by another filter")
			}
			return decodeFax(data, params[i], w, h)
		default:
			return grayImage{}, fmt.Errorf("pictures stored as %s are not read", name)
		}
	}
	return rawPixels(v, data, w, h)
}

// inflate undoes Flate and a PNG predictor.
func inflate(data []byte, parm pdf.Value, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("flate: %w", err)
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("flate: %w", err)
	}
	pred := parm.Key("Predictor").Int64()
	if pred < 10 {
		return out, nil
	}
	colors := max(parm.Key("Colors").Int64(), 1)
	bpc := parm.Key("BitsPerComponent").Int64()
	if bpc == 0 {
		bpc = 8
	}
	cols := max(parm.Key("Columns").Int64(), 1)
	bpp := int(max((colors*bpc+7)/8, 1))
	row := int((colors*bpc*cols + 7) / 8)
	var res []byte
	prev := make([]byte, row)
	for len(out) >= row+1 {
		ft, cur := out[0], out[1:row+1]
		out = out[row+1:]
		for i := range cur {
			var a, c byte
			if i >= bpp {
				a, c = cur[i-bpp], prev[i-bpp]
			}
			b := prev[i]
			switch ft {
			case 1:
				cur[i] += a
			case 2:
				cur[i] += b
			case 3:
				cur[i] += byte((int(a) + int(b)) / 2)
			case 4:
				cur[i] += paeth(a, b, c)
			}
		}
		res = append(res, cur...)
		prev = cur
	}
	return res, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// rawPixels turns unfiltered samples (grey, RGB, CMYK or indexed, 1 or 8
// bits) into grey.
func rawPixels(v pdf.Value, data []byte, w, h int) (grayImage, error) {
	bpc := int(v.Key("BitsPerComponent").Int64())
	if v.Key("ImageMask").Bool() {
		bpc = 1
	}
	cs := v.Key("ColorSpace")
	comps, lookup := 1, []byte(nil)
	name := cs.Name()
	if cs.Kind() == pdf.Array {
		name = cs.Index(0).Name()
		switch name {
		case "ICCBased":
			comps = int(cs.Index(1).Key("N").Int64())
		case "Indexed":
			base := cs.Index(1)
			baseComps := 3
			if base.Name() == "DeviceGray" {
				baseComps = 1
			} else if base.Kind() == pdf.Array && base.Index(0).Name() == "ICCBased" {
				baseComps = int(base.Index(1).Key("N").Int64())
			}
			lk := cs.Index(3)
			table := []byte(lk.RawString())
			if lk.Kind() == pdf.Stream {
				b, err := io.ReadAll(io.LimitReader(lk.Reader(), 1<<16))
				if err != nil {
					return grayImage{}, err
				}
				table = b
			}
			lookup = make([]byte, 256)
			for i := range lookup {
				if (i+1)*baseComps <= len(table) {
					lookup[i] = grayOf(table[i*baseComps:(i+1)*baseComps], baseComps)
				}
			}
		}
	} else {
		switch name {
		case "DeviceRGB", "CalRGB":
			comps = 3
		case "DeviceCMYK":
			comps = 4
		}
	}
	if comps < 1 || comps > 4 || (bpc != 1 && bpc != 8) || (bpc == 1 && comps != 1) {
		return grayImage{}, fmt.Errorf("pictures of %d bits and %d colours are not read", bpc, comps)
	}
	rowBytes := (w*comps*bpc + 7) / 8
	if len(data) < rowBytes*h {
		return grayImage{}, errors.New("picture shorter than its size")
	}
	img := grayImage{w: w, h: h, pix: make([]byte, w*h)}
	if comps == 3 && bpc == 8 && lookup == nil {
		img.blue = make([]byte, w*h)
	}
	for y := range h {
		row := data[y*rowBytes : (y+1)*rowBytes]
		for x := range w {
			var g byte
			switch {
			case bpc == 1:
				// 0 is black, for grey pictures as for stencils
				// (a stencil paints its 0 samples).
				if row[x/8]&(0x80>>(x%8)) != 0 {
					g = 255
				}
			case lookup != nil:
				g = lookup[row[x]]
			default:
				g = grayOf(row[x*comps:(x+1)*comps], comps)
			}
			img.pix[y*w+x] = g
			if img.blue != nil {
				img.blue[y*w+x] = blueOf(int(row[x*3]), int(row[x*3+1]), int(row[x*3+2]))
			}
		}
	}
	return img, nil
}

// blueOf is how much bluer than grey a colour is: its blue-difference
// chroma (Cb of JPEG's YCbCr) above neutral, 0 when not bluer.
func blueOf(r, g, b int) byte {
	return byte(max(0, min(127, (-1687*r-3313*g+5000*b)/10000)))
}

func grayOf(c []byte, comps int) byte {
	switch comps {
	case 3:
		return inkGray(int(c[0]), int(c[1]), int(c[2]))
	case 4:
		k := int(c[3])
		return inkGray(255-min(255, int(c[0])+k), 255-min(255, int(c[1])+k), 255-min(255, int(c[2])+k))
	}
	return c[0]
}

// redInk is how much redder than green and blue a pixel must be to be
// a seal's ink.
const redInk = 50

// inkGray is the grey Tesseract reads for a colour pixel: its
// luminance, but a red seal's ink (stamped over the signer's title and
// name on nearly every signed letter) is taken by its red alone, which
// leaves it light, as a red filter on a copier does; black print and
// blue handwriting stay dark.
func inkGray(r, g, b int) byte {
	if r-max(g, b) > redInk {
		return byte(r)
	}
	return byte((299*r + 587*g + 114*b) / 1000)
}

// decodeFax decodes a CCITT Group 3 or 4 picture.
func decodeFax(data []byte, parm pdf.Value, w, h int) (grayImage, error) {
	k := parm.Key("K").Int64()
	if cols := parm.Key("Columns").Int64(); cols > 0 {
		w = int(cols)
	}
	if rows := parm.Key("Rows").Int64(); rows > 0 {
		h = int(rows)
	}
	sf := ccitt.Group3
	if k < 0 {
		sf = ccitt.Group4
	} else if k > 0 {
		return grayImage{}, errors.New("fax pictures in 2-D Group 3 are not read")
	}
	// Black runs are drawn black whatever BlackIs1 says: producers that
	// set it also set a Decode array that turns the samples back.
	opts := &ccitt.Options{Align: parm.Key("EncodedByteAlign").Bool()}
	dst := image.NewGray(image.Rect(0, 0, w, h))
	if err := ccitt.DecodeIntoGray(dst, bytes.NewReader(data), ccitt.MSB, sf, opts); err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return grayImage{}, fmt.Errorf("fax: %w", err)
	}
	return grayImage{w: w, h: h, pix: dst.Pix}, nil
}

// toGray turns a decoded picture grey. Adobe's CMYK JPEGs come inverted;
// the standard decoder already undoes that.
func toGray(m image.Image) grayImage {
	b := m.Bounds()
	img := grayImage{w: b.Dx(), h: b.Dy(), pix: make([]byte, b.Dx()*b.Dy())}
	switch m := m.(type) {
	case *image.Gray:
		for y := range img.h {
			copy(img.pix[y*img.w:(y+1)*img.w], m.Pix[y*m.Stride:])
		}
		return img
	case *image.YCbCr:
		if len(m.Cb) > 0 {
			img.blue = make([]byte, len(img.pix))
		}
		for y := range img.h {
			row := img.pix[y*img.w : (y+1)*img.w]
			copy(row, m.Y[y*m.YStride:])
			if len(m.Cr) == 0 {
				continue
			}
			blue := img.blue[y*img.w : (y+1)*img.w]
			for x := range img.w {
				ci := m.COffset(b.Min.X+x, b.Min.Y+y)
				blue[x] = byte(max(0, int(m.Cb[ci])-128))
				if cr := int(m.Cr[ci]); cr > 128+redInk/3 { // reddish: see inkGray
					rr, gg, bb := color.YCbCrToRGB(row[x], m.Cb[ci], m.Cr[ci])
					row[x] = inkGray(int(rr), int(gg), int(bb))
				}
			}
		}
		return img
	}
	img.blue = make([]byte, len(img.pix))
	for y := range img.h {
		for x := range img.w {
			r, g, bl, _ := m.At(b.Min.X+x, b.Min.Y+y).RGBA()
			img.pix[y*img.w+x] = inkGray(int(r>>8), int(g>>8), int(bl>>8))
			img.blue[y*img.w+x] = blueOf(int(r>>8), int(g>>8), int(bl>>8))
		}
	}
	return img
}
