package rank

import "github.com/related/related/corpus"

// A RecordSource gives an index its records by document number: held in
// memory (New), or read from an index file's columns only when asked
// (package indexfile), so that opening an index does not make a record
// of each document (352 bytes each, 35 MB at 100k records, most of an
// open's time) when a query shows ten.
type RecordSource interface {
	// Len is the number of records.
	Len() int
	// ID returns document d's id.
	ID(d int) string
	// Record returns document d's record. Its strings may point into a
	// mapped file.
	Record(d int) corpus.Record
	// Keys returns what the index itself uses of document d's record.
	Keys(d int) RecordKeys
}

// RecordKeys are the fields of a record that the index uses: its id, its
// codes, and what matches its references to other records.
type RecordKeys struct {
	ID          string
	MSC         []string
	PrimaryMSC  string
	Categories  []string
	Identifiers []string
	References  []string
}

// RecordSlice is records held in memory, as a RecordSource.
type RecordSlice []corpus.Record

// Len is the number of records.
func (s RecordSlice) Len() int { return len(s) }

// ID returns record d's id.
func (s RecordSlice) ID(d int) string { return s[d].ID }

// Record returns record d.
func (s RecordSlice) Record(d int) corpus.Record { return s[d] }

// Records returns the records themselves.
func (s RecordSlice) Records() []corpus.Record { return s }

// Keys returns record d's keys.
func (s RecordSlice) Keys(d int) RecordKeys {
	r := &s[d]
	return RecordKeys{ID: r.ID, MSC: r.MSC, PrimaryMSC: r.PrimaryMSC, Categories: r.Categories, Identifiers: r.Identifiers, References: r.References}
}

// Record returns document d's record. Its strings may point into the
// index file (see indexfile.Open).
func (ix *Index) Record(d int) corpus.Record { return ix.records.Record(d) }

// ID returns document d's id.
func (ix *Index) ID(d int) string { return ix.records.ID(d) }

// Records returns every record, in document order: the index's own when
// it holds them in memory, else (an index file) each read now, which
// costs a record of memory per document. For going through them all;
// Record reads one.
func (ix *Index) Records() []corpus.Record {
	if all, ok := ix.records.(interface{ Records() []corpus.Record }); ok {
		return all.Records() // a source that reads them all at once
	}
	out := make([]corpus.Record, ix.records.Len())
	for d := range out {
		out[d] = ix.records.Record(d)
	}
	return out
}
