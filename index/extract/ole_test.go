package extract

import (
	"encoding/binary"
	"strings"
	"unicode/utf16"
)

// buildOLE writes a minimal OLE compound file (version 3, 512-byte
// sectors, no mini stream) holding the given streams, for tests of
// encrypted and Word 97 files. A name with slashes ("ObjectPool/_1/
// WordDocument") puts its stream inside storages, as Word does with an
// embedded document. Streams are padded with zeros to at least 4096 bytes
// so that they live in normal sectors.
func buildOLE(names []string, streams [][]byte) []byte {
	const (
		sector   = 512
		endChain = 0xFFFFFFFE
		free     = 0xFFFFFFFF
		fatSect  = 0xFFFFFFFD
		noStream = 0xFFFFFFFF
	)
	// the directory: entry 0 is the root; each storage's children are
	// chained through their right-sibling pointers in the order met.
	type dirEntry struct {
		name               string
		storage            bool
		child, right, last int // indexes, -1 for none; last: last child
		stream             int // index into streams for a stream entry
	}
	entries := []dirEntry{{name: "Root Entry", storage: true, child: -1, right: -1, last: -1}}
	add := func(parent int, e dirEntry) int {
		e.child, e.right, e.last = -1, -1, -1
		entries = append(entries, e)
		i := len(entries) - 1
		if p := &entries[parent]; p.last < 0 {
			p.child = i
		} else {
			entries[p.last].right = i
		}
		entries[parent].last = i
		return i
	}
	storages := map[string]int{"": 0}
	for i, name := range names {
		parts := strings.Split(name, "/")
		parent, path := 0, ""
		for _, p := range parts[:len(parts)-1] {
			path += "/" + p
			if _, ok := storages[path]; !ok {
				storages[path] = add(parent, dirEntry{name: p, storage: true})
			}
			parent = storages[path]
		}
		add(parent, dirEntry{name: parts[len(parts)-1], stream: i})
	}
	dirSectors := (len(entries) + 3) / 4

	var body []byte // stream sectors, after the FAT and the directory
	starts := make([]uint32, len(streams))
	sizes := make([]int, len(streams))
	fat := []uint32{fatSect} // sector 0: FAT
	for j := range dirSectors {
		if j == dirSectors-1 {
			fat = append(fat, endChain)
		} else {
			fat = append(fat, uint32(j+2))
		}
	}
	for i, s := range streams {
		padded := make([]byte, max(4096, (len(s)+sector-1)/sector*sector))
		copy(padded, s)
		sizes[i] = len(padded)
		starts[i] = uint32(1 + dirSectors + len(body)/sector)
		n := len(padded) / sector
		for j := range n {
			if j == n-1 {
				fat = append(fat, endChain)
			} else {
				fat = append(fat, uint32(len(fat)+1))
			}
		}
		body = append(body, padded...)
	}
	header := make([]byte, sector)
	copy(header, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(header[0x18:], 0x3E)
	le.PutUint16(header[0x1A:], 3)
	le.PutUint16(header[0x1C:], 0xFFFE)
	le.PutUint16(header[0x1E:], 9)
	le.PutUint16(header[0x20:], 6)
	le.PutUint32(header[0x2C:], 1) // FAT sectors
	le.PutUint32(header[0x30:], 1) // first directory sector
	le.PutUint32(header[0x38:], 4096)
	le.PutUint32(header[0x3C:], endChain)
	le.PutUint32(header[0x44:], endChain)
	for i := range 109 {
		le.PutUint32(header[0x4C+i*4:], free)
	}
	le.PutUint32(header[0x4C:], 0)

	fatSector := make([]byte, sector)
	for i := range sector / 4 {
		v := uint32(free)
		if i < len(fat) {
			v = fat[i]
		}
		le.PutUint32(fatSector[i*4:], v)
	}

	dir := make([]byte, dirSectors*sector)
	ref := func(i int) uint32 {
		if i < 0 {
			return noStream
		}
		return uint32(i)
	}
	for i := range dirSectors * 4 {
		e := dir[i*128 : (i+1)*128]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
		if i >= len(entries) {
			continue
		}
		d := entries[i]
		u := utf16.Encode([]rune(d.name))
		for j, c := range u {
			le.PutUint16(e[j*2:], c)
		}
		le.PutUint16(e[64:], uint16(len(u)*2+2))
		e[66], e[67] = 2, 1 // a stream, black
		start, size := uint32(endChain), 0
		switch {
		case i == 0:
			e[66] = 5
		case d.storage:
			e[66], start = 1, 0
		default:
			start, size = starts[d.stream], sizes[d.stream]
		}
		le.PutUint32(e[72:], ref(d.right))
		le.PutUint32(e[76:], ref(d.child))
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	out := append(header, fatSector...)
	out = append(out, dir...)
	return append(out, body...)
}
