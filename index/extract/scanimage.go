package extract

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/ccitt"
)

// A scanned page is, in nearly every PDF a scanner or an office copier
// makes, one picture covering the page (sometimes with a small stamp or
// logo beside it). The picture is taken out of the file as it is stored
// (JPEG, CCITT fax or Flate-compressed pixels), turned grey and brought
// to about 300 dpi for Tesseract; nothing is rendered.

// grayImage is an 8-bit grey image, one byte a pixel, rows top down.
type grayImage struct {
	w, h int
	pix  []byte
	// blue is, for a picture in colour, how much bluer than grey each
	// pixel is (its blue-difference chroma above neutral; 0 for white,
	// grey, black and red): the ink of a blue or violet ballpoint, told
	// apart from black print. It is nil for a grey picture.
	blue []byte
}

// scanDPI is the resolution Tesseract reads best at.
const scanDPI = 300

// maxScanPixels bounds a decoded page picture (about A3 at 400 dpi), so a
// forged size cannot take the memory.
const maxScanPixels = 40 << 20

// errNoScan is a page without a picture to read.
var errNoScan = errors.New("no picture on the page")

// maybeScanned says whether a page's text layer is so thin that the page
// may be a scan: nothing, or only what a signing program stamps on a
// scanned paper ("Ký bởi: ... Thời gian ký: ...", about 30 words).
func maybeScanned(text string) bool {
	return len(strings.Fields(text)) < 60
}

// errNotFullPage is a page whose pictures do not cover it: a page of text
// with a logo or a stamp, not a scan.
var errNotFullPage = errors.New("no picture covers the page")

// pageScan returns picture k of a page (0 the largest, 1 the next...,
// counting those at least 200 pixels a side), grey, at about 300 dpi, and
// the resolution it has then. With full, the largest picture must cover
// the page (the same shape, at 50 to 1200 dpi). A page without such a
// picture k gives errNoScan. A page stored in layers (stencils over a
// background, see composePage) is drawn whole as picture 0.
func pageScan(r *pdf.Reader, file []byte, n int, full bool, k int) (img grayImage, dpi int, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("unreadable picture: %v", e)
		}
	}()
	p := r.Page(n)
	pics, pageW, pageH := pagePictures(p)
	if k >= len(pics) {
		return grayImage{}, 0, errNoScan
	}
	if placed := placedPictures(p); hasStencils(pics) || drawnTurned(placed) {
		// a page in layers, or a picture drawn turned: the page is drawn
		// whole, once
		if k > 0 {
			return grayImage{}, 0, errNoScan
		}
		if full && !slices.ContainsFunc(pics, func(v pdf.Value) bool { return coversPage(v, pageW, pageH) }) {
			return grayImage{}, 0, errNotFullPage
		}
		box := inheritedBox(p)
		img, err = composePage(r, file, placed, box.Index(0).Float64(), box.Index(1).Float64(), pageW, pageH, scanDPI)
		if err != nil {
			return grayImage{}, 0, err
		}
		return rotateGray(img, inheritedInt(p, "Rotate")), scanDPI, nil
	}
	best, bestArea := pics[k], pictureArea(pics[k])
	if full && !coversPage(pics[0], pageW, pageH) {
		return grayImage{}, 0, errNotFullPage
	}
	if bestArea > maxScanPixels {
		return grayImage{}, 0, fmt.Errorf("picture of %d pixels is too large", bestArea)
	}
	raw, err := rawStream(best, r, file)
	if err != nil {
		return grayImage{}, 0, err
	}
	img, err = decodeScan(best, raw)
	if err != nil {
		return grayImage{}, 0, err
	}
	// The largest picture covers the page; a smaller one (a block of text
	// pasted over a blank scan) is taken as scanned at 300 dpi.
	dpi = scanDPI
	if pageW > 0 && k == 0 {
		dpi = int(float64(img.w)/(pageW/72) + 0.5)
	}
	img, dpi = toScanDPI(img, dpi)
	return rotateGray(img, inheritedInt(p, "Rotate")), dpi, nil
}

// pagePictures returns the pictures of a page at least 200 pixels a side,
// largest first, and the page's size in points (0 when unknown).
func pagePictures(p pdf.Page) (pics []pdf.Value, pageW, pageH float64) {
	xobjs := p.Resources().Key("XObject")
	for _, name := range xobjs.Keys() {
		x := xobjs.Key(name)
		if x.Key("Subtype").Name() == "Image" && x.Key("Width").Int64() >= 200 && x.Key("Height").Int64() >= 200 {
			pics = append(pics, x)
		}
	}
	slices.SortStableFunc(pics, func(a, b pdf.Value) int { return cmp.Compare(pictureArea(b), pictureArea(a)) })
	if box := inheritedBox(p); box.Len() == 4 {
		pageW, pageH = box.Index(2).Float64()-box.Index(0).Float64(), box.Index(3).Float64()-box.Index(1).Float64()
	}
	return pics, pageW, pageH
}

func pictureArea(v pdf.Value) int64 { return v.Key("Width").Int64() * v.Key("Height").Int64() }

// coversPage reports whether a picture has the page's shape at 50 to
// 1200 dpi, as stored or turned a quarter: the scan of the whole page.
func coversPage(pic pdf.Value, pageW, pageH float64) bool {
	iw, ih := float64(pic.Key("Width").Int64()), float64(pic.Key("Height").Int64())
	if pageW <= 0 || pageH <= 0 || ih <= 0 || iw <= 0 {
		return false
	}
	fits := func(w, h float64) bool {
		shape := (w / h) / (pageW / pageH)
		d := w / (pageW / 72)
		return shape >= 0.85 && shape <= 1.18 && d >= 50 && d <= 1200
	}
	return fits(iw, ih) || fits(ih, iw) // stored upright, or turned (a phone's photo)
}

// needsOCR says whether page n, whose text layer is text, is to be read
// by OCR: a page without text that has a picture (its scan), or a page
// whose few words (a signing program's stamp) lie over a picture of the
// whole page. A page of text, or a last page of a few lines with a logo
// or a signature picture, has its text already and is not OCRed.
func needsOCR(r *pdf.Reader, n int, text string) (ok bool) {
	if !maybeScanned(text) {
		return false
	}
	defer func() {
		if recover() != nil {
			ok = strings.TrimSpace(text) == "" // OCR says what is wrong with the page
		}
	}()
	p := r.Page(n)
	pics, pageW, pageH := pagePictures(p)
	switch {
	case strings.TrimSpace(text) == "":
		// a scan, or a form that may hold one (OCR then says it found no
		// picture it can read): only a blank page is left alone
		return len(pics) > 0 || drawsForm(p)
	case len(pics) == 0:
		return false
	}
	return coversPage(pics[0], pageW, pageH)
}

// drawsForm reports whether a page has form XObjects (groups of drawing
// that may hold a picture).
func drawsForm(p pdf.Page) bool {
	xobjs := p.Resources().Key("XObject")
	for _, name := range xobjs.Keys() {
		if xobjs.Key(name).Key("Subtype").Name() == "Form" {
			return true
		}
	}
	return false
}

func inheritedInt(p pdf.Page, key string) int {
	for v := p.V; !v.IsNull(); v = v.Key("Parent") {
		if r := v.Key(key); !r.IsNull() {
			return int(r.Int64())
		}
	}
	return 0
}

// rotateGray turns a picture clockwise by a page's /Rotate (a multiple
// of 90 degrees), so its lines run left to right as the page is shown.
func rotateGray(img grayImage, deg int) grayImage {
	deg = ((deg % 360) + 360) % 360
	if deg == 0 || deg%90 != 0 {
		return img
	}
	out := grayImage{w: img.w, h: img.h, pix: rotatePlane(img, img.pix, deg)}
	if deg != 180 {
		out.w, out.h = img.h, img.w
	}
	if img.blue != nil {
		out.blue = rotatePlane(img, img.blue, deg)
	}
	return out
}

// rotatePlane is one plane of img (its grey or its blue) turned
// clockwise by deg (90, 180 or 270).
func rotatePlane(img grayImage, plane []byte, deg int) []byte {
	out := make([]byte, len(plane))
	ow := img.w
	if deg != 180 {
		ow = img.h
	}
	for y := range img.h {
		for x := range img.w {
			var nx, ny int
			switch deg {
			case 90:
				nx, ny = img.h-1-y, x
			case 180:
				nx, ny = img.w-1-x, img.h-1-y
			case 270:
				nx, ny = y, img.w-1-x
			}
			out[ny*ow+nx] = plane[y*img.w+x]
		}
	}
	return out
}

func inheritedBox(p pdf.Page) pdf.Value {
	for v := p.V; !v.IsNull(); v = v.Key("Parent") {
		if b := v.Key("MediaBox"); !b.IsNull() {
			return b
		}
	}
	return pdf.Value{}
}

// rawStream returns a stream's bytes as stored, before any filter: the
// pdf library decodes Flate only and refuses JPEG and fax pictures. It
// knows where the stream starts but does not say, so reflection reads it
// (the library's version is pinned in go.mod; the tests notice a change).
func rawStream(v pdf.Value, r *pdf.Reader, file []byte) ([]byte, error) {
	if !r.Trailer().Key("Encrypt").IsNull() {
		return nil, errors.New("encrypted pictures are not read")
	}
	data := reflect.ValueOf(v).FieldByName("data")
	if data.Kind() == reflect.Interface {
		data = data.Elem()
	}
	if data.Kind() != reflect.Struct || data.Type().Name() != "stream" {
		return nil, errors.New("the picture is not a stream")
	}
	off := data.FieldByName("offset")
	if !off.IsValid() || off.Kind() != reflect.Int64 {
		return nil, errors.New("the pdf library changed: cannot find the picture's bytes")
	}
	start, n := off.Int(), v.Key("Length").Int64()
	if start < 0 || n <= 0 || start >= int64(len(file)) {
		return nil, fmt.Errorf("picture of %d bytes at %d", n, start)
	}
	return file[start:min(start+n, int64(len(file)))], nil
}

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

// toScanDPI scales a picture to between 120 and 400 dpi. Coarse scans
// are enlarged to 200 dpi (at 100 dpi letters are too small for
// Tesseract); 150 dpi reads as well as the same page enlarged to 300 and
// twice as fast. Very fine ones are reduced to 300 dpi (time grows with
// the pixels).
func toScanDPI(img grayImage, dpi int) (grayImage, int) {
	switch {
	case dpi <= 0:
		return img, scanDPI
	case dpi < 120:
		return scaleGray(img, 200/float64(dpi)), 200
	case dpi > 400:
		return scaleGray(img, float64(scanDPI)/float64(dpi)), scanDPI
	}
	return img, dpi
}

// scaleGray resizes by factor f with bilinear sampling (area averaging
// when reducing).
func scaleGray(img grayImage, f float64) grayImage {
	w, h := max(int(float64(img.w)*f+0.5), 1), max(int(float64(img.h)*f+0.5), 1)
	if int64(w)*int64(h) > maxScanPixels {
		return img
	}
	out := grayImage{w: w, h: h, pix: scalePlane(img, img.pix, w, h, f)}
	if img.blue != nil {
		out.blue = scalePlane(img, img.blue, w, h, f)
	}
	return out
}

// scalePlane is one plane of img (its grey or its blue) resized to w × h
// by factor f.
func scalePlane(img grayImage, plane []byte, w, h int, f float64) []byte {
	out := make([]byte, w*h)
	if f < 1 {
		step := 1 / f
		for y := range h {
			y0, y1 := int(float64(y)*step), min(int(float64(y+1)*step), img.h)
			for x := range w {
				x0, x1 := int(float64(x)*step), min(int(float64(x+1)*step), img.w)
				sum, n := 0, 0
				for yy := y0; yy < max(y1, y0+1); yy++ {
					row := plane[yy*img.w:]
					for xx := x0; xx < max(x1, x0+1); xx++ {
						sum += int(row[xx])
						n++
					}
				}
				out[y*w+x] = byte(sum / n)
			}
		}
		return out
	}
	for y := range h {
		sy := (float64(y)+0.5)/f - 0.5
		y0 := max(int(sy), 0)
		y1 := min(y0+1, img.h-1)
		fy := max(sy-float64(y0), 0)
		for x := range w {
			sx := (float64(x)+0.5)/f - 0.5
			x0 := max(int(sx), 0)
			x1 := min(x0+1, img.w-1)
			fx := max(sx-float64(x0), 0)
			a := float64(plane[y0*img.w+x0])*(1-fx) + float64(plane[y0*img.w+x1])*fx
			b := float64(plane[y1*img.w+x0])*(1-fx) + float64(plane[y1*img.w+x1])*fx
			out[y*w+x] = byte(a*(1-fy) + b*fy + 0.5)
		}
	}
	return out
}
