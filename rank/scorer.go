package rank

import (
	"slices"

	"github.com/related/related/corpus"
)

// scorer finds one query's best candidates: it scores every document
// that shares a term, a 2-digit area (when codes count) or a cited work
// (when references count) with the query.
type scorer struct {
	ix     *Index
	q      Query
	s      *scratch
	top    *topK
	lambda float64 // λ_q
	rho    float64 // reference weight
	text   float64 // 1 - λ_q - ρ
	codes  []string
	qcodes []mcode // nil when codes do not count
	refDoc int     // -1 when references do not count
	prefix string
}

func (ix *Index) newScorer(q Query, b Blend, want int) *scorer {
	s := ix.scratch.Get().(*scratch)
	s.epoch++
	if s.epoch == 0 { // wrapped: marks from 2^32 searches ago would match
		clear(s.mark)
		s.epoch = 1
	}
	s.touched = s.touched[:0]
	sc := ix.blendScorer(q, b, want)
	sc.s = s
	return sc
}

// blendScorer is a scorer of q's blend without working memory, for the
// passes that keep their own (similar).
func (ix *Index) blendScorer(q Query, b Blend, want int) *scorer {
	sc := &scorer{ix: ix, q: q, top: newTopK(want, ix), lambda: b.Lambda, rho: b.Refs,
		text: 1 - b.Lambda - b.Refs, refDoc: -1, prefix: normalizePrefix(q.MSCPrefix)}
	if b.Lambda > 0 {
		sc.codes = b.Codes.Codes
		sc.qcodes = compileCodes(b.Codes)
	}
	if b.Refs > 0 {
		sc.refDoc = q.refDoc - 1
	}
	return sc
}

func (sc *scorer) release() { sc.ix.scratch.Put(sc.s) }

// eligible reports whether a document may be a result at all.
func (sc *scorer) eligible(d int32) bool {
	for _, e := range sc.q.Exclude {
		if int32(e) == d {
			return false
		}
	}
	return sc.prefix == "" || sc.ix.hasPrefix(d, sc.prefix)
}

// score blends a document's parts, given its cosine, and keeps it if it
// enters the top; when even a perfect code match could not, the codes are
// not compared (exact: rounding is monotone).
func (sc *scorer) score(d int32, cos float64) {
	msc, ref := 0.0, 0.0
	if sc.refDoc >= 0 {
		ref = sc.ix.refs.similarity(sc.refDoc, int(d))
	}
	if sc.qcodes != nil {
		if len(sc.top.heap) == sc.top.k && sc.text*cos+sc.lambda+sc.rho*ref < sc.top.heap[0].score {
			return
		}
		msc = mscSimilarity(sc.qcodes, sc.ix.docCodes(d))
	}
	sc.add(d, cos, msc, ref)
}

// add blends a document's parts, computed already, and keeps it if it
// enters the top.
func (sc *scorer) add(d int32, cos, msc, ref float64) {
	score := sc.text*cos + sc.lambda*msc + sc.rho*ref
	if score <= 0 {
		return
	}
	sc.top.push(candidate{doc: d, score: score, cos: cos, msc: msc, ref: ref})
}

// exhaustive accumulates the cosines over the query's posting lists, in
// term order, then scores every document met, or every candidate of
// Query.Candidates.
func (sc *scorer) exhaustive() (*topK, error) {
	ix, q, s := sc.ix, sc.q, sc.s
	for i, t := range q.Vector.Terms {
		docs, weights, err := ix.postingList(t)
		if err != nil {
			return nil, err
		}
		qw := q.Vector.Weights[i]
		for j, d := range docs {
			s.touch(d)
			s.acc[d] += qw * float64(weights[j])
		}
	}
	if sc.qcodes != nil {
		seen := map[string]bool{}
		for _, c := range sc.codes {
			a := corpus.CodePrefix(c, 1)
			if seen[a] {
				continue
			}
			seen[a] = true
			for _, d := range ix.areas[a] {
				s.touch(d)
			}
		}
	}
	if sc.refDoc >= 0 {
		for _, w := range ix.refs.vecs[sc.refDoc] {
			for _, d := range ix.refs.works[w.work] {
				s.touch(d)
			}
		}
	}
	docs := s.touched
	if q.Candidates != nil {
		docs = make([]int32, 0, len(q.Candidates))
		for _, c := range q.Candidates {
			if c < 0 || c >= ix.Len() {
				return nil, badQuery("candidates", "hold %d, not a document (0..%d)", c, ix.Len()-1)
			}
			s.touch(int32(c)) // a candidate that shares nothing scores 0
			docs = append(docs, int32(c))
		}
		slices.Sort(docs)
		docs = slices.Compact(docs)
	}
	for _, d := range docs {
		if sc.eligible(d) {
			sc.score(d, s.acc[d])
		}
	}
	return sc.top, nil
}
