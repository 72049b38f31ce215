package rank

import "github.com/related/related/corpus"

// mcode is an MSC code compiled for MSCSimilarity's inner loop: its five
// characters packed into an integer (so that the 2- and 3-character
// prefixes are shifts), its depth and its weight in its set.
type mcode struct {
	key   uint64
	depth int
	w     float64
}

// compileCodes compiles a code set; the codes keep their order.
func compileCodes(c CodeSet) []mcode {
	return appendCompiled(make([]mcode, 0, len(c.Codes)), c)
}

// appendCompiled appends a code set compiled to out, so that the codes of
// a whole library are one allocation.
func appendCompiled(out []mcode, c CodeSet) []mcode {
	for _, code := range c.Codes {
		m := mcode{depth: corpus.CodeDepth(code), w: c.weight(code)}
		if m.depth > 0 { // depth > 0 means five characters
			for j := range 5 {
				m.key = m.key<<8 | uint64(code[j])
			}
		}
		out = append(out, m)
	}
	return out
}

// sharedDepth is corpus.SharedDepth on compiled codes.
func sharedDepth(a, b mcode) int {
	d := min(a.depth, b.depth)
	if d >= 3 && a.key == b.key {
		return 3
	}
	if d >= 2 && a.key>>16 == b.key>>16 {
		return 2
	}
	if d >= 1 && a.key>>24 == b.key>>24 {
		return 1
	}
	return 0
}

// mscSimilarity is MSCSimilarity on compiled code sets: the same
// operations in the same order, so the same result to the last bit.
func mscSimilarity(a, b []mcode) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	return (mcoverage(a, b) + mcoverage(b, a)) / 2
}

func mcoverage(a, b []mcode) float64 {
	var sum, total float64
	for _, x := range a {
		total += x.w
		best := 0
		for _, y := range b {
			if d := sharedDepth(x, y); d > best {
				best = d
				if d == 3 {
					break
				}
			}
		}
		sum += x.w * depthScore[best]
	}
	return sum / total
}
