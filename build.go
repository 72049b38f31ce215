package related

import (
	"fmt"

	"github.com/related/related/corpus"
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
}

// batchSize is how many records are read before they are analysed.
const batchSize = 4096

func newBuilder(opts *Options) (*builder, error) {
	if err := opts.Weighting.Validate(); err != nil {
		return nil, err
	}
	b := &builder{
		space:     &vectorize.Space{Analyzer: vectorize.NewAnalyzer(opts.Analysis), Vocab: vectorize.NewVocabulary()},
		weighting: opts.Weighting,
		batches:   make(chan []corpus.Record, 8),
		done:      make(chan struct{}),
	}
	go func() {
		defer close(b.done)
		for recs := range b.batches {
			b.space.AddRecords(recs)
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
	close(b.batches)
	<-b.done
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
	b, err := newBuilder(opts)
	if err != nil {
		return nil, err
	}
	b.add(records)
	n := len(records)
	return b.finish(records, corpus.Report{Read: n, Accepted: n})
}
