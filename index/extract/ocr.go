package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"khovanban/index/extract/digits"
)

// OCRConfig says which engines an OCR may use.
type OCRConfig struct {
	// Engine is Tesseract compiled to WebAssembly (assets.OCREngine) and
	// Model its Vietnamese model (assets.OCRVietnamese): the built-in
	// engine, run inside the process. Without them only the system's
	// tesseract can be used.
	Engine, Model []byte
	// System uses the tesseract program when it is installed with
	// Vietnamese (it is about ten times faster). It is never looked for
	// on Windows, where a console program would flash a window.
	System bool
	// Digits is the handwritten-digit reader's weights
	// (assets.HandDigits): with either engine, the number and day
	// written by hand in a scanned first page's header are read with it
	// (see Result.Handwritten). Without it they are left unread.
	Digits []byte
}

// OCR reads the text of scanned pages in Vietnamese with Tesseract: the
// system's tesseract when allowed and installed, else the built-in one.
// It is safe for concurrent use: each page being read has its own engine
// instance. The built-in engine is compiled on first use (about 2 s).
// Close frees it.
type OCR struct {
	cfg OCRConfig

	once   sync.Once
	system string      // path of tesseract, or ""
	wasm   *wasmEngine // nil when system is used or the engine failed
	err    error       // why there is no engine
	digits *digits.Net

	mu     sync.Mutex
	idle   []*wasmSlot
	closed bool
}

type wasmSlot struct {
	in *wasmInstance
	st *wasmState
}

// NewOCR returns an OCR; nothing is started before the first page.
func NewOCR(cfg OCRConfig) *OCR { return &OCR{cfg: cfg} }

// Engine names the engine pages are read with: "tesseract" (the system's
// program) or "built-in"; "" with the reason when none can run.
func (o *OCR) Engine() (string, error) {
	o.start()
	switch {
	case o.system != "":
		return "tesseract", nil
	case o.wasm != nil:
		return "built-in", nil
	}
	return "", o.err
}

func (o *OCR) start() {
	o.once.Do(func() {
		if len(o.cfg.Digits) > 0 {
			o.digits, _ = digits.LoadNet(o.cfg.Digits) // a bad file only loses the handwriting
		}
		if o.cfg.System && runtime.GOOS != "windows" {
			if p, err := findTesseract(context.Background()); err == nil {
				o.system = p
				return
			} else {
				o.err = err
			}
		}
		if len(o.cfg.Engine) == 0 || len(o.cfg.Model) == 0 {
			if o.err == nil {
				o.err = errors.New("no OCR engine")
			}
			return
		}
		o.wasm, o.err = newWasmEngine(context.Background(), o.cfg.Engine, o.cfg.Model)
	})
}

// Close stops the built-in engine and frees its memory. A nil OCR may be
// closed.
func (o *OCR) Close() {
	if o == nil {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.closed = true
	for _, s := range o.idle {
		s.in.close()
	}
	o.idle = nil
	if o.wasm != nil {
		o.wasm.close()
	}
}

// readBoxes OCRs one grey picture at dpi; progress hears percentages of
// the page when the engine tells them. Cancelling ctx stops the page.
// When boxes is set it gives as well the words with their boxes
// (Tesseract's TSV), from either engine.
func (o *OCR) readBoxes(ctx context.Context, img grayImage, dpi int, boxes bool, progress func(int)) (string, string, error) {
	o.start()
	if o.system != "" {
		return runTesseract(ctx, o.system, img, dpi, boxes)
	}
	if o.wasm == nil {
		return "", "", o.err
	}
	// The engine runs in this goroutine: kept on its thread, the thread's
	// CPU time is the page's.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock, release := threadCPU()
	defer release()
	defer budgetOf(ctx).begin(clock)()
	o.mu.Lock()
	if o.closed {
		o.mu.Unlock()
		return "", "", errors.New("OCR closed")
	}
	var s *wasmSlot
	if n := len(o.idle); n > 0 {
		s, o.idle = o.idle[n-1], o.idle[:n-1]
	}
	o.mu.Unlock()
	if s == nil {
		in, st, err := o.wasm.instance(ctx)
		if err != nil {
			return "", "", err
		}
		s = &wasmSlot{in: in, st: st}
	}
	text, tsv, err := s.in.recognize(ctx, s.st, img, dpi, boxes, progress)
	if err != nil {
		// A page stopped half-way leaves the engine in an unknown state.
		s.in.close()
		if ctx.Err() != nil {
			return "", "", ctx.Err()
		}
		return "", "", err
	}
	s.st.log.Reset()
	o.mu.Lock()
	if o.closed {
		s.in.close()
	} else {
		o.idle = append(o.idle, s)
	}
	o.mu.Unlock()
	return ocrText(text), tsv, nil
}

// ocrPages fills pages (0-based texts) for the 1-based page numbers in
// empty (pages with no text or very little, and the garbled ones) by OCR,
// when opt.OCR is set. A page in garbled has an OCR layer that reads as
// no Vietnamese ("ngdy", "viQc"): the OCR's text replaces it, and it is
// kept when the page cannot be read again. It returns how many pages it
// read and the warnings to report: "scanned-no-ocr" when the pages could
// not be read at all, "ocr-failed" for pages without text that failed. A
// blank page (the back of a sheet, a seal alone) is not read and not a
// failure, unless no page of the file has any text: then it is told too.
//
// The file is read again for its pictures with the budget the text was
// read with (newPDFBudget): each page its own, the file's growing with
// each page, its object streams charged as what they inflate to. With
// the file's budget alone, a long scan whose pages share what they draw
// lost its last pages as "reading loops".
func ocrPages(ctx context.Context, data []byte, objStms []objStmSpan, empty []int, garbled map[int]bool, pages []string, opt Options) ([]Warning, int, *Handwritten, error) {
	blank, bad := 0, 0 // pages without any text (those a reader misses), pages garbled
	for _, n := range empty {
		switch {
		case garbled[n]:
			bad++
		case strings.TrimSpace(pages[n-1]) == "":
			blank++
		}
	}
	noOCR := func(why string) []Warning {
		var what []string
		if blank > 0 {
			what = append(what, fmt.Sprintf("%d of %d pages have no text layer", blank, len(pages)))
		}
		if bad > 0 {
			what = append(what, fmt.Sprintf("%d of %d pages have a garbled OCR layer", bad, len(pages)))
		}
		if len(what) == 0 {
			return nil
		}
		return []Warning{{Code: WarnScannedNoOCR, Detail: strings.Join(what, ", ") + "; " + why}}
	}
	if opt.OCR == nil {
		return noOCR("OCR is off"), 0, nil, nil
	}
	if _, err := opt.OCR.Engine(); err != nil {
		return noOCR(err.Error()), 0, nil, nil
	}
	r, err := openScans(ctx, data, objStms)
	if err != nil {
		return noOCR(err.Error()), 0, nil, nil
	}
	var failed []string
	var blanks []int // pages with nothing on them to read
	var hand *Handwritten
	read := 0
	for i, n := range empty {
		if err := ctx.Err(); err != nil {
			return nil, read, nil, err
		}
		if opt.OCRProgress != nil {
			opt.OCRProgress(i+1, len(empty))
		}
		// A page with a little text (a signing program's stamp) is read
		// only when a picture covers it; its text is kept after the OCR's.
		// A garbled layer was found over a picture of the whole page.
		layer := strings.TrimSpace(pages[n-1])
		if garbled[n] {
			layer = ""
		}
		pageCtx, cancel := withPageBudget(ctx)
		// The first page holds the header, whose number and day may be
		// written by hand.
		text, h, err := readScan(pageCtx, opt.OCR, r, data, n, layer != "", n == 1)
		if err != nil && pageCtx.Err() != nil && ctx.Err() == nil {
			err = context.Cause(pageCtx) // its CPU time used up, or the last resort
		}
		cancel()
		if h != (Handwritten{}) {
			hand = &h
		}
		if errors.Is(err, errBlankScan) {
			blanks = append(blanks, n)
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, read, nil, ctx.Err()
			}
			if strings.TrimSpace(pages[n-1]) == "" {
				failed = append(failed, fmt.Sprintf("page %d: %v", n, err))
			}
			continue
		}
		if layer != "" {
			text += "\n\n" + pages[n-1]
		}
		pages[n-1] = text
		read++
	}
	if len(failed) == 0 && read == 0 && len(blanks) > 0 && !slices.ContainsFunc(pages, func(p string) bool { return strings.TrimSpace(p) != "" }) {
		// Nothing on any page: kept, and told, rather than refused as empty.
		for _, n := range blanks {
			failed = append(failed, fmt.Sprintf("page %d: %v", n, errBlankScan))
		}
	}
	if len(failed) > 0 {
		return []Warning{{Code: WarnOCRFailed, Detail: strings.Join(failed, "; ")}}, read, hand, nil
	}
	return nil, read, hand, nil
}

// ocrSpecks are the marks Tesseract makes of a signature's stroke or a
// speck of dust just before a word ("“Đặng Văn Minh").
const ocrSpecks = "“”\"'‘’`~_¬|"

// cells cuts a line of Tesseract's at each wide gap (four spaces or
// more) followed by a capital letter, specks before it aside: the
// header's second column, the signer's name beside the list of
// recipients and most table cells start with one, while the gap of a
// date whose day is left blank or written by hand ("ngày      tháng 9
// năm 2025") must not cut it.
func cells(line string) []string {
	var out []string
	for _, piece := range strings.Split(line, "    ") {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(strings.TrimLeft(piece, ocrSpecks))
		if len(out) > 0 && !unicode.IsUpper(r) {
			out[len(out)-1] += " " + piece
			continue
		}
		out = append(out, piece)
	}
	return out
}

// openScans opens a PDF to read its pages' pictures, with the budget its
// text was read with (see ocrPages).
func openScans(ctx context.Context, data []byte, objStms []objStmSpan) (*pdfDoc, error) {
	return openPDF(newPDFBudget(ctx, data, objStms), int64(len(data)))
}

// errBlankScan is a page whose pictures have no print on them (see
// blankScan): there is nothing to read, which is not a failure.
var errBlankScan = errors.New("the page's pictures are blank")

// readScan OCRs a page's largest picture and, when that gives next to
// nothing (a blank scan with the text pasted over it as another picture),
// the next ones. A blank picture is not read: a page whose pictures are
// all blank is errBlankScan; one whose pictures hold no text is another
// error. With header, the handwritten number and day of the largest
// picture are read too, when the OCR has a digit reader. The page is read
// within a page's budget (startPage).
func readScan(ctx context.Context, ocr *OCR, r *pdfDoc, data []byte, n int, full, header bool) (string, Handwritten, error) {
	r.startPage()
	var texts []string
	var hand Handwritten
	words, blank := 0, 0
	k := 0
	for ; k < 3 && words < 20; k++ {
		img, dpi, err := pageScan(r, data, n, full, k)
		if k > 0 && errors.Is(err, errNoScan) {
			break
		}
		if err != nil {
			return "", hand, err
		}
		if blankScan(img) {
			blank++
			continue
		}
		boxes := header && k == 0 && ocr.digits != nil
		text, tsv, err := ocr.readBoxes(ctx, img, dpi, boxes, nil)
		if err != nil {
			return "", hand, err
		}
		if boxes {
			hand = readHandwritten(ocr.digits, img, tsv)
		}
		if text != "" {
			texts = append(texts, text)
			words += len(strings.Fields(text))
		}
	}
	if len(texts) == 0 && blank == k {
		return "", hand, errBlankScan
	}
	if len(texts) == 0 {
		return "", hand, errors.New("no text found in the page's pictures")
	}
	return strings.Join(texts, "\n\n"), hand, nil
}

// blankScan tells a scanned picture with no print on it: the back of a
// sheet scanned both sides, or a page with only a seal (red, which
// turning the picture grey leaves light). Inside its margins (where a
// scanner leaves a dark edge and a punch its holes), fewer than 1 pixel
// in 1000 is dark and fewer than 5 in 1000 grey. Measured on 230 pages
// of real scans: the blank ones had at most 0.01% dark and 0.04% grey,
// the emptiest page with print on it 0.47% dark. Reading a blank page
// took Tesseract 15-30 s on a busy PC and found nothing.
func blankScan(img grayImage) bool {
	x0, x1, y0, y1 := img.w*6/100, img.w*94/100, img.h*5/100, img.h*95/100
	area := (x1 - x0) * (y1 - y0)
	if area <= 0 {
		return false
	}
	dark, grey := 0, 0
	for y := y0; y < y1; y++ {
		for _, v := range img.pix[y*img.w+x0 : y*img.w+x1] {
			switch {
			case v < 128:
				dark++
			case v < 200:
				grey++
			}
		}
	}
	return dark*1000 < area && grey*200 < area
}

// findTesseract returns the path of tesseract if it is installed with
// the Vietnamese language data.
func findTesseract(ctx context.Context) (string, error) {
	path, err := exec.LookPath("tesseract")
	if err != nil {
		return "", fmt.Errorf("tesseract not found")
	}
	out, err := exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tesseract --list-langs failed: %v", err)
	}
	for _, l := range strings.Fields(string(out)) {
		if l == "vie" {
			return path, nil
		}
	}
	return "", fmt.Errorf("tesseract has no Vietnamese (vie) language data")
}

// runTesseract OCRs one picture in Vietnamese with the tesseract program,
// one thread (the import reads several files at once; tesseract's own
// threads made a page 3.7 times slower on 2 cores). With boxes it writes
// the words with their boxes too (its "tsv" output, beside the text in a
// folder of its own), for the handwritten-digit reader: without them a
// machine with tesseract installed read fewer numbers than one without.
func runTesseract(ctx context.Context, tesseract string, img grayImage, dpi int, boxes bool) (string, string, error) {
	var in bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&in, &image.Gray{Pix: img.pix, Stride: img.w, Rect: image.Rect(0, 0, img.w, img.h)}); err != nil {
		return "", "", err
	}
	out, args := "stdout", []string{"txt"}
	if boxes {
		dir, err := os.MkdirTemp("", "khovanban-ocr-")
		if err != nil {
			return "", "", fmt.Errorf("tesseract: %w", err)
		}
		defer os.RemoveAll(dir)
		out, args = filepath.Join(dir, "page"), []string{"txt", "tsv"}
	}
	args = append([]string{"stdin", out, "-l", "vie", "--dpi", strconv.Itoa(dpi), "-c", "preserve_interword_spaces=1"}, args...)
	cmd := exec.CommandContext(ctx, tesseract, args...)
	cmd.Stdin = &in
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		return "", "", fmt.Errorf("tesseract: %v", err)
	}
	budget := budgetOf(ctx)
	budget.begin(processCPU(cmd.Process.Pid))
	err := cmd.Wait()
	var used time.Duration
	if st := cmd.ProcessState; st != nil {
		used = st.UserTime() + st.SystemTime()
	}
	budget.endWith(used)
	if err != nil {
		return "", "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if !boxes {
		return ocrText(stdout.String()), "", nil
	}
	text, err := os.ReadFile(out + ".txt")
	if err != nil {
		return "", "", fmt.Errorf("tesseract: %w", err)
	}
	tsv, _ := os.ReadFile(out + ".tsv") // without boxes only the handwriting is lost
	return ocrText(string(text)), string(tsv), nil
}

// ocrText tidies Tesseract's text: its lines are kept (a document's
// header lines carry the issuer, number and date), a line is cut where
// its words are far apart (the header's two columns, table cells: with
// preserve_interword_spaces Tesseract keeps a wide gap as many spaces),
// and blocks are separated by one blank line.
func ocrText(text string) string {
	var blocks []string
	for _, block := range strings.Split(text, "\n\n") {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			for _, cell := range cells(l) {
				if cell = strings.Join(strings.Fields(cell), " "); cell != "" {
					lines = append(lines, cell)
				}
			}
		}
		if len(lines) > 0 {
			blocks = append(blocks, strings.Join(lines, "\n"))
		}
	}
	return strings.Join(blocks, "\n\n")
}
