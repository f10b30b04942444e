package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"slices"
	"strings"
	"testing"
)

// TestDocFontRuns reads the character runs of a Word 97 file made by
// LibreOffice from an old .VnTime document. The heading's runs name their
// font (.VnTimeH); the body's runs take the font of their style. Both are
// decoded run by run, without readDoc's paragraph fallback.
func TestDocFontRuns(t *testing.T) {
	streams, err := oleStreams("doc", readTestdata(t, "vntime.doc"))
	if err != nil {
		t.Fatal(err)
	}
	text, runEnc, hint, err := docText(streams["WordDocument"], streams)
	if err != nil {
		t.Fatal(err)
	}
	if runEnc != encTCVN3 || hint != encTCVN3 {
		t.Errorf("run encoding %q, font table hint %q; want tcvn3", runEnc, hint)
	}
	for _, want := range []string{"NGHỊ QUYẾT VỀ THỰC HIỆN PHONG TRÀO", "Quán triệt nghị quyết đến toàn thể đảng viên"} {
		if !strings.Contains(vntextNFC(text), want) {
			t.Errorf("%q missing from run-decoded text:\n%s", want, text)
		}
	}
}

func TestGrpprlSprm(t *testing.T) {
	// sprmCFBold (toggle, 1 byte), a variable-size sprm, then sprmCRgFtc0 = 3
	g := []byte{0x35, 0x08, 0x01, 0x00, 0xC6, 0x02, 0xAA, 0xBB, 0x4F, 0x4A, 0x03, 0x00}
	if ftc, ok := grpprlSprm(g, sprmCRgFtc0); !ok || ftc != 3 {
		t.Errorf("got %d, %v; want 3", ftc, ok)
	}
	if _, ok := grpprlSprm([]byte{0x4F, 0x4A, 0x03}, sprmCRgFtc0); ok {
		t.Error("truncated operand accepted")
	}
}

func TestFontAt(t *testing.T) {
	runs := []docRun{{0, 10, "Arial"}, {20, 30, ".VnTime"}}
	for fc, want := range map[int64]string{0: "Arial", 9: "Arial", 10: "", 25: ".VnTime", 30: ""} {
		if got := fontAt(runs, fc); got != want {
			t.Errorf("fontAt(%d) = %q, want %q", fc, got, want)
		}
	}
}

// styledDocParts are the table-stream pieces of a Word 97 file whose
// fonts come from its style sheet: fonts 0 Times New Roman, 1 .VnTime,
// 2 .VnTimeH; styles 0 "Normal" (.VnTime), 1 "Heading" based on Normal
// (.VnTimeH), 2 "Plain" (no font: the default, Times New Roman) and 3, a
// character style "Caps" (.VnTimeH).
func styledDocParts() (ffn, stsh []byte) {
	le := binary.LittleEndian
	ffn = le.AppendUint16(nil, 3)
	ffn = append(ffn, 0, 0)
	for _, name := range []string{"Times New Roman", ".VnTime", ".VnTimeH"} {
		rec := append(make([]byte, 39), utf16le(name)...)
		rec = append(rec, 0, 0)
		ffn = append(append(ffn, byte(len(rec))), rec...)
	}
	stsh = le.AppendUint16(nil, 18) // cbStshi
	stshi := make([]byte, 18)
	le.PutUint16(stshi, 4)      // cstd
	le.PutUint16(stshi[2:], 10) // cbSTDBaseInFile
	// rgftcStandardChp at 12: font 0
	stsh = append(stsh, stshi...)
	style := func(name string, stk, base int, upxs ...[]byte) {
		std := make([]byte, 10)
		le.PutUint16(std[2:], uint16(stk|base<<4))
		std = le.AppendUint16(std, uint16(len(name)))
		std = append(append(std, utf16le(name)...), 0, 0)
		for _, u := range upxs {
			std = append(le.AppendUint16(std, uint16(len(u))), u...)
			if len(u)%2 == 1 {
				std = append(std, 0)
			}
		}
		stsh = append(le.AppendUint16(stsh, uint16(len(std))), std...)
	}
	font := func(ftc int) []byte { return []byte{0x4F, 0x4A, byte(ftc), 0} }
	para := func(istd int) []byte { return le.AppendUint16(nil, uint16(istd)) }
	style("Normal", 1, istdNil, para(0), font(1))
	style("Heading", 1, 0, para(1), append([]byte{0x35, 0x08, 0x01}, font(2)...)) // bold, then the font
	style("Plain", 1, istdNil, para(2), nil)
	style("Caps", 2, istdNil, font(2))
	return ffn, stsh
}

// buildStyledDoc makes a Word 97 file of three paragraphs whose runs
// name no font: a heading (.VnTimeH through its style), a body paragraph
// (.VnTime through Normal) and a plain paragraph (Times New Roman by
// default) holding a run in the "Caps" character style.
func buildStyledDoc(t *testing.T) []byte {
	le := binary.LittleEndian
	heading := append(tcvn3Bytes(t, "chính phủ"), '\r')
	body := append(tcvn3Bytes(t, "Nghị định về việc phát hành"), '\r')
	plain := append([]byte("Ha Noi, "), tcvn3Bytes(t, "quyết định")...)
	plain = append(plain, '\r')
	text := append(append(append([]byte{}, heading...), body...), plain...)
	const at = 0x800
	p1, p2 := int64(at+len(heading)), int64(at+len(heading)+len(body))
	caps := p2 + int64(len("Ha Noi, "))
	end := int64(at + len(text))

	w := wordStream(0)
	w = append(w, make([]byte, 0x1400-len(w))...)
	le.PutUint16(w[0x98:], 93) // cbRgFcLcb
	copy(w[at:], text)
	le.PutUint32(w[0x4C:], uint32(len(text))) // ccpText

	// PAPX FKP (page 8): the heading's PapxInFkp in the cb form, the
	// others in the cb = 0 form.
	papx := w[0x1000:0x1200]
	for i, fc := range []int64{at, p1, p2, end} {
		le.PutUint32(papx[i*4:], uint32(fc))
	}
	for i, e := range []struct {
		off  int
		papx []byte
	}{{0x60, []byte{2, 1, 0, 0}}, {0x70, []byte{0, 1, 0, 0}}, {0x80, []byte{0, 1, 2, 0}}} {
		papx[16+13*i] = byte(e.off)
		copy(papx[e.off*2:], e.papx)
	}
	papx[fkpSize-1] = 3
	// CHPX FKP (page 9): one run in the character style.
	chpx := w[0x1200:0x1400]
	for i, fc := range []int64{caps, end - 1} {
		le.PutUint32(chpx[i*4:], uint32(fc))
	}
	chpx[8] = 0x80
	copy(chpx[0x100:], []byte{4, 0x30, 0x4A, 3, 0}) // sprmCIstd 3
	chpx[fkpSize-1] = 1

	var plc []byte
	plc = le.AppendUint32(le.AppendUint32(plc, 0), uint32(len(text)))
	plc = append(plc, 0, 0)
	plc = le.AppendUint32(plc, at*2|0x40000000)
	plc = append(plc, 0, 0)
	clx := append([]byte{0x02}, le.AppendUint32(nil, uint32(len(plc)))...)
	clx = append(clx, plc...)

	ffn, stsh := styledDocParts()
	table := make([]byte, 16)
	put := func(index int, b []byte) {
		le.PutUint32(w[0x9A+index*8:], uint32(len(table)))
		le.PutUint32(w[0x9A+index*8+4:], uint32(len(b)))
		table = append(table, b...)
	}
	put(fibClxIndex, clx)
	put(fibFfnIndex, ffn)
	put(fibStshIndex, stsh)
	put(fibBtePapxIndex, le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, at), uint32(end)), 8))
	put(fibBteChpxIndex, le.AppendUint32(le.AppendUint32(le.AppendUint32(nil, uint32(caps)), uint32(end)), 9))
	return buildOLE([]string{"WordDocument", "0Table"}, [][]byte{w, table})
}

// TestDocStyleFonts reads a Word 97 file whose legacy fonts are set only
// in its style sheet, as old documents typed in .VnTime and .VnTimeH
// often are: a paragraph takes its style's font (and the font of the
// style it is based on), a run its character style's, and text with none
// the style sheet's default. Before the style sheet was read, the
// heading came out in lower case ("chính phủ").
func TestDocStyleFonts(t *testing.T) {
	res, err := Extract(context.Background(), "styled.doc", buildStyledDoc(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "CHÍNH PHỦ\n\nNghị định về việc phát hành\n\nHa Noi, QUYẾT ĐỊNH"
	if got := vntextNFC(res.Text); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if res.Encoding != encTCVN3 {
		t.Errorf("encoding %q, want tcvn3", res.Encoding)
	}
}

// TestDocStylesDamaged reads style sheets that are cut or loop through
// their based-on styles: fonts are a bonus, so nothing panics and what
// can be read is read.
func TestDocStylesDamaged(t *testing.T) {
	ffn, stsh := styledDocParts()
	fonts := docFontNames(ffn)
	styles, def := docStyles(stsh, fonts)
	if want := []string{".VnTime", ".VnTimeH", "", ".VnTimeH"}; def != "Times New Roman" || !slices.Equal(styles, want) {
		t.Fatalf("styles %q, default %q", styles, def)
	}
	for n := range len(stsh) {
		docStyles(stsh[:n], fonts)
	}
	loop := bytes.Clone(stsh)
	// make Normal (the first STD, after cbStshi, the STSHI and cbStd) based on Heading
	binary.LittleEndian.PutUint16(loop[2+18+2+2:], uint16(1|1<<4))
	loop[2+18+2+10+2+2*len("Normal")+2+2+2+2+2] = 9 // and its own font out of range
	if styles, _ := docStyles(loop, fonts); styles[0] != ".VnTimeH" || styles[2] != "" {
		t.Errorf("looping styles read as %q", styles)
	}
}
