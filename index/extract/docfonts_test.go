package extract

import (
	"strings"
	"testing"
)

// TestDocFontRuns reads the character runs of a Word 97 file made by
// LibreOffice from an old .VnTime document. The heading's runs name their
// font (.VnTimeH) and are decoded run by run; the body's runs take the
// font of their style, which is not read, so readDoc's paragraph fallback
// decodes them (TestDocLegacyFont).
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
	if want := "NGHỊ QUYẾT VỀ THỰC HIỆN PHONG TRÀO"; !strings.Contains(vntextNFC(text), want) {
		t.Errorf("%q missing from run-decoded text:\n%s", want, text)
	}
}

func TestGrpprlFont(t *testing.T) {
	// sprmCFBold (toggle, 1 byte), a variable-size sprm, then sprmCRgFtc0 = 3
	g := []byte{0x35, 0x08, 0x01, 0x00, 0xC6, 0x02, 0xAA, 0xBB, 0x4F, 0x4A, 0x03, 0x00}
	if ftc, ok := grpprlFont(g); !ok || ftc != 3 {
		t.Errorf("got %d, %v; want 3", ftc, ok)
	}
	if _, ok := grpprlFont([]byte{0x4F, 0x4A, 0x03}); ok {
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
