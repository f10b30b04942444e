package meta_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"khovanban/index/meta"
	"khovanban/index/vntext"
)

// TestCorpusAccuracy reads a vncorpus directory (KHOVANBAN_CORPUS=dir with
// truth.tsv) and checks number, type, date and issuer on at least 99% of
// the documents and the campaign on at least 95%.
func TestCorpusAccuracy(t *testing.T) {
	dir := os.Getenv("KHOVANBAN_CORPUS")
	if dir == "" {
		t.Skip("set KHOVANBAN_CORPUS to a vncorpus directory with truth.tsv")
	}
	rows := readTruth(t, filepath.Join(dir, "truth.tsv"))
	fields := []string{"number", "type", "date", "issuer", "campaign"}
	right := map[string]int{}
	var spent time.Duration
	labels := 0 // campaigns given in all, to watch precision
	for _, row := range rows {
		data, err := os.ReadFile(filepath.Join(dir, row["file"]))
		if err != nil {
			t.Fatal(err)
		}
		text := decode(data)
		start := time.Now()
		r := meta.Read(text, meta.Hint{FileName: row["file"]})
		camps := campaigns(t, r, text)
		spent += time.Since(start)
		camp := ""
		if len(camps) > 0 {
			camp = camps[0]
		}
		labels += len(camps)
		got := map[string]bool{
			"number":   meta.NormalizeNumber(r.Number.Text) == meta.NormalizeNumber(row["number"]),
			"type":     key(r.Type.Text) == key(row["doctype"]),
			"date":     r.Date.Text == row["date"],
			"issuer":   key(r.Issuer.Text) == key(row["issuer"]),
			"campaign": camp == campaignNames[row["campaign"]],
		}
		for _, f := range fields {
			if got[f] {
				right[f]++
			} else if testing.Verbose() && os.Getenv("KHOVANBAN_CORPUS_MISSES") != "" {
				t.Logf("%s %s: truth %q, got number %q type %q date %q issuer %q campaign %q",
					row["file"], f, row, r.Number.Text, r.Type.Text, r.Date.Text, r.Issuer.Text, camp)
			}
		}
	}
	n := len(rows)
	t.Logf("%d documents, %v per document (read + classify), %.2f campaigns per document",
		n, spent/time.Duration(max(n, 1)), float64(labels)/float64(max(n, 1)))
	for _, f := range fields {
		acc := float64(right[f]) / float64(n)
		t.Logf("%-8s %6.2f%% (%d/%d)", f, 100*acc, right[f], n)
		bar := 0.99
		if f == "campaign" {
			bar = 0.95
		}
		if acc < bar {
			t.Errorf("%s accuracy %.2f%% is below %.0f%%", f, 100*acc, 100*bar)
		}
	}
}

// decode turns a corpus file into clean NFC text the way the importer
// does: Windows-1258 when it is not UTF-8.
func decode(data []byte) string {
	if !utf8.Valid(data) {
		if d, err := charmap.Windows1258.NewDecoder().Bytes(data); err == nil {
			data = d
		}
	}
	return vntext.Clean(string(data))
}

// key compares two names ignoring case and tone placement.
func key(s string) string {
	var words []string
	for _, t := range vntext.Tokens(s) {
		words = append(words, vntext.Key(t.Text))
	}
	return strings.Join(words, " ")
}

func readTruth(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var head []string
	var rows []map[string]string
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if head == nil {
			head = cols
			continue
		}
		row := map[string]string{}
		for i, c := range cols {
			if i < len(head) {
				row[head[i]] = c
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}
