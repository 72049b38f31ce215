package rank

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/related/related/internal/sections"
	"github.com/related/related/vectorize"
)

// postings is the inverted index in compressed-row form: the documents
// having term t, ascending, are docs[start[t]:start[t+1]], with their
// weights (the document vector's, as float32) in weights at the same
// positions. An index file stores these arrays (encode.go), so that
// opening one does not invert the vectors again.
type postings struct {
	start   []int64 // len = number of terms + 1
	docs    []int32
	weights []float32
	// checked has a bit per term whose list is known to name documents
	// in range, ascending; nil when every list is (built here, or checked
	// when decoded). Lists used in place from a file are checked the
	// first time a search reads them, so that opening does not read them
	// all.
	checked []atomic.Uint32
}

// buildPostings inverts the document vectors: laid out first, so that
// the lists are two allocations, then filled on all cores.
func buildPostings(space *vectorize.Space) (postings, error) {
	l, err := layPostings(space.Vectors, space.Vocab.Len())
	if err != nil {
		return postings{}, err
	}
	nTerms := len(l.start) - 1
	p := postings{start: l.start, docs: make([]int32, l.start[nTerms]), weights: make([]float32, l.start[nTerms])}
	l.fill(0, nTerms, p.docs, p.weights)
	return p, nil
}

// postingsLayout places every entry of the inverted lists of vectors:
// term t's list is entries [start[t], start[t+1]), and each part of the
// documents (one per core) knows where its first entry of each term goes,
// so that the parts fill their places at once.
type postingsLayout struct {
	vectors []vectorize.Vector
	start   []int64
	parts   []postingsPart
	cursor  []int32 // vector d's first entry not yet placed
}

// postingsPart is a range of documents, [lo, hi), and, per term, where in
// the term's list its first entry goes.
type postingsPart struct {
	lo, hi int
	at     []int64
	next   []int64 // fill's, per part
}

// postingsPartMin is the fewest documents worth a part of their own.
var postingsPartMin = 4096

// layPostings counts each part's entries of each term; a vector whose
// term ids are out of range or order is an error.
func layPostings(vectors []vectorize.Vector, nTerms int) (*postingsLayout, error) {
	l := &postingsLayout{
		vectors: vectors,
		start:   make([]int64, nTerms+1),
		parts:   make([]postingsPart, min(runtime.GOMAXPROCS(0), max(1, len(vectors)/postingsPartMin))),
		cursor:  make([]int32, len(vectors)),
	}
	errs := make([]error, len(l.parts))
	var wg sync.WaitGroup
	for p := range l.parts {
		part := &l.parts[p]
		part.lo, part.hi = p*len(vectors)/len(l.parts), (p+1)*len(vectors)/len(l.parts)
		part.at = make([]int64, nTerms)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d, v := range vectors[part.lo:part.hi] {
				if !vectorize.TermsInOrder(v.Terms, nTerms) {
					errs[p] = fmt.Errorf("rank: vector %d: term ids out of range or order", part.lo+d)
					return
				}
				for _, t := range v.Terms {
					part.at[t]++
				}
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for t := range nTerms {
		off := l.start[t]
		for p := range l.parts {
			n := l.parts[p].at[t]
			l.parts[p].at[t] = off
			off += n
		}
		l.start[t+1] = off
	}
	return l, nil
}

// fill places the entries of the terms [lo, hi), the range after the one
// filled before (or the first, after rewind): entry j of the lists goes
// to docs[j-start[lo]] and weights[j-start[lo]], either nil when not
// wanted.
func (l *postingsLayout) fill(lo, hi int, docs []int32, weights []float32) {
	base := l.start[lo]
	var wg sync.WaitGroup
	for p := range l.parts {
		part := &l.parts[p]
		part.next = append(part.next[:0], part.at[lo:hi]...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := part.lo; d < part.hi; d++ {
				v := &l.vectors[d]
				i := int(l.cursor[d])
				for ; i < len(v.Terms) && int(v.Terms[i]) < hi; i++ {
					k := part.next[v.Terms[i]-int32(lo)] - base
					part.next[v.Terms[i]-int32(lo)]++
					if docs != nil {
						docs[k] = int32(d)
					}
					if weights != nil {
						weights[k] = float32(v.Weights[i])
					}
				}
				l.cursor[d] = int32(i)
			}
		}()
	}
	wg.Wait()
}

// rewind starts the filling again from the first term.
func (l *postingsLayout) rewind() { clear(l.cursor) }

// terms is the number of terms.
func (p *postings) terms() int { return len(p.start) - 1 }

// len is the number of documents having term t, read from the offsets
// alone (the list itself may still be on disk).
func (p *postings) len(t int32) int { return int(p.start[t+1] - p.start[t]) }

// postingList returns the documents having term t and their weights;
// none for a term outside the index. A list read from a damaged file is
// an error wrapping sections.ErrFormat (indexfile.ErrFormat), not a
// panic.
func (ix *Index) postingList(t int32) ([]int32, []float32, error) {
	p := &ix.post
	if t < 0 || int(t) >= len(p.start)-1 {
		return nil, nil, nil
	}
	lo, hi := p.start[t], p.start[t+1]
	docs, weights := p.docs[lo:hi:hi], p.weights[lo:hi:hi]
	if p.checked != nil {
		w, bit := &p.checked[t/32], uint32(1)<<(t%32)
		if w.Load()&bit == 0 {
			if err := checkList(docs, ix.Len()); err != nil {
				return nil, nil, fmt.Errorf("rank: the index is damaged: postings of term %d: %v: %w", t, err, sections.ErrFormat)
			}
			w.Or(bit)
		}
	}
	return docs, weights, nil
}

// checkList checks that a posting list names documents in range,
// ascending.
func checkList(docs []int32, n int) error {
	prev := int32(-1)
	for _, d := range docs {
		if d <= prev || int(d) >= n {
			return fmt.Errorf("document %d of %d out of range or order", d, n)
		}
		prev = d
	}
	return nil
}
