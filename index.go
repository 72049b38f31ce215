package related

import (
	"context"

	"github.com/related/related/corpus"
	"github.com/related/related/indexfile"
)

// OpenIndex opens an index file written by WriteIndex (or `related
// index`): the records and their analysis, so that nothing is analysed
// again and answers are those of the engine it was written from. Of opts
// (nil: DefaultOptions) only Updatable counts: the file says how its
// records were analysed.
func OpenIndex(ctx context.Context, path string, opts *Options) (*Engine, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	updatable := opts != nil && opts.Updatable
	ix, err := indexfile.Load(path, indexfile.Options{Bags: updatable})
	if err != nil {
		return nil, err
	}
	n := ix.Len()
	return &Engine{ix: ix, report: corpus.Report{Read: n, Accepted: n}}, nil
}

// WriteIndex writes the engine to an index file for OpenIndex: written
// to a temporary file, synced and renamed, so that a failed write leaves
// no file, or the old one whole. An engine from OpenIndex needs
// Options.Updatable.
func (e *Engine) WriteIndex(path string) error { return indexfile.Write(path, e.ix) }

// Added counts what Add did.
type Added struct {
	Added    int // records of new ids
	Replaced int // records that replaced the record of their id
}

// Add reads records from files, as Open does with ro (nil: defaults), and
// returns a new engine with them: a record replaces the engine's record
// of its id, in its place; the others come after. Only the new records
// are analysed; the weights of all are recomputed. Among the files' own
// records, ro.Duplicates decides. The engine needs its raw term counts
// (New, Open, or OpenIndex with Options.Updatable); it is not changed.
func (e *Engine) Add(ctx context.Context, paths []string, ro *ReadOptions) (*Engine, Added, error) {
	if ro == nil {
		ro = &ReadOptions{}
	}
	c, err := collect(ctx, files(paths), ro, nil)
	if err != nil {
		return nil, Added{}, err
	}
	ix, added, replaced, err := indexfile.Add(e.ix, c.Records)
	if err != nil {
		return nil, Added{}, err
	}
	return &Engine{ix: ix, report: c.Report}, Added{added, replaced}, nil
}
