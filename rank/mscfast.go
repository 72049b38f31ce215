package rank

import "github.com/related/related/corpus"

// mcode is an MSC code compiled for MSCSimilarity's inner loop, in one
// word (a library's codes are compiled when an index opens: 24 bytes a
// code were 7 MB to make at 100k records): its five characters packed
// into the low 40 bits (so that the 2- and 3-character prefixes are
// shifts), its depth in the next two, and whether it is its set's primary
// code, which gives its weight.
type mcode uint64

const (
	mcodeKeyBits = 40
	mcodeKeyMask = 1<<mcodeKeyBits - 1
	mcodePrimary = 1 << (mcodeKeyBits + 2)
)

func newMcode(key uint64, depth int, primary bool) mcode {
	m := mcode(key) | mcode(depth)<<mcodeKeyBits
	if primary {
		m |= mcodePrimary
	}
	return m
}

func (m mcode) key() uint64 { return uint64(m) & mcodeKeyMask }
func (m mcode) depth() int  { return int(m>>mcodeKeyBits) & 3 }

// w is the code's weight in its set (CodeSet.weight).
func (m mcode) w() float64 {
	if m&mcodePrimary != 0 {
		return primaryWeight
	}
	return 1
}

// compileCodes compiles a code set; the codes keep their order.
func compileCodes(c CodeSet) []mcode {
	return appendCompiled(make([]mcode, 0, len(c.Codes)), c)
}

// appendCompiled appends a code set compiled to out, so that the codes of
// a whole library are one allocation.
func appendCompiled(out []mcode, c CodeSet) []mcode {
	for _, code := range c.Codes {
		depth, key := corpus.CodeDepth(code), uint64(0)
		if depth > 0 { // depth > 0 means five characters
			for j := range 5 {
				key = key<<8 | uint64(code[j])
			}
		}
		out = append(out, newMcode(key, depth, c.Primary != "" && code == c.Primary))
	}
	return out
}

// sharedDepth is corpus.SharedDepth on compiled codes.
func sharedDepth(a, b mcode) int {
	d := min(a.depth(), b.depth())
	ka, kb := a.key(), b.key()
	if d >= 3 && ka == kb {
		return 3
	}
	if d >= 2 && ka>>16 == kb>>16 {
		return 2
	}
	if d >= 1 && ka>>24 == kb>>24 {
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
		total += x.w()
		best := 0
		for _, y := range b {
			if d := sharedDepth(x, y); d > best {
				best = d
				if d == 3 {
					break
				}
			}
		}
		sum += x.w() * depthScore[best]
	}
	return sum / total
}
