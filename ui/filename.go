package ui

import (
	"strings"
	"unicode"
)

// windowsDevices are the names Windows keeps for devices, whatever the
// extension after them: a file saved as "CON.txt" or "nul.docx" writes to
// the device and is lost.
var windowsDevices = []string{"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"}

// safeFileName makes a name a file can have on every system the program
// runs on, from a name that came with a document (a pack from another
// office may carry any): the characters Windows refuses become "_", the
// dots and spaces it drops at the end go, and a device's name gets "_"
// before it. An empty result is "van-ban".
func safeFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`<>:"/\|?*`, r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(strings.TrimSpace(name), ". ")
	stem, _, _ := strings.Cut(name, ".")
	for _, dev := range windowsDevices {
		if strings.EqualFold(strings.TrimSpace(stem), dev) {
			return "_" + name
		}
	}
	if name == "" {
		return "van-ban"
	}
	return name
}
