package rank

// DefaultCollapse is the cosine above which two results count as the same
// talk (given twice, or a paper and its preprint) and are shown as one.
const DefaultCollapse = 0.9

// cosine of two documents' vectors.
func (ix *Index) cosine(a, b int) float64 {
	return ix.Space.Vectors[a].Dot(ix.Space.Vectors[b])
}

// collapse folds each result whose cosine with a better-ranked kept
// result reaches threshold into that result's Also list, until k results
// are kept.
func (ix *Index) collapse(results []Result, threshold float64, k int) []Result {
	kept := results[:0:0]
	for _, r := range results {
		if len(kept) == k {
			break // the rest would not be shown
		}
		folded := false
		for i := range kept {
			if ix.cosine(kept[i].Doc, r.Doc) >= threshold {
				kept[i].Also = append(kept[i].Also, r.ID)
				folded = true
				break
			}
		}
		if !folded {
			kept = append(kept, r)
		}
	}
	return kept
}

// diversify reorders results by maximal marginal relevance: each next
// result maximises λ·score − (1−λ)·(its largest cosine with those already
// chosen), so that a list does not repeat one theme. λ = 1 keeps the order.
func (ix *Index) diversify(results []Result, lambda float64, k int) []Result {
	if len(results) == 0 {
		return results
	}
	chosen := make([]Result, 0, k)
	maxSim := make([]float64, len(results))
	used := make([]bool, len(results))
	for len(chosen) < k && len(chosen) < len(results) {
		best, bestVal := -1, 0.0
		for i, r := range results {
			if used[i] {
				continue
			}
			v := lambda*r.Score - (1-lambda)*maxSim[i]
			if best < 0 || v > bestVal {
				best, bestVal = i, v
			}
		}
		used[best] = true
		chosen = append(chosen, results[best])
		for i := range results {
			if !used[i] {
				maxSim[i] = max(maxSim[i], ix.cosine(results[i].Doc, results[best].Doc))
			}
		}
	}
	return chosen
}

// IntraListSimilarity is the mean cosine over the pairs of a list, a
// measure of how much its results repeat each other (lower is more
// diverse); 0 for lists of fewer than two.
func (ix *Index) IntraListSimilarity(results []Result) float64 {
	var s float64
	n := 0
	for i := range results {
		for j := i + 1; j < len(results); j++ {
			s += ix.cosine(results[i].Doc, results[j].Doc)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return s / float64(n)
}
