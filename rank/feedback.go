package rank

import (
	"sort"

	"github.com/related/related/vectorize"
	"gonum.org/v1/gonum/floats"
)

// expand applies pseudo-relevance feedback (Rocchio): the query vector
// plus Beta times the mean vector of its Feedback best text matches,
// normalised again. Short queries and short abstracts gain the words
// their neighbours use for the same thing; `related eval --compare`
// measures it.
func (ix *Index) expand(q Query) (vectorize.Vector, error) {
	first := q
	first.Feedback, first.Lambda, first.Codes, first.ExplainTerms = 0, 0, CodeSet{}, 0
	first.RefWeight, first.SuggestCodes = 0, false
	first.K = q.Feedback
	top, err := ix.Search(first)
	if err != nil || len(top) == 0 {
		return q.Vector, err
	}
	acc := map[int32]float64{}
	for i, t := range q.Vector.Terms {
		acc[t] += q.Vector.Weights[i]
	}
	w := q.FeedbackWeight / float64(len(top))
	for _, r := range top {
		dv := ix.Space.Vectors[r.Doc]
		for i, t := range dv.Terms {
			acc[t] += w * dv.Weights[i]
		}
	}
	v := vectorize.Vector{Terms: make([]int32, 0, len(acc)), Weights: make([]float64, len(acc))}
	for t := range acc {
		v.Terms = append(v.Terms, t)
	}
	sort.Slice(v.Terms, func(i, j int) bool { return v.Terms[i] < v.Terms[j] })
	for i, t := range v.Terms {
		v.Weights[i] = acc[t]
	}
	if n := floats.Norm(v.Weights, 2); n > 0 {
		floats.Scale(1/n, v.Weights)
	}
	return v, nil
}
