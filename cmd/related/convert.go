package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/related/related"
	"github.com/related/related/corpus"
	"github.com/related/related/internal/atomicfile"
)

// convertCommand writes records of any format as normalised JSON Lines.
type convertCommand struct {
	base
	read    readFlags
	to      string
	out     string
	rejects string
}

func newConvertCommand(e *env) command {
	c := &convertCommand{}
	c.init(e, "convert", `Reads records in any supported format (detected, or --format) and writes them
as normalised JSON Lines: the record schema of the README, one record per
line, ids given to records that have none. Records stream through: memory
is bounded by the largest record and the ids seen, not the input, so
harvests of gigabytes convert. Every input's counts go to stderr (read =
accepted + skipped); --rejects writes each skipped record and each warning,
with its position and reason, as JSON Lines. A run that converts no record
fails (exit 1) and writes no output file.`)
	c.read.register(c.fs)
	c.fs.StringVar(&c.to, "to", "jsonl", "output `format` (jsonl)")
	c.fs.StringVar(&c.out, "o", "-", "output `FILE` (- is standard output); written to a temporary file and\nrenamed when complete")
	c.fs.StringVar(&c.rejects, "rejects", "", "write skipped records and warnings to `FILE` as JSON Lines")
	return c
}

func (c *convertCommand) Run(ctx context.Context, args []string) error {
	pos, err := c.parse(args)
	if err != nil {
		return err
	}
	if c.to != "jsonl" {
		return usagef("--to: only jsonl is supported, got %q", c.to)
	}
	if len(pos) == 0 {
		return usagef("convert needs at least one input file (- is standard input)")
	}
	ro, err := c.read.options()
	if err != nil {
		return err
	}
	if err := checkOutputs(pos, []output{{"-o", c.out}, {"--rejects", c.rejects}}); err != nil {
		return err
	}
	e := c.env
	w, commit, abort, err := createOutput(e, c.out)
	if err != nil {
		return err
	}
	defer abort()
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	col := corpus.NewCollector()
	col.Duplicates = ro.Duplicates
	if col.Duplicates != corpus.KeepLast {
		// Keeping the last of an id may replace a record read long
		// before: only then are the records held until the end.
		col.Emit = func(r *corpus.Record) error { return enc.Encode(r) }
	}
	opt := corpus.Options{Format: ro.Format, Fields: ro.Fields}
	for _, path := range pos {
		read, accepted := col.Report.Read, col.Report.Accepted
		skipped, warned := len(col.Report.Skipped), len(col.Report.Warnings)
		if err := related.ReadFile(ctx, col, path, opt, e.stdin); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s: %d read, %d accepted, %d skipped, %d warning(s)\n", path,
			col.Report.Read-read, col.Report.Accepted-accepted,
			len(col.Report.Skipped)-skipped, len(col.Report.Warnings)-warned)
	}
	for i := range col.Records {
		if err := enc.Encode(&col.Records[i]); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if c.rejects != "" {
		if err := related.WriteRejectsFile(c.rejects, &col.Report); err != nil {
			return err
		}
	}
	printProblems(e.stderr, "skipped", col.Report.Skipped, false)
	printProblems(e.stderr, "warning", col.Report.Warnings, false)
	fmt.Fprintln(e.stderr, col.Report.SummaryAs("converted"))
	if err := col.Err(); err != nil {
		return err // the output is not renamed into place
	}
	if col.Report.Accepted == 0 {
		// An empty output would pass for a conversion of an empty input.
		return &related.NoRecordsError{Read: col.Report.Read}
	}
	return commit()
}

// createOutput opens the output: standard output, or a file written
// whole by commit or not at all (see atomicfile): a failed run never
// leaves a half-written file. abort removes it (after commit it does
// nothing).
func createOutput(e *env, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "-" {
		return e.stdout, func() error { return nil }, func() {}, nil
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, nil, nil, err
	}
	return f, f.Commit, f.Abort, nil
}
