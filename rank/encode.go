package rank

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
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
// since each vector's terms are sorted) and written. A build that writes
// its index (related.BuildIndex) so holds 16 MB instead of the whole
// inverted index (8 bytes an entry: 100 MB at 100k records). The vectors
// are dealt into parts, one per core, each gathering its documents'
// entries into their places (known from each part's count of each term).
func EncodePostings(w sections.Writer, space *vectorize.Space) error {
	nTerms := space.Vocab.Len()
	vectors := space.Vectors
	parts := make([]postingsPart, min(runtime.GOMAXPROCS(0), max(1, len(vectors)/postingsPartMin)))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for p := range parts {
		part := &parts[p]
		part.lo, part.hi = p*len(vectors)/len(parts), (p+1)*len(vectors)/len(parts)
		part.at = make([]int64, nTerms+1)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d, v := range vectors[part.lo:part.hi] {
				for i, t := range v.Terms {
					if t < 0 || int(t) >= nTerms || (i > 0 && t <= v.Terms[i-1]) {
						errs[p] = fmt.Errorf("rank: vector %d: term ids out of range or order", part.lo+d)
						return
					}
					part.at[t]++
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	// start[t] is where term t's list starts; each part's at[t], where
	// its first entry of term t goes.
	start := make([]int64, nTerms+1)
	for t := range nTerms {
		off := start[t]
		for p := range parts {
			n := parts[p].at[t]
			parts[p].at[t] = off
			off += n
		}
		start[t+1] = off
	}
	if err := sections.WriteArray(w.Section(secPostStarts), start); err != nil {
		return err
	}
	if err := writeListsByRange(w.Section(secPostDocs), vectors, start, parts, func(d int32, _ float64) int32 { return d }); err != nil {
		return err
	}
	return writeListsByRange(w.Section(secPostWeights), vectors, start, parts, func(_ int32, x float64) float32 { return float32(x) })
}

// postingsPartMin is the fewest documents worth a part of their own.
var postingsPartMin = 4096

// postingsPart is a range of documents, [lo, hi), and, per term, where in
// the term's list its first entry goes.
type postingsPart struct {
	lo, hi int
	at     []int64
}

// writeListsByRange writes, term after term, the value of each entry of
// the term's list (of document d, weight x), as buildPostings lays them.
func writeListsByRange[T int32 | float32](w io.Writer, vectors []vectorize.Vector, start []int64, parts []postingsPart, value func(d int32, x float64) T) error {
	nTerms := len(start) - 1
	cursor := make([]int32, len(vectors)) // vector d's first entry not yet written
	var buf []T
	next := make([][]int64, len(parts))
	var wg sync.WaitGroup
	for lo := 0; lo < nTerms; {
		hi := lo + 1
		for hi < nTerms && start[hi+1]-start[lo] <= int64(postingsChunk) {
			hi++
		}
		base := start[lo]
		size := int(start[hi] - base)
		if cap(buf) < size {
			buf = make([]T, size)
		}
		buf = buf[:size]
		for p := range parts {
			part := &parts[p]
			next[p] = append(next[p][:0], part.at[lo:hi]...)
			wg.Add(1)
			go func(next []int64) {
				defer wg.Done()
				for d := part.lo; d < part.hi; d++ {
					v := &vectors[d]
					i := int(cursor[d])
					for ; i < len(v.Terms) && int(v.Terms[i]) < hi; i++ {
						t := v.Terms[i] - int32(lo)
						buf[next[t]-base] = value(int32(d), v.Weights[i])
						next[t]++
					}
					cursor[d] = int32(i)
				}
			}(next[p])
		}
		wg.Wait()
		if err := sections.WriteArray(w, buf); err != nil {
			return err
		}
		lo = hi
	}
	return nil
}
