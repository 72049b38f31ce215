package rank

import "github.com/related/related/vectorize"

// Pruned accumulation. A query's common terms have long posting lists and
// small weights: walking them is most of the work of a search, yet they
// rarely change which documents are best. So the terms whose lists are
// longer than longList are left out of the accumulation, and their largest
// possible contribution to any cosine, bound = Σ q_t · max_d w_{t,d}, is
// kept. A document whose partial cosine plus bound cannot enter the top is
// skipped; the others get their exact cosine from their own vector (in
// term order, with the postings' float32 weights: the same sum, to the
// bit, as walking every list). A document no kept term reaches has a
// cosine of at most bound and no shared code area; if that could still
// enter the top, the search is done again without pruning. Results are
// thus exactly those of the full walk.

// longList is the posting length above which a term is left out: a
// 64th of the documents, and never below 2048 (small collections are
// walked whole).
func (ix *Index) longList() int {
	if ix.pruneAt > 0 {
		return ix.pruneAt
	}
	return max(2048, len(ix.Records)/64)
}

// boundSlack absorbs the rounding of the bound's sum.
const boundSlack = 1e-12

// accumulate adds the query's term weights into s.acc for the terms it
// keeps, and returns the bound on the left-out terms' contribution and
// whether any term was left out.
func (ix *Index) accumulate(v vectorize.Vector, s *scratch, prune bool) (bound float64, pruned bool) {
	long := ix.longList()
	for i, t := range v.Terms {
		if int(t) >= len(ix.postings) {
			continue
		}
		qw := v.Weights[i]
		p := &ix.postings[t]
		if prune && len(p.docs) > long {
			bound += qw * float64(ix.maxWeight[t])
			pruned = true
			continue
		}
		for j, d := range p.docs {
			s.touch(d)
			s.acc[d] += qw * float64(p.weights[j])
		}
	}
	if pruned {
		bound += boundSlack
	}
	return bound, pruned
}

// exactCos is the cosine of the query and document d as the full walk
// computes it: query terms in order, document weights rounded to float32.
func (ix *Index) exactCos(q vectorize.Vector, d int32) float64 {
	dv := ix.Space.Vectors[d]
	var s float64
	i, j := 0, 0
	for i < len(q.Terms) && j < len(dv.Terms) {
		switch {
		case q.Terms[i] < dv.Terms[j]:
			i++
		case q.Terms[i] > dv.Terms[j]:
			j++
		default:
			if int(q.Terms[i]) < len(ix.postings) {
				s += q.Weights[i] * float64(float32(dv.Weights[j]))
			}
			i++
			j++
		}
	}
	return s
}

// maxWeights is the largest weight in each posting list.
func maxWeights(p Postings) []float32 {
	out := make([]float32, len(p.Start)-1)
	for t := range out {
		for _, w := range p.Weights[p.Start[t]:p.Start[t+1]] {
			out[t] = max(out[t], w)
		}
	}
	return out
}
