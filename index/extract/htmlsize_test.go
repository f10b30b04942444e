package extract

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestHTMLManyElementsReadAsTokens: a saved page of more elements than a
// tree is built for (maxHTMLElems; 300,000 paragraphs, 6 MB) is read from
// its tokens, every paragraph's text kept, allocating a few times its
// size. Before, its tree was built (about 280 bytes a node), readability
// gave up on it, and it was built again: 12 MB of paragraphs took 826 MB
// to read, 16 MB 1.5 GB, on PCs of 4 GB.
func TestHTMLManyElementsReadAsTokens(t *testing.T) {
	const paras = 300_000
	var b strings.Builder
	b.WriteString("<html><head><title>Sổ theo dõi</title></head><body>")
	for i := range paras {
		fmt.Fprintf(&b, "<p>dòng số %d\n", i)
	}
	b.WriteString("</body></html>")
	page := []byte(b.String())
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Extract(context.Background(), "so.htm", page, Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dòng số 0", "dòng số 150000", fmt.Sprint("dòng số ", paras-1)} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("%q not in the text", want)
		}
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("a page of %d MB: %d MB allocated", len(page)>>20, alloc>>20)
	if alloc > 12*uint64(len(page)) {
		t.Errorf("a page of %d MB allocated %d MB: its tree was built", len(page)>>20, alloc>>20)
	}
}
