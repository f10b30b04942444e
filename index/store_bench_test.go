package index

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khovanban/index/internal/archivestore"
)

// benchDocs makes n documents shaped like vncorpus's: a text of 6 KB on
// average, its .txt original, metadata with where each field came from.
func benchDocs(n int) ([]*Document, map[string][]byte) {
	words := strings.Fields("xã huyện tỉnh kế hoạch thi đua phong trào nông thôn mới đảng ủy ban nhân dân mặt trận tổ quốc hội phụ nữ cựu chiến binh đoàn thanh niên học tập làm theo tư tưởng đạo đức văn hóa khu dân cư môi trường an ninh trật tự giảm nghèo bền vững")
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([]*Document, n)
	originals := map[string][]byte{}
	now := time.Now().UTC()
	for i := range docs {
		var b strings.Builder
		for j := range 300 + rng.IntN(1200) {
			b.WriteString(words[rng.IntN(len(words))])
			if j%17 == 16 {
				b.WriteString(".\n")
			} else {
				b.WriteByte(' ')
			}
		}
		fmt.Fprintf(&b, "\nSố %d.\n", i)
		text := b.String()
		sum := sha256.Sum256([]byte(text))
		hash := hex.EncodeToString(sum[:])
		d := &Document{
			ID: hash[:16], Hash: hash, Title: "Kế hoạch thực hiện phong trào thi đua " + words[i%len(words)],
			Number: fmt.Sprintf("%d/KH-UBND", i), Type: "Kế hoạch", Issuer: "UBND huyện Nam Đàn",
			Date: "2021-01-21", Year: 2021, Place: "Nam Đàn", Signer: "Lê Thị Hoa",
			Campaigns: []string{"Người Việt Nam ưu tiên dùng hàng Việt Nam"}, Topics: []string{"Kinh tế", "Nông nghiệp - nông thôn"},
			OriginalName: fmt.Sprintf("doc_%06d.txt", i), Format: "txt", Encoding: "utf-8", Size: int64(len(text)),
			ImportedAt: now, ModifiedAt: now, Fields: map[string]FieldInfo{}, Why: map[string]string{"Kinh tế": `cụm từ "sản xuất, kinh doanh" (8 lần)`},
			Text: text,
		}
		for _, f := range []string{"title", "number", "type", "issuer", "date", "year", "place", "signer", "campaigns", "topics"} {
			d.Fields[f] = FieldInfo{Origin: ByReader, Confidence: 0.95, Why: "dòng địa danh, ngày tháng, dòng 6 «Nam Đàn, ngày 21 tháng 1 năm 2021»"}
		}
		docs[i] = d
		originals[d.ID] = []byte(text)
	}
	return docs, originals
}

// BenchmarkStoreWrite writes 2,000 documents, in batches of 200 as an
// import does, into a volume store (records appended to a volume, one
// fsync, one catalog transaction a batch). It reports the files it
// leaves and their bytes as a multiple of the text (at this size bbolt's
// growth step, 16 MB, weighs on the catalog). 2,000 documents at load
// 15-19 on 2 cores: 0.38-0.43 s, 2 files, 1.68x; format 1, which wrote
// a journal file, an original and a document file each, one syncfs a
// batch, took 1.5-2.5 s, 4,000 files, 2.40x.
func BenchmarkStoreWrite(b *testing.B) {
	docs, originals := benchDocs(2000)
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.Text))
	}
	const batch = 200
	b.Run("volumes", func(b *testing.B) {
		for range b.N {
			b.StopTimer()
			dir := b.TempDir()
			st, err := archivestore.Open(dir, archivestore.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			for i := 0; i < len(docs); i += batch {
				tx, err := st.Begin()
				if err != nil {
					b.Fatal(err)
				}
				for _, d := range docs[i:min(i+batch, len(docs))] {
					meta := *d
					meta.Text = ""
					data, _ := json.Marshal(&meta)
					if err := tx.PutOriginal(d.Hash, originals[d.ID]); err != nil {
						b.Fatal(err)
					}
					if err := tx.PutDoc(archivestore.Live, d.ID, data, d.Text, d.Hash); err != nil {
						b.Fatal(err)
					}
					tx.MarkUnindexed(d.ID)
				}
				if _, err := tx.Commit(); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			st.Close()
			reportDisk(b, dir, textBytes)
		}
	})
}

// reportDisk reports the files below dir and their bytes, also as a
// multiple of the text.
func reportDisk(b *testing.B, dir string, textBytes int64) {
	var files, size int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files++
			size += info.Size()
		}
		return nil
	})
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/float64(textBytes), "x-text")
}
