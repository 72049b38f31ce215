package rank

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"unsafe"

	"github.com/related/related/internal/prefetch"
	"github.com/related/related/internal/rowscan"
	"github.com/related/related/internal/sections"
)

// commonShare: a term that more than this share of the documents have is
// common. Common terms carry most of the work of comparing a document with
// every other (the sum of df² over terms, the work of all the related
// lists of a library: 6.0e10 for 100,000 resampled abstracts, 1.9e10
// without the 100 commonest terms) and little of the similarity.
const commonShare = 1.0 / 32

// commonTerms are the index's common terms and, per document, what they
// can add to a cosine, in three bounds, each tighter and dearer than the
// one before:
//
//   - the document's norm on the commonest common terms, those a query
//     leaves unread: by Cauchy-Schwarz, what the common terms not read add
//     is at most the query's norm on them times the document's on any set
//     of terms that holds them. The sets are the cuts[i] commonest (16,
//     32, 64, ... and all): the unread terms being the query's commonest,
//     a cut that holds them all is much tighter than the norm on every
//     common term (on the generator's 100k corpus, median 0.23 on the 32
//     commonest of 714, against 0.65 on all);
//   - its norm on each of commonGroups groups of the common terms (a byte
//     each, rounded up, see groupScale): the sum over groups of the query's
//     norm times the document's. The soloGroups commonest terms, the ones a
//     query leaves unread, are a group each, so that their part of this
//     bound is exact but for the byte; the others are dealt round
//     sharedGroups groups;
//   - its common terms themselves, side by side (a slot and a weight in 16
//     bits each): what the terms not read add, but for rounding. A few
//     cache lines a document, where its vector in the index file takes two
//     dozen, wherever the file lies: in 5,000 lists of the generator's
//     100k corpus, a measure took 0.3 µs, a full score 6 µs.
type commonTerms struct {
	// cutOf[t] is 1 + the first cut that holds term t, 0 when t is not
	// common: one look-up a term, for the cut norms and for commonness.
	cutOf []uint8
	group []uint8  // per term: its group, when common
	slot  []uint16 // per term: its place among the common terms, commonest first
	// cutNorm[i][d] is document d's norm on the cuts[i] commonest common
	// terms, rounded up to float32 (what the row's scan reads, see
	// rowscan.Reach); cutTypical[i] is its 90th percentile over the
	// documents.
	cuts       []int
	cutNorm    [][]float32
	cutTypical []float64
	// groupNorm[d*commonGroups+g] is ⌈groupScale·‖d restricted to g‖⌉.
	groupNorm []uint8
	// groupScale maps the largest group norm to at most 254, never past
	// a byte: a document's norm may exceed 1 once its weights are rounded
	// to float32 (1 + 4e-8), and a byte capped at 255 would then bound
	// less than the group can add (a test had a result missed).
	groupScale float64
	// Document d's common terms are docTerms[docStart[d]:docStart[d+1]],
	// each its slot (high 16 bits) and its weight in steps of
	// 1/weightSteps, rounded up (low 16 bits).
	docStart []uint32
	docTerms []uint32
	terms    int // how many terms are common
}

const (
	// soloGroups: the commonest common terms, each a group of its own. At
	// 32 (and the norm on all common terms as the first bound, read until
	// it was 0.75 of the bar), the lists of the generator's 100,000
	// records took 2-10% less time than with none; 16 and 48 did no
	// better.
	soloGroups = 32
	// sharedGroups: the groups the other common terms are dealt into.
	sharedGroups = 16
	// commonGroups bytes a document: 4.8 MB at 100,000 documents.
	commonGroups = soloGroups + sharedGroups
)

func (ix *Index) commonTerms() (*commonTerms, error) {
	ix.commonOnce.Do(func() {
		ix.common, ix.commonErr = ix.makeCommonTerms()
		ix.similarReady.Store(true)
	})
	return ix.common, ix.commonErr
}

func (ix *Index) makeCommonTerms() (*commonTerms, error) {
	n := ix.Len()
	nTerms := ix.post.terms()
	c := &commonTerms{cutOf: make([]uint8, nTerms), group: make([]uint8, nTerms), slot: make([]uint16, nTerms)}
	limit := int(math.Ceil(float64(n) * commonShare))
	var common []int32
	for t := range int32(nTerms) {
		if ix.post.len(t) > limit {
			common = append(common, t)
		}
	}
	slices.SortStableFunc(common, func(a, b int32) int { return ix.post.len(b) - ix.post.len(a) })
	// A slot is 16 bits: the rarest of more than 65,536 common terms
	// (documents of over 2,048 terms on average) are read as the others.
	common = common[:min(len(common), math.MaxUint16+1)]
	entries := 0
	for i, t := range common {
		c.slot[t] = uint16(i)
		if i < soloGroups {
			c.group[t] = uint8(i)
		} else {
			c.group[t] = uint8(soloGroups + (i-soloGroups)%sharedGroups)
		}
		entries += ix.post.len(t)
	}
	if uint64(entries) > math.MaxUint32 {
		return nil, fmt.Errorf("rank: %d postings of common terms: too many to compare documents by", entries)
	}
	c.terms = len(common)
	// Two passes over the documents' vectors, whose float32 weights are
	// what a full score multiplies: their norms on the cuts, the last of
	// which sets the scale of the group bytes, then the rest.
	for k := 16; k < c.terms; k *= 2 {
		c.cuts = append(c.cuts, k)
	}
	c.cuts = append(c.cuts, c.terms)
	c.cutNorm = make([][]float32, len(c.cuts))
	for i := range c.cutNorm {
		c.cutNorm[i] = make([]float32, n)
	}
	for _, t := range common {
		for int(c.slot[t]) >= c.cuts[c.cutOf[t]] {
			c.cutOf[t]++
		}
		c.cutOf[t]++
	}
	largest := 1.0
	sq := make([]float64, len(c.cuts))
	for d := range n {
		clear(sq)
		for j, t := range ix.Space.Vectors[d].Terms {
			if uint(t) < uint(nTerms) && c.cutOf[t] != 0 {
				w := float64(float32(ix.Space.Vectors[d].Weights[j]))
				sq[c.cutOf[t]-1] += w * w
			}
		}
		sum := 0.0
		for i, x := range sq {
			sum += x
			c.cutNorm[i][d] = roundUp32(math.Sqrt(sum))
		}
		largest = max(largest, float64(c.cutNorm[len(c.cuts)-1][d]))
	}
	for i := range c.cuts {
		c.cutTypical = append(c.cutTypical, percentile90(c.cutNorm[i], largest))
	}
	c.groupScale = 254 / largest
	c.groupNorm = make([]uint8, n*commonGroups)
	c.docStart = make([]uint32, n+1)
	c.docTerms = make([]uint32, 0, entries)
	for d := range n {
		var sq [commonGroups]float64
		v := ix.Space.Vectors[d]
		for j, t := range v.Terms {
			if uint(t) >= uint(nTerms) || !c.isCommon(t) {
				continue
			}
			w := float64(float32(v.Weights[j]))
			steps := math.Ceil(w * weightSteps)
			if !(steps >= 0 && steps <= math.MaxUint16) { // not a normalised vector: a damaged file
				return nil, fmt.Errorf("rank: the index is damaged: document %d has weight %g: %w", d, w, sections.ErrFormat)
			}
			sq[c.group[t]] += w * w
			c.docTerms = append(c.docTerms, uint32(c.slot[t])<<16|uint32(steps))
		}
		for g, x := range sq {
			c.groupNorm[d*commonGroups+g] = uint8(math.Ceil(math.Sqrt(x) * c.groupScale))
		}
		if uint64(len(c.docTerms)) > math.MaxUint32 { // vectors longer than the postings: a damaged file
			return nil, fmt.Errorf("rank: the index is damaged: %d common terms in the vectors: %w", len(c.docTerms), sections.ErrFormat)
		}
		c.docStart[d+1] = uint32(len(c.docTerms))
	}
	return c, nil
}

// isCommon reports whether term t (within the vocabulary) is common.
func (c *commonTerms) isCommon(t int32) bool { return c.cutOf[t] != 0 }

// percentile90 is the 90th percentile of xs, values in [0, top], or at
// most top/1024 above it: it steers how much a list reads, and counting
// in a histogram takes a millisecond where sorting each cut's norms took
// ten.
func percentile90(xs []float32, top float64) float64 {
	const bins = 1024
	if len(xs) == 0 || !(top > 0) {
		return 0
	}
	var count [bins]int
	scale := bins / top
	for _, x := range xs {
		b := 0
		if f := float64(x) * scale; !(f < bins) { // NaN too: a damaged file
			b = bins - 1
		} else if f > 0 {
			b = int(f)
		}
		count[b]++
	}
	need := int(math.Ceil(0.9 * float64(len(xs))))
	sum := 0
	for b, c := range count {
		if sum += c; sum >= need {
			return float64(b+1) / scale
		}
	}
	return top
}

// roundUp32 is a float32 at least x, and at most two steps of float32
// above it (a norm: the square root's own rounding is a few parts in 1e16,
// the float32's in 1e8, so x is nudged by a part in 1e12 first, which
// takes a float32 already to the next).
func roundUp32(x float64) float32 {
	x *= 1 + 1e-12
	f := float32(x)
	if float64(f) < x {
		f = math.Nextafter32(f, float32(math.Inf(1)))
	}
	return f
}

// cut is the first of the cuts that holds every term of terms.
func (c *commonTerms) cut(terms []weightedTerm) int {
	last := -1
	for _, x := range terms {
		last = max(last, int(c.slot[x.term]))
	}
	i := 0
	for c.cuts[i] <= last {
		i++
	}
	return i
}

// prefetchTerms asks for the cache lines of document d's common terms
// (its start in docStart read, so best asked for earlier).
func (c *commonTerms) prefetchTerms(d int) {
	start, end := c.docStart[d], c.docStart[d+1]
	if start == end {
		return
	}
	for i := int(start); i < int(end); i += 16 { // 16 terms a 64-byte line
		prefetch.Line(unsafe.Pointer(&c.docTerms[i]))
	}
	prefetch.Line(unsafe.Pointer(&c.docTerms[end-1]))
}

// groupBound is the most document d's common terms add to a query whose
// norm on group groups[i] is groupWeight[i] (in units of a byte).
func (c *commonTerms) groupBound(d int, groups []int, groupWeight []float64) float64 {
	gn := c.groupNorm[d*commonGroups : (d+1)*commonGroups : (d+1)*commonGroups]
	groupWeight = groupWeight[:len(groups)]
	// Four sums, so that each addition need not wait for the one before.
	var s [4]float64
	for i, g := range groups {
		s[i&3] += groupWeight[i] * float64(gn[g])
	}
	return (s[0] + s[1]) + (s[2] + s[3])
}

// weightSteps: a common term's weight is kept in 16 bits, in steps of
// 1/weightSteps rounded up, so that a measure is over by less than the
// query's weights on the terms not read over weightSteps. A step short of
// the 16 bits' reach keeps room for a weight of 1 rounded up to float32
// (1 + 6e-8): capped, it would be measured under what it adds.
const weightSteps = math.MaxUint16 - 1

// rest is what document d's common terms add, at most, to a query whose
// weights on the common terms not read are rest (by slot, divided by
// weightSteps).
func (c *commonTerms) rest(rest []float64, d int) float64 {
	terms := c.docTerms[c.docStart[d]:c.docStart[d+1]]
	// Two sums, so that each addition need not wait for the one before.
	var a, b float64
	j := 0
	for ; j+2 <= len(terms); j += 2 {
		x := terms[j : j+2 : j+2]
		a += rest[x[0]>>16] * float64(x[0]&0xffff)
		b += rest[x[1]>>16] * float64(x[1]&0xffff)
	}
	if j < len(terms) {
		a += rest[terms[j]>>16] * float64(terms[j]&0xffff)
	}
	return a + b
}

// similar is Similar without feedback or candidates: it gives the results
// of Search(SimilarQuery(doc, q)) while reading only the postings of the
// query's terms that are not common.
//
// The row, as long as the collection and zeroed, receives the partial
// cosines; a document's cosine is at most its partial plus the query's
// norm on the common terms not read times its own on a cut that holds
// them (commonTerms). The documents with
// the largest partials are measured first (their partial and their common
// terms), which sets a bar below the lowest score of the final top; then
// every document whose bound reaches it is measured, and those whose
// measure reaches the top scored in full. A full score takes the cosine as
// a sparse dot product in term order: the products Search's accumulators
// add, in the same order, so the same bits and the same top. The row is
// left zeroed, and so is qt, as long as the vocabulary, which holds the
// query's terms meanwhile.
func (ix *Index) similar(doc int, q Query, s *scratch) ([]Result, Blend, error) {
	row, qt := s.row, s.qt
	q = ix.SimilarQuery(doc, q)
	b, err := ix.Blend(q)
	if err != nil {
		return nil, Blend{}, err
	}
	ct, err := ix.commonTerms()
	if err != nil {
		// A damaged vector (an index file read in place, with a weight
		// past 1): the exhaustive search needs no bounds.
		return ix.SearchBlend(q)
	}
	if len(s.rest) != ct.terms {
		s.rest = make([]float64, ct.terms)
	}
	rest := s.rest
	defer clear(rest)
	defer qt.clear(q.Vector.Terms)
	// The postings of the query's terms that are not common are read now;
	// those of its common terms, the commonest last, only as far as the
	// bar set by the seeds below needs.
	var skipped []weightedTerm
	// The row sums in float32 (half the memory, which a core's second
	// cache then holds): a partial is within eps of its exact sum, each
	// product and sum being rounded once, and every product and partial
	// of unit vectors at most 1.
	reads := 0
	eps := 0.0
	read := func(t int32, w float64) error {
		reads++
		eps = float64(reads+4) * 0x1p-23
		return ix.accumulate(row, t, w)
	}
	for i, t := range q.Vector.Terms {
		if t < 0 || int(t) >= len(ct.cutOf) {
			continue
		}
		w := q.Vector.Weights[i]
		qt.set(t, w)
		if ct.isCommon(t) {
			skipped = append(skipped, weightedTerm{t, w})
			rest[ct.slot[t]] = w / weightSteps
			continue
		}
		if err := read(t, w); err != nil {
			return nil, Blend{}, err
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
	// over is how much a measure may exceed a score: the rounding up of
	// the weights of the common terms not read, and twice the partial's.
	over := func() float64 {
		sum := 0.0
		for _, x := range skipped {
			sum += x.weight
		}
		return sc.text * (sum/weightSteps + 2*eps)
	}
	// measure is at least document d's score, and exceeds it by at most
	// over(): its partial p and its common terms not read, measured when
	// it can reach the bar.
	measure := func(d int, p, bar float64) (bounded, bool) {
		c := bounded{doc: int32(d)}
		if !sc.eligible(int32(d)) {
			return c, false
		}
		if sc.refDoc >= 0 {
			c.ref = ix.refs.similarity(sc.refDoc, d)
		}
		text := sc.text * (p + eps + ct.rest(rest, d))
		if text+sc.lambda+sc.rho*c.ref < bar {
			return c, false
		}
		if sc.qcodes != nil {
			c.msc = mscSimilarity(sc.qcodes, ix.docCodes(int32(d)))
		}
		c.bound = text + sc.lambda*c.msc + sc.rho*c.ref
		return c, c.bound >= bar && c.bound > 0
	}
	// floor holds the best measures met, less what they may be over: its
	// least, less the rounding, is below the least score of the final top.
	floor := newFloor(sc.top.k)
	// The documents with the largest partials first: they set the bar.
	seeds := make([]int32, 0, 4*sc.top.k)
	d := 0
	for ; d < len(row) && len(seeds) < cap(seeds); d++ {
		if row[d] != 0 {
			seeds = append(seeds, int32(d))
		}
	}
	slices.SortFunc(seeds, func(a, b int32) int { return cmpDesc(float64(row[a]), float64(row[b]), a, b) })
	if len(seeds) == cap(seeds) {
		least := row[seeds[len(seeds)-1]]
		for d = rowscan.Above(row, least, d); d < len(row); d = rowscan.Above(row, least, d+1) {
			p := row[d]
			i := sort.Search(len(seeds), func(i int) bool { return row[seeds[i]] < p })
			copy(seeds[i+1:], seeds[i:len(seeds)-1])
			seeds[i] = int32(d)
			least = row[seeds[len(seeds)-1]]
		}
	}
	seedOver := over()
	// Their common terms, asked for before any is measured, come from
	// memory together (the starts first: they say where the terms are).
	for _, d := range seeds {
		prefetch.Line(unsafe.Pointer(&ct.docStart[d]))
	}
	for _, d := range seeds {
		ct.prefetchTerms(int(d))
	}
	for _, d := range seeds {
		if c, ok := measure(int(d), float64(row[d]), math.Inf(-1)); ok {
			floor.add(c.doc, c.bound-seedOver)
		}
	}
	// A common term's postings are read while what the skipped terms add
	// to a typical document (the query's norm on them times the
	// document's norm on the cut that holds them, see commonTerms) is above
	// a share of the bar: the bound is loose (Cauchy-Schwarz), and
	// measuring the many documents it lets through costs more than
	// reading the list.
	qCommon, cut := qSkipped(), ct.cut(skipped)
	for len(skipped) > 0 && qCommon*ct.cutTypical[cut] > readShare*floor.bar() {
		x := skipped[len(skipped)-1]
		skipped = skipped[:len(skipped)-1]
		if err := read(x.term, x.weight); err != nil {
			return nil, Blend{}, err
		}
		rest[ct.slot[x.term]] = 0
		qCommon, cut = qSkipped(), ct.cut(skipped)
	}
	// What the skipped terms add to a document is at most qCommon times
	// its norm on the cut that holds them.
	cutNorm := ct.cutNorm[cut]
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
	// Every document whose bound reaches the bar is measured, and kept
	// if its measure does; the bar rises with the measures.
	others := sc.lambda + sc.rho // the most codes and references can add
	scanOver := over()
	bar := floor.bar()
	var cands []bounded
	// A document that passes the first bound waits for its group bound
	// until a few more have, and one that passes the group bound waits as
	// long for its measure: what each reads, asked for when it is queued,
	// comes from memory meanwhile (the measures' share of an export's
	// samples went from 11.7% to 2.3%).
	var toGroup, toMeasure delayLine
	measured := func(x pending) {
		c, ok := measure(x.d, x.p, bar)
		if !ok {
			return
		}
		if floor.add(c.doc, c.bound-scanOver) {
			bar = floor.bar()
		}
		cands = append(cands, c)
	}
	grouped := func(x pending) {
		common := ct.groupBound(x.d, groups, groupWeight)
		if sc.text*(x.p+eps+min(common, qCommon*float64(cutNorm[x.d])))+others < bar {
			return
		}
		ct.prefetchTerms(x.d)
		if y, ok := toMeasure.push(x); ok {
			measured(y)
		}
	}
	// The scan lets through, comparing eight documents a step, a superset
	// of those the first bound keeps, and zeroes the row behind it.
	q32 := roundUp32(qCommon)
	for d := rowscan.Reach(row, cutNorm, q32, scanLimit(bar, others, sc.text, eps), 0); d < len(row); d = rowscan.Reach(row, cutNorm, q32, scanLimit(bar, others, sc.text, eps), d+1) {
		p := float64(row[d])
		row[d] = 0
		common := qCommon * float64(cutNorm[d])
		if sc.text*(p+eps+common)+others < bar || (p == 0 && common == 0 && others == 0) {
			continue
		}
		prefetch.Line(unsafe.Pointer(&ct.groupNorm[d*commonGroups]))
		prefetch.Line(unsafe.Pointer(&ct.docStart[d]))
		if y, ok := toGroup.push(pending{d, p}); ok {
			grouped(y)
		}
	}
	toGroup.drain(grouped)
	toMeasure.drain(measured)
	// bar is the least score a document needs to enter the kept top.
	topBar := func() float64 {
		if len(sc.top.heap) < sc.top.k {
			return math.Inf(-1)
		}
		return sc.top.heap[0].score - boundSlack
	}
	// Scored in full, best measure first, until the measures fall below
	// the kept top.
	slices.SortFunc(cands, func(a, b bounded) int { return cmpDesc(a.bound, b.bound, a.doc, b.doc) })

	// A document's vector, asked for while the one before is scored,
	// comes from memory meanwhile.
	if len(cands) > 0 {
		ix.prefetchVector(int(cands[0].doc))
	}
	for i, c := range cands {
		if c.bound < topBar() {
			break
		}
		if i+1 < len(cands) {
			ix.prefetchVector(int(cands[i+1].doc))
		}
		sc.add(c.doc, ix.dot(qt, int(c.doc)), c.msc, c.ref)
	}
	return ix.finish(q, b, sc.top), b, nil
}

// pending is a document let through by a bound, and its partial.
type pending struct {
	d int
	p float64
}

// delayLine hands back each document pushed after delayLength more were
// (or when drained), so that what the next step reads of it, asked for from
// memory when it was pushed, has arrived.
type delayLine struct {
	ring [delayLength]pending
	n    int
}

const delayLength = 4

// push queues x and returns the document pushed delayLength pushes
// before, if any.
func (l *delayLine) push(x pending) (pending, bool) {
	slot := &l.ring[l.n%delayLength]
	out, ok := *slot, l.n >= delayLength
	*slot = x
	l.n++
	return out, ok
}

// drain passes the documents still queued to f, oldest first.
func (l *delayLine) drain(f func(pending)) {
	for i := max(0, l.n-delayLength); i < l.n; i++ {
		f(l.ring[i%delayLength])
	}
	l.n = 0
}

// floor keeps the k best measures of distinct documents, least first (k
// is a list's length: a sorted slice is all it takes).
type floor struct {
	k    int
	best []measured
}

type measured struct {
	score float64
	doc   int32
}

func newFloor(k int) *floor {
	return &floor{k: k, best: make([]measured, 0, k+1)}
}

// bar is the least score the final top will hold, less rounding: -Inf
// until k documents were measured.
func (f *floor) bar() float64 {
	if len(f.best) < f.k || f.k == 0 {
		return math.Inf(-1)
	}
	return f.best[0].score - measureSlack
}

// measureSlack: a measure adds the same products as a full score in
// another order; the difference is of the order of 1e-16 times the
// number of terms.
const measureSlack = 1e-9

// add keeps a measure if it is among the k best, and reports whether the
// bar rose.
func (f *floor) add(d int32, score float64) bool {
	if score <= measureSlack || f.k == 0 {
		return false
	}
	full := len(f.best) == f.k
	if full && score <= f.best[0].score {
		return false
	}
	if slices.ContainsFunc(f.best, func(m measured) bool { return m.doc == d }) {
		return false
	}
	i, _ := slices.BinarySearchFunc(f.best, score, func(m measured, s float64) int { return cmp.Compare(m.score, s) })
	f.best = slices.Insert(f.best, i, measured{score, d})
	if full {
		f.best = slices.Delete(f.best, 0, 1)
	}
	return len(f.best) == f.k
}

// scanLimit is a float32 below which a document's partial plus its common
// bound, summed in float32 by rowscan.Reach, cannot be if the document
// passes the first bound, text·(p + eps + common) + others ≥ bar, as
// computed in float64: the limit in units of the partial, less what
// float32 rounding of sums of a few units (the weights are of unit
// vectors) can take off, and less what float64 rounding of the bound can,
// which in those units grows as the text's weight shrinks (a blend of
// text 1e-11 and codes and references 0.6 needs it).
func scanLimit(bar, others, text, eps float64) float32 {
	if !(text > 0) {
		return float32(math.Inf(-1))
	}
	l := (bar-others)/text - eps
	l -= 1e-6*max(1, math.Abs(l)) + 0x1p-48*(math.Abs(bar)+math.Abs(others))/text
	if !(l > -math.MaxFloat32) { // -Inf before k measures; NaN
		return float32(math.Inf(-1))
	}
	f := float32(l)
	if float64(f) > l {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}

// readShare: common terms are read until the query's norm on those left
// times a typical document's on their cut (the 90th percentile) is at
// most this share of the bar. Measured on 2,500 lists of the generator's
// 100,000 records (CPU time, median of five, alternated): 0.4 2.78 s, 0.5
// 2.64 s, 0.6 2.76 s, 0.75 3.32 s; on 5,000 of make_corpus.py's: 1.67,
// 1.58, 1.54 s (0.4, 0.5, 0.6). The less is read, the more documents the
// bounds let through to be measured: at 0.5 a generator's list reads 308,000
// postings of common terms and measures 430 documents; at 0.75, 158,000
// and 1,280.
const readShare = 0.5

type weightedTerm struct {
	term   int32
	weight float64
}

// accumulate adds the products of term t's postings with weight w to row;
// on error the row is zeroed, as callers expect it left.
func (ix *Index) accumulate(row []float32, t int32, w float64) error {
	docs, weights, err := ix.postingList(t)
	if err != nil {
		clear(row)
		return err
	}
	addProducts(row, docs, weights, w)
	return nil
}

// addProducts adds w times each weight to the row at its document. It is
// most of the time of an export: four at a time, with the bounds of
// each four checked once, it takes a third less.
func addProducts(row []float32, docs []int32, weights []float32, w64 float64) {
	weights = weights[:len(docs)]
	w := float32(w64)
	j := 0
	for ; j+4 <= len(docs); j += 4 {
		d, x := docs[j:j+4:j+4], weights[j:j+4:j+4]
		row[d[0]] += w * x[0]
		row[d[1]] += w * x[1]
		row[d[2]] += w * x[2]
		row[d[3]] += w * x[3]
	}
	for ; j < len(docs); j++ {
		row[docs[j]] += w * weights[j]
	}
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

// prefetchVector asks for the cache lines of document d's vector.
func (ix *Index) prefetchVector(d int) {
	v := ix.Space.Vectors[d]
	for i := 0; i < len(v.Terms); i += 16 { // 16 terms a 64-byte line
		prefetch.Line(unsafe.Pointer(&v.Terms[i]))
	}
	for i := 0; i < len(v.Weights); i += 8 {
		prefetch.Line(unsafe.Pointer(&v.Weights[i]))
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
