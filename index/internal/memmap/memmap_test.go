package memmap

import (
	"slices"
	"strings"
	"testing"
)

// TestParse reads an smaps file's mappings: the path after the spaces
// that align it, spaces in it kept (the engine's own reading skipped a
// segment in a folder "Kho văn bản"), Rss summed per mapping, anonymous
// mappings and other lines left out.
func TestParse(t *testing.T) {
	const smaps = `55d0c0a00000-55d0c0a21000 r--p 00000000 fd:01 1311 /usr/bin/khovanban
Rss:                 132 kB
Pss:                 132 kB
7f0a1c000000-7f0a1c400000 r--s 00000000 fd:01 9001                       /home/an/Kho văn bản/index/store/000000000002.zap
Size:               4096 kB
Rss:                 560 kB
VmFlags: rd sh mr mw me ms sd
7f0a1c400000-7f0a1c500000 rw-p 00000000 00:00 0 
Rss:                  64 kB
7f0a1c500000-7f0a1c600000 r--s 00000000 fd:01 9002                       /home/an/Kho văn bản/index/store/000000000003.zap (deleted)
Rss:                   8 kB
`
	zap := func(p string) bool { return strings.HasPrefix(p, "/home/an/Kho văn bản/") }
	ms, err := Parse(strings.NewReader(smaps), zap)
	if err != nil {
		t.Fatal(err)
	}
	want := []Mapping{
		{Start: 0x7f0a1c000000, End: 0x7f0a1c400000, Perms: "r--s", Path: "/home/an/Kho văn bản/index/store/000000000002.zap", RssKB: 560},
		{Start: 0x7f0a1c500000, End: 0x7f0a1c600000, Perms: "r--s", Path: "/home/an/Kho văn bản/index/store/000000000003.zap (deleted)", RssKB: 8},
	}
	if !slices.Equal(ms, want) {
		t.Errorf("got %+v\nwant %+v", ms, want)
	}
	all, _ := Parse(strings.NewReader(smaps), func(string) bool { return true })
	if len(all) != 3 || all[0].Path != "/usr/bin/khovanban" || all[0].RssKB != 132 {
		t.Errorf("every file's mapping: %+v", all)
	}
	// maps has the same lines without the counts.
	var maps []string
	for _, l := range strings.Split(smaps, "\n") {
		if _, ok := header(l); ok {
			maps = append(maps, l)
		}
	}
	ms, _ = Parse(strings.NewReader(strings.Join(maps, "\n")), zap)
	if len(ms) != 2 || ms[0].RssKB != 0 || ms[0].Start != want[0].Start || ms[1].Path != want[1].Path {
		t.Errorf("from maps: %+v", ms)
	}
}
