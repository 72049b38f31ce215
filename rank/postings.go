package rank

import (
	"fmt"
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

// buildPostings inverts the document vectors, counting first so that
// the lists are two allocations.
func buildPostings(space *vectorize.Space) postings {
	nTerms := space.Vocab.Len()
	p := postings{start: make([]int64, nTerms+1)}
	for _, v := range space.Vectors {
		for _, t := range v.Terms {
			p.start[t+1]++
		}
	}
	for t := range nTerms {
		p.start[t+1] += p.start[t]
	}
	p.docs = make([]int32, p.start[nTerms])
	p.weights = make([]float32, p.start[nTerms])
	next := make([]int64, nTerms)
	copy(next, p.start)
	for d, v := range space.Vectors {
		for i, t := range v.Terms {
			j := next[t]
			next[t]++
			p.docs[j] = int32(d)
			p.weights[j] = float32(v.Weights[i])
		}
	}
	return p
}

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
