// Package memmap reads which files are mapped into this process, where,
// and how much of each is resident, from /proc/self/maps and
// /proc/self/smaps (Linux; elsewhere there is no such file and the
// functions return its error). The engine uses it to let go of the pages
// of the index's segment files, the tests to measure what stays mapped.
package memmap

import (
	"bufio"
	"io"
	"os"
	"strconv"
	"strings"
)

// Mapping is one mapping of a file into this process.
type Mapping struct {
	Start, End uint64 // its addresses: [Start, End)
	Perms      string // "r--s": read only, shared
	Path       string // the file's path, as the kernel writes it
	RssKB      int    // how much of it is resident, in KB (Resident only)
}

// Mappings lists the mappings of this process whose path match accepts
// (/proc/self/maps, which does not count resident pages).
func Mappings(match func(path string) bool) ([]Mapping, error) {
	return read("/proc/self/maps", match)
}

// Resident is Mappings with each mapping's resident size
// (/proc/self/smaps, slower: the kernel counts the pages).
func Resident(match func(path string) bool) ([]Mapping, error) {
	return read("/proc/self/smaps", match)
}

// ResidentKB is how much of the files whose path match accepts is
// mapped into this process and resident, in KB.
func ResidentKB(match func(path string) bool) (int, error) {
	ms, err := Resident(match)
	kb := 0
	for _, m := range ms {
		kb += m.RssKB
	}
	return kb, err
}

func read(name string, match func(string) bool) ([]Mapping, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(f, match)
}

// Parse reads a maps or smaps file: the mappings whose path match
// accepts, in their order, with their Rss when the file says it.
// Anonymous mappings have no path and are never accepted.
func Parse(r io.Reader, match func(path string) bool) ([]Mapping, error) {
	var ms []Mapping
	mine := false
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if m, ok := header(line); ok {
			mine = m.Path != "" && match(m.Path)
			if mine {
				ms = append(ms, m)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Rss:"); ok && mine {
			fields := strings.Fields(rest) // "1234 kB"
			if len(fields) == 2 && fields[1] == "kB" {
				n, _ := strconv.Atoi(fields[0])
				ms[len(ms)-1].RssKB += n
			}
		}
	}
	return ms, sc.Err()
}

// header reads a mapping's line: "start-end perms offset dev inode
// path", the path after spaces that align it, itself possibly with
// spaces (a folder "Kho văn bản"). smaps' other lines ("Rss:  12 kB")
// are not one.
func header(line string) (Mapping, bool) {
	var fields [5]string
	rest := line
	for i := range fields {
		rest = strings.TrimLeft(rest, " ")
		end := strings.IndexByte(rest, ' ')
		if end < 0 {
			end = len(rest)
		}
		fields[i], rest = rest[:end], rest[end:]
	}
	lo, hi, ok := strings.Cut(fields[0], "-")
	if !ok || len(fields[1]) != 4 {
		return Mapping{}, false
	}
	start, err1 := strconv.ParseUint(lo, 16, 64)
	end, err2 := strconv.ParseUint(hi, 16, 64)
	if err1 != nil || err2 != nil || end <= start {
		return Mapping{}, false
	}
	return Mapping{Start: start, End: end, Perms: fields[1], Path: strings.TrimLeft(rest, " ")}, true
}
