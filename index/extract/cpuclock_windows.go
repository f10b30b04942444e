package extract

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

var procGetThreadTimes = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetThreadTimes")

// processCPU: the system's tesseract is never run on Windows.
func processCPU(int) cpuClock { return nil }

// threadCPU is the clock of the calling OS thread's CPU time (kernel and
// user, GetThreadTimes), or nil; the caller keeps its goroutine on the
// thread (runtime.LockOSThread) while the clock is read, and calls release
// after.
func threadCPU() (clock cpuClock, release func()) {
	h, err := windows.OpenThread(windows.THREAD_QUERY_LIMITED_INFORMATION, false, windows.GetCurrentThreadId())
	if err != nil {
		return nil, func() {}
	}
	ticks := func(ft windows.Filetime) time.Duration {
		return time.Duration(int64(ft.HighDateTime)<<32|int64(ft.LowDateTime)) * 100
	}
	read := func() (time.Duration, bool) {
		var created, exited, kernel, user windows.Filetime
		r, _, _ := procGetThreadTimes.Call(uintptr(h), uintptr(unsafe.Pointer(&created)), uintptr(unsafe.Pointer(&exited)),
			uintptr(unsafe.Pointer(&kernel)), uintptr(unsafe.Pointer(&user)))
		if r == 0 {
			return 0, false
		}
		return ticks(kernel) + ticks(user), true
	}
	if _, ok := read(); !ok {
		_ = windows.CloseHandle(h)
		return nil, func() {}
	}
	return read, func() { _ = windows.CloseHandle(h) }
}
