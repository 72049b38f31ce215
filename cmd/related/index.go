package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/related/related"
)

// indexCommand writes an index file, or adds records to one.
type indexCommand struct {
	base
	src  sourceFlags
	out  string
	adds stringList
}

func newIndexCommand(e *env) command {
	c := &indexCommand{}
	c.init(e, "index", `Builds an index file from the corpora (or the embedded corpus): the records,
their analysis and the inverted index, so that every other command can start
from it with --index FILE instead of analysing the corpus again.

With --add FILE and --index OLD, adds the records of FILE to the index OLD,
replacing those whose id it already has, without analysing the old records
again (idf and weights are recomputed); -o NEW writes the result elsewhere,
else OLD is replaced. The file is written to a temporary file, synced and
renamed: an interrupted run leaves the old file whole.`)
	c.src.register(c.fs)
	c.fs.StringVar(&c.out, "o", "", "write the index to `FILE` (required, except with --add)")
	c.fs.Var(&c.adds, "add", "add or replace (by id) the records of `FILE` in the --index file (repeatable)")
	return c
}

func (c *indexCommand) Run(ctx context.Context, args []string) error {
	if err := c.parseFlags(args); err != nil {
		return err
	}
	start := time.Now()
	if len(c.adds) > 0 {
		return c.add(ctx, start)
	}
	if c.src.index != "" {
		return usagef("--index names the index to add to: give --add FILE too (or --corpus to build a new one)")
	}
	if c.out == "" {
		return usagef("-o FILE is required")
	}
	if err := c.src.check(output{"-o", c.out}); err != nil {
		return err
	}
	// BuildIndex, not Open and WriteIndex: the same file, without holding
	// the records' texts while the index is made.
	built, err := related.BuildIndex(ctx, c.src.corpora, c.out, c.src.corpusOptions(c.env))
	if err != nil {
		return err
	}
	return c.report(built.Records, built.Terms, start, "")
}

// add adds the records of the --add files to the --index file.
func (c *indexCommand) add(ctx context.Context, start time.Time) error {
	if c.src.index == "" {
		return usagef("--add needs --index FILE, the index to add to")
	}
	if len(c.src.corpora) > 0 {
		return usagef("--add and --corpus exclude each other")
	}
	// Replacing the index given (the default) is the point of --add, and
	// safe: it is read whole first, and replaced by a rename. Any other
	// input is not to be overwritten.
	if err := checkOutputs(c.adds, []output{{"-o", c.out}, {"--rejects", c.src.rejects}}); err != nil {
		return err
	}
	if err := c.src.check(); err != nil {
		return err
	}
	if c.out == "" {
		c.out = c.src.index
	}
	old, err := related.OpenIndex(ctx, c.src.index, &related.Options{Updatable: true})
	if err != nil {
		return err
	}
	// Records of FILE replace those of the index with their id; among
	// the records of FILE, --duplicates decides.
	ro := c.src.readOptions(c.env)
	eng, n, err := old.Add(ctx, c.adds, &ro)
	if err != nil {
		return err
	}
	if err := eng.WriteIndex(c.out); err != nil {
		return err
	}
	return c.report(eng.Len(), eng.Index().VocabularySize(), start, fmt.Sprintf(" (%d added, %d replaced)", n.Added, n.Replaced))
}

func (c *indexCommand) report(records, terms int, start time.Time, extra string) error {
	fi, err := os.Stat(c.out)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.env.stderr, "wrote %s: %d records%s, %d terms, %.1f MB in %.1fs\n",
		c.out, records, extra, terms, float64(fi.Size())/1e6, time.Since(start).Seconds())
	return nil
}
