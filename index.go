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

// Built is what BuildIndex wrote.
type Built struct {
	Records int           // records in the index
	Terms   int           // terms in its vocabulary
	Report  corpus.Report // what was read, as Engine.Report
}

// BuildIndex reads records from files as Open does (nil opts are
// DefaultOptions, no file is the embedded corpus) and writes their index
// file to path: the file Open and WriteIndex would write, byte for byte,
// holding less than half the memory (except with Read.Duplicates
// corpus.KeepLast, which holds every record until all are read, as the
// last of an id may come last). Once a batch of records is analysed,
// their fields go to temporary files beside path (removed before
// BuildIndex returns), and the inverted lists are written a range of
// terms at a time, from the weighed vectors, instead of built whole: at
// 100k records the texts (163 MB) and the lists (100 MB) are not held,
// only the analysis (term counts) and then the weights are.
func BuildIndex(ctx context.Context, paths []string, path string, opts *Options) (*Built, error) {
	if opts == nil {
		opts = DefaultOptions()
	}
	spool, err := indexfile.NewSpool(path)
	if err != nil {
		return nil, err
	}
	defer spool.Close()
	b, err := newBuilder(opts, spool)
	if err != nil {
		return nil, err
	}
	_, report, err := b.read(ctx, inputsOf(paths), opts)
	if err != nil {
		return nil, err
	}
	b.space.Reweigh(b.weighting)
	if err := indexfile.WriteSpooled(path, b.space, spool); err != nil {
		return nil, err
	}
	return &Built{Records: spool.Len(), Terms: b.space.Vocab.Len(), Report: report}, nil
}
