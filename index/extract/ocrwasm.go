package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/emscripten"
	"github.com/tetratelabs/wazero/sys"
)

// The built-in engine is Tesseract compiled to WebAssembly by Emscripten
// (tesseract.js-core's LSTM build, see assets/ocr/README.md), run by wazero
// inside the process: no program to install, and it cross-compiles.
//
// Emscripten minifies the names between the module and its JavaScript
// glue; the maps in ocrwasmnames.go were read from that glue. The
// module's imports are a handful of system calls over an in-memory file
// system (the model is the only file), clocks, the heap's growth, and the
// "invoke" trampolines that Emscripten uses for setjmp/longjmp, which
// wazero's emscripten package implements once they carry their usual
// names.

// Errno values of Emscripten's libc (WASI numbering).
const (
	wasmEBADF  = 8
	wasmEINVAL = 28
	wasmENOENT = 44
	wasmENOSYS = 52
	wasmENOTTY = 59
	wasmERANGE = 68
)

// wasmMaxMemory bounds the engine's heap: a 300 dpi A4 page needs about
// 150 MB.
const wasmMaxMemory = 1 << 30

// errWasmAbort is the engine calling abort() or exit().
var errWasmAbort = errors.New("ocr engine aborted")

// wasmEngine compiles the module once; each instance OCRs one page at a
// time.
type wasmEngine struct {
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	model    []byte
}

func newWasmEngine(ctx context.Context, module, model []byte) (*wasmEngine, error) {
	bin, err := renameWasm(module)
	if err != nil {
		return nil, err
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfig().
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(wasmMaxMemory/65536))
	compiled, err := rt.CompileModule(ctx, bin)
	if err != nil {
		_ = rt.Close(ctx)
		return nil, fmt.Errorf("ocr engine: %w", err)
	}
	if _, err := emscripten.InstantiateForModule(ctx, rt, compiled); err != nil {
		_ = rt.Close(ctx)
		return nil, fmt.Errorf("ocr engine: %w", err)
	}
	e := &wasmEngine{rt: rt, compiled: compiled, model: model}
	if _, err := e.hostModule().Instantiate(ctx); err != nil {
		_ = rt.Close(ctx)
		return nil, fmt.Errorf("ocr engine: %w", err)
	}
	return e, nil
}

func (e *wasmEngine) close() { _ = e.rt.Close(context.Background()) }

// wasmInstance is one running Tesseract with the Vietnamese model loaded.
type wasmInstance struct {
	mod  api.Module
	mem  api.Memory
	tess uint32 // TessBaseAPI*
}

// wasmState is what the host functions of one instance work on; it
// travels in the context, since host functions are shared by instances.
type wasmState struct {
	fs       map[string][]byte
	files    map[uint32]*wasmFile
	nextFD   uint32
	log      bytes.Buffer
	progress func(percent int) // during a page; may panic to stop it
}

type wasmFile struct {
	data []byte
	pos  int64
}

type wasmStateKey struct{}

func stateOf(ctx context.Context) *wasmState {
	if s, ok := ctx.Value(wasmStateKey{}).(*wasmState); ok {
		return s
	}
	panic("ocr engine: called without its state")
}

// instance starts a Tesseract and loads the model (about 0.3 s).
func (e *wasmEngine) instance(ctx context.Context) (*wasmInstance, *wasmState, error) {
	st := &wasmState{fs: map[string][]byte{"/tessdata/vie.traineddata": e.model}, files: map[uint32]*wasmFile{}, nextFD: 3}
	ctx = context.WithValue(ctx, wasmStateKey{}, st)
	mod, err := e.rt.InstantiateModule(ctx, e.compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		return nil, nil, fmt.Errorf("ocr engine: %w", err)
	}
	in := &wasmInstance{mod: mod, mem: mod.Memory()}
	fail := func(err error) (*wasmInstance, *wasmState, error) {
		_ = mod.Close(context.Background())
		return nil, nil, fmt.Errorf("ocr engine: %w%s", err, st.logTail())
	}
	if _, err := in.call(ctx, "__wasm_call_ctors"); err != nil {
		return fail(err)
	}
	r, err := in.call(ctx, "TessBaseAPI_new")
	if err != nil {
		return fail(err)
	}
	in.tess = uint32(r)
	dir, err := in.cstring(ctx, "/tessdata")
	if err != nil {
		return fail(err)
	}
	lang, err := in.cstring(ctx, "vie")
	if err != nil {
		return fail(err)
	}
	const oemLSTM = 1
	r, err = in.call(ctx, "TessBaseAPI_Init", uint64(in.tess), uint64(dir), uint64(lang), oemLSTM)
	if err != nil {
		return fail(err)
	}
	if int32(r) != 0 {
		return fail(fmt.Errorf("cannot load the Vietnamese model"))
	}
	// Wide gaps between words stay many spaces (see ocrText).
	name, err := in.cstring(ctx, "preserve_interword_spaces")
	if err != nil {
		return fail(err)
	}
	one, err := in.cstring(ctx, "1")
	if err != nil {
		return fail(err)
	}
	if _, err := in.call(ctx, "TessBaseAPI_SetVariable", uint64(in.tess), uint64(name), uint64(one)); err != nil {
		return fail(err)
	}
	return in, st, nil
}

func (in *wasmInstance) close() { _ = in.mod.Close(context.Background()) }

func (in *wasmInstance) call(ctx context.Context, name string, args ...uint64) (uint64, error) {
	f := in.mod.ExportedFunction(name)
	if f == nil {
		return 0, fmt.Errorf("the module has no %s", name)
	}
	res, err := f.Call(ctx, args...)
	if err != nil {
		return 0, err
	}
	if len(res) == 0 {
		return 0, nil
	}
	return res[0], nil
}

// alloc copies b into the module's heap.
func (in *wasmInstance) alloc(ctx context.Context, b []byte) (uint32, error) {
	r, err := in.call(ctx, "malloc", uint64(len(b)))
	if err != nil {
		return 0, err
	}
	p := uint32(r)
	if p == 0 || !in.mem.Write(p, b) {
		return 0, fmt.Errorf("out of memory for %d bytes", len(b))
	}
	return p, nil
}

func (in *wasmInstance) cstring(ctx context.Context, s string) (uint32, error) {
	return in.alloc(ctx, append([]byte(s), 0))
}

// recognize OCRs an 8-bit grey image at dpi and returns its text, and
// when boxes is set the words with their boxes too (Tesseract's TSV).
func (in *wasmInstance) recognize(ctx context.Context, st *wasmState, img grayImage, dpi int, boxes bool, progress func(int)) (string, string, error) {
	ctx = context.WithValue(ctx, wasmStateKey{}, st)
	st.progress = progress
	defer func() { st.progress = nil }()
	p, err := in.alloc(ctx, img.pix)
	if err != nil {
		return "", "", err
	}
	defer func() { _, _ = in.call(ctx, "free", uint64(p)) }()
	const psmAuto = 3
	if _, err := in.call(ctx, "TessBaseAPI_SetPageSegMode", uint64(in.tess), psmAuto); err != nil {
		return "", "", err
	}
	if _, err := in.call(ctx, "TessBaseAPI_SetImage", uint64(in.tess), uint64(p), uint64(img.w), uint64(img.h), 1, uint64(img.w), 1, 0); err != nil {
		return "", "", err
	}
	if _, err := in.call(ctx, "TessBaseAPI_SetSourceResolution", uint64(in.tess), uint64(dpi)); err != nil {
		return "", "", err
	}
	r, err := in.call(ctx, "TessBaseAPI_GetUTF8Text", uint64(in.tess))
	if err != nil {
		return "", "", fmt.Errorf("%w%s", err, st.logTail())
	}
	text := in.readCString(uint32(r))
	if r != 0 {
		_, _ = in.call(ctx, "free", r)
	}
	var tsv string
	if boxes {
		// The page is recognised already: this only formats the words.
		r, err := in.call(ctx, "TessBaseAPI_GetTSVText", uint64(in.tess), 0)
		if err != nil {
			return "", "", fmt.Errorf("%w%s", err, st.logTail())
		}
		tsv = in.readCString(uint32(r))
		if r != 0 {
			_, _ = in.call(ctx, "free", r)
		}
	}
	if _, err := in.call(ctx, "TessBaseAPI_Clear", uint64(in.tess)); err != nil {
		return "", "", err
	}
	return text, tsv, nil
}

func (in *wasmInstance) readCString(p uint32) string {
	if p == 0 {
		return ""
	}
	var b []byte
	for {
		chunk, ok := in.mem.Read(p, 4096)
		if !ok {
			chunk, _ = in.mem.Read(p, in.mem.Size()-p)
		}
		if i := bytes.IndexByte(chunk, 0); i >= 0 {
			return string(append(b, chunk[:i]...))
		}
		if len(chunk) == 0 {
			return string(b)
		}
		b = append(b, chunk...)
		p += uint32(len(chunk))
	}
}

func (st *wasmState) logTail() string {
	s := strings.TrimSpace(st.log.String())
	if s == "" {
		return ""
	}
	if len(s) > 300 {
		s = s[len(s)-300:]
	}
	return ": " + s
}

// hostModule is the module "a" the engine imports, less the trampolines.
func (e *wasmEngine) hostModule() wazero.HostModuleBuilder {
	b := e.rt.NewHostModuleBuilder("a")
	fn := func(name string, f any) { b.NewFunctionBuilder().WithFunc(f).Export(name) }
	hostAborts(fn)
	hostFiles(fn)
	hostClocks(fn)
	hostHeap(fn)
	return b
}

// hostAborts are the engine's ways out: assertions, exceptions, exit,
// and the functions this build lacks.
func hostAborts(fn func(name string, f any)) {
	abort := func(what string) func(context.Context, api.Module) {
		return func(context.Context, api.Module) { panic(fmt.Errorf("%w: %s", errWasmAbort, what)) }
	}
	// __assert_fail(cond, file, line, func)
	fn("a", func(ctx context.Context, m api.Module, cond, file, line, fun uint32) {
		panic(fmt.Errorf("%w: assertion failed: %s at %s:%d", errWasmAbort, cstr(m, cond), cstr(m, file), line))
	})
	fn("k", func(ctx context.Context, m api.Module, ptr, typ, dtor uint32) { // __cxa_throw
		panic(fmt.Errorf("%w: C++ exception%s", errWasmAbort, stateOf(ctx).logTail()))
	})
	fn("N", abort("abort()"))
	fn("R", func(ctx context.Context, m api.Module, code uint32) { panic(sys.NewExitError(code)) })
	for _, name := range []string{"P", "J"} { // GetOsdText, DetectOS: not built in
		fn(name, func(context.Context, api.Module, uint32, uint32) uint32 {
			panic(fmt.Errorf("%w: missing function", errWasmAbort))
		})
	}
	for _, name := range []string{"S", "y"} { // ClearAdaptiveClassifier, OSResults::print_scores
		fn(name, func(context.Context, api.Module, uint32) { panic(fmt.Errorf("%w: missing function", errWasmAbort)) })
	}
}

// hostFiles are the file system calls: the model is the only file;
// everything written to stdout or stderr is kept for error messages.
func hostFiles(fn func(name string, f any)) {
	fn("n", func(ctx context.Context, m api.Module, dirfd, pathp, flags, varargs uint32) int32 { // openat
		st := stateOf(ctx)
		p := path.Clean("/" + cstr(m, pathp))
		data, ok := st.fs[p]
		if !ok {
			return -wasmENOENT
		}
		if flags&3 != 0 { // O_WRONLY, O_RDWR
			return -2 // EACCES
		}
		fd := st.nextFD
		st.nextFD++
		st.files[fd] = &wasmFile{data: data}
		return int32(fd)
	})
	fn("m", func(ctx context.Context, m api.Module, fd uint32) uint32 { // fd_close
		delete(stateOf(ctx).files, fd)
		return 0
	})
	fn("o", func(ctx context.Context, m api.Module, fd, iovs, n, nread uint32) uint32 { // fd_read
		f, ok := stateOf(ctx).files[fd]
		if !ok {
			return wasmEBADF
		}
		total := uint32(0)
		for i := range n {
			buf, _ := m.Memory().ReadUint32Le(iovs + 8*i)
			size, _ := m.Memory().ReadUint32Le(iovs + 8*i + 4)
			left := f.data[min(f.pos, int64(len(f.data))):]
			k := min(uint32(len(left)), size)
			if !m.Memory().Write(buf, left[:k]) {
				return wasmEINVAL
			}
			f.pos += int64(k)
			total += k
			if k < size {
				break
			}
		}
		m.Memory().WriteUint32Le(nread, total)
		return 0
	})
	fn("l", func(ctx context.Context, m api.Module, fd, iovs, n, nwritten uint32) uint32 { // fd_write
		st := stateOf(ctx)
		total := uint32(0)
		for i := range n {
			buf, _ := m.Memory().ReadUint32Le(iovs + 8*i)
			size, _ := m.Memory().ReadUint32Le(iovs + 8*i + 4)
			if (fd == 1 || fd == 2) && st.log.Len() < 64<<10 {
				b, _ := m.Memory().Read(buf, size)
				st.log.Write(b)
			}
			total += size
		}
		m.Memory().WriteUint32Le(nwritten, total)
		return 0
	})
	fn("E", func(ctx context.Context, m api.Module, fd uint32, off int64, whence, newOff uint32) uint32 { // fd_seek
		f, ok := stateOf(ctx).files[fd]
		if !ok {
			return wasmEBADF
		}
		switch whence {
		case 0:
		case 1:
			off += f.pos
		case 2:
			off += int64(len(f.data))
		default:
			return wasmEINVAL
		}
		if off < 0 {
			return wasmEINVAL
		}
		f.pos = off
		m.Memory().WriteUint64Le(newOff, uint64(off))
		return 0
	})
	fn("K", func(ctx context.Context, m api.Module, fd, buf uint32) int32 { // fstat64
		st := stateOf(ctx)
		if fd <= 2 {
			writeStat(m, buf, 0o20000|0o666, 0) // a character device
			return 0
		}
		f, ok := st.files[fd]
		if !ok {
			return -wasmEBADF
		}
		writeStat(m, buf, 0o100444, int64(len(f.data)))
		return 0
	})
	fn("I", func(ctx context.Context, m api.Module, dirfd, pathp, buf, flags uint32) int32 { // newfstatat
		st := stateOf(ctx)
		p := path.Clean("/" + cstr(m, pathp))
		if data, ok := st.fs[p]; ok {
			writeStat(m, buf, 0o100444, int64(len(data)))
			return 0
		}
		for name := range st.fs {
			if p == "/" || strings.HasPrefix(name, p+"/") {
				writeStat(m, buf, 0o40555, 4096)
				return 0
			}
		}
		return -wasmENOENT
	})
	fn("H", func(ctx context.Context, m api.Module, buf, size uint32) int32 { // getcwd
		if size < 2 {
			return -wasmERANGE
		}
		m.Memory().Write(buf, []byte("/\x00"))
		return 2
	})
	fn("p", func(ctx context.Context, m api.Module, fd, cmd, varargs uint32) int32 { return 0 })              // fcntl64
	fn("O", func(ctx context.Context, m api.Module, fd, op, varargs uint32) int32 { return -wasmENOTTY })     // ioctl
	fn("v", func(ctx context.Context, m api.Module, pathp uint32) int32 { return -wasmENOENT })               // rmdir
	fn("w", func(ctx context.Context, m api.Module, dirfd, pathp, flags uint32) int32 { return -wasmENOENT }) // unlinkat
	fn("x", func(ctx context.Context, m api.Module, n, prot, flags, fd uint32, off int64, allocated, addr uint32) int32 {
		return -wasmENOSYS // mmap of a file
	})
	fn("z", func(ctx context.Context, m api.Module, addr, n, prot, flags, fd uint32, off int64) int32 { return 0 }) // munmap
	fn("Q", func(ctx context.Context, m api.Module, list uint32) {                                                  // _emscripten_fs_load_embedded_files
		st := stateOf(ctx)
		for {
			name, _ := m.Memory().ReadUint32Le(list)
			if name == 0 {
				return
			}
			size, _ := m.Memory().ReadUint32Le(list + 4)
			data, _ := m.Memory().ReadUint32Le(list + 8)
			b, _ := m.Memory().Read(data, size)
			st.fs[path.Clean("/"+cstr(m, name))] = bytes.Clone(b)
			list += 12
		}
	})
	fn("G", func(ctx context.Context, m api.Module, count, size uint32) uint32 { // environ_sizes_get
		m.Memory().WriteUint32Le(count, 0)
		m.Memory().WriteUint32Le(size, 0)
		return 0
	})
	fn("F", func(ctx context.Context, m api.Module, env, buf uint32) uint32 { return 0 }) // environ_get
}

// hostClocks are the clocks and the calendar (UTC).
func hostClocks(fn func(name string, f any)) {
	fn("L", func(context.Context, api.Module) float64 { return float64(time.Now().UnixMilli()) })
	fn("M", func(ctx context.Context, m api.Module, id uint32, precision int64, out uint32) uint32 { // clock_time_get
		m.Memory().WriteUint64Le(out, uint64(time.Now().UnixNano()))
		return 0
	})
	tm := func(m api.Module, t int64, out uint32) {
		u := time.Unix(t, 0).UTC()
		for i, v := range []int{u.Second(), u.Minute(), u.Hour(), u.Day(), int(u.Month()) - 1, u.Year() - 1900, int(u.Weekday()), u.YearDay() - 1, 0, 0} {
			m.Memory().WriteUint32Le(out+4*uint32(i), uint32(v))
		}
	}
	fn("A", func(ctx context.Context, m api.Module, t int64, out uint32) { tm(m, t, out) }) // gmtime
	fn("B", func(ctx context.Context, m api.Module, t int64, out uint32) { tm(m, t, out) }) // localtime: UTC
	fn("C", func(ctx context.Context, m api.Module, p uint32) int64 {                       // mktime
		f := func(i uint32) int { v, _ := m.Memory().ReadUint32Le(p + 4*i); return int(int32(v)) }
		return time.Date(f(5)+1900, time.Month(f(4)+1), f(3), f(2), f(1), f(0), 0, time.UTC).Unix()
	})
	fn("D", func(ctx context.Context, m api.Module, tz, daylight, std, dst uint32) { // tzset
		m.Memory().WriteUint32Le(tz, 0)
		m.Memory().WriteUint32Le(daylight, 0)
		m.Memory().Write(std, []byte("UTC\x00"))
		m.Memory().Write(dst, []byte("UTC\x00"))
	})
}

// hostHeap grows the memory and hears the engine's progress.
func hostHeap(fn func(name string, f any)) {
	fn("u", func(ctx context.Context, m api.Module, want uint32) uint32 { // emscripten_resize_heap
		have := m.Memory().Size()
		if want <= have {
			return 1
		}
		grow := uint64(want-have+65535) / 65536
		grow = max(grow, uint64(have)/65536/4) // in steps of a quarter at least
		if uint64(have)+grow*65536 > wasmMaxMemory {
			grow = (uint64(want) - uint64(have) + 65535) / 65536
		}
		if _, ok := m.Memory().Grow(uint32(grow)); !ok {
			return 0
		}
		return 1
	})
	// emscripten_asm_const_int: the build's only EM_ASM snippets report
	// recognition progress (a percentage).
	fn("s", func(ctx context.Context, m api.Module, code, sig, args uint32) int32 {
		st := stateOf(ctx)
		if st.progress != nil {
			v, _ := m.Memory().ReadUint32Le(args)
			st.progress(int(int32(v)))
		}
		return 0
	})
}

// writeStat fills Emscripten's struct stat.
func writeStat(m api.Module, buf uint32, mode uint32, size int64) {
	zero := make([]byte, 96)
	m.Memory().Write(buf, zero)
	m.Memory().WriteUint32Le(buf+4, mode)
	m.Memory().WriteUint32Le(buf+8, 1) // nlink
	m.Memory().WriteUint64Le(buf+24, uint64(size))
	m.Memory().WriteUint32Le(buf+32, 4096) // blksize
	m.Memory().WriteUint32Le(buf+36, uint32((size+511)/512))
}

func cstr(m api.Module, p uint32) string {
	if p == 0 {
		return ""
	}
	var b []byte
	for i := uint32(0); i < 4096; i++ {
		c, ok := m.Memory().ReadByte(p + i)
		if !ok || c == 0 {
			break
		}
		b = append(b, c)
	}
	return string(b)
}
