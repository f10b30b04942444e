package meta_test

import (
	"os"
	"path/filepath"
	"testing"

	"khovanban/index/meta"
)

// BenchmarkCorpus reads the first documents of KHOVANBAN_CORPUS.
func BenchmarkCorpus(b *testing.B) {
	dir := os.Getenv("KHOVANBAN_CORPUS")
	if dir == "" {
		b.Skip("set KHOVANBAN_CORPUS")
	}
	var texts []string
	for i := 1; i <= 200; i++ {
		data, err := os.ReadFile(filepath.Join(dir, "doc_"+pad(i)+".txt"))
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, decode(data))
	}
	reg, err := loadRegistry()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("read", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			meta.Read(texts[i%len(texts)], meta.Hint{})
		}
	})
	results := make([]meta.Result, len(texts))
	for i, t := range texts {
		results[i] = meta.Read(t, meta.Hint{})
	}
	b.Run("classify", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			reg.Classify(input(results[i%len(texts)], texts[i%len(texts)]))
		}
	})
}

func pad(i int) string {
	s := "000000" + itoa(i)
	return s[len(s)-6:]
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
