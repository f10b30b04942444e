package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// wasmInvokes are the imports (module "a") that are Emscripten's invoke_*
// trampolines, renamed so that wazero's emscripten package serves them;
// "t" is _emscripten_throw_longjmp.
var wasmInvokes = map[string]string{
	"b": "invoke_iiii", "c": "invoke_ii", "d": "invoke_vi", "e": "invoke_iii",
	"f": "invoke_vii", "g": "invoke_viii", "h": "invoke_iiiii", "i": "invoke_iiiiii",
	"j": "invoke_viiii", "q": "invoke_viiiii", "r": "invoke_viiiiiiiii",
	"t": "_emscripten_throw_longjmp",
}

// wasmExports renames the exports the trampolines and ocrwasm.go call.
var wasmExports = map[string]string{
	"Af": "setThrew",
	"Bf": "_emscripten_stack_restore",
	"Cf": "emscripten_stack_get_current",
	"U":  "__wasm_call_ctors",
	"xf": "malloc",
	"wf": "free",
	"Kc": "TessBaseAPI_new",            // _emscripten_bind_TessBaseAPI_TessBaseAPI_0
	"ad": "TessBaseAPI_Init",           // ..._Init_3(self, datapath, language, oem)
	"Tc": "TessBaseAPI_SetVariable",    // ..._SetVariable_2(self, name, value)
	"gd": "TessBaseAPI_SetPageSegMode", // ..._SetPageSegMode_1(self, mode)
	"ld": "TessBaseAPI_SetImage",       // ..._SetImage_5(self, data, w, h, bpp, bpl, exif, angle)
	"nd": "TessBaseAPI_SetSourceResolution",
	"Id": "TessBaseAPI_GetUTF8Text", // returns a malloc'ed string
	"Ld": "TessBaseAPI_GetTSVText",  // ..._GetTSVText_1(self, page): the words and their boxes
	"Rd": "TessBaseAPI_Clear",
	"Sd": "TessBaseAPI_End",
}

// renameWasm gives the trampolines and the exports ocrwasm.go uses their
// Emscripten names, rewriting the import and export sections.
func renameWasm(bin []byte) ([]byte, error) {
	if len(bin) < 8 || !bytes.Equal(bin[:4], []byte("\x00asm")) {
		return nil, fmt.Errorf("ocr engine: not a WebAssembly module")
	}
	out := append([]byte(nil), bin[:8]...)
	r := &wasmReader{b: bin, i: 8}
	for r.i < len(bin) {
		id := r.byte()
		size := int(r.u32())
		if r.err != nil || r.i+size > len(bin) {
			return nil, fmt.Errorf("ocr engine: damaged module")
		}
		body := bin[r.i : r.i+size]
		r.i += size
		var err error
		switch id {
		case 2:
			body, err = renameImports(body)
		case 7:
			body, err = renameExports(body)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, id)
		out = binary.AppendUvarint(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, nil
}

func renameImports(body []byte) ([]byte, error) {
	r := &wasmReader{b: body}
	n := r.u32()
	out := binary.AppendUvarint(nil, uint64(n))
	for range n {
		mod, name := r.name(), r.name()
		start := r.i
		switch kind := r.byte(); kind {
		case 0: // function
			r.u32()
		case 1: // table
			r.byte()
			r.limits()
		case 2: // memory
			r.limits()
		case 3: // global
			r.byte()
			r.byte()
		default:
			return nil, fmt.Errorf("ocr engine: import kind %d", kind)
		}
		if r.err != nil {
			return nil, fmt.Errorf("ocr engine: damaged imports")
		}
		if to, ok := wasmInvokes[name]; ok && mod == "a" {
			mod, name = "env", to
		}
		out = appendName(appendName(out, mod), name)
		out = append(out, body[start:r.i]...)
	}
	return out, r.err
}

func renameExports(body []byte) ([]byte, error) {
	r := &wasmReader{b: body}
	n := r.u32()
	out := binary.AppendUvarint(nil, uint64(n))
	for range n {
		name := r.name()
		kind := r.byte()
		idx := r.u32()
		if to, ok := wasmExports[name]; ok {
			name = to
		}
		out = appendName(out, name)
		out = append(out, kind)
		out = binary.AppendUvarint(out, uint64(idx))
	}
	if r.err != nil {
		return nil, fmt.Errorf("ocr engine: damaged exports")
	}
	return out, nil
}

func appendName(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// wasmReader reads the pieces of a WebAssembly section; the first error
// sticks.
type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.err != nil || r.i >= len(r.b) {
		r.err = errors.New("short")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *wasmReader) u32() uint32 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.i:])
	if n <= 0 || v > math.MaxUint32 {
		r.err = errors.New("bad number")
		return 0
	}
	r.i += n
	return uint32(v)
}

func (r *wasmReader) name() string {
	n := int(r.u32())
	if r.err != nil || r.i+n > len(r.b) {
		r.err = errors.New("short")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *wasmReader) limits() {
	flag := r.byte()
	r.u32()
	if flag&1 != 0 {
		r.u32()
	}
}
