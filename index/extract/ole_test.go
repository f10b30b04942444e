package extract

import (
	"encoding/binary"
	"unicode/utf16"
)

// buildOLE writes a minimal OLE compound file (version 3, 512-byte
// sectors, no mini stream) holding the given streams, for tests of
// encrypted and Word 97 files. Streams are padded with zeros to at least
// 4096 bytes so that they live in normal sectors.
func buildOLE(names []string, streams [][]byte) []byte {
	const (
		sector   = 512
		endChain = 0xFFFFFFFE
		free     = 0xFFFFFFFF
		fatSect  = 0xFFFFFFFD
		noStream = 0xFFFFFFFF
	)
	var body []byte // stream sectors, starting at sector 2
	starts := make([]uint32, len(streams))
	sizes := make([]int, len(streams))
	var fat []uint32
	fat = append(fat, fatSect, endChain) // sector 0: FAT, sector 1: directory
	for i, s := range streams {
		padded := make([]byte, max(4096, (len(s)+sector-1)/sector*sector))
		copy(padded, s)
		sizes[i] = len(padded)
		starts[i] = uint32(2 + len(body)/sector)
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

	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, child, right, start uint32, size int) {
		e := dir[i*128 : (i+1)*128]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[j*2:], c)
		}
		le.PutUint16(e[64:], uint16(len(u)*2+2))
		e[66], e[67] = typ, 1
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint32(e[120:], uint32(size))
	}
	entry(0, "Root Entry", 5, 1, noStream, endChain, 0)
	for i := range streams {
		right := uint32(noStream)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, names[i], 2, noStream, right, starts[i], sizes[i])
	}
	for i := len(streams) + 1; i < 4; i++ {
		le.PutUint32(dir[i*128+68:], noStream)
		le.PutUint32(dir[i*128+72:], noStream)
		le.PutUint32(dir[i*128+76:], noStream)
	}
	out := append(header, fatSector...)
	out = append(out, dir...)
	return append(out, body...)
}
