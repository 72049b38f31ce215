package rank

import (
	"github.com/related/related/corpus"
)

// Level scores: how much two codes agreeing at a depth are worth.
var depthScore = [4]float64{0, 0.25, 0.5, 1}

// Primary codes weigh twice as much as secondary ones, where the source
// marks a primary code.
const primaryWeight = 2.0

// CodeSet is a record's codes and its primary code ("" when unknown).
type CodeSet struct {
	Codes   []string
	Primary string
	// FromCategories is set when the codes are the MSC areas of the
	// record's arXiv categories (corpus.CategoryAreas), for a record that
	// has no MSC codes.
	FromCategories bool
}

func (c CodeSet) weight(code string) float64 {
	if c.Primary != "" && code == c.Primary {
		return primaryWeight
	}
	return 1
}

// MSCSimilarity compares two code sets, respecting the hierarchy. With
// s(a,b) = 1, ½ or ¼ when a and b agree at the full code, the 3-character
// area or the 2-digit area (0 otherwise), and w(c) = 2 for a primary code,
// 1 for the others,
//
//	msc(A,B) = ½ · [ Σ_a w(a)·max_b s(a,b) / Σ_a w(a)
//	               + Σ_b w(b)·max_a s(a,b) / Σ_b w(b) ]
//
// It is symmetric, in [0,1], 1 when every code of each side has its equal
// on the other, and 0 when either side has no codes.
func MSCSimilarity(a, b CodeSet) float64 {
	if len(a.Codes) == 0 || len(b.Codes) == 0 {
		return 0
	}
	return (coverage(a, b) + coverage(b, a)) / 2
}

// coverage is the weighted share of a's codes found in b.
func coverage(a, b CodeSet) float64 {
	var sum, total float64
	for _, x := range a.Codes {
		w := a.weight(x)
		total += w
		best := 0
		for _, y := range b.Codes {
			if d := corpus.SharedDepth(x, y); d > best {
				best = d
				if d == 3 {
					break
				}
			}
		}
		sum += w * depthScore[best]
	}
	return sum / total
}

// CodeMatch explains one agreement of codes: the query's code, the
// result's code, and the deepest level they share.
type CodeMatch struct {
	Query  string `json:"query"`
	Result string `json:"result"`
	Depth  int    `json:"depth"`  // 3 full code, 2 3-character area, 1 2-digit area
	Shared string `json:"shared"` // the shared level as MSC writes it: 65K10, 65Kxx, 65-XX
}

// SharedLabel writes the level two codes share: the code itself, its
// 3-character area ("65Kxx") or its 2-digit area ("65-XX").
func SharedLabel(code string, depth int) string {
	switch depth {
	case 3:
		return code
	case 2:
		return corpus.CodePrefix(code, 2) + "xx"
	case 1:
		return corpus.CodePrefix(code, 1) + "-XX"
	}
	return ""
}

// MatchCodes lists, for each of the query's codes (primary first), its
// deepest agreement with the result's codes; codes with none are left
// out, and each shared level is listed once.
func MatchCodes(query, result CodeSet) []CodeMatch {
	var out []CodeMatch
	seen := map[string]bool{}
	for _, q := range query.Codes {
		best, bestCode := 0, ""
		for _, r := range result.Codes {
			if d := corpus.SharedDepth(q, r); d > best {
				best, bestCode = d, r
			}
		}
		if best == 0 {
			continue
		}
		label := SharedLabel(q, best)
		if seen[label] {
			continue
		}
		seen[label] = true
		out = append(out, CodeMatch{Query: q, Result: bestCode, Depth: best, Shared: label})
	}
	// A shared area says nothing more when a deeper agreement within it
	// is listed: 68T99 shared makes 68-XX redundant.
	kept := out[:0]
	for _, m := range out {
		implied := false
		for _, o := range out {
			if o.Depth > m.Depth && corpus.CodePrefix(o.Query, m.Depth) == corpus.CodePrefix(m.Query, m.Depth) {
				implied = true
				break
			}
		}
		if !implied {
			kept = append(kept, m)
		}
	}
	return kept
}
