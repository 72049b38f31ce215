package related

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/related/related/corpus"
)

// Open reads records from files and analyses them into an engine. Each
// file is in any format package corpus reads, detected from its content
// unless opts.Read.Format says (gzip undone; a directory is a tree of
// arXiv .abs files); "-" reads opts.Read.Stdin. With no file, Open reads
// the talk corpus embedded in this package (EmbeddedCorpus). nil opts are
// DefaultOptions.
//
// A record that cannot be used is skipped and reported, not an error:
// Engine.Report (and opts.Read.Report, opts.Read.Rejects) account for
// every one. The error is for a file that cannot be read, ids given
// twice under corpus.DuplicatesError, no record to use, or ctx ending
// (checked between records).
func Open(ctx context.Context, paths []string, opts *Options) (*Engine, error) {
	if opts == nil {
		opts = DefaultOptions()
	}
	b, err := newBuilder(opts, nil)
	if err != nil {
		return nil, err
	}
	records, report, err := b.read(ctx, inputsOf(paths), opts)
	if err != nil {
		return nil, err
	}
	return b.finish(records, report)
}

// inputsOf are the files, or the embedded corpus when there is none.
func inputsOf(paths []string) []input {
	if len(paths) == 0 {
		return []input{embedded}
	}
	return files(paths)
}

// NoRecordsError is an input with no record to work on: nothing in it,
// or every record skipped (Read says how many).
type NoRecordsError struct{ Read int }

// Error says which: nothing read, or all skipped.
func (e *NoRecordsError) Error() string {
	if e.Read == 0 {
		return "no records in the input"
	}
	return fmt.Sprintf("no records to use: all %d read were skipped", e.Read)
}

// input is one source of records: a file, standard input, the embedded
// corpus.
type input struct {
	name string // the file name, or "-"
	read func(ctx context.Context, c *corpus.Collector, ro *ReadOptions) error
}

func files(paths []string) []input {
	in := make([]input, len(paths))
	for i, p := range paths {
		in[i] = input{name: p, read: func(ctx context.Context, c *corpus.Collector, ro *ReadOptions) error {
			return ReadFile(ctx, c, p, ro.corpusOptions(), ro.Stdin)
		}}
	}
	return in
}

var embedded = input{name: EmbeddedCorpusName, read: func(ctx context.Context, c *corpus.Collector, _ *ReadOptions) error {
	dec, err := corpus.NewDecoder(bytes.NewReader(EmbeddedCorpus), EmbeddedCorpusName, corpus.FormatTalkDump)
	if err != nil {
		return err
	}
	return c.ReadAll(ctxDecoder{ctx, dec})
}}

// collect reads the inputs into a collector, as Open and Add do, with
// ro's duplicates policy; emit, when set, takes each accepted record
// instead of the collector's Records. Once all is read, the rejects are
// written and the report handed over (ro.Rejects, ro.Report); then the
// collector's own error (duplicate ids) is returned.
func collect(ctx context.Context, inputs []input, ro *ReadOptions, emit func(*corpus.Record) error) (*corpus.Collector, error) {
	stdin := 0
	for _, in := range inputs {
		if in.name == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return nil, errors.New("standard input (-) given twice")
	}
	c := corpus.NewCollector()
	c.Duplicates = ro.Duplicates
	c.Emit = emit
	for _, in := range inputs {
		if err := in.read(ctx, c, ro); err != nil {
			return nil, err
		}
	}
	if ro.Rejects != "" {
		if err := WriteRejectsFile(ro.Rejects, &c.Report); err != nil {
			return nil, err
		}
	}
	if ro.Report != nil {
		ro.Report(&c.Report)
	}
	return c, c.Err()
}

// ReadFile reads one input into a collector: a file in any format
// package corpus reads (opt.Format, or detected), or a directory of arXiv
// .abs files, or, for "-", stdin (nil: nothing). It stops when ctx ends,
// with ctx's error. Open reads each of its files so, and `related convert`
// too.
func ReadFile(ctx context.Context, c *corpus.Collector, path string, opt corpus.Options, stdin io.Reader) error {
	if path == "-" {
		if stdin == nil {
			stdin = bytes.NewReader(nil)
		}
		dec, err := corpus.NewDecoderOptions(stdin, "<stdin>", opt)
		if err != nil {
			return err
		}
		return c.ReadAll(ctxDecoder{ctx, dec})
	}
	f, err := corpus.OpenOptions(path, opt)
	if err != nil {
		return err
	}
	defer f.Close()
	return c.ReadAll(ctxDecoder{ctx, f})
}

// ctxDecoder ends a decoder's records when ctx ends.
type ctxDecoder struct {
	ctx context.Context
	corpus.Decoder
}

// Next is the decoder's, or ctx's error once ctx has ended.
func (d ctxDecoder) Next() (corpus.Record, error) {
	if err := d.ctx.Err(); err != nil {
		return corpus.Record{}, err
	}
	return d.Decoder.Next()
}
