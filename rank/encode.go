package rank

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/related/related/corpus"
	"github.com/related/related/internal/sections"
	"github.com/related/related/vectorize"
)

// An index is stored in an index file (package indexfile) as its records
// (stored by indexfile), its space (vectorize.Space.Encode) and these
// sections, the inverted lists:
//
//	postings.starts   (T+1) × int64: term t's postings are entries
//	                  [starts[t], starts[t+1]) of the two next sections
//	postings.docs     E × int32 document numbers, ascending within a term
//	postings.weights  E × float32 the documents' weights for the term
//
// The ids, codes, MSC areas and references are rebuilt from the records
// when the index is decoded (newIndex), which costs tens of milliseconds
// at 100k records and keeps one source of truth for them.
const (
	secPostStarts  = "postings.starts"
	secPostDocs    = "postings.docs"
	secPostWeights = "postings.weights"
)

// Encode writes the index's inverted lists. Lists not yet checked (an
// index decoded without Strict) are checked as they are written, so that
// a file rewritten from a damaged one is an error, not a copy of the
// damage under fresh checksums.
func (ix *Index) Encode(w sections.Writer) error {
	p := &ix.post
	if len(p.start) != ix.Space.Vocab.Len()+1 {
		return errors.New("rank: postings do not match the vocabulary")
	}
	if p.checked != nil {
		for t := range int32(len(p.start) - 1) {
			if _, _, err := ix.postingList(t); err != nil {
				return err
			}
		}
	}
	return errors.Join(
		sections.WriteArray(w.Section(secPostStarts), p.start),
		sections.WriteArray(w.Section(secPostDocs), p.docs),
		sections.WriteArray(w.Section(secPostWeights), p.weights),
	)
}

// Decode is New for an index read from a file: the inverted lists come
// from r instead of being computed. Their offsets are checked now; the
// document numbers of each list are checked the first time a search uses
// it, or now when r is Strict.
func Decode(records []corpus.Record, space *vectorize.Space, r sections.Reader) (*Index, error) {
	nTerms := space.Vocab.Len()
	sb, err := sections.Required(r.Read, secPostStarts)
	if err != nil {
		return nil, err
	}
	db, err := sections.Required(r.Map, secPostDocs)
	if err != nil {
		return nil, err
	}
	wb, err := sections.Required(r.Map, secPostWeights)
	if err != nil {
		return nil, err
	}
	var p postings
	if p.start, err = sections.View[int64](secPostStarts, sb, int64(nTerms)+1); err != nil {
		return nil, err
	}
	nEnt := sections.Len[int32](db)
	if err := sections.Starts(secPostStarts, p.start, nTerms, nEnt); err != nil {
		return nil, err
	}
	if p.docs, err = sections.View[int32](secPostDocs, db, nEnt); err != nil {
		return nil, err
	}
	if p.weights, err = sections.View[float32](secPostWeights, wb, nEnt); err != nil {
		return nil, err
	}
	if len(records) != len(space.Vectors) {
		return nil, sections.Errorf("meta", "%d records but %d documents", len(records), len(space.Vectors))
	}
	if r.Strict() {
		for t := range nTerms {
			if err := checkList(p.docs[p.start[t]:p.start[t+1]], len(records)); err != nil {
				return nil, sections.Errorf(secPostDocs, "term %d: %v", t, err)
			}
		}
	} else {
		p.checked = make([]atomic.Uint32, (nTerms+31)/32)
	}
	ix, err := newIndex(records, space)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", sections.ErrFormat, err)
	}
	ix.post = p
	return ix, nil
}
