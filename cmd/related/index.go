package main

import (
	"fmt"
	"os"
	"time"

	"github.com/related/related/corpus"
	"github.com/related/related/indexfile"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

func runIndex(e *env, args []string) error {
	fs := newFlagSet(e, "index", `Builds an index file from the corpora (or the embedded corpus): the records,
their analysis and the inverted index, so that every other command can start
from it with --index FILE instead of analysing the corpus again.

With --add FILE and --index OLD, adds the records of FILE to the index OLD,
replacing those whose id it already has, without analysing the old records
again (idf and weights are recomputed); -o NEW writes the result elsewhere,
else OLD is replaced. The file is written to a temporary file, synced and
renamed: an interrupted run leaves the old file whole.`)
	var src sourceFlags
	src.register(fs)
	out := fs.String("o", "", "write the index to `FILE` (required, except with --add)")
	var adds stringList
	fs.Var(&adds, "add", "add or replace (by id) the records of `FILE` in the --index file (repeatable)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("index takes no arguments, got %q", pos)
	}
	start := time.Now()
	if len(adds) > 0 {
		return addToIndex(e, &src, adds, *out, start)
	}
	if src.index != "" {
		return usagef("--index names the index to add to: give --add FILE too (or --corpus to build a new one)")
	}
	if *out == "" {
		return usagef("-o FILE is required")
	}
	if err := src.checkOutputs(output{"-o", *out}); err != nil {
		return err
	}
	var eng *engine
	if len(src.corpora) == 0 {
		eng, err = src.load(e)
	} else {
		eng, err = src.build(e)
	}
	if err != nil {
		return err
	}
	if err := indexfile.Write(*out, eng.index); err != nil {
		return err
	}
	return reportIndex(e, *out, eng.index, start, "")
}

func addToIndex(e *env, src *sourceFlags, adds []string, out string, start time.Time) error {
	if src.index == "" {
		return usagef("--add needs --index FILE, the index to add to")
	}
	if len(src.corpora) > 0 {
		return usagef("--add and --corpus exclude each other")
	}
	// Replacing the index given (the default) is the point of --add, and
	// safe: it is read whole first, and replaced by a rename. Any other
	// input is not to be overwritten.
	if err := checkOutputs(adds, []output{{"-o", out}, {"--rejects", src.rejects}}); err != nil {
		return err
	}
	if err := src.checkOutputs(); err != nil {
		return err
	}
	if out == "" {
		out = src.index
	}
	opt, err := src.options()
	if err != nil {
		return err
	}
	ix, err := indexfile.Load(src.index, indexfile.Options{Bags: true})
	if err != nil {
		return err
	}
	// Records of FILE replace those of the index with their id; among
	// the records of FILE, --duplicates decides.
	c, err := src.collector()
	if err != nil {
		return err
	}
	for _, path := range adds {
		if err := readPath(e, c, path, opt, nil); err != nil {
			return err
		}
	}
	if src.rejects != "" {
		if err := writeRejects(src.rejects, &c.Report); err != nil {
			return err
		}
	}
	printProblems(e.stderr, "skipped", c.Report.Skipped, src.verbose)
	printProblems(e.stderr, "warning", c.Report.Warnings, src.verbose)
	fmt.Fprintln(e.stderr, c.Report.Summary())
	if err := c.Err(); err != nil {
		return err
	}
	nix, added, replaced, err := indexfile.Add(ix, c.Records)
	if err != nil {
		return err
	}
	if err := indexfile.Write(out, nix); err != nil {
		return err
	}
	return reportIndex(e, out, nix, start, fmt.Sprintf(" (%d added, %d replaced)", added, replaced))
}

func reportIndex(e *env, path string, ix *rank.Index, start time.Time, extra string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %s: %d records%s, %d terms, %.1f MB in %.1fs\n",
		path, ix.Len(), extra, ix.Space.Vocab.Len(), float64(fi.Size())/1e6, time.Since(start).Seconds())
	return nil
}

// build is load for corpus files, with the analysis of the records read
// so far running while the next ones are decoded. The result is the same
// as load's: records are analysed in order, into one vocabulary.
func (f *sourceFlags) build(e *env) (*engine, error) {
	if err := f.checkOutputs(); err != nil {
		return nil, err
	}
	opt, err := f.options()
	if err != nil {
		return nil, err
	}
	stdin := 0
	for _, p := range f.corpora {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, usagef("standard input (-) given twice")
	}
	space := &vectorize.Space{Analyzer: vectorize.NewAnalyzer(vectorize.DefaultOptions()), Vocab: vectorize.NewVocabulary()}
	chunks := make(chan []corpus.Record, 8)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ch := range chunks {
			space.AddRecords(ch)
		}
	}()
	c, err := f.collector()
	if err != nil {
		return nil, err
	}
	sent := 0
	flush := func(all bool) {
		n := len(c.Records)
		// Keeping the last of an id may change a record already read:
		// then nothing is analysed before the end.
		if (n-sent >= 4096 && c.Duplicates != corpus.KeepLast) || (all && n > sent) {
			chunks <- c.Records[sent:n:n]
			sent = n
		}
	}
	for _, path := range f.corpora {
		if err = readPath(e, c, path, opt, func() { flush(false) }); err != nil {
			break
		}
	}
	if err == nil {
		flush(true)
	}
	close(chunks)
	<-done
	if err != nil {
		return nil, err
	}
	if f.rejects != "" {
		if err := writeRejects(f.rejects, &c.Report); err != nil {
			return nil, err
		}
	}
	printProblems(e.stderr, "skipped", c.Report.Skipped, f.verbose)
	printProblems(e.stderr, "warning", c.Report.Warnings, f.verbose)
	fmt.Fprintln(e.stderr, c.Report.Summary())
	if err := c.Err(); err != nil {
		return nil, err
	}
	if len(c.Records) == 0 {
		return nil, noRecords(&c.Report)
	}
	space.Reweigh(vectorize.DefaultWeighting())
	ix, err := rank.New(c.Records, space)
	if err != nil {
		return nil, err
	}
	return &engine{records: c.Records, report: &c.Report, index: ix}, nil
}

// loadIndex is load for --index: the records and their analysis come
// from the file.
func (f *sourceFlags) loadIndex(e *env) (*engine, error) {
	if len(f.corpora) > 0 {
		return nil, usagef("--index and --corpus exclude each other")
	}
	ix, err := indexfile.Load(f.index, indexfile.Options{})
	if err != nil {
		return nil, err
	}
	n := ix.Len()
	fmt.Fprintf(e.stderr, "%s: %d records\n", f.index, n)
	return &engine{records: ix.Records, report: &corpus.Report{Read: n, Accepted: n}, index: ix}, nil
}
