package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/atomicfile"
)

func runConvert(e *env, args []string) error {
	fs := newFlagSet(e, "convert", `Reads records in any supported format (detected, or --format) and writes them
as normalised JSON Lines: the record schema of the README, one record per
line, ids given to records that have none. Records stream through: memory
is bounded by the largest record and the ids seen, not the input, so
harvests of gigabytes convert. Every input's counts go to stderr (read =
accepted + skipped); --rejects writes each skipped record and each warning,
with its position and reason, as JSON Lines. A run that converts no record
fails (exit 1) and writes no output file.`)
	var rf readFlags
	rf.register(fs)
	to := fs.String("to", "jsonl", "output `format` (jsonl)")
	out := fs.String("o", "-", "output `FILE` (- is standard output); written to a temporary file and\nrenamed when complete")
	rejects := fs.String("rejects", "", "write skipped records and warnings to `FILE` as JSON Lines")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if *to != "jsonl" {
		return usagef("--to: only jsonl is supported, got %q", *to)
	}
	if len(pos) == 0 {
		return usagef("convert needs at least one input file (- is standard input)")
	}
	opt, err := rf.options()
	if err != nil {
		return err
	}
	c, err := rf.collector()
	if err != nil {
		return err
	}
	if err := checkOutputs(pos, []output{{"-o", *out}, {"--rejects", *rejects}}); err != nil {
		return err
	}
	w, commit, abort, err := createOutput(e, *out)
	if err != nil {
		return err
	}
	defer abort()
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	if c.Duplicates != corpus.KeepLast {
		// Keeping the last of an id may replace a record read long
		// before: only then are the records held until the end.
		c.Emit = func(r *corpus.Record) error { return enc.Encode(r) }
	}
	for _, path := range pos {
		read, accepted := c.Report.Read, c.Report.Accepted
		skipped, warned := len(c.Report.Skipped), len(c.Report.Warnings)
		if err := readPath(e, c, path, opt, nil); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "%s: %d read, %d accepted, %d skipped, %d warning(s)\n", path,
			c.Report.Read-read, c.Report.Accepted-accepted,
			len(c.Report.Skipped)-skipped, len(c.Report.Warnings)-warned)
	}
	for i := range c.Records {
		if err := enc.Encode(&c.Records[i]); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if *rejects != "" {
		if err := writeRejects(*rejects, &c.Report); err != nil {
			return err
		}
	}
	printProblems(e.stderr, "skipped", c.Report.Skipped, false)
	printProblems(e.stderr, "warning", c.Report.Warnings, false)
	fmt.Fprintln(e.stderr, c.Report.SummaryAs("converted"))
	if err := c.Err(); err != nil {
		return err // the output is not renamed into place
	}
	if c.Report.Accepted == 0 {
		// An empty output would pass for a conversion of an empty input.
		return noRecords(&c.Report)
	}
	return commit()
}

func joinFormats() string {
	s := ""
	for i, f := range corpus.Formats() {
		if i > 0 {
			s += ", "
		}
		s += f
	}
	return s
}

// readPath reads one input into the collector; "-" is standard input.
// tick, when not nil, is called after each record decoded (for progress).
func readPath(e *env, c *corpus.Collector, path string, opt corpus.Options, tick func()) error {
	var dec corpus.Decoder
	if path == "-" {
		d, err := corpus.NewDecoderOptions(e.stdin, "<stdin>", opt)
		if err != nil {
			return err
		}
		dec = d
	} else {
		f, err := corpus.OpenOptions(path, opt)
		if err != nil {
			return err
		}
		defer f.Close()
		dec = f
	}
	if tick != nil {
		dec = tickingDecoder{dec, tick}
	}
	return c.ReadAll(dec)
}

// tickingDecoder calls tick after each record its decoder returns.
type tickingDecoder struct {
	corpus.Decoder
	tick func()
}

func (d tickingDecoder) Next() (corpus.Record, error) {
	r, err := d.Decoder.Next()
	if err == nil {
		d.tick()
	}
	return r, err
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

// rejectJSON is one line of a --rejects file.
type rejectJSON struct {
	Kind   string `json:"kind"` // "skipped" or "warning"
	File   string `json:"file"`
	Line   int    `json:"line,omitempty"`
	Record int    `json:"record,omitempty"`
	ID     string `json:"id,omitempty"`
	// Cause is the kind of problem ("invalid UTF-8", "duplicate id"), the
	// same for every record that has it; Reason says it of this record.
	Cause  string `json:"cause"`
	Reason string `json:"reason"`
}

// writeRejects writes every skip and warning of the report as JSON Lines.
func writeRejects(path string, r *corpus.Report) error {
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, group := range []struct {
		kind string
		ps   []corpus.Problem
	}{{"skipped", r.Skipped}, {"warning", r.Warnings}} {
		for _, p := range group.ps {
			if err := enc.Encode(rejectJSON{Kind: group.kind, File: p.Pos.File, Line: p.Pos.Line, Record: p.Pos.N, ID: p.ID, Cause: p.Kind(), Reason: p.Err.Error()}); err != nil {
				return err
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Commit()
}
