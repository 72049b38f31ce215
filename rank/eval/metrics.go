// Package eval measures ranking quality against MSC agreement: a related
// talk is relevant to the degree that its codes agree with the query's.
//
// Relevance of a result d for a query q is the deepest level at which some
// code of q and some code of d agree: the same five characters 3, the same
// first three characters 2, the same first two 1, else 0 (the definition of
// ../shared/peers/msc_agreement.py, so that figures compare with the peers).
// Over the top 10 of each query:
//
//	P@10    share of the 10 places holding a result with relevance ≥ 1
//	nDCG@10 Σ rel_i / log2(i+1), divided by the same sum for the best
//	        possible list drawn from the whole corpus
//	MRR@10  1 / rank of the first result with relevance ≥ 1 (0 if none)
//
// Each mean comes with a 95% percentile bootstrap interval over queries,
// from a fixed seed so that a run repeats exactly.
package eval

import (
	"math"
	"math/rand/v2"
	"sort"
)

// Relevance is the graded agreement of two code lists: 3, 2, 1 or 0.
func Relevance(a, b []string) int {
	for _, lv := range []struct{ n, gain int }{{5, 3}, {3, 2}, {2, 1}} {
		for _, x := range a {
			for _, y := range b {
				if len(x) >= lv.n && len(y) >= lv.n && x[:lv.n] == y[:lv.n] {
					return lv.gain
				}
			}
		}
	}
	return 0
}

// DCG is Σ gains[i] / log2(i+2) over the first k gains.
func DCG(gains []int, k int) float64 {
	var s float64
	for i, g := range gains {
		if i == k {
			break
		}
		s += float64(g) / math.Log2(float64(i+2))
	}
	return s
}

// NDCG is DCG(gains) / DCG(ideal), the ideal being the best gains
// available, in any order; 0 when nothing is relevant at all.
func NDCG(gains, ideal []int, k int) float64 {
	best := append([]int(nil), ideal...)
	sort.Sort(sort.Reverse(sort.IntSlice(best)))
	idcg := DCG(best, k)
	if idcg == 0 {
		return 0
	}
	return DCG(gains, k) / idcg
}

// PrecisionAt is the share of the k places holding a gain ≥ 1; missing
// results count as misses.
func PrecisionAt(gains []int, k int) float64 {
	n := 0
	for i, g := range gains {
		if i == k {
			break
		}
		if g >= 1 {
			n++
		}
	}
	return float64(n) / float64(k)
}

// ReciprocalRank is 1/rank of the first gain ≥ 1 within k, else 0.
func ReciprocalRank(gains []int, k int) float64 {
	for i, g := range gains {
		if i == k {
			break
		}
		if g >= 1 {
			return 1 / float64(i+1)
		}
	}
	return 0
}

// Stat is a mean with its 95% bootstrap confidence interval.
type Stat struct {
	Mean float64 `json:"mean"`
	Lo   float64 `json:"ci95_lo"`
	Hi   float64 `json:"ci95_hi"`
	N    int     `json:"n"`
}

// BootstrapIters is the number of bootstrap resamples.
const BootstrapIters = 1000

// Bootstrap returns the mean of values and the 2.5th and 97.5th
// percentiles of the means of iters resamples with replacement, drawn
// from a PCG generator seeded with seed: the same inputs give the same
// interval.
func Bootstrap(values []float64, iters int, seed uint64) Stat {
	n := len(values)
	if n == 0 {
		return Stat{}
	}
	st := Stat{Mean: mean(values), N: n}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	means := make([]float64, iters)
	for b := range means {
		var s float64
		for range n {
			s += values[rng.IntN(n)]
		}
		means[b] = s / float64(n)
	}
	sort.Float64s(means)
	st.Lo = percentile(means, 0.025)
	st.Hi = percentile(means, 0.975)
	return st
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// percentile interpolates linearly between the closest ranks of sorted v.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	pos := p * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	hi := min(lo+1, len(sorted)-1)
	frac := pos - float64(lo)
	return sorted[lo]*(1-frac) + sorted[hi]*frac
}
