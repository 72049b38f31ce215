package related

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/related/related/corpus"
	"github.com/related/related/indexfile"
	"github.com/related/related/rank"
	"github.com/related/related/vectorize"
)

// builder is the one path from records to an engine (New, Open): records
// are analysed in the order given, a batch at a time, while the next are
// read, into one vocabulary; then weighed and indexed. Analysing in
// batches or all at once gives the same engine.
type builder struct {
	space     *vectorize.Space
	weighting vectorize.Weighting
	batches   chan []corpus.Record
	done      chan struct{}
	stopped   bool

	// spool, when set, takes each batch once analysed, and the records
	// are not kept (BuildIndex). Its error is read once the builder has
	// stopped; failed tells the reading meanwhile.
	spool  *indexfile.Spool
	failed atomic.Bool
}

// batchSize is how many records are read before they are analysed. Two
// batches wait at most while one is analysed: reading is faster than
// analysis, and a longer queue only holds more texts (8 batches held
// 40 MB more at 100k records, for no gain in time).
const batchSize = 4096

func newBuilder(opts *Options, spool *indexfile.Spool) (*builder, error) {
	if err := opts.Weighting.Validate(); err != nil {
		return nil, err
	}
	b := &builder{
		space:     &vectorize.Space{Analyzer: vectorize.NewAnalyzer(opts.Analysis), Vocab: vectorize.NewVocabulary()},
		weighting: opts.Weighting,
		batches:   make(chan []corpus.Record, 2),
		done:      make(chan struct{}),
		spool:     spool,
	}
	go func() {
		defer close(b.done)
		for recs := range b.batches {
			b.space.AddRecords(recs)
			if b.spool != nil && b.spool.Add(recs) != nil {
				b.failed.Store(true)
			}
		}
	}()
	return b, nil
}

// add queues records for analysis, after those added before. They are
// not to change afterwards.
func (b *builder) add(recs []corpus.Record) {
	if len(recs) > 0 {
		b.batches <- recs
	}
}

// stop waits for the analysis of what was added.
func (b *builder) stop() {
	if !b.stopped {
		b.stopped = true
		close(b.batches)
		<-b.done
	}
}

var errSpoolFailed = errors.New("spooling records failed")

// read reads the inputs (opts.Read) and queues their records for
// analysis as they come; once all are analysed it returns them (none when
// spooling: they are in the spool) and the report of the reading.
func (b *builder) read(ctx context.Context, inputs []input, opts *Options) ([]corpus.Record, corpus.Report, error) {
	// Records are analysed while the next are read, except when the last
	// record of an id is kept: a record read long before may then be
	// replaced, so nothing is analysed before the end.
	var records []corpus.Record
	sent := 0
	var emit func(*corpus.Record) error
	if opts.Read.Duplicates != corpus.KeepLast {
		emit = func(r *corpus.Record) error {
			records = append(records, *r)
			if len(records)-sent >= batchSize {
				b.add(records[sent:len(records):len(records)])
				sent = len(records)
				if b.spool != nil {
					// The batch is the builder's now; the next is a new one.
					records, sent = make([]corpus.Record, 0, batchSize), 0
					if b.failed.Load() {
						return errSpoolFailed // a full disk: no use reading on
					}
				}
			}
			return nil
		}
	}
	c, err := collect(ctx, inputs, &opts.Read, emit)
	if err == nil && c.Report.Accepted == 0 {
		err = &NoRecordsError{Read: c.Report.Read}
	}
	if err != nil {
		b.stop()
		if b.spool != nil && b.spool.Err() != nil {
			err = b.spool.Err()
		}
		return nil, corpus.Report{}, err
	}
	if emit == nil {
		records = c.Records
	}
	b.add(records[sent:])
	b.stop()
	if b.spool != nil {
		return nil, c.Report, b.spool.Err()
	}
	return records, c.Report, nil
}

// finish weighs and indexes the records added, which must be records, in
// order, and makes the engine.
func (b *builder) finish(records []corpus.Record, report corpus.Report) (*Engine, error) {
	b.stop()
	if b.space.Len() != len(records) {
		return nil, fmt.Errorf("related: %d records analysed but %d given", b.space.Len(), len(records))
	}
	b.space.Reweigh(b.weighting)
	ix, err := rank.New(records, b.space)
	if err != nil {
		return nil, err
	}
	return &Engine{ix: ix, report: report}, nil
}

// New analyses and indexes records held in memory. Their ids must be
// given and unique (a Collector sees to both when reading). nil opts are
// DefaultOptions.
func New(records []corpus.Record, opts *Options) (*Engine, error) {
	if opts == nil {
		opts = DefaultOptions()
	}
	b, err := newBuilder(opts, nil)
	if err != nil {
		return nil, err
	}
	b.add(records)
	n := len(records)
	return b.finish(records, corpus.Report{Read: n, Accepted: n})
}
