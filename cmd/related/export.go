package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/related/related"
	"github.com/related/related/rank"
)

// exportCommand writes the related list of every record.
type exportCommand struct {
	base
	src     sourceFlags
	k       int
	blend   blendFlags
	explain bool
	terms   int
	to      string
	out     string
	workers int
	shard   string
}

func newExportCommand(e *env) command {
	c := &exportCommand{}
	c.init(e, "export", `Writes the related talks of every talk, in the order of the corpus: JSON Lines
(one object per talk, the default), CSV (one row per related talk) or JSON
(one array). Lists are computed on all cores (--workers); the output is the
same whatever the number of workers. A progress bar with the time left is
shown on standard error when it is a terminal.`)
	c.src.register(c.fs)
	c.fs.IntVar(&c.k, "k", 10, "number of related talks per talk")
	c.blend.register(c.fs)
	c.fs.BoolVar(&c.explain, "explain", false, "add the shared words and codes of each related talk")
	c.fs.IntVar(&c.terms, "terms", 5, "with --explain, number of shared words per related talk")
	c.fs.StringVar(&c.to, "to", "jsonl", "output `format`: jsonl, csv or json")
	c.fs.StringVar(&c.out, "o", "-", "write to `FILE` (- is standard output)")
	c.fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "number of parallel workers")
	c.fs.StringVar(&c.shard, "shard", "", "write only the lists of the `I/N`-th of N contiguous ranges of records\n(1 ≤ I ≤ N); shards 1..N concatenated are the whole export, byte for byte")
	return c
}

// parseShard reads "I/N" into the record range it names, of n records:
// [⌊(I-1)·n/N⌋, ⌊I·n/N⌋).
func parseShard(s string, n int) (lo, hi int, first, last bool, err error) {
	if s == "" {
		return 0, n, true, true, nil
	}
	i, total, ok := strings.Cut(s, "/")
	I, err1 := strconv.Atoi(strings.TrimSpace(i))
	N, err2 := strconv.Atoi(strings.TrimSpace(total))
	if !ok || err1 != nil || err2 != nil || N < 1 || I < 1 || I > N {
		return 0, 0, false, false, usagef("--shard must be I/N with 1 ≤ I ≤ N, got %q", s)
	}
	return (I - 1) * n / N, I * n / N, I == 1, I == N, nil
}

func (c *exportCommand) Run(ctx context.Context, args []string) error {
	if err := c.parseFlags(args); err != nil {
		return err
	}
	switch c.to {
	case "jsonl", "csv", "json":
	default:
		return usagef("--to must be jsonl, csv or json, got %q", c.to)
	}
	if c.workers < 1 {
		return usagef("--workers must be at least 1")
	}
	if _, _, _, _, err := parseShard(c.shard, 1); err != nil {
		return err
	}
	opts := related.DefaultSearchOptions()
	c.blend.apply(&opts)
	// Lists for other tools keep every result; folding is for reading.
	opts.K, opts.Collapse, opts.Terms = c.k, 0, 0
	if c.explain {
		opts.Terms = c.terms
	}
	q, err := opts.RankQuery()
	if err != nil {
		return err
	}
	if err := c.src.check(output{"-o", c.out}); err != nil {
		return err
	}
	eng, err := c.src.open(ctx, c.env)
	if err != nil {
		return err
	}
	lo, hi, first, last, err := parseShard(c.shard, eng.Len())
	if err != nil {
		return err
	}
	w, commit, abort, err := createOutput(c.env, c.out)
	if err != nil {
		return err
	}
	defer abort()
	var bar *progress
	if c.env.isTTY {
		bar = newProgress(c.env.stderr, "export", hi-lo)
	}
	ex := exporter{ix: eng.Index(), q: q, format: c.to, explain: c.explain, workers: c.workers, progress: bar,
		lo: lo, hi: hi, first: first, last: last}
	if err := ex.run(ctx, w); err != nil {
		return err
	}
	return commit()
}

// exporter computes related lists in parallel, in blocks of records, and
// writes the blocks in record order. It scores on the engine's rank.Index
// directly: lists of every record need none of the descriptions of a
// related.Results (labels, the query), which would cost a tenth more.
type exporter struct {
	ix       *rank.Index
	q        rank.Query
	format   string
	explain  bool
	workers  int
	progress *progress
	// The records [lo,hi) are written; first and last say whether the
	// range opens and closes the whole export (its CSV header, its JSON
	// brackets), so that shards concatenate to the whole.
	lo, hi      int
	first, last bool
}

const exportBlock = 64

type exportJob struct {
	lo, hi int
	out    chan []byte
}

// exportRow is one record's related list in JSON.
type exportRow struct {
	ID      string          `json:"id"`
	Related []exportRelated `json:"related"`
}

type exportRelated struct {
	Rank   int                  `json:"rank"`
	ID     string               `json:"id"`
	Score  float64              `json:"score"`
	Cosine float64              `json:"cosine"`
	MSCSim float64              `json:"msc_similarity"`
	RefSim float64              `json:"ref_similarity,omitempty"`
	Terms  []related.SharedTerm `json:"shared_terms,omitempty"`
	Codes  []related.CodeMatch  `json:"shared_codes,omitempty"`
	Refs   []string             `json:"shared_references,omitempty"`
}

// run writes every list; it stops at the first error, or when ctx ends.
func (x *exporter) run(ctx context.Context, w io.Writer) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan exportJob)
	order := make(chan chan []byte, 4*x.workers)
	go func() {
		defer close(jobs)
		defer close(order)
		for lo := x.lo; lo < x.hi && ctx.Err() == nil; lo += exportBlock {
			j := exportJob{lo: lo, hi: min(lo+exportBlock, x.hi), out: make(chan []byte, 1)}
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
				b, err := x.block(ctx, j.lo, j.hi)
				if err != nil {
					cancel(err)
				}
				j.out <- b
			}
		}()
	}
	if x.format == "json" && x.first {
		bw.WriteString("[")
	}
	if x.format == "csv" && x.first {
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
		done += min(exportBlock, x.hi-x.lo-done)
		if x.progress != nil {
			x.progress.set(done)
		}
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		if x.progress != nil {
			x.progress.stop()
		}
		return err
	}
	if x.progress != nil {
		x.progress.finish()
	}
	if x.format == "json" && x.last {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// block formats the lists of records [lo,hi).
func (x *exporter) block(ctx context.Context, lo, hi int) ([]byte, error) {
	var buf strings.Builder
	cw := csv.NewWriter(&buf)
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for d := lo; d < hi; d++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		results, err := x.ix.Similar(d, x.q)
		if err != nil {
			return nil, err
		}
		id := x.ix.ID(d)
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
				row.Related[i] = exportRelated{Rank: i + 1, ID: r.ID, Score: related.Round(r.Score), Cosine: related.Round(r.Cosine), MSCSim: related.Round(r.MSC), RefSim: related.Round(r.Refs)}
				if x.explain {
					for j := range r.Terms {
						r.Terms[j].Contribution = related.Round(r.Terms[j].Contribution)
					}
					row.Related[i].Terms, row.Related[i].Codes, row.Related[i].Refs = r.Terms, r.Codes, r.SharedRefs
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

// fmtScore writes a score, rounded as in JSON, as CSV cells have it.
func fmtScore(x float64) string { return strconv.FormatFloat(related.Round(x), 'f', -1, 64) }
