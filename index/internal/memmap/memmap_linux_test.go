package memmap

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"
)

// TestMappedFile maps a file in a folder whose name has spaces, reads
// its pages: this process's maps and smaps show it where it is mapped,
// resident.
func TestMappedFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Kho văn bản")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "000000000002.zap")
	const size = 256 << 10
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	mem, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	sum := 0
	for i := 0; i < size; i += 4096 {
		sum += int(mem[i])
	}
	mine := func(p string) bool { return p == path }
	ms, err := Mappings(mine)
	if err != nil {
		t.Fatal(err)
	}
	start := uint64(uintptr(unsafe.Pointer(&mem[0])))
	if len(ms) != 1 || ms[0].Start != start || ms[0].End != start+size || ms[0].Perms != "r--s" {
		t.Fatalf("mappings %+v, want one at %x, %d bytes", ms, start, size)
	}
	kb, err := ResidentKB(mine)
	if err != nil {
		t.Fatal(err)
	}
	if kb < size>>10 {
		t.Errorf("%d KB resident after reading every page, want %d (sum %d)", kb, size>>10, sum)
	}
}
