package rank

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sync/atomic"

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
func Decode(records RecordSource, space *vectorize.Space, r sections.Reader) (*Index, error) {
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
	if records.Len() != len(space.Vectors) {
		return nil, sections.Errorf("meta", "%d records but %d documents", records.Len(), len(space.Vectors))
	}
	if r.Strict() {
		for t := range nTerms {
			if err := checkList(p.docs[p.start[t]:p.start[t+1]], records.Len()); err != nil {
				return nil, sections.Errorf(secPostDocs, "term %d: %v", t, err)
			}
		}
	} else {
		p.checked = make([]atomic.Uint32, (nTerms+31)/32)
	}
	// The ids are mapped on first lookup, and an id given twice (in a
	// damaged file only) then answers with its first document; a strict
	// reader checks them now.
	ix, err := newIndex(records, space, r.Strict())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", sections.ErrFormat, err)
	}
	ix.post = p
	return ix, nil
}

// postingsChunk is how many entries EncodePostings gathers at a time:
// 16 MB of document numbers or weights.
var postingsChunk = 4 << 20

// EncodePostings writes the inverted lists of the space's vectors, the
// sections that Encode writes for New(records, space), byte for byte,
// without building them: the lists of a range of terms at a time, about
// postingsChunk entries, gathered from the vectors (a cursor per vector,
// since each vector's terms are sorted) and written, as buildPostings lays
// them (postingsLayout). A build that writes its index
// (related.BuildIndex) so holds 16 MB instead of the whole inverted index
// (8 bytes an entry: 100 MB at 100k records).
func EncodePostings(w sections.Writer, space *vectorize.Space) error {
	l, err := layPostings(space.Vectors, space.Vocab.Len())
	if err != nil {
		return err
	}
	if err := sections.WriteArray(w.Section(secPostStarts), l.start); err != nil {
		return err
	}
	if err := writeLists(w.Section(secPostDocs), l, func(lo, hi int, buf []int32) { l.fill(lo, hi, buf, nil) }); err != nil {
		return err
	}
	return writeLists(w.Section(secPostWeights), l, func(lo, hi int, buf []float32) { l.fill(lo, hi, nil, buf) })
}

// writeLists writes the lists' document numbers or weights, as fill
// places them, a range of about postingsChunk entries at a time.
func writeLists[T int32 | float32](w io.Writer, l *postingsLayout, fill func(lo, hi int, buf []T)) error {
	l.rewind()
	nTerms := len(l.start) - 1
	var buf []T
	for lo := 0; lo < nTerms; {
		hi := lo + 1
		for hi < nTerms && l.start[hi+1]-l.start[lo] <= int64(postingsChunk) {
			hi++
		}
		size := int(l.start[hi] - l.start[lo])
		buf = slices.Grow(buf[:0], size)[:size]
		fill(lo, hi, buf)
		if err := sections.WriteArray(w, buf); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}
