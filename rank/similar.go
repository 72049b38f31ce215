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
// document's. That bound is loose when a query and a document weigh
// different common terms, so the common terms are also dealt into
// commonGroups groups, and each document's norm on each group kept
// (rounded up to a byte, see groupScale): the sum over groups of the query's norm
// times the document's is a second, tighter bound, checked for the
// documents that pass the first.
type commonTerms struct {
	common []bool    // per term
	group  []uint8   // per term: its group, when common
	norm   []float64 // per document
	// groupNorm[d*commonGroups+g] is ⌈groupScale·‖d restricted to g‖⌉.
	groupNorm []uint8
	// groupScale maps the largest group norm to at most 254, never past
	// a byte: a document's norm may exceed 1 once its weights are rounded
	// to float32 (1 + 4e-8), and a byte capped at 255 would then bound
	// less than the group can add (a test had a result missed).
	groupScale float64
}

// commonGroups is how many groups the common terms are dealt into: a byte
// per group per document (1.6 MB at 100,000 documents).
const commonGroups = 16

func (ix *Index) commonTerms() (*commonTerms, error) {
	ix.commonOnce.Do(func() {
		n := ix.Len()
		nTerms := ix.post.terms()
		c := &commonTerms{common: make([]bool, nTerms), group: make([]uint8, nTerms), norm: make([]float64, n)}
		limit := int(math.Ceil(float64(n) * commonShare))
		var common []int32
		for t := range int32(nTerms) {
			if ix.post.len(t) > limit {
				common = append(common, t)
			}
		}
		// Dealt round the groups from the commonest down, so that each
		// group holds terms of every frequency.
		slices.SortStableFunc(common, func(a, b int32) int { return ix.post.len(b) - ix.post.len(a) })
		sq := make([]float64, n*commonGroups)
		for i, t := range common {
			docs, weights, err := ix.postingList(t)
			if err != nil {
				ix.commonErr = err
				return
			}
			g := i % commonGroups
			c.common[t] = true
			c.group[t] = uint8(g)
			for j, d := range docs {
				w := float64(weights[j])
				c.norm[d] += w * w
				sq[int(d)*commonGroups+g] += w * w
			}
		}
		largest := 1.0
		for _, x := range sq {
			largest = max(largest, math.Sqrt(x))
		}
		c.groupScale = 254 / largest
		c.groupNorm = make([]uint8, len(sq))
		for i, x := range sq {
			c.groupNorm[i] = uint8(math.Ceil(math.Sqrt(x) * c.groupScale))
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
// so the same bits and the same top. The row is left zeroed, and so is
// qt, as long as the vocabulary, which holds the query's terms meanwhile.
func (ix *Index) similar(doc int, q Query, row []float64, qt queryTerms) ([]Result, error) {
	q = ix.SimilarQuery(doc, q)
	b, err := ix.Blend(q)
	if err != nil {
		return nil, err
	}
	ct, err := ix.commonTerms()
	if err != nil {
		// A damaged common list (an index file read in place): the
		// exhaustive search fails only for the queries that read it.
		return ix.Search(q)
	}
	defer qt.clear(q.Vector.Terms)
	// The postings of the query's terms that are not common are read now;
	// those of its common terms, the commonest last, only as far as the
	// bar set by the seeds below needs.
	var skipped []weightedTerm
	for i, t := range q.Vector.Terms {
		if t < 0 || int(t) >= len(ct.common) {
			continue
		}
		w := q.Vector.Weights[i]
		qt.set(t, w)
		if ct.common[t] {
			skipped = append(skipped, weightedTerm{t, w})
			continue
		}
		if err := ix.accumulate(row, t, w); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(skipped, func(a, b weightedTerm) int { return ix.post.len(b.term) - ix.post.len(a.term) })
	qSkipped := func() float64 {
		sum := 0.0
		for _, x := range skipped {
			sum += x.weight * x.weight
		}
		return math.Sqrt(sum)
	}

	sc := ix.blendScorer(q, b, q.want())
	// bar is the least score a document needs to enter the kept top.
	bar := func() float64 {
		if len(sc.top.heap) < sc.top.k {
			return math.Inf(-1)
		}
		return sc.top.heap[0].score - boundSlack
	}
	full := func(d int) {
		if sc.eligible(int32(d)) {
			sc.score(int32(d), ix.dot(qt, d))
		}
	}
	// The documents with the largest partials first: they set the bar.
	seeds := make([]int32, 0, 4*sc.top.k)
	d := 0
	for ; d < len(row) && len(seeds) < cap(seeds); d++ {
		if row[d] != 0 {
			seeds = append(seeds, int32(d))
		}
	}
	slices.SortFunc(seeds, func(a, b int32) int { return cmpDesc(row[a], row[b], a, b) })
	if len(seeds) == cap(seeds) {
		least := row[seeds[len(seeds)-1]]
		for ; d < len(row); d++ {
			p := row[d]
			if p <= least {
				continue
			}
			i := sort.Search(len(seeds), func(i int) bool { return row[seeds[i]] < p })
			copy(seeds[i+1:], seeds[i:len(seeds)-1])
			seeds[i] = int32(d)
			least = row[seeds[len(seeds)-1]]
		}
	}
	for _, d := range seeds {
		full(int(d))
		row[d] = math.Inf(-1) // scored: skipped below, whatever is added
	}
	// A common term's postings are read while the query's norm on the
	// skipped terms, the most a document without any read term can score,
	// is above a share of the bar: the bound is loose (Cauchy-Schwarz),
	// and scoring in full the many documents it lets through costs more
	// than reading the list.
	qCommon := qSkipped()
	for len(skipped) > 0 && qCommon > readShare*bar() {
		x := skipped[len(skipped)-1]
		skipped = skipped[:len(skipped)-1]
		if err := ix.accumulate(row, x.term, x.weight); err != nil {
			return nil, err
		}
		qCommon = qSkipped()
	}
	// The groups the skipped terms are in, with the query's norm on each,
	// in units of the document's byte.
	var qGroup [commonGroups]float64
	for _, x := range skipped {
		qGroup[ct.group[x.term]] += x.weight * x.weight
	}
	var groups []int
	var groupWeight []float64
	for g, x := range qGroup {
		if x > 0 {
			groups = append(groups, g)
			groupWeight = append(groupWeight, math.Sqrt(x)/ct.groupScale)
		}
	}
	// The others, best bound first, until the bound falls below the kept
	// top: each document scored in full could enter it, and the bar rises
	// as fast as it can.
	others := sc.lambda + sc.rho // the most codes and references can add
	var cands []bounded
	// No document is scored in this pass, so the bar stays.
	bar0 := bar()
	for d, p := range row {
		row[d] = 0
		if math.IsInf(p, -1) { // a seed
			continue
		}
		ub := p + qCommon*ct.norm[d]
		if ub == 0 && others == 0 {
			continue
		}
		if sc.text*ub+others < bar0 {
			continue
		}
		gn := ct.groupNorm[d*commonGroups : (d+1)*commonGroups : (d+1)*commonGroups]
		common := 0.0
		for i, g := range groups {
			common += groupWeight[i] * float64(gn[g])
		}
		ub = sc.text * (p + min(common, qCommon*ct.norm[d]))
		if ub+others < bar0 {
			continue
		}
		// The codes and references exactly, kept for the full score.
		c := bounded{doc: int32(d)}
		if sc.qcodes != nil {
			c.msc = mscSimilarity(sc.qcodes, ix.docCodes(int32(d)))
		}
		if sc.refDoc >= 0 {
			c.ref = ix.refs.similarity(sc.refDoc, d)
		}
		c.bound = ub + sc.lambda*c.msc + sc.rho*c.ref
		if c.bound < bar0 || c.bound <= 0 {
			continue
		}
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b bounded) int { return cmpDesc(a.bound, b.bound, a.doc, b.doc) })
	for _, c := range cands {
		if c.bound < bar() {
			break
		}
		if sc.eligible(c.doc) {
			sc.add(c.doc, ix.dot(qt, int(c.doc)), c.msc, c.ref)
		}
	}
	return ix.finish(q, b, sc.top), nil
}

// readShare: common terms are read until the query's norm on those left
// is at most this share of the bar.
const readShare = 0.5

type weightedTerm struct {
	term   int32
	weight float64
}

// accumulate adds the products of term t's postings with weight w to row;
// on error the row is zeroed, as callers expect it left.
func (ix *Index) accumulate(row []float64, t int32, w float64) error {
	docs, weights, err := ix.postingList(t)
	if err != nil {
		clear(row)
		return err
	}
	for j, d := range docs {
		row[d] += w * float64(weights[j])
	}
	return nil
}

// bounded is a document and the most it can score, with its code and
// reference similarities.
type bounded struct {
	bound, msc, ref float64
	doc             int32
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

// queryTerms are a query's weights by term, and a bit per term that the
// query has: the bits of a 100k-record library's vocabulary fit a
// processor's first cache, its weights do not, and most of a document's
// terms are not the query's.
type queryTerms struct {
	weight []float64
	bits   []uint64
}

func newQueryTerms(nTerms int) queryTerms {
	return queryTerms{weight: make([]float64, nTerms), bits: make([]uint64, nTerms/64+1)}
}

func (qt queryTerms) set(t int32, w float64) {
	qt.weight[t] = w
	qt.bits[t>>6] |= 1 << (t & 63)
}

// clear zeroes the query's terms (terms within the vocabulary).
func (qt queryTerms) clear(terms []int32) {
	for _, t := range terms {
		if t >= 0 && int(t) < len(qt.weight) {
			qt.weight[t] = 0
			qt.bits[t>>6] = 0
		}
	}
}

// dot is the cosine of a query, its terms in qt, and document d, adding
// the products in term order with the postings' float32 weights, as the
// accumulators of Search do: the same products in the same order, so the
// same bits. Looking each of d's terms up is cheaper than merging two
// sorted lists, whose branches a processor cannot predict: similar-by-id
// took 15-30% less time at 100k records.
func (ix *Index) dot(qt queryTerms, d int) float64 {
	dv := ix.Space.Vectors[d]
	var sum float64
	for j, t := range dv.Terms {
		if uint(t) < uint(len(qt.weight)) && qt.bits[t>>6]&(1<<(t&63)) != 0 {
			sum += qt.weight[t] * float64(float32(dv.Weights[j]))
		}
	}
	return sum
}
