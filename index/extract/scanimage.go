package extract

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"
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
func pageScan(r *pdfDoc, file []byte, n int, full bool, k int) (img grayImage, dpi int, err error) {
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
		img, err = composePage(r.Reader, file, placed, box.Index(0).Float64(), box.Index(1).Float64(), pageW, pageH, scanDPI)
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
	raw, err := rawStream(best, r.Reader, file)
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
func needsOCR(r *pdfDoc, n int, text string) (ok bool) {
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
