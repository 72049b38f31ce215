package related

import (
	"github.com/related/related/corpus"
	"github.com/related/related/rank"
)

// Engine is a library of records, analysed and indexed: what Similar,
// Query and Suggest search. It is safe for concurrent use and never
// changes (Add returns a new one).
type Engine struct {
	ix     *rank.Index
	report corpus.Report
}

// Len is the number of records.
func (e *Engine) Len() int { return e.ix.Len() }

// Records are the records, in the order read. They are the engine's:
// callers do not change them. An engine from an index file reads them all
// now, a record's memory each (35 MB at 100k records): for going through
// them all; RecordAt reads one.
func (e *Engine) Records() []corpus.Record { return e.ix.Records() }

// RecordAt returns the i-th record (0 ≤ i < Len), in the order read.
func (e *Engine) RecordAt(i int) *corpus.Record {
	r := e.ix.Record(i)
	return &r
}

// Record returns the record with an id.
func (e *Engine) Record(id string) (*corpus.Record, bool) {
	d, ok := e.ix.Lookup(id)
	if !ok {
		return nil, false
	}
	return e.RecordAt(d), true
}

// Language is the language the record with an id was analysed in ("" for
// an unknown id).
func (e *Engine) Language(id string) string {
	d, ok := e.ix.Lookup(id)
	if !ok {
		return ""
	}
	return e.ix.Language(d)
}

// Report accounts for the records read: read, indexed, skipped and warned
// about, with positions and reasons. An engine from an index file or from
// records reports them all as read and indexed.
func (e *Engine) Report() *corpus.Report { return &e.report }

// PrepareSimilar makes what lets Similar read fewer postings (a copy of
// every record's common terms and norms: 25-36 MB and 0.18-0.30 s at
// 100,000 records), so that a related list takes a half to a sixth of
// the time (medians at 100k: 3.0-4.9 ms before, 0.52-1.45 ms after). A server
// calls it before it answers; a command that answers one list need not,
// one exhaustive search costs less. The lists are the same either way.
func (e *Engine) PrepareSimilar() { e.ix.PrepareSimilar() }

// Index is the engine's rank.Index, for work below this API: evaluation
// (package rank/eval), highlighting, bulk scoring.
func (e *Engine) Index() *rank.Index { return e.ix }
