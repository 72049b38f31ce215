package rank

import (
	"fmt"

	"github.com/related/related/corpus"
	"github.com/related/related/vectorize"
)

// Postings is the inverted index in compressed-row form: the documents
// having term t, ascending, are Docs[Start[t]:Start[t+1]], with their
// weights (the document vector's, as float32) in Weights at the same
// positions. It is what an index file stores so that loading does not
// invert the vectors again.
type Postings struct {
	Start   []int64 // len = number of terms + 1
	Docs    []int32
	Weights []float32
}

// buildPostings inverts the document vectors, counting first so that
// the lists are two allocations.
func buildPostings(space *vectorize.Space) Postings {
	nTerms := space.Vocab.Len()
	p := Postings{Start: make([]int64, nTerms+1)}
	for _, v := range space.Vectors {
		for _, t := range v.Terms {
			p.Start[t+1]++
		}
	}
	for t := range nTerms {
		p.Start[t+1] += p.Start[t]
	}
	p.Docs = make([]int32, p.Start[nTerms])
	p.Weights = make([]float32, p.Start[nTerms])
	next := make([]int64, nTerms)
	copy(next, p.Start)
	for d, v := range space.Vectors {
		for i, t := range v.Terms {
			j := next[t]
			next[t]++
			p.Docs[j] = int32(d)
			p.Weights[j] = float32(v.Weights[i])
		}
	}
	return p
}

func (ix *Index) setPostings(p Postings) {
	ix.flat = p
	ix.postings = make([]postingList, len(p.Start)-1)
	for t := range ix.postings {
		lo, hi := p.Start[t], p.Start[t+1]
		ix.postings[t] = postingList{docs: p.Docs[lo:hi:hi], weights: p.Weights[lo:hi:hi]}
	}
}

// Postings returns the index's inverted lists (shared, not a copy: do
// not modify them).
func (ix *Index) Postings() Postings { return ix.flat }

// NewWithPostings is New with the inverted lists given (as read from an
// index file) instead of computed. The lists are checked for shape only:
// a term id or document number out of range is an error, not a panic.
func NewWithPostings(records []corpus.Record, space *vectorize.Space, p Postings) (*Index, error) {
	nTerms := space.Vocab.Len()
	if len(p.Start) != nTerms+1 || p.Start[0] != 0 || p.Start[nTerms] != int64(len(p.Docs)) || len(p.Docs) != len(p.Weights) {
		return nil, fmt.Errorf("rank: postings do not match a vocabulary of %d terms", nTerms)
	}
	for t := range nTerms {
		if p.Start[t] > p.Start[t+1] {
			return nil, fmt.Errorf("rank: postings of term %d are out of order", t)
		}
	}
	n := int32(len(records))
	for _, d := range p.Docs {
		if d < 0 || d >= n {
			return nil, fmt.Errorf("rank: posting names document %d of %d", d, n)
		}
	}
	ix, err := newIndex(records, space)
	if err != nil {
		return nil, err
	}
	ix.setPostings(p)
	return ix, nil
}
