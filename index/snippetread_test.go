package index

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

// TestRawText reads JSON strings in memory a piece at a time: the pieces
// put together are the string json decodes, each cut between words, for
// any piece size.
func TestRawText(t *testing.T) {
	texts := []string{
		"",
		"một",
		"Điều 1.\tQuy định \"chung\" \\ <b> & 😀 \u2028 về công tác dân vận khéo\r\n",
		strings.Repeat("Ủy ban nhân dân xã Kiến An báo cáo.\n", 500),
		strings.Repeat("không-có-khoảng-trắng-nào-cả-", 200),
	}
	for _, text := range texts {
		raw, _ := json.Marshal(map[string]string{"text": text})
		at := strings.Index(string(raw), `"text":"`)
		for _, size := range []int{1, 7, 64, 4 << 10, 1 << 20} {
			rt := &rawText{rest: raw[at+len(`"text":"`):]}
			var got strings.Builder
			for {
				p, err := rt.next(size)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatalf("size %d: %v", size, err)
				}
				if rt.more() && len(p) > 0 && size >= 64 && !strings.ContainsAny(p[len(p)-1:], " \n\t") && strings.ContainsAny(p, " \n\t") {
					t.Errorf("size %d: piece %q not cut between words", size, p[max(0, len(p)-20):])
				}
				got.WriteString(p)
			}
			if got.String() != text {
				t.Errorf("size %d: got %q, want %q", size, got.String()[:min(80, got.Len())], text[:min(80, len(text))])
			}
		}
	}
	for _, text := range texts {
		rt := &rawText{rest: []byte(text), plain: true}
		var got strings.Builder
		for {
			p, err := rt.next(64)
			if err != nil {
				break
			}
			got.WriteString(p)
		}
		if got.String() != text {
			t.Errorf("plain: got %q, want %q", got.String()[:min(80, got.Len())], text[:min(80, len(text))])
		}
	}
	// Escapes other writers use: a surrogate pair, a lone surrogate.
	rt := &rawText{rest: []byte(`a\ud83d\ude00 b\ud83d c\u0041"`)}
	if p, err := rt.next(64); err != nil || p != "a😀 b\uFFFD cA" {
		t.Errorf("escapes read as %q, %v", p, err)
	}
	if _, err := (&rawText{rest: []byte(`no end`)}).next(64); err == nil {
		t.Error("a string without its closing quote read")
	}
}

// TestSplitRawDoc decodes a stored document's metadata and leaves its
// text to be read; a file it cannot split is left to the slow path.
func TestSplitRawDoc(t *testing.T) {
	d := &Document{ID: "0123456789abcdef", Title: "Kế hoạch \"text\":\" số 1", Campaigns: []string{"Dân vận khéo"}, Text: "Nội dung \"text\":\" ở đây."}
	raw, _ := json.Marshal(d)
	got, text, ok := splitRawDoc(raw)
	if !ok || got.Title != d.Title || got.ID != d.ID || len(got.Campaigns) != 1 {
		t.Fatalf("%v %+v", ok, got)
	}
	p, err := text.next(1 << 10)
	if err != nil || p != d.Text {
		t.Errorf("text %q, %v", p, err)
	}
	for _, bad := range []string{`{"text":"x"}`, `{"id":"","text":"x"}`, `not json`, `{"id":"a","title":1,"text":"x"}`} {
		if _, _, ok := splitRawDoc([]byte(bad)); ok {
			t.Errorf("%s split", bad)
		}
	}
}

// TestHitCacheFollowsEdits: a hit shown again comes from the hit cache,
// and a document changed since (a title of the same length) is read
// again.
func TestHitCacheFollowsEdits(t *testing.T) {
	a := newTestArchive(t)
	dir := writeDocs(t, map[string]string{"kh.txt": testDocs["kh-quyet-tam.txt"]})
	if _, err := a.Import(context.Background(), []string{dir}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	search := func() Hit {
		t.Helper()
		res, err := a.Search(context.Background(), Request{Query: "quyết tâm"})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%v, %+v", err, res)
		}
		return res.Hits[0]
	}
	first := search()
	if _, ok := a.store.hits.entries[first.ID]; !ok || len(first.Snippet.Marks) == 0 {
		t.Fatalf("the hit was not kept, or not marked: %+v", first.Snippet)
	}
	if again := search(); again.Title != first.Title || again.Snippet.Text != first.Snippet.Text {
		t.Errorf("from the cache: %+v, was %+v", again, first)
	}
	title := []rune(first.Title)
	title[0] = 'X'
	if _, err := a.Edit(first.ID, map[string]string{"title": string(title)}); err != nil {
		t.Fatal(err)
	}
	if got := search(); got.Title != string(title) {
		t.Errorf("after the edit: title %q, want %q", got.Title, string(title))
	}
}
