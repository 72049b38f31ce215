package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/related/related/rank"
)

func runExport(e *env, args []string) error {
	fs := newFlagSet(e, "export", `Writes the related talks of every talk, in the order of the corpus: JSON Lines
(one object per talk, the default), CSV (one row per related talk) or JSON
(one array). Lists are computed on all cores (--workers); the output is the
same whatever the number of workers. A progress bar with the time left is
shown on standard error when it is a terminal.`)
	var src sourceFlags
	src.register(fs)
	k := fs.Int("k", 10, "number of related talks per talk")
	var bf blendFlags
	bf.register(fs)
	explain := fs.Bool("explain", false, "add the shared words and codes of each related talk")
	terms := fs.Int("terms", 5, "with --explain, number of shared words per related talk")
	to := fs.String("to", "jsonl", "output `format`: jsonl, csv or json")
	out := fs.String("o", "-", "write to `FILE` (- is standard output)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "number of parallel workers")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("export takes no arguments, got %q", pos)
	}
	switch *to {
	case "jsonl", "csv", "json":
	default:
		return usagef("--to must be jsonl, csv or json, got %q", *to)
	}
	if *workers < 1 {
		return usagef("--workers must be at least 1")
	}
	q := rank.DefaultQuery()
	bf.apply(&q)
	// Lists for other tools keep every result; folding is for reading.
	q.K, q.Collapse, q.ExplainTerms = *k, 0, 0
	if *explain {
		q.ExplainTerms = *terms
	}
	if err := validateQuery(q); err != nil {
		return err
	}
	if err := src.checkOutputs(output{"-o", *out}); err != nil {
		return err
	}
	eng, err := src.load(e)
	if err != nil {
		return err
	}
	w, commit, abort, err := createOutput(e, *out)
	if err != nil {
		return err
	}
	defer abort()
	var bar *progress
	if e.isTTY {
		bar = newProgress(e.stderr, "export", eng.index.Len())
	}
	ex := exporter{ix: eng.index, q: q, format: *to, explain: *explain, workers: *workers, progress: bar}
	if err := ex.run(w); err != nil {
		return err
	}
	return commit()
}

// exporter computes related lists in parallel, in blocks of documents,
// and writes the blocks in document order.
type exporter struct {
	ix       *rank.Index
	q        rank.Query
	format   string
	explain  bool
	workers  int
	progress *progress
}

const exportBlock = 64

type exportJob struct {
	lo, hi int
	out    chan []byte
}

// exportRow is one talk's related list in JSON.
type exportRow struct {
	ID      string          `json:"id"`
	Related []exportRelated `json:"related"`
}

type exportRelated struct {
	Rank   int              `json:"rank"`
	ID     string           `json:"id"`
	Score  float64          `json:"score"`
	Cosine float64          `json:"cosine"`
	MSCSim float64          `json:"msc_similarity"`
	Terms  []rank.TermMatch `json:"shared_terms,omitempty"`
	Codes  []rank.CodeMatch `json:"shared_codes,omitempty"`
}

func (x *exporter) run(w io.Writer) error {
	n := x.ix.Len()
	bw := bufio.NewWriterSize(w, 1<<20)
	jobs := make(chan exportJob)
	order := make(chan chan []byte, 4*x.workers)
	var failed sync.Once
	var firstErr error
	fail := func(err error) { failed.Do(func() { firstErr = err }) }
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := 0; lo < n; lo += exportBlock {
			j := exportJob{lo: lo, hi: min(lo+exportBlock, n), out: make(chan []byte, 1)}
			order <- j.out
			jobs <- j
		}
	}()
	var wg sync.WaitGroup
	for range x.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				b, err := x.block(j.lo, j.hi)
				if err != nil {
					fail(err)
				}
				j.out <- b
			}
		}()
	}
	if x.format == "json" {
		bw.WriteString("[")
	}
	if x.format == "csv" {
		cols := "source_id,rank,id,score,cosine,msc_similarity"
		if x.explain {
			cols += ",shared_words,shared_codes"
		}
		bw.WriteString(cols + "\n")
	}
	done := 0
	for ch := range order {
		b := <-ch
		bw.Write(b)
		done += min(exportBlock, n-done)
		if x.progress != nil {
			x.progress.set(done)
		}
	}
	wg.Wait()
	if x.progress != nil {
		x.progress.finish()
	}
	if x.format == "json" {
		bw.WriteString("\n]\n")
	}
	if firstErr != nil {
		return firstErr
	}
	return bw.Flush()
}

// block formats the lists of documents [lo,hi).
func (x *exporter) block(lo, hi int) ([]byte, error) {
	var buf strings.Builder
	cw := csv.NewWriter(&buf)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for d := lo; d < hi; d++ {
		results, err := x.ix.Similar(d, x.q)
		if err != nil {
			return nil, err
		}
		id := x.ix.Records[d].ID
		switch x.format {
		case "csv":
			for i, r := range results {
				row := []string{id, strconv.Itoa(i + 1), r.ID, fmtScore(r.Score), fmtScore(r.Cosine), fmtScore(r.MSC)}
				if x.explain {
					words := make([]string, len(r.Terms))
					for j, t := range r.Terms {
						words[j] = t.Word
					}
					codes := make([]string, len(r.Codes))
					for j, c := range r.Codes {
						codes[j] = c.Shared
					}
					row = append(row, strings.Join(words, ";"), strings.Join(codes, ";"))
				}
				cw.Write(row)
			}
			cw.Flush()
		default:
			row := exportRow{ID: id, Related: make([]exportRelated, len(results))}
			for i, r := range results {
				row.Related[i] = exportRelated{Rank: i + 1, ID: r.ID, Score: round(r.Score), Cosine: round(r.Cosine), MSCSim: round(r.MSC)}
				if x.explain {
					row.Related[i].Terms = r.Terms
					for j := range r.Terms {
						r.Terms[j].Contribution = round(r.Terms[j].Contribution)
					}
					row.Related[i].Codes = r.Codes
				}
			}
			if x.format == "json" {
				if d > 0 {
					buf.WriteString(",")
				}
				buf.WriteString("\n")
			}
			if err := enc.Encode(row); err != nil {
				return nil, err
			}
			if x.format == "json" {
				s := buf.String() // drop Encode's newline: the separator adds it
				buf.Reset()
				buf.WriteString(strings.TrimSuffix(s, "\n"))
			}
		}
	}
	return []byte(buf.String()), nil
}

func fmtScore(x float64) string { return strconv.FormatFloat(round(x), 'f', -1, 64) }

// progress is a one-line progress bar with the time left, redrawn at most
// five times a second.
type progress struct {
	w     io.Writer
	label string
	total int
	start time.Time
	last  time.Time
}

func newProgress(w io.Writer, label string, total int) *progress {
	return &progress{w: w, label: label, total: total, start: time.Now()}
}

func (p *progress) set(done int) {
	now := time.Now()
	if now.Sub(p.last) < 200*time.Millisecond && done < p.total {
		return
	}
	p.last = now
	frac := float64(done) / float64(max(1, p.total))
	const width = 30
	fill := int(frac * width)
	eta := "--:--"
	if done > 0 {
		left := time.Duration(float64(now.Sub(p.start)) * (1 - frac) / frac)
		eta = fmt.Sprintf("%d:%02d", int(left.Minutes()), int(left.Seconds())%60)
	}
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d %3.0f%% ETA %s ", p.label, strings.Repeat("=", fill), strings.Repeat(" ", width-fill), done, p.total, 100*frac, eta)
}

func (p *progress) finish() {
	p.set(p.total)
	fmt.Fprintf(p.w, "\n")
}
