package ui

import "testing"

// A name that came with a document is never suggested as one that Windows
// would write to a device or refuse (safety review, session 12: a pack can
// set a document's original name to CON.txt).
func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Kế hoạch 12-KH.docx": "Kế hoạch 12-KH.docx",
		"CON":                 "_CON",
		"con.txt":             "_con.txt",
		"LPT9.tar.gz":         "_LPT9.tar.gz",
		"COM10.txt":           "COM10.txt",
		"bao cao. ":           "bao cao",
		`a:b*c?"d"<e>|f`:      "a_b_c__d__e__f",
		"..\\..\\x":           ".._.._x",
		"\x00\x01":            "__",
		"...":                 "van-ban",
		"":                    "van-ban",
		"Console.txt":         "Console.txt",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
