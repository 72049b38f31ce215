// Package rank finds related documents: an inverted index over the
// document vectors, a top-k search that scores only the documents sharing
// a term (or, when codes count, an MSC area) with the query, a similarity
// of MSC code sets that respects the classification's hierarchy, and an
// explanation of every result.
//
// The score of a document d for a query q is
//
//	score(q,d) = (1-λ)·cos(q,d) + λ·msc(q,d)
//
// where cos is the dot product of the L2-normalised vectors (package
// vectorize) and msc is MSCSimilarity: with s(a,b) = 1, ½ or ¼ when codes
// a and b agree at the full code (65K10), the 3-character area (65K) or
// the 2-digit area (65), 0 otherwise, and weights w(c) = 2 for a primary
// code and 1 for the others (all 1 when the source marks no primary),
//
//	msc(A,B) = ½·[ Σ_a w(a)·max_b s(a,b) / Σ_a w(a) + Σ_b w(b)·max_a s(a,b) / Σ_b w(b) ]
//
// so 65K10 is closer to 65K05 (½) than to 65N30 (¼), and to 65N30 than to
// 90C25 (0). Results come best first; equal scores are ordered by id.
//
// Each result lists the terms that contributed most to its cosine (as the
// words readers know, not stems) and the codes it shares with the query at
// their deepest shared level.
package rank
