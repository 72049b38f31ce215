package rank

import (
	"math"
	"slices"
	"sort"
)

// commonShare: a term that more than this share of the documents have is
// common. Common terms carry most of the work of comparing a document with
// every other (the sum of df² over terms, the work of all the related
// lists of a library: 6.0e10 for 100,000 resampled abstracts, 1.9e10
// without the 100 commonest terms) and little of the similarity.
const commonShare = 1.0 / 32

// commonTerms are the index's common terms and, per document, the norm of
// its vector restricted to them: by Cauchy-Schwarz, what the common terms
// add to a cosine is at most the query's norm on them times the
// document's.
type commonTerms struct {
	common []bool    // per term
	norm   []float64 // per document
}

func (ix *Index) commonTerms() (*commonTerms, error) {
	ix.commonOnce.Do(func() {
		n := ix.Len()
		nTerms := ix.post.terms()
		c := &commonTerms{common: make([]bool, nTerms), norm: make([]float64, n)}
		limit := int(math.Ceil(float64(n) * commonShare))
		for t := range int32(nTerms) {
			if ix.post.len(t) <= limit {
				continue
			}
			docs, weights, err := ix.postingList(t)
			if err != nil {
				ix.commonErr = err
				return
			}
			c.common[t] = true
			for j, d := range docs {
				w := float64(weights[j])
				c.norm[d] += w * w
			}
		}
		for d := range c.norm {
			c.norm[d] = math.Sqrt(c.norm[d])
		}
		ix.common = c
	})
	return ix.common, ix.commonErr
}

// similar is Similar without feedback or candidates: it gives the results
// of Search(SimilarQuery(doc, q)) while reading only the postings of the
// query's terms that are not common.
//
// The row, as long as the collection and zeroed, receives the partial
// cosines; a document's cosine is at most its partial plus the query's
// norm on the common terms times its own (commonTerms). The documents with
// the largest partials are scored in full first, which sets the lowest
// score of the kept top; then every document whose bound reaches it is
// scored in full. A full score takes the cosine as a sparse dot product in
// term order: the products Search's accumulators add, in the same order,
// so the same bits and the same top. The row is left zeroed.
func (ix *Index) similar(doc int, q Query, row []float64) ([]Result, error) {
	q = ix.SimilarQuery(doc, q)
	b, err := ix.Blend(q)
	if err != nil {
		return nil, err
	}
	ct, err := ix.commonTerms()
	if err != nil {
		return nil, err
	}
	qCommon := 0.0
	for i, t := range q.Vector.Terms {
		if t < 0 || int(t) >= len(ct.common) {
			continue
		}
		w := q.Vector.Weights[i]
		if ct.common[t] {
			qCommon += w * w
			continue
		}
		docs, weights, err := ix.postingList(t)
		if err != nil {
			clear(row) // left zeroed, as callers expect
			return nil, err
		}
		for j, d := range docs {
			row[d] += w * float64(weights[j])
		}
	}
	qCommon = math.Sqrt(qCommon)

	sc := &scorer{ix: ix, q: q, top: newTopK(q.want(), ix), lambda: b.Lambda, rho: b.Refs,
		text: 1 - b.Lambda - b.Refs, refDoc: -1, prefix: normalizePrefix(q.MSCPrefix)}
	if b.Lambda > 0 {
		sc.codes = b.Codes.Codes
		sc.qcodes = compileCodes(b.Codes)
	}
	if b.Refs > 0 {
		sc.refDoc = q.refDoc - 1
	}
	full := func(d int) {
		if sc.eligible(int32(d)) {
			sc.score(int32(d), ix.dot(q.Vector.Terms, q.Vector.Weights, d))
		}
	}
	// The documents with the largest partials first: they set the bar.
	seeds := make([]int32, 0, 4*sc.top.k)
	for d, p := range row {
		if p == 0 {
			continue
		}
		if len(seeds) < cap(seeds) {
			seeds = append(seeds, int32(d))
			if len(seeds) == cap(seeds) {
				slices.SortFunc(seeds, func(a, b int32) int { return cmpDesc(row[a], row[b], a, b) })
			}
			continue
		}
		if p > row[seeds[len(seeds)-1]] {
			i := sort.Search(len(seeds), func(i int) bool { return row[seeds[i]] < p })
			copy(seeds[i+1:], seeds[i:len(seeds)-1])
			seeds[i] = int32(d)
		}
	}
	for _, d := range seeds {
		full(int(d))
		row[d] = -1 // scored: skipped below
	}
	others := sc.lambda + sc.rho // the most codes and references can add
	for d, p := range row {
		if p < 0 { // a seed
			row[d] = 0
			continue
		}
		row[d] = 0
		ub := p + qCommon*ct.norm[d]
		if ub == 0 && others == 0 {
			continue
		}
		if len(sc.top.heap) == sc.top.k && sc.text*ub+others < sc.top.heap[0].score-boundSlack {
			continue
		}
		full(d)
	}
	return ix.finish(q, b, sc.top), nil
}

// boundSlack keeps bounds safe from rounding: a document is skipped only
// when its bound is below the kept top by more than the rounding of a sum
// of a few hundred products could make up.
const boundSlack = 1e-9

func cmpDesc(x, y float64, a, b int32) int {
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return int(a - b)
}

// dot is the cosine of a query vector and document d, adding the products
// in term order with the postings' float32 weights, as the accumulators of
// Search do: the same products in the same order, so the same bits.
func (ix *Index) dot(terms []int32, weights []float64, d int) float64 {
	dv := ix.Space.Vectors[d]
	var sum float64
	i, j := 0, 0
	for i < len(terms) && j < len(dv.Terms) {
		switch {
		case terms[i] < dv.Terms[j]:
			i++
		case terms[i] > dv.Terms[j]:
			j++
		default:
			sum += weights[i] * float64(float32(dv.Weights[j]))
			i++
			j++
		}
	}
	return sum
}
