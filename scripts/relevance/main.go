// Command relevance measures how well the archive's search finds a known
// document, and Recoll's beside it on the same queries, for make bench.
//
//	go run ./scripts/relevance -archive A -truth labels.tsv [-recoll CONFDIR] [-seed 1] [-per 200]
//
// The archive holds the documents already imported (khovanban import).
// The queries are made from the documents by a fixed rule, seeded, never
// chosen by hand; each family takes up to -per documents in a seeded
// order (queries.go). Each query has one right answer: the document it
// was made from, or any of its twins (the same text in another file); for
// a number, any document that bears that number. For every family the
// command prints MRR@10 (the mean of 1/rank of the first right answer in
// the top 10, 0 when none is there) and success@1 (the share of queries
// whose first hit is right), and for quoted phrases how many of the top-10
// hits hold the phrase. With -recoll, recollq answers the same query
// strings from the Recoll index in CONFDIR, built over the same files.
//
// Timings: the in-process time of each search (Result.Took, facets
// counted as the window asks them); with -bin, the median wall time of a
// whole `khovanban search` process and of a whole recollq process on the
// same queries.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"khovanban/assets"
	"khovanban/index"
	"khovanban/index/vntext"
)

func main() {
	archive := flag.String("archive", "", "the archive the documents were imported into")
	truth := flag.String("truth", "", "labels.tsv (file, number, title) or vncorpus truth.tsv (file, number)")
	recoll := flag.String("recoll", "", "a Recoll configuration folder whose index holds the same files")
	seed := flag.Uint64("seed", 1, "seed of the query rule")
	per := flag.Int("per", 200, "queries per family at most")
	bin := flag.String("bin", "", "the khovanban executable, to time whole search processes")
	procs := flag.Int("procs", 40, "with -bin: how many queries to time as whole processes")
	misses := flag.String("misses", "", "write every query whose first hit is wrong to this TSV file")
	name := flag.String("name", "", "what the corpus is, for the table")
	flag.Parse()
	if *archive == "" || *truth == "" {
		fmt.Fprintln(os.Stderr, "usage: relevance -archive DIR -truth FILE [-recoll CONFDIR] [-bin khovanban]")
		os.Exit(2)
	}
	if err := run(*archive, *truth, *recoll, *seed, *per, *bin, *procs, *misses, *name); err != nil {
		fmt.Fprintln(os.Stderr, "relevance:", err)
		os.Exit(1)
	}
}

func run(dir, truthFile, recollConf string, seed uint64, per int, bin string, procs int, missFile, name string) error {
	ctx := context.Background()
	a, err := index.OpenReadOnly(dir, index.Options{Registry: assets.Registry, Program: "relevance"})
	if err != nil {
		return err
	}
	defer a.Close()
	truth, err := readTruth(truthFile)
	if err != nil {
		return err
	}
	docs, err := loadDocs(ctx, a, truth)
	if err != nil {
		return err
	}
	queries := makeQueries(docs, seed, per)
	if name == "" {
		name = filepath.Base(filepath.Dir(truthFile))
	}
	fmt.Printf("relevance: %s: %d documents (%d twin groups), %d queries, seed %d; %d numbers left out, not in the text read\n",
		name, len(docs.list), docs.groups, len(queries), seed, docs.unread)

	var rc *recollq
	if recollConf != "" {
		rc = &recollq{conf: recollConf}
	}
	var tookAll []time.Duration
	scores := map[string]*tally{}
	var missOut *bufio.Writer
	if missFile != "" {
		f, err := os.Create(missFile)
		if err != nil {
			return err
		}
		defer f.Close()
		missOut = bufio.NewWriter(f)
		defer missOut.Flush()
		fmt.Fprintln(missOut, "family\tquery\twant\tours rank\tours first\trecoll rank\trecoll first")
	}
	for _, q := range queries {
		t := scores[q.family]
		if t == nil {
			t = &tally{}
			scores[q.family] = t
		}
		res, err := a.Search(ctx, index.Request{Query: q.text, AsYouType: q.asYouType, Limit: 10, DisjunctiveFacets: true})
		if err != nil {
			return fmt.Errorf("search %q: %w", q.text, err)
		}
		tookAll = append(tookAll, res.Took)
		t.took = append(t.took, res.Took)
		var ours []int
		for _, h := range res.Hits {
			ours = append(ours, docs.at(docs.byID, h.ID))
		}
		oursRank := t.ours.add(docs, q, ours)
		recollRank := -1
		var theirs []int
		if rc != nil {
			text := q.text
			if q.asYouType {
				text += "*" // Recoll's own way to ask for a word's start
			}
			names, err := rc.query(text)
			if err != nil {
				return err
			}
			for _, n := range names {
				theirs = append(theirs, docs.at(docs.byFile, n))
			}
			recollRank = t.recoll.add(docs, q, theirs)
		}
		if missOut != nil && (oursRank != 1 || rc != nil && recollRank != 1) {
			fmt.Fprintf(missOut, "%s\t%s\t%s\t%d\t%s\t%d\t%s\n", q.family, q.text, docs.list[q.target].file,
				oursRank, docs.name(ours), recollRank, docs.name(theirs))
		}
	}

	fmt.Printf("\n| %s: family | queries | ours MRR@10 | ours success@1 | Recoll MRR@10 | Recoll success@1 | ours in process p50 / p99 |\n|---|---|---|---|---|---|---|\n", name)
	for _, f := range families {
		t := scores[f]
		if t == nil {
			continue
		}
		rcol := "| – | – |"
		if rc != nil {
			rcol = fmt.Sprintf("| %.3f | %.3f |", t.recoll.mrr(), t.recoll.success())
		}
		fmt.Printf("| %s | %d | %.3f | %.3f %s %s / %s |\n", f, t.ours.n, t.ours.mrr(), t.ours.success(), rcol,
			ms(percentile(t.took, 50)), ms(percentile(t.took, 99)))
	}
	if t := scores[famPhraseQuoted]; t != nil {
		fmt.Printf("\nquoted phrases: top-10 hits that hold the phrase: ours %d of %d", t.ours.holding, t.ours.hits)
		if rc != nil {
			fmt.Printf(", Recoll %d of %d", t.recoll.holding, t.recoll.hits)
		}
		fmt.Println()
	}
	fmt.Printf("in-process search (10 hits, snippets, facets), %d queries: p50 %s, p99 %s, max %s\n",
		len(tookAll), ms(percentile(tookAll, 50)), ms(percentile(tookAll, 99)), ms(slices.Max(tookAll)))
	if bin != "" {
		if err := timeProcesses(dir, bin, rc, queries, seed, procs); err != nil {
			return err
		}
	}
	return nil
}

// tally adds up one engine's answers to one family of queries.
type tally struct {
	ours, recoll score
	took         []time.Duration // our in-process times
}

type score struct {
	n, top1       int
	rr            float64
	hits, holding int // quoted phrases: top-10 hits, and those holding the phrase
}

func (s *score) mrr() float64     { return s.rr / float64(max(s.n, 1)) }
func (s *score) success() float64 { return float64(s.top1) / float64(max(s.n, 1)) }

// add scores one answer (documents, best first; -1 for one not in the
// archive) and returns the rank of the first right one, 0 when none is in
// the top 10.
func (s *score) add(docs *corpus, q query, hits []int) int {
	s.n++
	rank := 0
	for i, d := range hits[:min(10, len(hits))] {
		if q.holders != nil {
			s.hits++
			if q.holders[d] {
				s.holding++
			}
		}
		if rank == 0 && d >= 0 && q.right(docs, d) {
			rank = i + 1
		}
	}
	if rank > 0 {
		s.rr += 1 / float64(rank)
	}
	if rank == 1 {
		s.top1++
	}
	return rank
}

// truthRow is what the labels say of one file.
type truthRow struct{ number, title string }

// readTruth reads a tab-separated file with a header naming at least the
// columns file and number, and maybe title.
func readTruth(file string) (map[string]truthRow, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord = '\t', true, -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	if _, ok := col["file"]; !ok {
		return nil, fmt.Errorf("%s: no column named file", file)
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	out := map[string]truthRow{}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		number := strings.TrimLeft(strings.TrimPrefix(get(rec, "number"), "Số"), ": ")
		if number == "n/a" {
			number = ""
		}
		out[vntext.NFC(path.Base(get(rec, "file")))] = truthRow{number: number, title: get(rec, "title")}
	}
}

// recollq asks Recoll.
type recollq struct{ conf string }

func (r *recollq) command(q string) *exec.Cmd {
	cmd := exec.Command("recollq", "-c", r.conf, "-b", "-n", "0-9", q)
	// Recoll's filters are Python scripts run by "env python3": the
	// system's, not one a version manager put first on PATH.
	cmd.Env = append(os.Environ(), "PATH=/usr/bin:/bin:"+os.Getenv("PATH"))
	return cmd
}

// query returns the file names of Recoll's top 10.
func (r *recollq) query(q string) ([]string, error) {
	cmd := r.command(q)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("recollq %q: %w: %s", q, err, stderr.String())
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		if p, ok := strings.CutPrefix(line, "file://"); ok {
			names = append(names, vntext.NFC(path.Base(p)))
		}
	}
	return names, nil
}

// timeProcesses times whole search processes, ours and Recoll's, on a
// seeded sample of the queries, alternating the two: wall time, and CPU
// time (user and system), which other work on the machine disturbs less.
func timeProcesses(dir, bin string, rc *recollq, queries []query, seed uint64, n int) error {
	r := rand.New(rand.NewPCG(seed, 7))
	sample := slices.Clone(queries)
	r.Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
	sample = sample[:min(n, len(sample))]
	var ours, theirs, oursCPU, theirsCPU []time.Duration
	runOne := func(cmd *exec.Cmd, wall, cpu *[]time.Duration) error {
		cmd.Stdout = io.Discard
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), err)
		}
		*wall = append(*wall, time.Since(start))
		*cpu = append(*cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
		return nil
	}
	for _, q := range sample {
		if err := runOne(exec.Command(bin, "-archive", dir, "search", "-limit", "10", q.text), &ours, &oursCPU); err != nil {
			return err
		}
		if rc != nil {
			if err := runOne(rc.command(q.text), &theirs, &theirsCPU); err != nil {
				return err
			}
		}
	}
	fmt.Printf("whole process, %d queries: khovanban search median %s wall (p90 %s), %s CPU", len(sample),
		ms(percentile(ours, 50)), ms(percentile(ours, 90)), ms(percentile(oursCPU, 50)))
	if rc != nil {
		fmt.Printf("; recollq median %s wall (p90 %s), %s CPU", ms(percentile(theirs, 50)), ms(percentile(theirs, 90)), ms(percentile(theirsCPU, 50)))
	}
	fmt.Println()
	return nil
}

func percentile(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[min(len(s)-1, (len(s)*p+99)/100-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/1e6) }
